"""The repository's commands fail clearly where Odoo 18 is missing."""

import os
import shutil
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


def compose_config(*args, **env):
    """``config -q`` of the repository's compose files by the first compose client found, in the environment
    without REPLICATION_PASSWORD, plus ``env``."""
    environ = {key: value for key, value in os.environ.items() if key != "REPLICATION_PASSWORD"}
    for command in (["docker-compose"], ["docker", "compose"]):
        try:
            proc = subprocess.run(
                [*command, *args, "config", "-q"],
                cwd=REPO,
                env=dict(environ, **env),
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
        except FileNotFoundError:
            continue
        output = proc.stderr + proc.stdout
        if proc.returncode == 0 or not ("unknown command" in output or "unknown shorthand flag" in output):
            return proc
    pytest.skip("no docker compose client on this machine")


def test_compose_file_is_valid():
    proc = compose_config()
    assert proc.returncode == 0, proc.stderr


def test_production_profile_is_valid_and_asks_for_its_replication_password():
    proc = compose_config("-f", "docker-compose.prod.yml", REPLICATION_PASSWORD="secret")
    assert proc.returncode == 0, proc.stderr
    proc = compose_config("-f", "docker-compose.prod.yml")
    assert proc.returncode != 0
    assert "set REPLICATION_PASSWORD" in proc.stderr + proc.stdout


@pytest.mark.skipif(shutil.which("odoo") is None, reason="Odoo 18.0 is not installed")
def test_odoo_run_takes_a_subcommand_first():
    proc = subprocess.run(
        [str(REPO / "scripts/odoo-run"), "shell", "--no-http", "--log-level=warn"],
        input='print("shell says", 6 * 7)\n',
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "shell says 42" in proc.stdout, proc.stderr


def test_pre_commit_runs_the_checks_of_scripts_test_with_their_versions():
    yaml = pytest.importorskip("yaml")
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    pins = {
        line.split("==")[0]: line
        for line in (REPO / "requirements-dev.txt").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    }
    script = (REPO / "scripts/test").read_text()
    for hook_id, package, command in [
        ("ruff", "ruff", "ruff check"),
        ("ruff-format", "ruff", "ruff format --check"),
        ("pylint_odoo", "pylint-odoo", "pylint --rcfile=.pylintrc"),
    ]:
        hook = hooks[hook_id]
        assert hook["entry"].startswith(command)
        assert f"-m {command}" in script
        assert hook["additional_dependencies"] == [pins[package]]
