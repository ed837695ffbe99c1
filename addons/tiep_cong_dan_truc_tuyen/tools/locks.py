"""Row locks that make two requests touching the same records run one after the other."""

from odoo.tools import SQL


def lock_nowait(records):
    """Lock the rows of ``records`` for this transaction, or fail at once with LockNotAvailable when another
    transaction holds them: Odoo retries the request (odoo.service.model.retrying), which then reads what the
    other one wrote. The failed statement is not logged as an error."""
    if records:
        records.env.cr.execute(
            SQL(
                "SELECT id FROM %s WHERE id IN %s FOR UPDATE NOWAIT", SQL.identifier(records._table), tuple(records.ids)
            ),
            log_exceptions=False,
        )
