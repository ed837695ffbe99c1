# Run by scripts/bench inside `odoo shell` (``env`` is given) on a populated database.
import os
import re
import statistics
import time
from datetime import date, datetime, timedelta

import requests
from freezegun import freeze_time

from odoo.addons.tiep_cong_dan_truc_tuyen.tests.web_spec import view_spec

RUNS = int(os.environ.get("TCD_BENCH_RUNS", "5"))
PAGE = 80
KANBAN_PAGE = 40
BASE_URL = os.environ["TCD_BENCH_URL"]
SERVER_LOG = os.environ["TCD_BENCH_SERVER_LOG"]
OUT = os.environ["TCD_BENCH_OUT"]
env = globals()["env"]  # given by odoo shell
cr = env.cr
LIST_MODELS = ("tcd.case", "tcd.session", "tcd.bridge.point", "tcd.leader.reception")


def log(message):
    print(message, flush=True)


# ---------------------------------------------------------------------------- set-up


def bench_users():
    """A commune officer, a province officer (the province's reception board) and an administrator."""
    Users = env["res.users"]
    officers = Users.search([("login", "=like", "can_bo.%")], order="id")
    return [
        ("commune officer", officers.filtered(lambda user: user.tcd_agency_id.level == "commune")[:1]),
        ("province officer", officers.filtered(lambda user: user.tcd_agency_id.kind == "reception_board")[:1]),
        ("administrator", env.ref("base.user_admin")),
    ]


def ensure_events(count):
    """As many calendar events as the anchor needs, inserted in SQL (public, an hour each)."""
    cr.execute("SELECT count(*) FROM calendar_event")
    missing = count - cr.fetchone()[0]
    if missing > 0:
        cr.execute(
            """INSERT INTO calendar_event (name, start, stop, allday, active, privacy, show_as, user_id,
                                           duration, create_uid, write_uid, create_date, write_date)
               SELECT 'Lịch làm việc ' || n, ts, ts + interval '1 hour', false, true, 'public', 'busy', %s,
                      1.0, 1, 1, now(), now()
               FROM generate_series(1, %s) AS n,
                    LATERAL (SELECT timestamp '2022-01-03 01:00' + mod(n, 40000) * interval '70 minutes') AS t(ts)""",
            [env.ref("base.user_admin").id, missing],
        )
        cr.commit()
        log(f"inserted {missing} calendar events for the anchor")


def as_user(Model, user):
    return Model.with_user(user).with_context(lang=user.lang or "vi_VN", tz=user.tz or "Asia/Ho_Chi_Minh")


# ---------------------------------------------------------------------------- measuring


def measure(function):
    """Median seconds and SQL queries of ``function`` over RUNS runs, caches of records cold, caches of
    rules and views warm (after a first run), as for a user who has been working a while."""
    function()
    timings, queries = [], []
    for _run in range(RUNS):
        env.invalidate_all()
        before = cr.sql_log_count
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
        queries.append(cr.sql_log_count - before)
    env.invalidate_all()
    return statistics.median(timings), int(statistics.median(queries))


def list_read(model, user):
    Model = as_user(env[model], user)
    spec = view_spec(Model, "list")
    return lambda: Model.web_search_read([], spec, limit=PAGE, count_limit=10001)


def busiest_month():
    cr.execute(
        "SELECT date_trunc('month', start) AS month FROM tcd_session GROUP BY 1 ORDER BY count(*) DESC, 1 DESC LIMIT 1"
    )
    first = cr.fetchone()[0].date()
    return first, (first + timedelta(days=32)).replace(day=1)


def calendar_read(user, first, last):
    Session = as_user(env["tcd.session"], user)
    fields = list(view_spec(Session, "calendar")) + ["start", "stop", "display_name"]
    domain = [("start", "<", f"{last} 00:00:00"), ("stop", ">=", f"{first} 00:00:00")]
    return lambda: Session.search_read(domain, fields)


def kanban_read(user):
    Session = as_user(env["tcd.session"], user)
    spec = view_spec(Session, "kanban")

    def read():
        groups = Session.web_read_group([], ["state"], ["state"], lazy=True)["groups"]
        for group in groups:
            if group["state_count"]:
                Session.web_search_read(group["__domain"], spec, limit=KANBAN_PAGE)

    return read


def form_read(user):
    Session = as_user(env["tcd.session"], user)
    # a session with delegate points when the user sees one, else the user's latest session
    session = Session.search([("point_line_ids", "!=", False)], limit=1, order="start desc") or Session.search(
        [], limit=1, order="start desc"
    )
    spec = view_spec(Session, "form")
    return lambda: Session.browse(session.id).web_read(spec)


def dashboard_read(user):
    """The leaders' dashboard: every figure and its breakdown, as the kanban reads them."""
    Tile = as_user(env["tcd.dashboard.tile"], user)
    spec = view_spec(Tile, "kanban")
    return lambda: Tile.web_search_read([], spec)


def cases_pivot(user):
    """The cases statistics' pivot: this year's cases by handling agency and type."""
    Case = as_user(env["tcd.case"], user)
    year_start = f"{date.today():%Y}-01-01 00:00:00"
    return lambda: Case.read_group(
        [("received_date", ">=", year_start)], ["__count"], ["agency_id", "kind"], lazy=False
    )


def yearly_summary(user):
    """The yearly summary's figures over the user's scope (the whole country for an administrator)."""
    Report = as_user(env["tcd.annual.report"], user)
    report = Report.new({"year": date.today().year, "scope_agency_id": Report._default_scope_agency().id})
    return report._figures


