from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import TcdCaseCommon


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
        citizen.phone = "0255 3822 123"
        self.assertEqual(citizen.phone, "02553822123")
        with self.assertRaisesRegex(ValidationError, "phone number 09123 of .* is not valid"):
            citizen.phone = "09123"
        with self.assertRaisesRegex(ValidationError, "e-mail address"):
            citizen.email = "not an address"

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
