from freezegun import freeze_time
from markupsafe import escape

from odoo.tests import tagged

from .common import MODULE
from .session_common import TcdSessionCommon, utc


@tagged("post_install", "-at_install")
class TestSessionMilestoneCron(TcdSessionCommon):
    """The scheduled action wakes up at each milestone and alerts once (Nghị định 154/2026/NĐ-CP Điều 23)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron = cls.env.ref(f"{MODULE}.ir_cron_tcd_session_milestone")
        cls.step_type = cls.env.ref(f"{MODULE}.mail_activity_type_tcd_milestone")
        cls.late_type = cls.env.ref(f"{MODULE}.mail_activity_type_tcd_milestone_late")

    def run_cron(self, when):
        with freeze_time(when):
            self.env["tcd.session.milestone"]._cron_remind()

    def activities(self, session, activity_type):
        return session.activity_ids.filtered(lambda activity: activity.activity_type_id == activity_type)

    def test_exact_triggers_are_scheduled(self):
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", self.cron.id)])
        session = self.make_session("2026-12-15 09:00", now="2026-12-01 03:00:00")
        new = self.env["ir.cron.trigger"].search([("cron_id", "=", self.cron.id)]) - triggers
        times = set(new.mapped("call_at"))
        for milestone in session.milestone_ids:
            self.assertIn(milestone.due_at, times, milestone.rule_id.name)
            self.assertIn(milestone.remind_at, times, milestone.rule_id.name)
        self.assertIn(utc("2026-12-10 17:00"), times)  # invitations, 3 working days before

    def test_reminder_once_then_escalation_once(self):
        session = self.make_session("2026-12-15 09:00", now="2026-12-01 03:00:00")
        invitation = session.milestone_ids.filtered(lambda m: m.rule_id.code == "invitation")
        # before its morning nothing happens
        self.run_cron("2026-12-10 00:30:00")
        self.assertFalse(invitation.reminded)
        # 10/12 08:30 in Vietnam: the host's officers get the step, twice run, once created
        self.run_cron("2026-12-10 01:30:00")
        self.run_cron("2026-12-10 01:31:00")
        self.assertTrue(invitation.reminded)
        steps = self.activities(session, self.step_type).filtered(lambda a: a.summary == invitation.rule_id.name)
        # the officers of the host agency (leaders are officers too)
        self.assertEqual(steps.user_id, self.province_officer_a | self.leader_b)
        self.assertEqual(len(steps), 2)
        self.assertEqual({str(day) for day in steps.mapped("date_deadline")}, {"2026-12-10"})
        # the notice to the citizens, due on 08/12, is already late; the invitations not yet
        late = self.activities(session, self.late_type)
        self.assertFalse(late.filtered(lambda a: invitation.rule_id.name in a.summary))
        self.assertEqual(len(late), 2)
        # after 17:00 the step is late: the chair is alerted, once
        self.run_cron("2026-12-10 10:30:00")
        self.run_cron("2026-12-10 11:00:00")
        late = self.activities(session, self.late_type)
        self.assertIn(self.leader_a, late.user_id)
        self.assertEqual(len(late.filtered(lambda a: invitation.rule_id.name in a.summary)), 2)  # chair + leader_b
        self.assertEqual(late.user_id, self.leader_a | self.leader_b)
        self.assertTrue(invitation.escalated)

    def test_each_assignee_gets_one_mail_listing_her_steps(self):
        """One queued mail per assignee and run, not one per activity (issue 21: 12 queries per reminder)."""
        session = self.make_session("2026-12-15 09:00", now="2026-12-01 03:00:00")
        self.province_officer_a.write({"lang": "en_US", "email": "officer.a@example.gov.vn"})
        before = self.env["mail.mail"].search([])
        self.run_cron("2026-12-10 01:30:00")
        steps = session.activity_ids.filtered(
            lambda activity: (
                activity.user_id == self.province_officer_a
                and activity.activity_type_id in self.step_type | self.late_type
            )
        )
        self.assertGreaterEqual(len(steps), 2)
        mails = (self.env["mail.mail"].search([]) - before).filtered(
            lambda mail: self.province_officer_a.partner_id in mail.recipient_ids
        )
        self.assertEqual(len(mails), 1)
        self.assertEqual(mails.state, "outgoing")
        self.assertEqual(mails.subject, f"Citizen reception sessions: {len(steps)} steps to do")
        for step in steps:
            self.assertIn(escape(step.summary), mails.body_html)
        self.assertIn(session.name, mails.body_html)
        self.assertIn(f"/mail/view?model=tcd.session&amp;res_id={session.id}", mails.body_html)
        self.assertIn("due 12/10/2026", mails.body_html)

    def test_done_step_is_not_alerted_and_closes_its_activity(self):
        session = self.make_session("2026-12-15 09:00", now="2026-12-01 03:00:00")
        session.plan_document = b"UExBTg=="
        self.run_cron("2026-12-10 01:30:00")  # plan (10/12 17:00) and invitations reminded
        plan = session.milestone_ids.filtered(lambda m: m.rule_id.code == "plan")
        self.assertEqual(plan.activity_ids.user_id, self.province_officer_a | self.leader_b)
        with freeze_time("2026-12-10 02:00:00"):
            session.action_submit_plan()
        self.assertEqual(plan.state, "done")
        self.assertFalse(plan.activity_ids.exists())
        self.run_cron("2026-12-10 11:00:00")
        self.assertFalse(plan.escalated)

    def test_cost_grows_with_due_milestones_not_sessions(self):
        # only the open milestones past their time are read: a far session costs nothing
        self.make_session("2027-06-15 09:00", now="2026-12-01 03:00:00")
        session = self.make_session("2026-12-15 09:00", now="2026-12-01 03:00:00")
        self.run_cron("2026-12-10 01:30:00")
        far = self.env["tcd.session.milestone"].search([("session_id.start", ">", utc("2027-01-01 00:00"))])
        self.assertFalse(any(far.mapped("reminded")))
        self.assertTrue(session.milestone_ids.filtered("reminded"))

    def test_next_wakeup_is_triggered(self):
        self.make_session("2026-12-15 09:00", now="2026-12-01 03:00:00")
        Trigger = self.env["ir.cron.trigger"]
        Trigger.search([("cron_id", "=", self.cron.id)]).unlink()
        self.run_cron("2026-12-10 01:30:00")
        # the next moment is the plan's and the invitations' due time, 10/12 17:00
        self.assertEqual(Trigger.search([("cron_id", "=", self.cron.id)]).mapped("call_at"), [utc("2026-12-10 17:00")])
