"""Evidence selectors: find a span in a source text and write its Web Annotation selectors as Turtle.

Offsets count Python `str` characters (Unicode code points) into `SourceText.body`, the text after the
`---` line, as the ontology contract says. The Turtle follows the contract's evidence form exactly:
`evidence:<stem>-<start>-<end>` with a `-quote` and a `-position` selector, no blank nodes.
"""

from __future__ import annotations

from dataclasses import dataclass

from integrationsgraph.errors import InputError, UsageError
from integrationsgraph.sources import SourceText

CONTEXT_LENGTH = 32

# Only the prefixes the evidence Turtle uses, for callers that want a standalone document.
EVIDENCE_PREFIXES = {
    "ig": "https://w3id.org/integrationsgraph/def#",
    "oa": "http://www.w3.org/ns/oa#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "source": "https://w3id.org/integrationsgraph/id/source/",
    "evidence": "https://w3id.org/integrationsgraph/id/evidence/",
}

_TURTLE_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


@dataclass(frozen=True)
class Selector:
    """Where a span sits in a source body: half-open offsets [start, end) and its context."""

    stem: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str

    @property
    def local_name(self) -> str:
        """The evidence node's local name under the `evidence:` prefix."""
        return f"{self.stem}-{self.start}-{self.end}"


def locate(source: SourceText, exact: str, occurrence: int = 1) -> Selector:
    """The selector of the `occurrence`-th (1-based) appearance of `exact` in `source.body`.

    Occurrences are counted at every start position, so overlapping matches count too.
    Raises UsageError for an empty span or an occurrence below 1, and InputError naming the file and
    the span when the span is absent or occurs fewer than `occurrence` times.
    """
    if not exact:
        raise UsageError(f"{source.file_name}: the span to locate is empty")
    if occurrence < 1:
        raise UsageError(f"{source.file_name}: occurrence must be 1 or more, not {occurrence}")
    body = source.body
    start = -1
    found = 0
    while found < occurrence:
        start = body.find(exact, start + 1)
        if start < 0:
            break
        found += 1
    if start < 0:
        if found == 0:
            raise InputError(f"{source.file_name}: span {exact!r} does not occur in the text")
        raise InputError(
            f"{source.file_name}: span {exact!r} occurs {found} time(s), occurrence {occurrence} requested"
        )
    return selector_at(source, start, start + len(exact))


def selector_at(source: SourceText, start: int, end: int) -> Selector:
    """The selector of the span [start, end) of `source.body` (a curator's selection on the review page);
    UsageError when it is empty or outside the text."""
    body = source.body
    if not 0 <= start < end <= len(body):
        raise UsageError(
            f"{source.file_name}: {start}..{end} is not a span of the text ({len(body)} characters)"
        )
    return Selector(
        stem=source.stem,
        start=start,
        end=end,
        exact=body[start:end],
        prefix=body[max(0, start - CONTEXT_LENGTH) : start],
        suffix=body[end : end + CONTEXT_LENGTH],
    )


def turtle_string(text: str) -> str:
    """`text` as a double-quoted Turtle string literal, with quotes, backslashes and controls escaped."""
    escaped = "".join(_TURTLE_ESCAPES.get(char, char) for char in text)
    escaped = "".join(
        f"\\u{ord(char):04X}" if ord(char) < 0x20 or ord(char) == 0x7F else char for char in escaped
    )
    return f'"{escaped}"'


def selector_turtle(selector: Selector) -> str:
    """The Turtle statements of the evidence node and its two selectors (no prefix lines)."""
    node = f"evidence:{selector.local_name}"
    offset = "^^xsd:nonNegativeInteger"
    return (
        f"{node} a ig:Evidence ;\n"
        f"    oa:hasSource source:{selector.stem} ;\n"
        f"    oa:hasSelector {node}-quote , {node}-position .\n"
        f"{node}-quote a oa:TextQuoteSelector ;\n"
        f"    oa:exact {turtle_string(selector.exact)} ;\n"
        f"    oa:prefix {turtle_string(selector.prefix)} ;\n"
        f"    oa:suffix {turtle_string(selector.suffix)} .\n"
        f"{node}-position a oa:TextPositionSelector ;\n"
        f'    oa:start "{selector.start}"{offset} ;\n'
        f'    oa:end "{selector.end}"{offset} .\n'
    )


def evidence_turtle(source: SourceText, exact: str, occurrence: int = 1) -> str:
    """The Turtle of the evidence for `exact` in `source`; raises as `locate` does."""
    return selector_turtle(locate(source, exact, occurrence))


def prefix_lines() -> str:
    """`@prefix` lines for the prefixes the evidence Turtle uses."""
    return "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in EVIDENCE_PREFIXES.items())
