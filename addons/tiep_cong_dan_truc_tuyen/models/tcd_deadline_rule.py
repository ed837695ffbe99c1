from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.dates import in_period, periods_overlap
from .tcd_case import KINDS

# What must be done by the deadline; when a step is met is the case's own logic (tcd.case._deadline_done).
STEPS = [
    ("reply", "Answer or notify the citizen"),
    ("acceptance", "Accept or refuse the case"),
    ("forward", "Forward to the competent body"),
    ("refusal_notice", "Issue the written refusal notice"),
    ("unprocessed", "Process the petition (45-day alarm)"),
    ("resolution", "Resolve the case"),
    ("second_complaint", "Time for a second complaint"),
]
# The day a deadline counts from: the case's field holding it.
EVENTS = [
    ("received", "Receipt of the case"),
    ("accepted", "Acceptance (thụ lý)"),
    ("refused", "Refusal of the reception"),
    ("decided", "Decision on the complaint or conclusion on the denunciation"),
]
EVENT_FIELDS = {
    "received": "received_day",
    "accepted": "accepted_date",
    "refused": "refusal_date",
    "decided": "decision_date",
}
UNITS = [("calendar_days", "Days"), ("working_days", "Working days")]
YES_NO = [("yes", "Yes"), ("no", "No")]
INSTANCES = [("first", "First complaint"), ("second", "Second complaint")]
# The conditions a rule may set: an empty one matches every case.
CONDITIONS = ("kind", "instance", "complex_case", "remote_area", "wide_verification")


class TcdDeadlineRule(models.Model):
    """A legal time limit of a case, as data: what must be done (the step), for which cases, how many
    days or working days from which event, while which text is in force, and that text's article.

    A new decree is a new rule from its effective date, the old rule ending the day before: a case
    follows the rule in force on the day its deadline counts from. Each case gets one deadline line
    per step whose rule matches it (tcd.case.deadline).

    A period in days starts the day after its event (Bộ luật Dân sự 2015 Điều 147 khoản 2); when its
    last day is a day off, it ends at the close of the next working day (Điều 148 khoản 5). A period in
    working days ends on the N-th working day after the event.
    """

    _name = "tcd.deadline.rule"
    _description = "Legal deadline rule"
    _order = "step, sequence, date_from desc, id"

    sequence = fields.Integer(default=10)
    step = fields.Selection(STEPS, required=True)
    kind = fields.Selection(KINDS, string="Type of case", help="Empty for every type.")
    instance = fields.Selection(INSTANCES, help="Complaints only: the first or the second complaint; empty for both.")
    complex_case = fields.Selection(YES_NO, string="Complex case", help="Empty for every case.")
    remote_area = fields.Selection(
        YES_NO, string="Remote or difficult area", help="Vùng sâu, vùng xa, đi lại khó khăn; empty for every case."
    )
    wide_verification = fields.Selection(
        YES_NO, string="Verification at several places", help="Denunciations; empty for every case."
    )
    count = fields.Integer(required=True, aggregator=None)
    unit = fields.Selection(UNITS, required=True, default="calendar_days")
    event = fields.Selection(EVENTS, string="Counted from", required=True, default="received")
    extension_days = fields.Integer(
        string="Days per extension", help="Each extension decided on the case adds these days to the period."
    )
    max_extensions = fields.Integer(string="Extensions allowed", aggregator=None)
    date_from = fields.Date(string="In force from", help="The day the deadline counts from is on or after it.")
    date_to = fields.Date(string="In force until", help="The day the deadline counts from is on or before it.")
    legal_source = fields.Char(required=True, help="The law and article the time limit comes from.")
    remind = fields.Boolean(
        default=True,
        help="The handlers are reminded before the deadline and the leaders alerted after it. Off for a time "
        "left to the citizen, such as the time for a second complaint.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("count_positive", "CHECK(count > 0)", "A time limit counts at least one day."),
        ("extensions_positive", "CHECK(extension_days >= 0 AND max_extensions >= 0)", "Extensions cannot be negative."),
        (
            "dates_ordered",
            "CHECK(date_from IS NULL OR date_to IS NULL OR date_from <= date_to)",
            "A rule ends after it comes into force.",
        ),
    ]

    @api.depends("step", "count", "unit", "legal_source")
    def _compute_display_name(self):
        steps = dict(self._fields["step"]._description_selection(self.env))
        for rule in self:
            rule.display_name = self.env._(
                "%(step)s: %(lead)s (%(law)s)", step=steps.get(rule.step), lead=rule._describe(), law=rule.legal_source
            )

    def _describe(self):
        self.ensure_one()
        if self.unit == "working_days":
            return self.env._("%(count)s working days", count=self.count)
        return self.env._("%(count)s days", count=self.count)

    @api.constrains(
        "step", "active", "date_from", "date_to", "kind", "instance", "complex_case", "remote_area", "wide_verification"
    )
    def _check_overlap(self):
        """Two rules in force on the same day may not both match one case: the case would have two limits."""
        for rule in self.filtered("active"):
            others = self.search([("step", "=", rule.step), ("id", "!=", rule.id)])
            for other in others:
                compatible = all(not rule[name] or not other[name] or rule[name] == other[name] for name in CONDITIONS)
                if compatible and periods_overlap((rule.date_from, rule.date_to), (other.date_from, other.date_to)):
                    raise ValidationError(
                        self.env._(
                            "The rule %(rule)s and the rule %(other)s both apply to the same cases on the same "
                            "days: end the older one the day before the newer comes into force, or make their "
                            "conditions differ.",
                            rule=rule.display_name,
                            other=other.display_name,
                        )
                    )

    # ------------------------------------------------------------------ matching and counting

    def _matches(self, case, step):
        """Whether the rule is the one in force for ``step`` of ``case``."""
        self.ensure_one()
        start = case[EVENT_FIELDS[self.event]]
        if self.step != step or not start:
            return False
        values = case._deadline_conditions()
        if any(self[name] and self[name] != values[name] for name in CONDITIONS):
            return False
        return in_period(start, self.date_from, self.date_to)

    def _due_date(self, case):
        """The last day of the period for ``case``, or False until its event has happened."""
        self.ensure_one()
        start = case[EVENT_FIELDS[self.event]]
        if not start:
            return False
        calendar = self.env["tcd.working.calendar"]
        count = self.count + self.extension_days * min(case.extension_count, self.max_extensions)
        if self.unit == "working_days":
            return calendar.add_working_days(start, count)
        return calendar.next_working_day(start + timedelta(days=count))

    def write(self, vals):
        res = super().write(vals)
        # a change of period is counted again by the lines; a change of what the rule applies to moves them
        if set(vals) & {"step", "event", "date_from", "date_to", "active", *CONDITIONS}:
            self.env["tcd.case"]._resync_deadline_rules()
        return res

    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        self.env["tcd.case"]._resync_deadline_rules()
        return rules
