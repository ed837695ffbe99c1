from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    tcd_agency_id = fields.Many2one(
        "tcd.agency",
        string="Reception agency",
        index=True,
        ondelete="restrict",
        help="The agency the user works for: it is the user's scope in citizen reception.",
    )
    tcd_leader_role_id = fields.Many2one(
        "tcd.leader.role",
        string="Periodic reception role",
        index=True,
        ondelete="restrict",
        help="The leader's position that must receive citizens in person every week or month; their periods "
        "of reception are tracked in the agency of the user.",
    )

    def _tcd_scope_domain(self, field_name="agency_id", many=False):
        """Domain of the records a user may see, on the agency field ``field_name``.

        Used by the record rules of every agency-owned model (security/tcd_rules.xml): the user's
        agency subtree, the whole province for province officers, everything for central officers
        and administrators, nothing for a user without agency. On a many2one the subtree is a
        subquery (``child_of``); on a many2many (``many``), where ``child_of`` would first fetch the
        subtree's ids in a query of its own each time the rule applies, a condition on the agencies'
        parent path, joined in the rule's query.
        """
        self.ensure_one()
        if self.has_group("tiep_cong_dan_truc_tuyen.group_tcd_central_officer"):  # implied by administrator
            return [(1, "=", 1)]
        agency = self._tcd_scope_agency()
        if not agency:
            return [(0, "=", 1)]
        if many:
            return [(f"{field_name}.parent_path", "=like", f"{agency.parent_path}%")]
        return [(field_name, "child_of", agency.id)]

    def _tcd_scope_agency(self):
        """The agency whose subtree the user works on: the province for province officers (central officers
        work on every agency)."""
        self.ensure_one()
        if self.has_group("tiep_cong_dan_truc_tuyen.group_tcd_province_officer"):
            return self.tcd_agency_id.province_agency_id or self.tcd_agency_id
        return self.tcd_agency_id

    def _tcd_case_rule_domain(self):
        """Domain of the cases a user may see: their scope, and the cases they handle outside it.

        The cases handled outside the scope are few (usually none) and listed by id: an ``EXISTS`` on
        the handlers ORed with the scope would make PostgreSQL scan every case for each list page.
        The rules are computed again when a handler outside a case's scope is added or removed
        (``tcd.case._tcd_refresh_rules``).
        """
        self.ensure_one()
        scope = self._tcd_scope_domain()
        if scope == [(1, "=", 1)]:
            return scope
        elsewhere = self.env["tcd.case"].sudo().search([("handler_ids", "in", self.id), "!", *scope])
        return ["|", ("id", "in", elsewhere.ids), *scope] if elsewhere else scope

    def _tcd_nearest(self, group, agency, record=None):
        """The active users of ``group`` (an xml id) in the nearest agency of ``agency``'s line that has
        some: the agency itself, else its parent, and so on up; only those who may read ``record``."""
        users = self.search([("tcd_agency_id", "parent_of", agency.id), ("groups_id", "in", self.env.ref(group).id)])
        if record is not None:
            users = users.filtered(lambda user: record.with_user(user).has_access("read"))
        if not users:
            return users
        depth = max(len(user.tcd_agency_id.parent_path) for user in users)
        return users.filtered(lambda user: len(user.tcd_agency_id.parent_path) == depth)

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["tcd_agency_id"]

    def write(self, vals):
        res = super().write(vals)
        if "tcd_agency_id" in vals:
            # record rules are cached per user: the scope changed
            self.env.registry.clear_cache()
        return res
