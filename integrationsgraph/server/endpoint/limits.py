"""Size limits on requests: headers and body, refused before a handler reads them.

Every limit is a setting (`settings.py`) and every refusal is an error in the common shape: 431 for
headers, 413 for a body too large. The query text's length and the answer cut at `max_result_rows` or
`max_result_bytes` are the query path's (`sparql/answering.py`), the same for every caller: over HTTP
the header `X-Result-Truncated: true` says an answer was cut (with `X-Result-Row-Limit` or
`X-Result-Byte-Limit` naming the limit), and so does the body, in a way clients of the format ignore:
top-level `"truncated"` and `"rowLimit"`/`"byteLimit"` members in SPARQL JSON results, an XML comment in
SPARQL XML results and RDF/XML, a `#` comment in Turtle, TriG, N-Triples and N-Quads. CSV, TSV and
JSON-LD have no place for such a note, so a cut answer in them is refused (413) with advice instead.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from integrationsgraph.server.http.http_middleware import HTTPMiddleware
from integrationsgraph.server.http.problems import HTTPProblem, error_response


def body_too_large(limit: int, size: int | None = None) -> HTTPProblem:
    got = f"the body has {size} bytes" if size is not None else "the body is larger than that"
    return HTTPProblem(413, "Request body too large", f"{got}; the limit is {limit} bytes", limit=limit)


class RequestLimitsMiddleware(HTTPMiddleware):
    """Refuses requests whose headers or body exceed the limits, before a handler reads the body."""

    def __init__(self, app: ASGIApp, max_header_bytes: int, max_body_bytes: int):
        super().__init__(app)
        self.max_header_bytes = max_header_bytes
        self.max_body_bytes = max_body_bytes

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        header_bytes = sum(len(name) + len(value) + 4 for name, value in scope["headers"])
        if header_bytes > self.max_header_bytes:
            detail = f"the request headers have {header_bytes} bytes; the limit is {self.max_header_bytes}"
            response = error_response(Request(scope), 431, "Request header fields too large", detail)
            await response(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_body_bytes:
            problem = body_too_large(self.max_body_bytes, int(declared))
            response = error_response(Request(scope), 413, problem.title, problem.detail, **problem.extra)
            await response(scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise body_too_large(self.max_body_bytes)  # a chunked body: the handler answers 413
            return message

        await self.app(scope, counting_receive, send)
