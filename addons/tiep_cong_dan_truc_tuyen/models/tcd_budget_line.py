from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .tcd_budget import FINANCE_GROUP

LINE_TYPES = [
    ("equipment", "Equipment purchase"),
    ("line_rental", "Line rental"),
    ("licence", "Software licences"),
    ("training", "Training"),
    ("other", "Other"),
]
# Fields of a line that an approved or closed budget locks.
LOCKED_FIELDS = {
    "budget_id",
    "line_type",
    "category_id",
    "description",
    "bridge_point_id",
    "quantity",
    "unit_price",
    "approved_amount",
}


class TcdBudgetLine(models.Model):
    _name = "tcd.budget.line"
    _inherit = ["tcd.workflow.mixin"]
    _description = "Budget line"
    _order = "budget_id, sequence, id"

    budget_id = fields.Many2one("tcd.budget", required=True, index=True, ondelete="cascade")
    agency_id = fields.Many2one(related="budget_id.agency_id", store=True, index=True)
    fiscal_year = fields.Integer(related="budget_id.fiscal_year", store=True)
    state = fields.Selection(related="budget_id.state", store=True)
    currency_id = fields.Many2one(related="budget_id.currency_id")
    sequence = fields.Integer(default=10)
    line_type = fields.Selection(LINE_TYPES, string="Type", required=True, default="equipment")
    category_id = fields.Many2one("maintenance.equipment.category", string="Equipment category")
    description = fields.Char(required=True)
    bridge_point_id = fields.Many2one("tcd.bridge.point", string="Bridge point", index=True)
    quantity = fields.Float(default=1.0, digits=(16, 2))
    unit_price = fields.Monetary()
    amount = fields.Monetary(string="Estimate", compute="_compute_amount", store=True)
    approved_amount = fields.Monetary(
        compute="_compute_approved_amount",
        store=True,
        readonly=False,
        help="Set by finance; the estimate until then.",
    )
    equipment_id = fields.Many2one(
        "maintenance.equipment", string="Equipment bought", index=True, help="The equipment once bought."
    )
    spent_amount = fields.Monetary(string="Spent")

    @api.depends("quantity", "unit_price")
    def _compute_amount(self):
        for line in self:
            line.amount = line.quantity * line.unit_price

    @api.depends("amount")
    def _compute_approved_amount(self):
        for line in self:
            line.approved_amount = line.amount

    @api.constrains("quantity", "unit_price", "approved_amount", "spent_amount")
    def _check_amounts(self):
        for line in self:
            if line.quantity < 0:
                raise ValidationError(
                    self.env._(
                        "The quantity of %(line)s cannot be negative (%(quantity)s).",
                        line=line.description,
                        quantity=line.quantity,
                    )
                )
            if line.unit_price < 0:
                raise ValidationError(
                    self.env._(
                        "The unit price of %(line)s cannot be negative (%(price)s VND).",
                        line=line.description,
                        price=line.unit_price,
                    )
                )
            if line.approved_amount < 0 or line.spent_amount < 0:
                raise ValidationError(
                    self.env._("The approved and spent amounts of %(line)s cannot be negative.", line=line.description)
                )

    @api.constrains("line_type", "category_id")
    def _check_category(self):
        for line in self:
            if line.line_type == "equipment" and not line.category_id:
                raise ValidationError(
                    self.env._("Choose the equipment category of the purchase %(line)s.", line=line.description)
                )

    def _check_unlocked(self, fnames):
        locked = self.filtered(lambda line: line.budget_id.state in ("approved", "closed"))
        if locked and LOCKED_FIELDS & set(fnames):
            raise UserError(
                self.env._(
                    "The budget %(budget)s is approved: its lines cannot change until finance reopens it "
                    "with a reason.",
                    budget=locked[0].budget_id.name,
                )
            )

    def _check_approved_amount_by_finance(self, vals):
        """Only finance sets an approved amount other than the estimate."""
        if "approved_amount" not in vals or self.env.su or self.env.user.has_group(FINANCE_GROUP):
            return
        for line in self or [None]:
            quantity = vals.get("quantity", line.quantity if line else 1.0)
            estimate = quantity * vals.get("unit_price", line.unit_price if line else 0.0)
            if vals["approved_amount"] not in (estimate, line.approved_amount if line else estimate):
                raise UserError(self.env._("Only the finance group sets the approved amounts."))

    @api.model
    def _check_budgets_take_lines(self, budgets):
        if any(budget.state in ("approved", "closed") for budget in budgets):
            raise UserError(self.env._("An approved budget takes no new line until finance reopens it with a reason."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self.browse()._check_approved_amount_by_finance(vals)
        self._check_budgets_take_lines(self.env["tcd.budget"].browse([vals.get("budget_id") for vals in vals_list]))
        return super().create(vals_list)

    def write(self, vals):
        self._check_unlocked(vals)
        if vals.get("budget_id"):
            self._check_budgets_take_lines(self.env["tcd.budget"].browse(vals["budget_id"]))
        self._check_approved_amount_by_finance(vals)
        return super().write(vals)

    def unlink(self):
        self._check_unlocked(LOCKED_FIELDS)
        return super().unlink()
