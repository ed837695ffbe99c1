from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import MODULE
from .session_common import TcdSessionCommon, local


@tagged("post_install", "-at_install")
class TestLeaderReception(TcdSessionCommon):
    """Leaders receive citizens in person at least as often as the law requires (Luật Tiếp công dân
    2013 Điều 11, 12, 15, 18; Nghị định 154/2026/NĐ-CP Điều 10): one record per leader and period counts
    the days of the periodic sessions they chaired, flags the periods missed and schedules the usual
    day, moved off the days off."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.commune_role = cls.env.ref(f"{MODULE}.leader_role_commune_chairman")  # weekly, on Thursday
        cls.province_role = cls.env.ref(f"{MODULE}.leader_role_province_chairman")  # monthly, on the 15th
        cls.leader_a1.tcd_leader_role_id = cls.commune_role
        cls.leader_a.tcd_leader_role_id = cls.province_role
        cls.officer_b1 = new_test_user(
            cls.env, login="officer_b1", groups=f"{MODULE}.group_tcd_officer", tcd_agency_id=cls.commune_b1.id
        )
        cls.Reception = cls.env["tcd.leader.reception"]
        cls.calendar = cls.env["tcd.working.calendar"]

    @classmethod
    def session(cls, start, chair, kind="periodic", state="held", now=None):
        """A session chaired by ``chair`` at the Vietnam time ``start``, planned at ``now`` (in January 2026 by
        default) and recorded in ``state`` (written directly: the preparation workflow is tested elsewhere)."""
        session = cls.make_session(start, chair_id=chair.id, kind=kind, now=now)
        if state != "draft":
            session.with_context(tcd_workflow=True).write({"state": state})
        return session

    def periods(self, leader, date_from, date_to):
        return {
            period.period_start: period
            for period in self.Reception._ensure_periods(leader, date_from, date_to).sorted("period_start")
        }

    def report(self, user, date_from, date_to, **vals):
        """The frequency report run by ``user``: the periods it shows."""
        wizard = (
            self.env["tcd.leader.reception.report.wizard"]
            .with_user(user)
            .create(dict({"date_from": date_from, "date_to": date_to}, **vals))
        )
        action = wizard.action_report()
        self.assertEqual(action["context"]["group_by"], ["leader_id"])
        return self.Reception.with_user(user).search(action["domain"])

    def test_commune_chairman_weekly_missed_week_flagged(self):
        self.session("2026-11-05 09:00", self.leader_a1)
        # early on Monday 9/11 in Vietnam, still Sunday 8/11 in UTC: it counts in week 46
        self.session("2026-11-09 06:30", self.leader_a1)
        # two sessions on the same day count as one day
        self.session("2026-11-12 08:00", self.leader_a1)
        self.session("2026-11-12 14:00", self.leader_a1, state="closed")
        # week 47: an ad hoc session and a periodic session not held do not count
        ad_hoc = self.session("2026-11-19 09:00", self.leader_a1, kind="ad_hoc")
        self.session("2026-11-18 09:00", self.leader_a1, state="draft")
        in_progress = self.session("2026-11-26 09:00", self.leader_a1, state="in_progress")
        with freeze_time("2026-11-30 03:00:00"):
            periods = self.report(self.officer_a1, date(2026, 11, 2), date(2026, 11, 29))
        self.assertEqual(periods.leader_id, self.leader_a1, "a commune officer reports on the commune's leaders")
        by_week = {period.period_label: period for period in periods}
        self.assertEqual(list(by_week), ["Week 48/2026", "Week 47/2026", "Week 46/2026", "Week 45/2026"])
        self.assertEqual(
            {label: (period.held_days, period.state) for label, period in by_week.items()},
            {
                "Week 45/2026": (1, "met"),
                "Week 46/2026": (2, "met"),
                "Week 47/2026": (0, "missed"),
                "Week 48/2026": (1, "met"),
            },
        )
        # the counts are the distinct Vietnam days of the periodic sessions started, held or closed
        counted = self.env["tcd.session"].search(
            [
                ("chair_id", "=", self.leader_a1.id),
                ("kind", "=", "periodic"),
                ("state", "in", ("in_progress", "held", "closed")),
            ]
        )
        for period in periods:
            days = {
                local(session.start)[:10]
                for session in counted
                if str(period.period_start) <= local(session.start)[:10] <= str(period.period_end)
            }
            self.assertEqual(period.held_days, len(days), period.period_label)
        self.assertEqual(
            (by_week["Week 46/2026"].period_start, by_week["Week 46/2026"].period_end),
            (date(2026, 11, 9), date(2026, 11, 15)),
        )
        # the periods follow the sessions: the ad hoc session recorded as periodic, the last one given another chair
        with freeze_time("2026-11-30 03:00:00"):
            ad_hoc.kind = "periodic"
            in_progress.chair_id = self.leader_b
            self.assertEqual((by_week["Week 47/2026"].held_days, by_week["Week 47/2026"].state), (1, "met"))
            self.assertEqual((by_week["Week 48/2026"].held_days, by_week["Week 48/2026"].state), (0, "missed"))
            # the current week is under way
            current = self.periods(self.leader_a1, date(2026, 11, 30), date(2026, 11, 30))[date(2026, 11, 30)]
            self.assertEqual(current.state, "upcoming")

    def test_province_chairman_monthly_and_other_days(self):
        self.session("2026-09-15 09:00", self.leader_a)
        self.session("2026-10-15 09:00", self.leader_a, kind="ad_hoc")
        with freeze_time("2026-12-01 03:00:00"):
            periods = self.periods(self.leader_a, date(2026, 9, 1), date(2026, 11, 30))
            september, october, november = periods.values()
            self.assertEqual(november.period_label, "Month 11/2026")
            self.assertEqual((september.held_days, september.state), (1, "met"))
            self.assertEqual((october.held_days, october.state), (0, "missed"), "an ad hoc session does not count")
            self.assertEqual(november.state, "missed")
            # a reception at the provincial office, outside the online system, entered by a province officer
            november = november.with_user(self.province_officer_a)
            with self.assertRaisesRegex(ValidationError, "Say when and where"):
                november.other_days = 1
            november.write({"other_days": 1, "other_note": "Tiếp tại Trụ sở tiếp công dân tỉnh ngày 20/11/2026"})
            self.assertEqual((november.held_days, november.total_days, november.state), (0, 1, "met"))
            # the frequency itself is set with the period
            with self.assertRaisesRegex(UserError, "only the other days"):
                november.required_days = 0

    def test_usual_day_on_a_day_off_moves_to_the_next_working_day(self):
        november = self.periods(self.leader_a, date(2026, 11, 1), date(2026, 11, 1))[date(2026, 11, 1)]
        # the 15th of November 2026 is a Sunday
        self.assertEqual(
            (november.nominal_date, november.scheduled_date, november.moved, november.move_reason),
            (date(2026, 11, 15), date(2026, 11, 16), True, "Weekend"),
        )
        days_off = self.calendar._days_of(2026)[0]
        # a province that receives on the 2nd: National Day, 2/9/2026 (a Wednesday), moves to Thursday 3/9
        self.province_role.month_day = 2
        september = self.periods(self.leader_a, date(2026, 9, 1), date(2026, 9, 1))[date(2026, 9, 1)]
        self.assertEqual(
            (september.nominal_date, september.scheduled_date, september.moved, september.move_reason),
            (date(2026, 9, 2), date(2026, 9, 3), True, days_off[date(2026, 9, 2)]),
        )
        self.assertEqual(november.scheduled_date, date(2026, 11, 2), "the role's usual day applies to its periods")
        self.assertFalse(november.moved)
        # a commune's Thursday on 30/4/2026, then Labour Day and the weekend: Monday 4/5 is the next week's,
        # the week keeps its Wednesday 29/4
        week = self.periods(self.leader_a1, date(2026, 4, 27), date(2026, 4, 27))[date(2026, 4, 27)]
        self.assertEqual(
            (week.period_label, week.scheduled_date, week.move_reason),
            ("Week 18/2026", date(2026, 4, 29), days_off[date(2026, 4, 30)]),
        )
        # the shorter months take their last day
        self.province_role.month_day = 31
        self.assertEqual(november.nominal_date, date(2026, 11, 30))
        with self.assertRaises(ValidationError):
            self.province_role.month_day = 32
        with self.assertRaises(ValidationError):
            self.commune_role.weekday = False

    def test_moved_day_stays_in_its_period(self):
        """A usual day on a day off moves to the next working day, or back to the last working day before
        it when the next one is in the following period: the day of a period is always inside it."""
        days_off = {
            day: reason for year in (2025, 2026, 2027, 2028) for day, reason in self.calendar._days_of(year)[0].items()
        }

        def scheduled(leader, start):
            period = self.periods(leader, start, start)[start]
            self.assertTrue(period.moved)
            self.assertEqual(period.move_reason, days_off[period.nominal_date])
            return period.scheduled_date

        # Tết at the end of January 2025: the 31st (the third day of Tết), then the weekend to Monday 3/2;
        # the month keeps Friday 24/1, its last working day before Tết
        self.province_role.month_day = 31
        self.assertEqual(scheduled(self.leader_a, date(2025, 1, 1)), date(2025, 1, 24))
        # Tết on Friday 28/1/2028: the next working day, Monday 31/1, is still in January
        self.province_role.month_day = 28
        self.assertEqual(scheduled(self.leader_a, date(2028, 1, 1)), date(2028, 1, 31))
        # a commune receiving on Fridays: 1/5/2026 (Labour Day) and 3/9/2027 (National Day, with Thursday 2/9)
        # both keep the Wednesday of their week
        self.commune_role.weekday = "4"
        self.assertEqual(scheduled(self.leader_a1, date(2026, 4, 27)), date(2026, 4, 29))
        self.assertEqual(scheduled(self.leader_a1, date(2027, 8, 30)), date(2027, 9, 1))
        # the week of Tết 2026 (16–20/2) has no working day: no day is scheduled in another week, no activity
        with freeze_time("2026-02-01 03:00:00"):
            self.assertFalse(scheduled(self.leader_a1, date(2026, 2, 16)))
            tet_week = self.periods(self.leader_a1, date(2026, 2, 16), date(2026, 2, 16))[date(2026, 2, 16)]
        self.assertFalse(tet_week.activity_ids)

    def test_session_on_the_scheduled_day_meets_its_period(self):
        # the commune's Thursday 30/4/2026 is a holiday: the session held on the scheduled Wednesday 29/4
        # meets week 18, and does not count for week 19 (whose Monday 4/5 is the next working day)
        self.session("2026-04-29 09:00", self.leader_a1)
        with freeze_time("2026-05-11 03:00:00"):
            weeks = self.periods(self.leader_a1, date(2026, 4, 27), date(2026, 5, 4))
        week_18, week_19 = weeks[date(2026, 4, 27)], weeks[date(2026, 5, 4)]
        self.assertEqual(week_18.scheduled_date, date(2026, 4, 29))
        self.assertEqual((week_18.held_days, week_18.state), (1, "met"))
        self.assertEqual((week_19.held_days, week_19.state), (0, "missed"))
        # the province's 31st of January 2025 is in Tết: the session held on the scheduled Friday 24/1 meets January
        self.province_role.month_day = 31
        self.session("2025-01-24 09:00", self.leader_a, now="2024-12-02 01:00:00")
        with freeze_time("2025-03-03 03:00:00"):
            months = self.periods(self.leader_a, date(2025, 1, 1), date(2025, 2, 1))
        january, february = months[date(2025, 1, 1)], months[date(2025, 2, 1)]
        self.assertEqual(january.scheduled_date, date(2025, 1, 24))
        self.assertEqual((january.held_days, january.state), (1, "met"))
        self.assertEqual((february.held_days, february.state), (0, "missed"))

    def test_the_weekly_action_costs_at_most_12_queries_per_chairman(self):
        """Issue 21: the leaders' scheduled action, on a Monday, plans each chairman's periods and activities for
        12 queries at most, their activities created in batches and each chairman told by one mail."""

        def chairmen(count):
            return [
                new_test_user(
                    self.env,
                    login=f"chairman_{len(self.env['res.users'].search([]))}_{index}",
                    groups=f"{MODULE}.group_tcd_leader",
                    tcd_agency_id=self.commune_a2.id,
                    tcd_leader_role_id=self.commune_role.id,
                    email=f"chairman{index}@example.gov.vn",
                )
                for index in range(count)
            ]

        def cost(monday):
            with freeze_time(monday):
                self.env.invalidate_all()
                before = self.cr.sql_log_count
                self.Reception._cron_plan()
                self.env.flush_all()
                return self.cr.sql_log_count - before

        # a week with 3 more chairmen than the last: their periods are planned, the ended ones flagged missed
        chairmen(3)
        cost("2026-11-29 17:30:00")
        few = cost("2026-12-06 17:30:00")
        added = chairmen(3)
        cost("2026-12-13 17:30:00")
        more = cost("2026-12-20 17:30:00")
        self.assertLessEqual((more - few) / len(added), 12, (few, more))
        mails = self.env["mail.mail"].search([("recipient_ids", "in", added[0].partner_id.ids)])
        planned = mails.filtered(lambda mail: "Receive citizens in person" in mail.body_html)
        self.assertEqual(len(planned), 2, "one a week")

    def test_scheduled_action_plans_once_and_flags_the_missed_period(self):
        def activities(leader, summary):
            periods = self.Reception.search([("leader_id", "=", leader.id)])
            return periods.activity_ids.filtered(lambda activity: summary in activity.summary)

        # Monday 30/11/2026 at 00:30 in Vietnam
        with freeze_time("2026-11-29 17:30:00"):
            self.Reception._cron_plan()
            self.Reception._cron_plan()
        commune = self.Reception.search([("leader_id", "=", self.leader_a1.id)])
        province = self.Reception.search([("leader_id", "=", self.leader_a.id)])
        self.assertEqual(commune.mapped("period_start"), [date(2026, 12, 7), date(2026, 11, 30)])
        self.assertEqual(province.mapped("period_start"), [date(2026, 12, 1), date(2026, 11, 1)])
        # the leader has the scheduled days of the periods to come on their activities, once
        planned = activities(self.leader_a1, "Receive citizens in person")
        self.assertEqual(planned.user_id, self.leader_a1)
        self.assertEqual(sorted(planned.mapped("date_deadline")), [date(2026, 12, 3), date(2026, 12, 10)])
        # the 16th of November is past: only December's day
        self.assertEqual(activities(self.leader_a, "Receive citizens in person").date_deadline, date(2026, 12, 15))
        # Monday 7/12: week 49 ended without a session
        with freeze_time("2026-12-06 17:30:00"):
            self.Reception._cron_plan()
            self.Reception._cron_plan()
        week_49 = commune.filtered(lambda period: period.period_start == date(2026, 11, 30))
        self.assertEqual(week_49.state, "missed")
        self.assertTrue(week_49.end_checked)
        self.assertIn(
            date(2026, 12, 14), self.Reception.search([("leader_id", "=", self.leader_a1.id)]).mapped("period_start")
        )
        missed = activities(self.leader_a1, "missed the periodic reception")
        self.assertEqual(set(missed.mapped("res_id")), {week_49.id})
        self.assertIn(self.officer_a1, missed.user_id, "the commune's officers are told, once")
        self.assertEqual(len(missed.filtered(lambda activity: activity.user_id == self.officer_a1)), 1)
        self.assertNotIn(self.leader_a1, missed.user_id)
        self.assertNotIn(self.officer_a2, missed.user_id)

    def test_scope(self):
        with freeze_time("2026-11-30 03:00:00"):
            self.periods(self.leader_a1 | self.leader_a, date(2026, 11, 1), date(2026, 11, 30))
        commune_periods = self.Reception.search([("leader_id", "=", self.leader_a1.id)])
        province_period = self.Reception.search([("leader_id", "=", self.leader_a.id)])
        self.assertEqual(self.Reception.with_user(self.officer_a1).search([]), commune_periods)
        self.assertEqual(self.Reception.with_user(self.leader_a1).search([]), commune_periods)
        self.assertFalse(self.Reception.with_user(self.officer_a2).search([]))
        self.assertEqual(
            self.Reception.with_user(self.province_officer_a).search([]), commune_periods | province_period
        )
        # another province's officer sees nothing and opens nothing
        self.assertFalse(self.Reception.with_user(self.officer_b1).search([]))
        with self.assertRaises(AccessError):
            commune_periods[0].with_user(self.officer_b1).read(["held_days"])
        with self.assertRaises(AccessError):
            province_period.with_user(self.officer_a1).write({"other_days": 1, "other_note": "Tiếp tại trụ sở"})
        with freeze_time("2026-11-30 03:00:00"):
            self.assertFalse(self.report(self.officer_b1, date(2026, 1, 1), date(2026, 11, 30)))
            # a commune officer's report creates the periods of the commune's leaders only
            self.report(self.officer_a1, date(2026, 10, 1), date(2026, 10, 31))
        self.assertTrue(
            self.Reception.search([("leader_id", "=", self.leader_a1.id), ("period_start", "<", date(2026, 11, 1))])
        )
        self.assertFalse(
            self.Reception.search([("leader_id", "=", self.leader_a.id), ("period_start", "<", date(2026, 11, 1))])
        )
