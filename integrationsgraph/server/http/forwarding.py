"""The site's address as the client sees it, and who the client is, behind a reverse proxy or without one.

A request's own `Host` header and scheme give the base URL. Forwarding headers (`Forwarded`,
`X-Forwarded-Proto`, `-Host`, `-Prefix`, `-For`) replace them only when the connection comes from an
address in the `trusted_proxies` setting (none by default): anyone else could otherwise choose the
address the server writes into its answers (`sd:endpoint`, base IRIs, links) and, through a cache that does
not know those headers matter, serve that choice to everyone (cache poisoning).

Every value that becomes part of a URL is checked first (a scheme of http or https, a host name or IP
literal with an optional port, a path prefix of plain segments): a bad one is a 400 naming the header,
never an invalid base IRI deep inside a query. An answer that used forwarded values says so with
`Vary` on the forwarding headers, so a cache between the proxy and the server keeps one copy per value.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from integrationsgraph.server.http.http_middleware import HTTPMiddleware
from integrationsgraph.server.http.problems import error_response
from integrationsgraph.settings import Network

FORWARDING_HEADERS = ("Forwarded", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Forwarded-Prefix")
SCOPE_KEY = "integrationsgraph.site"  # the Site of the request, put into the ASGI scope by the middleware

_HOST = re.compile(r"(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9._~-]*[A-Za-z0-9])?)(?::[0-9]{1,5})?")
_PREFIX = re.compile(r"[A-Za-z0-9._~-]+(?:/[A-Za-z0-9._~-]+)*")


class BadForwarding(ValueError):
    """A header that would become part of the site's address is malformed; the message names it."""


def is_trusted(address: str | None, networks: Iterable[Network]) -> bool:
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False  # a Unix socket path or a test client's name: not a proxy address
    return any(ip in network for network in networks)


@dataclass(frozen=True)
class Site:
    """Where the client reached the site: scheme, host (and port), path prefix; whether a proxy said so."""

    scheme: str
    host: str
    prefix: str = ""
    forwarded: bool = False

    @property
    def base_url(self) -> str:
        return f"{self.scheme}://{self.host}/" + (f"{self.prefix}/" if self.prefix else "")


def _first_forwarded(value: str) -> dict[str, str]:
    """The parameters of the first (client-side) element of an RFC 7239 Forwarded header."""
    pairs = {}
    for pair in value.split(",", maxsplit=1)[0].split(";"):
        name, _, raw = pair.strip().partition("=")
        if name:
            pairs[name.strip().lower()] = raw.strip().strip('"')
    return pairs


def _first(value: str | None) -> str | None:
    return value.split(",")[0].strip() if value is not None else None


def _scheme(value: str, header: str) -> str:
    if value.lower() not in ("http", "https"):
        raise BadForwarding(f"{header}: {value!r} is not http or https")
    return value.lower()


def _host(value: str, header: str) -> str:
    if not _HOST.fullmatch(value):
        raise BadForwarding(f"{header}: {value!r} is not a host name or IP address with an optional port")
    return value


def _prefix(value: str, header: str) -> str:
    stripped = value.strip("/")
    if stripped and not _PREFIX.fullmatch(stripped):
        raise BadForwarding(f"{header}: {value!r} is not a path of plain segments (letters, digits, . _ ~ -)")
    return stripped


def site_of(scheme: str, headers: dict[str, str], trusted: bool, server: str = "localhost") -> Site:
    """The site a request reached, from its scheme and headers (lower-case names; `server`: the address
    it arrived at, for a request without Host); raises BadForwarding."""
    host = _host(headers["host"], "Host") if headers.get("host") else server
    site = Site(scheme, host)
    if not trusted:
        return site
    forwarded = _first_forwarded(headers["forwarded"]) if "forwarded" in headers else {}
    proto = forwarded.get("proto") or _first(headers.get("x-forwarded-proto"))
    forwarded_host = forwarded.get("host") or _first(headers.get("x-forwarded-host"))
    prefix = _first(headers.get("x-forwarded-prefix"))
    header = "Forwarded" if "proto" in forwarded else "X-Forwarded-Proto"
    return Site(
        _scheme(proto, header) if proto else scheme,
        _host(forwarded_host, "Forwarded" if "host" in forwarded else "X-Forwarded-Host")
        if forwarded_host
        else host,
        _prefix(prefix, "X-Forwarded-Prefix") if prefix else "",
        forwarded=True,
    )


