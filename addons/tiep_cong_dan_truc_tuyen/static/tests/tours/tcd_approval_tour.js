import { registry } from "@web/core/registry";

/**
 * A leader reaches what waits for their approval from the activities of the top bar (the clock), opens it and
 * approves it (tests/test_session_day_tour.py).
 */

// the summaries of the approval activities (tiep_cong_dan_truc_tuyen.mail_activity_type_tcd_approval)
const PLAN_APPROVAL = "Approve the plan of";
const CASE_APPROVAL = "Approve the online reception of";

/** The steps from the activities' menu to the form of the record of ``model`` whose subject is ``subject``. */
function openFromActivities(model, subject, summary) {
    return [
        {
            content: "Open the activities (the clock of the top bar)",
            trigger: ".o_menu_systray .o-mail-ActivityMenu-counter",
            run: "click",
        },
        {
            content: "Open the activities waiting on these records",
            trigger: `.o-mail-ActivityMenu .o-mail-ActivityGroup[data-model_name='${model}']`,
            run: "click",
        },
        {
            content: "Open the record waiting for approval",
            trigger: `.o_list_view .o_data_row td[name=subject]:contains('${subject}')`,
            run: "click",
        },
        {
            content: "Its form shows the approval activity",
            trigger: `.o_form_view .o-mail-Activity:contains('${summary}')`,
        },
    ];
}

registry.category("web_tour.tours").add("tcd_approval_plan_tour", {
    url: "/odoo",
    steps: () => [
        ...openFromActivities("tcd.session", "Tour: phê duyệt kế hoạch", PLAN_APPROVAL),
        {
            content: "Approve the plan",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_approve_plan]",
            run: "click",
        },
        {
            content: "The plan is approved",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value=plan_approved]",
        },
        {
            content: "and the approval activity is done",
            trigger: `.o_form_view:not(:has(.o-mail-Activity:contains('${PLAN_APPROVAL}')))`,
        },
    ],
});

registry.category("web_tour.tours").add("tcd_approval_case_tour", {
    url: "/odoo",
    steps: () => [
        ...openFromActivities("tcd.case", "Tour: tranh chấp lối đi", CASE_APPROVAL),
        {
            content: "Approve the online reception of the case",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_approve]",
            run: "click",
        },
        {
            content: "The case is approved",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value=approved]",
        },
        {
            content: "and the approval activity is done",
            trigger: `.o_form_view:not(:has(.o-mail-Activity:contains('${CASE_APPROVAL}')))`,
        },
    ],
});
