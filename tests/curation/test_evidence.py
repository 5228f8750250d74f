"""The curators' evidence tool: locating spans and writing their selectors as Turtle."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import RDF, XSD

from integrationsgraph.cli import main
from integrationsgraph.curation.selectors import (
    evidence_turtle,
    locate,
    prefix_lines,
    turtle_string,
)
from integrationsgraph.errors import InputError, UsageError
from integrationsgraph.sources import SourceText, parse_source

OA = Namespace("http://www.w3.org/ns/oa#")
IG = Namespace("https://w3id.org/integrationsgraph/def#")
EVIDENCE = Namespace("https://w3id.org/integrationsgraph/id/evidence/")
SOURCE = Namespace("https://w3id.org/integrationsgraph/id/source/")

BODY = (
    "Die Gründung des Beirats für Übergänge erfolgte im März.\n"
    "Der Beirat tagte in Göttingen;\nder Beirat tagte erneut.\n"
    'Er sagte: "Alles gut" \\ fertig.'
)


@pytest.fixture
def evidence_text() -> SourceText:
    return SourceText("900_test.txt", Path("900_test.txt"), {"source": "900_test.txt"}, BODY)


def test_locate_finds_offsets_and_context(evidence_text):
    selector = locate(evidence_text, "im März")
    assert evidence_text.body[selector.start : selector.end] == "im März"
    assert selector.start == BODY.index("im März")
    assert selector.prefix == BODY[selector.start - 32 : selector.start]
    assert len(selector.prefix) == 32
    assert selector.suffix == BODY[selector.end : selector.end + 32]
    assert selector.local_name == f"900_test-{selector.start}-{selector.end}"


def test_offsets_count_code_points_with_umlauts(evidence_text):
    selector = locate(evidence_text, "Übergänge")
    # "Die Gründung des Beirats für " has two umlauts: code points, not UTF-8 bytes.
    assert selector.start == len("Die Gründung des Beirats für ")
    assert selector.end - selector.start == len("Übergänge") == 9


def test_prefix_clipped_at_start_of_text(evidence_text):
    selector = locate(evidence_text, "Die Gründung")
    assert selector.start == 0
    assert selector.prefix == ""
    assert selector.suffix == BODY[12:44]


def test_suffix_clipped_at_end_of_text(evidence_text):
    selector = locate(evidence_text, "fertig.")
    assert selector.end == len(BODY)
    assert selector.suffix == ""
    assert len(selector.prefix) == 32


def test_multi_line_span(evidence_text):
    span = "in Göttingen;\nder Beirat"
    selector = locate(evidence_text, span)
    assert evidence_text.body[selector.start : selector.end] == span
    assert "\n" in selector.prefix  # the context crosses the line before, too


def test_occurrence_selects_later_appearance(evidence_text):
    first = locate(evidence_text, "Beirat tagte")
    second = locate(evidence_text, "Beirat tagte", occurrence=2)
    assert second.start > first.start
    assert BODY[second.start - 4 : second.end] == "der Beirat tagte"


def test_absent_span_names_file_and_span(evidence_text):
    with pytest.raises(InputError, match=r"900_test\.txt.*'im April'.*does not occur"):
        locate(evidence_text, "im April")


def test_occurrence_beyond_count_names_count(evidence_text):
    with pytest.raises(InputError, match=r"900_test\.txt.*'Beirat tagte' occurs 2 time\(s\), occurrence 3"):
        locate(evidence_text, "Beirat tagte", occurrence=3)


@pytest.mark.parametrize(("exact", "occurrence"), [("", 1), ("Beirat", 0)])
def test_empty_span_or_zero_occurrence_is_usage_error(evidence_text, exact, occurrence):
    with pytest.raises(UsageError):
        locate(evidence_text, exact, occurrence)


def test_turtle_string_escapes():
    assert turtle_string('a "b" \\ c\nd\te') == '"a \\"b\\" \\\\ c\\nd\\te"'
    assert turtle_string("\x01") == '"\\u0001"'


def _parse(turtle: str) -> Graph:
    return Graph().parse(data=prefix_lines() + turtle, format="turtle")


def test_evidence_turtle_has_contract_triples(evidence_text):
    span = "in Göttingen;\nder Beirat"
    selector = locate(evidence_text, span)
    graph = _parse(evidence_turtle(evidence_text, span))
    node = EVIDENCE[selector.local_name]
    quote = EVIDENCE[selector.local_name + "-quote"]
    position = EVIDENCE[selector.local_name + "-position"]
    assert (node, RDF.type, IG.Evidence) in graph
    assert (node, OA.hasSource, SOURCE["900_test"]) in graph
    assert set(graph.objects(node, OA.hasSelector)) == {quote, position}
    assert (quote, RDF.type, OA.TextQuoteSelector) in graph
    assert (quote, OA.exact, Literal(span)) in graph
    assert (quote, OA.prefix, Literal(selector.prefix)) in graph
    assert (quote, OA.suffix, Literal(selector.suffix)) in graph
    assert (position, RDF.type, OA.TextPositionSelector) in graph
    assert (position, OA.start, Literal(selector.start, datatype=XSD.nonNegativeInteger)) in graph
    assert (position, OA.end, Literal(selector.end, datatype=XSD.nonNegativeInteger)) in graph
    assert len(graph) == 11


def test_evidence_turtle_round_trips_quotes_and_backslashes(evidence_text):
    span = '"Alles gut" \\ fertig.'
    graph = _parse(evidence_turtle(evidence_text, span))
    assert Literal(span) in set(graph.objects(None, OA.exact))


def test_command_prints_parsable_turtle(tmp_path, capsys):
    path = tmp_path / "901_cli.txt"
    path.write_text("source: 901_cli.txt\n---\nDer Beirat tagte in Göttingen.\n", encoding="utf-8")
    assert main(["evidence", str(path), "in Göttingen", "--prefixes"]) == 0
    graph = Graph().parse(data=capsys.readouterr().out, format="turtle")
    start = parse_source(path).body.index("in Göttingen")
    assert (EVIDENCE[f"901_cli-{start}-{start + 12}"], RDF.type, IG.Evidence) in graph


def test_command_reports_absent_span_with_exit_2(tmp_path, capsys):
    path = tmp_path / "902_cli.txt"
    path.write_text("---\nkurz\n", encoding="utf-8")
    assert main(["evidence", str(path), "lang", "--occurrence", "2"]) == 2
    assert "902_cli.txt: span 'lang' does not occur" in capsys.readouterr().err
