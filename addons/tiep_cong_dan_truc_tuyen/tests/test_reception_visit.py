import base64

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, tagged

from .common import MODULE, TcdCaseCommon
from .test_invitation_report import pdf_text

REPORT = f"{MODULE}.tcd_case_form_report"
# 09:30 on Friday 20/11/2026 in Vietnam
NOW = "2026-11-20 02:30:00"


class VisitCommon(TcdCaseCommon):
    """A reception visit at UBND xã A1 and the helpers to hand in its documents and create its cases."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.commune_a1.write({"letter_name": "Ủy ban nhân dân xã A1", "document_symbol": "UBND"})

    def visit(self, citizens, user=None, **vals):
        Visit = self.env["tcd.reception.visit"].with_user(user or self.officer_a1)
        return Visit.create(
            dict(
                {
                    "subject": "Đơn khiếu nại và kiến nghị",
                    "agency_id": self.commune_a1.id,
                    "citizen_ids": [(6, 0, citizens.ids)],
                    "visit_at": NOW,
                },
                **vals,
            )
        )

    def hand_in(self, visit, name, document_type="petition", pages=1):
        return self.env["tcd.dossier.document"].create(
            {
                "name": name,
                "visit_id": visit.id,
                "citizen_id": visit.citizen_ids[:1].id,
                "document_type": document_type,
                "page_count": pages,
                "file": base64.b64encode(b"scan"),
            }
        )

    def create_cases(self, visit, lines):
        """Create the cases of ``visit`` through its dialog: ``lines`` of (kind, subject, documents)."""
        wizard = Form(self.env["tcd.reception.visit.case.wizard"].with_user(visit.env.user).with_context(
            default_visit_id=visit.id
        ))  # fmt: skip
        while len(wizard.line_ids):
            wizard.line_ids.remove(0)
        for kind, subject, documents in lines:
            with wizard.line_ids.new() as line:
                line.kind = kind
                line.subject = subject
                for document in documents:
                    line.document_ids.add(document)
        wizard.save().action_confirm()
        return visit.case_ids.sorted("id")


@tagged("post_install", "-at_install")
class TestReceptionVisit(HttpCase, VisitCommon):
    """A reception visit (lượt tiếp công dân, Luật Tiếp công dân 2013 Điều 25): its cases, one per kind of matter,
    each with its own deadlines (Nghị định 154/2026/NĐ-CP Điều 14 khoản 4), its receipt (Mẫu 02/TCD) and, for a
    crowd, the written appointment of representatives (Luật Tiếp công dân 2013 Điều 29)."""

    def test_one_case_per_kind_each_with_its_own_clock(self):
        visit = self.visit(self.citizen_a1, prior_handling="UBND xã đã trả lời ngày 01/10/2026")
        petition = self.hand_in(visit, "Đơn khiếu nại, kiến nghị", pages=2)
        self.assertEqual(petition.agency_id, self.commune_a1)
        with freeze_time(NOW):
            complaint, proposal = self.create_cases(
                visit,
                [
                    ("complaint", "Khiếu nại quyết định thu hồi đất", petition),
                    ("petition", "Kiến nghị sửa đường thôn", self.env["tcd.dossier.document"]),
                ],
            )
        self.assertEqual((complaint.kind, proposal.kind), ("complaint", "petition"))
        for case in complaint | proposal:
            self.assertEqual(case.visit_id, visit)
            self.assertEqual(case.citizen_ids, self.citizen_a1)
            self.assertEqual(case.agency_id, self.commune_a1)
            self.assertEqual(str(case.received_date), NOW)
            self.assertEqual(case.prior_handling, "UBND xã đã trả lời ngày 01/10/2026")
        self.assertEqual(petition.case_id, complaint)
        # a complaint is accepted within 10 days (Luật Khiếu nại 2011 Điều 27), a petition answered
        self.assertIn("acceptance", complaint.deadline_ids.mapped("step"))
        self.assertIn("reply", proposal.deadline_ids.mapped("step"))
        self.assertNotIn("acceptance", proposal.deadline_ids.mapped("step"))
        # a document goes to one case only
        with self.assertRaisesRegex(UserError, "belongs to the dossier of one case only"):
            self.create_cases(visit, [("denunciation", "Tố cáo cán bộ", petition)])
        # a visit with its cases is kept
        with self.assertRaisesRegex(UserError, "is kept"):
            visit.unlink()

    def test_a_visit_is_recorded_once_it_has_its_cases(self):
        visit = self.visit(self.citizen_a1)
        with self.assertRaisesRegex(UserError, "Create the cases of the reception"):
            visit.action_record()
        # nor is it marked recorded, unnumbered, by a write
        with self.assertRaisesRegex(UserError, "only by its button"):
            visit.write({"state": "recorded"})
        self.create_cases(visit, [("reflection", "Phản ánh tiếng ồn", self.env["tcd.dossier.document"])])
        visit.action_record()
        self.assertEqual(visit.state, "recorded")
        self.assertEqual(visit.register_ids.case_id, visit.case_ids)

    def test_a_crowd_case_needs_the_written_appointment(self):
        people = self.citizen_a1 | self.citizen("Lê Văn Ba", "051066900111", self.commune_a1, birth="1966-01-01")
        visit = self.visit(
            people, people_count=7, representative_ids=[(6, 0, self.citizen_a1.ids)], subject="Đoàn 7 hộ dân"
        )
        (case,) = self.create_cases(visit, [("complaint", "Khiếu nại bồi thường", self.env["tcd.dossier.document"])])
        self.assertEqual((case.people_count, case.is_crowd, case.representative_ids), (7, True, self.citizen_a1))
        case = case.with_user(self.officer_a1)
        case.ground_ids = self.ground
        message = "written appointment of their representatives.*Điều 29"
        with self.assertRaisesRegex(UserError, message):
            case.action_propose()
        with self.assertRaisesRegex(UserError, message):
            case.accepted_date = "2026-11-23"
        case.disposition = "competent"
        with self.assertRaisesRegex(UserError, message):
            case.action_issue_acceptance_notice()
        self.assertFalse(case.form_ids)
        # handed in at the visit, the appointment counts for every case of the group
        self.hand_in(visit, "Văn bản cử người đại diện", "appointment", pages=2)
        case.action_propose()
        self.assertEqual(case.state, "proposed")
        case.accepted_date = "2026-11-23"
        self.assertEqual(str(case.accepted_date), "2026-11-23")

    def test_a_case_is_linked_to_a_reception_of_its_scope_only(self):
        visit = self.visit(self.citizen_a1)
        self.hand_in(visit, "Văn bản cử người đại diện", "appointment")
        crowd = self.case(self.citizen_a2, self.commune_a2, people_count=6).with_user(self.officer_a2)
        # the appointment handed in at another agency's reception does not make the crowd's case acceptable
        with self.assertRaises(AccessError):
            crowd.visit_id = visit
        with self.assertRaises(AccessError):
            self.env["tcd.case"].with_user(self.officer_a2).create(
                {"subject": "Khiếu nại", "agency_id": self.commune_a2.id, "visit_id": visit.id}
            )

    def test_the_visit_prints_the_receipt_of_what_it_received(self):
        visit = self.visit(self.citizen_a1, place="Trụ sở tiếp công dân xã A1")
        self.officer_a1.partner_id.function = "Công chức tư pháp - hộ tịch"
        self.hand_in(visit, "Đơn khiếu nại ngày 19/11/2026", pages=3)
        self.hand_in(visit, "Quyết định 15/QĐ-UBND", "decision", pages=2)
        with freeze_time("2026-11-20 09:00:00"):  # printed later the same day
            action = visit.action_issue_receipt()
        receipt = self.env["tcd.case.form"].browse(action["context"]["active_ids"])
        self.assertEqual((receipt.visit_id, receipt.number, receipt.agency_id), (visit, "1/BN-UBND", self.commune_a1))
        report = self.env["ir.actions.report"].with_user(self.officer_a1).with_context(
            lang="en_US", force_report_rendering=True
        )  # fmt: skip
        pdf, _format = report._render_qweb_pdf(REPORT, receipt.ids)
        text = " ".join(pdf_text(pdf).split())
        for expected in (
            "Mẫu số 02/TCD",
            "No.: 1/BN-UBND",
            "At 09:30 on 20/11/2026, at Trụ sở tiếp công dân xã A1:",
            f"Receiving officer: {self.officer_a1.name}",
            "Received from: Full name: Phạm Văn Hùng",
            "ID number: 051058901234",
            "1 Đơn khiếu nại ngày 19/11/2026 3 Photocopy",
            "2 Quyết định 15/QĐ-UBND 2 Photocopy",
        ):
            self.assertIn(expected, text)
        # what is on the visit's receipt is not received again by its case
        (case,) = self.create_cases(visit, [("complaint", "Khiếu nại", visit.document_ids)])
        with self.assertRaisesRegex(UserError, "on a receipt already"):
            case.with_user(self.officer_a1).action_issue_receipt()
        with self.assertRaisesRegex(UserError, "on a receipt already"):
            visit.action_issue_receipt()
