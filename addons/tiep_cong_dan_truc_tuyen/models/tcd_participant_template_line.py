from odoo import fields, models


class TcdParticipantTemplateLine(models.Model):
    _name = "tcd.participant.template.line"
    _description = "Participant role of a composition"
    _order = "template_id, sequence, id"
    _rec_name = "role"

    template_id = fields.Many2one("tcd.participant.template", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    role = fields.Char(required=True)
    note = fields.Char(help="When the participant takes part, e.g. if needed.")
    is_citizen = fields.Boolean(
        string="Citizen", help="The citizens (or a crowd's representatives) who registered at this point."
    )
