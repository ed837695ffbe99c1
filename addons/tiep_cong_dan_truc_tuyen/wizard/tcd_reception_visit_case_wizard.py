from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class TcdReceptionVisitCaseWizard(models.TransientModel):
    """The cases of a reception visit, one per kind of matter it brought: a petition that mixes a complaint, a
    denunciation and a petition is recorded as one case of each, each with its own deadlines (Nghị định
    154/2026/NĐ-CP Điều 14 khoản 4; Luật Tiếp công dân 2013 Điều 25 khoản 3)."""

    _name = "tcd.reception.visit.case.wizard"
    _description = "Create the cases of a reception"

    visit_id = fields.Many2one("tcd.reception.visit", string="Reception visit", required=True, readonly=True)
    line_ids = fields.One2many("tcd.reception.visit.case.wizard.line", "wizard_id", string="Cases")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        visit = self.env["tcd.reception.visit"].browse(values.get("visit_id"))
        if "line_ids" in fields_list and visit and not visit.case_ids:
            values["line_ids"] = [
                Command.create(
                    {
                        "kind": "complaint",
                        "subject": visit.subject,
                        "document_ids": [Command.set(visit.document_ids.ids)],
                    }
                )
            ]
        return values

    def action_confirm(self):
        self.ensure_one()
        if not self.line_ids:
            raise UserError(self.env._("Add a line for each matter the citizens brought."))
        documents = [document for line in self.line_ids for document in line.document_ids]
        repeated = next((doc for doc in documents if documents.count(doc) > 1 or doc.case_id), None)
        if repeated:
            raise UserError(
                self.env._(
                    "%(document)s belongs to the dossier of one case only: put it on one line, the other cases of the "
                    "same petition refer to it.",
                    document=repeated.name,
                )
            )
        cases = self.visit_id._create_cases([(line.kind, line.subject, line.document_ids) for line in self.line_ids])
        if len(cases) == 1:
            return {"type": "ir.actions.act_window", "res_model": "tcd.case", "res_id": cases.id, "view_mode": "form"}
        return self.visit_id.action_view_cases()
