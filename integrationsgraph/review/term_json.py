"""RDF terms between rdflib, the page's JSON and Turtle: IRIs as prefixed names (`land:hessen`) where the
project's prefixes allow, literals as `{"literal", "lang" | "datatype"}`."""

from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from integrationsgraph.curation.selectors import turtle_string
from integrationsgraph.errors import UsageError
from integrationsgraph.iris import is_http_iri
from integrationsgraph.namespaces import PREFIXES

# Longest namespace first, so `gsrc:` wins over `graph:`.
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))
# A conservative PN_LOCAL: what the project's slugs and offsets need; anything else is written <…>.
_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")


def compact(iri: str) -> str:
    """`https://w3id.org/integrationsgraph/id/land/hessen` -> `land:hessen`; unknown IRIs unchanged."""
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace) and _LOCAL.match(iri[len(namespace) :]):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def expand(name: str) -> URIRef:
    """`land:hessen` -> the full IRI; a full `http(s)://` IRI stays; anything else is a UsageError."""
    prefix, colon, local = name.partition(":")
    if colon and prefix in PREFIXES and _LOCAL.match(local):
        return URIRef(PREFIXES[prefix] + local)
    if is_http_iri(name):
        return URIRef(name)
    raise UsageError(f"{name!r} is not an IRI or a prefixed name of the project's prefixes")


def to_json(term) -> dict:
    if isinstance(term, URIRef):
        return {"iri": compact(str(term))}
    if isinstance(term, Literal):
        value: dict = {"literal": str(term)}
        if term.language:
            value["lang"] = term.language
        elif term.datatype is not None and term.datatype != XSD.string:
            value["datatype"] = compact(str(term.datatype))
        return value
    raise UsageError(f"{term!r}: blank nodes have no place in the data (every node has an IRI)")


def from_json(value: dict):
    """The rdflib term of a JSON term; UsageError names what is wrong with it."""
    if not isinstance(value, dict):
        raise UsageError(f"{value!r} is not a term")
    if "iri" in value:
        return expand(str(value["iri"]))
    if "literal" in value:
        text = str(value["literal"])
        if value.get("lang"):
            return Literal(text, lang=str(value["lang"]))
        if value.get("datatype"):
            return Literal(text, datatype=expand(str(value["datatype"])))
        return Literal(text)
    raise UsageError(f"{value!r} is neither an IRI nor a literal")


def turtle_term(term) -> str:
    """One term in Turtle, prefixed where possible (booleans bare, other typed literals with ^^)."""
    if isinstance(term, URIRef):
        short = compact(str(term))
        return short if short != str(term) else f"<{term}>"
    if isinstance(term, Literal):
        text = turtle_string(str(term))
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype == XSD.boolean and str(term) in ("true", "false"):
            return str(term)
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{text}^^{turtle_term(term.datatype)}"
        return text
    raise UsageError(f"{term!r}: blank nodes have no place in the data (every node has an IRI)")
