"""One synthetic press release: its text, its source node, and the facts it states with evidence.

A story appends sentences and facts in reading order; each evidence sentence's offsets into the body
(the text after the `---` line) are known as it is appended, its prefix and suffix once the text is done.
"""

from __future__ import annotations

import hashlib
import random
from calendar import monthrange
from dataclasses import dataclass
from datetime import date

from bench.synthetic import prose
from bench.synthetic.turtle import Block, lang, offset, plain, typed
from bench.synthetic.turtle import date as date_literal

CONTEXT_LENGTH = 32


@dataclass(frozen=True)
class Head:
    """What a release says about itself: when and where it was issued, by whom, under which title."""

    issued: date
    city: str
    publisher: str
    title: str


@dataclass(frozen=True)
class Span:
    start: int
    end: int


class Release:
    def __init__(self, stem: str, head: Head, rng: random.Random) -> None:
        self.stem = stem
        self.head = head
        self.rng = rng
        self.source = f"source:{stem}"
        self.block = Block()
        self.facts = 0
        self._parts: list[str] = []
        self._length = 0
        self._paragraph_open = False
        self._spans: dict[Span, None] = {}
        self.date_as_stated = f"{head.city}, {prose.day_phrase(head.issued)}"
        self._append(f"\n## Pressemitteilung\n\n{self.date_as_stated}\n\n{head.title}\n\n")
        self.fill(2)

    # --- text ------------------------------------------------------------------------------------
    def _append(self, text: str) -> Span:
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        return Span(start, self._length)

    def paragraph(self) -> None:
        if self._paragraph_open:
            self._append("\n\n")
        self._paragraph_open = False

    def _sentence(self, sentence: str) -> Span:
        if self._paragraph_open:
            self._append(" ")
        self._paragraph_open = True
        return self._append(sentence)

    def fill(self, count: int) -> None:
        for sentence in prose.filler(self.rng, count):
            self._sentence(sentence)

    def say(self, sentence: str) -> Span:
        """Append an evidence sentence; its span is what facts cite."""
        span = self._sentence(sentence)
        self._spans[span] = None
        return span

    def tell(self, sentence: str) -> None:
        """Append a sentence no fact cites (context, the words around a plan's action fields)."""
        self._sentence(sentence)

    def quote(self, speaker: str) -> None:
        self._sentence(prose.quote_sentence(self.rng, speaker))

    # --- graph -----------------------------------------------------------------------------------
    def evidence(self, span: Span) -> str:
        return f"evidence:{self.stem}-{span.start}-{span.end}"

    def fact(self, node: str, classes: list[str], pairs: list[tuple[str, str]], spans: list[Span]) -> str:
        for cls in classes:
            self.block.add(node, "a", cls)
        self.block.add_all(node, pairs)
        self.block.add(node, "prov:wasDerivedFrom", self.source)
        for span in spans:
            self.block.add(node, "ig:evidence", self.evidence(span))
        self.facts += 1
        self.fill(self.rng.randint(1, 3))
        return node

    def add(self, subject: str, pairs: list[tuple[str, str]]) -> None:
        """Triples of this source that are not a fact node (a plan's action fields, an address link)."""
        self.block.add_all(subject, pairs)

    def instant(
        self, label: str, day: date, precision: str = "day", method: str = "stated", note: str | None = None
    ) -> str:
        """A `time:Instant` with its OWL-Time value, query bounds, EDTF and date method."""
        node = f"instant:{self.stem}-{label}"
        if precision == "day":
            value, earliest, latest, edtf = date_literal(day), day, day, day.isoformat()
        elif precision == "month":
            earliest = day.replace(day=1)
            latest = day.replace(day=monthrange(day.year, day.month)[1])
            edtf = f"{day.year:04d}-{day.month:02d}"
            value = typed(edtf, "gYearMonth")
        else:
            earliest, latest, edtf = date(day.year, 1, 1), date(day.year, 12, 31), f"{day.year:04d}"
            value = typed(edtf, "gYear")
        prop = {"day": "time:inXSDDate", "month": "time:inXSDgYearMonth", "year": "time:inXSDgYear"}[
            precision
        ]
        pairs = [
            ("a", "time:Instant"),
            (prop, value),
            ("ig:earliest", date_literal(earliest)),
            ("ig:latest", date_literal(latest)),
            ("ig:edtf", plain(edtf)),
            ("ig:dateMethod", f"igc:{method}"),
        ]
        if note:
            pairs.append(("ig:dateNote", lang(note)))
        self.block.add_all(node, pairs)
        return node

    def interval(self, label: str, beginning: str | None, end: str | None) -> str:
        node = f"interval:{self.stem}-{label}"
        self.block.add(node, "a", "time:ProperInterval")
        if beginning:
            self.block.add(node, "time:hasBeginning", beginning)
        if end:
            self.block.add(node, "time:hasEnd", end)
        return node

    # --- the finished release --------------------------------------------------------------------
    def finish(self) -> tuple[str, str]:
        """(the text file's content, the body's sha256) once the source node and evidence are added."""
        self.paragraph()
        self.fill(2)
        self._append("\n")
        body = "".join(self._parts)
        digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
        released = self.instant("release", self.head.issued)
        self.block.add_all(
            self.source,
            [
                ("a", "ig:Source"),
                ("dct:title", lang(self.head.title)),
                ("dct:issued", date_literal(self.head.issued)),
                ("dct:publisher", self.head.publisher),
                ("ig:fileName", plain(f"{self.stem}.txt")),
                ("ig:sha256", plain(digest)),
                ("ig:dateAsStated", plain(self.date_as_stated)),
                ("ig:corpus", plain("press")),
                ("ig:issuedAt", released),
            ],
        )
        for span in self._spans:
            self._add_evidence(body, span)
        header = (
            f"source: {self.stem}.txt (synthetic benchmark text)\n"
            f"date-as-stated: {self.date_as_stated}\n"
            "kind: synthetic press release\n"
            "excerpt-truncated: no\n---\n"
        )
        return header + body, digest

    def _add_evidence(self, body: str, span: Span) -> None:
        node = self.evidence(span)
        quote, position = f"{node}-quote", f"{node}-position"
        self.block.add_all(
            node,
            [
                ("a", "ig:Evidence"),
                ("oa:hasSource", self.source),
                ("oa:hasSelector", quote),
                ("oa:hasSelector", position),
            ],
        )
        self.block.add_all(
            quote,
            [
                ("a", "oa:TextQuoteSelector"),
                ("oa:exact", plain(body[span.start : span.end])),
                ("oa:prefix", plain(body[max(0, span.start - CONTEXT_LENGTH) : span.start])),
                ("oa:suffix", plain(body[span.end : span.end + CONTEXT_LENGTH])),
            ],
        )
        self.block.add_all(
            position,
            [
                ("a", "oa:TextPositionSelector"),
                ("oa:start", offset(span.start)),
                ("oa:end", offset(span.end)),
            ],
        )
