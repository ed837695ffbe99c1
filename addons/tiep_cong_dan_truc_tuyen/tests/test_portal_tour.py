from freezegun import freeze_time

from odoo.tests import HttpCase, new_test_user, tagged

from .invitation_common import TcdInvitationCommon


@tagged("post_install", "-at_install")
class TestInvitationPortalTour(HttpCase, TcdInvitationCommon):
    """A browser tour: the invited unit answers on the portal, the host sees it in the back end."""

    def test_unit_confirms_and_reports_a_test(self):
        session = self.approved_session("2026-12-15 09:00", points=self.point_a1 | self.point_a2)
        with freeze_time("2026-12-09 02:00:00"):
            session.action_send_invitations()
        line = session.point_line_ids.filtered(lambda line: line.bridge_point_id == self.point_a1)
        portal = new_test_user(self.env, login="portal_tour_a1", groups="base.group_portal")
        portal.partner_id.parent_id = self.commune_a1.partner_id
        qr_url = line._portal_link()  # what the letter's QR code holds
        self.start_tour(qr_url[len(line.get_base_url()) :], "tcd_portal_invitation_tour", login=portal.login)

        self.assertEqual(line.invitation_state, "confirmed")
        delegates = line.participant_ids.filtered("portal_listed")
        self.assertEqual(delegates.mapped("name"), ["Nguyễn Văn An", "Lê Thị Bình"])
        self.assertEqual(delegates[0].phone, "0912 345 678")
        test = line.test_ids.filtered(lambda t: t.state == "done")
        self.assertEqual(
            (test.kind, test.result, test.measured_bandwidth, test.channel), ("day_before", "passed", 12.5, "portal")
        )
        self.assertEqual(test.tester, "Trần Kỹ Thuật")

        self.start_tour(
            f"/odoo/action-tiep_cong_dan_truc_tuyen.tcd_session_action/{session.id}",
            "tcd_session_invitation_backend_tour",
            login=self.province_officer_a.login,
        )
