"""Who is asking: the client a query is evaluated for, and whether its recent queries have been cheap.

The worker pool (`pool.py`) shares its workers between clients by two rules, both keyed on the client:
at most `max_client_queries` of one client's queries are evaluated at once (the rest wait their turn),
and `cheap_lane_workers` workers are kept for clients in good standing. A client loses its standing for
`STANDING_SECONDS` when one of its queries runs longer than `cheap_query_seconds` or is stopped at its
deadline or memory limit; it then shares only the other workers, so a few clients sending expensive
queries cannot make cheap ones wait for their deadline.

The client is set once per request by `ClientMiddleware` and read by the pool through a context
variable, so every route that evaluates a query (endpoint, named queries, pages) is covered without
passing the client through each of them. `client_key` is the one place that decides who a client is.
"""

from __future__ import annotations

import contextvars
import time

from starlette.types import Receive, Scope, Send

from integrationsgraph.server.http_middleware import HTTPMiddleware

# How long a client that sent an expensive query stays off the cheap lane.
STANDING_SECONDS = 60.0
# Standings kept at most; expired ones are dropped first, so a flood of addresses cannot grow memory.
MAX_STANDINGS = 10_000
UNKNOWN_CLIENT = "-"

current_client: contextvars.ContextVar[str] = contextvars.ContextVar("current_client", default=UNKNOWN_CLIENT)


def client_key(scope: Scope) -> str:
    """The address queries are counted against: the request's client.

    That is the TCP peer, or, behind a trusted proxy, the forwarded client address, which
    `forwarding.ForwardingMiddleware` (outside this one) has already put in the scope.
    """
    client = scope.get("client")
    return client[0] if client else UNKNOWN_CLIENT


class ClientMiddleware(HTTPMiddleware):
    """Sets `current_client` for everything that runs on behalf of one HTTP request."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        token = current_client.set(client_key(scope))
        try:
            await self.app(scope, receive, send)
        finally:
            current_client.reset(token)


class Standing:
    """Which clients recently sent an expensive query (and so may not use the cheap lane)."""

    def __init__(self, seconds: float = STANDING_SECONDS, clock=time.monotonic):
        self.seconds = seconds
        self.clock = clock
        self._expensive_until: dict[str, float] = {}

    def is_cheap(self, client: str) -> bool:
        until = self._expensive_until.get(client)
        if until is None:
            return True
        if until <= self.clock():
            del self._expensive_until[client]
            return True
        return False

    def mark_expensive(self, client: str) -> None:
        if len(self._expensive_until) >= MAX_STANDINGS:
            now = self.clock()
            self._expensive_until = {
                key: until for key, until in self._expensive_until.items() if until > now
            }
            if len(self._expensive_until) >= MAX_STANDINGS:
                self._expensive_until.pop(next(iter(self._expensive_until)))  # the oldest
        self._expensive_until.pop(client, None)  # re-inserted last: dict order is age order
        self._expensive_until[client] = self.clock() + self.seconds
