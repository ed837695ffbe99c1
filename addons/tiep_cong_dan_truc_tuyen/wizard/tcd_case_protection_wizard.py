from odoo import api, fields, models
from odoo.exceptions import UserError


class TcdCaseProtectionWizard(models.TransientModel):
    """Assign the handlers of a protected denunciation (a leader, a confidential handler), or lift its
    protection at the denouncer's request (a handler): both logged (Luật Tố cáo 2018 Điều 47, 48, 56)."""

    _name = "tcd.case.protection.wizard"
    _description = "Handlers and protection of a protected denunciation"

    case_id = fields.Many2one("tcd.case", required=True, readonly=True)
    action = fields.Selection(
        [("assign", "Assign the handlers"), ("lift", "Lift the protection")], required=True, default="assign"
    )
    agency_id = fields.Many2one(related="case_id.agency_id")
    handler_ids = fields.Many2many(
        "res.users",
        string="Handlers",
        domain="[('share', '=', False), ('tcd_agency_id', 'child_of', agency_id)]",
        help="The officers who handle the denunciation: with the confidential handlers, the only ones who see "
        "the denouncer's identity.",
    )
    request_date = fields.Date(
        string="Request of the denouncer dated", help="When the denouncer asked to lift the protection."
    )
    reason = fields.Text(required=True)
    request_file = fields.Binary(string="Written request")
    request_file_name = fields.Char()

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        case = self.env["tcd.case"].browse(values.get("case_id"))
        if "handler_ids" in fields_list and case:
            values["handler_ids"] = [fields.Command.set(case.handler_ids.ids)]
        return values

    def action_confirm(self):
        self.ensure_one()
        if self.action == "assign":
            self.case_id._tcd_assign_handlers(self.handler_ids, self.reason)
            return {"type": "ir.actions.act_window_close"}
        if not self.request_date:
            raise UserError(self.env._("Enter the date of the denouncer's request to lift the protection."))
        document = None
        if self.request_file:
            document = {
                "name": self.env._("Request to lift the identity protection"),
                "document_type": "other",
                "file": self.request_file,
                "file_name": self.request_file_name,
            }
        self.case_id._tcd_lift_protection(self.request_date, self.reason, document)
        return {"type": "ir.actions.act_window_close"}
