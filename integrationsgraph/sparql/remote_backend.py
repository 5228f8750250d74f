"""A Backend over any SPARQL 1.1 endpoint (`serve --sparql-backend URL`): QLever, Fuseki, Virtuoso, Oxigraph.

The query is forwarded unchanged by POST (`application/sparql-query`) with the protocol dataset as URL
parameters. We ask for the client's negotiated format when it is lossless (so most answers pass through
untouched) and otherwise for JSON results or N-Triples, then convert. The server's row limit applies here
too: an answer with more rows than `max_rows` is cut, in the same way as an embedded one, and says so.
The remote store decides what its default graph is: configure it as the union of the named graphs
(Oxigraph: `--union-default-graph`, Fuseki: `tdb2:unionDefaultGraph true`) to match the embedded store.
The federation guard (for client text: `refuse_federation=True`) runs first, in a thread: the remote
store would fetch what a SERVICE clause names from inside the operator's network just as well, and no
sandbox of ours surrounds it.
Engines that depart from this (Virtuoso) are handled by their dialect (`remote_dialects.py`), told from
the first answer's `Server` header.
"""

from __future__ import annotations

import functools
import itertools
import logging
import time

import anyio
import httpx
import pyoxigraph as ox

from integrationsgraph.sparql.backends import (
    DEFAULT_FORMATS,
    NO_DATASET,
    Backend,
    BackendUnavailable,
    Dataset,
    PreferredFormats,
    QueryRequest,
    QueryResult,
    QueryTimeout,
)
from integrationsgraph.sparql.evaluation import capped_graph, capped_solutions
from integrationsgraph.sparql.guards import might_name_service, refuse_federated_query
from integrationsgraph.sparql.remote_dialects import StandardDialect, dialect_for

log = logging.getLogger("integrationsgraph.server")
TIMEOUT_SECONDS = 300.0
# How old a dialect's list of the store's graphs may get: graphs pushed later are seen after this long.
GRAPH_LIST_SECONDS = 10.0


