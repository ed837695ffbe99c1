from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.dates import format_local
from .tcd_agency import HOST_LEVELS

STATES = [
    ("draft", "Draft"),
    ("plan_submitted", "Plan submitted"),
    ("plan_approved", "Plan approved"),
    ("invited", "Invitations sent"),
    ("tested", "Tested"),
    ("ready", "Ready"),
    ("in_progress", "In progress"),
    ("held", "Held"),
    ("closed", "Closed"),
    ("postponed", "Postponed"),
    ("cancelled", "Cancelled"),
]
STATE_ORDER = {code: rank for rank, (code, _label) in enumerate(STATES)}
# While being prepared a session obeys the lead times; moving it recomputes its milestones.
PLANNING_STATES = ("draft", "plan_submitted", "plan_approved", "invited", "tested", "ready")
# A postponed or cancelled session holds no bridge point and no chair.
INACTIVE_STATES = ("postponed", "cancelled")
# The state a session falls back to when the steps done after it must be redone.
PREPARED_STATES = ("invited", "tested", "ready")
# The states in which invitations and notices go out.
NOTICE_STATES = ("plan_approved",) + PREPARED_STATES
# A session is held within a day; the double-booking search relies on it.
MAX_DURATION = timedelta(hours=24)
# Calendar colours by state (the web client's colour indexes).
STATE_COLORS = {
    "draft": 0,
    "plan_submitted": 3,
    "plan_approved": 2,
    "invited": 4,
    "tested": 8,
    "ready": 10,
    "in_progress": 9,
    "held": 7,
    "closed": 11,
    "postponed": 5,
    "cancelled": 1,
}


