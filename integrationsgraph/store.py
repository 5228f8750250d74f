"""The built store: finding the current release and opening it read-only.

`build/current` is a symlink to `build/releases/<input-hash>` (see docs/architecture.md).
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph

from integrationsgraph.errors import InputError
from integrationsgraph.paths import BUILD_DIR
from integrationsgraph.pipeline.inputs import discover_inputs, input_hash
from integrationsgraph.pipeline.options import BuildOptions

CURRENT = "current"


def current_release(build_dir: Path = BUILD_DIR) -> Path | None:
    """The directory of the release `build/current` points at, or None when nothing was built yet."""
    link = Path(build_dir) / CURRENT
    if not link.is_symlink() and not link.is_dir():
        return None
    release = link.resolve()
    return release if (release / "store").is_dir() else None


def built_release(build_dir: Path = BUILD_DIR) -> Path:
    """The current release's directory; InputError when there is no build."""
    release = current_release(build_dir)
    if release is None:
        raise InputError(f"{build_dir}: no built graph; run `integrationsgraph build` first")
    return release


def open_store(build_dir: Path = BUILD_DIR) -> pyoxigraph.Store:
    """The current release's store, read-only. Raises InputError when there is no build."""
    release = built_release(build_dir)
    try:
        return pyoxigraph.Store.read_only(str(release / "store"))
    except OSError as exc:
        raise InputError(f"{release / 'store'}: cannot open the store: {exc}") from exc


def release_matches(release: Path | None, digest: str, shared_dir: Path | None) -> bool:
    """Whether `release` was built from inputs hashing to `digest`, with the evidence checked if a
    shared directory is available now."""
    if release is None or release.name != digest:
        return False
    if shared_dir is None:
        return True
    try:
        report = json.loads((release / "report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(report.get("evidence", {}).get("checked"))


def build_is_current(options: BuildOptions | Path | str | None = None) -> bool:
    """Whether the current release was built from exactly the inputs `options` names now, with
    evidence checked if ../shared is there now. `options` is a BuildOptions, or a build directory
    (the project's input folders then), or None for the project's defaults. Raises InputError when
    an input folder is missing."""
    if options is None or isinstance(options, Path | str):
        options = BuildOptions(build_dir=Path(options or BUILD_DIR))
    release = current_release(options.build_dir)
    if release is None:
        return False
    files = discover_inputs(options.ontology_dir, options.data_dir, options.rules_dir, options.queries_dir)
    return release_matches(release, input_hash(files), options.shared_dir)
