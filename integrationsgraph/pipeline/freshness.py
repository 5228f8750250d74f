"""Whether the current release is up to date: built from exactly today's inputs, with its evidence checked
when the source texts are there (the build skips its work then, and `serve` builds first otherwise)."""

from __future__ import annotations

import json
from pathlib import Path

from integrationsgraph.paths import BUILD_DIR
from integrationsgraph.pipeline.inputs import discover_inputs, input_hash
from integrationsgraph.pipeline.options import BuildOptions
from integrationsgraph.store import current_release


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
