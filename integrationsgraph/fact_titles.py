"""Display titles for fact nodes, which carry no label of their own: a holding reads "Hessen · Vorsitz der
IntMK", a meeting "6. Hauptkonferenz · Integrationsministerkonferenz". For pages and exports: nothing is
asserted."""

from __future__ import annotations

from collections import defaultdict

from integrationsgraph.iris import iri_ref
from integrationsgraph.namespaces import sparql_prologue
from integrationsgraph.tenure_windows import Querier

PROLOGUE = sparql_prologue()
HOLDINGS = (
    PROLOGUE
    + """SELECT ?x ?left ?right WHERE {{ VALUES ?x {{ {values} }}
  ?x org:member ?member ; ig:post ?post . ?member rdfs:label ?left . ?post rdfs:label ?right }}"""
)
MEETINGS = (
    PROLOGUE
    + """SELECT ?x ?left ?right ?ordinal WHERE {{ VALUES ?x {{ {values} }}
  ?x ig:meetingOf ?body ; ig:meetingType ?type . ?type skos:prefLabel ?left . ?body rdfs:label ?right
  OPTIONAL {{ ?x ig:ordinal ?ordinal }} }}"""
)
BATCH = 300


async def fact_titles(backend: Querier, iris: set[str], base: str) -> dict[str, dict[str, str]]:
    """`{iri: {language: title}}` for the holdings and meetings among `iris`."""
    titles: dict[str, dict[str, str]] = defaultdict(dict)
    for kind, template in (("holding", HOLDINGS), ("meeting", MEETINGS)):
        chosen = sorted(iri for iri in iris if iri.startswith(f"{base}id/{kind}/"))
        for start in range(0, len(chosen), BATCH):
            values = " ".join(iri_ref(iri) for iri in chosen[start : start + BATCH])
            for row in (await backend.query(template.format(values=values))).rows():
                left, right = row["left"], row["right"]
                if left.language != right.language:
                    continue  # one language per title
                ordinal = f"{row['ordinal'].value}. " if "ordinal" in row else ""
                titles[row["x"].value].setdefault(
                    left.language or "", f"{ordinal}{left.value} · {right.value}"
                )
    return dict(titles)
