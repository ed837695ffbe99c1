# Run by scripts/populate inside `odoo shell` (``env`` is given), in two steps (TCD_POPULATE_STEP):
#   seed    the national structure through the ORM: for each province its People's Committee,
#           reception board, inspectorate and finance department, and its communes' People's
#           Committees, one bridge point each with its equipment, a chairman and an officer per
#           committee; and the seed records that `odoo populate` then duplicates: citizens, cases
#           with their legal deadlines, and held sessions with their points, milestones and participants.
#   upcoming  after the duplication: the coming week's session of every commune (being prepared,
#           with their open milestones and coordination tasks), as every commune chairman receives
#           citizens weekly; the chairmen's reception roles (communes weekly, provinces monthly) and
#           their periods of reception of the past year, counted from the held sessions.
import os
import random
import time
from datetime import date, datetime, timedelta

import pytz

env = globals()["env"]  # given by odoo shell
cr = env.cr
SIZE = os.environ["TCD_POPULATE_SIZE"]
STEP = os.environ["TCD_POPULATE_STEP"]
MODULE = "tiep_cong_dan_truc_tuyen"
# provinces (None: all 34), and the seed records duplicated by `odoo populate`
SIZES = {
    "small": {"provinces": 2, "citizens": 200, "cases": 300, "sessions": 50},
    "medium": {"provinces": None, "citizens": 2000, "cases": 3000, "sessions": 500},
    "large": {"provinces": None, "citizens": 2000, "cases": 3000, "sessions": 500},
}[SIZE]
BATCH = 500
VN = pytz.timezone("Asia/Ho_Chi_Minh")
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Kim", "Xuân"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hùng", "Lan", "Linh", "Mai", "Nam", "Phúc", "Quân"]
EQUIPMENT = {
    "equipment_category_network": "Đường truyền và bộ định tuyến",
    "equipment_category_audio": "Hệ thống âm thanh",
    "equipment_category_display": "Màn hình hiển thị",
    "equipment_category_camera": "Camera ghi hình",
    "equipment_category_pc": "Máy tính kết nối",
}
rng = random.Random(2026)
started = time.time()
ctx = {"tracking_disable": True, "mail_create_nolog": True, "mail_create_nosubscribe": True, "no_reset_password": True}
env = env(context=dict(env.context, **ctx))


def log(message):
    print(f"[{time.time() - started:7.1f} s] {message}", flush=True)


def lower_first(name):
    """'Thành phố Hà Nội' -> 'thành phố Hà Nội', to follow 'UBND' or 'Ủy ban nhân dân'."""
    return name[:1].lower() + name[1:]


def person():
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def utc(day, hour, minute=0):
    return (
        VN.localize(datetime.combine(day, datetime.min.time()).replace(hour=hour, minute=minute))
        .astimezone(pytz.utc)
        .replace(tzinfo=None)
    )


def create(model, vals_list):
    records = env[model]
    for first in range(0, len(vals_list), BATCH):
        records |= env[model].create(vals_list[first : first + BATCH])
    return records


def group(name):
    return env.ref(f"{MODULE}.group_tcd_{name}").id


