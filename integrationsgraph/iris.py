"""The one IRI check: pyoxigraph's `NamedNode` parses an IRI (RFC 3987) and renders it for SPARQL, so no
module keeps its own list of forbidden characters."""

from __future__ import annotations

from urllib.parse import urlsplit

import pyoxigraph as ox

HTTP_SCHEMES = ("http://", "https://")


def iri_ref(iri: str) -> str:
    """`<iri>` for SPARQL text; `ValueError` for anything that is not an absolute IRI (so that nothing can
    break out of the reference)."""
    try:
        return str(ox.NamedNode(iri))
    except ValueError as error:
        raise ValueError(f"not an IRI usable in a query: {iri!r} ({error})") from None


def is_http_iri(text: str) -> bool:
    """An absolute http(s) IRI, the only kind clients may name as an entity."""
    if not text.startswith(HTTP_SCHEMES):
        return False
    try:
        ox.NamedNode(text)
    except ValueError:
        return False
    return True


def http_url(text: str) -> str:
    """A service's address (a SPARQL endpoint, a Graph Store): `ValueError` unless absolute http(s)."""
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("must be an absolute http:// or https:// URL")
    return text
