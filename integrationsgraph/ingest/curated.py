"""The curated facts of one source (data/sources/<stem>.trig) in the shape of the ingestion's summary,
extracted with SPARQL, so the evaluation compares like with like.

Chair tenures are holdings of a chair post by a Land, with the person-level holding that exercises one
folded into it (its person), or standing alone with the Land it acts for as holder. Meetings are
`ig:Meeting`s; office holdings are persons' holdings of other posts; body events `ig:ChangeEvent`s and
their subclasses; plan adoptions `ig:PlanAdoption`s.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

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
    text = str(value)
    return compact(text) if text.startswith("http") else text


def _dates(row) -> tuple[str | None, str | None]:
    single = _value(row, "single")
    return (_value(row, "start") or single, _value(row, "end") or single)


def curated_facts(trig: Path, registry: Graph) -> list[dict]:
    dataset = Dataset(default_union=True)
    try:
        dataset.parse(trig, format="trig")
    except (SyntaxError, ValueError) as error:
        raise InputError(f"{trig}: cannot parse: {error}") from error
    graph = Graph()
    for quad in dataset.quads():
        graph.add(quad[:3])
    graph += registry
    prologue = sparql_prologue()
    facts = _holdings(graph.query(prologue + HOLDINGS))
    for row in graph.query(prologue + MEETINGS):
        start, end = _dates(row)
        ordinal = _value(row, "ordinal")
        status = (_value(row, "status") or "").rpartition("/")[2] or None
        facts.append(_fact(
            "meeting", body=_value(row, "body"), ordinal=int(ordinal) if ordinal else None, start=start,
            end=end, place=_value(row, "place"), status=status, holder=_value(row, "chairedBy"),
            iri=_value(row, "fact"),
        ))  # fmt: skip
    for row in graph.query(prologue + EVENTS):
        start, _ = _dates(row)
        facts.append(_fact("body_event", body=_value(row, "body"), start=start, iri=_value(row, "fact")))
    for row in graph.query(prologue + ADOPTIONS):
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
        if not bool(row["chair"].toPython()):
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
