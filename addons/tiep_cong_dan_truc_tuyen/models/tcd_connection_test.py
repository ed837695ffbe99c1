from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .tcd_lead_time_rule import to_local

TEST_KINDS = [
    ("day_before", "Test the day before"),
    ("two_hours", "Test 2 hours before"),
    ("rehearsal", "Rehearsal"),
    ("final", "Final connection"),
]
QUALITIES = [
    ("good", "Good"),
    ("poor", "Poor"),
    ("none", "None"),
]
RESULTS = [
    ("passed", "Passed"),
    ("failed", "Failed"),
]


class TcdConnectionTest(models.Model):
    """The result of a connection test at one bridge point of a session (R6.4), entered by the
    host's technicians or reported by the invited unit on the portal (R8.2)."""

    _name = "tcd.connection.test"
    _description = "Connection test"
    _order = "tested_at desc, id desc"
    _rec_name = "kind"

    session_id = fields.Many2one("tcd.session", required=True, index=True, ondelete="cascade")
    point_line_id = fields.Many2one(
        "tcd.session.point",
        string="Delegate point",
        index=True,
        ondelete="cascade",
        domain="[('session_id', '=', session_id)]",
        help="Empty for the central point.",
    )
    bridge_point_id = fields.Many2one(
        "tcd.bridge.point", compute="_compute_bridge_point_id", store=True, string="Bridge point"
    )
    agency_id = fields.Many2one(related="bridge_point_id.agency_id", store=True, string="Agency")
    kind = fields.Selection(TEST_KINDS, string="Test", required=True, default="day_before")
    tested_at = fields.Datetime(string="Tested on", required=True, default=fields.Datetime.now)
    tester = fields.Char(string="Tested by")
    sound = fields.Selection(QUALITIES, required=True)
    picture = fields.Selection(QUALITIES, required=True)
    measured_bandwidth = fields.Float(string="Measured bandwidth (Mb/s)")
    problems = fields.Text()
    result = fields.Selection(RESULTS, required=True)
    channel = fields.Selection(
        [("backend", "Entered by the host"), ("portal", "Reported on the portal")],
        string="Reported through",
        required=True,
        default="backend",
    )

    _sql_constraints = [
        ("bandwidth_positive", "CHECK(measured_bandwidth >= 0)", "A measured bandwidth cannot be negative."),
    ]

    @api.depends("point_line_id.bridge_point_id", "session_id.central_point_id")
    def _compute_bridge_point_id(self):
        for test in self:
            test.bridge_point_id = test.point_line_id.bridge_point_id or test.session_id.central_point_id

    def _local_tested_at(self):
        self.ensure_one()
        return to_local(self.tested_at)

    @api.constrains("result", "sound", "picture")
    def _check_result(self):
        for test in self:
            if test.result == "passed" and "none" in (test.sound, test.picture):
                raise ValidationError(
                    self.env._(
                        "A connection test without sound or picture at %(point)s cannot be passed.",
                        point=test.bridge_point_id.name,
                    )
                )

    @api.constrains("point_line_id", "session_id")
    def _check_point_line(self):
        for test in self:
            if test.point_line_id and test.point_line_id.session_id != test.session_id:
                raise ValidationError(self.env._("The tested point is not a point of this session."))
