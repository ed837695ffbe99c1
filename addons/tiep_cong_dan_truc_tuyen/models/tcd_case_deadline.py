from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import format_date

from .tcd_deadline_rule import EVENT_FIELDS
from .tcd_reminder_mixin import ESCALATE, REMIND

DEFAULT_WARNING_DAYS = 2


class TcdCaseDeadline(models.Model):
    """A legal deadline of a case, followed until it is met: the case's single source of its deadlines.

    Its rule (tcd.deadline.rule) is the one in force for the case on the day the deadline counts
    from; the due date comes from the rule and the case, and whether it is met from the case. The
    scheduled action (tcd.reminder.mixin) alerts the handlers when it comes near and the leader when it
    has passed, once each, for the rules that remind.
    """

    _name = "tcd.case.deadline"
    _inherit = ["tcd.reminder.mixin"]
    _description = "Legal deadline of a case"
    _order = "due_date, id"
    _rec_name = "step"
    _reminder_fields = {ESCALATE: ("due_date", "overdue_alerted"), REMIND: ("due_date", "soon_alerted")}
    _reminder_activity_types = {
        REMIND: "tiep_cong_dan_truc_tuyen.mail_activity_type_tcd_deadline_soon",
        ESCALATE: "tiep_cong_dan_truc_tuyen.mail_activity_type_tcd_deadline_overdue",
    }
    _reminder_cron = "tiep_cong_dan_truc_tuyen.ir_cron_tcd_case_deadline_alert"

    case_id = fields.Many2one("tcd.case", required=True, index=True, ondelete="cascade")
    agency_id = fields.Many2one(related="case_id.agency_id", store=True, index=True)
    rule_id = fields.Many2one("tcd.deadline.rule", required=True, ondelete="restrict")
    step = fields.Selection(string="Deadline", related="rule_id.step", store=True)
    legal_source = fields.Char(related="rule_id.legal_source")
    remind = fields.Boolean(related="rule_id.remind", store=True)
    due_date = fields.Date(compute="_compute_state", store=True, index=True)
    done = fields.Boolean(compute="_compute_state", store=True, index=True)
    soon_alerted = fields.Boolean(string="Handlers alerted", readonly=True)
    overdue_alerted = fields.Boolean(string="Leader alerted", readonly=True)

    _sql_constraints = [
        ("case_step_unique", "unique(case_id, step)", "A case has each legal deadline once."),
    ]

    @api.depends(
        "rule_id.count",
        "rule_id.unit",
        "rule_id.event",
        "rule_id.extension_days",
        "rule_id.max_extensions",
        *(f"case_id.{field}" for field in EVENT_FIELDS.values()),
        "case_id.extension_count",
        "case_id.state",
        "case_id.reply_date",
        "case_id.accepted_date",
        "case_id.forwarded_date",
        "case_id.refusal_notice_date",
        "case_id.disposition",
        "case_id.second_case_ids",
    )
    def _compute_state(self):
        for deadline in self:
            case = deadline.case_id
            deadline.due_date = deadline.rule_id._due_date(case)
            deadline.done = not deadline.due_date or case._deadline_done(deadline.step)

    def _recompute_due_dates(self):
        """The working calendar changed: count these deadlines again."""
        self.env.add_to_compute(self._fields["due_date"], self)
        self.env.add_to_compute(self._fields["done"], self)
        self.flush_recordset()

    # ------------------------------------------------------------------ alerts (tcd.reminder.mixin)

    @api.model
    def _reminder_open_domain(self):
        return [("remind", "=", True), ("done", "=", False)]

    @api.model
    def _reminder_threshold(self, stage, now):
        """Near: due within the warning period (working days); passed: due before today."""
        calendar = self.env["tcd.working.calendar"]
        today = calendar.local_date(now)
        if stage == ESCALATE:
            return today - timedelta(days=1)
        return calendar.add_working_days(today, self._warning_days())

    @api.model
    def _reminder_day(self, stage, value):
        """Passed the day after it; near from the first day whose warning period reaches it."""
        if stage == ESCALATE:
            return value + timedelta(days=1)
        calendar = self.env["tcd.working.calendar"]
        days = self._warning_days()
        day = value
        while calendar.add_working_days(day - timedelta(days=1), days) >= value:
            day -= timedelta(days=1)
        return day

    @api.model
    def _warning_days(self):
        """How many working days before a deadline its handlers are alerted (the settings')."""
        return int(
            self.env["ir.config_parameter"].sudo().get_param("tiep_cong_dan_truc_tuyen.deadline_warning_days")
            or DEFAULT_WARNING_DAYS
        )

    @api.model
    def _reminder_pending_domain(self, stage, now):
        domain = super()._reminder_pending_domain(stage, now)
        if stage == REMIND:
            # no "near" alert once passed
            domain += [
                ("overdue_alerted", "=", False),
                ("due_date", ">=", self.env["tcd.working.calendar"].local_date(now)),
            ]
        return domain

    def _reminder_activities(self, stage):
        """On the case: to its handlers when near, to its leader once passed."""
        return [
            (deadline.case_id, deadline, deadline.case_id._deadline_recipients(stage == ESCALATE)) for deadline in self
        ]

    def _reminder_texts(self, stage):
        label = self._alert_label()
        summary = (
            self.env._("Overdue: %(deadline)s", deadline=label)
            if stage == ESCALATE
            else self.env._("Due soon: %(deadline)s", deadline=label)
        )
        note = self.env._(
            "%(deadline)s: due on %(date)s (%(law)s).",
            deadline=label,
            date=format_date(self.env, self.due_date),
            law=self._alert_source(),
        )
        return summary, note

    def _reminder_values(self, stage):
        return {"date_deadline": self.due_date}

    def _alert_label(self):
        """The name of the deadline, in the environment's language."""
        return dict(self._fields["step"]._description_selection(self.env))[self.step]

    def _alert_source(self):
        """The legal source of the deadline, in the environment's language."""
        return self.rule_id.legal_source
