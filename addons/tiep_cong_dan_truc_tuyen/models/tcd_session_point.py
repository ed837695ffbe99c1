from odoo import api, fields, models

from .tcd_participant_template import POINT_MATCHES


class TcdSessionPoint(models.Model):
    """A delegate bridge point taking part in a session (R6.1)."""

    _name = "tcd.session.point"
    _description = "Delegate point of a session"
    _order = "session_id, sequence, id"
    _rec_name = "bridge_point_id"

    session_id = fields.Many2one("tcd.session", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    bridge_point_id = fields.Many2one(
        "tcd.bridge.point",
        string="Bridge point",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("is_delegate", "=", True)],
    )
    agency_id = fields.Many2one(related="bridge_point_id.agency_id", store=True, index=True)
    role = fields.Selection(
        POINT_MATCHES,
        compute="_compute_role",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
        help="Which participant composition applies to the point.",
    )
    contact_id = fields.Many2one("res.partner", string="Contact person")
    contact_phone = fields.Char(string="Contact phone")
    attendance_mode = fields.Selection(
        [
            ("room", "From the point's room"),
            ("device", "From a personal device"),
            ("follow", "Follows only"),
        ],
        required=True,
        default="room",
    )
    required_bandwidth = fields.Float(related="bridge_point_id.required_bandwidth", string="Bandwidth (Mb/s)")
    readiness = fields.Selection(related="bridge_point_id.readiness")

    _sql_constraints = [
        ("session_point_unique", "unique(session_id, bridge_point_id)", "A bridge point joins a session once."),
    ]

    @api.depends("bridge_point_id")
    def _compute_role(self):
        Template = self.env["tcd.participant.template"]
        for line in self:
            line.role = Template._point_match(line.bridge_point_id) if line.bridge_point_id else "commune"

    @api.constrains("bridge_point_id")
    def _check_session_capacity(self):
        self.session_id._check_capacity()
