from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MODULE, TcdCommon, activate_vietnamese
from .session_common import utc
from .test_reminder_engine import wakeups

DELEGATE_CATEGORIES = ["network", "audio", "display", "software", "camera", "pc", "monitor"]


class TcdInfrastructureCommon(TcdCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Equipment = cls.env["maintenance.equipment"]

    @classmethod
    def category(cls, code):
        return cls.env.ref(f"{MODULE}.equipment_category_{code}")

    @classmethod
    def equip(cls, point, codes):
        return cls.env["maintenance.equipment"].create(
            [
                {
                    "name": "%s %s" % (code, point.name),
                    "category_id": cls.category(code).id,
                    "tcd_bridge_point_id": point.id,
                }
                for code in codes
            ]
        )


@tagged("post_install", "-at_install")
class TestReadiness(TcdInfrastructureCommon):
    """A bridge point's readiness follows its equipment, the maintenance requests and its bandwidth (Quy
    chế tiếp công dân trực tuyến của UBND tỉnh Quảng Ngãi (2025) Điều 9 khoản 5 điểm b; Kế hoạch
    459/KH-UBND tỉnh Nghệ An, Phần III mục 3)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.point_a1.measured_bandwidth = 8.0
        cls.items = cls.equip(cls.point_a1, DELEGATE_CATEGORIES)
        cls.camera = cls.items.filtered(lambda item: item.category_id == cls.category("camera"))

    def test_default_profiles_come_from_the_seeds(self):
        central = self.env.ref(f"{MODULE}.equipment_profile_central")
        delegate = self.env.ref(f"{MODULE}.equipment_profile_delegate")
        self.assertEqual(
            len(central.line_ids),
            12,
            "every category of Quyết định 748/QĐ-TTCP, Quy chế Điều 8 khoản 3 điểm b; Quyết định 354/QĐ-UBND-HC "
            "tỉnh Đồng Tháp, Quy chế Điều 8 khoản 2; Kế hoạch 459/KH-UBND tỉnh Nghệ An, Phần III mục 1 at the "
            "central point",
        )
        self.assertEqual(sorted(delegate.line_ids.category_id.mapped("tcd_code")), sorted(DELEGATE_CATEGORIES))
        self.assertTrue(all(central.line_ids.mapped("source")))

    def test_ready_with_the_required_equipment(self):
        self.assertEqual(self.point_a1.readiness, "ready")
        self.assertIn("required equipment in working order", self.point_a1.readiness_note)

    def test_missing_item(self):
        self.camera.active = False
        self.assertEqual(self.point_a1.readiness, "missing")
        self.assertIn("Missing: Cameras recording the session (0 of 1 required)", self.point_a1.readiness_note)
        self.equip(self.point_a1, ["camera"])
        self.assertEqual(self.point_a1.readiness, "ready")

    def test_breakdown_request_and_repair(self):
        request = self.env["maintenance.request"].create(
            {"name": "Camera hỏng", "equipment_id": self.camera.id, "maintenance_type": "corrective"}
        )
        self.assertEqual(self.camera.tcd_condition, "out_of_order")
        self.assertEqual(self.point_a1.readiness, "broken")
        self.assertIn("Out of order: Cameras recording the session", self.point_a1.readiness_note)
        request.stage_id = self.env.ref("maintenance.stage_3")  # Repaired
        self.assertEqual(self.camera.tcd_condition, "operational")
        self.assertEqual(self.point_a1.readiness, "ready")

    def test_preventive_request_and_degraded_item_keep_the_point_ready(self):
        self.env["maintenance.request"].create(
            {"name": "Bảo dưỡng", "equipment_id": self.camera.id, "maintenance_type": "preventive"}
        )
        self.camera.tcd_condition_reported = "degraded"
        self.assertEqual(self.camera.tcd_condition, "degraded")
        self.assertEqual(self.point_a1.readiness, "ready")
        self.camera.tcd_condition_reported = "out_of_order"
        self.assertEqual(self.point_a1.readiness, "broken")

    def test_bandwidth_below_requirement(self):
        self.point_a1.measured_bandwidth = 3.5
        self.assertEqual(self.point_a1.readiness, "bandwidth")
        self.assertIn("3.5 Mb/s measured, 5.0 Mb/s required", self.point_a1.readiness_note)
        self.point_a1.measured_bandwidth = 0
        self.assertIn("not measured yet", self.point_a1.readiness_note)

    def test_central_role_needs_more(self):
        self.point_a1.is_central = True
        self.point_a1.measured_bandwidth = 35
        self.assertEqual(self.point_a1.readiness, "missing")
        self.assertIn("UPS", self.point_a1.readiness_note)

    def test_profile_change_recomputes_points(self):
        delegate = self.env.ref(f"{MODULE}.equipment_profile_delegate")
        delegate.line_ids = [Command.create({"category_id": self.category("ups").id, "quantity": 1})]
        self.assertEqual(self.point_a1.readiness, "missing")
        delegate.line_ids.filtered(lambda line: line.category_id == self.category("ups")).unlink()
        self.assertEqual(self.point_a1.readiness, "ready")
        with self.assertRaisesRegex(ValidationError, "at least 1"):
            delegate.line_ids[0].quantity = 0


@tagged("post_install", "-at_install")
class TestReview(TcdInfrastructureCommon):
    """Periodic review of the current state (rà soát, đánh giá hiện trạng) and its reminder."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.activity_type = cls.env.ref(f"{MODULE}.mail_activity_type_tcd_review")
        cls.point_a1.technician_ids = cls.technician_a1
        cls.others = cls.all_points - cls.point_a1

    def reminders(self, point):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "tcd.bridge.point"),
                ("res_id", "=", point.id),
                ("activity_type_id", "=", self.activity_type.id),
            ]
        )

    def run_cron(self, when):
        with freeze_time(when):
            self.env["tcd.bridge.point"]._cron_remind()

    def test_review_lists_the_required_categories_and_updates_the_point(self):
        self.equip(self.point_a1, ["camera", "pc"])
        review = (
            self.env["tcd.bridge.point.review"]
            .with_user(self.technician_a1)
            .create({"bridge_point_id": self.point_a1.id, "date": "2026-11-20", "measured_bandwidth": 7.5})
        )
        lines = {line.category_id.tcd_code: line for line in review.line_ids}
        self.assertEqual(sorted(lines), sorted(DELEGATE_CATEGORIES))
        self.assertEqual((lines["camera"].required_quantity, lines["camera"].found_quantity), (1, 1))
        self.assertEqual(lines["audio"].found_quantity, 0)
        with self.assertRaisesRegex(UserError, "conclusion"):
            review.action_done()
        review.conclusion = "needs_work"
        review.action_done()
        self.assertEqual(self.point_a1.last_review_date.isoformat(), "2026-11-20")
        self.assertEqual(self.point_a1.measured_bandwidth, 7.5)
        with self.assertRaises(AccessError), mute_logger("odoo.addons.base.models.ir_model"):
            self.env["tcd.bridge.point.review"].with_user(self.officer_a1).create({"bridge_point_id": self.point_a1.id})

    def test_reminder_once_per_period(self):
        activate_vietnamese(self.env)
        self.technician_a1.lang = "vi_VN"
        self.env["tcd.bridge.point.review"].create(
            {"bridge_point_id": self.point_a1.id, "date": "2026-08-01", "conclusion": "ready"}
        ).action_done()
        self.run_cron("2026-10-01 01:00:00")
        self.assertFalse(self.reminders(self.point_a1), "reviewed 61 days ago: not due")
        self.run_cron("2026-11-02 01:00:00")
        self.run_cron("2026-11-03 01:00:00")
        reminder = self.reminders(self.point_a1)
        self.assertEqual(len(reminder), 1, "due after 90 days, reminded once")
        self.assertEqual(reminder.user_id, self.technician_a1)
        self.assertEqual(reminder.summary, "Rà soát, đánh giá hiện trạng điểm cầu", "in the technician's language")
        self.assertIn("Lần rà soát gần nhất: 01/08/2026", str(reminder.note))
        self.run_cron("2026-12-15 01:00:00")
        self.assertEqual(len(self.reminders(self.point_a1)), 1, "never twice in a period")
        self.run_cron("2027-02-01 01:00:00")
        self.assertEqual(len(self.reminders(self.point_a1)), 2, "again in the next period")

    def test_a_new_review_stops_the_reminders(self):
        self.run_cron("2026-11-02 01:00:00")
        self.assertEqual(len(self.reminders(self.point_a1)), 1, "never reviewed: due")
        self.env["tcd.bridge.point.review"].with_user(self.technician_a1).create(
            {"bridge_point_id": self.point_a1.id, "date": "2026-11-10", "conclusion": "ready"}
        ).action_done()
        self.assertFalse(self.reminders(self.point_a1), "the reminder is done by the review")
        self.assertIn("Review the current state of the bridge point", self.point_a1.message_ids[0].body)
        self.run_cron("2027-02-02 01:00:00")
        self.assertFalse(self.reminders(self.point_a1))

    def test_wakes_up_a_period_after_the_reminder(self):
        cron = self.env.ref(f"{MODULE}.ir_cron_tcd_bridge_point_review_reminder")
        self.env["tcd.bridge.point.review"].create(
            {"bridge_point_id": self.point_a1.id, "date": "2026-08-01", "conclusion": "ready"}
        ).action_done()
        self.env["tcd.bridge.point"].search([("id", "!=", self.point_a1.id)]).active = False  # out of the way
        # reviewed on 01/08: due 90 days later, on 30/10 at 08:00 in Vietnam
        self.assertEqual(wakeups(cron, lambda: self.run_cron("2026-10-01 01:00:00")), [utc("2026-10-30 08:00")])
        # reminded on 02/11: again 90 days later, on 31/01/2027
        self.assertEqual(wakeups(cron, lambda: self.run_cron("2026-11-02 01:00:00")), [utc("2027-01-31 08:00")])
        self.assertEqual(len(self.reminders(self.point_a1)), 1)

    def test_period_is_configurable(self):
        self.env["ir.config_parameter"].sudo().set_param("tiep_cong_dan_truc_tuyen.review_period_days", "30")
        self.env["tcd.bridge.point.review"].create(
            {"bridge_point_id": self.point_a1.id, "date": "2026-10-01", "conclusion": "ready"}
        ).action_done()
        self.run_cron("2026-11-02 01:00:00")
        self.assertEqual(len(self.reminders(self.point_a1)), 1)


