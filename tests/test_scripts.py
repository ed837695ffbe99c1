"""The repository's commands fail clearly where Odoo 18 is missing."""

import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("command", [".ci/run", "scripts/test", "scripts/serve"])
def test_one_line_message_without_odoo(command, tmp_path):
    env = dict(os.environ, PATH="/usr/bin:/bin", HOME=str(tmp_path))
    proc = subprocess.run(
        ["bash", str(REPO / command)], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode != 0
    lines = (proc.stdout + proc.stderr).strip().splitlines()
    assert lines == ["Odoo 18.0 is not installed: the 'odoo' command (Odoo Server 18.0) was not found on PATH."]
