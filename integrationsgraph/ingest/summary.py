"""The JSON summary of one ingested document: one object per fact, validated against
`summary.schema.json` (shipped with the package)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

import jsonschema

from integrationsgraph.errors import DataNonConformant, Problem
from integrationsgraph.ingest.facts import Fact
from integrationsgraph.ingest.naming import fact_iris
from integrationsgraph.ingest.recognition import Ingested


@cache
def summary_schema() -> dict:
    return json.loads(
        resources.files(__package__).joinpath("summary.schema.json").read_text(encoding="utf-8")
    )


@cache
def _validator() -> jsonschema.Draft202012Validator:
    """The schema checked once, its validator reused (checking the schema is most of the cost)."""
    schema = summary_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def summarise(ingested: Ingested) -> list[dict]:
    """The summary objects of the facts of `ingested`, in the order the draft writes them."""
    proposed = set(ingested.proposals.proposed)
    body = ingested.document.body
    return [
        _fact_summary(fact, iri, ingested.stem, body, proposed)
        for fact, iri in zip(ingested.facts, fact_iris(ingested.facts), strict=True)
    ]


def _fact_summary(fact: Fact, iri: str, stem: str, body: str, proposed: set[str]) -> dict:
    spans = [{"start": s, "end": e, "exact": body[s:e]} for s, e in fact.spans]
    names = [fact.body, fact.holder, fact.person, fact.office, fact.place, fact.plan, *fact.originals]
    methods = {k: v.method for k, v in (("start", fact.start), ("end", fact.end)) if v is not None}
    return {
        "kind": fact.kind,
        "body": fact.body,
        "holder": fact.holder,
        "person": fact.person,
        "office": fact.office,
        "ordinal": fact.ordinal,
        "start": fact.start.edtf if fact.start else None,
        "end": fact.end.edtf if fact.end else None,
        "place": fact.place,
        "status": fact.status,
        "evidence": spans[0],
        "more_evidence": spans[1:],
        "confidence": round(fact.confidence, 2),
        "iri": iri,
        "source": stem,
        "type": fact.type,
        "role": fact.role,
        "motto": fact.motto,
        "plan": fact.plan,
        "originals": fact.originals,
        "date_methods": methods,
        "proposed": sorted({name for name in names if name in proposed}),
        **{flag: True for flag in ("cancelled", "online", "acting") if getattr(fact, flag)},
    }


def validate_summary(summary: list[dict], where: str) -> None:
    """Raises DataNonConformant naming the path of the first schema violation."""
    error = jsonschema.exceptions.best_match(_validator().iter_errors(summary))
    if error is not None:
        path = "/".join(str(part) for part in error.absolute_path)
        raise DataNonConformant([Problem("summary-schema", error.message, file=where, path=path)])
