from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class TcdBridgePointReview(models.Model):
    """A periodic review of a bridge point's current state (rà soát, đánh giá hiện trạng; Quy chế tiếp
    công dân trực tuyến của UBND tỉnh Quảng Ngãi (2025) Điều 9 khoản 5 điểm b; Kế hoạch 459/KH-UBND tỉnh
    Nghệ An, Phần III mục 3)."""

    _name = "tcd.bridge.point.review"
    _description = "Bridge point review"
    _inherit = ["tcd.workflow.mixin", "mail.thread"]
    _order = "date desc, id desc"

    bridge_point_id = fields.Many2one("tcd.bridge.point", required=True, index=True, ondelete="cascade")
    agency_id = fields.Many2one(related="bridge_point_id.agency_id", store=True, index=True)
    date = fields.Date(required=True, default=lambda self: self.env["tcd.working.calendar"].today(), tracking=True)
    reviewer_id = fields.Many2one("res.users", required=True, default=lambda self: self.env.user, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Done")], default="draft", required=True, readonly=True, tracking=True
    )
    line_ids = fields.One2many("tcd.bridge.point.review.line", "review_id", string="Findings", copy=True)
    measured_bandwidth = fields.Float(string="Measured bandwidth (Mb/s)")
    conclusion = fields.Selection(
        [("ready", "Ready"), ("needs_work", "Ready with reservations"), ("not_ready", "Not ready")], tracking=True
    )
    conclusion_note = fields.Text(string="Conclusion and proposals")

    @api.depends("bridge_point_id", "date")
    def _compute_display_name(self):
        for review in self:
            review.display_name = self.env._(
                "Review of %(point)s on %(date)s",
                point=review.bridge_point_id.name,
                date=review.date.strftime("%d/%m/%Y") if review.date else "",
            )

    @api.constrains("measured_bandwidth")
    def _check_bandwidth(self):
        for review in self:
            if review.measured_bandwidth < 0:
                raise ValidationError(self.env._("The measured bandwidth cannot be negative."))

    @api.model_create_multi
    def create(self, vals_list):
        reviews = super().create(vals_list)
        reviews.filtered(lambda review: not review.line_ids).action_load_categories()
        return reviews

    def action_load_categories(self):
        """One finding per category the point's role requires, with the equipment on record."""
        for review in self:
            point = review.bridge_point_id
            required = self.env["tcd.equipment.profile"]._required_counts(point._roles())
            known = review.line_ids.category_id
            equipment = point.sudo().equipment_ids
            review.line_ids = [
                fields.Command.create(
                    {
                        "category_id": category.id,
                        "required_quantity": count,
                        "found_quantity": len(
                            equipment.filtered(lambda item, category=category: item.category_id == category)
                        ),
                    }
                )
                for category, count in required.items()
                if category not in known
            ]

    def action_done(self):
        for review in self:
            if review.state != "draft":
                raise UserError(self.env._("This review is already done."))
            if not review.conclusion:
                raise UserError(self.env._("Give the conclusion of the review first."))
        self._workflow_write({"state": "done"})
        for review in self.filtered("measured_bandwidth"):
            review.bridge_point_id.write(
                {"measured_bandwidth": review.measured_bandwidth, "measured_date": review.date}
            )
        self.bridge_point_id._review_done()

    def action_reset_draft(self):
        self._workflow_write({"state": "draft"})
