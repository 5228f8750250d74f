"""Views: timelines on their own pages (`/timeline/chairs?body=`, `/timeline/holders?post=`,
`/timeline/body?body=`) and inside resource pages, and the interactive graph of an entity's
neighbourhood (`/view/graph?entity=`, drawn by static/graph-view.js from `/export?format=cytoscape`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from integrationsgraph.exports.scope import MAX_DEPTH
from integrationsgraph.iris import iri_ref, is_http_iri
from integrationsgraph.server.http.problems import HTTPProblem
from integrationsgraph.server.linked_data.links import Linker
from integrationsgraph.server.linked_data.resource_data import ResourceData, exists, labels_of
from integrationsgraph.server.linked_data.sparql_helpers import ask
from integrationsgraph.server.pages.localization import words
from integrationsgraph.server.pages.page_context import page_context
from integrationsgraph.server.pages.rendering import render
from integrationsgraph.server.views import timeline_svg
from integrationsgraph.server.views.timeline_data import body_event_rows, chair_rows, holder_rows
from integrationsgraph.settings import Settings
from integrationsgraph.sparql.backends import Backend

ORG = "http://www.w3.org/ns/org#"
IG = "https://w3id.org/integrationsgraph/def#"
RowSource = Callable[[Backend, Linker, str], Awaitable[list[timeline_svg.Row]]]

# kind: (parameter, rows, title word)
TIMELINES: dict[str, tuple[str, RowSource, str]] = {
    "chairs": ("body", chair_rows, "chairs_timeline"),
    "holders": ("post", holder_rows, "holders_timeline"),
    "body": ("body", body_event_rows, "body_timeline"),
}


async def _required_iri(request: Request, name: str) -> str:
    iri = request.query_params.get(name, "")
    if not is_http_iri(iri):
        raise HTTPProblem(400, "Bad request", f"parameter {name}: an absolute http(s) IRI is required")
    if not await exists(request.app.state.backend, iri):
        raise HTTPProblem(404, "Not found", f"The graph says nothing about {iri}.", iri=iri)
    return iri


async def timeline_page(request: Request) -> Response:
    kind = request.path_params["kind"]
    if kind not in TIMELINES:
        raise HTTPProblem(404, "Not found", f"No timeline {kind!r}; known: {', '.join(TIMELINES)}")
    parameter, row_source, title_word = TIMELINES[kind]
    iri = await _required_iri(request, parameter)
    linker = Linker(request)
    backend = request.app.state.backend
    rows = await row_source(backend, linker, iri)
    labels = await labels_of(backend, {iri}, linker.base)
    t = words(linker.language)
    subject = linker.label(iri, labels)
    context = {
        **page_context(request, linker),
        "section": "timeline",
        "title": f"{t[title_word]}: {subject}",
        "subject": {"text": subject, "href": linker.href(iri)},
        "svg": timeline_svg.render(rows, f"{t[title_word]}: {subject}"),
        "rows": rows,
        "row_heading": t[f"{kind}_rows"],
        "tenures": kind != "body",  # holdings: resolved tenures, with the legend and the end convention
    }
    return render(request, "timeline.html", context)


async def timelines_for(request: Request, linker: Linker, data: ResourceData) -> list[dict]:
    """The timelines a resource page shows: holders of an office; chairs and events of a body."""
    backend = request.app.state.backend
    t = words(linker.language)
    wanted: list[tuple[str, str]] = []
    if IG + "Post" in data.types or ORG + "Post" in data.types:
        wanted.append(("holders", "post"))
    if IG + "Body" in data.types or ORG + "Organization" in data.types:
        chair = f"<{linker.base}def/concept/chair>"
        has_chair = f"ASK {{ ?post <{ORG}postIn> {iri_ref(data.iri)} ; <{ORG}role> {chair} }}"
        if await ask(backend, has_chair):
            wanted.append(("chairs", "body"))
        wanted.append(("body", "body"))
    found = []
    for kind, parameter in wanted:
        _, row_source, title_word = TIMELINES[kind]
        rows = await row_source(backend, linker, data.iri)
        svg = timeline_svg.render(rows, t[title_word])
        if svg:
            found.append(
                {
                    "title": t[title_word],
                    "svg": svg,
                    "href": linker.path(f"/timeline/{kind}", **{parameter: data.iri}),
                }
            )
    return found


async def graph_view(request: Request) -> Response:
    iri = await _required_iri(request, "entity")
    linker = Linker(request)
    try:
        depth = min(max(int(request.query_params.get("depth", "1")), 1), MAX_DEPTH)
    except ValueError:
        raise HTTPProblem(400, "Bad request", "parameter depth: a number from 1 to 4") from None
    inferred = request.query_params.get("inferred", "") in ("1", "true", "on", "yes")
    labels = await labels_of(request.app.state.backend, {iri}, linker.base)
    t = words(linker.language)
    export_url = linker.path(
        "/export",
        format="cytoscape",
        entity=iri,
        depth=depth,
        inferred="true" if inferred else None,
        lang=linker.language,
    )
    context = {
        **page_context(request, linker),
        "section": "graph",
        "title": f"{t['graph_view']}: {linker.label(iri, labels)}",
        "entity": {"iri": iri, "href": linker.href(iri), "text": linker.label(iri, labels)},
        "depth": depth,
        "max_depth": MAX_DEPTH,
        "inferred": inferred,
        "export_url": export_url,
        "downloads": [
            {
                "label": name,
                "href": linker.path(
                    "/export",
                    format=fmt,
                    entity=iri,
                    depth=depth,
                    inferred="true" if inferred else None,
                    lang=linker.language,
                ),
            }
            for name, fmt in (
                ("GraphML", "graphml"),
                ("GEXF", "gexf"),
                ("DOT", "dot"),
                ("Cytoscape.js", "cytoscape"),
            )
        ],
    }
    return render(request, "graph_view.html", context)


def routes(settings: Settings) -> list[BaseRoute]:
    return [
        Route("/timeline/{kind:str}", timeline_page, methods=["GET"], name="timeline"),
        Route("/view/graph", graph_view, methods=["GET"], name="graph_view"),
    ]
