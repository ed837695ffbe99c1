from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestBridgePointTour(HttpCase):
    def test_commune_officer_opens_bridge_points(self):
        Agency = self.env["tcd.agency"]
        province = Agency.create({"name": "Tour tỉnh A", "level": "province"})
        commune_a1 = Agency.create({"name": "Tour xã A1", "level": "commune", "parent_id": province.id})
        commune_b1 = Agency.create({"name": "Tour xã B1", "level": "commune", "parent_id": province.id})
        self.env["tcd.bridge.point"].create(
            [
                {"name": "Tour ĐC xã A1", "agency_id": commune_a1.id, "platform_password": "secret"},
                {"name": "Tour ĐC xã B1", "agency_id": commune_b1.id},
            ]
        )
        new_test_user(
            self.env,
            login="tour_commune_officer",
            groups="tiep_cong_dan_truc_tuyen.group_tcd_officer",
            tcd_agency_id=commune_a1.id,
        )
        self.start_tour("/odoo", "tcd_bridge_point_tour", login="tour_commune_officer")
