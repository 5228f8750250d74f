"""Finding entities by their labels, ignoring case and umlaut spelling ("Göttingen", "goettingen")."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import pyoxigraph

from integrationsgraph.errors import UsageError
from integrationsgraph.namespaces import INFERRED_GRAPH
from integrationsgraph.queries.execute import run_query
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


def found_query(store: pyoxigraph.Store, text: str) -> str:
    """A query answering the entities with an rdfs:label or skos:altLabel containing `text`: entity, label,
    asserted types, so that `find` is answered (and limited, and serialized) like any other query.

    One row per entity, with its first matching label in label order; rows sorted by label.
    Raises `UsageError` for an empty text.
    """
    if not text.strip():
        raise UsageError("find: give a non-empty text to look for")
    found: dict[str, tuple] = {}
    for entity, label, types in run_query(store, _LABELS).tuples():
        if matches(text.strip(), label.value) and entity.value not in found:
            found[entity.value] = (entity, label, _type_cell(types))
    rows = sorted(found.values(), key=lambda row: (spellings(row[1].value)[0], row[0].value))
    lines = []
    for position, (entity, label, types) in enumerate(rows):
        cells = (str(position), str(entity), str(label), "UNDEF" if types is None else str(types))
        lines.append(f"    ({' '.join(cells)})")
    values = "\n".join(lines)
    return (
        "SELECT ?entity ?label ?type WHERE {\n  VALUES (?order ?entity ?label ?type) {\n"
        f"{values}\n  }}\n}}\nORDER BY ?order\n"
    )


def _type_cell(types: pyoxigraph.Literal | None) -> pyoxigraph.Literal | None:
    """The asserted types, compacted (`ig:Body`) and sorted, as one literal; None when there are none."""
    if types is None or not types.value:
        return None
    return pyoxigraph.Literal(" ".join(sorted(compact_iri(iri) for iri in types.value.split())))


# Every label and alternative name of an IRI, with the asserted types: what `LabelIndex` is built from.
INDEX_QUERY = f"""
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?entity ?preferred ?label (GROUP_CONCAT(DISTINCT STR(?type); separator=" ") AS ?types)
WHERE {{
  {{ ?entity rdfs:label|skos:prefLabel ?label BIND(true AS ?preferred) }}
  UNION {{ ?entity skos:altLabel ?label BIND(false AS ?preferred) }}
  FILTER(isIRI(?entity) && isLiteral(?label))
  OPTIONAL {{ GRAPH ?g {{ ?entity a ?type }} FILTER(?g != <{INFERRED_GRAPH}>) }}
}}
GROUP BY ?entity ?preferred ?label
"""


@dataclass(frozen=True)
class Hit:
    """One entity found: its IRI, the label that matched, its preferred labels by language, its types."""

    iri: str
    matched: str
    labels: dict[str, str]
    types: tuple[str, ...]


@dataclass
class _Entry:
    labels: dict[str, str] = field(default_factory=dict)  # preferred labels by language ("" untagged)
    names: list[tuple[str, tuple[str, str]]] = field(default_factory=list)  # every name and its spellings
    types: set[str] = field(default_factory=set)


class LabelIndex:
    """Every label and alternative name (any language) in both folded spellings, built once per graph;
    `search` ranks an exact name first, then names starting with the text, then a word of a name
    starting with it, then names containing it."""

    def __init__(self, rows: Iterable[tuple[pyoxigraph.NamedNode, bool, pyoxigraph.Literal, str]]):
        self._entries: dict[str, _Entry] = {}
        for entity, preferred, label, types in rows:
            entry = self._entries.setdefault(entity.value, _Entry())
            if preferred:
                entry.labels.setdefault(label.language or "", label.value)
            entry.names.append((label.value, spellings(label.value)))
            entry.types.update(types.split())

    @classmethod
    def from_store(cls, store: pyoxigraph.Store) -> LabelIndex:
        return cls(index_rows(run_query(store, INDEX_QUERY).tuples()))

    def __len__(self) -> int:
        return len(self._entries)

    def labels(self, iri: str) -> dict[str, str]:
        entry = self._entries.get(iri)
        return dict(entry.labels) if entry else {}

    def named(self, text: str, within: str = "") -> list[str]:
        """The IRIs (starting with `within`) with a name that is `text`, folded; sorted."""
        needles = spellings(text.strip())
        return sorted(
            iri
            for iri, entry in self._entries.items()
            if iri.startswith(within) and any(_rank(needles, folded) == 0 for _, folded in entry.names)
        )

    def search(self, text: str, limit: int = 10, within: str = "") -> list[Hit]:
        """At most `limit` entities whose IRI starts with `within`, best first; [] for a blank text."""
        needles = spellings(text.strip())
        if not needles[0]:
            return []
        ranked = []
        for iri, entry in self._entries.items():
            if not iri.startswith(within):
                continue
            best = min((_rank(needles, folded), len(name), name) for name, folded in entry.names)
            if best[0] < _NO_MATCH:
                ranked.append((best, iri, entry))
        ranked.sort(key=lambda item: (item[0], item[1]))
        return [
            Hit(iri, best[2], dict(entry.labels), tuple(sorted(entry.types)))
            for best, iri, entry in ranked[:limit]
        ]


_NO_MATCH = 4


def _rank(needles: tuple[str, str], folded: tuple[str, str]) -> int:
    """0 the whole name, 1 its start, 2 the start of one of its words, 3 inside it, 4 no match."""
    best = _NO_MATCH
    for needle, name in zip(needles, folded, strict=True):
        if needle == name:
            return 0
        if name.startswith(needle):
            best = min(best, 1)
        elif any(word.startswith(needle) for word in _WORD_START.split(name)):
            best = min(best, 2)
        elif needle in name:
            best = min(best, 3)
    return best


_WORD_START = re.compile(r"[\s\-–/(),.„“\"']+")


def index_rows(
    rows: Iterable[Sequence],
) -> Iterator[tuple[pyoxigraph.NamedNode, bool, pyoxigraph.Literal, str]]:
    """INDEX_QUERY's rows (entity, preferred, label, types) as `LabelIndex` reads them."""
    for entity, preferred, label, types in rows:
        yield entity, preferred.value == "true", label, types.value if types is not None else ""
