from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import MODULE
from .invitation_common import TcdInvitationCommon

APPROVAL = f"{MODULE}.mail_activity_type_tcd_approval"
SESSION_URL = "/odoo"


@tagged("post_install", "-at_install")
class TestSessionDayTour(HttpCase, TcdInvitationCommon):
    """The day of a session, clicked through the web client by the people who hold it: the host's officer starts
    it, records the points' presence and the participants present, the central point's technician notes an
    incident, the officer writes the minutes and an instruction and ends it, the technician uploads the recording,
    the chair issues the conclusion notice and the officer closes the file; and the leaders' approvals reached from
    the activities of the top bar."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        g = f"{MODULE}.group_tcd_"

        def user(login, groups, agency):
            return new_test_user(cls.env, login=login, groups=groups, tcd_agency_id=agency.id, lang="en_US")

        # the host is the province's reception board, whose central point the technician operates
        cls.day_officer = user("tour_day_officer", g + "province_officer", cls.board_a)
        cls.day_technician = user("tour_day_technician", g + "technician", cls.board_a)
        cls.day_leader = user("tour_day_leader", g + "leader," + g + "province_officer", cls.prov_a)
        cls.point_board_a.technician_ids = cls.day_technician

    def prepare_session(self, subject, minutes=20):
        """A session of the board starting ``minutes`` from now, real time, prepared up to "ready": the plan
        approved, the invitations sent, the three tests passed, all points connected."""
        start = fields.Datetime.now().replace(second=0, microsecond=0) + timedelta(minutes=minutes)
        # an ad hoc session this close cannot meet the lead times: its chair overrides them in writing
        session = (
            self.env["tcd.session"]
            .with_user(self.day_leader)
            .create(
                {
                    "subject": subject,
                    "agency_id": self.board_a.id,
                    "chair_id": self.day_leader.id,
                    "kind": "ad_hoc",
                    "override_reason": "Tour: đoàn công dân đông người, tiếp ngay theo chỉ đạo",
                    "start": start,
                    "stop": start + timedelta(hours=2),
                    "central_point_id": self.point_board_a.id,
                    "point_line_ids": [(0, 0, {"bridge_point_id": p.id}) for p in self.point_a1 | self.point_a2],
                    "case_line_ids": [(0, 0, {"case_id": self.case_a1.id, "attendance_point_id": self.point_a1.id})],
                }
            )
            .with_user(self.day_officer)
        )
        line_a1, line_a2 = (
            session.point_line_ids.filtered(lambda line, point=point: line.bridge_point_id == point)
            for point in (self.point_a1, self.point_a2)
        )
        session.participant_ids = [
            (0, 0, {"role": "Chủ trì", "name": "Tour Lãnh đạo chủ trì"}),
            (0, 0, {"point_line_id": line_a1.id, "role": "Đại diện UBND xã", "name": "Tour Đại biểu xã A1"}),
            (0, 0, {"point_line_id": line_a2.id, "role": "Đại diện UBND xã", "name": "Tour Đại biểu xã A2"}),
        ]
        session.plan_document = b"UExBTg=="
        session.action_submit_plan()
        return session, line_a1, line_a2

    def make_ready(self, session):
        session.with_user(self.day_leader).action_approve_plan()
        session.action_send_invitations()
        self.record_tests(session, "day_before")
        session.action_mark_tested()
        self.record_tests(session, "two_hours")
        session.action_mark_test_2h()
        self.record_tests(session, "final")
        session.action_mark_ready()
        self.assertEqual(session.state, "ready")

    def test_the_day_of_a_session(self):
        session, line_a1, line_a2 = self.prepare_session("Tour: tiếp công dân đột xuất")
        self.make_ready(session)
        url = f"/odoo/action-{MODULE}.tcd_session_action"

        # the officer opens the session from the menu, starts it, records the points and the participants
        self.start_tour("/odoo", "tcd_session_day_start_tour", login=self.day_officer.login)
        self.assertEqual(session.state, "in_progress")
        # the central point's technician notes an incident at a point
        self.start_tour(f"{url}/{session.id}", "tcd_session_day_incident_tour", login=self.day_technician.login)
        # the officer writes the minutes, an instruction, and ends the session
        self.start_tour(f"{url}/{session.id}", "tcd_session_day_end_tour", login=self.day_officer.login)
        self.assertEqual(session.state, "held")
        # the technician stores the recording, uploading its file
        self.start_tour(f"{url}/{session.id}", "tcd_session_day_recording_tour", login=self.day_technician.login)
        # the chair issues the conclusion notice
        self.start_tour(f"{url}/{session.id}", "tcd_session_day_conclusion_tour", login=self.day_leader.login)
        # the officer closes the file
        self.start_tour(f"{url}/{session.id}", "tcd_session_day_close_tour", login=self.day_officer.login)

        self.env.invalidate_all()
        self.assertEqual(session.state, "closed")
        self.assertEqual((line_a1.presence, line_a2.presence), ("connected", "late"))
        present = session.participant_ids.filtered("present")
        self.assertEqual(set(present.mapped("name")), {"Tour Lãnh đạo chủ trì", "Tour Đại biểu xã A1"})
        incident = session.incident_ids
        self.assertEqual(len(incident), 1)
        self.assertEqual(
            (incident.point_line_id, incident.kind, incident.measure, incident.recorded_by_id),
            (line_a2, "connection", "reconnected", self.day_technician),
        )
        self.assertEqual(incident.description, "Mất kết nối 5 phút, đã kết nối lại")
        self.assertTrue(session.actual_start)
        self.assertTrue(session.actual_end)
        self.assertLessEqual(session.actual_start, session.actual_end)
        line = session.case_line_ids
        self.assertEqual(line.outcome, "instructed")
        self.assertEqual(line.conclusion, "Giao UBND xã A1 rà soát hồ sơ bồi thường.")
        self.assertEqual(line.followup_ids.mapped("content"), ["Rà soát hồ sơ đất ở"])
        self.assertEqual((line.followup_ids.agency_id, line.followup_ids.days), (self.commune_a1, 10))
        self.assertEqual(line.followup_ids.state, "open")
        self.assertTrue(session.conclusion_number)
        self.assertEqual(self.case_a1.state, "concluded")
        recording = session.recording_ids
        self.assertEqual(len(recording), 1)
        self.assertEqual((recording.filename, recording.stored_by_id), ("ghi-hinh.mp4", self.day_technician))
        self.assertTrue(recording.sha256)
        self.assertFalse(session.sudo().activity_ids)

    def test_the_chair_approves_the_plan_from_the_activity(self):
        session, _line_a1, _line_a2 = self.prepare_session("Tour: phê duyệt kế hoạch", minutes=60 * 24 * 20)
        approval = self.env.ref(APPROVAL)
        activity = session.activity_ids.filtered(lambda activity: activity.activity_type_id == approval)
        self.assertEqual(activity.user_id, self.day_leader)

        self.start_tour("/odoo", "tcd_approval_plan_tour", login=self.day_leader.login)

        self.env.invalidate_all()
        self.assertEqual(session.state, "plan_approved")
        self.assertEqual(session.plan_approved_by_id, self.day_leader)
        self.assertFalse(session.activity_ids.filtered(lambda activity: activity.activity_type_id == approval))
        done = self.env["mail.message"].search(
            [("model", "=", "tcd.session"), ("res_id", "=", session.id), ("mail_activity_type_id", "=", approval.id)]
        )
        self.assertTrue(done, "the approval is kept as done in the chatter")

    def test_the_leader_approves_a_case_from_the_activity(self):
        leader = new_test_user(
            self.env,
            login="tour_case_leader",
            groups=f"{MODULE}.group_tcd_leader",
            tcd_agency_id=self.commune_a1.id,
            lang="en_US",
        )
        case = self.case(
            self.citizen_a1, self.commune_a1, subject="Tour: tranh chấp lối đi", ground_ids=[(6, 0, self.ground.ids)]
        )
        case.with_user(self.officer_a1).action_propose()
        approval = self.env.ref(APPROVAL)
        asked = case.activity_ids.filtered(lambda activity: activity.activity_type_id == approval)
        self.assertIn(leader, asked.user_id)

        self.start_tour("/odoo", "tcd_approval_case_tour", login=leader.login)

        self.env.invalidate_all()
        self.assertEqual(case.state, "approved")
        self.assertEqual(case.approved_by_id, leader)
        self.assertFalse(case.activity_ids.filtered(lambda activity: activity.activity_type_id == approval))
