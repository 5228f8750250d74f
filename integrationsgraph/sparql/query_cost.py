"""A query's cost judged from its text before it runs, for the one shape that is expensive on any graph.

pyoxigraph gives no cost estimate, and the pool (`pool.py`) mostly judges clients by what their queries
did. That leaves one gap: a client without a history may put its first query on the cheap lane, and a
cross product holds it for `cheap_seconds` before it is moved off (at a cold start, one such wait per
expensive client). This module closes the gap for cross products of full scans, whose cost needs no
statistics: a group of triple patterns in which two triple patterns made only of variables
(`?a ?b ?c`, each matching every triple) are joined by no variable, directly or through the group's other
patterns, has at least |graph|² solutions. Such a query never starts on the cheap lane.

The judgement is deliberately narrow, so it needs no full parser (rdflib's takes seconds on the named
queries) and costs a linear scan: only groups that are plain triple patterns (terms, `.`, `;`, `,`) are
judged, and any other syntax in a group (FILTER, OPTIONAL, paths, `[ ]`, nested groups) leaves that group
unjudged; texts over `MAX_JUDGED_CHARACTERS` are not judged. A misjudgement costs no safety, only a lane:
a cross product this misses is stopped on the cheap lane after `cheap_seconds` as before, and a query
wrongly judged expensive (a cross product with LIMIT and no ORDER BY, which pyoxigraph answers lazily)
waits for a general worker.
"""

from __future__ import annotations

import re

# Cross products are short to write; a long text is left to the cheap lane's time limit.
MAX_JUDGED_CHARACTERS = 10_000

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
               |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<variable>[?$]\w+)
  | (?P<suffix>\^\^|@[A-Za-z][A-Za-z0-9-]*)
  | (?P<name>(?:[A-Za-z_][\w.-]*)?:(?:[\w:%-]|\\.|\.(?=[\w:%-]))*|[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\w+)
  | (?P<open>\{)
  | (?P<close>\})
  | (?P<punctuation>[.;,])
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


_KEYWORD = re.compile(r"[A-Za-z_]\w*")


class _Group:
    """The direct content of one `{ … }`: its triple patterns while it is plain, and the parse state."""

    def __init__(self) -> None:
        self.plain = True
        self.patterns: list[
            tuple[str | None, str | None, str | None]
        ] = []  # variable names, None: a constant
        self.terms: list[str | None] = []  # the pattern being read
        self.expect = "subject"  # subject, predicate, object, after-object, after-semicolon

    def term(self, variable: str | None) -> None:
        if self.expect in ("subject", "predicate", "after-semicolon"):
            if self.expect == "subject":
                self.terms = [variable]
            else:
                self.terms = [*self.terms[:1], variable]
            self.expect = "predicate" if self.expect == "subject" else "object"
        elif self.expect == "object":
            subject, predicate = self.terms[:2]
            self.patterns.append((subject, predicate, variable))
            self.expect = "after-object"
        else:
            self.plain = False  # two terms in a row where a separator belongs: not plain patterns

    def separator(self, mark: str) -> None:
        if mark == "," and self.expect == "after-object":
            self.expect = "object"
        elif mark == ";" and self.expect in ("after-object", "after-semicolon"):
            self.expect = "after-semicolon"
        elif mark == "." and self.expect in ("after-object", "after-semicolon"):
            self.expect = "subject"
        else:
            self.plain = False

    def is_cross_product_of_full_scans(self) -> bool:
        if not self.plain or self.expect not in ("subject", "after-object", "after-semicolon"):
            return False
        return len(_components_with_full_scans(self.patterns)) >= 2


def _components_with_full_scans(patterns: list[tuple[str | None, str | None, str | None]]) -> set[str]:
    """The joined parts (by shared variables) of `patterns` that contain a pattern of three variables."""
    parent: dict[str, str] = {}

    def root(name: str) -> str:
        while parent.setdefault(name, name) != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    for pattern in patterns:
        names = [name for name in pattern if name is not None]
        for name in names[1:]:
            parent[root(name)] = root(names[0])
        if names:
            root(names[0])
    return {root(pattern[0]) for pattern in patterns if None not in pattern}


def is_cross_product_of_full_scans(text: str) -> bool:
    """True when a plain group of the query joins two full scans by no variable (see the module)."""
    if len(text) > MAX_JUDGED_CHARACTERS:
        return False
    stack: list[_Group] = []
    after_suffix = False  # `^^` is followed by its datatype, which belongs to the literal before it
    for match in _TOKEN.finditer(text):
        kind, value = match.lastgroup, match.group()
        if kind in ("space", "comment"):
            continue
        if kind == "open":
            if stack:
                stack[-1].plain = False  # a nested group: the outer one is not plain patterns
            stack.append(_Group())
            continue
        if kind == "close":
            if stack and stack.pop().is_cross_product_of_full_scans():
                return True
            continue
        if not stack:
            continue  # outside every group: the prologue, the projection, solution modifiers
        group = stack[-1]
        if after_suffix:
            after_suffix = False
            if kind in ("iri", "name"):
                continue
            group.plain = False
        if kind == "suffix":
            after_suffix = value == "^^"
        elif kind == "variable":
            group.term(value[1:])
        elif kind == "name" and value.startswith("_:"):
            group.term(value)  # a blank node joins patterns like a variable
        elif kind == "name" and _KEYWORD.fullmatch(value) and value != "a":
            group.plain = False  # a keyword (FILTER, OPTIONAL, BIND, GRAPH, UNION, true, ...)
        elif kind in ("iri", "string", "name"):
            group.term(None)  # a constant
        elif kind == "punctuation":
            group.separator(value)
        else:
            group.plain = False
    return False
