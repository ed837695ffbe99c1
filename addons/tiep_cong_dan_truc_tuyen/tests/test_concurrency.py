import json
import os
import shutil
import subprocess

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tools import config

# Two requests at once, as two users' requests run on a server: each in its own thread and database transaction,
# retried by Odoo on a concurrency error (odoo.service.model.retrying). The first holds its transaction open a
# moment after its work, until the second has started. Run in an `odoo shell` of its own: the test runner holds
# the registries' lock that a retried request takes. Prints the errors the users would see, as JSON.
TWO_REQUESTS = """
import json, os, threading, time
from functools import partial
from odoo import SUPERUSER_ID, api
from odoo.service.model import retrying

visit_ids = json.loads(os.environ["TCD_VISITS"])
registry = env.registry
env.cr.rollback()
started = threading.Event()
errors = []

def request(visit_id, first):
    try:
        with registry.cursor() as cr:
            renv = api.Environment(cr, SUPERUSER_ID, {})
            if not first:
                started.set()
            retrying(lambda: renv["tcd.reception.visit"].browse(visit_id).action_record(), renv)
            if first:
                started.wait(10)
                time.sleep(0.5)
    except Exception as error:
        errors.append(f"{type(error).__name__}: {error}")

threads = [threading.Thread(target=request, args=(visit_id, index == 0)) for index, visit_id in enumerate(visit_ids)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join(120)
print("RESULT " + json.dumps(errors))
"""


@tagged("post_install", "-at_install")
class TestConcurrentRegister(BaseCase):
    """Two requests recording receptions at once, each in its own database transaction (issue 21): the register
    gets no duplicate line nor number, and neither user sees an error — the request that finds the reception or
    the agency's numbering locked is retried by Odoo and finds the other's work done.

    The records are committed, as two transactions must see them, and removed afterwards."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            parent = env["tcd.agency"].search([("level", "=", "province")], limit=1)
            self.agency_id = env["tcd.agency"].create(
                {"name": "UBND xã Song song (test)", "level": "commune", "kind": "people_committee",
                 "parent_id": parent.id}
            ).id  # fmt: skip
            self.visit_ids = []
            for subject in ("Khiếu nại A", "Khiếu nại B"):
                visit = env["tcd.reception.visit"].create({"subject": subject, "agency_id": self.agency_id})
                visit._create_cases([("complaint", subject, env["tcd.dossier.document"])])
                self.visit_ids.append(visit.id)
        self.addCleanup(self.remove_records)

    def remove_records(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            agency = env["tcd.agency"].browse(self.agency_id)
            visits = env["tcd.reception.visit"].browse(self.visit_ids)
            env["tcd.reception.register"].search([("agency_id", "=", agency.id)]).unlink()
            visits.case_ids.unlink()
            visits.write({"state": "draft"})
            visits.unlink()
            sequences = agency.register_sequence_id | agency.document_sequence_id
            agency.unlink()
            sequences.unlink()

    def record_at_once(self, visit_ids):
        """Record ``visit_ids`` (one per request) at once; the errors the users see."""
        options = [f"--addons-path={config['addons_path']}"]
        for name in ("db_host", "db_port", "db_user", "db_password"):
            if config[name]:
                options.append(f"--{name}={config[name]}")
        proc = subprocess.run(
            [shutil.which("odoo"), "shell", "-d", get_db_name(), "--no-http", "--log-level=warn", *options],
            input=TWO_REQUESTS,
            env=dict(os.environ, TCD_VISITS=json.dumps(visit_ids)),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        results = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
        self.assertTrue(results, proc.stdout + proc.stderr)
        return json.loads(results[-1][len("RESULT ") :])

    def lines(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            lines = env["tcd.reception.register"].search([("agency_id", "=", self.agency_id)], order="number")
            return [(line.visit_id.id, line.number) for line in lines]

    def test_the_same_reception_recorded_twice_at_once(self):
        self.assertEqual(self.record_at_once([self.visit_ids[0], self.visit_ids[0]]), [])
        self.assertEqual(self.lines(), [(self.visit_ids[0], 1)])

    def test_two_receptions_recorded_at_once_get_two_numbers(self):
        # the agency's first line: both requests would create its yearly numbering
        self.assertEqual(self.record_at_once(self.visit_ids), [])
        lines = self.lines()
        self.assertEqual(sorted(visit for visit, _number in lines), sorted(self.visit_ids))
        self.assertEqual([number for _visit, number in lines], [1, 2])
