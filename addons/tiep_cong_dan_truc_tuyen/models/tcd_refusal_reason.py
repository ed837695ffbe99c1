from odoo import fields, models


class TcdRefusalReason(models.Model):
    """A legal reason to refuse receiving a citizen (Luật Tiếp công dân Điều 9, Nghị định 154/2026 Điều 4)."""

    _name = "tcd.refusal.reason"
    _description = "Reason for refusing reception"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    code = fields.Char(required=True)
    name = fields.Char(required=True, translate=True)
    legal_basis = fields.Char(required=True)
    requires_notice = fields.Boolean(
        string="Written refusal notice",
        help="The head of the agency issues a written refusal notice (Mẫu 01/TCD) within 3 working days "
        "(Nghị định 154/2026/NĐ-CP Điều 4 khoản 3).",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "The code of a refusal reason must be unique."),
    ]
