from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """The notices' scheduled action sends the notices created while the modules loaded, and the failed
    ones again: its code (a record of data loaded once) calls the new method."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    cron = env.ref("tiep_cong_dan_truc_tuyen.ir_cron_tcd_session_notice", raise_if_not_found=False)
    if cron:
        cron.write({"code": "model._cron_send()"})
