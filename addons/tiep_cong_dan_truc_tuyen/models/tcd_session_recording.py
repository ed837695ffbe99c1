import logging
import os
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import config

from ..tools.file_hash import file_sha256, store_stream

_logger = logging.getLogger(__name__)

RETENTION_PARAM = "tiep_cong_dan_truc_tuyen.recording_retention_years"
COPY_CHECK_PARAM = "tiep_cong_dan_truc_tuyen.recording_copy_check_days"
DEFAULT_RETENTION_YEARS = 10
DEFAULT_COPY_CHECK_DAYS = 180
# Re-hashing reads whole files: a few recordings per batch, each file verified once a week, so that
# a national archive of large files is re-read over the week rather than every night.
VERIFY_BATCH_SIZE = 10
VERIFY_INTERVAL = timedelta(days=7)
INTEGRITY_STATES = [
    ("unchecked", "Not verified yet"),
    ("ok", "Verified"),
    ("mismatch", "Changed since stored"),
    ("missing", "File missing"),
]
VIEWER_GROUP = "tiep_cong_dan_truc_tuyen.group_tcd_recording"


class TcdSessionRecording(models.Model):
    """The recording (picture and sound) of a held session, archived at the central point
    (Nghị định 154/2026/NĐ-CP Điều 24; Quyết định 748/QĐ-TTCP, Quy chế Điều 7).

    The file is streamed to the recordings store on upload, its SHA-256 computed on the way; a
    scheduled action re-hashes it and checks its copies, and flags any difference to the
    administrators. Only the recording viewers of the host's scope open or download it, and each
    opening and download is logged.
    """

    _name = "tcd.session.recording"
    _description = "Session recording"
    _inherit = ["tcd.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "recorded_on desc, id desc"

    name = fields.Char(string="Title", required=True, tracking=True)
    session_id = fields.Many2one("tcd.session", required=True, index=True, ondelete="restrict")
    agency_id = fields.Many2one(related="session_id.agency_id", string="Host agency", store=True, index=True)
    point_id = fields.Many2one(
        "tcd.bridge.point",
        string="Recorded at",
        required=True,
        ondelete="restrict",
        help="The central point records every session; a delegate point may record too.",
    )
    recorded_on = fields.Date(required=True, default=lambda self: self.env["tcd.working.calendar"].today())
    kind = fields.Selection(
        [("video", "Picture and sound"), ("audio", "Sound only")], string="Recorded", required=True, default="video"
    )
    duration = fields.Float(help="Hours and minutes.")
    filename = fields.Char(readonly=True, copy=False)
    mimetype = fields.Char(readonly=True, copy=False)
    store_path = fields.Char(readonly=True, copy=False, groups="base.group_system")
    file_size = fields.Integer(string="Size (bytes)", readonly=True, copy=False)
    size_text = fields.Char(string="Size", compute="_compute_size_text")
    sha256 = fields.Char(string="SHA-256", readonly=True, copy=False, index=True)
    stored_by_id = fields.Many2one("res.users", string="Stored by", readonly=True, copy=False)
    stored_date = fields.Datetime(string="Stored on", readonly=True, copy=False)
    retention_years = fields.Integer(
        string="Retention (years)",
        required=True,
        default=lambda self: self._default_retention_years(),
        tracking=True,
    )
    retain_until = fields.Date(
        string="Review on", compute="_compute_retain_until", store=True, index=True, help="End of the retention period."
    )
    integrity_state = fields.Selection(
        INTEGRITY_STATES,
        string="Integrity",
        required=True,
        default="unchecked",
        readonly=True,
        copy=False,
        tracking=True,
    )
    verified_date = fields.Datetime(string="Last verified", readonly=True, copy=False)
    problems = fields.Text(
        string="Problems found", readonly=True, copy=False, help="What the last verification found wrong."
    )
    copy_ids = fields.One2many("tcd.recording.copy", "recording_id", string="Copies")
    note = fields.Text()

    _sql_constraints = [
        ("retention_positive", "CHECK(retention_years > 0)", "A recording is kept at least one year."),
    ]

    @api.model
    def _default_retention_years(self):
        value = self.env["ir.config_parameter"].sudo().get_param(RETENTION_PARAM, DEFAULT_RETENTION_YEARS)
        return int(value) or DEFAULT_RETENTION_YEARS

    @api.depends("file_size")
    def _compute_size_text(self):
        for recording in self:
            size = recording.file_size
            if size >= 1024**3:
                recording.size_text = f"{size / 1024**3:.2f} GB"
            elif size >= 1024**2:
                recording.size_text = f"{size / 1024**2:.1f} MB"
            else:
                recording.size_text = f"{size / 1024:.0f} KB" if size else ""

    @api.depends("recorded_on", "retention_years")
    def _compute_retain_until(self):
        for recording in self:
            recording.retain_until = (
                recording.recorded_on + relativedelta(years=recording.retention_years)
                if recording.recorded_on
                else False
            )

    @api.constrains("session_id")
    def _check_session_held(self):
        for recording in self:
            if recording.session_id.state not in ("in_progress", "held", "closed"):
                raise ValidationError(
                    self.env._(
                        "The session %(session)s has not been held: there is nothing to record yet.",
                        session=recording.session_id.display_name,
                    )
                )

    # ------------------------------------------------------------------ storage

    @api.model
    def _store_root(self):
        return os.path.join(config.filestore(self.env.cr.dbname), "tcd_recordings")

    def _full_path(self):
        self.ensure_one()
        return os.path.join(self._store_root(), self.sudo().store_path) if self.sudo().store_path else False

    def _store_file(self, stream, filename, mimetype=None):
        """Store the file read from ``stream`` as this recording's file, hashing it on the way;
        a file already stored cannot be replaced."""
        self.ensure_one()
        self._check_can_store()
        if self.sudo().store_path:
            raise UserError(
                self.env._(
                    "The recording %(name)s already has its file (SHA-256 %(sha)s): store another recording instead "
                    "of replacing it.",
                    name=self.name,
                    sha=self.sha256,
                )
            )
        root = self._store_root()
        sha256, size, relative, created = store_stream(stream, root)
        if not size:
            raise UserError(self.env._("The file %(name)s is empty.", name=filename))
        if created:
            path = os.path.join(root, relative)

            def remove_orphan():
                # a transaction rolled back leaves no orphan file behind
                if os.path.exists(path):
                    os.unlink(path)

            self.env.cr.postrollback.add(remove_orphan)
        self.sudo().write(
            {
                "store_path": relative,
                "filename": filename,
                "mimetype": mimetype or "application/octet-stream",
                "file_size": size,
                "sha256": sha256,
                "stored_by_id": self.env.uid,
                "stored_date": fields.Datetime.now(),
                "integrity_state": "ok",
                "verified_date": fields.Datetime.now(),
            }
        )
        self.message_post(
            body=self.env._(
                "File %(file)s stored: %(size)s, SHA-256 %(sha)s.", file=filename, size=self.size_text, sha=sha256
            )
        )
        return True

    def _check_can_store(self):
        if not self.env.user.has_group("tiep_cong_dan_truc_tuyen.group_tcd_technician"):
            raise AccessError(self.env._("Only a technician stores the recordings of sessions."))
        self.check_access("write")

    # ------------------------------------------------------------------ opening and downloading
    # (Nghị định 154/2026/NĐ-CP Điều 24)

    def _check_can_open(self):
        """Only the recording viewers of the host's scope open or download a recording."""
        self.ensure_one()
        if not self.env.user.has_group(VIEWER_GROUP):
            raise AccessError(
                self.env._("Only the users allowed to view recordings may open or download %(name)s.", name=self.name)
            )
        self.check_access("read")
        if not self._full_path() or not os.path.isfile(self._full_path()):
            raise UserError(self.env._("The file of the recording %(name)s is not in the store.", name=self.name))

    def _log_access(self, action):
        self.env["tcd.access.log"]._log_recording(self, action)

    def action_open_file(self):
        self.ensure_one()
        self._check_can_open()
        return {"type": "ir.actions.act_url", "url": f"/tcd/recordings/{self.id}/open", "target": "new"}

    def action_download_file(self):
        self.ensure_one()
        self._check_can_open()
        return {"type": "ir.actions.act_url", "url": f"/tcd/recordings/{self.id}/download", "target": "self"}

    def action_upload_file(self):
        self.ensure_one()
        self._check_can_store()
        return {"type": "ir.actions.act_url", "url": f"/tcd/recordings/{self.id}/upload", "target": "self"}

    # ------------------------------------------------------------------ verification (Nghị định 154/2026/NĐ-CP Điều 24)

    @api.model
    def _cron_verify(self):
        """Re-hash the stored files, a batch at a time, and check their copies; flag each new
        problem to the administrators."""
        domain = [
            ("store_path", "!=", False),
            "|",
            ("verified_date", "=", False),
            ("verified_date", "<", fields.Datetime.now() - VERIFY_INTERVAL),
        ]
        recordings = self.sudo().search(domain, order="verified_date asc nulls first, id", limit=VERIFY_BATCH_SIZE)
        recordings._verify()
        self.env["ir.cron"]._notify_progress(done=len(recordings), remaining=self.sudo().search_count(domain))

    def _verify(self):
        """Hash each stored file again and check its copies; flag each problem once."""
        for recording in self.sudo():
            path = recording._full_path()
            problems = []
            if not path or not os.path.isfile(path):
                state = "missing"
                problems.append(self.env._("The stored file is missing."))
            elif file_sha256(path) != recording.sha256:
                state = "mismatch"
                problems.append(self.env._("The stored file no longer matches its SHA-256: it was changed or damaged."))
            else:
                state = "ok"
            problems += recording._copy_problems()
            text = "\n".join(problems)
            if text and text != recording.problems:
                recording._flag(problems)
            recording.write({"integrity_state": state, "verified_date": fields.Datetime.now(), "problems": text})

    def _copy_problems(self):
        """What is wrong with the copies: no backup off the central computer, a copy whose checksum
        differs, a copy not verified for too long."""
        self.ensure_one()
        days = int(
            self.env["ir.config_parameter"].sudo().get_param(COPY_CHECK_PARAM, DEFAULT_COPY_CHECK_DAYS)
            or DEFAULT_COPY_CHECK_DAYS
        )
        limit = self.env["tcd.working.calendar"].today() - timedelta(days=days)
        problems = []
        if not self.copy_ids.filtered(lambda copy: copy.medium != "central"):
            problems.append(self.env._("No backup copy on an external drive, a CD/DVD or a cloud store."))
        for copy in self.copy_ids:
            if copy.state == "mismatch":
                problems.append(
                    self.env._(
                        "The copy at %(location)s does not match the recording's SHA-256.", location=copy.location
                    )
                )
            elif not copy.verified_date or copy.verified_date < limit:
                problems.append(
                    self.env._(
                        "The copy at %(location)s has not been verified for %(days)s days.",
                        location=copy.location,
                        days=days,
                    )
                )
        return problems

    def _flag(self, problems):
        """An activity for each administrator, listing the problems."""
        self.ensure_one()
        activity_type = self.env.ref("tiep_cong_dan_truc_tuyen.mail_activity_type_tcd_recording_integrity")
        admins = self.env.ref("tiep_cong_dan_truc_tuyen.group_tcd_admin").users.filtered("active")
        note = Markup("<ul>%s</ul>") % Markup().join(Markup("<li>%s</li>") % problem for problem in problems)
        for user in admins:
            self.with_context(mail_notify_force_send=False).activity_schedule(
                activity_type_id=activity_type.id,
                summary=self.env._("Recording %(name)s to check", name=self.name),
                note=note,
                user_id=user.id,
            )

    # ------------------------------------------------------------------ retention

    @api.ondelete(at_uninstall=False)
    def _unlink_after_retention(self):
        today = self.env["tcd.working.calendar"].today()
        for recording in self:
            if recording.store_path and (not recording.retain_until or recording.retain_until > today):
                raise UserError(
                    self.env._(
                        "The recording %(name)s is kept until %(date)s: it cannot be deleted before.",
                        name=recording.name,
                        date=recording.retain_until.strftime("%d/%m/%Y") if recording.retain_until else "-",
                    )
                )

    @api.model
    def _action_for_session(self, session):
        """The recordings of ``session``, a new one made at its central point."""
        session.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("tiep_cong_dan_truc_tuyen.tcd_session_recording_action")
        action.update(
            domain=[("session_id", "=", session.id)],
            context={
                "default_session_id": session.id,
                "default_point_id": session.central_point_id.id,
                "default_name": self.env._("Recording of %(session)s", session=session.display_name),
            },
        )
        return action
