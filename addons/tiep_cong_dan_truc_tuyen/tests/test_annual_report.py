import re
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import MODULE
from .session_common import utc
from .test_dashboard import NOW, TcdDashboardCommon
from .test_invitation_report import pdf_text

YEAR_START, NEXT_YEAR = utc("2026-01-01 00:00"), utc("2027-01-01 00:00")


class TcdAnnualReportCommon(TcdDashboardCommon):
    """Adds a training held by the province's board in 2026, a deployment plan of the province, and the
    periods of reception of the province's chairman (December) and of commune A1's (two weeks)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.training = cls.env["tcd.training"].create(
            {
                "name": "Tập huấn kỹ năng tiếp công dân trực tuyến",
                "agency_id": cls.board_a.id,
                "date_start": utc("2026-06-10 08:00"),
                "participant_ids": [
                    (0, 0, {"agency_id": cls.commune_a1.id, "name": "Cán bộ xã A1", "attended": True}),
                    (0, 0, {"agency_id": cls.dept_a.id, "name": "Cán bộ Sở", "attended": True}),
                    (0, 0, {"agency_id": cls.commune_a2.id, "name": "Cán bộ xã A2", "attended": False}),
                ],
            }
        )
        cls.training.action_done()
        plan = cls.env["tcd.deployment.plan"].create(
            {
                "name": "Kế hoạch triển khai tỉnh A",
                "agency_id": cls.board_a.id,
                "phase_ids": [
                    (
                        0,
                        0,
                        {"name": "Kết nối tỉnh - xã", "lead_agency_id": cls.commune_a1.id, "deadline": "2026-06-30"},
                    ),
                    (0, 0, {"name": "Trang bị thiết bị", "lead_agency_id": cls.dept_a.id, "deadline": "2026-12-15"}),
                ],
            }
        )
        plan.phase_ids[0].write({"result": "Đã kết nối"})
        with freeze_time("2026-06-20 03:00:00"):
            plan.phase_ids[0].action_done()
        cls.leader_a.tcd_leader_role_id = cls.env.ref(f"{MODULE}.leader_role_province_chairman")
        cls.leader_a1.tcd_leader_role_id = cls.env.ref(f"{MODULE}.leader_role_commune_chairman")
        with freeze_time(NOW):
            Period = cls.env["tcd.leader.reception"]
            Period._ensure_periods(cls.leader_a, date(2026, 12, 1), date(2026, 12, 31))
            Period._ensure_periods(cls.leader_a1, date(2026, 12, 7), date(2026, 12, 20))
            cls.env.flush_all()  # their status as of that day

    def report(self, user, **vals):
        with freeze_time(NOW):
            return self.env["tcd.annual.report"].with_user(user).create(dict({"year": 2026}, **vals))


@tagged("post_install", "-at_install")
class TestAnnualReport(TcdAnnualReportCommon):
    """The yearly summary counts the year's figures of the agencies it covers, and only those (Quy chế
    tiếp công dân trực tuyến của UBND tỉnh Quảng Ngãi (2025) Điều 9 khoản 2 điểm b; Quyết định
    748/QĐ-TTCP, Quy chế Điều 8 khoản 1 điểm h; Kế hoạch 459/KH-UBND tỉnh Nghệ An, Phần III mục 2)."""

    def expected(self, agencies):
        """The figures, counted here from the records created, for the agencies ``agencies``."""

        def in_year(moment):
            return YEAR_START <= moment < NEXT_YEAR

        hosted = self.sessions.filtered(lambda s: s.agency_id in agencies and in_year(s.start))
        held = hosted.filtered(lambda s: s.state in ("in_progress", "held", "closed"))
        all_held = self.sessions.filtered(lambda s: s.state in ("in_progress", "held", "closed") and in_year(s.start))
        cases = self.cases.filtered(lambda c: c.agency_id in agencies and in_year(c.received_date))
        heard = all_held.case_line_ids.filtered(
            lambda line: (
                line.outcome not in (False, "not_heard")
                and (line.session_id.agency_id in agencies or line.case_id.agency_id in agencies)
            )
        )
        tasks = all_held.followup_ids.filtered(
            lambda task: task.host_agency_id in agencies or task.agency_id in agencies
        )
        done = hosted.milestone_ids.filtered(lambda step: step.state == "done")
        late = done.filtered(lambda step: step.waived or step.done_date > step.due_at)
        points = self.all_points.filtered(lambda point: point.agency_id in agencies)
        return {
            "session_count": len(hosted.filtered(lambda s: s.state != "cancelled")),
            "session_held_count": len(held),
            "session_cancelled_count": len(hosted.filtered(lambda s: s.state == "cancelled")),
            "session_attended_count": len(
                (all_held - hosted).filtered(lambda s: s.point_line_ids.bridge_point_id.agency_id & agencies)
            ),
            "case_count": len(cases),
            "complaint_count": len(cases.filtered(lambda c: c.kind == "complaint")),
            "denunciation_count": len(cases.filtered(lambda c: c.kind == "denunciation")),
            "petition_count": len(cases.filtered(lambda c: c.kind == "petition")),
            "case_heard_count": len(heard.case_id),
            "case_instructed_count": len(heard.filtered(lambda line: line.outcome == "instructed")),
            "citizen_count": len(heard.attendee_ids),
            "milestone_on_time_count": len(done - late),
            "milestone_late_count": len(late),
            "followup_count": len(tasks),
            "followup_overdue_count": len(tasks.filtered(lambda task: task.deadline < utc("2026-12-28 10:00").date())),
            "point_count": len(points),
            "point_ready_count": len(points.filtered(lambda point: point.readiness == "ready")),
        }

    def figures(self, report):
        return {name: report[name] for name in self.expected(self.commune_a1)}

    def test_province_figures_equal_the_records(self):
        report = self.report(self.province_officer_a)
        self.assertEqual(report.scope_agency_id, self.prov_a, "a province officer reports on the province")
        self.assertEqual(report.agency_id, self.board_a)
        province = self.prov_a | self.board_a | self.dept_a | self.commune_a1 | self.commune_a2
        self.assertEqual(self.figures(report), self.expected(province))
        # the figures that matter, spelled out: the held session of 15/12 and the one of 30/12 planned,
        # the cancelled one; three cases of the province this year (not B1's, not last year's)
        self.assertEqual((report.session_count, report.session_held_count, report.session_cancelled_count), (2, 1, 1))
        self.assertEqual((report.case_count, report.case_heard_count, report.followup_overdue_count), (3, 1, 1))
        self.assertEqual(report.session_held_rate, 50.0)
        self.assertAlmostEqual(report.session_hours, 2.0)
        self.assertEqual(report.notable_case_ids, self.case_a1, "the case given instructions")
        # the training and its two officers who attended; one task done, one overdue since 15/12
        self.assertEqual((report.training_count, report.trainee_count), (1, 2))
        self.assertEqual((report.phase_done_count, report.phase_overdue_count), (1, 1))
        # the chairman held the periodic session of 15/12; the commune's chairman chaired none
        self.assertEqual(
            (report.leader_period_count, report.leader_period_met_count, report.leader_period_missed_count), (3, 1, 2)
        )
        self.assertAlmostEqual(report.leader_frequency_rate, 33.3)

    def test_commune_leader_figures_cover_the_commune_only(self):
        report = self.report(self.leader_a1)
        self.assertEqual(report.scope_agency_id, self.commune_a1)
        self.assertEqual(self.figures(report), self.expected(self.commune_a1))
        # the commune hosted nothing, its point attended the province's session, its two cases of the
        # year, one heard, and its own instruction (due 04/01/2027, not overdue)
        self.assertEqual((report.session_count, report.session_attended_count), (0, 1))
        self.assertEqual((report.case_count, report.case_heard_count), (2, 1))
        self.assertEqual((report.followup_count, report.followup_overdue_count), (1, 0))
        self.assertEqual(report.point_count, 1)
        # its officer trained at the province's training, and its own task done
        self.assertEqual((report.training_count, report.trainee_count), (1, 1))
        self.assertEqual((report.phase_done_count, report.phase_overdue_count), (1, 0))
        self.assertEqual((report.leader_period_count, report.leader_period_missed_count), (2, 2))
        # nor may the commune report on its province, nor read another province's summary
        with self.assertRaisesRegex(ValidationError, "outside the agencies you work for"):
            self.report(self.leader_a1, scope_agency_id=self.prov_a.id)
        other = self.report(self.officer_b1)
        with self.assertRaises(AccessError):
            other.with_user(self.leader_a1).read(["case_count"])
        self.assertEqual(other.case_count, 1)

    def test_central_board_reports_on_every_agency(self):
        report = self.report(self.central_officer)
        self.assertFalse(report.scope_agency_id, "the national summary covers every agency")
        self.assertEqual(report.recipient, "The Inspector General of the Government")
        Case = self.env["tcd.case"]
        year = [("received_date", ">=", YEAR_START), ("received_date", "<", NEXT_YEAR)]
        self.assertEqual(report.case_count, Case.search_count(year))
        self.assertEqual(report.reflection_count, Case.search_count([*year, ("kind", "=", "reflection")]))
        self.assertEqual(report.session_attended_count, 0, "no session is outside the country")
        # a province officer may not report on every agency
        with self.assertRaisesRegex(ValidationError, "outside the agencies you work for"):
            self.report(self.province_officer_a, scope_agency_id=False)

    def test_issue_numbers_and_freezes_the_report(self):
        report = self.report(self.province_officer_a)
        with self.assertRaisesRegex(UserError, "Only a leader"):
            report.action_issue()
        leader_report = report.with_user(self.leader_a)
        with self.assertRaisesRegex(UserError, "assessment and its proposals"):
            leader_report.action_issue()
        report.write({"assessment": "<p>Giảm đi lại cho công dân.</p>", "proposals": "<p>Nâng cấp đường truyền.</p>"})
        # a case received after the report was drafted counts when it is issued
        self.case(self.citizen_a2, self.commune_a2, kind="reflection", received_date=utc("2026-12-27 09:00"))
        with freeze_time("2027-01-08 03:00:00"):
            leader_report.action_issue()
        self.assertEqual(report.state, "issued")
        self.assertEqual(report.case_count, 4)
        self.assertEqual(report.report_date.isoformat(), "2027-01-08")
        self.assertEqual(
            report.number, "1/BC-BTCD", "the board's first document of 2027: the numbers restart each year"
        )
        # issued, its figures are final and its year fixed
        self.case(self.citizen_a2, self.commune_a2, kind="reflection", received_date=utc("2026-12-28 09:00"))
        with self.assertRaisesRegex(UserError, "final"):
            report.action_count_figures()
        with self.assertRaisesRegex(UserError, "keeps its year"):
            report.year = 2025
        with self.assertRaisesRegex(UserError, "Only a leader"):
            report.action_reset_to_draft()
        self.assertEqual(report.case_count, 4)
        # corrected and issued again, it keeps its number
        leader_report.action_reset_to_draft()
        with freeze_time("2027-01-09 03:00:00"):
            leader_report.action_issue()
        self.assertEqual(report.number, "1/BC-BTCD")
        self.assertEqual(report.case_count, 5)


@tagged("post_install", "-at_install")
class TestAnnualReportPdf(HttpCase, TcdAnnualReportCommon):
    """The summary prints in the administrative format (wkhtmltopdf reads the styles from the server)."""

    def test_pdf_holds_the_figures(self):
        report = self.report(self.province_officer_a, recipient="Chủ tịch UBND tỉnh A", signer_position="Trưởng Ban")
        report.write(
            {
                "assessment": "<p>Giảm đi lại cho công dân vùng xa.</p>",
                "proposals": "<p>Nâng cấp đường truyền 30Mb.</p>",
            }
        )
        with freeze_time("2027-01-08 03:00:00"):
            report.with_user(self.leader_a).action_issue()
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("tiep_cong_dan_truc_tuyen.tcd_annual_report_report", report.ids)
        )
        self.assertEqual(kind, "pdf")
        text = re.sub(r"[ \t]+", " ", pdf_text(pdf))
        for expected in (
            "REPORT",
            "Summary and evaluation of online citizen reception in 2026",
            f"No.: {report.number}",
            "To: Chủ tịch UBND tỉnh A",
            "Sessions planned 2",
            "Sessions held 1",
            "Sessions held (%) 50.0",
            "Cases received 3",
            "Complaints 1",
            "Cases heard online 1",
            "Instructions issued 2",
            "Instructions overdue 2",  # on 08/01/2027 both deadlines have passed
            f"Bridge points {report.point_count}",
            self.case_a1.name,
            "Giảm đi lại cho công dân vùng xa.",
            "Nâng cấp đường truyền 30Mb.",
            "TRƯỞNG BAN",
        ):
            self.assertIn(expected, text)
