from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

DOCUMENT_TYPES = [
    ("petition", "Petition (đơn)"),
    ("identity", "Identity document"),
    ("authorization", "Authorization / introduction letter"),
    ("evidence", "Information, documents, evidence"),
    ("decision", "Decision or reply of an agency"),
    ("receipt", "Receipt (Mẫu 02/TCD)"),
    ("appointment", "Written appointment of representatives"),
    ("other", "Other"),
]


class TcdDossierDocument(models.Model):
    """A document of a case's dossier or of a citizen, as listed on the receipt (Mẫu 02/TCD).

    Every document of a protected denunciation or of a protected denouncer (the petition in her own
    hand, her identity papers, the evidence) is readable only by the handlers assigned to it and the
    confidential handlers (record rules in security/tcd_rules.xml). A handler shares an
    identity-stripped copy with the verification team (Luật Tố cáo 2018 Điều 56 khoản 1 điểm b).
    """

    _name = "tcd.dossier.document"
    _inherit = ["tcd.workflow.mixin"]
    _description = "Dossier document"
    _order = "received_date desc, id desc"
    # a copy is made from its original by a handler, never pointed at another document
    _workflow_fields = ("redacted_from_id",)

    name = fields.Char(required=True)
    document_type = fields.Selection(DOCUMENT_TYPES, string="Type", required=True, default="evidence")
    is_identity_document = fields.Boolean(
        string="Identity document",
        compute="_compute_is_identity_document",
        store=True,
        readonly=False,
        help="ID card images and other documents that reveal the citizen's identity.",
    )
    case_id = fields.Many2one("tcd.case", index=True, ondelete="cascade")
    citizen_id = fields.Many2one("tcd.citizen", index=True, ondelete="cascade")
    visit_id = fields.Many2one(
        "tcd.reception.visit", string="Reception visit", index="btree_not_null", ondelete="cascade",
        help="The reception at which the document was handed in.",
    )  # fmt: skip
    agency_id = fields.Many2one("tcd.agency", compute="_compute_agency_id", store=True, index=True, ondelete="restrict")
    file = fields.Binary(attachment=True, required=True)
    file_name = fields.Char()
    page_count = fields.Integer(string="Pages")
    copy_kind = fields.Selection(
        [("photocopy", "Photocopy"), ("certified", "Certified copy")],
        string="Kind of copy",
        default="photocopy",
        help="Only photocopies and certified copies are received (Nghị định 154/2026/NĐ-CP Điều 15).",
    )
    received_date = fields.Date(default=lambda self: self.env["tcd.working.calendar"].today())
    note = fields.Char()
    redacted_from_id = fields.Many2one(
        "tcd.dossier.document",
        string="Identity-stripped copy of",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="The restricted original this copy was made from, its denouncer's identity removed by a handler.",
    )
    is_restricted = fields.Boolean(
        string="Restricted",
        compute="_compute_restriction",
        store=True,
        help="A document of a protected denunciation or of a protected denouncer, but an identity-stripped copy.",
    )
    allowed_user_ids = fields.Many2many(
        "res.users",
        "tcd_dossier_document_user_rel",
        "document_id",
        "user_id",
        string="Handlers",
        compute="_compute_restriction",
        store=True,
    )

    @api.depends("document_type")
    def _compute_is_identity_document(self):
        for document in self:
            document.is_identity_document = document.document_type == "identity"

    @api.depends("case_id.agency_id", "visit_id.agency_id", "citizen_id.agency_id")
    def _compute_agency_id(self):
        for document in self:
            document.agency_id = (
                document.case_id.agency_id or document.visit_id.agency_id or document.citizen_id.agency_id
            )

    @api.depends(
        "redacted_from_id",
        "case_id.is_protected",
        "case_id.handler_ids",
        "case_id.citizen_ids.is_protected",
        "case_id.citizen_ids.identity_handler_ids",
        "citizen_id.is_protected",
        "citizen_id.identity_handler_ids",
        "visit_id.citizen_ids.is_protected",
        "visit_id.citizen_ids.identity_handler_ids",
    )
    def _compute_restriction(self):
        for document in self:
            case = document.case_id
            denouncers = (case.citizen_ids | document.citizen_id | document.visit_id.citizen_ids).filtered(
                "is_protected"
            )
            document.is_restricted = not document.redacted_from_id and (case.is_protected or bool(denouncers))
            handlers = case.handler_ids if case.is_protected else self.env["res.users"]
            document.allowed_user_ids = handlers | denouncers.identity_handler_ids

    def action_open_redaction_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "tcd.dossier.redaction.wizard",
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Identity-stripped copy"),
            "context": {"default_document_id": self.id},
        }

    def _create_redacted_copy(self, file, file_name, note):
        """The copy of this restricted document that its handler stripped of the denouncer's identity
        (name, address, handwriting, personal data), for the verification team."""
        self.ensure_one()
        self.check_access("read")
        if not self.is_restricted:
            raise UserError(self.env._("%(name)s is not restricted: share it as it is.", name=self.name))
        if not self.case_id:
            raise UserError(
                self.env._("Only the documents of a case have identity-stripped copies (%(name)s).", name=self.name)
            )
        return (
            self.sudo()
            .create(
                {
                    "name": self.env._("%(name)s (identity-stripped copy)", name=self.name),
                    "document_type": self.document_type,
                    "case_id": self.case_id.id,
                    "file": file,
                    "file_name": file_name,
                    "page_count": self.page_count,
                    "copy_kind": self.copy_kind,
                    "note": note,
                    "redacted_from_id": self.id,
                }
            )
            .with_env(self.env)
        )

    @api.constrains("case_id", "citizen_id", "visit_id", "page_count")
    def _check_owner(self):
        for document in self:
            if not (document.case_id or document.citizen_id or document.visit_id):
                raise ValidationError(
                    self.env._(
                        "The document %(name)s must belong to a case, a reception or a citizen.", name=document.name
                    )
                )
            if document.page_count < 0:
                raise ValidationError(
                    self.env._("The number of pages of %(name)s cannot be negative.", name=document.name)
                )
