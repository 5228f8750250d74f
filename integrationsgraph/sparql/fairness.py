"""Who is asking: the client a query is evaluated for, and whether its recent queries have been cheap.

The worker pool (`pool.py`) shares its workers between clients by two rules, both keyed on the client:
at most `max_client_queries` of one client's queries are evaluated at once (the rest wait their turn),
and `cheap_lane_workers` workers are kept for clients in good standing. A client loses its standing for
`STANDING_SECONDS` when one of its queries runs longer than `cheap_query_seconds` or is stopped at its
deadline or memory limit; it then shares only the other workers, so a few clients sending expensive
queries cannot make cheap ones wait for their deadline. A query answered within `cheap_query_seconds`
gives its client a history for `STANDING_SECONDS`: the pool judges a client with a history by what its
queries did, and the query of a client without one also by its text (`query_cost.py`), so that a cross
product from a newcomer does not hold the cheap lane before it has been seen to be expensive.

The client is set once per request by the HTTP layer (`server/http/client_middleware.py`, where `client_key`
is the one place that decides who a client is) and read by the pool through a context variable, so every
route that evaluates a query (endpoint, named queries, pages) is covered without passing the client
through each of them; outside a request (the CLI) the client is UNKNOWN_CLIENT.
"""

from __future__ import annotations

import contextvars
import time

# How long a client that sent an expensive query stays off the cheap lane.
STANDING_SECONDS = 60.0
# Standings kept at most; expired ones are dropped first, so a flood of addresses cannot grow memory.
MAX_STANDINGS = 10_000
UNKNOWN_CLIENT = "-"

current_client: contextvars.ContextVar[str] = contextvars.ContextVar("current_client", default=UNKNOWN_CLIENT)


class Standing:
    """Which clients recently sent an expensive query (and so may not use the cheap lane), and which have
    a history of cheap ones."""

    def __init__(self, seconds: float = STANDING_SECONDS, clock=time.monotonic):
        self.seconds = seconds
        self.clock = clock
        self._expensive_until: dict[str, float] = {}
        self._cheap_until: dict[str, float] = {}

    def is_cheap(self, client: str) -> bool:
        return not self._current(self._expensive_until, client)

    def has_history(self, client: str) -> bool:
        """Whether one of the client's queries was recently answered cheaply or found expensive."""
        return self._current(self._cheap_until, client) or self._current(self._expensive_until, client)

    def mark_expensive(self, client: str) -> None:
        self._cheap_until.pop(client, None)
        self._keep(self._expensive_until, client)

    def mark_cheap(self, client: str) -> None:
        """A query of the client was answered within the cheap lane's time (an expensive mark stays)."""
        if self.is_cheap(client):
            self._keep(self._cheap_until, client)

    def _current(self, marks: dict[str, float], client: str) -> bool:
        until = marks.get(client)
        if until is None:
            return False
        if until <= self.clock():
            del marks[client]
            return False
        return True

    def _keep(self, marks: dict[str, float], client: str) -> None:
        if len(marks) >= MAX_STANDINGS:
            now = self.clock()
            for key in [key for key, until in marks.items() if until <= now]:
                del marks[key]
            if len(marks) >= MAX_STANDINGS:
                marks.pop(next(iter(marks)))  # the oldest
        marks.pop(client, None)  # re-inserted last: dict order is age order
        marks[client] = self.clock() + self.seconds
