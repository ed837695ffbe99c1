from datetime import timedelta

import psycopg2.errors

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.http import request

# A player asks for a recording in many parts: one play or download is logged per hour.
RECORDING_LOG_INTERVAL = timedelta(hours=1)
# Reading a citizen's identity, in a form or otherwise: logged once per transaction.
READ_ACTIONS = ("open", "read")
# An export logged first covers the reads it makes.
COVERING_ACTIONS = (*READ_ACTIONS, "export")


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
            ("read", "Read the identity"),
            ("export", "Exported"),
            ("assign", "Assigned a handler"),
            ("lift", "Lifted the protection"),
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
    note = fields.Text(string="Details", readonly=True, help="Who was assigned or why the protection was lifted.")
    ip_address = fields.Char(string="IP address", readonly=True)

    @api.model
    def _log(self, records, action, field_names=None, note=None, model=None):
        """Log that the current user read, opened or exported ``records`` (citizens, or cases and their
        citizens) through ``model`` (the records' by default), assigned a handler or lifted a protection. A
        read is logged once per citizen and transaction (a form's opening, not the reads it makes then).

        The entries are written with the request: a read-only request that logs (a list or a record of another
        model showing a protected identity to its handler) is run again read/write, so that no read goes
        unlogged."""
        citizens = records if records._name == "tcd.citizen" else records.citizen_ids | records.representative_ids
        if citizens and self.env.cr.readonly:
            # Odoo runs a read-only request again in a read/write transaction on this error (odoo.http)
            raise psycopg2.errors.ReadOnlySqlTransaction("the personal data access log is written read/write")
        new = self._not_logged_yet(citizens.sudo()) if action in READ_ACTIONS else citizens
        if not new:
            return
        common = {
            "user_id": self.env.uid,
            "action": action,
            "model": model or records._name,
            "exported_fields": ", ".join(field_names) if field_names else False,
            "note": note or False,
            "ip_address": request.httprequest.remote_addr if request else False,
        }
        self.sudo().create([dict(common, citizen_id=citizen.id, citizen_code=citizen.code) for citizen in new.sudo()])

    @api.model
    def _not_logged_yet(self, citizens):
        """The ``citizens`` whose read (or export) this transaction has not logged for the user yet (the entries
        written in this transaction, which a rollback takes back with it)."""
        done = self.sudo().search(
            [
                ("user_id", "=", self.env.uid),
                ("action", "in", COVERING_ACTIONS),
                ("citizen_id", "in", citizens.ids),
                ("create_date", "=", self.env.cr.now()),
            ]
        )
        return citizens - done.citizen_id

    @api.model
    def _log_recording(self, recording, action):
        """Log that the current user played or downloaded ``recording``: once an hour, whatever parts of the
        file a player asks for."""
        recent = self.sudo().search_count(
            [
                ("user_id", "=", self.env.uid),
                ("recording_id", "=", recording.id),
                ("action", "=", action),
                ("create_date", ">=", fields.Datetime.now() - RECORDING_LOG_INTERVAL),
            ],
            limit=1,
        )
        if recent:
            return
        self.sudo().create(
            [
                {
                    "user_id": self.env.uid,
                    "action": action,
                    "model": recording._name,
                    "recording_id": recording.id,
                    "ip_address": request.httprequest.remote_addr if request else False,
                }
            ]
        )

    def write(self, vals):
        if self:
            raise UserError(self.env._("The personal data access log cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("The personal data access log cannot be deleted."))
