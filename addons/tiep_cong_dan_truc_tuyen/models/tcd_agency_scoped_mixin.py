from odoo import fields, models


class TcdAgencyScopedMixin(models.AbstractModel):
    """Records owned by an agency.

    Every model that inherits this mixin gets an ``agency_id`` and is scoped by one record
    rule whose domain is ``user._tcd_scope_domain()`` (see ``security/tcd_rules.xml``): a user
    sees the records of their scope agency's subtree (``child_of``), central officers and
    administrators see everything. The scope itself is computed once, on ``res.users``.
    """

    _name = "tcd.agency.scoped.mixin"
    _description = "Agency-owned record"

    agency_id = fields.Many2one(
        "tcd.agency",
        required=True,
        index=True,
        ondelete="restrict",
        default=lambda self: self.env.user.tcd_agency_id,
    )
    province_agency_id = fields.Many2one(
        related="agency_id.province_agency_id", string="Province agency", store=True, index=True
    )
