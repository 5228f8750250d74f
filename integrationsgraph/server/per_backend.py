"""A value derived from the backend now serving (the label index, the source catalogue, the dataset's
statistics): computed at the first request that needs it, kept in `app.state.<name>` beside the backend
it came from, and computed again once a new build has swapped `app.state.backend`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import anyio

from integrationsgraph.sparql.backends import Backend

T = TypeVar("T")


async def per_backend(state: Any, name: str, compute: Callable[[Backend], Awaitable[T]]) -> T:
    """The value `name` for the backend now serving; one request computes it while the others wait."""
    lock_name = f"{name}_lock"
    if getattr(state, lock_name, None) is None:  # no await since the check: no other task can race it
        setattr(state, lock_name, anyio.Lock())
    async with getattr(state, lock_name):
        backend = state.backend
        cached = getattr(state, name, None)
        if cached is None or cached[0] is not backend:
            setattr(state, name, (backend, await compute(backend)))
    return getattr(state, name)[1]
