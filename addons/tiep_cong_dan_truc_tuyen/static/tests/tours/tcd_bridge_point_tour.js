import { registry } from "@web/core/registry";
import { openApp } from "@tiep_cong_dan_truc_tuyen/../tests/tours/tcd_tour_utils";

registry.category("web_tour.tours").add("tcd_bridge_point_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        {
            content: "The app opens on the sessions' calendar",
            trigger: ".o_calendar_view .fc-view",
        },
        {
            content: "Open the infrastructure menu",
            trigger: '.o_main_navbar button[data-menu-xmlid="tiep_cong_dan_truc_tuyen.tcd_menu_infrastructure"]',
            run: "click",
        },
        {
            content: "Open the bridge points",
            trigger: '.o-dropdown-item[data-menu-xmlid="tiep_cong_dan_truc_tuyen.tcd_bridge_point_menu"]',
            run: "click",
        },
        {
            content: "The list shows the bridge point of the officer's commune",
            trigger: ".o_list_view .o_data_row td[name=name]:contains('Tour ĐC xã A1')",
        },
        {
            content: "and nothing of another commune",
            trigger: ".o_list_view:not(:has(.o_data_row td[name=name]:contains('Tour ĐC xã B1')))",
        },
        {
            content: "Open the bridge point",
            trigger: ".o_list_view .o_data_row td[name=name]:contains('Tour ĐC xã A1')",
            run: "click",
        },
        {
            content: "The form shows the point, read-only for a reception officer",
            trigger: ".o_form_view .o_field_widget[name=name]:contains('Tour ĐC xã A1')",
        },
        {
            content: "The platform password is not shown to a reception officer",
            trigger: ".o_form_view:not(:has(.o_field_widget[name=platform_password]))",
        },
        {
            content: "Bandwidth of a delegate point",
            trigger: ".o_form_view .o_field_widget[name=required_bandwidth]:contains('5.00')",
        },
    ],
});
