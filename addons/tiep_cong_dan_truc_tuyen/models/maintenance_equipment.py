from odoo import api, fields, models

CONDITIONS = [
    ("operational", "Operational"),
    ("degraded", "Degraded"),
    ("out_of_order", "Out of order"),
]


class MaintenanceEquipment(models.Model):
    """Equipment of a bridge point (Quy chế tiếp công dân trực tuyến của UBND tỉnh Quảng Ngãi (2025) Điều 9 khoản 5
    điểm b; Kế hoạch 459/KH-UBND tỉnh Nghệ An, Phần III mục 3), on Odoo's Maintenance app.

    Its condition follows the maintenance requests: an open breakdown (corrective) request makes it
    out of order until the request is done; otherwise it is the condition the technician reported.
    """

    _inherit = "maintenance.equipment"

    tcd_bridge_point_id = fields.Many2one(
        "tcd.bridge.point", string="Bridge point", index=True, ondelete="restrict", tracking=True
    )
    tcd_agency_id = fields.Many2one(
        "tcd.agency",
        string="Reception agency",
        compute="_compute_tcd_agency_id",
        store=True,
        readonly=False,
        index=True,
        ondelete="restrict",
        help="The agency that owns the equipment: the bridge point's agency, or set here for spare equipment.",
    )
    tcd_condition_reported = fields.Selection(
        CONDITIONS, string="Reported condition", default="operational", tracking=True,
        help="The condition the technician observed.",
    )  # fmt: skip
    tcd_condition = fields.Selection(
        CONDITIONS,
        string="Condition",
        compute="_compute_tcd_condition",
        store=True,
        index=True,
        help="Out of order while a breakdown request is open, else the reported condition.",
    )

    @api.depends("tcd_bridge_point_id.agency_id")
    def _compute_tcd_agency_id(self):
        for equipment in self:
            if equipment.tcd_bridge_point_id:
                equipment.tcd_agency_id = equipment.tcd_bridge_point_id.agency_id

    @api.depends(
        "tcd_condition_reported",
        "maintenance_ids.stage_id.done",
        "maintenance_ids.maintenance_type",
        "maintenance_ids.archive",
    )
    def _compute_tcd_condition(self):
        for equipment in self:
            broken = equipment.maintenance_ids.filtered(
                lambda request: request.maintenance_type == "corrective" and not request.done and not request.archive
            )
            equipment.tcd_condition = "out_of_order" if broken else equipment.tcd_condition_reported or "operational"
