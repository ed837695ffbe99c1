import { waitFor } from "@odoo/hoot-dom";
import { formatDate } from "@web/core/l10n/dates";
import { rpcBus } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";
import { openApp } from "@tiep_cong_dan_truc_tuyen/../tests/tours/tcd_tour_utils";

const SUBJECT = "Tour: tiếp công dân định kỳ";
const EVENT = `.o_calendar_renderer .fc-daygrid-day .fc-event:contains('${SUBJECT}')`;
const CARD = `.o_kanban_record:contains('${SUBJECT}')`;

/** The ISO date ``days`` days after the ISO date ``isoDate``. */
function addDays(isoDate, days) {
    return luxon.DateTime.fromISO(isoDate).plus({ days }).toISODate();
}

/** The ISO date of the month-view cell holding ``element``. */
function cellDate(element) {
    return element.closest(".fc-daygrid-day").dataset.date;
}

/**
 * Resolves once the calendar saved a moved event and reloaded: the ``write`` answered, then no
 * request pending for a while after the requests it led to (the reload).
 */
function waitForSaveAndReload({ idle = 300, timeout = 10000 } = {}) {
    return new Promise((resolve, reject) => {
        const pending = new Set();
        let written = false;
        let reloading = false;
        let idleTimer = null;
        const finish = (error) => {
            clearTimeout(idleTimer);
            clearTimeout(timeoutTimer);
            rpcBus.removeEventListener("RPC:REQUEST", onRequest);
            rpcBus.removeEventListener("RPC:RESPONSE", onResponse);
            error ? reject(error) : resolve();
        };
        const onRequest = ({ detail }) => {
            pending.add(detail.data.id);
            clearTimeout(idleTimer);
            if (written) {
                reloading = true;
            }
        };
        const onResponse = ({ detail }) => {
            pending.delete(detail.data.id);
            if (detail.data.params?.method === "write") {
                if (detail.error) {
                    finish(new Error(`The move was not saved: ${detail.error.message}`));
                    return;
                }
                written = true;
            }
            if (written && reloading && !pending.size) {
                idleTimer = setTimeout(() => finish(), idle);
            }
        };
        const timeoutTimer = setTimeout(
            () => finish(new Error("The calendar did not save and reload the moved session")),
            timeout
        );
        rpcBus.addEventListener("RPC:REQUEST", onRequest);
        rpcBus.addEventListener("RPC:RESPONSE", onResponse);
    });
}

registry.category("web_tour.tours").add("tcd_session_tour", {
    url: "/odoo",
    steps: () => {
        // The day the session is dragged to, known once the tour found the session's day.
        let movedTo = null;
        return [
            ...openApp(),
            {
                // The app opens on its first menu, the sessions: let that calendar load before
                // opening the sessions again from the menu, and mark it to tell it from the next.
                content: "The app opens on the calendar of the sessions",
                trigger: `.o_calendar_view ${EVENT}`,
                run() {
                    this.anchor.closest(".o_calendar_view").classList.add("o_tcd_tour_app_calendar");
                },
            },
            {
                content: "Open the sessions menu",
                trigger: '.o_main_navbar button[data-menu-xmlid="tiep_cong_dan_truc_tuyen.tcd_menu_sessions"]',
                run: "click",
            },
            {
                content: "Open the sessions",
                trigger: '.o-dropdown-item[data-menu-xmlid="tiep_cong_dan_truc_tuyen.tcd_session_menu"]',
                run: "click",
            },
            {
                content: "The sessions open in the calendar, by month",
                trigger: ".o_calendar_view:not(.o_tcd_tour_app_calendar) .fc-dayGridMonth-view",
            },
            {
                content: "The calendar shows the session",
                trigger: `.o_calendar_view:not(.o_tcd_tour_app_calendar) ${EVENT}`,
            },
            {
                content: "Drag the session one week later",
                trigger: EVENT,
                async run(helpers) {
                    movedTo = addDays(cellDate(this.anchor), 7);
                    const saved = waitForSaveAndReload();
                    await helpers.drag_and_drop(
                        `.fc-daygrid-day[data-date="${movedTo}"] .fc-daygrid-day-events`
                    );
                    await saved;
                },
            },
            {
                content: "The session is now a week later",
                trigger: EVENT,
                async run() {
                    await waitFor(`.fc-daygrid-day[data-date="${movedTo}"] .fc-event:contains('${SUBJECT}')`, {
                        timeout: 5000,
                    });
                },
            },
            {
                content: "Drag the session to the first day shown, too early for its lead times",
                trigger: EVENT,
                run: "drag_and_drop .fc-daygrid-day:first .fc-daygrid-day-events",
            },
            {
                content: "The move is refused: the session would be too early for its lead times",
                trigger: ".modal .o_error_dialog:contains('too early for its lead times')",
            },
            {
                content: "The refusal names the earliest possible start",
                trigger: ".modal .o_error_dialog:contains('The earliest start that meets them all is')",
            },
            {
                content: "Close the refusal",
                trigger: ".modal .o_error_dialog .modal-footer button:contains('Close')",
                run: "click",
            },
            {
                content: "The refusal is closed",
                trigger: "body:not(:has(.modal .o_error_dialog))",
            },
            {
                content: "Switch to the kanban view",
                trigger: ".o_control_panel .o_switch_view.o_kanban",
                run: "click",
            },
            {
                content: "The session's card is in the Draft column",
                trigger: `.o_kanban_group:has(.o_column_title:contains('Draft')) ${CARD}`,
            },
            {
                content: "The card shows the progress of the session's steps",
                trigger: `${CARD} .o_field_progressbar`,
            },
            {
                content: "and how many steps are done",
                trigger: `${CARD}:contains('steps done')`,
            },
            {
                content: "The card shows the start saved by the first move",
                trigger: CARD,
                async run() {
                    const day = formatDate(luxon.DateTime.fromISO(movedTo));
                    await waitFor(`${CARD}:contains('${day}')`, { timeout: 5000 });
                },
            },
            {
                content: "Back to the calendar",
                trigger: ".o_control_panel .o_switch_view.o_calendar",
                run: "click",
            },
            {
                content: "The session stayed on the day of the valid move",
                trigger: EVENT,
                async run() {
                    await waitFor(`.fc-daygrid-day[data-date="${movedTo}"] .fc-event:contains('${SUBJECT}')`, {
                        timeout: 5000,
                    });
                },
            },
        ];
    },
});
