# Run by scripts/bench-sessions inside `odoo shell` (``env`` is given).
import os
import statistics
import time
from datetime import datetime, timedelta

SESSIONS = int(os.environ.get("TCD_BENCH_SESSIONS", "10000"))
OUT = os.environ["TCD_BENCH_OUT"]
RUNS = 3
env = globals()["env"]  # given by odoo shell
Milestone = env["tcd.session.milestone"]
cr = env.cr


def setup():
    Agency = env["tcd.agency"]
    province = Agency.create({"name": "Bench tỉnh", "level": "province", "kind": "people_committee"})
    board = Agency.create(
        {"name": "Bench Ban TCD", "level": "province", "kind": "reception_board", "parent_id": province.id}
    )
    commune = Agency.create({"name": "Bench xã", "level": "commune", "parent_id": province.id})
    Point = env["tcd.bridge.point"]
    central = Point.create(
        {"name": "Bench ĐC tỉnh", "agency_id": board.id, "is_central": True, "measured_bandwidth": 40}
    )
    delegate = Point.create({"name": "Bench ĐC xã", "agency_id": commune.id})
    leader = env["res.users"].create(
        {
            "name": "Bench lãnh đạo",
            "login": "bench_leader",
            "tcd_agency_id": board.id,
            "groups_id": [(4, env.ref("tiep_cong_dan_truc_tuyen.group_tcd_leader").id)],
        }
    )
    return board, central, delegate, leader


def create_sessions(board, central, delegate, leader):
    # one session every 3 hours from next year on: no double booking, nothing due yet
    base = datetime(datetime.now().year + 1, 1, 5, 2, 0)
    started = time.time()
    batch = 500
    for first in range(0, SESSIONS, batch):
        env["tcd.session"].create(
            [
                {
                    "subject": f"Bench {index}",
                    "agency_id": board.id,
                    "chair_id": leader.id,
                    "start": base + timedelta(hours=3 * index),
                    "stop": base + timedelta(hours=3 * index + 2),
                    "central_point_id": central.id,
                    "point_line_ids": [(0, 0, {"bridge_point_id": delegate.id})],
                }
                for index in range(first, min(first + batch, SESSIONS))
            ]
        )
        cr.commit()
    return time.time() - started


def make_due(count):
    """Bring ``count`` open milestones' reminders to now, as if their time had come."""
    cr.execute(
        """UPDATE tcd_session_milestone SET remind_at = now() AT TIME ZONE 'UTC' - interval '1 minute'
           WHERE id IN (SELECT id FROM tcd_session_milestone WHERE state = 'open' AND reminded IS NOT TRUE
                        ORDER BY id LIMIT %s)""",
        [count],
    )
    cr.commit()
    env.invalidate_all()


def run_cron():
    """Run the scheduled action as the cron runner does: until nothing is left."""
    queries = cr.sql_log_count
    started = time.perf_counter()
    while True:
        Milestone._cron_process()
        env.invalidate_all()
        if not Milestone.search_count(
            [("state", "=", "open"), ("reminded", "=", False), ("remind_at", "<=", datetime.now())]
        ):
            break
    elapsed = time.perf_counter() - started
    queries = cr.sql_log_count - queries
    cr.rollback()  # every run starts from the same data
    env.invalidate_all()
    return elapsed, queries


def measure(count):
    make_due(count)
    results = [run_cron() for _ in range(RUNS)]
    cr.execute("UPDATE tcd_session_milestone SET remind_at = due_at WHERE remind_at < now() AT TIME ZONE 'UTC'")
    cr.commit()
    return statistics.median(elapsed for elapsed, _ in results), statistics.median(queries for _, queries in results)


board, central, delegate, leader = setup()
cr.commit()
creation = create_sessions(board, central, delegate, leader)
cr.execute("SELECT count(*) FROM tcd_session_milestone")
milestones = cr.fetchone()[0]
rows = [(count, *measure(count)) for count in (10, 1000)]
lines = [
    f"Sessions: {SESSIONS:,} ({milestones:,} milestones), created in {creation:.1f} s",
    f"Machine: {os.cpu_count()} cores; median of {RUNS} runs",
    "",
    "| Due milestones | Seconds | SQL queries | Queries per milestone |",
    "|---:|---:|---:|---:|",
]
lines += [f"| {count:,} | {elapsed:.3f} | {queries:,} | {queries / count:.1f} |" for count, elapsed, queries in rows]
text = "\n".join(lines)
print(text)
with open(OUT, "w", encoding="utf-8") as out:
    out.write(text + "\n")
