from odoo import api, fields, models


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

    @api.model
    def _propose(self, sessions):
        """Propose the participant roles of each point of ``sessions`` from the composition templates, those
        a point has not got yet."""
        Template = self.env["tcd.participant.template"]
        for session in sessions:
            vals_list = []
            have = {(participant.point_line_id.id, participant.role) for participant in session.participant_ids}
            slots = [(False, "central")] + [(line, line.role) for line in session.point_line_ids]
            for line, point_match in slots:
                template = Template._for(session.host_level, point_match)
                for role_line in template.line_ids:
                    key = (line.id if line else False, role_line.role)
                    if key in have:
                        continue
                    vals_list.append(
                        {
                            "session_id": session.id,
                            "point_line_id": line.id if line else False,
                            "sequence": role_line.sequence,
                            "role": role_line.role,
                            "note": role_line.note,
                            "is_citizen": role_line.is_citizen,
                        }
                    )
            self.create(vals_list)
