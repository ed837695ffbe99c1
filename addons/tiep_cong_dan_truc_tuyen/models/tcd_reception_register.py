from odoo import api, fields, models


class TcdReceptionRegister(models.Model):
    """A line of the citizen reception register (Sổ tiếp công dân, Mẫu 03/TCD of Nghị định 154/2026/NĐ-CP; Luật
    Tiếp công dân 2013 Điều 25 khoản 2): one matter of a recorded reception visit, numbered in the yearly series of
    the receiving agency, its twelve columns read from the visit and the case.

    The line stores no identity: the name, address and ID paper of columns (3) and (4) are read when the line is
    shown or printed, from the citizens as the reader may see them (a protected denouncer's reference only, but to
    her handlers, Luật Tố cáo 2018 Điều 47, 56). Lines are written by the system when a visit is recorded."""

    _name = "tcd.reception.register"
    _description = "Citizen reception register line"
    _order = "agency_id, year desc, number desc"
    _rec_name = "display_number"

    visit_id = fields.Many2one(
        "tcd.reception.visit", string="Reception visit", required=True, readonly=True, index=True, ondelete="restrict"
    )
    case_id = fields.Many2one("tcd.case", required=True, readonly=True, index=True, ondelete="restrict")
    agency_id = fields.Many2one("tcd.agency", required=True, readonly=True, index=True)
    province_agency_id = fields.Many2one(
        related="agency_id.province_agency_id", string="Province agency", store=True, index=True
    )
    year = fields.Integer(required=True, readonly=True, index=True)
    number = fields.Integer(string="No.", required=True, readonly=True, help="Column (1): numbered per year.")
    display_number = fields.Char(string="Register no.", compute="_compute_display_number")
    reception_date = fields.Date(related="visit_id.visit_day", string="Reception date", store=True, help="Column (2).")
    citizen_text = fields.Text(string="Full name and address", compute="_compute_identity", help="Column (3).")
    id_text = fields.Text(string="ID card or passport no.", compute="_compute_identity", help="Column (4).")
    subject = fields.Char(related="case_id.subject", string="Summary of the matter", help="Column (5).")
    kind = fields.Selection(related="case_id.kind", string="Type", store=True, help="Column (6).")
    people_count = fields.Integer(
        related="case_id.people_count", string="Number of people", store=True, help="Column (7)."
    )
    prior_handling = fields.Text(related="case_id.prior_handling", string="Already resolved by", help="Column (8).")
    is_competent = fields.Boolean(
        string="Within our authority", compute="_compute_handling", store=True, help="Column (9)."
    )
    guided_to = fields.Char(
        string="Guided to", compute="_compute_handling", store=True, help="Column (10), with the guidance slip no."
    )
    forwarded_to = fields.Char(
        string="Forwarded to", compute="_compute_handling", store=True, help="Column (11), with the transfer slip no."
    )
    result = fields.Char(string="Follow-up of the result", compute="_compute_result", help="Column (12).")

    _sql_constraints = [
        ("number_unique", "unique(agency_id, year, number)", "A number is used once per agency and year."),
        ("case_unique", "unique(case_id)", "A case is recorded once in the register."),
    ]

    @api.depends("number", "year")
    def _compute_display_number(self):
        for line in self:
            line.display_number = f"{line.number}/{line.year}"

    @api.depends("case_id.citizen_ids", "case_id.representative_ids")
    @api.depends_context("uid")
    def _compute_identity(self):
        person = self.env["tcd.case.form"]._person_values
        for line in self:
            people = [person(citizen, shown=not citizen.identity_hidden) for citizen in line.case_id.citizen_ids]
            line.citizen_text = "\n".join(
                ", ".join(part for part in (p["name"], p.get("address")) if part) for p in people
            )
            line.id_text = "\n".join(p.get("id_text") or "" for p in people).strip()

    @api.depends("case_id.disposition", "case_id.forward_to", "case_id.forward_document")
    def _compute_handling(self):
        for line in self:
            case = line.case_id
            target = ", ".join(part for part in (case.forward_to, case.forward_document) if part)
            line.is_competent = case.disposition == "competent"
            line.guided_to = target if case.disposition == "guide" else False
            line.forwarded_to = target if case.disposition == "forward" else False

    @api.depends("case_id.state", "case_id.decision_number", "case_id.decision_date", "case_id.accepted_date")
    def _compute_result(self):
        states = dict(self.env["tcd.case"]._fields["state"]._description_selection(self.env))
        for line in self:
            case = line.case_id
            if case.decision_date:
                line.result = self.env._(
                    "Resolved: %(number)s of %(date)s",
                    number=case.decision_number or "-",
                    date=case.decision_date.strftime("%d/%m/%Y"),
                )
            elif case.accepted_date:
                line.result = self.env._("Accepted on %(date)s", date=case.accepted_date.strftime("%d/%m/%Y"))
            else:
                line.result = states[case.state]

    @api.model
    def _record(self, cases):
        """Number ``cases`` (of recorded visits) in their agency's register, in the year of their reception."""
        lines = []
        for case in cases.sudo().sorted(lambda c: (c.visit_id.visit_at, c.id)):
            day = case.visit_id.visit_day
            agency = case.visit_id.agency_id
            lines.append(
                {
                    "visit_id": case.visit_id.id,
                    "case_id": case.id,
                    "agency_id": agency.id,
                    "year": day.year,
                    "number": agency._next_register_number(day),
                }
            )
        return self.sudo().create(lines)

    @api.model
    def _columns(self):
        """The twelve columns of the register (Mẫu 03/TCD), in their order: their heading, their width in a
        spreadsheet and what a line shows in them."""
        kinds = dict(self._fields["kind"]._description_selection(self.env))

        def date_text(line):
            return line.reception_date.strftime("%d/%m/%Y")

        return [
            (self.env._("No."), 6, lambda line: line.number),
            (self.env._("Reception date"), 12, date_text),
            (self.env._("Full name, address"), 30, lambda line: line.citizen_text or ""),
            (self.env._("ID card or passport no. (or other ID paper)"), 20, lambda line: line.id_text or ""),
            (self.env._("Summary of the matter"), 32, lambda line: line.subject or ""),
            (self.env._("Type (complaint, denunciation, petition, reflection)"), 12, lambda line: kinds[line.kind]),
            (self.env._("Number of people with the same matter"), 8, lambda line: line.people_count),
            (self.env._("Agency that already resolved it"), 20, lambda line: line.prior_handling or ""),
            (self.env._("Within our authority"), 8, lambda line: "x" if line.is_competent else ""),
            (self.env._("Guided to (guidance slip no.)"), 22, lambda line: line.guided_to or ""),
            (self.env._("Forwarded to (transfer slip no.)"), 22, lambda line: line.forwarded_to or ""),
            (self.env._("Follow-up of the result"), 18, lambda line: line.result or ""),
        ]

    def _log_export(self):
        """Printing or exporting the register reads the citizens' identity of columns (3) and (4): logged."""
        self.env["tcd.access.log"]._log(self.case_id, "export", ["citizen_text", "id_text"], model=self._name)

    def export_data(self, fields_to_export):
        if any(path.split("/")[0] in ("citizen_text", "id_text", "case_id") for path in fields_to_export):
            self._log_export()
        return super().export_data(fields_to_export)
