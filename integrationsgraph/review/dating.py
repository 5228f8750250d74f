"""A date as the curator types it on a card (`2031`, `2031-10`, `2031-10-01`, a method, a note), read
into the ingestion's PartialDate, which knows its EDTF form and its earliest and latest days. A trailing
`?` (EDTF's "uncertain": `2023-07-01?`, a day resolved from context) is kept for the instant's `ig:edtf`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from integrationsgraph.errors import UsageError
from integrationsgraph.ingest.dates import STATED, PartialDate

_EDTF = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(\?)?$")


@dataclass(frozen=True)
class CardDate(PartialDate):
    """A PartialDate that may be marked uncertain; its IRI and OWL-Time value stay without the `?`."""

    uncertain: bool = False

    @property
    def edtf_qualified(self) -> str:
        return self.edtf + ("?" if self.uncertain else "")


def parse_date(value: dict, where: str) -> CardDate:
    edtf = str(value.get("edtf", "")).strip()
    match = _EDTF.match(edtf)
    if not match:
        raise UsageError(f"{where}: date {edtf!r} is not YYYY, YYYY-MM or YYYY-MM-DD (with ? if uncertain)")
    method = str(value.get("method") or STATED).removeprefix("igc:")
    note = str(value.get("note") or "").strip()
    if method != STATED and not note:
        raise UsageError(
            f"{where}: a date that is not stated ({method}) needs a note saying how it was reached"
        )
    year, month, day = (int(part) if part else None for part in match.groups()[:3])
    value = CardDate(year, month, day, method, note, uncertain=match.group(4) is not None)
    try:
        _bounds = (value.earliest, value.latest)  # computing them checks the calendar
    except ValueError as error:
        raise UsageError(f"{where}: date {edtf!r} is not a calendar day: {error}") from error
    return value
