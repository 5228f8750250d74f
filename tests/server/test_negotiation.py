"""Content negotiation as a pure function, against a table of Accept headers real clients send."""

from __future__ import annotations

import pytest

from integrationsgraph.server.endpoint.results import DESCRIPTION_OFFERS, GRAPH_OFFERS, RESULTS_OFFERS
from integrationsgraph.server.http.negotiation import negotiate, parse_accept

RESULTS = list(RESULTS_OFFERS)
GRAPHS = list(GRAPH_OFFERS)
SD_AND_PAGE = [*DESCRIPTION_OFFERS, "text/html"]

FIREFOX = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
CHROME = (
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,"
    "application/signed-exchange;v=b3;q=0.7"
)
SPARQLWRAPPER_JSON = "application/sparql-results+json,application/json,text/javascript,application/javascript"
SPARQLWRAPPER_RDF = "application/rdf+xml"
RDFLIB_SPARQLSTORE = "application/sparql-results+xml"
JENA = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, text/tab-separated-values;q=0.7,"
    " text/csv;q=0.5, application/json;q=0.2, application/xml;q=0.2, */*;q=0.1"
)

CASES = [
    # (Accept header, offers, expected choice)
    (None, RESULTS, "application/sparql-results+json"),
    ("", RESULTS, "application/sparql-results+json"),
    ("*/*", RESULTS, "application/sparql-results+json"),
    ("*/*", GRAPHS, "text/turtle"),
    ("text/csv", RESULTS, "text/csv"),
    ("text/tab-separated-values", RESULTS, "text/tab-separated-values"),
    ("application/sparql-results+xml", RESULTS, "application/sparql-results+xml"),
    ("application/json", RESULTS, "application/json"),
    ("TEXT/CSV", RESULTS, "text/csv"),  # media types are case-insensitive
    ("text/*", RESULTS, "text/csv"),
    ("text/*;q=0.5, text/tab-separated-values", RESULTS, "text/tab-separated-values"),
    ("text/csv;q=0.4, application/sparql-results+xml;q=0.6", RESULTS, "application/sparql-results+xml"),
    ("application/sparql-results+json;q=0, */*", RESULTS, "application/sparql-results+xml"),  # q=0 refuses
    ("*/*;q=0.1, text/csv;q=0", RESULTS, "application/sparql-results+json"),
    ("text/csv; charset=utf-8", RESULTS, "text/csv"),  # a charset never narrows the range
    ("text/csv;q=bogus, application/sparql-results+xml", RESULTS, "application/sparql-results+xml"),
    ("image/png", RESULTS, None),
    ("image/png", GRAPHS, None),
    ("garbage", RESULTS, "application/sparql-results+json"),  # nothing parsable: as if absent
    (FIREFOX, RESULTS, "application/xml"),  # application/xml;q=0.9 beats */*;q=0.8
    (FIREFOX, GRAPHS, "text/turtle"),
    (FIREFOX, SD_AND_PAGE, "text/html"),
    (CHROME, SD_AND_PAGE, "text/html"),
    ("*/*", SD_AND_PAGE, "text/turtle"),  # curl gets the Service Description, not the page
    ("application/ld+json", SD_AND_PAGE, "application/ld+json"),
    (SPARQLWRAPPER_JSON, RESULTS, "application/sparql-results+json"),
    (SPARQLWRAPPER_RDF, GRAPHS, "application/rdf+xml"),
    (RDFLIB_SPARQLSTORE, RESULTS, "application/sparql-results+xml"),
    (JENA, RESULTS, "application/sparql-results+json"),
    (JENA, GRAPHS, "text/turtle"),
    ("application/n-triples, text/turtle;q=0.5", GRAPHS, "application/n-triples"),
    ("application/trig", GRAPHS, "application/trig"),
    ("application/n-quads", GRAPHS, "application/n-quads"),
    ("application/*", GRAPHS, "application/n-triples"),
    ("text/turtle;q=0.9, application/ld+json", GRAPHS, "application/ld+json"),
]


@pytest.mark.parametrize(("accept", "offers", "expected"), CASES, ids=[str(case[0])[:60] for case in CASES])
def test_negotiate_picks_the_preferred_offer(accept, offers, expected) -> None:
    assert negotiate(accept, offers) == expected


def test_most_specific_range_sets_the_quality() -> None:
    # text/csv matches both ranges; the exact one (q=0.1) wins over text/* (q=1).
    assert negotiate("text/*, text/csv;q=0.1", ["text/csv", "text/tab-separated-values"]) == (
        "text/tab-separated-values"
    )


def test_no_offers_is_none() -> None:
    assert negotiate("*/*", []) is None


def test_parse_accept_reads_weights_and_parameters() -> None:
    ranges = parse_accept('text/html;level=1;q=0.5, application/json;q="x", */*')
    assert [(r.type, r.subtype, r.params, r.quality) for r in ranges] == [
        ("text", "html", (("level", "1"),), 0.5),
        ("application", "json", (), 0.0),
        ("*", "*", (), 1.0),
    ]
