from odoo import api, fields, models
from odoo.exceptions import ValidationError

DEFAULT_CENTRAL_BANDWIDTH = 30.0
DEFAULT_DELEGATE_BANDWIDTH = 5.0


class TcdBridgePoint(models.Model):
    """Bridge point (điểm cầu) of an agency's reception office (R4)."""

    _name = "tcd.bridge.point"
    _description = "Bridge point"
    _inherit = ["tcd.agency.scoped.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "name"
    _rec_names_search = ["name", "code"]

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(index=True)
    agency_id = fields.Many2one(tracking=True)
    admin_unit_id = fields.Many2one(related="agency_id.admin_unit_id", store=True, string="Administrative unit")
    location = fields.Char(help="Address and room of the bridge point.")
    phone = fields.Char()
    is_central = fields.Boolean(
        string="Central point", tracking=True, help="The point can host a session as the central point."
    )
    is_delegate = fields.Boolean(
        string="Delegate point", default=True, tracking=True, help="The point can join a session as a delegate."
    )
    role_label = fields.Char(string="Role", compute="_compute_role_label")
    required_bandwidth = fields.Float(
        string="Required bandwidth (Mb/s)",
        compute="_compute_required_bandwidth",
        store=True,
        readonly=False,
        tracking=True,
        help="About 30 Mb/s dedicated line for a central point, about 5 Mb/s for a delegate point.",
    )
    measured_bandwidth = fields.Float(string="Measured bandwidth (Mb/s)", tracking=True)
    measured_date = fields.Date(string="Measured on")
    bandwidth_ok = fields.Boolean(string="Bandwidth sufficient", compute="_compute_bandwidth_ok", store=True)
    max_points = fields.Integer(
        string="Maximum simultaneous points",
        default=10,
        tracking=True,
        help="How many bridge points a central point can connect at the same time.",
    )
    platform_id = fields.Many2one("tcd.conference.platform", string="Conference platform")
    platform_account = fields.Char(
        string="Platform account",
        groups="tiep_cong_dan_truc_tuyen.group_tcd_technician",
        copy=False,
    )
    platform_password = fields.Char(
        string="Platform password",
        groups="tiep_cong_dan_truc_tuyen.group_tcd_technician",
        copy=False,
    )
    technician_ids = fields.Many2many(
        "res.users",
        string="Technicians",
        domain=lambda self: [("groups_id", "in", self.env.ref("tiep_cong_dan_truc_tuyen.group_tcd_technician").id)],
        help="Technical staff who operate this point; they see and edit it even outside their agency's scope.",
    )
    note = fields.Html()
    active = fields.Boolean(default=True, tracking=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Another bridge point already has this code."),
    ]

    @api.depends("is_central", "is_delegate")
    def _compute_role_label(self):
        central, delegate = self.env._("Central"), self.env._("Delegate")
        for point in self:
            roles = [
                label for label, has_role in ((central, point.is_central), (delegate, point.is_delegate)) if has_role
            ]
            point.role_label = ", ".join(roles)

    @api.depends("is_central")
    def _compute_required_bandwidth(self):
        for point in self:
            point.required_bandwidth = DEFAULT_CENTRAL_BANDWIDTH if point.is_central else DEFAULT_DELEGATE_BANDWIDTH

    @api.depends("required_bandwidth", "measured_bandwidth")
    def _compute_bandwidth_ok(self):
        for point in self:
            point.bandwidth_ok = bool(point.measured_bandwidth) and (
                point.measured_bandwidth >= point.required_bandwidth
            )

    @api.constrains("is_central", "is_delegate")
    def _check_role(self):
        for point in self:
            if not (point.is_central or point.is_delegate):
                raise ValidationError(
                    self.env._(
                        "The bridge point %(point)s must be able to act as a central point, a delegate point or both.",
                        point=point.name,
                    )
                )

    @api.constrains("required_bandwidth", "measured_bandwidth")
    def _check_bandwidth(self):
        for point in self:
            if point.required_bandwidth <= 0:
                raise ValidationError(
                    self.env._(
                        "The required bandwidth of the bridge point %(point)s must be greater than 0 Mb/s "
                        "(about 30 Mb/s for a central point, 5 Mb/s for a delegate point).",
                        point=point.name,
                    )
                )
            if point.measured_bandwidth < 0:
                raise ValidationError(
                    self.env._(
                        "The measured bandwidth of the bridge point %(point)s cannot be negative.",
                        point=point.name,
                    )
                )

    @api.constrains("is_central", "max_points")
    def _check_max_points(self):
        for point in self:
            if point.max_points < 0:
                raise ValidationError(
                    self.env._(
                        "The maximum number of simultaneous points of %(point)s cannot be negative.",
                        point=point.name,
                    )
                )
            if point.is_central and point.max_points < 1:
                raise ValidationError(
                    self.env._(
                        "The central bridge point %(point)s must be able to connect at least 1 point "
                        "at the same time (usually 5 to 10).",
                        point=point.name,
                    )
                )
