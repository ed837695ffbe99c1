from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import MODULE, TcdCaseCommon


@tagged("post_install", "-at_install")
class TestCitizen(TcdCaseCommon):
    def new(self, number, **vals):
        return self.citizen("Công dân thử", number, self.commune_a1, **vals)

    def test_valid_citizen_id(self):
        citizen = self.new("051 090 001 111", birth="1990-05-01", gender="male")
        self.assertEqual(citizen.id_number, "051090001111")
        self.assertFalse(citizen.id_warning)
        self.assertTrue(citizen.code.startswith("CD-"))

    def test_wrong_length_refused(self):
        with self.assertRaisesRegex(ValidationError, "has 11 digits"):
            self.new("05109000111")
        with self.assertRaisesRegex(ValidationError, "has 13 digits"):
            self.new("0510900011112")

    def test_letters_refused(self):
        with self.assertRaisesRegex(ValidationError, "only digits"):
            self.new("05109000111A")
        with self.assertRaisesRegex(ValidationError, "only digits"):
            self.new("051090001111", id_type="personal_id").write({"id_number": "O51090001111"})

    def test_old_province_codes_are_valid(self):
        # 087 Đồng Tháp and 049 Quảng Nam were merged in 2025; numbers issued with them stay valid
        for number, gender in (("087190002222", "female"), ("049295003333", "male")):
            citizen = self.new(number, gender=gender)
            self.assertFalse(citizen.id_warning, number)
        unknown = self.new("099090004444")
        self.assertIn("099", unknown.id_warning)

    def test_contradictory_century_or_gender_is_a_warning(self):
        # 4th digit 1: a woman born in the 1900s
        citizen = self.new("051190005555", birth="1990-02-01", gender="male")
        self.assertIn("4th digit 1", citizen.id_warning)
        citizen.gender = "female"
        self.assertFalse(citizen.id_warning)
        citizen.birth_date = "1890-02-01"
        self.assertIn("born in 1990", citizen.id_warning)
        citizen.birth_date = "1991-02-01"
        self.assertIn("the date of birth says 1991", citizen.id_warning)
        self.assertTrue(citizen.exists(), "a warning does not prevent saving")

    def test_warning_visible_in_the_form_before_saving(self):
        form = Form(self.env["tcd.citizen"])
        form.name = "Trần Văn Thử"
        form.agency_id = self.commune_a1
        form.id_number = "051290006666"
        form.birth_date = "1990-01-01"
        self.assertIn("born in 2090", form.id_warning)
        form.birth_date = "2009-01-01"
        self.assertIn("born in 2090", form.id_warning)
        form.birth_date = "2090-01-01"
        form.birth_date = False
        self.assertFalse(form.id_warning)
        form.save()

    def test_duplicate_id_refused_and_points_to_the_existing_record(self):
        message = r"already registered for the citizen %s Phạm Văn Hùng, managed by UBND xã A1" % self.citizen_a1.code
        with self.assertRaisesRegex(ValidationError, message):
            self.new("051058901234")
        with self.assertRaisesRegex(ValidationError, "already registered"):
            self.citizen_a2.id_number = "051 058 901 234"
        # another commune's officer learns that the number is registered, neither whose nor where: the same as for
        # a protected denouncer, whom no message may tell apart
        with self.assertRaisesRegex(ValidationError, "for a citizen whose record you may not open") as error:
            self.env["tcd.citizen"].with_user(self.officer_a2).create(
                {"name": "Trùng số", "id_number": "051058901234", "agency_id": self.commune_a2.id}
            )
        for secret in (self.citizen_a1.code, "Phạm Văn Hùng", "UBND xã A1"):
            self.assertNotIn(secret, str(error.exception))
        self.assertEqual(self.env["tcd.citizen"].search_count([("id_number", "=", "051058901234")]), 1)

    def test_passport(self):
        citizen = self.new("c1234567", id_type="passport")
        self.assertEqual(citizen.id_number, "C1234567")
        self.assertFalse(citizen.id_warning)
        with self.assertRaisesRegex(ValidationError, "passport number"):
            self.new("AB12", id_type="passport")

    def test_phone_normalised_and_checked(self):
        citizen = self.new("051090007777", phone="+84 912.345.678")
        self.assertEqual(citizen.phone, "0912345678")
        citizen.phone = "84935123456"
        self.assertEqual(citizen.phone, "0935123456")
        # a mobile number of the 03x prefixes given in 2018, and a landline with its 2017 area code (Quảng Ngãi)
        citizen.phone = "0335 123 456"
        self.assertEqual(citizen.phone, "0335123456")
        citizen.phone = "0255 3822 123"
        self.assertEqual(citizen.phone, "02553822123")
        with self.assertRaisesRegex(ValidationError, "phone number of Công dân thử: 09123 is not a valid Vietnamese"):
            citizen.phone = "09123"
        # Quảng Ngãi's landline area code before 2017
        with self.assertRaisesRegex(ValidationError, "0553822123 is not a valid Vietnamese phone number"):
            citizen.phone = "055 3822 123"
        self.assertEqual(citizen.phone, "02553822123", "nothing is written on a refused number")
        with self.assertRaisesRegex(ValidationError, "e-mail address"):
            citizen.email = "not an address"

    def test_old_mobile_prefix_refused_with_the_new_number(self):
        """The 11-digit mobile numbers were converted to 10 digits in 2018: the old number is refused, and the
        message gives the new one."""
        with self.assertRaisesRegex(
            ValidationError, r"01689123456 is an old 11-digit mobile number: its prefix 0168 became 038 .* 0389 123 456"
        ):
            self.new("051090007778", phone="0168 912 3456")
        citizen = self.new("051090007778", phone="0389 123 456")
        with self.assertRaisesRegex(ValidationError, "prefix 0123 became 083 .* 0834 567 890"):
            citizen.phone = "+84 123 456 7890"
        with self.assertRaisesRegex(ValidationError, "prefix 0199 became 059 .* 0591 234 567"):
            citizen.phone = "0199 1234567"
        self.assertEqual(citizen.phone, "0389123456")

    def test_future_birth_date_refused(self):
        with self.assertRaisesRegex(ValidationError, "in the future"):
            self.new("051090008888", birth="2999-01-01")

    def test_vulnerability_flags(self):
        self.assertFalse(self.citizen_a1.is_vulnerable)
        self.citizen_a1.is_elderly = True
        self.assertTrue(self.citizen_a1.is_vulnerable)
        self.assertEqual(
            self.env["tcd.citizen"].search([("is_vulnerable", "=", True), ("id", "in", self.citizen_a1.ids)]),
            self.citizen_a1,
        )

    def test_mail_contact_carries_no_identity(self):
        with self.assertRaisesRegex(ValidationError, "e-mail address"):
            self.citizen_a1.action_create_mail_contact()
        self.citizen_a1.email = "hung@example.com"
        self.citizen_a1.action_create_mail_contact()
        partner = self.citizen_a1.partner_id
        self.assertEqual(partner.email, "hung@example.com")
        self.assertEqual(partner.name, "Citizen %s" % self.citizen_a1.code)
        self.assertNotIn("Hùng", partner.display_name)
        self.assertFalse(partner.phone or partner.street or partner.vat)
        self.citizen_a1.email = "hung.pham@example.com"
        self.assertEqual(partner.email, "hung.pham@example.com")


