from odoo.tests import TransactionCase, new_test_user

MODULE = "tiep_cong_dan_truc_tuyen"


class TcdCommon(TransactionCase):
    """Two provinces with their agencies, bridge points and one user per access level.

    Built here rather than taken from the demo data, so that the tests run on a
    database installed without demo data too.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Agency = cls.env["tcd.agency"]
        unit = cls.env.ref
        cls.central = Agency.create(
            {"name": "Ban Tiếp công dân Trung ương (test)", "level": "central", "kind": "reception_board"}
        )
        cls.prov_a = Agency.create(
            {
                "name": "UBND tỉnh A",
                "level": "province",
                "kind": "people_committee",
                "admin_unit_id": unit(f"{MODULE}.admin_unit_51").id,
            }
        )
        cls.board_a = Agency.create(
            {"name": "Ban TCD tỉnh A", "level": "province", "kind": "reception_board", "parent_id": cls.prov_a.id}
        )
        cls.dept_a = Agency.create(
            {"name": "Sở Tài chính tỉnh A", "level": "department", "kind": "dept_finance", "parent_id": cls.prov_a.id}
        )
        cls.commune_a1 = Agency.create(
            {
                "name": "UBND xã A1",
                "level": "commune",
                "kind": "people_committee",
                "parent_id": cls.prov_a.id,
                "admin_unit_id": unit(f"{MODULE}.admin_unit_21040").id,
            }
        )
        cls.commune_a2 = Agency.create(
            {
                "name": "UBND xã A2",
                "level": "commune",
                "kind": "people_committee",
                "parent_id": cls.prov_a.id,
                "admin_unit_id": unit(f"{MODULE}.admin_unit_21115").id,
            }
        )
        cls.prov_b = Agency.create(
            {
                "name": "UBND tỉnh B",
                "level": "province",
                "kind": "people_committee",
                "admin_unit_id": unit(f"{MODULE}.admin_unit_52").id,
            }
        )
        cls.commune_b1 = Agency.create(
            {
                "name": "UBND xã B1",
                "level": "commune",
                "kind": "people_committee",
                "parent_id": cls.prov_b.id,
                "admin_unit_id": unit(f"{MODULE}.admin_unit_21609").id,
            }
        )

        Point = cls.env["tcd.bridge.point"]
        cls.point_central = Point.create(
            {
                "name": "ĐC Trung ương",
                "agency_id": cls.central.id,
                "is_central": True,
                "is_delegate": False,
                "platform_account": "tw",
                "platform_password": "secret-tw",
            }
        )
        cls.point_board_a = Point.create(
            {
                "name": "ĐC Ban TCD tỉnh A",
                "agency_id": cls.board_a.id,
                "is_central": True,
                "platform_password": "secret-a",
            }
        )
        cls.point_dept_a = Point.create({"name": "ĐC Sở Tài chính A", "agency_id": cls.dept_a.id})
        cls.point_a1 = Point.create(
            {
                "name": "ĐC xã A1",
                "agency_id": cls.commune_a1.id,
                "platform_account": "a1",
                "platform_password": "secret-a1",
            }
        )
        cls.point_a2 = Point.create({"name": "ĐC xã A2", "agency_id": cls.commune_a2.id})
        cls.point_b1 = Point.create({"name": "ĐC xã B1", "agency_id": cls.commune_b1.id})
        cls.all_points = (
            cls.point_central | cls.point_board_a | cls.point_dept_a | cls.point_a1 | cls.point_a2 | cls.point_b1
        )

        def user(login, groups, agency):
            return new_test_user(cls.env, login=login, groups=groups, tcd_agency_id=agency.id)

        g = f"{MODULE}.group_tcd_"
        cls.officer_a1 = user("officer_a1", g + "officer", cls.commune_a1)
        cls.technician_a1 = user("technician_a1", g + "technician", cls.commune_a1)
        cls.officer_dept_a = user("officer_dept_a", g + "officer", cls.dept_a)
        cls.province_officer_a = user("province_a", g + "province_officer", cls.board_a)
        cls.leader_a = user("leader_a", g + "leader," + g + "province_officer", cls.prov_a)
        cls.finance_a = user("finance_a", g + "finance", cls.dept_a)
        cls.central_officer = user("central", g + "central_officer", cls.central)
        cls.tcd_admin = user("tcd_admin", g + "admin", cls.central)
        cls.internal_user = new_test_user(cls.env, login="plain_internal", groups="base.group_user")
