"""The twelve competency questions of modelling.md, asked of the real built graph with their expected rows.

Each question is asked of every backend with the same expected rows: the embedded store, and the build
pushed into `oxigraph serve` and into Virtuoso, reached through `RemoteBackend` (`serve --sparql-backend`).

The data keeps growing (the corpus adds sources), so where more sources may add rows, the tests check the
expected rows are there; where the answer must be unique (who chaired on a day), they check it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import SimpleNamespace

import anyio.from_thread
import pyoxigraph
import pytest

from integrationsgraph.queries.catalog import load_catalog
from integrationsgraph.queries.formatting import compact_iri
from integrationsgraph.sparql.backends import EmbeddedBackend, QueryResult, Term
from integrationsgraph.sparql.remote_backend import RemoteBackend

pytestmark = pytest.mark.slow  # the session's real build takes a while

CATALOG = load_catalog()
PRESS_003 = "003_ebd8c5b068b7a6d2.txt"
PRESS_004 = "004_77b3e41a02d8592c.txt"
PRESS_000 = "000_e3518a9624498a80.txt"
# The IntMK chair's press release of 2023 (issue 15) also names Hessen's chair and Klose.
KLOSE_SUMMIT = "integrationskompass-klose-bund-laender-gipfel-2023.txt"
HESSEN_CHAIR_SOURCES = {PRESS_003, KLOSE_SUMMIT}


def _text(term: Term | None) -> str | None:
    if term is None:
        return None
    return compact_iri(term.value) if isinstance(term, pyoxigraph.NamedNode) else term.value


Ask = Callable[[str], QueryResult]
REMOTE_ENDPOINTS = {"oxigraph serve": "oxigraph_with_build", "virtuoso": "virtuoso_with_build"}


@pytest.fixture(scope="module", params=["embedded", *REMOTE_ENDPOINTS])
def backend(request, graph_store) -> Iterator[Ask]:
    """`backend(text)` answers a query on one backend (the tests run once per backend)."""
    if request.param == "embedded":
        chosen = EmbeddedBackend(graph_store)
    else:
        chosen = RemoteBackend(request.getfixturevalue(REMOTE_ENDPOINTS[request.param]))
    with anyio.from_thread.start_blocking_portal() as portal:
        yield lambda text: portal.call(chosen.query, text)
        portal.call(chosen.close)


# Named queries Virtuoso 7.2.5 answers wrongly (its defects, listed in docs/deployment.md, "Virtuoso"): strict
# marks, so a query rewritten around the defect fails here until its mark is taken away. None today:
# body-history and timeline read the change-event types the build derives instead of a subClassOf path.
VIRTUOSO_DEFECTS: dict[str, str] = {}


@pytest.fixture(autouse=True)
def _known_virtuoso_defects(request) -> None:
    defect = VIRTUOSO_DEFECTS.get(request.node.originalname)
    if defect and request.node.callspec.params.get("backend") == "virtuoso":
        request.applymarker(pytest.mark.xfail(reason=f"Virtuoso 7.2.5 {defect}", strict=True))


def answer(backend: Ask, name: str, **params: str) -> list[dict[str, str | None]]:
    """The rows of a named query, each as {variable: compact IRI or literal text}."""
    result = backend(CATALOG[name].bind(params))
    return [{variable: _text(row.get(variable)) for variable in result.variables} for row in result.rows()]


def in_process(store):
    """The built store as `answer` asks a backend: a query text in, variables and rows out."""

    def ask(text: str) -> SimpleNamespace:
        solutions = store.query(text, use_default_graph_as_union=True)
        variables = [variable.value for variable in solutions.variables]
        rows = [{name: row[name] for name in variables if row[name] is not None} for row in solutions]
        return SimpleNamespace(variables=variables, rows=lambda: rows)

    return ask


def pick(rows: list[dict], *columns: str) -> list[tuple]:
    return [tuple(row[column] for column in columns) for row in rows]


def succession(backend: Ask, entity: str, column: str) -> list[tuple]:
    """The `succession` rows of an entity as (direction, other, column) tuples."""
    return pick(answer(backend, "succession", entity=entity), "direction", "other", column)


def test_cq1_chair_on_a_day_during_hessens_tenure(backend):
    rows = answer(backend, "chair-at", body="body:intmk", date="2022-10-01")
    assert pick(rows, "status", "holder", "holderLabel", "person", "personLabel") == [
        ("certain", "land:hessen", "Hessen", "person:kai-klose", "Kai Klose")
    ]
    row = rows[0]
    assert (row["certainFrom"], row["certainUntil"], row["possibleFrom"], row["possibleUntil"]) == (
        "2022-07-01",
        "2023-06-30",
        "2022-07-01",
        "2023-06-30",
    )
    assert row["holding"] == "holding:intmk-chair-2022-hessen"
    assert set(row["sources"].split(", ")) >= HESSEN_CHAIR_SOURCES  # issue 15 added the IntMK's own pages
    assert "last day held, inclusive" in row["endConvention"]


def test_cq1_chair_on_the_day_before_the_hand_over(backend):
    rows = answer(backend, "chair-at", body="body:intmk", date="2022-06-30")
    # Hamburg held it until the hand-over of 1 July: certain on its last day, and alone
    assert pick(rows, "status", "holder", "certainUntil", "possibleFrom") == [
        ("certain", "land:hamburg", "2022-06-30", "2021-07-01")
    ]
    assert PRESS_003 in rows[0]["sources"].split(", ")


def test_cq1_no_known_holder_after_the_last_known_tenure_ended(backend):
    # Changed expectation (issue 11): a day no tenure covers says so, with the neighbours, instead of
    # answering nothing.
    # Issue 15: the last known tenure is NRW's (a one-year term from 1 July 2025).
    rows = answer(backend, "chair-at", body="body:intmk", date="2026-07-01")
    assert pick(rows, "status", "holder", "before", "beforeLabel", "after") == [
        ("no known holder", None, "holding:intmk-chair-2025-nordrhein-westfalen", "Nordrhein-Westfalen", None)
    ]


def test_cq2_chairs_in_order_with_predecessor_and_successor(backend):
    rows = answer(backend, "chairs", body="body:intmk")
    holders = [row["holder"] for row in rows]
    assert holders.index("land:hamburg") == holders.index("land:hessen") - 1
    hamburg, hessen = rows[holders.index("land:hamburg")], rows[holders.index("land:hessen")]
    assert (hamburg["successor"], hamburg["successorLabel"]) == ("holding:intmk-chair-2022-hessen", "Hessen")
    assert (hamburg["certainUntil"], hamburg["possibleUntil"]) == ("2022-06-30", "2022-06-30")
    assert (hessen["predecessor"], hessen["predecessorLabel"]) == (
        "holding:intmk-chair-until-2022-hamburg",
        "Hamburg",
    )
    assert (hessen["certainFrom"], hessen["certainUntil"], hessen["exercisedBy"]) == (
        "2022-07-01",
        "2023-06-30",
        "Kai Klose",
    )
    assert PRESS_003 in hessen["sources"]
    starts = [row["certainFrom"] or row["certainUntil"] for row in rows]
    assert starts == sorted(starts)


def test_cq2_succession_both_directions(backend):
    assert ("predecessor", "holding:intmk-chair-until-2022-hamburg", "land:hamburg") in succession(
        backend, "holding:intmk-chair-2022-hessen", "otherMember"
    )
    assert ("successor", "holding:intmk-chair-2022-hessen", "land:hessen") in succession(
        backend, "holding:intmk-chair-until-2022-hamburg", "otherMember"
    )


def test_cq3_land_tenure_of_hessen(backend):
    rows = answer(backend, "land-tenure", land="land:hessen", body="body:intmk")
    assert pick(
        rows,
        "holding",
        "certainFrom",
        "certainUntil",
        "possibleFrom",
        "possibleUntil",
        "personLabel",
    ) == [
        (
            "holding:intmk-chair-2022-hessen",
            "2022-07-01",
            "2023-06-30",
            "2022-07-01",
            "2023-06-30",
            "Kai Klose",
        )
    ]
    assert set(rows[0]["sources"].split(", ")) >= HESSEN_CHAIR_SOURCES
    # both ends as the source states them (the from-weekday beginning, "bis zum 30. Juni 2023")
    assert set(rows[0]["rules"].split(", ")) == {
        f"{bound}: tenure-stated"
        for bound in ("earliestBeginning", "latestBeginning", "earliestEnd", "latestEnd")
    }


def test_cq4_meetings_of_the_intmk_2023_to_2025(backend):
    rows = answer(backend, "meetings", body="body:intmk", **{"from": "2023-01-01", "to": "2025-12-31"})
    expected = [
        (
            "meeting:intmk-18-pre-conference",
            "Vorkonferenz",
            "18",
            "2023-03-14",
            "2023-03-15",
            None,
            "igc:announced",
        ),
        (
            "meeting:intmk-18-main-conference",
            "Hauptkonferenz",
            "18",
            "2023-04-26",
            "2023-04-27",
            None,
            "igc:announced",
        ),
        (
            "meeting:intmk-2024-autumn-meeting",
            "Herbsttreffen",
            None,
            "2024-09-10",
            "2024-09-11",
            "Hannover",
            "igc:announced",
        ),
        (
            "meeting:intmk-2025-pre-conference",
            "Vorkonferenz",
            None,
            "2025-03-19",
            "2025-03-20",
            "Hannover",
            "igc:announced",
        ),
        (
            "meeting:intmk-2025-main-conference",
            "Hauptkonferenz",
            None,
            "2025-04-23",
            "2025-04-24",
            "Göttingen",
            "igc:announced",
        ),
    ]
    from_003 = [row for row in rows if row["file"] == PRESS_003]
    assert (
        pick(from_003, "meeting", "typeLabel", "ordinal", "earliest", "latest", "placeLabel", "status")
        == expected
    )
    assert all(row["latest"] >= "2023-01-01" and row["earliest"] <= "2025-12-31" for row in rows)


def test_cq4_different_places_are_separate_rows_with_their_sources(backend):
    rows = answer(backend, "meetings", body="body:intmk", **{"from": "2014-01-01", "to": "2014-12-31"})
    ninth = {
        (row["placeLabel"], row["file"])
        for row in rows
        if row["meeting"] == "meeting:intmk-09-main-conference"
    }
    assert {place for place, _ in ninth} >= {"Halle (Saale)", "Magdeburg"}


def test_cq5_history_of_the_hessische_integrationskonferenz(backend):
    rows = answer(backend, "body-history", body="body:hessische-integrationskonferenz")
    by_source = {(row["event"], row["file"]): row for row in rows}
    constitution = by_source[
        "event:hessische-integrationskonferenz-2015-constitution", "002_1b34fd0b7c295dd2.txt"
    ]
    assert (constitution["types"], constitution["edtf"], constitution["earliest"]) == (
        "Konstituierung",
        "2015-03-19",
        "2015-03-19",
    )
    # December 2019: a new body, constituted from the Integrationsbeirat and this conference (it no longer
    # merges into itself); the 2024 re-constitution is the new body's.
    merger = by_source["event:hessische-integrationskonferenz-2019-reconstitution", PRESS_004]
    assert set(merger["types"].split(", ")) == {"Konstituierung", "Zusammenlegung"}
    assert (merger["edtf"], merger["earliest"], merger["latest"]) == ("2019-12", "2019-12-01", "2019-12-31")
    assert set(merger["from"].split(" + ")) == {"Integrationsbeirat", "Hessische Integrationskonferenz"}
    assert merger["into"] == "Hessische Integrationskonferenz (seit 2019)"
    events = {event for event, _ in by_source}
    assert "event:hessische-integrationskonferenz-2024-reconstitution" not in events
    later = answer(backend, "body-history", body="body:hessische-integrationskonferenz-2019")
    by_source = {(row["event"], row["file"]): row for row in later}
    assert ("event:hessische-integrationskonferenz-2019-reconstitution", PRESS_004) in by_source
    weiterstadt = by_source["event:hessische-integrationskonferenz-2024-reconstitution", PRESS_000]
    assert (weiterstadt["types"], weiterstadt["edtf"], weiterstadt["approximateMembers"]) == (
        "Neukonstituierung",
        "2024-09-23?",
        "80",
    )
    assert "Weiterstadt" in weiterstadt["places"]
    dates = [row["earliest"] for row in rows if row["earliest"]]  # an undated report (issue 15) comes first
    assert dates == sorted(dates)


def test_cq6_the_plan_that_replaced_the_hessischer_integrationsplan(backend):
    # 004 states no dct:replaces: the 2.0 is a revision, derived from its name and context (no source file).
    assert ("successor", "plan:hessischer-integrationsplan-2-0", "wasRevisionOf") in succession(
        backend, "plan:hessischer-integrationsplan", "relations"
    )
    rows = answer(backend, "plans", plan="plan:hessischer-integrationsplan-2-0")
    assert {
        "planIri": "plan:hessischer-integrationsplan-2-0",
        "planLabel": "Hessischer Integrationsplan 2.0",
        "version": "2.0",
        "replaces": "",
        "replacedBy": "",
        "revisionOf": "Hessischer Integrationsplan",
        "adoptedEdtf": "2023-04-24?",
        "adoptedEarliest": "2020-04-24",
        "adoptedLatest": "2023-04-24",
        "adoptedBy": "Hessisches Kabinett",
        "newActionFields": "Rassismus und Diskriminierung",
        "draftedWith": "Hessische Integrationskonferenz (seit 2019)",
        "file": PRESS_004,
    } in rows


def test_cq7_offices_of_kai_klose(backend):
    rows = answer(backend, "offices-of", person="person:kai-klose")
    offices = {(row["post"], row["role"], row["in"]) for row in rows}
    assert offices >= {
        (
            "post:hessischer-minister-fuer-soziales-und-integration",
            "igc:minister",
            "ministry:hessisches-ministerium-fuer-soziales-und-integration",
        ),
        ("post:hessen-staatssekretaer", "igc:state-secretary", "land:hessen"),
        (
            "post:bevollmaechtigter-hessen-integration-antidiskriminierung",
            "igc:plenipotentiary",
            "land:hessen",
        ),
        ("post:intmk-chair", "igc:chair", "body:intmk"),
    }
    minister = {f for row in rows if row["role"] == "igc:minister" for f in row["sources"].split(", ")}
    assert minister >= {PRESS_003, PRESS_004}
    chair = [row for row in rows if row["post"] == "post:intmk-chair"]
    # Changed expectation (issue 11): Klose's chair ends with the Hessen holding he exercised.
    assert pick(chair, "onBehalfOf", "certainFrom", "possibleUntil") == [
        ("land:hessen", "2022-07-01", "2023-06-30")
    ]
    assert set(chair[0]["sources"].split(", ")) >= HESSEN_CHAIR_SOURCES


def test_cq8_holders_of_the_intmk_chair_in_order(backend):
    rows = answer(backend, "holders-of", post="post:intmk-chair")
    holdings = [row["holding"] for row in rows]
    assert holdings.index("holding:intmk-chair-until-2022-hamburg") < holdings.index(
        "holding:intmk-chair-2022-hessen"
    )
    klose = rows[holdings.index("holding:intmk-chair-2022-kai-klose")]
    assert (klose["holder"], klose["exercises"], klose["onBehalfOf"]) == (
        "person:kai-klose",
        "holding:intmk-chair-2022-hessen",
        "land:hessen",
    )


def test_cq9_sources_mentioning_hessen_with_evidence_spans(backend):
    rows = answer(backend, "sources-of", entity="land:hessen")
    assert len({row["file"] for row in rows}) >= 3
    assert all(row["exact"] and int(row["end"]) > int(row["start"]) for row in rows)
    assert (
        "holding:intmk-chair-2022-hessen",
        "Hessen ist bis zum 30. Juni 2023 Vorsitzland der 18. IntMK",
        "2138",
        "2196",
    ) in pick(rows, "fact", "exact", "start", "end")


def test_cq9_sources_of_a_fact(backend):
    rows = answer(backend, "sources-of", entity="meeting:intmk-2025-main-conference")
    assert (PRESS_003, "Hauptkonferenz (auf Ministerebene)\n23.-24. April 2025 in Göttingen") in pick(
        rows, "file", "exact"
    )


def test_cq10_timeline_of_the_hand_over(backend):
    rows = answer(backend, "timeline", **{"from": "2022-06-01", "to": "2022-07-31"})
    hand_over = [(row["what"], row["fact"], row["earliest"]) for row in rows if row["file"] == PRESS_003]
    on_the_day = [(what, fact) for what, fact, earliest in hand_over if earliest == "2022-07-01"]
    assert on_the_day == [
        ("Amtsbeginn", "holding:intmk-chair-2022-hessen"),
        ("Amtsbeginn", "holding:intmk-chair-2022-kai-klose"),
        ("Amtsende (Übergabetag, erster Tag danach)", "holding:intmk-chair-until-2022-hamburg"),
    ]
    # what each row is about and who acted, as IRIs a page names in its language (issue 13)
    hand_over_rows = [row for row in rows if row["file"] == PRESS_003 and row["earliest"] == "2022-07-01"]
    assert pick(hand_over_rows, "fact", "subject", "agent") == [
        ("holding:intmk-chair-2022-hessen", "post:intmk-chair", "land:hessen"),
        ("holding:intmk-chair-2022-kai-klose", "post:intmk-chair", "person:kai-klose"),
        ("holding:intmk-chair-until-2022-hamburg", "post:intmk-chair", "land:hamburg"),
    ]
    # the two months fit on one page: every entry of the period is answered, and counted
    entries = set(pick(rows, "earliest", "latest", "what", "fact", "file"))
    assert {row["entriesInPeriod"] for row in rows} == {str(len(entries))}
    # Hamburg's beginning, a resolved window in issue 11, is stated since issue 15: 1 July 2021
    earlier = answer(backend, "timeline", **{"from": "2021-06-01", "to": "2021-07-31"})
    assert ("2021-07-01", "Amtsbeginn", "hamburg-de-17-intmk.txt") in pick(
        [row for row in earlier if row["fact"] == "holding:intmk-chair-until-2022-hamburg"],
        "edtf",
        "what",
        "file",
    )
    dates = [row["earliest"] for row in answer(backend, "timeline")]
    assert dates == sorted(dates)
    assert "2015-03-19" in dates


def test_cq11_contested_place_of_the_ninth_intmk(backend):
    rows = answer(backend, "contested", about="meeting:intmk-09-main-conference")
    places = [row for row in rows if row["property"] == "schema:location"]
    assert {(row["value1Label"], row["value2Label"]) for row in places} == {("Halle (Saale)", "Magdeburg")}
    assert all(row["file1"] != row["file2"] for row in rows)


def test_cq11_single_source_facts(backend):
    rows = answer(backend, "single-source")
    facts = {row["fact"]: row for row in rows}
    session = "meeting:hessische-integrationskonferenz-2019-session-03"
    assert facts[session]["file"] == "soziales-hessen-3-integrationskonferenz-themenforen-2021.txt"
    # the Hessian law's adoption: stern/dpa (i15b) and the law's text page (i15c) both report it
    assert "event:hessisches-integrations-und-teilhabegesetz-adoption" not in facts
    # two sources report it now: press/000 and a portal page of issue 15
    assert "meeting:hessische-integrationskonferenz-2024-constituent-session" not in facts
    assert "meeting:intmk-09-main-conference" not in facts  # two sources report it
    assert "event:hessische-integrationskonferenz-2015-constitution" not in facts


def test_cq12_constituent_session_of_2024(backend):
    rows = answer(
        backend,
        "session-details",
        meeting="meeting:hessische-integrationskonferenz-2024-constituent-session",
    )
    details = set(pick(rows, "aspect", "valueLabel", "value"))
    assert ("working-group topic", "Rassismus", "topic:rassismus") in details
    assert ("working-group topic", "Frühkindliche Bildung", "topic:fruehkindliche-bildung") in details
    assert ("members", None, "80") in details
    assert ("chair", "Heike Hofmann", "person:heike-hofmann") in details
    assert ("place", "Weiterstadt-Braunshardt", "place:weiterstadt-braunshardt") in details


def test_cq12_shoomans_presentation(backend):
    rows = answer(
        backend,
        "session-details",
        meeting="meeting:hessische-integrationskonferenz-session-integrationsplan-2-0",
    )
    assert (
        "presentation",
        "person:yasemin-shooman",
        "doc:lagebericht-13-rassismus-in-deutschland",
        PRESS_004,
    ) in pick(rows, "aspect", "value", "detail", "file")


# Queries rewritten for speed at 1M (issue 11, third pass): each backend gives the embedded store's rows.
SAME_ROWS = [
    ("advisory-bodies", {"land": "land:hessen"}),
    ("sources-of", {"entity": "land:hessen"}),
    ("sources-of", {"entity": "holding:intmk-chair-2022-hessen"}),
    ("plans", {}),
    ("chairs", {"body": "body:intmk"}),
    ("land-tenure", {"land": "land:hessen", "body": "body:intmk"}),
]


# Virtuoso 7.2.5 fails a GROUP_CONCAT value longer than its limit for untyped (ANY) columns with "SR478
# Value of ANY type column too long": `plans` over every plan lists one plan's many sources in one value
# (docs/deployment.md, "Virtuoso"). Strict, so the mark goes when the query or the dialect handles it.
VIRTUOSO_TOO_LONG = {("plans", ())}


def _cell(value: str | None) -> tuple[bool, str]:
    """A value as a sortable key, its `, `-separated list sorted (SPARQL leaves GROUP_CONCAT's order open).
    An empty GROUP_CONCAT is unbound on pyoxigraph and "" on Virtuoso (the spec's empty string): one key."""
    return (not value, ", ".join(sorted(value.split(", "))) if value else "")


def _as_set(rows: list[dict]) -> list[tuple]:
    return sorted(tuple(sorted((key, _cell(value)) for key, value in row.items())) for row in rows)


@pytest.mark.parametrize(
    ("name", "params"), SAME_ROWS, ids=[f"{n}-{'-'.join(p.values())}" for n, p in SAME_ROWS]
)
def test_rewritten_queries_give_the_embedded_rows(request, backend, graph_store, name, params):
    if (
        request.node.callspec.params.get("backend") == "virtuoso"
        and (name, tuple(params)) in VIRTUOSO_TOO_LONG
    ):
        request.applymarker(
            pytest.mark.xfail(reason="Virtuoso 7.2.5 SR478: a GROUP_CONCAT too long", strict=True)
        )
    expected = answer(in_process(graph_store), name, **params)
    assert expected, f"{name} {params} has rows on the built graph"
    assert _as_set(answer(backend, name, **params)) == _as_set(expected)
