"""A query's deadline, and giving up on a query whose client has gone away.

The deadline is the `query_timeout` setting; a request may ask for less with the parameter `timeout`
(seconds, in the URL or the form) or the header `X-Timeout`, never for more, nor for less than the
`min_query_timeout` floor: a query stopped at its deadline costs a worker restart, and a tiny timeout
would let any client have workers killed and restarted in a loop. When the client disconnects
while its query runs, the query is cancelled: a worker-process backend then kills the worker, which frees
everything the query held.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Awaitable
from typing import TypeVar

from starlette.requests import Request

from integrationsgraph.server.http.problems import HTTPProblem

TIMEOUT_HEADER = "x-timeout"
T = TypeVar("T")


class ClientDisconnected(Exception):
    """The client closed the connection before its answer was ready; nothing is sent."""


def query_deadline(request: Request, requested: str | None, maximum: float, floor: float = 0.0) -> float:
    """Seconds the query may take: what the request asks for, raised to `floor`, at most `maximum`."""
    asked = requested if requested is not None else request.headers.get(TIMEOUT_HEADER)
    if asked is None or asked.strip() == "":
        return maximum
    try:
        seconds = float(asked)
    except ValueError:
        seconds = math.nan
    if not 0 < seconds < math.inf:
        raise HTTPProblem(400, "Bad request", f"timeout {asked!r} is not a number of seconds above 0")
    return min(max(seconds, floor), maximum)


async def _disconnected(request: Request) -> None:
    """Returns when the client has disconnected (the body was already read, so only that can arrive)."""
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            return


async def unless_disconnected(request: Request, work: Awaitable[T]) -> T:
    """`work`'s result; cancels it and raises ClientDisconnected when the client goes away first."""
    task = asyncio.ensure_future(work)
    watcher = asyncio.ensure_future(_disconnected(request))
    try:
        await asyncio.wait((task, watcher), return_when=asyncio.FIRST_COMPLETED)
    finally:
        if not task.done():
            task.cancel()
        watcher.cancel()
    if task.cancelled() or not task.done():
        await asyncio.gather(task, return_exceptions=True)  # let the cancellation clean up
        raise ClientDisconnected
    return task.result()
