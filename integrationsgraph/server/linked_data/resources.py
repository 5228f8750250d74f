"""Dereferencing minted IRIs: `/id/…` (things and facts), `/graph/…` (named graphs), `/def/concept/…` and
`/def/rule/…` (ontology terms with a path of their own).

An IRI `<public_base>id/body/intmk` is served at `/id/body/intmk`: an HTML page (labels, types, every
property and incoming link with the graph that states it, the evidence spans of each fact, a picture of the
neighbourhood, the named queries about it) or Turtle, JSON-LD, N-Triples and RDF/XML, by `Accept` or by
suffix (`.ttl`, `.jsonld`, `.nt`, `.rdf`, `.html`). An IRI the data does not use is a 404 in the common
error shape. Ontology terms with a path answer RDF as above and send browsers to their anchor on the
ontology's documentation page (`/def#…`).
"""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from integrationsgraph.iris import iri_ref
from integrationsgraph.server.http.problems import HTTPProblem
from integrationsgraph.server.linked_data import representations
from integrationsgraph.server.linked_data.graph_pages import graph_page
from integrationsgraph.server.linked_data.links import Linker, compact
from integrationsgraph.server.linked_data.resource_data import (
    INCOMING_LIMIT,
    RDF_TYPE,
    ResourceData,
    describe,
    exists,
)
from integrationsgraph.server.linked_data.sparql_helpers import construct
from integrationsgraph.server.linked_data.statements import statement_sections
from integrationsgraph.server.linked_data.tenure_section import tenure_section
from integrationsgraph.server.linked_data.term_anchors import anchor_for
from integrationsgraph.server.pages.localization import words
from integrationsgraph.server.pages.page_context import page_context
from integrationsgraph.server.pages.rendering import named_query_catalog, render
from integrationsgraph.server.views import neighbourhood_svg
from integrationsgraph.server.views.view_pages import timelines_for
from integrationsgraph.settings import Settings

# Which named-query parameters an entity of a class can fill (parameter name -> fitting classes;
# None: any resource). A query is linked when such a parameter is its only required one.
ORG = "http://www.w3.org/ns/org#"
IG = "https://w3id.org/integrationsgraph/def#"
HOLDING = IG + "Holding"
PARAMETER_FIT: dict[str, set[str] | None] = {
    "entity": None,
    "body": {ORG + "Organization", IG + "Body"},
    "land": {IG + "Land"},
    "post": {IG + "Post", ORG + "Post"},
    "person": {IG + "Person", IG + "Land"},
    "meeting": {IG + "Meeting"},
    "plan": {IG + "Plan"},
    "about": {IG + "Fact"},
}
# Where one query's parameter fits fewer classes than its name says: `succession` answers only for what
# has predecessors and successors (its parameter's description), so an evidence span or an instant does
# not link to an answer that is empty by construction.
QUERY_FIT: dict[tuple[str, str], set[str]] = {
    ("succession", "entity"): {
        HOLDING,
        IG + "Plan",
        IG + "Body",
        ORG + "Organization",
        IG + "Land",
        IG + "Person",
    },
}
# The parts of a fact's statement (its evidence and their selectors, its instants and intervals, the
# derivation of a tenure's bound): their own page already shows their source and neighbours, so they
# link no named query and no interactive graph (which would add two pages about the same for each of
# the thousands of them).
OA = "http://www.w3.org/ns/oa#"
TIME = "http://www.w3.org/2006/time#"
FACT_PARTS = {
    IG + "Evidence",
    OA + "SpecificResource",
    OA + "TextPositionSelector",
    OA + "TextQuoteSelector",
    TIME + "Instant",
    TIME + "Interval",
    TIME + "ProperInterval",
    TIME + "DateTimeDescription",
    IG + "BoundDerivation",
    IG + "ResolvedTenure",
}
SPECIAL_GRAPHS = {"inferred": "inferred", "entities": "entities", "ontology": "ontology"}


def resource_iri(request: Request, prefix: str) -> tuple[str, str, str | None]:
    """The IRI asked for, the local path of its page (no suffix), and the media type a suffix forces."""
    path, forced = representations.split_suffix(request.path_params["rest"])
    linker = Linker(request)
    return linker.base + prefix + path, "/" + prefix + path, forced


