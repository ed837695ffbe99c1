from unittest.mock import patch

from freezegun import freeze_time

from odoo.addons.base.models.ir_mail_server import IrMailServer
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, tagged

from .invitation_common import MODULE, TcdInvitationCommon
from .test_invitation_report import pdf_text

LETTER = f"{MODULE}.tcd_session_citizen_notice_report"


@tagged("post_install", "-at_install")
class TestCitizenNoticeChannels(HttpCase, TcdInvitationCommon):
    """Citizens are notified by e-mail, by a letter posted or by a phone call or SMS recorded; the session's
    citizens are notified once each of them was reached (Nghị định 154/2026/NĐ-CP Điều 23). A protected
    denouncer's letter is printed by her handlers only (Luật Tố cáo 2018 Điều 47, 56)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        commune = cls.env.ref(f"{MODULE}.admin_unit_21040")
        # an elderly citizen of the countryside, without e-mail
        cls.citizen_bay = cls.citizen(
            "Nguyễn Văn Bảy", "051052901111", cls.commune_a1, birth="1952-06-01",
            street="Thôn 3", phone="0905123456", admin_unit_id=commune.id, is_elderly=True,
        )  # fmt: skip
        cls.case_bay = cls.approved_case(cls.citizen_bay, subject="Tranh chấp ranh giới đất")
        # a citizen whose complaint is received online, and who denounced too, under protection (received in
        # person): her identity is protected, her denunciation's handler is the province officer
        cls.denouncer = cls.citizen(
            "Huỳnh Thị Mai", "051168905555", cls.commune_a1, birth="1968-04-12", gender="female",
            street="Thôn 2", phone="0935000111", email="mai@example.com", admin_unit_id=commune.id,
        )  # fmt: skip
        cls.complaint = cls.approved_case(cls.denouncer, subject="Khiếu nại quyết định thu hồi đất")
        cls.case(
            cls.denouncer, cls.commune_a1, kind="denunciation", protection_requested=True,
            handler_ids=[(6, 0, cls.province_officer_a.ids)], subject="Tố cáo cán bộ",
        )  # fmt: skip
        cls.province_officer_a.lang = "vi_VN"
        cls.leader_b.lang = "en_US"
        cls.Notice = cls.env["tcd.session.notice"]
        cls.Contact = cls.env["tcd.session.notice.contact"]

    @classmethod
    def approved_case(cls, citizens, **vals):
        case = cls.case(citizens, cls.commune_a1, ground_ids=[(6, 0, cls.ground.ids)], **vals)
        case.action_propose()
        case.with_user(cls.leader_a1).action_approve()
        return case

    def notify(self, cases, user=None):
        session = self.approved_session("2026-12-15 09:00", points=self.point_a1 | self.point_a2, cases=cases)
        with freeze_time("2026-12-03 02:00:00"):
            session.with_user(user or self.province_officer_a).action_notify_citizens()
        return session

    def citizen_notice(self, session, citizen):
        return self.notices(session, "citizen").filtered(lambda notice: notice.citizen_id == citizen)

    def notify_step(self, session):
        return session.milestone_ids.filtered(lambda milestone: milestone.rule_id.code == "notify")

    def record(self, notice, user, **values):
        """Record a contact through the notice's button and its dialog, as ``user``."""
        action = notice.with_user(user).action_record_contact()
        with Form(self.Contact.with_user(user).with_context(**action["context"])) as form:
            for name, value in values.items():
                setattr(form, name, value)
        return form.record

    def render(self, notice, user):
        return (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(LETTER, notice.ids)[0]
        )

    def test_citizen_without_email_keeps_the_step_open_until_reached_by_phone(self):
        session = self.notify(self.case_a1 | self.case_bay)
        hung, bay = self.citizen_notice(session, self.citizen_a1), self.citizen_notice(session, self.citizen_bay)
        # no e-mail address: the notice failed at once, its citizen is to be reached by post or phone
        self.assertEqual((bay.state, bay.channel, bay.reached), ("failed", "post", False))
        self.assertFalse(session.citizens_notified_date)
        self.assertEqual(self.notify_step(session).state, "open")
        # the mail of the other citizen goes out: he is reached, the step waits for the citizen without e-mail
        hung.mail_id.send()
        self.assertEqual((hung.state, hung.channel, hung.reached), ("sent", "email", True))
        self.assertFalse(session.citizens_notified_date)
        self.assertEqual(self.notify_step(session).state, "open")
        not_reached = self.Notice.with_user(self.province_officer_a).search(
            [("session_id", "=", session.id), ("kind", "=", "citizen"), ("reached", "=", False)]
        )
        self.assertEqual(not_reached, bay)
        # a first call without answer: recorded, the step still open
        with freeze_time("2026-12-03 03:00:00"):
            first = self.record(bay, self.province_officer_a, outcome="not_reached", note="Không nghe máy")
        self.assertEqual((first.phone, first.user_id, first.channel), ("0905123456", self.province_officer_a, "phone"))
        self.assertFalse(bay.reached)
        self.assertFalse(session.citizens_notified_date)
        # a second call reaches him: the citizens are notified, the step is done, the chatter says who and when
        with freeze_time("2026-12-03 08:00:00"):
            self.record(bay, self.province_officer_a, outcome="reached", note="Ông Bảy sẽ đến điểm cầu xã A1")
        self.assertEqual((bay.reached, bay.channel), (True, "phone"))
        self.assertEqual(bay.contact_ids.mapped("outcome"), ["reached", "not_reached"])
        self.assertTrue(session.citizens_notified_date)
        self.assertEqual(self.notify_step(session).state, "done")
        bodies = " ".join(session.message_ids.mapped("body"))
        self.assertIn("Nguyễn Văn Bảy", bodies)
        self.assertIn("03/12/2026 15:00", bodies)  # Vietnam time
        self.assertNotIn("0905123456", bodies)  # the number stays on the notice
        # a contact is a record of what was done: not rewritten afterwards
        with self.assertRaises(AccessError):
            first.with_user(self.province_officer_a).write({"outcome": "reached"})

    def test_letter_posted_reaches_the_citizen(self):
        session = self.notify(self.case_bay)
        bay = self.citizen_notice(session, self.citizen_bay)
        with self.assertRaisesRegex(UserError, "Print the notice letter"):
            self.record(bay, self.province_officer_a, channel="post")
        with freeze_time("2026-12-03 03:00:00"):
            action = bay.with_user(self.province_officer_a).action_print_letter()
        self.assertEqual(action["report_name"], f"{MODULE}.tcd_citizen_notice_document")
        self.assertEqual(bay.letter_number, "1/TB-BTCD")
        self.assertFalse(session.citizens_notified_date, "a letter printed is not yet posted")
        with freeze_time("2026-12-03 04:00:00"):
            self.record(bay, self.province_officer_a, channel="post", postal_reference="RR123456789VN")
        self.assertEqual((bay.reached, bay.channel), (True, "post"))
        self.assertTrue(session.citizens_notified_date)
        self.assertEqual(self.notify_step(session).state, "done")

    def test_failed_mail_leaves_the_step_open_and_alerts_each_officer_in_their_language(self):
        session = self.notify(self.case_a1)
        hung = self.citizen_notice(session, self.citizen_a1)
        failure = ConnectionRefusedError("SMTP server unreachable")
        with freeze_time("2026-12-03 02:00:00"), patch.object(IrMailServer, "connect", side_effect=failure):
            hung.mail_id.send()
        with freeze_time("2026-12-03 02:31:00"):
            self.Notice._cron_send()
            with patch.object(IrMailServer, "connect", side_effect=failure):
                hung.mail_id.send()
        with freeze_time("2026-12-03 02:32:00"):
            self.Notice._cron_send()
        self.assertEqual((hung.state, hung.reached, hung.escalated), ("failed", False, True))
        self.assertFalse(session.citizens_notified_date)
        self.assertEqual(self.notify_step(session).state, "open")
        failed_type = self.env.ref(f"{MODULE}.mail_activity_type_tcd_notice_failed")
        alerts = session.activity_ids.filtered(lambda activity: activity.activity_type_id == failed_type)
        vietnamese = alerts.filtered(lambda activity: activity.user_id == self.province_officer_a)
        english = alerts.filtered(lambda activity: activity.user_id == self.leader_b)
        self.assertEqual(vietnamese.summary, "1 thông báo không gửi được")
        self.assertIn("Thông báo cho công dân gửi Phạm Văn Hùng", vietnamese.note)
        self.assertNotIn("Notice to a citizen", vietnamese.note)
        self.assertEqual(english.summary, "1 notices could not be sent")
        self.assertIn("Notice to a citizen to Phạm Văn Hùng", english.note)
        self.assertIn("by post, phone or SMS", english.note)
        # reached by SMS meanwhile: the step is done; the number used is checked as the citizens' numbers are, an
        # old 11-digit mobile number refused with its new number
        with self.assertRaisesRegex(ValidationError, "0351 234 567"):
            self.record(hung, self.province_officer_a, channel="sms", phone="0165 123 4567")
        self.record(hung, self.province_officer_a, channel="sms", phone="0905000999")
        self.assertTrue(session.citizens_notified_date)

    def test_citizen_without_email_is_alerted_in_vietnamese(self):
        session = self.notify(self.case_bay)
        with freeze_time("2026-12-03 02:01:00"):
            self.Notice._cron_send()
        failed_type = self.env.ref(f"{MODULE}.mail_activity_type_tcd_notice_failed")
        alert = session.activity_ids.filtered(
            lambda activity: activity.activity_type_id == failed_type and activity.user_id == self.province_officer_a
        )
        self.assertEqual(alert.summary, "1 thông báo không gửi được")
        self.assertIn("Nguyễn Văn Bảy không có địa chỉ email.", alert.note)

    def test_letter_says_where_and_when_the_citizen_attends(self):
        session = self.notify(self.case_bay)
        bay = self.citizen_notice(session, self.citizen_bay)
        with freeze_time("2026-12-03 03:00:00"):
            bay.with_user(self.province_officer_a).action_print_letter()
        pdf = self.render(bay, self.province_officer_a)
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = " ".join(pdf_text(pdf).split())
        for item in (
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "BAN TCD TỈNH A",
            "Số: 1/TB-BTCD",
            "ngày 03 tháng 12 năm 2026",
            "Nguyễn Văn Bảy",
            "Thôn 3, Xã Bình Sơn, Tỉnh Quảng Ngãi",  # his address
            self.case_bay.name,
            "Từ 09:00 đến 11:00 ngày 15/12/2026",  # the session's time
            "2. Địa điểm Ông/Bà tham dự ĐC xã A1.",  # where he attends: his case's bridge point, named once
            "Thẻ căn cước công dân",  # what to bring
            "camera",  # the conduct rules
            "Nơi nhận:",
            self.leader_a.name,
        ):
            self.assertIn(item, text)
        self.assertNotIn("(để báo cáo)", text, "the chair signs: she is not her own recipient")

    def test_protected_denouncer_letter_for_her_handlers_only(self):
        session = self.notify(self.complaint)
        notice = self.citizen_notice(session, self.denouncer)
        # no e-mail is copied onto the notice of a protected denouncer: she is reached by post or phone
        self.assertEqual((notice.email, notice.channel, notice.state), (False, "post", "failed"))
        self.assertNotIn("Huỳnh Thị Mai", notice.recipient_name)
        # an officer of the host who is not her handler reads the notice, not her identity: no letter
        self.assertTrue(notice.with_user(self.leader_b).has_access("read"))
        with self.assertRaisesRegex(AccessError, "identity"):
            notice.with_user(self.leader_b).action_print_letter()
        with self.assertRaises(AccessError):
            self.render(notice, self.leader_b)
        self.assertFalse(notice.letter_number)
        # and what the letter would say to him is masked
        recipient = notice.with_user(self.leader_b)._letter_recipient()
        self.assertEqual(recipient, {"name": notice.recipient_name, "address": "[bảo mật]"})
        # her handler prints it, with her address, under her reference as in her mail
        with freeze_time("2026-12-03 03:00:00"):
            notice.with_user(self.province_officer_a).action_print_letter()
        text = " ".join(pdf_text(self.render(notice, self.province_officer_a)).split())
        self.assertIn("Thôn 2", text)
        self.assertIn(notice.recipient_name, text)
        self.assertNotIn("Huỳnh Thị Mai", text)
        # the number her handler called her at is not kept on the contact, which the host's officers read
        self.record(notice, self.province_officer_a, outcome="reached")
        contact = notice.contact_ids
        self.assertEqual(contact.phone, "[bảo mật]")
        self.assertTrue(notice.reached)
        self.assertTrue(session.citizens_notified_date)
