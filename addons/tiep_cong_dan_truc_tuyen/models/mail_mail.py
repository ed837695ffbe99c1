from odoo import models


class MailMail(models.Model):
    _inherit = "mail.mail"

    def _postprocess_sent_message(self, success_pids, failure_reason=False, failure_type=None):
        """Record on the sessions' notices whether their mail went out (before it is deleted)."""
        notices = self.env["tcd.session.notice"].sudo().search([("mail_id", "in", self.ids)])
        for notice in notices:
            if failure_type:
                labels = dict(self._fields["failure_type"]._description_selection(self.env))
                notice._record_result(failure_reason or notice.mail_id.failure_reason or labels.get(failure_type))
            else:
                notice._record_result()
        return super()._postprocess_sent_message(success_pids, failure_reason=failure_reason, failure_type=failure_type)
