"""The draft data file of one ingested document: TriG in the form of data/sources/*.trig.

One `GRAPH gsrc:<stem>` block: the source node, each fact with `prov:wasDerivedFrom` and its evidence,
intervals and instants with the three layers and the date method, the entities the draft proposes (typed
and labelled, so the draft builds; marked for a curator), and the evidence nodes with both selectors.
"""

from __future__ import annotations

import re

from integrationsgraph.curation.selectors import Selector, selector_turtle, turtle_string
from integrationsgraph.ingest.dates import STATED, PartialDate, find_dates
from integrationsgraph.ingest.facts import Fact
from integrationsgraph.ingest.naming import fact_iris, instant_iri, local, person_holding_iri
from integrationsgraph.ingest.recognition import Ingested
from integrationsgraph.ingest.text import sentences

PREFIXES = (
    "ig: <https://w3id.org/integrationsgraph/def#>", "igc: <https://w3id.org/integrationsgraph/def/concept/>",
    "gsrc: <https://w3id.org/integrationsgraph/graph/source/>",
    *(f"{kind}: <https://w3id.org/integrationsgraph/id/{folder}/>" for kind, folder in (
        ("land", "land"), ("body", "body"), ("ministry", "ministry"), ("person", "person"), ("post", "post"),
        ("holding", "holding"), ("meeting", "meeting"), ("event", "event"), ("plan", "plan"),
        ("doc", "document"), ("document", "document"), ("place", "place"), ("topic", "topic"),
        ("instant", "instant"), ("interval", "interval"), ("source", "source"), ("evidence", "evidence"),
    )),
    "org: <http://www.w3.org/ns/org#>", "time: <http://www.w3.org/2006/time#>",
    "prov: <http://www.w3.org/ns/prov#>",
    "oa: <http://www.w3.org/ns/oa#>", "dct: <http://purl.org/dc/terms/>", "schema: <https://schema.org/>",
    "xsd: <http://www.w3.org/2001/XMLSchema#>", "rdfs: <http://www.w3.org/2000/01/rdf-schema#>",
)  # fmt: skip
EVENT_CLASSES = {
    "Constitution": "ig:Constitution",
    "Reconstitution": "ig:Reconstitution",
    "Establishment": "ig:Establishment",
    "Merger": "ig:Merger",
    "Reconstitution+Merger": "ig:Reconstitution , ig:Merger",
    # The ontology has no classes of their own for these: a change event, its kind said in a comment.
    "Dissolution": "ig:ChangeEvent",
    "Renaming": "ig:ChangeEvent",
    "Move": "ig:ChangeEvent",
}
CHANGE_COMMENTS = {
    "Dissolution": "the body was dissolved",
    "Renaming": "the body was renamed",
    "Move": "the body was moved to another ministry or organisation",
}
CONTEXT = 32


def draft_trig(ingested: Ingested) -> str:
    writer = _Writer(ingested)
    return writer.write()


