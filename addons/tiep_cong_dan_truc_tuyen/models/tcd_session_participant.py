from odoo import fields, models


class TcdSessionParticipant(models.Model):
    """A participant at one of a session's points, proposed from the compositions (Quyết định
    748/QĐ-TTCP, Quy chế Điều 6 khoản 1 điểm c; Quy chế tiếp công dân trực tuyến của UBND tỉnh Quảng
    Ngãi (2025) Điều 7 khoản 3; Quyết định 354/QĐ-UBND-HC tỉnh Đồng Tháp, Quy chế Điều 6 khoản 3; Quy
    chế TCD trực tuyến xã An Lão (2026) Điều 6 khoản 1 điểm c)."""

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
