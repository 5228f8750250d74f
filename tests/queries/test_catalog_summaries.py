"""Summaries per language in a query header (`# summary@de:`), and the installed queries' German ones."""

from __future__ import annotations

import pytest

from integrationsgraph.errors import InputError
from integrationsgraph.queries.catalog import load_catalog, parse_named_query

TEXT = """# name: example
# summary: Bodies by name.
# summary@de: Gremien nach Namen.
# param: type iri "the type"
# param@de: type "die Art"
SELECT ?body WHERE { ?body a $type }
"""


def test_summary_in_a_language_falls_back_to_the_summary():
    query = parse_named_query(TEXT, "example.rq")
    assert query.summary == "Bodies by name."
    assert query.summary_in("de") == "Gremien nach Namen."
    assert query.summary_in("en") == "Bodies by name."
    assert query.description_in(query.parameters[0], "de") == "die Art"
    assert query.description_in(query.parameters[0], "en") == "the type"


def test_a_translation_of_an_undeclared_parameter_is_named():
    text = TEXT.replace('# param@de: type "die Art"', '# param@de: kind "die Art"')
    with pytest.raises(InputError, match=r"example.rq:5: param@de names 'kind', which no '# param:' line"):
        parse_named_query(text, "example.rq")


def test_every_installed_question_has_a_german_summary():
    questions = [query for name, query in load_catalog().items() if not name.endswith("-violation")]
    assert questions
    assert [query.name for query in questions if "de" not in query.summaries] == []
    untranslated = [
        (query.name, parameter.name)
        for query in questions
        for parameter in query.parameters
        if parameter.name not in query.descriptions.get("de", {})
    ]
    assert untranslated == []
