"""The README's two commands must stay true: they are the only set-up a fresh machine gets."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from integrationsgraph.cli import COMMANDS
from integrationsgraph.paths import PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_names_the_two_commands_the_dev_script_runs():
    script = (PROJECT_ROOT / "dev").read_text(encoding="utf-8")
    for command in ("serve", "test"):
        assert f"./dev {command}" in README
        assert re.search(rf"^\s+{command}\)$", script, re.MULTILINE), command


def test_ci_runs_the_readme_test_command():
    ci_lines = [
        line.strip()
        for line in (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert "./dev test" in ci_lines


def test_dev_script_rejects_an_unknown_command_with_usage():
    result = subprocess.run(
        ["bash", str(PROJECT_ROOT / "dev"), "nonsense"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "usage: ./dev serve" in result.stderr


def test_every_cli_command_is_in_the_readme():
    for name in COMMANDS:
        assert f"| `{name}" in README, name


def test_readme_layout_names_existing_folders():
    for folder in re.findall(r"^\| `([a-z_/]+)/`", README, re.MULTILINE):
        assert (PROJECT_ROOT / folder).is_dir(), folder


def test_every_named_query_is_listed_in_the_readme():
    names = sorted(p.stem for p in Path(PROJECT_ROOT / "queries").glob("*.rq") if "-violation" not in p.stem)
    assert names, "no named queries found"
    for name in names:
        assert f"`{name}`" in README, name
