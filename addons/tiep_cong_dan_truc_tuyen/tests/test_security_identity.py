import io
import json
import re

from freezegun import freeze_time

from odoo.tests import tagged

from .security_common import MASK, MODULE, TcdSecurityCommon

# Models outside the addon that hold what the addon writes about citizens.
STANDARD_MODELS = (
    "mail.message",
    "mail.activity",
    "mail.tracking.value",
    "mail.followers",
    "ir.attachment",
    "res.partner",
)


def json_text(value):
    return json.dumps(value, ensure_ascii=False, default=str)


# Models of Odoo's apps that the addon extends with its own fields.
EXTENDED_MODELS = ("res.users", "maintenance.equipment", "maintenance.equipment.category")
# Field types whose values a read, a grouping or a search could carry.
TEXT_TYPES = ("char", "text", "html", "selection")
AGGREGATED_TYPES = ("char", "text", "html", "selection", "date", "datetime", "integer", "float", "monetary", "many2one")


@tagged("post_install", "-at_install")
class TestProtectedIdentityOverRpc(TcdSecurityCommon):
    """A leader, an administrator, a central officer, a technician and a commune officer who are not her
    handlers get nothing of a protected denouncer's identity (Luật Tố cáo 2018 Điều 47, 48, 56), through any
    path of the JSON-RPC API, the routes and the portal; her handler and the confidential handlers do, and
    each of their reads is logged."""

    IDENTITY = ["name", "id_number", "id_issue_date", "birth_date", "street", "phone", "email", "admin_unit_id"]

    def test_reads_lists_forms_and_exports_are_masked(self):
        pseudonym = f"{MASK} {self.denouncer.code}"
        for role, user in self.attackers.items():
            with self.subTest(role=role):
                self.login(user)
                ids = [self.denouncer.id]
                for method, args, kwargs in (
                    ("read", [ids, self.IDENTITY], {}),
                    ("search_read", [[("id", "in", ids)], self.IDENTITY], {}),
                    ("web_read", [ids], {"specification": {name: {} for name in self.IDENTITY}}),
                    ("web_search_read", [[("id", "in", ids)], {name: {} for name in self.IDENTITY}], {}),
                    ("export_data", [ids, self.IDENTITY], {}),
                    ("name_search", ["Huỳnh"], {}),
                    ("name_search", ["051168905555"], {}),
                ):
                    result, error = self.rpc("tcd.citizen", method, *args, **kwargs)
                    self.assertNoSecret([result, error], f"{role} tcd.citizen.{method}")
                values = self.rpc("tcd.citizen", "read", ids, ["name", "display_name", "phone"])[0][0]
                self.assertEqual((values["name"], values["display_name"], values["phone"]), (MASK, pseudonym, MASK))
                # through the case: its complainants, their names and numbers
                spec = {"citizen_ids": {"fields": {"display_name": {}, "name": {}, "id_number": {}, "phone": {}}}}
                case = self.rpc("tcd.case", "web_read", [self.denunciation.id], specification=spec)
                self.assertNoSecret(case, f"{role} tcd.case.web_read")
                exported = self.rpc(
                    "tcd.case", "export_data", [self.denunciation.id], ["citizen_ids/name", "citizen_ids/phone"]
                )
                self.assertNoSecret(exported, f"{role} tcd.case.export_data")
                # the form's onchange computes what the user may see
                onchange = self.rpc(
                    "tcd.citizen",
                    "onchange",
                    [self.denouncer.id],
                    {"is_elderly": True},
                    ["is_elderly"],
                    {name: {} for name in (*self.IDENTITY, "display_name", "is_elderly")},
                )
                self.assertNoSecret(onchange, f"{role} tcd.citizen.onchange")

    def test_the_identity_model_refuses_them(self):
        identity = self.denouncer.identity_ids
        for role, user in self.attackers.items():
            with self.subTest(role=role):
                self.login(user)
                for method, args, kwargs in (
                    ("read", [identity.ids, self.IDENTITY], {}),
                    ("search_read", [[], self.IDENTITY], {}),
                    ("web_search_read", [[], {name: {} for name in self.IDENTITY}], {}),
                    ("export_data", [identity.ids, self.IDENTITY], {}),
                    ("read_group", [[], [f"{name}:array_agg" for name in self.IDENTITY], []], {}),
                    ("read_group", [[], ["name:max", "id_number:min", "phone:count_distinct"], []], {}),
                    ("read_group", [[], ["id_number"], ["name", "id_number"]], {"lazy": False}),
                    ("search_count", [[("name", "=", "Huỳnh Thị Mai")]], {}),
                ):
                    result, error = self.rpc("tcd.citizen.identity", method, *args, **kwargs)
                    self.assertNoSecret([result, error], f"{role} tcd.citizen.identity.{method}")
                count, _error = self.rpc("tcd.citizen.identity", "search_count", [("id", "=", identity.id)])
                self.assertEqual(count, 0)
                _result, error = self.rpc("tcd.citizen.identity", "write", identity.ids, {"phone": "0900000000"})
                self.assertTrue(error, "no write of her identity")
        self.assertEqual(identity.phone, "0935000111")

    def test_searches_sorting_and_groupings_are_no_oracle(self):
        """A guessed value matches nothing, exactly as a value nobody has: no count, no order, no group tells."""
        guesses = {
            "name": ("Huỳnh Thị Mai", "Huỳnh Thị M"),
            "id_number": ("051168905555", "05116890555"),
            "phone": ("0935000111", "093500011"),
            "email": ("mai.tocao@example.com", "tocao"),
            "street": ("Thôn Gò Da 7", "Gò Da 7"),
        }
        for role, user in self.attackers.items():
            with self.subTest(role=role):
                self.login(user)
                for field_name, (exact, part) in guesses.items():
                    for domain in (
                        [(field_name, "=", exact)],
                        [(field_name, "ilike", part)],
                        [(field_name, "not ilike", "zzz-nobody"), ("id", "=", self.denouncer.id)],
                        [(field_name, "!=", False), ("id", "=", self.denouncer.id)],
                    ):
                        count, _error = self.rpc("tcd.citizen", "search_count", domain)
                        self.assertFalse(count, f"{role}: {domain}")
                    count, _error = self.rpc("tcd.case", "search_count", [(f"citizen_ids.{field_name}", "ilike", part)])
                    self.assertFalse(count, f"{role}: the cases of {field_name}")
                # sorting and grouping go on stored values: her pseudonym, never her name
                _result, error = self.rpc("tcd.citizen", "search_read", [], ["id"], order="name")
                self.assertTrue(error, "the identity is not sortable")
                groups, _error = self.rpc("tcd.citizen", "read_group", [], ["public_name:array_agg"], [])
                self.assertNoSecret(groups, f"{role} read_group")
                _groups, error = self.rpc("tcd.citizen", "read_group", [], ["name:array_agg"], [])
                self.assertTrue(error, "the identity is not aggregated")
                self.assertNoSecret(error, f"{role} read_group error")

    def test_chatter_activities_documents_and_attachments(self):
        attachments = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "tcd.dossier.document"),
                ("res_field", "=", "file"),
                ("res_id", "in", (self.id_card | self.petition).ids),
            ]
        )
        self.assertEqual(len(attachments), 2)
        for role, user in self.attackers.items():
            with self.subTest(role=role):
                self.login(user)
                for model, domain, fields in (
                    ("mail.message", [("model", "in", ("tcd.citizen", "tcd.case"))], ["record_name", "body"]),
                    ("mail.activity", [("res_model", "=", "tcd.citizen")], ["res_name", "summary"]),
                    ("tcd.dossier.document", [("case_id", "=", self.denunciation.id)], ["name", "file"]),
                    ("ir.attachment", [("res_model", "=", "tcd.dossier.document")], ["name", "datas"]),
                    (
                        "ir.attachment",
                        [("res_field", "=", "file"), ("res_model", "=", "tcd.dossier.document")],
                        ["datas"],
                    ),
                    ("ir.attachment", [("id", "in", attachments.ids)], ["name", "datas", "raw"]),
                ):
                    result, error = self.rpc(model, "search_read", domain, fields)
                    self.assertNoSecret([result, error], f"{role} {model}")
                    if model in ("tcd.dossier.document", "ir.attachment"):
                        # (the demo's other documents are theirs to read)
                        ids = (self.id_card | self.petition if model == "tcd.dossier.document" else attachments).ids
                        theirs = [record for record in result or () if record["id"] in ids]
                        self.assertFalse(theirs, f"{role} reads the documents of her denunciation")
                for attachment in attachments:
                    response = self.url_open(f"/web/content/{attachment.id}?download=true")
                    self.assertNotEqual(response.status_code, 200, f"{role} downloads {attachment.name}")
                    self.assertNoSecret(response.text, f"{role} /web/content")
                for document in self.id_card | self.petition:
                    response = self.url_open(f"/web/content/tcd.dossier.document/{document.id}/file")
                    self.assertNotEqual(response.status_code, 200)

    def test_documents_and_error_messages(self):
        """A duplicate ID number, a refused change and a wrong attendee name no one; the minutes name her by her
        pseudonym."""
        for role, user in self.attackers.items():
            with self.subTest(role=role):
                self.login(user)
                _result, error = self.rpc(
                    "tcd.citizen",
                    "create",
                    {"name": "Người khác", "id_number": "051168905555", "agency_id": self.commune_a1.id},
                )
                self.assertTrue(error)
                self.assertNoSecret(error, f"{role} duplicate ID number")
                self.assertNotIn(self.denouncer.code, json_text(error))
                _result, error = self.rpc("tcd.citizen", "write", [self.denouncer.id], {"phone": "0911111111"})
                self.assertTrue(error)
                self.assertNoSecret(error, f"{role} refused write")
        # the minutes of a session where she attended for another case of hers
        self.case(self.citizen_a1, self.commune_a1, kind="denunciation", protection_requested=True)
        self.conclude_case()
        with freeze_time("2026-12-15 04:00:00"):  # the minutes are printed once the session is held
            self.held.action_end()
        self.login(self.leader_a)
        response = self.url_open(f"/report/html/{MODULE}.tcd_session_minutes_document/{self.held.id}")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("Phạm Văn Hùng", response.text)
        self.assertIn(f"{MASK} {self.citizen_a1.code}", response.text)

    def test_the_portal_shares_only_the_session_s_own_documents(self):
        """An officer of the host cannot hand her ID scan to an invited unit: not by sharing it, not by writing
        the invitation's access token."""
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "tcd.dossier.document"), ("res_field", "=", "file"), ("res_id", "=", self.id_card.id)]
        )
        line = self.held.point_line_ids[:1]
        self.login(self.province_officer_a)
        _result, error = self.rpc(
            "tcd.session", "write", self.held.ids, {"shared_attachment_ids": [(4, attachment.id)]}
        )
        self.assertTrue(error)
        _result, error = self.rpc("tcd.session.point", "write", line.ids, {"access_token": "chosen-by-me"})
        self.assertTrue(error)
        self.assertNotEqual(line.access_token, "chosen-by-me")
        self.assertFalse(self.held.shared_attachment_ids)
        response = self.url_open(
            f"/my/tcd/invitations/{line.id}/documents/{attachment.id}?access_token={line._portal_ensure_token()}"
        )
        self.assertEqual(response.status_code, 404)
        # a document uploaded to the session is shared
        own = self.env["ir.attachment"].create(
            {"name": "Kế hoạch.pdf", "raw": b"plan", "res_model": "tcd.session", "res_id": self.held.id}
        )
        result, error = self.rpc("tcd.session", "write", self.held.ids, {"shared_attachment_ids": [(4, own.id)]})
        self.assertFalse(error, error)
        response = self.url_open(f"/my/tcd/invitations/{line.id}/documents/{own.id}?access_token={line.access_token}")
        self.assertEqual((response.status_code, response.content), (200, b"plan"))

    def test_her_handler_and_the_confidential_handlers_read_her_and_each_read_is_logged(self):
        Log = self.env["tcd.access.log"]
        for user in (self.officer_a1, self.confidential_a1):
            user.groups_id += self.env.ref("base.group_allow_export")
            with self.subTest(user=user.login):
                self.login(user)
                values = self.rpc("tcd.citizen", "read", [self.denouncer.id], ["name", "id_number"])[0][0]
                self.assertEqual((values["name"], values["id_number"]), ("Huỳnh Thị Mai", "051168905555"))
                self.rpc("tcd.citizen", "search_read", [("id", "=", self.denouncer.id)], ["phone"])
                self.rpc("tcd.citizen", "export_data", [self.denouncer.id], ["name"])
                entries = Log.search([("user_id", "=", user.id), ("citizen_id", "=", self.denouncer.id)])
                self.assertEqual(sorted(entries.mapped("action")), ["export", "read", "read"])

    def test_a_recording_download_is_logged_whatever_its_range(self):
        with freeze_time("2026-12-15 04:00:00"):
            self.held.action_end()
        recording = self.env["tcd.session.recording"].create(
            {"name": "Ghi hình", "session_id": self.held.id, "point_id": self.point_board_a.id}
        )
        recording._store_file(io.BytesIO(b"0123456789" * 100), "video.mp4")
        Log = self.env["tcd.access.log"]
        self.login(self.leader_a)
        response = self.url_open(f"/tcd/recordings/{recording.id}/download", headers={"Range": "bytes=100-199"})
        self.assertEqual(response.status_code, 206)
        entries = Log.search([("user_id", "=", self.leader_a.id), ("recording_id", "=", recording.id)])
        self.assertEqual(entries.mapped("action"), ["download"])
        # the other parts of the same download are not new downloads
        self.url_open(f"/tcd/recordings/{recording.id}/download", headers={"Range": "bytes=200-"})
        self.assertEqual(len(Log.search([("recording_id", "=", recording.id)])), 1)

    def test_every_model_holds_nothing_of_her_for_them(self):
        """Discovered, not listed: every model of the addon (and the standard ones it writes to) read, searched
        and grouped with every field the attacker may read."""
        addon = [
            name
            for name, model in self.env.registry.items()
            if name.startswith("tcd.") and model._auto and not model._abstract and not model._transient
        ]
        models = sorted({*addon, *STANDARD_MODELS, *EXTENDED_MODELS})
        self.assertIn("tcd.citizen.identity", models)
        pattern = "|".join(re.escape(secret) for secret in self.SECRETS)
        for role, user in self.attackers.items():
            self.login(user)
            for model in models:
                with self.subTest(role=role, model=model):
                    fields, error = self.rpc(model, "fields_get", [], attributes=["type", "store"])
                    if error:
                        continue  # no access to the model at all
                    stored = [
                        name for name, field in fields.items() if field.get("store") and field["type"] != "binary"
                    ]
                    rows, error = self.rpc(model, "search_read", [], stored, limit=500)
                    self.assertNoSecret([rows, error], f"{role} {model}.search_read")
                    texts = [name for name in stored if fields[name]["type"] in TEXT_TYPES]
                    if texts:
                        domain = ["|"] * (len(texts) * len(self.SECRETS) - 1) + [
                            (name, "ilike", secret) for name in texts for secret in self.SECRETS
                        ]
                        count, error = self.rpc(model, "search_count", domain)
                        self.assertFalse(count, f"{role} {model}: a search matches her identity")
                        self.assertNoSecret(error, f"{role} {model}.search_count")
                    aggregated = [
                        f"{name}:array_agg"
                        for name in stored
                        if fields[name]["type"] in AGGREGATED_TYPES and name not in ("id",)
                    ]
                    if aggregated:
                        groups, error = self.rpc(model, "read_group", [], aggregated, [])
                        self.assertNoSecret([groups, error], f"{role} {model}.read_group")
                    self.assertFalse(re.search(pattern, json_text(rows)), f"{role} {model}")
