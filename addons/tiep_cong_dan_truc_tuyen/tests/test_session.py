import io

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import MODULE
from .session_common import TcdSessionCommon


@tagged("post_install", "-at_install")
class TestSessionCapacity(TcdSessionCommon):
    """Capacity of the central point and double booking."""

    def test_too_many_delegate_points(self):
        self.point_board_a.max_points = 2
        with self.assertRaises(ValidationError) as caught:
            self.make_session("2026-03-10 09:00", points=self.point_a1 | self.point_a2 | self.point_dept_a)
        self.assertIn("ĐC Ban TCD tỉnh A", str(caught.exception))
        self.assertIn("at most 2", str(caught.exception))
        self.make_session("2026-03-10 09:00", points=self.point_a1 | self.point_a2)

    def test_bandwidth_of_the_central_line(self):
        self.point_board_a.measured_bandwidth = 8.0
        with self.assertRaises(ValidationError) as caught:
            self.make_session("2026-03-10 09:00", points=self.point_a1 | self.point_a2)
        message = str(caught.exception)
        self.assertIn("10.0 Mb/s", message)
        self.assertIn("8.0 Mb/s", message)
        self.assertIn("ĐC Ban TCD tỉnh A", message)

    def test_adding_a_point_line_is_checked_too(self):
        self.point_board_a.max_points = 1
        session = self.make_session("2026-03-10 09:00")
        with self.assertRaises(ValidationError):
            self.env["tcd.session.point"].create({"session_id": session.id, "bridge_point_id": self.point_a2.id})

    def test_chair_cannot_chair_two_overlapping_sessions(self):
        first = self.make_session("2026-03-10 09:00", "2026-03-10 11:00")
        with self.assertRaises(ValidationError) as caught:
            self.make_session(
                "2026-03-10 10:30", "2026-03-10 12:00", points=self.point_a2, central_point_id=self.point_central.id
            )
        self.assertIn(first.name, str(caught.exception))
        self.assertIn(self.leader_a.name, str(caught.exception))
        # back to back is fine
        self.make_session(
            "2026-03-10 11:00", "2026-03-10 12:00", points=self.point_a2, central_point_id=self.point_central.id
        )

    def test_point_cannot_be_in_two_overlapping_sessions(self):
        first = self.make_session("2026-03-10 09:00", "2026-03-10 11:00")
        with self.assertRaises(ValidationError) as caught:
            self.make_session(
                "2026-03-10 10:00",
                "2026-03-10 12:00",
                chair_id=self.leader_b.id,
                central_point_id=self.point_central.id,
            )
        self.assertIn("ĐC xã A1", str(caught.exception))
        self.assertIn(first.name, str(caught.exception))

    def test_cancelled_session_frees_its_points(self):
        first = self.make_session("2026-03-10 09:00", "2026-03-10 11:00")
        first._cancel("Thay đổi kế hoạch")
        self.make_session("2026-03-10 09:00", "2026-03-10 11:00")

    def test_chair_must_be_a_leader(self):
        with self.assertRaises(ValidationError):
            self.make_session("2026-03-10 09:00", chair_id=self.province_officer_a.id)

    def test_only_approved_cases_on_the_agenda(self):
        session = self.make_session("2026-03-10 09:00")
        case = self.case(self.citizen_a1, self.commune_a1, ground_ids=[(6, 0, self.ground.ids)])
        with self.assertRaises(ValidationError):
            session.write({"case_line_ids": [(0, 0, {"case_id": case.id})]})
        case.action_propose()
        case.with_user(self.leader_a1).action_approve()
        session.write({"case_line_ids": [(0, 0, {"case_id": case.id, "attendance_point_id": self.point_a1.id})]})
        with self.assertRaises(ValidationError):  # not a point of the session
            session.case_line_ids.attendance_point_id = self.point_b1


