from odoo import fields, models


class TcdSessionParticipant(models.Model):
    """A participant at one of a session's points, proposed from the compositions (R6.2)."""

    _name = "tcd.session.participant"
    _inherit = ["tcd.session.at.point.mixin"]
    _description = "Session participant"
    _order = "session_id, point_line_id, sequence, id"
    _rec_name = "role"

    sequence = fields.Integer(default=10)
    role = fields.Char(required=True)
    note = fields.Char()
    is_citizen = fields.Boolean(string="Citizen")
    name = fields.Char(string="Participant name")
    position = fields.Char()
    phone = fields.Char()
    present = fields.Boolean(copy=False, help="Attended the session.")
    portal_listed = fields.Boolean(
        string="Listed by the unit", readonly=True, help="Listed by the invited unit on the portal."
    )
