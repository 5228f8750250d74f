"""Anchors of ontology terms on the documentation page (`/def#…`), one per term, stable and readable."""

from __future__ import annotations

from integrationsgraph.namespaces import BASE, PREFIXES


def anchor_for(iri: str) -> str:
    """`Holding` for ig:Holding, `concept-chair` for igc:chair, `rule-owl-rl`, else `org-Membership`."""
    if iri.startswith(BASE + "def#"):
        return iri.removeprefix(BASE + "def#")
    if iri.startswith(BASE + "def/concept/"):
        return "concept-" + iri.removeprefix(BASE + "def/concept/")
    if iri.startswith(BASE + "def/rule/"):
        return "rule-" + iri.removeprefix(BASE + "def/rule/")
    for name, namespace in PREFIXES.items():
        if iri.startswith(namespace) and iri != namespace:
            return f"{name}-{iri.removeprefix(namespace)}"
    return "term-" + "".join(char if char.isalnum() else "-" for char in iri)
