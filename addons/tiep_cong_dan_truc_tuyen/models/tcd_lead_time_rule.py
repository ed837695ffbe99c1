from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.dates import in_period, periods_overlap, to_local
from .tcd_agency import HOST_LEVELS
from .tcd_working_calendar import TZ

UNITS = [
    ("working_days", "In working days"),
    ("calendar_days", "In calendar days"),
    ("hours", "In hours"),
]
RESPONSIBLES = [
    ("host", "Host agency's officers"),
    ("technicians", "Technicians of the bridge points"),
    ("chair", "Chair of the session"),
]
# The session action that completes a milestone of the rule (see tcd.session.milestone._complete_milestones).
ACTIONS = [
    ("plan_submitted", "Plan and script submitted"),
    ("plan_approved", "Plan and script approved"),
    ("citizens_notified", "Citizens and agencies notified"),
    ("invitations_sent", "Invitations sent"),
    ("tested", "Connection test done"),
    ("test_2h", "Last connection test done"),
    ("connected", "All bridge points connected"),
]
# Milestones counted in days fall due at the end of the office day (Quyết định 188/1999/QĐ-TTg).
OFFICE_END = time(17, 0)
# A milestone counted in days is reminded at the start of its due day, one counted in hours
# this long before it falls due.
OFFICE_START = time(8, 0)
HOURS_REMINDER = timedelta(minutes=30)


def to_utc(local_day, clock):
    """The naive UTC datetime of ``clock`` on ``local_day`` in Vietnam."""
    local = pytz.timezone(TZ).localize(datetime.combine(local_day, clock))
    return local.astimezone(pytz.utc).replace(tzinfo=None)


