"""The named-query catalogue: header parsing, binding, and every error path."""

from __future__ import annotations

from pathlib import Path

import pytest

from integrationsgraph.errors import InputError, UsageError
from integrationsgraph.queries.catalog import Parameter, get_query, load_catalog, parse_named_query
from integrationsgraph.queries.sparql_tokens import parameter_tokens

XSD_DATE = "<http://www.w3.org/2001/XMLSchema#date>"

CHAIR_AT = """# name: chair-at
# summary: Who chaired a body on a date.
# A free comment line in the header.
# param: body iri "the body" example=https://w3id.org/integrationsgraph/id/body/intmk
# param: date date "the day" example=2022-10-01
# param: from date? "optional lower bound"
# param: label string? "a label" example="Kai Klose"
# param: limit integer? "how many"
SELECT ?holder WHERE {
  ?h <http://www.w3.org/ns/org#organization> $body ; <http://example.org/note> "costs $body" .
  ?h <http://example.org/at> <http://example.org/$date> . # a comment about $date
  FILTER(COALESCE($from, $date) <= $date && ?x < $limit)
  FILTER(CONTAINS(?l, COALESCE($label, '''...$label''')))
}
"""


@pytest.fixture
def chair_at():
    return parse_named_query(CHAIR_AT, "chair-at.rq")


def test_header_fields_and_parameters(chair_at):
    assert chair_at.name == "chair-at"
    assert chair_at.summary == "Who chaired a body on a date."
    assert chair_at.parameters[0] == Parameter(
        "body", "iri", "https://w3id.org/integrationsgraph/id/body/intmk", "the body", False
    )
    assert chair_at.parameters[1] == Parameter("date", "date", "2022-10-01", "the day", False)
    assert chair_at.parameters[2] == Parameter("from", "date", None, "optional lower bound", True)
    assert chair_at.parameters[3].example == "Kai Klose"  # quoted example keeps its space
    assert [p.optional for p in chair_at.parameters] == [False, False, True, True, True]


def test_bind_renders_each_type(chair_at):
    text = chair_at.bind(
        {"body": "body:intmk", "date": "2022-10-01", "from": "2022-01-01", "label": 'a "b"\\c', "limit": "+7"}
    )
    assert "org#organization> <https://w3id.org/integrationsgraph/id/body/intmk> ;" in text
    assert f'COALESCE("2022-01-01"^^{XSD_DATE}, "2022-10-01"^^{XSD_DATE}) <= "2022-10-01"^^{XSD_DATE}' in text
    assert "?x < 7)" in text
    assert 'COALESCE("a \\"b\\"\\\\c", ' in text


def test_dollar_inside_strings_iris_and_comments_is_not_replaced(chair_at):
    text = chair_at.bind({"body": "https://example.org/b", "date": "2022-10-01"})
    assert '"costs $body"' in text
    assert "<http://example.org/$date>" in text
    assert "# a comment about $date" in text
    assert "'''...$label'''" in text


def test_absent_optional_parameters_stay_unbound_variables(chair_at):
    text = chair_at.bind({"body": "<https://example.org/b>", "date": "2024-02-29"})
    assert f'COALESCE($from, "2024-02-29"^^{XSD_DATE})' in text
    assert "?x < $limit" in text


def test_missing_required_parameter_is_named(chair_at):
    with pytest.raises(UsageError, match=r"missing required parameter.*date"):
        chair_at.bind({"body": "body:intmk"})


def test_unknown_parameter_is_named(chair_at):
    with pytest.raises(UsageError, match="unknown parameter 'bogus'"):
        chair_at.bind({"body": "body:intmk", "date": "2022-10-01", "bogus": "1"})


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("body", "intmk"),  # neither an IRI nor a prefixed name
        ("body", "nope:intmk"),  # unknown prefix
        ("body", "ftp://example.org/x"),  # not http(s)
        ("body", "https://example.org/a b"),  # a space is no IRI character
        ("body", "https://example.org/a> } ?s ?p <x"),  # no way out of the IRI
        ("body", "urn:x:y"),
        ("date", "2022-13-01"),
        ("date", "2023-02-29"),  # not in the calendar
        ("date", "1.7.2022"),
        ("date", "2022-07-01T00:00:00"),
        ("limit", "7.5"),
        ("limit", "seven"),
    ],
)
def test_mistyped_parameter_is_named(chair_at, name, value):
    values = {"body": "body:intmk", "date": "2022-10-01", name: value}
    with pytest.raises(UsageError, match=f"parameter {name}: "):
        chair_at.bind(values)


def test_tokens_skip_long_strings_with_quotes_and_escapes():
    text = '''SELECT * { ?s ?p """a "quoted" $x""" , "esc \\" $y" , 'x' . FILTER(?o < $z) }'''
    assert [token.name for token in parameter_tokens(text)] == ["z"]


def test_less_than_operator_is_not_taken_for_an_iri():
    assert [t.name for t in parameter_tokens("FILTER(?a < $x && $y > ?b)")] == ["x", "y"]


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("# summary: s\nSELECT * {}", "no '# name: ...' line"),
        ("# name: q\nSELECT * {}", "no '# summary: ...' line"),
        ('# name: q\n# summary: s\n# param: x float "d"\nSELECT * { ?s ?p $x }', "q.rq:3: parameter x: type"),
        ("# name: q\n# summary: s\n# param: x iri\nSELECT * { ?s ?p $x }", "q.rq:3: a param line reads"),
        (
            '# name: q\n# summary: s\n# param: x iri "d" sample=1\nSELECT * { ?s ?p $x }',
            "unexpected 'sample=1'",
        ),
        ('# name: q\n# summary: s\n# param: x iri "d\nSELECT * { ?s ?p $x }', "cannot read the param line"),
        (
            '# name: q\n# summary: s\n# param: x iri "d"\n# param: x iri "e"\nSELECT * { ?s ?p $x }',
            "declared twice",
        ),
        ("# name: q\n# name: r\n# summary: s\nSELECT * {}", "'name' given twice"),
        ("# name: q\n# summary: s\nSELECT * { ?s ?p $x }", r"\$x used but not declared"),
        ('# name: q\n# summary: s\n# param: x iri "d"\nSELECT * { ?s ?p ?o }', "x declared but never used"),
        ('# name: q\n# summary: s\n# param: x iri "d"\nSELECT ?x { ?s ?p $x }', "x also written as"),
    ],
)
def test_malformed_headers_are_input_errors(header, message):
    with pytest.raises(InputError, match=message):
        parse_named_query(header, "q.rq")


def test_load_catalog_skips_violation_checks_and_checks_names(tmp_path: Path):
    (tmp_path / "chair-at.rq").write_text(CHAIR_AT, encoding="utf-8")
    (tmp_path / "orphans-violation.rq").write_text("SELECT * { ?s ?p ?o }", encoding="utf-8")
    catalog = load_catalog(tmp_path)
    assert list(catalog) == ["chair-at"]
    assert get_query(catalog, "chair-at").name == "chair-at"
    with pytest.raises(UsageError, match="unknown query 'chairs'; known queries: chair-at"):
        get_query(catalog, "chairs")
    (tmp_path / "other.rq").write_text(CHAIR_AT, encoding="utf-8")
    with pytest.raises(InputError, match=r"other\.rq: header name 'chair-at' differs"):
        load_catalog(tmp_path)
