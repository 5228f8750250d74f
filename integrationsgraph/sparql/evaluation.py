"""Evaluating one query against a pyoxigraph store and serializing the complete answer, rows capped.

Shared by the worker processes (`worker.py`) and the in-process `EmbeddedBackend`. The federation guard
(`guards.py`) runs first, here, so its parsing counts against the query's deadline. The whole answer is
serialized here, before anything is sent to a client, so a query that fails or is stopped never leaves a
client with a cut body.

The row cap is counted exactly, without iterating solutions in Python: solutions are first written as TSV
and graphs as N-Triples, where one line is one row (both formats escape line breaks inside terms), into a
writer that stops the serializer as soon as one row too many arrives. The lines kept are then converted
to the requested lossless format by pyoxigraph.

The byte cap works the same way and is what bounds memory (rows can be kilobytes each): the writer also
stops at the last whole line that fits in `max_bytes`, so the worker never holds more than that. The
requested format can be larger than TSV (JSON repeats every variable name), so when the converted answer
is over the cap, fewer lines are converted again until it fits. `Evaluated.cut_by` says which cap cut.
"""

from __future__ import annotations

import contextlib
import functools
from dataclasses import dataclass
from typing import Literal

import pyoxigraph as ox

from integrationsgraph.sparql.guards import refuse_federated_query

R, G = ox.QueryResultsFormat, ox.RdfFormat

# Formats a result can be held in and converted from without losing anything (CSV drops datatypes).
LOSSLESS_RESULTS_FORMATS = (R.JSON, R.XML, R.TSV)


def storage_format(requested: ox.QueryResultsFormat) -> ox.QueryResultsFormat:
    """The format to hold solutions in: the requested one when it is lossless, else JSON."""
    return requested if requested in LOSSLESS_RESULTS_FORMATS else R.JSON


class _EnoughRows(Exception):
    """Raised inside the serializer's write() to stop it once the row or byte cap is passed."""


class _LineCappedWriter:
    """A file-like sink keeping whole lines, at most `max_lines` of them and `max_bytes` in all.

    `cut_by` is "rows" or "bytes" once more was offered than a cap allows, else None.
    """

    def __init__(self, max_lines: int | None, max_bytes: int | None = None):
        self.max_lines = max_lines
        self.max_bytes = max_bytes
        self.chunks: list[bytes] = []
        self.lines = 0
        self.size = 0
        self.cut_by: str | None = None

    def write(self, chunk) -> int:
        chunk = bytes(chunk)
        keep = chunk
        if self.max_lines is not None:
            newlines = chunk.count(b"\n")
            if self.lines + newlines > self.max_lines:
                cut = -1
                for _ in range(self.max_lines - self.lines):
                    cut = chunk.index(b"\n", cut + 1)
                keep, self.cut_by = chunk[: cut + 1], "rows"
        if self.max_bytes is not None and self.size + len(keep) > self.max_bytes:
            # A line may have begun in an earlier chunk: getvalue() drops a trailing partial line.
            keep, self.cut_by = keep[: self.max_bytes - self.size], "bytes"
        self.chunks.append(keep)
        self.size += len(keep)
        self.lines += keep.count(b"\n")
        if self.cut_by is not None:
            raise _EnoughRows  # stop the serializer: nothing past the cap is produced
        return len(chunk)

    def flush(self) -> None:
        """pyoxigraph may flush its output: nothing to do for an in-memory sink."""

    def getvalue(self) -> bytes:
        data = b"".join(self.chunks)
        return data if self.cut_by is None else data[: data.rfind(b"\n") + 1]


def _capped(serialize, max_lines: int | None, max_bytes: int | None = None) -> tuple[bytes, int, str | None]:
    """Run `serialize(writer)`; the bytes kept, the number of lines, and which cap cut them (or None)."""
    writer = _LineCappedWriter(max_lines, max_bytes)
    with contextlib.suppress(_EnoughRows):
        serialize(writer)
    data = writer.getvalue()
    return data, data.count(b"\n"), writer.cut_by


def _first_lines(data: bytes, count: int) -> bytes:
    end = -1
    for _ in range(count):
        end = data.index(b"\n", end + 1)
    return data[: end + 1]


