import re
from urllib.parse import quote

from werkzeug.exceptions import Forbidden, NotFound

from odoo import fields, http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.http import content_disposition, request
from odoo.tools import consteq

from ..models.tcd_connection_test import QUALITIES, RESULTS, TEST_KINDS
from ..models.tcd_session_notice import CITIZEN_ANSWERS
from ..models.tcd_session_point import ATTENDANCES, REPORTED_READINESS

PAGE_SIZE = 20
MAX_DELEGATES = 10
MAX_NAME = 128
MAX_TEXT = 2000
MAX_BANDWIDTH = 10000.0
PHONE = re.compile(r"^[0-9 +().\-]{6,20}$")


class TcdInvitationPortal(CustomerPortal):
    """The invited units' portal: the sessions their agency takes part in, and for each
    its invitation, where they confirm attendance, list delegates and report tests and readiness.

    Invited units have no access rights on the reception's models: every record is read here as
    superuser, after checking that it is the user's agency's invitation or that the request
    carries that invitation's access token.
    """

    # ------------------------------------------------------------------ access

    def _tcd_domain(self):
        partner = request.env.user.partner_id.commercial_partner_id
        return [("agency_id.partner_id", "=", partner.id), ("invitation_state", "!=", "not_sent")]

    def _tcd_invitation(self, invitation_id, access_token=None):
        """The invitation ``invitation_id`` (as superuser), if the request may see it."""
        line = request.env["tcd.session.point"].sudo().browse(invitation_id).exists()
        if not line:
            raise NotFound()
        if access_token:
            if line.access_token and consteq(line.access_token, access_token):
                self._tcd_visitor_lang(line.agency_id.partner_id.lang)
                return line.with_context(lang=request.env.lang)
            raise Forbidden()
        user = request.env.user
        if not user._is_public() and line.filtered_domain(self._tcd_domain()):
            return line
        raise Forbidden()

    def _tcd_visitor_lang(self, lang):
        """A visitor who follows a mail's link reads the page in its recipient's language ``lang``
        (Vietnamese when unknown), unless they chose another one."""
        if not request.env.user._is_public() or request.httprequest.cookies.get("frontend_lang"):
            return
        lang = lang or "vi_VN"
        if lang in dict(request.env["res.lang"].get_installed()):
            request.update_context(lang=lang)

    def _tcd_login_redirect(self, access_token):
        """Anonymous visitors without a token log in first."""
        if not access_token and request.env.user._is_public():
            return request.redirect("/web/login?redirect=" + quote(request.httprequest.full_path))
        return None

    # ------------------------------------------------------------------ list

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "tcd_invitation_count" in counters:
            values["tcd_invitation_count"] = request.env["tcd.session.point"].sudo().search_count(self._tcd_domain())
        return values

    @http.route(["/my/tcd/invitations", "/my/tcd/invitations/page/<int:page>"], type="http", auth="user", website=True)
    def tcd_invitations(self, page=1, **kw):
        Line = request.env["tcd.session.point"].sudo()
        domain = self._tcd_domain()
        pager = portal_pager(url="/my/tcd/invitations", total=Line.search_count(domain), page=page, step=PAGE_SIZE)
        lines = Line.search(domain, order="id desc", limit=PAGE_SIZE, offset=pager["offset"])
        values = self._prepare_portal_layout_values()
        values.update({"invitations": lines, "pager": pager, "page_name": "tcd_invitations"})
        return request.render("tiep_cong_dan_truc_tuyen.portal_my_tcd_invitations", values)

    # ------------------------------------------------------------------ invitation page

    @http.route("/my/tcd/invitations/<int:invitation_id>", type="http", auth="public", website=True)
    def tcd_invitation(self, invitation_id, access_token=None, message=None, **kw):
        redirect = self._tcd_login_redirect(access_token)
        if redirect:
            return redirect
        line = self._tcd_invitation(invitation_id, access_token)
        if not line.opened_date:
            line.opened_date = fields.Datetime.now()
        return self._tcd_render(line, access_token, message=message)

    def _tcd_render(self, line, access_token, message=None, errors=None, form=None, status=200):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "invitation": line,
                "session": line.session_id,
                "login": line._login_info(),
                "access_token": access_token or "",
                "token_query": f"?access_token={access_token}" if access_token else "",
                "message": message,
                "errors": errors or [],
                "form": form or {},
                "page_name": "tcd_invitation",
                "test_kinds": self._tcd_choices("tcd.connection.test", "kind"),
                "qualities": self._tcd_choices("tcd.connection.test", "sound"),
                "results": self._tcd_choices("tcd.connection.test", "result"),
                "attendances": self._tcd_choices("tcd.session.point", "attendance"),
                "readiness_values": self._tcd_choices("tcd.session.point", "reported_readiness"),
                "max_delegates": MAX_DELEGATES,
            }
        )
        return request.render("tiep_cong_dan_truc_tuyen.portal_tcd_invitation", values, status=status)

    def _tcd_choices(self, model, field_name):
        """The (value, label) choices of a selection field, in the visitor's language."""
        return request.env[model]._fields[field_name]._description_selection(request.env)

    def _tcd_done(self, line, access_token, message):
        query = f"?access_token={quote(access_token)}&message={message}" if access_token else f"?message={message}"
        return request.redirect(f"/my/tcd/invitations/{line.id}{query}")

    def _tcd_answered_by(self):
        user = request.env.user
        return request.env._("Invitation link") if user._is_public() else user.name

    # ------------------------------------------------------------------ forms

    @http.route(
        "/my/tcd/invitations/<int:invitation_id>/confirm", type="http", auth="public", methods=["POST"], website=True
    )
    def tcd_invitation_confirm(self, invitation_id, access_token=None, **post):
        line = self._tcd_invitation(invitation_id, access_token)
        errors, attendance, delegates = self._tcd_parse_confirmation(line, post)
        if errors:
            return self._tcd_render(line, access_token, errors=errors, form=post, status=400)
        line._portal_confirm(attendance, delegates, self._tcd_answered_by())
        return self._tcd_done(line, access_token, "confirmed")

    def _tcd_parse_confirmation(self, line, post):
        errors = []
        attendance = post.get("attendance")
        if attendance not in dict(ATTENDANCES):
            errors.append(request.env._("Choose whether your unit attends the session."))
        delegates = []
        for index in range(MAX_DELEGATES):
            name = (post.get(f"delegate_name_{index}") or "").strip()
            position = (post.get(f"delegate_position_{index}") or "").strip()
            phone = (post.get(f"delegate_phone_{index}") or "").strip()
            if not (name or position or phone):
                continue
            if not name:
                errors.append(request.env._("Delegate %(number)s: enter the name.", number=index + 1))
            if len(name) > MAX_NAME or len(position) > MAX_NAME:
                errors.append(
                    request.env._(
                        "Delegate %(number)s: a name or position has at most %(max)s characters.",
                        number=index + 1,
                        max=MAX_NAME,
                    )
                )
            if phone and not PHONE.match(phone):
                errors.append(
                    request.env._(
                        "Delegate %(number)s: the phone number %(phone)s is not valid.", number=index + 1, phone=phone
                    )
                )
            delegates.append({"name": name, "position": position, "phone": phone})
        if attendance == "confirmed" and not delegates:
            errors.append(request.env._("List at least one delegate who attends at your bridge point."))
        errors += self._tcd_closed_errors(line)
        return errors, attendance, delegates

    @http.route(
        "/my/tcd/invitations/<int:invitation_id>/test", type="http", auth="public", methods=["POST"], website=True
    )
    def tcd_invitation_test(self, invitation_id, access_token=None, **post):
        line = self._tcd_invitation(invitation_id, access_token)
        errors, vals = self._tcd_parse_test(line, post)
        if errors:
            return self._tcd_render(line, access_token, errors=errors, form=post, status=400)
        line._portal_report_test(vals)
        return self._tcd_done(line, access_token, "tested")

    def _tcd_parse_test(self, line, post):
        errors = []
        vals = {}
        for field, choices, label in (
            ("kind", TEST_KINDS, request.env._("the test")),
            ("sound", QUALITIES, request.env._("the sound")),
            ("picture", QUALITIES, request.env._("the picture")),
            ("result", RESULTS, request.env._("the result")),
        ):
            value = post.get(field)
            if value not in dict(choices):
                errors.append(request.env._("Choose %(what)s.", what=label))
            vals[field] = value
        bandwidth = (post.get("measured_bandwidth") or "").strip().replace(",", ".")
        try:
            vals["measured_bandwidth"] = float(bandwidth) if bandwidth else 0.0
            if not 0 <= vals["measured_bandwidth"] <= MAX_BANDWIDTH:
                raise ValueError(bandwidth)
        except ValueError:
            errors.append(
                request.env._(
                    "The measured bandwidth must be a number of Mb/s between 0 and %(max)s.", max=int(MAX_BANDWIDTH)
                )
            )
        vals["tester"] = (post.get("tester") or "").strip()
        vals["problems"] = (post.get("problems") or "").strip()
        if not vals["tester"]:
            errors.append(request.env._("Enter who made the test."))
        if len(vals["tester"]) > MAX_NAME or len(vals["problems"]) > MAX_TEXT:
            errors.append(request.env._("The text is too long."))
        if vals["result"] == "passed" and "none" in (vals["sound"], vals["picture"]):
            errors.append(request.env._("A test without sound or picture cannot be passed."))
        if vals["result"] == "failed" and not vals["problems"]:
            errors.append(request.env._("Describe the problems of a failed test."))
        errors += self._tcd_closed_errors(line)
        return errors, vals

    def _tcd_closed_errors(self, line):
        """Why the unit can no longer answer for its point, if it cannot."""
        if not line.active:
            return [request.env._("Your bridge point no longer takes part in this session.")]
        if line.session_id.state in ("held", "closed", "cancelled"):
            return [request.env._("The session is over or cancelled: its invitation can no longer be answered.")]
        return []

    @http.route(
        "/my/tcd/invitations/<int:invitation_id>/readiness", type="http", auth="public", methods=["POST"], website=True
    )
    def tcd_invitation_readiness(self, invitation_id, access_token=None, **post):
        line = self._tcd_invitation(invitation_id, access_token)
        errors = []
        readiness = post.get("readiness")
        note = (post.get("readiness_note") or "").strip()
        if readiness not in dict(REPORTED_READINESS):
            errors.append(request.env._("Choose whether your equipment is ready."))
        if readiness == "not_ready" and not note:
            errors.append(request.env._("Describe what is missing or out of order."))
        if len(note) > MAX_TEXT:
            errors.append(request.env._("The text is too long."))
        errors += self._tcd_closed_errors(line)
        if errors:
            return self._tcd_render(line, access_token, errors=errors, form=post, status=400)
        line._portal_report_readiness(readiness, note)
        return self._tcd_done(line, access_token, "readiness")

    # ------------------------------------------------------------------ files

    @http.route("/my/tcd/invitations/<int:invitation_id>/invitation.pdf", type="http", auth="public", website=True)
    def tcd_invitation_pdf(self, invitation_id, access_token=None, **kw):
        line = self._tcd_invitation(invitation_id, access_token)
        pdf = line._invitation_pdf()
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", content_disposition(line._invitation_filename() + ".pdf")),
            ],
        )

    @http.route("/my/tcd/invitations/<int:invitation_id>/qr.png", type="http", auth="public", website=True)
    def tcd_invitation_qr(self, invitation_id, access_token=None, **kw):
        line = self._tcd_invitation(invitation_id, access_token)
        png = line._qr_png()
        return request.make_response(png, headers=[("Content-Type", "image/png"), ("Content-Length", len(png))])

    @http.route(
        "/my/tcd/invitations/<int:invitation_id>/documents/<int:attachment_id>",
        type="http",
        auth="public",
        website=True,
    )
    def tcd_invitation_document(self, invitation_id, attachment_id, access_token=None, **kw):
        line = self._tcd_invitation(invitation_id, access_token)
        session = line.session_id
        attachment = session.shared_attachment_ids.filtered(
            lambda attachment: (
                attachment.id == attachment_id
                and attachment.res_model == session._name
                and attachment.res_id == session.id
            )
        )
        if not attachment:
            raise NotFound()
        return request.env["ir.binary"]._get_stream_from(attachment).get_response(as_attachment=True)

    # ------------------------------------------------------------------ citizens' notices

    def _tcd_citizen_notice(self, notice_id, access_token):
        """The citizen's notice ``notice_id`` (as superuser): only with its access token."""
        notice = request.env["tcd.session.notice"].sudo().browse(notice_id).exists()
        if not notice or notice.kind != "citizen":
            raise NotFound()
        if not (access_token and notice.access_token and consteq(notice.access_token, access_token)):
            raise Forbidden()
        self._tcd_visitor_lang(notice.lang)
        return notice.with_context(lang=request.env.lang)

    def _tcd_render_notice(self, notice, access_token, message=None, errors=None, status=200):
        values = {
            "notice": notice,
            "session": notice.session_id,
            "point": notice.case_line_id.attendance_point_id or notice.session_id.central_point_id,
            "access_token": access_token,
            "answers": self._tcd_choices("tcd.session.notice", "answer"),
            "message": message,
            "errors": errors or [],
        }
        return request.render("tiep_cong_dan_truc_tuyen.portal_tcd_citizen_notice", values, status=status)

    @http.route("/tcd/notices/<int:notice_id>", type="http", auth="public", website=True)
    def tcd_citizen_notice(self, notice_id, access_token=None, message=None, **kw):
        notice = self._tcd_citizen_notice(notice_id, access_token)
        if not notice.opened_date:
            notice.opened_date = fields.Datetime.now()
        return self._tcd_render_notice(notice, access_token, message=message)

    @http.route("/tcd/notices/<int:notice_id>/answer", type="http", auth="public", methods=["POST"], website=True)
    def tcd_citizen_notice_answer(self, notice_id, access_token=None, answer=None, **post):
        notice = self._tcd_citizen_notice(notice_id, access_token)
        errors = []
        if answer not in dict(CITIZEN_ANSWERS):
            errors.append(request.env._("Choose whether you attend the session."))
        if notice.session_id.state in ("held", "closed", "cancelled"):
            errors.append(request.env._("The session is over or cancelled: its attendance can no longer change."))
        if errors:
            return self._tcd_render_notice(notice, access_token, errors=errors, status=400)
        notice._portal_answer(answer)
        return request.redirect(f"/tcd/notices/{notice.id}?access_token={quote(access_token)}&message=answered")