class TcdSession(models.Model):
    """An online reception session (buổi tiếp công dân trực tuyến, Nghị định 154/2026/NĐ-CP Chương V).

    Its lead-time milestones are computed from the start on the working-day calendar; a session
    whose blocking milestones would already be late cannot be planned or moved, except for an ad
    hoc session on a leader's written override.
    """

    _name = "tcd.session"
    _description = "Online reception session"
    _inherit = [
        "tcd.agency.scoped.mixin",
        "tcd.workflow.mixin",
        "tcd.session.document",
        "tcd.session.holding",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "start desc, id desc"
    _rec_names_search = ["name", "subject"]
    # given when the invitations are first sent
    _workflow_fields = ("invitation_number",)
    # the plan waits for the chair's approval
    _approval_state = "plan_submitted"

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/", index=True)
    subject = fields.Char(required=True, tracking=True)
    agency_id = fields.Many2one(string="Host agency", tracking=True)
    host_level = fields.Selection(
        HOST_LEVELS,
        compute="_compute_host_level",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
        tracking=True,
        help="Which procedure the session follows: the Government Inspectorate's, a province's or a commune's.",
    )
    chair_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        tracking=True,
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("tiep_cong_dan_truc_tuyen.group_tcd_leader").id),
            ("tcd_agency_id", "!=", False),
        ],
    )
    kind = fields.Selection(
        [("periodic", "Periodic"), ("ad_hoc", "Ad hoc")],
        string="Kind of session",
        required=True,
        default="periodic",
        tracking=True,
    )
    start = fields.Datetime(required=True, tracking=True, index=True)
    stop = fields.Datetime(string="End", required=True, tracking=True, index=True)
    duration = fields.Float(string="Duration (hours)", compute="_compute_duration", store=True)
    state = fields.Selection(
        STATES, required=True, default="draft", readonly=True, copy=False, tracking=True, index=True,
        group_expand="_group_expand_states",
    )  # fmt: skip
    color = fields.Integer(compute="_compute_color")
    central_point_id = fields.Many2one(
        "tcd.bridge.point",
        string="Central bridge point",
        required=True,
        index=True,
        tracking=True,
        domain=[("is_central", "=", True)],
    )
    point_line_ids = fields.One2many("tcd.session.point", "session_id", string="Delegate points", copy=True)
    dropped_point_line_ids = fields.One2many(
        "tcd.session.point",
        "session_id",
        string="Dropped points",
        domain=[("active", "=", False)],
        context={"active_test": False},
        readonly=True,
    )
    point_count = fields.Integer(string="Delegate points count", compute="_compute_point_count")
    case_line_ids = fields.One2many("tcd.session.case", "session_id", string="Agenda")
    participant_ids = fields.One2many("tcd.session.participant", "session_id", string="Participants")
    milestone_ids = fields.One2many("tcd.session.milestone", "session_id", string="Milestones")
    milestone_count = fields.Integer(compute="_compute_milestone_progress")
    milestone_done_count = fields.Integer(compute="_compute_milestone_progress")
    milestone_progress = fields.Float(compute="_compute_milestone_progress", help="Share of the steps done, in %.")
    next_milestone_id = fields.Many2one(
        "tcd.session.milestone", string="Next step", compute="_compute_next_milestone", store=True
    )
    next_due_at = fields.Datetime(string="Next step due", compute="_compute_next_milestone", store=True, index=True)
    duty_activity_ids = fields.Many2many(
        "mail.activity", "tcd_session_duty_activity_rel", string="Coordination activities", readonly=True, copy=False
    )
    plan_document = fields.Binary(string="Plan", attachment=True, copy=False)
    plan_filename = fields.Char(copy=False)
    script_document = fields.Binary(string="Script", attachment=True, copy=False)
    script_filename = fields.Char(copy=False)
    plan_submitted_by_id = fields.Many2one("res.users", string="Plan submitted by", readonly=True, copy=False)
    plan_submitted_date = fields.Datetime(readonly=True, copy=False)
    plan_approved_by_id = fields.Many2one("res.users", string="Plan approved by", readonly=True, copy=False)
    plan_approved_date = fields.Datetime(readonly=True, copy=False)
    citizens_notified_date = fields.Datetime(string="Citizens notified on", readonly=True, copy=False)
    invitations_sent_date = fields.Datetime(string="Invitations sent on", readonly=True, copy=False)
    tested_date = fields.Datetime(string="Connection test on", readonly=True, copy=False)
    test_2h_date = fields.Datetime(string="Last connection test on", readonly=True, copy=False)
    connected_date = fields.Datetime(string="All points connected on", readonly=True, copy=False)
    actual_start = fields.Datetime(readonly=True, copy=False)
    actual_end = fields.Datetime(readonly=True, copy=False)
    postpone_reason = fields.Text(readonly=True, copy=False, tracking=True)
    cancel_reason = fields.Text(readonly=True, copy=False, tracking=True)
    override_reason = fields.Text(
        string="Lead-time override",
        copy=False,
        tracking=True,
        help="A leader's written reason to hold an ad hoc session although its lead times cannot be met.",
    )
    override_by_id = fields.Many2one("res.users", string="Override by", readonly=True, copy=False)
    override_date = fields.Datetime(string="Override on", readonly=True, copy=False)
    note = fields.Html()
    notice_ids = fields.One2many("tcd.session.notice", "session_id", string="Notices")
    # ------------------------------------------------------------------ the session held
    # the delegate points and the agenda again, for what happens at the session (their own tabs are frozen by then)
    attendance_line_ids = fields.One2many("tcd.session.point", "session_id", string="Attendance of the points")
    outcome_line_ids = fields.One2many("tcd.session.case", "session_id", string="Cases heard")
    incident_ids = fields.One2many("tcd.session.incident", "session_id", string="Incidents")
    minutes_recorder_id = fields.Many2one(
        "res.users", string="Minutes taken by", help="The officer who keeps the minutes (thư ký)."
    )
    minutes_note = fields.Html(string="Other matters", help="Printed at the end of the minutes.")
    followup_ids = fields.One2many("tcd.case.followup", "session_id", string="Instructions")
    followup_open_count = fields.Integer(string="Instructions to do", compute="_compute_followup_open_count")
    conclusion_number = fields.Char(string="Conclusion notice number", readonly=True, copy=False)
    conclusion_date = fields.Date(string="Conclusion notice dated", readonly=True, copy=False)
    # ------------------------------------------------------------------ recordings (Nghị định 154/2026/NĐ-CP Điều 24)
    recording_ids = fields.One2many("tcd.session.recording", "session_id", string="Recordings")
    recording_count = fields.Integer(compute="_compute_recording_count")
    # ------------------------------------------------------------------ connection tests
    # (Nghị định 154/2026/NĐ-CP Điều 23)
    test_ids = fields.One2many("tcd.connection.test", "session_id", string="Connection tests")
    failed_test_points = fields.Char(
        string="Failed tests at", compute="_compute_test_status", help="The points whose last test failed."
    )
    untested_points = fields.Char(
        string="Not tested yet", compute="_compute_test_status", help="The points without a test done."
    )
    notice_revision = fields.Integer(
        readonly=True, copy=False, help="Incremented each time the invited units and citizens are told of a change."
    )

    @api.depends("agency_id.level")
    def _compute_host_level(self):
        for session in self:
            level = session.agency_id.level
            session.host_level = {"central": "central", "commune": "commune"}.get(level, "province")

    @api.depends("start", "stop")
    def _compute_duration(self):
        for session in self:
            session.duration = (
                (session.stop - session.start).total_seconds() / 3600 if session.start and session.stop else 0.0
            )

    @api.depends("state")
    def _compute_color(self):
        for session in self:
            session.color = STATE_COLORS.get(session.state, 0)

    def _group_expand_states(self, states, domain):
        return [code for code, _label in STATES]

    def _count_lines(self, model, field_name, domain=()):
        """Set ``field_name`` to the number of ``model`` records of each session (matching ``domain``):
        one grouped count for the whole list; the lines are those of sessions the user reads."""
        counts = dict(
            self.env[model].sudo()._read_group([("session_id", "in", self.ids), *domain], ["session_id"], ["__count"])
        )
        for session in self:
            session[field_name] = counts.get(session._origin, 0)

    def _compute_point_count(self):
        self._count_lines("tcd.session.point", "point_count")

    def _compute_followup_open_count(self):
        self._count_lines("tcd.case.followup", "followup_open_count", [("state", "=", "open")])

    def _compute_recording_count(self):
        self._count_lines("tcd.session.recording", "recording_count")

    def _compute_milestone_progress(self):
        self.env["tcd.session.milestone"]._compute_session_progress(self)

    @api.depends("milestone_ids.state", "milestone_ids.due_at")
    def _compute_next_milestone(self):
        self.env["tcd.session.milestone"]._compute_session_next(self)

    # ------------------------------------------------------------------ constraints (capacity)

    @api.constrains("start", "stop")
    def _check_dates(self):
        for session in self:
            if session.stop <= session.start:
                raise ValidationError(
                    self.env._("The session %(session)s must end after it starts.", session=session.display_name)
                )
            if session.stop - session.start > MAX_DURATION:
                raise ValidationError(
                    self.env._(
                        "The session %(session)s lasts more than a day: plan one session per day.",
                        session=session.display_name,
                    )
                )

    @api.constrains("chair_id")
    def _check_chair(self):
        leader = self.env.ref("tiep_cong_dan_truc_tuyen.group_tcd_leader")
        for session in self:
            if leader not in session.chair_id.groups_id:
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot chair a session: the chair is a leader (Tổng Thanh tra, Trưởng Ban Tiếp "
                        "công dân Trung ương, Chủ tịch or leader of a People's Committee).",
                        user=session.chair_id.name,
                    )
                )

    @api.constrains("start", "stop", "state", "central_point_id", "point_line_ids", "chair_id")
    def _check_capacity(self):
        self.env["tcd.session.point"]._check_capacity(self)

    @api.depends("name", "subject")
    def _compute_display_name(self):
        for session in self:
            session.display_name = f"{session.name} {session.subject}" if session.name != "/" else session.subject

    # ------------------------------------------------------------------ create / write

    @api.model
    def _workflow_error(self):
        return self.env._(
            "The state of a session, the dates of its steps and the numbers of its documents change only through "
            "the session's buttons."
        )

    @api.model
    def _workflow_create_vals(self, vals):
        if vals.get("name", "/") == "/":
            vals["name"] = self.env["ir.sequence"].next_by_code("tcd.session") or "/"
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        Milestone = self.env["tcd.session.milestone"]
        for vals in vals_list:
            Milestone._check_override(vals)
        sessions = super().create(vals_list)
        Milestone._record_override(sessions.filtered("override_reason"))
        Milestone._sync_milestones(sessions, rescheduled=False)
        # a session recorded in a later state (history, imports) has done the steps of that state
        Milestone._complete_milestones_for_state(sessions.filtered(lambda session: session.state != "draft"))
        Milestone._check_lead_times(sessions)
        self.env["tcd.duty.task"]._schedule_duties(sessions.filtered(lambda session: session.state in PLANNING_STATES))
        self.env["tcd.connection.test"]._sync_connection_tests(sessions)
        self.env["tcd.leader.reception"]._of_sessions(sessions)._refresh()
        return sessions

    def write(self, vals):
        Milestone = self.env["tcd.session.milestone"]
        Milestone._check_override(vals)
        if {"start", "stop"} & set(vals) and not self.env.su:
            fixed = self.filtered(lambda session: session.state not in PLANNING_STATES)
            if fixed:
                raise UserError(
                    self.env._(
                        "The session %(session)s is no longer being prepared: its time cannot change (a postponed "
                        "session gets its new time with Reschedule).",
                        session=fixed[0].display_name,
                    )
                )
        moved = self.filtered(
            lambda session: (
                session.state in PLANNING_STATES
                and "start" in vals
                and fields.Datetime.to_datetime(vals["start"]) != session.start
            )
        )
        # the leaders' periods of reception that counted these sessions, and those that will
        counted = {"chair_id", "start", "kind", "state"} & set(vals)
        periods = self.env["tcd.leader.reception"]._of_sessions(self) if counted else None
        res = super().write(vals)
        if "override_reason" in vals:
            Milestone._record_override(self)
        if counted:
            (periods | periods._of_sessions(self))._refresh()
        if moved:
            Milestone._sync_milestones(moved, rescheduled=True)
        if moved or "override_reason" in vals or "kind" in vals:
            Milestone._check_lead_times(moved or self)
        Test = self.env["tcd.connection.test"]
        if moved:
            self.env["tcd.session.notice"]._notify_change(moved)
            Test._sync_connection_tests(moved, renew=True)
        if {"state", "rehearsal_at"} & set(vals):
            Test._sync_connection_tests(self - moved)
        return res

    # ------------------------------------------------------------------ the rules and readers of the session

    def _applicable_rules(self, rules):
        """The rules among ``rules`` (lead-time rules or coordination tasks) for the session's host level."""
        self.ensure_one()
        return rules.filtered(lambda rule: rule.host_level in (False, self.host_level))

    def _host_officers(self):
        """The officers of the host agency."""
        self.ensure_one()
        return self.agency_id._officers()

    def _readers(self, users):
        return users.filtered(lambda user: user.active and self.with_user(user).has_access("read"))

    def _approvers(self):
        """The chair approves the plan; when he cannot read the session, the nearest leaders who can."""
        leaders = self.env["res.users"]._tcd_nearest("tiep_cong_dan_truc_tuyen.group_tcd_leader", self.agency_id, self)
        return self._readers(self.chair_id) or leaders

    def _approval_texts(self):
        return (
            self.env._("Approve the plan of %(session)s", session=self.display_name),
            self.env._(
                "%(user)s submitted the plan of %(session)s, held on %(time)s, for your approval.",
                user=self.plan_submitted_by_id.name,
                session=self.display_name,
                time=format_local(self.env, self.start),
            ),
        )

    # ------------------------------------------------------------------ workflow
    # (Quy chế TCD trực tuyến tỉnh Quảng Ngãi Điều 7 khoản 1 điểm a; Quyết định 354/QĐ-UBND-HC tỉnh Đồng
    # Tháp, Quy chế Điều 6 khoản 1 điểm a; Quyết định 748/QĐ-TTCP, Quy chế Điều 6 khoản 1 điểm a)

    def _check_leader(self):
        if not self.env.user.has_group("tiep_cong_dan_truc_tuyen.group_tcd_leader"):
            raise AccessError(
                self.env._(
                    "Only the chair or a leader can approve or return the plan of %(session)s.",
                    session=self[:1].display_name,
                )
            )

    def action_submit_plan(self):
        for session in self:
            if not session.plan_document:
                raise UserError(
                    self.env._(
                        "Attach the plan of %(session)s before submitting it for the leader's approval.",
                        session=session.display_name,
                    )
                )
        self._set_state(
            "plan_submitted", ("draft",), plan_submitted_by_id=self.env.uid, plan_submitted_date=fields.Datetime.now()
        )
        self.env["tcd.session.milestone"]._complete_milestones(self, {"plan_submitted"})
        self.env["tcd.session.participant"]._propose(self.filtered(lambda session: not session.participant_ids))

    def action_approve_plan(self):
        self._check_leader()
        self._set_state(
            "plan_approved",
            ("plan_submitted",),
            plan_approved_by_id=self.env.uid,
            plan_approved_date=fields.Datetime.now(),
        )
        self.env["tcd.session.milestone"]._complete_milestones(self, {"plan_approved"})
        self.sudo().case_line_ids.case_id.filtered(lambda case: case.state == "approved").action_schedule()

    def action_return_plan(self):
        self._check_leader()
        self._set_state(
            "draft",
            ("plan_submitted",),
            plan_submitted_by_id=False,
            plan_submitted_date=False,
        )
        self.sudo().milestone_ids.filtered(lambda milestone: milestone.rule_id.action == "plan_submitted")._reopen()

    def action_notify_citizens(self):
        """Send each citizen on the agenda a notice of where and when to attend (Nghị định 154/2026/NĐ-CP Điều 23)."""
        self.env["tcd.session.notice"]._notify_citizens(self)

    def action_send_invitations(self):
        """Send the invitation of each delegate point to its agency (Quy chế TCD trực tuyến tỉnh Quảng Ngãi Điều 7
        khoản 1 điểm b; Quyết định 748/QĐ-TTCP, Quy chế Điều 6 khoản 1 điểm a); a session already invited sends
        only the points added since."""
        for session in self:
            if not session.point_line_ids:
                raise UserError(
                    self.env._(
                        "Add the delegate points of %(session)s before inviting them.", session=session.display_name
                    )
                )
        to_invite = self.filtered(lambda session: session.state not in PREPARED_STATES)
        to_invite._set_state("invited", ("plan_approved",), invitations_sent_date=fields.Datetime.now())
        self.env["tcd.session.notice"]._send_invitations(self)
        self.env["tcd.session.milestone"]._complete_milestones(self, {"invitations_sent"})

    def action_mark_tested(self):
        self.env["tcd.connection.test"]._check_connection_tests(self)
        self._set_state("tested", ("invited",), tested_date=fields.Datetime.now())
        self.env["tcd.session.milestone"]._complete_milestones(self, {"tested"})

    def action_mark_test_2h(self):
        self._check_holding_time("test_2h")
        self.env["tcd.connection.test"]._check_connection_tests(self)
        for session in self:
            if session.state not in ("tested", "ready"):
                raise UserError(
                    self.env._(
                        "Record the connection test of %(session)s the day before first.", session=session.display_name
                    )
                )
        self._workflow_write({"test_2h_date": fields.Datetime.now()})
        self.env["tcd.session.milestone"]._complete_milestones(self, {"test_2h"})

    def action_mark_ready(self):
        self._check_holding_time("connected")
        self.env["tcd.connection.test"]._check_connection_tests(self)
        self._check_points_ready()
        self._set_state("ready", ("tested",), connected_date=fields.Datetime.now())
        self.env["tcd.session.milestone"]._complete_milestones(self, {"connected"})

    def action_start(self):
        self._check_holding_time("start")
        self._set_state("in_progress", ("ready",), actual_start=fields.Datetime.now())

    def action_end(self):
        """The session is held: its cases were heard, except those marked not heard, which go back
        to be scheduled again."""
        self._set_state("held", ("in_progress",), actual_end=fields.Datetime.now())
        lines = self.sudo().case_line_ids.filtered(lambda line: line.case_id.state == "scheduled")
        lines.filtered(lambda line: line.outcome == "not_heard").case_id._set_state("approved", ("scheduled",))
        lines.filtered(lambda line: line.outcome != "not_heard").case_id.action_mark_heard()

    def action_close(self):
        """Close a held session once its recording is stored (Nghị định 154/2026/NĐ-CP Điều 24) and its conclusions
        issued (Nghị định 154/2026/NĐ-CP Điều 25)."""
        for session in self:
            if not session.sudo().recording_ids:
                raise UserError(
                    self.env._(
                        "Store the recording of %(session)s before closing it: every session is recorded and "
                        "archived (Nghị định 154/2026/NĐ-CP Điều 24).",
                        session=session.display_name,
                    )
                )
            if session.case_line_ids and not session.conclusion_number:
                raise UserError(
                    self.env._(
                        "Issue the conclusion notice of %(session)s before closing it.", session=session.display_name
                    )
                )
        self._set_state("closed", ("held",))
        # what was left to do for a closed session lapses
        self.env["tcd.session.milestone"]._lapse(self)
        self.sudo().activity_ids.unlink()

    def action_open_recordings(self):
        return self.env["tcd.session.recording"]._action_for_session(self)

    def action_propose_participants(self):
        """Propose the participant roles of each point from the composition templates."""
        self.env["tcd.session.participant"]._propose(self)
        return True

    def action_open_followups(self):
        return self.env["tcd.case.followup"]._action_for_session(self)

    # ------------------------------------------------------------------ conclusions (Nghị định 154/2026/NĐ-CP Điều 25)

    def action_issue_conclusion(self):
        """Issue the conclusion notice (Thông báo kết luận, Nghị định 154/2026/NĐ-CP Điều 25): number
        it, turn each instruction into a task of its agency with a deadline in working days, conclude
        the cases heard, and send the notice to the agencies concerned."""
        if not self.env.user.has_group("tiep_cong_dan_truc_tuyen.group_tcd_leader"):
            raise AccessError(
                self.env._(
                    "Only a leader issues the conclusion notice of %(session)s: it states the leader's conclusions "
                    "(Nghị định 154/2026/NĐ-CP Điều 25 khoản 2).",
                    session=self[:1].display_name,
                )
            )
        self.env["tcd.session.notice"]._issue_conclusion(self)
        return True

    def _postpone(self, reason):
        self._set_state("postponed", PLANNING_STATES, postpone_reason=reason)
        self.env["tcd.session.milestone"]._lapse(self)
        self.env["tcd.session.notice"]._notify_change(self)

    def _cancel(self, reason):
        self._set_state("cancelled", PLANNING_STATES + ("postponed",), cancel_reason=reason)
        self.env["tcd.session.milestone"]._lapse(self)
        self.env["tcd.session.notice"]._notify_cancellation(self)

    def _reschedule(self, start, stop):
        """Give a postponed session its new time: the steps still valid stay done, the others reopen."""
        for session in self:
            if session.state != "postponed":
                raise UserError(
                    self.env._(
                        "Only a postponed session can be rescheduled; move %(session)s in the calendar instead.",
                        session=session.display_name,
                    )
                )
            state = "draft"
            if session.plan_approved_date:
                state = "plan_approved"
            elif session.plan_submitted_date:
                state = "plan_submitted"
            session.sudo().milestone_ids.filtered(lambda milestone: milestone.state == "cancelled").write(
                {"state": "open"}
            )
            session._workflow_write({"state": state, "start": start, "stop": stop})
        Milestone = self.env["tcd.session.milestone"]
        Milestone._sync_milestones(self, rescheduled=True)
        Milestone._check_lead_times(self)
        self.env["tcd.session.notice"]._notify_change(self)
        self.env["tcd.connection.test"]._sync_connection_tests(self, renew=True)

    def action_open_reason_wizard(self):
        action = self.env.context.get("tcd_reason_action", "postpone")
        return self.env["tcd.session.reason.wizard"]._action_for_sessions(self, action)

    # ------------------------------------------------------------------ connection tests
    # (Nghị định 154/2026/NĐ-CP Điều 23)

    @api.depends("test_ids.state", "test_ids.result", "test_ids.tested_at", "point_line_ids")
    def _compute_test_status(self):
        self.env["tcd.connection.test"]._compute_session_status(self)

    def action_open_tests(self):
        return self.env["tcd.connection.test"]._action_for_session(self)
