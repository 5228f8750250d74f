"""The ontology's own words in both languages: the German and English labels of its classes and SKOS
concepts, read from the graph being served (once per backend). Some named queries write a class's or
concept's German label into an answer (the `timeline` query's kinds: "Zusammenlegung", "Hauptkonferenz
(stattgefunden)"); a reader's table on an English page says them with the same term's English label."""

from __future__ import annotations

from starlette.requests import Request

from integrationsgraph.namespaces import sparql_prologue
from integrationsgraph.server.linked_data.sparql_helpers import select
from integrationsgraph.server.per_backend import per_backend
from integrationsgraph.sparql.backends import Backend

TERM_LABELS = (
    sparql_prologue()
    + """
SELECT DISTINCT ?de ?en WHERE {
  { ?term a owl:Class } UNION { ?term a skos:Concept }
  ?term rdfs:label|skos:prefLabel ?de , ?en .
  FILTER(LANG(?de) = "de" && LANG(?en) = "en")
}"""
)


async def vocabulary_words(request: Request) -> dict[str, tuple[str, str]]:
    """German label -> (German, English) for the ontology's classes and concepts now served."""
    return await per_backend(request.app.state, "vocabulary_words", _words_of)


async def _words_of(backend: Backend) -> dict[str, tuple[str, str]]:
    pairs: dict[str, tuple[str, str]] = {}
    for row in await select(backend, TERM_LABELS):
        pairs.setdefault(row["de"].value, (row["de"].value, row["en"].value))
    return pairs
