from odoo import fields, models
from odoo.exceptions import UserError


class TcdDossierRedactionWizard(models.TransientModel):
    """A handler shares a restricted document of a protected denunciation with the verification team:
    a copy in which she removed the denouncer's name, address, handwriting and personal data (a typed
    transcript for a handwritten petition) (Luật Tố cáo 2018 Điều 56 khoản 1 điểm b)."""

    _name = "tcd.dossier.redaction.wizard"
    _description = "Identity-stripped copy of a document"

    document_id = fields.Many2one("tcd.dossier.document", string="Original", required=True, readonly=True)
    file = fields.Binary(string="Stripped copy", required=True)
    file_name = fields.Char()
    identity_removed = fields.Boolean(
        string="The denouncer's identity is removed",
        help="Name, address, handwriting (a typed transcript instead of the handwritten petition) and any "
        "personal data that would reveal the denouncer.",
    )
    note = fields.Text()

    def action_confirm(self):
        self.ensure_one()
        if not self.identity_removed:
            raise UserError(self.env._("Confirm that the copy no longer reveals the denouncer's identity."))
        copy = self.document_id._create_redacted_copy(self.file, self.file_name, self.note)
        return {
            "type": "ir.actions.act_window",
            "res_model": "tcd.dossier.document",
            "res_id": copy.id,
            "view_mode": "form",
        }
