"""Summaries per language in a query header (`# summary@de:`), and the installed queries' German ones."""

from __future__ import annotations

from integrationsgraph.queries.catalog import load_catalog, parse_named_query

TEXT = """# name: example
# summary: Bodies by name.
# summary@de: Gremien nach Namen.
SELECT ?body WHERE { ?body a ?type }
"""


def test_summary_in_a_language_falls_back_to_the_summary():
    query = parse_named_query(TEXT, "example.rq")
    assert query.summary == "Bodies by name."
    assert query.summary_in("de") == "Gremien nach Namen."
    assert query.summary_in("en") == "Bodies by name."


def test_every_installed_question_has_a_german_summary():
    questions = [query for name, query in load_catalog().items() if not name.endswith("-violation")]
    assert questions
    assert [query.name for query in questions if "de" not in query.summaries] == []
