from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools import activities

LEADER_GROUP = "tiep_cong_dan_truc_tuyen.group_tcd_leader"
REFUSAL_ACTIVITY = "tiep_cong_dan_truc_tuyen.mail_activity_type_tcd_refusal"
# The states from which a case is refused (tcd.case._refuse).
REFUSABLE_STATES = ("new", "proposed", "approved", "scheduled")
PROPOSAL_FIELDS = (
    "refusal_proposal_reason_id",
    "refusal_proposal_note",
    "refusal_proposed_by_id",
    "refusal_proposed_date",
)


class TcdCaseFormMixin(models.AbstractModel):
    """The forms a case issues (``tcd.case.form``) and the head's decision on a refusal that needs the written
    refusal notice (Mẫu 01/TCD, Nghị định 154/2026/NĐ-CP Điều 4 khoản 3): an officer proposes it, a leader of the
    agency refuses and issues the notice, which he signs. Each form fills in what the case records of it: the
    refusal notice's date, the acceptance date, the forwarding date and the number of the transfer or guidance
    document (Sổ tiếp công dân, columns 10–11)."""

    _name = "tcd.case.form.mixin"
    _description = "Forms issued for a case"

    form_ids = fields.One2many("tcd.case.form", "case_id", string="Forms issued")
    form_count = fields.Integer(string="Number of forms", compute="_compute_form_count")
    refusal_proposal_reason_id = fields.Many2one(
        "tcd.refusal.reason", string="Refusal proposed for", readonly=True, copy=False
    )
    refusal_proposal_note = fields.Text(string="Note of the refusal proposal", readonly=True, copy=False)
    refusal_proposed_by_id = fields.Many2one("res.users", string="Refusal proposed by", readonly=True, copy=False)
    refusal_proposed_date = fields.Date(string="Refusal proposed on", readonly=True, copy=False)
    refusal_proposal_text = fields.Char(compute="_compute_refusal_proposal_text", string="Refusal proposal")

    def _compute_form_count(self):
        counts = dict(self.env["tcd.case.form"]._read_group([("case_id", "in", self.ids)], ["case_id"], ["__count"]))
        for case in self:
            case.form_count = counts.get(case, 0)

    @api.depends("refusal_proposal_reason_id", "refusal_proposed_by_id", "refusal_proposed_date")
    def _compute_refusal_proposal_text(self):
        calendar = self.env["tcd.working.calendar"]
        for case in self:
            reason = case.refusal_proposal_reason_id
            if not reason:
                case.refusal_proposal_text = False
                continue
            case.refusal_proposal_text = self.env._(
                "%(user)s proposes to refuse the reception (%(reason)s, %(basis)s): the head of the agency refuses the "
                "case and issues its written refusal notice (Mẫu 01/TCD) by %(deadline)s, or returns the proposal "
                "(Nghị định 154/2026/NĐ-CP Điều 4 khoản 3).",
                user=case.refusal_proposed_by_id.name,
                reason=reason.name,
                basis=reason.legal_basis,
                deadline=calendar.add_working_days(case.refusal_proposed_date, 3).strftime("%d/%m/%Y"),
            )

    def write(self, vals):
        res = super().write(vals)
        if vals.get("state") and vals["state"] not in REFUSABLE_STATES:
            # refused, withdrawn or heard: a refusal proposed is decided, or moot
            pending = self.filtered("refusal_proposal_reason_id")
            if pending:
                pending.activity_unlink([REFUSAL_ACTIVITY])
                pending.sudo().write(dict.fromkeys(PROPOSAL_FIELDS, False))
        return res

    # ------------------------------------------------------------------ the forms

    def _tcd_addressees(self):
        """Whom the forms of the case are addressed to: its representatives, else its complainants."""
        self.ensure_one()
        citizens = self.representative_ids or self.citizen_ids
        if not citizens:
            raise UserError(
                self.env._("The case %(case)s has no complainant to address the form to.", case=self.display_name)
            )
        return citizens

    def _tcd_heads(self):
        """The leaders who act as the head of the case's agency (who may read the case): its chairing leader when he
        leads that agency, else the leaders of the nearest agency of its line that has some; a leader of a higher
        level chairing the online session does not sign for the agency."""
        self.ensure_one()
        if self.leader_id.tcd_agency_id == self.agency_id:
            return self.leader_id
        return self.env["res.users"]._tcd_nearest(LEADER_GROUP, self.agency_id, self) or self._approvers()

    def _tcd_head(self):
        """Who signs the forms of the head of the agency."""
        self.ensure_one()
        return self._tcd_heads()[:1] or self.env.user

    def _tcd_issued_form(self, form_type, recipient=False):
        self.ensure_one()
        return self.form_ids.filtered(lambda form: form.form_type == form_type and form.recipient == recipient)[:1]

    def _tcd_issue_form(self, form_type, citizens, **values):
        """Issue a form of the case and record on the case what it says."""
        self.ensure_one()
        form = self.env["tcd.case.form"]._issue(self, form_type, citizens, **values)
        if form_type == "refusal":
            self._workflow_write({"refusal_notice_date": form.issue_date})
        elif form_type in ("guidance", "transfer"):
            self.forward_document = form.number
        if form_type == "transfer" and not self.forwarded_date:
            self.forwarded_date = form.issue_date
        if form_type == "acceptance" and not self.accepted_date:
            self.accepted_date = form.issue_date
        if form_type in ("guidance", "transfer", "acceptance") and not self.reply_date:
            # the slip or notice answers the citizen in writing (Luật Tiếp công dân 2013 Điều 28 khoản 1)
            self.reply_date = form.issue_date
        return form

    def _tcd_forward_form(self, form_type, disposition):
        self.ensure_one()
        if self.disposition != disposition or not self.forward_to:
            dispositions = dict(self._fields["disposition"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "Set the handling of %(case)s to %(disposition)s and name the competent body first.",
                    case=self.display_name,
                    disposition=dispositions[disposition],
                )
            )
        form = self._tcd_issued_form(form_type, self.forward_to)
        if not form:
            # the transfer slip goes out signed by the head; the guidance slip is given by the officer
            values = {"signer_id": self._tcd_head().id} if form_type == "transfer" else {}
            form = self._tcd_issue_form(form_type, self._tcd_addressees(), recipient=self.forward_to, **values)
        return form.action_print()

    def action_issue_guidance_slip(self):
        """The guidance slip of a matter outside the agency's authority (Nghị định 154/2026/NĐ-CP Điều 15)."""
        return self._tcd_forward_form("guidance", "guide")

    def action_issue_transfer_slip(self):
        """The transfer slip (phiếu chuyển đơn) of what must be forwarded to the competent body."""
        return self._tcd_forward_form("transfer", "forward")

    def action_issue_acceptance_notice(self):
        """The notice that the complaint or denunciation is accepted (thông báo thụ lý, Luật Khiếu nại 2011 Điều 27,
        Luật Tố cáo 2018 Điều 29), signed by the head of the agency."""
        self.ensure_one()
        form = self._tcd_issued_form("acceptance")
        if not form:
            if self.kind not in ("complaint", "denunciation") or self.disposition != "competent":
                raise UserError(
                    self.env._(
                        "Only a complaint or a denunciation within the agency's authority is accepted: set the "
                        "handling of %(case)s to Within our authority first.",
                        case=self.display_name,
                    )
                )
            if self.state in ("refused", "withdrawn"):
                raise UserError(self.env._("The case %(case)s is refused or withdrawn.", case=self.display_name))
            self._check_crowd_appointment()
            form = self._tcd_issue_form("acceptance", self._tcd_addressees(), signer_id=self._tcd_head().id)
        return form.action_print()

    def action_issue_receipt(self):
        """The receipt (Mẫu 02/TCD, Nghị định 154/2026/NĐ-CP Điều 15) of the case's documents that are on no
        receipt yet, to the citizen who handed them in, signed by the officer who received them."""
        self.ensure_one()
        # a protected denunciation's documents are hidden to whoever may not read its citizens
        self.env["tcd.case.form"]._check_identities(self.citizen_ids)
        documents = self.env["tcd.case.form"]._not_received(self.document_ids)
        if not documents:
            raise UserError(
                self.env._(
                    "Every document of %(case)s is on a receipt already: add the documents received first, or "
                    "print a receipt again from the forms issued.",
                    case=self.display_name,
                )
            )
        provider = documents.citizen_id[:1] or self._tcd_addressees()[:1]
        place = self.agency_id.letter_name or self.agency_id.name
        form = self._tcd_issue_form("receipt", provider, document_ids=[fields.Command.set(documents.ids)], place=place)
        return form.action_print()

    def action_view_forms(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("tiep_cong_dan_truc_tuyen.tcd_case_form_action")
        action["domain"] = [("case_id", "=", self.id)]
        return action

    # ------------------------------------------------------------------ the refusal notice (Mẫu 01/TCD)

    def _tcd_check_head(self):
        if not self.env.user.has_group(LEADER_GROUP):
            raise AccessError(
                self.env._(
                    "Only a leader of the agency refuses a case for this reason: the head of the agency issues its "
                    "written refusal notice (Mẫu 01/TCD, Nghị định 154/2026/NĐ-CP Điều 4 khoản 3). Propose the "
                    "refusal to the head instead."
                )
            )

    def _tcd_refuse_with_notice(self, reason, note=False):
        """Refuse the cases for ``reason`` and issue their refusal notices, signed by the leader deciding."""
        self._tcd_check_head()
        forms = self.env["tcd.case.form"]
        for case in self:
            forms._check_identities(case._tcd_addressees())
        self.activity_feedback([REFUSAL_ACTIVITY], user_id=self.env.uid)
        for case in self:
            forms |= case._tcd_issue_form("refusal", case._tcd_addressees(), refusal_reason_id=reason.id)
        self._refuse(reason, note)
        return forms.action_print()

    def _tcd_propose_refusal(self, reason, note=False):
        """Propose to the head of the agency to refuse the cases for ``reason``: the leaders who decide are asked,
        by the day the notice is due (3 working days, Nghị định 154/2026/NĐ-CP Điều 4 khoản 3)."""
        for case in self:
            if case.state not in REFUSABLE_STATES or case.refusal_proposal_reason_id:
                raise UserError(
                    self.env._(
                        "The refusal of %(case)s cannot be proposed: it is already proposed, or the case is no "
                        "longer received.",
                        case=case.display_name,
                    )
                )
        calendar = self.env["tcd.working.calendar"]
        today = calendar.today()
        self._workflow_write(
            {
                "refusal_proposal_reason_id": reason.id,
                "refusal_proposal_note": note or False,
                "refusal_proposed_by_id": self.env.uid,
                "refusal_proposed_date": today,
            }
        )
        deadline = calendar.add_working_days(today, 3)
        for case in self:
            activities.schedule(
                case, case._tcd_heads(), REFUSAL_ACTIVITY, lambda c: c._tcd_refusal_texts(), date_deadline=deadline
            )
            case.message_post(
                body=self.env._(
                    "%(user)s proposes to refuse the reception: %(reason)s (%(basis)s). %(note)s",
                    user=self.env.user.name,
                    reason=reason.name,
                    basis=reason.legal_basis,
                    note=note or "",
                )
            )

    def _tcd_refusal_texts(self):
        reason = self.refusal_proposal_reason_id
        return (
            self.env._("Decide the refusal of %(case)s (Mẫu 01/TCD)", case=self.name),
            self.env._(
                "%(user)s proposes to refuse %(case)s (%(subject)s): %(reason)s (%(basis)s). Refuse it and issue the "
                "written refusal notice within 3 working days, or return the proposal.",
                user=self.refusal_proposed_by_id.name,
                case=self.name,
                subject=self.subject,
                reason=reason.name,
                basis=reason.legal_basis,
            ),
        )

    def action_approve_refusal(self):
        """Refuse the case as proposed and issue its refusal notice (a leader)."""
        self.ensure_one()
        if not self.refusal_proposal_reason_id:
            raise UserError(self.env._("No refusal of %(case)s is proposed.", case=self.display_name))
        return self._tcd_refuse_with_notice(self.refusal_proposal_reason_id, self.refusal_proposal_note)

    def action_return_refusal(self):
        """Return the proposed refusal (a leader): the case goes on."""
        self._tcd_check_head()
        pending = self.filtered("refusal_proposal_reason_id")
        pending.activity_unlink([REFUSAL_ACTIVITY])
        for case in pending:
            case.message_post(
                body=self.env._(
                    "%(user)s returned the proposed refusal (%(reason)s): the case goes on.",
                    user=self.env.user.name,
                    reason=case.refusal_proposal_reason_id.name,
                )
            )
        pending._workflow_write(dict.fromkeys(PROPOSAL_FIELDS, False))

    def action_issue_refusal_notice(self):
        """The refusal notice of a case refused for a reason that needs it (a leader), or the one issued for this
        refusal (a case reopened and refused again has a new one)."""
        self.ensure_one()
        form = self.form_ids.filtered(
            lambda form: form.form_type == "refusal" and self.refusal_date and form.issue_date >= self.refusal_date
        )[:1]
        if not form:
            self._tcd_check_head()
            if self.state != "refused" or not self.refusal_reason_id.requires_notice:
                raise UserError(
                    self.env._(
                        "The case %(case)s is not refused for a reason that needs a written refusal notice.",
                        case=self.display_name,
                    )
                )
            form = self._tcd_issue_form("refusal", self._tcd_addressees(), refusal_reason_id=self.refusal_reason_id.id)
        return form.action_print()
