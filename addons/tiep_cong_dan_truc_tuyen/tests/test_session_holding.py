from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import MODULE
from .invitation_common import TcdInvitationCommon

APPROVAL = f"{MODULE}.mail_activity_type_tcd_approval"


@tagged("post_install", "-at_install")
class TestSessionHolding(TcdInvitationCommon):
    """The steps of the day of a session are recorded when they happen: a session starting at 09:00 on
    15/12/2026 (02:00 UTC) takes its 2-hour test and final connection from 06:00 that day, starts from 08:30
    and not after its end at 11:00; a leader may allow it otherwise with a written reason."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.session = cls.approved_session("2026-12-15 09:00", points=cls.point_a1 | cls.point_a2)
        with freeze_time("2026-12-01 03:00:00"):
            cls.session.action_send_invitations()
        with freeze_time("2026-12-14 02:00:00"):
            cls.record_tests(cls.session, "day_before")
            cls.session.action_mark_tested()

    def hold(self, at):
        """Take the 2-hour test, connect and start the session at the UTC time ``at``."""
        with freeze_time(at):
            self.record_tests(self.session, "two_hours")
            self.session.action_mark_test_2h()
            self.record_tests(self.session, "final")
            self.session.action_mark_ready()
            self.session.action_start()

    def test_a_session_a_week_ahead_cannot_be_held_today(self):
        with freeze_time("2026-12-08 02:00:00"), self.assertRefused(UserError, "recorded from 15/12/2026 06:00"):
            self.record_tests(self.session, "two_hours")
            self.session.action_mark_test_2h()
        self.assertFalse(self.session.test_2h_date)
        with freeze_time("2026-12-14 22:30:00"), self.assertRefused(UserError, "final connection"):
            self.session.action_mark_ready()
        self.assertEqual(self.session.state, "tested")

    def test_the_steps_of_the_day_open_hours_before_and_the_start_minutes_before(self):
        with freeze_time("2026-12-14 23:30:00"):
            self.record_tests(self.session, "two_hours")
            self.session.action_mark_test_2h()
            self.record_tests(self.session, "final")
            self.session.action_mark_ready()
            with self.assertRefused(UserError, "The start of .* is recorded from 15/12/2026 08:30"):
                self.session.action_start()
        self.assertEqual(self.session.state, "ready")
        with freeze_time("2026-12-15 01:35:00"):
            self.session.action_start()
        self.assertEqual(self.session.state, "in_progress")
        self.assertEqual(str(self.session.actual_start), "2026-12-15 01:35:00")

    def test_the_settings_widen_the_window(self):
        self.env["ir.config_parameter"].set_param(f"{MODULE}.day_steps_hours", "5")
        self.env["ir.config_parameter"].set_param(f"{MODULE}.start_early_minutes", "90")
        self.hold("2026-12-15 00:30:00")
        self.assertEqual(self.session.state, "in_progress")

    def test_presence_is_recorded_at_the_session_only(self):
        line_a1 = self.session.point_line_ids.filtered(lambda line: line.bridge_point_id == self.point_a1)
        with self.assertRefused(ValidationError, "recorded once .* has started"):
            line_a1.with_user(self.province_officer_a).write({"presence": "connected"})
        self.hold("2026-12-15 01:40:00")
        self.session.with_user(self.province_officer_a).write(
            {"attendance_line_ids": [Command.update(line_a1.id, {"presence": "late"})]}
        )
        self.assertEqual(line_a1.presence, "late")

    def test_a_session_past_its_end_is_postponed_not_held(self):
        with freeze_time("2026-12-15 04:30:00"), self.assertRefused(UserError, "was to end at 15/12/2026 11:00"):
            self.session.action_mark_test_2h()

    def test_a_leader_allows_an_early_session_with_a_reason_kept(self):
        reason = "Lãnh đạo đi công tác chiều 15/12: tiếp công dân sớm theo chỉ đạo"
        with self.assertRefused(AccessError, "Only a leader"):
            self.session.with_user(self.province_officer_a).write({"holding_override_reason": reason})
        with freeze_time("2026-12-10 02:00:00"):
            # tracked as it is outside the tests (their fixture turns the tracking off)
            self.session.with_user(self.leader_a).with_context(tracking_disable=False).write(
                {"holding_override_reason": reason}
            )
        self.env.cr.precommit.run()  # the tracking, as at the end of the request
        self.assertEqual(self.session.holding_override_by_id, self.leader_a)
        self.assertEqual(str(self.session.holding_override_date), "2026-12-10 02:00:00")
        self.assertIn(
            reason,
            self.session.message_ids.tracking_value_ids.filtered(
                lambda value: value.field_id.name == "holding_override_reason"
            ).mapped("new_value_text"),
        )
        self.hold("2026-12-10 03:00:00")
        self.assertEqual(self.session.state, "in_progress")
        with self.assertRefused(AccessError, "Only a leader"):
            self.session.with_user(self.province_officer_a).write({"holding_override_reason": False})

    def test_a_point_reporting_not_ready_stops_the_final_connection(self):
        line_a2 = self.session.point_line_ids.filtered(lambda line: line.bridge_point_id == self.point_a2)
        line_a2._portal_report_readiness("not_ready", "Mất điện tại hội trường")
        self.assertIn("ĐC xã A2 (its unit reported not ready)", self.session.unready_points)
        with freeze_time("2026-12-15 00:30:00"):
            self.record_tests(self.session, "two_hours")
            self.session.action_mark_test_2h()
            self.record_tests(self.session, "final")
            with self.assertRefused(UserError, "ĐC xã A2 reported on the portal that they are not ready"):
                self.session.action_mark_ready()
            line_a2._portal_report_readiness("ready", "Đã có điện")
            self.session.action_mark_ready()
        self.assertEqual(self.session.state, "ready")


@tagged("post_install", "-at_install")
class TestSessionPlanApproval(TcdInvitationCommon):
    """A submitted plan gives its chair an activity to approve it; the decision closes it, and closing a held
    session withdraws what was left to do."""

    def test_the_chair_is_asked_to_approve_the_plan(self):
        session = self.make_session("2026-12-15 09:00")
        session.plan_document = b"UExBTg=="
        with freeze_time("2026-12-01 03:00:00"):
            session.action_submit_plan()
        activity = session.activity_ids.filtered(lambda activity: activity.activity_type_id == self.env.ref(APPROVAL))
        self.assertEqual(activity.user_id, self.leader_a)
        self.assertEqual(activity.summary, f"Approve the plan of {session.display_name}")
        self.assertIn("15/12/2026 09:00", activity.note)
        session.with_user(self.leader_a).action_return_plan()
        self.assertFalse(
            session.activity_ids.filtered(lambda activity: activity.activity_type_id == self.env.ref(APPROVAL)),
            "the decision closes it",
        )

    def test_a_chair_without_an_agency_is_not_offered(self):
        chairs = self.env["res.users"].search(
            self.env["tcd.session"]._fields["chair_id"].get_domain_list(self.env["tcd.session"])
        )
        self.assertIn(self.leader_a, chairs)
        self.assertFalse(chairs.filtered(lambda user: not user.tcd_agency_id), "no Mitchell Admin")
