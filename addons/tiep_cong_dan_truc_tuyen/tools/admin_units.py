"""Addresses written in the old form (63 provinces, with a district) converted to the 2025 two-tier units
(34 provinces, no district; Nghị quyết 202/2025/QH15 and the Standing Committee's resolutions on the
communes), with the ``vietnamadminunits`` package (MIT): its parser of the old addresses and its table of
what each old commune became.

The package's own ``convert_address`` picks one new commune when the old one was split, after geocoding
the street on the Internet; here every new commune is offered, and nothing is sent anywhere.
"""

import functools
import unicodedata
from collections import namedtuple

# A commune-level unit of 2025 that an old commune (or part of it) became, as the package names it.
NewUnit = namedtuple("NewUnit", "province_code code name")
# What an old address says: its street (house, village), the old units as the package read them, and the new
# communes of the old one (several when it was split).
OldAddress = namedtuple("OldAddress", "street old_units new_units")


def unit_key(name):
    """The name of a unit without accents, spaces nor punctuation, in lower case: the two tables of units
    spell some names apart ("Xã Thuận Hòa" / "Xã Thuận Hoà", "Chân Mây - Lăng Cô" / "Chân Mây – Lăng Cô")."""
    letters = unicodedata.normalize("NFD", (name or "").lower().replace("đ", "d"))
    return "".join(char for char in letters if char.isalnum() and not unicodedata.combining(char))


def _tables():
    """The package's tables, imported when first used: it reads about 4 MB of JSON at import, which the
    server's workers need not hold until an officer converts an address."""
    from vietnamadminunits import ParseMode, parse_address
    from vietnamadminunits.converter import converter_2025
    from vietnamadminunits.database import get_data

    return ParseMode, parse_address, converter_2025, get_data


@functools.lru_cache(maxsize=64)
def convert_old_address(address):
    """The 2025 units of ``address``, written in the old form ("Thôn 1, Xã An Nghĩa, Huyện An Lão, Tỉnh Bình
    Định"); None when not even its province is recognised.

    :return: an ``OldAddress``; its ``new_units`` are empty when the old commune was not recognised (a few
        addresses are converted again and again while typed: the last ones are kept)
    """
    ParseMode, parse_address, tables, get_data = _tables()
    old = parse_address(address or "", mode=ParseMode.LEGACY, keep_street=True, level=3)
    province_key = next((new for new, olds in tables.DICT_PROVINCE.items() if old.province_key in olds), None)
    if not province_key:
        return None
    new_keys = []
    if old.district_key:
        # an island district has no commune: its key ends with "_"
        old_key = f"{old.province_key}_{old.district_key}_{old.ward_key or ''}"
        kept = tables.DICT_PROVINCE_WARD_NO_DIVIDED.get(province_key, {})
        new_keys = [new for new, olds in kept.items() if old_key in olds]
        new_keys += [
            ward["newWardKey"] for ward in tables.DICT_PROVINCE_WARD_DIVIDED.get(province_key, {}).get(old_key, [])
        ]
    rows = get_data(fields=["provinceKey", "provinceCode", "wardKey", "wardCode", "ward"])
    new_units = tuple(
        NewUnit(row["provinceCode"], row["wardCode"], row["ward"])
        for key in new_keys
        for row in rows
        if row["provinceKey"] == province_key and row["wardKey"] == key
    )
    old_units = ", ".join(name for name in (old.ward, old.district, old.province) if name)
    return OldAddress(old.street, old_units, new_units)
