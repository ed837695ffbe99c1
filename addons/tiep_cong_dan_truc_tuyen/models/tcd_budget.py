from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_amount

FINANCE_GROUP = "tiep_cong_dan_truc_tuyen.group_tcd_finance"


class TcdBudget(models.Model):
    """The budget (kinh phí) of an agency for a fiscal year (Kế hoạch 459/KH-UBND tỉnh Nghệ An, Phần III
    mục 1, mục 6; Quyết định 354/QĐ-UBND-HC tỉnh Đồng Tháp, Quy chế Điều 8 khoản 2; Quy chế tiếp công
    dân trực tuyến của UBND tỉnh Quảng Ngãi (2025) Điều 9 khoản 1 điểm a).

    Draft → submitted → approved by the finance group (approver, date, approved amount per line)
    → closed. An approved budget's lines are locked until finance reopens it with a reason.
    """

    _name = "tcd.budget"
    _description = "Budget"
    _inherit = ["tcd.agency.scoped.mixin", "tcd.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "fiscal_year desc, id desc"
    _approval_state = "submitted"

    name = fields.Char(required=True, tracking=True)
    fiscal_year = fields.Integer(
        required=True, default=lambda self: self.env["tcd.working.calendar"].today().year + 1, tracking=True
    )
    agency_id = fields.Many2one(tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"), ("approved", "Approved"), ("closed", "Closed")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    line_ids = fields.One2many("tcd.budget.line", "budget_id", string="Lines", copy=True)
    currency_id = fields.Many2one("res.currency", required=True, default=lambda self: self.env.ref("base.VND"))
    amount_total = fields.Monetary(string="Estimate", compute="_compute_totals", store=True)
    approved_total = fields.Monetary(string="Approved total", compute="_compute_totals", store=True)
    spent_total = fields.Monetary(string="Spent", compute="_compute_totals", store=True)
    remaining_total = fields.Monetary(string="Remaining", compute="_compute_totals", store=True)
    submitted_by_id = fields.Many2one("res.users", string="Submitted by", readonly=True, copy=False)
    submitted_date = fields.Datetime(string="Submitted on", readonly=True, copy=False)
    approved_by_id = fields.Many2one("res.users", string="Approved by", readonly=True, copy=False, tracking=True)
    approved_date = fields.Datetime(string="Approved on", readonly=True, copy=False)
    note = fields.Html()
    can_approve = fields.Boolean(compute="_compute_can_approve", help="The current user is in the finance group.")

    @api.depends_context("uid")
    def _compute_can_approve(self):
        self.can_approve = self.env.user.has_group(FINANCE_GROUP)

    @api.depends("line_ids.amount", "line_ids.approved_amount", "line_ids.spent_amount")
    def _compute_totals(self):
        for budget in self:
            lines = budget.line_ids
            budget.amount_total = sum(lines.mapped("amount"))
            budget.approved_total = sum(lines.mapped("approved_amount"))
            budget.spent_total = sum(lines.mapped("spent_amount"))
            budget.remaining_total = budget.approved_total - budget.spent_total

    def _check_finance(self):
        if not self.env.user.has_group(FINANCE_GROUP):
            raise AccessError(self.env._("Only the finance group (Sở Tài chính) approves, reopens and closes budgets."))

    @api.model
    def _workflow_error(self):
        return self.env._(
            "The state of a budget, its submission and its approval change only through its buttons (Submit, and "
            "Approve, Reopen or Close for the finance group)."
        )

    def _approvers(self):
        """The finance officers of the budget's province who may read it, else any who may."""
        finance = self.env["res.users"].search(
            [("groups_id", "in", self.env.ref(FINANCE_GROUP).id), ("tcd_agency_id", "!=", False)]
        )
        readers = finance.filtered(lambda user: self.with_user(user).has_access("read"))
        province = self.province_agency_id
        return readers.filtered(lambda user: user.tcd_agency_id.province_agency_id == province) or readers

    def _approval_texts(self):
        return (
            self.env._("Approve the budget %(budget)s", budget=self.name),
            self.env._(
                "%(user)s submitted the budget %(budget)s of %(agency)s for %(year)s: %(amount)s.",
                user=self.submitted_by_id.name,
                budget=self.name,
                agency=self.agency_id.name,
                year=self.fiscal_year,
                amount=format_amount(self.env, self.amount_total, self.currency_id),
            ),
        )

    def action_submit(self):
        for budget in self:
            if not budget.line_ids:
                raise UserError(self.env._("Add the lines of the budget %(budget)s first.", budget=budget.name))
        self._set_state("submitted", ("draft",), submitted_by_id=self.env.uid, submitted_date=fields.Datetime.now())

    def action_approve(self):
        self._check_finance()
        self._set_state("approved", ("submitted",), approved_by_id=self.env.uid, approved_date=fields.Datetime.now())

    def action_close(self):
        self._check_finance()
        self._set_state("closed", ("approved",))

    def action_open_reopen_wizard(self):
        self._check_finance()
        return {
            "type": "ir.actions.act_window",
            "res_model": "tcd.budget.reopen.wizard",
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Reopen the budget"),
            "context": {"default_budget_ids": self.ids},
        }

    def _reopen(self, reason):
        self._check_finance()
        self._set_state("draft", ("submitted", "approved", "closed"), approved_by_id=False, approved_date=False)
        for budget in self:
            budget.message_post(body=self.env._("Budget reopened: %(reason)s", reason=reason))
