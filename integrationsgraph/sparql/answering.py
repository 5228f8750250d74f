"""Answering one query wherever it is asked (`/sparql`, `/queries/NAME`, the CLI): the steps not HTTP's.

The query text is checked against its length limit; the backend evaluates it under its deadline (refusing
SERVICE for text a client wrote) with its row and byte caps; pyoxigraph serializes the answer in the format
the caller chose; an answer a cap cut says so in its body (`mark_truncated`) or, in a format with no place
for such a note (CSV, TSV, JSON-LD), is refused with `ResultNotMarkable`; one JSON line per query goes to
the query log. Callers only map what comes back: the HTTP layer to a response with headers
(`truncation_headers`) and the error shape, the CLI to its output and exit code.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

import anyio
import pyoxigraph as ox

from integrationsgraph.errors import QueryError
from integrationsgraph.sparql.backends import Backend, QueryRequest, QueryResult

R, G = ox.QueryResultsFormat, ox.RdfFormat
DataFormat = ox.QueryResultsFormat | ox.RdfFormat
# One line per query, for operators (the name predates this module; log configurations use it).
query_log = logging.getLogger("integrationsgraph.server.queries")

TRUNCATED_HEADER = "X-Result-Truncated"
ROW_LIMIT_HEADER = "X-Result-Row-Limit"
BYTE_LIMIT_HEADER = "X-Result-Byte-Limit"
# What each kind of cut is called in the note, the limit header and the JSON member.
_CUTS = {"rows": ("row", ROW_LIMIT_HEADER, "rowLimit"), "bytes": ("byte", BYTE_LIMIT_HEADER, "byteLimit")}


class QueryTooLong(QueryError):
    """The query text is longer than `max_query_length` (413 over HTTP)."""

    def __init__(self, length: int, limit: int):
        super().__init__(f"the query has {length} characters; the limit is {limit}")
        self.limit = limit


class ResultNotMarkable(QueryError):
    """A cut answer was asked for in a format that cannot say it was cut (413 over HTTP)."""

    def __init__(self, cut: Cut, data_format: DataFormat):
        amount = f"more than {cut.limit} {'rows' if cut.by == 'rows' else 'bytes'}"
        super().__init__(
            f"the result has {amount}, the server's limit, and {data_format.media_type} cannot say "
            "that a result was cut: add LIMIT (and OFFSET to page), or ask for SPARQL JSON or XML results, "
            "or Turtle, which say so."
        )
        self.limit = cut.limit


@dataclass(frozen=True)
class Cut:
    """Which cap cut an answer ("rows" or "bytes") and the limit it was cut at."""

    by: str
    limit: int

    @property
    def note(self) -> str:
        unit = _CUTS[self.by][0]
        return (
            f"truncated: the server's {unit} limit of {self.limit} cut this result; "
            "add LIMIT and OFFSET to page"
        )

    def headers(self) -> dict[str, str]:
        """The response headers saying that this cap cut the answer."""
        return {TRUNCATED_HEADER: "true", _CUTS[self.by][1]: str(self.limit)}


def cut_of(result: QueryResult, backend: Backend) -> Cut | None:
    """The cut the backend's caps made in `result`, None when it is whole."""
    if not result.truncated:
        return None
    limit = getattr(backend, "max_bytes" if result.cut_by == "bytes" else "max_rows", None)
    return Cut(result.cut_by or "rows", limit)


def check_query_length(text: str, limit: int) -> None:
    if len(text) > limit:
        raise QueryTooLong(len(text), limit)


def mark_truncated(body: bytes, data_format: DataFormat, cut: Cut) -> bytes:
    """The body with a note that a cap cut it; `ResultNotMarkable` for formats with no place for one."""
    if data_format == R.JSON:
        # First, not last: streaming parsers (pyoxigraph's) refuse members after the bindings.
        start = body.index(b"{") + 1
        member = _CUTS[cut.by][2]
        return body[:start] + f'"truncated":true,"{member}":{cut.limit},'.encode() + body[start:]
    if data_format in (R.XML, G.RDF_XML):
        return body.rstrip() + f"\n<!-- {cut.note} -->\n".encode()
    if data_format in (G.TURTLE, G.TRIG, G.N_TRIPLES, G.N_QUADS):
        return f"# {cut.note}\n".encode() + body
    raise ResultNotMarkable(cut, data_format)


class QueryRecord:
    """What the query log line says about one query; `log()` writes it."""

    def __init__(self, client: str | None = None):
        self.started = time.perf_counter()
        self.key: str | None = None
        self.status = 500
        self.rows: int | None = None
        self.truncated = False
        self.cache = "none"
        self.client = client

    def line(self) -> str:
        return json.dumps({
            "event": "query", "key": self.key, "status": self.status,
            "duration_ms": round((time.perf_counter() - self.started) * 1000, 3),
            "rows": self.rows, "truncated": self.truncated, "cache": self.cache, "client": self.client,
        })  # fmt: skip

    def log(self) -> None:
        query_log.info(self.line())


@dataclass(frozen=True)
class Answer:
    """A query's result, its body in the chosen format (with the note when cut), and the cut (or None)."""

    result: QueryResult
    body: bytes
    data_format: DataFormat
    cut: Cut | None


async def answer(
    backend: Backend,
    request: QueryRequest,
    choose_format: Callable[[QueryResult], DataFormat],
    record: QueryRecord,
) -> Answer:
    """Evaluate `request` on `backend` and serialize the answer in `choose_format(result)`, marked when cut.

    Raises what `Backend.query` raises, and `ResultNotMarkable`; fills `record`'s rows and truncation.
    """
    result = await backend.query(
        request.text, request.dataset, request.formats, request.base_iri, request.timeout,
        refuse_federation=request.refuse_federation,
    )  # fmt: skip
    record.rows, record.truncated = result.row_count, result.truncated
    data_format = choose_format(result)
    body = result.data
    if data_format != result.data_format:
        body = await anyio.to_thread.run_sync(result.serialize, data_format)
    cut = cut_of(result, backend)
    if cut is not None:
        body = mark_truncated(body, data_format, cut)
    return Answer(result, body, data_format, cut)
