"""Evaluating one query against a pyoxigraph store and serializing the complete answer, rows capped.

Shared by the worker processes (`worker.py`) and the in-process `EmbeddedBackend`. The federation guard
(`guards.py`) runs first, here, so its parsing counts against the query's deadline. The whole answer is
serialized here, before anything is sent to a client, so a query that fails or is stopped never leaves a
client with a cut body.

The row cap is counted exactly, without iterating solutions in Python: solutions are first written as TSV
and graphs as N-Triples, where one line is one row (both formats escape line breaks inside terms), into a
writer that stops the serializer as soon as one row too many arrives. The lines kept are then converted
to the requested lossless format by pyoxigraph.
"""

from __future__ import annotations

import contextlib
import functools
from dataclasses import dataclass
from typing import Literal

import pyoxigraph as ox

from integrationsgraph.server.guards import refuse_federated_query

R, G = ox.QueryResultsFormat, ox.RdfFormat

# Formats a result can be held in and converted from without losing anything (CSV drops datatypes).
LOSSLESS_RESULTS_FORMATS = (R.JSON, R.XML, R.TSV)


def storage_format(requested: ox.QueryResultsFormat) -> ox.QueryResultsFormat:
    """The format to hold solutions in: the requested one when it is lossless, else JSON."""
    return requested if requested in LOSSLESS_RESULTS_FORMATS else R.JSON


class _EnoughRows(Exception):
    """Raised inside the serializer's write() to stop it once the row cap is passed."""


class _LineCappedWriter:
    """A file-like sink keeping at most `max_lines` lines; `overflowed` tells whether more were offered."""

    def __init__(self, max_lines: int | None):
        self.max_lines = max_lines
        self.chunks: list[bytes] = []
        self.lines = 0
        self.overflowed = False

    def write(self, chunk) -> int:
        chunk = bytes(chunk)
        if self.max_lines is None:
            self.chunks.append(chunk)
            return len(chunk)
        newlines = chunk.count(b"\n")
        if self.lines + newlines <= self.max_lines:
            self.chunks.append(chunk)
            self.lines += newlines
            return len(chunk)
        # Keep the lines up to the cap, drop the rest, and stop the serializer.
        keep = self.max_lines - self.lines
        cut = -1
        for _ in range(keep):
            cut = chunk.index(b"\n", cut + 1)
        self.chunks.append(chunk[: cut + 1])
        self.lines = self.max_lines
        self.overflowed = True
        raise _EnoughRows

    def flush(self) -> None:
        """pyoxigraph may flush its output: nothing to do for an in-memory sink."""

    def getvalue(self) -> bytes:
        return b"".join(self.chunks)


def _capped(serialize, max_lines: int | None) -> tuple[bytes, int, bool]:
    """Run `serialize(writer)`; the bytes kept, the number of lines, and whether the cap cut them."""
    writer = _LineCappedWriter(max_lines)
    with contextlib.suppress(_EnoughRows):
        serialize(writer)
    data = writer.getvalue()
    return data, data.count(b"\n"), writer.overflowed


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
    refuse_federation: bool = False  # True for text a client wrote (the endpoint, export CONSTRUCTs)


@dataclass(frozen=True)
class Evaluated:
    """A complete answer: `data` in the format named by `media_type`; `truncated` when the row cap cut it."""

    kind: Literal["solutions", "boolean", "graph"]
    data: bytes
    media_type: str
    row_count: int | None = None
    truncated: bool = False


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
    answer = store.query(request.text, base_iri=request.base_iri, **_dataset_arguments(request))
    if isinstance(answer, ox.QueryBoolean):
        data_format = storage_format(R.from_media_type(request.results_media_type) or R.JSON)
        return Evaluated("boolean", answer.serialize(format=data_format), data_format.media_type)
    if isinstance(answer, ox.QuerySolutions):
        return _solutions(answer, request)
    return _graph(answer, request)


def _solutions(answer: ox.QuerySolutions, request: EvaluationRequest) -> Evaluated:
    return capped_solutions(answer, request.results_media_type, request.max_rows)


def _graph(answer: ox.QueryTriples, request: EvaluationRequest) -> Evaluated:
    serialize = functools.partial(answer.serialize, format=G.N_TRIPLES)
    return capped_graph(serialize, request.graph_media_type, request.max_rows)


def capped_solutions(answer: ox.QuerySolutions, media_type: str, max_rows: int | None) -> Evaluated:
    """At most `max_rows` solutions in the lossless format nearest to `media_type`."""
    data_format = storage_format(R.from_media_type(media_type) or R.JSON)
    max_lines = None if max_rows is None else max_rows + 1  # the TSV header line
    tsv, lines, truncated = _capped(lambda sink: answer.serialize(sink, format=R.TSV), max_lines)
    if data_format == R.TSV:
        data = tsv
    else:
        data = ox.parse_query_results(tsv, format=R.TSV).serialize(format=data_format)
    return Evaluated("solutions", data, data_format.media_type, max(lines - 1, 0), truncated)


def capped_graph(serialize_n_triples, media_type: str, max_rows: int | None) -> Evaluated:
    """At most `max_rows` triples of what `serialize_n_triples(sink)` writes, in `media_type`'s format."""
    data_format = G.from_media_type(media_type) or G.N_TRIPLES
    nt, lines, truncated = _capped(serialize_n_triples, max_rows)
    if data_format != G.N_TRIPLES:
        nt = ox.serialize(ox.parse(nt, format=G.N_TRIPLES), format=data_format)
    return Evaluated("graph", nt, data_format.media_type, lines, truncated)
