"""`contested` reports only claims that cannot both be true: a place inside the other place, a chair
named as the person acting for the Land, and a date that refines or overlaps the other are agreements.
Asked of the real built graph, and of a small store built here for each case."""

from __future__ import annotations

import pyoxigraph
import pytest

from integrationsgraph.queries.catalog import load_catalog
from integrationsgraph.queries.execute import run_query
from integrationsgraph.queries.formatting import compact_iri

CONTESTED = load_catalog()["contested"]


def contested_about(store: pyoxigraph.Store, about: str) -> list[dict[str, str]]:
    """The rows of `contested` about one fact, each as {variable: compact IRI or literal text}."""
    outcome = run_query(store, CONTESTED.bind({"about": about}))
    return [
        {
            variable: compact_iri(term.value) if isinstance(term, pyoxigraph.NamedNode) else term.value
            for variable, term in zip(outcome.variables, row, strict=True)
            if term is not None
        }
        for row in outcome.tuples()
    ]


@pytest.mark.slow
def test_a_venue_inside_the_city_is_not_contested(graph_store):
    rows = contested_about(graph_store, "meeting:intmk-12-main-conference")
    assert [row for row in rows if row["property"] == "schema:location"] == []
    # nor is the Land's chair against the minister who acted for it (Baden-Württemberg, Lucha)
    assert [row for row in rows if row["property"] == "ig:chairedBy"] == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "fact",
    [
        "event:hessische-integrationskonferenz-2019-reconstitution",  # 2019 and 2019-12
        "holding:intmk-chair-2016-baden-wuerttemberg",  # 2016-10 and 2016-10-01
        "holding:intmk-chair-2015-thueringen",  # ends 2016-10 and 2016-10-01
        "meeting:intmk-12-main-conference",  # 2017-03 and 16-17 March 2017
        # ends 2017-08-01..2017-10-01 and 2017-10-01
        "holding:jo-dreiseitel-bevollmaechtigter-hessen-integration-antidiskriminierung",
    ],
)
def test_a_date_that_refines_another_is_not_contested(graph_store, fact):
    rows = contested_about(graph_store, fact)
    assert [row for row in rows if row["property"] in {"time:hasTime", "org:memberDuring"}] == []


@pytest.mark.slow
def test_true_conflicts_are_still_reported(graph_store):
    ninth = contested_about(graph_store, "meeting:intmk-09-main-conference")
    places = {
        (row["value1Label"], row["value2Label"]) for row in ninth if row["property"] == "schema:location"
    }
    assert places == {("Halle (Saale)", "Magdeburg")}
    founding = contested_about(graph_store, "event:intmk-establishment")
    years = {
        frozenset((row["value1"], row["value2"])) for row in founding if row["property"] == "time:hasTime"
    }
    assert frozenset({"2006-01-01..2006-12-31", "2007-01-01..2007-12-31"}) in years


PREFIXES = """
@prefix ig: <https://w3id.org/integrationsgraph/def#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://example.org/> .
"""


def _claim(graph: str, fact_turtle: str) -> str:
    return f"""ex:{graph} {{ ex:source-{graph} ig:fileName "{graph}.txt" .
    ex:fact prov:wasDerivedFrom ex:source-{graph} ; {fact_turtle} }}"""


def _instant(graph: str, earliest: str, latest: str) -> str:
    return f"""time:hasTime ex:t-{graph} . ex:t-{graph} ig:earliest "{earliest}"^^xsd:date ;
    ig:latest "{latest}"^^xsd:date ."""


def _contested(trig: str) -> list[tuple[str, str]]:
    store = pyoxigraph.Store()
    store.load(PREFIXES + trig, format=pyoxigraph.RdfFormat.TRIG)
    outcome = run_query(store, CONTESTED.bind({}))
    index = {name: position for position, name in enumerate(outcome.variables)}
    return [(row[index["value1"]].value, row[index["value2"]].value) for row in outcome.tuples()]


@pytest.mark.parametrize(
    ("first", "second", "contested"),
    [
        (("2019-01-01", "2019-12-31"), ("2019-12-01", "2019-12-31"), False),  # a year and a month in it
        (("2016-10-01", "2016-10-31"), ("2016-10-01", "2016-10-01"), False),  # a month and its first day
        (("2017-08-01", "2017-10-01"), ("2017-09-15", "2017-11-01"), False),  # overlapping ranges
        (("2006-01-01", "2006-12-31"), ("2007-01-01", "2007-12-31"), True),  # two different years
        (("2016-10-01", "2016-10-01"), ("2016-10-02", "2016-10-02"), True),  # two different days
    ],
)
def test_dates_contest_only_when_their_ranges_share_no_day(first, second, contested):
    rows = _contested(_claim("one", _instant("one", *first)) + _claim("two", _instant("two", *second)))
    assert bool(rows) is contested


def test_places_contest_unless_one_is_inside_the_other():
    inside = """ex:venue schema:containedInPlace ex:town . ex:town schema:containedInPlace ex:land ."""
    agree = _claim("one", "schema:location ex:venue .") + _claim("two", "schema:location ex:land .")
    assert _contested(inside + agree) == []
    disagree = _claim("one", "schema:location ex:venue .") + _claim("two", "schema:location ex:other-town .")
    assert _contested(inside + disagree) == [("https://example.org/venue", "https://example.org/other-town")]
