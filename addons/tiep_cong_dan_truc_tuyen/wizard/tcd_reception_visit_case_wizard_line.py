from odoo import fields, models

from ..models.tcd_case import KINDS


class TcdReceptionVisitCaseWizardLine(models.TransientModel):
    _name = "tcd.reception.visit.case.wizard.line"
    _description = "A case of a reception"

    wizard_id = fields.Many2one("tcd.reception.visit.case.wizard", required=True, ondelete="cascade")
    kind = fields.Selection(KINDS, string="Type of case", required=True, default="complaint")
    subject = fields.Char(required=True)
    visit_document_ids = fields.One2many(related="wizard_id.visit_id.document_ids")
    document_ids = fields.Many2many(
        "tcd.dossier.document",
        string="Documents of its dossier",
        domain="[('id', 'in', visit_document_ids)]",
    )
