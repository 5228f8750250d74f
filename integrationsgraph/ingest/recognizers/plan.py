"""Plans adopted: "Der Plan wurde am 24. April durch das Kabinett beschlossen", "hat die Landesregierung
einen Integrationsplan beschlossen". A bare "Der Plan" is the plan the document names most; the adopter
is the government, cabinet or conference named in the sentence.
"""

from __future__ import annotations

import re
from collections import Counter

from integrationsgraph.ingest.document import Document
from integrationsgraph.ingest.facts import Fact
from integrationsgraph.ingest.gazetteer import Gazetteer
from integrationsgraph.ingest.proposals import Proposals
from integrationsgraph.ingest.recognizers.common import is_end_date

_ADOPTED = re.compile(
    r"(?<![\w-])(?:beschlossen|beschließt|verabschiedet|verabschiedete|billigte|gebilligt|angenommen)(?![\w-])"
)
_PLAN = re.compile(
    r"(?<![\w-])(?:(?P<adjective>[A-ZÄÖÜa-zäöü][\w-]*?(?:e|en|er|es))\s+)?"
    r"(?P<noun>[A-ZÄÖÜ][\w-]*(?:plan|konzept|Plan))(?:\s+(?P<version>\d+\.\d+))?(?![\w-])"
)
_BARE_PLAN = re.compile(r"(?<![\w-])(?:Der|der|Den|den|Dieser|dieser)\s+Plan(?![\w-])")
_ADOPTERS = {"cabinet", "government", "ministers-conference"}
_NOT_PLANS = {"Haushaltsplan", "Zeitplan", "Fahrplan", "Stadtplan", "Lageplan", "Masterplan"}


def recognize_plan_adoptions(document: Document, proposals: Proposals, gazetteer: Gazetteer) -> list[Fact]:
    named = [_label(m, gazetteer) for m in _PLAN.finditer(document.body) if m["noun"] not in _NOT_PLANS]
    named = [label for label in named if label]
    main_plan = Counter(named).most_common(1)[0][0] if named else None
    facts: list[Fact] = []
    for sentence in document.sentences:
        if not _ADOPTED.search(sentence.text):
            continue
        plans = [m for m in _PLAN.finditer(sentence.text) if m["noun"] not in _NOT_PLANS]
        label = _label(plans[0], gazetteer) if plans else None
        if label is None and _BARE_PLAN.search(sentence.text):
            label = main_plan
        if label is None:
            continue
        adopters = [b for b in document.within(document.bodies, sentence) if b.classification in _ADOPTERS]
        fact = Fact(kind="plan_adoption", plan=proposals.plan(label), confidence=0.7)
        if adopters:
            fact.holder = proposals.body(adopters[0].body, adopters[0].classification)
            fact.body = fact.holder
        dates = [d for d in document.within(document.dates, sentence) if not is_end_date(document, d)]
        dated = [d.first for d in dates if d.first.year is not None]
        fact.start = dated[0] if dated else None
        fact.add_span(sentence.start, sentence.end)
        if not any(f.plan == fact.plan and f.holder == fact.holder for f in facts):
            facts.append(fact)
    return facts


def _label(match: re.Match[str], gazetteer: Gazetteer) -> str | None:
    noun = match["noun"]
    if noun.lower() in {"plan", "konzept"}:
        return None
    label = noun
    adjective = match["adjective"]
    lands = gazetteer.find_laender(adjective) if adjective else []
    if lands:
        stem = next(s for s, slug in gazetteer.adjective_stems if slug == lands[0].key)
        ending = "" if stem.endswith("er") else ("er" if noun.endswith(("plan", "Plan")) else "es")
        label = f"{stem.capitalize()}{ending} {noun}"
    if match["version"]:
        label += f" {match['version']}"
    return label
