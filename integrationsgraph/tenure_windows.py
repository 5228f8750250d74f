"""A holding's resolved tenure as the pages and exports read it (docs/tenures.md).

The build derives the four bounds once (`ig:resolvedTenure` in graph:inferred); this module only reads
them and applies the one reading the named queries apply too (`chair-at`, `holders-of`): the end is the
hand-over day, exclusive; a day D is *certain* when latestBeginning <= D < earliestEnd, *possible* when
only earliestBeginning <= D < latestEnd holds (a missing bound does not limit); shown as days, `until` is
the last day held (the hand-over day minus one). The timeline pages and the GEXF/GraphML intervals use
these functions, so they agree with the queries on every date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal, Protocol

import pyoxigraph as ox

from integrationsgraph.iris import iri_ref
from integrationsgraph.namespaces import sparql_prologue

BATCH = 300
ONE_DAY = timedelta(days=1)
Status = Literal["certain", "possible"]

TENURES = (
    sparql_prologue()
    + """SELECT ?holding ?eb ?lb ?ee ?le ?contested ?rival WHERE {{ VALUES ?holding {{ {values} }}
  ?holding ig:resolvedTenure ?t .
  OPTIONAL {{ ?t ig:earliestBeginning ?eb }} OPTIONAL {{ ?t ig:latestBeginning ?lb }}
  OPTIONAL {{ ?t ig:earliestEnd ?ee }} OPTIONAL {{ ?t ig:latestEnd ?le }}
  OPTIONAL {{ ?t ig:contested ?contested }} OPTIONAL {{ ?holding ig:contestedWith ?rival }} }}"""
)


class Querier(Protocol):
    """The server's backend contract: `await backend.query(text)` with `.rows()`."""

    async def query(self, text: str) -> Any: ...


@dataclass(frozen=True)
class Tenure:
    """The four bounds (None: unknown); ends are hand-over days (exclusive)."""

    earliest_beginning: date | None = None
    latest_beginning: date | None = None
    earliest_end: date | None = None
    latest_end: date | None = None
    contested: bool = False

    @property
    def certain(self) -> tuple[date, date] | None:
        """The sure part [from, hand-over) or None when no day is sure."""
        begin, end = self.latest_beginning, self.earliest_end
        if begin is None or end is None or begin >= end:
            return None
        return begin, end

    def status_on(self, day: date) -> Status | None:
        """Whether the holding is certain, possible or not held on `day`."""
        if self.earliest_beginning is not None and day < self.earliest_beginning:
            return None
        if self.latest_end is not None and day >= self.latest_end:
            return None
        certain = self.certain
        return "certain" if certain and certain[0] <= day < certain[1] else "possible"

    def days(self) -> dict[str, date | None]:
        """The bounds as days a reader sees: from, and `until` = the last day held (inclusive)."""
        certain = self.certain
        return {
            "certain_from": certain[0] if certain else None,
            "certain_until": certain[1] - ONE_DAY if certain else None,
            "possible_from": self.earliest_beginning,
            "possible_until": self.latest_end - ONE_DAY if self.latest_end else None,
        }


def _day(term: ox.Literal | None) -> date | None:
    return date.fromisoformat(term.value) if term is not None else None


async def read_tenures(backend: Querier, holdings: set[str]) -> dict[str, Tenure]:
    """The resolved tenure of each holding that has one (by holding IRI)."""
    found: dict[str, Tenure] = {}
    ordered = sorted(holdings)
    for start in range(0, len(ordered), BATCH):
        values = " ".join(iri_ref(iri) for iri in ordered[start : start + BATCH])
        for row in (await backend.query(TENURES.format(values=values))).rows():
            holding = row["holding"].value
            contested = row.get("contested")
            tenure = Tenure(
                _day(row.get("eb")),
                _day(row.get("lb")),
                _day(row.get("ee")),
                _day(row.get("le")),
                (contested is not None and contested.value == "true") or "rival" in row,
            )
            if holding not in found or tenure.contested:
                found[holding] = tenure
    return found
