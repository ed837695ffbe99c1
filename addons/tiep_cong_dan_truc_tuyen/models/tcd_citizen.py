from contextlib import contextmanager

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.phone import phone_error
from .tcd_citizen_identity import ID_TYPES, IDENTITY_FIELDS, normalize_phone

MASK = "[bảo mật]"
# The identity's fields the citizen shows (its ID check is computed from them, as typed), and those a user edits.
SHOWN_IDENTITY_FIELDS = tuple(name for name in IDENTITY_FIELDS if name != "id_warning")
EDITABLE_IDENTITY_FIELDS = tuple(name for name in SHOWN_IDENTITY_FIELDS if name != "province_unit_id")


def _search_identity(field_name):
    """The search of the citizen's identity field ``field_name``: through the identities the user may
    read, so that a search, a filter or a name search never matches a hidden value."""

    def search(citizens, operator, value):
        return [("identity_ids", "any", [(field_name, operator, value)])]

    return search


def identity_field(field_class, field_name, *args, **kwargs):
    """The field ``field_name`` of the citizen's identity, shown on the citizen: read from its
    ``tcd.citizen.identity`` under the user's rules (masked when hidden), searched through it; written to
    it by the citizen's ``create`` and ``write``."""
    kwargs.setdefault("readonly", field_name not in EDITABLE_IDENTITY_FIELDS)
    return field_class(
        *args,
        compute="_compute_identity",
        search=_search_identity(field_name),
        compute_sudo=False,
        **kwargs,
    )


