from odoo import api, fields, models
from odoo.exceptions import ValidationError


class TcdEquipmentProfileLine(models.Model):
    _name = "tcd.equipment.profile.line"
    _description = "Required equipment"
    _order = "profile_id, sequence, id"

    profile_id = fields.Many2one("tcd.equipment.profile", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    category_id = fields.Many2one("maintenance.equipment.category", required=True)
    quantity = fields.Integer(default=1, required=True)
    source = fields.Char(help="The regulation articles that require it.")

    _sql_constraints = [
        ("category_unique", "unique(profile_id, category_id)", "A profile lists each category once."),
    ]

    @api.constrains("quantity")
    def _check_quantity(self):
        for line in self:
            if line.quantity < 1:
                raise ValidationError(
                    self.env._(
                        "The required quantity of %(category)s must be at least 1.", category=line.category_id.name
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.profile_id._profile_changed()
        return lines

    def write(self, vals):
        res = super().write(vals)
        self.profile_id._profile_changed()
        return res

    def unlink(self):
        profiles = self.profile_id
        res = super().unlink()
        profiles._profile_changed()
        return res
