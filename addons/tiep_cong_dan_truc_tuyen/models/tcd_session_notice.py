import base64
import uuid
from datetime import timedelta

import pytz
import vobject
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools import activities
from ..tools.qr import qr_data_uri
from .tcd_citizen import MASK
from .tcd_session import INACTIVE_STATES, PREPARED_STATES
from .tcd_session import NOTICE_STATES as SESSION_NOTICE_STATES

NOTICE_KINDS = [
    ("invitation", "Invitation"),
    ("citizen", "Notice to a citizen"),
    ("test_reminder", "Test reminder"),
    ("change", "Change notice"),
    ("cancellation", "Cancellation notice"),
    ("dropped", "Point dropped"),
    ("conclusion", "Conclusion notice"),
]
NOTICE_STATES = [
    ("queued", "Queued"),
    ("sent", "Sent"),
    ("failed", "Failed"),
    ("cancelled", "Not sent"),
]
# The mail template of each kind of notice.
TEMPLATES = {
    "invitation": "tiep_cong_dan_truc_tuyen.mail_template_tcd_invitation",
    "citizen": "tiep_cong_dan_truc_tuyen.mail_template_tcd_citizen_notice",
    "test_reminder": "tiep_cong_dan_truc_tuyen.mail_template_tcd_test_reminder",
    "change": "tiep_cong_dan_truc_tuyen.mail_template_tcd_change",
    "cancellation": "tiep_cong_dan_truc_tuyen.mail_template_tcd_cancellation",
    "dropped": "tiep_cong_dan_truc_tuyen.mail_template_tcd_dropped",
    "conclusion": "tiep_cong_dan_truc_tuyen.mail_template_tcd_conclusion",
}
# How a notice goes to its recipient: its mail, or for a citizen a letter by post or a call or message recorded.
CHANNELS = [
    ("email", "E-mail"),
    ("post", "By post"),
    ("phone", "Phone call"),
    ("sms", "SMS"),
]
CONTACT_CHANNELS = [channel for channel in CHANNELS if channel[0] != "email"]
CONTACT_OUTCOMES = [
    ("reached", "Reached"),
    ("not_reached", "Not reached"),
]
LETTER_REPORT = "tiep_cong_dan_truc_tuyen.tcd_session_citizen_notice_report"
CITIZEN_ANSWERS = [
    ("confirmed", "Will attend"),
    ("declined", "Will not attend"),
]
# A failed mail is sent again once, this long after the failure; then the host's officers are alerted.
MAX_ATTEMPTS = 2
RETRY_DELAY = timedelta(minutes=30)
BATCH_SIZE = 200
# Sending a notice renders its letters (a PDF per invitation): fewer of them per batch (per transaction).
LETTER_BATCH_SIZE = 20
CRON = "tiep_cong_dan_truc_tuyen.ir_cron_tcd_session_notice"


