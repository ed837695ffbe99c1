from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from .tcd_lead_time_rule import OFFICE_START, to_utc
from .tcd_reminder_mixin import REMIND

DEFAULT_CENTRAL_BANDWIDTH = 30.0
DEFAULT_DELEGATE_BANDWIDTH = 5.0
DEFAULT_REVIEW_PERIOD_DAYS = 90
READINESS = [
    ("ready", "Ready"),
    ("missing", "Missing equipment"),
    ("broken", "Equipment out of order"),
    ("bandwidth", "Bandwidth below requirement"),
]


class TcdBridgePoint(models.Model):
    """Bridge point (điểm cầu) of an agency's reception office (Nghị định 154/2026/NĐ-CP Điều 3).

    Its technicians are reminded to review it once its last review is a period old, once per period
    (tcd.reminder.mixin).
    """

    _name = "tcd.bridge.point"
    _description = "Bridge point"
    _inherit = ["tcd.agency.scoped.mixin", "tcd.reminder.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "name"
    _rec_names_search = ["name", "code"]
    _reminder_fields = {REMIND: ("last_review_date", "review_reminded_on")}
    _reminder_activity_types = {REMIND: "tiep_cong_dan_truc_tuyen.mail_activity_type_tcd_review"}
    _reminder_cron = "tiep_cong_dan_truc_tuyen.ir_cron_tcd_bridge_point_review_reminder"

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(index=True)
    agency_id = fields.Many2one(tracking=True)
    admin_unit_id = fields.Many2one(related="agency_id.admin_unit_id", store=True, string="Administrative unit")
    location = fields.Char(help="Address and room of the bridge point.")
    phone = fields.Char()
    is_central = fields.Boolean(
        string="Central point", tracking=True, help="The point can host a session as the central point."
    )
    is_delegate = fields.Boolean(
        string="Delegate point", default=True, tracking=True, help="The point can join a session as a delegate."
    )
    role_label = fields.Char(string="Role", compute="_compute_role_label")
    required_bandwidth = fields.Float(
        string="Required bandwidth (Mb/s)",
        compute="_compute_required_bandwidth",
        store=True,
        readonly=False,
        tracking=True,
        help="About 30 Mb/s dedicated line for a central point, about 5 Mb/s for a delegate point.",
    )
    measured_bandwidth = fields.Float(string="Measured bandwidth (Mb/s)", tracking=True)
    measured_date = fields.Date(string="Measured on")
    bandwidth_ok = fields.Boolean(string="Bandwidth sufficient", compute="_compute_bandwidth_ok", store=True)
    max_points = fields.Integer(
        string="Maximum simultaneous points",
        default=10,
        tracking=True,
        help="How many bridge points a central point can connect at the same time.",
    )
    platform_id = fields.Many2one("tcd.conference.platform", string="Conference platform")
    platform_account = fields.Char(
        string="Platform account",
        groups="tiep_cong_dan_truc_tuyen.group_tcd_technician",
        copy=False,
    )
    platform_password = fields.Char(
        string="Platform password",
        groups="tiep_cong_dan_truc_tuyen.group_tcd_technician",
        copy=False,
    )
    technician_ids = fields.Many2many(
        "res.users",
        string="Technicians",
        domain=lambda self: [("groups_id", "in", self.env.ref("tiep_cong_dan_truc_tuyen.group_tcd_technician").id)],
        help="Technical staff who operate this point; they see and edit it even outside their agency's scope.",
    )
    note = fields.Html()
    active = fields.Boolean(default=True, tracking=True)
    equipment_ids = fields.One2many("maintenance.equipment", "tcd_bridge_point_id")
    equipment_count = fields.Integer(compute="_compute_equipment_count")
    readiness = fields.Selection(
        READINESS,
        compute="_compute_readiness",
        store=True,
        index=True,
        group_expand="_group_expand_readiness",
        help="Whether the point has the equipment its role requires, in working order, and enough bandwidth.",
    )
    readiness_note = fields.Text(string="Readiness details", compute="_compute_readiness_note")
    review_ids = fields.One2many("tcd.bridge.point.review", "bridge_point_id", string="Reviews")
    last_review_date = fields.Date(compute="_compute_last_review_date", store=True, index=True)
    review_reminded_on = fields.Date(
        string="Review reminder sent on", readonly=True, copy=False, help="The last reminder to review the point."
    )

    _sql_constraints = [
        ("code_unique", "unique(code)", "Another bridge point already has this code."),
    ]

    @api.depends("is_central", "is_delegate")
    def _compute_role_label(self):
        central, delegate = self.env._("Central"), self.env._("Delegate")
        for point in self:
            roles = [
                label for label, has_role in ((central, point.is_central), (delegate, point.is_delegate)) if has_role
            ]
            point.role_label = ", ".join(roles)

    @api.depends("is_central")
    def _compute_required_bandwidth(self):
        for point in self:
            point.required_bandwidth = DEFAULT_CENTRAL_BANDWIDTH if point.is_central else DEFAULT_DELEGATE_BANDWIDTH

    @api.depends("required_bandwidth", "measured_bandwidth")
    def _compute_bandwidth_ok(self):
        for point in self:
            point.bandwidth_ok = bool(point.measured_bandwidth) and (
                point.measured_bandwidth >= point.required_bandwidth
            )

    def _compute_equipment_count(self):
        counts = dict(
            self.env["maintenance.equipment"]._read_group(
                [("tcd_bridge_point_id", "in", self.ids)], ["tcd_bridge_point_id"], ["__count"]
            )
        )
        for point in self:
            point.equipment_count = counts.get(point, 0)

    def _roles(self):
        return [role for role, has_role in (("central", self.is_central), ("delegate", self.is_delegate)) if has_role]

    def _readiness_problems(self, required=None):
        """The point's problems, worst first: [(readiness code, category, required, found)].

        :param required: the point's required counts by category, when the caller has them
        """
        self.ensure_one()
        if required is None:
            required = self.env["tcd.equipment.profile"]._required_counts(self._roles())
        equipment = self.sudo().equipment_ids
        problems = []
        for category, count in required.items():
            items = equipment.filtered(lambda item, category=category: item.category_id == category)
            working = items.filtered(lambda item: item.tcd_condition != "out_of_order")
            if len(items) < count:
                problems.append(("missing", category, count, len(items)))
            elif len(working) < count:
                problems.append(("broken", category, count, len(working)))
        if not self.measured_bandwidth or not self.bandwidth_ok:
            problems.append(("bandwidth", False, self.required_bandwidth, self.measured_bandwidth))
        order = [code for code, _label in READINESS]
        return sorted(problems, key=lambda problem: order.index(problem[0]))

    def _readiness_problems_by_point(self):
        """(point, problems) for each point, the required counts looked up once per set of roles."""
        required_by_roles = {}
        for point in self:
            roles = tuple(point._roles())
            if roles not in required_by_roles:
                required_by_roles[roles] = self.env["tcd.equipment.profile"]._required_counts(roles)
            yield point, point._readiness_problems(required_by_roles[roles])

    @api.depends(
        "is_central",
        "is_delegate",
        "measured_bandwidth",
        "bandwidth_ok",
        "equipment_ids.category_id",
        "equipment_ids.tcd_condition",
        "equipment_ids.active",
    )
    def _compute_readiness(self):
        for point, problems in self._readiness_problems_by_point():
            point.readiness = problems[0][0] if problems else "ready"

    @api.depends("readiness")
    @api.depends_context("lang")
    def _compute_readiness_note(self):
        for point, problems in self._readiness_problems_by_point():
            lines = []
            for code, category, need, have in problems:
                if code == "missing":
                    lines.append(
                        self.env._(
                            "Missing: %(category)s (%(have)s of %(need)s required).",
                            category=category.name,
                            have=have,
                            need=need,
                        )
                    )
                elif code == "broken":
                    lines.append(
                        self.env._(
                            "Out of order: %(category)s (%(have)s of %(need)s required in working order).",
                            category=category.name,
                            have=have,
                            need=need,
                        )
                    )
                elif have:
                    lines.append(
                        self.env._("Bandwidth: %(have)s Mb/s measured, %(need)s Mb/s required.", have=have, need=need)
                    )
                else:
                    lines.append(self.env._("Bandwidth: not measured yet (%(need)s Mb/s required).", need=need))
            point.readiness_note = "\n".join(lines) or self.env._(
                "The point has the required equipment in working order and enough bandwidth."
            )

    @api.model
    def _group_expand_readiness(self, values, domain):
        return [code for code, _label in READINESS]

    @api.depends("review_ids.state", "review_ids.date")
    def _compute_last_review_date(self):
        for point in self:
            dates = point.review_ids.filtered(lambda review: review.state == "done").mapped("date")
            point.last_review_date = max(dates) if dates else False

    # ------------------------------------------------------------------ review reminder (tcd.reminder.mixin)

    @api.model
    def _review_period(self):
        """How many days a review lasts (the settings' review period)."""
        return int(
            self.env["ir.config_parameter"].sudo().get_param("tiep_cong_dan_truc_tuyen.review_period_days")
            or DEFAULT_REVIEW_PERIOD_DAYS
        )

    @api.model
    def _reminder_threshold(self, stage, now):
        """A review, and a reminder, count for one period."""
        return self.env["tcd.working.calendar"].local_date(now) - timedelta(days=self._review_period())

    @api.model
    def _reminder_domain(self, stage, now):
        """The points never reviewed or last reviewed a period ago, not reminded during the last period."""
        threshold = self._reminder_threshold(stage, now)
        return [
            "|", ("last_review_date", "=", False), ("last_review_date", "<=", threshold),
            "|", ("review_reminded_on", "=", False), ("review_reminded_on", "<=", threshold),
        ]  # fmt: skip

    @api.model
    def _reminder_order(self, stage):
        return "last_review_date asc nulls first, id"

    @api.model
    def _reminder_next_at(self, stage, now):
        """A period after the earliest review or reminder still counting: a point falls due a period
        after the later of the two, so the action woken then may find nothing, and wakes at the next."""
        threshold = self._reminder_threshold(stage, now)
        days = []
        for date_field in ("last_review_date", "review_reminded_on"):
            upcoming = self.search([(date_field, ">", threshold)], order=f"{date_field}, id", limit=1)
            if upcoming:
                days.append(upcoming[date_field] + timedelta(days=self._review_period()))
        return to_utc(min(days), OFFICE_START) if days else None

    def _reminder_recipients(self, stage):
        return self.technician_ids or self.create_uid

    def _reminder_texts(self, stage):
        return (
            self.env._("Review the current state of the bridge point"),
            self.env._(
                "Last review: %(date)s. Review the facilities, lines and equipment every %(days)s days "
                "(rà soát, đánh giá hiện trạng: Quy chế tiếp công dân trực tuyến của UBND tỉnh Quảng Ngãi "
                "(2025) Điều 9 khoản 5 điểm b; Kế hoạch 459/KH-UBND tỉnh Nghệ An, Phần III mục 3).",
                date=format_date(self.env, self.last_review_date) if self.last_review_date else self.env._("never"),
                days=self._review_period(),
            ),
        )

    def _reminder_values(self, stage):
        calendar = self.env["tcd.working.calendar"]
        return {"date_deadline": calendar.add_working_days(calendar.today(), 5)}

    def _review_done(self):
        """The technicians' reminders to review these points are done."""
        review_type = self.env.ref(self._reminder_activity_types[REMIND])
        reminders = self.sudo().activity_ids.filtered(lambda activity: activity.activity_type_id == review_type)
        if reminders:
            reminders.action_feedback(feedback=self.env._("Done"))

    def _reminder_flag(self, stage):
        """Reminded once per period: the day of the reminder."""
        self.write({"review_reminded_on": self.env["tcd.working.calendar"].today()})

    def action_view_equipment(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("tiep_cong_dan_truc_tuyen.tcd_equipment_action")
        action["domain"] = [("tcd_bridge_point_id", "=", self.id)]
        action["context"] = {"default_tcd_bridge_point_id": self.id, "default_name": ""}
        return action

    def action_new_review(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "tcd.bridge.point.review",
            "view_mode": "form",
            "res_id": self.env["tcd.bridge.point.review"].create({"bridge_point_id": self.id}).id,
        }

    @api.constrains("is_central", "is_delegate")
    def _check_role(self):
        for point in self:
            if not (point.is_central or point.is_delegate):
                raise ValidationError(
                    self.env._(
                        "The bridge point %(point)s must be able to act as a central point, a delegate point or both.",
                        point=point.name,
                    )
                )

    @api.constrains("required_bandwidth", "measured_bandwidth")
    def _check_bandwidth(self):
        for point in self:
            if point.required_bandwidth <= 0:
                raise ValidationError(
                    self.env._(
                        "The required bandwidth of the bridge point %(point)s must be greater than 0 Mb/s "
                        "(about 30 Mb/s for a central point, 5 Mb/s for a delegate point).",
                        point=point.name,
                    )
                )
            if point.measured_bandwidth < 0:
                raise ValidationError(
                    self.env._(
                        "The measured bandwidth of the bridge point %(point)s cannot be negative.",
                        point=point.name,
                    )
                )

    @api.constrains("is_central", "max_points")
    def _check_max_points(self):
        for point in self:
            if point.max_points < 0:
                raise ValidationError(
                    self.env._(
                        "The maximum number of simultaneous points of %(point)s cannot be negative.",
                        point=point.name,
                    )
                )
            if point.is_central and point.max_points < 1:
                raise ValidationError(
                    self.env._(
                        "The central bridge point %(point)s must be able to connect at least 1 point "
                        "at the same time (usually 5 to 10).",
                        point=point.name,
                    )
                )
