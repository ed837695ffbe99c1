import { registry } from "@web/core/registry";
import { openApp } from "@tiep_cong_dan_truc_tuyen/../tests/tours/tcd_tour_utils";

registry.category("web_tour.tours").add("tcd_config_settings_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        {
            content: "The app opens on the sessions' calendar",
            trigger: ".o_calendar_view .fc-view",
        },
        {
            content: "Open the configuration menu",
            trigger: '.o_main_navbar button[data-menu-xmlid="tiep_cong_dan_truc_tuyen.tcd_menu_configuration"]',
            run: "click",
        },
        {
            content: "Open the settings",
            trigger: '.o-dropdown-item[data-menu-xmlid="tiep_cong_dan_truc_tuyen.tcd_config_settings_menu"]',
            run: "click",
        },
        {
            content: "The settings show the deadline alerts",
            trigger: ".o_setting_container #tcd_deadline_warning .o_field_widget[name=tcd_deadline_warning_days] input",
            run: "edit 4",
        },
        {
            content: "Save",
            trigger: ".o_control_panel .o_form_button_save",
            run: "click",
        },
        {
            content: "The settings reload with the saved value, nothing left to save",
            trigger:
                ".o_form_renderer:not(.o_form_dirty) .o_setting_container .o_field_widget[name=tcd_deadline_warning_days] input:value(4)",
        },
    ],
});
