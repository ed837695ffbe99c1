from odoo import fields, models


class TcdConductRule(models.Model):
    """A rule every participant of an online session follows (Quy chế TCD trực tuyến xã An Lão (2026)
    Điều 12; Nghị định 154/2026/NĐ-CP Điều 21).

    They are printed on the invitations, the citizens' notices and the invited units' portal.
    """

    _name = "tcd.conduct.rule"
    _description = "Participants' conduct rule"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    name = fields.Char(string="Rule", required=True, translate=True)
    source = fields.Char(help="The regulation articles the rule comes from.")
    active = fields.Boolean(default=True)
