"""The ontology's documentation page at `/def` (where `def#Term` IRIs dereference), generated from the
ontology graph itself: classes, properties, concept schemes and rules, with labels and definitions in German
and English, domains, ranges, super-terms, and one anchor per term. `/def.ttl` (or `Accept`) gives the
ontology graph as RDF."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from integrationsgraph.iris import iri_ref
from integrationsgraph.server.http.problems import HTTPProblem
from integrationsgraph.server.linked_data import representations
from integrationsgraph.server.linked_data.links import Linker, compact
from integrationsgraph.server.linked_data.ontology_model import (
    OntologyModel,
    Term,
    characteristics,
    read_model,
)
from integrationsgraph.server.linked_data.sparql_helpers import construct
from integrationsgraph.server.linked_data.term_anchors import anchor_for
from integrationsgraph.server.pages.localization import LANGUAGES, pick_label
from integrationsgraph.server.pages.page_context import page_context
from integrationsgraph.server.pages.rendering import render
from integrationsgraph.settings import Settings


async def ontology_triples(request: Request):
    graph = Linker(request).base + "graph/ontology"
    return await construct(
        request.app.state.backend,
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {iri_ref(graph)} {{ ?s ?p ?o }} }}",
    )


def _term_view(term: Term, model: OntologyModel, linker: Linker) -> dict:
    def link(iri: str) -> dict[str, str]:
        known = model.terms.get(iri)
        text = (pick_label(known.labels, linker.language) if known else None) or compact(iri)
        href = f"#{anchor_for(iri)}" if known else linker.page_href(iri)
        return {"text": text, "href": href, "iri": iri}

    return {
        "iri": term.iri,
        "anchor": anchor_for(term.iri),
        "name": compact(term.iri),
        "label": pick_label(term.labels, linker.language) or compact(term.iri),
        "labels": [(language, term.labels[language]) for language in LANGUAGES if language in term.labels],
        "definitions": [
            (language, term.definitions[language]) for language in LANGUAGES if language in term.definitions
        ],
        "kinds": characteristics(term),
        "supers": [link(iri) for iri in term.supers],
        "domains": [link(iri) for iri in term.domains],
        "ranges": [link(iri) for iri in term.ranges],
        "inverses": [link(iri) for iri in term.inverses],
        "equivalents": [link(iri) for iri in term.equivalents],
        "disjoint": [link(iri) for iri in term.disjoint],
    }


async def ontology_page(request: Request) -> Response:
    media_type = representations.choose_for_page(request, "def")
    linker = Linker(request)
    triples = await ontology_triples(request)
    if not triples:
        raise HTTPProblem(404, "Not found", "The served graph has no ontology graph.")
    if media_type != representations.HTML:
        return representations.rdf_response(triples, media_type, linker.root_path + "/def")
    model = read_model(triples)

    def views(terms: list[Term]) -> list[dict]:
        return [_term_view(term, model, linker) for term in terms]

    context = {
        **page_context(request, linker),
        "section": "ontology",
        "title": pick_label(model.titles, linker.language) or "Ontology",
        "iri": model.iri,
        "description": pick_label(model.descriptions, linker.language),
        "license": model.license,
        "version": model.version,
        "classes": views(model.classes),
        "properties": views(model.properties),
        "schemes": [
            (_term_view(scheme, model, linker), views(concepts)) for scheme, concepts in model.schemes
        ],
        "rules": views(model.rules),
        "alternates": representations.alternates(linker.root_path + "/def"),
    }
    response = render(request, "ontology.html", context)
    response.headers.update(representations.headers_for(linker.root_path + "/def"))
    return response


def routes(settings: Settings) -> list[BaseRoute]:
    return [
        Route("/def", ontology_page, methods=["GET", "HEAD"], name="ontology_docs"),
        Route("/def{suffix:str}", ontology_page, methods=["GET", "HEAD"]),
    ]
