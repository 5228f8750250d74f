"""Prometheus metrics at `/metrics`: requests by route and status, latency, timeouts, rejections, cache.

Each app has its own registry (several apps can live in one process, as in the tests). Routes are
labelled by their path template (`/queries/{name}`), never by the raw path, so the label set stays small.
"""

from __future__ import annotations

import time

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from integrationsgraph.server.http.http_middleware import HTTPMiddleware

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)


class Metrics:
    """The metrics of one app; the endpoint reports timeouts, rejections and cache use through it."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "integrationsgraph_http_requests", "HTTP requests answered, by route template, method and status",
            ["route", "method", "status"], registry=self.registry,
        )  # fmt: skip
        self.latency = Histogram(
            "integrationsgraph_http_request_duration_seconds", "Time to answer an HTTP request, by route",
            ["route"], buckets=LATENCY_BUCKETS, registry=self.registry,
        )  # fmt: skip
        self.timeouts = Counter(
            "integrationsgraph_query_timeouts", "Queries stopped at their deadline", registry=self.registry
        )
        self.rejections = Counter(
            "integrationsgraph_query_rejections",
            "Queries refused or stopped, by reason (busy, federation, too_large, truncated_format, memory)",
            ["reason"], registry=self.registry,
        )  # fmt: skip
        self.cache = Counter(
            "integrationsgraph_response_cache", "Query answers looked up in the response cache, by outcome",
            ["outcome"], registry=self.registry,
        )  # fmt: skip
        self.slow_readers = Counter(
            "integrationsgraph_slow_readers_dropped",
            "Connections dropped for reading nothing of their answer within write_timeout",
            registry=self.registry,
        )  # fmt: skip
        self.in_flight = Gauge(
            "integrationsgraph_queries_in_flight", "Queries being evaluated or waiting for a worker",
            registry=self.registry,
        )  # fmt: skip

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


def route_template(scope: Scope) -> str:
    """The path template of the route the request is for (another method's too), or "unmatched"."""
    app = scope.get("app")
    partial = "unmatched"
    for route in getattr(getattr(app, "router", None), "routes", ()):
        match, _ = route.matches(scope)
        if match == Match.FULL:
            return getattr(route, "path", "unmatched") or "/"
        if match == Match.PARTIAL and partial == "unmatched":
            partial = getattr(route, "path", "unmatched") or "/"
    return partial


class MetricsMiddleware(HTTPMiddleware):
    """Counts every HTTP request and its latency; outermost, so it sees the status the client got."""

    def __init__(self, app: ASGIApp, metrics: Metrics):
        super().__init__(app)
        self.metrics = metrics

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = time.perf_counter()
        route = route_template(dict(scope))  # before routing, which rewrites the scope for mounts
        status = 500  # unless a response starts: an exception escaped every handler

        async def recording_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, recording_send)
        finally:
            self.metrics.requests.labels(route, scope["method"], str(status)).inc()
            self.metrics.latency.labels(route).observe(time.perf_counter() - started)


async def metrics_page(request: Request) -> Response:
    """The Prometheus text exposition of this app's metrics."""
    return Response(request.app.state.metrics.exposition(), media_type=CONTENT_TYPE_PLAIN_0_0_4)
