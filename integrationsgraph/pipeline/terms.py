"""Converting terms between pyoxigraph (loading, store) and rdflib (pyshacl, owlrl)."""

from __future__ import annotations

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, XSD

_XSD_STRING = str(XSD.string)
_LANG_STRING = str(RDF.langString)


def to_rdflib(term):
    """The rdflib term equal to a pyoxigraph term (xsd:string literals become plain literals)."""
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    raise TypeError(f"cannot convert {term!r} to rdflib")


def from_rdflib(term):
    """The pyoxigraph term equal to an rdflib term (plain literals become xsd:string)."""
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        datatype = term.datatype or XSD.string
        if datatype == RDF.langString:
            datatype = XSD.string
        return ox.Literal(str(term), datatype=ox.NamedNode(str(datatype)))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"cannot convert {term!r} to pyoxigraph")


def rdflib_graph(triples) -> rdflib.Graph:
    """An rdflib Graph holding the given pyoxigraph triples."""
    graph = rdflib.Graph()
    add = graph.add
    for triple in triples:
        add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
    return graph
