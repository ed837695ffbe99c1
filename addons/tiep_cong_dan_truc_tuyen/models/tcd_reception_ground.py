from odoo import fields, models


class TcdReceptionGround(models.Model):
    """A ground for receiving a case online (Nghị định 154/2026/NĐ-CP Điều 20; Quyết định 748/QĐ-TTCP,
    Quy chế Điều 4; Quy chế tiếp công dân trực tuyến của UBND tỉnh Quảng Ngãi (2025) Điều 5; Quyết định
    354/QĐ-UBND-HC tỉnh Đồng Tháp, Quy chế Điều 4; Quy chế TCD trực tuyến xã An Lão (2026) Điều 4), as
    the seeds word it."""

    _name = "tcd.reception.ground"
    _description = "Ground for online reception"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    code = fields.Char(required=True)
    name = fields.Char(required=True, translate=True)
    description = fields.Text(help="The text of the regulation.")
    source = fields.Char(help="The regulation articles this ground comes from.")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "The code of a ground must be unique."),
    ]