def seed_structure():
    units = env["tcd.admin.unit"].search([("parent_id", "=", False)], order="code")
    if SIZES["provinces"]:
        units = units[: SIZES["provinces"]]
    provinces = create(
        "tcd.agency",
        [
            {"name": f"UBND {lower_first(u.name)}", "level": "province",
             "kind": "people_committee", "admin_unit_id": u.id, "code": f"UBND-{u.code}",
             "letter_name": f"Ủy ban nhân dân {lower_first(u.name)}", "document_symbol": "UBND",
             "email": f"ubnd.{u.code}@example.gov.vn"}
            for u in units
        ],
    )  # fmt: skip
    children = []
    for province in provinces:
        unit = province.admin_unit_id
        for kind, level, name, symbol in (
            ("reception_board", "province", "Ban Tiếp công dân", "BTCD"),
            ("inspectorate", "department", "Thanh tra", "TTr"),
            ("dept_finance", "department", "Sở Tài chính", "STC"),
        ):
            children.append(
                {"name": f"{name} {unit.short_name or unit.name}", "level": level, "kind": kind,
                 "parent_id": province.id, "admin_unit_id": unit.id, "document_symbol": symbol,
                 "code": f"{symbol}-{unit.code}", "email": f"{symbol.lower()}.{unit.code}@example.gov.vn"}
            )  # fmt: skip
        for commune in unit.child_ids:
            children.append(
                {"name": f"UBND {lower_first(commune.name)}", "level": "commune", "kind": "people_committee",
                 "parent_id": province.id, "admin_unit_id": commune.id, "document_symbol": "UBND",
                 "code": f"UBND-{commune.code}", "email": f"ubnd.{commune.code}@example.gov.vn"}
            )  # fmt: skip
    agencies = create("tcd.agency", children)
    log(f"{len(provinces)} provinces, {len(agencies)} agencies under them")
    all_agencies = provinces | agencies
    platform = env.ref(f"{MODULE}.platform_vnpt_gomeet")
    points = create(
        "tcd.bridge.point",
        [
            {"name": f"Điểm cầu {agency.name}", "agency_id": agency.id, "code": f"DC-{agency.code}",
             "is_central": agency.kind == "reception_board" or agency.level == "commune",
             "is_delegate": agency.kind != "reception_board", "platform_id": platform.id,
             "platform_account": f"dc.{agency.code.lower()}", "platform_password": f"pw-{rng.randrange(10**6):06d}",
             "required_bandwidth": 30.0 if agency.kind == "reception_board" else 5.0,
             "measured_bandwidth": rng.choice([8.0, 12.0, 20.0, 40.0]) if agency.kind != "reception_board" else 40.0,
             "max_points": 40 if agency.kind == "reception_board" else 10}
            for agency in all_agencies
            if agency.kind != "people_committee" or agency.level == "commune"
        ],
    )  # fmt: skip
    log(f"{len(points)} bridge points")
    equipment = create(
        "maintenance.equipment",
        [
            {"name": f"{label} - {point.code}", "category_id": env.ref(f"{MODULE}.{category}").id,
             "tcd_bridge_point_id": point.id}
            for point in points
            for category, label in EQUIPMENT.items()
        ],
    )  # fmt: skip
    log(f"{len(equipment)} pieces of equipment")
    users = []
    for agency in all_agencies:
        province_officer = [group("province_officer")] if agency.level == "province" else []
        if agency.kind == "people_committee":
            users.append(("chu_tich", agency, [group("leader")] + province_officer))
        if agency.level == "commune" or agency.kind == "reception_board":
            users.append(("can_bo", agency, [group("officer")] + province_officer))
    lang = "vi_VN" if env["res.lang"]._lang_get("vi_VN").active else "en_US"
    create(
        "res.users",
        [
            {"name": person(), "login": f"{role}.{agency.code.lower()}",
             "tcd_agency_id": agency.id, "groups_id": [(6, 0, groups)], "lang": lang, "tz": "Asia/Ho_Chi_Minh",
             "email": f"{role}.{agency.code.lower()}@example.gov.vn"}
            for role, agency, groups in users
        ],
    )  # fmt: skip
    log(f"{len(users)} users (a chairman per People's Committee, an officer per commune and reception board)")
    # hashing a password costs a fifth of a second: only the users who log in to the benchmarks have one
    officers = env["res.users"].search([("login", "=like", "can_bo.%")], order="id")
    benchmark_users = (
        officers.filtered(lambda user: user.tcd_agency_id.level == "commune")[:1]
        | officers.filtered(lambda user: user.tcd_agency_id.kind == "reception_board")[:1]
    )
    benchmark_users.write({"password": "tcd-demo"})
    log(f"password tcd-demo for {', '.join(benchmark_users.mapped('login'))} (and admin / admin)")
    cr.commit()


def communes():
    return env["tcd.agency"].search([("level", "=", "commune"), ("code", "like", "UBND-%")])


def chairman(agency):
    return env["res.users"].search([("login", "=", f"chu_tich.{agency.code.lower()}")])


