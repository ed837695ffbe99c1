import re
from datetime import datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.addons.base.models.ir_mail_server import IrMailServer
from odoo.addons.tiep_cong_dan_truc_tuyen.models.tcd_session_milestone import MAIL_BATCH_SIZE
from odoo.tests import tagged

from .invitation_common import MODULE, TcdInvitationCommon
from .session_common import utc


@tagged("post_install", "-at_install")
class TestSessionNotices(TcdInvitationCommon):
    """Invitations and notices go out at their milestone, once per recipient; a failed mail is
    retried once, then the host's officers are alerted (Nghị định 154/2026/NĐ-CP Điều 23; Quy chế tiếp
    công dân trực tuyến của UBND tỉnh Quảng Ngãi (2025) Điều 7 khoản 1 điểm b; Quyết định 748/QĐ-TTCP,
    Quy chế Điều 6 khoản 1 điểm a)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Notice = cls.env["tcd.session.notice"]
        cls.Mail = cls.env["mail.mail"]

    def run_milestones(self, when):
        with freeze_time(when):
            self.env["tcd.session.milestone"]._cron_remind()

    def run_retries(self, when):
        with freeze_time(when):
            self.Notice._cron_send()

    def send_queue(self, notices, failure=None):
        """Send the queued mails of ``notices``; ``failure`` makes the SMTP connection fail."""
        mails = notices.mail_id
        if failure:
            with patch.object(IrMailServer, "connect", side_effect=failure):
                mails.send()
        else:
            mails.send()

    def test_invitations_and_notices_go_out_at_their_milestone_once(self):
        session = self.approved_session("2026-12-15 09:00", points=self.point_a1 | self.point_a2, cases=self.case_a1)
        # 07:30 on 08/12 in Vietnam: the citizens' notice (5 working days before) is not reminded yet
        self.run_milestones("2026-12-08 00:30:00")
        self.assertFalse(session.notice_ids)
        # 08:30 on 08/12: the citizens are notified, by the scheduled action
        self.run_milestones("2026-12-08 01:30:00")
        citizen = self.notices(session, "citizen")
        self.assertEqual(len(citizen), 1)
        self.assertEqual((citizen.recipient_name, citizen.email), ("Phạm Văn Hùng", "hung@example.com"))
        self.assertEqual(citizen.mail_id.email_to, '"Phạm Văn Hùng" <hung@example.com>')
        # in Vietnamese: where and when to attend, what to bring, the conduct rules
        self.assertTrue(citizen.mail_id.subject.startswith("Thông báo"), citizen.mail_id.subject)
        self.assertIn("ĐC xã A1", citizen.mail_id.body_html)
        self.assertIn("09:00 15/12/2026", citizen.mail_id.body_html)
        self.assertIn(self.case_a1.name, citizen.mail_id.body_html)
        self.assertIn("Thẻ căn cước công dân", citizen.mail_id.body_html)
        self.assertIn("camera", citizen.mail_id.body_html)
        # queued, not sent yet: the citizens are notified once the mail goes out
        self.assertFalse(session.citizens_notified_date)
        self.send_queue(citizen)
        self.assertEqual((citizen.state, citizen.reached), ("sent", True))
        self.assertTrue(session.citizens_notified_date)
        self.assertEqual(self.notices(session, "invitation"), self.Notice)
        # 08:30 on 10/12, 3 working days before: the invitations, one per delegate point's agency
        self.run_milestones("2026-12-10 01:30:00")
        self.run_milestones("2026-12-10 01:45:00")
        session.action_send_invitations()  # by hand too: nothing is sent twice
        invitations = self.notices(session, "invitation")
        self.assertEqual(len(invitations), 2)
        self.assertEqual(set(invitations.mapped("email")), {"ubnd@a1.example.gov.vn", "ubnd@a2.example.gov.vn"})
        self.assertEqual(len(invitations.mail_id), 2)
        self.assertEqual(session.state, "invited")
        self.assertEqual(session.invitation_number, "1/GM-BTCD")
        milestone = session.milestone_ids.filtered(lambda m: m.rule_id.code == "invitation")
        self.assertEqual(milestone.state, "done")
        self.assertFalse(milestone.activity_ids)  # done by the mails, no reminder to the officers
        mail = invitations.filtered(lambda n: n.point_line_id.bridge_point_id == self.point_a1).mail_id
        names = mail.attachment_ids.mapped("name")
        self.assertTrue(any(name.endswith(".pdf") for name in names), names)
        self.assertTrue(any(name.endswith(".ics") for name in names), names)
        self.assertTrue(any(name.endswith(".png") for name in names), names)  # the QR code as a file
        line_a1 = session.point_line_ids.filtered(lambda line: line.bridge_point_id == self.point_a1)
        self.assertIn(f"/my/tcd/invitations/{line_a1.id}?access_token={line_a1.access_token}", mail.body_html)
        qr = re.search(r'src="([^"]*/qr\.png\?access_token=[^"]*)"', mail.body_html).group(1)
        self.assertTrue(qr.startswith(line_a1.get_base_url()), qr)  # an absolute address, not inline data
        ics = mail.attachment_ids.filtered(lambda a: a.name.endswith(".ics")).raw.decode()
        self.assertIn("DTSTART:20261215T020000Z", ics)
        self.assertIn("METHOD:PUBLISH", ics)
        self.assertEqual(line_a1.invitation_state, "queued")
        # the mail queue sends them
        self.send_queue(invitations)
        self.assertEqual(set(invitations.mapped("state")), {"sent"})
        self.assertEqual(line_a1.invitation_state, "sent")
        # the test reminders go to each invited point at the test milestone's reminder, once
        self.run_milestones("2026-12-14 01:30:00")
        self.run_milestones("2026-12-14 02:00:00")
        reminders = self.notices(session, "test_reminder")
        self.assertEqual(len(reminders), 2)
        self.assertIn("17:00 14/12/2026", reminders[0].mail_id.body_html)
        # a point added after the invitations: only it is invited
        session.write({"point_line_ids": [(0, 0, {"bridge_point_id": self.point_dept_a.id})]})
        session.action_send_invitations()
        invitations = self.notices(session, "invitation")
        self.assertEqual(len(invitations), 3)
        self.assertEqual(invitations.filtered(lambda n: n.email == "stc@tinh-a.example.gov.vn").attempts, 1)

    def test_notices_of_data_loaded_with_the_modules_are_sent_by_the_scheduled_action(self):
        """An installation's data (the demo's invitations) renders no letter while Odoo loads its
        modules: the server that serves the letters' stylesheet waits for the loading to end. The
        scheduled action sends them, letters and all, once the server runs."""
        session = self.approved_session("2026-12-15 09:00", points=self.point_a1 | self.point_a2)
        cron = self.env.ref(f"{MODULE}.ir_cron_tcd_session_notice")
        with freeze_time("2026-12-09 02:00:00"), patch.object(self.env.registry, "ready", False):
            session.action_send_invitations()
        invitations = self.notices(session, "invitation")
        self.assertEqual(len(invitations), 2)
        self.assertEqual(set(invitations.mapped("state")), {"queued"})
        self.assertFalse(invitations.mail_id, "no letter rendered while the modules load")
        self.assertEqual(session.state, "invited")
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
        self.assertIn(fields.Datetime.to_datetime("2026-12-09 02:00:00"), triggers.mapped("call_at"))
        self.run_retries("2026-12-09 02:01:00")
        self.assertEqual(len(invitations.mail_id), 2)
        self.assertEqual(invitations.mapped("attempts"), [1, 1])
        names = invitations.mail_id.attachment_ids.mapped("name")
        self.assertEqual(len([name for name in names if name.endswith(".pdf")]), 2, names)
        # sent once
        self.run_retries("2026-12-09 02:02:00")
        self.assertEqual(invitations.mapped("attempts"), [1, 1])

    def test_failed_mail_is_retried_once_then_escalated(self):
        session = self.approved_session("2026-12-15 09:00")
        with freeze_time("2026-12-09 02:00:00"):
            session.action_send_invitations()
            invitation = self.notices(session, "invitation")
            first_mail = invitation.mail_id
            self.send_queue(invitation, failure=ConnectionRefusedError("SMTP server unreachable"))
        self.assertEqual(invitation.state, "failed")
        self.assertIn("SMTP server unreachable", invitation.failure_reason)
        self.assertEqual(invitation.attempts, 1)
        self.assertEqual(invitation.retry_at, fields.Datetime.to_datetime("2026-12-09 02:30:00"))
        cron = self.env.ref(f"{MODULE}.ir_cron_tcd_session_notice")
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
        self.assertIn(invitation.retry_at, triggers.mapped("call_at"))
        self.assertEqual(session.point_line_ids.invitation_state, "failed")
        # not before its time
        self.run_retries("2026-12-09 02:20:00")
        self.assertEqual(invitation.mail_id, first_mail)
        # once, after 30 minutes
        with freeze_time("2026-12-09 02:31:00"):
            self.Notice._cron_send()
            self.Notice._cron_send()
            self.assertEqual(invitation.attempts, 2)
            self.assertNotEqual(invitation.mail_id, first_mail)
            self.assertEqual(invitation.state, "queued")
            self.send_queue(invitation, failure=ConnectionRefusedError("SMTP server unreachable"))
        self.assertEqual(invitation.state, "failed")
        # failed twice: no third mail, the host's officers get an activity
        second_mail = invitation.mail_id
        self.run_retries("2026-12-09 02:32:00")
        self.run_retries("2026-12-09 03:32:00")
        self.assertEqual((invitation.attempts, invitation.mail_id), (2, second_mail))
        self.assertTrue(invitation.escalated)
        failed_type = self.env.ref(f"{MODULE}.mail_activity_type_tcd_notice_failed")
        alerts = session.activity_ids.filtered(lambda a: a.activity_type_id == failed_type)
        self.assertEqual(alerts.user_id, self.province_officer_a | self.leader_b)
        self.assertIn("SMTP server unreachable", alerts[0].note)
        # once the server works again an officer sends it again
        invitation.with_user(self.province_officer_a).action_retry()
        self.send_queue(invitation)
        self.assertEqual(invitation.state, "sent")

    def test_recipient_without_address_is_escalated_at_once(self):
        self.commune_a1.email = False
        session = self.approved_session("2026-12-15 09:00")
        with freeze_time("2026-12-09 02:00:00"):
            session.action_send_invitations()
        invitation = self.notices(session, "invitation")
        self.assertEqual(invitation.state, "failed")
        self.assertFalse(invitation.mail_id)
        self.assertIn("no e-mail address", invitation.failure_reason)
        self.run_retries("2026-12-09 02:01:00")
        self.assertTrue(invitation.escalated)
        self.assertFalse(invitation.mail_id)

    def test_moved_postponed_and_cancelled_sessions_notify_the_recipients(self):
        session = self.approved_session("2026-12-15 09:00", points=self.point_a1 | self.point_a2, cases=self.case_a1)
        with freeze_time("2026-12-03 02:00:00"):
            session.action_notify_citizens()
            session.action_send_invitations()
            self.assertEqual(len(session.notice_ids), 3)
            # moved a week later: each recipient gets a change notice with the new time
            session.write({"start": utc("2026-12-22 09:00"), "stop": utc("2026-12-22 11:00")})
        changes = self.notices(session, "change")
        self.assertEqual(len(changes), 3)
        self.assertEqual(session.notice_revision, 1)
        self.assertEqual(session.state, "plan_approved")  # invitations to redo
        point_change = changes.filtered("point_line_id")[0]
        self.assertIn("09:00 22/12/2026", point_change.mail_id.body_html)
        names = point_change.mail_id.attachment_ids.mapped("name")
        self.assertTrue(any(name.endswith(".pdf") for name in names), names)  # the updated invitation
        ics = point_change.mail_id.attachment_ids.filtered(lambda a: a.name.endswith(".ics")).raw.decode()
        self.assertIn("DTSTART:20261222T020000Z", ics)
        self.assertIn("SEQUENCE:1", ics)
        # the invitation step falls due again: the points already invited are not invited twice
        self.run_milestones("2026-12-17 01:30:00")
        self.assertEqual(len(self.notices(session, "invitation")), 2)
        self.assertEqual(session.state, "invited")
        # postponed: a second change notice to each
        with freeze_time("2026-12-18 02:00:00"):
            session._postpone("Lãnh đạo bận họp đột xuất")
        self.assertEqual(len(self.notices(session, "change")), 6)
        postponed = self.notices(session, "change").filtered(lambda n: n.revision == 2)
        self.assertIn("postponed", postponed.filtered(lambda n: n.email == "ubnd@a2.example.gov.vn").mail_id.body_html)
        self.assertIn("được hoãn", postponed.filtered(lambda n: n.email == "ubnd@a1.example.gov.vn").mail_id.body_html)
        # cancelled: a cancellation notice to each, with a cancelled calendar event
        with freeze_time("2026-12-18 03:00:00"):
            session._cancel("Công dân đã rút đơn")
        cancellations = self.notices(session, "cancellation")
        self.assertEqual(len(cancellations), 3)
        self.assertIn("Công dân đã rút đơn", cancellations[0].mail_id.body_html)
        ics = cancellations[0].mail_id.attachment_ids.raw.decode()
        self.assertIn("METHOD:CANCEL", ics)
        self.assertIn("STATUS:CANCELLED", ics)

    def test_a_session_not_approved_is_not_sent_but_reminded(self):
        session = self.make_session("2026-12-15 09:00", now="2026-12-01 03:00:00")
        self.run_milestones("2026-12-10 01:30:00")
        self.assertFalse(session.notice_ids)
        invitation = session.milestone_ids.filtered(lambda m: m.rule_id.code == "invitation")
        self.assertTrue(invitation.activity_ids)
        self.assertEqual(invitation.state, "open")

    def test_mail_in_the_recipients_language(self):
        session = self.approved_session("2026-12-15 09:00", points=self.point_a1 | self.point_a2)
        with freeze_time("2026-12-09 02:00:00"):
            session.action_send_invitations()
        invitations = self.notices(session, "invitation")
        vietnamese = invitations.filtered(lambda n: n.email == "ubnd@a1.example.gov.vn").mail_id
        english = invitations.filtered(lambda n: n.email == "ubnd@a2.example.gov.vn").mail_id
        self.assertTrue(vietnamese.subject.startswith("Giấy mời"), vietnamese.subject)
        self.assertIn("Mở giấy mời", vietnamese.body_html)
        self.assertTrue(english.subject.startswith("Invitation"), english.subject)
        self.assertIn("Open the invitation", english.body_html)
        # in the letter too
        pdf_name = vietnamese.attachment_ids.filtered(lambda a: a.name.endswith(".pdf")).name
        self.assertTrue(pdf_name.startswith("Giấy mời"), pdf_name)

    def test_sending_steps_are_batched(self):
        sessions = self.env["tcd.session"]
        for index in range(MAIL_BATCH_SIZE + 3):
            start = datetime(2026, 12, 15, 6, 0) + timedelta(minutes=30 * index)
            stop = start + timedelta(minutes=25)
            sessions |= self.approved_session(
                f"{start:%Y-%m-%d %H:%M}", stop=f"{stop:%Y-%m-%d %H:%M}", subject=f"Phiên {index}"
            )
        sending = sessions.milestone_ids.filtered(lambda m: m.rule_id.code in ("notify", "invitation"))
        # the other sessions of the database (demo data) are out of the way
        self.env["tcd.session.milestone"].search([("session_id", "not in", sessions.ids)]).write(
            {"reminded": True, "escalated": True}
        )
        self.assertEqual(len(sending), 2 * len(sessions))
        # each run (one transaction) sends at most MAIL_BATCH_SIZE steps, the others are left to the next
        for run, done in enumerate((MAIL_BATCH_SIZE, 2 * MAIL_BATCH_SIZE, len(sending))):
            self.run_milestones(f"2026-12-10 01:3{run}:00")
            self.assertEqual(len(sending.filtered(lambda m: m.state == "done")), done)
        self.assertEqual(set(sessions.mapped("state")), {"invited"})
        self.assertEqual(len(self.Notice.search([("session_id", "in", sessions.ids)])), len(sessions))
