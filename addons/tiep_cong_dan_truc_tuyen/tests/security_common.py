import base64
import json

from odoo.tests import HttpCase
from odoo.tools import mute_logger

from .common import MODULE
from .test_session_conclusion import TcdHeldSessionCommon

MASK = "[bảo mật]"


class TcdSecurityCommon(HttpCase, TcdHeldSessionCommon):
    """A protected denouncer of commune A1, her denunciation and its documents, and the users of every level
    who are not her handlers: they attack through the JSON-RPC API of the web client, its routes and the
    portal, as a hostile officer would.

    ``SECRETS`` are her identity's values: no answer to them may hold one."""

    SECRETS = ("Huỳnh Thị Mai", "051168905555", "0935000111", "mai.tocao@example.com", "Thôn Gò Da 7")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.denouncer = cls.citizen(
            "Huỳnh Thị Mai", "051168905555", cls.commune_a1, birth="1968-04-12", gender="female",
            street="Thôn Gò Da 7", phone="0935000111", email="mai.tocao@example.com",
            admin_unit_id=cls.env.ref(f"{MODULE}.admin_unit_21040").id,
        )  # fmt: skip
        cls.denunciation = cls.case(
            cls.denouncer, cls.commune_a1, kind="denunciation", protection_requested=True,
            subject="Tố cáo sai phạm đất đai", handler_ids=[(6, 0, cls.officer_a1.ids)],
        )  # fmt: skip
        Document = cls.env["tcd.dossier.document"]
        cls.id_card = Document.create(
            {
                "name": "Căn cước",
                "document_type": "identity",
                "case_id": cls.denunciation.id,
                "file": base64.b64encode("Huỳnh Thị Mai 051168905555".encode()),
                "file_name": "can-cuoc.pdf",
            }
        )
        cls.petition = Document.create(
            {
                "name": "Đơn tố cáo viết tay",
                "document_type": "petition",
                "case_id": cls.denunciation.id,
                "file": base64.b64encode("Tôi là Huỳnh Thị Mai, Thôn Gò Da 7".encode()),
                "file_name": "don.pdf",
            }
        )
        # what the chatter and the activities store of her
        cls.denouncer.message_post(body="Đã tiếp nhận đơn")
        cls.denouncer.activity_schedule(summary="Xác minh", user_id=cls.officer_a1.id)
        export = cls.env.ref("base.group_allow_export")
        cls.attackers = {
            "leader": cls.leader_a1,
            "province leader": cls.leader_a,
            "administrator": cls.tcd_admin,
            "central officer": cls.central_officer,
            "technician": cls.technician_a1,
            "commune officer": cls.officer_a1_other,
        }
        for user in cls.attackers.values():
            user.groups_id += export

    # ------------------------------------------------------------------ the attacker's client

    def login(self, user):
        self.authenticate(user.login, user.login)

    @mute_logger("odoo.http", "odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def rpc(self, model, method, *args, **kwargs):
        """Call ``model.method`` as the web client does; return (result, error data)."""
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        }
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        body = response.json()
        return body.get("result"), body.get("error")

    def assertNoSecret(self, payload, where):
        """Nothing of her identity in ``payload`` (a result, an error and its traceback, a page)."""
        text = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False, default=str)
        for secret in self.SECRETS:
            self.assertNotIn(secret, text, f"{where}: {secret!r} leaked")
