from odoo import api, fields, models

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

    def _compute_legal_source(self):
        sources = {code: source for code, _field, _label, source in DEADLINE_RULES}
        for deadline in self:
            deadline.legal_source = sources.get(deadline.rule)

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
        activity_type = self.env.ref(
            "tiep_cong_dan_truc_tuyen.mail_activity_type_tcd_deadline_overdue"
            if overdue
            else "tiep_cong_dan_truc_tuyen.mail_activity_type_tcd_deadline_soon"
        )
        rules = dict(self._fields["rule"]._description_selection(self.env))
        sources = {code: source for code, _field, _label, source in DEADLINE_RULES}
        for deadline in self:
            case = deadline.case_id
            note = self.env._(
                "%(deadline)s: due on %(date)s (%(law)s).",
                deadline=rules[deadline.rule],
                date=deadline.due_date.strftime("%d/%m/%Y"),
                law=sources[deadline.rule],
            )
            for user in case._deadline_recipients(overdue):
                case.activity_schedule(
                    activity_type_id=activity_type.id,
                    date_deadline=deadline.due_date,
                    summary=(
                        self.env._("Overdue: %(deadline)s", deadline=rules[deadline.rule])
                        if overdue
                        else self.env._("Due soon: %(deadline)s", deadline=rules[deadline.rule])
                    ),
                    note=note,
                    user_id=user.id,
                )
        self.write({"overdue_alerted": True} if overdue else {"soon_alerted": True})
