import calendar
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .tcd_agency import LEVELS

PERIODS = [("week", "Week"), ("month", "Month")]
# The usual day of a weekly reception is an office day.
WEEKDAYS = [("0", "Monday"), ("1", "Tuesday"), ("2", "Wednesday"), ("3", "Thursday"), ("4", "Friday")]


def period_bounds(period, day):
    """The first and last day of the ``period`` ('week', Monday to Sunday, or 'month') holding ``day``."""
    if period == "week":
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=6)
    start = day.replace(day=1)
    return start, start + relativedelta(months=1, days=-1)


def period_starts(period, date_from, date_to):
    """The first day of each ``period`` that overlaps ``date_from``..``date_to``."""
    start = period_bounds(period, date_from)[0]
    while start <= date_to:
        yield start
        start = period_bounds(period, start)[1] + timedelta(days=1)


class TcdLeaderRole(models.Model):
    """A leader's position that must receive citizens in person on a regular basis (chức danh
    tiếp công dân định kỳ, Luật Tiếp công dân 2013 Điều 11, 12, 15, 18; Nghị định 154/2026/NĐ-CP Điều
    10): how many days per week or month, and the usual day.

    Configurable rather than coded: the frequency for commune chairmen from 01/07/2026 (Luật
    136/2025) is not confirmed, and each agency sets its own usual day.
    """

    _name = "tcd.leader.role"
    _description = "Leader role with periodic reception"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    level = fields.Selection(
        LEVELS, string="Agency level", required=True, help="The level of the agencies whose leaders hold this role."
    )
    period = fields.Selection(PERIODS, required=True, default="month")
    required_days = fields.Integer(
        string="Days per period", required=True, default=1, help="The minimum number of reception days per period."
    )
    weekday = fields.Selection(
        WEEKDAYS, string="Usual weekday", help="The day of the week on which a weekly reception is usually held."
    )
    month_day = fields.Integer(
        string="Usual day of the month",
        help="The day of the month on which a monthly reception is usually held (the month's last day in a "
        "shorter month). A usual day that falls on a day off moves to the next working day.",
    )
    legal_source = fields.Char(string="Legal source")
    note = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "The code of a leader role must be unique."),
        (
            "required_days_positive",
            "CHECK(required_days >= 1)",
            "A leader receives citizens at least one day a period.",
        ),
    ]

    @api.constrains("period", "required_days", "weekday", "month_day")
    def _check_usual_day(self):
        for role in self:
            if role.period == "week" and not role.weekday:
                raise ValidationError(self.env._("Give the usual weekday of %(role)s.", role=role.name))
            if role.period == "month" and not 1 <= role.month_day <= 31:
                raise ValidationError(
                    self.env._("The usual day of the month of %(role)s is between 1 and 31.", role=role.name)
                )
            if role.required_days > (7 if role.period == "week" else 28):
                raise ValidationError(
                    self.env._("%(role)s cannot require more days than its period has.", role=role.name)
                )

    def _usual_date(self, period_start):
        """The usual reception day of the period starting on ``period_start``, before moving days off."""
        self.ensure_one()
        if self.period == "week":
            return period_start + timedelta(days=int(self.weekday))
        last_day = calendar.monthrange(period_start.year, period_start.month)[1]
        return period_start.replace(day=min(self.month_day, last_day))
