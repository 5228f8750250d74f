"""The byte cap in the evaluation itself: whole lines only, in every format, however the serializer writes."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from integrationsgraph.sparql.evaluation import EvaluationRequest, _capped, evaluate

R, G = ox.QueryResultsFormat, ox.RdfFormat


def numbers_store(count: int) -> ox.Store:
    store = ox.Store()
    predicate = ox.NamedNode("http://example.org/value")
    store.extend(
        ox.Quad(ox.NamedNode(f"http://example.org/n/{n}"), predicate, ox.Literal(str(n) * 5))
        for n in range(count)
    )
    return store


def test_lines_split_across_writes_are_never_kept_in_part() -> None:
    def serialize(sink) -> None:
        for _ in range(100):
            sink.write(b"abc")  # a line arrives in three writes
            sink.write(b"defg")
            sink.write(b"hij\n")

    data, lines, cut_by = _capped(serialize, None, 50)
    assert data == b"abcdefghij\n" * 4  # 44 bytes: a fifth line would pass 50
    assert (lines, cut_by) == (4, "bytes")


def test_the_row_cap_still_wins_when_it_comes_first() -> None:
    data, lines, cut_by = _capped(lambda sink: sink.write(b"row\n" * 10), 3, 1000)
    assert (data, lines, cut_by) == (b"row\n" * 3, 3, "rows")


@pytest.mark.parametrize("media_type", [R.JSON.media_type, R.XML.media_type, R.TSV.media_type])
def test_solutions_fit_the_cap_in_the_format_asked_for(media_type) -> None:
    request = EvaluationRequest(
        "SELECT ?s ?o WHERE { ?s ?p ?o }", results_media_type=media_type, max_rows=None, max_bytes=4000
    )
    answer = evaluate(numbers_store(500), request)
    assert len(answer.data) <= 4000
    assert (answer.truncated, answer.cut_by) == (True, "bytes")
    parsed = list(ox.parse_query_results(answer.data, format=R.from_media_type(answer.media_type)))
    assert len(parsed) == answer.row_count > 0


@pytest.mark.parametrize("media_type", [G.TURTLE.media_type, G.RDF_XML.media_type, G.N_TRIPLES.media_type])
def test_graphs_fit_the_cap_in_the_format_asked_for(media_type) -> None:
    request = EvaluationRequest("CONSTRUCT WHERE { ?s ?p ?o }", graph_media_type=media_type, max_bytes=3000)
    answer = evaluate(numbers_store(500), request)
    assert len(answer.data) <= 3000
    assert answer.cut_by == "bytes"
    assert (
        len(list(ox.parse(answer.data, format=G.from_media_type(answer.media_type)))) == answer.row_count > 0
    )


def test_an_answer_within_the_cap_is_untouched() -> None:
    request = EvaluationRequest("SELECT ?s WHERE { ?s ?p ?o }", max_bytes=1_000_000)
    answer = evaluate(numbers_store(10), request)
    assert (answer.truncated, answer.cut_by, answer.row_count) == (False, None, 10)
