"""Running SPARQL (union default graph, error messages) and writing the three output formats of the CLI."""

from __future__ import annotations

import csv
import io
import json

import anyio
import pytest
from pyoxigraph import Literal, NamedNode, Quad, QueryResultsFormat, Store, parse_query_results

from integrationsgraph.errors import QueryError, UsageError
from integrationsgraph.queries.execute import run_query
from integrationsgraph.queries.formatting import compact_iri, format_chooser, write_answer
from integrationsgraph.sparql.answering import QueryRecord, answer
from integrationsgraph.sparql.backends import EmbeddedBackend, QueryRequest, QuerySyntaxError

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


def written(store: Store, text: str, output_format: str) -> str:
    """What the CLI prints for `text` in `output_format`: answered through the query path, then written."""
    choose = format_chooser(output_format)
    answered = anyio.run(lambda: answer(EmbeddedBackend(store), QueryRequest(text), choose, QueryRecord()))
    stream = io.StringIO()
    write_answer(answered, output_format, stream)
    return stream.getvalue()


def to_json(store: Store, text: str) -> str:
    return written(store, text, "json")


def to_csv(store: Store, text: str) -> str:
    return written(store, text, "csv")


SELECT_BOTH = (
    f"SELECT ?s ?label ?n WHERE {{ ?s <{LABEL.value}> ?label OPTIONAL {{ ?s <urn:x:n> ?n }} }} ORDER BY ?s"
)


def test_default_graph_is_the_union_of_named_graphs(tiny_store):
    outcome = run_query(tiny_store, SELECT_BOTH)
    assert outcome.kind == "solutions"
    assert outcome.variables == ["s", "label", "n"]
    assert [row[0].value for row in outcome.tuples()] == [BODY + "beirat", BODY + "intmk"]
    assert outcome.tuples()[0][2] is None
    assert outcome.tuples()[1][2].value == "18"


def test_ask_and_construct(tiny_store):
    assert run_query(tiny_store, "ASK { ?s ?p ?o }").boolean is True
    assert run_query(tiny_store, "ASK { ?s <urn:x:none> ?o }").boolean is False
    graph = run_query(tiny_store, "CONSTRUCT { ?s <urn:x:n> ?n } WHERE { ?s <urn:x:n> ?n }")
    assert graph.kind == "graph"
    assert [t.subject.value for t in graph.triples()] == [BODY + "intmk"]


def test_predeclared_prefixes(tiny_store):
    outcome = run_query(tiny_store, "SELECT ?l { body:intmk rdfs:label ?l }", prefixes={
        "body": BODY, "rdfs": "http://www.w3.org/2000/01/rdf-schema#"})  # fmt: skip
    assert outcome.tuples()[0][0].value == "IntMK [Vorsitz]"


def test_syntax_error_quotes_line_and_column(tiny_store):
    text = "SELECT *\nWHERE { ?s ?p }"
    with pytest.raises(QuerySyntaxError) as raised:
        run_query(tiny_store, text)
    assert isinstance(raised.value, QueryError)
    assert raised.value.line == 2
    message = str(raised.value.quoting(text))  # what the CLI prints
    assert "error at 2:" in message
    assert "2 | WHERE { ?s ?p }" in message


def test_json_is_sparql_results_json(tiny_store):
    outcome = run_query(tiny_store, SELECT_BOTH)
    document = json.loads(to_json(tiny_store, SELECT_BOTH))
    assert document["head"]["vars"] == ["s", "label", "n"]
    first, second = document["results"]["bindings"]
    assert first == {"s": {"type": "uri", "value": BODY + "beirat"},
                     "label": {"type": "literal", "value": 'Beirat, "alt"'}}  # fmt: skip
    assert second["label"] == {"type": "literal", "value": "IntMK [Vorsitz]", "xml:lang": "de"}
    assert second["n"] == {"type": "literal", "value": "18", "datatype": XSD + "integer"}
    # pyoxigraph's own parser reads it back to the same terms
    parsed = parse_query_results(to_json(tiny_store, SELECT_BOTH), QueryResultsFormat.JSON)
    assert [tuple(solution) for solution in parsed] == outcome.tuples()


def test_json_ask_and_graph(tiny_store):
    assert json.loads(to_json(tiny_store, "ASK {}")) == {"head": {}, "boolean": True}
    # A graph has no SPARQL results form: JSON-LD, by pyoxigraph's serializer.
    graph = json.loads(to_json(tiny_store, "CONSTRUCT WHERE { ?s <urn:x:n> ?o }"))
    (node,) = graph if isinstance(graph, list) else graph["@graph"]
    assert node["@id"] == BODY + "intmk"
    assert node["urn:x:n"] == [{"@value": "18", "@type": XSD + "integer"}]


def test_csv_of_a_graph_is_a_usage_error(tiny_store):
    with pytest.raises(UsageError, match="no CSV form"):
        to_csv(tiny_store, "CONSTRUCT WHERE { ?s <urn:x:n> ?o }")


def test_csv_is_sparql_results_csv(tiny_store):
    text = to_csv(tiny_store, SELECT_BOTH)
    assert text.startswith("s,label,n\r\n")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1] == [BODY + "beirat", 'Beirat, "alt"', ""]
    assert rows[2] == [BODY + "intmk", "IntMK [Vorsitz]", "18"]
    assert to_csv(tiny_store, "ASK { ?s <urn:x:none> ?o }") == "false\n"  # pyoxigraph's CSV of a boolean


def test_table_compacts_iris_and_keeps_brackets_literal(tiny_store):
    table = written(tiny_store, SELECT_BOTH, "table")
    assert "body:intmk" in table
    assert "IntMK [Vorsitz]" in table  # rich markup is not interpreted
    assert "2 rows" in table
    assert BODY not in table


def test_table_for_ask(tiny_store):
    assert written(tiny_store, "ASK { ?s <urn:x:none> ?o }", "table").strip() == "no"


def test_unknown_format_is_a_usage_error(tiny_store):
    with pytest.raises(UsageError, match="unknown format 'xml'"):
        written(tiny_store, "ASK {}", "xml")


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
