import { registry } from "@web/core/registry";
import { openApp } from "@tiep_cong_dan_truc_tuyen/../tests/tours/tcd_tour_utils";

/**
 * The day of a session, as its people click through it (tests/test_session_day_tour.py): the host's officer
 * starts the session and records who is there, the central point's technician notes an incident, the officer
 * writes the minutes and ends it, the technician uploads the recording, the chair issues the conclusion notice
 * and the officer closes the file.
 */

const SUBJECT = "Tour: tiếp công dân đột xuất";
const FORM = ".o_form_view .o_form_renderer";
const POINTS = ".o_field_widget[name=attendance_line_ids]";
const INCIDENTS = ".o_field_widget[name=incident_ids]";
const PARTICIPANTS = ".o_field_widget[name=participant_ids]";
const OUTCOMES = ".o_field_widget[name=outcome_line_ids]";

/** The step waiting for the session's form in ``state`` (its statusbar). */
function inState(state, content) {
    return {
        content: content || `The session is in the state ${state}`,
        trigger: `${FORM} .o_statusbar_status button.o_arrow_button_current[data-value=${state}]`,
    };
}

/** The steps clicking the header button ``name`` and confirming its dialog. */
function clickConfirmed(name, content) {
    return [
        {
            content,
            trigger: `${FORM} .o_statusbar_buttons button[name=${name}]`,
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
    ];
}

/** The steps opening the notebook page ``name`` of the session's form. */
function openPage(name, content) {
    return {
        content: content || `Open the tab ${name}`,
        trigger: `${FORM} .o_notebook .nav-link[name=${name}]`,
        run: "click",
    };
}

/** The steps saving the form, and waiting for it to be saved. */
function save() {
    return [
        {
            content: "Save",
            trigger: ".o_form_view .o_form_status_indicator .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_saved",
        },
    ];
}

/** The steps entering a delegate point's presence in the points' editable list. */
function presence(point, value) {
    const row = `${POINTS} .o_data_row:contains('${point}')`;
    return [
        {
            content: `Edit the line of ${point}`,
            trigger: `${row} td[name=presence]`,
            run: "click",
        },
        {
            content: `${point}: ${value}`,
            trigger: `${row}.o_selected_row td[name=presence] select`,
            run: `select "${value}"`,
        },
    ];
}

/** The steps ticking a participant present in the participants' editable list. */
function participantPresent(name) {
    const row = `${PARTICIPANTS} .o_data_row:contains('${name}')`;
    return [
        {
            content: `Edit the line of ${name}`,
            trigger: `${row} td[name=name]`,
            run: "click",
        },
        {
            content: `${name} is present`,
            // the name being edited is in an input now
            trigger: `${PARTICIPANTS} .o_selected_row:has(td[name=name] input:value(${name})) td[name=present] input`,
            run: "check",
        },
    ];
}

registry.category("web_tour.tours").add("tcd_session_day_start_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        {
            content: "Open the sessions' menu",
            trigger: '.o_main_navbar button[data-menu-xmlid="tiep_cong_dan_truc_tuyen.tcd_menu_sessions"]',
            run: "click",
        },
        {
            content: "Open the sessions",
            trigger: '.o-dropdown-item[data-menu-xmlid="tiep_cong_dan_truc_tuyen.tcd_session_menu"]',
            run: "click",
        },
        {
            content: "Show them as a list",
            trigger: ".o_control_panel .o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Look for the session of today",
            trigger: ".o_control_panel .o_searchview_input",
            run: `edit ${SUBJECT}`,
        },
        {
            trigger: ".o_control_panel .o_searchview_input",
            run: "press Enter",
        },
        {
            content: "Open the session",
            trigger: `.o_list_view .o_data_row td[name=subject]:contains('${SUBJECT}')`,
            run: "click",
        },
        inState("ready", "All the points are connected: the session is ready"),
        {
            content: "Start the session",
            trigger: `${FORM} .o_statusbar_buttons button[name=action_start]`,
            run: "click",
        },
        inState("in_progress", "The session is in progress"),
        openPage("held", "Open the tab At the session"),
        ...presence("ĐC xã A1", "connected"),
        ...presence("ĐC xã A2", "late"),
        openPage("participants", "Open the participants"),
        ...participantPresent("Tour Lãnh đạo chủ trì"),
        ...participantPresent("Tour Đại biểu xã A1"),
        ...save(),
        openPage("held", "Back to the tab At the session"),
        {
            content: "The presences are kept",
            trigger: `${POINTS} .o_data_row:contains('ĐC xã A2') td[name=presence]:contains('Connected late')`,
        },
        openPage("participants", "Back to the participants"),
        {
            content: "The participants ticked are kept",
            trigger: `${PARTICIPANTS} .o_data_row:contains('Tour Đại biểu xã A1') td[name=present] input:checked`,
        },
    ],
});

