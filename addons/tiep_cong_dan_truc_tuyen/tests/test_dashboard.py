import io
import json
import zipfile
from datetime import timedelta

from freezegun import freeze_time

from odoo import http
from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import MODULE
from .session_common import utc
from .test_session_conclusion import TcdHeldSessionCommon

# Monday 28/12/2026, 10:00 in Vietnam: the week runs to Sunday 03/01/2027, next month is January.
NOW = "2026-12-28 03:00:00"
WEEK_END = utc("2027-01-04 00:00")


class TcdDashboardCommon(TcdHeldSessionCommon):
    """Province A's held session of 15/12 with its instructions issued on 18/12, a session planned
    for January, another commune's session and a cancelled one this month, and cases of the three
    communes received this year and last year."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer_b1 = new_test_user(
            cls.env, login="officer_b1", groups=f"{MODULE}.group_tcd_officer", tcd_agency_id=cls.commune_b1.id
        )
        cls.line.write(
            {
                "attendee_ids": [(6, 0, cls.citizen_a1.ids)],
                "outcome": "instructed",
                "conclusion": "Giao rà soát lại hồ sơ bồi thường.",
                "followup_ids": [
                    (0, 0, {"agency_id": cls.commune_a1.id, "content": "Rà soát hồ sơ đất ở", "days": 10}),
                    (0, 0, {"agency_id": cls.dept_a.id, "content": "Thẩm định giá đất", "days": 5}),
                ],
            }
        )
        with freeze_time("2026-12-15 04:00:00"):
            cls.held.action_end()
        with freeze_time("2026-12-18 02:00:00"):
            cls.held.action_issue_conclusion()
        cls.january = cls.approved_session("2027-01-12 09:00", points=cls.point_a1)
        cls.other_commune = cls.approved_session("2026-12-30 09:00", points=cls.point_a2)
        cls.cancelled = cls.approved_session("2026-12-29 14:00", points=cls.point_a1)
        cls.cancelled._cancel("Lãnh đạo bận công tác đột xuất")
        cls.sessions = cls.held | cls.january | cls.other_commune | cls.cancelled

        cls.case_a1.received_date = utc("2026-11-20 08:00")
        cls.cases = cls.case_a1 | cls.case(
            cls.citizen_a1, cls.commune_a1, kind="denunciation", received_date=utc("2026-03-10 09:00")
        )
        cls.last_year_case = cls.case(cls.citizen_a1, cls.commune_a1, received_date=utc("2025-12-31 16:00"))
        # received at 00:30 on New Year's Day in Vietnam (still 2025 in UTC): this year's
        cls.cases |= cls.case(cls.citizen_a2, cls.commune_a2, kind="petition", received_date=utc("2026-01-01 00:30"))
        citizen_b1 = cls.citizen("Lê Văn Tâm", "052080001234", cls.commune_b1)
        cls.cases |= cls.case(citizen_b1, cls.commune_b1, kind="reflection", received_date=utc("2026-07-01 10:00"))
        cls.cases |= cls.last_year_case

    @classmethod
    def scope_of(cls, user):
        """The agencies whose records ``user`` sees, as the tests define them."""
        return {
            cls.leader_a1: cls.commune_a1,
            cls.province_officer_a: cls.prov_a | cls.board_a | cls.dept_a | cls.commune_a1 | cls.commune_a2,
            cls.officer_b1: cls.commune_b1,
        }[user]

    def tile(self, code, user):
        return self.env.ref(f"{MODULE}.dashboard_tile_{code}").with_user(user)


@tagged("post_install", "-at_install")
class TestDashboard(TcdDashboardCommon):
    """The leaders' dashboard counts what each user may see, as of today in Vietnam."""

    def expected(self, user):
        """Each tile's figure, counted here from the records created."""
        agencies = self.scope_of(user)
        now = utc("2026-12-28 10:00")

        def involves(session):
            points = session.central_point_id | session.point_line_ids.bridge_point_id
            return bool((session.agency_id | points.agency_id) & agencies)

        def in_month(session, first, last):
            return first <= session.start < last and session.state != "cancelled"

        visible = self.sessions.filtered(involves)
        steps = visible.milestone_ids.filtered(lambda m: m.state == "open")
        year_cases = self.cases.filtered(
            lambda case: case.agency_id in agencies and case.received_date >= utc("2026-01-01 00:00")
        )
        points = self.all_points.filtered(lambda point: point.agency_id in agencies)
        tasks = self.line.followup_ids.filtered(
            lambda task: (task.host_agency_id | task.agency_id | task.case_id.agency_id) & agencies
        )
        return {
            "sessions_this_month": len(
                visible.filtered(lambda s: in_month(s, utc("2026-12-01 00:00"), utc("2027-01-01 00:00")))
            ),
            "sessions_next_month": len(
                visible.filtered(lambda s: in_month(s, utc("2027-01-01 00:00"), utc("2027-02-01 00:00")))
            ),
            "milestones_overdue": len(steps.filtered(lambda m: m.due_at < now)),
            "milestones_this_week": len(steps.filtered(lambda m: now <= m.due_at < WEEK_END)),
            "cases_kind": len(year_cases),
            "cases_state": len(year_cases),
            "cases_agency": len(year_cases),
            "cases_ground": len(year_cases),
            "points_not_ready": len(points.filtered(lambda point: point.readiness != "ready")),
            "followups_overdue": len(tasks.filtered(lambda task: task.state == "open" and task.deadline < now.date())),
        }

    def test_figures_equal_the_records_each_user_sees(self):
        for user in (self.leader_a1, self.province_officer_a, self.officer_b1):
            with self.subTest(user=user.login), freeze_time(NOW):
                figures = {code: self.tile(code, user).record_count for code in self.expected(user)}
                self.assertEqual(figures, self.expected(user))
        with freeze_time(NOW):
            self.assertEqual(self.tile("sessions_this_month", self.province_officer_a).record_count, 2)
            # the commune sees its own session, not the neighbouring commune's
            self.assertEqual(self.tile("sessions_this_month", self.leader_a1).record_count, 1)
            self.assertEqual(self.tile("followups_overdue", self.province_officer_a).record_count, 1)
            self.assertEqual(self.tile("cases_kind", self.officer_b1).record_count, 1)

    def test_breakdown_lines_name_the_groups(self):
        labels = dict(self.env["tcd.case"]._fields["kind"]._description_selection(self.env))
        with freeze_time(NOW):
            tile = self.tile("cases_kind", self.province_officer_a)
            self.assertEqual(
                dict(tile.breakdown),
                {labels["complaint"]: 1, labels["denunciation"]: 1, labels["petition"]: 1},
            )
            # a case without a ground is "Not set"; the total counts each case once
            grounds = self.tile("cases_ground", self.province_officer_a)
            self.assertEqual(dict(grounds.breakdown), {self.ground.name: 1, "Not set": 2})
            self.assertEqual(grounds.record_count, 3)
            tasks = self.tile("followups_overdue", self.province_officer_a)
            self.assertEqual(tasks.breakdown, [[self.dept_a.display_name, 1]])

    def test_a_tile_opens_its_records_in_a_list(self):
        with freeze_time(NOW):
            tile = self.tile("cases_kind", self.leader_a1)
            action = tile.action_open()
            self.assertEqual(action["res_model"], "tcd.case")
            self.assertEqual(action["views"][0][1], "list")
            self.assertEqual(action["context"], {"group_by": ["kind"]})
            opened = self.env["tcd.case"].with_user(self.leader_a1).search(action["domain"])
            self.assertEqual(
                opened, self.cases.filtered(lambda c: c.agency_id == self.commune_a1) - self.last_year_case
            )
            self.assertEqual(len(opened), tile.record_count)

    def test_the_period_moves_with_the_date(self):
        with freeze_time("2027-01-05 03:00:00"):
            # in January the planned session is this month's, and last year's cases are gone
            self.assertEqual(self.tile("sessions_this_month", self.leader_a1).record_count, 1)
            self.assertEqual(self.tile("sessions_next_month", self.leader_a1).record_count, 0)
            self.assertEqual(self.tile("cases_kind", self.province_officer_a).record_count, 0)

    def test_a_tile_with_a_wrong_domain_is_refused(self):
        tile = self.env.ref(f"{MODULE}.dashboard_tile_cases_kind")
        with self.assertRaisesRegex(ValidationError, "cannot be broken down by"):
            tile.group_by = "no_such_field"
        self.env.invalidate_all()
        with self.assertRaisesRegex(ValidationError, "The domain of the tile"):
            tile.domain = "[('no_such_field', '=', 1)]"