def seed_records():
    agencies = communes()
    today = date.today()
    citizens = create(
        "tcd.citizen",
        [
            {"name": person(), "id_number": f"0{rng.randrange(1, 97):02d}{rng.randrange(10**9):09d}",
             "agency_id": agencies[index % len(agencies)].id, "gender": rng.choice(["male", "female"]),
             "birth_date": date(rng.randrange(1940, 2000), rng.randrange(1, 13), rng.randrange(1, 29))}
            for index in range(SIZES["citizens"])
        ],
    )  # fmt: skip
    log(f"{len(citizens)} seed citizens")
    states = ["new"] * 2 + ["approved"] + ["concluded"] * 2 + ["closed"] * 4 + ["refused"]
    ground = env.ref(f"{MODULE}.ground_far_vulnerable")
    cases = create(
        "tcd.case",
        [
            {"subject": f"Vụ việc {index}", "kind": rng.choice(["complaint", "denunciation", "petition", "reflection"]),
             "agency_id": citizen.agency_id.id, "citizen_ids": [(6, 0, citizen.ids)],
             "ground_ids": [(6, 0, ground.ids)],
             "state": rng.choice(states),
             "received_date": datetime.combine(today - timedelta(days=rng.randrange(1, 365)), datetime.min.time())
             + timedelta(hours=2)}
            for index, citizen in ((index, citizens[index % len(citizens)]) for index in range(SIZES["cases"]))
        ],
    )  # fmt: skip
    log(f"{len(cases)} seed cases with {len(cases.deadline_ids)} legal deadlines")
    # held sessions of the past year: communes on Monday mornings, one per commune and week
    monday = today - timedelta(days=today.weekday())
    vals_list = []
    for index in range(SIZES["sessions"] - SIZES["sessions"] // 10):
        agency = agencies[index % len(agencies)]
        day = monday - timedelta(weeks=1 + index // len(agencies))
        point = agency.bridge_point_ids[:1]
        start = utc(day, 8)
        vals_list.append(
            {"subject": "Tiếp công dân định kỳ", "agency_id": agency.id, "chair_id": chairman(agency).id,
             "kind": "periodic", "start": start, "stop": start + timedelta(hours=3), "central_point_id": point.id,
             "state": "held", "actual_start": start, "actual_end": start + timedelta(hours=3)}
        )  # fmt: skip
    # and a tenth of them hosted by the provinces' reception boards on Thursdays, three communes as delegates
    boards = env["tcd.agency"].search([("kind", "=", "reception_board"), ("code", "like", "BTCD-%")])
    for index in range(SIZES["sessions"] // 10):
        board = boards[index % len(boards)]
        day = monday - timedelta(weeks=1 + index // len(boards)) + timedelta(days=3)
        delegates = agencies.filtered(lambda agency, board=board: agency.parent_id == board.parent_id)
        delegates = delegates[(index * 3) % max(len(delegates) - 2, 1) :][:3]
        start = utc(day, 8)
        vals_list.append(
            {"subject": "Tiếp công dân định kỳ của Lãnh đạo UBND tỉnh", "agency_id": board.id,
             "chair_id": chairman(board.parent_id).id, "kind": "periodic", "start": start,
             "stop": start + timedelta(hours=3), "central_point_id": board.bridge_point_ids[:1].id,
             "point_line_ids": [(0, 0, {"bridge_point_id": point.id}) for point in delegates.bridge_point_ids],
             "state": "held", "actual_start": start, "actual_end": start + timedelta(hours=3)}
        )  # fmt: skip
    sessions = env["tcd.session"].with_context(tcd_workflow=True)
    for first in range(0, len(vals_list), BATCH):
        sessions |= sessions.create(vals_list[first : first + BATCH])
    sessions.action_propose_participants()
    log(
        f"{len(sessions)} seed sessions, {len(sessions.point_line_ids)} delegate points, "
        f"{len(sessions.milestone_ids)} milestones, {len(sessions.participant_ids)} participants"
    )
    cr.commit()


def upcoming():
    """The coming week's session of every commune: on the Monday two weeks ahead (far enough for the lead times)."""
    agencies = communes()
    today = date.today()
    day = today + timedelta(days=14 - today.weekday())
    Session = env["tcd.session"]
    count = 0
    for first in range(0, len(agencies), BATCH):
        batch = agencies[first : first + BATCH]
        Session |= Session.create(
            [
                {"subject": "Tiếp công dân định kỳ tuần tới", "agency_id": agency.id, "chair_id": chairman(agency).id,
                 "kind": "periodic", "start": utc(day, 8), "stop": utc(day, 11),
                 "central_point_id": agency.bridge_point_ids[:1].id}
                for agency in batch
            ]
        )  # fmt: skip
        count += len(batch)
        cr.commit()
    log(f"{count} upcoming sessions being prepared")


def leaders():
    """Every commune chairman receives citizens weekly and every province chairman monthly: their roles,
    and their periods of reception over the past year, created as the frequency report creates them."""
    chairmen = env["res.users"].search([("login", "=like", "chu_tich.%")], order="id")
    for level, role in (("commune", "commune_chairman"), ("province", "province_chairman")):
        chairmen.filtered(lambda user, level=level: user.tcd_agency_id.level == level).write(
            {"tcd_leader_role_id": env.ref(f"{MODULE}.leader_role_{role}").id}
        )
    today = date.today()
    Period = env["tcd.leader.reception"]
    count = 0
    for first in range(0, len(chairmen), BATCH):
        count += len(Period._ensure_periods(chairmen[first : first + BATCH], today - timedelta(days=365), today))
        cr.commit()
    log(f"{count} periods of reception of {len(chairmen)} chairmen")


if STEP == "seed":
    seed_structure()
    seed_records()
else:
    upcoming()
    leaders()
