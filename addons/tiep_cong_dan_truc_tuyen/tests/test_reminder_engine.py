from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from .common import MODULE, TcdCommon
from .session_common import utc


def wakeups(cron, call):
    """The times at which ``call()`` asks the scheduled action ``cron`` to wake up (ir.cron._trigger)."""
    Trigger = cron.env["ir.cron.trigger"]
    before = Trigger.search([("cron_id", "=", cron.id)])
    call()
    return sorted((Trigger.search([("cron_id", "=", cron.id)]) - before).mapped("call_at"))


@tagged("post_install", "-at_install")
class TestReminderEngine(TcdCommon):
    """The one reminder and escalation engine (tcd.reminder.mixin), seen through the deployment
    phases (both stages): what falls due is reminded once, escalated once when late, in batches that
    tell the cron runner what is left."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Phase = cls.env["tcd.deployment.phase"]
        cls.cron = cls.env.ref(f"{MODULE}.ir_cron_tcd_deployment_phase")
        cls.due_type = cls.env.ref(f"{MODULE}.mail_activity_type_tcd_phase_due")
        cls.overdue_type = cls.env.ref(f"{MODULE}.mail_activity_type_tcd_phase_overdue")
        # the other plans' phases (the demo's) out of the way
        cls.Phase.search([]).write({"reminded": True, "escalated": True})
        cls.plan = cls.env["tcd.deployment.plan"].create(
            {
                "name": "Kế hoạch triển khai xã A1",
                "agency_id": cls.commune_a1.id,
                "phase_ids": [
                    (0, 0, {"name": f"Nội dung {index}", "lead_agency_id": cls.commune_a1.id, "deadline": "2026-06-30"})
                    for index in range(5)
                ],
            }
        )
        cls.plan.action_start()
        cls.phases = cls.plan.phase_ids

    def run_cron(self, when):
        """Run the scheduled action at ``when``; return (done, remaining) as told to the cron runner."""
        progress = self.env["ir.cron.progress"].create({"cron_id": self.cron.id, "done": 0, "remaining": 0})
        with freeze_time(when):
            self.Phase.with_context(ir_cron_progress_id=progress.id)._cron_remind()
        return progress.done, progress.remaining

    def activities(self, records, activity_type):
        return records.activity_ids.filtered(lambda activity: activity.activity_type_id == activity_type)

    def test_one_reminder_then_one_escalation(self):
        # eight days before the deadline: nothing yet
        self.assertEqual(self.run_cron("2026-06-22 02:00:00"), (0, 0))
        self.assertFalse(self.phases.activity_ids)
        # a week before: each phase reminded, once however often the action runs
        self.assertEqual(self.run_cron("2026-06-23 02:00:00"), (5, 0))
        self.assertEqual(self.run_cron("2026-06-23 03:00:00"), (0, 0))
        self.assertEqual(self.run_cron("2026-06-29 02:00:00"), (0, 0))
        reminders = self.activities(self.phases, self.due_type)
        self.assertEqual(len(reminders), 5 * len(self.officer_a1 | self.technician_a1))
        self.assertTrue(all(self.phases.mapped("reminded")))
        self.assertFalse(self.activities(self.plan, self.overdue_type))
        # late the day after its deadline: escalated once, one alert listing the five
        self.assertEqual(self.run_cron("2026-07-01 02:00:00"), (5, 0))
        self.assertEqual(self.run_cron("2026-07-02 02:00:00"), (0, 0))
        alerts = self.activities(self.plan, self.overdue_type)
        self.assertEqual(alerts.user_id, self.officer_a1 | self.technician_a1)
        self.assertEqual(len(alerts), 2)
        self.assertEqual(alerts[0].summary, "5 phases overdue")
        self.assertEqual(len(self.activities(self.phases, self.due_type)), len(reminders), "reminded once only")

    def test_a_batch_tells_what_is_left(self):
        with patch.object(type(self.Phase), "_reminder_batch_size", 2):
            self.assertEqual(self.run_cron("2026-06-23 02:00:00"), (2, 3))
            self.assertEqual(self.run_cron("2026-06-23 02:01:00"), (2, 1))
            self.assertEqual(self.run_cron("2026-06-23 02:02:00"), (1, 0))
            self.assertEqual(len(self.activities(self.phases, self.due_type)), 5 * 2, "each phase reminded once")
            # the reminders and the escalations share a run's batch: the reminders first
            (self.phases[0] | self.phases[2]).deadline = "2026-07-03"
            self.phases[1].deadline = "2026-06-22"
            self.assertEqual(self.run_cron("2026-06-26 02:00:00"), (2, 1))
            self.assertFalse(self.phases[1].escalated)
            self.assertEqual(self.run_cron("2026-06-26 02:01:00"), (1, 0))
            self.assertTrue(self.phases[1].escalated)
            self.assertEqual(self.run_cron("2026-07-01 02:00:00"), (2, 0))
        self.assertEqual(self.phases.filtered("escalated"), self.phases[1] | self.phases[3] | self.phases[4])
        self.assertEqual(len(self.activities(self.phases, self.due_type)), 7 * 2, "reminded again of a new deadline")

    def test_wakes_up_at_the_next_time(self):
        # once the reminders are given, the next time is the day after the deadline, at 08:00 in Vietnam
        self.assertEqual(wakeups(self.cron, lambda: self.run_cron("2026-06-23 02:00:00")), [utc("2026-07-01 08:00")])
        # a deadline moved within the week: reminded at once, escalated the morning after it
        with freeze_time("2026-06-24 03:00:00"):
            moved = wakeups(self.cron, lambda: setattr(self.phases[0], "deadline", "2026-06-26"))
        self.assertEqual(moved, [utc("2026-06-24 10:00"), utc("2026-06-27 08:00")])
        self.assertEqual(wakeups(self.cron, lambda: self.run_cron("2026-06-24 03:00:00")), [utc("2026-06-27 08:00")])
        self.assertTrue(self.phases[0].reminded)
