import unicodedata
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from ..models.tcd_session_document import names_itself
from .common import MODULE
from .session_common import utc
from .test_invitation_report import pdf_qr_codes, pdf_text
from .test_session_conclusion import TcdHeldSessionCommon

PRINT_MENU = ("invitations", "plan", "script", "minutes", "conclusion")


@tagged("post_install", "-at_install")
class TestSessionDocuments(HttpCase, TcdHeldSessionCommon):
    """What the session's documents say, read in their PDFs (real wkhtmltopdf): the minutes give each delegate
    point's presence and the points connected, the conclusion notice the day and time the session was held, the
    letters name their points once, time the rehearsal and do not send the signer her own copy; the session's
    Print menu gives its invitations, plan, script, minutes and conclusion notice, to those who read the session
    only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer_b1 = new_test_user(
            cls.env, login="officer_b1", groups=f"{MODULE}.group_tcd_officer", tcd_agency_id=cls.commune_b1.id
        )
        cls.line_a1 = cls.held.point_line_ids.filtered(lambda line: line.bridge_point_id == cls.point_a1)
        cls.line_a2 = cls.held.point_line_ids - cls.line_a1

    def report(self, code):
        return self.env.ref(f"{MODULE}.tcd_session_{code}_report")

    def render_pdf(self, code, records=None, lang="en_US", user=None):
        """The PDF of the ``code`` report of ``records`` (the held session by default), printed by ``user``."""
        report = self.report(code).with_context(lang=lang, force_report_rendering=True)
        if user:
            report = report.with_user(user)
        pdf, _format = report._render_qweb_pdf(report.report_name, (records or self.held).ids)
        self.assertTrue(pdf.startswith(b"%PDF"))
        return pdf

    def render(self, code, records=None, lang="en_US", user=None):
        """The text of the ``code`` report, on one line."""
        return " ".join(pdf_text(self.render_pdf(code, records, lang, user)).split())

    def end_session(self):
        self.conclude_case()
        with freeze_time("2026-12-15 04:00:00"):
            self.held.action_end()

    # ------------------------------------------------------------------ the minutes and the conclusion notice

    def test_minutes_give_each_point_its_presence_and_the_points_connected(self):
        self.end_session()
        self.line_a1.presence = "connected"
        text = self.render("minutes")
        self.assertIn("ĐC xã A1: Connected", text)
        self.assertIn("ĐC xã A2: Not recorded", text)
        self.assertIn("Delegate bridge points connected: 1/2", text)
        # the opening sentence counts and names the points connected only, not those not recorded
        self.assertIn("connected with 1 delegate bridge points: ĐC xã A1.", text)
        self.line_a2.presence = "late"
        text = self.render("minutes")
        self.assertIn("ĐC xã A2: Connected late", text)
        self.assertIn("Delegate bridge points connected: 2/2", text)
        self.assertIn("connected with 2 delegate bridge points: ĐC xã A1, ĐC xã A2.", text)
        self.held.attendance_line_ids.presence = "absent"
        text = self.render("minutes")
        self.assertIn("ĐC xã A1: Not connected", text)
        self.assertIn("Delegate bridge points connected: 0/2", text)
        self.assertIn("no delegate bridge point is recorded as connected", text)
        # in Vietnamese, with the terms translated already
        self.line_a1.presence = "connected"
        text = self.render("minutes", lang="vi_VN")
        self.assertIn("ĐC xã A1: Đã kết nối", text)
        self.assertIn("ĐC xã A2: Không kết nối", text)

    def test_conclusion_notice_and_minutes_give_the_day_and_time_the_session_was_held(self):
        # started late in the evening before its planned day (planned 09:00 15/12/2026), ended after midnight
        self.held._workflow_write({"actual_start": utc("2026-12-14 22:56")})
        self.leader_a.partner_id.function = "Chủ tịch UBND tỉnh"
        self.conclude_case()
        with freeze_time(utc("2026-12-15 00:40")):
            self.held.action_end()
        self.held.attendance_line_ids.presence = "connected"
        with freeze_time("2026-12-18 02:00:00"):
            self.held.with_context(force_report_rendering=True).action_issue_conclusion()
        self.assertEqual(
            self.held.with_context(lang="en_US")._conclusion_title(),
            f"Conclusions of Chủ tịch UBND tỉnh {self.leader_a.name} at the online citizen reception session of "
            "14/12/2026",
        )
        text = self.render("conclusion", lang="vi_VN")
        self.assertIn("tại buổi tiếp công dân trực tuyến ngày 14/12/2026", text)
        self.assertIn("Vào lúc 22:56 ngày 14/12/2026", text)
        self.assertNotIn("15/12/2026", text)
        minutes = self.render("minutes")
        self.assertIn("On 14/12/2026, from 22:56", minutes)
        self.assertIn("day 14 month 12 year 2026", minutes)
        self.assertIn("The session ended at 00:40 on 15/12/2026.", minutes)

    def test_minutes_and_conclusion_notice_are_printed_when_they_make_sense(self):
        with self.assertRaisesRegex(UserError, "printed once it is held"):
            self.render("minutes")
        self.end_session()
        self.render("minutes")
        with self.assertRaisesRegex(UserError, "is not issued yet"):
            self.render("conclusion")
        with freeze_time("2026-12-18 02:00:00"):
            self.held.with_context(force_report_rendering=True).action_issue_conclusion()
        self.assertIn(self.held.conclusion_number, self.render("conclusion"))

    # ------------------------------------------------------------------ the letters

    def test_point_names_are_not_prefixed_twice(self):
        for name in ("Điểm cầu UBND xã A1", "ĐIỂM CẦU UBND xã A1", "điểm cầu xã A1", "ĐC xã A1", "Bridge point A1"):
            self.assertTrue(names_itself(name), name)
        # the same words typed with combining marks
        self.assertTrue(names_itself(unicodedata.normalize("NFD", "Điểm cầu UBND xã A1")))
        for name in ("UBND xã A1", "Trụ sở tiếp công dân, điểm cầu xã A1", "Đồng Cầu"):
            self.assertFalse(names_itself(name), name)
        self.point_a1.name = "Điểm cầu UBND xã A1"
        text = self.render("invitations")
        self.assertIn("the participants at Điểm cầu UBND xã A1 to attend", text)
        self.assertNotIn("bridge point điểm cầu", text.casefold())
        self.assertNotIn("điểm cầu điểm cầu", self.render("invitations", lang="vi_VN").casefold())
        self.point_a2.name = "UBND xã A2"
        self.assertIn(
            "the participants of the bridge point UBND xã A2 to attend",
            self.line_a2.with_context(lang="en_US")._letter_intro(),
        )

    def test_timeline_holds_the_rehearsal_at_its_time_and_the_tests_by_theirs(self):
        self.held._workflow_write({"rehearsal_at": utc("2026-12-14 15:00")})
        lines = self.held.with_context(lang="en_US")._timeline_lines()
        self.assertIn("Rehearsal: at 15:00 14/12/2026", lines)
        self.assertTrue(any(line.endswith("by 17:00 14/12/2026") for line in lines), lines)
        self.assertIn("Rehearsal: at 15:00 14/12/2026", self.render("invitations"))
        self.assertIn("Rehearsal: at 15:00 14/12/2026", self.render("plan"))
        # and the instructions point to the times of the letter, wherever they are printed
        instructions = self.held.with_context(lang="en_US")._instructions_html()
        self.assertIn("at the times given in this invitation", instructions)
        self.assertNotIn("below", instructions)

    def test_the_signer_is_not_among_her_own_recipients(self):
        self.end_session()
        with freeze_time("2026-12-18 02:00:00"):
            self.held.with_context(force_report_rendering=True).action_issue_conclusion()
        # the chair signs: she is not sent her own letter "to report"
        for code in ("invitations", "conclusion", "plan"):
            text = self.render(code)
            self.assertNotIn("(to report)", text, code)
        # another leader signs: the chair is reported to
        self.held.write({"signer_id": self.leader_b.id, "signer_position": "Trưởng Ban"})
        for code in ("invitations", "conclusion", "plan"):
            text = self.render(code)
            self.assertIn("(to report)", text, code)
            self.assertIn("leader_b", text, code)

    # ------------------------------------------------------------------ the Print menu of a session

    def test_print_menu_gives_the_session_documents(self):
        session_model = self.env["ir.model"]._get("tcd.session")
        for code in PRINT_MENU:
            report = self.report(code)
            self.assertEqual(
                (report.model, report.binding_model_id, report.binding_type), ("tcd.session", session_model, "report")
            )
        # the invitations of all the points, one letter each on its own pages, as each point's own letter
        pdf = self.render_pdf("invitations")
        text = " ".join(pdf_text(pdf).split())
        self.assertEqual(text.count("INVITATION To the online citizen reception session"), 2)
        self.assertIn("To: UBND xã A1", text)
        self.assertIn("To: UBND xã A2", text)
        self.assertEqual(pdf_qr_codes(pdf), [self.line_a1._portal_link(), self.line_a2._portal_link()])
        pages = [" ".join(page.split()) for page in pdf_text(pdf).split("\f") if page.strip()]
        self.assertIn("To: UBND xã A1", pages[0])
        self.assertNotIn("To: UBND xã A2", pages[0])
        own = self.line_a1.with_context(lang="en_US", force_report_rendering=True)._invitation_pdf()
        self.assertIn(self.line_a1.with_context(lang="en_US")._letter_intro(), " ".join(pdf_text(own).split()))
        # the plan: purpose, time, chair, points, agenda by subject, timeline, the coordination tasks
        plan = self.render("plan")
        for item in (
            "PLAN",
            "Organisation of the online citizen reception session",
            self.held.name,
            "Tiếp công dân định kỳ",
            "From 09:00 to 11:00 on 15/12/2026",
            f"Chair: {self.leader_a.name}",
            "Central bridge point: ĐC Ban TCD tỉnh A",
            "ĐC xã A1 (UBND xã A1)",
            "ĐC xã A2 (UBND xã A2)",
            "Bồi thường đất ở",
            "Citizens attend at: ĐC xã A1",
            "Test the connection the day before: by 17:00 14/12/2026",
            "VI. Organisation",
        ):
            self.assertIn(item, plan)
        # the cases by their subjects: never their citizens
        self.assertNotIn(self.citizen_a1.name, plan)
        self.assertNotIn(self.case_a1.name, plan)
        # the script: the order of business, with its times
        script = self.render("script")
        for item in (
            "SCRIPT",
            "09:00 - 09:05 Opening",
            "09:05 - 09:15 Introduction",
            "09:15 - 10:40 Case 1:",
            "10:40 - 10:55 Conclusions",
            "10:55 - 11:00 Closing",
        ):
            self.assertIn(item, script)
        self.assertIn(
            "The citizens at ĐC xã A1 present their case", " ".join(self.held._script_rows()[2]["what"].split())
        )
        self.assertNotIn(self.citizen_a1.name, script)

    def test_documents_are_printed_by_the_readers_of_the_session_only(self):
        self.end_session()
        for code in ("plan", "script", "invitations", "minutes"):
            with self.assertRaises(AccessError, msg=code):
                self.render(code, user=self.officer_b1)
        # the officers of a delegate point print the session's documents, but not the links of the other points:
        # an invitation's link opens its page and the point's login information
        pdf = self.render_pdf("invitations", user=self.officer_a1)
        self.assertEqual(pdf_qr_codes(pdf), [self.line_a1._portal_link()])
        text = " ".join(pdf_text(pdf).split())
        self.assertNotIn(self.line_a2.access_token, text.replace(" ", ""))
        self.assertIn("are in the invitation sent to your unit by mail", text)
        self.assertIn("Bồi thường đất ở", self.render("plan", user=self.officer_a1))
        # an invited unit on the portal prints nothing of the session
        portal = new_test_user(self.env, login="portal_docs", groups="base.group_portal")
        portal.partner_id.parent_id = self.commune_a1.partner_id
        self.authenticate("portal_docs", "portal_docs")
        for code in ("plan", "invitations", "minutes"):
            with mute_logger("odoo.http"):  # the refusal Odoo logs
                response = self.url_open(f"/report/pdf/{self.report(code).report_name}/{self.held.id}")
            self.assertFalse(response.content.startswith(b"%PDF"), code)
            self.assertNotIn("Bồi thường đất ở", response.text, code)

    # ------------------------------------------------------------------ a server on a local address

    def test_invitations_are_not_sent_from_a_local_address(self):
        session = self.approved_session("2026-12-22 09:00", points=self.point_a1)
        Point = type(self.env["tcd.session.point"])
        self.env["ir.config_parameter"].set_param("web.base.url", "http://localhost:8069")
        with patch.object(Point, "_sent_by_an_officer", return_value=True):
            for url in ("http://localhost:8069", "http://127.0.0.1:8069", "http://192.168.1.20", "http://10.0.0.5"):
                self.env["ir.config_parameter"].set_param("web.base.url", url)
                with self.assertRaisesRegex(UserError, "web.base.url"), self.env.cr.savepoint():
                    session.action_send_invitations()
                session.invalidate_recordset()
                self.assertEqual((session.state, session.notice_ids.kind), ("plan_approved", False))
            # printing goes on, with a warning to the officer
            with patch.object(type(self.env["res.users"]), "_bus_send") as bus_send:
                self.render("invitations", records=session, user=self.province_officer_a)
            self.assertEqual(bus_send.call_args.args[0], "simple_notification")
            self.assertIn("web.base.url", bus_send.call_args.args[1]["message"])
            # from the public address, they go
            self.env["ir.config_parameter"].set_param("web.base.url", "https://tcd.quangngai.gov.vn")
            with freeze_time("2026-12-09 02:00:00"):
                session.action_send_invitations()
            self.assertEqual(session.state, "invited")
            with patch.object(type(self.env["res.users"]), "_bus_send") as bus_send:
                self.render("invitations", records=session, user=self.province_officer_a)
            bus_send.assert_not_called()
