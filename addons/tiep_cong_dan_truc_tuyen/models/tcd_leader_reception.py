from collections import defaultdict
from datetime import time, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from ..tools import activities
from .tcd_lead_time_rule import to_utc
from .tcd_leader_role import PERIODS, period_bounds, period_starts

STATES = [("upcoming", "Upcoming"), ("met", "Met"), ("missed", "Missed")]
# The sessions that count as a day of reception: started, held or closed.
COUNTED_STATES = ("in_progress", "held", "closed")
# Set when the period is created; only an administrator corrects them.
FIXED_FIELDS = {
    "leader_id",
    "role_id",
    "agency_id",
    "period",
    "period_start",
    "period_end",
    "required_days",
    "held_days",
}
BATCH_SIZE = 200
RECEPTION_ACTIVITY = "tiep_cong_dan_truc_tuyen.mail_activity_type_tcd_leader_reception"
RECEPTION_MISSED_ACTIVITY = "tiep_cong_dan_truc_tuyen.mail_activity_type_tcd_leader_reception_missed"


class TcdLeaderReception(models.Model):
    """One period (week or month) of a leader's duty to receive citizens in person (Luật Tiếp công
    dân 2013 Điều 11, 12, 15, 18; Nghị định 154/2026/NĐ-CP Điều 10).

    The days held are the Vietnam dates of the periodic sessions the leader chaired, counted again
    whenever such a session changes; receptions held outside the online system are entered by hand.
    A period whose total stays below the days required when it ends is missed. The role's frequency
    and the agency are copied when the period is created: a later change of the configuration (the
    commune chairmen's frequency from 01/07/2026) does not rewrite the past.
    """

    _name = "tcd.leader.reception"
    _description = "Leader's periodic reception"
    _inherit = ["tcd.agency.scoped.mixin", "tcd.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "period_start desc, leader_id"

    leader_id = fields.Many2one("res.users", required=True, index=True, ondelete="restrict")
    role_id = fields.Many2one("tcd.leader.role", required=True, index=True, ondelete="restrict")
    period = fields.Selection(PERIODS, string="Period type", required=True)
    period_start = fields.Date(required=True, index=True)
    period_end = fields.Date(required=True)
    period_label = fields.Char(string="Period", compute="_compute_period_label")
    nominal_date = fields.Date(
        string="Usual day", compute="_compute_scheduled_date", store=True, help="The role's usual day in this period."
    )
    scheduled_date = fields.Date(
        string="Scheduled on",
        compute="_compute_scheduled_date",
        store=True,
        index=True,
        help="The usual day, or the next working day when the usual day is a day off; the last working day "
        "before it when the next one is in the following period. Empty when the period has no working day.",
    )
    moved = fields.Boolean(compute="_compute_scheduled_date", store=True)
    move_reason = fields.Char(string="Moved because of", compute="_compute_move_reason")
    required_days = fields.Integer(string="Days required", required=True, aggregator="sum")
    held_days = fields.Integer(
        string="Days held online",
        readonly=True,
        default=0,
        aggregator="sum",
        help="The distinct days of the periodic sessions the leader chaired in this period (started, held or closed).",
    )
    other_days = fields.Integer(
        string="Other days",
        default=0,
        tracking=True,
        aggregator="sum",
        help="Days the leader received citizens in person outside the online system, with a note.",
    )
    other_note = fields.Text(string="About the other days", tracking=True)
    total_days = fields.Integer(string="Total days", compute="_compute_total_days", store=True, aggregator="sum")
    state = fields.Selection(STATES, string="Status", compute="_compute_state", store=True, index=True, tracking=True)
    end_checked = fields.Boolean(
        readonly=True, copy=False, help="The period's end was processed: its agency was told if it was missed."
    )

    _sql_constraints = [
        ("leader_period_unique", "unique(leader_id, period_start)", "A leader has one reception record per period."),
        ("other_days_positive", "CHECK(other_days >= 0)", "The other days cannot be negative."),
    ]

    @api.depends("period", "period_start")
    @api.depends_context("lang")
    def _compute_period_label(self):
        for record in self:
            start = record.period_start
            if not start:
                record.period_label = False
            elif record.period == "week":
                year, week, _weekday = start.isocalendar()
                record.period_label = self.env._("Week %(week)s/%(year)s", week=week, year=year)
            else:
                record.period_label = self.env._("Month %(month)s/%(year)s", month=start.month, year=start.year)

    @api.depends("leader_id", "period_label")
    def _compute_display_name(self):
        for record in self:
            record.display_name = f"{record.leader_id.name} - {record.period_label}"

    @api.depends("period", "period_start", "period_end", "role_id.period", "role_id.weekday", "role_id.month_day")
    def _compute_scheduled_date(self):
        """The role's usual day in the period, moved off the days off without leaving the period: to the
        next working day, or to the last working day before the usual day when the next one is past the
        period's end; none when the period has no working day around it (a week of Tết), or once the
        role has changed to another kind of period."""
        calendar = self.env["tcd.working.calendar"]
        for record in self:
            role = record.role_id
            nominal = (
                bool(record.period_start) and role.period == record.period and role._usual_date(record.period_start)
            )
            scheduled = nominal and calendar.next_working_day(nominal)
            if scheduled and scheduled > record.period_end:
                scheduled = calendar.add_working_days(nominal, -1)
                if scheduled < record.period_start:
                    scheduled = False
            record.nominal_date = nominal
            record.scheduled_date = scheduled
            record.moved = bool(nominal) and scheduled != nominal

    @api.depends("moved", "nominal_date")
    @api.depends_context("lang")
    def _compute_move_reason(self):
        calendar = self.env["tcd.working.calendar"]
        for record in self:
            if not record.moved:
                record.move_reason = False
                continue
            days_off = calendar._days_of(record.nominal_date.year)[0]
            record.move_reason = days_off.get(record.nominal_date) or self.env._("Weekend")

    @api.depends("held_days", "other_days")
    def _compute_total_days(self):
        for record in self:
            record.total_days = record.held_days + record.other_days

    @api.depends("total_days", "required_days", "period_end")
    def _compute_state(self):
        """Met as soon as the days are reached; missed once the period is over without them. It
        depends on today: the scheduled action computes it again when a period ends."""
        today = self.env["tcd.working.calendar"].today()
        for record in self:
            if record.total_days >= record.required_days:
                record.state = "met"
            elif record.period_end and record.period_end < today:
                record.state = "missed"
            else:
                record.state = "upcoming"

    @api.constrains("other_days", "other_note")
    def _check_other_days(self):
        for record in self:
            if record.other_days and not (record.other_note or "").strip():
                raise ValidationError(
                    self.env._(
                        "Say when and where %(leader)s received citizens on the other days of %(period)s.",
                        leader=record.leader_id.name,
                        period=record.period_label,
                    )
                )

    def write(self, vals):
        if FIXED_FIELDS & set(vals) and not (
            self.env.su or self.env.user.has_group("tiep_cong_dan_truc_tuyen.group_tcd_admin")
        ):
            raise UserError(
                self.env._(
                    "The leader, period and days required of a periodic reception are set when the period is "
                    "created; only the other days and their note are entered by hand."
                )
            )
        return super().write(vals)

    # ------------------------------------------------------------------ counting the days held

    @api.model
    def _of_sessions(self, sessions):
        """The periods (in sudo) of the chairs of ``sessions`` that hold the sessions' days."""
        calendar = self.env["tcd.working.calendar"]
        days = {(session.chair_id.id, calendar.local_date(session.start)) for session in sessions if session.start}
        if not days:
            return self.sudo().browse()
        periods = self.sudo().search(
            [
                ("leader_id", "in", [chair for chair, _day in days]),
                ("period_start", "<=", max(day for _chair, day in days)),
                ("period_end", ">=", min(day for _chair, day in days)),
            ]
        )
        return periods.filtered(
            lambda period: any(
                chair == period.leader_id.id and period.period_start <= day <= period.period_end for chair, day in days
            )
        )

    def _refresh(self):
        """Count again the days held in these periods, and their status (which depends on today)."""
        if not self:
            return
        records = self.sudo()
        calendar = self.env["tcd.working.calendar"]
        sessions = (
            self.env["tcd.session"]
            .sudo()
            .search_fetch(
                [
                    ("chair_id", "in", records.leader_id.ids),
                    ("kind", "=", "periodic"),
                    ("state", "in", COUNTED_STATES),
                    ("start", ">=", to_utc(min(records.mapped("period_start")), time.min)),
                    ("start", "<", to_utc(max(records.mapped("period_end")) + timedelta(days=1), time.min)),
                ],
                ["chair_id", "start"],
            )
        )
        days = defaultdict(set)
        for session in sessions:
            days[session.chair_id].add(calendar.local_date(session.start))
        by_count = defaultdict(lambda: records.browse())
        for record in records:
            held = sum(1 for day in days[record.leader_id] if record.period_start <= day <= record.period_end)
            if held != record.held_days:
                by_count[held] |= record
        for held, changed in by_count.items():
            changed.write({"held_days": held})
        self.env.add_to_compute(self._fields["state"], records)

    # ------------------------------------------------------------------ creating the periods

    @api.model
    def _ensure_periods(self, leaders, date_from, date_to):
        """The periods of ``leaders`` that overlap ``date_from``..``date_to``, the missing ones created.

        Only the leaders with an active role and an agency have periods. A new period is counted at
        once; its leader gets an activity on its scheduled date when that day is still to come.
        """
        leaders = leaders.filtered(lambda leader: leader.tcd_leader_role_id.active and leader.tcd_agency_id)
        wanted = {
            (leader.id, start): leader
            for leader in leaders
            for start in period_starts(leader.tcd_leader_role_id.period, date_from, date_to)
        }
        if not wanted:
            return self.browse()
        existing = self.search(
            [("leader_id", "in", leaders.ids), ("period_start", "in", list({start for _leader, start in wanted}))]
        )
        missing = set(wanted) - {(record.leader_id.id, record.period_start) for record in existing}
        today = self.env["tcd.working.calendar"].today()
        # created in bulk by a report or the scheduled action: no creation message, no follower
        created = self.with_context(mail_create_nolog=True, mail_create_nosubscribe=True).create(
            [self._period_vals(wanted[key], key[1], today) for key in sorted(missing)]
        )
        created._refresh()
        created._plan_activities(today)
        return (existing | created).filtered(
            lambda record: record.period_start <= date_to and record.period_end >= date_from
        )

    @api.model
    def _period_vals(self, leader, start, today):
        role = leader.tcd_leader_role_id
        end = period_bounds(role.period, start)[1]
        return {
            "leader_id": leader.id,
            "role_id": role.id,
            "agency_id": leader.tcd_agency_id.id,
            "period": role.period,
            "period_start": start,
            "period_end": end,
            "required_days": role.required_days,
            # a period created after its end (a report on the past) alerts no one
            "end_checked": end < today,
        }

    def _plan_activities(self, today):
        """Give each leader an activity on the scheduled day of their periods still to come, in the leader's
        language; created in batches, each leader told by one mail (tools/activities.py)."""

        def texts(record):
            note = record.move_reason and record.env._(
                "The usual day %(day)s is a day off (%(reason)s).",
                day=format_date(record.env, record.nominal_date),
                reason=record.move_reason,
            )
            return record.env._("Receive citizens in person: %(period)s", period=record.period_label), note

        vals_list = [
            vals
            for record in self.filtered(
                lambda record: (
                    record.scheduled_date
                    and record.scheduled_date >= today
                    and record.state != "met"
                    and record.leader_id.active
                )
            )
            for vals in activities.vals_for(
                record, record.leader_id, RECEPTION_ACTIVITY, texts, date_deadline=record.scheduled_date
            )
        ]
        created = activities.create_quietly(self.env, vals_list)
        activities.notify_assignees(self.env, created, self._digest_texts)

    @api.model
    def _missed_digest_texts(self, env, count, user):
        return (
            env._("Periodic reception of citizens: %(count)s periods missed", count=count),
            env._("%(name)s, these leaders missed their periodic reception:", name=user.name),
        )

    @api.model
    def _digest_texts(self, env, count, user):
        return (
            env._("Periodic reception of citizens: %(count)s days to receive", count=count),
            env._("%(name)s, you receive citizens in person on these days:", name=user.name),
        )

    # ------------------------------------------------------------------ scheduled action

    @api.model
    def _cron_plan(self):
        """Create the current and the next period of every leader with a role, a batch of leaders at
        a time; then process the periods that have ended: their final status, and an activity for
        the officers of the leader's agency when one is missed."""
        today = self.env["tcd.working.calendar"].today()
        leaders = self._leaders_to_plan(today)
        batch = leaders[:BATCH_SIZE]
        for period in ("week", "month"):
            next_start = period_bounds(period, today)[1] + timedelta(days=1)
            self._ensure_periods(
                batch.filtered(lambda leader, period=period: leader.tcd_leader_role_id.period == period),
                today,
                next_start,
            )
        ended_domain = [("period_end", "<", today), ("end_checked", "=", False)]
        ended = self.search(ended_domain, order="period_end, id", limit=BATCH_SIZE)
        ended._process_end()
        self.env["ir.cron"]._notify_progress(
            done=len(batch) + len(ended), remaining=len(leaders) - len(batch) + self.search_count(ended_domain)
        )

    @api.model
    def _leaders_to_plan(self, today):
        """The leaders with an active role whose current or next period is still missing."""
        leaders = self.env["res.users"].search(
            [("tcd_leader_role_id.active", "=", True), ("tcd_agency_id", "!=", False)], order="id"
        )
        starts = {}
        for period in ("week", "month"):
            current = period_bounds(period, today)
            starts[period] = {current[0], current[1] + timedelta(days=1)}
        planned = {
            (record.leader_id.id, record.period_start)
            for record in self.search(
                [("leader_id", "in", leaders.ids), ("period_start", "in", list(set().union(*starts.values())))]
            )
        }
        return leaders.filtered(
            lambda leader: any((leader.id, start) not in planned for start in starts[leader.tcd_leader_role_id.period])
        )

    def _process_end(self):
        """Set the final status of these ended periods; alert the officers of the leader's agency, once,
        of each period missed."""
        self._refresh()
        self.write({"end_checked": True})
        missed = self.filtered(lambda record: record.state == "missed")
        if not missed:
            return
        officers = missed.agency_id._officers()

        def texts(record):
            return (
                record.env._(
                    "%(leader)s missed the periodic reception of %(period)s",
                    leader=record.leader_id.name,
                    period=record.period_label,
                ),
                record.env._(
                    "%(leader)s received citizens on %(total)s of the %(required)s days required in %(period)s.",
                    leader=record.leader_id.name,
                    total=record.total_days,
                    required=record.required_days,
                    period=record.period_label,
                ),
            )

        vals_list = [
            vals
            for record in missed
            for vals in activities.vals_for(
                record,
                officers.filtered(
                    lambda user, record=record: user.tcd_agency_id == record.agency_id and user != record.leader_id
                ),
                RECEPTION_MISSED_ACTIVITY,
                texts,
            )
        ]
        created = activities.create_quietly(self.env, vals_list)
        activities.notify_assignees(self.env, created, self._missed_digest_texts)

    # ------------------------------------------------------------------ actions

    def action_open_sessions(self):
        """The periodic sessions the leader chairs in this period."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("tiep_cong_dan_truc_tuyen.tcd_session_action")
        action.update(
            name=self.display_name,
            domain=[
                ("chair_id", "=", self.leader_id.id),
                ("kind", "=", "periodic"),
                ("start", ">=", to_utc(self.period_start, time.min)),
                ("start", "<", to_utc(self.period_end + timedelta(days=1), time.min)),
            ],
            context={"create": False},
        )
        return action
