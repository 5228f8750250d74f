"""The questions the federal-and-laender corpus answers, asked of the real build: who held an office
on a day (`holder-at`), the federal commissioner's holders in order (`holders-of`), the Länder's
commissioners, and which councils advise a Land's government since when (`advisory-bodies`)."""

from __future__ import annotations

import pytest

from tests.queries.test_competency import answer, in_process, pick

pytestmark = pytest.mark.slow  # the session's real build takes a while

FEDERAL = "post:beauftragte-bundesregierung-migration-fluechtlinge-integration"
FEDERAL_ORDER = ["person:maria-boehmer", "person:aydan-oezoguz", "person:annette-widmann-mauz",
                 "person:reem-alabali-radovan"]  # fmt: skip


def test_the_federal_commissioners_are_listed_in_the_order_they_followed_each_other(graph_store):
    rows = answer(in_process(graph_store), "holders-of", post=FEDERAL)
    holders = [row["holder"] for row in rows]
    # other corpora may add holders (the next commissioner); these four keep their order
    assert [h for h in holders if h in FEDERAL_ORDER] == FEDERAL_ORDER
    boehmer = rows[holders.index("person:maria-boehmer")]
    assert boehmer["certainFrom"] == "2005-11-22"
    assert "bundesregierung-de-boehmer-beauftragte-2005.txt" in boehmer["sources"]
    assert "integrationsbeauftragte-de-boehmer-amtszeit-2005-2013.txt" in boehmer["sources"]


def test_holder_at_names_the_one_federal_commissioner_a_source_dates(graph_store):
    rows = answer(in_process(graph_store), "holder-at", post=FEDERAL, date="2008-06-01")
    assert pick(rows, "status", "holder") == [("certain", "person:maria-boehmer")]
    assert "bundesregierung-de-boehmer-beauftragte-2005.txt" in rows[0]["sources"]


def test_holder_at_before_the_first_known_holder_says_no_known_holder_and_who_came_next(graph_store):
    rows = answer(in_process(graph_store), "holder-at", post=FEDERAL, date="2004-01-01")
    assert pick(rows, "status", "after") == [
        (
            "no known holder",
            "holding:maria-boehmer-beauftragte-bundesregierung-migration-fluechtlinge-integration",
        )
    ]


def test_holder_at_the_intmk_chair_answers_as_chair_at_the_intmk(graph_store):
    for day in ("2009-10-01", "2022-10-01", "2024-10-01"):
        by_post = answer(in_process(graph_store), "holder-at", post="post:intmk-chair", date=day)
        by_body = answer(in_process(graph_store), "chair-at", body="body:intmk", date=day)
        columns = ("status", "holder", "person", "certainFrom", "possibleUntil", "before", "after")
        assert sorted(pick(by_post, *columns), key=str) == sorted(pick(by_body, *columns), key=str), day


def test_a_land_commissioner_follows_the_predecessor_the_appointment_names(graph_store):
    post = "post:landesbeauftragte-migration-teilhabe-niedersachsen"
    rows = answer(in_process(graph_store), "holder-at", post=post, date="2022-11-08")
    assert pick(rows, "status", "holder", "certainFrom") == [("certain", "person:deniz-kurku", "2022-11-08")]
    before = answer(in_process(graph_store), "holder-at", post=post, date="2015-01-01")
    assert [row["holder"] for row in before] == ["person:doris-schroeder-koepf"]


def test_the_baden_wuerttemberg_commissioners_2002_to_2004(graph_store):
    rows = answer(
        in_process(graph_store),
        "holders-of",
        post="post:auslaender-integrationsbeauftragter-baden-wuerttemberg",
    )
    assert pick(rows, "holder", "certainFrom", "possibleUntil")[:3] == [
        # known only to end on 12 December 2002: held at least its last day
        ("person:ulrich-goll", "2002-12-11", "2002-12-11"),
        ("person:corinna-werwigk-hertneck", "2002-12-12", "2004-07-27"),
        ("person:ulrich-goll", "2004-07-28", None),
    ]


def test_the_councils_advising_a_land_government_and_since_when(graph_store):
    hessen = answer(in_process(graph_store), "advisory-bodies", land="land:hessen")
    assert {row["since"] for row in hessen if row["body"] == "body:integrationsbeirat-hessen"} == {
        "2000-01-01"
    }
    # both datings of the setting-up are kept, each with its source
    assert ("established", "2000", "bild-hessen-integrationsbeirat-gebildet-2009-07-14.txt") in pick(
        hessen, "kind", "edtf", "source"
    )
    assert ("established", "2000-04", "integrationskompass-hmdj-integrationsbeirat.txt") in pick(
        hessen, "kind", "edtf", "source"
    )
    bw = answer(in_process(graph_store), "advisory-bodies", land="land:baden-wuerttemberg")
    assert pick(bw, "body", "since", "kind") == [
        ("body:landesbeirat-fuer-integration-baden-wuerttemberg", "2018-02-08", "constituted")
    ]
    # a Land whose government no source gives an advisory council: no rows
    assert answer(in_process(graph_store), "advisory-bodies", land="land:berlin") == []
