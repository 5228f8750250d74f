"""Sentences of a press text, with their offsets into the body.

Press texts are hard-wrapped at about 80 characters and carry headlines and date lists without final
stops, so a line break ends a sentence only where the line is short or a blank line follows; a stop ends
one unless it follows a number ("18. IntMK", "1. Oktober") or a common abbreviation. Web excerpts glue
sentences together ("eingerichtet.Die Integration"): a stop right after a word and before a capitalised
word ends a sentence too, outside quotes (a motto "Menschen.Leben.Vielfalt.").

Why not SoMaJo (measured with `python -m bench.ingest_libraries` on the 131 texts of ../shared): it agrees
on 1629 of its 1644 sentence ends, but treats a line break inside a paragraph as a space, so it runs
headlines, datelines, list items and table rows into the next sentence (our rules find 1855 ends), and it
takes 10.4 s where these rules take 0.05 s, more than the whole ingestion's budget. Its one gain, glued
sentences, is the rule above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = {
    "dr", "prof", "st", "nr", "bzw", "ca", "vgl", "u.a", "z.b", "ggf", "inkl", "mr", "ua", "zb", "abs",
}  # fmt: skip
_STOP = re.compile(r"[.!?]+[“\"»']?(?=\s)")
_GLUED_STOP = re.compile(r"(?<=[a-zäöüß]{3})[.!?](?=[A-ZÄÖÜ][a-zäöüß]{2})")
WRAPPED_LINE = 45  # a line at least this long that ends without a stop was wrapped, not ended
# A line ending in one of these words goes on in the next line, however short it is.
_CONTINUING = {
    "in", "im", "am", "an", "auf", "der", "die", "das", "den", "dem", "des", "und", "oder", "mit", "von",
    "vom", "zu", "zum", "zur", "für", "bei", "nach", "aus", "über", "ein", "eine", "einer", "einen", "sowie",
}  # fmt: skip


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def sentences(body: str) -> list[Sentence]:
    """The sentences of `body`, in order, each with its [start, end) offsets; blank ones dropped."""
    cuts = sorted(set(_line_cuts(body)) | set(_stop_cuts(body)))
    found: list[Sentence] = []
    begin = 0
    for cut in [*cuts, len(body)]:
        if cut <= begin:
            continue
        found.extend(_trimmed(body, begin, cut))
        begin = cut
    return found


def _trimmed(body: str, start: int, end: int) -> list[Sentence]:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return [Sentence(start, end, body[start:end])] if end > start else []


def _line_cuts(body: str):
    position = 0
    lines = body.split("\n")
    # Text in paragraphs (long lines) breaks lines only between sentences or after headlines.
    wrapped = max((len(line) for line in lines), default=0) <= 100
    for index, line in enumerate(lines):
        position += len(line) + 1
        following = lines[index + 1] if index + 1 < len(lines) else ""
        stripped = line.rstrip()
        ends_clause = stripped.endswith((".", "!", "?", ":", "“", '"'))
        goes_on = bool(stripped) and stripped.split()[-1] in _CONTINUING and bool(following.strip())
        if goes_on:
            continue
        if not wrapped or not following.strip() or len(stripped) < WRAPPED_LINE or ends_clause:
            yield position - 1


def _stop_cuts(body: str):
    for match in _GLUED_STOP.finditer(body):
        line_start = body.rfind("\n", 0, match.start()) + 1
        line = body[line_start : match.start()]
        if line.count("„") + line.count("»") <= line.count("“") + line.count("«"):
            yield match.end()
    for match in _STOP.finditer(body):
        before = body[max(0, match.start() - 40) : match.start()]  # the word before: never the whole text
        word = re.search(r"([\w.]+)$", before)
        token = word.group(1).lower() if word else ""
        if token.isdigit() or token.rstrip(".") in _ABBREVIATIONS or len(token) == 1:
            continue
        following = body[match.end() : match.end() + 3].lstrip()
        if following[:1].islower():
            continue
        yield match.end()