async def _require_existing(request: Request, iri: str) -> None:
    try:
        found = await exists(request.app.state.backend, iri)
    except ValueError:
        found = False
    if not found:
        raise HTTPProblem(404, "Not found", f"The graph says nothing about {iri}.", iri=iri)


async def thing(request: Request) -> Response:
    """`/id/…`: a thing or a fact node."""
    iri, path, forced = resource_iri(request, "id/")
    await _require_existing(request, iri)
    media_type = representations.choose(request, forced)
    backend = request.app.state.backend
    if media_type != representations.HTML:
        ref = iri_ref(iri)
        triples = await construct(
            backend,
            f"CONSTRUCT {{ {ref} ?p ?o . ?s ?q {ref} }} "
            f"WHERE {{ {{ {ref} ?p ?o }} UNION {{ ?s ?q {ref} }} }}",
        )
        return representations.rdf_response(triples, media_type, Linker(request).root_path + path)
    data = await describe(backend, iri, Linker(request).base)
    return await resource_page(request, data, path)


async def term(request: Request) -> Response:
    """`/def/concept/…`, `/def/rule/…`: RDF about the term, or its anchor on the documentation page."""
    iri, path, forced = resource_iri(request, "def/")
    await _require_existing(request, iri)
    media_type = representations.choose(request, forced)
    linker = Linker(request)
    if media_type == representations.HTML:
        return RedirectResponse(linker.path("/def") + "#" + anchor_for(iri), status_code=303)
    ref = iri_ref(iri)
    triples = await construct(
        request.app.state.backend, f"CONSTRUCT {{ {ref} ?p ?o }} WHERE {{ {ref} ?p ?o }}"
    )
    return representations.rdf_response(triples, media_type, linker.root_path + path)


def graph_badge(linker: Linker, graph: str, data: ResourceData, t: dict[str, str]) -> dict[str, str]:
    """How a page names the graph a statement sits in: its source file, or registry/inferred/ontology."""
    name = graph.removeprefix(linker.base + "graph/")
    if name in SPECIAL_GRAPHS:
        text, kind = t[SPECIAL_GRAPHS[name]], name
    elif graph in data.sources:
        text, kind = data.sources[graph].file.removesuffix(".txt"), "source"
    else:
        text, kind = compact(graph), "other"
    return {"text": text, "href": linker.href(graph), "kind": kind, "iri": graph}


def _grouped(rows, linker: Linker, data: ResourceData, t: dict[str, str]) -> list[dict]:
    """Rows (graph, property, term) grouped by property, each term with the graphs that state it."""
    by_property: dict[str, dict] = {}
    for graph, predicate, value in rows:
        group = by_property.setdefault(
            predicate.value, {"property": linker.value(predicate, data.labels), "values": {}}
        )
        entry = group["values"].setdefault(value, {"value": linker.value(value, data.labels), "graphs": []})
        badge = graph_badge(linker, graph, data, t)
        if badge not in entry["graphs"]:
            entry["graphs"].append(badge)
    groups = sorted(by_property.values(), key=lambda group: group["property"].text.lower())
    for group in groups:
        group["values"] = sorted(group["values"].values(), key=lambda entry: entry["value"].text.lower())
    return groups


def _evidence_groups(linker: Linker, data: ResourceData) -> list[dict]:
    """Per source graph: the source, and each fact's evidence spans in it."""
    facts: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for span in data.spans:
        facts[span.graph][span.fact].append(span)
    groups = []
    for graph, by_fact in sorted(facts.items()):
        source = data.sources.get(graph)
        groups.append(
            {
                "graph": graph,
                "graph_href": linker.href(graph),
                "source": source,
                "source_href": linker.href(source.source) if source else None,
                "publisher": source.publisher_name(data.labels, linker.language) if source else "",
                "facts": [
                    {
                        "fact": linker.value(ox.NamedNode(fact), data.labels),
                        "is_self": fact == data.iri,
                        "spans": spans,
                    }
                    for fact, spans in sorted(by_fact.items(), key=lambda item: item[0] != data.iri)
                ],
            }
        )
    return groups


