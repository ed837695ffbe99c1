import base64

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import TcdCaseCommon

MASK = "[bảo mật]"
IDENTITY = ["name", "id_number", "birth_date", "street", "phone", "email", "admin_unit_id"]


@tagged("post_install", "-at_install")
class TestProtectedDenouncer(TcdCaseCommon):
    """A protected denouncer's identity (Nghị định 154/2026/NĐ-CP Điều 12 khoản 2; Luật Tố cáo 2018 Điều
    47-48, 56): only the assigned handlers and the confidential handlers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.denouncer = cls.citizen(
            "Huỳnh Thị Mai", "051168905555", cls.commune_a1, birth="1968-04-12", gender="female",
            street="Thôn 2", phone="0935000111", email="mai@example.com",
            admin_unit_id=cls.env.ref("tiep_cong_dan_truc_tuyen.admin_unit_21040").id,
        )  # fmt: skip
        cls.denunciation = cls.case(
            cls.denouncer, cls.commune_a1, kind="denunciation", protection_requested=True,
            handler_ids=[(6, 0, cls.officer_a1.ids)],
        )  # fmt: skip
        Document = cls.env["tcd.dossier.document"]
        cls.id_card = Document.create(
            {
                "name": "Căn cước (2 mặt)",
                "document_type": "identity",
                "case_id": cls.denunciation.id,
                "file": base64.b64encode(b"scan of the ID card"),
                "file_name": "can-cuoc.pdf",
            }
        )
        cls.petition = Document.create(
            {
                "name": "Đơn tố cáo (đã xóa thông tin người tố cáo)",
                "document_type": "petition",
                "case_id": cls.denunciation.id,
                "file": base64.b64encode(b"petition"),
            }
        )
        cls.identity = cls.denouncer.identity_ids
        cls.export_group = cls.env.ref("base.group_allow_export")
        (cls.officer_a1 | cls.officer_a1_other | cls.confidential_a1).write(
            {"groups_id": [Command.link(cls.export_group.id)]}
        )

    def Citizen(self, user):
        return self.env["tcd.citizen"].with_user(user)

    def test_denouncer_is_protected(self):
        self.assertTrue(self.denouncer.is_protected)
        self.assertTrue(self.denunciation.is_protected)
        self.assertFalse(self.citizen_a1.is_protected)
        # every document of a protected denunciation: her identity papers and her petition
        self.assertTrue(self.id_card.is_restricted)
        self.assertTrue(self.petition.is_restricted)
        self.assertEqual(self.denouncer.public_name, f"{MASK} {self.denouncer.code}")
        self.assertEqual(self.denouncer.display_name, f"{MASK} {self.denouncer.code}")

    def test_unassigned_officer_sees_the_mask(self):
        citizen = self.Citizen(self.officer_a1_other).browse(self.denouncer.id)
        values = citizen.read(IDENTITY + ["code", "display_name"])[0]
        self.assertEqual(values["name"], MASK)
        self.assertEqual(values["id_number"], MASK)
        self.assertEqual(values["street"], MASK)
        self.assertEqual(values["phone"], MASK)
        self.assertEqual(values["email"], MASK)
        self.assertEqual(values["display_name"], f"{MASK} {self.denouncer.code}", "her pseudonym")
        self.assertFalse(values["birth_date"])
        self.assertFalse(values["admin_unit_id"])
        self.assertEqual(values["code"], self.denouncer.code, "the reference stays visible")
        self.assertFalse(self.env["tcd.citizen.identity"].with_user(self.officer_a1_other).search([]) & self.identity)

    def test_no_leak_through_search_read_web_read_and_export(self):
        Citizen = self.Citizen(self.officer_a1_other)
        rows = Citizen.search_read([("id", "=", self.denouncer.id)], IDENTITY)
        self.assertEqual([rows[0]["name"], rows[0]["id_number"]], [MASK, MASK])
        web = Citizen.browse(self.denouncer.id).web_read(
            {"name": {}, "id_number": {}, "admin_unit_id": {"fields": {"display_name": {}}}}
        )
        self.assertEqual([web[0]["name"], web[0]["id_number"], web[0]["admin_unit_id"]], [MASK, MASK, False])
        exported = Citizen.browse(self.denouncer.id).export_data(["name", "id_number", "phone", "code"])["datas"]
        self.assertEqual(exported, [[MASK, MASK, MASK, self.denouncer.code]])
        # through the case: its complainants' names
        Case = self.env["tcd.case"].with_user(self.officer_a1_other)
        case = Case.browse(self.denunciation.id)
        self.assertEqual(
            case.with_context(import_compat=False).export_data(["citizen_ids/name", "citizen_ids/id_number"])["datas"],
            [[MASK, MASK]],
        )
        pseudonym = f"{MASK} {self.denouncer.code}"
        self.assertEqual(case.with_context(import_compat=True).export_data(["citizen_ids"])["datas"], [[pseudonym]])
        web_case = case.web_read({"citizen_ids": {"fields": {"display_name": {}}}})
        self.assertEqual(web_case[0]["citizen_ids"][0]["display_name"], pseudonym)

    def test_searching_on_identity_does_not_reveal_the_denouncer(self):
        Citizen = self.Citizen(self.officer_a1_other)
        self.assertIn(self.denouncer, Citizen.search([]), "the record is in scope")
        for domain in (
            [("name", "ilike", "Huỳnh Thị Mai")],
            [("id_number", "=", "051168905555")],
            [("phone", "=", "0935000111")],
        ):
            self.assertFalse(Citizen.search(domain), domain)
        self.assertFalse(Citizen.name_search("Huỳnh"))
        self.assertFalse(
            self.env["tcd.case"].with_user(self.officer_a1_other).search([("citizen_ids.name", "ilike", "Mai")])
        )
        # the identity's own groupings and aggregates see no row of hers
        groups = (
            self.env["tcd.citizen.identity"]
            .with_user(self.officer_a1_other)
            ._read_group([("citizen_id", "=", self.denouncer.id)], [], ["name:array_agg", "__count"])
        )
        self.assertEqual(groups, [([], 0)])

    def test_assigned_handler_and_confidential_handler_see_the_identity(self):
        for user in (self.officer_a1, self.confidential_a1):
            citizen = self.Citizen(user).browse(self.denouncer.id)
            self.assertEqual(
                citizen.read(["name", "id_number"])[0],
                {"id": self.denouncer.id, "name": "Huỳnh Thị Mai", "id_number": "051168905555"},
            )
            self.assertEqual(citizen.display_name, f"{MASK} {self.denouncer.code}", "named by her pseudonym")
            self.assertEqual(self.Citizen(user).search([("id_number", "=", "051168905555")]), self.denouncer)
            self.assertEqual(citizen.export_data(["name", "id_number"])["datas"], [["Huỳnh Thị Mai", "051168905555"]])

    def test_only_those_who_see_the_identity_change_it(self):
        with self.assertRaisesRegex(AccessError, "only by the handlers assigned to their denunciation"):
            self.Citizen(self.officer_a1_other).browse(self.denouncer.id).write({"name": "Tên khác"})
        # other fields stay editable: the vulnerability flags
        self.Citizen(self.officer_a1_other).browse(self.denouncer.id).write({"is_elderly": True})
        self.Citizen(self.officer_a1).browse(self.denouncer.id).write({"phone": "0935000222"})
        self.assertEqual(self.denouncer.phone, "0935000222")
        self.assertEqual(self.denouncer.name, "Huỳnh Thị Mai")
        form_fields = self.Citizen(self.officer_a1_other).browse(self.denouncer.id).read(["identity_hidden"])
        self.assertTrue(form_fields[0]["identity_hidden"], "the form shows the identity read-only")

    def test_protected_denouncer_keeps_no_mail_contact(self):
        with self.assertRaisesRegex(UserError, "asked for identity protection"):
            self.denouncer.action_create_mail_contact()
        self.citizen_a1.email = "hung@example.com"
        self.citizen_a1.action_create_mail_contact()
        partner = self.citizen_a1.partner_id
        self.case(self.citizen_a1, self.commune_a1, kind="denunciation", protection_requested=True)
        self.assertTrue(self.citizen_a1.is_protected)
        self.assertFalse(self.citizen_a1.partner_id)
        self.assertFalse(partner.active)
        self.assertFalse(partner.email)

    def test_administrator_is_not_a_confidential_handler(self):
        self.assertEqual(self.Citizen(self.tcd_admin).browse(self.denouncer.id).read(["name"])[0]["name"], MASK)

    def test_identity_documents_hidden(self):
        Document = self.env["tcd.dossier.document"]
        other = Document.with_user(self.officer_a1_other)
        self.assertFalse(other.search([("case_id", "=", self.denunciation.id)]))
        for document in (self.id_card, self.petition):
            with self.assertRaises(AccessError), mute_logger("odoo.addons.base.models.ir_rule"):
                other.browse(document.id).read(["file", "name"])
        self.assertFalse(self.denunciation.with_user(self.officer_a1_other).document_ids)
        for user in (self.officer_a1, self.confidential_a1):
            self.assertEqual(
                Document.with_user(user).search([("case_id", "=", self.denunciation.id)]), self.id_card | self.petition
            )
            self.assertEqual(
                Document.with_user(user).browse(self.id_card.id).file, base64.b64encode(b"scan of the ID card")
            )
        # a confidential handler of another commune sees nothing of it
        self.assertFalse(Document.with_user(self.officer_a2).search([("case_id", "=", self.denunciation.id)]))

    def test_protection_follows_the_assignment(self):
        self.denunciation.handler_ids = self.officer_a1_other
        self.assertEqual(
            self.Citizen(self.officer_a1_other).browse(self.denouncer.id).read(["name"])[0]["name"], "Huỳnh Thị Mai"
        )
        self.assertEqual(self.Citizen(self.officer_a1).browse(self.denouncer.id).read(["name"])[0]["name"], MASK)

    def test_identity_stripped_copy_for_the_verification_team(self):
        wizard = (
            self.env["tcd.dossier.redaction.wizard"]
            .with_user(self.officer_a1)
            .create({"document_id": self.petition.id, "file": base64.b64encode(b"typed"), "file_name": "a.txt"})
        )
        with self.assertRaisesRegex(UserError, "no longer reveals"):
            wizard.action_confirm()
        wizard.identity_removed = True
        copy = self.env["tcd.dossier.document"].browse(wizard.action_confirm()["res_id"])
        self.assertEqual(
            (copy.redacted_from_id, copy.case_id, copy.is_restricted), (self.petition, self.denunciation, False)
        )
        Document = self.env["tcd.dossier.document"].with_user(self.officer_a1_other)
        self.assertEqual(Document.search([("case_id", "=", self.denunciation.id)]), copy)
        # the original stays restricted; nobody else makes a copy, nor turns a document into one
        self.assertTrue(self.petition.is_restricted)
        with self.assertRaises(AccessError), mute_logger("odoo.addons.base.models.ir_rule"):
            self.petition.with_user(self.officer_a1_other)._create_redacted_copy(b"x", "x", "")
        with self.assertRaisesRegex(UserError, "only through the buttons"):
            copy.with_user(self.officer_a1).write({"redacted_from_id": self.id_card.id})

    def test_a_leader_assigns_the_handlers_and_it_is_logged(self):
        Wizard = self.env["tcd.case.protection.wizard"]
        with self.assertRaisesRegex(AccessError, "Only a leader of the agency or a confidential handler"):
            Wizard.with_user(self.officer_a1).create(
                {"case_id": self.denunciation.id, "action": "assign", "reason": "x"}
            ).action_confirm()
        Wizard.with_user(self.leader_a1).create(
            {
                "case_id": self.denunciation.id,
                "action": "assign",
                "handler_ids": [(6, 0, (self.officer_a1 | self.officer_a1_other).ids)],
                "reason": "Phân công xác minh",
            }
        ).action_confirm()
        self.assertEqual(self.denunciation.handler_ids, self.officer_a1 | self.officer_a1_other)
        self.assertEqual(
            self.Citizen(self.officer_a1_other).browse(self.denouncer.id).read(["name"])[0]["name"], "Huỳnh Thị Mai"
        )
        entry = self.env["tcd.access.log"].search([("action", "=", "assign")])
        self.assertEqual((entry.user_id, entry.citizen_id), (self.leader_a1, self.denouncer))
        self.assertIn("officer_a1_other", entry.note)
        self.assertIn("Phân công xác minh", self.denunciation.message_ids[0].body)

    def test_only_her_handler_lifts_the_protection_at_her_request(self):
        Wizard = self.env["tcd.case.protection.wizard"]
        values = {"case_id": self.denunciation.id, "action": "lift", "request_date": "2026-12-01", "reason": "Đơn"}
        for user in (self.officer_a1_other, self.leader_a1):
            with self.assertRaisesRegex(AccessError, "Only a handler"):
                Wizard.with_user(user).create(dict(values)).action_confirm()
        self.assertTrue(self.denouncer.is_protected)
        with self.assertRaisesRegex(UserError, "Enter the date"):
            Wizard.with_user(self.officer_a1).create(dict(values, request_date=False)).action_confirm()
        Wizard.with_user(self.officer_a1).create(values).action_confirm()
        self.assertFalse(self.denunciation.protection_requested)
        self.assertFalse(self.denouncer.is_protected)
        self.assertEqual(
            self.Citizen(self.officer_a1_other).browse(self.denouncer.id).read(["name"])[0]["name"], "Huỳnh Thị Mai"
        )
        entry = self.env["tcd.access.log"].search([("action", "=", "lift")])
        self.assertEqual((entry.user_id, entry.citizen_id), (self.officer_a1, self.denouncer))
        self.assertIn("01/12/2026", entry.note)

    def test_no_way_around_the_assignment(self):
        """Creating a case, adding her to one, or writing the protected case never makes a reader of her identity."""
        Case = self.env["tcd.case"].with_user(self.officer_a1_other)
        with self.assertRefused(UserError, "protected denouncer"):
            Case.create(
                {
                    "subject": "Tố cáo mới",
                    "kind": "denunciation",
                    "protection_requested": True,
                    "agency_id": self.commune_a1.id,
                    "citizen_ids": [(6, 0, self.denouncer.ids)],
                }
            )
        # a case of another kind links her, and reveals nothing
        complaint = Case.create(
            {"subject": "Khiếu nại", "agency_id": self.commune_a1.id, "citizen_ids": [(6, 0, self.denouncer.ids)]}
        )
        self.assertEqual(self.Citizen(self.officer_a1_other).browse(self.denouncer.id).read(["name"])[0]["name"], MASK)
        with self.assertRefused(UserError, "protected denouncer"):
            complaint.write({"kind": "denunciation", "protection_requested": True})
        leader_case = self.denunciation.with_user(self.leader_a1)
        for vals in (
            {"handler_ids": [(4, self.leader_a1.id)]},
            {"kind": "complaint"},
            {"protection_requested": False},
            {"citizen_ids": [(3, self.denouncer.id)]},
            {"citizen_ids": [(6, 0, [])]},
        ):
            with self.subTest(vals=vals), self.assertRefused(UserError, "protected denunciation"):
                leader_case.write(vals)
        with self.assertRefused(UserError, "cannot be deleted"):
            self.denunciation.with_user(self.tcd_admin).unlink()
        self.assertEqual(self.Citizen(self.leader_a1).browse(self.denouncer.id).read(["name"])[0]["name"], MASK)

    def test_a_handler_cannot_bring_another_protected_denouncer_to_her_case(self):
        other = self.citizen("Lê Thị Bí Mật", "051175907777", self.commune_a1, gender="female")
        self.case(other, self.commune_a1, kind="denunciation", protection_requested=True, handler_ids=[(6, 0, [])])
        self.assertTrue(other.is_protected)
        with self.assertRefused(UserError, "protected denouncer"):
            self.denunciation.with_user(self.officer_a1).write({"citizen_ids": [(4, other.id)]})

    def test_reads_of_her_identity_by_its_own_model_are_logged(self):
        Identity = self.env["tcd.citizen.identity"].with_user(self.officer_a1)
        self.assertEqual(Identity.search([("citizen_id", "=", self.denouncer.id)]).phone, "0935000111")
        Identity._read_group([("citizen_id", "=", self.denouncer.id)], [], ["name:array_agg"])
        entries = self.env["tcd.access.log"].search([("user_id", "=", self.officer_a1.id)])
        self.assertEqual(
            (entries.mapped("action"), entries.citizen_id, entries.model), (["read"], self.denouncer, Identity._name)
        )

    def test_a_name_computed_for_a_handler_is_not_served_to_the_next_user(self):
        """The masked fields depend on the user: one transaction's cache never hands a handler's values on."""
        citizen = self.denouncer.with_user(self.officer_a1)
        self.assertEqual(citizen.name, "Huỳnh Thị Mai")
        self.assertEqual(self.denouncer.sudo().name, "Huỳnh Thị Mai")
        self.assertEqual(citizen.with_user(self.officer_a1_other).name, MASK)
        self.assertEqual(citizen.with_user(self.tcd_admin).phone, MASK)


@tagged("post_install", "-at_install")
class TestAccessLog(TcdCaseCommon):
    """Every opening of a citizen record and every export of citizens' data is logged (Luật Bảo vệ dữ
    liệu cá nhân 2025)."""

    def log(self, user):
        return self.env["tcd.access.log"].search([("user_id", "=", user.id)])

    def test_opening_a_citizen_is_logged(self):
        spec = {"name": {}, "id_number": {}, "phone": {}}
        self.citizen_a1.with_user(self.officer_a1).web_read(spec)
        entry = self.log(self.officer_a1)
        self.assertEqual(len(entry), 1)
        self.assertEqual(
            (entry.action, entry.citizen_id, entry.citizen_code), ("open", self.citizen_a1, self.citizen_a1.code)
        )
        # a list page is not an opening of each record
        self.env["tcd.citizen"].with_user(self.officer_a1).web_search_read([], spec)
        self.assertEqual(len(self.log(self.officer_a1)), 1)

    def test_exports_are_logged(self):
        self.officer_a1.groups_id += self.env.ref("base.group_allow_export")
        self.citizen_a1.with_user(self.officer_a1).export_data(["name", "id_number"])
        case = self.case(self.citizen_a1, self.commune_a1)
        case.with_user(self.officer_a1).export_data(["name", "citizen_ids/id_number"])
        case.with_user(self.officer_a1).export_data(["name", "subject"])
        entries = self.log(self.officer_a1)
        self.assertEqual(entries.mapped("action"), ["export", "export"])
        self.assertEqual(sorted(entries.mapped("model")), ["tcd.case", "tcd.citizen"])
        self.assertEqual(entries.citizen_id, self.citizen_a1)
        self.assertIn("citizen_ids/id_number", entries.filtered(lambda e: e.model == "tcd.case").exported_fields)

    def test_refused_export_is_not_logged_as_done(self):
        with self.assertRaises(UserError):
            self.citizen_a1.with_user(self.officer_a1).export_data(["name"])
        self.assertFalse(self.log(self.officer_a1))

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.models")
    def test_nobody_edits_or_deletes_the_log(self):
        self.citizen_a1.with_user(self.officer_a1).web_read({"name": {}})
        entry = self.log(self.officer_a1)
        with self.assertRaises(AccessError):
            entry.with_user(self.officer_a1).read(["citizen_code"])
        self.assertEqual(entry.with_user(self.tcd_admin).read(["action"])[0]["action"], "open")
        for log in (entry.with_user(self.tcd_admin), entry.sudo()):
            with self.assertRaisesRegex(UserError, "cannot be changed"):
                log.write({"action": "export"})
        with self.assertRaises(AccessError):
            entry.with_user(self.tcd_admin).unlink()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            entry.sudo().unlink()
        self.assertTrue(entry.exists())


@tagged("post_install", "-at_install")
class TestCaseScope(TcdCaseCommon):
    """Citizens and cases are visible only within the handling agency's scope (Nghị định 154/2026/NĐ-CP
    Điều 12 khoản 2)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case_a1 = cls.case(cls.citizen_a1, cls.commune_a1)
        cls.case_a2 = cls.case(cls.citizen_a2, cls.commune_a2, handler_ids=[(6, 0, cls.officer_a2.ids)])
        cls.citizen_b1 = cls.citizen("Đỗ Văn Bảy", "052070903333", cls.commune_b1)
        cls.case_b1 = cls.case(cls.citizen_b1, cls.commune_b1)
        cls.citizens = cls.citizen_a1 | cls.citizen_a2 | cls.citizen_b1
        cls.cases = cls.case_a1 | cls.case_a2 | cls.case_b1

    def visible(self, user):
        return (
            self.env["tcd.citizen"].with_user(user).search([("id", "in", self.citizens.ids)]),
            self.env["tcd.case"].with_user(user).search([("id", "in", self.cases.ids)]),
        )

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_a_commune_does_not_see_another_commune(self):
        self.assertEqual(self.visible(self.officer_a1), (self.citizen_a1, self.case_a1))
        self.assertEqual(self.visible(self.officer_a2), (self.citizen_a2, self.case_a2))
        for record in (self.citizen_a2, self.case_a2, self.citizen_b1, self.case_b1):
            with self.assertRaises(AccessError):
                record.with_user(self.officer_a1).read(["name"])
        with self.assertRaises(AccessError):
            self.case_a2.with_user(self.officer_a1).write({"subject": "changed"})
        self.assertFalse(
            self.env["tcd.case.deadline"]
            .with_user(self.officer_a1)
            .search([("case_id", "in", (self.case_a2 | self.case_b1).ids)])
        )

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_a_handler_outside_the_scope_sees_the_case_while_assigned(self):
        # an officer of commune A1 assigned to a case of province B sees it, and no longer once removed
        self.case_b1.handler_ids = self.officer_a1
        self.assertEqual(self.visible(self.officer_a1)[1], self.case_a1 | self.case_b1)
        self.case_b1.with_user(self.officer_a1).read(["subject"])
        self.case_b1.handler_ids = False
        self.assertEqual(self.visible(self.officer_a1)[1], self.case_a1)
        with self.assertRaises(AccessError):
            self.case_b1.with_user(self.officer_a1).read(["subject"])
        # a case created with such a handler, and a case moved out of its handler's scope
        case_b2 = self.case(self.citizen_b1, self.commune_b1, handler_ids=[(6, 0, self.officer_a2.ids)])
        self.assertEqual(self.env["tcd.case"].with_user(self.officer_a2).search([("id", "=", case_b2.id)]), case_b2)
        self.case_a1.handler_ids = self.officer_a1_other
        self.case_a1.agency_id = self.commune_b1
        self.assertEqual(self.visible(self.officer_a1_other)[1], self.case_a1)
        self.assertFalse(self.visible(self.officer_a1)[1])

    def test_province_and_central_scope(self):
        self.assertEqual(
            self.visible(self.province_officer_a), (self.citizen_a1 | self.citizen_a2, self.case_a1 | self.case_a2)
        )
        self.assertEqual(self.visible(self.central_officer), (self.citizens, self.cases))
        self.assertEqual(self.visible(self.officer_dept_a), (self.env["tcd.citizen"], self.env["tcd.case"]))

    def test_citizen_visible_to_the_agency_handling_their_case(self):
        # a citizen of commune A2 complains to commune A1
        self.case(self.citizen_a2, self.commune_a1)
        citizens, _cases = self.visible(self.officer_a1)
        self.assertEqual(citizens, self.citizen_a1 | self.citizen_a2)

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.models")
    def test_plain_internal_user_sees_nothing(self):
        for model in ("tcd.citizen", "tcd.case", "tcd.case.deadline", "tcd.dossier.document"):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.internal_user).search([])
