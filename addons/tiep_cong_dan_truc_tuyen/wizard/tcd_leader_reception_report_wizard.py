from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class TcdLeaderReceptionReportWizard(models.TransientModel):
    """The report on how often the leaders of the user's scope received citizens (Luật Tiếp công
    dân 2013 Điều 11, 12, 15, 18; Nghị định 154/2026/NĐ-CP Điều 10).

    It creates the periods that do not exist yet (a range before the scheduled action ran, a leader
    given a role late), counts them again and opens them by leader, the missed ones in red.
    """

    _name = "tcd.leader.reception.report.wizard"
    _description = "Reception frequency report"

    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: self.env["tcd.working.calendar"].today().replace(day=1) - relativedelta(months=2),
    )
    date_to = fields.Date(string="To", required=True, default=lambda self: self.env["tcd.working.calendar"].today())
    agency_id = fields.Many2one("tcd.agency", help="Its leaders and those of the agencies under it.")
    role_id = fields.Many2one("tcd.leader.role")

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_to < wizard.date_from:
                raise ValidationError(self.env._("The report must end after it starts."))
            if wizard.date_to > wizard.date_from + relativedelta(years=1):
                raise ValidationError(self.env._("A frequency report covers at most one year: choose a shorter range."))

    def action_report(self):
        self.ensure_one()
        leaders_domain = [("tcd_leader_role_id", "!=", False)] + self.env.user._tcd_scope_domain("tcd_agency_id")
        domain = [("period_start", "<=", self.date_to), ("period_end", ">=", self.date_from)]
        if self.agency_id:
            leaders_domain.append(("tcd_agency_id", "child_of", self.agency_id.id))
            domain.append(("agency_id", "child_of", self.agency_id.id))
        if self.role_id:
            leaders_domain.append(("tcd_leader_role_id", "=", self.role_id.id))
            domain.append(("role_id", "=", self.role_id.id))
        # the periods are the scope's bookkeeping: created and counted whatever the user's own rights
        leaders = self.env["res.users"].search(leaders_domain)
        self.env["tcd.leader.reception"].sudo()._ensure_periods(leaders, self.date_from, self.date_to)._refresh()
        action = self.env["ir.actions.act_window"]._for_xml_id("tiep_cong_dan_truc_tuyen.tcd_leader_reception_action")
        action.update(
            name=self.env._(
                "Reception frequency from %(start)s to %(end)s",
                start=self.date_from.strftime("%d/%m/%Y"),
                end=self.date_to.strftime("%d/%m/%Y"),
            ),
            domain=domain,
            context={"group_by": ["leader_id"], "create": False},
            views=[(False, "list"), (False, "pivot"), (False, "graph"), (False, "form")],
        )
        return action
