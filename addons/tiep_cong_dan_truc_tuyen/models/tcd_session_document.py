from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import is_html_empty

from ..tools.dates import format_local, to_local


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
                "Your technician takes part in the connection tests at the times below and reports their results "
                "on the portal."
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
        """The connection tests, rehearsal and final connection before the session, as (label,
        UTC datetime), in time order."""
        self.ensure_one()
        steps = [
            (milestone.rule_id.name, milestone.due_at)
            for milestone in self.sudo().milestone_ids
            if milestone.rule_id.action in ("tested", "test_2h", "connected") and milestone.state != "cancelled"
        ]
        if self.rehearsal_at:
            steps.append((self.env._("Rehearsal"), self.rehearsal_at))
        return sorted(steps, key=lambda step: step[1])

    def _timeline_lines(self):
        """The timeline as sentences: "Test the connection the day before: by 17:00 14/12/2026"."""
        return [
            self.env._("%(step)s: by %(time)s", step=label, time=format_local(self.env, moment, "HH:mm dd/MM/yyyy"))
            for label, moment in self._timeline()
        ]

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

    # ------------------------------------------------------------------ minutes and conclusions
    # (Nghị định 154/2026/NĐ-CP Điều 25)

    def _conclusion_title(self):
        """ "Kết luận của Chủ tịch UBND tỉnh Nguyễn Văn A tại buổi tiếp công dân trực tuyến ngày 15/12/2026"."""
        self.ensure_one()
        chair = self.chair_id
        return self.env._(
            "Conclusions of %(leader)s at the online citizen reception session of %(day)s",
            leader=" ".join(filter(None, [chair.partner_id.function, chair.name])),
            day=format_local(self.env, self.start, "dd/MM/yyyy"),
        )

    def _held_intro(self):
        """The opening sentence of the minutes and the conclusion notice."""
        self.ensure_one()
        session = self.sudo()
        points = session.point_line_ids.filtered(lambda line: line.presence != "absent")
        return self.env._(
            "On %(day)s, from %(start)s, at the central bridge point %(central)s, %(chair)s chaired the online "
            "citizen reception session %(session)s, connected with %(count)s delegate bridge points: %(points)s.",
            day=format_local(self.env, session.actual_start or session.start, "dd/MM/yyyy"),
            start=format_local(self.env, session.actual_start or session.start, "HH:mm"),
            central=session.central_point_id.name,
            chair=session.chair_id.name,
            session=session.name,
            count=len(points),
            points=", ".join(points.bridge_point_id.mapped("name")) or "-",
        )
