from odoo import api, fields, models
from odoo.exceptions import UserError


class TcdSessionReasonWizard(models.TransientModel):
    """Postpone, cancel or reschedule sessions, or drop points from them (Nghị định 154/2026/NĐ-CP Điều 23): a
    postponement, a cancellation or a drop needs a reason."""

    _name = "tcd.session.reason.wizard"
    _description = "Postpone, cancel or reschedule sessions"

    session_ids = fields.Many2many("tcd.session", string="Sessions", required=True)
    point_line_ids = fields.Many2many("tcd.session.point", string="Points to drop")
    action = fields.Selection(
        [("postpone", "Postpone"), ("cancel", "Cancel"), ("reschedule", "Reschedule"), ("drop", "Drop points")],
        required=True,
        default="postpone",
    )
    reason = fields.Text()
    start = fields.Datetime(string="New start")
    stop = fields.Datetime(string="New end")

    @api.onchange("start")
    def _onchange_start(self):
        session = self.session_ids[:1]
        if self.start and session:
            self.stop = self.start + (session.stop - session.start)

    def action_confirm(self):
        self.ensure_one()
        if self.action == "reschedule":
            if not (self.start and self.stop):
                raise UserError(self.env._("Give the new start and end of the session."))
            self.session_ids._reschedule(self.start, self.stop)
            return {"type": "ir.actions.act_window_close"}
        if not (self.reason or "").strip():
            raise UserError(self.env._("Give the reason: it is kept on the session and told to the participants."))
        if self.action == "postpone":
            self.session_ids._postpone(self.reason.strip())
        elif self.action == "drop":
            self.point_line_ids._drop(self.reason.strip())
        else:
            self.session_ids._cancel(self.reason.strip())
        return {"type": "ir.actions.act_window_close"}

    @api.model
    def _action_for_sessions(self, sessions, action):
        """The wizard to ``action`` (postpone, cancel, reschedule) ``sessions``."""
        window = self.env["ir.actions.act_window"]._for_xml_id(
            "tiep_cong_dan_truc_tuyen.tcd_session_reason_wizard_action"
        )
        window["context"] = {"default_session_ids": sessions.ids, "default_action": action}
        return window
