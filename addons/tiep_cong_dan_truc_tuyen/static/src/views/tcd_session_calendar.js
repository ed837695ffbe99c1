import { registry } from "@web/core/registry";
import { calendarView } from "@web/views/calendar/calendar_view";
import { CalendarController } from "@web/views/calendar/calendar_controller";
import { CalendarModel } from "@web/views/calendar/calendar_model";

// The sessions' calendar: a day clicked in the month plans the morning's reception (08:00-11:00), not
// Odoo's 07:00-19:00, and a New button plans a session without choosing its day first.
export class TcdSessionCalendarModel extends CalendarModel {
    buildRawRecord(partialRecord, options = {}) {
        if (partialRecord.isAllDay && !partialRecord.id) {
            const day = partialRecord.start;
            partialRecord = {
                ...partialRecord,
                isAllDay: false,
                start: day.set({ hour: 8, minute: 0, second: 0 }),
                end: day.set({ hour: 11, minute: 0, second: 0 }),
            };
        }
        return super.buildRawRecord(partialRecord, options);
    }
}

export class TcdSessionCalendarController extends CalendarController {
    onClickNew() {
        return this.editRecord({}, {}, false);
    }
}

registry.category("views").add("tcd_session_calendar", {
    ...calendarView,
    Controller: TcdSessionCalendarController,
    Model: TcdSessionCalendarModel,
    buttonTemplate: "tiep_cong_dan_truc_tuyen.SessionCalendar.buttons",
});
