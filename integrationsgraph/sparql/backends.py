"""Where queries run: the embedded pyoxigraph store, or any SPARQL 1.1 endpoint behind us.

The contract every caller builds on, routes and commands alike (also in docs/architecture.md):

    backend = request.app.state.backend   # or EmbeddedBackend(store) in a command
    result = await backend.query(text, Dataset(default_graph_uris=(...), named_graph_uris=(...)),
                                 PreferredFormats(...), base_iri=None)
    result.kind            # "solutions" (SELECT), "boolean" (ASK) or "graph" (CONSTRUCT, DESCRIBE)
    result.variables       # SELECT: the projected variable names, in order
    result.rows()          # SELECT: list of {variable: pyoxigraph term}; unbound variables are absent
    result.tuples()        # SELECT: list of tuples in the order of `variables`, None where unbound
    result.boolean         # ASK: the answer
    result.triples()       # CONSTRUCT/DESCRIBE: list of pyoxigraph.Triple
    result.serialize(fmt)  # bytes in a pyoxigraph.QueryResultsFormat (solutions, boolean)
                           # or pyoxigraph.RdfFormat (graph)

`query` never blocks the event loop: the worker-process pool (`pool.py`, what `serve` uses) evaluates in
other processes, the in-process store in a worker thread (pyoxigraph releases the GIL), the remote one
awaits httpx. `timeout` (seconds; None: the backend's default) is the query's deadline. It raises
`QuerySyntaxError` (a 400: the parser's message with line and column), `guards.FederationRefused` (a
400: the query has or could hide a SERVICE clause; checked when the caller passes `refuse_federation=True`,
as it must for text a client wrote), `QueryTimeout` (504), `ServerBusy` (503), `QueryMemoryExceeded` (507:
the worker pool's memory limit) or `BackendUnavailable` (a 502); anything else is a bug and becomes a
logged 500.
`start()` is awaited once before the first query (the app's lifespan does it), `close()` at the end.
Every backend is a `Backend`: `query`'s signature is written there once, and a backend implements
`answer(QueryRequest)`.

The default graph, when the request names no dataset, is the union of all named graphs. `formats` is a
hint: the format the client negotiated, produced directly when possible. `base_iri` resolves relative IRIs
in the query (the endpoint passes its own URL); a remote backend leaves that to the remote store.
`rows()`, `triples()` and `serialize()` parse or convert results: call them from a thread
(`anyio.to_thread.run_sync`) when the result may be large.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import anyio
import pyoxigraph as ox

from integrationsgraph.errors import IntegrationsgraphError, QueryError
from integrationsgraph.sparql.evaluation import (
    LOSSLESS_RESULTS_FORMATS,
    Evaluated,
    EvaluationRequest,
    evaluate,
    storage_format,
)

ResultKind = Literal["solutions", "boolean", "graph"]
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

__all__ = ["LOSSLESS_RESULTS_FORMATS", "storage_format"]  # re-exported for the other backends


class QuerySyntaxError(QueryError):
    """The query text does not parse; `line` and `column` (1-based) locate the error when known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.line = line
        self.column = column

    def quoting(self, text: str) -> QuerySyntaxError:
        """The same error, its message followed by the line of `text` it locates (for a terminal)."""
        lines = text.splitlines()
        if self.line is None or not 0 < self.line <= len(lines):
            return self
        quoted = f"{self}\n  {self.line} | {lines[self.line - 1]}"
        return QuerySyntaxError(quoted, self.line, self.column)


class BackendUnavailable(IntegrationsgraphError):
    """The remote SPARQL endpoint could not be reached or answered with an unusable response."""


class QueryTimeout(IntegrationsgraphError):
    """The query ran past its deadline and was stopped (a 504)."""

    def __init__(self, seconds: float):
        super().__init__(f"the query did not finish within {seconds:g} s and was stopped")
        self.seconds = seconds


class QueryMemoryExceeded(IntegrationsgraphError):
    """The query needed more memory than a worker may use; it was stopped and its worker replaced (507)."""

    def __init__(self, limit_bytes: int):
        mib = limit_bytes / (1024 * 1024)
        super().__init__(
            f"the query needed more than {mib:g} MiB of memory, the limit per query, and was stopped"
        )
        self.limit_bytes = limit_bytes


