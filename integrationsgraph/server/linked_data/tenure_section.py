"""The resolved tenure on a holding's page: its days as the named queries give them (certain and
possible, `until` the last day held) and, for every bound the build derived, the rule, the facts it
rests on and the words of the sources that state those facts (docs/tenures.md)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pyoxigraph as ox

from integrationsgraph.iris import iri_ref
from integrationsgraph.namespaces import sparql_prologue
from integrationsgraph.server.linked_data.links import Linker
from integrationsgraph.server.linked_data.resource_data import labels_of
from integrationsgraph.server.linked_data.sparql_helpers import select
from integrationsgraph.sparql.backends import Backend
from integrationsgraph.tenure_windows import ONE_DAY, read_tenures

IG = "https://w3id.org/integrationsgraph/def#"
PROLOGUE = sparql_prologue()
DERIVATIONS = (
    PROLOGUE
    + """SELECT DISTINCT ?bound ?value ?rule ?fact WHERE {{
  {holding} ig:resolvedTenure/ig:boundDerivation ?d .
  ?d ig:bound ?bound ; ig:boundValue ?value ; prov:wasGeneratedBy ?rule .
  OPTIONAL {{ ?d prov:wasDerivedFrom ?fact }} }}"""
)
SPANS = (
    PROLOGUE
    + """SELECT DISTINCT ?bound ?exact ?prefix ?suffix ?file WHERE {{
  {holding} ig:resolvedTenure/ig:boundDerivation ?d .
  ?d ig:bound ?bound ; ig:evidence ?evidence .
  ?evidence oa:hasSelector ?quote . ?quote oa:exact ?exact .
  OPTIONAL {{ ?quote oa:prefix ?prefix }} OPTIONAL {{ ?quote oa:suffix ?suffix }}
  OPTIONAL {{ ?evidence oa:hasSource/ig:fileName ?file }} }}"""
)
# the order a reader thinks in: when it began (earliest, latest), when it was handed over
BOUNDS = ("earliestBeginning", "latestBeginning", "earliestEnd", "latestEnd")


async def tenure_section(backend: Backend, linker: Linker, holding: str) -> dict | None:
    """What the page shows of a holding's resolved tenure; None when the build resolved none."""
    tenure = (await read_tenures(backend, {holding})).get(holding)
    if tenure is None:
        return None
    ref = iri_ref(holding)
    derivations = await select(backend, DERIVATIONS.format(holding=ref))
    spans = await select(backend, SPANS.format(holding=ref))
    named = {row["rule"].value for row in derivations} | {row["bound"].value for row in derivations}
    named |= {row["fact"].value for row in derivations if isinstance(row.get("fact"), ox.NamedNode)}
    labels = await labels_of(backend, named, linker.base)
    by_bound: dict[str, dict] = {}
    for row in derivations:
        bound = row["bound"].value
        entry = by_bound.setdefault(bound, _entry(linker, labels, row))
        fact = row.get("fact")
        if isinstance(fact, ox.NamedNode) and all(f.iri != fact.value for f in entry["facts"]):
            entry["facts"].append(linker.value(fact, labels))
    quotes: dict[str, list[dict]] = defaultdict(list)
    for row in spans:
        quotes[row["bound"].value].append(
            {name: row[name].value if name in row else "" for name in ("exact", "prefix", "suffix", "file")}
        )
    for bound, entry in by_bound.items():
        entry["spans"] = sorted(quotes.get(bound, []), key=lambda span: (span["file"], span["exact"]))
        entry["facts"].sort(key=lambda value: value.text)
    order = {IG + name: index for index, name in enumerate(BOUNDS)}
    return {
        "days": {name: day.isoformat() if day else None for name, day in tenure.days().items()},
        "contested": tenure.contested,
        "bounds": sorted(by_bound.values(), key=lambda entry: order.get(entry["bound"].iri, len(order))),
    }


def _entry(linker: Linker, labels: dict[str, dict[str, str]], row: dict) -> dict:
    day = date.fromisoformat(row["value"].value)
    is_end = row["bound"].value.endswith("End")
    return {
        "bound": linker.value(row["bound"], labels),
        "day": day.isoformat(),
        "last_day": (day - ONE_DAY).isoformat() if is_end else None,  # an end is the hand-over day
        "rule": linker.value(row["rule"], labels),
        "facts": [],
    }
