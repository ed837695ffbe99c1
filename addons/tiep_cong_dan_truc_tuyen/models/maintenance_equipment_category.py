from odoo import fields, models


class MaintenanceEquipmentCategory(models.Model):
    _inherit = "maintenance.equipment.category"

    tcd_code = fields.Char(
        string="Citizen reception code",
        index=True,
        copy=False,
        help="Set on the categories of equipment that bridge points need (R5.1).",
    )
    tcd_source = fields.Char(string="Regulation", help="The regulation articles that name this category.")

    _sql_constraints = [
        ("tcd_code_unique", "unique(tcd_code)", "Another equipment category already has this citizen reception code."),
    ]