class ServerBusy(IntegrationsgraphError):
    """Every query slot and the whole queue are taken, or the wait for a slot outlasted the deadline (503)."""

    def __init__(self, message: str, retry_after: int = 1):
        super().__init__(message)
        self.retry_after = retry_after


_POSITION = re.compile(r"error at (\d+):(\d+)")


def syntax_error_from_message(message: str) -> QuerySyntaxError:
    """A QuerySyntaxError carrying the line and column found in an Oxigraph parser message."""
    found = _POSITION.search(message)
    if found is None:
        return QuerySyntaxError(message)
    return QuerySyntaxError(message, int(found.group(1)), int(found.group(2)))


@dataclass(frozen=True)
class Dataset:
    """The RDF dataset a request names (`default-graph-uri`, `named-graph-uri`); empty: the service's own."""

    default_graph_uris: tuple[str, ...] = ()
    named_graph_uris: tuple[str, ...] = ()

    @property
    def is_specified(self) -> bool:
        return bool(self.default_graph_uris or self.named_graph_uris)


@dataclass(frozen=True)
class PreferredFormats:
    """The formats the client negotiated, so a backend can produce them directly (a hint, not a promise)."""

    results: ox.QueryResultsFormat = ox.QueryResultsFormat.JSON
    graph: ox.RdfFormat = ox.RdfFormat.N_TRIPLES


NO_DATASET = Dataset()
DEFAULT_FORMATS = PreferredFormats()


class QueryResult:
    """The answer to one query, held serialized in one lossless format and converted on demand.

    `truncated` is true when the server's row or byte limit cut the answer (`row_count` rows were kept;
    `cut_by` is "rows" or "bytes"); the endpoint then says so in a header and in the body, or refuses a
    format that cannot say it.
    """

    def __init__(
        self,
        kind: ResultKind,
        data: bytes,
        data_format: ox.QueryResultsFormat | ox.RdfFormat,
        row_count: int | None = None,
        truncated: bool = False,
        *,
        cut_by: str | None = None,
    ):
        self.kind = kind
        self.data = data
        self.data_format = data_format
        self.row_count = row_count
        self.truncated = truncated
        self.cut_by = cut_by if truncated else None

    @classmethod
    def of(cls, evaluated: Evaluated) -> QueryResult:
        """The result a worker evaluated (formats travel between processes as media types)."""
        if evaluated.kind == "graph":
            data_format = ox.RdfFormat.from_media_type(evaluated.media_type)
        else:
            data_format = ox.QueryResultsFormat.from_media_type(evaluated.media_type)
        return cls(
            evaluated.kind, evaluated.data, data_format, evaluated.row_count, evaluated.truncated,
            cut_by=evaluated.cut_by,
        )  # fmt: skip

    def _parsed(self) -> ox.QuerySolutions | ox.QueryBoolean:
        return ox.parse_query_results(self.data, format=self.data_format)

    @property
    def variables(self) -> list[str]:
        self._require("solutions")
        return [variable.value for variable in self._parsed().variables]

    def rows(self) -> list[dict[str, Term]]:
        self._require("solutions")
        solutions = self._parsed()
        names = [variable.value for variable in solutions.variables]
        return [
            {name: solution[name] for name in names if solution[name] is not None} for solution in solutions
        ]

    def tuples(self) -> list[tuple[Term | None, ...]]:
        """The rows as tuples in the order of `variables`, None where a variable is unbound."""
        self._require("solutions")
        return [tuple(solution) for solution in self._parsed()]

    @property
    def boolean(self) -> bool:
        self._require("boolean")
        return bool(self._parsed())

    def triples(self) -> list[ox.Triple]:
        self._require("graph")
        return [quad.triple for quad in ox.parse(self.data, format=self.data_format)]

    def serialize(self, format: ox.QueryResultsFormat | ox.RdfFormat) -> bytes:
        """The result in `format`: a QueryResultsFormat (solutions, booleans) or an RdfFormat (graphs)."""
        if format == self.data_format:
            return self.data
        if self.kind == "graph":
            if not isinstance(format, ox.RdfFormat):
                raise TypeError(f"a graph result serializes to an RdfFormat, not {format}")
            return ox.serialize(ox.parse(self.data, format=self.data_format), format=format)
        if not isinstance(format, ox.QueryResultsFormat):
            raise TypeError(f"a {self.kind} result serializes to a QueryResultsFormat, not {format}")
        return self._parsed().serialize(format=format)

    def _require(self, kind: ResultKind) -> None:
        if self.kind != kind:
            raise TypeError(f"this is a {self.kind} result, not {kind}")


