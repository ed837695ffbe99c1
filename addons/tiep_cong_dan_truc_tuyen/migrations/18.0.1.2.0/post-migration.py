from odoo import SUPERUSER_ID, api
from odoo.addons.tiep_cong_dan_truc_tuyen.models.tcd_session import PLANNING_STATES


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    _make_deadline_lines(env)
    # the scheduled actions that remind and escalate run on the reminder engine (records of data loaded once)
    for xmlid in (
        "ir_cron_tcd_case_deadline_alert", "ir_cron_tcd_bridge_point_review_reminder", "ir_cron_tcd_session_milestone",
        "ir_cron_tcd_case_followup", "ir_cron_tcd_deployment_phase",
    ):  # fmt: skip
        cron = env.ref(f"tiep_cong_dan_truc_tuyen.{xmlid}", raise_if_not_found=False)
        if cron:
            cron.code = "model._cron_remind()"
    # the sessions in preparation follow the lead-time rules in force on their day
    sessions = env["tcd.session"].search([("state", "in", PLANNING_STATES)])
    env["tcd.session.milestone"]._sync_milestones(sessions, rescheduled=False)


def _make_deadline_lines(env):
    """Every case gets its deadline lines from the rules in force, with the alerts already given."""
    cr = env.cr
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
