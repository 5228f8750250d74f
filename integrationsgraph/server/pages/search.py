"""Finding an entity by name: `/search?q=TEXT` answers the best matches as JSON (the suggestions the
search box shows as one types) or as an HTML page (the box without scripts).

Matching is `LabelIndex`'s (labels and alternative names in any language, case, umlauts and
diacritics folded), over the index `label_index` keeps per served build.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from integrationsgraph.queries.formatting import compact_iri
from integrationsgraph.queries.label_search import Hit, LabelIndex
from integrationsgraph.server.linked_data.links import Linker
from integrationsgraph.server.pages.label_index import label_index
from integrationsgraph.server.pages.localization import pick_label, words
from integrationsgraph.server.pages.named_queries import choose_format
from integrationsgraph.server.pages.rendering import render
from integrationsgraph.settings import Settings

FORMATS = {"html": "text/html", "json": "application/json"}
SUGGESTIONS = 8
PAGE_HITS = 50
MAX_TEXT = 200  # characters: a name, not a document


def describe_hit(hit: Hit, index: LabelIndex, linker: Linker) -> dict:
    """A hit as the box and the page show it: label in the page language, the name that matched when it
    is another, the types by their labels, and the entity's page on this server."""
    label = pick_label(hit.labels, linker.language) or hit.matched
    types = sorted({pick_label(index.labels(iri), linker.language) or _local_name(iri) for iri in hit.types})
    return {
        "iri": hit.iri,
        "key": compact_iri(hit.iri),  # what a question's form sends
        "label": label,
        "matched": hit.matched if hit.matched != label else None,
        "types": types,
        "href": linker.href(hit.iri),
    }


def _local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


async def search(request: Request) -> Response:
    output_format = choose_format(request, FORMATS)
    linker = Linker(request)
    text = request.query_params.get("q", "")[:MAX_TEXT]
    index = await label_index(request)
    limit = SUGGESTIONS if output_format == "json" else PAGE_HITS
    hits = await run_in_threadpool(index.search, text, limit, linker.base)
    found = [describe_hit(hit, index, linker) for hit in hits]
    if output_format == "json":
        return JSONResponse({"q": text, "results": found}, headers={"Vary": "Accept"})
    t = words(linker.language)
    if not text.strip():
        message = t["search_empty"]
    elif not found:
        message = t["search_none"].format(q=text)
    else:
        message = t["search_hits"].format(n=len(found), q=text)
    context = {"linker": linker, "search_text": text, "results": found, "message": message}
    response = render(request, "search.html", context)
    response.headers["Vary"] = "Accept"
    return response


def routes(settings: Settings) -> list[BaseRoute]:
    return [Route("/search", search, methods=["GET"], name="search")]
