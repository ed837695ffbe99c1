from odoo import fields, models


class MaintenanceEquipmentCategory(models.Model):
    _inherit = "maintenance.equipment.category"

    tcd_code = fields.Char(
        string="Citizen reception code",
        index=True,
        copy=False,
        help="Set on the categories of equipment that bridge points need (Quyết định 748/QĐ-TTCP, Quy chế Điều 8 "
        "khoản 3 điểm b; Quyết định 354/QĐ-UBND-HC tỉnh Đồng Tháp, Quy chế Điều 8 khoản 2; Kế hoạch "
        "459/KH-UBND tỉnh Nghệ An, Phần III mục 1).",
    )
    tcd_source = fields.Char(string="Regulation", help="The regulation articles that name this category.")

    _sql_constraints = [
        ("tcd_code_unique", "unique(tcd_code)", "Another equipment category already has this citizen reception code."),
    ]
