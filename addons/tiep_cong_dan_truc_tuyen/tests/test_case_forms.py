import base64
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, new_test_user, tagged

from .common import MODULE, TcdCaseCommon
from .test_invitation_report import pdf_text

REPORT = f"{MODULE}.tcd_case_form_report"
REFUSAL_ACTIVITY = f"{MODULE}.mail_activity_type_tcd_refusal"
# 09:30 on Friday 20/11/2026 in Vietnam
NOW = "2026-11-20 02:30:00"


@tagged("post_install", "-at_install")
class TestCaseForms(HttpCase, TcdCaseCommon):
    """The forms printed from a case, read in their PDFs (wkhtmltopdf, poppler): the refusal notice (Mẫu 01/TCD,
    Nghị định 154/2026/NĐ-CP Điều 4 khoản 3) that only the head of the agency issues, the receipt of documents
    (Mẫu 02/TCD, Điều 15), the guidance and transfer slips and the acceptance notice; each numbered once in its
    agency's yearly series, filled in from the case and its citizens' identity as their reader may read it, printed
    by nobody outside the case's scope."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.prov_a.letter_name = "Ủy ban nhân dân tỉnh A"
        cls.commune_a1.write({"letter_name": "Ủy ban nhân dân xã A1", "document_symbol": "UBND"})
        cls.leader_a1.partner_id.function = "Chủ tịch UBND xã"
        cls.officer_a1.partner_id.function = "Công chức tư pháp - hộ tịch"
        cls.citizen_a1.write(
            {
                "id_issue_date": "2021-04-10",
                "id_issue_place": "Cục Cảnh sát QLHC về TTXH",
                "street": "Thôn Phú Lễ",
                "admin_unit_id": cls.env.ref(f"{MODULE}.admin_unit_21040").id,
            }
        )
        cls.complaint = cls.case(
            cls.citizen_a1,
            cls.commune_a1,
            subject="Khiếu nại quyết định thu hồi đất",
            summary="<p>Ông Hùng khiếu nại Quyết định số 15/QĐ-UBND về việc thu hồi đất.</p>",
            received_date="2026-11-18 02:00:00",
            handler_ids=[(6, 0, cls.officer_a1.ids)],
        )
        cls.resolved = cls.env.ref(f"{MODULE}.refusal_resolved")

    def render(self, forms, user):
        """The text of the PDF of ``forms`` printed by ``user``, on one line."""
        report = self.env["ir.actions.report"].with_user(user).with_context(lang="en_US", force_report_rendering=True)
        pdf, _format = report._render_qweb_pdf(REPORT, forms.ids)
        self.assertTrue(pdf.startswith(b"%PDF"))
        return " ".join(pdf_text(pdf).split())

    def form_of(self, action):
        """The form that the action of a button prints."""
        self.assertEqual(action["report_name"], f"{MODULE}.tcd_case_form_document")
        return self.env["tcd.case.form"].browse(action["context"]["active_ids"])

    def refuse(self, cases, user, reason):
        """Refuse ``cases`` for ``reason`` through the dialog of their Refuse button, as ``user``."""
        wizard = Form(
            self.env["tcd.case.stop.wizard"]
            .with_user(user)
            .with_context(default_case_ids=cases.ids, default_action="refuse")
        )
        wizard.reason_id = reason
        return wizard.save().action_confirm()

    def document(self, case, name, pages, copy_kind="photocopy"):
        return self.env["tcd.dossier.document"].create(
            {
                "name": name,
                "case_id": case.id,
                "citizen_id": case.citizen_ids[:1].id,
                "file": base64.b64encode(b"scan"),
                "page_count": pages,
                "copy_kind": copy_kind,
            }
        )

    # ------------------------------------------------------------------ Mẫu 01/TCD

    def test_an_officer_proposes_the_refusal_and_the_head_issues_the_notice(self):
        complaint = self.complaint.with_user(self.officer_a1)
        with freeze_time(NOW):
            self.assertEqual(
                self.refuse(self.complaint, self.officer_a1, self.resolved)["type"], "ir.actions.act_window_close"
            )
        # proposed, not refused: the case goes on until the head decides, asked by the notice's due day
        self.assertEqual(complaint.state, "new")
        self.assertEqual(complaint.refusal_proposal_reason_id, self.resolved)
        self.assertEqual(complaint.refusal_proposed_by_id, self.officer_a1)
        self.assertIn("refusal notice (Mẫu 01/TCD) by 26/11/2026", complaint.refusal_proposal_text)
        activity = complaint.activity_ids.filtered(lambda a: a.activity_type_id == self.env.ref(REFUSAL_ACTIVITY))
        self.assertEqual(activity.user_id, self.leader_a1)
        self.assertEqual(activity.date_deadline, date(2026, 11, 26), "3 working days from Friday 20/11, 24/11 off")
        self.assertFalse(complaint.form_ids)
        # the officer alone issues no notice, whatever the way
        with self.assertRaisesRegex(AccessError, "Only a leader of the agency"):
            complaint.action_approve_refusal()
        with self.assertRaisesRegex(AccessError, "Only a leader of the agency"):
            complaint._tcd_refuse_with_notice(self.resolved)
        with self.assertRaises(UserError):
            complaint.write({"refusal_notice_date": "2026-11-20"})
        self.assertFalse(complaint.form_ids)
        # the leader refuses and issues it, signed by him
        with freeze_time("2026-11-23 03:00:00"):
            form = self.form_of(self.complaint.with_user(self.leader_a1).action_approve_refusal())
        self.assertEqual(complaint.state, "refused")
        self.assertEqual(complaint.refusal_reason_id, self.resolved)
        self.assertEqual(complaint.refusal_notice_date, date(2026, 11, 23))
        self.assertFalse(complaint.refusal_proposal_reason_id)
        self.assertFalse(complaint.activity_ids, "the leader's decision is done")
        self.assertEqual((form.form_type, form.number, form.signer_id), ("refusal", "1/TB-UBND", self.leader_a1))
        deadline = complaint.deadline_ids.filtered(lambda line: line.step == "refusal_notice")
        self.assertTrue(deadline.done)
        text = self.render(form, self.officer_a1)
        for expected in (
            "Mẫu số 01/TCD",
            "ỦY BAN NHÂN DÂN TỈNH A",
            "ỦY BAN NHÂN DÂN XÃ A1",
            "No.: 1/TB-UBND",
            "Quảng Ngãi, day 23 month 11 year 2026",
            "NOTICE On the refusal to receive a citizen",
            "To: Phạm Văn Hùng",
            "Full name: Phạm Văn Hùng",
            "ID number: 051058901234 (Citizen identity card (căn cước))",
            "Issued on: 10/04/2021, place of issue: Cục Cảnh sát QLHC về TTXH",
            "Address: Thôn Phú Lễ, Xã Bình Sơn, Tỉnh Quảng Ngãi",
            "Matter: Khiếu nại quyết định thu hồi đất",
            "Quyết định số 15/QĐ-UBND",
            f"Reason for the refusal: {self.resolved.name}",
            "Legal basis: Luật Tiếp công dân 2013 Điều 9 khoản 3",
            "CHỦ TỊCH UBND XÃ",
            self.leader_a1.name,
        ):
            self.assertIn(expected, text)

    def test_a_leader_refuses_and_issues_the_notice_at_once_numbered_once(self):
        with freeze_time(NOW):
            action = self.refuse(self.complaint, self.leader_a1, self.resolved)
        self.assertTrue(action["close_on_report_download"], "the dialog closes once the notice is downloaded")
        form = self.form_of(action)
        self.assertEqual(self.complaint.state, "refused")
        self.assertEqual(form.number, "1/TB-UBND")
        self.assertIn("Reception refused", self.complaint.message_ids[0].body)
        # printed again, the same notice
        self.assertEqual(self.form_of(self.complaint.with_user(self.leader_a1).action_issue_refusal_notice()), form)
        self.assertEqual(len(self.complaint.form_ids), 1)
        # the agency's documents of the year go on from there, whatever their kind
        with freeze_time(NOW):
            self.assertEqual(self.commune_a1._next_document_number("GM"), "2/GM-UBND")
        # reopened and refused again, the case has a new notice
        self.complaint.with_user(self.leader_a1).action_reopen()
        with freeze_time("2026-11-23 03:00:00"):
            again = self.form_of(self.refuse(self.complaint, self.leader_a1, self.resolved))
        self.assertEqual(again.number, "3/TB-UBND")
        self.assertEqual(self.form_of(self.complaint.with_user(self.leader_a1).action_issue_refusal_notice()), again)
        # a reason without written notice: any officer refuses, no form
        other = self.case(self.citizen_a2, self.commune_a1)
        self.refuse(other, self.officer_a1, self.env.ref(f"{MODULE}.refusal_threatening"))
        self.assertEqual((other.state, other.form_ids), ("refused", self.env["tcd.case.form"]))

    def test_a_returned_or_moot_proposal_is_closed(self):
        self.refuse(self.complaint, self.officer_a1, self.resolved)
        with self.assertRaisesRegex(UserError, "already proposed"):
            self.refuse(self.complaint, self.officer_a1, self.resolved)
        with self.assertRaisesRegex(AccessError, "Only a leader"):
            self.complaint.with_user(self.officer_a1).action_return_refusal()
        self.complaint.with_user(self.leader_a1).action_return_refusal()
        self.assertEqual(self.complaint.state, "new")
        self.assertFalse(self.complaint.refusal_proposal_reason_id)
        self.assertFalse(self.complaint.activity_ids)
        # proposed again, then withdrawn by the citizen: nothing left for the head to decide
        self.refuse(self.complaint, self.officer_a1, self.resolved)
        self.complaint.with_user(self.officer_a1)._withdraw("Công dân rút đơn.")
        self.assertFalse(self.complaint.refusal_proposal_reason_id)
        self.assertFalse(self.complaint.activity_ids)

    # ------------------------------------------------------------------ Mẫu 02/TCD

    def test_receipt_of_the_documents_handed_in(self):
        complaint = self.complaint.with_user(self.officer_a1)
        self.document(self.complaint, "Đơn khiếu nại ngày 17/11/2026", 3)
        self.document(self.complaint, "Quyết định 15/QĐ-UBND", 2, "certified")
        with freeze_time(NOW):
            receipt = self.form_of(complaint.action_issue_receipt())
        self.assertEqual((receipt.number, receipt.signer_id), ("1/BN-UBND", self.officer_a1))
        self.assertEqual(len(receipt.document_ids), 2)
        text = self.render(receipt, self.officer_a1)
        for expected in (
            "Mẫu số 02/TCD",
            "No.: 1/BN-UBND",
            "RECEIPT Of information and documents",
            "At 09:30 on 20/11/2026, at Ủy ban nhân dân xã A1:",
            f"Receiving officer: {self.officer_a1.name}",
            "Position: Công chức tư pháp - hộ tịch",
            "Received from: Full name: Phạm Văn Hùng",
            "ID number: 051058901234",
            "Address: Thôn Phú Lễ, Xã Bình Sơn, Tỉnh Quảng Ngãi",
            "1 Đơn khiếu nại ngày 17/11/2026 3 Photocopy",
            "2 Quyết định 15/QĐ-UBND 2 Certified copy",
            "made in 02 copies: one is given to the provider",
            "THE PROVIDER",
            "THE RECEIVING OFFICER",
        ):
            self.assertIn(expected, text)
        # the next receipt lists what was handed in since, the documents already received are not received again
        with self.assertRaisesRegex(UserError, "on a receipt already"):
            complaint.action_issue_receipt()
        self.document(self.complaint, "Biên bản làm việc", 1)
        later = self.form_of(complaint.action_issue_receipt())
        self.assertEqual(later.document_ids.mapped("name"), ["Biên bản làm việc"])
        self.assertEqual(later.number, "2/BN-UBND")

    # ------------------------------------------------------------------ guidance, transfer, acceptance

    def test_guidance_slip_for_a_matter_outside_the_authority(self):
        complaint = self.complaint.with_user(self.officer_a1)
        complaint.disposition = "guide"
        with self.assertRaisesRegex(UserError, "name the competent body"):
            complaint.action_issue_guidance_slip()
        complaint.forward_to = "Tòa án nhân dân khu vực 1 - Quảng Ngãi"
        with freeze_time(NOW):
            slip = self.form_of(complaint.action_issue_guidance_slip())
        self.assertEqual(complaint.forward_document, "1/HD-UBND", "the register's column 10")
        self.assertEqual(str(complaint.reply_date), "2026-11-20", "the slip answers the citizen")
        self.assertTrue(complaint.deadline_ids.filtered(lambda line: line.step == "reply").done)
        self.assertEqual(self.form_of(complaint.action_issue_guidance_slip()), slip, "printed again, not renumbered")
        text = self.render(slip, self.officer_a1)
        for expected in (
            "No.: 1/HD-UBND",
            "GUIDANCE SLIP On sending the complaint to the competent body",
            "To: Phạm Văn Hùng",
            "ID number: 051058901234",
            "On 18/11/2026, Ủy ban nhân dân xã A1 received the complaint of Phạm Văn Hùng about: Khiếu nại quyết "
            "định thu hồi đất.",
            "The matter is not within the authority of Ủy ban nhân dân xã A1.",
            "guides you to send your complaint to Tòa án nhân dân khu vực 1 - Quảng Ngãi",
            "CÔNG CHỨC TƯ PHÁP - HỘ TỊCH",
        ):
            self.assertIn(expected, text)

    def test_transfer_slip_signed_by_the_head(self):
        petition = self.case(
            self.citizen_a2, self.commune_a1, kind="petition", subject="Kiến nghị sửa đường liên thôn",
            disposition="forward", forward_to="Sở Xây dựng tỉnh A", received_date="2026-11-18 02:00:00",
        )  # fmt: skip
        with freeze_time(NOW):
            slip = self.form_of(petition.with_user(self.officer_a1).action_issue_transfer_slip())
        self.assertEqual((petition.forward_document, petition.forwarded_date), ("1/PC-UBND", date(2026, 11, 20)))
        self.assertEqual(slip.signer_id, self.leader_a1, "the head of the agency signs it")
        text = self.render(slip, self.officer_a1)
        for expected in (
            "No.: 1/PC-UBND",
            "TRANSFER SLIP Forwarding a petition",
            "To: Sở Xây dựng tỉnh A",
            "received the petition of Võ Thị Lan about: Kiến nghị sửa đường liên thôn.",
            "ID number: 051175904321",
            "forwards the petition to Sở Xây dựng tỉnh A, to be considered and resolved within its authority",
            "- Võ Thị Lan (for information);",
            self.leader_a1.name,
        ):
            self.assertIn(expected, text)

    def test_acceptance_notice_uses_the_acceptance_date(self):
        complaint = self.complaint.with_user(self.officer_a1)
        with self.assertRaisesRegex(UserError, "within the agency's authority"):
            complaint.action_issue_acceptance_notice()
        complaint.write({"disposition": "competent", "accepted_date": "2026-11-19"})
        with freeze_time(NOW):
            notice = self.form_of(complaint.action_issue_acceptance_notice())
        self.assertEqual(complaint.accepted_date, date(2026, 11, 19), "the date the case was accepted stays")
        self.assertEqual((notice.number, notice.signer_id), ("1/TB-UBND", self.leader_a1))
        text = self.render(notice, self.officer_a1)
        for expected in (
            "NOTICE On the acceptance of the complaint",
            "pursuant to Luật Khiếu nại 2011 Điều 27, the complaint meets the conditions for its acceptance",
            "it is accepted for resolution from 19/11/2026.",
            "CHỦ TỊCH UBND XÃ",
        ):
            self.assertIn(expected, text)
        # a denunciation accepted by its notice: accepted the day it is issued
        denunciation = self.case(self.citizen_a2, self.commune_a1, kind="denunciation", disposition="competent")
        with freeze_time(NOW):
            denunciation.with_user(self.officer_a1).action_issue_acceptance_notice()
        self.assertEqual(denunciation.accepted_date, date(2026, 11, 20))
        self.assertIn("Luật Tố cáo 2018 Điều 29", self.render(denunciation.form_ids, self.officer_a1))
        petition = self.case(self.citizen_a2, self.commune_a1, kind="petition", disposition="competent")
        with self.assertRaisesRegex(UserError, "Only a complaint or a denunciation"):
            petition.with_user(self.officer_a1).action_issue_acceptance_notice()

    def test_the_head_of_the_case_s_agency_signs_not_the_session_s_chair(self):
        """A province leader chairing the online session of a commune's case does not sign for the commune: its
        chairman signs its notices and decides its refusals."""
        self.complaint.write({"leader_id": self.leader_a.id, "disposition": "competent"})
        complaint = self.complaint.with_user(self.officer_a1)
        with freeze_time(NOW):
            notice = self.form_of(complaint.action_issue_acceptance_notice())
        self.assertEqual(notice.signer_id, self.leader_a1)
        with freeze_time(NOW):
            self.refuse(self.complaint, self.officer_a1, self.resolved)
        activity = self.complaint.activity_ids.filtered(lambda a: a.activity_type_id == self.env.ref(REFUSAL_ACTIVITY))
        self.assertEqual(activity.user_id, self.leader_a1)
        # a vice-chairman of the commune chairing the session of his own agency signs
        vice = new_test_user(
            self.env, login="vice_a1", groups=f"{MODULE}.group_tcd_leader", tcd_agency_id=self.commune_a1.id
        )
        self.complaint.leader_id = vice
        self.assertEqual(self.complaint._tcd_head(), vice)

    # ------------------------------------------------------------------ who prints them

    def test_another_agency_neither_issues_nor_prints(self):
        self.complaint.disposition = "competent"
        notice = self.form_of(self.complaint.with_user(self.officer_a1).action_issue_acceptance_notice())
        self.assertFalse(self.env["tcd.case.form"].with_user(self.officer_a2).search([]))
        with self.assertRaises(AccessError):
            self.render(notice, self.officer_a2)
        with self.assertRaises(AccessError):
            self.complaint.with_user(self.officer_a2).action_issue_receipt()
        # nobody creates or renumbers a form by hand
        with self.assertRaises(AccessError):
            self.env["tcd.case.form"].with_user(self.officer_a1).create(
                {
                    "case_id": self.complaint.id,
                    "form_type": "acceptance",
                    "number": "99/TB-UBND",
                    "issued_at": "2026-11-20 02:30:00",
                    "issue_date": "2026-11-20",
                    "signer_id": self.leader_a1.id,
                }
            )
        with self.assertRaises(AccessError):
            notice.with_user(self.officer_a1).number = "99/TB-UBND"

    def test_a_protected_denouncer_s_forms_are_for_her_handlers(self):
        denouncer = self.citizen("Huỳnh Thị Mai", "051168905555", self.commune_a1, birth="1968-04-12", gender="female")
        denunciation = self.case(
            denouncer, self.commune_a1, kind="denunciation", protection_requested=True,
            handler_ids=[(6, 0, self.officer_a1.ids)], subject="Tố cáo cán bộ địa chính",
            disposition="forward", forward_to="Thanh tra tỉnh A",
        )  # fmt: skip
        self.document(denunciation, "Đơn tố cáo", 2)
        # an officer of the commune who does not handle it reads no identity: she issues nothing, prints nothing
        for action in ("action_issue_receipt", "action_issue_transfer_slip"):
            with self.assertRaisesRegex(AccessError, "You may not read the identity"):
                getattr(denunciation.with_user(self.officer_a1_other), action)()
        self.assertFalse(denunciation.form_ids)
        # her handler does; the transfer slip goes to another agency with her reference only
        slip = self.form_of(denunciation.with_user(self.officer_a1).action_issue_transfer_slip())
        with self.assertRaisesRegex(AccessError, "You may not read the identity"):
            self.render(slip, self.officer_a1_other)
        text = self.render(slip, self.officer_a1)
        self.assertIn(f"received the denunciation of [bảo mật] {denouncer.code}", text)
        self.assertIn("Luật Tố cáo 2018 Điều 24", text)
        self.assertNotIn("Huỳnh Thị Mai", text)
        self.assertNotIn("051168905555", text)
        # her receipt, given to her, names her
        receipt = self.form_of(denunciation.with_user(self.officer_a1).action_issue_receipt())
        self.assertIn("ID number: 051168905555", self.render(receipt, self.officer_a1))
