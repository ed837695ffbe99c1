#!/usr/bin/env python3
"""Generate the administrative units data file of the addon.

Reads the 2025 two-tier administrative divisions (34 provinces, 3,321 commune-level
units, official codes of the National Statistics Office) from the PyPI package
``vietnam-provinces`` and writes ``data/tcd.admin.unit.csv``.

    pip install vietnam-provinces==2025.10.1
    python3 scripts/gen_admin_units.py
"""

import csv
import json
from pathlib import Path

import vietnam_provinces

OUT = Path(__file__).resolve().parent.parent / ("addons/tiep_cong_dan_truc_tuyen/data/tcd.admin.unit.csv")

PROVINCE_TYPES = {"tỉnh": "province", "thành phố trung ương": "city"}
COMMUNE_TYPES = {"xã": "commune", "phường": "ward", "đặc khu": "special_zone"}


def main():
    divisions = json.loads(Path(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH).read_text("utf-8"))
    rows = []
    for province in sorted(divisions, key=lambda p: p["code"]):
        pxid = "admin_unit_%02d" % province["code"]
        unit_type = PROVINCE_TYPES[province["division_type"]]
        short_name = province["name"].removeprefix("Thành phố ").removeprefix("Tỉnh ")
        prefix = "Thành phố" if unit_type == "city" else "Tỉnh"
        rows.append([pxid, "%s %s" % (prefix, short_name), short_name, "%02d" % province["code"], unit_type, ""])
        for ward in sorted(province["wards"], key=lambda w: w["code"]):
            rows.append(
                [
                    "admin_unit_%05d" % ward["code"],
                    ward["name"],
                    "",
                    "%05d" % ward["code"],
                    COMMUNE_TYPES[ward["division_type"]],
                    pxid,
                ]
            )
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["id", "name", "short_name", "code", "unit_type", "parent_id:id"])
        writer.writerows(rows)
    print("%s: %d rows (data version %s)" % (OUT, len(rows), vietnam_provinces.__data_version__))


if __name__ == "__main__":
    main()
