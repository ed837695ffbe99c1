from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.http import request


class TcdAccessLog(models.Model):
    """Who opened or exported citizens' personal data, and when (Luật Bảo vệ dữ liệu cá nhân 2025), and who
    played or downloaded a session's recording (Nghị định 154/2026/NĐ-CP Điều 24).

    One entry per citizen concerned, or per recording. Written by the system only; administrators read it;
    nobody edits or deletes an entry.
    """

    _name = "tcd.access.log"
    _description = "Personal data access log"
    _order = "id desc"
    _rec_name = "citizen_code"

    user_id = fields.Many2one("res.users", required=True, readonly=True, index=True, ondelete="restrict")
    action = fields.Selection(
        [
            ("open", "Opened the record"),
            ("export", "Exported"),
            ("play", "Played the recording"),
            ("download", "Downloaded the recording"),
        ],
        required=True,
        readonly=True,
        index=True,
    )
    model = fields.Char(string="Through", required=True, readonly=True, help="Model opened or exported.")
    citizen_id = fields.Many2one("tcd.citizen", readonly=True, index=True, ondelete="set null")
    citizen_code = fields.Char(string="Citizen reference", readonly=True)
    recording_id = fields.Many2one("tcd.session.recording", readonly=True, index="btree_not_null", ondelete="set null")
    exported_fields = fields.Text(readonly=True)
    ip_address = fields.Char(string="IP address", readonly=True)

    @api.model
    def _log(self, records, action, field_names=None):
        """Log that the current user opened or exported ``records``: citizens, or cases and their citizens."""
        citizens = records if records._name == "tcd.citizen" else records.citizen_ids | records.representative_ids
        common = {
            "user_id": self.env.uid,
            "action": action,
            "model": records._name,
            "exported_fields": ", ".join(field_names) if field_names else False,
            "ip_address": request.httprequest.remote_addr if request else False,
        }
        return self.sudo().create(
            [dict(common, citizen_id=citizen.id, citizen_code=citizen.code) for citizen in citizens.sudo()]
        )

    @api.model
    def _log_recording(self, recording, action):
        """Log that the current user played or downloaded ``recording``."""
        return self.sudo().create(
            {
                "user_id": self.env.uid,
                "action": action,
                "model": recording._name,
                "recording_id": recording.id,
                "ip_address": request.httprequest.remote_addr if request else False,
            }
        )

    def write(self, vals):
        if self:
            raise UserError(self.env._("The personal data access log cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("The personal data access log cannot be deleted."))
