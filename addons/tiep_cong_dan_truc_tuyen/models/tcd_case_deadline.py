from odoo import api, fields, models
from odoo.tools import format_date

from ..tools import activities
from .tcd_deadline_rule import EVENT_FIELDS

DEFAULT_WARNING_DAYS = 2
BATCH_SIZE = 200


class TcdCaseDeadline(models.Model):
    """A legal deadline of a case, followed until it is met: the case's single source of its deadlines.

    Its rule (tcd.deadline.rule) is the one in force for the case on the day the deadline counts
    from; the due date comes from the rule and the case, and whether it is met from the case. The
    daily scheduled action alerts the handlers when it comes near and the leader when it has passed,
    once each, for the rules that remind.
    """

    _name = "tcd.case.deadline"
    _description = "Legal deadline of a case"
    _order = "due_date, id"
    _rec_name = "step"

    case_id = fields.Many2one("tcd.case", required=True, index=True, ondelete="cascade")
    agency_id = fields.Many2one(related="case_id.agency_id", store=True, index=True)
    rule_id = fields.Many2one("tcd.deadline.rule", string="Rule", required=True, ondelete="restrict")
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

    # ------------------------------------------------------------------ daily alerts

    @api.model
    def _cron_alert(self):
        """Alert the handlers of the deadlines that come near and the leaders of those that passed.

        Each deadline is alerted once per stage. Runs in batches: what is left is signalled to the
        cron runner, which calls again.
        """
        calendar = self.env["tcd.working.calendar"]
        today = calendar.today()
        days = int(
            self.env["ir.config_parameter"].sudo().get_param("tiep_cong_dan_truc_tuyen.deadline_warning_days")
            or DEFAULT_WARNING_DAYS
        )
        horizon = calendar.add_working_days(today, days)
        overdue_domain = [
            ("remind", "=", True),
            ("done", "=", False),
            ("overdue_alerted", "=", False),
            ("due_date", "<", today),
        ]
        soon_domain = [
            ("remind", "=", True),
            ("done", "=", False),
            ("soon_alerted", "=", False),
            ("overdue_alerted", "=", False),
            ("due_date", ">=", today),
            ("due_date", "<=", horizon),
        ]
        overdue = self.search(overdue_domain, limit=BATCH_SIZE)
        soon = self.search(soon_domain, limit=BATCH_SIZE - len(overdue))
        overdue._alert(overdue=True)
        soon._alert(overdue=False)
        remaining = self.search_count(overdue_domain) + self.search_count(soon_domain)
        self.env["ir.cron"]._notify_progress(done=len(overdue) + len(soon), remaining=remaining)

    def _alert(self, overdue):
        activity_type = (
            "tiep_cong_dan_truc_tuyen.mail_activity_type_tcd_deadline_overdue"
            if overdue
            else "tiep_cong_dan_truc_tuyen.mail_activity_type_tcd_deadline_soon"
        )
        for deadline in self:

            def texts(case, deadline=deadline):
                step = dict(self._fields["step"]._description_selection(case.env))[deadline.step]
                summary = (
                    case.env._("Overdue: %(deadline)s", deadline=step)
                    if overdue
                    else case.env._("Due soon: %(deadline)s", deadline=step)
                )
                note = case.env._(
                    "%(deadline)s: due on %(date)s (%(law)s).",
                    deadline=step,
                    date=format_date(case.env, deadline.due_date),
                    law=deadline.rule_id.with_env(case.env).legal_source,
                )
                return summary, note

            case = deadline.case_id
            activities.schedule(
                case, case._deadline_recipients(overdue), activity_type, texts, date_deadline=deadline.due_date
            )
        self.write({"overdue_alerted": True} if overdue else {"soon_alerted": True})
