"""Headers that tell browsers what the site's pages may do, so a page cannot be turned against its reader.

Every response: `X-Content-Type-Options: nosniff` (a Turtle dump or a JSON answer is never run as a script
or rendered as HTML). HTML pages also get a Content Security Policy that allows only the site's own
scripts, styles, images and fetches (the pages use no inline script or style: their inline `<script>`
elements are JSON data blocks, which a policy does not block), no plugins, no `<base>` rewriting, forms
that post only to the site, and `frame-ancestors 'none'` (no page can be framed for click-jacking; the
same for old browsers with `X-Frame-Options: DENY`). `Referrer-Policy: same-origin`: a link out of a page
does not tell the other site which resource or query the reader was looking at.
"""

from __future__ import annotations

from starlette.types import Message

from integrationsgraph.server.http.http_middleware import ResponseStartMiddleware

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))  # fmt: skip
EVERY_RESPONSE = [(b"x-content-type-options", b"nosniff")]
HTML_PAGES = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
]


class SecurityHeadersMiddleware(ResponseStartMiddleware):
    def edit_start(self, message: Message) -> None:
        headers = list(message.get("headers", []))
        names = {name.lower() for name, _ in headers}
        content_type = next((v for n, v in headers if n.lower() == b"content-type"), b"")
        added = EVERY_RESPONSE + (HTML_PAGES if content_type.startswith(b"text/html") else [])
        message["headers"] = headers + [(name, value) for name, value in added if name not in names]
