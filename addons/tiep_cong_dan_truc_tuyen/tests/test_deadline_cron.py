from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import MODULE, TcdCaseCommon
from .session_common import utc
from .test_reminder_engine import wakeups


@tagged("post_install", "-at_install")
class TestDeadlineAlerts(TcdCaseCommon):
    """The daily scheduled action: handlers alerted before a deadline, the leader after it, once each."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.soon_type = cls.env.ref(f"{MODULE}.mail_activity_type_tcd_deadline_soon")
        cls.overdue_type = cls.env.ref(f"{MODULE}.mail_activity_type_tcd_deadline_overdue")
        # answer due Monday 23/11/2026
        cls.case_soon = cls.case(
            cls.citizen_a1, cls.commune_a1, kind="petition", received_date="2026-11-09 02:00:00",
            handler_ids=[(6, 0, cls.officer_a1.ids)],
        )  # fmt: skip
        # answer due 15/10/2026, the 45-day alarm on 16/11/2026 (15/11 is a Sunday: Bộ luật Dân sự Điều 148 k5)
        cls.case_overdue = cls.case(
            cls.citizen_a1, cls.commune_a1, kind="petition", received_date="2026-10-01 02:00:00",
            handler_ids=[(6, 0, cls.officer_a1.ids)],
        )  # fmt: skip
        # nothing due before 07/12/2026
        cls.case_later = cls.case(cls.citizen_a1, cls.commune_a1, kind="petition", received_date="2026-11-20 02:00:00")

    def activities(self, case, activity_type):
        return self.env["mail.activity"].search(
            [("res_model", "=", "tcd.case"), ("res_id", "=", case.id), ("activity_type_id", "=", activity_type.id)]
        )

    def run_cron(self, when="2026-11-20 01:00:00"):
        with freeze_time(when):
            self.env["tcd.case.deadline"]._cron_remind()

    def test_run_twice_posts_each_activity_once(self):
        self.run_cron()
        self.run_cron()
        soon = self.activities(self.case_soon, self.soon_type)
        self.assertEqual(len(soon), 1)
        self.assertEqual(soon.user_id, self.officer_a1, "the handler is alerted before the deadline")
        self.assertEqual(soon.date_deadline, date(2026, 11, 23))
        self.assertIn("Answer or notify the citizen", soon.summary)
        self.assertIn("Luật Tiếp công dân 2013 Điều 28", str(soon.note))
        overdue = self.activities(self.case_overdue, self.overdue_type)
        # two deadlines passed: the answer and the 45-day alarm, one activity each, for the leader
        self.assertEqual(len(overdue), 2)
        self.assertEqual(overdue.user_id, self.leader_a1, "the leader of the commune is alerted after it")
        self.assertEqual(sorted(overdue.mapped("date_deadline")), [date(2026, 10, 15), date(2026, 11, 16)])
        self.assertFalse(self.activities(self.case_overdue, self.soon_type), "no 'near' alert once passed")
        self.assertFalse(self.case_later.activity_ids)

    def test_a_deadline_alerted_as_near_is_alerted_again_when_passed(self):
        self.run_cron()
        self.run_cron("2026-11-24 01:00:00")
        self.run_cron("2026-11-25 01:00:00")
        self.assertEqual(len(self.activities(self.case_soon, self.soon_type)), 1)
        overdue = self.activities(self.case_soon, self.overdue_type)
        self.assertEqual(len(overdue), 1)
        self.assertEqual(overdue.user_id, self.leader_a1)

    def test_chairing_leader_preferred(self):
        self.case_overdue.leader_id = self.leader_a
        self.run_cron()
        self.assertEqual(self.activities(self.case_overdue, self.overdue_type).user_id, self.leader_a)

    def test_met_deadlines_are_not_alerted(self):
        self.case_soon.reply_date = date(2026, 11, 19)
        self.case_overdue._refuse(self.env.ref(f"{MODULE}.refusal_other"))
        self.run_cron()
        self.assertFalse(self.case_soon.activity_ids)
        self.assertFalse(self.activities(self.case_overdue, self.overdue_type))

    def test_warning_period_is_configurable(self):
        self.env["ir.config_parameter"].sudo().set_param("tiep_cong_dan_truc_tuyen.deadline_warning_days", "0")
        self.run_cron()
        self.assertFalse(self.activities(self.case_soon, self.soon_type))
        self.run_cron("2026-11-23 01:00:00")
        self.assertEqual(len(self.activities(self.case_soon, self.soon_type)), 1)

    def test_wakes_up_when_a_deadline_comes_near_then_passes(self):
        cron = self.env.ref(f"{MODULE}.ir_cron_tcd_case_deadline_alert")
        # the answer due Monday 23/11 only
        answer = self.case_soon.deadline_ids.filtered(lambda deadline: deadline.due_date == date(2026, 11, 23))
        (self.env["tcd.case.deadline"].search([]) - answer).write({"soon_alerted": True, "overdue_alerted": True})
        # near two working days ahead: from Thursday 19/11, at 08:00 in Vietnam
        self.assertEqual(wakeups(cron, lambda: self.run_cron("2026-11-18 01:00:00")), [utc("2026-11-19 08:00")])
        self.assertFalse(answer.soon_alerted)
        # passed on Tuesday 24/11
        self.assertEqual(wakeups(cron, lambda: self.run_cron("2026-11-19 01:00:00")), [utc("2026-11-24 08:00")])
        self.assertTrue(answer.soon_alerted)
        self.assertEqual(wakeups(cron, lambda: self.run_cron("2026-11-24 01:00:00")), [])
        self.assertTrue(answer.overdue_alerted)
