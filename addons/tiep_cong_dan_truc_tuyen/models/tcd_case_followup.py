from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from ..tools import activities
from .tcd_reminder_mixin import ESCALATE

FOLLOWUP_STATES = [
    ("draft", "Instruction"),
    ("open", "To do"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
DEFAULT_DAYS = 10


class TcdCaseFollowup(models.Model):
    """A leader's instruction given at a session on one case, and its follow-up (Nghị định
    154/2026/NĐ-CP Điều 25).

    Written with the case's outcome while the session is held, it becomes a task of the
    responsible agency when the conclusion notice is issued: its deadline is that many working
    days after the notice, the agency's officers get an activity, and it is tracked until the
    agency reports it done. Overdue tasks are escalated to the host agency once (tcd.reminder.mixin).
    """

    _name = "tcd.case.followup"
    _description = "Instruction and follow-up"
    _inherit = ["tcd.workflow.mixin", "tcd.reminder.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "deadline, id"
    _rec_name = "content"
    _reminder_fields = {ESCALATE: ("deadline", "escalated")}
    _reminder_activity_types = {ESCALATE: "tiep_cong_dan_truc_tuyen.mail_activity_type_tcd_followup_overdue"}
    _reminder_cron = "tiep_cong_dan_truc_tuyen.ir_cron_tcd_case_followup"

    session_case_id = fields.Many2one(
        "tcd.session.case", string="Agenda item", required=True, index=True, ondelete="cascade"
    )
    session_id = fields.Many2one(related="session_case_id.session_id", store=True, index=True)
    host_agency_id = fields.Many2one(related="session_id.agency_id", string="Host agency", store=True, index=True)
    case_id = fields.Many2one(related="session_case_id.case_id", store=True, index=True)
    agency_id = fields.Many2one(
        "tcd.agency", string="Responsible agency", required=True, index=True, ondelete="restrict", tracking=True
    )
    content = fields.Text(string="Instruction", required=True, tracking=True)
    days = fields.Integer(
        string="Working days",
        required=True,
        default=DEFAULT_DAYS,
        help="The time allowed, in working days from the conclusion notice.",
    )
    deadline = fields.Date(readonly=True, copy=False, tracking=True, index=True)
    state = fields.Selection(FOLLOWUP_STATES, required=True, default="draft", readonly=True, index=True, tracking=True)
    is_overdue = fields.Boolean(string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue")
    result = fields.Text(string="Result reported", tracking=True)
    done_date = fields.Date(string="Done on", readonly=True, copy=False)
    done_by_id = fields.Many2one("res.users", string="Reported by", readonly=True, copy=False)
    escalated = fields.Boolean(readonly=True, copy=False, help="The host agency was alerted of the delay.")

    _sql_constraints = [
        ("days_positive", "CHECK(days > 0)", "An instruction's time limit is at least one working day."),
    ]

    def init(self):
        # the escalation reads only the open tasks not escalated yet
        tools.create_index(
            self.env.cr,
            "tcd_case_followup_overdue_index",
            self._table,
            ["deadline"],
            where="state = 'open' AND escalated IS NOT TRUE",
        )

    @api.depends("state", "deadline")
    def _compute_is_overdue(self):
        today = self.env["tcd.working.calendar"].today()
        for followup in self:
            followup.is_overdue = followup.state == "open" and bool(followup.deadline) and followup.deadline < today

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue instructions."))
        domain = [("state", "=", "open"), ("deadline", "<", self.env["tcd.working.calendar"].today())]
        return domain if (operator == "=") == value else ["!", "&", *domain]

    def write(self, vals):
        fixed = {"content", "agency_id", "days", "session_case_id"} & set(vals)
        if fixed and not self.env.su:
            issued = self.filtered(lambda followup: followup.state != "draft")
            if issued:
                raise UserError(
                    self.env._(
                        "The instruction on %(case)s was issued in the conclusion notice: its content, agency and time "
                        "limit no longer change.",
                        case=issued[0].case_id.name,
                    )
                )
        return super().write(vals)

    # ------------------------------------------------------------------ issuing (the conclusion notice)

    def _issue(self, issued_on):
        """Give each instruction its deadline, ``days`` working days after ``issued_on``, and the
        responsible agency's officers an activity."""
        calendar = self.env["tcd.working.calendar"]
        # the officers of all the responsible agencies, read once
        officers = self.agency_id._officers()
        for followup in self.with_context(mail_notify_force_send=False):
            followup.write({"state": "open", "deadline": calendar.add_working_days(issued_on, followup.days)})
            activities.schedule(
                followup,
                officers.filtered(lambda user, agency=followup.agency_id: user.tcd_agency_id == agency),
                "tiep_cong_dan_truc_tuyen.mail_activity_type_tcd_followup",
                lambda localized: (
                    localized.env._("Instruction on %(case)s", case=localized.case_id.name),
                    localized.content,
                ),
                date_deadline=followup.deadline,
            )

    # ------------------------------------------------------------------ tracking until done

    def action_done(self):
        for followup in self:
            if followup.state != "open":
                raise UserError(self.env._("Only an instruction to do can be reported done."))
            if not (followup.result or "").strip():
                raise UserError(
                    self.env._(
                        "Report the result of the instruction on %(case)s before marking it done.",
                        case=followup.case_id.name,
                    )
                )
        self._workflow_write(
            {
                "state": "done",
                "done_date": self.env["tcd.working.calendar"].today(),
                "done_by_id": self.env.uid,
            }
        )
        self.activity_ids.action_feedback(feedback=self.env._("Done"))
        for followup in self:
            followup.session_id.sudo().message_post(
                body=self.env._(
                    "%(agency)s reported the instruction on %(case)s done: %(result)s",
                    agency=followup.agency_id.name,
                    case=followup.case_id.name,
                    result=followup.result,
                )
            )
        return True

    def action_reopen(self):
        self.filtered(lambda followup: followup.state == "done")._workflow_write(
            {"state": "open", "done_date": False, "done_by_id": False}
        )
        return True

    # ------------------------------------------------------------------ escalation (tcd.reminder.mixin)

    @api.model
    def _reminder_open_domain(self):
        return [("state", "=", "open")]

    @api.model
    def _reminder_threshold(self, stage, now):
        """Escalated the day after the deadline."""
        return self.env["tcd.working.calendar"].local_date(now) - timedelta(days=1)

    @api.model
    def _reminder_day(self, stage, value):
        return value + timedelta(days=1)

    def _reminder_activities(self, stage):
        """One alert per session, listing its late instructions, to the host agency's officers and the chair."""
        return [
            (
                session,
                self.filtered(lambda followup, session=session: followup.session_id == session),
                session._readers(session._host_officers() | session.chair_id),
            )
            for session in self.session_id
        ]

    def _reminder_texts(self, stage):
        lines = Markup().join(
            Markup("<li>%s</li>")
            % self.env._(
                "%(case)s - %(agency)s: %(content)s (due %(deadline)s)",
                case=followup.case_id.name,
                agency=followup.agency_id.name,
                content=followup.content,
                deadline=format_date(self.env, followup.deadline),
            )
            for followup in self
        )
        return self.env._("%(count)s instructions overdue", count=len(self)), Markup("<ul>%s</ul>") % lines

    @api.constrains("agency_id", "session_case_id")
    def _check_agency(self):
        for followup in self:
            if not followup.agency_id.active:
                raise ValidationError(
                    self.env._("%(agency)s is archived: choose an active agency.", agency=followup.agency_id.name)
                )

    @api.model
    def _action_for_session(self, session):
        """The instructions of ``session``'s conclusion notice."""
        session.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("tiep_cong_dan_truc_tuyen.tcd_case_followup_action")
        action.update(domain=[("session_id", "=", session.id)], context={})
        return action
