"""The one exception hierarchy of the project, and the exit codes the CLI maps it to.

Exit codes (documented in the README):
    0  success
    1  the data does not conform (SHACL violations, violation queries with rows, evidence not found)
    2  usage or input error (bad arguments, unreadable or unparsable files, unknown names)
    3  answered, but a row or byte limit cut the answer (`query`, `sparql`, `find`): the rows printed are
       the first ones, and the output says so
"""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0
EXIT_NONCONFORMANT = 1
EXIT_USAGE = 2
EXIT_TRUNCATED = 3


class IntegrationsgraphError(Exception):
    """Base of every error this package raises on purpose."""

    exit_code = EXIT_USAGE


class UsageError(IntegrationsgraphError):
    """A command line, parameter or setting is wrong; the message names it."""


class InputError(IntegrationsgraphError):
    """An input file cannot be read or parsed; the message names file, line and column."""


@dataclass(frozen=True)
class Problem:
    """One finding that makes the data non-conformant, located as precisely as known."""

    check: str
    message: str
    file: str | None = None
    focus: str | None = None
    path: str | None = None

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                self.file,
                f"focus {self.focus}" if self.focus else None,
                f"path {self.path}" if self.path else None,
            )
            if part
        )
        return f"[{self.check}] {where}: {self.message}" if where else f"[{self.check}] {self.message}"


class DataNonConformant(IntegrationsgraphError):
    """The data parsed but breaks a shape, a violation query or an evidence check."""

    exit_code = EXIT_NONCONFORMANT

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"  {problem}" for problem in problems)
        super().__init__(f"{len(problems)} problem(s) in the data:\n{lines}")


class QueryError(IntegrationsgraphError):
    """A SPARQL query cannot be parsed or evaluated; the message quotes the parser."""
