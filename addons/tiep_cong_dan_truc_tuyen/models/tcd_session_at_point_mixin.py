from odoo import api, fields, models


class TcdSessionAtPointMixin(models.AbstractModel):
    """Something at one of a session's points: a delegate point's line, or the central point when
    ``point_line_id`` is empty."""

    _name = "tcd.session.at.point.mixin"
    _description = "Something at a point of a session"

    session_id = fields.Many2one("tcd.session", required=True, index=True, ondelete="cascade")
    point_line_id = fields.Many2one(
        "tcd.session.point",
        string="Delegate point",
        ondelete="cascade",
        domain="[('session_id', '=', session_id)]",
        help="Empty for the central point.",
    )
    point_name = fields.Char(string="Bridge point", compute="_compute_point_name")

    @api.depends("point_line_id.bridge_point_id.name", "session_id.central_point_id.name")
    def _compute_point_name(self):
        for record in self:
            record.point_name = record.point_line_id.bridge_point_id.name or record.session_id.central_point_id.name
