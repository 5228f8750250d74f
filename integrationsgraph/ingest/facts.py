"""The facts the recognizers find: one class for every kind, the fields of the JSON summary and more."""

from __future__ import annotations

from dataclasses import dataclass, field

from integrationsgraph.ingest.dates import PartialDate

KINDS = ("chair_tenure", "meeting", "office_holding", "body_event", "plan_adoption")
DAY_AFTER_STATED_LAST_DAY = "day-after-stated-last-day"


@dataclass
class Fact:
    """A claim of one document. Entity fields hold compact IRIs (`land:hessen`); spans are evidence.

    `type` is the meeting type or change-event class; `role` marks a chair tenure's place in a hand-over
    (`predecessor`, `successor`, `holder`); `originals` are a merger's merged bodies.
    """

    kind: str
    body: str | None = None
    holder: str | None = None
    person: str | None = None
    office: str | None = None
    ordinal: int | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    place: str | None = None
    status: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)
    confidence: float = 0.5
    type: str | None = None
    motto: str | None = None
    plan: str | None = None
    role: str | None = None
    explicit_type: bool = False  # the text named the meeting's type ("Vorkonferenz"), not a default
    originals: list[str] = field(default_factory=list)
    cancelled: bool = False  # a meeting called off ("abgesagt")
    online: bool = False  # a meeting held or moved online ("als Videokonferenz")
    specific: bool = False  # one meeting told of, no date or place ("gestern", "bei ihrer Konferenz")
    acting: bool = False  # an office held in an acting capacity ("kommissarisch")

    def add_span(self, start: int, end: int) -> None:
        if (start, end) not in self.spans:
            self.spans.append((start, end))
