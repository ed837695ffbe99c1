from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..tools.locks import lock_nowait

CHANNELS = [("direct", "In person"), ("online", "Online")]


class TcdReceptionVisit(models.Model):
    """A reception (lượt tiếp công dân): one citizen or one group received, in person or online, by an officer of
    the agency, at a time and a place, with what they handed in (Luật Tiếp công dân 2013 Điều 25; Nghị định
    154/2026/NĐ-CP Điều 12–15).

    The officer records the matters it brought as cases, one per kind when one petition mixes kinds (Nghị định
    154/2026/NĐ-CP Điều 14 khoản 4; Luật Tiếp công dân 2013 Điều 25 khoản 3), each with its own deadlines; once
    recorded, each of them is a numbered line of the agency's register (tcd.reception.register, Mẫu 03/TCD)."""

    _name = "tcd.reception.visit"
    _description = "Reception visit"
    _inherit = ["tcd.agency.scoped.mixin", "tcd.workflow.mixin", "mail.thread"]
    _order = "visit_at desc, id desc"
    _rec_names_search = ["name", "subject"]

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/", index=True)
    agency_id = fields.Many2one(string="Receiving agency", tracking=True)
    state = fields.Selection(
        [("draft", "Being received"), ("recorded", "Recorded in the register")],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        tracking=True,
    )
    visit_at = fields.Datetime(string="Reception time", required=True, default=fields.Datetime.now, tracking=True)
    visit_day = fields.Date(string="Reception date", compute="_compute_visit_day", store=True, index=True)
    channel = fields.Selection(CHANNELS, string="Reception mode", required=True, default="direct", tracking=True)
    session_id = fields.Many2one(
        "tcd.session", string="Online session", index="btree_not_null", help="The online session of the reception."
    )
    place = fields.Char(
        string="Place of reception",
        compute="_compute_place",
        store=True,
        readonly=False,
        help="The reception office, or the bridge point of an online reception.",
    )
    receiver_id = fields.Many2one(
        "res.users", string="Received by", required=True, default=lambda self: self.env.user, tracking=True
    )
    subject = fields.Char(required=True, tracking=True)
    summary = fields.Html(string="Content", help="What the citizens said and asked for.")
    prior_handling = fields.Text(
        string="History of handling",
        help="The agencies that already resolved the matter, within their authority (Sổ tiếp công dân, column 8).",
    )
    citizen_ids = fields.Many2many(
        "tcd.citizen", "tcd_reception_visit_citizen_rel", "visit_id", "citizen_id", string="Citizens received"
    )
    people_count = fields.Integer(
        string="Number of people",
        compute="_compute_people_count",
        store=True,
        readonly=False,
        help="The people who came with the same matter, listed or not (Sổ tiếp công dân, column 7).",
    )
    representative_ids = fields.Many2many(
        "tcd.citizen",
        "tcd_reception_visit_representative_rel",
        "visit_id",
        "citizen_id",
        string="Representatives",
        help="A group of 5 or more appoints its representatives in writing, signed by all (Luật Tiếp công dân 2013 "
        "Điều 29).",
    )
    document_ids = fields.One2many("tcd.dossier.document", "visit_id", string="Documents handed in")
    case_ids = fields.One2many("tcd.case", "visit_id", string="Cases")
    case_count = fields.Integer(string="Number of cases", compute="_compute_case_count")
    register_ids = fields.One2many("tcd.reception.register", "visit_id", string="Register lines")
    form_ids = fields.One2many("tcd.case.form", "visit_id", string="Forms issued")
    form_count = fields.Integer(string="Number of forms", compute="_compute_form_count")

    @api.depends("visit_at")
    def _compute_visit_day(self):
        calendar = self.env["tcd.working.calendar"]
        for visit in self:
            visit.visit_day = calendar.local_date(visit.visit_at)

    @api.depends("agency_id", "session_id")
    def _compute_place(self):
        for visit in self:
            if visit.session_id and visit.session_id.central_point_id:
                visit.place = visit.session_id.central_point_id.name
            elif not visit.place:
                visit.place = visit.agency_id.letter_name or visit.agency_id.name

    @api.depends("citizen_ids")
    def _compute_people_count(self):
        for visit in self:
            visit.people_count = max(visit.people_count or 0, len(visit.citizen_ids), 1)

    def _compute_case_count(self):
        counts = dict(self.env["tcd.case"]._read_group([("visit_id", "in", self.ids)], ["visit_id"], ["__count"]))
        for visit in self:
            visit.case_count = counts.get(visit, 0)

    @api.depends("form_ids")
    def _compute_form_count(self):
        for visit in self:
            visit.form_count = len(visit.form_ids)

    @api.model
    def _workflow_error(self):
        return self.env._(
            "A reception is recorded in the register, and numbered, only by its button Record in the register."
        )

    @api.model
    def _workflow_create_vals(self, vals):
        if vals.get("name", "/") == "/":
            vals["name"] = self.env["ir.sequence"].next_by_code("tcd.reception.visit") or "/"
        return vals

    @api.ondelete(at_uninstall=False)
    def _unlink_except_recorded(self):
        recorded = self.filtered(lambda visit: visit.state == "recorded" or visit.case_ids)
        if recorded:
            raise UserError(
                self.env._(
                    "The reception %(visit)s has its cases or is recorded in the register: it is kept (Luật Tiếp "
                    "công dân 2013 Điều 25).",
                    visit=recorded[0].name,
                )
            )

    # ------------------------------------------------------------------ the cases of the visit

    def _case_values(self, kind, subject, documents):
        """A case of this visit: its citizens, representatives, people and history, received when they came."""
        self.ensure_one()
        return {
            "kind": kind,
            "subject": subject,
            "agency_id": self.agency_id.id,
            "visit_id": self.id,
            "received_date": self.visit_at,
            "summary": self.summary,
            "prior_handling": self.prior_handling,
            "citizen_ids": [Command.set(self.citizen_ids.ids)],
            "representative_ids": [Command.set(self.representative_ids.ids)],
            "people_count": self.people_count,
            "document_ids": [Command.link(document.id) for document in documents],
        }

    def _create_cases(self, lines):
        """Create the cases of ``lines`` (kind, subject, documents), one per line, and number them in the register
        when the visit is recorded already."""
        self.ensure_one()
        self.check_access("write")
        cases = self.env["tcd.case"].create(
            [self._case_values(kind, subject, documents) for kind, subject, documents in lines]
        )
        if self.state == "recorded":
            self.env["tcd.reception.register"]._record(cases)
        return cases

    def action_open_case_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "tcd.reception.visit.case.wizard",
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Create the cases of the reception"),
            "context": {"default_visit_id": self.id},
        }

    def action_view_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("tiep_cong_dan_truc_tuyen.tcd_case_action")
        action["domain"] = [("visit_id", "=", self.id)]
        action["context"] = {"default_visit_id": self.id, "default_agency_id": self.agency_id.id}
        return action

    # ------------------------------------------------------------------ the register and the receipt

    def action_record(self):
        """Record the visit in the agency's register: a numbered line per case (Mẫu 03/TCD). The visits are
        locked first: recorded twice at once, the second request waits, is retried by Odoo and finds it done."""
        lock_nowait(self)
        self.invalidate_recordset(["state"])
        for visit in self:
            if visit.state == "recorded":
                continue
            if not visit.case_ids:
                raise UserError(
                    self.env._(
                        "Create the cases of the reception %(visit)s first: each matter it brought is a line of the "
                        "register (one per kind, Luật Tiếp công dân 2013 Điều 25 khoản 3).",
                        visit=visit.name,
                    )
                )
            visit._workflow_write({"state": "recorded"})
            self.env["tcd.reception.register"]._record(visit.case_ids)

    def action_issue_receipt(self):
        """The receipt (Mẫu 02/TCD, Nghị định 154/2026/NĐ-CP Điều 15) of what the visit handed in and is on no
        receipt yet, to the citizen who handed it in, signed by the officer who received it."""
        self.ensure_one()
        Form = self.env["tcd.case.form"]
        Form._check_identities(self.citizen_ids)
        documents = Form._not_received(self.document_ids)
        if not documents:
            raise UserError(
                self.env._(
                    "Every document of the reception %(visit)s is on a receipt already: add the documents handed in "
                    "first, or print a receipt again from the forms issued.",
                    visit=self.name,
                )
            )
        provider = documents.citizen_id[:1] or self.representative_ids[:1] or self.citizen_ids[:1]
        if not provider:
            raise UserError(
                self.env._("The reception %(visit)s has no citizen to give the receipt to.", visit=self.name)
            )
        form = Form._issue(
            self,
            "receipt",
            provider,
            document_ids=[Command.set(documents.ids)],
            place=self.place,
            signer_id=self.receiver_id.id,
        )
        return form.action_print()

    def action_view_forms(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("tiep_cong_dan_truc_tuyen.tcd_case_form_action")
        action["domain"] = [("visit_id", "=", self.id)]
        return action