registry.category("web_tour.tours").add("tcd_session_day_incident_tour", {
    steps: () => [
        inState("in_progress", "The technician opens the session in progress"),
        openPage("held", "Open the tab At the session"),
        {
            content: "Note an incident",
            trigger: `${INCIDENTS} .o_field_x2many_list_row_add a`,
            run: "click",
        },
        {
            content: "At the point of the commune A2",
            trigger: `${INCIDENTS} .o_selected_row td[name=point_line_id] input`,
            run: "edit ĐC xã A2",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu .o-autocomplete--dropdown-item a:contains('ĐC xã A2')",
            run: "click",
        },
        {
            content: "The connection was lost",
            trigger: `${INCIDENTS} .o_selected_row td[name=kind] select`,
            run: 'select "connection"',
        },
        {
            trigger: `${INCIDENTS} .o_selected_row td[name=description] textarea`,
            run: "edit Mất kết nối 5 phút, đã kết nối lại",
        },
        {
            content: "It was reconnected",
            trigger: `${INCIDENTS} .o_selected_row td[name=measure] select`,
            run: 'select "reconnected"',
        },
        ...save(),
        {
            content: "The incident is listed",
            trigger: `${INCIDENTS} .o_data_row:contains('Connection lost'):contains('ĐC xã A2')`,
        },
    ],
});

registry.category("web_tour.tours").add("tcd_session_day_end_tour", {
    steps: () => [
        inState("in_progress", "The officer opens the session in progress"),
        openPage("minutes", "Open the minutes"),
        {
            content: "Write the outcome of the case",
            trigger: `${OUTCOMES} .o_data_row:first td[name=outcome]`,
            run: "click",
        },
        {
            trigger: `${OUTCOMES} .o_selected_row td[name=outcome] select`,
            run: 'select "instructed"',
        },
        {
            content: "and the leader's conclusion",
            trigger: `${OUTCOMES} .o_selected_row td[name=conclusion] textarea`,
            run: "edit Giao UBND xã A1 rà soát hồ sơ bồi thường.",
        },
        {
            content: "Open the case's line to give an instruction",
            trigger: `${OUTCOMES} .o_data_row:first .o_list_record_open_form_view button`,
            run: "click",
        },
        {
            content: "The case's line opens, with its conclusion",
            trigger: ".o_form_view .o_field_widget[name=conclusion] textarea:value(Giao UBND xã A1 rà soát hồ sơ bồi thường.)",
        },
        {
            content: "Add an instruction",
            trigger: ".o_form_view .o_field_widget[name=followup_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "to the commune A1",
            trigger: ".o_field_widget[name=followup_ids] .o_selected_row td[name=agency_id] input",
            run: "edit UBND xã A1",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu .o-autocomplete--dropdown-item a:contains('UBND xã A1')",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=followup_ids] .o_selected_row td[name=content] textarea",
            run: "edit Rà soát hồ sơ đất ở",
        },
        {
            content: "within 10 working days",
            trigger: ".o_field_widget[name=followup_ids] .o_selected_row td[name=days] input",
            run: "edit 10",
        },
        ...save(),
        {
            content: "Back to the session",
            trigger: ".o_control_panel .breadcrumb-item.o_back_button",
            run: "click",
        },
        openPage("minutes", "The minutes again"),
        {
            content: "The instruction is shown on the case's line",
            trigger: `${OUTCOMES} .o_data_row:first td[name=followup_ids]:contains('Rà soát hồ sơ đất ở')`,
        },
        ...clickConfirmed("action_end", "End the session"),
        inState("held", "The session is held"),
    ],
});

registry.category("web_tour.tours").add("tcd_session_day_recording_tour", {
    steps: () => [
        inState("held", "The technician opens the held session"),
        {
            content: "Open its recordings",
            trigger: `.o_form_view .o-form-buttonbox button[name=action_open_recordings]`,
            run: "click",
        },
        {
            content: "Store a new recording",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "Of the session, at its central point",
            trigger: ".o_form_view .o_field_widget[name=point_id] input:value(ĐC Ban TCD tỉnh A)",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=duration] input",
            run: "edit 01:45",
        },
        ...save(),
        {
            content: "Upload the file",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_upload_file]",
            run: "click",
        },
        {
            content: "Choose the file of the recording",
            trigger: ".o_tcd_recording_upload input[type=file][name=file]",
            run() {
                const file = new File(["tour recording: picture and sound"], "ghi-hinh.mp4", {
                    type: "video/mp4",
                });
                const transfer = new DataTransfer();
                transfer.items.add(file);
                this.anchor.files = transfer.files;
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "Upload and store it",
            trigger: ".o_tcd_recording_upload button[type=submit]",
            run: "click",
        },
        {
            content: "Back on the recording, stored with its SHA-256",
            trigger: ".o_form_view .o_field_widget[name=filename]:contains('ghi-hinh.mp4')",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=sha256] span:not(:empty)",
        },
        {
            content: "It is verified",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value=ok]",
        },
    ],
});

registry.category("web_tour.tours").add("tcd_session_day_conclusion_tour", {
    steps: () => [
        inState("held", "The chair opens the held session"),
        ...clickConfirmed("action_issue_conclusion", "Issue the conclusion notice"),
        {
            content: "The notice is numbered",
            trigger: `${FORM} .o_statusbar_buttons:not(:has(button[name=action_issue_conclusion]))`,
        },
        openPage("minutes", "Open the minutes"),
        {
            trigger: `${FORM} .o_field_widget[name=conclusion_number] span:not(:empty)`,
        },
    ],
});

registry.category("web_tour.tours").add("tcd_session_day_close_tour", {
    steps: () => [
        inState("held", "The officer opens the held session, its recording stored and its conclusion issued"),
        ...clickConfirmed("action_close", "Close the session file"),
        inState("closed", "The session's file is closed"),
    ],
});