class TcdLeadTimeRule(models.Model):
    """A preparation step that must be done some time before a session (Nghị định 154/2026/NĐ-CP Điều
    23; Quyết định 748/QĐ-TTCP, Quy chế Điều 6; Quy chế tiếp công dân trực tuyến của UBND tỉnh Quảng
    Ngãi (2025) Điều 7; Quyết định 354/QĐ-UBND-HC tỉnh Đồng Tháp, Quy chế Điều 6; Quy chế TCD trực tuyến
    xã An Lão (2026) Điều 5, 6).

    Each session gets one milestone per step (code) whose active rule is in force on the session's day
    (a new text is a new rule of the same code from its effective date: Nghị định 154/2026/NĐ-CP
    Chương V from 01/07/2026, the seeds' regulations before) and applies to its host level; its due
    date-time is ``offset`` ``unit`` before the session start, counted in Vietnam:

    * working days: the ``offset``-th working day before the session's day, at the end of the
      office day (17:00), on the working-day calendar (weekends, public holidays, swapped days);
    * calendar days: the ``offset``-th day before the session's day at 17:00, brought back to the
      working day before it when that day is a day off;
    * hours: exactly ``offset`` hours before the start.
    """

    _name = "tcd.lead.time.rule"
    _description = "Lead-time rule"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    name = fields.Char(string="Step", required=True, translate=True)
    code = fields.Char(required=True)
    offset = fields.Integer(required=True, help="How long before the session start the step must be done.")
    unit = fields.Selection(UNITS, required=True, default="working_days")
    responsible = fields.Selection(
        RESPONSIBLES, required=True, default="host", help="Who receives the activity when the step falls due."
    )
    group_id = fields.Many2one(
        "res.groups",
        string="Responsible group",
        help="When set, only the responsible users of this group receive the activity.",
    )
    blocking = fields.Boolean(
        default=True,
        help="A session whose blocking steps would already be late cannot be planned or moved, except by "
        "a leader's override for an ad hoc session. A step that only warns is tracked and escalated.",
    )
    action = fields.Selection(ACTIONS, string="Done by", help="The session action that marks the step done by itself.")
    redo_on_reschedule = fields.Boolean(
        string="Redo when rescheduled", help="The step must be done again when the session moves."
    )
    host_level = fields.Selection(
        HOST_LEVELS,
        help="Applies only to sessions hosted at this level; empty for every session.",
    )
    source = fields.Char(help="The regulation articles the rule comes from.")
    date_from = fields.Date(
        string="In force from", help="Applies to the sessions held on or after this day; empty since always."
    )
    date_to = fields.Date(string="In force until", help="Applies to the sessions held up to this day included.")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code, date_from)", "A step has one rule from each date."),
        (
            "dates_ordered",
            "CHECK(date_from IS NULL OR date_to IS NULL OR date_from <= date_to)",
            "A rule ends after it comes into force.",
        ),
        ("offset_positive", 'CHECK("offset" >= 0)', "The lead time cannot be negative."),
    ]

    @api.constrains("unit", "offset")
    def _check_offset(self):
        for rule in self:
            if rule.unit == "hours" and rule.offset > 24 * 30:
                raise ValidationError(self.env._("A lead time in hours cannot exceed 30 days; count it in days."))

    @api.constrains("code", "date_from", "date_to", "active")
    def _check_periods(self):
        """One rule of a step in force on a day: a new text starts the day after the older rule ends."""
        for rule in self.filtered("active"):
            for other in self.search([("code", "=", rule.code), ("id", "!=", rule.id)]):
                if periods_overlap((rule.date_from, rule.date_to), (other.date_from, other.date_to)):
                    raise ValidationError(
                        self.env._(
                            "The step %(step)s has two rules in force on the same days (%(rule)s; %(other)s): end "
                            "the older one the day before the newer comes into force.",
                            step=rule.code,
                            rule=rule.source or rule.name,
                            other=other.source or other.name,
                        )
                    )

    def _in_force(self, day):
        """Whether the rule applies to a session held on the Vietnamese date ``day``."""
        self.ensure_one()
        return in_period(day, self.date_from, self.date_to)

    def _due_at(self, start):
        """The due UTC datetime of the rule for a session starting at the UTC datetime ``start``."""
        self.ensure_one()
        if self.unit == "hours":
            return start - timedelta(hours=self.offset)
        calendar = self.env["tcd.working.calendar"]
        day = calendar.local_date(start)
        if self.unit == "working_days":
            day = calendar.subtract_working_days(day, self.offset)
        else:
            day -= timedelta(days=self.offset)
            while not calendar.is_working_day(day):
                day -= timedelta(days=1)
        return to_utc(day, OFFICE_END)

    def _remind_at(self, due_at):
        """When the responsible users get the activity of a milestone due at ``due_at``."""
        self.ensure_one()
        if self.unit == "hours":
            return due_at - HOURS_REMINDER
        return to_utc(to_local(due_at).date(), OFFICE_START)

    def _earliest_start(self, now):
        """The earliest UTC start of a session for which the rule's milestone is not yet late at ``now``.

        For a rule in days it is the first minute of the earliest possible day.
        """
        self.ensure_one()
        if self.unit == "hours":
            return now + timedelta(hours=self.offset)
        calendar = self.env["tcd.working.calendar"]
        local_now = to_local(now)
        first = local_now.date() if local_now.time() <= OFFICE_END else local_now.date() + timedelta(days=1)
        first = calendar.next_working_day(first)
        if self.unit == "working_days":
            day = calendar.add_working_days(first, self.offset)
        else:
            day = first + timedelta(days=self.offset)
        return to_utc(day, time(0, 0))

    def _describe(self):
        self.ensure_one()
        if self.unit == "hours":
            lead = self.env._("%(count)s hours before", count=self.offset)
        elif self.unit == "calendar_days":
            lead = self.env._("%(count)s days before", count=self.offset)
        else:
            lead = self.env._("%(count)s working days before", count=self.offset)
        return self.env._("%(step)s: %(lead)s (%(law)s)", step=self.name, lead=lead, law=self.source or "-")
