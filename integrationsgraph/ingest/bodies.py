"""Bodies named in a text: conferences of ministers, integration conferences and councils, governments.

A name links to the registry by label or altLabel; a one-word altLabel ("Kabinett") only when the
document is mostly about the Land that body's label names. Other names are proposed under a canonical
form: "Konferenz der für Integration zuständigen Minister" and "Integrations-Ministerkonferenz" are the
"Integrationsministerkonferenz"; "hessischen Integrationskonferenz" is the "Hessische
Integrationskonferenz". A bare "Konferenz" or "Ministerkonferenz" refers to the document's main body.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from integrationsgraph.ingest.gazetteer import Gazetteer
from integrationsgraph.ingest.linking import Entity, Registry, slugify

CLASSIFICATION_BY_NOUN = {
    "ministerkonferenz": "ministers-conference", "ministerpräsidentenkonferenz": "ministers-conference",
    "integrationskonferenz": "integration-conference", "beirat": "advisory-council",
    "landesregierung": "government", "kabinett": "cabinet", "rat": "advisory-council",
    "kommission": "advisory-council",
}  # fmt: skip
_GENDER_ENDING = {"integrationskonferenz": "e", "landesregierung": "e", "kabinett": "es", "beirat": "er"}

_MINISTERS_CONFERENCE = re.compile(
    r"(?<![\w-])(?P<topic>[A-ZÄÖÜ][a-zäöüß]+)-?(?:[Mm]inister(?:innen|[:*_]innen)?konferenz|MinisterInnenkonferenz)"
    r"(?:en)?(?![\w-])"
    r"|(?<![\w-])Ministerpräsidentenkonferenz(?![\w-])"
    r"|(?<![\w-])Konferenz\s+(?:der|aller)\s+(?:für\s+(?P<topic2>[A-ZÄÖÜ][a-zäöüß]+?)(?:sfragen)?\s+zuständigen\s+"
    r"|(?P<topic3>[A-ZÄÖÜ][a-zäöüß]+)-?)[Mm]inister(?:innen)?(?:\s+und\s+Minister)?"
    r"(?:\s+und\s+-?[Mm]inister)?(?:,?\s*(?:/\s*)?Senatorinnen\s+und\s+(?:-|Senatoren))?"
    r"(?:\s+der\s+(?:Bundes)?[Ll]änder)?"
    # the members standing for their conference: "die für Integration zuständigen Landesminister"
    r"|(?<![\w-])für\s+(?P<topic4>[A-ZÄÖÜ][a-zäöüß]+?)(?:sfragen)?\s+zuständigen\s+(?:Landes)?[Mm]inister"
    r"|(?<![\w-])(?P<topic5>Integrations)-?(?:Landes)?[Mm]inister(?:innen)?(?:\s+und\s+-?[Mm]inister)?"
    r"\s+(?:der|aller)\s+(?:Bundes)?[Ll]änder"
)
# A bare "Konferenz" or "das Gremium": the body the document is about.
_GENERIC_CONFERENCE = re.compile(r"(?<![\w-])(?:(?:Fachminister|Minister)?[Kk]onferenz|Gremium)(?![\w-])")
_LAND_BODY = re.compile(
    r"(?<![\w-])(?P<adjective>[A-ZÄÖÜa-zäöü][\w-]+?(?:e|en|er|es|em))?\s*(?P<noun>Integrationskonferenz|"
    r"Landesintegrationsbeirat|Landesintegrationsrat|Integrationsbeirat|Integrationsrat|Migrationsbeirat"
    r"|Integrationskommission|Landesregierung|Landeskabinett|Kabinett)(?:es|s)?(?![\w-])"
    # the Land after the name: "des Landes Hessen", or as in "Landesintegrationsrat NRW"
    r"(?P<genitive>\s+(?:(?:des\s+Landes|des\s+Freistaate?s|der\s+Freien(?:\s+und)?\s+Hansestadt)\s+)?"
    r"[A-ZÄÖÜ][\w-]+)?"
)


# Other bodies, by the last part of their compound name: "Antidiskriminierungsstelle", "Islamkonferenz",
# "Landesintegrationsrat", "Migrationsbeirat", with a Land adjective where one stands before (a "-gipfel"
# is a meeting, of its convener). What is not a body though it ends alike is listed in _NOT_BODIES.
_NAMED_BODY = re.compile(
    r"(?<![\w-])(?:(?P<adjective>[A-ZÄÖÜ][\w-]+?(?:e|en|er|es))\s+)?(?P<noun>[A-ZÄÖÜ][a-zäöüß]+"
    r"(?:beirat|srat|konferenz|kommission|ausschuss|gremium|netzwerk|forum|stelle|arbeitsstab))(?![\w-])"
)
# Associations of councils: "Arbeitsgemeinschaft der Ausländerbeiräte Hessen", "Landesverband der ...".
_ASSOCIATION = re.compile(
    r"(?<![\w-])(?:Landes)?(?:Arbeitsgemeinschaft|[Vv]erband|Dachverband)\s+der\s+(?:[a-zäöü]+e[nr]?\s+)?"
    r"[A-ZÄÖÜ][\w-]+(?:beiräte|räte|ausschüsse|verbände|vereine)(?:\s+(?:in\s+)?[A-ZÄÖÜ][\w-]+)?"
)
_NOT_BODIES = {
    "Pressekonferenz", "Videokonferenz", "Telefonkonferenz", "Schaltkonferenz", "Schnittstelle", "Baustelle",
    "Leerstelle", "Arbeitsstelle", "Planstelle", "Ausbildungsstelle", "Ministerkonferenz", "Hauptkonferenz",
    "Vorkonferenz", "Sonderkonferenz", "Jahreskonferenz", "Fachministerkonferenz", "Fachkonferenz",
    "Abschlusskonferenz", "Auftaktkonferenz", "Internetforum", "Onlineforum", "Diskussionsforum",
}  # fmt: skip
_BODY_KIND_BY_ENDING = (
    (("konferenz",), "integration-conference"),
    (("stelle", "arbeitsstab"), "working-staff"),
)


@dataclass(frozen=True)
class BodyMention:
    start: int
    end: int
    exact: str
    body: Entity
    classification: str
    generic: bool = False  # a bare "Konferenz": resolved to the document's main body


def find_bodies(
    text: str, registry: Registry, gazetteer: Gazetteer, year: int | None = None
) -> list[BodyMention]:
    """The bodies the text names; of registry bodies sharing a name, the one that existed in `year`, the
    text's year (`Registry.as_of`)."""
    main_land = _main_land(text, gazetteer)
    found: list[BodyMention] = []
    taken: list[tuple[int, int]] = []

    def add(mention: BodyMention) -> None:
        if not any(mention.start < end and start < mention.end for start, end in taken):
            taken.append((mention.start, mention.end))
            found.append(mention)

    for name, ref in sorted(registry.labels("body"), key=lambda item: len(item[0]), reverse=True):
        entity = registry.entities[ref]
        if " " not in name and not name.isupper() and not _land_fits(entity, main_land, gazetteer):
            continue
        # an abbreviation may start a compound ("IntMK-Vorsitz")
        end = r"(?!\w)" if len(name) <= 6 and " " not in name else r"(?![\w-])"
        # a one-word name also in the genitive ("des Integrationsgipfels")
        if len(name) > 6 and " " not in name and name[-1] not in "sz":
            end = r"(?:e?s)?" + end
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}{end}", text, re.IGNORECASE):
            kind = registry.classifications.get(ref) or _classification(name)
            add(BodyMention(match.start(), match.end(), match.group(0), entity, kind))
    for match in _MINISTERS_CONFERENCE.finditer(text):
        topic = next((match[g] for g in ("topic", "topic2", "topic3", "topic4", "topic5") if match[g]), None)
        if topic in {"Fach", "Landes", "Länder", "Bundes"}:
            continue
        label = f"{_joined(topic)}ministerkonferenz" if topic else "Ministerpräsidentenkonferenz"
        add(
            BodyMention(
                match.start(), match.end(), match.group(0), _entity(label, registry), "ministers-conference"
            )
        )
    for match in _LAND_BODY.finditer(text):
        mention = _land_body(match, registry, gazetteer, main_land)
        if mention:
            add(mention)
    for match in _ASSOCIATION.finditer(text):
        label = re.sub(r"\s+", " ", match.group(0))
        entity = registry.lookup("body", label) or Entity(
            f"body:{slugify(label)}", "body", label, proposed=True
        )
        add(BodyMention(match.start(), match.end(), match.group(0), entity, "advisory-council"))
    for match in _NAMED_BODY.finditer(text):
        mention = _named_body(match, registry, gazetteer)
        if mention:
            add(mention)
    main = main_body(found)
    if main is not None:
        for match in _GENERIC_CONFERENCE.finditer(text):
            add(BodyMention(match.start(), match.end(), match.group(0), main.body, main.classification, True))
    dated = [
        replace(m, body=registry.entities[meant])
        if (meant := _meant(m, text, registry, year)) != m.body.ref
        else m
        for m in found
    ]
    return sorted(dated, key=lambda m: m.start)


