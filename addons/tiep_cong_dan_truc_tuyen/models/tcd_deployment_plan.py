from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

PLAN_STATES = [
    ("draft", "Draft"),
    ("in_progress", "In progress"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]


class TcdDeploymentPlan(models.Model):
    """A plan deploying the online reception model: Kế hoạch triển khai mô hình tiếp công dân
    trực tuyến, e.g. Nghệ An's Kế hoạch 459/KH-UBND (Phần thứ II.4) or the TTCP's plan (Phần V.I).

    The plan is a list of phases or tasks, each with its lead unit and deadline
    (``tcd.deployment.phase``); its progress is the share of its phases done, and its agency is
    alerted when a phase is late.
    """

    _name = "tcd.deployment.plan"
    _description = "Deployment plan"
    _inherit = ["tcd.agency.scoped.mixin", "tcd.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "document_date desc, id desc"

    name = fields.Char(required=True, tracking=True)
    agency_id = fields.Many2one(string="Issuing agency", tracking=True)
    document_number = fields.Char(string="Document number", tracking=True, help="e.g. 459/KH-UBND")
    document_date = fields.Date(string="Document date", tracking=True)
    source = fields.Char(
        string="Implements",
        help="The regulation or instruction the plan carries out, e.g. Quyết định 748/QĐ-TTCP.",
    )
    date_from = fields.Date(string="From", tracking=True)
    date_to = fields.Date(string="To", tracking=True)
    description = fields.Html()
    phase_ids = fields.One2many("tcd.deployment.phase", "plan_id", string="Phases", copy=True)
    phase_count = fields.Integer(
        string="Phases to do",
        compute="_compute_progress",
        store=True,
        help="The phases to carry out, the cancelled ones aside.",
    )
    done_phase_count = fields.Integer(string="Phases done", compute="_compute_progress", store=True)
    progress = fields.Float(
        compute="_compute_progress",
        store=True,
        aggregator="avg",
        help="The share of the phases done, in percent of the phases not cancelled.",
    )
    overdue_phase_count = fields.Integer(string="Phases overdue", compute="_compute_overdue_phase_count")
    state = fields.Selection(
        PLAN_STATES, required=True, default="draft", readonly=True, copy=False, index=True, tracking=True
    )

    @api.depends("phase_ids.state")
    def _compute_progress(self):
        for plan in self:
            phases = plan.phase_ids.filtered(lambda phase: phase.state != "cancelled")
            done = phases.filtered(lambda phase: phase.state == "done")
            plan.phase_count = len(phases)
            plan.done_phase_count = len(done)
            plan.progress = 100.0 * len(done) / len(phases) if phases else 0.0

    @api.depends("phase_ids.is_overdue")
    def _compute_overdue_phase_count(self):
        for plan in self:
            plan.overdue_phase_count = len(plan.phase_ids.filtered("is_overdue"))

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for plan in self:
            if plan.date_from and plan.date_to and plan.date_to < plan.date_from:
                raise ValidationError(self.env._("The plan %(plan)s ends before it starts.", plan=plan.name))

    def action_start(self):
        self._set_state("in_progress", ("draft",))
        return True

    def action_done(self):
        for plan in self:
            unfinished = plan.phase_ids.filtered(lambda phase: phase.state in ("planned", "in_progress"))
            if unfinished:
                raise UserError(
                    self.env._(
                        "%(count)s phases of the plan %(plan)s are not done: finish or cancel them first.",
                        count=len(unfinished),
                        plan=plan.name,
                    )
                )
        self._set_state("done", ("in_progress",))
        return True

    def action_cancel(self):
        """Cancel the plan with its unfinished phases: they are no longer reminded nor overdue."""
        self._set_state("cancelled", ("draft", "in_progress"))
        self.phase_ids.filtered(lambda phase: phase.state in ("planned", "in_progress")).action_cancel()
        return True

    def action_draft(self):
        self._set_state("draft", ("cancelled",))
        return True

    def action_view_phases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("tiep_cong_dan_truc_tuyen.tcd_deployment_phase_action")
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"default_plan_id": self.id}
        return action

    def action_view_overdue_phases(self):
        action = self.action_view_phases()
        action["context"]["search_default_filter_overdue"] = 1
        return action
