from odoo import api, fields, models


class TcdSessionAtPointMixin(models.AbstractModel):
    """Something at one of a session's points: a delegate point's line, or the central point when
    ``point_line_id`` is empty. The inheriting model defines ``session_id`` and ``point_line_id``."""

    _name = "tcd.session.at.point.mixin"
    _description = "Something at a point of a session"

    point_name = fields.Char(string="Bridge point", compute="_compute_point_name")

    @api.depends("point_line_id.bridge_point_id.name", "session_id.central_point_id.name")
    def _compute_point_name(self):
        for record in self:
            record.point_name = record.point_line_id.bridge_point_id.name or record.session_id.central_point_id.name
