import re
import unicodedata
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import is_html_empty

from ..tools.dates import format_local, to_local

# A bridge point's name that already says it is one: "Điểm cầu UBND xã An Lão", "ĐC xã A1", "Bridge point ...".
POINT_NAME_PREFIX = re.compile(r"(điểm cầu|đc|bridge point)\b")
# The presences that count a delegate point as connected to the session.
CONNECTED = ("connected", "late")
# The script's order of business: the minutes of the opening, of the introduction of the participants, of the
# chair's conclusions and of the closing; the cases share the rest of the session.
SCRIPT_MINUTES = {"opening": 5, "introduction": 10, "conclusions": 15, "closing": 5}


def names_itself(name):
    """Whether the bridge point's name already begins with "Điểm cầu" (or "ĐC", "Bridge point"), in any case
    and Unicode form: "tại điểm cầu Điểm cầu UBND xã ..." would say it twice."""
    return bool(POINT_NAME_PREFIX.match(unicodedata.normalize("NFC", name or "").strip().casefold()))


class TcdSessionDocument(models.AbstractModel):
    """What a session's letters (the invitations, the citizens' notices, the minutes and the conclusion notice)
    and its portal page say: the meeting's address, the instructions, the signer and the shared documents the
    officers fill in, and the texts made from them (the times, the opening of the minutes, the place and date
    of a letter, Nghị định 30/2020/NĐ-CP). The session inherits them; its templates call them."""

    _name = "tcd.session.document"
    _description = "Documents of a session"

    # ------------------------------------------------------------------ invitations and notices
    # (Quy chế tiếp công dân trực tuyến của UBND tỉnh Quảng Ngãi (2025) Điều 7 khoản 1 điểm b; Quyết
    # định 748/QĐ-TTCP, Quy chế Điều 6 khoản 1 điểm a)
    meeting_url = fields.Char(
        string="Meeting address", help="Address of the session's room on the conference platform, given to every point."
    )
    meeting_code = fields.Char(string="Meeting ID / passcode")
    rehearsal_at = fields.Datetime(string="Rehearsal", help="The rehearsal (tổng duyệt) with all the bridge points.")
    instructions = fields.Html(
        string="Instructions to the points",
        help="Printed on the invitations and shown on the invited units' portal; when empty, the standard "
        "instructions in the reader's language.",
    )
    citizen_items = fields.Text(
        string="Citizens bring",
        help="What the citizens on the agenda bring to the session, printed on their notices; when empty, "
        "the identity paper, the case's papers and the representatives' authorisation.",
    )
    invitation_number = fields.Char(
        string="Invitation number",
        copy=False,
        help="Number and symbol of the invitation letter, given when the invitations are first sent.",
    )
    invitation_date = fields.Date(string="Invitation dated", copy=False)
    signer_id = fields.Many2one(
        "res.users", string="Signed by", help="Who signs the invitations; the chair when empty."
    )
    signer_position = fields.Char(string="Signer's position", help="For example: Phó Chủ tịch.")
    signer_authority = fields.Char(
        string="Signing on behalf of", help="For example: TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH."
    )
    shared_attachment_ids = fields.Many2many(
        "ir.attachment",
        "tcd_session_shared_attachment_rel",
        string="Documents shared with the invited units",
        copy=False,
        help="Shown with their invitation on the invited units' portal.",
    )

    @api.constrains("shared_attachment_ids")
    def _check_shared_attachments(self):
        """The invited units see the documents uploaded to the session for them, nothing else: a file of a
        case, a citizen or another record is never shared through a session."""
        for session in self:
            foreign = session.sudo().shared_attachment_ids.filtered(
                lambda attachment, session=session: (
                    attachment.res_model != self._name or attachment.res_id != session.id or attachment.res_field
                )
            )
            if foreign:
                raise ValidationError(
                    self.env._(
                        "Only the documents uploaded to the session %(session)s can be shared with its invited units.",
                        session=session.display_name,
                    )
                )

    # ------------------------------------------------------------------ invitations and notices
    # (Quy chế TCD trực tuyến tỉnh Quảng Ngãi Điều 7 khoản 1 điểm b; Quyết định 748/QĐ-TTCP, Quy chế
    # Điều 6 khoản 1 điểm a)

    def _instructions_html(self):
        """The instructions to the invited points, the standard ones in the reader's language by default."""
        self.ensure_one()
        if not is_html_empty(self.instructions):
            return self.instructions
        items = [
            self.env._(
                "Connect from the bridge point's room with the login information of your point, at least one hour "
                "before the session, and check that every point sees and hears the others."
            ),
            self.env._(
                "Your technician takes part in the connection tests and the rehearsal at the times given in this "
                "invitation and reports their results on the portal."
            ),
            self.env._("List your participants on the portal and confirm your attendance before the session."),
        ]
        return Markup("<ul>%s</ul>") % Markup().join(Markup("<li>%s</li>") % item for item in items)

    def _citizen_items_text(self):
        """What the citizens bring, the standard list in the reader's language by default."""
        self.ensure_one()
        return self.citizen_items or self.env._(
            "Your citizen identity card or another identity paper; the papers and evidence of your case; the "
            "authorisation of your representatives, if any."
        )

    def _timeline(self):
        """The connection tests, rehearsal and final connection before the session, as (label, UTC datetime,
        whether the step is held at that time), in time order: the tests and the connection are done by their
        time, the rehearsal is held at its own."""
        self.ensure_one()
        steps = [
            (milestone.rule_id.name, milestone.due_at, False)
            for milestone in self.sudo().milestone_ids
            if milestone.rule_id.action in ("tested", "test_2h", "connected") and milestone.state != "cancelled"
        ]
        if self.rehearsal_at:
            steps.append((self.env._("Rehearsal"), self.rehearsal_at, True))
        return sorted(steps, key=lambda step: step[1])

    def _timeline_lines(self):
        """The timeline as sentences: "Test the connection the day before: by 17:00 14/12/2026",
        "Rehearsal: at 15:00 14/12/2026"."""
        lines = []
        for label, moment, held_at in self._timeline():
            time = format_local(self.env, moment, "HH:mm dd/MM/yyyy")
            if held_at:
                lines.append(self.env._("%(step)s: at %(time)s", step=label, time=time))
            else:
                lines.append(self.env._("%(step)s: by %(time)s", step=label, time=time))
        return lines

    def _time_text(self):
        """ "From 09:00 to 11:00 on 15/12/2026", in Vietnam time."""
        self.ensure_one()
        return self.env._(
            "From %(start)s to %(stop)s on %(day)s.",
            start=format_local(self.env, self.start, "HH:mm"),
            stop=format_local(self.env, self.stop, "HH:mm"),
            day=format_local(self.env, self.start, "dd/MM/yyyy"),
        )

    def _conduct_rules(self):
        return self.env["tcd.conduct.rule"].sudo().search([])

    def _local(self, field_name):
        """The Vietnam datetime of the datetime field ``field_name``."""
        self.ensure_one()
        return to_local(self[field_name]) if self[field_name] else False

    def _letter_place_date(self, day=None):
        """ "Quảng Ngãi, ngày 25 tháng 11 năm 2026": the place and date of a letter (Nghị định 30/2020/NĐ-CP),
        dated ``day``, by default the invitation's date."""
        self.ensure_one()
        day = day or self.invitation_date or self.env["tcd.working.calendar"].today()
        return self.sudo().agency_id._letter_place_date(day)

    def _signer(self):
        """Who signs the session's letters: its signer, else its chair."""
        self.ensure_one()
        return self.signer_id or self.chair_id

    def _chair_reported(self):
        """Whether the letters list the chair among their recipients "to report": not when she signs them."""
        self.ensure_one()
        return self.chair_id != self._signer()

    @api.model
    def _at_point_text(self, point):
        """ "the bridge point ĐC xã A1", but "Điểm cầu UBND xã An Lão" as it is: its name says it already."""
        if names_itself(point.name):
            return point.name
        return self.env._("the bridge point %(point)s", point=point.name)

    # ------------------------------------------------------------------ plan and script
    # (Nghị định 154/2026/NĐ-CP Điều 22, 23; Quy chế TCD trực tuyến tỉnh Quảng Ngãi Điều 7)

    def _plan_participants(self):
        """The participants of the plan, by point: (point, participants) for the central point then each
        delegate point; a citizen is listed by her role, never by her name."""
        self.ensure_one()
        participants = self.participant_ids
        groups = [(self.central_point_id, participants.filtered(lambda participant: not participant.point_line_id))]
        for line in self.point_line_ids:
            groups.append(
                (
                    line.bridge_point_id,
                    participants.filtered(lambda participant, line=line: participant.point_line_id == line),
                )
            )
        return [(point, people) for point, people in groups if people]

    def _participant_text(self, participant):
        """ "Nguyễn Văn A, Chủ tịch UBND xã (Lãnh đạo UBND xã)"; a citizen by her role only."""
        if participant.is_citizen or not participant.name:
            return participant.role
        name = ", ".join(filter(None, [participant.name, participant.position]))
        return f"{name} ({participant.role})" if participant.role and participant.role != participant.position else name

    def _plan_tasks(self):
        """The coordination tasks of the session (tcd.duty.task) as dicts: the task, the agencies in charge and
        its due date, in the order of their due dates."""
        self.ensure_one()
        tasks = self._applicable_rules(self.env["tcd.duty.task"].sudo().search([]))
        rows = []
        for task in tasks:
            due_at = task._due_at(self.start)
            rows.append(
                {
                    "name": task.name,
                    "agencies": ", ".join(task._agencies(self.sudo()).mapped("name")) or "-",
                    "due": format_local(self.env, due_at, "dd/MM/yyyy") if due_at else "",
                    "due_at": due_at,
                }
            )
        return sorted(rows, key=lambda row: (row["due_at"] or self.start, row["name"]))

    def _script_rows(self):
        """The order of business of the session as dicts (start, stop, what, who), in Vietnam time: the opening
        and the introduction of the participants from its start, the chair's conclusions and the closing up to
        its end, and between them each case of the agenda in order at its bridge point, sharing that time."""
        self.ensure_one()
        host = self.env._("%(host)s (host)", host=self.agency_id.letter_name or self.agency_id.name)
        chair = self.chair_id.name
        opening = [
            (SCRIPT_MINUTES["opening"], self.env._("Opening: the reason of the session and its programme"), host),
            (
                SCRIPT_MINUTES["introduction"],
                self.env._("Introduction of the participants at the central bridge point and each delegate point"),
                host,
            ),
        ]
        closing = [
            (
                SCRIPT_MINUTES["conclusions"],
                self.env._("Conclusions of the chair on each case and instructions to the agencies"),
                chair,
            ),
            (SCRIPT_MINUTES["closing"], self.env._("Closing of the session"), chair),
        ]
        cases = [
            (
                self.env._(
                    "Case %(number)s: %(subject)s. The citizens at %(point)s present their case; the agencies "
                    "concerned report; the chair gives her opinion",
                    number=index,
                    subject=line.subject or "",
                    point=self._at_point_text(line.attendance_point_id or self.central_point_id),
                ),
                self.env._("The citizens, the agencies concerned, %(chair)s", chair=chair),
            )
            for index, line in enumerate(self.case_line_ids, start=1)
        ] or [(self.env._("Reception of the citizens of the cases on the agenda (none on it yet)"), chair)]
        # the cases share the time between the opening items and the closing items, in whole minutes
        begin = self.start + timedelta(minutes=sum(minutes for minutes, _what, _who in opening))
        end = self.stop - timedelta(minutes=sum(minutes for minutes, _what, _who in closing))
        share = max(int((end - begin).total_seconds() // 60), 0) // len(cases)
        items = opening + [(share, what, who) for what, who in cases] + closing
        rows = []
        moment = self.start
        for index, (minutes, what, who) in enumerate(items):
            stop = moment + timedelta(minutes=minutes)
            if index == len(opening) + len(cases) - 1:
                stop = max(end, moment)  # the last case runs until the conclusions
            rows.append(
                {
                    "start": format_local(self.env, moment, "HH:mm"),
                    "stop": format_local(self.env, stop, "HH:mm"),
                    "what": what,
                    "who": who,
                }
            )
            moment = stop
        return rows

    # ------------------------------------------------------------------ minutes and conclusions
    # (Nghị định 154/2026/NĐ-CP Điều 25)

    def _held_start(self):
        """When the session began: its actual start once started, else its planned start (UTC)."""
        self.ensure_one()
        return self.actual_start or self.start

    def _held_end_text(self):
        """ "The session ended at 11:05 the same day." (or on which day), once it ended."""
        self.ensure_one()
        if not self.actual_end:
            return ""
        time = format_local(self.env, self.actual_end, "HH:mm")
        day = format_local(self.env, self.actual_end, "dd/MM/yyyy")
        if day == format_local(self.env, self._held_start(), "dd/MM/yyyy"):
            return self.env._("The session ended at %(time)s the same day.", time=time)
        return self.env._("The session ended at %(time)s on %(day)s.", time=time, day=day)

    def _conclusion_title(self):
        """ "Kết luận của Chủ tịch UBND tỉnh Nguyễn Văn A tại buổi tiếp công dân trực tuyến ngày 15/12/2026": the
        day the session was held."""
        self.ensure_one()
        chair = self.chair_id
        return self.env._(
            "Conclusions of %(leader)s at the online citizen reception session of %(day)s",
            leader=" ".join(filter(None, [chair.partner_id.function, chair.name])),
            day=format_local(self.env, self._held_start(), "dd/MM/yyyy"),
        )

    def _connected_points(self):
        """The delegate points recorded as connected to the session (on time or late)."""
        self.ensure_one()
        return self.sudo().point_line_ids.filtered(lambda line: line.presence in CONNECTED)

    def _connected_count_text(self):
        """ "2/3": the delegate points connected out of those invited."""
        self.ensure_one()
        return f"{len(self._connected_points())}/{len(self.sudo().point_line_ids)}"

    def _presence_text(self, line):
        """The presence of a delegate point at the session, or "Not recorded" until it is entered."""
        if not line.presence:
            return self.env._("Not recorded")
        return dict(line._fields["presence"]._description_selection(self.env))[line.presence]

    def _held_intro(self):
        """The opening sentence of the minutes and the conclusion notice: when the session began, and the
        delegate points recorded as connected."""
        self.ensure_one()
        session = self.sudo()
        points = session._connected_points()
        values = {
            "day": format_local(self.env, session._held_start(), "dd/MM/yyyy"),
            "start": format_local(self.env, session._held_start(), "HH:mm"),
            "central": session.central_point_id.name,
            "chair": session.chair_id.name,
            "session": session.name,
        }
        if not points:
            return self.env._(
                "On %(day)s, from %(start)s, at the central bridge point %(central)s, %(chair)s chaired the online "
                "citizen reception session %(session)s; no delegate bridge point is recorded as connected.",
                **values,
            )
        return self.env._(
            "On %(day)s, from %(start)s, at the central bridge point %(central)s, %(chair)s chaired the online "
            "citizen reception session %(session)s, connected with %(count)s delegate bridge points: %(points)s.",
            count=len(points),
            points=", ".join(points.bridge_point_id.mapped("name")),
            **values,
        )


class TcdSessionReport(models.AbstractModel):
    """The documents of a session printed from its Print menu (or sent): rendered with the reader's rights,
    a session she cannot read is refused before anything is rendered, and a document printed before it makes
    sense (minutes before the session is held, a conclusion notice not issued) is refused with what is
    missing."""

    _name = "tcd.session.report"
    _description = "Printed document of a session"

    def _check_printable(self, sessions):
        """Refuse to print the document of ``sessions`` with a UserError saying what is missing."""

    @api.model
    def _get_report_values(self, docids, data=None):
        sessions = self.env["tcd.session"].browse(docids)
        sessions.check_access("read")
        self._check_printable(sessions)
        return {"doc_ids": docids, "doc_model": "tcd.session", "docs": sessions}


class TcdSessionPlanReport(models.AbstractModel):
    _name = "report.tiep_cong_dan_truc_tuyen.tcd_session_plan_document"
    _table = "report_tcd_session_plan"  # the report's name is too long for a table name (none is created)
    _inherit = "tcd.session.report"
    _description = "Plan of a session"


class TcdSessionScriptReport(models.AbstractModel):
    _name = "report.tiep_cong_dan_truc_tuyen.tcd_session_script_document"
    _table = "report_tcd_session_script"  # the report's name is too long for a table name (none is created)
    _inherit = "tcd.session.report"
    _description = "Script of a session"


class TcdSessionMinutesReport(models.AbstractModel):
    _name = "report.tiep_cong_dan_truc_tuyen.tcd_session_minutes_document"
    _table = "report_tcd_session_minutes"  # the report's name is too long for a table name (none is created)
    _inherit = "tcd.session.report"
    _description = "Minutes of a session"

    def _check_printable(self, sessions):
        for session in sessions:
            if session.state not in ("held", "closed"):
                raise UserError(
                    self.env._(
                        "The minutes of %(session)s are printed once it is held: record its end (End the session) "
                        "first.",
                        session=session.display_name,
                    )
                )


class TcdSessionConclusionReport(models.AbstractModel):
    _name = "report.tiep_cong_dan_truc_tuyen.tcd_session_conclusion_document"
    _table = "report_tcd_session_conclusion"  # the report's name is too long for a table name (none is created)
    _inherit = "tcd.session.report"
    _description = "Conclusion notice of a session"

    def _check_printable(self, sessions):
        for session in sessions:
            if not session.conclusion_number:
                raise UserError(
                    self.env._(
                        "The conclusion notice of %(session)s is not issued yet: it is printed once the leader "
                        "issues it (Issue the conclusion notice).",
                        session=session.display_name,
                    )
                )


class TcdSessionInvitationsReport(models.AbstractModel):
    _name = "report.tiep_cong_dan_truc_tuyen.tcd_session_invitations_document"
    _table = "report_tcd_session_invitations"  # the report's name is too long for a table name (none is created)
    _inherit = "tcd.session.report"
    _description = "Invitations of a session"

    def _check_printable(self, sessions):
        for session in sessions:
            if not session.point_line_ids:
                raise UserError(
                    self.env._(
                        "The session %(session)s has no delegate point to invite yet.", session=session.display_name
                    )
                )
        self.env["tcd.session.point"]._warn_local_base_url()


class TcdSessionPointInvitationReport(models.AbstractModel):
    _name = "report.tiep_cong_dan_truc_tuyen.tcd_session_point_invitation_document"
    _table = "report_tcd_session_point_invitation"  # the report's name is too long for a table name (none is created)
    _description = "Invitation of a delegate point"

    @api.model
    def _get_report_values(self, docids, data=None):
        lines = self.env["tcd.session.point"].browse(docids)
        lines.check_access("read")
        lines._warn_local_base_url()
        return {"doc_ids": docids, "doc_model": "tcd.session.point", "docs": lines}
