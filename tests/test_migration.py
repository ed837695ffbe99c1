"""An installed database of the last release (18.0.1.0.0, the identities in the citizens' table) upgrades to this
version: the identities move to their own model and leave the citizens' table, a protected denouncer is named by
her pseudonym in what her messages stored, the notices' scheduled action calls its new method, and the cases and
sessions are numbered without gaps; then (18.0.1.2.0) the deadlines follow the rules held as data."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# the last commit of 18.0.1.0.0
RELEASE = "65f073b"

pytestmark = pytest.mark.skipif(shutil.which("odoo") is None, reason="Odoo 18.0 is not installed")


def psql(db, query):
    output = subprocess.run(["psql", "-d", db, "-XAtc", query], capture_output=True, text=True, check=True).stdout
    return output.splitlines()


@pytest.fixture
def release_database(tmp_path):
    """A database with the release's addon and its demo data installed."""
    db = f"tcd_migration_{os.getpid()}"
    tree = tmp_path / "release"
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(tree), RELEASE], check=True)
    subprocess.run(["dropdb", "--if-exists", db], check=False, capture_output=True)
    try:
        install = subprocess.run(
            [
                str(tree / "scripts/odoo-run"),
                "-d",
                db,
                "-i",
                "tiep_cong_dan_truc_tuyen",
                "--stop-after-init",
                f"--data-dir={tmp_path / 'data'}",
                "--log-level=warn",
            ],
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        assert psql(db, "SELECT latest_version FROM ir_module_module WHERE name = 'tiep_cong_dan_truc_tuyen'") == [
            "18.0.1.0.0"
        ], install.stderr[-3000:]
        yield db, tmp_path
    finally:
        subprocess.run(["dropdb", "--if-exists", db], check=False, capture_output=True)
        subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)], check=False)


def test_upgrade_moves_the_identities_out_of_the_citizens_table(release_database):
    db, tmp_path = release_database
    citizens = psql(db, "SELECT count(*) FROM tcd_citizen")[0]
    protected = psql(db, "SELECT id FROM tcd_citizen WHERE is_protected")
    assert len(protected) == 1
    upgrade = subprocess.run(
        [
            str(REPO / "scripts/odoo-run"),
            "-d",
            db,
            "-u",
            "tiep_cong_dan_truc_tuyen",
            "--stop-after-init",
            f"--data-dir={tmp_path / 'data'}",
            "--log-level=warn",
        ],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert upgrade.returncode == 0, upgrade.stderr[-3000:]
    assert " ERROR " not in upgrade.stderr, upgrade.stderr[-3000:]
    assert psql(db, "SELECT latest_version FROM ir_module_module WHERE name = 'tiep_cong_dan_truc_tuyen'") == [
        "18.0.1.2.0"
    ]
    assert psql(db, "SELECT count(*) FROM tcd_citizen_identity") == [citizens]
    assert psql(
        db,
        "SELECT count(*) FROM information_schema.columns WHERE table_name = 'tcd_citizen' "
        "AND column_name IN ('name', 'id_number', 'birth_date', 'street', 'phone', 'email')",
    ) == ["0"]
    her = protected[0]
    assert psql(db, f"SELECT public_name, code FROM tcd_citizen WHERE id = {her}")[0].startswith("[bảo mật] CD-")
    assert psql(db, f"SELECT count(*) FROM mail_message WHERE model = 'tcd.citizen' AND res_id = {her} "
                    "AND record_name NOT LIKE '[bảo mật]%'") == ["0"]  # fmt: skip
    assert psql(db, f"SELECT is_protected FROM tcd_citizen_identity WHERE citizen_id = {her}") == ["t"]
    assert psql(
        db,
        "SELECT a.code FROM ir_cron c JOIN ir_act_server a ON a.id = c.ir_actions_server_id "
        "WHERE a.code LIKE 'model._cron_s%' AND a.model_name = 'tcd.session.notice'",
    ) == ["model._cron_send()"]
    assert psql(
        db, "SELECT implementation FROM ir_sequence WHERE code IN ('tcd.case', 'tcd.session') ORDER BY code"
    ) == ["no_gap", "no_gap"]
    # 18.0.1.2.0: the cases' deadlines follow the rules held as data, the reminders run on one engine and the
    # seeds' lead-time rules end when Nghị định 154/2026/NĐ-CP Điều 23 comes into force
    assert psql(db, "SELECT count(*) = count(rule_id) AND count(*) > 0 FROM tcd_case_deadline") == ["t"]
    assert psql(
        db,
        "SELECT count(*) FROM ir_cron c JOIN ir_act_server a ON a.id = c.ir_actions_server_id "
        "WHERE a.code = 'model._cron_remind()'",
    ) == ["5"]
    assert psql(
        db, "SELECT code, date_to FROM tcd_lead_time_rule WHERE code = 'notify' ORDER BY date_from NULLS FIRST"
    ) == [
        "notify|2026-06-30",
        "notify|",
    ]
