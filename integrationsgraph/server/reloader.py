"""Picking up a new build while serving: watch `build/current`, open the new release, swap atomically.

A build replaces the `build/current` symlink only after it succeeded, so a failed build changes nothing
and nothing happens here. When the link points at a new release, a new worker pool is started on it
while the old one keeps answering; once it is ready, `app.state.backend` is replaced in one assignment.
Requests that already hold the old backend finish on it; it is closed when the last one has.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from starlette.applications import Starlette

from integrationsgraph.errors import InputError
from integrationsgraph.server.serving import release_backend
from integrationsgraph.store import current_release

log = logging.getLogger("integrationsgraph.server")


class BuildReloader:
    """Swaps `app.state.backend` to the release `build/current` points at whenever that changes."""

    def __init__(self, app: Starlette, release: Path | None):
        self.app = app
        self.settings = app.state.settings
        self.release = release
        self._refused: Path | None = None  # a release that could not be opened: not retried every tick
        self._retiring: set[asyncio.Task] = set()

    async def watch(self) -> None:
        """Look every `reload_interval` seconds, forever (cancel the task to stop)."""
        while True:
            await asyncio.sleep(self.settings.reload_interval)
            await self.check()

    async def check(self) -> bool:
        """Swap to the current release if it is new and opens; whether a swap happened."""
        release = current_release(self.settings.build_dir)
        if release is None or release in (self.release, self._refused):
            return False
        backend = release_backend(self.settings, release)
        try:
            await backend.start()
        except InputError as error:
            log.error("the new build %s cannot be served, keeping the old one: %s", release.name, error)
            self._refused = release
            return False
        old, self.app.state.backend = self.app.state.backend, backend
        self.release = self.app.state.release = release  # the dumps follow the data they describe
        self.app.state.dataset_statistics = None
        self.app.state.response_cache.clear()
        log.info("now serving the build %s", release.name)
        drain = getattr(old, "drain_and_close", old.close)
        task = asyncio.get_running_loop().create_task(drain())
        self._retiring.add(task)
        task.add_done_callback(self._retiring.discard)
        return True

    async def close(self) -> None:
        """Wait for replaced backends to finish their requests and close."""
        if self._retiring:
            await asyncio.gather(*self._retiring, return_exceptions=True)
