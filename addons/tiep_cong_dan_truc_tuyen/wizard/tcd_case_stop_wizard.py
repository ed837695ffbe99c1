from odoo import fields, models
from odoo.exceptions import UserError


class TcdCaseStopWizard(models.TransientModel):
    """Refuse a case (with its legal reason) or record its withdrawal."""

    _name = "tcd.case.stop.wizard"
    _description = "Refuse or withdraw a case"

    case_ids = fields.Many2many("tcd.case", string="Cases", required=True)
    action = fields.Selection([("refuse", "Refuse"), ("withdraw", "Withdraw")], required=True, default="refuse")
    reason_id = fields.Many2one("tcd.refusal.reason", string="Legal reason")
    legal_basis = fields.Char(related="reason_id.legal_basis")
    requires_notice = fields.Boolean(related="reason_id.requires_notice")
    note = fields.Text()

    def action_confirm(self):
        self.ensure_one()
        if self.action == "refuse":
            if not self.reason_id:
                raise UserError(self.env._("Choose the legal reason for refusing the reception."))
            self.case_ids._refuse(self.reason_id, self.note)
        else:
            if not self.note:
                raise UserError(self.env._("Write why the citizen withdraws the case."))
            self.case_ids._withdraw(self.note)
        return {"type": "ir.actions.act_window_close"}
