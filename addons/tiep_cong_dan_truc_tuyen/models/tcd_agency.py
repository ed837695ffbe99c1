from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.locks import lock_nowait

LEVELS = [
    ("central", "Central level"),
    ("province", "Province level"),
    ("department", "Department level"),
    ("commune", "Commune level"),
]
LEVEL_RANK = {code: rank for rank, (code, _label) in enumerate(LEVELS)}
# The levels that host sessions, each with its own procedure (TTCP, the provinces, the communes).
HOST_LEVELS = [level for level in LEVELS if level[0] != "department"]

KINDS = [
    ("inspectorate_general", "Government Inspectorate"),
    ("reception_board", "Citizen Reception Board"),
    ("ministry", "Ministry / central agency"),
    ("people_committee", "People's Committee"),
    ("pc_office", "Office of the People's Committee"),
    ("inspectorate", "Inspectorate"),
    ("dept_science", "Department of Science and Technology"),
    ("dept_finance", "Department of Finance"),
    ("dept_culture", "Department of Culture, Sports and Tourism"),
    ("dept_justice", "Department of Justice"),
    ("department", "Other department"),
    ("other", "Other"),
]


class TcdAgency(models.Model):
    """State agency taking part in citizen reception (Quyết định 748/QĐ-TTCP, Quy chế Chương III; Quy
    chế tiếp công dân trực tuyến của UBND tỉnh Quảng Ngãi (2025) Chương III; Quyết định 354/QĐ-UBND-HC
    tỉnh Đồng Tháp, Quy chế Chương III; Quy chế TCD trực tuyến xã An Lão (2026) Chương III).

    Agencies form one hierarchy: central → province → department → commune. The
    hierarchy is the users' scope: record rules give a user the subtree of their agency.
    """

    _name = "tcd.agency"
    _description = "Agency"
    _inherit = ["mail.thread"]
    _parent_store = True
    _order = "complete_name"
    _rec_names_search = ["name", "code", "complete_name"]

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(index=True)
    complete_name = fields.Char(compute="_compute_complete_name", store=True, recursive=True)
    parent_id = fields.Many2one("tcd.agency", string="Parent agency", index=True, ondelete="restrict", tracking=True)
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("tcd.agency", "parent_id", string="Subordinate agencies")
    level = fields.Selection(LEVELS, required=True, default="province", tracking=True)
    kind = fields.Selection(KINDS, string="Kind of agency", required=True, default="other", tracking=True)
    admin_unit_id = fields.Many2one("tcd.admin.unit", string="Administrative unit", index=True, ondelete="restrict")
    province_agency_id = fields.Many2one(
        "tcd.agency",
        string="Province agency",
        compute="_compute_province_agency_id",
        store=True,
        recursive=True,
        index=True,
        help="The top agency of the province this agency belongs to; province officers see everything under it.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        ondelete="restrict",
        help="Contact that receives the agency's mail (invitations, notices).",
    )
    letter_name = fields.Char(
        string="Name on documents",
        help="The agency's full name in the heading of its documents, e.g. Ủy ban nhân dân tỉnh Quảng Ngãi; "
        "its name when empty.",
    )
    document_symbol = fields.Char(
        help="The abbreviation of the agency in the number of its documents, e.g. UBND in 15/GM-UBND.",
    )
    document_sequence_id = fields.Many2one(
        "ir.sequence",
        string="Document numbering",
        copy=False,
        help="Numbers the agency's documents (invitations, conclusion notices), from 1 each year as Nghị định "
        "30/2020/NĐ-CP Điều 15 asks; created with its first document.",
    )
    register_sequence_id = fields.Many2one(
        "ir.sequence",
        string="Register numbering",
        copy=False,
        help="Numbers the lines of the agency's citizen reception register (Sổ tiếp công dân, Mẫu 03/TCD), from 1 "
        "each year; created with its first line.",
    )
    email = fields.Char(related="partner_id.email", readonly=False)
    phone = fields.Char(related="partner_id.phone", readonly=False)
    user_ids = fields.One2many("res.users", "tcd_agency_id", string="Members")
    duty_ids = fields.Many2many("tcd.duty", string="Reception responsibilities")
    bridge_point_ids = fields.One2many("tcd.bridge.point", "agency_id", string="Bridge points")
    bridge_point_count = fields.Integer(compute="_compute_bridge_point_count")
    active = fields.Boolean(default=True, tracking=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Another agency already has this code."),
    ]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for agency in self:
            if agency.parent_id:
                agency.complete_name = "%s / %s" % (agency.parent_id.complete_name, agency.name)
            else:
                agency.complete_name = agency.name

    @api.depends("name", "admin_unit_id.display_name", "level")
    def _compute_display_name(self):
        for agency in self:
            unit = agency.admin_unit_id
            if agency.level == "commune" and unit.parent_id:
                agency.display_name = "%s (%s)" % (agency.name, unit.parent_id.short_name)
            else:
                agency.display_name = agency.name

    @api.depends("level", "parent_id.province_agency_id")
    def _compute_province_agency_id(self):
        for agency in self:
            if agency.level == "central":
                agency.province_agency_id = False
            elif agency.parent_id.province_agency_id:
                agency.province_agency_id = agency.parent_id.province_agency_id
            elif agency.level == "province":
                agency.province_agency_id = agency
            else:
                agency.province_agency_id = False

    def _heading_lines(self):
        """The heading of the agency's documents (Nghị định 30/2020/NĐ-CP): the supervising agency,
        then the issuing agency, in capitals."""
        self.ensure_one()
        names = [
            (self.parent_id.letter_name or self.parent_id.name) if self.parent_id else "",
            self.letter_name or self.name,
        ]
        return [name.upper() for name in names if name]

    def _officers(self):
        """The officers working for these agencies (their own agency, not the units above or under it)."""
        if not self:
            return self.env["res.users"]
        officer = self.env.ref("tiep_cong_dan_truc_tuyen.group_tcd_officer")
        return self.env["res.users"].sudo().search([("tcd_agency_id", "in", self.ids), ("groups_id", "in", officer.id)])

    def _letter_place_date(self, day):
        """ "Quảng Ngãi, ngày 25 tháng 11 năm 2026": the place and date of the agency's documents dated
        ``day`` (Nghị định 30/2020/NĐ-CP): the province of a commune, else the agency's own unit."""
        self.ensure_one()
        unit = self.admin_unit_id
        if unit.level == "commune" and unit.parent_id:
            unit = unit.parent_id
        # a day below 10 and the months 1 and 2 take a leading zero
        day_text = "%02d" % day.day
        month_text = "%02d" % day.month if day.month < 3 else str(day.month)
        date = self.env._("day %(day)s month %(month)s year %(year)s", day=day_text, month=month_text, year=day.year)
        place = unit.short_name or unit.name
        return f"{place}, {date}" if place else date

    def _notice_recipient_vals(self):
        """The agency as the recipient of a session's notice, through its contact."""
        self.ensure_one()
        partner = self.sudo().partner_id
        return {"recipient_name": partner.name or self.name, "email": partner.email, "lang": partner.lang}

    def _yearly_sequence(self, field_name, name):
        """The agency's sequence in ``field_name``, numbered without gaps from 1 each year; created, named
        ``name``, when first used."""
        agency = self.sudo()
        if not agency[field_name]:
            # two first numbers at once would each create a sequence and both start at 1: the agency's row is
            # locked and read again (a request that finds it locked is retried by Odoo, and then finds the other's)
            lock_nowait(agency)
            agency.invalidate_recordset([field_name])
        if not agency[field_name]:
            agency[field_name] = (
                self.env["ir.sequence"]
                .sudo()
                .create({"name": name, "implementation": "no_gap", "use_date_range": True, "company_id": False})
            )
        return agency[field_name]

    def _next_document_number(self, kind_symbol):
        """The next number and symbol of a document of the agency, e.g. 15/GM-UBND for an invitation
        (``kind_symbol`` GM) or 16/TB-UBND for a notice (TB): one yearly sequence for all its documents."""
        self.ensure_one()
        agency = self.sudo()
        name = self.env._("Documents of %(agency)s", agency=agency.name)
        sequence = agency._yearly_sequence("document_sequence_id", name)
        return f"{sequence.next_by_id()}/{kind_symbol}-{agency.document_symbol or 'TCD'}"

    def _next_register_number(self, day):
        """The number of the next line of the agency's citizen reception register, in the year of ``day``."""
        self.ensure_one()
        agency = self.sudo()
        name = self.env._("Citizen reception register of %(agency)s", agency=agency.name)
        return int(agency._yearly_sequence("register_sequence_id", name).next_by_id(sequence_date=day))

    def _compute_bridge_point_count(self):
        counts = dict(
            self.env["tcd.bridge.point"]._read_group([("agency_id", "in", self.ids)], ["agency_id"], ["__count"])
        )
        for agency in self:
            agency.bridge_point_count = counts.get(agency, 0)

    def _check_new_parent(self, parent):
        """Refuse a parent that would make an agency its own ancestor.

        Checked before writing: the parent store would otherwise fail with a bare
        "Recursion Detected." when it is flushed.
        """
        if self.search_count([("id", "child_of", self.ids), ("id", "=", parent.id)], limit=1):
            raise ValidationError(
                self.env._(
                    "%(parent)s cannot be the parent of %(agency)s: an agency cannot be its own "
                    "ancestor (it is the agency itself or one of its subordinate agencies).",
                    parent=parent.display_name,
                    agency=", ".join(self.mapped("display_name")),
                )
            )

    @api.constrains("parent_id", "level")
    def _check_level(self):
        for agency in self:
            parent = agency.parent_id
            if parent and LEVEL_RANK[agency.level] < LEVEL_RANK[parent.level]:
                levels = dict(self._fields["level"]._description_selection(self.env))
                raise ValidationError(
                    self.env._(
                        "The agency %(agency)s (%(level)s) cannot be placed under %(parent)s (%(parent_level)s): "
                        "an agency cannot be above its parent's level.",
                        agency=agency.name,
                        level=levels[agency.level],
                        parent=parent.name,
                        parent_level=levels[parent.level],
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        without_partner = [vals for vals in vals_list if not vals.get("partner_id")]
        # a Vietnamese agency receives its mail in Vietnamese, once the language is installed
        lang = "vi_VN" if "vi_VN" in dict(self.env["res.lang"].get_installed()) else None
        partners = self.env["res.partner"].create(
            [
                dict({"name": vals.get("name"), "is_company": True}, **({"lang": lang} if lang else {}))
                for vals in without_partner
            ]
        )
        for vals, partner in zip(without_partner, partners, strict=True):
            vals["partner_id"] = partner.id
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("parent_id"):
            self._check_new_parent(self.browse(vals["parent_id"]))
        res = super().write(vals)
        if {"parent_id", "level"} & set(vals):
            # the scope of the users of these agencies may have changed
            self.env.registry.clear_cache()
        return res

    def action_view_bridge_points(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("tiep_cong_dan_truc_tuyen.tcd_bridge_point_action")
        action["domain"] = [("agency_id", "=", self.id)]
        action["context"] = {"default_agency_id": self.id}
        return action
