import re

from freezegun import freeze_time

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .invitation_common import TcdInvitationCommon


@tagged("post_install", "-at_install")
class TestInvitationPortal(HttpCase, TcdInvitationCommon):
    """Invited units on the portal, with real HTTP requests: each sees only its agency's
    invitations; a token opens one invitation only; bad requests change nothing and never fail
    with a server error."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.commune_a1.partner_id.lang = "en_US"  # the messages checked below are the English ones
        cls.session_1 = cls.approved_session("2026-12-15 09:00", points=cls.point_a1)
        cls.session_2 = cls.approved_session("2026-12-16 09:00", points=cls.point_a2)
        cls.document_2 = cls.env["ir.attachment"].create(
            {"name": "Kế hoạch B.pdf", "raw": b"%PDF-1.4 B", "res_model": "tcd.session", "res_id": cls.session_2.id}
        )
        cls.session_2.shared_attachment_ids = cls.document_2
        with freeze_time("2026-12-09 02:00:00"):
            (cls.session_1 | cls.session_2).action_send_invitations()
        cls.line_1 = cls.session_1.point_line_ids
        cls.line_2 = cls.session_2.point_line_ids
        cls.portal_a1 = new_test_user(cls.env, login="portal_a1", groups="base.group_portal")
        cls.portal_a1.partner_id.parent_id = cls.commune_a1.partner_id
        cls.portal_a2 = new_test_user(cls.env, login="portal_a2", groups="base.group_portal")
        cls.portal_a2.partner_id.parent_id = cls.commune_a2.partner_id

    def page(self, line, token=None):
        return self.url_open(f"/my/tcd/invitations/{line.id}" + (f"?access_token={token}" if token else ""))

    def csrf(self, line, token=None):
        return re.search(r'name="csrf_token" value="([^"]+)"', self.page(line, token).text).group(1)

    def post(self, line, action, data, token=None):
        url = f"/my/tcd/invitations/{line.id}/{action}" + (f"?access_token={token}" if token else "")
        return self.url_open(url, data=dict(data, csrf_token=self.csrf(line, token)), allow_redirects=False)

    def test_a_unit_sees_only_its_own_invitations(self):
        self.authenticate("portal_a1", "portal_a1")
        self.line_1.notice_ids.filtered(lambda notice: notice.kind == "invitation").sudo().state = "failed"
        listing = self.url_open("/my/tcd/invitations")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(self.session_1.name, listing.text)
        self.assertIn("Not answered yet", listing.text, "the unit's answer, not how its mail went")
        self.assertNotIn("Failed", listing.text)
        self.assertNotIn(self.session_2.name, listing.text)
        home = self.url_open("/my")
        self.assertIn("/my/tcd/invitations", home.text)
        own = self.page(self.line_1)
        self.assertEqual(own.status_code, 200)
        self.assertIn("secret-a1", own.text)  # its point's login information
        self.assertNotIn("secret-a2", own.text)
        self.assertNotIn("Kế hoạch B.pdf", own.text)
        self.assertTrue(self.line_1.opened_date)
        self.assertEqual(self.line_1.invitation_state, "opened")
        # the other unit's invitation, letter, QR code and documents are refused
        for url in (
            f"/my/tcd/invitations/{self.line_2.id}",
            f"/my/tcd/invitations/{self.line_2.id}/invitation.pdf",
            f"/my/tcd/invitations/{self.line_2.id}/qr.png",
            f"/my/tcd/invitations/{self.line_2.id}/documents/{self.document_2.id}",
        ):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 403, url)
            self.assertNotIn("secret-a2", response.text)
        # a document of another session is not found through its own invitation
        response = self.url_open(f"/my/tcd/invitations/{self.line_1.id}/documents/{self.document_2.id}")
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.line_2.opened_date)
        # nor through the models: invited units have no access to the reception's records
        with mute_logger("odoo.http"), self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self.make_jsonrpc_request(
                "/web/dataset/call_kw/tcd.session.point/search_read",
                {"model": "tcd.session.point", "method": "search_read", "args": [[]], "kwargs": {}},
            )

    def test_the_other_unit_sees_its_documents(self):
        self.authenticate("portal_a2", "portal_a2")
        page = self.page(self.line_2)
        self.assertIn("Kế hoạch B.pdf", page.text)
        document = self.url_open(f"/my/tcd/invitations/{self.line_2.id}/documents/{self.document_2.id}")
        self.assertEqual((document.status_code, document.content), (200, b"%PDF-1.4 B"))
        self.assertEqual(self.url_open(f"/my/tcd/invitations/{self.line_1.id}").status_code, 403)

    def test_access_token_opens_its_invitation_only(self):
        token_1 = self.line_1._portal_ensure_token()
        self.assertEqual(self.page(self.line_1, token_1).status_code, 200)
        self.assertIn("secret-a1", self.page(self.line_1, token_1).text)
        # the token of another invitation, a wrong token, no token
        self.assertEqual(self.page(self.line_2, token_1).status_code, 403)
        self.assertEqual(self.page(self.line_1, "0" * 36).status_code, 403)
        anonymous = self.url_open(f"/my/tcd/invitations/{self.line_1.id}", allow_redirects=False)
        self.assertEqual(anonymous.status_code, 303)
        self.assertIn("/web/login", anonymous.headers["Location"])
        # malformed or unknown ids: not found, never a server error
        for url in (
            "/my/tcd/invitations/abc",
            f"/my/tcd/invitations/{self.line_1.id}x?access_token={token_1}",
            f"/my/tcd/invitations/99999999?access_token={token_1}",
            f"/my/tcd/invitations/{self.line_1.id}/documents/abc?access_token={token_1}",
            f"/my/tcd/invitations/{self.line_1.id}/documents/99999999?access_token={token_1}",
        ):
            self.assertEqual(self.url_open(url).status_code, 404, url)
        # an id the routes do not accept leads nowhere either
        response = self.url_open("/my/tcd/invitations/-1", allow_redirects=False)
        self.assertIn(response.status_code, (303, 404))
        self.assertNotIn("secret-a1", response.text)
        self.assertEqual(
            self.url_open(f"/my/tcd/invitations/{self.line_2.id}/qr.png?access_token={token_1}").status_code, 403
        )

    def test_bad_form_values_get_a_clear_error_and_change_nothing(self):
        token = self.line_1._portal_ensure_token()
        bad_confirmations = (
            ({"attendance": "maybe", "delegate_name_0": "Nguyễn Văn A"}, "Choose whether your unit attends"),
            ({"attendance": "confirmed"}, "at least one delegate"),
            ({"attendance": "confirmed", "delegate_name_0": "A", "delegate_phone_0": "call me"}, "is not valid"),
            ({"attendance": "confirmed", "delegate_position_0": "Phó Chủ tịch"}, "enter the name"),
            ({"attendance": "confirmed", "delegate_name_0": "x" * 300}, "at most 128 characters"),
        )
        for data, error in bad_confirmations:
            response = self.post(self.line_1, "confirm", data, token)
            self.assertEqual(response.status_code, 400, data)
            self.assertIn(error, response.text)
            self.assertIn("Nothing was saved", response.text)
        bad_tests = (
            ({"kind": "day_before", "sound": "good", "picture": "good", "result": "passed", "tester": "KTV",
              "measured_bandwidth": "fast"}, "must be a number"),
            ({"kind": "day_before", "sound": "good", "picture": "good", "result": "passed", "tester": "KTV",
              "measured_bandwidth": "-3"}, "must be a number"),
            ({"kind": "yesterday", "sound": "good", "picture": "good", "result": "passed", "tester": "KTV"},
             "Choose the test"),
            ({"kind": "day_before", "sound": "none", "picture": "good", "result": "passed", "tester": "KTV"},
             "cannot be passed"),
            ({"kind": "day_before", "sound": "good", "picture": "poor", "result": "failed", "tester": "KTV"},
             "Describe the problems"),
        )  # fmt: skip
        for data, error in bad_tests:
            response = self.post(self.line_1, "test", data, token)
            self.assertEqual(response.status_code, 400, data)
            self.assertIn(error, response.text)
        response = self.post(self.line_1, "readiness", {"readiness": "not_ready"}, token)
        self.assertEqual(response.status_code, 400)
        self.assertIn("Describe what is missing", response.text)
        # nothing changed
        self.assertFalse(self.line_1.attendance)
        self.assertFalse(self.line_1.participant_ids.filtered("portal_listed"))
        self.assertFalse(self.line_1.test_ids.filtered(lambda t: t.state == "done"), "only the planned tests")
        self.assertFalse(self.line_1.reported_readiness)
        # a form posted to another invitation with this token is refused
        response = self.url_open(
            f"/my/tcd/invitations/{self.line_2.id}/confirm?access_token={token}",
            data={"attendance": "declined", "csrf_token": self.csrf(self.line_1, token)},
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(self.line_2.attendance)

    def test_answers_are_recorded_for_the_host(self):
        token = self.line_1._portal_ensure_token()
        response = self.post(
            self.line_1,
            "confirm",
            {
                "attendance": "confirmed",
                "delegate_name_0": "Nguyễn Văn An",
                "delegate_position_0": "Phó Chủ tịch UBND xã",
                "delegate_phone_0": "0912 345 678",
                "delegate_name_1": "Lê Thị Bình",
                "delegate_position_1": "Công chức Tư pháp",
            },
            token,
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.line_1.invitation_state, "confirmed")
        self.assertIn("Will attend", self.page(self.line_1, token).text)
        self.assertEqual(self.line_1.delegate_count, 2)
        # answering again replaces the delegates listed before
        self.post(self.line_1, "confirm", {"attendance": "confirmed", "delegate_name_0": "Nguyễn Văn An"}, token)
        self.assertEqual(self.line_1.participant_ids.filtered("portal_listed").mapped("name"), ["Nguyễn Văn An"])
        self.post(
            self.line_1,
            "test",
            {"kind": "day_before", "sound": "good", "picture": "poor", "measured_bandwidth": "6,5",
             "tester": "Trần KTV", "problems": "Hình hơi giật", "result": "passed"},
            token,
        )  # fmt: skip
        test = self.line_1.test_ids.filtered(lambda t: t.state == "done")
        self.assertEqual((test.measured_bandwidth, test.channel, test.result), (6.5, "portal", "passed"))
        self.assertEqual(self.line_1.last_test_result, "passed")
        self.post(self.line_1, "readiness", {"readiness": "ready"}, token)
        self.assertEqual(self.line_1.reported_readiness, "ready")
        self.assertIn("ĐC xã A1", self.session_1.message_ids[0].body)

    def test_citizen_opens_and_answers_the_notice(self):
        session = self.approved_session("2026-12-17 09:00", cases=self.case_a1)
        with freeze_time("2026-12-09 02:00:00"):
            session.action_notify_citizens()
            session.action_send_invitations()
        notice = self.notices(session, "citizen")
        self.assertIn(notice._portal_link(), notice.mail_id.body_html)  # the link in the citizen's mail
        url = f"/tcd/notices/{notice.id}"
        page = self.url_open(f"{url}?access_token={notice.access_token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("ĐC xã A1", page.text)  # where to attend
        self.assertIn("Thẻ căn cước công dân", page.text)  # in the citizen's language, Vietnamese
        self.assertTrue(notice.opened_date)
        # only with its own token, and only a citizen's notice
        invitation = self.notices(session, "invitation")
        self.assertEqual(self.url_open(url).status_code, 403)
        self.assertEqual(self.url_open(f"{url}?access_token={invitation.point_line_id.access_token}").status_code, 403)
        invitation_url = f"/tcd/notices/{invitation.id}?access_token={invitation._portal_ensure_token()}"
        self.assertEqual(self.url_open(invitation_url).status_code, 404)
        self.assertEqual(self.url_open("/tcd/notices/99999999?access_token=x").status_code, 404)
        # a bad answer changes nothing, a good one is recorded for the host
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        answer_url = f"{url}/answer?access_token={notice.access_token}"
        response = self.url_open(answer_url, data={"answer": "maybe", "csrf_token": csrf})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(notice.answer)
        response = self.url_open(answer_url, data={"answer": "confirmed", "csrf_token": csrf}, allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(notice.answer, "confirmed")
        self.assertIn(self.case_a1.name, session.message_ids[0].body)
