from odoo import fields, models


class TcdBudgetReopenWizard(models.TransientModel):
    _name = "tcd.budget.reopen.wizard"
    _description = "Reopen a budget"

    budget_ids = fields.Many2many("tcd.budget", string="Budgets", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.budget_ids._reopen(self.reason)
        return {"type": "ir.actions.act_window_close"}
