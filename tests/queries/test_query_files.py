"""Every named query in queries/: a complete header, parses unbound and bound, covers the questions."""

from __future__ import annotations

import pytest
from pyoxigraph import Store

from integrationsgraph.queries.catalog import load_catalog
from integrationsgraph.queries.execute import run_query
from integrationsgraph.queries.sparql_tokens import parameter_tokens

CATALOG = load_catalog()  # InputError here names the file with a malformed header

# modelling.md's twelve competency questions and the named queries that answer them
COMPETENCY_QUERIES = {
    1: ["chair-at"],
    2: ["chairs", "succession"],
    3: ["land-tenure"],
    4: ["meetings"],
    5: ["body-history"],
    6: ["plans", "succession"],
    7: ["offices-of"],
    8: ["holders-of"],
    9: ["sources-of"],
    10: ["timeline"],
    11: ["contested", "single-source"],
    12: ["session-details"],
}


def test_every_competency_question_has_its_queries():
    missing = [name for names in COMPETENCY_QUERIES.values() for name in names if name not in CATALOG]
    assert missing == []


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_header_is_complete(name):
    query = CATALOG[name]
    assert query.summary.endswith(".")
    for parameter in query.parameters:
        assert parameter.description, f"{name}: {parameter.name} has no description"
        assert parameter.example, f"{name}: {parameter.name} has no example"
    assert {t.name for t in parameter_tokens(query.text)} == {p.name for p in query.parameters}


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_parses_unbound_and_bound_with_examples(name):
    query = CATALOG[name]
    empty = Store()
    assert run_query(empty, query.text).kind == "solutions"  # unbound parameters are plain variables
    bound = query.bind(query.example_values())
    assert parameter_tokens(bound) == []
    assert run_query(empty, bound).tuples() == []


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_optional_parameters_may_be_left_out(name):
    query = CATALOG[name]
    required = {p.name: p.example for p in query.parameters if not p.optional}
    assert run_query(Store(), query.bind(required)).kind == "solutions"
