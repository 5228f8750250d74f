"""Opening a document for review: its curated graph (`data/sources/<stem>.trig`, parsed) or, when it has
none, the draft the ingestion writes for it (run in process), as cards for the page.

A draft declares the entities it proposes inside its source graph; they are split off here, because the
registry (data/entities) is where a curator's entities go, never a source graph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from integrationsgraph.errors import InputError
from integrationsgraph.ingest.draft import draft_trig
from integrationsgraph.ingest.gazetteer import load_gazetteer
from integrationsgraph.ingest.linking import Registry
from integrationsgraph.ingest.reading import read_document
from integrationsgraph.ingest.recognition import ingest_source
from integrationsgraph.namespaces import IG, PREFIXES, PROV
from integrationsgraph.pipeline.terms import to_rdflib
from integrationsgraph.review.documents import ReviewDocument
from integrationsgraph.review.term_json import compact, to_json
from integrationsgraph.review.trig_writer import leading_comments, ordered_subjects
from integrationsgraph.review.vocabulary import ENTITY_CLASSES, fields_of, time_link
from integrationsgraph.sources import SourceText

_ENTITY_KIND = {cls: kind for kind, cls in ENTITY_CLASSES.items()}


@dataclass
class Review:
    """One opened document: its text, its source graph (facts and all), and the entities a draft proposes."""

    document: ReviewDocument
    source: SourceText
    opened_from: str  # "draft" or "curated"
    graph: Graph
    proposed: Graph = field(default_factory=Graph)
    comments: dict[str, list[str]] = field(default_factory=dict)

    @property
    def stem(self) -> str:
        return self.document.stem

    @property
    def source_node(self) -> URIRef:
        return URIRef(PREFIXES["source"] + self.stem)

    def facts(self) -> list[URIRef]:
        """The fact nodes, in the order the file writes them (text order)."""
        return ordered_subjects(self.graph, self.source_node)[1]


def parse_trig(data: bytes, where: str) -> Graph:
    """All triples of a TriG document (one graph per source file); InputError names where and line."""
    try:
        quads = list(ox.parse(data, ox.RdfFormat.TRIG))
    except SyntaxError as error:
        raise InputError(f"{where}:{error.lineno}:{error.offset}: {error.msg}") from error
    graph = Graph()
    for quad in quads:
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return graph


def open_review(document: ReviewDocument, data_dir: Path, registry: Registry) -> Review:
    source = read_document(document.path)
    trig = data_dir / "sources" / f"{document.stem}.trig"
    if trig.is_file():
        text = trig.read_text(encoding="utf-8")
        return Review(document, source, "curated", parse_trig(text.encode(), str(trig)), Graph(),
                      leading_comments(text))  # fmt: skip
    ingested = ingest_source(source, registry, load_gazetteer(), document.folder)
    graph = parse_trig(draft_trig(ingested).encode(), f"the draft of {document.file_name}")
    review = Review(document, source, "draft", graph)
    _split_proposals(review)
    source_node = review.source_node
    graph.set((source_node, IG.corpus, Literal(document.folder)))
    return review


def _split_proposals(review: Review) -> None:
    for cls in _ENTITY_KIND:
        for subject in list(review.graph.subjects(RDF.type, URIRef(PREFIXES["ig"] + cls[3:]))):
            for triple in list(review.graph.triples((subject, None, None))):
                review.graph.remove(triple)
                review.proposed.add(triple)


def _date(graph: Graph, instant) -> dict | None:
    if instant is None:
        return None
    method = graph.value(instant, IG.dateMethod)
    note = graph.value(instant, IG.dateNote)
    return {
        "iri": compact(str(instant)),
        "edtf": str(graph.value(instant, IG.edtf) or ""),
        "method": compact(str(method)).removeprefix("igc:") if method else "",
        "note": str(note) if note else "",
    }


def card_time(graph: Graph, fact: URIRef, classes: list[str]) -> dict:
    link, shape = time_link(classes)
    predicate = URIRef(_expand(link))
    nodes = list(graph.objects(fact, predicate))
    if len(nodes) > 1:  # not one date to edit: the card lists the links as fields, kept as they are
        return {"link": link, "shape": "multiple", "node": None, "begins": None, "ends": None}
    node = nodes[0] if nodes else None
    begins = ends = None
    if node is not None and (node, RDF.type, URIRef(PREFIXES["time"] + "Instant")) in graph:
        shape, begins = "instant", _date(graph, node)
    elif node is not None:
        shape = "interval"
        begins = _date(graph, graph.value(node, URIRef(PREFIXES["time"] + "hasBeginning")))
        ends = _date(graph, graph.value(node, URIRef(PREFIXES["time"] + "hasEnd")))
    return {"link": link, "shape": shape, "node": compact(str(node)) if node else None,
            "begins": begins, "ends": ends}  # fmt: skip


def _expand(name: str) -> str:
    prefix, _, local = name.partition(":")
    return PREFIXES[prefix] + local


def card(review: Review, fact: URIRef, origin: str, labels: dict[str, str]) -> dict:
    """The page's card of one fact node: classes, fields (every property but the time link, the source
    and the evidence, so nothing is lost), its time and its evidence spans."""
    graph = review.graph
    classes = sorted(compact(str(c)) for c in graph.objects(fact, RDF.type))
    time = card_time(graph, fact, classes)
    hidden = {PROV.wasDerivedFrom, IG.evidence, RDF.type}
    if time["shape"] != "multiple":
        hidden.add(URIRef(_expand(time["link"])))
    order = {spec.predicate: i for i, spec in enumerate(fields_of(classes))}
    fields = []
    for predicate, value in graph.predicate_objects(fact):
        if predicate in hidden:
            continue
        term = to_json(value)
        if "iri" in term:
            term["label"] = labels.get(term["iri"], "")
        fields.append({"predicate": compact(str(predicate)), "value": term})
    fields.sort(key=lambda f: (order.get(f["predicate"], len(order)), f["predicate"], str(f["value"])))
    body = review.source.body
    spans = []
    for evidence in graph.objects(fact, IG.evidence):
        start, end = _position(graph, evidence)
        spans.append({"start": start, "end": end, "exact": body[start:end]})
    spans.sort(key=lambda s: (s["start"], s["end"]))
    return {
        "iri": compact(str(fact)),
        "origin": origin,
        "decision": "accepted" if origin == "curated" else "pending",
        "classes": classes,
        "fields": fields,
        "time": time,
        "spans": spans,
    }


def _position(graph: Graph, evidence) -> tuple[int, int]:
    local = compact(str(evidence)).rsplit("-", 2)
    for selector in graph.objects(evidence, URIRef(PREFIXES["oa"] + "hasSelector")):
        start = graph.value(selector, URIRef(PREFIXES["oa"] + "start"))
        end = graph.value(selector, URIRef(PREFIXES["oa"] + "end"))
        if start is not None and end is not None:
            return int(start), int(end)
    return int(local[1]), int(local[2])  # the IRI names the offsets too


def proposed_entities(review: Review) -> list[dict]:
    """The draft's proposed entities as the page's new-entity forms (German label filled in)."""
    found = []
    graph = review.proposed
    for subject in sorted(set(graph.subjects(RDF.type, None)), key=str):
        cls = compact(str(graph.value(subject, RDF.type)))
        label = graph.value(subject, RDFS.label)
        links = [
            {"predicate": compact(str(p)), "value": to_json(o)}
            for p, o in sorted(graph.predicate_objects(subject))
            if p not in (RDF.type, RDFS.label)
        ]
        found.append({
            "iri": compact(str(subject)), "kind": _ENTITY_KIND.get(cls, "body"), "origin": "proposed",
            "label_de": str(label) if label else "", "label_en": "", "links": links,
        })  # fmt: skip
    return found


def review_json(review: Review, labels: dict[str, str]) -> dict:
    origin = "curated" if review.opened_from == "curated" else "drafted"
    title = review.graph.value(review.source_node, URIRef(PREFIXES["dct"] + "title"))
    curated_title = review.graph.value(review.source_node, IG.titleIsCurated)
    return {
        "stem": review.stem,
        "file_name": review.document.file_name,
        "folder": review.document.folder,
        "title": str(title) if title else review.document.file_name,
        "title_is_curated": bool(curated_title is not None and curated_title.toPython() is True),
        "opened_from": review.opened_from,
        "text": review.source.body,
        "cards": [card(review, fact, origin, labels) for fact in review.facts()],
        "entities": proposed_entities(review),
    }
