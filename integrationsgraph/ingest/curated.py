"""The curated facts of one source (data/sources/<stem>.trig) in the shape of the ingestion's summary,
extracted with SPARQL, so the evaluation compares like with like.

Chair tenures are holdings of a chair post by a Land, with the person-level holding that exercises one
folded into it (its person), or standing alone with the Land it acts for as holder. Meetings are
`ig:Meeting`s; office holdings are persons' holdings of other posts; body events `ig:ChangeEvent`s and
their subclasses; plan adoptions `ig:PlanAdoption`s.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from integrationsgraph.errors import InputError
from integrationsgraph.ingest.linking import compact
from integrationsgraph.namespaces import sparql_prologue

_WHEN = """
    OPTIONAL { ?fact {time} ?t .
        OPTIONAL { ?t time:hasBeginning/ig:edtf ?start } OPTIONAL { ?t time:hasEnd/ig:edtf ?end }
        OPTIONAL { ?t ig:edtf ?single } }
"""
HOLDINGS = (
    """
SELECT ?fact ?member ?body ?ordinal ?start ?end ?single ?onBehalfOf ?exercises ?chair ?post WHERE {
    ?fact a ig:Holding ; org:member ?member ; ig:post ?post .
    OPTIONAL { ?fact org:organization ?organisation }
    OPTIONAL { ?post org:postIn ?postIn }
    BIND(COALESCE(?organisation, ?postIn) AS ?body)
    OPTIONAL { ?fact ig:ordinal ?ordinal }
    OPTIONAL { ?fact ig:onBehalfOf ?onBehalfOf }
    OPTIONAL { ?fact ig:exercises ?exercises }
    BIND(EXISTS { { ?fact org:role igc:chair } UNION { ?post org:role igc:chair } } AS ?chair)
"""
    + _WHEN.replace("{time}", "org:memberDuring")
    + "}"
)
MEETINGS = (
    """
SELECT ?fact ?body ?ordinal ?status ?place ?type ?start ?end ?single ?chairedBy WHERE {
    ?fact a ig:Meeting ; ig:meetingOf ?body .
    OPTIONAL { ?fact ig:ordinal ?ordinal } OPTIONAL { ?fact ig:status ?status }
    OPTIONAL { ?fact schema:location ?place } OPTIONAL { ?fact ig:meetingType ?type }
    OPTIONAL { ?fact ig:chairedBy ?chairedBy }
"""
    + _WHEN.replace("{time}", "time:hasTime")
    + "}"
)
EVENTS = (
    """
SELECT ?fact ?body ?class ?start ?end ?single WHERE {
    VALUES ?class { ig:ChangeEvent ig:Establishment ig:Constitution ig:Reconstitution ig:Merger }
    ?fact a ?class .
    OPTIONAL { ?fact org:resultingOrganization ?body }
"""
    + _WHEN.replace("{time}", "time:hasTime")
    + "}"
)
ADOPTIONS = (
    """
SELECT ?fact ?plan ?body ?start ?end ?single WHERE {
    ?fact a ig:PlanAdoption ; ig:adoptedPlan ?plan .
    OPTIONAL { ?fact ig:adoptedBy ?body }
"""
    + _WHEN.replace("{time}", "time:hasTime")
    + "}"
)


def _fact(kind: str, **values) -> dict:
    base = dict.fromkeys(("body", "holder", "person", "office", "ordinal", "start", "end", "place", "status"))
    base.update(kind=kind, **values)
    return base


def _value(row, name: str):
    value = row[name]
    if value is None:
        return None
    text = value.value
    return compact(text) if isinstance(value, ox.NamedNode) else text


def _dates(row) -> tuple[str | None, str | None]:
    single = _value(row, "single")
    return (_value(row, "start") or single, _value(row, "end") or single)


def registry_store(entities_dir: Path) -> ox.Store:
    """An in-memory store of the registry (data/entities/*.ttl), to which each source is added in turn."""
    store = ox.Store()
    for path in sorted(entities_dir.glob("*.ttl")):
        try:
            store.load(path.read_bytes(), ox.RdfFormat.TURTLE)
        except SyntaxError as error:
            raise InputError(f"{path}: cannot parse: {error}") from error
    return store


def curated_facts(trig: Path, registry: ox.Store) -> list[dict]:
    """The facts of one curated source; the source's quads are added to `registry` and removed again."""
    try:
        quads = list(ox.parse(trig.read_bytes(), ox.RdfFormat.TRIG))
    except SyntaxError as error:
        raise InputError(f"{trig}: cannot parse: {error}") from error
    registry.extend(quads)
    try:
        return _extract(registry)
    finally:
        for quad in quads:
            registry.remove(quad)


def _extract(graph: ox.Store) -> list[dict]:
    prologue = sparql_prologue()

    def query(text: str):
        return graph.query(prologue + text, use_default_graph_as_union=True)

    facts = _holdings(query(HOLDINGS))
    for row in query(MEETINGS):
        start, end = _dates(row)
        ordinal = _value(row, "ordinal")
        status = (_value(row, "status") or "").rpartition("/")[2] or None
        facts.append(_fact(
            "meeting", body=_value(row, "body"), ordinal=int(ordinal) if ordinal else None, start=start,
            end=end, place=_value(row, "place"), status=status, holder=_value(row, "chairedBy"),
            iri=_value(row, "fact"),
        ))  # fmt: skip
    for row in query(EVENTS):
        start, _ = _dates(row)
        facts.append(_fact("body_event", body=_value(row, "body"), start=start, iri=_value(row, "fact")))
    for row in query(ADOPTIONS):
        start, _ = _dates(row)
        facts.append(_fact("plan_adoption", body=_value(row, "body"), holder=_value(row, "body"),
                           start=start, iri=_value(row, "fact"), plan=_value(row, "plan")))  # fmt: skip
    return _unique(facts)


def _unique(facts: list[dict]) -> list[dict]:
    """One fact per node (a body event typed twice, a meeting with two statuses)."""
    seen: dict[tuple[str, str], dict] = {}
    for fact in facts:
        seen.setdefault((fact["kind"], fact.get("iri", "")), fact)
    return list(seen.values())


def _holdings(rows) -> list[dict]:
    lands: dict[str, dict] = {}
    persons = []
    offices = []
    for row in rows:
        member, start, end = _value(row, "member"), *_dates(row)
        ordinal = _value(row, "ordinal")
        values = {"body": _value(row, "body"), "ordinal": int(ordinal) if ordinal else None,
                  "start": start, "end": end, "iri": _value(row, "fact")}  # fmt: skip
        if row["chair"].value != "true":
            offices.append(_fact("office_holding", holder=member, person=member, office=_value(row, "post"),
                                 **values))  # fmt: skip
        elif member.startswith("land:"):
            lands[values["iri"]] = _fact("chair_tenure", holder=member, **values)
        else:
            persons.append((row, member, values))
    for row, member, values in persons:
        exercised = lands.get(_value(row, "exercises") or "")
        if exercised is not None:
            exercised["person"] = exercised["person"] or member
            continue
        holder = _value(row, "onBehalfOf") or member
        same = [f for f in lands.values() if f["holder"] == holder and f["body"] == values["body"]]
        if same:
            same[0]["person"] = same[0]["person"] or member
            continue
        lands[values["iri"]] = _fact("chair_tenure", holder=holder, person=member, **values)
    return list(lands.values()) + offices
