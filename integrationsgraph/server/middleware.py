"""The middleware around every route, outermost first, and why each sits where it does.

1. metrics: outermost, so it counts the status the client really got (CORS preflights included);
2. CORS: any origin, no credentials (the graph is public; cookies are never used), preflight answered;
3. the gzip ETag marker: outside gzip, so it sees which responses were compressed;
4. gzip, for clients that accept it;
5. request limits: before any handler reads headers or a body;
6. the client: innermost, so the query pool knows whose query it evaluates (`fairness.py`).
"""

from __future__ import annotations

from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware

from integrationsgraph.server.fairness import ClientMiddleware
from integrationsgraph.server.http_cache import EncodingETagMiddleware
from integrationsgraph.server.limits import (
    BYTE_LIMIT_HEADER,
    ROW_LIMIT_HEADER,
    TRUNCATED_HEADER,
    RequestLimitsMiddleware,
)
from integrationsgraph.server.metrics import Metrics, MetricsMiddleware
from integrationsgraph.server.settings import Settings

# Response headers a script on another origin may read.
EXPOSED_HEADERS = ["ETag", "Retry-After", "Link", TRUNCATED_HEADER, ROW_LIMIT_HEADER, BYTE_LIMIT_HEADER]


def middleware_stack(settings: Settings, metrics: Metrics) -> list[Middleware]:
    return [
        Middleware(MetricsMiddleware, metrics=metrics),
        Middleware(
            CORSMiddleware,
            allow_origins=["*"],
            allow_credentials=False,
            allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
            allow_headers=["*"],
            expose_headers=EXPOSED_HEADERS,
            max_age=86400,
        ),
        Middleware(EncodingETagMiddleware),
        Middleware(GZipMiddleware, minimum_size=500, compresslevel=6),
        Middleware(
            RequestLimitsMiddleware,
            max_header_bytes=settings.max_header_bytes,
            max_body_bytes=settings.max_body_bytes,
        ),
        Middleware(ClientMiddleware),
    ]
