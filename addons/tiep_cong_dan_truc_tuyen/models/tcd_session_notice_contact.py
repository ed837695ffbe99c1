from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.dates import format_local
from ..tools.phone import phone_error
from .tcd_citizen import MASK
from .tcd_citizen_identity import normalize_phone
from .tcd_session_notice import CONTACT_CHANNELS, CONTACT_OUTCOMES


class TcdSessionNoticeContact(models.Model):
    """A phone call, an SMS or a letter posted to the citizen of a notice, recorded by the officer who made it
    (when, the number used, reached or not): a citizen without e-mail is notified so (Nghị định 154/2026/NĐ-CP
    Điều 23). Recorded once, never changed; the number called a protected denouncer is not kept (Luật Tố cáo
    2018 Điều 47)."""

    _name = "tcd.session.notice.contact"
    _description = "Contact with a citizen about a notice"
    _order = "contact_date desc, id desc"
    _rec_name = "notice_id"

    notice_id = fields.Many2one(
        "tcd.session.notice",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("kind", "=", "citizen")],
    )
    session_id = fields.Many2one(related="notice_id.session_id", store=True, index=True)
    recipient_name = fields.Char(related="notice_id.recipient_name", string="Citizen")
    channel = fields.Selection(CONTACT_CHANNELS, string="Contacted by", required=True, default="phone")
    contact_date = fields.Datetime(string="When", required=True, default=fields.Datetime.now)
    user_id = fields.Many2one(
        "res.users",
        string="Contacted by officer",
        required=True,
        readonly=True,
        ondelete="restrict",
        default=lambda self: self.env.user,
    )
    phone = fields.Char(string="Number used", help="The number called or texted; not kept for a protected denouncer.")
    postal_reference = fields.Char(help="The registered mail number of the letter posted, if any.")
    outcome = fields.Selection(
        CONTACT_OUTCOMES,
        required=True,
        default="reached",
        help="Reached: the citizen answered the call, received the SMS, or the letter was posted to her address.",
    )
    note = fields.Text(help="What the citizen said, or why she could not be reached.")

    @api.constrains("channel", "phone", "contact_date")
    def _check_contact(self):
        now = fields.Datetime.now()
        for contact in self:
            if contact.channel in ("phone", "sms") and not contact.phone:
                raise ValidationError(self.env._("Enter the number you called or texted."))
            error = contact.phone != MASK and phone_error(self.env, normalize_phone(contact.phone))
            if error:
                raise ValidationError(error)
            if contact.contact_date > now + timedelta(minutes=5):
                raise ValidationError(self.env._("A contact is recorded once made, not in advance."))

    @api.model_create_multi
    def create(self, vals_list):
        """Recorded by the current user, on a citizen's notice she may change; the notice is reached accordingly."""
        Notice = self.env["tcd.session.notice"]
        for vals in vals_list:
            notice = Notice.browse(vals.get("notice_id") or self.env.context.get("default_notice_id"))
            notice.check_access("write")
            if notice.kind != "citizen" or not notice.citizen_id:
                raise UserError(self.env._("Contacts are recorded on the notices to citizens."))
            if vals.get("channel") == "post" and not notice.letter_number:
                raise UserError(self.env._("Print the notice letter before recording that it was posted."))
            vals["user_id"] = self.env.uid
            if vals.get("channel") == "post":
                vals["phone"] = False
            elif notice.sudo().citizen_id.is_protected and vals.get("phone"):
                vals["phone"] = MASK
        contacts = super().create(vals_list)
        channels = dict(self._fields["channel"]._description_selection(self.env))
        outcomes = dict(self._fields["outcome"]._description_selection(self.env))
        for contact in contacts:
            notice = contact.notice_id
            notice.session_id.sudo().message_post(
                body=self.env._(
                    "Notice to %(citizen)s about %(case)s: %(channel)s on %(date)s by %(user)s: %(outcome)s.",
                    citizen=notice.recipient_name,
                    case=notice.case_line_id.case_id.name,
                    channel=channels[contact.channel],
                    date=format_local(self.env, contact.contact_date),
                    user=contact.user_id.name,
                    outcome=outcomes[contact.outcome],
                ),
                author_id=self.env.user.partner_id.id,
            )
            notice._record_contact(contact)
        return contacts
