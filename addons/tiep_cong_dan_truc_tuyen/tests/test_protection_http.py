import csv
import io
import json

from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged

MASK = "[bảo mật]"
GROUP = "tiep_cong_dan_truc_tuyen.group_tcd_"


@tagged("post_install", "-at_install")
class TestProtectionOverHttp(HttpCase):
    """What the web client's RPC and the export give an officer who is not assigned to a protected denouncer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        commune = cls.env["tcd.agency"].create({"name": "UBND xã HTTP", "level": "commune"})
        cls.handler = new_test_user(cls.env, login="http_handler", groups=GROUP + "officer", tcd_agency_id=commune.id)
        cls.colleague = new_test_user(
            cls.env, login="http_colleague", groups=GROUP + "officer,base.group_allow_export", tcd_agency_id=commune.id
        )
        cls.denouncer = cls.env["tcd.citizen"].create(
            {"name": "Người Tố Cáo", "id_number": "051070009999", "agency_id": commune.id, "phone": "0912000999"}
        )
        cls.env["tcd.case"].create(
            {
                "subject": "Tố cáo (HTTP)",
                "kind": "denunciation",
                "protection_requested": True,
                "agency_id": commune.id,
                "citizen_ids": [(6, 0, cls.denouncer.ids)],
                "handler_ids": [(6, 0, cls.handler.ids)],
            }
        )

    def call(self, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw/tcd.citizen/%s" % method,
            {"model": "tcd.citizen", "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def test_rpc_read_search_read_and_export_are_masked_and_logged(self):
        self.authenticate("http_colleague", "http_colleague")
        fields = ["name", "id_number", "phone"]
        self.assertEqual(self.call("read", [[self.denouncer.id], fields])[0]["name"], MASK)
        rows = self.call("search_read", [[("id", "=", self.denouncer.id)], fields])
        self.assertEqual([rows[0][f] for f in fields], [MASK, MASK, MASK])
        self.assertFalse(self.call("search_read", [[("name", "ilike", "Người Tố Cáo")], ["id"]]))
        # the form view opens the record with web_read: masked, and logged
        opened = self.call("web_read", [[self.denouncer.id]], {"specification": {f: {} for f in fields}})
        self.assertEqual(opened[0]["id_number"], MASK)
        response = self.url_open(
            "/web/export/csv",
            data={
                "data": json.dumps(
                    {
                        "model": "tcd.citizen",
                        "fields": [{"name": f, "label": f} for f in fields],
                        "ids": [self.denouncer.id],
                        "domain": [],
                        "import_compat": False,
                    }
                ),
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertEqual(response.status_code, 200)
        exported = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        self.assertEqual(exported[1], [MASK, MASK, MASK])
        self.assertNotIn("051070009999", response.text)
        log = self.env["tcd.access.log"].search([("user_id", "=", self.colleague.id)])
        # each request logged its reads: read, search_read, the form's opening, the export
        self.assertEqual(sorted(log.mapped("action")), ["export", "open", "read", "read"])
        self.assertEqual(log.citizen_id, self.denouncer)
        self.assertTrue(all(log.mapped("ip_address")))

    def test_the_assigned_handler_reads_the_identity(self):
        self.authenticate("http_handler", "http_handler")
        self.assertEqual(
            self.call("read", [[self.denouncer.id], ["name", "id_number"]])[0]["id_number"], "051070009999"
        )
