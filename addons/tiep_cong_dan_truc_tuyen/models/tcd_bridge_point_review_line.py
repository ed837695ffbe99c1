from odoo import api, fields, models
from odoo.exceptions import ValidationError


class TcdBridgePointReviewLine(models.Model):
    _name = "tcd.bridge.point.review.line"
    _description = "Bridge point review finding"
    _order = "review_id, id"

    review_id = fields.Many2one("tcd.bridge.point.review", required=True, index=True, ondelete="cascade")
    category_id = fields.Many2one("maintenance.equipment.category", required=True)
    required_quantity = fields.Integer(string="Required")
    found_quantity = fields.Integer(string="Found")
    condition = fields.Selection(
        [
            ("good", "Good"),
            ("degraded", "Degraded"),
            ("out_of_order", "Out of order"),
            ("missing", "Missing"),
        ],
        default="good",
    )
    finding = fields.Char()

    @api.constrains("required_quantity", "found_quantity")
    def _check_quantities(self):
        for line in self:
            if line.required_quantity < 0 or line.found_quantity < 0:
                raise ValidationError(
                    self.env._("Quantities of %(category)s cannot be negative.", category=line.category_id.name)
                )
