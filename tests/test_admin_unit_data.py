"""The administrative units data file shipped with the addon."""

import csv
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "addons/tiep_cong_dan_truc_tuyen/data/tcd.admin.unit.csv"


def _rows():
    with DATA.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_counts_of_the_2025_reform():
    types = Counter(row["unit_type"] for row in _rows())
    assert types == {"province": 28, "city": 6, "commune": 2621, "ward": 687, "special_zone": 13}


def test_codes_unique_and_well_formed():
    rows = _rows()
    codes = [row["code"] for row in rows]
    assert len(codes) == len(set(codes))
    for row in rows:
        is_province = row["unit_type"] in ("province", "city")
        assert row["code"].isdigit() and len(row["code"]) == (2 if is_province else 5), row
        assert row["id"] == "admin_unit_" + row["code"]


def test_every_commune_points_to_a_listed_province():
    seen_provinces = set()
    for row in _rows():
        if row["unit_type"] in ("province", "city"):
            assert not row["parent_id:id"]
            seen_provinces.add(row["id"])
        else:
            # its province is listed before it, so the file loads in one pass
            assert row["parent_id:id"] in seen_provinces, row
    assert len(seen_provinces) == 34


def test_province_names_and_short_names():
    by_code = {row["code"]: row for row in _rows()}
    assert (by_code["51"]["name"], by_code["51"]["short_name"]) == ("Tỉnh Quảng Ngãi", "Quảng Ngãi")
    assert (by_code["01"]["name"], by_code["01"]["short_name"]) == ("Thành phố Hà Nội", "Hà Nội")
    assert by_code["21609"]["name"] == by_code["11629"]["name"] == "Xã An Lão"
