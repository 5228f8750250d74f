"""Finding entities by their labels, ignoring case and umlaut spelling ("Göttingen", "goettingen")."""

from __future__ import annotations

import unicodedata

import pyoxigraph

from integrationsgraph.errors import UsageError
from integrationsgraph.namespaces import INFERRED_GRAPH
from integrationsgraph.queries.execute import QueryOutcome, run_query
from integrationsgraph.queries.formatting import compact_iri

# Asserted types only: the inferred graph adds every superclass, which says nothing to a reader.
_LABELS = f"""
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?entity ?label (GROUP_CONCAT(DISTINCT STR(?type); separator=" ") AS ?types)
WHERE {{
  ?entity rdfs:label|skos:altLabel ?label .
  FILTER(isIRI(?entity))
  OPTIONAL {{ GRAPH ?g {{ ?entity a ?type }} FILTER(?g != <{INFERRED_GRAPH}>) }}
}}
GROUP BY ?entity ?label
"""
_TRANSCRIPTIONS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def spellings(text: str) -> tuple[str, str]:
    """Two case-folded forms: umlauts transcribed ("ae") and diacritics dropped ("a")."""
    lowered = unicodedata.normalize("NFC", text).casefold()
    transcribed = lowered.translate(_TRANSCRIPTIONS)
    stripped = "".join(
        char for char in unicodedata.normalize("NFD", lowered.replace("ß", "ss"))
        if not unicodedata.combining(char)
    )  # fmt: skip
    return transcribed, stripped


def matches(needle: str, label: str) -> bool:
    """Whether `needle` occurs in `label`, ignoring case and how umlauts are spelt."""
    return any(n in h for n, h in zip(spellings(needle), spellings(label), strict=True))


def find_entities(store: pyoxigraph.Store, text: str) -> QueryOutcome:
    """Entities with an rdfs:label or skos:altLabel containing `text`: entity, label, asserted types.

    One row per entity, with its first matching label in label order; rows sorted by label.
    Raises `UsageError` for an empty text.
    """
    if not text.strip():
        raise UsageError("find: give a non-empty text to look for")
    found: dict[str, tuple] = {}
    for entity, label, types in run_query(store, _LABELS).rows:
        if matches(text.strip(), label.value) and entity.value not in found:
            found[entity.value] = (entity, label, _type_cell(types))
    rows = sorted(found.values(), key=lambda row: (spellings(row[1].value)[0], row[0].value))
    return QueryOutcome("select", variables=["entity", "label", "type"], rows=rows)


def _type_cell(types: pyoxigraph.Literal | None) -> pyoxigraph.Literal | None:
    """The asserted types, compacted (`ig:Body`) and sorted, as one literal; None when there are none."""
    if types is None or not types.value:
        return None
    return pyoxigraph.Literal(" ".join(sorted(compact_iri(iri) for iri in types.value.split())))
