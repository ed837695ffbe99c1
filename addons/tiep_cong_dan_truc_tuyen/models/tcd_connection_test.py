from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.dates import to_local
from .tcd_session import NOTICE_STATES

TEST_KINDS = [
    ("day_before", "Test the day before"),
    ("two_hours", "Test 2 hours before"),
    ("rehearsal", "Rehearsal"),
    ("final", "Final connection"),
]
# The milestone whose due time schedules each kind of test (the rehearsal has its own time).
KIND_MILESTONE_ACTIONS = {"day_before": "tested", "two_hours": "test_2h", "final": "connected"}
QUALITIES = [
    ("good", "Good"),
    ("poor", "Poor"),
    ("none", "None"),
]
RESULTS = [
    ("passed", "Passed"),
    ("failed", "Failed"),
]
TEST_STATES = [
    ("planned", "Planned"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
RESULT_FIELDS = ("sound", "picture", "result")


class TcdConnectionTest(models.Model):
    """A connection test at one bridge point of a session (Nghị định 154/2026/NĐ-CP Điều 23).

    The tests of each point are planned when the session's plan is approved, at the due times of
    the day-before, two-hour and final-connection steps and at the rehearsal; they follow the
    session when it moves. The host's technicians, or the technicians of the point, record the
    result; an invited unit reports it on the portal.
    """

    _name = "tcd.connection.test"
    _inherit = ["tcd.workflow.mixin"]
    _description = "Connection test"
    _order = "scheduled_at, tested_at desc, id desc"
    _rec_name = "kind"

    session_id = fields.Many2one("tcd.session", required=True, index=True, ondelete="cascade")
    session_start = fields.Datetime(related="session_id.start", string="Session starts")
    session_state = fields.Selection(related="session_id.state", string="Session state")
    point_line_id = fields.Many2one(
        "tcd.session.point",
        string="Delegate point",
        index=True,
        ondelete="cascade",
        domain="[('session_id', '=', session_id)]",
        help="Empty for the central point.",
    )
    bridge_point_id = fields.Many2one(
        "tcd.bridge.point", compute="_compute_bridge_point_id", store=True, index=True, string="Bridge point"
    )
    agency_id = fields.Many2one(related="bridge_point_id.agency_id", store=True, string="Agency")
    technician_ids = fields.Many2many(related="bridge_point_id.technician_ids", string="Technicians")
    kind = fields.Selection(TEST_KINDS, string="Test", required=True, default="day_before")
    state = fields.Selection(TEST_STATES, required=True, default="planned", readonly=True, index=True)
    scheduled_at = fields.Datetime(string="Scheduled for", index=True)
    tested_at = fields.Datetime(string="Tested on")
    tester = fields.Char(string="Tested by")
    sound = fields.Selection(QUALITIES)
    picture = fields.Selection(QUALITIES)
    measured_bandwidth = fields.Float(string="Measured bandwidth (Mb/s)")
    problems = fields.Text()
    result = fields.Selection(RESULTS)
    channel = fields.Selection(
        [("backend", "Entered by the host"), ("portal", "Reported on the portal")],
        string="Reported through",
        required=True,
        default="backend",
    )

    _sql_constraints = [
        ("bandwidth_positive", "CHECK(measured_bandwidth >= 0)", "A measured bandwidth cannot be negative."),
    ]

    @api.depends("point_line_id.bridge_point_id", "session_id.central_point_id")
    def _compute_bridge_point_id(self):
        for test in self:
            test.bridge_point_id = test.point_line_id.bridge_point_id or test.session_id.central_point_id

    @api.depends("kind", "bridge_point_id.name")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for test in self:
            test.display_name = f"{kinds.get(test.kind, '')} - {test.bridge_point_id.name or ''}"

    def _local_tested_at(self):
        self.ensure_one()
        return to_local(self.tested_at)

    def _local_scheduled_at(self):
        self.ensure_one()
        return to_local(self.scheduled_at) if self.scheduled_at else False

    @api.model
    def _workflow_create_vals(self, vals):
        # a result entered or reported at once is a test done now
        if vals.get("result") and "state" not in vals:
            vals["state"] = "done"
        if vals.get("state") == "done":
            vals.setdefault("tested_at", fields.Datetime.now())
        return vals

    @api.constrains("state", "result", "sound", "picture", "tested_at")
    def _check_result(self):
        for test in self.filtered(lambda test: test.state == "done"):
            if not (test.result and test.sound and test.picture and test.tested_at):
                raise ValidationError(
                    self.env._(
                        "Record the sound, the picture and the result of the test at %(point)s.",
                        point=test.bridge_point_id.name,
                    )
                )
            if test.result == "passed" and "none" in (test.sound, test.picture):
                raise ValidationError(
                    self.env._(
                        "A connection test without sound or picture at %(point)s cannot be passed.",
                        point=test.bridge_point_id.name,
                    )
                )

    @api.constrains("point_line_id", "session_id")
    def _check_point_line(self):
        for test in self:
            if test.point_line_id and test.point_line_id.session_id != test.session_id:
                raise ValidationError(self.env._("The tested point is not a point of this session."))

    # ------------------------------------------------------------------ the tests of sessions

    @api.model
    def _test_schedule(self, session):
        """The time of each kind of test still to do: the due time of its open step, and the rehearsal."""
        session.ensure_one()
        due = {
            milestone.rule_id.action: milestone.due_at
            for milestone in session.sudo().milestone_ids
            if milestone.state == "open"
        }
        schedule = {kind: due[action] for kind, action in KIND_MILESTONE_ACTIONS.items() if action in due}
        if session.rehearsal_at:
            schedule["rehearsal"] = session.rehearsal_at
        return schedule

    @api.model
    def _sync_connection_tests(self, sessions, renew=False):
        """Plan the tests of every point of the sessions being prepared, at the times of their steps.

        :param renew: the session moved: each test still to do is planned again, even at a point
            that has already done it
        """
        Test = self.sudo()
        vals_list = []
        for session in sessions.sudo():
            tests = session.test_ids.filtered(lambda test: test.state != "cancelled")
            schedule = self._test_schedule(session) if session.state in NOTICE_STATES else {}
            tests.filtered(lambda test, kinds=set(schedule): test.state == "planned" and test.kind not in kinds).write(
                {"state": "cancelled"}
            )
            for line in [session.point_line_ids.browse()] + list(session.point_line_ids):
                for kind, when in schedule.items():
                    mine = tests.filtered(
                        lambda test, line=line, kind=kind: test.point_line_id == line and test.kind == kind
                    )
                    planned = mine.filtered(lambda test: test.state == "planned")
                    if planned:
                        planned.filtered(lambda test, when=when: test.scheduled_at != when).write(
                            {"scheduled_at": when}
                        )
                    elif renew or not mine:
                        vals_list.append(
                            {"session_id": session.id, "point_line_id": line.id, "kind": kind, "scheduled_at": when}
                        )
        return Test.create(vals_list)

    @api.model
    def _latest_tests(self, session):
        """The last test done at each bridge point of the session, by bridge point."""
        session.ensure_one()
        done = session.sudo().test_ids.filtered(lambda test: test.state == "done")
        return {test.bridge_point_id: test for test in done.sorted(lambda test: (test.tested_at, test.id))}

    @api.model
    def _test_failures(self, session):
        """The points whose last test failed, and those not tested yet (the dropped points aside)."""
        session.ensure_one()
        latest = self._latest_tests(session)
        points = session.sudo().central_point_id | session.sudo().point_line_ids.bridge_point_id
        failed = points.filtered(lambda point: point in latest and latest[point].result == "failed")
        return failed, points.filtered(lambda point: point not in latest)

    @api.model
    def _check_connection_tests(self, sessions):
        """A session goes on only once every point has passed its last test (Nghị định 154/2026/NĐ-CP Điều 23)."""
        for session in sessions:
            failed, untested = self._test_failures(session)
            if failed:
                raise UserError(
                    self.env._(
                        "The last connection test failed at %(points)s: the session %(session)s cannot go on. Fix the "
                        "problem and test again, drop the point (its agency is told), or postpone the session.",
                        points=", ".join(failed.mapped("name")),
                        session=session.display_name,
                    )
                )
            if untested:
                raise UserError(
                    self.env._(
                        "Record the connection test of %(points)s first.", points=", ".join(untested.mapped("name"))
                    )
                )

    # ------------------------------------------------------------------ recording the result

    def action_record(self):
        """Record the result entered on a planned test: the test is done, now, by the current user."""
        for test in self:
            if test.state != "planned":
                raise UserError(self.env._("Only a planned test can be recorded; plan a new test to test again."))
            missing = [name for name in RESULT_FIELDS if not test[name]]
            if missing:
                raise UserError(
                    self.env._(
                        "Record the sound, the picture and the result of the test at %(point)s.",
                        point=test.bridge_point_id.name,
                    )
                )
            test._workflow_write(
                {"state": "done", "tested_at": fields.Datetime.now(), "tester": test.tester or self.env.user.name}
            )
        self._post_results()
        return True

    def action_retest(self):
        """After a fix, plan the same test again at once and open it."""
        self.ensure_one()
        retest = self.copy(
            {
                "state": "planned",
                "scheduled_at": fields.Datetime.now(),
                "channel": "backend",
                **dict.fromkeys(("tested_at", "tester", "problems", "measured_bandwidth") + RESULT_FIELDS, False),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": retest.id,
            "view_mode": "form",
            "target": "current",
        }

    @api.model
    def _record_vals(self, session, point_line, vals):
        """Record a result reported for a point (``point_line`` empty for the central point): on the
        test of that kind still planned, or as a new test."""
        planned = self.sudo().search(
            [
                ("session_id", "=", session.id),
                ("point_line_id", "=", point_line.id),
                ("kind", "=", vals["kind"]),
                ("state", "=", "planned"),
            ],
            limit=1,
        )
        vals = dict(vals, state="done", tested_at=fields.Datetime.now())
        if planned:
            planned.write(vals)
            test = planned
        else:
            test = self.sudo().create(dict(vals, session_id=session.id, point_line_id=point_line.id))
        test._post_results()
        return test

    def _post_results(self):
        """Post each recorded result on its session's chatter; a failure is highlighted."""
        results = dict(self._fields["result"]._description_selection(self.env))
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for test in self:
            body = self.env._(
                "Connection test (%(kind)s) at %(point)s: %(result)s, %(bandwidth)s Mb/s, by %(who)s.",
                kind=kinds[test.kind],
                point=test.bridge_point_id.name,
                result=results[test.result],
                bandwidth=test.measured_bandwidth,
                who=test.tester or test.create_uid.name,
            )
            if test.result == "failed":
                body += " " + self.env._(
                    "Problems: %(problems)s. Fix and test again, drop the point or postpone the session.",
                    problems=test.problems or "-",
                )
            test.session_id.sudo().message_post(body=body)

    @api.model
    def _compute_session_status(self, sessions):
        """The points of ``sessions`` whose last test failed, and those not tested yet."""
        for session in sessions:
            failed, untested = self._test_failures(session._origin) if session._origin else ([], [])
            session.failed_test_points = ", ".join(point.name for point in failed)
            session.untested_points = ", ".join(point.name for point in untested)

    @api.model
    def _action_for_session(self, session):
        """The connection tests of ``session``, those of the failed points first to test again."""
        session.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("tiep_cong_dan_truc_tuyen.tcd_connection_test_action")
        action.update(
            domain=[("session_id", "=", session.id)],
            context={"default_session_id": session.id, "search_default_filter_not_cancelled": 1},
            name=self.env._("Connection tests of %(session)s", session=session.name),
        )
        return action
