"""The layer contract (pyproject.toml, `[tool.importlinter]`) holds, and it leaves no module of the
package outside its layers."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "integrationsgraph"
LINT = (
    "import sys; from importlinter.cli import lint_imports; "
    "sys.exit(lint_imports(no_cache=True, no_logo=True))"
)


def _contracts() -> list[dict]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"][
        "contracts"
    ]


def test_the_layer_contracts_are_kept():
    linted = subprocess.run(
        [sys.executable, "-c", LINT], cwd=ROOT, capture_output=True, text=True, check=False, timeout=300
    )
    assert linted.returncode == 0, linted.stdout[-4000:] + linted.stderr[-2000:]
    assert "0 broken" in linted.stdout


def test_every_module_of_the_package_stands_in_a_layer():
    (layers,) = (contract for contract in _contracts() if contract["id"] == "layers")
    named = {
        name.strip().strip("()").removeprefix("integrationsgraph.")
        for layer in layers["layers"]
        for name in layer.replace("|", ":").split(":")
    }
    on_disk = {
        path.stem if path.is_file() else path.name
        for path in PACKAGE.iterdir()
        if (path.suffix == ".py" and path.stem != "__init__") or (path / "__init__.py").is_file()
    }
    assert on_disk - named == set(), "modules outside the layer contract (pyproject.toml)"
