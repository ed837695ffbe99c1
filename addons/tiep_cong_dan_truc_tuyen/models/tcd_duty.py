from odoo import fields, models


class TcdDuty(models.Model):
    """A reception responsibility that the seeds' Chương III assign to agencies."""

    _name = "tcd.duty"
    _description = "Reception responsibility"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    description = fields.Text(translate=True)
    source = fields.Char(help="The regulation articles this responsibility comes from.")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "The code of a responsibility must be unique."),
    ]
