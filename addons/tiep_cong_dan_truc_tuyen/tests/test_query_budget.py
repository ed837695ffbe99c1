from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.addons.tiep_cong_dan_truc_tuyen.models.tcd_reminder_mixin import ESCALATE, REMIND
from odoo.tests import tagged

from .session_common import TcdSessionCommon
from .web_spec import view_spec

# The first page of a list, as the web client reads it (smaller than its 80 rows, to keep the
# test data small: both sizes below fill the page, so both also count the records).
PAGE = 10
# Budgets of SQL queries for the first page of each list, whatever the role (record rules included).
# The citizens' list reads their identities in one more query, under the identity's own rules.
LIST_BUDGETS = {"tcd.case": 16, "tcd.citizen": 10, "tcd.session": 13, "tcd.bridge.point": 10}
# The scheduled action's queries per reminder or escalation (an activity to each of two users, their
# assignees told by one mail each per run; issue 21).
CRON_BUDGET_PER_STEP = 12
# The leaders' dashboard: every figure and its breakdown, whatever the role.
DASHBOARD_BUDGET = 24


@tagged("post_install", "-at_install")
class TestQueryBudgets(TcdSessionCommon):
    """The web client's first-page list reads and the milestones' scheduled action cost a bounded
    number of SQL queries, the same with few or many records (issue 9's query budgets)."""

    def count_queries(self, user, model):
        """The queries of reading the first page of ``model``'s list as ``user``, caches warm."""
        Model = self.env[model].with_user(user)
        spec = view_spec(Model, "list")
        Model.web_search_read([], spec, limit=PAGE, count_limit=10001)  # warm the rules and views caches
        self.env.invalidate_all()
        with self.assertQueryCount(LIST_BUDGETS[model]):
            before = self.cr.sql_log_count
            result = Model.web_search_read([], spec, limit=PAGE, count_limit=10001)
            queries = self.cr.sql_log_count - before
        self.assertEqual(len(result["records"]), PAGE, (model, user.login))
        return queries

    def add_records(self, count, offset):
        """``count`` more citizens, cases, bridge points and sessions in the commune A1's scope."""
        for index in range(offset, offset + count):
            citizen = self.citizen(f"Công dân {index}", f"0510{index:08d}", self.commune_a1)
            self.case(self.citizen_a1 | citizen, self.commune_a1, subject=f"Vụ việc {index}")
            self.env["tcd.bridge.point"].create({"name": f"ĐC thử {index}", "agency_id": self.commune_a1.id})
            start = datetime(2027, 3, 1, 9, 0) + timedelta(days=index)
            self.make_session(f"{start:%Y-%m-%d %H:%M}", subject=f"Buổi {index}")

    def test_list_reads_do_not_grow_with_the_records(self):
        users = (self.officer_a1, self.province_officer_a, self.tcd_admin)
        self.add_records(PAGE + 2, 0)
        small = {(user, model): self.count_queries(user, model) for user in users for model in LIST_BUDGETS}
        self.add_records(2 * PAGE, PAGE + 2)
        for (user, model), queries in small.items():
            with self.subTest(model=model, user=user.login):
                self.assertEqual(self.count_queries(user, model), queries)

    def count_dashboard_queries(self, user):
        """The queries of reading the dashboard's cards as ``user``, caches warm."""
        Tile = self.env["tcd.dashboard.tile"].with_user(user)
        spec = view_spec(Tile, "kanban")
        for _warm in range(2):  # the rules and views caches, cleared by the records just created
            Tile.web_search_read([], spec)
            self.env.invalidate_all()
        before = self.cr.sql_log_count
        cards = Tile.web_search_read([], spec)["records"]
        self.assertTrue(all("record_count" in card for card in cards))
        return self.cr.sql_log_count - before

    def test_dashboard_does_not_grow_with_the_records(self):
        users = (self.leader_a1, self.province_officer_a, self.tcd_admin)
        with freeze_time("2027-03-01 03:00:00"):
            # sessions this month and next in both sizes: the same groups to name on the cards
            self.add_records(35, 0)
            small = {user: self.count_dashboard_queries(user) for user in users}
            self.add_records(25, 35)
            for user, queries in small.items():
                with self.subTest(user=user.login):
                    self.assertEqual(self.count_dashboard_queries(user), queries)
                    self.assertLessEqual(queries, DASHBOARD_BUDGET)

    def run_cron(self, when):
        """The queries of the milestones' scheduled action at ``when``, and the steps it processed."""
        Milestone = self.env["tcd.session.milestone"]
        with freeze_time(when):
            now = fields.Datetime.now()
            steps = sum(Milestone.search_count(Milestone._reminder_domain(stage, now)) for stage in (REMIND, ESCALATE))
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            Milestone._cron_remind()
            self.env.flush_all()
            return self.cr.sql_log_count - before, steps

    def test_scheduled_action_costs_the_same_with_more_sessions(self):
        def due_sessions(day):
            """Five sessions on ``day`` of December, whose steps fall due together."""
            for hour in range(9, 14):
                self.make_session(f"2026-12-{day:02d} {hour}:00", stop=f"2026-12-{day:02d} {hour}:45")

        def out_of_the_way():
            self.env["tcd.session.milestone"].search([]).write({"reminded": True, "escalated": True})

        out_of_the_way()
        due_sessions(15)
        few, steps = self.run_cron("2026-12-10 01:30:00")
        out_of_the_way()
        for index in range(30):  # sessions far ahead, nothing of them due
            start = datetime(2027, 6, 1, 9, 0) + timedelta(days=index)
            self.make_session(f"{start:%Y-%m-%d %H:%M}")
        due_sessions(16)
        many, same_steps = self.run_cron("2026-12-11 01:30:00")
        self.assertEqual(same_steps, steps)
        self.assertLessEqual(few, CRON_BUDGET_PER_STEP * steps)
        self.assertLessEqual(abs(many - few), few * 0.05, (few, many))
