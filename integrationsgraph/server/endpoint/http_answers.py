"""Answering one SPARQL query over HTTP: the query path's steps (`sparql/answering.py`) and HTTP caching.

`/sparql` and `/queries/NAME` both answer here. The order matters: everything that refuses a query
cheaply (length, a bad timeout, an unacceptable format) happens before a worker is used (the federation
guard parses, so the backend runs it: in the query worker, under the deadline); a repeated query is
answered from the ETag (304) or the response cache; only then does the query run, under its deadline
and until its client goes away. The complete answer is serialized before anything is sent, so a client
never gets a 200 with a cut body.

One JSON line per query goes to the query log (`sparql.answering.QueryRecord`): the answer key (the
ETag), duration, status, rows, whether the row limit cut it, the cache outcome and the client address.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import Response

from integrationsgraph.server.endpoint.deadline import ClientDisconnected, query_deadline, unless_disconnected
from integrationsgraph.server.endpoint.http_cache import (
    CachedAnswer,
    answer_key,
    asks_for_any,
    etag,
    matching_etag,
)
from integrationsgraph.server.endpoint.protocol import QueryOperation
from integrationsgraph.server.endpoint.results import Negotiated, negotiate_query, with_charset
from integrationsgraph.server.endpoint.service_description import request_base_url
from integrationsgraph.server.http.problems import CLIENT_CLOSED, HTTPProblem
from integrationsgraph.sparql.answering import (
    Answer,
    QueryRecord,
    QueryTooLong,
    ResultNotMarkable,
    answer,
    check_query_length,
)
from integrationsgraph.sparql.backends import (
    BackendUnavailable,
    QueryMemoryExceeded,
    QueryRequest,
    QuerySyntaxError,
    QueryTimeout,
    ServerBusy,
)
from integrationsgraph.sparql.guards import FederationRefused

R = ox.QueryResultsFormat
VARY = "Accept, Accept-Encoding"
STATUS_OF = {
    QuerySyntaxError: 400, FederationRefused: 400, QueryTimeout: 504, ServerBusy: 503,
    BackendUnavailable: 502, QueryMemoryExceeded: 507, QueryTooLong: 413, ResultNotMarkable: 413,
}  # fmt: skip
ANSWERED_ERRORS = (HTTPProblem, *STATUS_OF)


async def answer_query(
    request: Request, operation: QueryOperation, negotiated: Negotiated | None = None
) -> Response:
    """The response to a query operation; errors are raised for the app's handlers, and logged here.

    `negotiated`: the format the caller already chose (a named query's `?format=`), else `Accept`'s.
    """
    async with _logged(request) as record:
        response = await _answer(request, operation, record, negotiated)
        record.status = response.status_code
        return response
    return Response(status_code=CLIENT_CLOSED)  # the client went away (`_logged` swallowed it)


async def answer_for_page(request: Request, text: str) -> Answer | None:
    """A named query's answer for its HTML page: the same steps as `answer_query` (length, deadline, caps,
    log, errors), held as lossless SPARQL JSON for the page to read; None when the client went away."""
    settings = request.app.state.settings
    async with _logged(request) as record:
        check_query_length(text, settings.max_query_length)
        seconds = query_deadline(request, None, settings.query_timeout, settings.min_query_timeout)
        work = answer(
            request.app.state.backend, QueryRequest(text, timeout=seconds), lambda _: R.JSON, record
        )
        answered = await unless_disconnected(request, work)
        record.status = 200
        return answered
    return None


@contextlib.asynccontextmanager
async def _logged(request: Request) -> AsyncIterator[QueryRecord]:
    """Counts the query in flight, maps its refusal to a status for the log and the metrics, logs it."""
    record = QueryRecord(request.client.host if request.client else None)
    metrics = request.app.state.metrics
    metrics.in_flight.inc()
    try:
        yield record
    except ANSWERED_ERRORS as error:
        record.status = error.status if isinstance(error, HTTPProblem) else STATUS_OF[type(error)]
        _count_refusal(metrics, error)
        raise
    except ClientDisconnected:
        record.status = CLIENT_CLOSED
    finally:
        metrics.in_flight.dec()
        record.log()


def _count_refusal(metrics, error: Exception) -> None:
    if isinstance(error, QueryTimeout):
        metrics.timeouts.inc()
    elif isinstance(error, ServerBusy):
        metrics.rejections.labels("busy").inc()
    elif isinstance(error, QueryMemoryExceeded):
        metrics.rejections.labels("memory").inc()
    elif isinstance(error, ResultNotMarkable):
        metrics.rejections.labels("truncated_format").inc()
    elif isinstance(error, QueryTooLong) or (isinstance(error, HTTPProblem) and error.status in (413, 431)):
        metrics.rejections.labels("too_large").inc()
    elif isinstance(error, FederationRefused):
        metrics.rejections.labels("federation").inc()


async def _answer(
    request: Request, operation: QueryOperation, record: QueryRecord, negotiated: Negotiated | None
) -> Response:
    state = request.app.state
    settings = state.settings
    text = operation.text
    check_query_length(text, settings.max_query_length)
    negotiated = negotiated or negotiate_query(request.headers.get("accept"))
    seconds = query_deadline(request, operation.timeout, settings.query_timeout, settings.min_query_timeout)
    backend = state.backend
    endpoint = settings.endpoint_url(request_base_url(request))
    version = getattr(backend, "version", None)
    max_rows = getattr(backend, "max_rows", None)
    max_bytes = getattr(backend, "max_bytes", None)
    cache_headers: dict[str, str] = {}
    any_answer_will_do = False  # If-None-Match: * on a GET: 304 once the query has an answer
    if version is not None:
        record.key = answer_key(version, text, operation.dataset, negotiated, endpoint, max_rows, max_bytes)
        max_age = f"public, max-age={settings.cache_max_age}"
        cache_headers = {"ETag": etag(record.key), "Cache-Control": max_age}
        if request.method in ("GET", "HEAD"):
            if_none_match = request.headers.get("if-none-match")
            tag = matching_etag(if_none_match, record.key)
            if tag is not None:
                return not_modified(request, record, {**cache_headers, "ETag": tag})
            any_answer_will_do = asks_for_any(if_none_match)
        cached = state.response_cache.get(record.key)
        if cached is not None and any_answer_will_do:
            return not_modified(request, record, cache_headers)
        if cached is not None:
            record.cache, record.rows = "hit", cached.row_count
            metrics_cache(request, "hit")
            headers = {**dict(cached.headers), **cache_headers, "Vary": VARY}
            return Response(cached.body, media_type=cached.media_type, headers=headers)
        record.cache = "miss"
        metrics_cache(request, "miss")
    answered = await unless_disconnected(
        request,
        answer(
            backend,
            QueryRequest(text, operation.dataset, negotiated.preferred_formats(), endpoint, seconds, True),
            negotiated.format_for,
            record,
        ),
    )  # fmt: skip
    media_type = with_charset(negotiated.media_type_for(answered.result))
    body = answered.body
    extra = answered.cut.headers() if answered.cut is not None else {}
    if record.key is not None:
        cached_answer = CachedAnswer(body, media_type, tuple(extra.items()), answered.result.row_count)
        state.response_cache.put(record.key, cached_answer)
    if any_answer_will_do:
        return not_modified(request, record, cache_headers)
    return Response(body, media_type=media_type, headers={**extra, **cache_headers, "Vary": VARY})


def not_modified(request: Request, record: QueryRecord, cache_headers: dict[str, str]) -> Response:
    record.cache = "not_modified"
    metrics_cache(request, "not_modified")
    return Response(status_code=304, headers={**cache_headers, "Vary": VARY})


def metrics_cache(request: Request, outcome: str) -> None:
    request.app.state.metrics.cache.labels(outcome).inc()