@tagged("post_install", "-at_install")
class TestBudget(TcdInfrastructureCommon):
    """Budgets (Kế hoạch 459/KH-UBND tỉnh Nghệ An, Phần III mục 1, mục 6; Quyết định 354/QĐ-UBND-HC tỉnh
    Đồng Tháp, Quy chế Điều 8 khoản 2; Quy chế TCD trực tuyến tỉnh Quảng Ngãi Điều 9 khoản 1 điểm a):
    finance approves; approved amounts are locked."""

    def setUp(self):
        super().setUp()
        self.budget = (
            self.env["tcd.budget"]
            .with_user(self.officer_a1)
            .create(
                {
                    "name": "Dự toán 2027",
                    "agency_id": self.commune_a1.id,
                    "fiscal_year": 2027,
                    "line_ids": [
                        Command.create(
                            {
                                "line_type": "equipment",
                                "category_id": self.category("camera").id,
                                "description": "Camera hội nghị",
                                "bridge_point_id": self.point_a1.id,
                                "quantity": 2,
                                "unit_price": 15_000_000,
                            }
                        ),
                        Command.create(
                            {
                                "line_type": "line_rental",
                                "description": "Thuê đường truyền",
                                "quantity": 12,
                                "unit_price": 1_200_000,
                            }
                        ),
                    ],
                }
            )
        )
        self.camera_line, self.rental_line = self.budget.line_ids

    def test_totals(self):
        self.assertEqual(self.camera_line.amount, 30_000_000)
        self.assertEqual(self.budget.amount_total, 44_400_000)
        self.assertEqual(self.budget.approved_total, 44_400_000, "the estimate until finance decides")
        self.assertEqual(self.budget.currency_id, self.env.ref("base.VND"))

    def test_workflow_only_finance_approves(self):
        budget = self.budget.with_user(self.officer_a1)
        budget.action_submit()
        self.assertEqual(budget.submitted_by_id, self.officer_a1)
        with self.assertRaisesRegex(AccessError, "Only the finance group"):
            budget.action_approve()
        with self.assertRaisesRegex(UserError, "Only the finance group sets the approved amounts"):
            self.rental_line.with_user(self.officer_a1).approved_amount = 1
        # the province's Sở Tài chính approves the commune's budget
        self.rental_line.with_user(self.finance_a).approved_amount = 12_000_000
        budget.with_user(self.finance_a).action_approve()
        self.assertEqual(budget.state, "approved")
        self.assertEqual(budget.approved_by_id, self.finance_a)
        self.assertTrue(budget.approved_date)
        self.assertEqual(budget.approved_total, 42_000_000)
        # spending on an approved budget
        camera = self.equip(self.point_a1, ["camera"])
        self.camera_line.with_user(self.officer_a1).write({"equipment_id": camera.id, "spent_amount": 29_500_000})
        self.assertEqual(budget.spent_total, 29_500_000)
        self.assertEqual(budget.remaining_total, 12_500_000)

    def test_approved_amounts_are_locked_until_reopened_with_a_reason(self):
        self.budget.action_submit()
        self.budget.with_user(self.finance_a).action_approve()
        for user in (self.officer_a1, self.finance_a, self.tcd_admin):
            with self.assertRaisesRegex(UserError, "cannot change until finance reopens it"):
                self.camera_line.with_user(user).sudo().write({"unit_price": 1})
        with self.assertRaisesRegex(UserError, "cannot change until finance reopens"):
            self.camera_line.approved_amount = 1
        with self.assertRaisesRegex(UserError, "takes no new line"):
            self.env["tcd.budget.line"].create(
                {"budget_id": self.budget.id, "line_type": "other", "description": "Thêm", "unit_price": 1}
            )
        with self.assertRaisesRegex(AccessError, "Only the finance group"):
            self.budget.with_user(self.officer_a1).action_open_reopen_wizard()
        wizard = self.env["tcd.budget.reopen.wizard"].create(
            {"budget_ids": [Command.set(self.budget.ids)], "reason": "Giá camera tăng theo báo giá mới"}
        )
        wizard.action_confirm()
        self.assertEqual(self.budget.state, "draft")
        self.assertIn("Giá camera tăng theo báo giá mới", self.budget.message_ids[0].body)
        self.camera_line.unit_price = 16_000_000
        self.assertEqual(self.camera_line.amount, 32_000_000)

    def test_negative_quantity_or_price_refused(self):
        with self.assertRaisesRegex(ValidationError, "quantity of Camera hội nghị cannot be negative"):
            self.camera_line.quantity = -1
        with self.assertRaisesRegex(ValidationError, "unit price of Thuê đường truyền cannot be negative"):
            self.rental_line.unit_price = -5
        with self.assertRaisesRegex(ValidationError, "equipment category"):
            self.camera_line.category_id = False

    def test_submit_needs_lines(self):
        empty = self.env["tcd.budget"].create({"name": "Trống", "agency_id": self.commune_a1.id})
        with self.assertRaisesRegex(UserError, "Add the lines"):
            empty.action_submit()


