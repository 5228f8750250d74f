"""The release directory: a temporary one while building, switched in atomically when done.

`build/current` is a symlink to `releases/<input-hash>`; it is replaced by renaming a new symlink over
it, so a reader sees either the old or the new release, and a failed build leaves it as it was.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyoxigraph as ox

CURRENT = "current"
RELEASES = "releases"


def temporary_release(build_dir: Path, input_hash: str) -> Path:
    """A fresh, empty directory for a release being built."""
    path = build_dir / RELEASES / f".building-{input_hash[:16]}-{os.getpid()}"
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


def open_build_store(release: Path) -> ox.Store:
    return ox.Store(str(release / "store"))


def load_quads(store: ox.Store, quads) -> None:
    """Bulk-load quads (writes sorted files directly, far faster than transactional inserts)."""
    store.bulk_extend(quads)
    store.flush()


def publish(build_dir: Path, temporary: Path, input_hash: str) -> Path:
    """Move the finished release to releases/<hash> and point `current` at it atomically; then remove
    releases older than the one it replaced (which a running server may still have open)."""
    current = build_dir / CURRENT
    previous = current.resolve() if current.is_symlink() else None
    final = build_dir / RELEASES / input_hash
    if final.exists():  # a forced rebuild of the same inputs: move the old copy aside first
        retired = final.with_name(f".retired-{input_hash[:16]}-{os.getpid()}")
        final.rename(retired)
        temporary.rename(final)
        shutil.rmtree(retired)
    else:
        temporary.rename(final)
    link = build_dir / f".{CURRENT}-{os.getpid()}"
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(Path(RELEASES) / input_hash)
    os.replace(link, current)
    _prune(build_dir / RELEASES, keep={final.name, previous.name if previous else ""})
    return final


def _prune(releases: Path, keep: set[str]) -> None:
    for release in releases.iterdir():
        if release.name not in keep and not release.name.startswith("."):  # dot: a build under way
            shutil.rmtree(release, ignore_errors=True)


def discard(temporary: Path) -> None:
    shutil.rmtree(temporary, ignore_errors=True)