class TcdSessionNotice(models.Model):
    """One mail of a session to one recipient (Quy chế tiếp công dân trực tuyến của UBND tỉnh Quảng Ngãi (2025) Điều 7
    khoản 1 điểm b; Quyết định 748/QĐ-TTCP, Quy chế Điều 6 khoản 1 điểm a): an invitation to a delegate
    point's agency, a notice to a citizen on the agenda, a test reminder, a change or cancellation notice.

    Its ``key`` is unique per session: a notice is created once and its mail sent once; a failed
    mail is retried once, then the host agency's officers get an activity. A citizen opens the
    notice's page with its access token and answers whether they attend.
    """

    _name = "tcd.session.notice"
    _inherit = ["portal.mixin", "tcd.workflow.mixin"]
    _description = "Session notice"
    _order = "create_date desc, id desc"
    _rec_name = "recipient_name"

    session_id = fields.Many2one("tcd.session", required=True, index=True, ondelete="cascade")
    agency_id = fields.Many2one(related="session_id.agency_id", string="Host agency", store=True, index=True)
    kind = fields.Selection(NOTICE_KINDS, string="Kind of notice", required=True, index=True)
    key = fields.Char(required=True, readonly=True, help="What the notice is about: a notice is sent once per key.")
    revision = fields.Integer(readonly=True, help="The session's time revision the notice tells about.")
    point_line_id = fields.Many2one("tcd.session.point", string="Delegate point", index=True, ondelete="set null")
    case_line_id = fields.Many2one("tcd.session.case", string="Agenda item", index=True, ondelete="set null")
    citizen_id = fields.Many2one("tcd.citizen", index=True, ondelete="set null")
    recipient_agency_id = fields.Many2one(
        "tcd.agency", string="Agency", index="btree_not_null", ondelete="set null", help="For a conclusion notice."
    )
    recipient_name = fields.Char(string="Recipient", required=True)
    email = fields.Char(string="E-mail")
    lang = fields.Char(string="Language")
    state = fields.Selection(NOTICE_STATES, required=True, default="queued", index=True, readonly=True)
    mail_id = fields.Many2one("mail.mail", index="btree_not_null", ondelete="set null", readonly=True)
    attempts = fields.Integer(readonly=True)
    sent_date = fields.Datetime(string="Sent on", readonly=True)
    failure_reason = fields.Text(readonly=True)
    retry_at = fields.Datetime(string="Next attempt", readonly=True)
    escalated = fields.Boolean(readonly=True, help="The host agency's officers were alerted of the failure.")
    opened_date = fields.Datetime(string="Opened on", readonly=True, help="The citizen opened the notice's page.")
    answer = fields.Selection(CITIZEN_ANSWERS, readonly=True, help="The citizen's answer on the notice's page.")
    answered_date = fields.Datetime(string="Answered on", readonly=True)
    # ------------------------------------------------------------------ a citizen reached by other ways
    # (Nghị định 154/2026/NĐ-CP Điều 23: the citizens are notified of where and when to attend)
    channel = fields.Selection(
        CHANNELS,
        default="email",
        readonly=True,
        help="How the notice goes to its recipient: by e-mail, or for a citizen without one, by a letter sent by "
        "post, a phone call or an SMS recorded on the notice.",
    )
    reached = fields.Boolean(
        string="Recipient reached",
        readonly=True,
        index=True,
        help="The mail was sent, or the citizen was reached by a letter posted, a phone call or an SMS recorded.",
    )
    reached_date = fields.Datetime(string="Reached on", readonly=True)
    letter_number = fields.Char(
        string="Letter number", readonly=True, copy=False, help="Given at the first printing of the notice letter."
    )
    letter_date = fields.Date(string="Letter dated", readonly=True, copy=False)
    letter_printed_date = fields.Datetime(string="Letter printed on", readonly=True, copy=False)
    contact_ids = fields.One2many("tcd.session.notice.contact", "notice_id", string="Contacts", readonly=True)

    _sql_constraints = [
        ("session_key_unique", "unique(session_id, key)", "A session sends each notice once."),
    ]
    # what a notice is and whom it is about: only its address can be corrected, then the notice sent again
    _workflow_fields = (
        "access_token",
        "session_id",
        "kind",
        "point_line_id",
        "case_line_id",
        "citizen_id",
        "recipient_agency_id",
    )

    @api.model
    def _workflow_error(self):
        return self.env._(
            "A notice keeps what it was sent about and how its sending went: correct its address, then Send again."
        )

    def init(self):
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS tcd_session_notice_retry_index ON tcd_session_notice (retry_at) "
            "WHERE state = 'failed' AND escalated IS NOT TRUE"
        )

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for notice in self:
            notice.access_url = f"/tcd/notices/{notice.id}"
        return res

    def _portal_link(self):
        """The absolute address of the citizen's notice page, with its access token."""
        self.ensure_one()
        return self.get_base_url() + self.sudo().get_portal_url()

    def _portal_answer(self, answer):
        """Record the citizen's answer, on the session's chatter too."""
        self.ensure_one()
        notice = self.sudo()
        notice.write({"answer": answer, "answered_date": fields.Datetime.now()})
        label = dict(self._fields["answer"]._description_selection(self.env))[answer]
        notice.session_id.message_post(
            body=self.env._(
                "%(citizen)s answered the notice of %(case)s: %(answer)s.",
                citizen=notice.recipient_name,
                case=notice.case_line_id.case_id.name,
                answer=label,
            )
        )

    # ------------------------------------------------------------------ sending

    @api.model
    def _create_missing(self, vals_list):
        """Create and send the notices of ``vals_list`` whose key the session has not used yet."""
        if not vals_list:
            return self.browse()
        sessions = {vals["session_id"] for vals in vals_list}
        existing = {
            (notice.session_id.id, notice.key) for notice in self.sudo().search([("session_id", "in", list(sessions))])
        }
        new = [vals for vals in vals_list if (vals["session_id"], vals["key"]) not in existing]
        for vals in new:
            # a citizen without e-mail is to be reached by a letter (or a call)
            vals.setdefault("channel", "post" if vals.get("citizen_id") and not vals.get("email") else "email")
        notices = self.sudo().create(new)
        notices._send()
        return notices

    def _send(self):
        """Queue the mail of each notice (its attachments rendered now); a notice without an
        address fails at once, without retry.

        While Odoo loads its modules (an installation or an upgrade loading data, such as the demo's
        invitations), nothing is rendered: wkhtmltopdf fetches a letter's stylesheet from this
        server, whose requests wait until the loading ends. The notices stay queued, not yet sent,
        and the scheduled action sends them once the server runs.
        """
        if not self.env.registry.ready:
            self.env.ref(CRON).sudo()._trigger()
            return
        for notice in self.sudo():
            notice.attempts += 1
            if not notice.email:
                notice._record_failure(self.env._("%(name)s has no e-mail address.", name=notice.recipient_name))
                continue
            template = notice.env.ref(TEMPLATES[notice.kind])
            mail_id = template.with_context(lang=notice.lang or "vi_VN").send_mail(
                notice.id,
                email_values={"attachments": notice._attachments()},
            )
            notice.write({"state": "queued", "mail_id": mail_id, "failure_reason": False, "retry_at": False})

    def _attachments(self):
        """The files of the mail as (name, base64 content)."""
        self.ensure_one()
        notice = self.with_context(lang=self.lang or "vi_VN")
        session = notice.session_id
        if self.kind in ("cancellation", "dropped"):
            return [notice._ics_attachment(session, cancelled=True)]
        if self.kind == "conclusion":
            name = session.env._("Conclusion notice %(number)s.pdf", number=session.conclusion_number.replace("/", "-"))
            return [(name, base64.b64encode(notice._conclusion_pdf(session)))]
        files = [notice._ics_attachment(session)]
        if self.point_line_id and self.kind in ("invitation", "change"):
            files += self.point_line_id.with_context(lang=self.lang or "vi_VN")._invitation_attachments()
        return files

    # ------------------------------------------------------------------ the notices of sessions
    # (Quy chế TCD trực tuyến tỉnh Quảng Ngãi Điều 7 khoản 1 điểm b; Quyết định 748/QĐ-TTCP, Quy chế
    # Điều 6 khoản 1 điểm a)

    @api.model
    def _assign_invitation_number(self, sessions):
        """Give the invitation letter its number and symbol (Nghị định 30/2020/NĐ-CP) and date."""
        for session in sessions.filtered(lambda session: not session.invitation_number):
            session.sudo().write(
                {
                    "invitation_number": session.agency_id._next_document_number("GM"),
                    "invitation_date": session.invitation_date
                    or self.env["tcd.working.calendar"].local_date(fields.Datetime.now()),
                }
            )

    @api.model
    def _send_invitations(self, sessions):
        """Create and send the invitation of each delegate point not invited yet."""
        vals_list = []
        for session in sessions:
            self._assign_invitation_number(session)
            vals_list += [
                line._notice_vals("invitation", f"invitation:point:{line.id}") for line in session.sudo().point_line_ids
            ]
        return self._create_missing(vals_list)

    @api.model
    def _notify_citizens(self, sessions):
        """Send each citizen on the agenda of ``sessions`` a notice of where and when to attend (Nghị định
        154/2026/NĐ-CP Điều 23), once their plans are approved."""
        for session in sessions:
            if session.state not in SESSION_NOTICE_STATES:
                raise UserError(
                    self.env._(
                        "Notify the citizens and agencies of %(session)s once its plan is approved.",
                        session=session.display_name,
                    )
                )
        sessions.check_access("write")
        self._send_citizen_notices(sessions)
        self._complete_citizens_notified(sessions)

    @api.model
    def _citizen_notices(self, session):
        """The notices of the citizens on the agenda of ``session`` (those not withdrawn)."""
        session.ensure_one()
        return session.sudo().notice_ids.filtered(
            lambda notice: notice.kind == "citizen" and notice.state != "cancelled"
        )

    @api.model
    def _complete_citizens_notified(self, sessions):
        """The step "citizens notified" of ``sessions`` is done once every citizen on their agenda was reached:
        by a mail sent, a letter posted, or a phone call or SMS recorded (Nghị định 154/2026/NĐ-CP Điều 23). A
        mail that failed or waits in the queue leaves it to do."""
        done = self.env["tcd.session"]
        for session in sessions.sudo():
            if session.state in INACTIVE_STATES:
                continue
            if all(notice.reached for notice in self._citizen_notices(session)):
                done |= session
        if done:
            done.sudo().write({"citizens_notified_date": fields.Datetime.now()})
            self.env["tcd.session.milestone"]._complete_milestones(done, {"citizens_notified"})
        return done

    @api.model
    def _send_citizen_notices(self, sessions):
        """Create and send the notice of each citizen on the agenda (the representatives of a crowd)."""
        vals_list = []
        for session in sessions:
            for line in session.sudo().case_line_ids:
                for citizen in line.case_id.representative_ids or line.case_id.citizen_ids:
                    vals_list.append(
                        dict(
                            citizen._notice_recipient_vals(),
                            session_id=session.id,
                            kind="citizen",
                            access_token=str(uuid.uuid4()),
                            key=f"citizen:{line.id}:{citizen.id}",
                            case_line_id=line.id,
                            citizen_id=citizen.id,
                            revision=session.notice_revision,
                        )
                    )
        return self._create_missing(vals_list)

    @api.model
    def _send_test_reminders(self, sessions, rule):
        """Remind each invited point of the connection test of ``rule``."""
        vals_list = []
        for session in sessions.filtered(lambda session: session.state in PREPARED_STATES):
            vals_list += [
                line._notice_vals("test_reminder", f"reminder:{session.notice_revision}:{rule.code}:{line.id}")
                for line in session.sudo().point_line_ids
            ]
        return self._create_missing(vals_list)

    @api.model
    def _notified(self, session):
        """The invitations and citizens' notices the session has sent or queued."""
        session.ensure_one()
        return session.sudo().notice_ids.filtered(
            lambda notice: notice.kind in ("invitation", "citizen") and notice.state != "cancelled"
        )

    @api.model
    def _notify_change(self, sessions):
        """Tell the units and citizens already notified that the session moved or was postponed."""
        vals_list = []
        for session in sessions.sudo():
            notified = self._notified(session)
            if not notified:
                continue
            session.notice_revision += 1
            vals_list += [
                notice._follow_up_vals("change", f"change:{session.notice_revision}:{notice.key}")
                for notice in notified
            ]
        return self._create_missing(vals_list)

    @api.model
    def _notify_cancellation(self, sessions):
        """Tell the units and citizens already notified that the session is cancelled."""
        vals_list = [
            notice._follow_up_vals("cancellation", f"cancel:{notice.key}")
            for session in sessions
            for notice in self._notified(session)
        ]
        return self._create_missing(vals_list)

    @api.model
    def _issue_conclusion(self, sessions):
        """Issue the conclusion notices of ``sessions`` (Thông báo kết luận, Nghị định 154/2026/NĐ-CP Điều 25):
        number each, turn each instruction into a task of its agency with a deadline in working days, conclude
        the cases heard, and send the notice to the agencies concerned."""
        calendar = self.env["tcd.working.calendar"]
        for session in sessions:
            self._check_conclusion(session)
        for session in sessions:
            today = calendar.today()
            session._workflow_write(
                {"conclusion_number": session.agency_id._next_document_number("TB"), "conclusion_date": today}
            )
            session.sudo().followup_ids.filtered(lambda followup: followup.state == "draft")._issue(today)
            for line in session.sudo().case_line_ids.filtered(lambda line: line.outcome != "not_heard"):
                line.case_id._conclude_from_session(line)
            self._send_conclusion(session)
            session.message_post(
                body=self.env._(
                    "Conclusion notice %(number)s issued: %(count)s instructions to follow up.",
                    number=session.conclusion_number,
                    count=len(session.sudo().followup_ids),
                )
            )

    @api.model
    def _check_conclusion(self, session):
        if session.state not in ("held", "closed"):
            raise UserError(
                self.env._("The conclusions of %(session)s are issued after it is held.", session=session.display_name)
            )
        if session.conclusion_number:
            raise UserError(
                self.env._(
                    "The conclusion notice of %(session)s was issued already (%(number)s).",
                    session=session.display_name,
                    number=session.conclusion_number,
                )
            )
        if not session.case_line_ids:
            raise UserError(
                self.env._("The session %(session)s has no case on its agenda.", session=session.display_name)
            )
        missing = session.case_line_ids.filtered(
            lambda line: not line.outcome or (line.outcome != "not_heard" and not (line.conclusion or "").strip())
        )
        if missing:
            raise UserError(
                self.env._(
                    "Write the outcome and the leader's conclusion of %(cases)s first.",
                    cases=", ".join(missing.case_id.mapped("name")),
                )
            )
        if session.case_line_ids.filtered(lambda line: line.outcome == "instructed" and not line.followup_ids):
            raise UserError(self.env._('A case with the outcome "Instructions given" needs at least one instruction.'))

    @api.model
    def _conclusion_agencies(self, session):
        """The agencies the conclusion notice goes to: those given instructions and those handling
        the cases heard, the host aside."""
        session.ensure_one()
        session = session.sudo()
        heard = session.case_line_ids.filtered(lambda line: line.outcome != "not_heard")
        return (session.followup_ids.agency_id | heard.case_id.agency_id) - session.agency_id

    @api.model
    def _send_conclusion(self, session):
        vals_list = [
            dict(
                agency._notice_recipient_vals(),
                session_id=session.id,
                kind="conclusion",
                key=f"conclusion:{agency.id}",
                recipient_agency_id=agency.id,
                revision=session.notice_revision,
            )
            for agency in self._conclusion_agencies(session)
        ]
        return self._create_missing(vals_list)

    @api.model
    def _conclusion_pdf(self, session):
        session.ensure_one()
        pdf, _format = (
            self.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf("tiep_cong_dan_truc_tuyen.tcd_session_conclusion_report", session.ids)
        )
        return pdf

    @api.model
    def _ics_attachment(self, session, cancelled=False):
        """The session as an iCalendar file (name, base64 content), cancelled or not."""
        session.ensure_one()
        calendar = vobject.iCalendar()
        calendar.add("method").value = "CANCEL" if cancelled else "PUBLISH"
        event = calendar.add("vevent")
        dbuuid = self.env["ir.config_parameter"].sudo().get_param("database.uuid") or uuid.uuid4()
        event.add("uid").value = f"tcd-session-{session.id}@{dbuuid}"
        event.add("sequence").value = str(session.notice_revision)
        event.add("dtstamp").value = pytz.utc.localize(fields.Datetime.now())
        event.add("dtstart").value = pytz.utc.localize(session.start)
        event.add("dtend").value = pytz.utc.localize(session.stop)
        event.add("summary").value = self.env._("Online citizen reception: %(subject)s", subject=session.subject)
        event.add("location").value = (
            session.meeting_url or session.central_point_id.location or session.central_point_id.name
        )
        event.add("status").value = "CANCELLED" if cancelled else "CONFIRMED"
        event.add("description").value = self.env._(
            "Session %(session)s chaired by %(chair)s, hosted by %(agency)s.",
            session=session.name,
            chair=session.chair_id.name,
            agency=session.agency_id.name,
        )
        return (f"{session.name.replace('/', '-')}.ics", base64.b64encode(calendar.serialize().encode()))

    def _withdraw(self):
        """Keep the queued or failed notices from going out: their mails are cancelled."""
        unsent = self.filtered(lambda notice: notice.state in ("queued", "failed"))
        unsent.mail_id.filtered(lambda mail: mail.state in ("outgoing", "exception")).cancel()
        unsent.write({"state": "cancelled", "retry_at": False})

    def _record_result(self, failure_reason=False):
        """Called after an attempt to send the mail."""
        if failure_reason:
            for notice in self:
                notice._record_failure(failure_reason)
        else:
            now = fields.Datetime.now()
            self.write({"state": "sent", "sent_date": now, "failure_reason": False})
            self.filtered(lambda notice: not notice.reached).write(
                {"reached": True, "reached_date": now, "channel": "email"}
            )
            self._complete_citizens_notified(self.filtered(lambda notice: notice.kind == "citizen").session_id)

    def _record_failure(self, reason):
        self.ensure_one()
        retry = self.email and self.attempts < MAX_ATTEMPTS
        retry_at = fields.Datetime.now() + (RETRY_DELAY if retry else timedelta())
        self.write({"state": "failed", "failure_reason": reason, "retry_at": retry_at})
        self.env.ref(CRON).sudo()._trigger(retry_at)

    # ------------------------------------------------------------------ scheduled action

    @api.model
    def _cron_send(self):
        """Send the notices created while the modules were loading; send the failed mails again
        once; alert the host's officers of those that failed for good."""
        unsent_domain = [("state", "=", "queued"), ("attempts", "=", 0)]
        unsent = self.search(unsent_domain, order="id", limit=LETTER_BATCH_SIZE)
        unsent._send()
        domain = [("state", "=", "failed"), ("escalated", "=", False), ("retry_at", "<=", fields.Datetime.now())]
        notices = self.search(domain, order="retry_at, id", limit=BATCH_SIZE)
        to_retry = notices.filtered(lambda notice: notice.email and notice.attempts < MAX_ATTEMPTS)
        to_retry._send()
        (notices - to_retry)._escalate()
        remaining = self.search_count(unsent_domain) + self.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=len(unsent) + len(notices), remaining=remaining)

    def _escalate(self):
        """One activity per session listing the recipients its mails could not reach, in each officer's
        language; the citizens among them are to be reached by post, phone or SMS."""
        for session in self.session_id:
            failed = self.filtered(lambda notice, session=session: notice.session_id == session and not notice.reached)
            if not failed:
                continue
            users = session._readers(session._host_officers()) or session._readers(session.chair_id)
            activities.schedule(
                session.with_context(mail_notify_force_send=False),
                users,
                "tiep_cong_dan_truc_tuyen.mail_activity_type_tcd_notice_failed",
                lambda session, failed=failed: failed.with_env(session.env)._failure_texts(),
            )
        self.write({"escalated": True})

    def _failure_texts(self):
        """The summary and note of the activity alerting of these failed notices, in the environment's language."""
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        lines = Markup().join(
            Markup("<li>%s</li>")
            % self.env._(
                "%(kind)s to %(recipient)s: %(reason)s",
                kind=kinds[notice.kind],
                recipient=notice.recipient_name,
                reason=notice.failure_reason
                if notice.email
                else self.env._("%(name)s has no e-mail address.", name=notice.recipient_name),
            )
            for notice in self
        )
        note = Markup("<ul>%s</ul>") % lines
        if any(notice.kind == "citizen" for notice in self):
            note += Markup("<p>%s</p>") % self.env._(
                "Reach these citizens by post, phone or SMS: print their notice letter, or record the call or the "
                "message on their notice (Invitations and notices). The citizens are notified once each is reached."
            )
        summary = self.env._("%(count)s notices could not be sent", count=len(self))
        return summary, note

    def _follow_up_vals(self, kind, key):
        """The values of a ``kind`` notice to the recipient of this notice, its address refreshed."""
        self.ensure_one()
        return dict(
            self._current_recipient(),
            session_id=self.session_id.id,
            kind=kind,
            key=key,
            point_line_id=self.point_line_id.id,
            case_line_id=self.case_line_id.id,
            citizen_id=self.citizen_id.id,
            revision=self.session_id.notice_revision,
        )

    def action_retry(self):
        """Send a failed notice again now (after its address was corrected)."""
        for notice in self.filtered(lambda notice: notice.state == "failed"):
            notice._workflow_write(dict(notice._current_recipient(), attempts=0, escalated=False))
            notice._send()

    def _current_recipient(self):
        """The recipient's name, address and language as they are now on the point's agency or the citizen."""
        self.ensure_one()
        if self.point_line_id:
            return self.point_line_id._recipient_vals()
        if self.citizen_id:
            return self.citizen_id._notice_recipient_vals()
        if self.recipient_agency_id:
            return self.recipient_agency_id._notice_recipient_vals()
        return {"recipient_name": self.recipient_name, "email": self.email, "lang": self.lang}

    # ------------------------------------------------------------------ the citizens reached by post, phone or SMS

    def _check_letter(self):
        """A notice letter is printed for a citizen's notice of a session still to be held, by a user who may read
        the citizen's identity (the handlers of a protected denouncer, Luật Tố cáo 2018 Điều 47, 56)."""
        for notice in self:
            if notice.kind != "citizen" or not notice.citizen_id:
                raise UserError(self.env._("Only a notice to a citizen is printed as a notice letter."))
            if notice.session_id.state in INACTIVE_STATES:
                raise UserError(
                    self.env._(
                        "The session %(session)s is postponed or cancelled: its notice letters are no longer printed.",
                        session=notice.session_id.display_name,
                    )
                )
            if not self.env.su and not notice._recipient_identity():
                raise AccessError(
                    self.env._(
                        "You may not read the identity of %(name)s: the notice letter is printed by an officer who "
                        "may (for a protected denouncer, the handlers assigned to the denunciation).",
                        name=notice.recipient_name,
                    )
                )

    def _recipient_identity(self):
        """The identity of the notice's citizen as the current user may read it (the identity's record rules, the
        protection of a denouncer), or an empty recordset."""
        self.ensure_one()
        if not self.citizen_id:
            return self.env["tcd.citizen.identity"]
        return self.env["tcd.citizen.identity"].search_fetch(
            [("citizen_id", "=", self.citizen_id.id)], ["street", "admin_unit_id", "province_unit_id", "phone"], limit=1
        )

    def _letter_recipient(self):
        """The name and address on the notice letter: the name as the mail gives it (a protected denouncer by her
        reference), the address from the identity as the user may read it, else masked."""
        self.ensure_one()
        identity = self._recipient_identity()
        if identity:
            parts = [identity.street, identity.admin_unit_id.name, identity.province_unit_id.name]
            address = ", ".join(part for part in parts if part)
        else:
            address = MASK
        return {"name": self._current_recipient()["recipient_name"], "address": address}

    def _letter_point(self):
        """Where the citizen attends: the point of the case on the agenda, else the central point."""
        self.ensure_one()
        return self.case_line_id.attendance_point_id or self.session_id.central_point_id

    def _letter_intro(self):
        self.ensure_one()
        session = self.session_id
        case = self.case_line_id.case_id
        return self.env._(
            "Pursuant to Nghị định 154/2026/NĐ-CP Điều 23, %(host)s informs you that your case %(case)s (%(subject)s) "
            "will be received at the online citizen reception session %(session)s chaired by %(chair)s.",
            host=session.agency_id.letter_name or session.agency_id.name,
            case=case.name,
            subject=case.subject,
            session=session.name,
            chair=" ".join(filter(None, [session.chair_id.partner_id.function, session.chair_id.name])),
        )

    def _letter_place_text(self):
        self.ensure_one()
        point = self._letter_point()
        place = self.session_id._at_point_text(point)
        place = place[:1].upper() + place[1:]
        if point.location:
            return self.env._(
                "%(place)s (%(location)s). Please come at least 30 minutes before the session starts.",
                place=place,
                location=point.location,
            )
        return self.env._("%(place)s. Please come at least 30 minutes before the session starts.", place=place)

    def _letter_answer_text(self):
        self.ensure_one()
        phone = self.session_id.agency_id.phone
        if phone:
            return self.env._(
                "Please tell us whether you attend: scan the QR code or open the address below, or call %(phone)s.",
                phone=phone,
            )
        return self.env._("Please tell us whether you attend: scan the QR code or open the address below.")

    def _letter_qr_data_uri(self):
        """The QR code of the citizen's notice page (where she answers), for the letter."""
        self.ensure_one()
        return qr_data_uri(self._portal_link())

    def _letter_lang(self):
        return self.lang or "vi_VN"

    def action_print_letter(self):
        """Print the notice letter of citizens' notices, to post them: numbered and dated at the first printing
        (Nghị định 30/2020/NĐ-CP), recorded on the session's chatter."""
        self._check_letter()
        calendar = self.env["tcd.working.calendar"]
        for notice in self:
            vals = {"letter_printed_date": fields.Datetime.now()}
            if not notice.letter_number:
                vals.update(
                    letter_number=notice.session_id.agency_id._next_document_number("TB"), letter_date=calendar.today()
                )
            if not notice.reached:
                vals["channel"] = "post"
            notice._workflow_write(vals)
            if not notice.access_token:
                notice.sudo()._portal_ensure_token()
            notice.session_id.sudo().message_post(
                body=self.env._(
                    "Notice letter %(number)s to %(citizen)s printed by %(user)s.",
                    number=notice.letter_number,
                    citizen=notice.recipient_name,
                    user=self.env.user.name,
                ),
                author_id=self.env.user.partner_id.id,
            )
        return self.env.ref(LETTER_REPORT).report_action(self)

    def action_record_contact(self):
        """Record a phone call, an SMS or the posting of the letter to the citizen of this notice."""
        self.ensure_one()
        if self.kind != "citizen" or not self.citizen_id:
            raise UserError(self.env._("Contacts are recorded on the notices to citizens."))
        self.check_access("write")
        identity = self._recipient_identity()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record a contact with %(name)s", name=self.recipient_name),
            "res_model": "tcd.session.notice.contact",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_notice_id": self.id,
                "default_channel": "post" if self.letter_number and not identity.phone else "phone",
                "default_phone": identity.phone or False,
            },
        }

    def _record_contact(self, contact):
        """A contact recorded with the notice's citizen: reached, the notice is, and the session's step once all are."""
        self.ensure_one()
        if self.reached:
            return
        vals = {"channel": contact.channel}
        if contact.outcome == "reached":
            vals.update(reached=True, reached_date=contact.contact_date)
        self._workflow_write(vals)
        if self.reached and self._complete_citizens_notified(self.session_id):
            self.session_id.sudo().message_post(
                body=self.env._("Every citizen on the agenda was reached: the step of notifying them is done."),
                author_id=self.env.user.partner_id.id,
            )


class ReportCitizenNoticeLetter(models.AbstractModel):
    """The notice letter: printed only by a user who may read the citizen's identity."""

    _name = "report.tiep_cong_dan_truc_tuyen.tcd_citizen_notice_document"
    _description = "Notice letter to a citizen"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["tcd.session.notice"].browse(docids)
        docs.check_access("read")
        docs._check_letter()
        return {"doc_ids": docids, "doc_model": "tcd.session.notice", "docs": docs}