@tagged("post_install", "-at_install")
class TestInfrastructureScope(TcdInfrastructureCommon):
    """A commune sees only its own equipment, reviews and budgets."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.item_a1 = cls.equip(cls.point_a1, ["camera"])
        cls.item_a2 = cls.equip(cls.point_a2, ["camera"])
        Review = cls.env["tcd.bridge.point.review"]
        cls.review_a1 = Review.create({"bridge_point_id": cls.point_a1.id})
        cls.review_a2 = Review.create({"bridge_point_id": cls.point_a2.id})
        Budget = cls.env["tcd.budget"]
        cls.budget_a1 = Budget.create({"name": "Xã A1", "agency_id": cls.commune_a1.id})
        cls.budget_a2 = Budget.create({"name": "Xã A2", "agency_id": cls.commune_a2.id})
        cls.officer_a2 = cls.env["res.users"].create(
            {"name": "Cán bộ xã A2", "login": "officer_a2_infra", "tcd_agency_id": cls.commune_a2.id,
             "groups_id": [Command.link(cls.env.ref(f"{MODULE}.group_tcd_technician").id)]}
        )  # fmt: skip

    def visible(self, user, records):
        return self.env[records._name].with_user(user).search([("id", "in", records.ids)])

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_two_communes(self):
        for user, items, reviews, budgets in (
            (self.technician_a1, self.item_a1, self.review_a1, self.budget_a1),
            (self.officer_a2, self.item_a2, self.review_a2, self.budget_a2),
        ):
            self.assertEqual(self.visible(user, self.item_a1 | self.item_a2), items)
            self.assertEqual(self.visible(user, self.review_a1 | self.review_a2), reviews)
            self.assertEqual(self.visible(user, self.budget_a1 | self.budget_a2), budgets)
        with self.assertRaises(AccessError):
            self.item_a2.with_user(self.technician_a1).write({"name": "changed"})
        with self.assertRaises(AccessError):
            self.budget_a2.with_user(self.technician_a1).read(["name"])
        self.assertEqual(self.visible(self.finance_a, self.budget_a1 | self.budget_a2), self.budget_a1 | self.budget_a2)
        province = self.item_a1 | self.item_a2
        self.assertEqual(self.visible(self.province_officer_a, province), province)
