from freezegun import freeze_time

from .common import MODULE
from .session_common import TcdSessionCommon


class TcdInvitationCommon(TcdSessionCommon):
    """Sessions whose plan is approved, with agencies and citizens that have e-mail addresses.

    The commune A1 reads its mail in Vietnamese, the commune A2 in English.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.env["ir.module.module"].search([("name", "=", MODULE)])._update_translations(filter_lang=["vi_VN"])
        cls.commune_a1.partner_id.lang = "vi_VN"
        cls.commune_a2.partner_id.lang = "en_US"
        cls.board_a.write({"email": "bantcd@tinh-a.example.gov.vn", "document_symbol": "BTCD"})
        cls.commune_a1.email = "ubnd@a1.example.gov.vn"
        cls.commune_a2.email = "ubnd@a2.example.gov.vn"
        cls.dept_a.email = "stc@tinh-a.example.gov.vn"
        cls.point_a2.write({"platform_account": "a2", "platform_password": "secret-a2"})
        cls.citizen_a1.email = "hung@example.com"
        cls.case_a1 = cls.case(
            cls.citizen_a1, cls.commune_a1, subject="Bồi thường đất ở", ground_ids=[(6, 0, cls.ground.ids)]
        )
        cls.case_a1.action_propose()
        cls.case_a1.with_user(cls.leader_a1).action_approve()

    @classmethod
    def approved_session(cls, start, points=None, now="2026-12-01 03:00:00", cases=None, **vals):
        """A session starting at the Vietnam time ``start`` whose plan was approved at ``now``."""
        case_lines = [(0, 0, {"case_id": case.id, "attendance_point_id": cls.point_a1.id}) for case in cases or []]
        session = cls.make_session(start, points=points, now=now, case_line_ids=case_lines, **vals)
        session.plan_document = b"UExBTg=="
        with freeze_time(now):
            session.action_submit_plan()
            session.with_user(cls.leader_a).action_approve_plan()
        return session

    @staticmethod
    def notices(session, kind):
        return session.notice_ids.filtered(lambda notice: notice.kind == kind)


__all__ = ["MODULE", "TcdInvitationCommon"]
