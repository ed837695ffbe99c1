from odoo import fields, models


class TcdConferencePlatform(models.Model):
    """Video-conference platform used to connect the bridge points."""

    _name = "tcd.conference.platform"
    _description = "Conference platform"
    _order = "sequence, name"

    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    provider = fields.Char()
    url = fields.Char(string="Address")
    note = fields.Text()
    active = fields.Boolean(default=True)
