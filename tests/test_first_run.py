"""The README's native run command, as a newcomer runs it: `scripts/serve` on an empty database brings up the
login page; a demo user logs in and prints an invitation letter, a real PDF with its stylesheet; the demo's
invitations go out with their letters rendered the same way. Then the same once more, restarted on the database
it created.

The times are written to $TCD_LOG_DIR/first-run.txt (scripts/test sets it) or printed."""

import base64
import http.cookiejar
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# the first run installs Odoo's base, mail, portal, maintenance and the addon with its demo data
INSTALL_TIMEOUT = 20 * 60
START_TIMEOUT = 3 * 60
# the scheduled action that sends the demo's invitations runs within a minute of the server's start
CRON_TIMEOUT = 3 * 60
DEMO_PASSWORD = "tcd-demo"
# the font of the administrative documents' stylesheet (Times New Roman, or its twin Liberation Serif); without it
# wkhtmltopdf prints in its default font
LETTER_FONTS = ("LiberationSerif", "TimesNewRoman")

pytestmark = pytest.mark.skipif(shutil.which("odoo") is None, reason="Odoo 18.0 is not installed")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Client:
    """The web client's JSON-RPC calls, with its session cookie."""

    def __init__(self, url, db):
        self.url, self.db = url, db
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def _json(self, path, params):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}).encode()
        request = urllib.request.Request(self.url + path, body, {"Content-Type": "application/json"})
        with self.opener.open(request, timeout=300) as response:
            result = json.load(response)
        assert "error" not in result, result["error"]
        return result["result"]

    def login(self, login, password):
        session = self._json("/web/session/authenticate", {"db": self.db, "login": login, "password": password})
        self.uid = session["uid"]
        return session

    def call(self, model, method, *args, **kwargs):
        return self._json("/web/dataset/call_kw", {"model": model, "method": method, "args": args, "kwargs": kwargs})

    def get(self, path):
        with self.opener.open(self.url + path, timeout=300) as response:
            return response.headers.get_content_type(), response.read()


def pdf_text(pdf, tmp_path, name):
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split()), fonts


def assert_styled_invitation(pdf, tmp_path, name, point):
    """A Vietnamese invitation letter of ``point``, printed with the documents' stylesheet (its font)."""
    assert pdf.startswith(b"%PDF-"), pdf[:200]
    text, fonts = pdf_text(pdf, tmp_path, name)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "GIẤY MỜI" in text
    assert "Tiếp công dân về bồi thường, hỗ trợ tái định cư" in text
    assert point.replace("Điểm cầu ", "") in text
    assert any(font in fonts for font in LETTER_FONTS), f"the letter's stylesheet was not applied:\n{fonts}"


