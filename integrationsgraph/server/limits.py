"""Size limits on requests (headers, body, query text) and saying so when a row or byte limit cut an answer.

Every limit is a setting (`settings.py`) and every refusal is an error in the common shape: 431 for
headers, 413 for a body or query text too large. An answer cut at `max_result_rows` or
`max_result_bytes` is never silent: the header `X-Result-Truncated: true` says so (with
`X-Result-Row-Limit` or `X-Result-Byte-Limit` naming the limit), and so does the body, in a way clients
of the format ignore: top-level `"truncated"` and `"rowLimit"`/`"byteLimit"` members in SPARQL JSON
results, an XML comment in SPARQL XML results and RDF/XML, a `#` comment in Turtle, TriG, N-Triples and
N-Quads. CSV, TSV and JSON-LD have no place for such a note, so a cut answer in them is refused (413)
with advice instead.
"""

from __future__ import annotations

import pyoxigraph as ox
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from integrationsgraph.server.errors import HTTPProblem, error_response
from integrationsgraph.server.http_middleware import HTTPMiddleware

R, G = ox.QueryResultsFormat, ox.RdfFormat
TRUNCATED_HEADER = "X-Result-Truncated"
ROW_LIMIT_HEADER = "X-Result-Row-Limit"
BYTE_LIMIT_HEADER = "X-Result-Byte-Limit"
# What each kind of cut is called in the note, the limit header and the JSON member.
_CUTS = {"rows": ("row", ROW_LIMIT_HEADER, "rowLimit"), "bytes": ("byte", BYTE_LIMIT_HEADER, "byteLimit")}


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


def check_query_length(text: str, limit: int) -> None:
    if len(text) > limit:
        raise HTTPProblem(
            413, "Query too long", f"the query has {len(text)} characters; the limit is {limit}", limit=limit
        )


def truncation_headers(cut_by: str, limit: int) -> dict[str, str]:
    """The response headers saying that the `cut_by` ("rows" or "bytes") limit cut the answer."""
    return {TRUNCATED_HEADER: "true", _CUTS[cut_by][1]: str(limit)}


def mark_truncated(
    body: bytes, data_format: ox.QueryResultsFormat | ox.RdfFormat, limit: int, cut_by: str = "rows"
) -> bytes:
    """The body with a note that a row or byte limit cut it; a 413 for formats with no place for one."""
    unit, _, member = _CUTS[cut_by]
    note = f"truncated: the server's {unit} limit of {limit} cut this result; add LIMIT and OFFSET to page"
    if data_format == R.JSON:
        # First, not last: streaming parsers (pyoxigraph's) refuse members after the bindings.
        start = body.index(b"{") + 1
        return body[:start] + f'"truncated":true,"{member}":{limit},'.encode() + body[start:]
    if data_format in (R.XML, G.RDF_XML):
        return body.rstrip() + f"\n<!-- {note} -->\n".encode()
    if data_format in (G.TURTLE, G.TRIG, G.N_TRIPLES, G.N_QUADS):
        return f"# {note}\n".encode() + body
    limit_text = f"more than {limit} rows" if cut_by == "rows" else f"more than {limit} bytes"
    raise HTTPProblem(
        413, "Result too large",
        f"the result has {limit_text}, the server's limit, and {data_format.media_type} cannot say "
        "that a result was cut: add LIMIT (and OFFSET to page), or ask for SPARQL JSON or XML results, or "
        "Turtle, which say so.",
        limit=limit,
    )  # fmt: skip
