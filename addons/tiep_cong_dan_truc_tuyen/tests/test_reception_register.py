import base64
import io

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import MODULE
from .test_invitation_report import pdf_text
from .test_reception_visit import VisitCommon


@tagged("post_install", "-at_install")
class TestReceptionRegister(HttpCase, VisitCommon):
    """The citizen reception register (Sổ tiếp công dân, Mẫu 03/TCD; Luật Tiếp công dân 2013 Điều 25 khoản 2): a
    numbered line per case of a recorded visit, from 1 each year in each agency, its twelve columns from the visit
    and the case, its identity columns as the reader may see them; printed (PDF) and exported (XLSX) for a period."""

    def record(self, citizens, lines, at="2026-11-20 02:30:00", agency=None, user=None, **vals):
        visit = self.visit(citizens, user=user, visit_at=at, agency_id=(agency or self.commune_a1).id, **vals)
        cases = self.create_cases(visit, [(kind, subject, self.env["tcd.dossier.document"]) for kind, subject in lines])
        visit.action_record()
        return visit, cases

    def wizard(self, user, start, end, agency=None):
        return (
            self.env["tcd.reception.register.wizard"]
            .with_user(user)
            .create({"agency_id": (agency or self.commune_a1).id, "date_from": start, "date_to": end})
        )

    def test_numbered_per_agency_and_year(self):
        _visit, (first, second) = self.record(self.citizen_a1, [("complaint", "Khiếu nại"), ("petition", "Kiến nghị")])
        self.record(self.citizen_a1, [("reflection", "Phản ánh")], at="2026-12-31 09:00:00")  # 16:00 on 31/12
        self.record(self.citizen_a2, [("complaint", "Khiếu nại xã A2")], agency=self.commune_a2, user=self.officer_a2)
        # 00:30 on 01/01/2027 in Vietnam is still 2026 in UTC: the line is of 2027
        self.record(self.citizen_a1, [("complaint", "Khiếu nại năm mới")], at="2026-12-31 17:30:00")
        lines = self.env["tcd.reception.register"].search(
            [("agency_id", "in", (self.commune_a1 | self.commune_a2).ids)], order="id"
        )
        self.assertEqual(
            [(line.agency_id, line.year, line.number) for line in lines],
            [
                (self.commune_a1, 2026, 1),
                (self.commune_a1, 2026, 2),
                (self.commune_a1, 2026, 3),
                (self.commune_a2, 2026, 1),
                (self.commune_a1, 2027, 1),
            ],
        )
        self.assertEqual(lines[:2].case_id, first | second)
        self.assertEqual(lines[4].display_number, "1/2027")
        # a case added to a recorded visit gets the next number
        visit = lines[0].visit_id
        late = self.create_cases(visit, [("denunciation", "Tố cáo", self.env["tcd.dossier.document"])])[-1]
        self.assertEqual(
            (late.visit_id, self.env["tcd.reception.register"].search([("case_id", "=", late.id)]).number), (visit, 4)
        )

    def test_the_twelve_columns(self):
        self.citizen_a1.write(
            {
                "street": "Thôn Phú Lễ",
                "admin_unit_id": self.env.ref(f"{MODULE}.admin_unit_21040").id,
                "id_issue_date": "2021-04-10",
                "id_issue_place": "Cục Cảnh sát QLHC",
            }
        )
        visit, (complaint, petition) = self.record(
            self.citizen_a1,
            [("complaint", "Khiếu nại thu hồi đất"), ("petition", "Kiến nghị cấp nước")],
            people_count=1,
            prior_handling="UBND xã A1, công văn 12/UBND",
        )
        complaint.write({"disposition": "competent", "accepted_date": "2026-11-23"})
        petition.with_user(self.officer_a1).write({"disposition": "guide", "forward_to": "Sở Xây dựng tỉnh A"})
        petition.with_user(self.officer_a1).action_issue_guidance_slip()
        line_c, line_p = visit.register_ids.with_user(self.officer_a1).sorted("number")
        self.assertEqual(str(line_c.reception_date), "2026-11-20")
        self.assertEqual(line_c.citizen_text, "Phạm Văn Hùng, Thôn Phú Lễ, Xã Bình Sơn, Tỉnh Quảng Ngãi")
        self.assertEqual(line_c.with_context(lang="en_US").id_text, "051058901234 (Citizen identity card (căn cước))")
        self.assertEqual((line_c.subject, line_c.kind, line_c.people_count), ("Khiếu nại thu hồi đất", "complaint", 1))
        self.assertEqual(line_c.prior_handling, "UBND xã A1, công văn 12/UBND")
        self.assertTrue(line_c.is_competent)
        self.assertEqual(line_c.with_context(lang="en_US").result, "Accepted on 23/11/2026")
        self.assertFalse(line_p.is_competent)
        self.assertEqual(line_p.guided_to, f"Sở Xây dựng tỉnh A, {petition.forward_document}")
        self.assertRegex(petition.forward_document, r"^\d+/HD-UBND$")
        self.assertFalse(line_p.forwarded_to)
        complaint.write({"decision_date": "2026-12-15", "decision_number": "88/QĐ-UBND"})
        self.assertEqual(line_c.with_context(lang="en_US").result, "Resolved: 88/QĐ-UBND of 15/12/2026")

    def test_a_protected_denouncer_is_named_to_her_handlers_only(self):
        denouncer = self.citizen("Huỳnh Thị Mai", "051168905555", self.commune_a1, birth="1968-04-12", gender="female")
        visit = self.visit(denouncer)
        self.env["tcd.case"].create(
            {
                "subject": "Tố cáo cán bộ địa chính",
                "kind": "denunciation",
                "agency_id": self.commune_a1.id,
                "visit_id": visit.id,
                "citizen_ids": [(6, 0, denouncer.ids)],
                "protection_requested": True,
                "handler_ids": [(6, 0, self.officer_a1.ids)],
            }
        )
        visit.action_record()
        Register = self.env["tcd.reception.register"]
        other = Register.with_user(self.officer_a1_other).search([("visit_id", "=", visit.id)])
        self.assertEqual(other.citizen_text, f"[bảo mật] {denouncer.code}")
        self.assertFalse(other.id_text)
        self.officer_a1_other.groups_id += self.env.ref("base.group_allow_export")
        exported = other.export_data(["number", "citizen_text", "id_text"])["datas"]
        self.assertNotIn("Huỳnh Thị Mai", str(exported))
        self.assertNotIn("051168905555", str(exported))
        handler = Register.with_user(self.officer_a1).search([("visit_id", "=", visit.id)])
        self.assertIn("Huỳnh Thị Mai", handler.citizen_text)
        self.assertIn("051168905555", handler.id_text)

    def test_another_agency_reads_no_line_and_nobody_writes_one(self):
        visit, _cases = self.record(self.citizen_a1, [("complaint", "Khiếu nại")])
        line = visit.register_ids
        self.assertFalse(self.env["tcd.reception.register"].with_user(self.officer_a2).search([]))
        with self.assertRaises(AccessError):
            line.with_user(self.officer_a2).read(["citizen_text"])
        with self.assertRaises(AccessError):
            line.with_user(self.officer_a1).write({"number": 99})
        with self.assertRaises(AccessError):
            self.env["tcd.reception.register"].with_user(self.officer_a1).create(
                {
                    "visit_id": visit.id,
                    "case_id": line.case_id.id,
                    "agency_id": self.commune_a1.id,
                    "year": 2026,
                    "number": 7,
                }
            )
        # nor prints it: for him, the agency recorded nothing
        with self.assertRaisesRegex(UserError, "recorded no reception"):
            self.wizard(self.officer_a2, "2026-01-01", "2026-12-31").action_print()

    def test_the_pdf_and_the_spreadsheet_of_a_period(self):
        self.citizen_a1.street = "Thôn Phú Lễ"
        self.record(self.citizen_a1, [("complaint", "Khiếu nại thu hồi đất"), ("petition", "Kiến nghị cấp nước")])
        self.record(self.citizen_a2, [("reflection", "Phản ánh ngoài kỳ")], at="2026-10-05 02:00:00")
        wizard = self.wizard(self.officer_a1, "2026-11-01", "2026-11-30")
        self.assertEqual(wizard.line_count, 2)
        with freeze_time("2026-12-01 03:00:00"):
            self.assertEqual(wizard.action_print()["report_name"], f"{MODULE}.tcd_reception_register_document")
        report = self.env["ir.actions.report"].with_user(self.officer_a1).with_context(
            lang="en_US", force_report_rendering=True
        )  # fmt: skip
        pdf, _format = report._render_qweb_pdf(f"{MODULE}.tcd_reception_register_report", wizard.ids)
        text = " ".join(pdf_text(pdf).split())
        for expected in (
            "Mẫu số 03/TCD",
            "ỦY BAN NHÂN DÂN XÃ A1",
            "CITIZEN RECEPTION REGISTER",
            "From 01/11/2026 to 30/11/2026",
            "(1) (2) (3) (4) (5) (6) (7) (8) (9) (10) (11) (12)",
            "1 20/11/2026 Phạm Văn Hùng, Thôn Phú Lễ 051058901234 Khiếu nại thu hồi đất Complaint 1 Received",
            "2 20/11/2026 Phạm Văn Hùng, Thôn Phú Lễ 051058901234 Kiến nghị cấp nước Petition 1 Received",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("Phản ánh ngoài kỳ", text)

        action = wizard.with_context(lang="en_US").action_export_xlsx()
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
        sheet = openpyxl.load_workbook(io.BytesIO(base64.b64decode(attachment.datas))).active
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        self.assertEqual(rows[0][0], "CITIZEN RECEPTION REGISTER")
        self.assertEqual(len(rows[3]), 12)
        self.assertEqual(rows[3][:2], ["No.", "Reception date"])
        self.assertEqual(rows[4], [f"({n})" for n in range(1, 13)])
        self.assertEqual([row[0] for row in rows[5:]], [1, 2])
        self.assertEqual(rows[5][1:7], ["20/11/2026", "Phạm Văn Hùng, Thôn Phú Lễ",
                                        rows[5][3], "Khiếu nại thu hồi đất", "Complaint", 1])  # fmt: skip
        # both read the citizens' identity: logged
        logs = self.env["tcd.access.log"].search(
            [("user_id", "=", self.officer_a1.id), ("model", "=", "tcd.reception.register")]
        )
        self.assertEqual(set(logs.mapped("action")), {"export"})
        self.assertEqual(logs.citizen_id, self.citizen_a1)
        with self.assertRaisesRegex(UserError, "recorded no reception"):
            self.wizard(self.officer_a1, "2025-01-01", "2025-12-31").action_print()
