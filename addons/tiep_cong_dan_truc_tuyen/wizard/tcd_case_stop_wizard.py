from odoo import api, fields, models
from odoo.exceptions import UserError

LEADER_GROUP = "tiep_cong_dan_truc_tuyen.group_tcd_leader"


class TcdCaseStopWizard(models.TransientModel):
    """Refuse a case (with its legal reason) or record its withdrawal. A reason that needs the written refusal
    notice (Mẫu 01/TCD) is the head's decision: a leader refuses and issues the notice at once, an officer
    proposes the refusal to the leaders (Nghị định 154/2026/NĐ-CP Điều 4 khoản 3)."""

    _name = "tcd.case.stop.wizard"
    _description = "Refuse or withdraw a case"

    case_ids = fields.Many2many("tcd.case", string="Cases", required=True)
    action = fields.Selection([("refuse", "Refuse"), ("withdraw", "Withdraw")], required=True, default="refuse")
    reason_id = fields.Many2one("tcd.refusal.reason", string="Legal reason")
    legal_basis = fields.Char(related="reason_id.legal_basis")
    requires_notice = fields.Boolean(related="reason_id.requires_notice")
    is_leader = fields.Boolean(string="Leader", compute="_compute_is_leader")
    note = fields.Text()

    @api.depends_context("uid")
    def _compute_is_leader(self):
        self.is_leader = self.env.user.has_group(LEADER_GROUP)

    def action_confirm(self):
        self.ensure_one()
        if self.action == "withdraw":
            if not self.note:
                raise UserError(self.env._("Write why the citizen withdraws the case."))
            self.case_ids._withdraw(self.note)
        elif not self.reason_id:
            raise UserError(self.env._("Choose the legal reason for refusing the reception."))
        elif self.requires_notice and self.is_leader:
            return dict(self.case_ids._tcd_refuse_with_notice(self.reason_id, self.note), close_on_report_download=True)
        elif self.requires_notice:
            self.case_ids._tcd_propose_refusal(self.reason_id, self.note)
        else:
            self.case_ids._refuse(self.reason_id, self.note)
        return {"type": "ir.actions.act_window_close"}
