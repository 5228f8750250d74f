"""The parts of the remote dialects that need no engine: the query form read past the prologue, and
Virtuoso's syntax-error lines mapped back onto the client's query (the engines themselves are tested in
test_remote_backend.py)."""

from __future__ import annotations

import pytest

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
