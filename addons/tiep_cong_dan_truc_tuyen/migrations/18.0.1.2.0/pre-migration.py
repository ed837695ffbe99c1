def migrate(cr, version):
    """The deadlines of a case follow rules held as data (tcd.deadline.rule) from 18.0.1.2.0: keep which
    deadlines were already alerted, and let the post-migration make the lines again from the rules."""
    cr.execute(
        """
        CREATE TABLE tcd_case_deadline_alerted AS
             SELECT case_id, rule AS step, soon_alerted, overdue_alerted
               FROM tcd_case_deadline
              WHERE soon_alerted OR overdue_alerted
        """
    )
    cr.execute("DELETE FROM tcd_case_deadline")
