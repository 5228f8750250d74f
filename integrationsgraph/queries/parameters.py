"""A named query's parameters: their declaration, and rendering values as SPARQL terms, one function per
parameter type."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from integrationsgraph.errors import UsageError
from integrationsgraph.iris import is_http_iri
from integrationsgraph.namespaces import PREFIXES

XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"

_PREFIXED_NAME = re.compile(r"([A-Za-z][A-Za-z0-9_.-]*):([A-Za-z0-9_][A-Za-z0-9_.%-]*)")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_INTEGER = re.compile(r"[+-]?\d+")


@dataclass(frozen=True)
class Parameter:
    """One declared parameter: `type` is one of iri, date, integer, string."""

    name: str
    type: str
    example: str | None
    description: str
    optional: bool = False


def _iri(value: str) -> str:
    """`<iri>` from a full IRI (with or without angle brackets) or a prefixed name of ours."""
    candidate = value.strip()
    if candidate.startswith("<") and candidate.endswith(">"):
        candidate = candidate[1:-1]
    prefixed = _PREFIXED_NAME.fullmatch(candidate)
    if prefixed and prefixed.group(1) in PREFIXES:
        candidate = PREFIXES[prefixed.group(1)] + prefixed.group(2)
    if not is_http_iri(candidate):
        raise ValueError("not an absolute http(s) IRI nor a prefixed name with a known prefix")
    return f"<{candidate}>"


def _date(value: str) -> str:
    if not _DATE.fullmatch(value):
        raise ValueError("not a date written YYYY-MM-DD")
    datetime.date.fromisoformat(value)  # ValueError for a day that is not in the calendar
    return f'"{value}"^^<{XSD_DATE}>'


def _integer(value: str) -> str:
    if not _INTEGER.fullmatch(value.strip()):
        raise ValueError("not an integer")
    return str(int(value))


def _string(value: str) -> str:
    escaped = (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    return f'"{escaped}"'


_RENDERERS = {"iri": _iri, "date": _date, "integer": _integer, "string": _string}
PARAMETER_TYPES = tuple(_RENDERERS)


def render(parameter: Parameter, value: str) -> str:
    """The SPARQL term for `value`; `UsageError` naming the parameter when it does not fit its type."""
    try:
        return _RENDERERS[parameter.type](value)
    except ValueError as error:
        raise UsageError(
            f"parameter {parameter.name}: {value!r} is not a valid {parameter.type} value ({error})"
        ) from None
