from odoo import api, fields, models
from odoo.exceptions import UserError

MEDIA = [
    ("central", "Central computer"),
    ("external_drive", "External drive"),
    ("optical", "CD/DVD"),
    ("cloud", "Cloud store"),
]
COPY_STATES = [
    ("unverified", "Not verified"),
    ("ok", "Matches"),
    ("mismatch", "Does not match"),
]


class TcdRecordingCopy(models.Model):
    """A storage copy of a session's recording (Quyết định 748/QĐ-TTCP, Quy chế Điều 7 khoản 4, 5; Quy
    chế tiếp công dân trực tuyến của UBND tỉnh Quảng Ngãi (2025) Điều 8 khoản 3, 4; Quyết định
    354/QĐ-UBND-HC tỉnh Đồng Tháp, Quy chế Điều 7 khoản 3): on the central computer, an external drive,
    a CD/DVD or a cloud store, with its location label. The technician verifies a copy by reading
    its SHA-256 (``sha256sum``) and entering it: it must equal the recording's."""

    _name = "tcd.recording.copy"
    _inherit = ["tcd.workflow.mixin"]
    _description = "Recording copy"
    _order = "recording_id, sequence, id"
    _rec_name = "location"

    recording_id = fields.Many2one("tcd.session.recording", required=True, index=True, ondelete="cascade")
    agency_id = fields.Many2one(related="recording_id.agency_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    medium = fields.Selection(MEDIA, required=True, default="external_drive")
    location = fields.Char(
        string="Location label", required=True, help="e.g. Ổ cứng ngoài HDD-02, tủ lưu trữ phòng 203."
    )
    stored_date = fields.Date(string="Copied on", required=True, default=fields.Date.context_today)
    stored_by_id = fields.Many2one("res.users", string="Copied by", required=True, default=lambda self: self.env.user)
    verified_sha256 = fields.Char(string="SHA-256 read from the copy", copy=False)
    verified_date = fields.Date(string="Verified on", readonly=True, copy=False)
    verified_by_id = fields.Many2one("res.users", string="Verified by", readonly=True, copy=False)
    state = fields.Selection(COPY_STATES, compute="_compute_state", store=True)

    @api.depends("verified_sha256", "verified_date", "recording_id.sha256")
    def _compute_state(self):
        for copy in self:
            if not copy.verified_date:
                copy.state = "unverified"
            elif (copy.verified_sha256 or "").strip().lower() == (copy.recording_id.sha256 or "").lower():
                copy.state = "ok"
            else:
                copy.state = "mismatch"

    def action_verify(self):
        """Record that the copy was read back today with the SHA-256 entered."""
        for copy in self:
            if not (copy.verified_sha256 or "").strip():
                raise UserError(
                    self.env._(
                        "Enter the SHA-256 read from the copy at %(location)s (for example with sha256sum).",
                        location=copy.location,
                    )
                )
        today = fields.Date.context_today(self)
        for copy in self:
            copy._workflow_write(
                {
                    "verified_sha256": copy.verified_sha256.strip().lower(),
                    "verified_date": today,
                    "verified_by_id": self.env.uid,
                }
            )
            copy.recording_id.message_post(
                body=self.env._(
                    "Copy at %(location)s verified: %(state)s.",
                    location=copy.location,
                    state=dict(copy._fields["state"]._description_selection(self.env))[copy.state],
                )
            )
        return True
