"""Running SPARQL (union default graph, error messages) and writing the three output formats."""

from __future__ import annotations

import csv
import io
import json

import pytest
from pyoxigraph import Literal, NamedNode, Quad, QueryResultsFormat, Store, parse_query_results

from integrationsgraph.errors import QueryError, UsageError
from integrationsgraph.queries.execute import run_query
from integrationsgraph.queries.formatting import compact_iri, to_csv, to_json, write_outcome

BODY = "https://w3id.org/integrationsgraph/id/body/"
LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture
def tiny_store() -> Store:
    store = Store()
    one = NamedNode("https://w3id.org/integrationsgraph/graph/source/001_x")
    two = NamedNode("https://w3id.org/integrationsgraph/graph/entities")
    store.add(Quad(NamedNode(BODY + "intmk"), LABEL, Literal("IntMK [Vorsitz]", language="de"), one))
    store.add(
        Quad(
            NamedNode(BODY + "intmk"),
            NamedNode("urn:x:n"),
            Literal("18", datatype=NamedNode(XSD + "integer")),
            two,
        )
    )
    store.add(Quad(NamedNode(BODY + "beirat"), LABEL, Literal('Beirat, "alt"'), two))
    return store


SELECT_BOTH = (
    f"SELECT ?s ?label ?n WHERE {{ ?s <{LABEL.value}> ?label OPTIONAL {{ ?s <urn:x:n> ?n }} }} ORDER BY ?s"
)


def test_default_graph_is_the_union_of_named_graphs(tiny_store):
    outcome = run_query(tiny_store, SELECT_BOTH)
    assert outcome.kind == "select"
    assert outcome.variables == ["s", "label", "n"]
    assert [row[0].value for row in outcome.rows] == [BODY + "beirat", BODY + "intmk"]
    assert outcome.rows[0][2] is None
    assert outcome.rows[1][2].value == "18"


def test_ask_and_construct(tiny_store):
    assert run_query(tiny_store, "ASK { ?s ?p ?o }").boolean is True
    assert run_query(tiny_store, "ASK { ?s <urn:x:none> ?o }").boolean is False
    graph = run_query(tiny_store, "CONSTRUCT { ?s <urn:x:n> ?n } WHERE { ?s <urn:x:n> ?n }")
    assert graph.kind == "graph"
    assert [t.subject.value for t in graph.triples] == [BODY + "intmk"]


def test_predeclared_prefixes(tiny_store):
    outcome = run_query(tiny_store, "SELECT ?l { body:intmk rdfs:label ?l }", prefixes={
        "body": BODY, "rdfs": "http://www.w3.org/2000/01/rdf-schema#"})  # fmt: skip
    assert outcome.rows[0][0].value == "IntMK [Vorsitz]"


def test_syntax_error_quotes_line_and_column(tiny_store):
    with pytest.raises(QueryError) as raised:
        run_query(tiny_store, "SELECT *\nWHERE { ?s ?p }")
    message = str(raised.value)
    assert "error at 2:" in message
    assert "2 | WHERE { ?s ?p }" in message


def test_json_is_sparql_results_json(tiny_store):
    outcome = run_query(tiny_store, SELECT_BOTH)
    document = json.loads(to_json(outcome))
    assert document["head"]["vars"] == ["s", "label", "n"]
    first, second = document["results"]["bindings"]
    assert first == {"s": {"type": "uri", "value": BODY + "beirat"},
                     "label": {"type": "literal", "value": 'Beirat, "alt"'}}  # fmt: skip
    assert second["label"] == {"type": "literal", "value": "IntMK [Vorsitz]", "xml:lang": "de"}
    assert second["n"] == {"type": "literal", "value": "18", "datatype": XSD + "integer"}
    # pyoxigraph's own parser reads it back to the same terms
    parsed = parse_query_results(to_json(outcome), QueryResultsFormat.JSON)
    assert [tuple(solution) for solution in parsed] == outcome.rows


def test_json_ask_and_graph(tiny_store):
    assert json.loads(to_json(run_query(tiny_store, "ASK {}"))) == {"head": {}, "boolean": True}
    graph = json.loads(to_json(run_query(tiny_store, "CONSTRUCT WHERE { ?s <urn:x:n> ?o }")))
    assert graph["head"]["vars"] == ["subject", "predicate", "object"]
    assert graph["results"]["bindings"][0]["predicate"] == {"type": "uri", "value": "urn:x:n"}


def test_csv_is_sparql_results_csv(tiny_store):
    text = to_csv(run_query(tiny_store, SELECT_BOTH))
    assert text.startswith("s,label,n\r\n")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1] == [BODY + "beirat", 'Beirat, "alt"', ""]
    assert rows[2] == [BODY + "intmk", "IntMK [Vorsitz]", "18"]
    assert to_csv(run_query(tiny_store, "ASK { ?s <urn:x:none> ?o }")) == "boolean\r\nfalse\r\n"


def test_table_compacts_iris_and_keeps_brackets_literal(tiny_store):
    stream = io.StringIO()
    write_outcome(run_query(tiny_store, SELECT_BOTH), "table", stream)
    table = stream.getvalue()
    assert "body:intmk" in table
    assert "IntMK [Vorsitz]" in table  # rich markup is not interpreted
    assert "2 rows" in table
    assert BODY not in table


def test_table_for_ask(tiny_store):
    stream = io.StringIO()
    write_outcome(run_query(tiny_store, "ASK { ?s <urn:x:none> ?o }"), "table", stream)
    assert stream.getvalue().strip() == "no"


def test_unknown_format_is_a_usage_error(tiny_store):
    with pytest.raises(UsageError, match="unknown format 'xml'"):
        write_outcome(run_query(tiny_store, "ASK {}"), "xml", io.StringIO())


@pytest.mark.parametrize(
    ("iri", "compact"),
    [
        (BODY + "intmk", "body:intmk"),
        ("https://w3id.org/integrationsgraph/graph/source/003_ebd8c5b068b7a6d2", "gsrc:003_ebd8c5b068b7a6d2"),
        ("https://w3id.org/integrationsgraph/graph/entities", "graph:entities"),
        ("https://w3id.org/integrationsgraph/def#Holding", "ig:Holding"),
        ("https://example.org/x", "<https://example.org/x>"),
    ],
)
def test_compact_iri(iri, compact):
    assert compact_iri(iri) == compact
