from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestAdminUnit(TransactionCase):
    def test_units_of_the_2025_reform(self):
        Unit = self.env["tcd.admin.unit"]
        self.assertEqual(Unit.search_count([("level", "=", "province")]), 34)
        self.assertEqual(Unit.search_count([("level", "=", "commune")]), 3321)
        self.assertEqual(Unit.search_count([("unit_type", "=", "city")]), 6)
        self.assertEqual(Unit.search_count([("unit_type", "=", "province")]), 28)
        self.assertEqual(Unit.search_count([("unit_type", "=", "commune")]), 2621)
        self.assertEqual(Unit.search_count([("unit_type", "=", "ward")]), 687)
        self.assertEqual(Unit.search_count([("unit_type", "=", "special_zone")]), 13)
        self.assertFalse(
            Unit.search_count([("level", "=", "commune"), ("parent_id", "=", False)]),
            "every commune-level unit belongs to a province",
        )

    def test_official_codes(self):
        quang_ngai = self.env["tcd.admin.unit"].search([("code", "=", "51")])
        self.assertEqual(quang_ngai.name, "Tỉnh Quảng Ngãi")
        self.assertEqual(quang_ngai.unit_type, "province")
        hanoi = self.env["tcd.admin.unit"].search([("code", "=", "01")])
        self.assertEqual(hanoi.name, "Thành phố Hà Nội")
        self.assertEqual(hanoi.unit_type, "city")

    def test_homonyms_are_distinguishable(self):
        an_lao = self.env["tcd.admin.unit"].search([("name", "=", "Xã An Lão")])
        self.assertEqual(len(an_lao), 2)
        self.assertEqual(sorted(an_lao.mapped("display_name")), ["Xã An Lão (Gia Lai)", "Xã An Lão (Hải Phòng)"])
        self.assertEqual(sorted(an_lao.mapped("code")), ["11629", "21609"])
        # a user typing the name in a many2one sees both with their province
        found = [name for _id, name in self.env["tcd.admin.unit"].name_search("An Lão")]
        self.assertIn("Xã An Lão (Gia Lai)", found)
        self.assertIn("Xã An Lão (Hải Phòng)", found)

    def test_search_by_code(self):
        found = self.env["tcd.admin.unit"].name_search("21609")
        self.assertEqual([name for _id, name in found], ["Xã An Lão (Gia Lai)"])