class Server:
    """`scripts/serve` in its own process group, its output in a log file."""

    def __init__(self, db, port, data_dir, log):
        self.db, self.port, self.log = db, port, log
        self.url = f"http://127.0.0.1:{port}"
        env = dict(os.environ, TCD_DB=db, TCD_HTTP_PORT=str(port), TCD_HTTP_INTERFACE="127.0.0.1")
        self.started = time.monotonic()
        with open(log, "ab") as out:
            self.proc = subprocess.Popen(
                [str(REPO / "scripts/serve"), f"--data-dir={data_dir}"],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_for_login_page(self, timeout):
        deadline = self.started + timeout
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, f"scripts/serve stopped (status {self.proc.returncode}): see {self.log}"
            try:
                with urllib.request.urlopen(f"{self.url}/web/login", timeout=10) as response:
                    page = response.read().decode()
                if response.status == 200 and 'name="login"' in page:
                    return time.monotonic() - self.started
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(2)
        pytest.fail(f"no login page after {timeout} s: see {self.log}")

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    db = f"tcd_firstrun_{os.getpid()}"
    subprocess.run(["dropdb", "--if-exists", db], check=False, capture_output=True)
    yield db, tmp_path_factory.mktemp("first-run")
    subprocess.run(["dropdb", "--if-exists", db], check=False, capture_output=True)


def report(line):
    log_dir = os.environ.get("TCD_LOG_DIR")
    if log_dir:
        with open(Path(log_dir) / "first-run.txt", "a") as out:
            out.write(line + "\n")
    print(line)


def invitation_points(client):
    """The delegate points of the demo session whose invitations were sent (its plan approved)."""
    return client.call(
        "tcd.session.point",
        "search_read",
        [("session_id.subject", "=", "Tiếp công dân về bồi thường, hỗ trợ tái định cư")],
        fields=["bridge_point_id"],
    )


def print_invitation(server, tmp_path, name):
    """A province officer logs in and prints the first point's invitation letter from the back office."""
    client = Client(server.url, server.db)
    assert client.login("canbo.tinh", DEMO_PASSWORD)["uid"]
    point = invitation_points(client)[0]
    kind, pdf = client.get(f"/report/pdf/tiep_cong_dan_truc_tuyen.tcd_session_point_invitation_document/{point['id']}")
    assert kind == "application/pdf"
    assert_styled_invitation(pdf, tmp_path, name, point["bridge_point_id"][1])


def sent_invitation_letters(server):
    """The PDF letters attached to the mails of the demo's invitations, once the scheduled action sent them."""
    admin = Client(server.url, server.db)
    assert admin.login("admin", "admin")["uid"]
    points = {point["id"]: point["bridge_point_id"][1] for point in invitation_points(admin)}
    deadline = time.monotonic() + CRON_TIMEOUT
    while time.monotonic() < deadline:
        notices = admin.call(
            "tcd.session.notice",
            "search_read",
            [("kind", "=", "invitation"), ("point_line_id", "in", list(points))],
            fields=["point_line_id", "mail_id"],
        )
        if len(notices) == len(points) and all(notice["mail_id"] for notice in notices):
            break
        time.sleep(3)
    else:
        pytest.fail(f"the demo's invitations were not sent within {CRON_TIMEOUT} s of the start")
    letters = {}
    for notice in notices:
        mail = admin.call("mail.mail", "read", [notice["mail_id"][0]], ["attachment_ids"])[0]
        pdfs = admin.call(
            "ir.attachment",
            "search_read",
            [("id", "in", mail["attachment_ids"]), ("mimetype", "=", "application/pdf")],
            fields=["datas"],
        )
        assert len(pdfs) == 1
        letters[points[notice["point_line_id"][0]]] = pdfs[0]["datas"]
    return letters


def protected_identity_reads_are_logged(server):
    """The demo's protected denouncer: her handler reads her identity through its own model (a read-only request,
    which Odoo runs again read/write to log it), the leader gets nothing, and the administrator finds the read in
    the access log."""
    her = [("id_number", "=", "051068005555")]
    handler = Client(server.url, server.db)
    assert handler.login("canbo.tinh", DEMO_PASSWORD)["uid"]
    rows = handler.call("tcd.citizen.identity", "search_read", her, fields=["name"])
    assert [row["name"] for row in rows] == ["Huỳnh Thị Mai"]
    leader = Client(server.url, server.db)
    assert leader.login("lanhdao", DEMO_PASSWORD)["uid"]
    assert leader.call("tcd.citizen.identity", "search_read", her, fields=["name"]) == []
    admin = Client(server.url, server.db)
    assert admin.login("admin", "admin")["uid"]
    entries = admin.call(
        "tcd.access.log",
        "search_read",
        [("model", "=", "tcd.citizen.identity"), ("action", "=", "read")],
        fields=["user_id"],
    )
    assert [entry["user_id"][0] for entry in entries] == [handler.uid]


def test_first_run_then_restart(database):
    db, tmp_path = database
    port = free_port()
    log = tmp_path / "serve.log"
    data_dir = tmp_path / "data"

    server = Server(db, port, data_dir, log)
    try:
        elapsed = server.wait_for_login_page(INSTALL_TIMEOUT)
        report(f"first run: scripts/serve on an empty database to the login page in {elapsed:.0f} s")
        assert "== 1/2 First run" in log.read_text()
        print_invitation(server, tmp_path, "printed")
        letters = sent_invitation_letters(server)
        assert len(letters) == 2
        for point, datas in letters.items():
            assert_styled_invitation(base64.b64decode(datas), tmp_path, f"mailed-{len(point)}", point)
        protected_identity_reads_are_logged(server)
    finally:
        server.stop()

    restarted = Server(db, port, data_dir, log)
    try:
        elapsed = restarted.wait_for_login_page(START_TIMEOUT)
        report(f"restart: scripts/serve on the existing database to the login page in {elapsed:.0f} s")
        assert log.read_text().count("== 1/2 First run") == 1, "the restart installed the addon again"
        print_invitation(restarted, tmp_path, "printed-again")
    finally:
        restarted.stop()
    errors = [line for line in log.read_text().splitlines() if " ERROR " in line or " CRITICAL " in line]
    assert not errors, "\n".join(errors)
