"""The built store: finding the current release and opening it read-only.

`build/current` is a symlink to `build/releases/<input-hash>` (see docs/architecture.md).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph

from integrationsgraph.errors import InputError
from integrationsgraph.paths import BUILD_DIR

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
