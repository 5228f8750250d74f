"""Who a request's client is, for the worker pool's sharing rules (`sparql/fairness.py`)."""

from __future__ import annotations

from starlette.types import Receive, Scope, Send

from integrationsgraph.server.http.http_middleware import HTTPMiddleware
from integrationsgraph.sparql.fairness import UNKNOWN_CLIENT, current_client


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