@tagged("post_install", "-at_install")
class TestCitizenAddress(TcdCaseCommon):
    """An address written in the old form (63 provinces, with a district) is converted to the 2025 units:
    every new commune of a split one is offered, with its province, and the old address is kept."""

    def unit(self, code):
        return self.env.ref(f"{MODULE}.admin_unit_{code}")

    def candidates(self, form):
        """The new units the dialog offers."""
        return self.env["tcd.admin.unit"].browse(form.candidate_ids.ids)

    def convert(self, citizen):
        """The conversion dialog opened from the citizen's button."""
        action = citizen.action_convert_address()
        self.assertEqual(action["res_model"], "tcd.citizen.address.wizard")
        return Form(self.env[action["res_model"]].with_context(**action["context"]))

    def test_split_commune_offers_every_new_unit(self):
        citizen = self.citizen(
            "Đinh Văn Nghĩa",
            "052080001234",
            self.commune_b1,
            street="Thôn 1, Xã An Nghĩa, Huyện An Lão, Tỉnh Bình Định",
        )
        form = self.convert(citizen)
        self.assertEqual(form.old_address, "Thôn 1, Xã An Nghĩa, Huyện An Lão, Tỉnh Bình Định")
        self.assertEqual(form.old_units, "Xã An Nghĩa, Huyện An Lão, Tỉnh Bình Định")
        # An Nghĩa was split between An Hòa and An Toàn, both in Gia Lai: the officer chooses, nothing is preselected
        self.assertEqual(
            sorted(self.candidates(form).mapped("display_name")), ["Xã An Hòa (Gia Lai)", "Xã An Toàn (Gia Lai)"]
        )
        self.assertTrue(form.is_split)
        self.assertFalse(form.admin_unit_id)
        self.assertEqual(form.street, "Thôn 1")
        with self.assertRaisesRegex(AssertionError, "admin_unit_id is a required field"):
            form.save()
        # nor is a conversion sent without the form
        wizard = self.env["tcd.citizen.address.wizard"].create(
            {"citizen_id": citizen.id, "old_address": citizen.street}
        )
        with self.assertRaisesRegex(UserError, "Xã An Nghĩa, .* was split among Xã An .* choose the one"):
            wizard.action_confirm()
        self.assertFalse(citizen.admin_unit_id)
        form.admin_unit_id = self.unit("21622")
        form.save().action_confirm()
        self.assertEqual(citizen.admin_unit_id.display_name, "Xã An Toàn (Gia Lai)")
        self.assertEqual((citizen.street, citizen.province_unit_id), ("Thôn 1", self.unit("52")))
        note = citizen.message_ids[:1]
        self.assertIn("Old address: Thôn 1, Xã An Nghĩa, Huyện An Lão, Tỉnh Bình Định", note.body)
        self.assertIn("New address: Thôn 1, Xã An Toàn (Gia Lai)", note.body)

    def test_the_two_xa_an_lao_are_told_apart_by_their_province(self):
        """The former towns of An Lão, in Bình Định and in Hải Phòng, are both "Xã An Lão" since 2025."""
        citizen = self.citizen("Trương Thị Lão", "052180002345", self.commune_b1, gender="female")
        for old, code, name in (
            ("Thị trấn An Lão, Huyện An Lão, Tỉnh Bình Định", "21609", "Xã An Lão (Gia Lai)"),
            ("thị trấn an lão, huyện an lão, hải phòng", "11629", "Xã An Lão (Hải Phòng)"),
        ):
            form = self.convert(citizen)
            form.old_address = old
            self.assertEqual(self.candidates(form), self.unit(code))
            self.assertEqual(form.admin_unit_id.display_name, name, "a commune that was not split is proposed")
            self.assertFalse(form.is_split)
            form.save().action_confirm()
            self.assertEqual(citizen.admin_unit_id, self.unit(code))
        self.assertFalse(citizen.street)

    def test_unrecognised_address_changes_nothing(self):
        citizen = self.citizen("Lê Văn Tư", "051080003456", self.commune_a1, street="Thôn 4")
        form = self.convert(citizen)
        form.old_address = "Huyện An Lão, Tỉnh Bình Định"
        self.assertEqual(form.old_units, "Huyện An Lão, Tỉnh Bình Định")
        self.assertFalse(self.candidates(form))
        with self.assertRaisesRegex(UserError, "old commune of Huyện An Lão, Tỉnh Bình Định was not recognised"):
            form.save().action_confirm()
        self.assertEqual((citizen.street, citizen.admin_unit_id), ("Thôn 4", self.env["tcd.admin.unit"]))

    def test_protected_denouncer_address_not_in_the_chatter(self):
        """The chatter of a protected denouncer is read by officers who may not see her identity."""
        citizen = self.citizen("Huỳnh Thị Mai", "051168905555", self.commune_a1, gender="female")
        self.case(
            citizen, self.commune_a1, kind="denunciation", protection_requested=True,
            handler_ids=[(6, 0, self.officer_a1.ids)], subject="Tố cáo cán bộ",
        )  # fmt: skip
        self.assertTrue(citizen.is_protected)
        form = self.convert(citizen.with_user(self.officer_a1))
        form.old_address = "Thôn 2, Xã Bình Chánh, Huyện Bình Sơn, Tỉnh Quảng Ngãi"
        self.assertEqual(form.admin_unit_id, self.unit("21040"))
        form.save().action_confirm()
        self.assertEqual((citizen.street, citizen.admin_unit_id), ("Thôn 2", self.unit("21040")))
        note = citizen.message_ids[:1]
        self.assertIn("converted to the new administrative units", note.body)
        self.assertNotIn("Bình Chánh", note.body)
        self.assertNotIn("Thôn 2", note.body)
