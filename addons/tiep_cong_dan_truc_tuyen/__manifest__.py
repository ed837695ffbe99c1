{
    "name": "Tiếp công dân trực tuyến",
    "summary": "Online citizen reception for Vietnamese state agencies: agencies, "
    "administrative units, bridge points and access levels",
    "version": "18.0.1.0.0",
    "category": "Services/Citizen Reception",
    "author": "Tiếp công dân trực tuyến team",
    "website": "https://github.com/tiep-cong-dan-truc-tuyen",
    "license": "LGPL-3",
    "depends": ["mail", "web_hierarchy"],
    "data": [
        "security/tcd_security.xml",
        "security/ir.model.access.csv",
        "security/tcd_rules.xml",
        "data/tcd.admin.unit.csv",
        "data/tcd_duty_data.xml",
        "data/tcd_conference_platform_data.xml",
        "views/tcd_admin_unit_views.xml",
        "views/tcd_duty_views.xml",
        "views/tcd_conference_platform_views.xml",
        "views/tcd_agency_views.xml",
        "views/tcd_bridge_point_views.xml",
        "views/res_users_views.xml",
        "views/tcd_menus.xml",
    ],
    "demo": [
        "demo/tcd_demo_lang.xml",
        "demo/tcd_agency_demo.xml",
        "demo/tcd_bridge_point_demo.xml",
        "demo/res_users_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "tiep_cong_dan_truc_tuyen/static/tests/tours/*.js",
        ],
    },
    "application": True,
    "installable": True,
}
