"""Find `$name` parameter tokens in SPARQL text, skipping strings, IRIs and comments.

A small scanner, not a parser: it knows just enough of the SPARQL grammar to tell a variable from the
same characters inside a literal (`"costs $5"`), an IRI (`<http://x/$y>`) or a comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# IRIREF of the SPARQL grammar; a `<` that does not start one is the less-than operator.
_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_VARIABLE = re.compile(r"([?$])([A-Za-z0-9_]+)")
_LONG_QUOTES = ('"""', "'''")


@dataclass(frozen=True)
class VariableToken:
    """One `$name` or `?name` in the text: sigil, name and where it stands (`text[start:end]`)."""

    sigil: str
    name: str
    start: int
    end: int


def _string_end(text: str, start: int) -> int:
    """The index just past the string literal that opens at `start`."""
    quote = text[start : start + 3] if text[start : start + 3] in _LONG_QUOTES else text[start]
    position = start + len(quote)
    while position < len(text):
        if text[position] == "\\":
            position += 2
            continue
        if text.startswith(quote, position):
            return position + len(quote)
        if len(quote) == 1 and text[position] == "\n":
            return position  # unterminated short string: the SPARQL parser will report it
        position += 1
    return len(text)


def variable_tokens(text: str) -> list[VariableToken]:
    """Every `$name` and `?name` outside string literals, IRIs and comments, in order."""
    tokens: list[VariableToken] = []
    position = 0
    while position < len(text):
        char = text[position]
        if char in "\"'":
            position = _string_end(text, position)
        elif char == "#":
            newline = text.find("\n", position)
            position = len(text) if newline < 0 else newline
        elif char == "<" and (iri := _IRIREF.match(text, position)):
            position = iri.end()
        elif char in "?$" and (variable := _VARIABLE.match(text, position)):
            tokens.append(VariableToken(char, variable.group(2), variable.start(), variable.end()))
            position = variable.end()
        else:
            position += 1
    return tokens


def parameter_tokens(text: str) -> list[VariableToken]:
    """The `$name` tokens: our convention marks parameters with `$` and other variables with `?`."""
    return [token for token in variable_tokens(text) if token.sigil == "$"]


def substitute(text: str, rendered: dict[str, str]) -> str:
    """Replace each `$name` token whose name is in `rendered`; other tokens stay as they are."""
    pieces: list[str] = []
    last = 0
    for token in parameter_tokens(text):
        if token.name in rendered:
            pieces.append(text[last : token.start])
            pieces.append(rendered[token.name])
            last = token.end
    pieces.append(text[last:])
    return "".join(pieces)