class RemoteBackend(Backend):
    """Forwards queries to `url` with httpx; one connection pool for the server's lifetime."""

    def __init__(self, url: str, client: httpx.AsyncClient | None = None, max_rows: int | None = None):
        self.url = url
        self.label = f"SPARQL endpoint {url}"
        self.max_rows = max_rows
        self._client = client or httpx.AsyncClient(timeout=httpx.Timeout(TIMEOUT_SECONDS, connect=10.0))
        self._dialect: StandardDialect | None = None  # told by the first answer (see `dialect`)
        self._graphs_due = 0.0  # when the dialect's list of graphs is to be taken again

    async def answer(self, request: QueryRequest) -> QueryResult:
        """Forward the query; `base_iri` is left to the remote store (it resolves relative IRIs itself)."""
        text, timeout = request.text, request.timeout
        if request.refuse_federation and might_name_service(text):
            await anyio.to_thread.run_sync(refuse_federated_query, text)  # parses: off the event loop
        dialect = await self.dialect()
        response = await self._post(dialect, text, request.dataset, request.formats, timeout)
        if response.status_code == 400:
            # Endpoints answer a query they cannot parse with 400 and the parser's message.
            message = response.text.strip() or "the SPARQL backend rejected the query"
            raise dialect.syntax_error(message, text)
        if response.status_code != 200:
            raise BackendUnavailable(
                f"{self.url} answered {response.status_code}: {response.text.strip()[:500]}"
            )
        return _result(response, dialect, self.max_rows)

    async def dialect(self) -> StandardDialect:
        """The remote engine's dialect, told once from the `Server` header of an `ASK {}`.

        An engine that keeps graphs of its own (Virtuoso) is asked for them once; one whose dataset must
        be named for it is asked for its graphs again when the last list is GRAPH_LIST_SECONDS old.
        """
        if self._dialect is None:
            probe = await self._send("GET", params={"query": "ASK {}"}, timeout=None)
            dialect = dialect_for(probe)
            own_graphs_query = dialect.own_graphs_query()
            if own_graphs_query is not None:
                dialect = dialect.with_own_graphs(await self._graph_names(dialect, own_graphs_query))
            log.info("%s speaks the %s dialect", self.label, dialect.name)
            self._dialect = dialect
        graphs_query = self._dialect.graphs_query()
        if graphs_query is not None and time.monotonic() >= self._graphs_due:
            graphs = await self._graph_names(self._dialect, graphs_query)
            self._dialect = self._dialect.with_graphs(graphs)
            self._graphs_due = time.monotonic() + GRAPH_LIST_SECONDS
        return self._dialect

    async def _graph_names(self, dialect: StandardDialect, query: str) -> tuple[str, ...]:
        """The `?g` column of `query`, asked of the whole store."""
        whole_store = dialect.with_graphs(None)
        response = await self._post(whole_store, query, NO_DATASET, DEFAULT_FORMATS, None)
        if response.status_code != 200:
            raise BackendUnavailable(
                f"{self.url} answered {response.status_code}: {response.text.strip()[:500]}"
            )
        return tuple(row["g"].value for row in _result(response, whole_store, None).rows())

    async def _post(
        self,
        dialect: StandardDialect,
        text: str,
        dataset: Dataset,
        formats: PreferredFormats,
        timeout: float | None,
    ) -> httpx.Response:
        request = dialect.request(text, dataset, timeout)
        request.setdefault("headers", {})["Accept"] = dialect.accept(text, formats)
        return await self._send("POST", timeout=timeout, **request)

    async def _send(self, method: str, timeout: float | None, **request) -> httpx.Response:
        try:
            return await self._client.request(
                method, self.url, timeout=httpx.Timeout(timeout or TIMEOUT_SECONDS, connect=10.0), **request
            )
        except httpx.TimeoutException:
            raise QueryTimeout(timeout or TIMEOUT_SECONDS) from None
        except httpx.HTTPError as error:
            raise BackendUnavailable(f"{self.url}: {type(error).__name__}: {error}") from None

    async def start(self) -> None:
        """Nothing to start: connections are opened on demand."""

    async def close(self) -> None:
        await self._client.aclose()


def _result(response: httpx.Response, dialect: StandardDialect, max_rows: int | None) -> QueryResult:
    media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    results_format = ox.QueryResultsFormat.from_media_type(media_type)
    graph_format = None if results_format else ox.RdfFormat.from_media_type(media_type)
    if results_format is None and graph_format is None:
        raise BackendUnavailable(f"the backend answered with an unsupported media type {media_type!r}")
    content = dialect.cleaned(response, media_type)
    try:
        if results_format is not None:
            parsed = ox.parse_query_results(content, format=results_format)
            if isinstance(parsed, ox.QueryBoolean):
                return QueryResult("boolean", content, results_format)
            if _more_than(parsed, max_rows):  # parsed again: the count consumed the first pass
                again = ox.parse_query_results(content, format=results_format)
                return QueryResult.of(capped_solutions(again, media_type, max_rows))
            return QueryResult("solutions", content, results_format)
        if _more_than(ox.parse(content, format=graph_format), max_rows):
            quads = ox.parse(content, format=graph_format)  # again: counting consumed the first parse
            serialize = functools.partial(ox.serialize, quads, format=ox.RdfFormat.N_TRIPLES)
            return QueryResult.of(capped_graph(serialize, media_type, max_rows))
    except SyntaxError as error:
        raise BackendUnavailable(f"unreadable {media_type} answer from the backend: {error}") from None
    return QueryResult("graph", content, graph_format)


def _more_than(rows, max_rows: int | None) -> bool:
    """Whether the iterable `rows` has more than `max_rows` items (reading at most one past the limit)."""
    return max_rows is not None and any(True for _ in itertools.islice(rows, max_rows, max_rows + 1))
