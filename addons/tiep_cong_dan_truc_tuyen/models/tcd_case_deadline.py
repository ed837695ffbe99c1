from odoo import api, fields, models
from odoo.tools import format_date

from ..tools import activities
from .tcd_case import DEADLINE_RULES

RULE_FIELDS = {code: field for code, field, _label, _source in DEADLINE_RULES}
DEFAULT_WARNING_DAYS = 2
BATCH_SIZE = 200


class TcdCaseDeadline(models.Model):
    """A legal deadline of a case, followed until it is met (Luật Tiếp công dân 2013 Điều 28; Luật
    Khiếu nại 2011 Điều 27; Luật Tố cáo 2018 Điều 24; Nghị định 154/2026/NĐ-CP Điều 4, 41; Nghị định
    155/2026/NĐ-CP Điều 10).

    The due date and whether it is met come from the case; the daily scheduled action alerts
    the handlers when it comes near and the leader when it has passed, once each.
    """

    _name = "tcd.case.deadline"
    _description = "Legal deadline of a case"
    _order = "due_date, id"
    _rec_name = "rule"

    case_id = fields.Many2one("tcd.case", required=True, index=True, ondelete="cascade")
    agency_id = fields.Many2one(related="case_id.agency_id", store=True, index=True)
    rule = fields.Selection(
        [(code, label) for code, _field, label, _source in DEADLINE_RULES], string="Deadline", required=True
    )
    legal_source = fields.Char(compute="_compute_legal_source")
    due_date = fields.Date(compute="_compute_state", store=True, index=True)
    done = fields.Boolean(compute="_compute_state", store=True, index=True)
    soon_alerted = fields.Boolean(string="Handlers alerted", readonly=True)
    overdue_alerted = fields.Boolean(string="Leader alerted", readonly=True)

    _sql_constraints = [
        ("case_rule_unique", "unique(case_id, rule)", "A case has each legal deadline once."),
    ]

    @api.depends("rule")
    @api.depends_context("lang")
    def _compute_legal_source(self):
        sources = {code: source for code, _field, _label, source in DEADLINE_RULES}
        for deadline in self:
            deadline.legal_source = self.env._(sources[deadline.rule]) if deadline.rule else False

    @api.depends(
        "rule",
        "case_id.reply_deadline",
        "case_id.acceptance_deadline",
        "case_id.forward_deadline",
        "case_id.refusal_notice_deadline",
        "case_id.unprocessed_deadline",
        "case_id.state",
        "case_id.reply_date",
        "case_id.accepted_date",
        "case_id.forwarded_date",
        "case_id.refusal_notice_date",
        "case_id.disposition",
    )
    def _compute_state(self):
        for deadline in self:
            case = deadline.case_id
            deadline.due_date = case[RULE_FIELDS[deadline.rule]]
            deadline.done = not deadline.due_date or case._deadline_done(deadline.rule)

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
        overdue_domain = [("done", "=", False), ("overdue_alerted", "=", False), ("due_date", "<", today)]
        soon_domain = [
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
        sources = {code: source for code, _field, _label, source in DEADLINE_RULES}
        for deadline in self:

            def texts(case, deadline=deadline):
                rule = dict(self._fields["rule"]._description_selection(case.env))[deadline.rule]
                summary = (
                    case.env._("Overdue: %(deadline)s", deadline=rule)
                    if overdue
                    else case.env._("Due soon: %(deadline)s", deadline=rule)
                )
                note = case.env._(
                    "%(deadline)s: due on %(date)s (%(law)s).",
                    deadline=rule,
                    date=format_date(case.env, deadline.due_date),
                    law=case.env._(sources[deadline.rule]),
                )
                return summary, note

            case = deadline.case_id
            activities.schedule(
                case, case._deadline_recipients(overdue), activity_type, texts, date_deadline=deadline.due_date
            )
        self.write({"overdue_alerted": True} if overdue else {"soon_alerted": True})
