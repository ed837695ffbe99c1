from datetime import date, timedelta

from markupsafe import Markup

from odoo import api, fields, models


class TcdCalendarYear(models.TransientModel):
    """Settings screen: the non-working days of a year, as the deadlines count them."""

    _name = "tcd.calendar.year"
    _description = "Non-working days of a year"

    year = fields.Integer(required=True, default=lambda self: self.env["tcd.working.calendar"].today().year)
    working_day_count = fields.Integer(string="Working days", compute="_compute_days")
    day_off_count = fields.Integer(string="Holidays and extra days off on weekdays", compute="_compute_days")
    worked_weekend_count = fields.Integer(string="Weekend days worked", compute="_compute_days")
    days_html = fields.Html(string="Non-working days", compute="_compute_days", sanitize=False)

    @api.depends("year")
    def _compute_days(self):
        calendar = self.env["tcd.working.calendar"]
        weekday_names = [
            self.env._("Monday"),
            self.env._("Tuesday"),
            self.env._("Wednesday"),
            self.env._("Thursday"),
            self.env._("Friday"),
            self.env._("Saturday"),
            self.env._("Sunday"),
        ]
        for record in self:
            if not 1900 < record.year < 2200:
                record.update({"working_day_count": 0, "day_off_count": 0, "worked_weekend_count": 0})
                record.days_html = False
                continue
            rows = calendar.year_exceptions(record.year)
            record.working_day_count = calendar.count_working_days(
                date(record.year, 1, 1) - timedelta(days=1), date(record.year, 12, 31)
            )
            record.day_off_count = sum(1 for day, worked, _r in rows if not worked and day.weekday() < 5)
            record.worked_weekend_count = sum(1 for _d, worked, _r in rows if worked)
            lines = [
                Markup('<tr class="%s"><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>')
                % (
                    "table-success" if worked else ("text-muted" if day.weekday() >= 5 else ""),
                    day.strftime("%d/%m/%Y"),
                    weekday_names[day.weekday()],
                    self.env._("Working day") if worked else self.env._("Day off"),
                    reason,
                )
                for day, worked, reason in rows
            ]
            header = Markup("<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>") % (
                self.env._("Date"),
                self.env._("Weekday"),
                self.env._("Status"),
                self.env._("Reason"),
            )
            record.days_html = Markup(
                '<table class="table table-sm o_tcd_calendar_year"><thead>%s</thead><tbody>%s</tbody></table>'
            ) % (header, Markup("").join(lines))

    @api.depends("year")
    def _compute_display_name(self):
        for record in self:
            record.display_name = self.env._("Working calendar %(year)s", year=record.year)

    @api.model
    def action_open(self):
        """Open the screen on the current year."""
        return self.create({})._reopen()

    def action_previous_year(self):
        self.year -= 1
        return self._reopen()

    def action_next_year(self):
        self.year += 1
        return self._reopen()

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
            "name": self.display_name,
        }
