"""The addon ships as OCA addons do: a wheel built by whool from its manifest."""

import re
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ADDON = REPO / "addons" / "tiep_cong_dan_truc_tuyen"


def test_pip_wheel_builds_the_odoo_addon_wheel(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ADDON)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    wheels = list(tmp_path.glob("*.whl"))
    assert len(wheels) == 1, wheels
    assert re.fullmatch(r"odoo_addon_tiep_cong_dan_truc_tuyen-18\.0\.[0-9.]+-py3-none-any\.whl", wheels[0].name)
    with zipfile.ZipFile(wheels[0]) as wheel:
        names = wheel.namelist()
        metadata = wheel.read(next(name for name in names if name.endswith(".dist-info/METADATA"))).decode()
    assert "odoo/addons/tiep_cong_dan_truc_tuyen/__manifest__.py" in names
    assert "odoo/addons/tiep_cong_dan_truc_tuyen/static/src/scss/tcd_document.scss" in names
    requires = {line.split(": ", 1)[1] for line in metadata.splitlines() if line.startswith("Requires-Dist: ")}
    assert requires == {
        "odoo==18.0.*",
        "holidays>=0.109,<1",
        "phonenumbers>=8.13,<10",
        "qrcode>=7.3",
        "vietnamadminunits>=1.0.4,<1.1",
        "vobject>=0.9.6",
    }
