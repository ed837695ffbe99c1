import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import email_normalize

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
# What a citizen's identity holds; the citizen shows it (masked when the user may not read it).
IDENTITY_FIELDS = (
    "name",
    "id_type",
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


class TcdCitizenIdentity(models.Model):
    """The identity of a citizen: name, ID paper, birth, address and contact (Nghị định 154/2026/NĐ-CP
    Điều 12), kept apart from the citizen so that Odoo's access layer guards it.

    Its record rules (security/tcd_rules.xml) let the scope of the citizen read it, except when the
    citizen is a denouncer who asked for identity protection: then only the handlers assigned to her
    protected cases and the confidential handlers do (Luật Tố cáo 2018 Điều 47, 48, 56). Every path
    of the ORM follows from them: reads, searches, groupings and their aggregates, exports, onchanges.
    Its display name is the citizen's, a pseudonym while she is protected; every read of a protected
    identity is logged.
    """

    _name = "tcd.citizen.identity"
    _inherit = ["tcd.workflow.mixin"]
    _description = "Identity of a citizen"
    # never by name: a many2one ordered by its comodel would sort by a hidden value
    _order = "id"
    _rec_name = "citizen_id"

    citizen_id = fields.Many2one("tcd.citizen", required=True, readonly=True, index=True, ondelete="cascade")
    is_protected = fields.Boolean(related="citizen_id.is_protected", store=True, index=True)
    name = fields.Char(string="Full name", required=True, index="trigram")
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
        "tcd.admin.unit", string="Commune / ward", ondelete="restrict", domain="[('level', '=', 'commune')]"
    )
    province_unit_id = fields.Many2one(
        related="admin_unit_id.parent_id", string="Province / city", store=True, index=True
    )
    phone = fields.Char()
    email = fields.Char(string="E-mail")

    _sql_constraints = [
        ("citizen_unique", "unique(citizen_id)", "A citizen has one identity."),
        ("id_number_unique", "unique(id_number)", "Another citizen already has this ID number."),
    ]

    @api.model
    def _workflow_error(self):
        return self.env._("An identity belongs to its citizen: it is created with it and never moved to another one.")

    # ------------------------------------------------------------------ computes

    @api.depends("id_type", "id_number", "birth_date", "gender")
    def _compute_id_warning(self):
        for identity in self:
            identity.id_warning = self._id_warning(
                identity.id_type, identity.id_number, identity.birth_date, identity.gender
            )

    @api.model
    def _id_warning(self, id_type, id_number, birth_date, gender):
        """What the 12 digits of a căn cước / personal ID number say against the other data, as a text
        (False when nothing contradicts them).

        Digits 1–3: province of birth registration (old 63-province codes); digit 4: century and
        gender (1900s: 0 male, 1 female; 2000s: 2, 3; 2100s: 4, 5 …); digits 5–6: year of birth.
        """
        number = id_number or ""
        if id_type not in TWELVE_DIGIT_TYPES or not re.fullmatch(r"\d{12}", number):
            return False
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
        id_gender = "female" if digit % 2 else "male"
        year = century + int(number[4:6])
        if birth_date and birth_date.year != year:
            warnings.append(
                self.env._(
                    "The ID number says born in %(id_year)s (4th digit %(digit)s, digits 5–6 %(yy)s), "
                    "the date of birth says %(year)s.",
                    id_year=year,
                    digit=digit,
                    yy=number[4:6],
                    year=birth_date.year,
                )
            )
        if gender and gender != id_gender:
            genders = dict(self._fields["gender"]._description_selection(self.env))
            warnings.append(
                self.env._(
                    "The 4th digit %(digit)s of the ID number means %(id_gender)s, the gender says %(gender)s.",
                    digit=digit,
                    id_gender=genders[id_gender].lower(),
                    gender=genders[gender].lower(),
                )
            )
        return "\n".join(warnings) or False

    # ------------------------------------------------------------------ validation

    @api.constrains("id_type", "id_number")
    def _check_id_number(self):
        for identity in self:
            number = identity.id_number or ""
            if identity.id_type in TWELVE_DIGIT_TYPES:
                if not number.isdigit():
                    raise ValidationError(
                        self.env._(
                            "The ID number %(number)s of %(name)s may contain only digits: a căn cước or "
                            "personal identification number has 12 digits.",
                            number=number,
                            name=identity.name,
                        )
                    )
                if len(number) != 12:
                    raise ValidationError(
                        self.env._(
                            "The ID number %(number)s of %(name)s has %(count)s digits: a căn cước or "
                            "personal identification number has exactly 12 digits.",
                            number=number,
                            name=identity.name,
                            count=len(number),
                        )
                    )
            elif not re.fullmatch(r"[A-Z0-9]{6,12}", number) or not re.search(r"\d", number):
                raise ValidationError(
                    self.env._(
                        "The passport number %(number)s of %(name)s is not valid: 6 to 12 letters and digits, "
                        "e.g. C1234567.",
                        number=number,
                        name=identity.name,
                    )
                )

    @api.constrains("phone")
    def _check_phone(self):
        for identity in self:
            if identity.phone and not re.fullmatch(r"0\d{9}|02\d{9}", identity.phone):
                raise ValidationError(
                    self.env._(
                        "The phone number %(phone)s of %(name)s is not valid: a mobile number has 10 digits "
                        "starting with 0 (or +84 and 9 digits), a landline 11 digits starting with 02.",
                        phone=identity.phone,
                        name=identity.name,
                    )
                )

    @api.constrains("email")
    def _check_email(self):
        for identity in self:
            if identity.email and not email_normalize(identity.email):
                raise ValidationError(
                    self.env._(
                        "The e-mail address %(email)s of %(name)s is not valid.",
                        email=identity.email,
                        name=identity.name,
                    )
                )

    @api.constrains("birth_date")
    def _check_birth_date(self):
        today = self.env["tcd.working.calendar"].today()
        for identity in self:
            if identity.birth_date and identity.birth_date > today:
                raise ValidationError(self.env._("The date of birth of %(name)s is in the future.", name=identity.name))

    def _check_duplicate_id(self, vals_list):
        """Refuse an ID number another citizen has, naming that citizen's record to whoever may read its
        identity; to anyone else it says no more than that the number is registered (no name, reference
        nor agency to tell a protected denouncer from a citizen outside the user's scope)."""
        numbers = [vals["id_number"] for vals in vals_list if vals.get("id_number")]
        if not numbers:
            return
        if len(set(numbers)) < len(numbers):
            raise ValidationError(self.env._("The same ID number is given to two citizens."))
        existing = self.sudo().search([("id_number", "in", numbers), ("id", "not in", self.ids)], limit=1)
        if not existing:
            return
        if existing.with_env(self.env).has_access("read"):
            raise ValidationError(
                self.env._(
                    "The ID number %(number)s is already registered for the citizen %(code)s %(citizen)s, managed "
                    "by %(agency)s: open that record instead of creating a new one.",
                    number=existing.id_number,
                    code=existing.citizen_id.code,
                    citizen=existing.name,
                    agency=existing.citizen_id.agency_id.display_name,
                )
            )
        raise ValidationError(
            self.env._(
                "This ID number is already registered for a citizen whose record you may not open: ask the "
                "confidential handlers of your agency."
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
        """Created with its citizen, in sudo, once the citizen's create or write passed the user's rules
        and the duplicate check was made under them (``tcd.citizen._inverse_identity``)."""
        return super().create([self._normalize_vals(dict(vals)) for vals in vals_list])

    def write(self, vals):
        vals = self._normalize_vals(dict(vals))
        if vals.get("id_number"):
            self._check_duplicate_id([vals])
        res = super().write(vals)
        if "email" in vals:
            self.sudo().citizen_id.partner_id.write({"email": vals["email"]})
        return res

    # ------------------------------------------------------------------ access log (Luật Bảo vệ dữ liệu cá nhân 2025)

    def _fetch_query(self, query, fields):
        """Every read of a protected identity by a user is logged, whatever path it took."""
        fetched = super()._fetch_query(query, fields)
        if not self.env.su and {field.name for field in fields} & set(IDENTITY_FIELDS):
            protected = fetched.sudo().filtered("is_protected")
            if protected:
                self.env["tcd.access.log"]._log(protected.citizen_id.with_env(self.env), "read", model=self._name)
        return fetched

    @api.model
    def _read_group(self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None):
        """A grouping that reads protected identities (within the user's rules) is logged as their reads."""
        if not self.env.su:
            protected = self.search([*domain, ("is_protected", "=", True)])
            if protected:
                citizens = protected.sudo().citizen_id.with_env(self.env)
                self.env["tcd.access.log"]._log(citizens, "read", model=self._name)
        return super()._read_group(
            domain, groupby=groupby, aggregates=aggregates, having=having, offset=offset, limit=limit, order=order
        )

    def export_data(self, fields_to_export):
        """Logged before the export reads the records: its entry covers those reads."""
        self.env["tcd.access.log"]._log(
            self.sudo().citizen_id.with_env(self.env), "export", fields_to_export, model=self._name
        )
        return super().export_data(fields_to_export)
