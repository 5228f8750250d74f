"""The settings table in docs/deployment.md is the only list of the server's settings: every field of
`Settings` has its row there (flag, environment variable, default), and every row is a field."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

from integrationsgraph.settings import ENV_PREFIX, Settings

DEPLOYMENT = Path(__file__).resolve().parents[2] / "docs" / "deployment.md"
_CELL_BORDER = re.compile(r"(?<!\\)\|")  # a `\|` inside a cell is no border
_FLAG = re.compile(r"`--([a-z-]+)")
_VARIABLE = re.compile(r"`(" + ENV_PREFIX + r"[A-Z_]+)`")


def _rows() -> dict[str, tuple[str, str]]:
    """{setting: (variable, default cell)} of the table rows that start with a flag and name a variable."""
    rows = {}
    for line in DEPLOYMENT.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in _CELL_BORDER.split(line)[1:-1]]
        if len(cells) == 3 and (flag := _FLAG.match(cells[0])) and (variable := _VARIABLE.match(cells[1])):
            rows[flag.group(1).replace("-", "_")] = (variable.group(1), cells[2])
    return rows


def _documented(default) -> str | None:
    """How the table writes a default that has a plain written form (numbers without `.0`, words)."""
    if isinstance(default, bool) or default is None or isinstance(default, tuple):
        return None
    if isinstance(default, float) and default.is_integer():
        return str(int(default))
    if isinstance(default, int | float | str):
        return str(default)
    return None


def test_every_setting_has_one_row_with_its_variable_and_default():
    rows = _rows()
    names = {field.name for field in fields(Settings)}
    assert set(rows) == names
    for field in fields(Settings):
        variable, default_cell = rows[field.name]
        assert variable == ENV_PREFIX + field.name.upper()
        if (written := _documented(field.default)) is not None:
            assert default_cell.startswith(f"`{written}`"), (field.name, default_cell)
