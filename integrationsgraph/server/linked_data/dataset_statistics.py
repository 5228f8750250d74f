"""What the dataset description counts and lists, asked of the backend once per process (the served
graph does not change while the server runs): triples per graph, entities per class, the sources,
the licence the ontology declares."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from starlette.requests import Request

from integrationsgraph.iris import iri_ref
from integrationsgraph.namespaces import sparql_prologue
from integrationsgraph.server.linked_data.links import Linker
from integrationsgraph.server.linked_data.resource_data import SourceInfo, labels_of
from integrationsgraph.server.linked_data.sparql_helpers import select
from integrationsgraph.server.per_backend import per_backend
from integrationsgraph.sparql.backends import Backend


@dataclass(frozen=True)
class DatasetFacts:
    base: str
    total_triples: int
    graph_sizes: dict[str, int]
    class_counts: dict[str, int]
    sources: list[SourceInfo]
    license: str | None
    labels: dict[str, dict[str, str]]
    ontology_terms: frozenset[str]


async def collect(backend: Backend, base: str) -> DatasetFacts:
    graph_rows = await select(
        backend, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    )
    graph_sizes = {row["g"].value: int(row["n"].value) for row in graph_rows}
    class_rows = await select(
        backend, "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n) ?c"
    )
    class_counts = {
        row["c"].value: int(row["n"].value) for row in class_rows if isinstance(row["c"], ox.NamedNode)
    }
    source_rows = await select(
        backend,
        sparql_prologue()
        + """
SELECT ?g ?source ?file (SAMPLE(?title0) AS ?title) WHERE {
  GRAPH ?g { ?source a ig:Source ; ig:fileName ?file . OPTIONAL { ?source dct:title ?title0 } }
} GROUP BY ?g ?source ?file ORDER BY ?file""",
    )
    sources = [
        SourceInfo(
            row["g"].value,
            row["source"].value,
            row["file"].value,
            row["title"].value if "title" in row else "",
        )
        for row in source_rows
    ]
    ontology = iri_ref(base + "graph/ontology")
    license_rows = await select(
        backend,
        sparql_prologue()
        + f"SELECT ?license WHERE {{ GRAPH {ontology} {{ ?o a <http://www.w3.org/2002/07/owl#Ontology> ; "
        "<http://purl.org/dc/terms/license> ?license } } LIMIT 1",
    )
    term_rows = await select(
        backend, f"SELECT DISTINCT ?t WHERE {{ GRAPH {ontology} {{ ?t a ?k }} FILTER(isIRI(?t)) }}"
    )
    total = sum(graph_sizes.values())
    return DatasetFacts(
        base,
        total,
        graph_sizes,
        class_counts,
        sources,
        license_rows[0]["license"].value if license_rows else None,
        await labels_of(backend, set(class_counts)),
        frozenset(row["t"].value for row in term_rows),
    )


async def dataset_facts(request: Request) -> DatasetFacts:
    """The facts, collected at the first request that needs them and kept while the backend serves
    (a new build swaps `app.state.backend`, and the facts are collected again)."""
    base = Linker(request).base
    return await per_backend(request.app.state, "dataset_facts", lambda backend: collect(backend, base))
