from odoo import api, fields, models
from odoo.exceptions import AccessError


class TcdAgencyScopedMixin(models.AbstractModel):
    """Records owned by an agency.

    Every model that inherits this mixin gets an ``agency_id`` and is scoped by one record
    rule whose domain is ``user._tcd_scope_domain()`` (see ``security/tcd_rules.xml``): a user
    sees the records of their scope agency's subtree (``child_of``), central officers and
    administrators see everything. The scope itself is computed once, on ``res.users``. A user
    creates records for, and moves them to, agencies of their scope only.
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

    @api.model
    def _check_agency_scope(self, agency_ids):
        """Refuse agencies outside the user's scope."""
        if self.env.su or not agency_ids:
            return
        Agency = self.env["tcd.agency"].sudo()
        user = self.env.user
        outside = Agency.browse(agency_ids) - Agency.search(
            [("id", "in", list(agency_ids)), *user._tcd_scope_domain("id")]
        )
        if outside:
            raise AccessError(
                self.env._(
                    "%(agency)s is outside your scope: you work on the records of %(scope)s and the agencies under it.",
                    agency=outside[0].display_name,
                    scope=user._tcd_scope_agency().display_name or "-",
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self._check_agency_scope(set(records.agency_id.ids))
        return records

    def write(self, vals):
        if vals.get("agency_id"):
            self._check_agency_scope({vals["agency_id"]})
        return super().write(vals)
