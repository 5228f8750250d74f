"""A deadline for reading a request's body, so a client cannot hold a connection by sending it slowly.

A POST that declares 999,999 bytes and sends 6 would otherwise keep its connection, and the handler
waiting for the rest, forever. The whole body must arrive within `body_timeout` seconds of the first
read; past that the answer is 408 in the common error shape, and the connection is closed (its unread
rest cannot be skipped). After the body, reads are not timed: the endpoint then only waits to learn
whether the client has gone away. The request line and headers have their own deadline (http_server.py).
"""

from __future__ import annotations

import asyncio

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from integrationsgraph.server.http.http_middleware import HTTPMiddleware
from integrationsgraph.server.http.problems import HTTPProblem


def body_timeout(seconds: float) -> HTTPProblem:
    detail = f"the request body did not arrive within {seconds:g} s; send it at once, or a smaller one"
    return HTTPProblem(408, "Request timeout", detail, headers={"Connection": "close"}, timeout=seconds)


class BodyDeadlineMiddleware(HTTPMiddleware):
    def __init__(self, app: ASGIApp, seconds: float):
        super().__init__(app)
        self.seconds = seconds

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        loop = asyncio.get_running_loop()
        deadline: float | None = None
        body_read = False

        async def timed_receive() -> Message:
            nonlocal deadline, body_read
            if body_read:
                return await receive()
            if deadline is None:
                deadline = loop.time() + self.seconds
            try:
                message = await asyncio.wait_for(receive(), max(deadline - loop.time(), 0))
            except TimeoutError:
                raise body_timeout(self.seconds) from None  # the handler's exception handler answers it
            if message["type"] != "http.request" or not message.get("more_body", False):
                body_read = True
            return message

        await self.app(scope, timed_receive, send)
