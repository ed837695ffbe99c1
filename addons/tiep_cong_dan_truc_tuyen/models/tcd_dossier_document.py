from odoo import api, fields, models
from odoo.exceptions import ValidationError

DOCUMENT_TYPES = [
    ("petition", "Petition (đơn)"),
    ("identity", "Identity document"),
    ("authorization", "Authorization / introduction letter"),
    ("evidence", "Information, documents, evidence"),
    ("decision", "Decision or reply of an agency"),
    ("receipt", "Receipt (Mẫu 02/TCD)"),
    ("other", "Other"),
]


class TcdDossierDocument(models.Model):
    """A document of a case's dossier or of a citizen, as listed on the receipt (Mẫu 02/TCD).

    Identity documents of a protected denouncer are readable only by the assigned handlers and
    the confidential handlers (record rules in security/tcd_rules.xml).
    """

    _name = "tcd.dossier.document"
    _description = "Dossier document"
    _order = "received_date desc, id desc"

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
    is_restricted = fields.Boolean(
        string="Restricted",
        compute="_compute_restriction",
        store=True,
        help="Identity document of a denouncer who asked for identity protection.",
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

    @api.depends("case_id.agency_id", "citizen_id.agency_id")
    def _compute_agency_id(self):
        for document in self:
            document.agency_id = document.case_id.agency_id or document.citizen_id.agency_id

    @api.depends(
        "is_identity_document",
        "case_id.kind",
        "case_id.protection_requested",
        "case_id.handler_ids",
        "citizen_id.is_protected",
        "citizen_id.handler_user_ids",
    )
    def _compute_restriction(self):
        for document in self:
            case = document.case_id
            protected = (case.kind == "denunciation" and case.protection_requested) or document.citizen_id.is_protected
            document.is_restricted = document.is_identity_document and protected
            document.allowed_user_ids = case.handler_ids | document.citizen_id.handler_user_ids

    @api.constrains("case_id", "citizen_id", "page_count")
    def _check_owner(self):
        for document in self:
            if not (document.case_id or document.citizen_id):
                raise ValidationError(
                    self.env._("The document %(name)s must belong to a case or a citizen.", name=document.name)
                )
            if document.page_count < 0:
                raise ValidationError(
                    self.env._("The number of pages of %(name)s cannot be negative.", name=document.name)
                )
