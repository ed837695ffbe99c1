from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.safe_eval import safe_eval

from .tcd_working_calendar import TZ

# Breakdown lines shown on a tile: the largest groups, the rest summed up as "Others".
BREAKDOWN_LINES = 5


class TcdDashboardTile(models.Model):
    """One figure of the leaders' dashboard: the records of a model matching a domain.

    The figures are counted for the user who looks at them, under their record rules: a commune
    leader counts the commune's records only. The domain is a Python expression of the current
    period's bounds (Vietnam dates, see ``_eval_context``), so that "this month" stays this month.
    Opening a tile opens its window action filtered on the same domain, grouped by the tile's
    breakdown field.
    """

    _name = "tcd.dashboard.tile"
    _description = "Dashboard tile"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    description = fields.Char(translate=True, help="What the figure counts, shown under it.")
    action_id = fields.Many2one(
        "ir.actions.act_window",
        string="Opens",
        required=True,
        ondelete="cascade",
        help="The window action (its views) that opens the tile's records.",
    )
    res_model = fields.Char(related="action_id.res_model", string="Model")
    domain = fields.Text(
        required=True,
        default="[]",
        help="A domain, as a Python expression of: today, now, week_start, next_week_start, month_start, "
        "next_month_start, month_after_next_start, year_start, next_year_start (datetimes in UTC of the "
        "Vietnam days' starts), today_date, year_start_date (Vietnam dates) and uid.",
    )
    group_by = fields.Char(string="Breakdown by", help="The field the tile's records are broken down by.")
    alert = fields.Boolean(help="Any record here needs action: a figure above zero shows in red.")
    color = fields.Integer()
    active = fields.Boolean(default=True)
    record_count = fields.Integer(string="Count", compute="_compute_figures")
    breakdown = fields.Json(compute="_compute_figures", help="[label, count] of the largest groups.")

    @api.constrains("domain", "group_by", "action_id")
    def _check_domain(self):
        for tile in self:
            Model = self.env[tile.res_model]
            try:
                Model._search(tile._domain())
            except Exception as error:
                raise ValidationError(
                    self.env._("The domain of the tile %(tile)s is not valid: %(error)s", tile=tile.name, error=error)
                ) from error
            if tile.group_by and tile.group_by not in Model._fields:
                raise ValidationError(
                    self.env._(
                        "The tile %(tile)s cannot be broken down by %(field)s: the model has no such field.",
                        tile=tile.name,
                        field=tile.group_by,
                    )
                )

    @api.model
    def _eval_context(self):
        """The period bounds the tiles' domains are written with, as of now in Vietnam."""
        calendar = self.env["tcd.working.calendar"]
        today = calendar.today()
        week_start = today - timedelta(days=today.weekday())
        month_start = today.replace(day=1)
        year_start = today.replace(month=1, day=1)
        zone = pytz.timezone(TZ)

        def start_of(day):
            moment = zone.localize(datetime.combine(day, time.min)).astimezone(pytz.utc)
            return fields.Datetime.to_string(moment.replace(tzinfo=None))

        return {
            "uid": self.env.uid,
            "now": fields.Datetime.to_string(fields.Datetime.now()),
            "today": start_of(today),
            "today_date": fields.Date.to_string(today),
            "week_start": start_of(week_start),
            "next_week_start": start_of(week_start + timedelta(days=7)),
            "month_start": start_of(month_start),
            "next_month_start": start_of(month_start + relativedelta(months=1)),
            "month_after_next_start": start_of(month_start + relativedelta(months=2)),
            "year_start": start_of(year_start),
            "next_year_start": start_of(year_start + relativedelta(years=1)),
            "year_start_date": fields.Date.to_string(year_start),
        }

    def _domain(self, context=None):
        self.ensure_one()
        return safe_eval(self.domain or "[]", context or self._eval_context())

    @api.depends("domain", "group_by", "action_id")
    @api.depends_context("uid")
    def _compute_figures(self):
        context = self._eval_context()
        for tile in self:
            Model = self.env[tile.res_model]
            domain = tile._domain(context)
            if not tile.group_by:
                tile.record_count = Model.search_count(domain)
                tile.breakdown = []
                continue
            groups = Model._read_group(domain, [tile.group_by], ["__count"])
            field = Model._fields[tile.group_by]
            # a record in several groups (a many2many) counts once in the total
            tile.record_count = Model.search_count(domain) if field.type == "many2many" else sum(n for _g, n in groups)
            tile.breakdown = tile._breakdown_lines(field, groups)

    def _breakdown_lines(self, field, groups):
        """The ``[label, count]`` lines of the largest groups, largest first, then "Others"."""
        labels = dict(field._description_selection(self.env)) if field.type == "selection" else {}
        not_set = self.env._("Not set")
        lines = []
        for value, count in sorted(groups, key=lambda group: -group[1]):
            if isinstance(value, models.BaseModel):
                label = value.display_name or not_set
            else:
                label = labels.get(value, value) if value not in (False, None) else not_set
            lines.append([str(label), count])
        if len(lines) > BREAKDOWN_LINES + 1:
            others = sum(count for _label, count in lines[BREAKDOWN_LINES:])
            lines = lines[:BREAKDOWN_LINES] + [[self.env._("Others"), others]]
        return lines

    def action_open(self):
        """The tile's records, in its action's views (the list first), grouped by its breakdown field."""
        self.ensure_one()
        action = self.action_id._get_action_dict()
        action.update(
            views=sorted(action["views"], key=lambda view: view[1] != "list"),
            name=self.name,
            domain=self._domain(),
            context={"group_by": [self.group_by]} if self.group_by else {},
            target="current",
        )
        return action