class _Writer:
    def __init__(self, ingested: Ingested):
        self.ingested = ingested
        self.stem = ingested.stem
        self.body = ingested.document.body
        self.instants: dict[str, PartialDate] = {}
        self.blocks: list[str] = []
        self.evidence: set[tuple[int, int]] = set()

    def write(self) -> str:
        self._source()
        iris = fact_iris(self.ingested.facts)
        by_fact = dict(zip((id(f) for f in self.ingested.facts), iris, strict=True))
        for fact, iri in zip(self.ingested.facts, iris, strict=True):
            getattr(self, f"_{fact.kind}")(fact, iri, by_fact)
        self._proposed()
        self._instant_blocks()
        self._evidence_blocks()
        head = "".join(f"@prefix {p} .\n" for p in PREFIXES)
        comment = (
            f"# Draft written by `integrationsgraph ingest` from {self.ingested.document.source.file_name}:\n"
            "# every fact is a machine proposal with its evidence; check each against the text before use.\n"
        )
        inner = "\n\n".join("    " + block.replace("\n", "\n    ").rstrip() for block in self.blocks)
        return f"{head}\n{comment}GRAPH gsrc:{self.stem} {{\n\n{inner}\n}}\n"

    # --- source -------------------------------------------------------------------------------------
    def _source(self) -> None:
        source = self.ingested.document.source
        title, curated = _title(self.body)
        lines = [
            f"source:{self.stem} a ig:Source ;",
            f"    ig:fileName {turtle_string(source.file_name)} ;",
            f"    ig:corpus {turtle_string(self.ingested.corpus)} ;",
            f'    ig:sha256 "{source.sha256}" ;',
            f"    dct:title {turtle_string(title)}@de ;",
        ]
        if curated:
            lines.append("    ig:titleIsCurated true ;")
        if "date-as-stated" in source.header:
            lines.append(f"    ig:dateAsStated {turtle_string(source.header['date-as-stated'])} ;")
        in_text = dateline(self.body)
        issued = self.ingested.document.issued
        if in_text is not None and in_text.day is not None:
            lines.append(f'    dct:issued "{in_text.edtf}"^^xsd:date ;')
        elif issued is not None and issued.year is not None:
            note = f"the header's date-as-stated: {source.header.get('date-as-stated', '')}"
            value = PartialDate(issued.year, issued.month, issued.day, "from-context", note)
            lines.append(f"    ig:issuedAt {self._instant(value, f'instant:{self.stem}-release')} ;")
        lines[-1] = lines[-1][:-2] + " ."
        self.blocks.append("\n".join(lines) + "\n")

    # --- facts --------------------------------------------------------------------------------------
    def _common(self, fact: Fact) -> list[str]:
        evidence = " , ".join(self._span(start, end) for start, end in fact.spans)
        return [f"    prov:wasDerivedFrom source:{self.stem} ;", f"    ig:evidence {evidence} ."]

    def _chair_tenure(self, fact: Fact, iri: str, by_fact: dict[int, str]) -> None:
        post = self.ingested.proposals.chair_post(fact.body)
        interval = self._interval(f"{local(fact.body)}-chair-{local(fact.holder)}", fact.start, fact.end)
        lines = [
            f"{iri} a ig:Holding ;",
            f"    org:member {fact.holder} ;",
            f"    ig:post {post} ;",
            f"    org:organization {fact.body} ;",
            "    org:role igc:chair ;",
        ]
        if fact.ordinal:
            lines.append(f'    ig:ordinal "{fact.ordinal}"^^xsd:positiveInteger ;')
        if interval:
            lines.append(f"    org:memberDuring {interval} ;")
        predecessor = self._predecessor(fact, by_fact)
        if predecessor:
            lines.append(f"    ig:succeeds {predecessor} ;")
        self.blocks.append("\n".join(lines + self._common(fact)) + "\n")
        if fact.person and fact.person != fact.holder:
            person_iri = person_holding_iri(iri, fact.person)
            person_interval = self._interval(
                f"{local(fact.body)}-chair-{local(fact.person)}", fact.start, None
            )
            lines = [
                f"{person_iri} a ig:Holding ;",
                f"    org:member {fact.person} ;",
                f"    ig:post {post} ;",
                f"    org:organization {fact.body} ;",
                "    org:role igc:chair ;",
                f"    ig:onBehalfOf {fact.holder} ;",
                f"    ig:exercises {iri} ;",
            ]
            if person_interval:
                lines.append(f"    org:memberDuring {person_interval} ;")
            self.blocks.append("\n".join(lines + self._common(fact)) + "\n")

    def _predecessor(self, fact: Fact, by_fact: dict[int, str]) -> str | None:
        if fact.role != "successor" or fact.start is None:
            return None
        for other in self.ingested.facts:
            is_predecessor = other.kind == "chair_tenure" and other.role == "predecessor"
            if is_predecessor and other.body == fact.body and other.end == fact.start:
                return by_fact[id(other)]
        return None

    def _meeting(self, fact: Fact, iri: str, by_fact: dict[int, str]) -> None:
        lines = [
            f"{iri} a ig:Meeting ;",
            f"    ig:meetingOf {fact.body} ;",
            f"    ig:meetingType igc:{fact.type} ;",
            f"    ig:status igc:{fact.status} ;",
        ]
        if fact.ordinal:
            lines.append(f'    ig:ordinal "{fact.ordinal}"^^xsd:positiveInteger ;')
        if fact.place:
            lines.append(f"    schema:location {fact.place} ;")
        if fact.holder:
            lines.append(f"    ig:chairedBy {fact.holder} ;")
        if fact.motto:
            lines.append(f"    ig:motto {turtle_string(fact.motto)}@de ;")
        notes = [
            note
            for flag, note in (("cancelled", "called off"), ("online", "held online"))
            if getattr(fact, flag)
        ]
        if notes:  # the ontology has no status or format of its own for these: said in a comment
            lines.append(f"    rdfs:comment {turtle_string('; '.join(notes))}@en ;")
        interval = self._interval(local(iri), fact.start, fact.end or fact.start)
        if interval:
            lines.append(f"    time:hasTime {interval} ;")
        self.blocks.append("\n".join(lines + self._common(fact)) + "\n")

    def _office_holding(self, fact: Fact, iri: str, by_fact: dict[int, str]) -> None:
        lines = [
            f"{iri} a ig:Holding ;",
            f"    org:member {fact.person} ;",
            f"    ig:post {fact.office} ;",
            f"    org:organization {fact.body} ;",
            f"    org:role igc:{fact.type} ;",
        ]
        if fact.acting:
            lines.append(f"    rdfs:comment {turtle_string('acting holder (kommissarisch)')}@en ;")
        interval = self._interval(local(iri), fact.start, fact.end)
        if interval:
            lines.append(f"    org:memberDuring {interval} ;")
        self.blocks.append("\n".join(lines + self._common(fact)) + "\n")

    def _body_event(self, fact: Fact, iri: str, by_fact: dict[int, str]) -> None:
        lines = [f"{iri} a {EVENT_CLASSES[fact.type]} ;"]
        if fact.body:
            lines.append(f"    org:resultingOrganization {fact.body} ;")
        if fact.type in CHANGE_COMMENTS:
            lines.append(f"    rdfs:comment {turtle_string(CHANGE_COMMENTS[fact.type])}@en ;")
        if fact.originals:
            lines.append(f"    org:originalOrganization {' , '.join(fact.originals)} ;")
        if fact.start and fact.start.year is not None:
            lines.append(f"    time:hasTime {self._instant(fact.start)} ;")
        self.blocks.append("\n".join(lines + self._common(fact)) + "\n")

    def _plan_adoption(self, fact: Fact, iri: str, by_fact: dict[int, str]) -> None:
        lines = [f"{iri} a ig:PlanAdoption ;", f"    ig:adoptedPlan {fact.plan} ;"]
        if fact.holder:
            lines.append(f"    ig:adoptedBy {fact.holder} ;")
        if fact.start and fact.start.year is not None:
            lines.append(f"    time:hasTime {self._instant(fact.start)} ;")
        self.blocks.append("\n".join(lines + self._common(fact)) + "\n")

    # --- entities, time, evidence ----------------------------------------------------------------------
    def _proposed(self) -> None:
        classes = {"land": "ig:Land", "body": "ig:Body", "person": "ig:Person", "post": "ig:Post",
                   "place": "ig:Place", "plan": "ig:Plan"}  # fmt: skip
        for ref, proposal in sorted(self.ingested.proposals.proposed.items()):
            lines = [
                f"# Proposed: {ref} is not in data/entities/; move it there when curating.",
                f"{ref} a {classes[proposal.entity.kind]} ;",
                f"    rdfs:label {turtle_string(proposal.entity.label)}@de ;",
            ]
            for predicate, value in proposal.links:
                literal = predicate.startswith("schema:") and predicate.endswith("Name")
                lines.append(f"    {predicate} {turtle_string(value) if literal else value} ;")
            lines[-1] = lines[-1][:-2] + " ."
            self.blocks.append("\n".join(lines) + "\n")

    def _interval(self, label: str, start: PartialDate | None, end: PartialDate | None) -> str | None:
        start = start if start is not None and start.year is not None else None
        end = end if end is not None and end.year is not None else None
        if start is None and end is None:
            return None
        iri = f"interval:{self.stem}-{label}"
        lines = [f"{iri} a time:ProperInterval ;"]
        if start:
            lines.append(f"    time:hasBeginning {self._instant(start)} ;")
        if end:
            lines.append(f"    time:hasEnd {self._instant(end)} ;")
        lines[-1] = lines[-1][:-2] + " ."
        block = "\n".join(lines) + "\n"
        if block not in self.blocks:
            self.blocks.append(block)
        return iri

    def _instant(self, value: PartialDate, iri: str | None = None) -> str:
        iri = iri or instant_iri(self.stem, value)
        self.instants[iri] = value
        return iri

    def _instant_blocks(self) -> None:
        for iri, value in sorted(self.instants.items()):
            if value.day is not None:
                layer = f'time:inXSDDate "{value.edtf}"^^xsd:date'
            elif value.month is not None:
                layer = f'time:inXSDgYearMonth "{value.edtf}"^^xsd:gYearMonth'
            else:
                layer = f'time:inXSDgYear "{value.edtf}"^^xsd:gYear'
            lines = [
                f"{iri} a time:Instant ;",
                f"    {layer} ;",
                f'    ig:earliest "{value.earliest}"^^xsd:date ;',
                f'    ig:latest "{value.latest}"^^xsd:date ;',
                f'    ig:edtf "{value.edtf}" ;',
                f"    ig:dateMethod igc:{value.method} ;",
            ]
            if value.method != STATED:
                lines.append(f"    ig:dateNote {turtle_string(value.note or value.method)}@en ;")
            lines[-1] = lines[-1][:-2] + " ."
            self.blocks.append("\n".join(lines) + "\n")

    def _span(self, start: int, end: int) -> str:
        self.evidence.add((start, end))
        return f"evidence:{self.stem}-{start}-{end}"

    def _evidence_blocks(self) -> None:
        for start, end in sorted(self.evidence):
            selector = Selector(
                self.stem, start, end, self.body[start:end],
                self.body[max(0, start - CONTEXT) : start], self.body[end : end + CONTEXT],
            )  # fmt: skip
            self.blocks.append(selector_turtle(selector))


def dateline(body: str, lines: int = 12) -> PartialDate | None:
    """The release date the text states in a dateline near its top ("Wiesbaden, 23. September 2031",
    "Datum: 19.03.2031", "Stand: 27.04.2031, 06:00 Uhr"): a line that is little more than one full date.
    A date inside a sentence is an event's, not the release's."""
    for whole in body.splitlines()[:lines]:
        line = next((part for part in whole.split("|") if any(c.isdigit() for c in part)), whole)
        mentions = [m for m in find_dates(line) if m.first.day is not None and m.first.method == STATED]
        if len(mentions) != 1:
            continue
        rest = line[: mentions[0].start] + line[mentions[0].end :]
        if len(re.findall(r"[a-zäöüß]{3,}", rest)) <= 3:
            return mentions[0].first
    return None


def _title(body: str) -> tuple[str, bool]:
    """The text's own headline (a short first sentence on one line, without a final stop), else a
    bracketed description of its first words, marked as curated."""
    found = sentences(body)
    first = found[0].text.strip(" #*\t") if found else ""
    if first and len(first) <= 160 and "\n" not in first and not first.endswith((".", ",", ":", "!")):
        return first, False
    words = " ".join(first.split()[:8])
    return f"[{words} …]", True
