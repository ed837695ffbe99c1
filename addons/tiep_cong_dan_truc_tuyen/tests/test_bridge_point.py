from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import TcdCommon


@tagged("post_install", "-at_install")
class TestBridgePoint(TcdCommon):
    def test_defaults_by_role(self):
        self.assertEqual(self.point_central.required_bandwidth, 30.0)
        self.assertEqual(self.point_a1.required_bandwidth, 5.0)
        self.assertEqual(self.point_central.max_points, 10)
        self.assertEqual(self.point_board_a.role_label, "Central, Delegate")
        self.assertEqual(self.point_a1.role_label, "Delegate")

    def test_role_change_in_form_proposes_bandwidth(self):
        form = Form(self.env["tcd.bridge.point"])
        form.name = "ĐC mới"
        form.agency_id = self.commune_a1
        self.assertEqual(form.required_bandwidth, 5.0)
        form.is_central = True
        self.assertEqual(form.required_bandwidth, 30.0)
        form.required_bandwidth = 45
        point = form.save()
        self.assertEqual(point.required_bandwidth, 45.0)

    def test_bandwidth_sufficiency(self):
        self.point_a1.measured_bandwidth = 4.0
        self.assertFalse(self.point_a1.bandwidth_ok)
        self.point_a1.measured_bandwidth = 8.0
        self.assertTrue(self.point_a1.bandwidth_ok)
        self.assertEqual(
            self.env["tcd.bridge.point"].search([("id", "in", self.all_points.ids), ("bandwidth_ok", "=", True)]),
            self.point_a1,
        )

    def test_grouped_by_province(self):
        groups = dict(
            self.env["tcd.bridge.point"]._read_group(
                [("id", "in", self.all_points.ids)], ["province_agency_id"], ["__count"]
            )
        )
        self.assertEqual(groups[self.prov_a], 4)
        self.assertEqual(groups[self.prov_b], 1)
        self.commune_a2.parent_id = self.prov_b
        self.assertEqual(self.point_a2.province_agency_id, self.prov_b)

    def _assert_refused(self, message, vals, record=None):
        """The change is refused with a clear message, and nothing is saved."""
        Point = self.env["tcd.bridge.point"]
        before = Point.search_count([])
        with self.assertRaisesRegex(ValidationError, message):
            with self.env.cr.savepoint():
                if record:
                    record.write(vals)
                else:
                    Point.create(dict({"name": "ĐC lỗi", "agency_id": self.commune_a1.id}, **vals))
        self.assertEqual(Point.search_count([]), before)

    def test_bandwidth_must_be_positive(self):
        self._assert_refused("must be greater than 0 Mb/s", {"required_bandwidth": 0})
        self._assert_refused("must be greater than 0 Mb/s", {"required_bandwidth": -5})
        self._assert_refused("cannot be negative", {"measured_bandwidth": -1})
        self._assert_refused("must be greater than 0 Mb/s", {"required_bandwidth": 0}, self.point_a1)
        self.point_a1.invalidate_recordset()
        self.assertEqual(self.point_a1.required_bandwidth, 5.0)

    def test_central_point_needs_capacity(self):
        self._assert_refused("at least 1 point", {"is_central": True, "max_points": 0})
        self._assert_refused("at least 1 point", {"max_points": 0}, self.point_central)
        self.point_central.invalidate_recordset()
        self.assertEqual(self.point_central.max_points, 10)
        # a delegate-only point does not host sessions: no capacity needed
        self.point_a1.max_points = 0
        self._assert_refused("cannot be negative", {"max_points": -1}, self.point_a1)

    def test_point_needs_a_role(self):
        self._assert_refused("central point, a delegate point or both", {"is_central": False, "is_delegate": False})
