from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    tcd_agency_id = fields.Many2one(
        "tcd.agency",
        string="Reception agency",
        index=True,
        ondelete="restrict",
        help="The agency the user works for: it is the user's scope in citizen reception.",
    )
    tcd_scope_all = fields.Boolean(
        string="Sees all agencies",
        compute="_compute_tcd_scope",
        help="Central officers and administrators see the records of every agency.",
    )
    tcd_scope_agency_id = fields.Many2one(
        "tcd.agency",
        string="Scope agency",
        compute="_compute_tcd_scope",
        help="Users see the records of this agency and of every agency under it.",
    )

    @api.depends("tcd_agency_id.province_agency_id", "groups_id")
    def _compute_tcd_scope(self):
        for user in self:
            user.tcd_scope_all = user.has_group("tiep_cong_dan_truc_tuyen.group_tcd_central_officer") or user.has_group(
                "tiep_cong_dan_truc_tuyen.group_tcd_admin"
            )
            agency = user.tcd_agency_id
            if user.has_group("tiep_cong_dan_truc_tuyen.group_tcd_province_officer"):
                agency = agency.province_agency_id or agency
            user.tcd_scope_agency_id = agency

    def _tcd_scope_domain(self, field_name="agency_id"):
        """Domain of the records a user may see, on the agency field ``field_name``.

        Used by the record rules of every agency-owned model (security/tcd_rules.xml).
        """
        self.ensure_one()
        if self.tcd_scope_all:
            return [(1, "=", 1)]
        if not self.tcd_scope_agency_id:
            return [(0, "=", 1)]
        return [(field_name, "child_of", self.tcd_scope_agency_id.id)]

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["tcd_agency_id"]

    def write(self, vals):
        res = super().write(vals)
        if "tcd_agency_id" in vals:
            # record rules are cached per user: the scope changed
            self.env.registry.clear_cache()
        return res
