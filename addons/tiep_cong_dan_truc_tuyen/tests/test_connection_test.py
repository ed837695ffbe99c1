from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .invitation_common import TcdInvitationCommon
from .session_common import local, utc


@tagged("post_install", "-at_install")
class TestConnectionTests(TcdInvitationCommon):
    """The connection tests of every point are planned at their steps; a failed test blocks the
    session until it is fixed and tested again, the point is dropped or the session postponed
    (Nghị định 154/2026/NĐ-CP Điều 23)."""

    def invited_session(self, start="2026-12-15 09:00", **vals):
        session = self.approved_session(start, points=self.point_a1 | self.point_a2, cases=self.case_a1, **vals)
        with freeze_time("2026-12-01 03:00:00"):
            session.action_notify_citizens()
            session.action_send_invitations()
        return session

    def planned(self, session, kind=None):
        return session.test_ids.filtered(lambda t: t.state == "planned" and (kind is None or t.kind == kind))

    def wizard(self, session, action, **vals):
        return (
            self.env["tcd.session.reason.wizard"]
            .create(dict({"session_ids": [(6, 0, session.ids)], "action": action}, **vals))
            .action_confirm()
        )

    def test_tests_are_planned_at_their_steps_and_follow_a_move(self):
        draft = self.make_session("2026-12-22 09:00", now="2026-12-01 03:00:00")
        self.assertFalse(draft.test_ids, "a draft session plans no test")
        session = self.approved_session(
            "2026-12-15 09:00", points=self.point_a1 | self.point_a2, rehearsal_at=utc("2026-12-14 15:00")
        )
        tests = self.planned(session)
        # the central point and the two delegate points, each with four tests
        self.assertEqual(len(tests), 12)
        self.assertEqual(tests.bridge_point_id, self.point_board_a | self.point_a1 | self.point_a2)
        for kind, code in (("day_before", "test_day"), ("two_hours", "test_2h"), ("final", "connected")):
            self.assertEqual({local(t.scheduled_at) for t in self.planned(session, kind)}, {self.due(session, code)})
        self.assertEqual({local(t.scheduled_at) for t in self.planned(session, "rehearsal")}, {"2026-12-14 15:00"})
        self.assertEqual(self.due(session, "test_day"), "2026-12-14 17:00")
        self.assertEqual(self.due(session, "connected"), "2026-12-15 08:00")
        # moved by a day: the same tests, at the new times; none twice
        with freeze_time("2026-12-02 03:00:00"):
            session.write({"start": utc("2026-12-16 09:00"), "stop": utc("2026-12-16 11:00")})
        self.assertEqual(len(self.planned(session)), 12)
        self.assertEqual({local(t.scheduled_at) for t in self.planned(session, "final")}, {"2026-12-16 08:00"})
        # a point added later gets its tests too
        with freeze_time("2026-12-02 03:00:00"):
            session.point_line_ids = [(0, 0, {"bridge_point_id": self.point_dept_a.id})]
        self.assertEqual(len(self.planned(session)), 16)

    def test_a_failed_test_blocks_the_session_until_tested_again(self):
        session = self.invited_session()
        self.assertEqual(session.state, "invited")
        with freeze_time("2026-12-14 02:00:00"):
            self.record_tests(session, "day_before", points=self.point_board_a | self.point_a1)
            with self.assertRaisesRegex(UserError, "Record the connection test of ĐC xã A2 first"):
                session.action_mark_tested()
            failed = self.record_tests(session, "day_before", result="failed", points=self.point_a2)
            self.assertEqual(session.failed_test_points, "ĐC xã A2")
            self.assertEqual(
                self.env["tcd.session.point"].search([("bridge_point_id", "=", self.point_a2.id)]).last_test_result,
                "failed",
            )
            with self.assertRaisesRegex(UserError, "failed at ĐC xã A2.*test again, drop the point.*postpone"):
                session.action_mark_tested()
            self.assertEqual(session.state, "invited")
            # the failure is on the session's chatter with its problems
            self.assertIn("Mất tiếng", session.message_ids[0].body)
        # fixed: the same test is planned again and passes
        with freeze_time("2026-12-14 03:00:00"):
            action = failed.action_retest()
            retest = self.env["tcd.connection.test"].browse(action["res_id"])
            self.assertEqual(
                (retest.state, retest.kind, retest.bridge_point_id), ("planned", "day_before", self.point_a2)
            )
            self.record_tests(session, "day_before", points=self.point_a2)
            self.assertFalse(session.failed_test_points)
            session.action_mark_tested()
        self.assertEqual(session.state, "tested")
        self.assertFalse(self.planned(session, "day_before"))
        # the final connection fails at A2 an hour before: not ready
        with freeze_time("2026-12-15 00:30:00"):
            self.record_tests(session, "two_hours")
            session.action_mark_test_2h()
            self.record_tests(session, "final", points=self.point_board_a | self.point_a1)
            self.record_tests(session, "final", result="failed", points=self.point_a2)
            with self.assertRaises(UserError):
                session.action_mark_ready()
            self.assertEqual(session.state, "tested")

            # A2 is dropped: its agency, which got its invitation, is told; its tests lapse, the others go on
            self.notices(session, "invitation").mail_id.send()
            line_a2 = session.point_line_ids.filtered(lambda line: line.bridge_point_id == self.point_a2)
            self.wizard(session, "drop", point_line_ids=[(6, 0, line_a2.ids)], reason="Mất kết nối đường truyền")
            self.assertFalse(line_a2.active)
            self.assertEqual(session.point_line_ids.bridge_point_id, self.point_a1)
            self.assertEqual(session.dropped_point_line_ids, line_a2)
            dropped = self.notices(session, "dropped")
            self.assertEqual((dropped.email, dropped.state), ("ubnd@a2.example.gov.vn", "queued"))
            self.assertIn("ĐC xã A2", dropped.mail_id.body_html)
            self.assertIn("Mất kết nối đường truyền", dropped.mail_id.body_html)
            self.assertIn("METHOD:CANCEL", dropped.mail_id.attachment_ids.raw.decode())
            session.action_mark_ready()
        self.assertEqual(session.state, "ready")

    def test_postponement_recomputes_the_milestones_and_queues_the_notices(self):
        session = self.invited_session()
        invitations = self.notices(session, "invitation") | self.notices(session, "citizen")
        self.assertEqual(len(invitations), 3)
        with freeze_time("2026-12-14 02:00:00"):
            self.record_tests(session, "day_before", points=self.point_board_a | self.point_a2)
            self.record_tests(session, "day_before", result="failed", points=self.point_a1)
            with self.assertRaises(UserError):
                session.action_mark_tested()
            self.wizard(session, "postpone", reason="Đường truyền tỉnh gián đoạn")
        self.assertEqual(session.state, "postponed")
        self.assertEqual(set(session.milestone_ids.mapped("state")) - {"done"}, {"cancelled"})
        self.assertFalse(self.planned(session))
        changes = self.notices(session, "change")
        self.assertEqual(len(changes), 3, "each unit and citizen notified is told")
        self.assertEqual(set(changes.mapped("state")), {"queued"})
        self.assertIn("Đường truyền tỉnh gián đoạn", changes[0].mail_id.body_html)
        # the new date: the lead times are computed again and everyone is told again
        with freeze_time("2026-12-15 02:00:00"):
            self.wizard(session, "reschedule", start=utc("2026-12-29 09:00"), stop=utc("2026-12-29 11:00"))
        self.assertEqual(session.state, "plan_approved")
        self.assertEqual(self.due(session, "test_day"), "2026-12-28 17:00")
        self.assertEqual(self.due(session, "invitation"), "2026-12-24 17:00")
        open_steps = session.milestone_ids.filtered(lambda m: m.state == "open")
        self.assertTrue(open_steps)
        self.assertTrue(all(m.due_at > utc("2026-12-15 09:00") for m in open_steps))
        self.assertEqual(len(self.notices(session, "change")), 6)
        self.assertEqual({local(t.scheduled_at) for t in self.planned(session, "final")}, {"2026-12-29 08:00"})
        self.assertEqual(len(self.planned(session)), 9)

    def test_units_and_technicians_record_the_tests_of_their_point(self):
        session = self.invited_session()
        self.point_a1.technician_ids = self.technician_a1
        line_a1 = session.point_line_ids.filtered(lambda line: line.bridge_point_id == self.point_a1)
        # the unit reports on the portal: the planned test of that kind is the one recorded
        with freeze_time("2026-12-14 01:30:00"):
            test = line_a1._portal_report_test(
                {"kind": "day_before", "sound": "good", "picture": "poor", "result": "passed",
                 "measured_bandwidth": 12.5, "tester": "Nguyễn Văn Kỹ", "problems": ""}
            )  # fmt: skip
        self.assertEqual(test.channel, "portal")
        self.assertEqual(test.state, "done")
        self.assertEqual(local(test.scheduled_at), "2026-12-14 17:00")
        self.assertEqual(len(session.test_ids.filtered(lambda t: t.bridge_point_id == self.point_a1)), 3)
        self.assertEqual(line_a1.last_test_result, "passed")
        # the technician's day: today's tests at the points they operate
        Test = self.env["tcd.connection.test"].with_user(self.technician_a1)
        day = [
            ("technician_ids", "in", self.technician_a1.id),
            ("state", "!=", "cancelled"),
            ("scheduled_at", ">=", utc("2026-12-15 00:00")),
            ("scheduled_at", "<", utc("2026-12-16 00:00")),
        ]
        today = Test.search(day)
        self.assertEqual(set(today.mapped("kind")), {"two_hours", "final"})
        self.assertEqual(today.bridge_point_id, self.point_a1)
        with freeze_time("2026-12-15 00:00:00"):
            today[0].write({"sound": "good", "picture": "good", "result": "passed"})
            today[0].action_record()
        self.assertEqual((today[0].state, today[0].tester), ("done", self.technician_a1.name))
        # the technician of A1 records nothing at A2
        test_a2 = self.planned(session, "final").filtered(lambda t: t.bridge_point_id == self.point_a2)
        with self.assertRaises(AccessError):
            test_a2.with_user(self.technician_a1).write({"result": "passed"})
        # a result without sound, picture and result is refused
        with self.assertRaisesRegex(UserError, "Record the sound, the picture and the result"):
            test_a2.action_record()
        self.assertEqual(test_a2.state, "planned")
        self.assertTrue(timedelta(0) < session.start - test_a2.scheduled_at <= timedelta(hours=1))
