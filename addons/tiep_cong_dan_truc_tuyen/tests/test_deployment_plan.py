from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import MODULE, TcdCommon


@tagged("post_install", "-at_install")
class TestDeploymentPlan(TcdCommon):
    """A deployment plan's phases are tracked to their deadlines: progress, overdue phases, a reminder to
    the lead unit a week before, an alert to the plan's agency when late
    (Kế hoạch 459/KH-UBND tỉnh Nghệ An, Phần II mục 4; Quyết định 748/QĐ-TTCP, Mô hình thí điểm Phần V)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        g = f"{MODULE}.group_tcd_officer"
        cls.officer_prov_a = new_test_user(cls.env, login="officer_prov_a", groups=g, tcd_agency_id=cls.prov_a.id)
        cls.officer_a2 = new_test_user(cls.env, login="officer_a2", groups=g, tcd_agency_id=cls.commune_a2.id)
        cls.officer_b = new_test_user(cls.env, login="officer_b", groups=g, tcd_agency_id=cls.prov_b.id)
        cls.officer_b1 = new_test_user(cls.env, login="officer_b1", groups=g, tcd_agency_id=cls.commune_b1.id)
        cls.phase_model = cls.env["tcd.deployment.phase"]
        cls.plan_a = cls.env["tcd.deployment.plan"].create(
            {
                "name": "Kế hoạch triển khai tỉnh A",
                "agency_id": cls.prov_a.id,
                "document_number": "12/KH-UBND",
                "phase_ids": [
                    (
                        0,
                        0,
                        {
                            "sequence": 1,
                            "name": "Kết nối Trung ương - tỉnh",
                            "lead_agency_id": cls.board_a.id,
                            "coordinating_agency_ids": [(6, 0, cls.dept_a.ids)],
                            "deadline": "2026-03-31",
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "sequence": 2,
                            "name": "Thí điểm tại xã A1",
                            "lead_agency_id": cls.commune_a1.id,
                            "coordinating_agency_ids": [(6, 0, cls.commune_a2.ids)],
                            "deadline": "2026-06-30",
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "sequence": 3,
                            "name": "Lập dự toán mua sắm",
                            "lead_agency_id": cls.dept_a.id,
                            "coordinating_note": "Vụ Pháp chế",
                            "deadline": "2026-04-30",
                        },
                    ),
                    (0, 0, {"sequence": 4, "name": "Triển khai toàn tỉnh", "lead_agency_id": cls.board_a.id}),
                ],
            }
        )
        cls.connect, cls.pilot, cls.estimate, cls.everywhere = cls.plan_a.phase_ids
        cls.plan_b = cls.env["tcd.deployment.plan"].create(
            {
                "name": "Kế hoạch triển khai tỉnh B",
                "agency_id": cls.prov_b.id,
                "phase_ids": [
                    (
                        0,
                        0,
                        {"name": "Thí điểm tại xã B1", "lead_agency_id": cls.commune_b1.id, "deadline": "2026-06-30"},
                    )
                ],
            }
        )
        cls.pilot_b = cls.plan_b.phase_ids
        (cls.plan_a | cls.plan_b).action_start()

    def activities(self, records, xmlid):
        activity_type = self.env.ref(f"{MODULE}.{xmlid}")
        return records.activity_ids.filtered(lambda activity: activity.activity_type_id == activity_type)

    def test_progress_and_overdue_phases(self):
        self.connect.result = "Đã kết nối"
        self.connect.action_done()
        self.everywhere.action_cancel()
        # Thursday 30/4/2026 23:30 in Vietnam: the estimate is due today, not late yet
        with freeze_time("2026-04-30 16:30:00"):
            self.assertFalse(self.estimate.is_overdue)
            self.assertEqual(self.plan_a.overdue_phase_count, 0)
        # half an hour later it is 1/5 in Vietnam (30/4 still in UTC): the estimate is late
        with freeze_time("2026-04-30 17:30:00"):
            self.env.invalidate_all()
            phases = self.plan_a.phase_ids
            counted = [
                p
                for p in phases
                if p.state in ("planned", "in_progress") and p.deadline and p.deadline < date(2026, 5, 1)
            ]
            self.assertEqual(len(counted), 1)
            self.assertEqual(self.plan_a.overdue_phase_count, len(counted))
            in_plan = [("plan_id", "=", self.plan_a.id)]
            self.assertEqual(self.phase_model.search([*in_plan, ("is_overdue", "=", True)]), self.estimate)
            self.assertEqual(
                self.phase_model.search([*in_plan, ("is_overdue", "=", False)]),
                self.connect | self.pilot | self.everywhere,
            )
        # one done out of the three not cancelled
        to_do = phases.filtered(lambda p: p.state != "cancelled")
        done = phases.filtered(lambda p: p.state == "done")
        self.assertEqual((self.plan_a.phase_count, self.plan_a.done_phase_count), (len(to_do), len(done)))
        self.assertAlmostEqual(self.plan_a.progress, 100.0 * len(done) / len(to_do))
        self.assertAlmostEqual(self.plan_a.progress, 100.0 / 3)
        # the plan is done when every phase is done or cancelled
        with self.assertRaisesRegex(UserError, "2 phases of the plan"):
            self.plan_a.action_done()

    def test_done_needs_a_result(self):
        pilot = self.pilot.with_user(self.officer_a1)
        with self.assertRaises(ValidationError) as caught:
            pilot.action_done()
        self.assertIn("Report the result of Thí điểm tại xã A1", str(caught.exception))
        self.assertEqual(self.pilot.state, "planned")
        with freeze_time("2026-06-29 18:00:00"):  # 30/6 in Vietnam
            pilot.result = "Đã tổ chức 2 buổi tiếp thí điểm"
            pilot.action_done()
        self.assertEqual((self.pilot.state, self.pilot.done_date), ("done", date(2026, 6, 30)))
        self.assertAlmostEqual(self.plan_a.progress, 25.0)

    def test_reminder_a_week_before_the_deadline_once(self):
        Phase = self.phase_model
        # 22/6, eight days before 30/6: not yet
        with freeze_time("2026-06-22 02:00:00"):
            Phase._cron_remind()
        self.assertFalse(self.activities(self.pilot | self.pilot_b, "mail_activity_type_tcd_phase_due"))
        with freeze_time("2026-06-23 02:00:00"):
            Phase._cron_remind()
            Phase._cron_remind()
        with freeze_time("2026-06-24 02:00:00"):
            Phase._cron_remind()
        # the lead commune's officers, once each, due on the deadline; not the coordinating commune
        reminders = self.activities(self.pilot, "mail_activity_type_tcd_phase_due")
        leads = self.env["res.users"].search([("tcd_agency_id", "=", self.commune_a1.id)])
        self.assertEqual(leads, self.officer_a1 | self.technician_a1)
        self.assertEqual(sorted(reminders.user_id.ids), sorted(leads.ids))
        self.assertEqual(set(reminders.mapped("date_deadline")), {date(2026, 6, 30)})
        # the other province's phase, due the same day, goes to its own commune only
        reminders_b = self.activities(self.pilot_b, "mail_activity_type_tcd_phase_due")
        self.assertEqual(reminders_b.user_id, self.officer_b1)
        # a new deadline is reminded again
        self.pilot.deadline = date(2026, 7, 3)
        with freeze_time("2026-06-26 02:00:00"):
            Phase._cron_remind()
        self.assertEqual(len(self.activities(self.pilot, "mail_activity_type_tcd_phase_due")), 4)
        # the phase without deadline is never reminded
        self.assertFalse(self.everywhere.activity_ids)

    def test_late_phase_escalated_once_to_the_plan_agency(self):
        self.connect.write({"result": "Đã kết nối", "state": "done"})
        self.estimate.action_cancel()
        with freeze_time("2026-07-01 02:00:00"):
            self.phase_model._cron_remind()
            self.phase_model._cron_remind()
        with freeze_time("2026-07-02 02:00:00"):
            self.phase_model._cron_remind()
        alerts = self.activities(self.plan_a, "mail_activity_type_tcd_phase_overdue")
        plan_officers = self.env["res.users"].search([("tcd_agency_id", "=", self.prov_a.id)])
        self.assertEqual(plan_officers, self.officer_prov_a | self.leader_a)
        self.assertEqual(sorted(alerts.user_id.ids), sorted(plan_officers.ids))
        self.assertIn("Thí điểm tại xã A1", alerts[0].note)
        self.assertNotIn("Lập dự toán", alerts[0].note)
        alerts_b = self.activities(self.plan_b, "mail_activity_type_tcd_phase_overdue")
        self.assertEqual(alerts_b.user_id, self.officer_b)
        self.assertTrue(self.pilot.escalated)

    def test_units_see_the_phases_they_lead_or_coordinate(self):
        Phase = self.phase_model
        # the commune sees the phase it leads, not the plan of its province nor the other phases
        self.assertEqual(Phase.with_user(self.officer_a1).search([]), self.pilot)
        self.assertEqual(Phase.with_user(self.officer_a2).search([]), self.pilot)
        self.assertEqual(Phase.with_user(self.officer_dept_a).search([]), self.connect | self.estimate)
        self.assertEqual(Phase.with_user(self.province_officer_a).search([]), self.plan_a.phase_ids)
        # not another province's plan nor its phases
        with self.assertRaises(AccessError):
            self.plan_b.with_user(self.officer_a1).read(["name"])
        with self.assertRaises(AccessError):
            self.pilot_b.with_user(self.officer_a1).read(["name"])
        with self.assertRaises(AccessError):
            self.plan_a.with_user(self.officer_b).read(["name"])
        # the lead unit reports on its phase; the coordinating unit reads it only
        self.pilot.with_user(self.officer_a1).write({"result": "Đang thí điểm"})
        with self.assertRaises(AccessError):
            self.pilot.with_user(self.officer_a2).write({"result": "Xã A2"})
        with self.assertRaises(AccessError):
            self.connect.with_user(self.officer_a1).write({"result": "Xã A1"})
        # phases are added by the plan's scope, not by the lead unit
        with self.assertRaises(AccessError):
            Phase.with_user(self.officer_a1).create(
                {"plan_id": self.plan_a.id, "name": "Việc thêm", "lead_agency_id": self.commune_a1.id}
            )
        Phase.with_user(self.province_officer_a).create(
            {"plan_id": self.plan_a.id, "name": "Việc thêm", "lead_agency_id": self.commune_a1.id}
        )
