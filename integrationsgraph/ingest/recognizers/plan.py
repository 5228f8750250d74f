"""Plans, programmes and laws adopted: "Der Plan wurde am 24. April durch das Kabinett beschlossen", "hat
die Landesregierung einen Integrationsplan beschlossen", "Der Landtag hat das Integrations- und
Teilhabegesetz verabschiedet", "hat sich auf ein gemeinsames Integrationskonzept geeinigt". A bare "Der
Plan" is the plan the document names most; the adopter is the government, cabinet or conference named in
the sentence (a parliament is no body of the registry's kinds: the adopter then stays open). A plan the
registry knows under a longer name ("gemeinsames Integrationskonzept der Länder") is linked when exactly
one registry plan's name begins with the words the text uses.
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
    r"(?<![\w-])(?:beschlossen|beschließt|verabschiedet|verabschiedete|billigte|gebilligt|angenommen"
    r"|geeinigt|einigten\s+sich|einigen\s+sich|verständigt"
    # the participle before the plan ("einen vom Kabinett beschlossenen Integrationsplan") and the noun
    # ("mit der Verabschiedung des Gesetzes")
    r"|beschlossene[nmrs]?|verabschiedete[nmrs]?|Verabschiedung\s+(?:des|der|eines|einer)\s)"
)
_AGENT = re.compile(r"(?<![\w-])(?:vom|von\s+der|von\s+den|durch\s+(?:das|die|den))\s+(?:\w+\s+)?$")
_PARTICIPLE = re.compile(r"(?:beschlossen|verabschiedet)e[nmrs]")
# "hat beschlossen, dass es einen Plan geben soll": a decision to make a plan, not the plan's adoption
# ("beschlossen, die Politik neu auszurichten": a zu-infinitive), not the plan's adoption
_DECIDED_THAT = re.compile(
    r"\s*,\s*(?:dass\s|[^,.;:]*?(?<![\w-])(?:(?:an|auf|aus|ab|ein|mit|vor|bei|durch|fest|her|hin|weiter|um|nach"
    r"|fort|zurück|dar)zu[a-zäöüß]+en|zu\s+[a-zäöüß]+en)(?![\w-]))"
)
# a plan after the verb is sought in the verb's clause only (not in a quotation that follows)
_CLAUSE_END = re.compile(r"[:;„“\"»«]")
# "Er wurde vom Kabinett beschlossen": the plan the previous sentence named
_PRONOUN = re.compile(r"^\W*(?:Er|Es|Sie|Dieser|Dieses|Diese)\s+(?:\S+\s+){0,2}?(?:wurde|wird|ist)(?![\w-])")
_KINDS = r"(?:plan|konzept|Plan|programm|Programm|gesetz|Gesetz|strategie|Strategie)"
_PLAN = re.compile(
    r"(?<![\w-])(?:(?P<adjective>[A-ZÄÖÜa-zäöü][\w-]*?(?:e|en|er|es))\s+)?"
    r"(?P<noun>(?:[A-ZÄÖÜ][\w]*-\s+und\s+)?[A-ZÄÖÜ][\w-]*"
    + _KINDS
    + r")(?:es|s)?(?:\s+(?P<version>\d+\.\d+))?(?![\w-])"
)
_LAW_DATE = re.compile(r"(?:\s*\([A-Za-zÄÖÜäöü]{2,12}\))?\s+[Vv]om\s+")
_BARE_PLAN = re.compile(r"(?<![\w-])(?:Der|der|Den|den|Dieser|dieser)\s+Plan(?![\w-])")
_ADOPTERS = {"cabinet", "government", "ministers-conference"}
_NOT_PLANS = {
    "Haushaltsplan", "Zeitplan", "Fahrplan", "Stadtplan", "Lageplan", "Masterplan", "Grundgesetz",
    "Wahlprogramm", "Parteiprogramm", "Fernsehprogramm", "Rahmenprogramm", "Tagungsprogramm",
}  # fmt: skip
_BARE = {"plan", "konzept", "programm", "gesetz", "strategie"}


def recognize_plan_adoptions(document: Document, proposals: Proposals, gazetteer: Gazetteer) -> list[Fact]:
    names = tuple(name for name, _ in proposals.registry.labels("plan"))
    named = [
        _label(m, gazetteer, names) for m in _PLAN.finditer(document.body) if m["noun"] not in _NOT_PLANS
    ]
    named = [label for label in named if label]
    main_plan = _main_plan(named)
    facts: list[Fact] = []
    previous = None
    for sentence in document.sentences:
        verb = _ADOPTED.search(sentence.text)
        before, previous = previous, sentence
        if not verb or _DECIDED_THAT.match(sentence.text, verb.end()):
            continue
        if verb.group(0).startswith("Verabschiedung"):  # a farewell too: the plan must follow at once
            named = _PLAN.match(sentence.text, verb.end())
            label = _label(named, gazetteer, names) if named and named["noun"] not in _NOT_PLANS else None
        elif _PARTICIPLE.fullmatch(verb.group(0)):  # "beschlossenen Integrationsplan": its noun follows
            label = _adopted_plan(sentence.text, verb.start(), main_plan, gazetteer, names, after_only=True)
        else:
            label = _adopted_plan(sentence.text, verb.start(), main_plan, gazetteer, names)
        if label is None and before is not None and _PRONOUN.match(sentence.text):
            label = _last_plan(before.text, gazetteer, names)
        if label is None:
            continue
        adopters = [b for b in document.within(document.bodies, sentence) if b.classification in _ADOPTERS]
        # the agent of the passive ("vom Kabinett beschlossen") before any other body of the sentence
        adopters.sort(key=lambda b: not _AGENT.search(document.body[max(0, b.start - 12) : b.start]))
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
    for fact in _dated_laws(document, proposals, gazetteer, names):
        if not any(f.plan == fact.plan for f in facts):
            facts.append(fact)
    return facts


def _dated_laws(document: Document, proposals: Proposals, gazetteer: Gazetteer, names: tuple[str, ...]):
    """A law by its formal name and date: "Hessisches Integrations- und Teilhabegesetz (IntTG) Vom 22. März
    2023". The date of a law is the day it was made (signed); who passed it the text may not say."""
    found = []
    for match in _PLAN.finditer(document.body):
        if not match["noun"].endswith(("gesetz", "Gesetz")) or match["noun"] in _NOT_PLANS:
            continue
        dated = _LAW_DATE.match(document.body, match.end())
        label = _label(match, gazetteer, names)
        if not dated or not label:
            continue
        when = [d for d in document.dates if d.start == dated.end()]
        if not when or when[0].first.year is None:
            continue
        fact = Fact(kind="plan_adoption", plan=proposals.plan(label), start=when[0].first, confidence=0.5)
        fact.add_span(match.start(), when[0].end)
        found.append(fact)
        break  # the law a text is about is named with its date first; later mentions repeat it
    return found


