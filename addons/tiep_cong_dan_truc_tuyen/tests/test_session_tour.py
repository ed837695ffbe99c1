from datetime import date, datetime, time, timedelta

import pytz

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .session_common import VN

# 09:00 in Vietnam, the usual start of a session (02:00 UTC, the same calendar day).
SESSION_TIME = time(9, 0)
SUBJECT = "Tour: tiếp công dân định kỳ"


def utc_at(day, clock=SESSION_TIME):
    """The naive UTC datetime of ``clock`` on ``day`` in Vietnam."""
    return VN.localize(datetime.combine(day, clock)).astimezone(pytz.utc).replace(tzinfo=None)


def add_months(day, months):
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


@tagged("post_install", "-at_install")
class TestSessionTour(HttpCase):
    """A leader moves a session in the calendar: a valid move recomputes its milestones, a move
    that breaks the lead times is refused; the kanban card shows the session's steps."""

    def _plan_calendar(self, now):
        """Choose the month the calendar opens on and the day of the session.

        The month view shows 6 weeks from the start of the week of the 1st. The tour drags the
        session one week later, then to the first day shown, which must be too early for the lead
        times; so the session's day and the day a week later must both be shown and valid, and
        the first day shown too early. Among such days, the weekday closest to three weeks from now.

        :return: (the first of the month shown, the session's day)
        """
        rules = self.env["tcd.lead.time.rule"].search([("blocking", "=", True)])

        def earliest(at):
            return max(rule._earliest_start(at) for rule in rules)

        # The earliest start only grows with time: a day too early now stays too early during the
        # tour, a day valid a quarter of an hour from now (the tour takes seconds) is valid during it.
        too_early_before = earliest(now)
        valid_from = earliest(now + timedelta(minutes=15))
        week_start = int(self.env["res.lang"]._lang_get("en_US").week_start)  # 1 = Monday … 7 = Sunday
        today = pytz.utc.localize(now).astimezone(VN).date()
        wanted = today + timedelta(days=21)
        candidates = []
        for months in range(4):
            first = add_months(today, months)
            grid_start = first - timedelta(days=(first.isoweekday() - week_start) % 7)
            if utc_at(grid_start) >= too_early_before:
                continue
            # the session's day and the day a week later both in the 6 weeks shown
            for offset in range(35):
                day = grid_start + timedelta(days=offset)
                if utc_at(day) >= valid_from:
                    candidates.append((day.weekday() >= 5, abs((day - wanted).days), day, first))
        self.assertTrue(candidates, "no month view fits the tour's moves")
        *_rank, day, first = min(candidates)
        return first, day

    def test_leader_moves_session_in_calendar(self):
        Agency = self.env["tcd.agency"]
        province = Agency.create({"name": "Tour UBND tỉnh S", "level": "province", "kind": "people_committee"})
        commune = Agency.create(
            {"name": "Tour UBND xã S1", "level": "commune", "kind": "people_committee", "parent_id": province.id}
        )
        Point = self.env["tcd.bridge.point"]
        central = Point.create(
            {
                "name": "Tour ĐC tỉnh S",
                "agency_id": province.id,
                "is_central": True,
                "measured_bandwidth": 40.0,
                "max_points": 10,
            }
        )
        delegate = Point.create({"name": "Tour ĐC xã S1", "agency_id": commune.id})
        leader = new_test_user(
            self.env,
            login="tour_session_leader",
            groups="tiep_cong_dan_truc_tuyen.group_tcd_leader",
            tcd_agency_id=province.id,
            lang="en_US",
        )

        now = fields.Datetime.now()
        first, day = self._plan_calendar(now)
        session = self.env["tcd.session"].create(
            {
                "subject": SUBJECT,
                "agency_id": province.id,
                "chair_id": leader.id,
                "kind": "periodic",
                "start": utc_at(day),
                "stop": utc_at(day) + timedelta(hours=2),
                "central_point_id": central.id,
                "point_line_ids": [(0, 0, {"bridge_point_id": delegate.id})],
            }
        )
        self.assertEqual(session.state, "draft")
        old_start, old_stop = session.start, session.stop
        invitation = session.milestone_ids.filtered(lambda milestone: milestone.rule_id.code == "invitation")
        old_invitation_due = invitation.due_at

        # The calendar opens on the month chosen above, whose 6 weeks show the session.
        action = self.env.ref("tiep_cong_dan_truc_tuyen.tcd_session_action")
        initial_date = fields.Datetime.to_string(datetime.combine(first, time(12, 0)))
        action.context = repr(dict(safe_eval(action.context), initial_date=initial_date))

        self.start_tour("/odoo", "tcd_session_tour", login=leader.login)

        self.env.invalidate_all()
        # moved one week later by the drag and drop, the refused move left no trace
        self.assertEqual(session.start, old_start + timedelta(days=7))
        self.assertEqual(session.stop, old_stop + timedelta(days=7))
        self.assertEqual(session.state, "draft")
        # the milestones follow the new start
        self.assertNotEqual(invitation.due_at, old_invitation_due)
        self.assertGreater(invitation.due_at, old_invitation_due)
        self.assertEqual(invitation.due_at, invitation.rule_id._due_at(session.start))
        for milestone in session.milestone_ids:
            self.assertEqual(milestone.due_at, milestone.rule_id._due_at(session.start), milestone.rule_id.code)
        self.assertEqual(session.next_due_at, min(session.milestone_ids.mapped("due_at")))

        # the move to the first day shown is refused on the server too
        grid_start = first - timedelta(
            days=(first.isoweekday() - int(self.env["res.lang"]._lang_get("en_US").week_start)) % 7
        )
        with self.assertRaises(ValidationError) as refusal:
            session.with_user(leader).write(
                {"start": utc_at(grid_start), "stop": utc_at(grid_start) + timedelta(hours=2)}
            )
        self.assertIn("too early", str(refusal.exception))
