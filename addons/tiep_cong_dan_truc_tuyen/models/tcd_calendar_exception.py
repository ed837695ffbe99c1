import holidays

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class TcdCalendarException(models.Model):
    """A yearly government decision on the working calendar (hoán đổi ngày làm việc, nghỉ bù).

    Each year the Prime Minister approves the Tết and National Day arrangements proposed by the
    Ministry of Home Affairs: extra days off, and weekend days worked in exchange. Entries here
    take precedence over the public holidays of the ``holidays`` package.
    """

    _name = "tcd.calendar.exception"
    _description = "Working calendar decision"
    _order = "date desc"

    date = fields.Date(required=True)
    kind = fields.Selection(
        [("day_off", "Extra day off"), ("working_day", "Weekend day worked")],
        string="Kind of day",
        required=True,
        default="day_off",
    )
    name = fields.Char(string="Reason", required=True)
    decision = fields.Char(help="Number and date of the government decision or notice, e.g. TB 6150/TB-BLĐTBXH.")
    year = fields.Integer(compute="_compute_year", store=True)
    note = fields.Text()
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("date_unique", "unique(date)", "This day already has a decision in the working calendar."),
    ]

    @api.depends("date")
    def _compute_year(self):
        for exception in self:
            exception.year = exception.date.year if exception.date else 0

    @api.constrains("date", "kind")
    def _check_kind(self):
        for exception in self:
            law = holidays.country_holidays("VN", years=exception.date.year)
            worked_by_law = exception.date in law.weekend_workdays
            off_by_law = not worked_by_law and (exception.date.weekday() >= 5 or exception.date in law)
            day = exception.date.strftime("%d/%m/%Y")
            if exception.kind == "working_day" and not off_by_law:
                raise ValidationError(
                    self.env._(
                        "%(day)s is already a working day: only a weekend day or a public holiday can be "
                        "declared a working day.",
                        day=day,
                    )
                )
            if exception.kind == "day_off" and off_by_law:
                raise ValidationError(
                    self.env._(
                        "%(day)s is already a day off (weekend or public holiday): declare only working days "
                        "as extra days off.",
                        day=day,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        exceptions = super().create(vals_list)
        self._calendar_changed(exceptions.mapped("date"))
        return exceptions

    def write(self, vals):
        days = self.mapped("date")
        res = super().write(vals)
        self._calendar_changed(days + self.mapped("date"))
        return res

    def unlink(self):
        days = self.mapped("date")
        res = super().unlink()
        self._calendar_changed(days)
        return res

    @api.model
    def _calendar_changed(self, days):
        """Working days changed on ``days``: drop the cached calendar, recompute the open deadlines around."""
        self.env.registry.clear_cache()
        if days:
            self.env["tcd.case"]._recompute_deadlines_around(days)
