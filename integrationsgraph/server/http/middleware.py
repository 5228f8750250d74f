"""The middleware around every route, outermost first, and why each sits where it does.

1. metrics: outermost, so it counts the status the client really got (CORS preflights included);
2. forwarding: the site's address and the client's, from trusted proxies only (forwarding.py); before
   everything that reads them, and inside metrics so its 400s are counted;
3. security headers: nosniff everywhere, the content security policy on pages (security_headers.py);
4. CORS: any origin, no credentials (the graph is public; cookies are never used), preflight answered;
5. the gzip ETag marker: outside gzip, so it sees which responses were compressed;
6. gzip, for clients that accept it;
7. request limits: before any handler reads headers or a body;
8. the body deadline: so every read of the body is timed (body_deadline.py);
9. the client: innermost, so the query pool knows whose query it evaluates (`fairness.py`); after
   forwarding, so behind a trusted proxy it is the forwarded client.
"""

from __future__ import annotations

from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware

from integrationsgraph.server.endpoint.http_cache import EncodingETagMiddleware
from integrationsgraph.server.endpoint.limits import RequestLimitsMiddleware
from integrationsgraph.server.http.body_deadline import BodyDeadlineMiddleware
from integrationsgraph.server.http.client_middleware import ClientMiddleware
from integrationsgraph.server.http.forwarding import ForwardingMiddleware
from integrationsgraph.server.http.metrics import Metrics, MetricsMiddleware
from integrationsgraph.server.http.security_headers import SecurityHeadersMiddleware
from integrationsgraph.settings import Settings
from integrationsgraph.sparql.answering import BYTE_LIMIT_HEADER, ROW_LIMIT_HEADER, TRUNCATED_HEADER

# Response headers a script on another origin may read.
EXPOSED_HEADERS = ["ETag", "Retry-After", "Link", TRUNCATED_HEADER, ROW_LIMIT_HEADER, BYTE_LIMIT_HEADER]


def middleware_stack(settings: Settings, metrics: Metrics) -> list[Middleware]:
    return [
        Middleware(MetricsMiddleware, metrics=metrics),
        Middleware(ForwardingMiddleware, trusted_proxies=settings.trusted_proxies),
        Middleware(SecurityHeadersMiddleware),
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
        Middleware(BodyDeadlineMiddleware, seconds=settings.body_timeout),
        Middleware(ClientMiddleware),
    ]
