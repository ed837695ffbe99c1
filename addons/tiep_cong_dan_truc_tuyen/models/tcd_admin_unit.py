from odoo import api, fields, models


class TcdAdminUnit(models.Model):
    """Administrative unit of the 2025 two-tier local government.

    34 provinces (28 tỉnh, 6 thành phố trực thuộc trung ương) and 3,321 commune-level
    units (xã, phường, đặc khu) with the official codes of the National Statistics Office.
    """

    _name = "tcd.admin.unit"
    _description = "Administrative unit"
    _order = "code"
    _rec_names_search = ["name", "code"]

    name = fields.Char(required=True, index="trigram")
    short_name = fields.Char(help="Name without the unit type, e.g. 'Quảng Ngãi' for 'Tỉnh Quảng Ngãi'.")
    code = fields.Char(required=True, index=True, help="Official code of the National Statistics Office.")
    unit_type = fields.Selection(
        [
            ("city", "Centrally-run city"),
            ("province", "Province"),
            ("ward", "Ward"),
            ("commune", "Commune"),
            ("special_zone", "Special zone"),
        ],
        string="Type",
        required=True,
    )
    level = fields.Selection(
        [("province", "Province level"), ("commune", "Commune level")],
        compute="_compute_level",
        store=True,
    )
    parent_id = fields.Many2one(
        "tcd.admin.unit",
        string="Province",
        index=True,
        ondelete="restrict",
        domain="[('level', '=', 'province')]",
    )
    child_ids = fields.One2many("tcd.admin.unit", "parent_id", string="Commune-level units")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "The code of an administrative unit must be unique."),
    ]

    @api.depends("unit_type")
    def _compute_level(self):
        for unit in self:
            unit.level = "province" if unit.unit_type in ("city", "province") else "commune"

    @api.depends("name", "parent_id.short_name", "parent_id.name")
    def _compute_display_name(self):
        for unit in self:
            province = unit.parent_id
            if province:
                unit.display_name = "%s (%s)" % (unit.name, province.short_name or province.name)
            else:
                unit.display_name = unit.name
