"""Answering one SPARQL query over HTTP: limits, guards, deadline, HTTP caching, truncation, the query log.

The order matters: everything that refuses a query (length, federation, a bad timeout, an unacceptable
format) happens before a worker is used; a repeated query is answered from the ETag (304) or the
response cache; only then does the query run, under its deadline and until its client goes away. The
complete answer is serialized before anything is sent, so a client never gets a 200 with a cut body.

One JSON line per query goes to the logger `integrationsgraph.server.queries`: the answer key (the
ETag), duration, status, rows, whether the row limit cut it, the cache outcome and the client address.
"""

from __future__ import annotations

import json
import logging
import time

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from integrationsgraph.server.backends import (
    BackendUnavailable,
    QueryResult,
    QuerySyntaxError,
    QueryTimeout,
    ServerBusy,
)
from integrationsgraph.server.deadline import ClientDisconnected, query_deadline, unless_disconnected
from integrationsgraph.server.errors import CLIENT_CLOSED, HTTPProblem
from integrationsgraph.server.guards import might_name_service, refuse_federated_query
from integrationsgraph.server.http_cache import CachedAnswer, answer_key, asks_for_any, etag, matching_etag
from integrationsgraph.server.limits import (
    ROW_LIMIT_HEADER,
    TRUNCATED_HEADER,
    check_query_length,
    mark_truncated,
)
from integrationsgraph.server.protocol import QueryOperation
from integrationsgraph.server.results import negotiate_query, with_charset
from integrationsgraph.server.service_description import request_base_url

query_log = logging.getLogger("integrationsgraph.server.queries")

VARY = "Accept, Accept-Encoding"
STATUS_OF = {QuerySyntaxError: 400, QueryTimeout: 504, ServerBusy: 503, BackendUnavailable: 502}


class _Record:
    """What the query log line says about one query."""

    def __init__(self, request: Request):
        self.started = time.perf_counter()
        self.key: str | None = None
        self.status = 500
        self.rows: int | None = None
        self.truncated = False
        self.cache = "none"
        self.client = request.client.host if request.client else None

    def line(self) -> str:
        return json.dumps({
            "event": "query", "key": self.key, "status": self.status,
            "duration_ms": round((time.perf_counter() - self.started) * 1000, 3),
            "rows": self.rows, "truncated": self.truncated, "cache": self.cache, "client": self.client,
        })  # fmt: skip


async def answer_query(request: Request, operation: QueryOperation) -> Response:
    """The response to a query operation; errors are raised for the app's handlers, and logged here."""
    record = _Record(request)
    metrics = request.app.state.metrics
    metrics.in_flight.inc()
    try:
        response = await _answer(request, operation, record)
        record.status = response.status_code
        return response
    except (HTTPProblem, QuerySyntaxError, QueryTimeout, ServerBusy, BackendUnavailable) as error:
        record.status = error.status if isinstance(error, HTTPProblem) else STATUS_OF[type(error)]
        _count_refusal(metrics, error)
        raise
    except ClientDisconnected:
        record.status = CLIENT_CLOSED
        return Response(status_code=CLIENT_CLOSED)
    finally:
        metrics.in_flight.dec()
        query_log.info(record.line())


def _count_refusal(metrics, error: Exception) -> None:
    if isinstance(error, QueryTimeout):
        metrics.timeouts.inc()
    elif isinstance(error, ServerBusy):
        metrics.rejections.labels("busy").inc()
    elif isinstance(error, HTTPProblem) and error.title == "Result too large":
        metrics.rejections.labels("truncated_format").inc()
    elif isinstance(error, HTTPProblem) and error.status in (413, 431):
        metrics.rejections.labels("too_large").inc()
    elif isinstance(error, HTTPProblem) and error.title == "Federated query refused":
        metrics.rejections.labels("federation").inc()


async def _answer(request: Request, operation: QueryOperation, record: _Record) -> Response:
    state = request.app.state
    settings = state.settings
    text = operation.text
    check_query_length(text, settings.max_query_length)
    negotiated = negotiate_query(request.headers.get("accept"))
    seconds = query_deadline(request, operation.timeout, settings.query_timeout)
    if might_name_service(text):
        await run_in_threadpool(refuse_federated_query, text)  # parses: off the event loop
    backend = state.backend
    endpoint = settings.endpoint_url(request_base_url(request))
    version = getattr(backend, "version", None)
    max_rows = getattr(backend, "max_rows", None)
    cache_headers: dict[str, str] = {}
    any_answer_will_do = False  # If-None-Match: * on a GET: 304 once the query has an answer
    if version is not None:
        record.key = answer_key(version, text, operation.dataset, negotiated, endpoint, max_rows)
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
    formats = negotiated.preferred_formats()
    result: QueryResult = await unless_disconnected(
        request, backend.query(text, operation.dataset, formats, endpoint, timeout=seconds)
    )
    record.rows, record.truncated = result.row_count, result.truncated
    media_type = with_charset(negotiated.media_type_for(result))
    data_format = negotiated.format_for(result)
    body = result.data
    if data_format != result.data_format:
        body = await run_in_threadpool(result.serialize, data_format)
    extra: dict[str, str] = {}
    if result.truncated:
        body = mark_truncated(body, data_format, max_rows)
        extra = {TRUNCATED_HEADER: "true", ROW_LIMIT_HEADER: str(max_rows)}
    if record.key is not None:
        answer = CachedAnswer(body, media_type, tuple(extra.items()), result.row_count)
        state.response_cache.put(record.key, answer)
    if any_answer_will_do:
        return not_modified(request, record, cache_headers)
    return Response(body, media_type=media_type, headers={**extra, **cache_headers, "Vary": VARY})


def not_modified(request: Request, record: _Record, cache_headers: dict[str, str]) -> Response:
    record.cache = "not_modified"
    metrics_cache(request, "not_modified")
    return Response(status_code=304, headers={**cache_headers, "Vary": VARY})


def metrics_cache(request: Request, outcome: str) -> None:
    request.app.state.metrics.cache.labels(outcome).inc()
