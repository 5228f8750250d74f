"""Which backend serves queries: a remote endpoint, the given data files, or the current build.

The build and the data files are served by a pool of worker processes (`pool.py`), so every query has a
hard deadline. `version` (the release's input hash, or a hash of the files' bytes) identifies the data in
ETags; a remote endpoint's data can change behind us, so it gets no version and no HTTP caching.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from integrationsgraph.datafiles import load_files
from integrationsgraph.errors import InputError
from integrationsgraph.settings import Settings
from integrationsgraph.sparql.backends import Backend
from integrationsgraph.sparql.pool import StoreSource, WorkerPoolBackend
from integrationsgraph.sparql.remote_backend import RemoteBackend
from integrationsgraph.store import current_release


def pool_options(settings: Settings) -> dict:
    return {
        "workers": settings.query_workers,
        "max_queued": settings.max_queued_queries,
        "default_timeout": settings.query_timeout,
        "max_rows": settings.max_result_rows,
        "max_bytes": settings.max_result_bytes,
        "query_memory_bytes": settings.query_memory_bytes,
        "recycle_bytes": settings.worker_recycle_bytes,
        "max_client_queries": settings.max_client_queries,
        "cheap_lane_workers": settings.cheap_lane_workers,
        "cheap_seconds": settings.cheap_query_seconds,
        "spare_workers": settings.spare_workers,
        "sandbox": settings.worker_sandbox == "on",
    }


def files_version(paths: tuple[Path, ...]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path.resolve()).encode() + b"\x00" + path.read_bytes() + b"\x00")
    return "files-" + digest.hexdigest()[:32]


def release_backend(settings: Settings, release: Path) -> WorkerPoolBackend:
    """A (not yet started) pool over one release of the build; its version is the release's input hash."""
    source = StoreSource(settings.worker_store, release / "store")
    label = f"build {release.name[:12]} in {settings.build_dir}"
    return WorkerPoolBackend(source, label, version=release.name, **pool_options(settings))


def served_release(settings: Settings, backend: Backend) -> Path | None:
    """The release directory `backend` serves (its dumps and other files go with it), or None when it
    serves no build (data files, a remote endpoint)."""
    if settings.data or settings.sparql_backend:
        return None
    source = getattr(backend, "source", None)  # a pool: on `<release>/store`, or on a dump of given data
    if source is None:
        return current_release(settings.build_dir)
    return source.path.parent if source.path.name == "store" else None


def open_backend(settings: Settings) -> Backend:
    """A remote endpoint, the given data files, or the current build; InputError when there is no build."""
    if settings.sparql_backend:
        return RemoteBackend(settings.sparql_backend, max_rows=settings.max_result_rows)
    if settings.data:
        names = ", ".join(str(path) for path in settings.data)
        store = load_files(settings.data)  # here, so a bad file stops the server with its message
        return WorkerPoolBackend.from_store(
            store, f"files {names}", version=files_version(settings.data), **pool_options(settings)
        )
    release = current_release(settings.build_dir)
    if release is None:
        raise InputError(f"{settings.build_dir}: no built graph; run `integrationsgraph build` first")
    return release_backend(settings, release)
