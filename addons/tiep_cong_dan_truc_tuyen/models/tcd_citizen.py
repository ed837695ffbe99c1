import re

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import email_normalize

MASK = "[bảo mật]"

# Codes of the 63 provinces before the 2025 mergers (TT 07/2016/TT-BCA): the first three digits of a
# căn cước number are the code of the province where the birth was registered. Numbers already
# issued keep them after 2025, so these old codes stay valid.
OLD_PROVINCE_CODES = {
    "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn", "008": "Tuyên Quang",
    "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu", "014": "Sơn La", "015": "Yên Bái",
    "017": "Hòa Bình", "019": "Thái Nguyên", "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang",
    "025": "Phú Thọ", "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
    "033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định", "037": "Ninh Bình",
    "038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh", "044": "Quảng Bình", "045": "Quảng Trị",
    "046": "Thừa Thiên Huế", "048": "Đà Nẵng", "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định",
    "054": "Phú Yên", "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
    "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng", "070": "Bình Phước",
    "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai", "077": "Bà Rịa - Vũng Tàu",
    "079": "Hồ Chí Minh", "080": "Long An", "082": "Tiền Giang", "083": "Bến Tre", "084": "Trà Vinh",
    "086": "Vĩnh Long", "087": "Đồng Tháp", "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ",
    "093": "Hậu Giang", "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}  # fmt: skip

ID_TYPES = [
    ("citizen_id", "Citizen identity card (căn cước)"),
    ("personal_id", "Personal identification number"),
    ("passport", "Passport"),
]
TWELVE_DIGIT_TYPES = ("citizen_id", "personal_id")

# The identity of a citizen (Nghị định 154/2026/NĐ-CP Điều 12): hidden behind MASK from whoever may not see a
# protected denouncer's identity (Luật Tố cáo 2018 Điều 47-48, 56).
IDENTITY_FIELDS = (
    "name",
    "display_name",
    "id_number",
    "id_issue_date",
    "id_issue_place",
    "id_warning",
    "birth_date",
    "gender",
    "street",
    "admin_unit_id",
    "province_unit_id",
    "phone",
    "email",
    "partner_id",
)


def normalize_id_number(number):
    """The ID number without spaces, dots or dashes, in upper case."""
    return re.sub(r"[\s.\-]", "", number or "").upper() or False


def normalize_phone(phone):
    """A Vietnamese phone number in its national form: +84 / 0084 / 84 followed by 9–10 digits → 0…"""
    digits = re.sub(r"[\s.\-()]", "", phone or "")
    for prefix in ("+84", "0084"):
        if digits.startswith(prefix):
            return "0" + digits[len(prefix) :]
    if digits.startswith("84") and len(digits) in (11, 12):
        return "0" + digits[2:]
    return digits or False


class TcdCitizen(models.Model):
    """A citizen who complains, denounces, petitions or reflects (Nghị định 154/2026/NĐ-CP Điều 12).

    Identity data lives here and only here: the optional contact partner that receives the
    citizen's mail carries the e-mail address and a pseudonym, never the name or the ID number.
    """

    _name = "tcd.citizen"
    _description = "Citizen"
    _inherit = ["tcd.agency.scoped.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "name, id"
    _rec_names_search = ["name", "id_number", "code", "phone"]

    code = fields.Char(string="Reference", readonly=True, copy=False, index=True, default="/")
    name = fields.Char(string="Full name", required=True, index="trigram")
    agency_id = fields.Many2one(string="Managing agency")
    id_type = fields.Selection(ID_TYPES, string="ID type", required=True, default="citizen_id")
    id_number = fields.Char(string="ID number", required=True, copy=False, index=True)
    id_issue_date = fields.Date(string="ID issued on")
    id_issue_place = fields.Char(string="ID issued by")
    id_warning = fields.Text(
        string="ID check",
        compute="_compute_id_warning",
        store=True,
        help="Contradictions between the ID number and the date of birth or gender: check them with the citizen.",
    )
    birth_date = fields.Date(string="Date of birth")
    gender = fields.Selection([("male", "Male"), ("female", "Female")])
    street = fields.Char(string="Address", help="House number, street, village (thôn, tổ dân phố).")
    admin_unit_id = fields.Many2one(
        "tcd.admin.unit",
        string="Commune / ward",
        ondelete="restrict",
        domain="[('level', '=', 'commune')]",
    )
    province_unit_id = fields.Many2one(
        related="admin_unit_id.parent_id", string="Province / city", store=True, index=True
    )
    phone = fields.Char()
    email = fields.Char(string="E-mail")
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
        "(Quy chế TCD trực tuyến xã An Lão (2026) Điều 4 khoản 1 điểm b; Nghị định 154/2026/NĐ-CP Điều 20).",
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
        help="The citizen denounced and asked for identity protection: only the assigned handlers and "
        "the confidential handlers see the identity (Luật Tố cáo 2018 Điều 47, 56).",
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
    document_ids = fields.One2many("tcd.dossier.document", "citizen_id", string="Documents")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("id_number_unique", "unique(id_number)", "Another citizen already has this ID number."),
    ]

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

    @api.depends("id_type", "id_number", "birth_date", "gender")
    def _compute_id_warning(self):
        for citizen in self:
            citizen.id_warning = "\n".join(citizen._id_warnings()) or False

    def _id_warnings(self):
        """What the 12 digits of a căn cước / personal ID number say against the other data.

        Digits 1–3: province of birth registration (old 63-province codes); digit 4: century and
        gender (1900s: 0 male, 1 female; 2000s: 2, 3; 2100s: 4, 5 …); digits 5–6: year of birth.
        """
        self.ensure_one()
        number = self.id_number or ""
        if self.id_type not in TWELVE_DIGIT_TYPES or not re.fullmatch(r"\d{12}", number):
            return []
        warnings = []
        if number[:3] not in OLD_PROVINCE_CODES:
            warnings.append(
                self.env._(
                    "The first three digits %(code)s are not the code of a province of birth registration.",
                    code=number[:3],
                )
            )
        digit = int(number[3])
        century = 1900 + 100 * (digit // 2)
        gender = "female" if digit % 2 else "male"
        year = century + int(number[4:6])
        if self.birth_date and self.birth_date.year != year:
            warnings.append(
                self.env._(
                    "The ID number says born in %(id_year)s (4th digit %(digit)s, digits 5–6 %(yy)s), "
                    "the date of birth says %(year)s.",
                    id_year=year,
                    digit=digit,
                    yy=number[4:6],
                    year=self.birth_date.year,
                )
            )
        if self.gender and self.gender != gender:
            genders = dict(self._fields["gender"]._description_selection(self.env))
            warnings.append(
                self.env._(
                    "The 4th digit %(digit)s of the ID number means %(id_gender)s, the gender says %(gender)s.",
                    digit=digit,
                    id_gender=genders[gender].lower(),
                    gender=genders[self.gender].lower(),
                )
            )
        return warnings

    @api.depends("case_ids.agency_id")
    def _compute_case_agency_ids(self):
        for citizen in self:
            citizen.case_agency_ids = citizen.case_ids.agency_id

    @api.depends("case_ids.kind", "case_ids.protection_requested", "case_ids.handler_ids")
    def _compute_protection(self):
        for citizen in self:
            cases = citizen.case_ids
            citizen.is_protected = any(case.kind == "denunciation" and case.protection_requested for case in cases)
            citizen.handler_user_ids = cases.handler_ids

    @api.depends_context("uid")
    def _compute_identity_hidden(self):
        hidden = self._tcd_hidden_identity()
        for citizen in self:
            citizen.identity_hidden = citizen in hidden

    def _compute_case_count(self):
        counts = dict(self.env["tcd.case"]._read_group([("citizen_ids", "in", self.ids)], ["citizen_ids"], ["__count"]))
        for citizen in self:
            citizen.case_count = counts.get(citizen, 0)

    # ------------------------------------------------------------------ validation

    @api.constrains("id_type", "id_number")
    def _check_id_number(self):
        for citizen in self:
            number = citizen.id_number or ""
            if citizen.id_type in TWELVE_DIGIT_TYPES:
                if not number.isdigit():
                    raise ValidationError(
                        self.env._(
                            "The ID number %(number)s of %(name)s may contain only digits: a căn cước or "
                            "personal identification number has 12 digits.",
                            number=number,
                            name=citizen.name,
                        )
                    )
                if len(number) != 12:
                    raise ValidationError(
                        self.env._(
                            "The ID number %(number)s of %(name)s has %(count)s digits: a căn cước or "
                            "personal identification number has exactly 12 digits.",
                            number=number,
                            name=citizen.name,
                            count=len(number),
                        )
                    )
            elif not re.fullmatch(r"[A-Z0-9]{6,12}", number) or not re.search(r"\d", number):
                raise ValidationError(
                    self.env._(
                        "The passport number %(number)s of %(name)s is not valid: 6 to 12 letters and digits, "
                        "e.g. C1234567.",
                        number=number,
                        name=citizen.name,
                    )
                )

    @api.constrains("phone")
    def _check_phone(self):
        for citizen in self:
            if citizen.phone and not re.fullmatch(r"0\d{9}|02\d{9}", citizen.phone):
                raise ValidationError(
                    self.env._(
                        "The phone number %(phone)s of %(name)s is not valid: a mobile number has 10 digits "
                        "starting with 0 (or +84 and 9 digits), a landline 11 digits starting with 02.",
                        phone=citizen.phone,
                        name=citizen.name,
                    )
                )

    @api.constrains("email")
    def _check_email(self):
        for citizen in self:
            if citizen.email and not email_normalize(citizen.email):
                raise ValidationError(
                    self.env._(
                        "The e-mail address %(email)s of %(name)s is not valid.", email=citizen.email, name=citizen.name
                    )
                )

    @api.constrains("birth_date")
    def _check_birth_date(self):
        today = self.env["tcd.working.calendar"].today()
        for citizen in self:
            if citizen.birth_date and citizen.birth_date > today:
                raise ValidationError(self.env._("The date of birth of %(name)s is in the future.", name=citizen.name))

    def _check_duplicate_id(self, vals_list):
        """Refuse an ID number another citizen has, naming that citizen's record.

        Checked before the database's unique constraint so that the message says where the
        existing record is. The name is shown only to a user who may read that record.
        """
        numbers = [vals["id_number"] for vals in vals_list if vals.get("id_number")]
        if not numbers:
            return
        if len(set(numbers)) < len(numbers):
            raise ValidationError(self.env._("The same ID number is given to two citizens."))
        existing = (
            self.sudo()
            .with_context(active_test=False)
            .search([("id_number", "in", numbers), ("id", "not in", self.ids)], limit=1)
        )
        if not existing:
            return
        readable = (
            self.search_count([("id", "=", existing.id)]) and not existing.with_env(self.env)._tcd_hidden_identity()
        )
        raise ValidationError(
            self.env._(
                "The ID number %(number)s is already registered for the citizen %(citizen)s, managed by "
                "%(agency)s: open that record instead of creating a new one.",
                number=existing.id_number,
                citizen="%s %s" % (existing.code, existing.name) if readable else existing.code,
                agency=existing.agency_id.display_name,
            )
        )

    @api.model
    def _normalize_vals(self, vals):
        if "id_number" in vals:
            vals["id_number"] = normalize_id_number(vals["id_number"])
        if "phone" in vals:
            vals["phone"] = normalize_phone(vals["phone"])
        if vals.get("email"):
            vals["email"] = vals["email"].strip()
        if vals.get("name"):
            vals["name"] = " ".join(vals["name"].split())
        return vals

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._normalize_vals(dict(vals)) for vals in vals_list]
        self._check_duplicate_id(vals_list)
        for vals in vals_list:
            if vals.get("code", "/") == "/":
                vals["code"] = self.env["ir.sequence"].next_by_code("tcd.citizen") or "/"
        return super().create(vals_list)

    def write(self, vals):
        vals = self._normalize_vals(dict(vals))
        if not self.env.su and set(vals) & set(IDENTITY_FIELDS) and self._tcd_hidden_identity():
            raise AccessError(
                self.env._(
                    "The identity of a protected denouncer can be changed only by the handlers of their cases and "
                    "the confidential handlers (Luật Tố cáo 2018 Điều 56)."
                )
            )
        if vals.get("id_number"):
            self._check_duplicate_id([vals])
        res = super().write(vals)
        if "email" in vals:
            self.filtered("partner_id").partner_id.sudo().write({"email": vals["email"]})
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
                raise ValidationError(self.env._("Enter the e-mail address of %(name)s first.", name=citizen.name))
            citizen.partner_id = (
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

    def _tcd_protect_contacts(self):
        """Protected citizens keep no mail contact: its e-mail address is readable by every internal user."""
        protected = self.sudo().filtered(lambda c: c.is_protected and c.partner_id)
        partners = protected.partner_id
        protected.write({"partner_id": False})
        partners.write({"email": False, "active": False})

    def action_view_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("tiep_cong_dan_truc_tuyen.tcd_case_action")
        action["domain"] = [("citizen_ids", "in", self.id)]
        action["context"] = {"default_citizen_ids": [self.id], "default_agency_id": self.agency_id.id}
        return action

    # ------------------------------------------------------------------ protection of identities
    # (Nghị định 154/2026/NĐ-CP Điều 12 khoản 2; Luật Tố cáo 2018 Điều 47-48, 56)

    def _tcd_sees_all_identities(self):
        user = self.env.user
        return self.env.uid == SUPERUSER_ID or user.has_group("tiep_cong_dan_truc_tuyen.group_tcd_confidential")

    def _tcd_hidden_identity(self):
        """The citizens of ``self`` whose identity the current user may not see.

        Judged for the real user even in sudo mode, as the web client reads display names in sudo.
        """
        if self._tcd_sees_all_identities():
            return self.browse()
        uid = self.env.uid
        # the handlers are read for the protected citizens only, not for the whole page
        protected = self.sudo().filtered("is_protected")
        protected = protected.with_prefetch(protected._ids)
        return protected.filtered(lambda c: uid not in c.handler_user_ids.ids).with_env(self.env)

    @api.model
    def _tcd_identity_visible_domain(self):
        return ["|", ("is_protected", "=", False), ("handler_user_ids", "in", self.env.uid)]

    @api.model
    def _tcd_masked_values(self, fnames):
        return {
            fname: MASK if self._fields[fname].type in ("char", "text") else False
            for fname in fnames
            if fname in IDENTITY_FIELDS
        }

    @api.depends("name")
    @api.depends_context("uid")
    def _notice_recipient_vals(self):
        """Where a session's notice to the citizen goes; a protected citizen is named by reference only."""
        self.ensure_one()
        citizen = self.sudo()
        return {
            "recipient_name": citizen.code if citizen.is_protected else citizen.name,
            "email": citizen.email,
            "lang": citizen.partner_id.lang or "vi_VN",
        }

    def _compute_display_name(self):
        hidden = self._tcd_hidden_identity()
        for citizen in self:
            citizen.display_name = MASK if citizen in hidden else citizen.name

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        hidden = self._tcd_hidden_identity()
        if hidden:
            masked = self._tcd_masked_values(fnames)
            for values in result:
                if values["id"] in hidden.ids:
                    values.update(masked)
        return result

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        hidden = self._tcd_hidden_identity()
        if not hidden:
            return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)
        columns = [index for index, path in enumerate(fields) if path and path[0] in IDENTITY_FIELDS]
        lines = []
        for citizen in self:
            rows = super(TcdCitizen, citizen)._export_rows(fields, _is_toplevel_call=_is_toplevel_call)
            if citizen in hidden:
                for row in rows:
                    for index in columns:
                        if row[index] not in ("", False):
                            row[index] = MASK
            lines += rows
        return lines

    def _domain_reads_identity(self, domain):
        return any(
            isinstance(leaf, (list, tuple)) and len(leaf) == 3 and str(leaf[0]).split(".")[0] in IDENTITY_FIELDS
            for leaf in domain or []
        )

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su and self._domain_reads_identity(domain) and not self._tcd_sees_all_identities():
            domain = expression.AND([domain, self._tcd_identity_visible_domain()])
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def _read_group(self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None):
        if (
            not self.env.su
            and any(spec.split(":")[0].split(".")[0] in IDENTITY_FIELDS for spec in groupby)
            and not self._tcd_sees_all_identities()
        ):
            domain = expression.AND([domain, self._tcd_identity_visible_domain()])
        return super()._read_group(
            domain, groupby=groupby, aggregates=aggregates, having=having, offset=offset, limit=limit, order=order
        )

    # ------------------------------------------------------------------ access log (Luật Bảo vệ dữ liệu cá nhân 2025)

    def web_read(self, specification):
        if not self.env.context.get("tcd_no_access_log") and set(specification) & (
            set(IDENTITY_FIELDS) - {"display_name"}
        ):
            self.env["tcd.access.log"]._log(self, "open")
        return super().web_read(specification)

    # the access log is written: never on a read-only cursor
    web_read._readonly = False

    @api.model
    def web_search_read(self, domain, specification, offset=0, limit=None, order=None, count_limit=None):
        """Lists are not openings of a record: not logged."""
        return super(TcdCitizen, self.with_context(tcd_no_access_log=True)).web_search_read(
            domain, specification, offset=offset, limit=limit, order=order, count_limit=count_limit
        )

    def web_save(self, vals, specification, next_id=None):
        """The form reloads the record it saves: not a new opening."""
        return super(TcdCitizen, self.with_context(tcd_no_access_log=True)).web_save(
            vals, specification, next_id=next_id
        )

    def export_data(self, fields_to_export):
        result = super().export_data(fields_to_export)
        self.env["tcd.access.log"]._log(self, "export", fields_to_export)
        return result
