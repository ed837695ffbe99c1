from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import MODULE
from .session_common import TcdSessionCommon, local, utc


@tagged("post_install", "-at_install")
class TestSessionLeadTime(TcdSessionCommon):
    """Milestone due dates on the Vietnamese working-day calendar (Nghị định 154/2026/NĐ-CP Điều 23)."""

    def test_one_milestone_per_rule(self):
        session = self.make_session("2026-03-10 09:00")
        self.assertEqual(
            sorted(session.milestone_ids.rule_id.mapped("code")),
            sorted(["plan", "notify", "invitation", "test_day", "test_2h", "connected"]),
        )
        self.assertTrue(session.name.startswith("BT/2026/"))

    def test_due_dates_across_tet(self):
        # Tết 2026: Monday 16/02 to Friday 20/02 off, with the weekends around it
        session = self.make_session("2026-02-24 09:00")
        self.assertEqual(self.due(session, "test_day"), "2026-02-23 17:00")
        self.assertEqual(self.due(session, "invitation"), "2026-02-12 17:00")  # 23/02, 13/02, 12/02
        self.assertEqual(self.due(session, "notify"), "2026-02-10 17:00")
        # 5 calendar days before is Thursday 19/02, a Tết day: brought back to Friday 13/02
        self.assertEqual(self.due(session, "plan"), "2026-02-13 17:00")

    def test_due_dates_count_the_swapped_saturday(self):
        # Saturday 22/08/2026 is worked in exchange for Monday 31/08
        session = self.make_session("2026-08-25 09:00", now="2026-08-01 01:00:00")
        self.assertEqual(self.due(session, "test_day"), "2026-08-24 17:00")
        self.assertEqual(self.due(session, "invitation"), "2026-08-21 17:00")  # 24/08, Sat 22/08, 21/08
        self.assertEqual(self.due(session, "notify"), "2026-08-19 17:00")
        monday = self.make_session("2026-08-24 09:00", now="2026-08-01 01:00:00", chair_id=self.leader_b.id,
                              central_point_id=self.point_central.id, points=self.point_a2)  # fmt: skip
        self.assertEqual(self.due(monday, "test_day"), "2026-08-22 17:00")

    def test_due_dates_around_national_day(self):
        # 31/08 (exchanged), 01/09 and 02/09/2026 are off
        session = self.make_session("2026-09-03 09:00", now="2026-08-01 01:00:00")
        self.assertEqual(self.due(session, "test_day"), "2026-08-28 17:00")
        self.assertEqual(self.due(session, "invitation"), "2026-08-26 17:00")
        self.assertEqual(self.due(session, "notify"), "2026-08-24 17:00")  # 28, 27, 26, 25, 24
        # 5 calendar days before is Saturday 29/08: brought back to Friday 28/08
        self.assertEqual(self.due(session, "plan"), "2026-08-28 17:00")

    def test_hours_before_a_monday_morning_session(self):
        session = self.make_session("2026-12-07 08:00", now="2026-11-02 01:00:00")
        self.assertEqual(self.due(session, "test_2h"), "2026-12-07 06:00")
        self.assertEqual(self.due(session, "connected"), "2026-12-07 07:00")
        self.assertEqual(self.due(session, "test_day"), "2026-12-04 17:00")
        # the reminder of an hour step comes half an hour before it, that of a day step on its morning
        test_2h = session.milestone_ids.filtered(lambda m: m.rule_id.code == "test_2h")
        self.assertEqual(local(test_2h.remind_at), "2026-12-07 05:30")
        test_day = session.milestone_ids.filtered(lambda m: m.rule_id.code == "test_day")
        self.assertEqual(local(test_day.remind_at), "2026-12-04 08:00")

    def test_the_rules_in_force_on_the_session_day(self):
        """Nghị định 154/2026/NĐ-CP Chương V is in force from 01/07/2026: a session held from that day follows
        its Điều 23, one held before it the seeds' regulations; a session moved across follows its new day."""
        june = self.make_session("2026-06-30 09:00", now="2026-06-01 01:00:00")
        july = self.make_session("2026-07-02 09:00", now="2026-06-01 01:00:00", points=self.point_a2)
        for code in ("notify", "test_day", "connected"):
            self.assertEqual(june.milestone_ids.filtered(lambda m, code=code: m.rule_id.code == code).rule_id,
                             self.rule[code])  # fmt: skip
            decree = july.milestone_ids.filtered(lambda m, code=code: m.rule_id.code == code).rule_id
            self.assertEqual(decree, self.env.ref(f"{MODULE}.lead_time_rule_{code}_nd154"))
            self.assertIn("Nghị định 154/2026/NĐ-CP Điều 23", decree.source)
        self.assertNotIn("Nghị định 154", self.rule["notify"].source)
        self.assertEqual(july.milestone_ids.rule_id.mapped("code").count("notify"), 1)
        with freeze_time("2026-06-01 01:00:00"):
            june.write({"start": utc("2026-07-07 09:00"), "stop": utc("2026-07-07 11:00")})
        notify = june.milestone_ids.filtered(lambda m: m.rule_id.code == "notify")
        self.assertEqual(notify.rule_id, self.env.ref(f"{MODULE}.lead_time_rule_notify_nd154"))
        self.assertEqual(self.due(june, "notify"), "2026-06-30 17:00")
        self.assertEqual(len(june.milestone_ids), 6, "one milestone per step")

    def test_two_rules_of_a_step_cannot_be_in_force_the_same_day(self):
        with self.assertRaises(ValidationError) as caught:
            self.rule["notify"].date_to = "2026-07-15"
        self.assertIn("two rules in force on the same days", str(caught.exception))

    def test_rules_are_configuration(self):
        self.rule["invitation"].write({"offset": 5})
        session = self.make_session("2026-08-25 09:00", now="2026-08-01 01:00:00")
        self.assertEqual(self.due(session, "invitation"), "2026-08-19 17:00")
        self.rule["test_2h"].active = False
        other = self.make_session("2026-09-15 09:00", now="2026-08-01 01:00:00")
        self.assertNotIn("test_2h", other.milestone_ids.rule_id.mapped("code"))

    def test_too_early_session_is_refused_with_earliest_date(self):
        # now: Tuesday 01/12/2026 10:00 in Vietnam
        with self.assertRaises(ValidationError) as caught:
            self.make_session("2026-12-03 09:00", now="2026-12-01 03:00:00")
        message = str(caught.exception)
        self.assertIn("Send the invitations to the heads of the agencies", message)
        self.assertIn("Notify the citizens and the agencies taking part", message)
        self.assertIn("Quy chế TCD trực tuyến tỉnh Quảng Ngãi Điều 7 khoản 1 điểm b", message)
        self.assertNotIn("2 hours before", message)  # not blocking
        # 5 working days after Tuesday 01/12: 02, 03, 04, 07, 08/12
        self.assertIn("08/12/2026 00:00", message)
        # the earliest date works
        session = self.make_session("2026-12-08 09:00", now="2026-12-01 03:00:00")
        self.assertEqual(self.due(session, "notify"), "2026-12-01 17:00")

    def test_moving_too_early_is_refused(self):
        session = self.make_session("2026-12-15 09:00", now="2026-12-01 03:00:00")
        with freeze_time("2026-12-01 03:00:00"), self.assertRaises(ValidationError):
            session.write({"start": utc("2026-12-02 09:00"), "stop": utc("2026-12-02 11:00")})

    def test_leader_override_for_ad_hoc_session(self):
        reason = "Vụ việc đông người, cần tiếp ngay theo chỉ đạo của Chủ tịch UBND tỉnh"
        with self.assertRaises(ValidationError):  # a periodic session cannot be overridden
            self.make_session("2026-12-03 09:00", now="2026-12-01 03:00:00", user=self.leader_a, override_reason=reason)
        with self.assertRaises(AccessError):
            self.make_session(
                "2026-12-03 09:00", now="2026-12-01 03:00:00", user=self.province_officer_a, kind="ad_hoc",
                override_reason=reason,
            )  # fmt: skip
        session = self.make_session(
            "2026-12-03 09:00", now="2026-12-01 03:00:00", user=self.leader_a, kind="ad_hoc", override_reason=reason
        )
        self.assertEqual(session.override_reason, reason)
        self.assertEqual(session.override_by_id, self.leader_a)
        self.assertTrue(session.override_date)
        late = session.milestone_ids.filtered("waived")
        self.assertEqual(sorted(late.rule_id.mapped("code")), ["invitation", "notify", "plan"])

    def test_rescheduling_reopens_the_steps_to_redo(self):
        session = self.make_session("2026-12-15 09:00", now="2026-12-01 03:00:00")
        session.plan_document = b"UExBTg=="
        with freeze_time("2026-12-02 03:00:00"):
            session.action_submit_plan()
            session.with_user(self.leader_a).action_approve_plan()
            session.action_notify_citizens()
            session.action_send_invitations()
        self.assertEqual(session.state, "invited")
        done = session.milestone_ids.filtered(lambda m: m.state == "done").rule_id.mapped("code")
        self.assertEqual(sorted(done), ["invitation", "notify", "plan"])
        with freeze_time("2026-12-03 03:00:00"):
            session.write({"start": utc("2026-12-22 09:00"), "stop": utc("2026-12-22 11:00")})
        states = {m.rule_id.code: m.state for m in session.milestone_ids}
        self.assertEqual(states["plan"], "done")  # the approved plan stays valid
        self.assertEqual(states["notify"], "open")
        self.assertEqual(states["invitation"], "open")
        self.assertEqual(session.state, "plan_approved")
        self.assertEqual(self.due(session, "invitation"), "2026-12-17 17:00")

    def test_postpone_then_reschedule(self):
        session = self.make_session("2026-12-15 09:00", now="2026-12-01 03:00:00")
        wizard = self.env["tcd.session.reason.wizard"].create(
            {"session_ids": [(6, 0, session.ids)], "action": "postpone", "reason": "Bão số 15"}
        )
        wizard.action_confirm()
        self.assertEqual(session.state, "postponed")
        with self.assertRaises(UserError):  # moved only through Reschedule
            session.with_user(self.province_officer_a).write(
                {"start": utc("2027-01-12 09:00"), "stop": utc("2027-01-12 11:00")}
            )
        self.assertEqual(session.postpone_reason, "Bão số 15")
        self.assertEqual(set(session.milestone_ids.mapped("state")), {"cancelled"})
        with freeze_time("2026-12-10 03:00:00"):
            with self.assertRaises(ValidationError):  # too early
                session._reschedule(utc("2026-12-14 09:00"), utc("2026-12-14 11:00"))
            session._reschedule(utc("2027-01-12 09:00"), utc("2027-01-12 11:00"))
        self.assertEqual(session.state, "draft")
        self.assertEqual(set(session.milestone_ids.mapped("state")), {"open"})
        self.assertEqual(self.due(session, "invitation"), "2027-01-07 17:00")

    def test_state_changes_only_through_buttons(self):
        session = self.make_session("2026-12-15 09:00", now="2026-12-01 03:00:00")
        for user in (self.province_officer_a, self.leader_a):
            with self.assertRaises(UserError):
                session.with_user(user).write({"state": "ready"})