@tagged("post_install", "-at_install")
class TestStatistics(TcdDashboardCommon):
    """The statistics' pivots group the records a user may see."""

    def test_lead_time_steps_on_time_or_late(self):
        session = self.approved_session("2027-02-18 09:00", points=self.point_a1)
        notify = session.milestone_ids.filtered(lambda m: m.rule_id.code == "notify")
        invitation = session.milestone_ids.filtered(lambda m: m.rule_id.code == "invitation")
        with freeze_time(notify.due_at - timedelta(hours=1)):
            notify.action_done()
        with freeze_time(invitation.due_at + timedelta(days=1)):
            invitation.action_done()
        self.assertEqual(notify.timeliness, "on_time")
        self.assertEqual(invitation.timeliness, "late")
        Milestone = self.env["tcd.session.milestone"].with_user(self.province_officer_a)
        groups = dict(Milestone._read_group([("session_id", "=", session.id)], ["timeliness"], ["__count"]))
        expected = {}
        for milestone in session.milestone_ids:
            expected[milestone.timeliness] = expected.get(milestone.timeliness, 0) + 1
        self.assertEqual(groups, expected)
        self.assertEqual(groups["late"], 1)
        # reopened, the step is to do again
        invitation.action_reopen()
        self.assertEqual(invitation.timeliness, "open")
        # another province sees none of it
        self.assertFalse(
            self.env["tcd.session.milestone"].with_user(self.officer_b1).search_count([("session_id", "=", session.id)])
        )

    def test_cases_heard_by_outcome_and_host(self):
        Line = self.env["tcd.session.case"]
        groups = Line.with_user(self.province_officer_a)._read_group(
            [("session_start", ">=", utc("2026-01-01 00:00"))], ["host_agency_id", "outcome"], ["__count"]
        )
        self.assertEqual(groups, [(self.board_a, "instructed", 1)])
        self.assertFalse(Line.with_user(self.officer_b1).search_count([]))

    def test_session_hours_by_host(self):
        Session = self.env["tcd.session"].with_user(self.province_officer_a)
        domain = [("id", "in", self.sessions.ids), ("state", "!=", "cancelled")]
        [(host, count, hours)] = Session._read_group(domain, ["agency_id"], ["__count", "duration:sum"])
        live = self.sessions.filtered(lambda s: s.state != "cancelled")
        self.assertEqual((host, count), (self.board_a, 3))
        self.assertAlmostEqual(hours, sum((s.stop - s.start).total_seconds() / 3600 for s in live))


