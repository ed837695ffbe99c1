from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, ValidationError

from ..tools import activities
from ..tools.dates import format_local, to_local
from .tcd_reminder_mixin import ESCALATE, REMIND
from .tcd_session import NOTICE_STATES, PLANNING_STATES, PREPARED_STATES, STATE_ORDER

# Sending invitations renders a PDF letter per point: fewer such steps per batch (per transaction).
MAIL_BATCH_SIZE = 20
MAIL_ACTIONS = ("invitations_sent", "citizens_notified")
# The milestone actions that the state reached implies (the other actions set their own date).
STATE_ACTIONS = {
    "plan_submitted": "plan_submitted",
    "plan_approved": "plan_approved",
    "invited": "invitations_sent",
    "tested": "tested",
    "ready": "connected",
}
MILESTONE_STATES = [
    ("open", "To do"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
TIMELINESS = [
    ("on_time", "On time"),
    ("late", "Late"),
    ("open", "To do"),
    ("cancelled", "Cancelled"),
]


class TcdSessionMilestone(models.Model):
    """One lead-time step of one session, with its due date-time (Nghị định 154/2026/NĐ-CP Điều 23).

    The scheduled action (tcd.reminder.mixin) wakes up at each reminder and due time
    (``ir.cron._trigger``): at the reminder the responsible users get an activity, once the step is
    late the chair and the host agency's leaders get an escalation, once each.
    """

    _name = "tcd.session.milestone"
    _inherit = ["tcd.workflow.mixin", "tcd.reminder.mixin"]
    _description = "Session milestone"
    _order = "due_at, sequence, id"
    _rec_name = "rule_id"
    _reminder_fields = {REMIND: ("remind_at", "reminded"), ESCALATE: ("due_at", "escalated")}
    _reminder_cron = "tiep_cong_dan_truc_tuyen.ir_cron_tcd_session_milestone"

    session_id = fields.Many2one("tcd.session", required=True, index=True, ondelete="cascade")
    agency_id = fields.Many2one(related="session_id.agency_id", string="Host agency", store=True, index=True)
    rule_id = fields.Many2one("tcd.lead.time.rule", string="Step", required=True, ondelete="restrict")
    sequence = fields.Integer(related="rule_id.sequence", store=True)
    blocking = fields.Boolean(related="rule_id.blocking")
    responsible = fields.Selection(related="rule_id.responsible")
    source = fields.Char(related="rule_id.source")
    due_at = fields.Datetime(string="Due", required=True, index=True)
    remind_at = fields.Datetime(string="Reminder", required=True, index=True)
    state = fields.Selection(MILESTONE_STATES, required=True, default="open", index=True)
    done_date = fields.Datetime(readonly=True)
    done_by_id = fields.Many2one("res.users", string="Done by", readonly=True)
    reminded = fields.Boolean(readonly=True, help="The responsible users got the activity.")
    escalated = fields.Boolean(readonly=True, help="The chair and the host agency's leaders were alerted.")
    waived = fields.Boolean(
        string="Late by override",
        readonly=True,
        help="Already late when the session was planned, on a leader's override for an ad hoc session.",
    )
    activity_ids = fields.Many2many("mail.activity", string="Activities", readonly=True, copy=False)
    is_late = fields.Boolean(string="Late", compute="_compute_is_late")
    timeliness = fields.Selection(
        TIMELINESS,
        string="Lead time kept",
        compute="_compute_timeliness",
        store=True,
        help="Whether the step was done by its due time: a step already late when a leader's override "
        "planned the session counts as late.",
    )

    _sql_constraints = [
        ("session_rule_unique", "unique(session_id, rule_id)", "A session has one milestone per step."),
    ]

    def init(self):
        # the scheduled action reads only the open milestones: keep its searches on small indexes
        tools.create_index(
            self.env.cr,
            "tcd_session_milestone_remind_open_index",
            self._table,
            ["remind_at"],
            where="state = 'open' AND reminded IS NOT TRUE",
        )
        tools.create_index(
            self.env.cr,
            "tcd_session_milestone_due_open_index",
            self._table,
            ["due_at"],
            where="state = 'open' AND escalated IS NOT TRUE",
        )

    @api.depends("state", "due_at")
    def _compute_is_late(self):
        now = fields.Datetime.now()
        for milestone in self:
            milestone.is_late = milestone.state == "open" and bool(milestone.due_at) and milestone.due_at < now

    @api.depends("state", "due_at", "done_date", "waived")
    def _compute_timeliness(self):
        for milestone in self:
            if milestone.state != "done":
                milestone.timeliness = milestone.state
            elif milestone.waived or milestone.done_date > milestone.due_at:
                milestone.timeliness = "late"
            else:
                milestone.timeliness = "on_time"

    @api.depends("rule_id.name", "due_at")
    def _compute_display_name(self):
        for milestone in self:
            milestone.display_name = "%s (%s)" % (milestone.rule_id.name, format_local(self.env, milestone.due_at))

    # ------------------------------------------------------------------ the milestones of sessions
    # (Nghị định 154/2026/NĐ-CP Điều 23)

    @api.model
    def _sync_milestones(self, sessions, rescheduled):
        """Create the missing milestones and recompute the due times of the others.

        :param rescheduled: the session moved: the steps that must be redone are reopened, and
            the session falls back to the approved plan when invitations must be sent again
        """
        Milestone = self.sudo()
        changed = Milestone
        rules = self.env["tcd.lead.time.rule"].search([])
        for session in sessions:
            existing = {milestone.rule_id.code: milestone for milestone in session.sudo().milestone_ids}
            new_vals = []
            day = to_local(session.start).date()
            for rule in session._applicable_rules(rules).filtered(lambda rule, day=day: rule._in_force(day)):
                due_at = rule._due_at(session.start)
                vals = {"due_at": due_at, "remind_at": rule._remind_at(due_at)}
                milestone = existing.get(rule.code)
                if not milestone:
                    new_vals.append(dict(vals, session_id=session.id, rule_id=rule.id))
                    continue
                if milestone.rule_id != rule:
                    # the session moved across the day a new text came into force: the step follows it
                    vals["rule_id"] = rule.id
                elif milestone.due_at == due_at and not rescheduled:
                    continue
                if milestone.state == "open":
                    vals.update(reminded=False, escalated=False, waived=False)
                milestone.write(vals)
                if milestone.state == "done" and rescheduled and rule.redo_on_reschedule:
                    milestone._reopen()
                    session.message_post(body=self.env._("Step to redo after the move: %(step)s.", step=rule.name))
                if milestone.state == "open":
                    milestone.activity_ids.sudo().exists().unlink()
                changed |= milestone
            changed |= Milestone.create(new_vals)
            if rescheduled:
                # the coordination tasks follow the session to its new date
                session.sudo().duty_activity_ids.exists().unlink()
                self.env["tcd.duty.task"]._schedule_duties(session)
            if rescheduled and session.state in PREPARED_STATES:
                redo = session.sudo().milestone_ids.filtered(
                    lambda milestone: milestone.state == "open" and milestone.rule_id.action in STATE_ACTIONS.values()
                )
                if redo:
                    session.sudo().write({"state": "plan_approved"})
        changed._reminder_wake()

    @api.model
    def _complete_milestones_for_state(self, sessions):
        """Mark done the steps that the state reached implies (a session recorded afterwards)."""
        for session in sessions:
            actions = {
                action for state, action in STATE_ACTIONS.items() if STATE_ORDER[state] <= STATE_ORDER[session.state]
            }
            if session.state in ("in_progress", "held", "closed"):
                actions |= set(STATE_ACTIONS.values()) | {"citizens_notified", "test_2h"}
            self._complete_milestones(session, actions)

    @api.model
    def _complete_milestones(self, sessions, actions):
        sessions.sudo().milestone_ids.filtered(
            lambda milestone: milestone.state == "open" and milestone.rule_id.action in actions
        )._mark_done()
        # the tests of a step done are no longer planned
        self.env["tcd.connection.test"]._sync_connection_tests(sessions)

    @api.model
    def _late_blocking_milestones(self, session, now):
        session.ensure_one()
        return session.sudo().milestone_ids.filtered(
            lambda milestone: milestone.state == "open" and milestone.rule_id.blocking and milestone.due_at < now
        )

    @api.model
    def _compute_session_progress(self, sessions):
        """How many of the steps of each of ``sessions`` are done, of how many."""
        counts = {
            (session.id, state): count
            for session, state, count in self._read_group(
                [("session_id", "in", sessions.ids)], ["session_id", "state"], ["__count"]
            )
        }
        for session in sessions:
            done = counts.get((session.id, "done"), 0)
            total = done + counts.get((session.id, "open"), 0)
            session.milestone_count = total
            session.milestone_done_count = done
            session.milestone_progress = 100.0 * done / total if total else 0.0

    @api.model
    def _compute_session_next(self, sessions):
        """The next open step of each of ``sessions`` and its due time."""
        for session in sessions:
            open_milestones = session.milestone_ids.filtered(lambda milestone: milestone.state == "open")
            nxt = min(open_milestones, key=lambda milestone: (milestone.due_at, milestone.sequence), default=None)
            session.next_milestone_id = nxt
            session.next_due_at = nxt.due_at if nxt else False

    @api.model
    def _check_override(self, vals):
        """Only a leader overrides the lead times of a session (``vals`` written to it)."""
        if vals.get("override_reason") and not self.env.user.has_group("tiep_cong_dan_truc_tuyen.group_tcd_leader"):
            raise AccessError(self.env._("Only a leader can override the lead times of a session."))

    @api.model
    def _record_override(self, sessions):
        """Record on ``sessions`` who overrode their lead times and when."""
        for session in sessions:
            session.sudo().write(
                {
                    "override_by_id": self.env.uid if session.override_reason else False,
                    "override_date": fields.Datetime.now() if session.override_reason else False,
                }
            )

    @api.model
    def _lapse(self, sessions):
        """The open steps and the coordination tasks of postponed or cancelled ``sessions`` lapse."""
        milestones = sessions.sudo().milestone_ids.filtered(lambda milestone: milestone.state == "open")
        (milestones.activity_ids | sessions.sudo().duty_activity_ids).exists().unlink()
        milestones.write({"state": "cancelled"})

    @api.model
    def _check_lead_times(self, sessions):
        """Refuse a session whose blocking steps would already be late (Nghị định 154/2026/NĐ-CP Điều 23),
        naming each failed rule and the earliest start that meets them all; an ad hoc session with a
        leader's override goes ahead, its late steps marked as such."""
        now = fields.Datetime.now()
        for session in sessions.filtered(lambda session: session.state in PLANNING_STATES):
            late = self._late_blocking_milestones(session, now)
            if not late:
                continue
            if session.kind == "ad_hoc" and session.override_reason:
                late.filtered(lambda milestone: not milestone.waived).write({"waived": True})
                continue
            open_blocking = session.sudo().milestone_ids.filtered(
                lambda milestone: milestone.state == "open" and milestone.rule_id.blocking
            )
            earliest = max(milestone.rule_id._earliest_start(now) for milestone in open_blocking)
            lines = "\n".join(
                "- "
                + self.env._(
                    "%(rule)s: due %(due)s, already past",
                    rule=milestone.rule_id._describe(),
                    due=format_local(self.env, milestone.due_at),
                )
                for milestone in late
            )
            raise ValidationError(
                self.env._(
                    "The session %(session)s starting %(start)s is too early for its lead times:\n%(lines)s\n"
                    "The earliest start that meets them all is %(earliest)s. A leader may override the lead times "
                    "of an ad hoc session with a written reason.",
                    session=session.display_name,
                    start=format_local(self.env, session.start),
                    lines=lines,
                    earliest=format_local(self.env, earliest),
                )
            )

    @api.model
    def _milestone_users(self, session, rule):
        """The users who get the activity of a step of ``rule`` for this session."""
        session.ensure_one()
        if rule.responsible == "chair":
            users = session.chair_id
        elif rule.responsible == "technicians":
            users = (session.central_point_id | session.point_line_ids.bridge_point_id).technician_ids
        else:
            users = session._host_officers()
        if rule.group_id:
            users = users.filtered(lambda user: rule.group_id in user.groups_id)
        return session._readers(users or session.chair_id)

    @api.model
    def _escalation_users(self, session):
        """The chair and the leaders of the host agency."""
        session.ensure_one()
        leaders = (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("tcd_agency_id", "=", session.agency_id.id),
                    ("groups_id", "in", self.env.ref("tiep_cong_dan_truc_tuyen.group_tcd_leader").id),
                ]
            )
        )
        return session._readers(session.chair_id | leaders)

    # ------------------------------------------------------------------ done / reopened

    def action_done(self):
        """Mark steps done by hand (the steps no session action completes)."""
        self.filtered(lambda milestone: milestone.state == "open")._mark_done()

    def _mark_done(self):
        if not self:
            return
        self._workflow_write({"state": "done", "done_date": fields.Datetime.now(), "done_by_id": self.env.uid})
        self._close_activities()

    def action_reopen(self):
        self.filtered(lambda milestone: milestone.state == "done")._reopen()

    def _reopen(self):
        self._workflow_write(
            {
                "state": "open",
                "done_date": False,
                "done_by_id": False,
                "reminded": False,
                "escalated": False,
                "waived": False,
            }
        )

    def _close_activities(self):
        activities = self.sudo().activity_ids.exists()
        if activities:
            activities.action_feedback(feedback=self.env._("Step done."))

    # ------------------------------------------------------------------ scheduled action (tcd.reminder.mixin)

    @api.model
    def _reminder_open_domain(self):
        return [("state", "=", "open")]

    @api.model
    def _reminder_batch(self, stage, records):
        """Sending invitations renders a PDF letter per point: at most MAIL_BATCH_SIZE such steps per run."""
        if stage != REMIND:
            return records
        sending = records.filtered(lambda milestone: milestone.rule_id.action in MAIL_ACTIONS)
        return records - sending[MAIL_BATCH_SIZE:]  # left for the next run

    def _reminder_send(self, stage):
        """The steps' mails are sent and their activities created in batches (``_create_activities``)."""
        if stage == REMIND:
            self._remind()
        else:
            self._escalate()

    def _remind(self):
        """Send the mails of the steps done by mail; give the responsible users of the other
        milestones their activity (created in one batch)."""
        activity_type = self.env.ref("tiep_cong_dan_truc_tuyen.mail_activity_type_tcd_milestone")
        vals_list, owners = [], []
        recipients = {}  # the users depend on the session and the rule's responsible and group only
        for milestone in self - self._send_due_mails():
            rule = milestone.rule_id
            key = (milestone.session_id, rule.responsible, rule.group_id)
            if key not in recipients:
                recipients[key] = self._milestone_users(milestone.session_id, rule)
            for user in recipients[key]:
                vals_list.append(milestone._activity_vals(activity_type, milestone.rule_id.name, user))
                owners.append(milestone)
        activities = self._create_activities(vals_list)
        for milestone, activity in zip(owners, activities, strict=True):
            milestone.activity_ids = [fields.Command.link(activity.id)]
        self.write({"reminded": True})

    def _send_due_mails(self):
        """Send the invitations and the citizens' notices whose step falls due, and the test
        reminders to the invited points; return the milestones that sending completed."""
        done = self.browse()
        for milestone in self:
            session, action = milestone.session_id, milestone.rule_id.action
            if session.state not in NOTICE_STATES:
                continue
            if action == "invitations_sent" and session.point_line_ids:
                session.action_send_invitations()
                done |= milestone
            elif action == "citizens_notified":
                session.action_notify_citizens()
                done |= milestone
            elif action in ("tested", "test_2h"):
                self.env["tcd.session.notice"]._send_test_reminders(session, milestone.rule_id)
        return done

    def _escalate(self):
        """Alert the chair and the host agency's leaders of each late milestone."""
        activity_type = self.env.ref("tiep_cong_dan_truc_tuyen.mail_activity_type_tcd_milestone_late")
        recipients = {session: self._escalation_users(session) for session in self.session_id}
        vals_list = [
            milestone._activity_vals(activity_type, self.env._("Late: %(step)s", step=milestone.rule_id.name), user)
            for milestone in self
            for user in recipients[milestone.session_id]
        ]
        self._create_activities(vals_list)
        self.write({"escalated": True})

    @api.model
    def _create_activities(self, vals_list):
        """Create the activities of ``vals_list`` in batches, their assignees told by one mail each
        (tools/activities.py ``create_quietly``, ``notify_assignees``)."""
        created = activities.create_quietly(self.env, vals_list)
        activities.notify_assignees(self.env, created, self._digest_texts)
        return list(created)

    @api.model
    def _digest_texts(self, env, count, user):
        return (
            env._("Citizen reception sessions: %(count)s steps to do", count=count),
            env._("%(name)s, these steps of the sessions are yours:", name=user.name),
        )

    def _activity_vals(self, activity_type, summary, user):
        self.ensure_one()
        return {
            "res_model_id": self.env["ir.model"]._get_id("tcd.session"),
            "res_id": self.session_id.id,
            "activity_type_id": activity_type.id,
            "date_deadline": to_local(self.due_at).date(),
            "summary": summary,
            "note": self._note(),
            "user_id": user.id,
        }

    def _note(self):
        self.ensure_one()
        return self.env._(
            "%(step)s for session %(session)s (starts %(start)s): due %(due)s (%(law)s).",
            step=self.rule_id.name,
            session=self.session_id.name,
            start=format_local(self.env, self.session_id.start),
            due=format_local(self.env, self.due_at),
            law=self.rule_id.source or "-",
        )
