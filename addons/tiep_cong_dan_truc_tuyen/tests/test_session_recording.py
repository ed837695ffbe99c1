import hashlib
import io
import os
import re
from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import MODULE
from .session_common import TcdSessionCommon, utc

VIDEO = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 4096  # 1 MiB and a header


class TcdRecordingCommon(TcdSessionCommon):
    """A held session of the province board, without cases, and a technician of the board."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        g = f"{MODULE}.group_tcd_"
        cls.technician_board = new_test_user(
            cls.env, login="technician_board", groups=g + "technician", tcd_agency_id=cls.board_a.id
        )
        cls.officer_board = new_test_user(
            cls.env, login="officer_board", groups=g + "officer", tcd_agency_id=cls.board_a.id
        )
        cls.viewer_a2 = new_test_user(
            cls.env, login="viewer_a2", groups=g + "recording", tcd_agency_id=cls.commune_a2.id
        )
        cls.held = (
            cls.env["tcd.session"]
            .with_context(tcd_workflow=True)
            .create(
                {
                    "subject": "Tiếp công dân định kỳ tháng 11",
                    "agency_id": cls.board_a.id,
                    "chair_id": cls.leader_a.id,
                    "start": utc("2026-11-17 09:00"),
                    "stop": utc("2026-11-17 11:00"),
                    "central_point_id": cls.point_board_a.id,
                    "point_line_ids": [(0, 0, {"bridge_point_id": cls.point_a1.id})],
                    "state": "held",
                }
            )
        )

    def new_recording(self, user=None, content=VIDEO):
        Recording = self.env["tcd.session.recording"].with_user(user or self.technician_board)
        recording = Recording.create(
            {
                "name": "Ghi hình buổi tiếp 17/11/2026",
                "session_id": self.held.id,
                "point_id": self.point_board_a.id,
                "recorded_on": "2026-11-17",
                "duration": 2.0,
            }
        )
        recording._store_file(io.BytesIO(content), "tcd-17-11-2026.mp4", "video/mp4")
        return recording


@tagged("post_install", "-at_install")
class TestSessionRecording(TcdRecordingCommon):
    """Every held session is recorded before it closes; the stored file is hashed on upload and
    re-hashed by the verification run, which flags changes and missing copies (Nghị định 154/2026/NĐ-CP Điều 24)."""

    def test_a_session_closes_only_with_its_recording(self):
        with self.assertRaisesRegex(UserError, "Store the recording"):
            self.held.action_close()
        recording = self.new_recording()
        self.assertEqual(recording.sha256, hashlib.sha256(VIDEO).hexdigest())
        self.assertEqual(recording.file_size, len(VIDEO))
        self.assertEqual(recording.size_text, "1.0 MB")
        self.assertEqual((recording.stored_by_id, recording.integrity_state), (self.technician_board, "ok"))
        self.assertEqual(recording.retain_until, date(2036, 11, 17), "kept 10 years by default")
        self.assertEqual(self.held.recording_count, 1)
        self.held.action_close()
        self.assertEqual(self.held.state, "closed")
        # the file is stored once: no replacing it
        with self.assertRaisesRegex(UserError, "already has its file"):
            recording._store_file(io.BytesIO(b"other"), "other.mp4")
        # not deleted before the end of its retention
        with self.assertRaisesRegex(UserError, "kept until 17/11/2036"):
            recording.sudo().unlink()
        # a plain officer does not store recordings; the retention is configurable
        with self.assertRaises(AccessError):
            self.new_recording(user=self.officer_board)
        self.env["ir.config_parameter"].sudo().set_param(f"{MODULE}.recording_retention_years", "5")
        self.assertEqual(self.new_recording(content=b"second part").retain_until, date(2031, 11, 17))

    def test_verification_flags_changed_bytes_and_missing_copies(self):
        recording = self.new_recording()
        integrity = self.env.ref(f"{MODULE}.mail_activity_type_tcd_recording_integrity")
        Recording = self.env["tcd.session.recording"]
        # no backup copy yet: flagged to the administrators
        with freeze_time(recording.verified_date + timedelta(days=8)):
            Recording._cron_verify()
        self.assertEqual(recording.integrity_state, "ok")
        self.assertIn("No backup copy", recording.problems)
        flags = recording.activity_ids.filtered(lambda a: a.activity_type_id == integrity)
        self.assertIn(self.tcd_admin, flags.user_id)
        # a backup on an external drive, read back with the right checksum
        copy = (
            self.env["tcd.recording.copy"]
            .with_user(self.technician_board)
            .create(
                {
                    "recording_id": recording.id,
                    "medium": "external_drive",
                    "location": "Ổ cứng ngoài HDD-02, tủ lưu trữ P.203",
                    "verified_sha256": recording.sha256.upper(),
                }
            )
        )
        copy.action_verify()
        self.assertEqual(copy.state, "ok")
        with freeze_time(recording.verified_date + timedelta(days=8)):
            Recording._cron_verify()
        self.assertFalse(recording.problems)
        # the stored bytes change: the next run flags the mismatch, once
        path = recording._full_path()
        with open(path, "r+b") as stored:
            stored.seek(1000)
            stored.write(b"tampered")
        activities = len(recording.activity_ids)
        with freeze_time(recording.verified_date + timedelta(days=8)):
            Recording._cron_verify()
        self.assertEqual(recording.integrity_state, "mismatch")
        self.assertIn("no longer matches its SHA-256", recording.problems)
        self.assertEqual(len(recording.activity_ids), activities + len(flags))
        with freeze_time(recording.verified_date + timedelta(days=8)):
            Recording._cron_verify()
        self.assertEqual(len(recording.activity_ids), activities + len(flags), "flagged once")
        # the file disappears
        os.unlink(path)
        with freeze_time(recording.verified_date + timedelta(days=8)):
            Recording._cron_verify()
        self.assertEqual(recording.integrity_state, "missing")
        # a copy whose checksum differs, or not verified for too long, is flagged
        copy.write({"verified_sha256": "0" * 64})
        copy.action_verify()
        self.assertEqual(copy.state, "mismatch")
        self.assertIn("does not match", "\n".join(recording._copy_problems()))
        with freeze_time(date.today() + timedelta(days=200)):
            copy.write({"verified_sha256": recording.sha256})
            self.assertIn("has not been verified for 180 days", "\n".join(recording._copy_problems()))

    def test_only_recording_viewers_of_the_scope_open_it(self):
        recording = self.new_recording()
        # a reception officer of another commune cannot even read it
        with self.assertRaises(AccessError):
            recording.with_user(self.officer_a2).read(["name"])
        # nor can a recording viewer of another commune open it
        with self.assertRaises(AccessError):
            recording.with_user(self.viewer_a2)._check_can_open()
        # an officer of the host without the viewer group sees it but cannot open it
        self.assertEqual(recording.with_user(self.officer_board).name, "Ghi hình buổi tiếp 17/11/2026")
        with self.assertRaisesRegex(AccessError, "allowed to view recordings"):
            recording.with_user(self.officer_board)._check_can_open()
        # the host's leader may
        recording.with_user(self.leader_a)._check_can_open()


@tagged("post_install", "-at_install")
class TestRecordingDownload(HttpCase, TcdRecordingCommon):
    """Recordings are played and downloaded through their routes only, each time logged (Nghị định
    154/2026/NĐ-CP Điều 24)."""

    def test_download_and_play_are_logged(self):
        recording = self.new_recording()
        Log = self.env["tcd.access.log"]
        self.authenticate("leader_a", "leader_a")
        response = self.url_open(f"/tcd/recordings/{recording.id}/download")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, VIDEO)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        response = self.url_open(f"/tcd/recordings/{recording.id}/open", headers={"Range": "bytes=0-99"})
        self.assertEqual(response.status_code, 206)
        self.assertEqual(response.content, VIDEO[:100])
        # the player's next ranges are the same opening
        self.url_open(f"/tcd/recordings/{recording.id}/open", headers={"Range": "bytes=100-199"})
        logs = Log.search([("recording_id", "=", recording.id)], order="id")
        self.assertEqual(logs.mapped("action"), ["download", "play"])
        self.assertEqual(logs.user_id, self.leader_a)
        # another commune's viewer is refused, and nothing is logged
        self.authenticate("viewer_a2", "viewer_a2")
        self.assertEqual(self.url_open(f"/tcd/recordings/{recording.id}/download").status_code, 403)
        self.assertEqual(self.url_open(f"/tcd/recordings/{recording.id}/upload").status_code, 403)
        self.assertEqual(self.url_open("/tcd/recordings/99999999/download").status_code, 404)
        self.assertEqual(Log.search_count([("recording_id", "=", recording.id)]), 2)
        # the log cannot be altered
        with self.assertRaises(UserError):
            logs[0].write({"action": "play"})

    def test_upload_streams_the_file_and_hashes_it(self):
        recording = self.env["tcd.session.recording"].create(
            {"name": "Ghi hình", "session_id": self.held.id, "point_id": self.point_board_a.id}
        )
        self.authenticate("technician_board", "technician_board")
        page = self.url_open(f"/tcd/recordings/{recording.id}/upload")
        self.assertEqual(page.status_code, 200)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.url_open(
            f"/tcd/recordings/{recording.id}/upload",
            data={"csrf_token": csrf},
            files={"file": ("buoi-tiep.mp4", VIDEO, "video/mp4")},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(recording.sha256, hashlib.sha256(VIDEO).hexdigest())
        self.assertEqual((recording.filename, recording.mimetype), ("buoi-tiep.mp4", "video/mp4"))
        # an empty upload is refused with a message, and stores nothing
        other = recording.copy({"name": "Ghi hình 2"})
        response = self.url_open(
            f"/tcd/recordings/{other.id}/upload",
            data={"csrf_token": csrf},
            files={"file": ("rong.mp4", b"", "video/mp4")},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("is empty", response.text)
        self.assertFalse(other.sha256)
