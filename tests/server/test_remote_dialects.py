"""The parts of the remote dialects that need no engine: the query form read past the prologue, and
Virtuoso's syntax-error lines mapped back onto the client's query, the dataset Virtuoso is sent (the
engines themselves are tested in test_remote_backend.py)."""

from __future__ import annotations

import urllib.parse

import pytest

from integrationsgraph.sparql.backends import Dataset
from integrationsgraph.sparql.remote_dialects import VirtuosoDialect, query_form


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
        ("# a comment with CONSTRUCT in it\nPREFIX ex: <http://example.org/a#b>\nask {}", "ASK"),
        ("BASE <http://example.org/>\nPREFIX : <x#>\n  CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ('define sql:describe-mode "CBD" DESCRIBE <http://example.org/a>', "DESCRIBE"),
        ("INSERT DATA { <a> <b> <c> }", None),
        ("", None),
    ],
)
def test_query_form_is_read_past_the_prologue(text, form) -> None:
    assert query_form(text) == form


def test_virtuoso_syntax_error_lines_are_the_clients() -> None:
    dialect = VirtuosoDialect()
    text = "SELECT *\nWHERE { ?s ?p }"
    # The dialect's define takes line 1 of what Virtuoso parses: its line 3 is the client's line 2.
    error = dialect.syntax_error(
        "Virtuoso 37000 Error SP030: SPARQL compiler, line 3: syntax error\n\nSPARQL query:\n…", text
    )
    assert (error.line, error.column) == (2, None)
    assert str(error) == "Virtuoso 37000 Error SP030: SPARQL compiler, line 2: syntax error"
    # An error at the end of the text is reported on the line after it: it stays on the query's last line.
    assert dialect.syntax_error("SP030: SPARQL compiler, line 4: syntax error", text).line == 2
    assert dialect.syntax_error("SP031: SPARQL: Internal error", text).line is None


def _form(request: dict) -> list[tuple[str, str]]:
    return urllib.parse.parse_qsl(request["content"].decode("ascii"))


def test_virtuoso_default_graph_excludes_its_own_graphs_and_names_ours() -> None:
    own = ("http://www.openlinksw.com/schemas/virtrdf#", "http://localhost/sparql")
    ours = ("https://example.org/g1", "https://example.org/g2")
    form = _form(VirtuosoDialect(own, ours).request("SELECT * {}", Dataset(), timeout=None))
    query = dict(form)["query"]
    # One line of defines before the client's text: the default graph is every graph but Virtuoso's own.
    assert query.splitlines() == [
        'define sql:describe-mode "CBD"'
        + "".join(f" define input:default-graph-exclude <{graph}>" for graph in own),
        "SELECT * {}",
    ]
    # Only the named graphs are listed (a hundred default graphs cost each query seconds of compiling).
    assert [name for name, _ in form if name != "query"] == ["named-graph-uri"] * 2
    assert [value for name, value in form if name == "named-graph-uri"] == list(ours)
    # A store with no graph of ours: a named graph that does not exist, so GRAPH ?g matches nothing.
    empty = _form(VirtuosoDialect(own, ()).request("SELECT * {}", Dataset(), timeout=None))
    assert ("named-graph-uri", VirtuosoDialect.NO_GRAPH) in empty


def test_virtuoso_with_a_client_dataset_sends_that_dataset_alone() -> None:
    dataset = Dataset(default_graph_uris=("https://example.org/g1",))
    form = _form(VirtuosoDialect(graphs=("https://example.org/g2",)).request("ASK {}", dataset, timeout=2))
    assert "graph-exclude" not in dict(form)["query"]
    assert [(n, v) for n, v in form if n != "query"] == [
        ("default-graph-uri", "https://example.org/g1"),
        ("timeout", "2000"),
    ]