# "die frühere Integrationskonferenz", "den zuvor bestehenden Integrationsbeirat": a body of the past
_FORMER = re.compile(
    r"(?:frühere[nrs]?|bisherige[nrs]?|ehemalige[nrs]?|damalige[nrs]?|alte[nrs]?|zuvor\s+bestehende[nrs]?)\s+$",
    re.IGNORECASE,
)


def _meant(mention: BodyMention, text: str, registry: Registry, year: int | None) -> str:
    """Which of a body's namesakes a mention means: a former one where the text says so, else the one
    existing in the text's year."""
    if _FORMER.search(text[max(0, mention.start - 30) : mention.start]):
        return registry.earliest_namesake(mention.body.ref)
    return registry.as_of(mention.body.ref, year)


def main_body(mentions: list[BodyMention]) -> BodyMention | None:
    """The conference the document is mostly about: the most often named specific body, conferences first."""
    specific = [m for m in mentions if not m.generic]
    if not specific:
        return None
    conferences = [
        m for m in specific if m.classification in {"ministers-conference", "integration-conference"}
    ]
    counts = Counter(m.body.ref for m in conferences or specific)
    best = counts.most_common(1)[0][0]
    return next(m for m in specific if m.body.ref == best)


def _joined(topic: str) -> str:
    """The first part of a compound with its linking "s": "Integration" -> "Integrations"."""
    if topic.startswith("Integration"):  # "Integrationspolitik", "Integrationsfragen": the same conference
        return "Integrations"
    needs_s = topic.endswith(("ion", "ung", "heit", "keit", "tät", "schaft"))
    return topic + "s" if needs_s else topic


