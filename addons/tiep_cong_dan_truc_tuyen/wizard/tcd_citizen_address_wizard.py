from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.admin_units import convert_old_address, unit_key


class TcdCitizenAddressWizard(models.TransientModel):
    """Convert a citizen's address written in the old form (63 provinces, with a district) to the 2025
    administrative units (34 provinces, no district).

    The new communes of the old one are offered, each with its province; when the old commune was split
    among several, the officer chooses. The old address is kept in the citizen's chatter.
    """

    _name = "tcd.citizen.address.wizard"
    _description = "Convert a citizen's address to the new administrative units"

    citizen_id = fields.Many2one("tcd.citizen", required=True, readonly=True, ondelete="cascade")
    old_address = fields.Char(
        string="Old address",
        required=True,
        help="The address in the old form: village, commune, district and province.",
    )
    old_units = fields.Char(
        string="Read as", compute="_compute_conversion", store=True, help="The old units recognised in the address."
    )
    candidate_ids = fields.Many2many(
        "tcd.admin.unit",
        "tcd_citizen_address_wizard_unit_rel",
        "wizard_id",
        "unit_id",
        string="New units",
        compute="_compute_conversion",
        store=True,
    )
    is_split = fields.Boolean(string="Split commune", compute="_compute_conversion", store=True)
    admin_unit_id = fields.Many2one(
        "tcd.admin.unit",
        string="New commune / ward",
        compute="_compute_admin_unit_id",
        store=True,
        readonly=False,
        domain="[('id', 'in', candidate_ids)]",
    )
    street = fields.Char(
        string="Address",
        compute="_compute_street",
        store=True,
        readonly=False,
        help="House number, street, village (thôn, tổ dân phố): what the address says before the commune.",
    )

    @api.depends("old_address")
    def _compute_conversion(self):
        for wizard in self:
            old = convert_old_address(wizard.old_address)
            candidates = self._units_of(old.new_units) if old else self.env["tcd.admin.unit"]
            wizard.old_units = old and old.old_units
            wizard.candidate_ids = candidates
            wizard.is_split = len(candidates) > 1

    @api.depends("candidate_ids")
    def _compute_admin_unit_id(self):
        for wizard in self:
            # a split commune's new unit is chosen by the officer, never by default
            wizard.admin_unit_id = len(wizard.candidate_ids) == 1 and wizard.candidate_ids

    @api.depends("old_address")
    def _compute_street(self):
        for wizard in self:
            old = convert_old_address(wizard.old_address)
            wizard.street = old and old.street

    @api.model
    def _units_of(self, new_units):
        """The units of the table that the package's ``new_units`` are: by code and name, else by province and
        name (the two tables give a few units different codes, and spell some names apart)."""
        units = self.env["tcd.admin.unit"].search(
            [("parent_id.code", "in", [unit.province_code for unit in new_units])]
        )
        found = units.browse()
        for new in new_units:
            same = units.filtered(
                lambda unit, new=new: (
                    unit.parent_id.code == new.province_code and unit_key(unit.name) == unit_key(new.name)
                )
            )
            found |= same.filtered(lambda unit, new=new: unit.code == new.code) or same
        return found

    def action_confirm(self):
        """Write the new unit and the street on the citizen; the old address goes to the chatter, except for a
        protected denouncer, whose chatter the agency's officers read."""
        self.ensure_one()
        if not self.candidate_ids:
            raise UserError(
                self.env._(
                    "The old commune of %(address)s was not recognised: write the address with its commune, "
                    "district and province, e.g. Thôn 1, Xã An Nghĩa, Huyện An Lão, Tỉnh Bình Định.",
                    address=self.old_address,
                )
            )
        if not self.admin_unit_id:
            raise UserError(
                self.env._(
                    "%(old)s was split among %(units)s: choose the one where the citizen lives.",
                    old=self.old_units,
                    units=", ".join(self.candidate_ids.mapped("display_name")),
                )
            )
        citizen = self.citizen_id
        citizen.write({"street": self.street, "admin_unit_id": self.admin_unit_id.id})
        if citizen.is_protected:
            body = self.env._("The address was converted to the new administrative units.")
        else:
            body = self.env._(
                "The address was converted to the new administrative units. Old address: %(old)s (read as "
                "%(units)s). New address: %(new)s.",
                old=self.old_address,
                units=self.old_units,
                new=", ".join(filter(None, [self.street, self.admin_unit_id.display_name])),
            )
        citizen.message_post(body=body, subtype_xmlid="mail.mt_note")
        return {"type": "ir.actions.act_window_close"}