@tagged("post_install", "-at_install")
class TestStatisticsExport(HttpCase, TcdDashboardCommon):
    """The statistics go to Excel through Odoo's own export, with the user's rules."""

    def test_cases_by_agency_exported_to_xlsx(self):
        self.authenticate("province_a", "province_a")
        params = {
            "model": "tcd.case",
            "fields": [
                {"name": "name", "label": "Reference", "type": "char"},
                {"name": "subject", "label": "Subject", "type": "char"},
            ],
            "domain": [("received_date", ">=", "2025-12-31 17:00:00")],  # 01/01/2026 in Vietnam
            "groupby": ["agency_id"],
            "ids": False,
            "import_compat": False,
            "context": {"lang": "en_US"},
        }
        response = self.url_open(
            "/web/export/xlsx",
            data={"data": json.dumps(params), "csrf_token": http.Request.csrf_token(self)},
        )
        self.assertEqual(response.status_code, 200)
        with zipfile.ZipFile(io.BytesIO(response.content)) as book:
            strings = book.read("xl/sharedStrings.xml").decode()
        a1, a2 = self.commune_a1.display_name, self.commune_a2.display_name
        for label in (f"{a1} (2)", f"{a2} (1)", self.case_a1.name):
            self.assertIn(label, strings)
        # another province's case is not exported to this province's officer
        self.assertNotIn("UBND xã B1", strings)
