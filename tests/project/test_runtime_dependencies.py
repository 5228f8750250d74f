"""Every runtime dependency in pyproject.toml is used by the package; tools for tests and benchmarks
belong in the `test` extra."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Runtime dependencies that no module imports by name, and what uses them.
USED_WITHOUT_IMPORT = {
    "uvloop": "uvicorn's event loop: its default loop setting takes uvloop when installed",
    "jinja2": "the pages' templates, through starlette.templating",
}


def imported_top_level_names() -> set[str]:
    names = set()
    for path in (ROOT / "integrationsgraph").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
    return names


def distribution_name(requirement: str) -> str:
    return re.split(r"[=<>!~\[; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_every_runtime_dependency_is_imported_by_the_package() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    providers: dict[str, set[str]] = {}
    for module, distributions in importlib.metadata.packages_distributions().items():
        for distribution in distributions:
            providers.setdefault(distribution.lower().replace("_", "-"), set()).add(module)
    imported = imported_top_level_names()
    unused = [
        requirement
        for requirement in project["dependencies"]
        if distribution_name(requirement) not in USED_WITHOUT_IMPORT
        and not providers.get(distribution_name(requirement), set()) & imported
    ]
    assert unused == []
