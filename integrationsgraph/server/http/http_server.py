"""The HTTP server under the app: uvicorn, configured in one place for `serve` and for the tests.

- **h11, chosen explicitly.** uvicorn's default (httptools, when installed) ignores the limit on the
  request line and headers and refuses a GET URL over about 64 KB with a bare-text 400; h11 takes the
  limit (room for a GET query of `max_query_length` characters, percent-encoded, plus the headers), so a
  long query reaches the endpoint and gets its documented answer. The cost was measured (see
  docs/benchmarks.md, "HTTP implementation").
- **Errors before the app** (a request line or headers too long, not HTTP at all) are answered in the
  common JSON error shape instead of uvicorn's plain text.
- **A deadline for the request head.** A client has `header_timeout` seconds, from connecting or from the
  end of the previous answer, to send its request line and headers; a slow-loris client that trickles
  them is answered 408 and disconnected, one that sends nothing is disconnected. The body has its own
  deadline in the app (body_deadline.py), which can answer in the error shape.
- **No proxy headers here.** uvicorn's own proxy-header handling (on by default, trusting 127.0.0.1) is
  off: the app decides whom to believe (forwarding.py, the `trusted_proxies` setting).
"""

from __future__ import annotations

import asyncio

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from integrationsgraph.server.http.problems import ERROR_CACHE_CONTROL, error_json
from integrationsgraph.settings import Settings

REASONS = {
    400: "Bad Request",
    408: "Request Timeout",
    414: "URI Too Long",
    431: "Request Header Fields Too Large",
}


def head_bytes(settings: Settings) -> int:
    """Bytes of request line and headers to accept: a GET query of `max_query_length` characters, each
    percent-encoded as up to three bytes, plus the headers and the rest of the request line."""
    return settings.max_header_bytes + 3 * settings.max_query_length + 1024


def raw_error(status: int, title: str, detail: str) -> bytes:
    """A complete HTTP/1.1 error response in the common shape, closing the connection."""
    body = error_json(status, title, detail)
    head = (
        f"HTTP/1.1 {status} {REASONS[status]}\r\ncontent-type: application/json\r\n"
        f"content-length: {len(body)}\r\ncache-control: {ERROR_CACHE_CONTROL}\r\n"
        "x-content-type-options: nosniff\r\nconnection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for the request head and protocol errors in the error shape."""

    header_timeout = 10.0  # seconds; set per server by `protocol_for`
    max_head_bytes = 65_536
    linger = 2.0  # seconds an answered, refused connection is still read (and discarded) before closing

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._head_timer: asyncio.TimerHandle | None = None
        self._refused = False
        self._arm_head_timer()

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return  # the rest of a refused request, read only so that closing does not reset the answer
        super().data_received(data)
        if self._answering():
            self._disarm_head_timer()  # the head has arrived; the app's deadlines take over

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and not self._answering():
            self._arm_head_timer()  # the next request's head (or the rest of an unread body) must come

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_head_timer()
        super().connection_lost(exc)

    def send_400_response(self, msg: str) -> None:
        """h11 refused the request (called by uvicorn): say why in the common shape, then close."""
        buffered = self.conn.trailing_data[0]
        if len(buffered) > self.max_head_bytes:
            limit = f"the limit is {self.max_head_bytes} bytes; send a long query by POST"
            if b"\r\n" not in buffered:
                problem = (414, "URI too long", f"the request line is too long: {limit}")
            else:
                problem = (431, "Request header fields too large", f"the request head is too long: {limit}")
        else:
            problem = (400, "Bad request", "the request is not valid HTTP/1.1")
        self._refuse(raw_error(*problem))

    def _answering(self) -> bool:
        return self.cycle is not None and not self.cycle.response_complete

    def _arm_head_timer(self) -> None:
        self._disarm_head_timer()
        self._head_timer = self.loop.call_later(self.header_timeout, self._head_timed_out)

    def _disarm_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self._answering() or self.transport.is_closing():
            return
        started = bool(self.conn.trailing_data[0])
        if started and self.conn.our_state is h11.IDLE and self.conn.their_state is h11.IDLE:
            detail = f"the request line and headers did not arrive within {self.header_timeout:g} s"
            self._refuse(raw_error(408, "Request timeout", detail))
        else:
            self.transport.close()

    def _refuse(self, answer: bytes) -> None:
        """Send the answer and close; a client still sending would otherwise get a reset (RST) that can
        destroy the answer before it reads it, so its data is read and dropped for `linger` seconds."""
        self._refused = True
        self.transport.write(answer)
        if self.transport.can_write_eof():
            self.transport.write_eof()
        self.loop.call_later(self.linger, self.transport.close)


def protocol_for(settings: Settings) -> type[GuardedH11Protocol]:
    """The protocol class with this server's limits (uvicorn makes one instance per connection)."""
    limits = {"header_timeout": settings.header_timeout, "max_head_bytes": head_bytes(settings)}
    return type("ServerH11Protocol", (GuardedH11Protocol,), limits)


def server_config(app, settings: Settings, **overrides) -> uvicorn.Config:
    """The uvicorn configuration of `serve` (tests pass `host`, `port=0` and `log_level` as overrides)."""
    options = {
        "host": settings.host,
        "port": settings.port,
        "log_level": settings.log_level,
        "lifespan": "on",
        "http": protocol_for(settings),
        "h11_max_incomplete_event_size": head_bytes(settings),
        "proxy_headers": False,
        **overrides,
    }
    return uvicorn.Config(app, **options)