class TcdCitizen(models.Model):
    """A citizen who complains, denounces, petitions or reflects (Nghị định 154/2026/NĐ-CP Điều 12).

    The identity (name, ID paper, birth, address, contact) lives in ``tcd.citizen.identity``, which
    Odoo's access layer guards; the citizen shows it, masked as "[bảo mật]" to whoever may not read it,
    and is named by its pseudonym (its reference) while it is a protected denouncer. The optional
    contact partner that receives the citizen's mail carries the e-mail address and a pseudonym, never
    the name or the ID number.
    """

    _name = "tcd.citizen"
    _description = "Citizen"
    _inherit = ["tcd.agency.scoped.mixin", "tcd.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "public_name, id"
    _rec_name = "public_name"
    _rec_names_search = ["public_name", "code", "name", "id_number", "phone"]

    code = fields.Char(string="Reference", readonly=True, copy=False, index=True, default="/")
    public_name = fields.Char(
        string="Name",
        compute="_compute_public_name",
        store=True,
        index="trigram",
        help="How the citizen is named everywhere (lists, chatter, documents): the full name, or the reference "
        "while the identity is protected.",
    )
    identity_ids = fields.One2many("tcd.citizen.identity", "citizen_id", string="Identities")
    name = identity_field(fields.Char, "name", string="Full name")
    agency_id = fields.Many2one(string="Managing agency")
    id_type = identity_field(fields.Selection, "id_type", ID_TYPES, string="ID type", default="citizen_id")
    id_number = identity_field(fields.Char, "id_number", string="ID number")
    id_issue_date = identity_field(fields.Date, "id_issue_date", string="ID issued on")
    id_issue_place = identity_field(fields.Char, "id_issue_place", string="ID issued by")
    id_warning = fields.Text(
        string="ID check",
        compute="_compute_id_warning",
        search=_search_identity("id_warning"),
        help="Contradictions between the ID number and the date of birth or gender: check them with the citizen.",
    )
    birth_date = identity_field(fields.Date, "birth_date", string="Date of birth")
    gender = identity_field(fields.Selection, "gender", [("male", "Male"), ("female", "Female")])
    street = identity_field(
        fields.Char, "street", string="Address", help="House number, street, village (thôn, tổ dân phố)."
    )
    admin_unit_id = identity_field(
        fields.Many2one,
        "admin_unit_id",
        "tcd.admin.unit",
        string="Commune / ward",
        domain="[('level', '=', 'commune')]",
    )
    province_unit_id = identity_field(fields.Many2one, "province_unit_id", "tcd.admin.unit", string="Province / city")
    phone = identity_field(fields.Char, "phone")
    email = identity_field(fields.Char, "email", string="E-mail")
    is_far_away = fields.Boolean(string="Lives far away")
    has_travel_difficulty = fields.Boolean(string="Travel is difficult")
    is_policy_beneficiary = fields.Boolean(string="Policy beneficiary")
    is_elderly = fields.Boolean(string="Elderly")
    is_disabled = fields.Boolean(string="Disabled")
    is_vulnerable = fields.Boolean(
        string="Justifies online reception",
        compute="_compute_is_vulnerable",
        store=True,
        help="Lives far away, travels with difficulty, policy beneficiary, elderly or disabled "
        "(Quy chế TCD trực tuyến xã An Lão (2026) Điều 4 điểm b; Nghị định 154/2026/NĐ-CP Điều 20).",
    )
    legal_basis = fields.Selection(
        [
            ("state_duty", "Duty of a state agency under the law on citizen reception"),
            ("consent", "Consent of the citizen"),
        ],
        required=True,
        default="state_duty",
        help="Why the agency processes this personal data (Luật Bảo vệ dữ liệu cá nhân 2025).",
    )
    consent_date = fields.Date(string="Consent given on")
    consent_note = fields.Text(string="Legal basis / consent note")
    partner_id = fields.Many2one(
        "res.partner",
        string="Mail contact",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="Contact used only to send mail to the citizen: it carries the e-mail address and the "
        "citizen's reference, never the name or identity data.",
    )
    case_ids = fields.Many2many(
        "tcd.case", "tcd_case_citizen_rel", "citizen_id", "case_id", string="Cases", readonly=True
    )
    case_count = fields.Integer(compute="_compute_case_count")
    case_agency_ids = fields.Many2many(
        "tcd.agency",
        "tcd_citizen_case_agency_rel",
        "citizen_id",
        "agency_id",
        string="Agencies of the cases",
        compute="_compute_case_agency_ids",
        store=True,
        help="The agencies handling the citizen's cases: their scopes see the citizen (a small join for the "
        "record rule, rather than a scan of all the cases in scope).",
    )
    is_protected = fields.Boolean(
        string="Protected identity",
        compute="_compute_protection",
        store=True,
        help="The citizen denounced and asked for identity protection: only the handlers assigned to that "
        "denunciation and the confidential handlers see the identity (Luật Tố cáo 2018 Điều 47, 56).",
    )
    identity_hidden = fields.Boolean(
        compute="_compute_identity_hidden", help="The current user may not see nor change this citizen's identity."
    )
    handler_user_ids = fields.Many2many(
        "res.users",
        "tcd_citizen_handler_rel",
        "citizen_id",
        "user_id",
        string="Handlers of the cases",
        compute="_compute_protection",
        store=True,
    )
    identity_handler_ids = fields.Many2many(
        "res.users",
        "tcd_citizen_identity_handler_rel",
        "citizen_id",
        "user_id",
        string="Handlers who see the identity",
        compute="_compute_protection",
        store=True,
        help="The handlers assigned to the citizen's protected denunciations.",
    )
    document_ids = fields.One2many("tcd.dossier.document", "citizen_id", string="Documents")
    active = fields.Boolean(default=True)

    @api.model
    def _workflow_error(self):
        return self.env._(
            "The reference, the cases, the protection and the handlers of a citizen are kept by the cases: "
            "change them on the cases (a leader assigns the handlers of a protected denunciation)."
        )

    # ------------------------------------------------------------------ computes

    @api.depends(
        "is_far_away", "has_travel_difficulty", "is_policy_beneficiary", "is_elderly", "is_disabled"
    )  # fmt: skip
    def _compute_is_vulnerable(self):
        for citizen in self:
            citizen.is_vulnerable = (
                citizen.is_far_away
                or citizen.has_travel_difficulty
                or citizen.is_policy_beneficiary
                or citizen.is_elderly
                or citizen.is_disabled
            )

    @api.depends("code", "is_protected", "identity_ids.name")
    def _compute_public_name(self):
        for citizen in self:
            name = citizen.identity_ids[:1].name
            citizen.public_name = f"{MASK} {citizen.code}" if citizen.is_protected or not name else name

    def _readable_identities(self):
        """The identities of these citizens that the user may read, fetched in one query under the identity's
        rules, and the citizens whose identity is hidden (every saved citizen has one)."""
        citizens = self._origin
        readable = self.env["tcd.citizen.identity"].search_fetch(
            [("citizen_id", "in", citizens.ids)], ["citizen_id", "is_protected", *SHOWN_IDENTITY_FIELDS]
        )
        return readable, citizens - readable.citizen_id

    # what the user sees follows the identity and its protection (who reads it)
    @api.depends("is_protected", "identity_handler_ids", *(f"identity_ids.{name}" for name in SHOWN_IDENTITY_FIELDS))
    @api.depends_context("uid")
    def _compute_identity(self):
        readable, hidden = self._readable_identities()
        by_citizen = {identity.citizen_id.id: identity for identity in readable}
        masked = {
            name: MASK if self._fields[name].type in ("char", "text") else False for name in SHOWN_IDENTITY_FIELDS
        }
        for citizen in self:
            identity = by_citizen.get(citizen._origin.id)
            if citizen._origin in hidden:
                citizen.update(masked)
            elif identity:
                citizen.update({name: identity[name] for name in SHOWN_IDENTITY_FIELDS})
            else:
                citizen.update(dict.fromkeys(SHOWN_IDENTITY_FIELDS, False))

    @api.depends("id_type", "id_number", "birth_date", "gender")
    @api.depends_context("uid")
    def _compute_id_warning(self):
        """From the identity as the user sees it, and as it is being typed in the form."""
        Identity = self.env["tcd.citizen.identity"]
        for citizen in self:
            citizen.id_warning = Identity._id_warning(
                citizen.id_type, citizen.id_number, citizen.birth_date, citizen.gender
            )

    @api.depends("identity_ids")
    @api.depends_context("uid")
    def _compute_identity_hidden(self):
        hidden = self._readable_identities()[1]
        for citizen in self:
            citizen.identity_hidden = citizen._origin in hidden

    @api.model
    def _pop_identity_vals(self, vals):
        """Take the identity's values out of the citizen's ``vals``."""
        return {name: vals.pop(name) for name in EDITABLE_IDENTITY_FIELDS if name in vals}

    def _write_identity(self, values):
        """Write ``values`` to the identities of these citizens, under the user's rules."""
        identities = self.sudo().identity_ids.with_env(self.env)
        if identities._filtered_access("write") != identities:
            raise AccessError(
                self.env._(
                    "The identity of a protected denouncer can be changed only by the handlers assigned to their "
                    "denunciation and the confidential handlers (Luật Tố cáo 2018 Điều 56)."
                )
            )
        if "phone" in values:
            for identity in identities:
                self._check_phone(values["phone"], values.get("name") or identity.name)
        identities.write(values)

    @api.model
    def _check_phone(self, phone, name):
        """Refuse a phone number that is not a current Vietnamese mobile or landline number; an old 11-digit
        mobile number is refused with its new number."""
        error = phone_error(self.env, normalize_phone(phone))
        if error:
            raise ValidationError(self.env._("The phone number of %(name)s: %(error)s", name=name, error=error))

    @api.depends("case_ids.agency_id")
    def _compute_case_agency_ids(self):
        for citizen in self:
            citizen.case_agency_ids = citizen.case_ids.agency_id

    @api.depends("case_ids.kind", "case_ids.protection_requested", "case_ids.handler_ids")
    def _compute_protection(self):
        for citizen in self:
            protected = citizen.case_ids.filtered("is_protected")
            citizen.is_protected = bool(protected)
            citizen.handler_user_ids = citizen.case_ids.handler_ids
            citizen.identity_handler_ids = protected.handler_ids

    def _compute_case_count(self):
        counts = dict(self.env["tcd.case"]._read_group([("citizen_ids", "in", self.ids)], ["citizen_ids"], ["__count"]))
        for citizen in self:
            citizen.case_count = counts.get(citizen, 0)

    # ------------------------------------------------------------------ CRUD

    @api.model
    def _workflow_create_vals(self, vals):
        if vals.get("code", "/") == "/":
            vals["code"] = self.env["ir.sequence"].next_by_code("tcd.citizen") or "/"
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        """A citizen comes with her identity: created under the user's rules (the citizen's scope) and the
        duplicate check, it is written in sudo, as the user may not create identities directly."""
        Identity = self.env["tcd.citizen.identity"]
        identities = [
            Identity._normalize_vals(dict({"id_type": "citizen_id"}, **self._pop_identity_vals(vals)))
            for vals in vals_list
        ]
        Identity._check_duplicate_id(identities)
        for values in identities:
            self._check_phone(values.get("phone"), values.get("name"))
        citizens = super().create(vals_list)
        Identity.sudo().create(
            [dict(values, citizen_id=citizen.id) for citizen, values in zip(citizens, identities, strict=True)]
        )
        return citizens

    def write(self, vals):
        values = self._pop_identity_vals(vals)
        res = super().write(vals)
        if values:
            self._write_identity(values)
        return res

    def action_create_mail_contact(self):
        """Give the citizen a contact that only receives mail: pseudonym and e-mail address."""
        for citizen in self.filtered(lambda c: not c.partner_id):
            if citizen.is_protected:
                raise UserError(
                    self.env._(
                        "%(code)s asked for identity protection: no mail contact is created, as every internal "
                        "user could read its e-mail address.",
                        code=citizen.code,
                    )
                )
            if not citizen.email:
                raise ValidationError(
                    self.env._("Enter the e-mail address of %(name)s first.", name=citizen.display_name)
                )
            partner = (
                self.env["res.partner"]
                .sudo()
                .create(
                    {
                        "name": self.env._("Citizen %(code)s", code=citizen.code),
                        "email": citizen.email,
                        "lang": "vi_VN" if self.env["res.lang"]._lang_get("vi_VN") else False,
                    }
                )
            )
            citizen._workflow_write({"partner_id": partner.id})

    def _tcd_protect_contacts(self):
        """Protected citizens keep no mail contact: its e-mail address is readable by every internal user."""
        protected = self.sudo().filtered(lambda c: c.is_protected and c.partner_id)
        partners = protected.partner_id
        protected.write({"partner_id": False})
        partners.write({"email": False, "active": False})

    def action_convert_address(self):
        """Convert the citizen's address, written in the old form, to the 2025 administrative units."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Convert the address to the new administrative units"),
            "res_model": "tcd.citizen.address.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_citizen_id": self.id, "default_old_address": self.street},
        }

    def action_view_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("tiep_cong_dan_truc_tuyen.tcd_case_action")
        action["domain"] = [("citizen_ids", "in", self.id)]
        action["context"] = {"default_citizen_ids": [self.id], "default_agency_id": self.agency_id.id}
        return action

    def _notice_recipient_vals(self):
        """Where a session's notice to the citizen goes; a protected citizen is named by reference only,
        and her address is never copied onto a notice that the host's officers read."""
        self.ensure_one()
        citizen = self.sudo()
        identity = citizen.identity_ids[:1]
        return {
            "recipient_name": citizen.display_name,
            "email": False if citizen.is_protected else identity.email,
            "lang": citizen.partner_id.lang or "vi_VN",
        }

    # ------------------------------------------------------------------ access log (Luật Bảo vệ dữ liệu cá nhân 2025)

    def _tcd_log_identity_read(self, action, field_names):
        """Log a read of identity fields by a user: the citizen's own reads and openings, which run read/write;
        not the lists, the form's own reloads, nor the citizens that a read-only read of another record shows
        (the complainants of a case), whose protected identities are logged by their model."""
        if self.env.su or self.env.cr.readonly or self.env.cr.cache.get("tcd_citizen_listing"):
            return
        if set(field_names) & set(EDITABLE_IDENTITY_FIELDS):
            self.env["tcd.access.log"]._log(self, action)

    # The reads of citizens write the access log: they run in a read/write transaction (not on a read-only
    # replica), where the log is written with what it logs.

    def read(self, fields=None, load="_classic_read"):
        self._tcd_log_identity_read("read", fields or self._fields)
        return super().read(fields=fields, load=load)

    read._readonly = False

    @api.model
    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs):
        records = super().search_read(domain, fields, offset=offset, limit=limit, order=order, **read_kwargs)
        self.browse([record["id"] for record in records])._tcd_log_identity_read("read", fields or self._fields)
        return records

    search_read._readonly = False

    def web_read(self, specification):
        self._tcd_log_identity_read("open", specification)
        return super().web_read(specification)

    web_read._readonly = False

    @api.model
    def web_search_read(self, domain, specification, offset=0, limit=None, order=None, count_limit=None):
        """Lists are not openings of a record: not logged (the protected identities read are, by their model)."""
        with self._tcd_listing():
            return super().web_search_read(
                domain, specification, offset=offset, limit=limit, order=order, count_limit=count_limit
            )

    web_search_read._readonly = False

    def web_save(self, vals, specification, next_id=None):
        """The form reloads the record it saves: not a new opening."""
        with self._tcd_listing():
            return super().web_save(vals, specification, next_id=next_id)

    @contextmanager
    def _tcd_listing(self):
        """Within a list's read or a form's save: the server, not the client, says so (no context key)."""
        cache = self.env.cr.cache
        before = cache.get("tcd_citizen_listing")
        cache["tcd_citizen_listing"] = True
        try:
            yield
        finally:
            cache["tcd_citizen_listing"] = before

    def export_data(self, fields_to_export):
        """Logged before the export reads the records: its entry covers those reads."""
        self.env["tcd.access.log"]._log(self, "export", fields_to_export)
        return super().export_data(fields_to_export)
