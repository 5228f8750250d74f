"""The entities a save adds to the registry: those the curator made on the page, and the draft's
proposals a kept fact links to, each typed and labelled in German and English."""

from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS

from integrationsgraph.errors import UsageError
from integrationsgraph.review.term_json import expand, from_json
from integrationsgraph.review.vocabulary import ENTITY_CLASSES, ENTITY_KINDS


def new_entities(items: list[dict], registry_refs: set[str], linked: set) -> dict[str, Graph]:
    """The new entities by kind: every one the curator added, and the draft's proposals that a kept
    fact links to (a proposal only a rejected fact needed is dropped)."""
    by_kind: dict[str, Graph] = {}
    added = {item.get("iri") for item in items if item.get("origin") != "proposed"}
    for index, item in enumerate(items):
        # A proposal is replaced by an entity the curator made with its IRI.
        if item.get("origin") == "proposed" and (item.get("iri") not in linked or item.get("iri") in added):
            continue
        where = f"new entity {index + 1} ({item.get('iri') or item.get('label_de') or '?'})"
        kind, iri = item.get("kind"), str(item.get("iri") or "")
        if kind not in ENTITY_KINDS:
            raise UsageError(f"{where}: kind must be one of {', '.join(ENTITY_KINDS)}")
        expected = "doc" if kind == "document" else kind
        if iri.split(":", 1)[0] != expected:
            raise UsageError(f"{where}: a {kind}'s IRI starts with {expected}: (such as {expected}:name)")
        if iri in registry_refs:
            raise UsageError(f"{where}: {iri} is in the registry already")
        label_de, label_en = str(item.get("label_de") or "").strip(), str(item.get("label_en") or "").strip()
        if not label_de or not label_en:
            raise UsageError(f"{where}: a new entity needs a German and an English label")
        node = expand(iri)
        graph = by_kind.setdefault(kind, Graph())
        graph.add((node, RDF.type, expand(ENTITY_CLASSES[kind])))
        graph.add((node, RDFS.label, Literal(label_de, lang="de")))
        graph.add((node, RDFS.label, Literal(label_en, lang="en")))
        for entry in item.get("links") or []:
            value = from_json(entry["value"])
            if str(value).strip():
                graph.add((node, expand(entry["predicate"]), value))
    return by_kind
