from odoo import api, fields, models


class TcdEquipmentProfile(models.Model):
    """The equipment a bridge point needs for its role (Quy chế tiếp công dân trực tuyến của UBND tỉnh
    Quảng Ngãi (2025) Điều 9 khoản 5 điểm b; Kế hoạch 459/KH-UBND tỉnh Nghệ An, Phần III mục 3), by
    category and count."""

    _name = "tcd.equipment.profile"
    _description = "Required equipment profile"
    _order = "role"

    name = fields.Char(required=True, translate=True)
    role = fields.Selection([("central", "Central point"), ("delegate", "Delegate point")], required=True)
    line_ids = fields.One2many("tcd.equipment.profile.line", "profile_id", string="Required equipment", copy=True)
    source = fields.Char(help="The regulation articles this profile comes from.")

    _sql_constraints = [
        ("role_unique", "unique(role)", "Each role has one required equipment profile."),
    ]

    @api.model
    def _required_counts(self, roles):
        """{category: count} that a point with ``roles`` needs: the larger count of its roles' profiles."""
        counts = {}
        for line in self.sudo().search([("role", "in", list(roles))]).line_ids:
            counts[line.category_id] = max(counts.get(line.category_id, 0), line.quantity)
        return counts

    def _profile_changed(self):
        points = self.env["tcd.bridge.point"].sudo().with_context(active_test=False).search([])
        self.env.add_to_compute(points._fields["readiness"], points)

    def write(self, vals):
        res = super().write(vals)
        self._profile_changed()
        return res
