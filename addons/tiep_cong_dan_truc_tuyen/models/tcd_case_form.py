from odoo import Command, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import is_html_empty

from ..tools.dates import format_local

FORM_TYPES = [
    ("refusal", "Refusal notice (Mẫu 01/TCD)"),
    ("receipt", "Receipt of documents (Mẫu 02/TCD)"),
    ("guidance", "Guidance slip"),
    ("transfer", "Transfer slip"),
    ("acceptance", "Acceptance notice"),
]
# The kind of each form in its number and symbol, e.g. 12/TB-UBND (Nghị định 30/2020/NĐ-CP Phụ lục III): a
# notice TB (thông báo), a transfer slip PC (phiếu chuyển), a guidance slip HD (hướng dẫn), a receipt BN (biên nhận).
SYMBOLS = {"refusal": "TB", "receipt": "BN", "guidance": "HD", "transfer": "PC", "acceptance": "TB"}
# Why a case is forwarded, guided or accepted, by its kind.
FORWARD_BASIS = "Luật Tiếp công dân 2013 Điều 26, Nghị định 154/2026/NĐ-CP Điều 15"
DENUNCIATION_FORWARD_BASIS = "Luật Tố cáo 2018 Điều 24"
ACCEPTANCE_BASIS = {"complaint": "Luật Khiếu nại 2011 Điều 27", "denunciation": "Luật Tố cáo 2018 Điều 29"}
# The forms that a decree numbers (Nghị định 154/2026/NĐ-CP, Phụ lục).
LEGAL_FORMS = {"refusal": "Mẫu số 01/TCD", "receipt": "Mẫu số 02/TCD"}
REPORT = "tiep_cong_dan_truc_tuyen.tcd_case_form_report"
# The field of a form that names what it is issued for.
OWNER_FIELDS = {"tcd.case": "case_id", "tcd.reception.visit": "visit_id"}


