from odoo import api, fields, models

from .tcd_agency import HOST_LEVELS

POINT_MATCHES = [
    ("central", "Central point"),
    ("inspectorate_general", "Government Inspectorate point"),
    ("ministry", "Ministry point"),
    ("province", "Province point"),
    ("department", "Department point"),
    ("commune", "Commune point"),
]


class TcdParticipantTemplate(models.Model):
    """Who takes part at a kind of bridge point, for sessions of a host level.

    Shipped from the seeds (Quyết định 748/QĐ-TTCP, Quy chế Điều 6 khoản 1 điểm c; Quy chế tiếp công dân
    trực tuyến của UBND tỉnh Quảng Ngãi (2025) Điều 7 khoản 3; Quyết định 354/QĐ-UBND-HC tỉnh Đồng Tháp,
    Quy chế Điều 6 khoản 3; Quy chế TCD trực tuyến xã An Lão (2026) Điều 6 khoản 1 điểm c) and editable;
    for each host level and kind of point the template of lowest sequence is proposed.
    """

    _name = "tcd.participant.template"
    _description = "Participant composition"
    _order = "host_level, point_match, sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    host_level = fields.Selection(HOST_LEVELS, required=True)
    point_match = fields.Selection(POINT_MATCHES, string="Bridge point", required=True)
    source = fields.Char(help="The regulation articles the composition comes from.")
    line_ids = fields.One2many("tcd.participant.template.line", "template_id", string="Participants", copy=True)
    active = fields.Boolean(default=True)

    @api.model
    def _for(self, host_level, point_match):
        return self.search([("host_level", "=", host_level), ("point_match", "=", point_match)], limit=1)

    @api.model
    def _point_match(self, point):
        """The kind of bridge point ``point`` is, as the compositions name it."""
        agency = point.agency_id
        if agency.kind == "inspectorate_general":
            return "inspectorate_general"
        if agency.level == "central":
            return "ministry"
        return agency.level or "commune"