@tagged("post_install", "-at_install")
class TestSessionWorkflow(TcdSessionCommon):
    def test_plan_approval_participants_and_coordination_tasks(self):
        session = self.make_session("2026-03-10 09:00", points=self.point_a1 | self.point_dept_a)
        with self.assertRaises(Exception):  # noqa: B017 - the plan document is required
            session.action_submit_plan()
        session.plan_document = b"UExBTg=="
        with freeze_time("2026-01-06 02:00:00"):
            session.action_submit_plan()
            self.assertTrue(session.participant_ids)
            central_roles = session.participant_ids.filtered(lambda p: not p.point_line_id).mapped("role")
            self.assertTrue(any("chủ trì" in role for role in central_roles), central_roles)
            self.assertTrue(
                session.participant_ids.filtered(lambda p: p.point_line_id.bridge_point_id == self.point_a1)
            )
            with self.assertRaises(AccessError):
                session.with_user(self.province_officer_a).action_approve_plan()
            session.with_user(self.leader_a).action_approve_plan()
        self.assertEqual(session.state, "plan_approved")
        self.assertEqual(session.plan_approved_by_id, self.leader_a)
        plan = session.milestone_ids.filtered(lambda m: m.rule_id.code == "plan")
        self.assertEqual(plan.state, "done")
        self.assertTrue(plan.done_by_id)
        # the coordination tasks of the province procedure went to the matching agencies' officers
        duty_type = self.env.ref(f"{MODULE}.mail_activity_type_tcd_duty")
        activities = session.activity_ids.filtered(lambda a: a.activity_type_id == duty_type)
        self.assertTrue(activities)
        self.assertIn(self.province_officer_a, activities.user_id)
        count = len(activities)
        self.env["tcd.duty.task"]._schedule_duties(session)  # idempotent
        self.assertEqual(len(session.activity_ids.filtered(lambda a: a.activity_type_id == duty_type)), count)

    def test_full_workflow_closes_milestones(self):
        session = self.make_session("2026-03-10 09:00")
        session.plan_document = b"UExBTg=="
        with freeze_time("2026-03-02 02:00:00"):
            session.action_submit_plan()
            session.with_user(self.leader_a).action_approve_plan()
            session.action_notify_citizens()
            session.action_send_invitations()
        with freeze_time("2026-03-09 02:00:00"):
            self.record_tests(session, "day_before")
            session.action_mark_tested()
        with freeze_time("2026-03-10 00:30:00"):
            self.record_tests(session, "two_hours")
            session.action_mark_test_2h()
            self.record_tests(session, "final")
            session.action_mark_ready()
        self.assertEqual(set(session.milestone_ids.mapped("state")), {"done"})
        self.assertEqual(session.milestone_progress, 100.0)
        self.assertFalse(session.next_milestone_id)
        with freeze_time("2026-03-10 02:00:00"):
            session.action_start()
        with freeze_time("2026-03-10 04:00:00"):
            session.action_end()
        self.assertTrue(session.duty_activity_ids, "the coordination tasks are still open")
        with self.assertRaisesRegex(UserError, "Store the recording"):
            session.action_close()
        recording = self.env["tcd.session.recording"].create(
            {"name": "Ghi hình", "session_id": session.id, "point_id": session.central_point_id.id}
        )
        recording._store_file(io.BytesIO(b"\x00\x00\x00\x18ftypmp42"), "ghi-hinh.mp4", "video/mp4")
        session.action_close()
        self.assertEqual(session.state, "closed")
        self.assertFalse(session.activity_ids, "closing the session withdraws what was left to do")


@tagged("post_install", "-at_install")
class TestSessionScope(TcdSessionCommon):
    """A commune sees its own sessions and those its points take part in."""

    def test_commune_officer_scope(self):
        self.point_a1.is_central = True
        own = self.make_session(
            "2026-03-12 08:00",
            points=self.point_dept_a,
            subject="Tiếp công dân của Chủ tịch UBND xã A1",
            agency_id=self.commune_a1.id,
            chair_id=self.leader_a1.id,
            central_point_id=self.point_a1.id,
        )
        joined = self.make_session("2026-03-10 09:00", points=self.point_a1)
        other = self.make_session("2026-03-11 09:00", points=self.point_a2)
        other_province = self.make_session(
            "2026-03-11 09:00", points=self.point_b1, chair_id=self.leader_b.id, central_point_id=self.point_central.id,
            agency_id=self.central.id,
        )  # fmt: skip
        visible = self.env["tcd.session"].with_user(self.officer_a1).search([])
        self.assertIn(own, visible)
        self.assertIn(joined, visible)
        self.assertNotIn(other, visible)
        self.assertNotIn(other_province, visible)
        # the milestones follow their session
        milestones = self.env["tcd.session.milestone"].with_user(self.officer_a1).search([])
        self.assertEqual(milestones.session_id, own | joined)
        # a delegate point's agency reads the session but does not manage it
        with self.assertRaises(AccessError):
            joined.with_user(self.officer_a1).write({"subject": "Sửa"})
        own.with_user(self.officer_a1).write({"subject": "Tiếp công dân định kỳ của xã A1"})
        # the province officer sees all the sessions of the province
        province = self.env["tcd.session"].with_user(self.province_officer_a).search([])
        self.assertTrue((own | joined | other) <= province)
        self.assertNotIn(other_province, province)
        self.assertEqual(own.host_level, "commune")
