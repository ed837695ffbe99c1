import base64
import ipaddress
import logging
from urllib.parse import urlsplit

from odoo import api, fields, models, modules
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from ..tools.dates import format_local
from ..tools.qr import qr_data_uri, qr_png
from .tcd_participant_template import POINT_MATCHES
from .tcd_session import INACTIVE_STATES, MAX_DURATION
from .tcd_session_document import names_itself

_logger = logging.getLogger(__name__)

INVITATION_STATES = [
    ("not_sent", "Not sent"),
    ("queued", "Queued"),
    ("sent", "Sent"),
    ("failed", "Failed"),
    ("opened", "Opened on the portal"),
    ("confirmed", "Attendance confirmed"),
    ("declined", "Will not attend"),
]
ATTENDANCES = [
    ("confirmed", "Will attend"),
    ("declined", "Will not attend"),
]
PRESENCES = [
    ("connected", "Connected"),
    ("late", "Connected late"),
    ("absent", "Not connected"),
]
REPORTED_READINESS = [
    ("ready", "Ready"),
    ("not_ready", "Not ready"),
]


class TcdSessionPoint(models.Model):
    """A delegate bridge point taking part in a session, and its invitation (Quy chế tiếp công dân trực
    tuyến của UBND tỉnh Quảng Ngãi (2025) Điều 7 khoản 1 điểm b; Quyết định 748/QĐ-TTCP, Quy chế Điều 6
    khoản 1 điểm a).

    The agency of the point gets the invitation by mail; its portal users, or anyone with the
    invitation's access token, open the invitation page, confirm attendance and list their
    delegates, report connection tests and the readiness of their equipment.
    """

    _name = "tcd.session.point"
    _description = "Delegate point of a session"
    _inherit = ["portal.mixin", "tcd.workflow.mixin"]
    _order = "session_id, sequence, id"
    _rec_name = "bridge_point_id"

    session_id = fields.Many2one("tcd.session", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, help="Cleared when the point is dropped from the session.")
    drop_reason = fields.Text(string="Why dropped", readonly=True, copy=False)
    dropped_date = fields.Datetime(string="Dropped on", readonly=True, copy=False)
    bridge_point_id = fields.Many2one(
        "tcd.bridge.point",
        string="Bridge point",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("is_delegate", "=", True)],
    )
    agency_id = fields.Many2one(related="bridge_point_id.agency_id", store=True, index=True)
    role = fields.Selection(
        POINT_MATCHES,
        compute="_compute_role",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
        help="Which participant composition applies to the point.",
    )
    contact_id = fields.Many2one("res.partner", string="Contact person")
    contact_phone = fields.Char(string="Contact phone")
    attendance_mode = fields.Selection(
        [
            ("room", "From the point's room"),
            ("device", "From a personal device"),
            ("follow", "Follows only"),
        ],
        required=True,
        default="room",
    )
    required_bandwidth = fields.Float(related="bridge_point_id.required_bandwidth", string="Bandwidth (Mb/s)")
    readiness = fields.Selection(related="bridge_point_id.readiness")
    notice_ids = fields.One2many("tcd.session.notice", "point_line_id", string="Notices")
    invitation_state = fields.Selection(
        INVITATION_STATES, string="Invitation", compute="_compute_invitation_state", store=True, index=True
    )
    invitation_sent_date = fields.Datetime(string="Invitation sent on", compute="_compute_invitation_state", store=True)
    opened_date = fields.Datetime(string="Opened on", readonly=True, copy=False)
    attendance = fields.Selection(ATTENDANCES, readonly=True, copy=False)
    confirmed_date = fields.Datetime(string="Answered on", readonly=True, copy=False)
    confirmed_by = fields.Char(string="Answered by", readonly=True, copy=False)
    participant_ids = fields.One2many("tcd.session.participant", "point_line_id", string="Participants")
    delegate_count = fields.Integer(string="Delegates", compute="_compute_delegate_count")
    test_ids = fields.One2many("tcd.connection.test", "point_line_id", string="Connection tests")
    last_test_result = fields.Selection(
        [("passed", "Passed"), ("failed", "Failed")], string="Last test", compute="_compute_last_test", store=True
    )
    last_test_date = fields.Datetime(string="Last test on", compute="_compute_last_test", store=True)
    presence = fields.Selection(
        PRESENCES, string="At the session", copy=False, help="Whether the point was connected during the session."
    )
    reported_readiness = fields.Selection(
        REPORTED_READINESS, string="Equipment readiness reported", readonly=True, copy=False
    )
    reported_readiness_note = fields.Text(string="Readiness report", readonly=True, copy=False)
    reported_readiness_date = fields.Datetime(string="Readiness reported on", readonly=True, copy=False)

    _sql_constraints = [
        ("session_point_unique", "unique(session_id, bridge_point_id)", "A bridge point joins a session once."),
    ]
    # the invited unit answers on the portal (its answers are readonly fields); a point is dropped by its action
    _workflow_fields = ("access_token", "active")

    @api.model
    def _workflow_error(self):
        return self.env._(
            "The answers of an invited unit come from its portal, and a point leaves its session through Drop: "
            "they cannot be written here."
        )

    @api.depends("bridge_point_id")
    def _compute_role(self):
        Template = self.env["tcd.participant.template"]
        for line in self:
            line.role = Template._point_match(line.bridge_point_id) if line.bridge_point_id else "commune"

    @api.constrains("bridge_point_id")
    def _check_session_capacity(self):
        self._check_capacity(self.session_id)

    @api.constrains("presence")
    def _check_presence(self):
        """A point's presence is what happened at the session: recorded once it started, until its file closes."""
        for line in self.filtered("presence"):
            if line.session_id.state not in ("in_progress", "held"):
                raise ValidationError(
                    self.env._(
                        "The presence of %(point)s is recorded once %(session)s has started, and until its file is "
                        "closed.",
                        point=line.bridge_point_id.name,
                        session=line.session_id.display_name,
                    )
                )

    @api.model
    def _check_capacity(self, sessions):
        """A session's central point connects its delegate points within its limits (the number of points and
        its line's bandwidth), and none of its points or its chair is booked by another session at that time."""
        for session in sessions.sudo():
            if session.state in INACTIVE_STATES:
                continue
            central = session.central_point_id
            delegates = session.point_line_ids.bridge_point_id
            if central in delegates:
                raise ValidationError(
                    self.env._(
                        "%(point)s is the central point of %(session)s: it cannot be a delegate point too.",
                        point=central.name,
                        session=session.display_name,
                    )
                )
            if len(delegates) > central.max_points:
                raise ValidationError(
                    self.env._(
                        "The central point %(point)s connects at most %(max)s points at a time; the session "
                        "%(session)s has %(count)s delegate points.",
                        point=central.name,
                        max=central.max_points,
                        session=session.display_name,
                        count=len(delegates),
                    )
                )
            capacity = central.measured_bandwidth or central.required_bandwidth
            needed = sum(session.point_line_ids.mapped("required_bandwidth"))
            if needed > capacity:
                raise ValidationError(
                    self.env._(
                        "The delegate points of %(session)s need %(needed)s Mb/s together, more than the "
                        "%(capacity)s Mb/s line of the central point %(point)s.",
                        session=session.display_name,
                        needed=round(needed, 1),
                        capacity=round(capacity, 1),
                        point=central.name,
                    )
                )
            self._check_double_booking(session)

    @api.model
    def _check_double_booking(self, session):
        overlapping = [
            ("id", "!=", session.id),
            ("state", "not in", INACTIVE_STATES),
            ("start", "<", session.stop),
            ("start", ">", session.start - MAX_DURATION),
            ("stop", ">", session.start),
        ]
        Session = self.env["tcd.session"].sudo()
        other = Session.search(overlapping + [("chair_id", "=", session.chair_id.id)], limit=1)
        if other:
            raise ValidationError(
                self.env._(
                    "%(chair)s already chairs the session %(other)s from %(start)s to %(stop)s.",
                    chair=session.chair_id.name,
                    other=other.display_name,
                    start=format_local(self.env, other.start),
                    stop=format_local(self.env, other.stop),
                )
            )
        points = session.central_point_id | session.point_line_ids.bridge_point_id
        others = Session.search(
            overlapping
            + ["|", ("central_point_id", "in", points.ids), ("point_line_ids.bridge_point_id", "in", points.ids)],
            limit=1,
        )
        if others:
            busy = points & (others.central_point_id | others.point_line_ids.bridge_point_id)
            raise ValidationError(
                self.env._(
                    "The bridge point %(point)s is already booked by the session %(other)s from %(start)s to %(stop)s.",
                    point=busy[:1].name,
                    other=others.display_name,
                    start=format_local(self.env, others.start),
                    stop=format_local(self.env, others.stop),
                )
            )

    @api.depends("notice_ids.state", "notice_ids.sent_date", "opened_date", "attendance")
    def _compute_invitation_state(self):
        for line in self:
            invitation = line.notice_ids.filtered(lambda notice: notice.kind == "invitation")[:1]
            line.invitation_sent_date = invitation.sent_date
            if line.attendance:
                line.invitation_state = line.attendance
            elif line.opened_date:
                line.invitation_state = "opened"
            else:
                line.invitation_state = (
                    invitation.state if invitation.state in ("queued", "sent", "failed") else "not_sent"
                )

    def _compute_delegate_count(self):
        for line in self:
            line.delegate_count = len(line.participant_ids.filtered("name"))

    @api.depends("test_ids.state", "test_ids.result", "test_ids.tested_at")
    def _compute_last_test(self):
        for line in self:
            done = line.test_ids.filtered(lambda test: test.state == "done")
            last = done.sorted(lambda test: (test.tested_at, test.id), reverse=True)[:1]
            line.last_test_result = last.result
            line.last_test_date = last.tested_at

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        self.env["tcd.connection.test"]._sync_connection_tests(lines.session_id)
        return lines

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for line in self:
            line.access_url = f"/my/tcd/invitations/{line.id}"
        return res

    # ------------------------------------------------------------------ invitation
    # (Quy chế TCD trực tuyến tỉnh Quảng Ngãi Điều 7 khoản 1 điểm b; Quyết định 748/QĐ-TTCP, Quy chế
    # Điều 6 khoản 1 điểm a)

    def _recipient_vals(self):
        """The invitation goes to the head of the point's agency, through the agency's contact."""
        self.ensure_one()
        return self.sudo().agency_id._notice_recipient_vals()

    def _notice_vals(self, kind, key):
        """The values of a ``kind`` notice of the session to the point's agency; an invitation is refused
        while the server's address is local (its link and QR code would lead nowhere)."""
        self.ensure_one()
        if kind == "invitation":
            self._check_public_base_url()
        return dict(
            self._recipient_vals(),
            session_id=self.session_id.id,
            kind=kind,
            key=key,
            point_line_id=self.id,
            revision=self.session_id.notice_revision,
        )

    # the invitations' link and QR code lead to the invitation page at the server's address (web.base.url)

    def _local_base_url(self):
        """The server's address if the invited units cannot open it (localhost, a loopback or private
        address), else False."""
        base_url = self[:1].get_base_url()
        host = (urlsplit(base_url).hostname or "").lower()
        if host == "localhost" or host.endswith((".localhost", ".local")):
            return base_url
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False
        return base_url if address.is_private or address.is_loopback or address.is_unspecified else False

    def _local_base_url_message(self, base_url):
        return self.env._(
            "The invitations lead the invited units to their invitation page at %(url)s, a local address of "
            "this server that they cannot open. Ask the administrator to set the system parameter "
            '"web.base.url" to the public address of the system (Settings → Technical → System Parameters) '
            "before sending the invitations.",
            url=base_url,
        )

    def _sent_by_an_officer(self):
        """Whether an officer sends the invitations now (the session's buttons), rather than Odoo loading
        data (the demo's invitations), a scheduled action (the invitations falling due) or the tests, which
        run on a local address."""
        return bool(request) and self.env.registry.ready and not modules.module.current_test

    @api.model
    def _check_public_base_url(self):
        """Refuse to send invitations from a server whose address is local: their link and QR code would lead
        the invited units nowhere. A scheduled action only logs it: it cannot ask anyone."""
        base_url = self._local_base_url()
        if not base_url:
            return
        if self._sent_by_an_officer():
            raise UserError(self._local_base_url_message(base_url))
        # a warning for the administrator of a server in use; the tests and the demo run on a local address
        log = _logger.warning if self.env.registry.ready and not modules.module.current_test else _logger.info
        log("Invitations sent with the local base URL %s: their links and QR codes do not work", base_url)

    @api.model
    def _warn_local_base_url(self):
        """Warn the officer who prints invitations on a server whose address is local: the letters' QR codes
        and links lead nowhere (a notification: the print itself goes on)."""
        base_url = self._local_base_url()
        if not base_url or self.env.su or not self.env.user._is_internal():
            return
        log = _logger.warning if not modules.module.current_test else _logger.info
        log("Invitations printed with the local base URL %s: their QR codes do not work", base_url)
        if self.env.cr.readonly:
            # a report opened by its URL (/report/pdf/...) runs in a read-only transaction: no notification
            return
        self.env.user._bus_send(
            "simple_notification",
            {
                "type": "warning",
                "sticky": True,
                "title": self.env._("The QR codes of these invitations do not work"),
                "message": self._local_base_url_message(base_url),
            },
        )

    def _letter_link_shown(self):
        """Whether the letter printed now carries the point's invitation link and QR code, whose access token
        opens its invitation page (its login information): for what the unit receives (mail, portal), the
        officers managing the session and those of the point's own agency; not for the officers of the
        session's other points."""
        self.ensure_one()
        if self.env.su or self.has_access("write"):
            return True
        return bool(self.filtered_domain(self.env.user._tcd_scope_domain("agency_id")))

    def _portal_link(self):
        """The absolute address of the invitation page, with its access token."""
        self.ensure_one()
        return self.get_base_url() + self.sudo().get_portal_url()

    def _qr_url(self):
        """The absolute address of the QR code image, for mails (never inline only)."""
        self.ensure_one()
        return f"{self.get_base_url()}{self.access_url}/qr.png?access_token={self.sudo()._portal_ensure_token()}"

    def _qr_png(self):
        """A PNG QR code of the invitation page's address."""
        return qr_png(self._portal_link())

    def _qr_data_uri(self):
        return qr_data_uri(self._portal_link())

    def _invitation_pdf(self):
        self.ensure_one()
        pdf, _format = (
            self.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf("tiep_cong_dan_truc_tuyen.tcd_session_point_invitation_report", self.ids)
        )
        return pdf

    def _invitation_filename(self):
        self.ensure_one()
        return self.env._(
            "Invitation %(session)s - %(point)s", session=self.session_id.name, point=self.bridge_point_id.name
        )

    def _invitation_attachments(self):
        """The invitation letter and its QR code, as mail attachments (name, base64 content)."""
        self.ensure_one()
        return [
            (self._invitation_filename() + ".pdf", base64.b64encode(self._invitation_pdf())),
            (self.env._("Invitation QR code.png"), base64.b64encode(self._qr_png())),
        ]

    def _letter_intro(self):
        """The opening sentence of the invitation letter."""
        self.ensure_one()
        session = self.session_id
        values = {
            "host": session.agency_id.letter_name or session.agency_id.name,
            "agency": self.agency_id.name,
            "point": self.bridge_point_id.name,
            "session": session.name,
            "chair": session.chair_id.name,
        }
        if names_itself(self.bridge_point_id.name):
            # "tại Điểm cầu UBND xã An Lão", not "tại điểm cầu Điểm cầu UBND xã An Lão"
            return self.env._(
                "%(host)s respectfully invites the head of %(agency)s, or an authorised representative, and the "
                "participants at %(point)s to attend the online citizen reception session %(session)s chaired by "
                "%(chair)s.",
                **values,
            )
        return self.env._(
            "%(host)s respectfully invites the head of %(agency)s, or an authorised representative, and the "
            "participants of the bridge point %(point)s to attend the online citizen reception session %(session)s "
            "chaired by %(chair)s.",
            **values,
        )

    def _login_info(self):
        """The point's login information on the conference platform, for its own invitation only: its
        account and password are printed for what the invited unit receives (its mail and its portal page,
        rendered by the server) and for the technicians, who may read them; never in a back-office print by
        another user."""
        self.ensure_one()
        point = self.sudo().bridge_point_id
        session = self.sudo().session_id
        platform = point.platform_id or session.central_point_id.platform_id
        secret = self.env.su or self.env.user.has_group("tiep_cong_dan_truc_tuyen.group_tcd_technician")
        return {
            "platform": platform.name or "",
            "address": session.meeting_url or platform.url or "",
            "meeting_code": session.meeting_code or "",
            "secret": secret,
            "account": point.platform_account if secret else "",
            "password": point.platform_password if secret else "",
        }

    # ------------------------------------------------------------------ dropping a point
    # (Nghị định 154/2026/NĐ-CP Điều 23)

    def _drop(self, reason):
        """Drop points from their session (a failed test that cannot be fixed in time): their
        planned tests and unsent mails lapse, and an agency already invited is told."""
        for line in self:
            session = line.session_id
            if session.state not in ("draft", "plan_submitted", "plan_approved", "invited", "tested", "ready"):
                raise UserError(
                    self.env._(
                        "The session %(session)s is no longer being prepared: its points cannot be dropped.",
                        session=session.display_name,
                    )
                )
        self._workflow_write({"active": False, "drop_reason": reason, "dropped_date": fields.Datetime.now()})
        lines = self.sudo()
        lines.test_ids.filtered(lambda test: test.state == "planned").write({"state": "cancelled"})
        # the mails still in the queue are not sent; an agency that got its invitation is told
        lines.notice_ids._withdraw()
        vals_list = []
        for line in lines:
            if line.notice_ids.filtered(lambda notice: notice.kind == "invitation" and notice.state == "sent"):
                vals_list.append(line._notice_vals("dropped", f"dropped:{line.id}"))
            line.session_id.message_post(
                body=self.env._(
                    "The bridge point %(point)s was dropped from the session: %(reason)s",
                    point=line.bridge_point_id.name,
                    reason=reason,
                )
            )
        self.env["tcd.session.notice"]._create_missing(vals_list)

    def action_restore(self):
        """Take a dropped point back into its session, its tests planned again."""
        self._workflow_write({"active": True, "drop_reason": False, "dropped_date": False})
        self.env["tcd.connection.test"]._sync_connection_tests(self.session_id, renew=True)
        return True

    def action_open_drop_wizard(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "tiep_cong_dan_truc_tuyen.tcd_session_reason_wizard_action"
        )
        action["context"] = {
            "default_session_ids": self.session_id.ids,
            "default_point_line_ids": self.ids,
            "default_action": "drop",
        }
        return action

    # ------------------------------------------------------------------ answers from the portal

    def _portal_confirm(self, attendance, delegates, answered_by):
        """Record the unit's answer and replace the delegates it listed before."""
        self.ensure_one()
        line = self.sudo()
        line.participant_ids.filtered("portal_listed").unlink()
        line.env["tcd.session.participant"].create(
            [
                {
                    "session_id": line.session_id.id,
                    "point_line_id": line.id,
                    "sequence": 100 + index,
                    "role": delegate["position"] or self.env._("Delegate"),
                    "name": delegate["name"],
                    "position": delegate["position"],
                    "phone": delegate["phone"],
                    "portal_listed": True,
                }
                for index, delegate in enumerate(delegates)
            ]
        )
        line.write({"attendance": attendance, "confirmed_date": fields.Datetime.now(), "confirmed_by": answered_by})
        answer = dict(self._fields["attendance"]._description_selection(self.env))[attendance]
        line.session_id.message_post(
            body=self.env._(
                "%(point)s answered the invitation: %(answer)s (%(count)s delegates), by %(who)s.",
                point=line.bridge_point_id.name,
                answer=answer,
                count=len(delegates),
                who=answered_by,
            )
        )

    def _portal_report_test(self, vals):
        self.ensure_one()
        return self.env["tcd.connection.test"]._record_vals(self.session_id, self, dict(vals, channel="portal"))

    def _portal_report_readiness(self, readiness, note):
        self.ensure_one()
        line = self.sudo()
        line.write(
            {
                "reported_readiness": readiness,
                "reported_readiness_note": note,
                "reported_readiness_date": fields.Datetime.now(),
            }
        )
        label = dict(self._fields["reported_readiness"]._description_selection(self.env))[readiness]
        line.session_id.message_post(
            body=self.env._(
                "%(point)s reported its equipment: %(readiness)s.", point=line.bridge_point_id.name, readiness=label
            )
        )
