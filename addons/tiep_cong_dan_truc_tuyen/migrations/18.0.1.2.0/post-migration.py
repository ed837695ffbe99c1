from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Every case gets its deadline lines from the rules in force, with the alerts already given."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["tcd.case"].with_context(active_test=False).search([])._sync_deadline_lines()
    env["tcd.case.deadline"].flush_model()
    cr.execute(
        """
        UPDATE tcd_case_deadline line
           SET soon_alerted = alerted.soon_alerted, overdue_alerted = alerted.overdue_alerted
          FROM tcd_case_deadline_alerted alerted
         WHERE line.case_id = alerted.case_id AND line.step = alerted.step
        """
    )
    cr.execute("DROP TABLE tcd_case_deadline_alerted")
