"""What a fact card shows and lets a curator edit: the fields of each kind of fact, the entity kinds an
entity field links to, and the concept choices read from the ontology's SKOS schemes (one place: a
concept added to a scheme appears on the page)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SKOS

from integrationsgraph.errors import InputError
from integrationsgraph.review.term_json import compact

# The classes of the fact nodes a source states, in the order cards of a new fact offer them.
FACT_CLASSES = (
    "ig:Holding", "ig:Meeting", "ig:Establishment", "ig:Constitution", "ig:Reconstitution", "ig:Merger",
    "ig:ChangeEvent", "ig:PlanAdoption", "ig:Presentation", "ig:Address",
)  # fmt: skip
# What a source may state about a registry entity, with evidence, in its own graph (no fact node): a
# post's rotation as the source gives it (`ig:termLength "P1Y"`, `ig:handOverDay "--07-01"`).
ENTITY_STATEMENTS = {"post": ("ig:termLength", "ig:handOverDay")}
ENTITY_KINDS = ("land", "body", "ministry", "person", "post", "place", "plan", "topic", "document")
ORGANISATIONS = ("body", "ministry", "land")


@dataclass(frozen=True)
class FieldSpec:
    """One editable property of a fact: an entity link (`kinds` it may point at), a concept from a
    scheme, or a literal (`datatype`, or `lang` for a language-tagged string)."""

    predicate: str
    label: str
    type: str  # "entity" | "concept" | "literal"
    kinds: tuple[str, ...] = ()
    scheme: str | None = None
    datatype: str | None = None
    lang: str | None = None


def _entity(predicate: str, label: str, *kinds: str) -> FieldSpec:
    return FieldSpec(predicate, label, "entity", kinds=kinds)


def _concept(predicate: str, label: str, scheme: str) -> FieldSpec:
    return FieldSpec(predicate, label, "concept", scheme=scheme)


ORDINAL = FieldSpec("ig:ordinal", "ordinal", "literal", datatype="xsd:positiveInteger")
STATUS = _concept("ig:status", "status", "igc:status")
_EVENT = (
    _entity("org:resultingOrganization", "resulting body", *ORGANISATIONS),
    _entity("org:originalOrganization", "original body", *ORGANISATIONS),
)
FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "ig:Holding": (
        _entity("org:member", "holder", "person", "land"),
        _entity("ig:post", "office", "post"),
        _entity("org:organization", "organisation", *ORGANISATIONS),
        _concept("org:role", "role", "igc:role"),
        _entity("ig:onBehalfOf", "on behalf of", "land"),
        _entity("ig:exercises", "exercises (holding)", "holding"),
        _entity("ig:succeeds", "succeeds (holding)", "holding"),
        ORDINAL,
    ),
    "ig:Meeting": (
        _entity("ig:meetingOf", "body meeting", *ORGANISATIONS),
        _concept("ig:meetingType", "meeting type", "igc:meeting-type"),
        STATUS,
        ORDINAL,
        _entity("schema:location", "place", "place"),
        _entity("ig:chairedBy", "chaired by", "person", "land"),
        _entity("ig:hostedBy", "hosted by", *ORGANISATIONS),
        _entity("ig:topic", "topic", "topic"),
        FieldSpec("ig:motto", "motto", "literal", lang="de"),
    ),
    "ig:ChangeEvent": _EVENT,
    "ig:PlanAdoption": (
        _entity("ig:adoptedPlan", "plan", "plan"),
        _entity("ig:adoptedBy", "adopted by", *ORGANISATIONS),
    ),
    "ig:Presentation": (
        _entity("ig:presentedAt", "meeting", "meeting"),
        _entity("ig:presenter", "presenter", "person"),
        _entity("ig:presents", "presents", "document"),
        STATUS,
    ),
    "ig:Address": (),
}
for _event in ("ig:Establishment", "ig:Constitution", "ig:Reconstitution", "ig:Merger"):
    FIELDS[_event] = _EVENT

# Where each kind of fact keeps its time: a holding's tenure and a meeting's days are intervals, an
# event's date an instant (ontology/README.md, "Time").
TIME_LINKS = {"ig:Holding": ("org:memberDuring", "interval"), "ig:Meeting": ("time:hasTime", "interval")}
DEFAULT_TIME_LINK = ("time:hasTime", "instant")

# The entity fields of a new entity, per kind (the shapes require a ministry's Land and a post's place).
ENTITY_LINKS: dict[str, tuple[FieldSpec, ...]] = {
    "body": (_concept("org:classification", "body type", "igc:body-type"),),
    "ministry": (_entity("org:unitOf", "Land", "land"),),
    "post": (_entity("org:postIn", "in", *ORGANISATIONS), _concept("org:role", "role", "igc:role")),
    "place": (_entity("schema:containedInPlace", "within", "place", "land"),),
    "person": (
        FieldSpec("schema:givenName", "given name", "literal"),
        FieldSpec("schema:familyName", "family name", "literal"),
    ),
}
# The registry file a new entity of each kind is written to (`data/entities/reviewed-<plural>.ttl`).
ENTITY_FILES = {
    "land": "laender", "body": "bodies", "ministry": "ministries", "person": "persons", "post": "posts",
    "place": "places", "plan": "plans", "topic": "topics", "document": "documents",
}  # fmt: skip
ENTITY_CLASSES = {kind: f"ig:{kind.capitalize()}" for kind in ENTITY_KINDS}


def fields_of(classes: list[str]) -> tuple[FieldSpec, ...]:
    """The editable fields of a fact with these classes (the first class with fields decides)."""
    for cls in classes:
        if cls in FIELDS:
            return FIELDS[cls]
    return ()


def time_link(classes: list[str]) -> tuple[str, str]:
    for cls in classes:
        if cls in TIME_LINKS:
            return TIME_LINKS[cls]
    return DEFAULT_TIME_LINK


@cache
def concept_choices(ontology_dir: Path) -> dict[str, list[dict]]:
    """Scheme -> its concepts as `{"value": "igc:held", "label": "held"}`, from ontology/schemes.ttl."""
    path = ontology_dir / "schemes.ttl"
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as error:
        raise InputError(f"{path}: cannot read the concept schemes: {error}") from error
    choices: dict[str, list[dict]] = {}
    for concept, scheme in sorted(graph.subject_objects(SKOS.inScheme)):
        labels = {label.language: str(label) for label in graph.objects(concept, SKOS.prefLabel)}
        label = labels.get("en") or labels.get("de") or compact(str(concept))
        choices.setdefault(compact(str(scheme)), []).append({"value": compact(str(concept)), "label": label})
    return choices


def page_vocabulary(ontology_dir: Path) -> dict:
    """Everything the page needs to draw cards and entity forms, as JSON."""
    return {
        "fact_classes": list(FACT_CLASSES),
        "fields": {cls: [asdict(spec) for spec in specs] for cls, specs in FIELDS.items()},
        "time_links": {cls: list(time_link([cls])) for cls in FACT_CLASSES},
        "entity_kinds": list(ENTITY_KINDS),
        "entity_links": {kind: [asdict(spec) for spec in specs] for kind, specs in ENTITY_LINKS.items()},
        "concepts": concept_choices(ontology_dir),
    }
