import { stepUtils } from "@web_tour/tour_service/tour_utils";

/** The steps that open the online citizen reception app from the home menu. */
export function openApp() {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the online citizen reception app",
            trigger: '.o_app[data-menu-xmlid="tiep_cong_dan_truc_tuyen.tcd_menu_root"]',
            run: "click",
        },
    ];
}
