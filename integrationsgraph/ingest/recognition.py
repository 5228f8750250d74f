"""Ingesting one document: prepare it, run every recognizer, merge, and keep what is worth proposing."""

from __future__ import annotations

from dataclasses import dataclass

from integrationsgraph.ingest.clauses import tighten_evidence
from integrationsgraph.ingest.document import Document, prepare
from integrationsgraph.ingest.facts import Fact
from integrationsgraph.ingest.gazetteer import Gazetteer
from integrationsgraph.ingest.linking import Registry
from integrationsgraph.ingest.proposals import Proposals
from integrationsgraph.ingest.recognizers.body_event import recognize_body_events
from integrationsgraph.ingest.recognizers.chair import recognize_chair_tenures
from integrationsgraph.ingest.recognizers.elected import recognize_elected_chairs
from integrationsgraph.ingest.recognizers.meeting import recognize_meetings
from integrationsgraph.ingest.recognizers.merge_chairs import merge_chair_tenures
from integrationsgraph.ingest.recognizers.merge_meetings import merge_meetings
from integrationsgraph.ingest.recognizers.office import recognize_office_holdings
from integrationsgraph.ingest.recognizers.plan import recognize_plan_adoptions
from integrationsgraph.sources import SourceText


@dataclass
class Ingested:
    document: Document
    facts: list[Fact]
    proposals: Proposals
    corpus: str

    @property
    def stem(self) -> str:
        return self.document.source.stem


def ingest_source(source: SourceText, registry: Registry, gazetteer: Gazetteer, corpus: str) -> Ingested:
    document = prepare(source, registry, gazetteer)
    proposals = Proposals(registry, gazetteer)
    person_lands = {proposals.person(p): proposals.land(p.land) for p in document.persons if p.land}
    chairs = merge_chair_tenures(recognize_chair_tenures(document, proposals), person_lands)
    chairs += recognize_elected_chairs(document, proposals)
    meetings = merge_meetings(recognize_meetings(document, proposals))
    chair_lands = {
        f.person: f.holder for f in chairs if f.person and f.holder and f.holder.startswith("land:")
    }
    offices = recognize_office_holdings(document, proposals, chair_lands)
    events = recognize_body_events(document, proposals)
    plans = recognize_plan_adoptions(document, proposals, gazetteer)
    facts = chairs + meetings + offices + events + plans
    tighten_evidence(document, facts, registry)
    return Ingested(document, facts, proposals, corpus)
