"""The IRI of a fact added on the page when the curator gives none: minted by the ingestion's naming
rules (`ingest.naming`, the contract's IRI rules), so a hand-added fact is named as a drafted one would
be; kinds the ingestion does not draft get `<prefix>:<main links>-<kind>`."""

from __future__ import annotations

from integrationsgraph.errors import UsageError
from integrationsgraph.ingest.dates import PartialDate
from integrationsgraph.ingest.facts import Fact
from integrationsgraph.ingest.naming import fact_iris
from integrationsgraph.review.dating import parse_date

_EVENTS = {"ig:Establishment", "ig:Constitution", "ig:Reconstitution", "ig:Merger", "ig:ChangeEvent"}


def _date(value: dict | None) -> PartialDate | None:
    try:
        return parse_date(value, "") if value else None
    except UsageError:
        return None  # the save reports the bad date itself


def _as_fact(item: dict) -> Fact | None:
    """The card as the ingestion's Fact, for the kinds its naming rules cover."""
    values: dict[str, str] = {}
    for entry in item.get("fields", []):
        values.setdefault(entry["predicate"], entry["value"].get("iri") or entry["value"].get("literal", ""))
    classes = set(item.get("classes", []))
    time = item.get("time") or {}
    start, end = _date(time.get("begins")), _date(time.get("ends"))
    local = lambda name: values.get(name, "").split(":", 1)[-1] or None  # noqa: E731
    if "ig:Holding" in classes:
        member = values.get("org:member", "")
        if values.get("org:role") == "igc:chair" and member.startswith("land:"):
            body = values.get("org:organization")
            return Fact("chair_tenure", body=body, holder=member, start=start, end=end)
        return Fact("office_holding", person=member or None, office=values.get("ig:post"), start=start)
    if "ig:Meeting" in classes:
        ordinal = values.get("ig:ordinal", "")
        return Fact("meeting", body=values.get("ig:meetingOf"), type=local("ig:meetingType") or "meeting",
                    ordinal=int(ordinal) if ordinal.isdigit() else None, start=start)  # fmt: skip
    if classes & _EVENTS:
        kind = sorted(classes & _EVENTS)[0].split(":", 1)[1]
        return Fact("body_event", body=values.get("org:resultingOrganization"), type=kind, start=start)
    if "ig:PlanAdoption" in classes:
        return Fact("plan_adoption", plan=values.get("ig:adoptedPlan"), start=start)
    return None


def suggest_iri(item: dict, taken: set[str]) -> str:
    """A fact IRI for a card without one, not among `taken`."""
    fact = _as_fact(item)
    if fact is not None:
        base = fact_iris([fact])[0]
    else:
        links = [
            v.split(":", 1)[1] for f in item.get("fields", []) if ":" in (v := f["value"].get("iri", ""))
        ]
        kind = (item.get("classes") or ["ig:Fact"])[0].split(":", 1)[1].lower()
        base = "event:" + "-".join([*links[:2], kind])
    iri, number = base, 2
    while iri in taken:
        iri, number = f"{base}-{number}", number + 1
    return iri
