import base64
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import MODULE
from .invitation_common import TcdInvitationCommon
from .session_common import utc
from .test_invitation_report import pdf_text
from .test_reminder_engine import wakeups


class TcdHeldSessionCommon(TcdInvitationCommon):
    """A province session receiving the case of commune A1, prepared, tested and started."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dept_a.document_symbol = "STC"
        cls.held = cls.approved_session("2026-12-15 09:00", points=cls.point_a1 | cls.point_a2, cases=cls.case_a1)
        with freeze_time("2026-12-01 03:00:00"):
            cls.held.action_notify_citizens()
            cls.held.action_send_invitations()
        with freeze_time("2026-12-14 02:00:00"):
            cls.record_tests(cls.held, "day_before")
            cls.held.action_mark_tested()
        with freeze_time("2026-12-15 01:00:00"):
            cls.record_tests(cls.held, "two_hours")
            cls.held.action_mark_test_2h()
            cls.record_tests(cls.held, "final")
            cls.held.action_mark_ready()
        with freeze_time("2026-12-15 02:00:00"):
            cls.held.action_start()
        cls.line = cls.held.case_line_ids
        cls.followup_model = cls.env["tcd.case.followup"]

    def conclude_case(self):
        """What the minutes record of the case: who attended, what was said, the conclusion and two instructions."""
        self.line.write(
            {
                "attendee_ids": [(6, 0, self.citizen_a1.ids)],
                "presentation": "Đề nghị bồi thường theo giá đất ở.",
                "outcome": "instructed",
                "conclusion": "Giao rà soát lại hồ sơ bồi thường.",
                "followup_ids": [
                    (0, 0, {"agency_id": self.commune_a1.id, "content": "Rà soát hồ sơ đất ở", "days": 10}),
                    (0, 0, {"agency_id": self.dept_a.id, "content": "Thẩm định giá đất", "days": 5}),
                ],
            }
        )


@tagged("post_install", "-at_install")
class TestSessionConclusion(TcdHeldSessionCommon):
    """What happens at the session is recorded; the conclusion notice turns each instruction into a
    task of its agency due in working days, tracked until done (Nghị định 154/2026/NĐ-CP Điều 25)."""

    def test_attendance_and_incidents_are_recorded_while_the_session_is_held(self):
        line_a1 = self.held.point_line_ids.filtered(lambda line: line.bridge_point_id == self.point_a1)
        self.held.attendance_line_ids.write({"presence": "connected"})
        self.assertEqual(line_a1.presence, "connected")
        incident = self.env["tcd.session.incident"].create(
            {
                "session_id": self.held.id,
                "point_line_id": line_a1.id,
                "kind": "recording",
                "rule_id": self.env.ref(f"{MODULE}.conduct_recording").id,
                "participant": "Người dự tại điểm cầu xã A1",
                "description": "Dùng điện thoại quay phát trực tiếp",
                "measure": "stopped",
            }
        )
        self.assertEqual(incident.point_name, "ĐC xã A1")
        # a crowd attends through its representatives; another case's citizen cannot attend for it
        with self.assertRaisesRegex(ValidationError, "Võ Thị Lan cannot attend"):
            self.line.attendee_ids = self.citizen_a2
        self.line.attendee_ids = self.citizen_a1
        self.assertEqual(self.line._attendee_text(), "Phạm Văn Hùng")
        # incidents are noted while a session is held, not before
        prepared = self.approved_session("2026-12-22 09:00")
        with self.assertRaisesRegex(ValidationError, "while the session"):
            self.env["tcd.session.incident"].create(
                {"session_id": prepared.id, "kind": "camera_off", "description": "Tắt camera"}
            )

    def test_conclusion_notice_creates_tasks_due_in_working_days(self):
        self.conclude_case()
        with freeze_time("2026-12-15 04:00:00"):
            self.held.action_end()
        self.assertEqual(self.case_a1.state, "heard")
        # not before the outcome of every case is written
        self.line.conclusion = False
        with self.assertRaisesRegex(UserError, "Write the outcome and the leader's conclusion"):
            self.held.action_issue_conclusion()
        self.line.conclusion = "Giao rà soát lại hồ sơ bồi thường."
        # issued on Friday 18/12/2026
        with freeze_time("2026-12-18 02:00:00"):
            self.held.action_issue_conclusion()
        self.assertEqual(self.held.conclusion_number, "2/TB-BTCD", "after the invitation 1/GM-BTCD")
        self.assertEqual(self.held.conclusion_date, date(2026, 12, 18))
        commune_task = self.line.followup_ids.filtered(lambda f: f.agency_id == self.commune_a1)
        dept_task = self.line.followup_ids.filtered(lambda f: f.agency_id == self.dept_a)
        # 5 working days: Monday 21 to Friday 25/12
        self.assertEqual(dept_task.deadline, date(2026, 12, 25))
        # 10 working days: 21-25/12, 28-31/12, New Year's Day 1/1/2027 is a holiday, Monday 4/1/2027
        self.assertEqual(commune_task.deadline, date(2027, 1, 4))
        self.assertEqual(set(self.line.followup_ids.mapped("state")), {"open"})
        # the responsible agency's officers have the task on their activities, due on the deadline
        activity = commune_task.activity_ids.filtered(lambda a: a.user_id == self.officer_a1)
        self.assertEqual(activity.date_deadline, date(2027, 1, 4))
        self.assertEqual(activity.note, "<p>Rà soát hồ sơ đất ở</p>")
        self.assertFalse(commune_task.activity_ids.filtered(lambda a: a.user_id == self.officer_a2))
        # the case is concluded with the leader's conclusion and instructions
        self.assertEqual(self.case_a1.state, "concluded")
        self.assertIn("Giao rà soát lại hồ sơ bồi thường.", self.case_a1.outcome)
        self.assertIn("04/01/2027", self.case_a1.outcome)
        # the notice goes to the agencies concerned, the host aside, with the notice attached
        notices = self.notices(self.held, "conclusion")
        self.assertEqual(notices.recipient_agency_id, self.commune_a1 | self.dept_a)
        to_commune = notices.filtered(lambda n: n.recipient_agency_id == self.commune_a1)
        self.assertEqual((to_commune.email, to_commune.state), ("ubnd@a1.example.gov.vn", "queued"))
        self.assertIn("2/TB-BTCD", to_commune.mail_id.subject)
        self.assertIn("Rà soát hồ sơ đất ở", to_commune.mail_id.body_html)
        self.assertNotIn("Thẩm định giá đất", to_commune.mail_id.body_html)
        self.assertEqual(len(to_commune.mail_id.attachment_ids), 1)
        # issued once
        with self.assertRaisesRegex(UserError, "was issued already"):
            self.held.action_issue_conclusion()
        # the issued instruction no longer changes
        with self.assertRaisesRegex(UserError, "no longer change"):
            commune_task.with_user(self.officer_a1).days = 20

    def test_tasks_are_tracked_until_done(self):
        self.conclude_case()
        with freeze_time("2026-12-15 04:00:00"):
            self.held.action_end()
        with freeze_time("2026-12-18 02:00:00"):
            self.held.action_issue_conclusion()
        commune_task = self.line.followup_ids.filtered(lambda f: f.agency_id == self.commune_a1)
        dept_task = self.line.followup_ids - commune_task
        # the case stays open while instructions are not done
        with self.assertRaisesRegex(UserError, "still has 2 instructions"):
            self.case_a1.action_close()
        # the commune reports its task; another commune cannot even see it
        with self.assertRaises(AccessError):
            commune_task.with_user(self.officer_a2).read(["content"])
        task = commune_task.with_user(self.officer_a1)
        with self.assertRaisesRegex(UserError, "Report the result"):
            task.action_done()
        with freeze_time("2026-12-28 02:00:00"):
            task.result = "Đã rà soát, ban hành văn bản số 12/UBND"
            task.action_done()
        self.assertEqual((commune_task.state, commune_task.done_date), ("done", date(2026, 12, 28)))
        self.assertFalse(commune_task.activity_ids)
        # the department's task is overdue after Friday 25/12: the host's officers and the chair are alerted, once
        overdue_type = self.env.ref(f"{MODULE}.mail_activity_type_tcd_followup_overdue")
        with freeze_time("2026-12-28 02:00:00"):
            self.assertEqual(self.followup_model.search([("is_overdue", "=", True)]), dept_task)
            self.followup_model._cron_remind()
            self.followup_model._cron_remind()
        alerts = self.held.activity_ids.filtered(lambda a: a.activity_type_id == overdue_type)
        self.assertIn(self.leader_a, alerts.user_id)
        self.assertIn(self.province_officer_a, alerts.user_id)
        self.assertEqual(len(alerts.filtered(lambda a: a.user_id == self.leader_a)), 1)
        self.assertIn("Thẩm định giá đất", alerts[0].note)
        dept_task.result = "Đã có chứng thư thẩm định giá"
        dept_task.action_done()
        self.case_a1.action_close()
        self.assertEqual(self.case_a1.state, "closed")

    def test_escalation_wakes_up_the_morning_after_the_deadline(self):
        cron = self.env.ref(f"{MODULE}.ir_cron_tcd_case_followup")
        self.followup_model.search([]).write({"escalated": True})  # the demo's out of the way
        self.conclude_case()
        with freeze_time("2026-12-15 04:00:00"):
            self.held.action_end()
        with freeze_time("2026-12-18 02:00:00"):
            self.held.action_issue_conclusion()
        # the department's task is due Friday 25/12: escalated on Saturday 26/12 at 08:00 in Vietnam
        with freeze_time("2026-12-18 03:00:00"):
            self.assertEqual(wakeups(cron, self.followup_model._cron_remind), [utc("2026-12-26 08:00")])

    def test_a_case_not_heard_goes_back_to_be_scheduled(self):
        self.line.outcome = "not_heard"
        with freeze_time("2026-12-15 04:00:00"):
            self.held.action_end()
        self.assertEqual(self.case_a1.state, "approved")


@tagged("post_install", "-at_install")
class TestConclusionDocuments(HttpCase, TcdHeldSessionCommon):
    """The conclusion notice and the minutes are PDFs in the administrative format (real wkhtmltopdf)."""

    def test_conclusion_notice_and_minutes_pdf(self):
        self.board_a.letter_name = "Ban Tiếp công dân tỉnh A"
        self.leader_a.partner_id.function = "Chủ tịch UBND tỉnh"
        self.held.attendance_line_ids.write({"presence": "connected"})
        self.held.minutes_recorder_id = self.province_officer_a
        self.conclude_case()
        with freeze_time("2026-12-15 04:00:00"):
            self.held.action_end()
        with freeze_time("2026-12-18 02:00:00"):
            self.held.with_context(force_report_rendering=True).action_issue_conclusion()
        session = self.held.with_context(lang="vi_VN", force_report_rendering=True)
        text = " ".join(pdf_text(session.env["tcd.session.notice"]._conclusion_pdf(session)).split())
        for item in (
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "BAN TIẾP CÔNG DÂN TỈNH A",
            "Số: 2/TB-BTCD",
            "ngày 18 tháng 12 năm 2026",
            "THÔNG BÁO",
            "Chủ tịch UBND tỉnh",
            "ĐC xã A1",
            "Giao rà soát lại hồ sơ bồi thường.",
            "UBND xã A1",
            "Rà soát hồ sơ đất ở",
            "04/01/2027",
            "Sở Tài chính tỉnh A",
            "25/12/2026",
            "Nơi nhận:",
        ):
            self.assertIn(item, text)
        # the notice mailed is that PDF
        mail = self.notices(self.held, "conclusion")[0].mail_id
        self.assertTrue(base64.b64decode(mail.attachment_ids.datas).startswith(b"%PDF"))
        report = self.env.ref(f"{MODULE}.tcd_session_minutes_report").with_context(
            lang="vi_VN", force_report_rendering=True
        )
        minutes = " ".join(pdf_text(report._render_qweb_pdf(report.report_name, self.held.ids)[0]).split())
        for item in ("BIÊN BẢN", "Phạm Văn Hùng", "Đề nghị bồi thường theo giá đất ở.", "Đã kết nối", "THƯ KÝ"):
            self.assertIn(item, minutes)
