from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from .tcd_reminder_mixin import ESCALATE, REMIND

PHASE_STATES = [
    ("planned", "Planned"),
    ("in_progress", "In progress"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
OPEN_STATES = ("planned", "in_progress")
REMINDER_DAYS = 7


class TcdDeploymentPhase(models.Model):
    """A phase or task of a deployment plan (Giai đoạn / nội dung): what is to be done, by which
    unit (đơn vị chủ trì) with which others (đơn vị phối hợp), and by when.

    While the plan is in progress, the lead unit's officers get an activity a week before the
    deadline, and the plan's agency is alerted once when the phase is late (tcd.reminder.mixin). A
    unit sees the tasks it leads or coordinates, in plans of other agencies too.
    """

    _name = "tcd.deployment.phase"
    _description = "Deployment phase"
    _inherit = ["tcd.workflow.mixin", "tcd.reminder.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "plan_id, sequence, id"
    _reminder_fields = {REMIND: ("deadline", "reminded"), ESCALATE: ("deadline", "escalated")}
    _reminder_activity_types = {
        REMIND: "tiep_cong_dan_truc_tuyen.mail_activity_type_tcd_phase_due",
        ESCALATE: "tiep_cong_dan_truc_tuyen.mail_activity_type_tcd_phase_overdue",
    }
    _reminder_cron = "tiep_cong_dan_truc_tuyen.ir_cron_tcd_deployment_phase"

    plan_id = fields.Many2one("tcd.deployment.plan", required=True, index=True, ondelete="cascade")
    plan_agency_id = fields.Many2one(related="plan_id.agency_id", string="Plan agency", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Content", required=True, tracking=True)
    description = fields.Text()
    lead_agency_id = fields.Many2one(
        "tcd.agency",
        string="Lead unit",
        index=True,
        ondelete="restrict",
        tracking=True,
        help="The agency in charge (đơn vị chủ trì); its officers are reminded of the deadline. Empty when the "
        "lead is not one agency of the system (see the note): the plan's agency follows the phase then.",
    )
    lead_note = fields.Char(
        string="Lead unit (other)",
        help="The lead when it is not one agency of the system, e.g. UBND các cấp.",
    )
    coordinating_agency_ids = fields.Many2many("tcd.agency", string="Coordinating units")
    coordinating_note = fields.Char(
        string="Other coordinating units",
        help="Coordinating units that are not agencies of the system, e.g. Vụ Pháp chế.",
    )
    date_start = fields.Date(string="Start")
    deadline = fields.Date(tracking=True, index=True, help="Empty when the plan sets no time limit.")
    state = fields.Selection(
        PHASE_STATES, required=True, default="planned", readonly=True, copy=False, index=True, tracking=True
    )
    done_date = fields.Date(
        string="Done on", copy=False, tracking=True, help="The day it is marked done when left empty."
    )
    result = fields.Text(copy=False, tracking=True)
    is_overdue = fields.Boolean(string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue")
    reminded = fields.Boolean(readonly=True, copy=False, help="The lead unit was reminded of the deadline.")
    escalated = fields.Boolean(readonly=True, copy=False, help="The plan's agency was alerted of the delay.")

    @api.depends("state", "deadline")
    def _compute_is_overdue(self):
        today = self.env["tcd.working.calendar"].today()
        for phase in self:
            phase.is_overdue = phase.state in OPEN_STATES and bool(phase.deadline) and phase.deadline < today

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue phases."))
        domain = [("state", "in", OPEN_STATES), ("deadline", "<", self.env["tcd.working.calendar"].today())]
        return domain if (operator == "=") == value else ["!", "&", *domain]

    @api.constrains("state", "result")
    def _check_result(self):
        for phase in self:
            if phase.state == "done" and not (phase.result or "").strip():
                raise ValidationError(
                    self.env._("Report the result of %(phase)s before marking it done.", phase=phase.name)
                )

    @api.constrains("date_start", "deadline")
    def _check_dates(self):
        for phase in self:
            if phase.date_start and phase.deadline and phase.deadline < phase.date_start:
                raise ValidationError(self.env._("The deadline of %(phase)s is before its start.", phase=phase.name))

    @api.model_create_multi
    def create(self, vals_list):
        phases = super().create(vals_list)
        phases._reminder_wake()
        return phases

    def write(self, vals):
        res = super().write(vals)
        if "deadline" in vals:
            # a new deadline is reminded and escalated anew, from its reminder time
            self.sudo().write({"reminded": False, "escalated": False})
            self._reminder_wake()
        return res

    # ------------------------------------------------------------------ workflow

    def action_start(self):
        self.filtered(lambda phase: phase.state == "planned")._workflow_write({"state": "in_progress"})
        return True

    def action_done(self):
        for phase in self:
            if phase.state not in OPEN_STATES:
                raise UserError(self.env._("Only a planned or ongoing phase can be marked done."))
        today = self.env["tcd.working.calendar"].today()
        for phase in self:
            phase._workflow_write({"state": "done", "done_date": phase.done_date or today})
        self.activity_ids.action_feedback(feedback=self.env._("Done"))
        return True

    def action_cancel(self):
        self.filtered(lambda phase: phase.state in OPEN_STATES)._workflow_write({"state": "cancelled"})
        self.activity_ids.unlink()
        return True

    def action_reopen(self):
        self.filtered(lambda phase: phase.state in ("done", "cancelled"))._workflow_write(
            {"state": "in_progress", "done_date": False}
        )
        return True

    # ------------------------------------------------------------------ reminders

    def _follower_agency(self):
        """The agency that carries the phase out: its lead unit, else the plan's agency."""
        self.ensure_one()
        return self.lead_agency_id or self.plan_agency_id

    @api.model
    def _reminder_open_domain(self):
        return [("plan_id.state", "=", "in_progress"), ("state", "in", OPEN_STATES)]

    @api.model
    def _reminder_threshold(self, stage, now):
        """Reminded a week before the deadline, escalated the day after it."""
        today = self.env["tcd.working.calendar"].local_date(now)
        return today + timedelta(days=REMINDER_DAYS) if stage == REMIND else today - timedelta(days=1)

    @api.model
    def _reminder_day(self, stage, value):
        return value - timedelta(days=REMINDER_DAYS) if stage == REMIND else value + timedelta(days=1)

    @api.model
    def _reminder_pending_domain(self, stage, now):
        domain = super()._reminder_pending_domain(stage, now)
        if stage == REMIND:
            # a late phase is escalated, no longer reminded
            domain.append(("deadline", ">=", self.env["tcd.working.calendar"].local_date(now)))
        return domain

    def _reminder_activities(self, stage):
        """The lead unit's officers are reminded of each phase; the plan's agency gets one alert per plan
        listing its late phases."""
        if stage == REMIND:
            officers = (self.lead_agency_id | self.plan_agency_id)._officers()
            result = []
            for phase in self:
                agency = phase._follower_agency()
                result.append(
                    (phase, phase, officers.filtered(lambda user, agency=agency: user.tcd_agency_id == agency))
                )
            return result
        officers = self.plan_agency_id._officers()
        return [
            (
                plan,
                self.filtered(lambda phase, plan=plan: phase.plan_id == plan),
                officers.filtered(lambda user, plan=plan: user.tcd_agency_id == plan.agency_id),
            )
            for plan in self.plan_id
        ]

    def _reminder_texts(self, stage):
        if stage == REMIND:
            summary = self.env._(
                "%(plan)s: due on %(deadline)s",
                plan=self.plan_id.name,
                deadline=format_date(self.env, self.deadline),
            )
            return summary, self.name
        lines = Markup().join(
            Markup("<li>%s</li>")
            % self.env._(
                "%(phase)s - %(lead)s (due %(deadline)s)",
                phase=phase.name,
                lead=phase.lead_agency_id.name or phase.lead_note or phase.plan_id.agency_id.name,
                deadline=format_date(self.env, phase.deadline),
            )
            for phase in self
        )
        return self.env._("%(count)s phases overdue", count=len(self)), Markup("<ul>%s</ul>") % lines

    def _reminder_values(self, stage):
        return {"date_deadline": self.deadline} if stage == REMIND else {}
