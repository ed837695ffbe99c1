from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import MODULE, TcdCommon


@tagged("post_install", "-at_install")
class TestAccess(TcdCommon):
    def _visible_points(self, user):
        Point = self.env["tcd.bridge.point"].with_user(user)
        domain = [("id", "in", self.all_points.ids)]
        found = Point.search(domain)
        self.assertEqual(Point.search_count(domain), len(found), "counting reveals nothing more than reading")
        return found

    def test_scope_per_level(self):
        self.assertEqual(self._visible_points(self.officer_a1), self.point_a1)
        self.assertEqual(self._visible_points(self.technician_a1), self.point_a1)
        self.assertEqual(self._visible_points(self.officer_dept_a), self.point_dept_a)
        province_a = self.point_board_a | self.point_dept_a | self.point_a1 | self.point_a2
        self.assertEqual(self._visible_points(self.province_officer_a), province_a)
        self.assertEqual(self._visible_points(self.leader_a), province_a)
        self.assertEqual(self._visible_points(self.central_officer), self.all_points)
        self.assertEqual(self._visible_points(self.tcd_admin), self.all_points)

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_commune_officer_cannot_touch_another_commune(self):
        Point = self.env["tcd.bridge.point"].with_user(self.officer_a1)
        for other in (self.point_a2, self.point_b1, self.point_board_a):
            with self.assertRaises(AccessError):
                Point.browse(other.id).read(["name"])
            with self.assertRaises(AccessError):
                Point.browse(other.id).write({"name": "changed"})
        self.assertEqual(Point.search_count([("agency_id", "=", self.commune_a2.id)]), 0)
        self.assertEqual(Point.search_count([("name", "=", "ĐC xã B1")]), 0)
        self.assertFalse(Point.search([("agency_id", "child_of", self.prov_b.id)]))
        self.assertEqual(self.point_a2.name, "ĐC xã A2")

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_technician_writes_only_in_scope(self):
        Point = self.env["tcd.bridge.point"].with_user(self.technician_a1)
        Point.browse(self.point_a1.id).write({"measured_bandwidth": 9.5})
        self.assertEqual(self.point_a1.measured_bandwidth, 9.5)
        with self.assertRaises(AccessError):
            Point.browse(self.point_a2.id).write({"measured_bandwidth": 9.5})
        with self.assertRaises(AccessError):
            Point.create({"name": "ĐC lạ", "agency_id": self.commune_b1.id})
        with self.assertRaises(AccessError):
            Point.browse(self.point_a1.id).unlink()
        self.assertTrue(self.point_a1.exists())

    def test_assigned_technician_operates_the_point(self):
        """A technician of the province office assigned to a commune's point operates it."""
        technician = new_test_user(
            self.env, login="technician_board_a", groups=f"{MODULE}.group_tcd_technician", tcd_agency_id=self.board_a.id
        )
        self.assertEqual(self._visible_points(technician), self.point_board_a)
        self.point_a2.technician_ids = technician
        self.assertEqual(self._visible_points(technician), self.point_board_a | self.point_a2)
        self.point_a2.with_user(technician).write({"measured_bandwidth": 7.0})
        self.assertEqual(self.point_a2.measured_bandwidth, 7.0)
        # the assignment widens nothing else: the commune's other points stay out of reach
        with self.assertRaises(AccessError), mute_logger("odoo.addons.base.models.ir_rule"):
            self.point_a1.with_user(technician).read(["name"])

    def test_only_technicians_can_be_assigned(self):
        domain = self.env["tcd.bridge.point"]._fields["technician_ids"].get_domain_list(self.env["tcd.bridge.point"])
        candidates = self.env["res.users"].search(domain + [("id", "in", (self.officer_a1 | self.technician_a1).ids)])
        self.assertEqual(candidates, self.technician_a1)

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_province_officer_sees_nothing_of_another_province(self):
        Point = self.env["tcd.bridge.point"].with_user(self.province_officer_a)
        with self.assertRaises(AccessError):
            Point.browse(self.point_b1.id).read(["name"])
        with self.assertRaises(AccessError):
            Point.browse(self.point_central.id).read(["name"])
        self.assertEqual(Point.search_count([("agency_id", "child_of", self.prov_b.id)]), 0)
        # read-only role: writing in its own province is denied, not ignored
        with self.assertRaises(AccessError):
            Point.browse(self.point_a1.id).write({"name": "changed"})

    @mute_logger("odoo.models")
    def test_platform_password_for_technicians_only(self):
        self.assertEqual(
            self.point_a1.with_user(self.technician_a1).read(["platform_account", "platform_password"])[0][
                "platform_password"
            ],
            "secret-a1",
        )
        self.assertEqual(self.point_a1.with_user(self.tcd_admin).platform_password, "secret-a1")
        officer_point = self.point_a1.with_user(self.officer_a1)
        with self.assertRaises(AccessError):
            officer_point.read(["platform_password"])
        with self.assertRaises(AccessError):
            officer_point.read(["platform_account"])
        # the officer still reads the rest, and the form/list never send the secret
        data = officer_point.read()[0]
        self.assertEqual(data["name"], "ĐC xã A1")
        self.assertNotIn("platform_password", data)
        self.assertNotIn("platform_password", officer_point.fields_get())
        with self.assertRaises(AccessError):
            self.point_a1.with_user(self.province_officer_a).read(["platform_password"])

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.models")
    def test_configuration_is_for_administrators(self):
        for user in (self.officer_a1, self.province_officer_a, self.central_officer, self.technician_a1):
            with self.assertRaises(AccessError):
                self.commune_a1.with_user(user).write({"name": "changed"})
            with self.assertRaises(AccessError):
                self.env["tcd.agency"].with_user(user).create({"name": "x", "level": "commune"})
            with self.assertRaises(AccessError):
                self.env.ref("tiep_cong_dan_truc_tuyen.admin_unit_51").with_user(user).write({"name": "x"})
        self.commune_a1.with_user(self.tcd_admin).write({"name": "UBND xã A1 mới"})
        self.assertEqual(self.commune_a1.name, "UBND xã A1 mới")
        self.point_b1.with_user(self.tcd_admin).unlink()
        self.assertFalse(self.point_b1.exists())

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_internal_user_without_reception_group(self):
        with self.assertRaises(AccessError):
            self.env["tcd.bridge.point"].with_user(self.internal_user).search([])
        with self.assertRaises(AccessError):
            self.env["tcd.agency"].with_user(self.internal_user).search([])

    def test_scope_follows_the_users_agency(self):
        self.assertEqual(self._visible_points(self.officer_a1), self.point_a1)
        self.officer_a1.tcd_agency_id = self.commune_a2
        self.assertEqual(self._visible_points(self.officer_a1), self.point_a2)
        self.officer_a1.tcd_agency_id = False
        self.assertFalse(self._visible_points(self.officer_a1), "a user without agency sees nothing")

    def test_new_record_defaults_to_users_agency(self):
        point = self.env["tcd.bridge.point"].with_user(self.technician_a1).create({"name": "ĐC phụ xã A1"})
        self.assertEqual(point.agency_id, self.commune_a1)
