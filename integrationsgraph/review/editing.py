"""Applying a curator's decisions to a source graph: each card kept, corrected, rejected or added.

Every fact node is rewritten from its card (its classes, every field, its time link and its evidence), so
a card that round-trips unchanged gives back exactly the triples it came from. Unchanged dates keep their
nodes (and notes); changed ones get new instants with the three layers and the method. Intervals,
instants and evidence no fact points at any more are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS as DCT
from rdflib.namespace import RDF, XSD

from integrationsgraph.curation.selectors import selector_at, selector_turtle
from integrationsgraph.errors import UsageError
from integrationsgraph.ingest.dates import STATED
from integrationsgraph.ingest.naming import instant_iri
from integrationsgraph.namespaces import IG, OA, PREFIXES, PROV, TIME
from integrationsgraph.review.dating import CardDate, parse_date
from integrationsgraph.review.minting import suggest_iri
from integrationsgraph.review.new_entities import new_entities
from integrationsgraph.review.opening import Review, card, parse_trig
from integrationsgraph.review.payload import check_payload
from integrationsgraph.review.term_json import compact, expand, from_json
from integrationsgraph.review.vocabulary import ENTITY_KINDS, ENTITY_STATEMENTS, FACT_CLASSES, time_link

DECISIONS = ("pending", "accepted", "rejected")
# Nodes that exist only for the facts pointing at them.
DEPENDENT_CLASSES = (TIME.Instant, TIME.ProperInterval, TIME.DateTimeDescription, IG.Evidence,
                     OA.TextQuoteSelector, OA.TextPositionSelector)  # fmt: skip
_PREFIX_LINES = "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items())


@dataclass
class Outcome:
    graph: Graph
    entities: dict[str, Graph]  # kind -> the new entities of that kind
    counts: dict[str, int | dict] = field(default_factory=dict)  # by decision, and "by_kind" of fact


def _where(index: int, item: dict) -> str:
    return f"card {index + 1} ({item.get('iri') or 'new fact'})"


def _comparable(item: dict) -> tuple:
    fields = sorted(
        (f["predicate"], tuple(sorted((k, str(v)) for k, v in f["value"].items() if k != "label")))
        for f in item.get("fields", [])
    )
    time = item.get("time") or {}
    dates = tuple(
        (key, (time.get(key) or {}).get("edtf", ""), (time.get(key) or {}).get("method", ""),
         (time.get(key) or {}).get("note", ""))
        for key in ("begins", "ends")
    )  # fmt: skip
    spans = sorted((int(s["start"]), int(s["end"])) for s in item.get("spans", []))
    return (item.get("iri"), tuple(sorted(item.get("classes", []))), tuple(fields), dates, tuple(spans))


class _Applier:
    def __init__(self, review: Review):
        self.review = review
        self.stem = review.stem
        self.graph = Graph()
        for triple in review.graph:
            self.graph.add(triple)

    # --- time --------------------------------------------------------------------------------------
    def _instant(self, value: CardDate) -> URIRef:
        iri = expand(instant_iri(self.stem, value))
        if (iri, RDF.type, TIME.Instant) in self.graph:
            return iri
        if value.day is not None:
            layer = (TIME.inXSDDate, Literal(value.edtf, datatype=XSD.date))
        elif value.month is not None:
            layer = (TIME.inXSDgYearMonth, Literal(value.edtf, datatype=XSD.gYearMonth))
        else:
            layer = (TIME.inXSDgYear, Literal(value.edtf, datatype=XSD.gYear))
        add = self.graph.add
        add((iri, RDF.type, TIME.Instant))
        add((iri, *layer))
        add((iri, IG.earliest, Literal(value.earliest.isoformat(), datatype=XSD.date)))
        add((iri, IG.latest, Literal(value.latest.isoformat(), datatype=XSD.date)))
        add((iri, IG.edtf, Literal(value.edtf_qualified)))
        add((iri, IG.dateMethod, expand(f"igc:{value.method}")))
        if value.method != STATED:
            add((iri, IG.dateNote, Literal(value.note, lang="en")))
        return iri

    def _time(self, fact: URIRef, item: dict, original: dict | None, where: str) -> None:
        time = item.get("time") or {}
        if time.get("shape") == "multiple":
            return  # several time links: they travel as fields
        link, shape = time_link(item.get("classes", []))
        predicate = expand(link)
        same = original is not None and _comparable({"time": time}) == _comparable({"time": original["time"]})
        if same and original["time"].get("node"):
            self.graph.add((fact, predicate, expand(original["time"]["node"])))
            return
        begins = parse_date(time["begins"], f"{where}, begins") if time.get("begins") else None
        ends = parse_date(time["ends"], f"{where}, ends") if time.get("ends") else None
        if begins is None and ends is None:
            return
        if shape == "instant":
            if ends is not None:
                raise UsageError(f"{where}: an event has one date, not a beginning and an end")
            self.graph.add((fact, predicate, self._instant(begins)))
            return
        interval = self._free_interval(fact, original)
        for triple in list(self.graph.triples((interval, None, None))):
            self.graph.remove(triple)
        self.graph.add((interval, RDF.type, TIME.ProperInterval))
        if begins is not None:
            self.graph.add((interval, TIME.hasBeginning, self._instant(begins)))
        if ends is not None:
            self.graph.add((interval, TIME.hasEnd, self._instant(ends)))
        self.graph.add((fact, predicate, interval))

    def _free_interval(self, fact: URIRef, original: dict | None) -> URIRef:
        """`interval:<stem>-<fact>`, or with a number when another fact of the file uses that node (its
        dates must not change with this one's)."""
        base = f"interval:{self.stem}-{compact(str(fact)).split(':', 1)[1]}"
        mine = {expand(original["iri"])} if original else set()
        candidate, number = expand(base), 2
        while any(s not in mine for s in self.review.graph.subjects(None, candidate)):
            candidate, number = expand(f"{base}-{number}"), number + 1
        return candidate

    # --- evidence ----------------------------------------------------------------------------------
    def _evidence(self, start: int, end: int, where: str) -> URIRef:
        node = expand(f"evidence:{self.stem}-{start}-{end}")
        if (node, RDF.type, IG.Evidence) not in self.graph:
            try:
                selector = selector_at(self.review.source, start, end)
            except UsageError as error:
                raise UsageError(f"{where}: {error}") from None
            for triple in parse_trig((_PREFIX_LINES + selector_turtle(selector)).encode(), where):
                self.graph.add(triple)
        return node

    # --- facts -------------------------------------------------------------------------------------
    def write_fact(
        self, fact: URIRef, item: dict, original: dict | None, where: str, statement: bool = False
    ) -> None:
        classes = item.get("classes") or []
        # A source may also describe an entity with evidence (a plan's version): such cards keep their
        # (absent) class; a new fact needs one of the fact classes, unless it is a statement about a
        # registry entity (`statement`: a post's term length, stated by this source).
        allowed = set(FACT_CLASSES) | set(original["classes"] if original else ())
        if (original is None and not classes and not statement) or any(c not in allowed for c in classes):
            raise UsageError(f"{where}: the kind of fact must be one of {', '.join(FACT_CLASSES)}")
        spans = item.get("spans") or []
        if not spans:
            raise UsageError(
                f"{where}: a fact needs at least one evidence span (select the words that state it)"
            )
        for cls in classes:
            self.graph.add((fact, RDF.type, expand(cls)))
        self.graph.add((fact, PROV.wasDerivedFrom, self.review.source_node))
        for span in spans:
            self.graph.add((fact, IG.evidence, self._evidence(int(span["start"]), int(span["end"]), where)))
        for entry in item.get("fields", []):
            value = from_json(entry["value"])
            if isinstance(value, Literal) and not str(value).strip():
                continue
            self.graph.add((fact, expand(entry["predicate"]), value))
        self._time(fact, item, original, where)

    def redate_source(self, value: dict | None) -> None:
        """The source's `ig:issuedAt` as the curator gives it, or none: the draft may date a page by the
        first date in its text (a session it reports), which is not when the page was written."""
        source = self.review.source_node
        self.graph.remove((source, IG.issuedAt, None))
        if value is not None:
            self.graph.add((source, IG.issuedAt, self._instant(parse_date(value, "the source's date"))))

    def drop_orphans(self) -> None:
        """Remove dependent nodes (time, evidence) that nothing points at any more, until none is left."""
        while True:
            dependents = {s for cls in DEPENDENT_CLASSES for s in self.graph.subjects(RDF.type, cls)}
            referenced = {o for s, _, o in self.graph if s != o}
            orphans = [d for d in dependents if d not in referenced]
            if not orphans:
                return
            for orphan in orphans:
                self.graph.remove((orphan, None, None))


def apply_review(review: Review, payload: dict, registry_refs: set[str], labels: dict[str, str]) -> Outcome:
    """The source graph and new entities after the decisions of `payload`; UsageError names a card or
    entity that cannot be written (an undecided draft fact, a missing field, an unknown entity)."""
    check_payload(payload)
    items = payload["cards"]
    applier = _Applier(review)
    origin = "curated" if review.opened_from == "curated" else "drafted"
    originals = {c["iri"]: c for c in (card(review, f, origin, labels) for f in review.facts())}
    for fact in review.facts():
        applier.graph.remove((fact, None, None))
    counts = dict.fromkeys((origin, "kept", "corrected", "rejected", "added"), 0)
    counts[origin] = len(originals)
    by_kind: dict[str, dict[str, int]] = {}
    for original in originals.values():
        _tally(by_kind, original, origin)
    pending, written, rejected = [], [], set()
    for index, item in enumerate(items):
        where = _where(index, item)
        decision = item.get("decision")
        if decision not in DECISIONS:
            raise UsageError(f"{where}: decision must be one of {', '.join(DECISIONS)}")
        original = originals.get(item.get("original_iri") or "")
        if original is None and item.get("original_iri"):
            raise UsageError(f"{where}: {item['original_iri']} is not a fact of this document")
        if decision == "pending":
            pending.append(where)
            continue
        if decision == "rejected":
            if original is not None:
                counts["rejected"] += 1
                _tally(by_kind, original, "rejected")
                rejected.add(original["iri"])
            continue
        written.append((where, item, original))
        if original is None:
            decided = "added"
        else:
            decided = "kept" if _comparable(item) == _comparable(original) else "corrected"
        counts[decided] += 1
        _tally(by_kind, item if original is None else original, decided)
    if pending:
        raise UsageError(f"decide every fact first (accept or reject): {', '.join(pending)}")
    answered = [item.get("original_iri") for item in items if item.get("original_iri")]
    unanswered = sorted(set(originals) - set(answered))
    if unanswered or len(answered) != len(set(answered)):
        missing = ", ".join(unanswered) or "a fact named twice"
        raise UsageError(f"the save must decide each fact of the document exactly once: {missing}")
    named = [item["iri"] for _, item, _ in written if item.get("iri")]
    twice = sorted({iri for iri in named if named.count(iri) > 1})
    if twice:
        raise UsageError(f"two facts cannot have one IRI: {', '.join(twice)}")
    taken = set(named)
    for _, item, _ in written:
        if not item.get("iri"):
            item["iri"] = suggest_iri(item, taken)
            taken.add(item["iri"])
    renamed = {o["iri"]: i["iri"] for _, i, o in written if o is not None and o["iri"] != i["iri"]}
    for _, item, _ in written:
        item["fields"] = _relinked(item.get("fields", []), renamed, rejected)
    linked = {f["value"].get("iri") for _, item, _ in written for f in item["fields"]}
    entities = new_entities(payload.get("entities") or [], registry_refs, linked)
    known = registry_refs | {ref for graph in entities.values() for ref in _refs(graph)}
    for where, item, original in written:
        for entry in item["fields"]:
            ref = entry["value"].get("iri", "")
            if ref.split(":", 1)[0] in (*ENTITY_KINDS, "doc") and ref not in known:
                raise UsageError(
                    f"{where}: {entry['predicate']} {ref} is not in the registry; create it as a new entity "
                    "(German and English label) or link a known one"
                )
        statement = original is None and not item.get("classes") and _is_statement(item, registry_refs, where)
        applier.write_fact(expand(item["iri"]), item, original, where, statement)
    _retitle(applier.graph, review.source_node, payload.get("source") or {})
    if "issued_at" in payload:
        applier.redate_source(payload["issued_at"])
    applier.drop_orphans()
    counts["by_kind"] = dict(sorted(by_kind.items()))
    return Outcome(applier.graph, entities, counts)


def fact_kind(classes: list[str]) -> str:
    """A fact's kind in the curation log: its first class among FACT_CLASSES ("other" if none is)."""
    return next((c.removeprefix("ig:") for c in FACT_CLASSES if c in classes), "other")


def _tally(by_kind: dict[str, dict[str, int]], card_or_item: dict, decision: str) -> None:
    """Count one decision under the kind of the fact it was about (a drafted fact under its drafted class)."""
    tally = by_kind.setdefault(fact_kind(card_or_item.get("classes") or []), {})
    tally[decision] = tally.get(decision, 0) + 1


def _retitle(graph: Graph, source: URIRef, given: dict) -> None:
    """The source's title as the curator corrected it (a draft takes the first line, which may be a
    photo credit): the text's own headline, or a description in brackets marked as curated. Not a fact,
    so not counted; a blank title keeps the one the source had."""
    title = str(given.get("title") or "").strip()
    if not title:
        return
    graph.set((source, DCT.title, Literal(title, lang="de")))
    graph.remove((source, IG.titleIsCurated, None))
    if given.get("title_is_curated"):
        graph.add((source, IG.titleIsCurated, Literal(True)))


def _is_statement(item: dict, registry_refs: set[str], where: str) -> bool:
    """A new card without a class is a source's statement about a registry entity when it names one and
    gives only the properties such statements may have (ENTITY_STATEMENTS); otherwise it is refused."""
    kind = str(item.get("iri", "")).split(":", 1)[0]
    allowed = ENTITY_STATEMENTS.get(kind, ())
    predicates = {entry["predicate"] for entry in item.get("fields", [])}
    if item.get("iri") not in registry_refs or not predicates or not predicates <= set(allowed):
        if not allowed:
            return False
        raise UsageError(
            f"{where}: a statement about {item.get('iri')} must name a registry {kind} and give only "
            f"{', '.join(allowed)}"
        )
    return True


def _relinked(fields: list[dict], renamed: dict[str, str], rejected: set[str]) -> list[dict]:
    """Links to other facts of the document follow a renamed fact and are dropped with a rejected one."""
    kept = []
    for entry in fields:
        ref = entry["value"].get("iri")
        if ref in rejected:
            continue
        kept.append({**entry, "value": {"iri": renamed[ref]}} if ref in renamed else entry)
    return kept


def _refs(graph: Graph) -> set[str]:
    return {compact(str(s)) for s in graph.subjects(RDF.type, None)}