def _entity(label: str, registry: Registry) -> Entity:
    label = label[0].upper() + label[1:].lower()
    found = registry.lookup("body", label)
    return found or Entity(f"body:{slugify(label)}", "body", label, proposed=True)


def _classification(name: str) -> str:
    lowered = name.lower()
    for noun, concept in CLASSIFICATION_BY_NOUN.items():
        if lowered.endswith(noun) or noun in lowered:
            return concept
    if lowered.endswith("mk"):
        return "ministers-conference"
    return "integration-conference" if "konferenz" in lowered else "other"


def _land_body(match: re.Match[str], registry: Registry, gazetteer: Gazetteer, main_land: str | None):
    noun = match["noun"]
    base = "kabinett" if noun == "Landeskabinett" else noun.lower()
    adjective = match["adjective"]
    named = gazetteer.find_laender(adjective) if adjective else []
    after = gazetteer.find_laender(match["genitive"]) if match["genitive"] else []
    named = named or after
    land = named[0].key if named else None
    end = match.end() if after else match.start("genitive") if match["genitive"] else match.end()
    start = match.start() if named and adjective and named[0].key == land else match.start("noun")
    if land is None:
        found = registry.lookup("body", noun)
        if found and base not in {"landesregierung", "kabinett"}:
            return BodyMention(match.start("noun"), match.end("noun"), noun, found, _classification(noun))
        # a bare "Landesregierung" or "Integrationsrat" is the body of the Land the document is about
        land = main_land
        if land is None:
            return None
    ending = _GENDER_ENDING.get(base, "er" if base.endswith("rat") else "e")
    noun_label = noun.replace("Landeskabinett", "Kabinett")
    label = f"{gazetteer.adjective(land, ending)} {noun_label}"
    entity = registry.lookup("body", label) or Entity(f"body:{slugify(label)}", "body", label, proposed=True)
    exact = match.string[start:end]
    return BodyMention(start, end, exact, entity, _classification(base))


def _named_body(match: re.Match[str], registry: Registry, gazetteer: Gazetteer) -> BodyMention | None:
    noun = match["noun"]
    if noun in _NOT_BODIES:
        return None
    adjective = match["adjective"]
    lands = gazetteer.find_laender(adjective) if adjective else []
    start = match.start() if lands else match.start("noun")
    label = f"{adjective} {noun}" if lands else noun
    entity = registry.lookup("body", label) or registry.lookup("body", noun)
    if entity is None:
        entity = Entity(f"body:{slugify(label)}", "body", label, proposed=True)
    lowered = noun.lower()
    kind = next((k for endings, k in _BODY_KIND_BY_ENDING if lowered.endswith(endings)), "advisory-council")
    kind = registry.classifications.get(entity.ref) or kind
    return BodyMention(start, match.end(), match.group(0)[start - match.start() :], entity, kind)


def _main_land(text: str, gazetteer: Gazetteer) -> str | None:
    counts = Counter(m.key for m in gazetteer.find_laender(text))
    return counts.most_common(1)[0][0] if counts else None


def _land_fits(entity: Entity, main_land: str | None, gazetteer: Gazetteer) -> bool:
    lands = {m.key for m in gazetteer.find_laender(entity.label)}
    return not lands or main_land in lands
