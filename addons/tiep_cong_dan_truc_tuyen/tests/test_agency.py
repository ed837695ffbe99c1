from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import TcdCommon


@tagged("post_install", "-at_install")
class TestAgency(TcdCommon):
    def test_hierarchy_and_province(self):
        self.assertEqual(self.commune_a1.province_agency_id, self.prov_a)
        self.assertEqual(self.board_a.province_agency_id, self.prov_a)
        self.assertEqual(self.prov_a.province_agency_id, self.prov_a)
        self.assertFalse(self.central.province_agency_id)
        self.assertEqual(
            self.env["tcd.agency"].search([("id", "child_of", self.prov_a.id)]),
            self.prov_a | self.board_a | self.dept_a | self.commune_a1 | self.commune_a2,
        )
        self.assertEqual(self.commune_a1.complete_name, "UBND tỉnh A / UBND xã A1")
        # homonym communes are told apart by their province
        self.assertEqual(self.commune_b1.display_name, "UBND xã B1 (Gia Lai)")

    def test_moving_a_subtree_updates_the_province(self):
        self.commune_a2.parent_id = self.prov_b
        self.assertEqual(self.commune_a2.province_agency_id, self.prov_b)

    def test_contact_partner_created_for_mail(self):
        agency = self.env["tcd.agency"].create(
            {"name": "UBND xã mới", "level": "commune", "parent_id": self.prov_a.id, "email": "xamoi@example.gov.vn"}
        )
        self.assertEqual(agency.partner_id.name, "UBND xã mới")
        self.assertEqual(agency.partner_id.email, "xamoi@example.gov.vn")
        self.assertTrue(agency.partner_id.is_company)

    def test_bridge_points_button(self):
        self.assertEqual(self.commune_a1.bridge_point_count, 1)
        action = self.commune_a1.action_view_bridge_points()
        self.assertEqual(self.env["tcd.bridge.point"].search(action["domain"]), self.point_a1)
        self.assertEqual(action["context"]["default_agency_id"], self.commune_a1.id)

    def test_agency_cannot_be_its_own_ancestor(self):
        for new_parent in (self.commune_a1, self.prov_a):
            with self.assertRaisesRegex(ValidationError, "an agency cannot be its own ancestor"):
                with self.env.cr.savepoint():
                    self.prov_a.parent_id = new_parent
            self.prov_a.invalidate_recordset()
            self.assertFalse(self.prov_a.parent_id, "nothing saved")
            self.assertEqual(self.commune_a1.province_agency_id, self.prov_a)

    def test_level_cannot_be_above_parent(self):
        with self.assertRaisesRegex(ValidationError, "cannot be above its parent's level"), self.env.cr.savepoint():
            self.env["tcd.agency"].create(
                {"name": "Tỉnh dưới xã", "level": "province", "parent_id": self.commune_a1.id}
            )
        self.assertFalse(self.env["tcd.agency"].search([("name", "=", "Tỉnh dưới xã")]))

    @mute_logger("odoo.sql_db")
    def test_code_unique(self):
        self.prov_a.code = "UBND-TEST"
        with self.assertRaises(IntegrityError):
            self.prov_b.code = "UBND-TEST"
            self.env.flush_all()
