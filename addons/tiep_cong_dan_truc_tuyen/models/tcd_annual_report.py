from collections import Counter
from datetime import date, datetime, time

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools.misc import formatLang

from .tcd_working_calendar import TZ

HELD_STATES = ("in_progress", "held", "closed")
# The heard cases the report lists as notable when the board has not chosen them.
NOTABLE_CASES = 10


def percent(part, whole):
    return round(100.0 * part / whole, 1) if whole else 0.0


class TcdAnnualReport(models.Model):
    """The yearly summary and evaluation of online citizen reception (tổng kết, đánh giá).

    The reception board reports each year to its chairing leader (Quy chế tiếp công dân trực tuyến của
    UBND tỉnh Quảng Ngãi (2025) Điều 9 khoản 2 điểm b; Quyết định 748/QĐ-TTCP, Quy chế Điều 8 khoản 1
    điểm h; Kế hoạch 459/KH-UBND tỉnh Nghệ An, Phần III mục 2): the figures of the year over the
    agencies it covers (its scope agency's subtree), then
    its own assessment and proposals. The figures are counted when the report is created and on
    demand while it is a draft; issuing it numbers and dates it and freezes them.
    """

    _name = "tcd.annual.report"
    _description = "Yearly summary and evaluation"
    _inherit = ["tcd.agency.scoped.mixin", "tcd.workflow.mixin", "mail.thread"]
    _order = "year desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    agency_id = fields.Many2one(string="Reporting agency", tracking=True)
    scope_agency_id = fields.Many2one(
        "tcd.agency",
        string="Agencies covered",
        ondelete="restrict",
        default=lambda self: self._default_scope_agency(),
        help="The figures count the records of this agency and the agencies under it; empty, of every agency "
        "(the central reception board's national summary).",
    )
    year = fields.Integer(
        required=True, default=lambda self: self.env["tcd.working.calendar"].today().year, tracking=True
    )
    state = fields.Selection(
        [("draft", "Draft"), ("issued", "Issued")], default="draft", required=True, readonly=True, tracking=True
    )
    number = fields.Char(readonly=True, copy=False)
    report_date = fields.Date(string="Dated", readonly=True, copy=False)
    recipient = fields.Char(
        string="Reported to",
        default=lambda self: self._default_recipient(),
        help="The leader the board reports to (Quy chế tiếp công dân trực tuyến của UBND tỉnh Quảng Ngãi (2025) "
        "Điều 9 khoản 2 điểm b; Quyết định 748/QĐ-TTCP, Quy chế Điều 8 khoản 1 điểm h), e.g. the chairman of the "
        "province People's Committee.",
    )
    signer_id = fields.Many2one("res.users", string="Signed by", default=lambda self: self.env.user)
    signer_position = fields.Char(string="Signer's position", help="For example: Trưởng Ban.")
    figures_date = fields.Datetime(string="Figures counted on", readonly=True, copy=False)

    # sessions hosted in the scope during the year
    session_count = fields.Integer(string="Sessions planned", readonly=True)
    session_held_count = fields.Integer(string="Sessions held", readonly=True)
    session_periodic_count = fields.Integer(string="Periodic sessions held", readonly=True)
    session_ad_hoc_count = fields.Integer(string="Ad hoc sessions held", readonly=True)
    session_postponed_count = fields.Integer(string="Sessions postponed", readonly=True)
    session_cancelled_count = fields.Integer(string="Sessions cancelled", readonly=True)
    session_hours = fields.Float(string="Hours of reception", readonly=True)
    session_attended_count = fields.Integer(
        string="Sessions attended as a delegate point",
        readonly=True,
        help="Sessions held by other agencies in which a bridge point of the scope took part.",
    )
    point_participation_count = fields.Integer(string="Delegate points connected", readonly=True)
    session_held_rate = fields.Float(string="Sessions held (%)", readonly=True)
    # cases
    case_count = fields.Integer(string="Cases received", readonly=True)
    complaint_count = fields.Integer(string="Complaints", readonly=True)
    denunciation_count = fields.Integer(string="Denunciations", readonly=True)
    petition_count = fields.Integer(string="Petitions", readonly=True)
    reflection_count = fields.Integer(string="Reflections", readonly=True)
    crowd_case_count = fields.Integer(string="Crowd cases", readonly=True)
    case_heard_count = fields.Integer(string="Cases heard online", readonly=True)
    case_answered_count = fields.Integer(string="Answered at the session", readonly=True)
    case_instructed_count = fields.Integer(string="With instructions", readonly=True)
    case_guided_count = fields.Integer(string="Guided to the competent agency", readonly=True)
    citizen_count = fields.Integer(string="Citizens received", readonly=True)
    # lead times and instructions
    milestone_on_time_count = fields.Integer(string="Steps done on time", readonly=True)
    milestone_late_count = fields.Integer(string="Steps done late", readonly=True)
    lead_time_rate = fields.Float(string="Lead times kept (%)", readonly=True)
    followup_count = fields.Integer(string="Instructions issued", readonly=True)
    followup_done_count = fields.Integer(string="Instructions carried out", readonly=True)
    followup_on_time_count = fields.Integer(string="Carried out by the deadline", readonly=True)
    followup_overdue_count = fields.Integer(string="Instructions overdue", readonly=True)
    followup_done_rate = fields.Float(string="Instructions carried out (%)", readonly=True)
    # equipment, budget and archive
    point_count = fields.Integer(string="Bridge points", readonly=True)
    point_ready_count = fields.Integer(string="Bridge points ready", readonly=True)
    equipment_count = fields.Integer(string="Equipment items", readonly=True)
    equipment_out_of_order_count = fields.Integer(string="Equipment out of order", readonly=True)
    currency_id = fields.Many2one("res.currency", default=lambda self: self.env.ref("base.VND"))
    budget_approved = fields.Monetary(string="Budget approved", readonly=True)
    budget_spent = fields.Monetary(string="Budget spent", readonly=True)
    recording_count = fields.Integer(string="Recordings archived", readonly=True)
    recording_ok_count = fields.Integer(string="Recordings verified intact", readonly=True)
    # leaders' periodic reception
    leader_period_count = fields.Integer(string="Leaders' periods of reception ended", readonly=True)
    leader_period_met_count = fields.Integer(string="Periods with the required days", readonly=True)
    leader_period_missed_count = fields.Integer(string="Periods below the required days", readonly=True)
    leader_frequency_rate = fields.Float(string="Required frequency kept (%)", readonly=True)
    # deployment of the model and training
    phase_done_count = fields.Integer(string="Deployment tasks done", readonly=True)
    phase_overdue_count = fields.Integer(string="Deployment tasks overdue", readonly=True)
    training_count = fields.Integer(string="Training sessions held", readonly=True)
    trainee_count = fields.Integer(string="Officers trained", readonly=True)

    notable_case_ids = fields.Many2many(
        "tcd.case",
        string="Notable cases",
        help="Listed in the report; by default the crowd cases and the cases given instructions that were heard.",
    )
    assessment = fields.Html(help="Results achieved: what the online reception brought.")
    limitations = fields.Html(string="Limitations and causes")
    proposals = fields.Html(string="Proposals and recommendations")

    _sql_constraints = [
        ("year_plausible", "CHECK(year BETWEEN 2020 AND 2100)", "The year of a summary must be between 2020 and 2100."),
    ]

    @api.model
    def _default_scope_agency(self):
        """The user's scope: the whole country (empty) for central officers, the province for province
        officers, else the user's agency."""
        user = self.env.user
        agency = user.tcd_agency_id
        if user.has_group("tiep_cong_dan_truc_tuyen.group_tcd_central_officer"):
            return self.env["tcd.agency"]
        if user.has_group("tiep_cong_dan_truc_tuyen.group_tcd_province_officer"):
            return agency.province_agency_id or agency
        return agency

    @api.model
    def _default_recipient(self):
        scope = self._default_scope_agency()
        if not scope or scope.level == "central":
            return self.env._("The Inspector General of the Government")
        if scope.level == "commune":
            return self.env._("The Chairman of the commune People's Committee")
        return self.env._("The Chairman of the province People's Committee")

    @api.depends("year", "agency_id")
    def _compute_name(self):
        for report in self:
            report.name = self.env._(
                "Summary of online citizen reception %(year)s - %(agency)s",
                year=report.year,
                agency=report.agency_id.name or "",
            )

    @api.constrains("scope_agency_id")
    def _check_scope_agency(self):
        """A user reports only on agencies they see: a commune cannot report on its province."""
        if self.env.su:
            return
        scope = self.env.user._tcd_scope_domain("id")
        for report in self:
            if not report.scope_agency_id:
                allowed = scope == [(1, "=", 1)]
            else:
                allowed = self.env["tcd.agency"].sudo().search_count([("id", "=", report.scope_agency_id.id), *scope])
            if not allowed:
                raise ValidationError(
                    self.env._(
                        "You cannot report on %(agency)s: it is outside the agencies you work for.",
                        agency=report.scope_agency_id.display_name or self.env._("every agency"),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        reports = super().create(vals_list)
        reports._count_figures()
        return reports

    def write(self, vals):
        if self.filtered(lambda report: report.state == "issued") and not self.env.su:
            frozen = {"year", "scope_agency_id", "agency_id"} & set(vals)
            if frozen:
                raise UserError(self.env._("An issued summary keeps its year and agencies."))
        return super().write(vals)

    # ------------------------------------------------------------------ figures

    def action_count_figures(self):
        if self.filtered(lambda report: report.state != "draft"):
            raise UserError(self.env._("The figures of an issued summary are final."))
        self._count_figures()

    def _year_bounds(self):
        """The year's first instant and the next year's, in UTC, as Vietnam counts them."""
        zone = pytz.timezone(TZ)

        def start(year):
            return zone.localize(datetime.combine(date(year, 1, 1), time.min)).astimezone(pytz.utc).replace(tzinfo=None)

        return start(self.year), start(self.year + 1)

    def _count_figures(self):
        for report in self:
            report._workflow_write(dict(report._figures(), figures_date=fields.Datetime.now()))
            if not report.notable_case_ids:
                report.notable_case_ids = report._default_notable_cases()

    def _figures(self):
        """The year's figures over the scope agency's subtree, whatever the user's own rules.

        Counted by grouped reads, so that a report on the whole country reads a few rows per figure
        rather than every record of the year.
        """
        self.ensure_one()
        env = self.sudo().env
        first, last = self._year_bounds()
        within = self._within
        in_year = [("start", ">=", first), ("start", "<", last)]
        held_in_year = [
            ("session_id.start", ">=", first),
            ("session_id.start", "<", last),
            ("session_id.state", "in", HELD_STATES),
        ]

        def counts(model, domain, groupby):
            return Counter(dict(env[model]._read_group(domain, [groupby], ["__count"])))

        sessions = env["tcd.session"]._read_group(
            [*within("agency_id"), *in_year], ["state", "kind"], ["__count", "duration:sum"]
        )
        by_state, held_by_kind, hours = Counter(), Counter(), 0.0
        for state, kind, count, duration in sessions:
            by_state[state] += count
            if state in HELD_STATES:
                held_by_kind[kind] += count
                hours += duration
        held = sum(held_by_kind.values())
        planned = sum(by_state.values()) - by_state["cancelled"]
        # the sessions of other agencies a point of the scope took part in (none for the whole country)
        attended = (
            env["tcd.session"].search_count(
                [*in_year, ("state", "in", HELD_STATES), "!", *within("agency_id"), *within("point_line_ids.agency_id")]
            )
            if self.scope_agency_id
            else 0
        )
        points_connected = env["tcd.session.point"].search_count([*held_in_year, *within("session_id.agency_id")])
        case_domain = [*within("agency_id"), ("received_date", ">=", first), ("received_date", "<", last)]
        kinds = counts("tcd.case", case_domain, "kind")
        # the cases heard at the scope's sessions, and the scope's cases heard at others' sessions
        heard = env["tcd.session.case"].search(
            [
                *held_in_year,
                ("outcome", "not in", (False, "not_heard")),
                *within("host_agency_id", "case_id.agency_id"),
            ]
        )
        outcomes = Counter(heard.mapped("outcome"))
        steps = counts(
            "tcd.session.milestone",
            [*within("agency_id"), ("session_id.start", ">=", first), ("session_id.start", "<", last)],
            "timeliness",
        )
        # the instructions the scope gave, and those it was given
        followups = env["tcd.case.followup"].search(
            [*held_in_year, ("state", "in", ("open", "done")), *within("host_agency_id", "agency_id")]
        )
        done_tasks = followups.filtered(lambda task: task.state == "done")
        today = env["tcd.working.calendar"].today()
        readiness = counts("tcd.bridge.point", within("agency_id"), "readiness")
        conditions = counts(
            "maintenance.equipment", [("tcd_agency_id", "!=", False), *within("tcd_agency_id")], "tcd_condition"
        )
        [(approved, spent)] = env["tcd.budget"]._read_group(
            [*within("agency_id"), ("fiscal_year", "=", self.year), ("state", "in", ("approved", "closed"))],
            [],
            ["approved_total:sum", "spent_total:sum"],
        )
        integrity = counts(
            "tcd.session.recording", [*within("session_id.agency_id"), *held_in_year[:2]], "integrity_state"
        )
        in_plans = within("plan_agency_id", "lead_agency_id")
        trainees = env["tcd.training.participant"]._read_group(
            [
                ("attended", "=", True),
                ("training_id.state", "=", "done"),
                ("training_id.date_start", ">=", first),
                ("training_id.date_start", "<", last),
                *within("agency_id", "training_id.agency_id"),
            ],
            ["training_id", "agency_id"],
            ["__count"],
        )
        scope_agencies = env["tcd.agency"].with_context(active_test=False).search(within("id"))
        periods = counts(
            "tcd.leader.reception",
            [
                *within("agency_id"),
                ("period_start", ">=", date(self.year, 1, 1)),
                ("period_start", "<=", date(self.year, 12, 31)),
            ],
            "state",
        )
        return {
            "session_count": planned,
            "session_held_count": held,
            "session_periodic_count": held_by_kind["periodic"],
            "session_ad_hoc_count": held_by_kind["ad_hoc"],
            "session_postponed_count": by_state["postponed"],
            "session_cancelled_count": by_state["cancelled"],
            "session_hours": hours,
            "session_attended_count": attended,
            "point_participation_count": points_connected,
            "session_held_rate": percent(held, planned),
            "case_count": sum(kinds.values()),
            "complaint_count": kinds["complaint"],
            "denunciation_count": kinds["denunciation"],
            "petition_count": kinds["petition"],
            "reflection_count": kinds["reflection"],
            "crowd_case_count": env["tcd.case"].search_count([*case_domain, ("is_crowd", "=", True)]),
            "case_heard_count": len(heard.case_id),
            "case_answered_count": outcomes["answered"],
            "case_instructed_count": outcomes["instructed"],
            "case_guided_count": outcomes["guided"],
            "citizen_count": len(heard.attendee_ids),
            "milestone_on_time_count": steps["on_time"],
            "milestone_late_count": steps["late"],
            "lead_time_rate": percent(steps["on_time"], steps["on_time"] + steps["late"]),
            "followup_count": len(followups),
            "followup_done_count": len(done_tasks),
            "followup_on_time_count": len(done_tasks.filtered(lambda task: task.done_date <= task.deadline)),
            "followup_overdue_count": len(
                followups.filtered(lambda task: task.state == "open" and task.deadline and task.deadline < today)
            ),
            "followup_done_rate": percent(len(done_tasks), len(followups)),
            "point_count": sum(readiness.values()),
            "point_ready_count": readiness["ready"],
            "equipment_count": sum(conditions.values()),
            "equipment_out_of_order_count": conditions["out_of_order"],
            "budget_approved": approved or 0.0,
            "budget_spent": spent or 0.0,
            "recording_count": sum(integrity.values()),
            "recording_ok_count": integrity["ok"],
            "leader_period_count": periods["met"] + periods["missed"],
            "leader_period_met_count": periods["met"],
            "leader_period_missed_count": periods["missed"],
            "leader_frequency_rate": percent(periods["met"], periods["met"] + periods["missed"]),
            "phase_done_count": env["tcd.deployment.phase"].search_count(
                [
                    *in_plans,
                    ("state", "=", "done"),
                    ("done_date", ">=", date(self.year, 1, 1)),
                    ("done_date", "<=", date(self.year, 12, 31)),
                ]
            ),
            "phase_overdue_count": env["tcd.deployment.phase"].search_count([*in_plans, ("is_overdue", "=", True)]),
            "training_count": len({training for training, _agency, _count in trainees}),
            "trainee_count": sum(count for _training, agency, count in trainees if agency in scope_agencies),
        }

    def _within(self, *field_names):
        """The domain of the records whose agency field (any of ``field_names``) is in the scope: no
        condition for a national summary."""
        if not self.scope_agency_id:
            return []
        return expression.OR([[(name, "child_of", self.scope_agency_id.id)] for name in field_names])

    def _default_notable_cases(self):
        """The heard cases of the year that drew a crowd or were given instructions, crowd cases first."""
        first, last = self._year_bounds()
        lines = (
            self.env["tcd.session.case"]
            .sudo()
            .search(
                [
                    *self._within("host_agency_id"),
                    ("session_start", ">=", first),
                    ("session_start", "<", last),
                    ("outcome", "!=", False),
                    ("outcome", "!=", "not_heard"),
                    "|",
                    ("case_id.is_crowd", "=", True),
                    ("outcome", "=", "instructed"),
                ]
            )
        )
        cases = lines.case_id.sorted(lambda case: (not case.is_crowd, case.received_date))
        return cases[:NOTABLE_CASES]

    # ------------------------------------------------------------------ issue

    def _check_leader(self):
        if not self.env.user.has_group("tiep_cong_dan_truc_tuyen.group_tcd_leader"):
            raise UserError(self.env._("Only a leader issues the yearly summary or takes it back to draft."))

    def action_issue(self):
        self._check_leader()
        for report in self:
            if report.state != "draft":
                raise UserError(self.env._("The summary %(report)s is already issued.", report=report.name))
            if not (report.assessment and report.proposals):
                raise UserError(
                    self.env._(
                        "Write the board's assessment and its proposals before issuing the summary %(report)s.",
                        report=report.name,
                    )
                )
            report._count_figures()
            report._workflow_write(
                {
                    "state": "issued",
                    "number": report.number or report.agency_id._next_document_number("BC"),
                    "report_date": self.env["tcd.working.calendar"].today(),
                }
            )

    def action_reset_to_draft(self):
        """Back to draft to correct it; it keeps its number when issued again."""
        self._check_leader()
        self.filtered(lambda report: report.state == "issued")._workflow_write({"state": "draft"})

    def _figure_sections(self):
        """The report's tables of figures: a title and its fields, in print order."""
        return [
            (
                self.env._("Online reception sessions"),
                [
                    "session_count",
                    "session_held_count",
                    "session_held_rate",
                    "session_periodic_count",
                    "session_ad_hoc_count",
                    "session_postponed_count",
                    "session_cancelled_count",
                    "session_hours",
                    "point_participation_count",
                    "session_attended_count",
                ],
            ),
            (
                self.env._("Cases and citizens"),
                [
                    "case_count",
                    "complaint_count",
                    "denunciation_count",
                    "petition_count",
                    "reflection_count",
                    "crowd_case_count",
                    "case_heard_count",
                    "case_answered_count",
                    "case_instructed_count",
                    "case_guided_count",
                    "citizen_count",
                ],
            ),
            (
                self.env._("Lead times and instructions"),
                [
                    "milestone_on_time_count",
                    "milestone_late_count",
                    "lead_time_rate",
                    "followup_count",
                    "followup_done_count",
                    "followup_on_time_count",
                    "followup_overdue_count",
                    "followup_done_rate",
                ],
            ),
            (
                self.env._("Equipment, budget and archive"),
                [
                    "point_count",
                    "point_ready_count",
                    "equipment_count",
                    "equipment_out_of_order_count",
                    "budget_approved",
                    "budget_spent",
                    "recording_count",
                    "recording_ok_count",
                ],
            ),
            (
                self.env._("Leaders' periodic reception"),
                [
                    "leader_period_count",
                    "leader_period_met_count",
                    "leader_period_missed_count",
                    "leader_frequency_rate",
                ],
            ),
            (
                self.env._("Deployment of the model and training"),
                ["phase_done_count", "phase_overdue_count", "training_count", "trainee_count"],
            ),
        ]

    def _figure_label(self, field_name):
        return self._fields[field_name].get_description(self.env)["string"]

    def _figure_text(self, field_name):
        """A figure as the report prints it, in the reader's language: rates and hours with one decimal,
        amounts in the currency."""
        field = self._fields[field_name]
        value = self[field_name]
        if field.type == "monetary":
            return formatLang(self.env, value, currency_obj=self.currency_id)
        if field.type == "float":
            return formatLang(self.env, value, digits=1)
        return formatLang(self.env, value, digits=0)

    def _place_date(self):
        return self.sudo().agency_id._letter_place_date(self.report_date or self.env["tcd.working.calendar"].today())
