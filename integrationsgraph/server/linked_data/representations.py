"""The representations of a linked-data resource: HTML and four RDF formats, chosen by suffix or `Accept`.

`/id/body/intmk.ttl` forces Turtle; `/id/body/intmk` negotiates (Turtle first, so a client that names no
type gets RDF; browsers name `text/html` first). Every answer carries `Link: rel="alternate"` headers to
all representations and `Vary: Accept, Accept-Language`.
"""

from __future__ import annotations

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import Response

from integrationsgraph.namespaces import PREFIXES
from integrationsgraph.server.endpoint.results import not_acceptable, with_charset
from integrationsgraph.server.http.negotiation import negotiate
from integrationsgraph.server.http.problems import HTTPProblem

HTML = "text/html"
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
# Clients that name only the generic JSON type get JSON-LD.
ALIASES = {"application/json": "application/ld+json"}
OFFERS = [*RDF_FORMATS, HTML, *ALIASES]
SUFFIXES = {
    ".ttl": "text/turtle",
    ".jsonld": "application/ld+json",
    ".nt": "application/n-triples",
    ".rdf": "application/rdf+xml",
    ".html": HTML,
}
VARY = "Accept, Accept-Language"


def split_suffix(path: str) -> tuple[str, str | None]:
    """The path without a known format suffix, and the media type the suffix names (None: no suffix)."""
    for suffix, media_type in SUFFIXES.items():
        if path.endswith(suffix) and len(path) > len(suffix):
            return path[: -len(suffix)], media_type
    return path, None


def choose(request: Request, forced: str | None) -> str:
    """The media type to answer with: the suffix's, else the one `Accept` prefers; a 406 when none fits."""
    if forced is not None:
        return forced
    chosen = negotiate(request.headers.get("accept"), OFFERS)
    if chosen is None:
        raise not_acceptable(dict.fromkeys(OFFERS))
    return ALIASES.get(chosen, chosen)


def choose_for_page(request: Request, name: str) -> str:
    """The media type of a fixed-path page (`/dataset`, `/def`) whose route captures an optional format
    suffix: the suffix's, else the negotiated one. An unknown suffix is a 404, not a guess."""
    suffix = request.path_params.get("suffix")
    if suffix is None:
        return choose(request, None)
    _, forced = split_suffix(name + suffix)
    if forced is None:
        raise HTTPProblem(404, "Not found", f"No resource at {request.url.path}.")
    return forced


def alternate_links(path: str) -> str:
    """The `Link` header value naming every representation of the resource at `path`."""
    return ", ".join(
        f'<{path}{suffix}>; rel="alternate"; type="{media_type}"' for suffix, media_type in SUFFIXES.items()
    )


def alternates(path: str, query: str = "") -> list[dict[str, str]]:
    """The representations as links for a page (label, href, media type)."""
    labels = {".ttl": "Turtle", ".jsonld": "JSON-LD", ".nt": "N-Triples", ".rdf": "RDF/XML"}
    return [
        {"label": label, "href": f"{path}{suffix}{query}", "type": SUFFIXES[suffix]}
        for suffix, label in labels.items()
    ]


def rdf_response(triples: list[ox.Triple], media_type: str, path: str) -> Response:
    body = ox.serialize(triples, format=RDF_FORMATS[media_type], prefixes=PREFIXES)
    return Response(body, media_type=with_charset(media_type), headers=headers_for(path))


def headers_for(path: str) -> dict[str, str]:
    return {"Link": alternate_links(path), "Vary": VARY}