@dataclass(frozen=True)
class QueryRequest:
    """One call of `Backend.query`, as the backend that answers it receives it."""

    text: str
    dataset: Dataset = NO_DATASET
    formats: PreferredFormats = DEFAULT_FORMATS
    base_iri: str | None = None
    timeout: float | None = None
    refuse_federation: bool = False


class Backend:
    """What the routes and commands need from a store; see the module docstring for the contract.

    The signature of `query` is written here once; each backend answers the `QueryRequest` it makes.
    """

    label: str

    async def query(
        self,
        text: str,
        dataset: Dataset = NO_DATASET,
        formats: PreferredFormats = DEFAULT_FORMATS,
        base_iri: str | None = None,
        timeout: float | None = None,
        *,
        refuse_federation: bool = False,
    ) -> QueryResult:
        return await self.answer(QueryRequest(text, dataset, formats, base_iri, timeout, refuse_federation))

    async def answer(self, request: QueryRequest) -> QueryResult:
        raise NotImplementedError

    async def start(self) -> None:
        """Awaited once before the first query (the app's lifespan does it)."""

    async def close(self) -> None:
        """Awaited once at the end."""


def evaluation_request(
    request: QueryRequest,
    max_rows: int | None,
    max_bytes: int | None,
    *,
    refuse_federation: bool,
    prefixes: tuple[tuple[str, str], ...] = (),
) -> EvaluationRequest:
    """The plain-valued request `evaluation.evaluate` answers (and worker processes receive)."""
    dataset, formats = request.dataset, request.formats
    return EvaluationRequest(
        request.text, dataset.default_graph_uris, dataset.named_graph_uris,
        formats.results.media_type, formats.graph.media_type, request.base_iri, max_rows, max_bytes,
        refuse_federation, prefixes,
    )  # fmt: skip


class EmbeddedBackend(Backend):
    """A pyoxigraph Store in this process; queries run in worker threads, at most `max_threads` at once.

    A thread cannot be stopped: a query past the endpoint's deadline is answered 504 but runs to its
    end. The worker-process backend (`pool.WorkerPoolBackend`, what `serve` uses) stops it for real.
    `version` identifies the served data for ETags; None (the default) turns HTTP caching off.
    `prefixes` are declared before every query is parsed, as if it began with them (the CLI's `sparql`).
    """

    def __init__(
        self,
        store: ox.Store,
        label: str = "embedded pyoxigraph store",
        max_threads: int = 8,
        max_rows: int | None = None,
        version: str | None = None,
        *,
        max_bytes: int | None = None,
        prefixes: Mapping[str, str] | None = None,
    ):
        self.store = store
        self.prefixes = tuple((prefixes or {}).items())
        self.label = label
        self.max_rows = max_rows
        self.max_bytes = max_bytes
        self.version = version
        self._limiter = anyio.CapacityLimiter(max_threads)

    async def answer(self, request: QueryRequest) -> QueryResult:
        try:
            with anyio.fail_after(request.timeout):
                return await anyio.to_thread.run_sync(
                    self.query_sync, request, limiter=self._limiter, abandon_on_cancel=True
                )
        except TimeoutError:
            raise QueryTimeout(request.timeout) from None

    def query_sync(self, request: QueryRequest) -> QueryResult:
        """Evaluate and serialize in the calling thread (for worker threads and command-line tools)."""
        evaluation = evaluation_request(
            request, self.max_rows, self.max_bytes,
            refuse_federation=request.refuse_federation, prefixes=self.prefixes,
        )  # fmt: skip
        try:
            return QueryResult.of(evaluate(self.store, evaluation))
        except SyntaxError as error:
            raise syntax_error_from_message(str(error)) from None

    async def start(self) -> None:
        """Nothing to start: the store is open."""

    async def close(self) -> None:
        """Nothing to release: the store lives as long as the process."""