def forwarded_client(headers: dict[str, str], peer: str, networks: Iterable[Network]) -> str:
    """The client's address: the last address in X-Forwarded-For (or Forwarded: for=) that is not one
    of our proxies; the proxies append, so only the part they wrote can be believed."""
    if "forwarded" in headers:
        chain = [_first_forwarded(element).get("for", "") for element in headers["forwarded"].split(",")]
    else:
        chain = [part.strip() for part in headers.get("x-forwarded-for", "").split(",")]
    for address in reversed([item.strip("[]") for item in chain if item]):
        if not is_trusted(address, networks):
            try:
                return str(ipaddress.ip_address(address))
            except ValueError:
                return peer  # an obfuscated or malformed identifier: the proxy is all we know
    return peer


def site(request: Request) -> Site:
    """The request's Site (computed by the middleware; computed here for an app without it)."""
    found = request.scope.get(SCOPE_KEY)
    if found is None:
        headers = {name.lower(): value for name, value in request.headers.items()}
        found = site_of(request.url.scheme, headers, trusted=False)
    if found.forwarded:
        request.scope["integrationsgraph.used_forwarding"] = True  # the answer depends on the headers
    return found


class ForwardingMiddleware(HTTPMiddleware):
    """Resolves each request's Site and client address; 400 for a malformed one; Vary when it was used."""

    def __init__(self, app: ASGIApp, trusted_proxies: tuple[Network, ...]):
        super().__init__(app)
        self.trusted_proxies = trusted_proxies

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers: dict[str, str] = {}
        for name, value in scope["headers"]:
            key = name.decode("latin-1").lower()
            text = value.decode("latin-1")
            headers[key] = f"{headers[key]}, {text}" if key in headers and key != "host" else text
        peer = scope["client"][0] if scope.get("client") else None
        trusted = is_trusted(peer, self.trusted_proxies)
        server = scope.get("server")
        address = "localhost"
        if server and server[1] is not None:  # an IPv6 address needs brackets in a URL
            address = f"[{server[0]}]:{server[1]}" if ":" in server[0] else f"{server[0]}:{server[1]}"
        try:
            scope[SCOPE_KEY] = site_of(scope.get("scheme", "http"), headers, trusted, address)
        except BadForwarding as error:
            response = error_response(Request(scope), 400, "Bad request", str(error))
            await response(scope, receive, send)
            return
        if trusted and peer is not None:
            scope["client"] = (forwarded_client(headers, peer, self.trusted_proxies), scope["client"][1])

        async def send_with_vary(message: Message) -> None:
            if message["type"] == "http.response.start" and scope.get("integrationsgraph.used_forwarding"):
                message["headers"] = _add_vary(list(message.get("headers", [])), FORWARDING_HEADERS)
            await send(message)

        await self.app(scope, receive, send_with_vary)


def _add_vary(headers: list[tuple[bytes, bytes]], names: Iterable[str]) -> list[tuple[bytes, bytes]]:
    existing = [value.decode("latin-1") for name, value in headers if name.lower() == b"vary"]
    tokens = [token.strip() for value in existing for token in value.split(",") if token.strip()]
    merged = ", ".join(dict.fromkeys([*tokens, *names]))
    return [(name, value) for name, value in headers if name.lower() != b"vary"] + [
        (b"vary", merged.encode("latin-1"))
    ]
