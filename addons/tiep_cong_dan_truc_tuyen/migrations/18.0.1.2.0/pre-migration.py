# the seeds' lead-time rules of the steps that Nghị định 154/2026/NĐ-CP Điều 23 sets from 01/07/2026
SEED_LEAD_TIMES = ("lead_time_rule_notify", "lead_time_rule_test_day", "lead_time_rule_connected")


def migrate(cr, version):
    _move_deadline_lines(cr)
    _end_seed_lead_times(cr)


def _move_deadline_lines(cr):
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


def _end_seed_lead_times(cr):
    """The seeds' rules of the steps that Nghị định 154/2026/NĐ-CP Điều 23 sets end on 30/06/2026 and cite the
    seeds only (records of data loaded once): the decree's rules, loaded next, apply from 01/07/2026."""
    cr.execute("ALTER TABLE tcd_lead_time_rule ADD COLUMN IF NOT EXISTS date_to date")
    cr.execute(
        """
        UPDATE tcd_lead_time_rule rule
           SET date_to = '2026-06-30', source = regexp_replace(rule.source, '^Nghị định 154/2026/NĐ-CP Điều 23; ', '')
          FROM ir_model_data data
         WHERE data.model = 'tcd.lead.time.rule' AND data.res_id = rule.id AND data.module = 'tiep_cong_dan_truc_tuyen'
           AND data.name IN %s
        """,
        [SEED_LEAD_TIMES],
    )