def leaders_cron():
    """The leaders' daily scheduled action on the next Monday: every weekly period of the week created,
    counted and its chairman given an activity; then rolled back."""
    monday = date.today() + timedelta(days=7 - date.today().weekday())
    Period = env["tcd.leader.reception"]
    ended = [("period_end", "<", monday), ("end_checked", "=", False)]
    with freeze_time(f"{monday} 02:00:00"):
        return run_batches(
            Period._cron_plan, lambda: Period._leaders_to_plan(monday) or Period.search_count(ended, limit=1)
        )


def run_batches(step, pending):
    """Seconds and SQL queries of running ``step`` while ``pending()``, a batch at a time as the scheduled
    action does; then rolled back, so that every run starts from the same data."""
    env.invalidate_all()
    before = cr.sql_log_count
    started = time.perf_counter()
    while pending():
        step()
        env.invalidate_all()
    elapsed = time.perf_counter() - started
    queries = cr.sql_log_count - before
    cr.rollback()
    env.invalidate_all()
    return elapsed, queries


def portal_page():
    """An invitation page opened with its token, through the HTTP server (queries from its log)."""
    line = env["tcd.session.point"].search([], limit=1, order="id desc")
    token = line._portal_ensure_token()
    cr.commit()
    url = f"{BASE_URL}/my/tcd/invitations/{line.id}?access_token={token}"
    pattern = re.compile(rf'"GET /my/tcd/invitations/{line.id}\?access_token=\S+ HTTP/1.1" 200 - (\d+) ')
    requests.get(url, timeout=60)
    timings, queries = [], []
    for _run in range(RUNS):
        started = time.perf_counter()
        response = requests.get(url, timeout=60)
        timings.append(time.perf_counter() - started)
        response.raise_for_status()
        time.sleep(0.2)
        with open(SERVER_LOG, encoding="utf-8") as server_log:
            queries.append(int(pattern.findall(server_log.read())[-1]))
    return statistics.median(timings), int(statistics.median(queries))


# ---------------------------------------------------------------------------- the scheduled action


def run_cron(count):
    """The milestones' scheduled action with ``count`` reminders due, run until nothing is left, then
    rolled back: every run starts from the same data."""
    Milestone = env["tcd.session.milestone"]
    cr.execute(
        """UPDATE tcd_session_milestone SET remind_at = now() AT TIME ZONE 'UTC' - interval '1 minute'
           WHERE id IN (SELECT id FROM tcd_session_milestone
                        WHERE state = 'open' AND reminded IS NOT TRUE AND remind_at > now() AT TIME ZONE 'UTC'
                        ORDER BY remind_at, id LIMIT %s)""",
        [count],
    )
    now = datetime.now()
    return run_batches(
        Milestone._cron_process,
        lambda: Milestone.search_count(Milestone._open_domain("reminded", "remind_at", now), limit=1),
    )


def cron_rows():
    rows = []
    for count in (10, 1000):
        results = [run_cron(count) for _run in range(3)]
        rows.append(
            (f"scheduled action, {count:,} due", "-", statistics.median(r[0] for r in results),
             int(statistics.median(r[1] for r in results)))
        )  # fmt: skip
    return rows


# ---------------------------------------------------------------------------- the table


def main():
    counts = {}
    for model in (
        "tcd.citizen",
        "tcd.case",
        "tcd.session",
        "tcd.session.milestone",
        "tcd.bridge.point",
        "tcd.leader.reception",
    ):
        cr.execute(f"SELECT count(*) FROM {env[model]._table}")
        counts[model] = cr.fetchone()[0]
    ensure_events(counts["tcd.case"])
    first, last = busiest_month()
    rows = []
    anchors = {}
    for role, user in bench_users():
        log(f"measuring as {role} ({user.login})")
        anchor = measure(list_read("calendar.event", user))
        anchors[role] = anchor[0]
        rows.append((f"calendar.event list (anchor, {counts['tcd.case']:,} events)", role, *anchor))
        for model in LIST_MODELS:
            rows.append((f"{model} list, first {PAGE}", role, *measure(list_read(model, user))))
        rows.append((f"sessions calendar {first:%m/%Y}", role, *measure(calendar_read(user, first, last))))
        rows.append(("sessions kanban", role, *measure(kanban_read(user))))
        rows.append(("session form", role, *measure(form_read(user))))
        rows.append(("dashboard (every figure)", role, *measure(dashboard_read(user))))
        rows.append(("cases pivot, this year by agency and type", role, *measure(cases_pivot(user))))
        rows.append(("yearly summary figures", role, *measure(yearly_summary(user))))
    rows.append(("portal invitation page (HTTP)", "invited unit (token)", *portal_page()))
    rows += cron_rows()
    rows.append(("leaders' scheduled action, a new week", "-", *leaders_cron()))
    lines = [
        f"Database {cr.dbname}: {counts['tcd.citizen']:,} citizens, {counts['tcd.case']:,} cases, "
        f"{counts['tcd.session']:,} sessions, {counts['tcd.session.milestone']:,} milestones, "
        f"{counts['tcd.bridge.point']:,} bridge points, "
        f"{counts['tcd.leader.reception']:,} leaders' periods of reception",
        f"Machine: {os.cpu_count()} cores, {date.today():%Y-%m-%d}; median of {RUNS} runs (3 for the scheduled "
        "action), record caches cold",
        "",
        "| Read | Role | Median ms | SQL queries | × anchor |",
        "|---|---|---:|---:|---:|",
    ]
    for label, role, seconds, queries in rows:
        ratio = f"{seconds / anchors[role]:.2f}" if role in anchors and "list, first" in label else ""
        lines.append(f"| {label} | {role} | {seconds * 1000:.1f} | {queries:,} | {ratio} |")
    text = "\n".join(lines)
    print(text)
    with open(OUT, "w", encoding="utf-8") as out:
        out.write(text + "\n")


main()