def _fit(lines_data: bytes, header_lines: int, convert, max_bytes: int | None) -> tuple[bytes, bytes, bool]:
    """`convert(lines_data)`, with fewer lines when the converted bytes exceed `max_bytes`.

    Returns the converted bytes, the lines they came from, and whether lines had to be dropped.
    """
    data = convert(lines_data)
    dropped = False
    while max_bytes is not None and len(data) > max_bytes:
        rows = lines_data.count(b"\n") - header_lines
        if rows <= 0:
            break  # only the header is left: an empty answer is as small as this format gets
        # Proportionally fewer rows, a tenth less for the format's fixed overhead; at least one fewer.
        keep = min(rows - 1, rows * max_bytes // len(data) * 9 // 10)
        lines_data = _first_lines(lines_data, header_lines + keep)
        data = convert(lines_data)
        dropped = True
    return data, lines_data, dropped


@dataclass(frozen=True)
class EvaluationRequest:
    """Everything a worker needs to answer one query (plain values, cheap to send to another process)."""

    text: str
    default_graph_uris: tuple[str, ...] = ()
    named_graph_uris: tuple[str, ...] = ()
    results_media_type: str = R.JSON.media_type
    graph_media_type: str = G.N_TRIPLES.media_type
    base_iri: str | None = None
    max_rows: int | None = None
    max_bytes: int | None = None
    refuse_federation: bool = False  # True for text a client wrote (the endpoint, export CONSTRUCTs)
    prefixes: tuple[tuple[str, str], ...] = ()  # declared before parsing (the CLI's `sparql`)


@dataclass(frozen=True)
class Evaluated:
    """A complete answer: `data` in the format named by `media_type`; `truncated` when a cap cut it.

    `cut_by` names the cap: "rows" (`max_rows`) or "bytes" (`max_bytes`).
    """

    kind: Literal["solutions", "boolean", "graph"]
    data: bytes
    media_type: str
    row_count: int | None = None
    truncated: bool = False
    cut_by: str | None = None


def _dataset_arguments(request: EvaluationRequest) -> dict:
    if not (request.default_graph_uris or request.named_graph_uris):
        return {"use_default_graph_as_union": True}
    # A protocol-specified dataset replaces the service's: unnamed parts are empty, not the union.
    return {
        "default_graph": [ox.NamedNode(uri) for uri in request.default_graph_uris],
        "named_graphs": [ox.NamedNode(uri) for uri in request.named_graph_uris],
    }


def evaluate(store: ox.Store, request: EvaluationRequest) -> Evaluated:
    """The complete, serialized answer; raises pyoxigraph's SyntaxError when the query does not parse,
    FederationRefused when it has (or could hide) a SERVICE clause."""
    if request.refuse_federation:
        refuse_federated_query(request.text)
    # Evaluated one frame further down: rdflib's parser leaves exceptions (and through their tracebacks
    # this frame) in reference cycles, which must not keep the thread-bound query answer alive.
    return _evaluate(store, request)


def _evaluate(store: ox.Store, request: EvaluationRequest) -> Evaluated:
    answer = store.query(
        request.text,
        base_iri=request.base_iri,
        prefixes=dict(request.prefixes),
        **_dataset_arguments(request),
    )
    if isinstance(answer, ox.QueryBoolean):
        data_format = storage_format(R.from_media_type(request.results_media_type) or R.JSON)
        return Evaluated("boolean", answer.serialize(format=data_format), data_format.media_type)
    if isinstance(answer, ox.QuerySolutions):
        return _solutions(answer, request)
    return _graph(answer, request)


def _solutions(answer: ox.QuerySolutions, request: EvaluationRequest) -> Evaluated:
    return capped_solutions(answer, request.results_media_type, request.max_rows, request.max_bytes)


def _graph(answer: ox.QueryTriples, request: EvaluationRequest) -> Evaluated:
    serialize = functools.partial(answer.serialize, format=G.N_TRIPLES)
    return capped_graph(serialize, request.graph_media_type, request.max_rows, request.max_bytes)


def capped_solutions(
    answer: ox.QuerySolutions, media_type: str, max_rows: int | None, max_bytes: int | None = None
) -> Evaluated:
    """At most `max_rows` solutions and `max_bytes` bytes in the lossless format nearest to `media_type`."""
    data_format = storage_format(R.from_media_type(media_type) or R.JSON)
    max_lines = None if max_rows is None else max_rows + 1  # the TSV header line
    tsv, _, cut_by = _capped(lambda sink: answer.serialize(sink, format=R.TSV), max_lines, max_bytes)

    def convert(lines: bytes) -> bytes:
        if data_format == R.TSV:
            return lines
        return ox.parse_query_results(lines, format=R.TSV).serialize(format=data_format)

    data, tsv, dropped = _fit(tsv, 1, convert, max_bytes)
    cut_by = "bytes" if dropped else cut_by
    rows = max(tsv.count(b"\n") - 1, 0)
    return Evaluated("solutions", data, data_format.media_type, rows, cut_by is not None, cut_by)


def capped_graph(
    serialize_n_triples, media_type: str, max_rows: int | None, max_bytes: int | None = None
) -> Evaluated:
    """At most `max_rows` triples and `max_bytes` bytes of what `serialize_n_triples(sink)` writes."""
    data_format = G.from_media_type(media_type) or G.N_TRIPLES
    nt, _, cut_by = _capped(serialize_n_triples, max_rows, max_bytes)

    def convert(lines: bytes) -> bytes:
        if data_format == G.N_TRIPLES:
            return lines
        return ox.serialize(ox.parse(lines, format=G.N_TRIPLES), format=data_format)

    data, nt, dropped = _fit(nt, 0, convert, max_bytes)
    cut_by = "bytes" if dropped else cut_by
    return Evaluated("graph", data, data_format.media_type, nt.count(b"\n"), cut_by is not None, cut_by)
