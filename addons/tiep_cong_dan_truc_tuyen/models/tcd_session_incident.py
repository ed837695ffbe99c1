from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .tcd_lead_time_rule import to_local

INCIDENT_KINDS = [
    ("camera_off", "Camera off"),
    ("microphone", "Microphone used without being called"),
    ("recording", "Unauthorised recording or streaming"),
    ("dress", "Improper dress"),
    ("identity", "Identity not provided"),
    ("disorder", "Disorder or offensive behaviour"),
    ("connection", "Connection lost"),
    ("other", "Other"),
]
MEASURES = [
    ("reminded", "Reminded"),
    ("muted", "Muted"),
    ("stopped", "Recording or streaming stopped"),
    ("removed", "Removed from the session"),
    ("reconnected", "Reconnected"),
    ("none", "No measure"),
]


class TcdSessionIncident(models.Model):
    """A breach of the participants' conduct rules, or a technical incident, noted while a session
    is held (Quy chế TCD trực tuyến xã An Lão (2026) Điều 12, Nghị định 154/2026/NĐ-CP Điều 21); printed in the
    minutes."""

    _name = "tcd.session.incident"
    _inherit = ["tcd.session.at.point.mixin"]
    _description = "Session incident"
    _order = "session_id, occurred_at, id"
    _rec_name = "kind"

    occurred_at = fields.Datetime(string="Time", required=True, default=fields.Datetime.now)
    kind = fields.Selection(INCIDENT_KINDS, string="Kind of incident", required=True)
    rule_id = fields.Many2one("tcd.conduct.rule", string="Rule breached", ondelete="set null")
    participant = fields.Char(string="Who", help="The participant concerned, if known.")
    description = fields.Text(required=True)
    measure = fields.Selection(MEASURES, string="Measure taken", required=True, default="reminded")
    recorded_by_id = fields.Many2one(
        "res.users", string="Noted by", required=True, default=lambda self: self.env.user, readonly=True
    )

    @api.constrains("session_id", "occurred_at")
    def _check_session_held(self):
        for incident in self:
            if incident.session_id.state not in ("in_progress", "held", "closed"):
                raise ValidationError(
                    self.env._(
                        "Incidents are noted while the session %(session)s is held, not before.",
                        session=incident.session_id.display_name,
                    )
                )

    def _local_time(self):
        self.ensure_one()
        return to_local(self.occurred_at).strftime("%H:%M")
