from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.dates import format_local

MODULE = "tiep_cong_dan_truc_tuyen"
# How long before its start the steps of the day (the 2-hour test, the final connection) are recorded,
# and how long before it the session starts at the earliest (the settings' defaults).
STEPS_HOURS_PARAM = f"{MODULE}.day_steps_hours"
DEFAULT_STEPS_HOURS = 3
START_MINUTES_PARAM = f"{MODULE}.start_early_minutes"
DEFAULT_START_MINUTES = 30


class TcdSessionHolding(models.AbstractModel):
    """The day of a session: its steps are recorded when they happen, not days early (the 2-hour test and the
    final connection from a few hours before the start, the start itself shortly before it, none after the
    planned end), and its points say whether they are ready. A leader may hold a session outside these rules
    with a written reason, kept and logged. The session inherits them."""

    _name = "tcd.session.holding"
    _description = "Holding of a session"

    holding_override_reason = fields.Text(
        string="Holding outside the rules",
        copy=False,
        tracking=True,
        help="A leader's written reason to record the steps of the day or start the session outside their time "
        "window, or with points that reported not being ready.",
    )
    holding_override_by_id = fields.Many2one("res.users", string="Allowed by", readonly=True, copy=False)
    holding_override_date = fields.Datetime(string="Allowed on", readonly=True, copy=False)
    unready_points = fields.Char(
        string="Points not ready",
        compute="_compute_unready_points",
        help="The delegate points missing equipment or whose unit reported not being ready.",
    )

    @api.depends("point_line_ids.readiness", "point_line_ids.reported_readiness")
    def _compute_unready_points(self):
        readiness = dict(self.env["tcd.bridge.point"]._fields["readiness"]._description_selection(self.env))
        for session in self:
            problems = []
            for line in session.point_line_ids:
                if line.reported_readiness == "not_ready":
                    problems.append(
                        self.env._("%(point)s (its unit reported not ready)", point=line.bridge_point_id.name)
                    )
                elif line.readiness and line.readiness != "ready":
                    problems.append(f"{line.bridge_point_id.name} ({readiness[line.readiness].lower()})")
            session.unready_points = "; ".join(problems)

    @api.model
    def _check_holding_override(self, vals):
        """Only a leader allows a session to be held outside the rules (``vals`` written to it)."""
        if "holding_override_reason" in vals and not self.env.user.has_group(f"{MODULE}.group_tcd_leader"):
            raise AccessError(self.env._("Only a leader can allow a session to be held outside its rules."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_holding_override(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_holding_override(vals)
        res = super().write(vals)
        if "holding_override_reason" in vals:
            allowed = bool(vals["holding_override_reason"])
            self.sudo().write(
                {
                    "holding_override_by_id": self.env.uid if allowed else False,
                    "holding_override_date": fields.Datetime.now() if allowed else False,
                }
            )
        return res

    def _step_window(self, step):
        """When the ``step`` of the day ("test_2h", "connected" or "start") may be recorded: (opens, closes)."""
        self.ensure_one()
        parameters = self.env["ir.config_parameter"].sudo()
        if step == "start":
            before = timedelta(minutes=int(parameters.get_param(START_MINUTES_PARAM, DEFAULT_START_MINUTES)))
        else:
            before = timedelta(hours=int(parameters.get_param(STEPS_HOURS_PARAM, DEFAULT_STEPS_HOURS)))
        return self.start - before, self.stop

    def _check_holding_time(self, step):
        """Refuse the ``step`` of the day outside its window, unless a leader allowed it."""
        labels = {
            "test_2h": self.env._("The connection test 2 hours before"),
            "connected": self.env._("The final connection of all points"),
            "start": self.env._("The start"),
        }
        now = fields.Datetime.now()
        for session in self.filtered(lambda session: not session.holding_override_reason):
            opens, closes = session._step_window(step)
            if now < opens:
                raise UserError(
                    self.env._(
                        "%(step)s of %(session)s is recorded from %(opens)s, as the session starts at %(start)s. "
                        "A leader may allow it earlier with a written reason (Holding outside the rules, in the "
                        "Progress tab).",
                        step=labels[step],
                        session=session.display_name,
                        opens=format_local(self.env, opens),
                        start=format_local(self.env, session.start),
                    )
                )
            if now > closes:
                raise UserError(
                    self.env._(
                        "%(session)s was to end at %(stop)s: it can no longer be held as planned. Postpone it and "
                        "give it a new time, or a leader may allow it with a written reason (Holding outside the "
                        "rules, in the Progress tab).",
                        session=session.display_name,
                        stop=format_local(self.env, closes),
                    )
                )

    def _check_points_ready(self):
        """Refuse the final connection while a point's unit reports not being ready, unless a leader allowed it;
        the points missing equipment are noted in the chatter."""
        for session in self:
            refusing = session.point_line_ids.filtered(lambda line: line.reported_readiness == "not_ready")
            if refusing and not session.holding_override_reason:
                raise UserError(
                    self.env._(
                        "%(points)s reported on the portal that they are not ready for %(session)s. Have them "
                        "report ready once fixed, drop them (their agencies are told) or postpone the session; a "
                        "leader may allow the session with a written reason (Holding outside the rules, in the "
                        "Progress tab).",
                        points=", ".join(refusing.bridge_point_id.mapped("name")),
                        session=session.display_name,
                    )
                )
            if session.unready_points:
                session.message_post(
                    body=self.env._("Connected although not ready: %(points)s.", points=session.unready_points)
                )
