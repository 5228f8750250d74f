"""An answer row that is better read as a sentence: chair-at's "no known holder", with the nearest
holders before and after the day (the query's `before`/`after` columns and their labels)."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from integrationsgraph.server.linked_data.links import Linker

NO_KNOWN_HOLDER = "no known holder"


@dataclass(frozen=True)
class Neighbour:
    text: str
    href: str | None


@dataclass(frozen=True)
class NoKnownHolder:
    before: Neighbour | None
    after: Neighbour | None


def _neighbour(row: dict, name: str, linker: Linker, labels: dict) -> Neighbour | None:
    term = row.get(name)
    if not isinstance(term, ox.NamedNode):
        return None
    label = row.get(f"{name}Label")
    text = label.value if isinstance(label, ox.Literal) else linker.label(term.value, labels)
    return Neighbour(text, linker.page_href(term.value))


def no_known_holder(
    variables: list[str], rows: list[tuple], linker: Linker, labels: dict
) -> NoKnownHolder | None:
    """The sentence's parts when the answer is one "no known holder" row, else None."""
    if "status" not in variables or len(rows) != 1:
        return None
    row = dict(zip(variables, rows[0], strict=True))
    status = row.get("status")
    if not isinstance(status, ox.Literal) or status.value != NO_KNOWN_HOLDER:
        return None
    return NoKnownHolder(_neighbour(row, "before", linker, labels), _neighbour(row, "after", linker, labels))
