"""Refusing federation (`SERVICE` in queries and updates, `LOAD` in updates): the friendly first line.

pyoxigraph evaluates `SERVICE` clauses by making HTTP requests from the server, with no switch to turn
that off. What actually stops a fetch is the query workers' sandbox (`sandbox.py`: they cannot create a
socket). This guard comes first so that a client is told plainly, with a 400, that federation is off.

It decides by parsing with rdflib's SPARQL parser, which also expands `\\u` escapes, never by scanning
tokens: a query that could contain a `SERVICE` clause (the letters "service" appear once escapes are
expanded) is let through only when rdflib parses it completely and finds no `SERVICE` in it. Anything it
cannot read is refused: syntax rdflib lacks (`LATERAL`, triple terms), a bad escape, more than
`MAX_CHARACTERS` characters, brackets nested deeper than `MAX_DEPTH`, or a parse that takes longer than
`PARSE_SECONDS` (rdflib needs about 2 ms per character of some expressions). A query without those
letters cannot name `SERVICE` and costs nothing. The query workers run this before evaluating
(`evaluation.evaluate`), inside the query's deadline and its place in the queue, not on the event loop.
rdflib's parser is imported on first use: it adds half a second to every worker's start, and most
queries never need it.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterator

from integrationsgraph.errors import QueryError
from integrationsgraph.sparql.time_budget import BudgetExceeded, time_budget

TITLE = "Federated query refused"
MAX_CHARACTERS = 20_000
MAX_DEPTH = 64
PARSE_SECONDS = 2.0

_OPENING, _CLOSING = frozenset("{(["), frozenset("})]")
_ESCAPE = re.compile(r"\\[uU]")
# rdflib's parser (pyparsing) must not run in two threads at once: its parse actions learn how many
# arguments they take on first use, and two first uses at once leave them broken (TypeError on every
# later parse). A query worker parses on one thread; the in-process backends and the update check
# (`protocol.py`) share this lock, through `rdflib_parsing`.
_PARSING = threading.Lock()


@contextlib.contextmanager
def rdflib_parsing(seconds: float = PARSE_SECONDS) -> Iterator[None]:
    """Hold rdflib's SPARQL parser (one thread at a time) for at most `seconds`: every in-process parse
    goes through this. Catch `BudgetExceeded` around the whole `with` statement (see `time_budget`)."""
    with _PARSING, time_budget(seconds):
        yield


class FederationRefused(QueryError):
    """The query (or update) could fetch from another address, or cannot be checked; answered 400."""

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


def _refusal(what: str) -> FederationRefused:
    return FederationRefused(
        f"Federation is disabled on this endpoint: it does not run {what}, which would make the server "
        "fetch data from other addresses."
    )


def _unchecked(reason: str, advice: str = "") -> FederationRefused:
    advice = advice or "Leave out the word 'service' (in comments and literals too) or simplify the query."
    return FederationRefused(
        "Federation is disabled on this endpoint, and this query cannot be checked for a SERVICE clause: "
        f"{reason}. {advice}"
    )


def might_name_service(text: str) -> bool:
    """A cheap pre-check: False means the query certainly has no SERVICE clause (no parse needed)."""
    return "service" in text.lower() or _ESCAPE.search(text) is not None


def nesting_depth(text: str) -> int:
    """The deepest nesting of brackets, counting every one (also in strings: that only over-counts)."""
    depth = deepest = 0
    for character in text:
        if character in _OPENING:
            depth += 1
            deepest = max(deepest, depth)
        elif character in _CLOSING:
            depth -= 1
    return deepest


def refuse_federated_query(text: str) -> None:
    """Raise FederationRefused when the query has a SERVICE clause or could have one unseen."""
    if not might_name_service(text):
        return
    from pyparsing.exceptions import ParseBaseException  # noqa: PLC0415  (see the module docstring)
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes, parseQuery  # noqa: PLC0415

    try:
        expanded = expandUnicodeEscapes(text)
    except ValueError as error:  # \U00110000 and the like: not a character
        raise _unchecked(f"it has an escape sequence that is not a character ({error})", "Fix it.") from None
    if "service" not in expanded.lower():
        return
    if len(expanded) > MAX_CHARACTERS:
        raise _unchecked(f"it mentions 'service' and has {len(expanded)} characters, over {MAX_CHARACTERS}")
    depth = nesting_depth(expanded)
    if depth > MAX_DEPTH:
        raise _unchecked(f"it mentions 'service' and nests brackets {depth} deep, over {MAX_DEPTH}")
    try:
        with rdflib_parsing():
            has_service = _has_node(parseQuery(text), frozenset({"ServiceGraphPattern"}))
    except BudgetExceeded:
        raise _unchecked(f"it mentions 'service' and takes over {PARSE_SECONDS:g} s to read") from None
    except (ParseBaseException, RecursionError, ValueError) as error:
        reason = f"it mentions 'service' and uses syntax the check cannot read ({_first_line(error)})"
        raise _unchecked(reason) from None
    if has_service:
        raise _refusal("SERVICE clauses")


def refuse_remote_update(parsed_update) -> None:
    """Raise FederationRefused when a parsed update (rdflib's `parseUpdate`) has LOAD or SERVICE."""
    if _has_node(parsed_update, frozenset({"Load"})):
        raise _refusal("LOAD")
    if _has_node(parsed_update, frozenset({"ServiceGraphPattern"})):
        raise _refusal("SERVICE clauses")


def _has_node(node, names: frozenset[str]) -> bool:
    from pyparsing import ParseResults  # noqa: PLC0415  (see the module docstring)
    from rdflib.plugins.sparql.parserutils import CompValue  # noqa: PLC0415

    if isinstance(node, CompValue):
        return node.name in names or any(_has_node(value, names) for value in node.values())
    if isinstance(node, list | tuple | ParseResults):
        return any(_has_node(item, names) for item in node)
    return False


def _first_line(error: BaseException) -> str:
    if isinstance(error, RecursionError):
        return "nesting too deep for its parser"
    return str(error).splitlines()[0] if str(error) else type(error).__name__
