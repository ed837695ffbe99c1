from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import is_html_empty

from ..tools.dates import format_local, to_local
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
    _inherit = ["tcd.agency.scoped.mixin", "tcd.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "start desc, id desc"
    _rec_names_search = ["name", "subject"]
    # given when the invitations are first sent
    _workflow_fields = ("invitation_number",)

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
        domain=lambda self: [("groups_id", "in", self.env.ref("tiep_cong_dan_truc_tuyen.group_tcd_leader").id)],
    )
    kind = fields.Selection(
        [("periodic", "Periodic"), ("ad_hoc", "Ad hoc")], required=True, default="periodic", tracking=True
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
    # ------------------------------------------------------------------ invitations and notices
    # (Quy chế tiếp công dân trực tuyến của UBND tỉnh Quảng Ngãi (2025) Điều 7 khoản 1 điểm b; Quyết
    # định 748/QĐ-TTCP, Quy chế Điều 6 khoản 1 điểm a)
    meeting_url = fields.Char(
        string="Meeting address", help="Address of the session's room on the conference platform, given to every point."
    )
    meeting_code = fields.Char(string="Meeting ID / passcode")
    rehearsal_at = fields.Datetime(string="Rehearsal", help="The rehearsal (tổng duyệt) with all the bridge points.")
    instructions = fields.Html(
        string="Instructions to the points",
        help="Printed on the invitations and shown on the invited units' portal; when empty, the standard "
        "instructions in the reader's language.",
    )
    citizen_items = fields.Text(
        string="Citizens bring",
        help="What the citizens on the agenda bring to the session, printed on their notices; when empty, "
        "the identity paper, the case's papers and the representatives' authorisation.",
    )
    invitation_number = fields.Char(
        string="Invitation number",
        copy=False,
        help="Number and symbol of the invitation letter, given when the invitations are first sent.",
    )
    invitation_date = fields.Date(string="Invitation dated", copy=False)
    signer_id = fields.Many2one(
        "res.users", string="Signed by", help="Who signs the invitations; the chair when empty."
    )
    signer_position = fields.Char(string="Signer's position", help="For example: Phó Chủ tịch.")
    signer_authority = fields.Char(
        string="Signing on behalf of", help="For example: TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH."
    )
    shared_attachment_ids = fields.Many2many(
        "ir.attachment",
        "tcd_session_shared_attachment_rel",
        string="Documents shared with the invited units",
        copy=False,
        help="Shown with their invitation on the invited units' portal.",
    )
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
        counts = {
            (session.id, state): count
            for session, state, count in self.env["tcd.session.milestone"]._read_group(
                [("session_id", "in", self.ids)], ["session_id", "state"], ["__count"]
            )
        }
        for session in self:
            done = counts.get((session.id, "done"), 0)
            total = done + counts.get((session.id, "open"), 0)
            session.milestone_count = total
            session.milestone_done_count = done
            session.milestone_progress = 100.0 * done / total if total else 0.0

    @api.depends("milestone_ids.state", "milestone_ids.due_at")
    def _compute_next_milestone(self):
        for session in self:
            open_milestones = session.milestone_ids.filtered(lambda milestone: milestone.state == "open")
            nxt = min(open_milestones, key=lambda milestone: (milestone.due_at, milestone.sequence), default=None)
            session.next_milestone_id = nxt
            session.next_due_at = nxt.due_at if nxt else False

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
        for session in self.sudo():
            if session.state in INACTIVE_STATES:
                continue
            central = session.central_point_id
            delegates = session.point_line_ids.bridge_point_id
            if central in delegates:
                raise ValidationError(
                    self.env._(
                        "%(point)s is the central point of %(session)s: it cannot be a delegate point too.",
                        point=central.name,
                        session=session.display_name,
                    )
                )
            if len(delegates) > central.max_points:
                raise ValidationError(
                    self.env._(
                        "The central point %(point)s connects at most %(max)s points at a time; the session "
                        "%(session)s has %(count)s delegate points.",
                        point=central.name,
                        max=central.max_points,
                        session=session.display_name,
                        count=len(delegates),
                    )
                )
            capacity = central.measured_bandwidth or central.required_bandwidth
            needed = sum(session.point_line_ids.mapped("required_bandwidth"))
            if needed > capacity:
                raise ValidationError(
                    self.env._(
                        "The delegate points of %(session)s need %(needed)s Mb/s together, more than the "
                        "%(capacity)s Mb/s line of the central point %(point)s.",
                        session=session.display_name,
                        needed=round(needed, 1),
                        capacity=round(capacity, 1),
                        point=central.name,
                    )
                )
            session._check_double_booking()

    @api.constrains("shared_attachment_ids")
    def _check_shared_attachments(self):
        """The invited units see the documents uploaded to the session for them, nothing else: a file of a
        case, a citizen or another record is never shared through a session."""
        for session in self:
            foreign = session.sudo().shared_attachment_ids.filtered(
                lambda attachment, session=session: (
                    attachment.res_model != self._name or attachment.res_id != session.id or attachment.res_field
                )
            )
            if foreign:
                raise ValidationError(
                    self.env._(
                        "Only the documents uploaded to the session %(session)s can be shared with its invited units.",
                        session=session.display_name,
                    )
                )

    def _check_double_booking(self):
        self.ensure_one()
        overlapping = [
            ("id", "!=", self.id),
            ("state", "not in", INACTIVE_STATES),
            ("start", "<", self.stop),
            ("start", ">", self.start - MAX_DURATION),
            ("stop", ">", self.start),
        ]
        Session = self.env["tcd.session"].sudo()
        other = Session.search(overlapping + [("chair_id", "=", self.chair_id.id)], limit=1)
        if other:
            raise ValidationError(
                self.env._(
                    "%(chair)s already chairs the session %(other)s from %(start)s to %(stop)s.",
                    chair=self.chair_id.name,
                    other=other.display_name,
                    start=format_local(self.env, other.start),
                    stop=format_local(self.env, other.stop),
                )
            )
        points = self.central_point_id | self.point_line_ids.bridge_point_id
        others = Session.search(
            overlapping
            + ["|", ("central_point_id", "in", points.ids), ("point_line_ids.bridge_point_id", "in", points.ids)],
            limit=1,
        )
        if others:
            busy = points & (others.central_point_id | others.point_line_ids.bridge_point_id)
            raise ValidationError(
                self.env._(
                    "The bridge point %(point)s is already booked by the session %(other)s from %(start)s to %(stop)s.",
                    point=busy[:1].name,
                    other=others.display_name,
                    start=format_local(self.env, others.start),
                    stop=format_local(self.env, others.stop),
                )
            )

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
        for vals in vals_list:
            self._check_override(vals)
        sessions = super().create(vals_list)
        sessions.filtered("override_reason")._record_override()
        Milestone = self.env["tcd.session.milestone"]
        Milestone._sync_milestones(sessions, rescheduled=False)
        # a session recorded in a later state (history, imports) has done the steps of that state
        Milestone._complete_milestones_for_state(sessions.filtered(lambda session: session.state != "draft"))
        Milestone._check_lead_times(sessions)
        sessions.filtered(lambda session: session.state in PLANNING_STATES)._create_duty_activities()
        self.env["tcd.connection.test"]._sync_connection_tests(sessions)
        self.env["tcd.leader.reception"]._of_sessions(sessions)._refresh()
        return sessions

    def write(self, vals):
        self._check_override(vals)
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
            self._record_override()
        if counted:
            (periods | periods._of_sessions(self))._refresh()
        Milestone = self.env["tcd.session.milestone"]
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

    def _check_override(self, vals):
        """Only a leader overrides the lead times."""
        if vals.get("override_reason") and not self.env.user.has_group("tiep_cong_dan_truc_tuyen.group_tcd_leader"):
            raise AccessError(self.env._("Only a leader can override the lead times of a session."))

    def _record_override(self):
        """Record who overrode the lead times and when."""
        for session in self:
            session.sudo().write(
                {
                    "override_by_id": self.env.uid if session.override_reason else False,
                    "override_date": fields.Datetime.now() if session.override_reason else False,
                }
            )

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
        self.filtered(lambda session: not session.participant_ids).action_propose_participants()

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
        for session in self:
            if session.state not in NOTICE_STATES:
                raise UserError(
                    self.env._(
                        "Notify the citizens and agencies of %(session)s once its plan is approved.",
                        session=session.display_name,
                    )
                )
        self.env["tcd.session.notice"]._send_citizen_notices(self)
        self._workflow_write({"citizens_notified_date": fields.Datetime.now()})
        self.env["tcd.session.milestone"]._complete_milestones(self, {"citizens_notified"})

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
        self.env["tcd.connection.test"]._check_connection_tests(self)
        self._set_state("ready", ("tested",), connected_date=fields.Datetime.now())
        self.env["tcd.session.milestone"]._complete_milestones(self, {"connected"})

    def action_start(self):
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

    def action_open_recordings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("tiep_cong_dan_truc_tuyen.tcd_session_recording_action")
        action.update(
            domain=[("session_id", "=", self.id)],
            context={
                "default_session_id": self.id,
                "default_point_id": self.central_point_id.id,
                "default_name": self.env._("Recording of %(session)s", session=self.display_name),
            },
        )
        return action

    def action_open_followups(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("tiep_cong_dan_truc_tuyen.tcd_case_followup_action")
        action.update(domain=[("session_id", "=", self.id)], context={})
        return action

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
        calendar = self.env["tcd.working.calendar"]
        for session in self:
            session._check_conclusion()
        for session in self:
            today = calendar.today()
            session._workflow_write(
                {"conclusion_number": session.agency_id._next_document_number("TB"), "conclusion_date": today}
            )
            session.sudo().followup_ids.filtered(lambda followup: followup.state == "draft")._issue(today)
            for line in session.sudo().case_line_ids.filtered(lambda line: line.outcome != "not_heard"):
                line.case_id._conclude_from_session(line)
            self.env["tcd.session.notice"]._send_conclusion(session)
            session.message_post(
                body=self.env._(
                    "Conclusion notice %(number)s issued: %(count)s instructions to follow up.",
                    number=session.conclusion_number,
                    count=len(session.sudo().followup_ids),
                )
            )
        return True

    def _check_conclusion(self):
        self.ensure_one()
        if self.state not in ("held", "closed"):
            raise UserError(
                self.env._("The conclusions of %(session)s are issued after it is held.", session=self.display_name)
            )
        if self.conclusion_number:
            raise UserError(
                self.env._(
                    "The conclusion notice of %(session)s was issued already (%(number)s).",
                    session=self.display_name,
                    number=self.conclusion_number,
                )
            )
        if not self.case_line_ids:
            raise UserError(self.env._("The session %(session)s has no case on its agenda.", session=self.display_name))
        missing = self.case_line_ids.filtered(
            lambda line: not line.outcome or (line.outcome != "not_heard" and not (line.conclusion or "").strip())
        )
        if missing:
            raise UserError(
                self.env._(
                    "Write the outcome and the leader's conclusion of %(cases)s first.",
                    cases=", ".join(missing.case_id.mapped("name")),
                )
            )
        if self.case_line_ids.filtered(lambda line: line.outcome == "instructed" and not line.followup_ids):
            raise UserError(self.env._('A case with the outcome "Instructions given" needs at least one instruction.'))

    def _conclusion_title(self):
        """ "Kết luận của Chủ tịch UBND tỉnh Nguyễn Văn A tại buổi tiếp công dân trực tuyến ngày 15/12/2026"."""
        self.ensure_one()
        chair = self.chair_id
        return self.env._(
            "Conclusions of %(leader)s at the online citizen reception session of %(day)s",
            leader=" ".join(filter(None, [chair.partner_id.function, chair.name])),
            day=format_local(self.env, self.start, "dd/MM/yyyy"),
        )

    def _held_intro(self):
        """The opening sentence of the minutes and the conclusion notice."""
        self.ensure_one()
        session = self.sudo()
        points = session.point_line_ids.filtered(lambda line: line.presence != "absent")
        return self.env._(
            "On %(day)s, from %(start)s, at the central bridge point %(central)s, %(chair)s chaired the online "
            "citizen reception session %(session)s, connected with %(count)s delegate bridge points: %(points)s.",
            day=format_local(self.env, session.actual_start or session.start, "dd/MM/yyyy"),
            start=format_local(self.env, session.actual_start or session.start, "HH:mm"),
            central=session.central_point_id.name,
            chair=session.chair_id.name,
            session=session.name,
            count=len(points),
            points=", ".join(points.bridge_point_id.mapped("name")) or "-",
        )

    def _postpone(self, reason):
        self._set_state("postponed", PLANNING_STATES, postpone_reason=reason)
        self._stop_preparation()
        self.env["tcd.session.notice"]._notify_change(self)

    def _cancel(self, reason):
        self._set_state("cancelled", PLANNING_STATES + ("postponed",), cancel_reason=reason)
        self._stop_preparation()
        self.env["tcd.session.notice"]._notify_cancellation(self)

    def _stop_preparation(self):
        """The open steps and the coordination tasks of a postponed or cancelled session lapse."""
        milestones = self.sudo().milestone_ids.filtered(lambda milestone: milestone.state == "open")
        (milestones.activity_ids | self.sudo().duty_activity_ids).exists().unlink()
        milestones.write({"state": "cancelled"})

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
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "tiep_cong_dan_truc_tuyen.tcd_session_reason_wizard_action"
        )
        action["context"] = {
            "default_session_ids": self.ids,
            "default_action": self.env.context.get("tcd_reason_action", "postpone"),
        }
        return action

    # ------------------------------------------------------------------ connection tests
    # (Nghị định 154/2026/NĐ-CP Điều 23)

    @api.depends("test_ids.state", "test_ids.result", "test_ids.tested_at", "point_line_ids")
    def _compute_test_status(self):
        Test = self.env["tcd.connection.test"]
        for session in self:
            failed, untested = Test._test_failures(session._origin) if session._origin else ([], [])
            session.failed_test_points = ", ".join(point.name for point in failed)
            session.untested_points = ", ".join(point.name for point in untested)

    def action_open_tests(self):
        """The session's connection tests, those of the failed points first to test again."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("tiep_cong_dan_truc_tuyen.tcd_connection_test_action")
        action.update(
            domain=[("session_id", "=", self.id)],
            context={"default_session_id": self.id, "search_default_filter_not_cancelled": 1},
            name=self.env._("Connection tests of %(session)s", session=self.name),
        )
        return action

    # ------------------------------------------------------------------ invitations and notices
    # (Quy chế TCD trực tuyến tỉnh Quảng Ngãi Điều 7 khoản 1 điểm b; Quyết định 748/QĐ-TTCP, Quy chế
    # Điều 6 khoản 1 điểm a)

    def _instructions_html(self):
        """The instructions to the invited points, the standard ones in the reader's language by default."""
        self.ensure_one()
        if not is_html_empty(self.instructions):
            return self.instructions
        items = [
            self.env._(
                "Connect from the bridge point's room with the login information of your point, at least one hour "
                "before the session, and check that every point sees and hears the others."
            ),
            self.env._(
                "Your technician takes part in the connection tests at the times below and reports their results "
                "on the portal."
            ),
            self.env._("List your participants on the portal and confirm your attendance before the session."),
        ]
        return Markup("<ul>%s</ul>") % Markup().join(Markup("<li>%s</li>") % item for item in items)

    def _citizen_items_text(self):
        """What the citizens bring, the standard list in the reader's language by default."""
        self.ensure_one()
        return self.citizen_items or self.env._(
            "Your citizen identity card or another identity paper; the papers and evidence of your case; the "
            "authorisation of your representatives, if any."
        )

    def _timeline(self):
        """The connection tests, rehearsal and final connection before the session, as (label,
        UTC datetime), in time order."""
        self.ensure_one()
        steps = [
            (milestone.rule_id.name, milestone.due_at)
            for milestone in self.sudo().milestone_ids
            if milestone.rule_id.action in ("tested", "test_2h", "connected") and milestone.state != "cancelled"
        ]
        if self.rehearsal_at:
            steps.append((self.env._("Rehearsal"), self.rehearsal_at))
        return sorted(steps, key=lambda step: step[1])

    def _timeline_lines(self):
        """The timeline as sentences: "Test the connection the day before: by 17:00 14/12/2026"."""
        return [
            self.env._("%(step)s: by %(time)s", step=label, time=format_local(self.env, moment, "HH:mm dd/MM/yyyy"))
            for label, moment in self._timeline()
        ]

    def _time_text(self):
        """ "From 09:00 to 11:00 on 15/12/2026", in Vietnam time."""
        self.ensure_one()
        return self.env._(
            "From %(start)s to %(stop)s on %(day)s.",
            start=format_local(self.env, self.start, "HH:mm"),
            stop=format_local(self.env, self.stop, "HH:mm"),
            day=format_local(self.env, self.start, "dd/MM/yyyy"),
        )

    def _conduct_rules(self):
        return self.env["tcd.conduct.rule"].sudo().search([])

    def _local(self, field_name):
        """The Vietnam datetime of the datetime field ``field_name``."""
        self.ensure_one()
        return to_local(self[field_name]) if self[field_name] else False

    def _letter_place_date(self, day=None):
        """ "Quảng Ngãi, ngày 25 tháng 11 năm 2026": the place and date of a letter (Nghị định 30/2020/NĐ-CP),
        dated ``day``, by default the invitation's date."""
        self.ensure_one()
        day = day or self.invitation_date or self.env["tcd.working.calendar"].today()
        return self.sudo().agency_id._letter_place_date(day)

    # ------------------------------------------------------------------ participants
    # (Quyết định 748/QĐ-TTCP, Quy chế Điều 6 khoản 1 điểm c; Quy chế TCD trực tuyến tỉnh Quảng Ngãi
    # Điều 7 khoản 3; Quyết định 354/QĐ-UBND-HC tỉnh Đồng Tháp, Quy chế Điều 6 khoản 3; Quy chế TCD trực
    # tuyến xã An Lão (2026) Điều 6 khoản 1 điểm c)

    def action_propose_participants(self):
        """Propose the participant roles of each point from the composition templates."""
        Template = self.env["tcd.participant.template"]
        Participant = self.env["tcd.session.participant"]
        for session in self:
            vals_list = []
            have = {(participant.point_line_id.id, participant.role) for participant in session.participant_ids}
            slots = [(False, "central")] + [(line, line.role) for line in session.point_line_ids]
            for line, point_match in slots:
                template = Template._for(session.host_level, point_match)
                for role_line in template.line_ids:
                    key = (line.id if line else False, role_line.role)
                    if key in have:
                        continue
                    vals_list.append(
                        {
                            "session_id": session.id,
                            "point_line_id": line.id if line else False,
                            "sequence": role_line.sequence,
                            "role": role_line.role,
                            "note": role_line.note,
                            "is_citizen": role_line.is_citizen,
                        }
                    )
            Participant.create(vals_list)
        return True

    # ------------------------------------------------------------------ coordination duties
    # (Quyết định 748/QĐ-TTCP, Quy chế Chương III; Quy chế TCD trực tuyến tỉnh Quảng Ngãi Chương III;
    # Quyết định 354/QĐ-UBND-HC tỉnh Đồng Tháp, Quy chế Chương III; Quy chế TCD trực tuyến xã An Lão
    # (2026) Chương III)

    def _create_duty_activities(self):
        """Give each matching agency's officers an activity per coordination task of the session."""
        activity_type = self.env.ref("tiep_cong_dan_truc_tuyen.mail_activity_type_tcd_duty")
        tasks = self.env["tcd.duty.task"].search([])
        # the assignment mails go through the mail queue
        for session in self.with_context(mail_notify_force_send=False):
            activities = self.env["mail.activity"]
            planned = {
                (activity.summary, activity.user_id.id) for activity in session.sudo().duty_activity_ids.exists()
            }
            readers = {}  # the readers among the officers of a set of agencies, looked up once per set
            for task in session._applicable_rules(tasks):
                agencies = task._agencies(session)
                if agencies not in readers:
                    readers[agencies] = session._readers(agencies._officers())
                due_at = task._due_at(session.start)
                for user in readers[agencies]:
                    if (task.name, user.id) in planned:
                        continue
                    activities |= session.activity_schedule(
                        activity_type_id=activity_type.id,
                        date_deadline=to_local(due_at).date(),
                        summary=task.name,
                        note=task.description or task.name,
                        user_id=user.id,
                    )
            session.sudo().duty_activity_ids = [fields.Command.link(activity.id) for activity in activities]