def _neighbourhood(linker: Linker, data: ResourceData) -> str:
    links = [
        neighbourhood_svg.Link(
            True, linker.label(p.value, data.labels), linker.label(o.value, data.labels), linker.href(o.value)
        )
        for _, p, o in data.outgoing
        if isinstance(o, ox.NamedNode) and p.value != RDF_TYPE and linker.page_href(o.value)
    ] + [
        neighbourhood_svg.Link(
            False,
            linker.label(p.value, data.labels),
            linker.label(s.value, data.labels),
            linker.href(s.value),
        )
        for _, s, p in data.incoming
        if isinstance(s, ox.NamedNode)
    ]
    return neighbourhood_svg.render(linker.label(data.iri, data.labels), links)


def queries_about(request: Request, linker: Linker, iri: str, types: list[str]) -> list[dict[str, str]]:
    """Links to the named queries this resource can be the parameter of (by parameter name and type)."""
    if FACT_PARTS & set(types):
        return []
    found = []
    for query in named_query_catalog(request).values():
        required = [p for p in query.parameters if not p.optional]
        for parameter in query.parameters:
            fit = QUERY_FIT.get((query.name, parameter.name), PARAMETER_FIT.get(parameter.name, set()))
            fits = fit is None or bool(fit & set(types))
            others_given = all(p is parameter for p in required)
            if parameter.type == "iri" and fits and others_given and parameter.name in PARAMETER_FIT:
                href = linker.path(f"/queries/{query.name}", **{parameter.name: iri})
                found.append({"name": query.name, "summary": query.summary_in(linker.language), "href": href})
                break
    return found


def _distinct_types(linker: Linker, data: ResourceData) -> list:
    """The types by label, each label once ("Person", not "Person, person"): a type of ours before a
    vocabulary's equivalent."""
    ordered = sorted(data.types, key=lambda iri: (linker.page_href(iri) is None, iri))
    shown: dict[str, object] = {}
    for iri in ordered:
        value = linker.value(ox.NamedNode(iri), data.labels)
        shown.setdefault(value.text.casefold(), value)
    return list(shown.values())


async def resource_page(request: Request, data: ResourceData, path: str) -> Response:
    linker = Linker(request)
    t = words(linker.language)
    local_path = linker.root_path + path
    lang_query = f"?lang={linker.explicit_language}" if linker.explicit_language else ""
    context = {
        **page_context(request, linker),
        "section": "resource",
        "iri": data.iri,
        "title": linker.label(data.iri, data.labels),
        "types": _distinct_types(linker, data),
        "statements": await statement_sections(request, linker, data.iri, data.types),
        "outgoing": _grouped([row for row in data.outgoing if row[1].value != RDF_TYPE], linker, data, t),
        "incoming": _grouped([(g, p, s) for g, s, p in data.incoming], linker, data, t),
        "incoming_truncated": data.incoming_truncated,
        "incoming_limit": INCOMING_LIMIT,
        "incoming_count": len(data.incoming),
        "evidence": _evidence_groups(linker, data),
        "neighbourhood_svg": _neighbourhood(linker, data),
        "graph_view": None if FACT_PARTS & set(data.types) else linker.path("/view/graph", entity=data.iri),
        "queries": queries_about(request, linker, data.iri, data.types),
        "alternates": representations.alternates(local_path, lang_query),
        "timelines": await timelines_for(request, linker, data),
        "tenure": await tenure_section(request.app.state.backend, linker, data.iri)
        if HOLDING in data.types
        else None,
    }
    response = render(request, "resource.html", context)
    response.headers.update(representations.headers_for(local_path))
    return response


async def graph(request: Request) -> Response:
    """`/graph/…`: a named graph: its triples as RDF, or a page listing what it describes."""
    iri, path, forced = resource_iri(request, "graph/")
    await _require_existing(request, iri)
    media_type = representations.choose(request, forced)
    backend = request.app.state.backend
    linker = Linker(request)
    ref = iri_ref(iri)
    if media_type != representations.HTML:
        triples = await construct(backend, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {ref} {{ ?s ?p ?o }} }}")
        return representations.rdf_response(triples, media_type, linker.root_path + path)
    return await graph_page(request, iri, path)


def routes(settings: Settings) -> list[BaseRoute]:
    return [
        Route("/id/{rest:path}", thing, methods=["GET", "HEAD"], name="resource"),
        Route("/graph/{rest:path}", graph, methods=["GET", "HEAD"], name="graph_resource"),
        Route("/def/{rest:path}", term, methods=["GET", "HEAD"], name="term_resource"),
    ]