def _main_plan(named: list[str]) -> str | None:
    """The plan a document is about: named most often, counting "Integrationsplan 2.0" for the longer
    "Hessischer Integrationsplan 2.0"; a plan before a concept, then the fuller name."""
    if not named:
        return None
    counts = Counter(named)
    score = {label: sum(n for other, n in counts.items() if other in label) for label in counts}
    return max(score, key=lambda label: (score[label], "plan" in label.lower(), len(label)))


def _adopted_plan(
    text: str,
    verb: int,
    main_plan: str | None,
    gazetteer: Gazetteer,
    names: tuple[str, ...],
    *,
    after_only: bool = False,
) -> str | None:
    """The plan the sentence says was adopted: the one named last before the verb ("Der Plan" being the
    document's main plan), else the first named after it."""
    named = [
        (m.start(), _label(m, gazetteer, names)) for m in _PLAN.finditer(text) if m["noun"] not in _NOT_PLANS
    ]
    named += [(m.start(), main_plan) for m in _BARE_PLAN.finditer(text)]
    named = sorted((position, label) for position, label in named if label)
    clause_end = _CLAUSE_END.search(text, verb)
    limit = clause_end.start() if clause_end else len(text)
    before = [label for position, label in named if position < verb and not after_only]
    after = [label for position, label in named if verb <= position < limit]
    return before[-1] if before else (after[0] if after else None)


def _last_plan(text: str, gazetteer: Gazetteer, names: tuple[str, ...]) -> str | None:
    labels = [_label(m, gazetteer, names) for m in _PLAN.finditer(text) if m["noun"] not in _NOT_PLANS]
    labels = [label for label in labels if label]
    return labels[-1] if labels else None


def _registry_name(words: str, names: tuple[str, ...]) -> str | None:
    """The one registry plan name that begins with `words` (and is longer), if exactly one does."""
    lowered = words.lower()
    found = {name for name in names if name.lower().startswith(lowered + " ")}
    return found.pop() if len(found) == 1 else None


def _label(match: re.Match[str], gazetteer: Gazetteer, names: tuple[str, ...] = ()) -> str | None:
    noun = re.sub(r"\s+", " ", match["noun"])
    if noun.lower() in _BARE:
        return None
    label = noun
    adjective = match["adjective"]
    longer = _registry_name(f"{adjective} {noun}" if adjective else noun, names)
    if longer:
        return longer
    lands = gazetteer.find_laender(adjective) if adjective else []
    if lands:
        ending = "er" if noun.endswith(("plan", "Plan")) else "es"
        label = f"{gazetteer.adjective(lands[0].key, ending)} {noun}"
    if match["version"]:
        label += f" {match['version']}"
    return label