class TcdCaseForm(models.Model):
    """A form issued for a case (or, for the receipt, a reception visit): the refusal notice (Mẫu 01/TCD, Nghị
    định 154/2026/NĐ-CP Điều 4 khoản 3), the receipt of documents (Mẫu 02/TCD, Điều 15), the guidance slip, the
    transfer slip and the acceptance notice.

    Numbered when it is issued, in the yearly series of the case's agency that numbers its letters (Nghị định
    30/2020/NĐ-CP: one number and symbol per document and year), and never again: printed again, it keeps its
    number, date and signer. Its citizens' identity is read when it is printed, under the reader's rules, by a
    user who may read it (the handlers of a protected denouncer, Luật Tố cáo 2018 Điều 47, 56).
    """

    _name = "tcd.case.form"
    _description = "Form issued for a case"
    _order = "issued_at desc, id desc"
    _rec_name = "number"

    case_id = fields.Many2one("tcd.case", readonly=True, index="btree_not_null", ondelete="restrict")
    visit_id = fields.Many2one(
        "tcd.reception.visit", string="Reception visit", readonly=True, index="btree_not_null", ondelete="restrict"
    )
    agency_id = fields.Many2one("tcd.agency", compute="_compute_agency_id", store=True, index=True)
    form_type = fields.Selection(FORM_TYPES, string="Form", required=True, readonly=True)
    number = fields.Char(string="Number and symbol", required=True, readonly=True, index=True)
    issued_at = fields.Datetime(string="Issued at", required=True, readonly=True)
    issue_date = fields.Date(string="Issued on", required=True, readonly=True)
    signer_id = fields.Many2one("res.users", string="Signed by", required=True, readonly=True)
    citizen_ids = fields.Many2many("tcd.citizen", string="Citizens", readonly=True)
    recipient = fields.Char(string="Competent body", readonly=True)
    refusal_reason_id = fields.Many2one("tcd.refusal.reason", string="Refusal reason", readonly=True)
    document_ids = fields.Many2many("tcd.dossier.document", string="Documents received", readonly=True)
    place = fields.Char(string="Received at", readonly=True)

    _sql_constraints = [
        (
            "owner_required",
            "CHECK(case_id IS NOT NULL OR visit_id IS NOT NULL)",
            "A form is issued for a case or for a reception.",
        )
    ]

    @api.depends("case_id.agency_id", "visit_id.agency_id")
    def _compute_agency_id(self):
        for form in self:
            form.agency_id = form.case_id.agency_id or form.visit_id.agency_id

    @api.depends("form_type", "number")
    def _compute_display_name(self):
        labels = dict(self._fields["form_type"]._description_selection(self.env))
        for form in self:
            form.display_name = f"{labels.get(form.form_type, '')} {form.number or ''}".strip()

    # ------------------------------------------------------------------ issuing

    @api.model
    def _issue(self, record, form_type, citizens, **values):
        """Issue the ``form_type`` form of ``record`` (a case or a reception visit) to ``citizens``, numbered now;
        ``values`` are its other fields. The user must be able to write the record and to read the citizens'
        identity."""
        record.check_access("write")
        self._check_identities(citizens)
        now = fields.Datetime.now()
        form = self.sudo().create(
            dict(
                {
                    OWNER_FIELDS[record._name]: record.id,
                    "form_type": form_type,
                    "number": record.agency_id._next_document_number(SYMBOLS[form_type]),
                    "issued_at": now,
                    "issue_date": self.env["tcd.working.calendar"].local_date(now),
                    "signer_id": self.env.uid,
                    "citizen_ids": [Command.set(citizens.ids)],
                },
                **values,
            )
        )
        record.message_post(
            body=self.env._(
                "%(form)s %(number)s issued by %(user)s.",
                form=dict(self._fields["form_type"]._description_selection(self.env))[form_type],
                number=form.number,
                user=self.env.user.name,
            )
        )
        return form.with_env(self.env)

    @api.model
    def _not_received(self, documents):
        """The ``documents`` that are on no receipt yet, whether the case's or its reception's."""
        receipts = self.sudo().search([("form_type", "=", "receipt"), ("document_ids", "in", documents.ids)])
        return documents - receipts.document_ids

    @api.model
    def _check_identities(self, citizens):
        """A form is issued and printed by a user who may read the identity of its citizens."""
        if self.env.su:
            return
        hidden = citizens.filtered("identity_hidden")
        if hidden:
            raise AccessError(
                self.env._(
                    "You may not read the identity of %(name)s: the forms of the case are issued and printed by an "
                    "officer who may (for a protected denouncer, the handlers assigned to the denunciation).",
                    name=hidden[0].display_name,
                )
            )

    def action_print(self):
        return self.env.ref(REPORT).report_action(self)

    # ------------------------------------------------------------------ what the forms say

    def _template(self):
        self.ensure_one()
        return f"tiep_cong_dan_truc_tuyen.tcd_case_{self.form_type}_body"

    def _legal_form(self):
        """The number of the form in the decree that sets it, printed at the top."""
        self.ensure_one()
        return LEGAL_FORMS.get(self.form_type, "")

    def _kind_text(self):
        """The kind of the case in a sentence: "complaint", "khiếu nại"."""
        self.ensure_one()
        case = self.case_id
        return dict(case._fields["kind"]._description_selection(self.env))[case.kind].lower()

    def _subtitle(self):
        self.ensure_one()
        if self.form_type == "guidance":
            return self.env._("On sending the %(kind)s to the competent body", kind=self._kind_text())
        if self.form_type == "transfer":
            return self.env._("Forwarding a %(kind)s", kind=self._kind_text())
        return self.env._("On the acceptance of the %(kind)s", kind=self._kind_text())

    @api.model
    def _person_values(self, citizen, shown=True):
        """What a form says of ``citizen`` (``tcd_case_form_person``): her name, ID paper and address as the user
        reads them; her name only when not ``shown``."""
        if not shown:
            return {"name": citizen.public_name, "shown": False}
        types = dict(citizen._fields["id_type"]._description_selection(self.env))
        address = [citizen.street, citizen.admin_unit_id.name, citizen.province_unit_id.name]
        return {
            "name": citizen.name,
            "shown": True,
            "id_text": f"{citizen.id_number} ({types[citizen.id_type]})" if citizen.id_number else "",
            "id_issue_date": citizen.id_issue_date.strftime("%d/%m/%Y") if citizen.id_issue_date else "",
            "id_issue_place": citizen.id_issue_place or "",
            "address": ", ".join(part for part in address if part),
        }

    def _person(self, citizen):
        """A transfer slip goes to another agency: a protected denouncer is named there by her reference only
        (Luật Tố cáo 2018 Điều 47, 56)."""
        self.ensure_one()
        return self._person_values(citizen, shown=not (self.form_type == "transfer" and citizen.is_protected))

    def _names(self):
        self.ensure_one()
        return ", ".join(self._person(citizen)["name"] for citizen in self.citizen_ids)

    def _agency_name(self):
        self.ensure_one()
        return self.agency_id.letter_name or self.agency_id.name

    def _summary(self):
        """The content of the case, when it has one."""
        self.ensure_one()
        return not is_html_empty(self.case_id.summary) and self.case_id.summary

    def _head_position(self):
        """The position of the head of the agency who signs."""
        self.ensure_one()
        return self.signer_id.partner_id.function or self.env._("Head of the agency")

    def _officer_position(self):
        self.ensure_one()
        return self.signer_id.partner_id.function or self.env._("Receiving officer")

    def _received_text(self):
        """ "On 20/11/2026, UBND xã A1 received the complaint of Phạm Văn Hùng about: …" """
        self.ensure_one()
        case = self.case_id
        return self.env._(
            "On %(date)s, %(agency)s received the %(kind)s of %(names)s about: %(subject)s.",
            date=case.received_day.strftime("%d/%m/%Y"),
            agency=self._agency_name(),
            kind=self._kind_text(),
            names=self._names(),
            subject=case.subject,
        )

    def _refusal_text(self):
        self.ensure_one()
        return self.env._(
            "Pursuant to Luật Tiếp công dân 2013 Điều 9 and Nghị định 154/2026/NĐ-CP Điều 4, %(agency)s notifies the "
            "refusal to receive:",
            agency=self._agency_name(),
        )

    def _refusal_closing(self):
        self.ensure_one()
        return self.env._(
            "%(agency)s refuses to receive the citizen on this matter for the reason above and informs the citizen "
            "of it.",
            agency=self._agency_name(),
        )

    def _guidance_text(self):
        self.ensure_one()
        return self.env._(
            "The matter is not within the authority of %(agency)s. Pursuant to %(basis)s, %(agency)s guides you to "
            "send your %(kind)s to %(body)s, which is competent to resolve it.",
            agency=self._agency_name(),
            basis=FORWARD_BASIS,
            kind=self._kind_text(),
            body=self.recipient,
        )

    def _transfer_text(self):
        self.ensure_one()
        return self.env._(
            "Pursuant to %(basis)s, %(agency)s forwards the %(kind)s to %(body)s, to be considered and resolved "
            "within its authority, and asks %(body)s to inform the citizen and %(agency)s of the result.",
            basis=DENUNCIATION_FORWARD_BASIS if self.case_id.kind == "denunciation" else FORWARD_BASIS,
            agency=self._agency_name(),
            kind=self._kind_text(),
            body=self.recipient,
        )

    def _acceptance_text(self):
        self.ensure_one()
        case = self.case_id
        return self.env._(
            "Having examined it, pursuant to %(basis)s, the %(kind)s meets the conditions for its acceptance and is "
            "within the authority of %(agency)s: it is accepted for resolution from %(date)s.",
            basis=ACCEPTANCE_BASIS[case.kind],
            kind=self._kind_text(),
            agency=self._agency_name(),
            date=(case.accepted_date or self.issue_date).strftime("%d/%m/%Y"),
        )

    @api.model
    def _receipt_values(self, received_at, place, receiver, provider, documents):
        """The receiving context of a receipt (``tcd_receipt_body``): at the UTC datetime ``received_at``, at
        ``place``, the user ``receiver`` received ``documents`` (dossier documents, listed in the order they were
        recorded) from the citizen ``provider``."""
        copy_kinds = dict(documents._fields["copy_kind"]._description_selection(self.env))
        return {
            "intro": self.env._(
                "At %(time)s on %(date)s, at %(place)s:",
                time=format_local(self.env, received_at, "HH:mm"),
                date=format_local(self.env, received_at, "dd/MM/yyyy"),
                place=place,
            ),
            "receiver": receiver,
            "position": receiver.partner_id.function,
            "provider": self._person_values(provider),
            "rows": [
                {
                    "name": document.name,
                    "pages": document.page_count or "",
                    "condition": copy_kinds.get(document.copy_kind, ""),
                }
                for document in documents.sorted("id")
            ],
        }

    def _receipt_context(self):
        """A reception's receipt says when the citizen handed the documents in; a case's, when it is issued."""
        self.ensure_one()
        received_at = self.visit_id.visit_at or self.issued_at
        return self._receipt_values(received_at, self.place, self.signer_id, self.citizen_ids[:1], self.document_ids)


class TcdCaseFormReport(models.AbstractModel):
    """The forms of the cases: printed by a user who may read them, their case and their citizens' identity."""

    _name = "report.tiep_cong_dan_truc_tuyen.tcd_case_form_document"
    _description = "Form issued for a case"

    @api.model
    def _get_report_values(self, docids, data=None):
        forms = self.env["tcd.case.form"].browse(docids)
        forms.check_access("read")
        forms.case_id.check_access("read")
        forms.visit_id.check_access("read")
        forms._check_identities(forms.citizen_ids)
        return {"doc_ids": docids, "doc_model": "tcd.case.form", "docs": forms}
