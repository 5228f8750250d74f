"""A write timeout: a client that reads nothing of its answer for `write_timeout` seconds is dropped.

Without one, a client that sends a query and never reads keeps the whole answer in this process for as
long as its connection lives (TCP keeps a connection whose reader has a zero window open forever). So
every response body is sent in pieces of `PIECE_BYTES`, and each piece may wait at most `write_timeout`
seconds for the client to make room (uvicorn makes a send wait while its buffer is over 64 KiB). When it
times out, the connection is aborted (a reset, which also frees the kernel's buffers), the rest of the
answer is dropped with the response object, and the drop is counted and logged.

This has to wrap the application from outside Starlette's own error middleware: only there is `send`
uvicorn's own, whose connection can be aborted. Under another server, a timed-out send raises
`SlowReader`, and the server closes the connection.
"""

from __future__ import annotations

import logging
import socket
import struct

import anyio
from starlette.applications import Starlette
from starlette.types import Message, Receive, Scope, Send

from integrationsgraph.errors import IntegrationsgraphError

log = logging.getLogger("integrationsgraph.server")

PIECE_BYTES = 64 * 1024


class SlowReader(IntegrationsgraphError):
    """The client read nothing of its answer within the write timeout (only where it cannot be aborted)."""


def _abort_connection(send: Send) -> bool:
    """Reset the connection behind uvicorn's `send` (a method of its request cycle); False elsewhere."""
    transport = getattr(getattr(send, "__self__", None), "transport", None)
    if transport is None:
        return False
    sock = transport.get_extra_info("socket")
    if sock is not None:
        # Linger 0: closing sends a reset and frees the kernel's send buffer too, instead of a clean
        # close that would keep trying to deliver what is buffered.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()
    return True


def bounded_send(send: Send, seconds: float, on_drop) -> Send:
    """`send`, with response bodies sent piece by piece, each within `seconds`; `on_drop()` on a drop."""
    dropped = False

    async def send_with_timeout(message: Message) -> None:
        nonlocal dropped
        if dropped:
            return
        if message["type"] != "http.response.body":
            await send(message)
            return
        body = memoryview(message.get("body", b""))
        more_body = message.get("more_body", False)
        for offset in range(0, max(len(body), 1), PIECE_BYTES):  # an empty body is one empty piece
            last = offset + PIECE_BYTES >= len(body)
            piece = {
                "type": "http.response.body",
                "body": bytes(body[offset : offset + PIECE_BYTES]),
                "more_body": more_body or not last,
            }
            with anyio.move_on_after(seconds) as waiting:
                await send(piece)
            if waiting.cancelled_caught:
                dropped = True
                on_drop()
                if not _abort_connection(send):
                    raise SlowReader(f"the client read nothing of its answer for {seconds:g} s")
                await anyio.sleep(0)  # uvicorn learns of the closed connection before the app returns
                return

    return send_with_timeout


class SlowReaderDroppingApp(Starlette):
    """A Starlette application whose HTTP responses are sent with the write timeout (module docstring)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            seconds = self.state.settings.write_timeout
            send = bounded_send(send, seconds, lambda: self._dropped(scope, seconds))
        await super().__call__(scope, receive, send)

    def _dropped(self, scope: Scope, seconds: float) -> None:
        self.state.metrics.slow_readers.inc()
        client = scope.get("client")
        log.warning(
            "dropped %s: it read nothing of its answer to %s for %g s",
            client[0] if client else "a client", scope.get("path"), seconds,
        )  # fmt: skip
