"""The review app over HTTP, in process: pages, the JSON API, entity search, saving and its refusals
(other hosts, other origins, non-JSON, a save that would not build)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.review.synthetic import SYNTHETIC_STEM

pytestmark = pytest.mark.anyio
CURATED_STEM = "003_ebd8c5b068b7a6d2"


async def test_the_document_list_says_which_texts_are_curated(review_client):
    response = await review_client.get("/")
    assert response.status_code == 200
    assert f'<tr data-stem="{SYNTHETIC_STEM}">' in response.text
    row = response.text.split(f'<tr data-stem="{CURATED_STEM}">', 1)[1].split("</tr>", 1)[0]
    assert ">curated<" in row
    assert "corpus/federal-and-laender" in response.text


async def test_a_draft_opens_as_pending_cards_with_their_evidence(review_client):
    response = await review_client.get(f"/api/documents/{SYNTHETIC_STEM}")
    assert response.status_code == 200
    document = response.json()
    assert document["opened_from"] == "draft"
    assert document["cards"], "the synthetic release has drafted facts"
    for card in document["cards"]:
        assert card["decision"] == "pending"
        for span in card["spans"]:
            assert document["text"][span["start"] : span["end"]] == span["exact"]
    assert any(e["iri"] == "person:greta-vogelsang" for e in document["entities"])


async def test_a_curated_document_opens_with_its_curated_facts(review_client):
    document = (await review_client.get(f"/api/documents/{CURATED_STEM}")).json()
    assert document["opened_from"] == "curated"
    assert {c["decision"] for c in document["cards"]} == {"accepted"}
    assert "holding:intmk-chair-2022-hessen" in {c["iri"] for c in document["cards"]}


async def test_an_unknown_document_is_a_404_naming_it(review_client):
    response = await review_client.get("/api/documents/no-such-text")
    assert response.status_code == 404
    assert "no-such-text" in response.json()["error"]["problems"][0]
    assert (await review_client.get("/documents/no-such-text")).status_code == 404


async def test_entity_search_finds_registry_labels_of_the_kinds_asked(review_client):
    found = (await review_client.get("/api/entities", params={"q": "thür", "kinds": "land"})).json()
    assert {"iri": "land:thueringen", "label": "Thüringen", "kind": "land"} in found["entities"]
    assert all(e["kind"] == "land" for e in found["entities"])


async def test_the_vocabulary_reads_its_choices_from_the_schemes(review_client):
    vocabulary = (await review_client.get("/api/vocabulary")).json()
    assert {"value": "igc:held", "label": "held"} in vocabulary["concepts"]["igc:status"]
    assert "ig:Holding" in vocabulary["fact_classes"]


async def test_other_hosts_are_refused(review_client):
    response = await review_client.get("/", headers={"Host": "review.example.org"})
    assert response.status_code == 400


async def test_a_save_from_another_origin_or_not_in_json_is_refused(review_client, review_data: Path):
    url = f"/api/documents/{CURATED_STEM}"
    foreign = await review_client.post(url, json={"cards": []}, headers={"Origin": "http://evil.example"})
    assert foreign.status_code == 403
    form = await review_client.post(url, data={"cards": "[]"})
    assert form.status_code == 415
    assert not (review_data / "curation-log.json").exists()


async def test_a_save_that_would_not_build_answers_422_and_writes_nothing(review_client, review_data: Path):
    trig = review_data / "sources" / f"{CURATED_STEM}.trig"
    before = trig.read_bytes()
    document = (await review_client.get(f"/api/documents/{CURATED_STEM}")).json()
    cards = [dict(card, original_iri=card["iri"]) for card in document["cards"]]
    holding = next(c for c in cards if c["iri"] == "holding:intmk-chair-2022-hessen")
    holding["fields"] = [f for f in holding["fields"] if f["predicate"] != "org:member"]
    response = await review_client.post(
        f"/api/documents/{CURATED_STEM}", json={"cards": cards, "entities": []}
    )
    assert response.status_code == 422
    problems = response.json()["error"]["problems"]
    assert any("org:member" in p and "holding/intmk-chair-2022-hessen" in p for p in problems), problems
    assert trig.read_bytes() == before
    assert not (review_data / "curation-log.json").exists()


async def test_a_save_writes_the_source_and_logs_the_counts(review_client, review_data: Path):
    document = (await review_client.get(f"/api/documents/{CURATED_STEM}")).json()
    cards = [dict(card, original_iri=card["iri"]) for card in document["cards"]]
    cards[0]["decision"] = "rejected"
    response = await review_client.post(
        f"/api/documents/{CURATED_STEM}", json={"cards": cards, "entities": []}
    )
    assert response.status_code == 200, response.text
    assert f"data/sources/{CURATED_STEM}.trig" in response.json()["written"]
    log = json.loads((review_data / "curation-log.json").read_text("utf-8"))
    (entry,) = log["documents"][CURATED_STEM]
    assert entry["opened_from"] == "curated"
    assert (entry["curated"], entry["kept"], entry["rejected"]) == (len(cards), len(cards) - 1, 1)
    reopened = (await review_client.get(f"/api/documents/{CURATED_STEM}")).json()
    assert len(reopened["cards"]) == len(cards) - 1


async def test_a_malformed_save_names_the_place_that_is_wrong(review_client, review_data: Path):
    document = (await review_client.get(f"/api/documents/{CURATED_STEM}")).json()
    cards = [dict(card, original_iri=card["iri"]) for card in document["cards"]]
    cards[1]["spans"] = [{"start": "12"}]
    response = await review_client.post(f"/api/documents/{CURATED_STEM}", json={"cards": cards})
    assert response.status_code == 422
    assert response.json()["error"]["problems"][0].startswith("cards/1/spans/0")
    assert not (review_data / "curation-log.json").exists()


async def test_a_save_can_correct_the_source_title_and_a_blank_one_keeps_it(review_client, review_data: Path):
    stem = "evangelisch-de-oezoguz-wird-staatsministerin-2013-12-16"
    document = (await review_client.get(f"/api/documents/{stem}")).json()
    cards = [dict(card, original_iri=card["iri"]) for card in document["cards"]]
    headline = "Aydan Özoguz wird Staatsministerin für Migration, Flüchtlinge und Integration"
    response = await review_client.post(
        f"/api/documents/{stem}",
        json={"cards": cards, "entities": [], "source": {"title": headline, "title_is_curated": False}},
    )
    assert response.status_code == 200, response.text
    reopened = (await review_client.get(f"/api/documents/{stem}")).json()
    assert (reopened["title"], reopened["title_is_curated"]) == (headline, False)
    trig = (review_data / "sources" / f"{stem}.trig").read_text("utf-8")
    assert f'dct:title "{headline}"@de' in trig
    assert "ig:titleIsCurated" not in trig
    # a description of ours is marked as curated; a blank title changes nothing
    description = "[Özoğuz wird Integrationsbeauftragte]"
    for given in ({"title": description, "title_is_curated": True}, {"title": "  "}):
        response = await review_client.post(
            f"/api/documents/{stem}", json={"cards": cards, "entities": [], "source": given}
        )
        assert response.status_code == 200, response.text
        reopened = (await review_client.get(f"/api/documents/{stem}")).json()
        assert (reopened["title"], reopened["title_is_curated"]) == (description, True)
    log = json.loads((review_data / "curation-log.json").read_text("utf-8"))
    # a title is not a fact: the saves count every fact as kept
    assert [entry["kept"] for entry in log["documents"][stem]] == [len(cards)] * 3


async def test_an_uncertain_date_keeps_its_question_mark_in_the_edtf_only(review_client, review_data: Path):
    document = (await review_client.get(f"/api/documents/{CURATED_STEM}")).json()
    cards = [dict(card, original_iri=card["iri"]) for card in document["cards"]]
    dated = next(card for card in cards if card["time"]["shape"] == "interval")
    note = "The text gives the day without a year; the year is resolved from the context."
    dated["time"] = {"begins": {"edtf": "2021-07-01?", "method": "from-context", "note": note}, "ends": None}
    response = await review_client.post(f"/api/documents/{CURATED_STEM}", json={"cards": cards})
    assert response.status_code == 200, response.text
    trig = (review_data / "sources" / f"{CURATED_STEM}.trig").read_text("utf-8")
    assert f"instant:{CURATED_STEM}-2021-07-01-from-context a time:Instant" in trig
    assert 'ig:edtf "2021-07-01?"' in trig
    assert 'time:inXSDDate "2021-07-01"^^xsd:date' in trig
    reopened = (await review_client.get(f"/api/documents/{CURATED_STEM}")).json()
    begins = next(card for card in reopened["cards"] if card["iri"] == dated["iri"])["time"]["begins"]
    assert (begins["edtf"], begins["method"]) == ("2021-07-01?", "from-context")


async def test_a_date_that_is_not_edtf_is_refused_naming_the_card(review_client, review_data: Path):
    document = (await review_client.get(f"/api/documents/{CURATED_STEM}")).json()
    cards = [dict(card, original_iri=card["iri"]) for card in document["cards"]]
    dated = next(card for card in cards if card["time"]["shape"] == "interval")
    dated["time"] = {"begins": {"edtf": "1. Juli 2021", "method": "stated"}, "ends": None}
    response = await review_client.post(f"/api/documents/{CURATED_STEM}", json={"cards": cards})
    assert response.status_code == 422
    (problem,) = response.json()["error"]["problems"]
    assert dated["iri"] in problem
    assert "'1. Juli 2021'" in problem
    assert not (review_data / "curation-log.json").exists()


def _rotation_card(fields: list[dict], span: dict) -> dict:
    spans = [{"start": span["start"], "end": span["end"]}]
    return {"iri": "post:intmk-chair", "original_iri": None, "decision": "accepted", "classes": [],
            "fields": fields, "time": None, "spans": spans}  # fmt: skip


async def test_a_source_can_state_a_posts_rotation_with_its_words(review_client, review_data: Path):
    document = (await review_client.get(f"/api/documents/{CURATED_STEM}")).json()
    cards = [dict(card, original_iri=card["iri"]) for card in document["cards"]]
    fields = [
        {"predicate": "ig:termLength", "value": {"literal": "P1Y", "datatype": "xsd:duration"}},
        {"predicate": "ig:handOverDay", "value": {"literal": "--07-01", "datatype": "xsd:gMonthDay"}},
    ]
    span = cards[0]["spans"][0]
    response = await review_client.post(
        f"/api/documents/{CURATED_STEM}", json={"cards": [*cards, _rotation_card(fields, span)]}
    )
    assert response.status_code == 200, response.text
    assert response.json()["counts"]["added"] == 1
    trig = (review_data / "sources" / f"{CURATED_STEM}.trig").read_text("utf-8")
    assert 'ig:termLength "P1Y"^^xsd:duration' in trig
    assert 'ig:handOverDay "--07-01"^^xsd:gMonthDay' in trig
    assert f"ig:evidence evidence:{CURATED_STEM}-{span['start']}-{span['end']}" in trig
    reopened = (await review_client.get(f"/api/documents/{CURATED_STEM}")).json()
    assert "post:intmk-chair" in {card["iri"] for card in reopened["cards"]}


async def test_a_statement_about_an_entity_gives_only_the_properties_it_may(review_client, review_data: Path):
    document = (await review_client.get(f"/api/documents/{CURATED_STEM}")).json()
    cards = [dict(card, original_iri=card["iri"]) for card in document["cards"]]
    fields = [{"predicate": "org:member", "value": {"iri": "land:hessen"}}]
    response = await review_client.post(
        f"/api/documents/{CURATED_STEM}",
        json={"cards": [*cards, _rotation_card(fields, cards[0]["spans"][0])]},
    )
    assert response.status_code == 422
    (problem,) = response.json()["error"]["problems"]
    assert "ig:termLength, ig:handOverDay" in problem
    assert not (review_data / "curation-log.json").exists()


async def test_a_save_can_give_the_source_a_curated_title(review_client, review_data: Path):
    """The draft titles a text by its first line (a photo caption on some pages): the save replaces it."""
    stem = "queer-de-klose-landesbeauftragter-2017"
    document = (await review_client.get(f"/api/documents/{stem}")).json()
    cards = [dict(card, original_iri=card["iri"], decision="accepted") for card in document["cards"]]
    title = {"title": "[Kai Klose soll Landesbeauftragter werden]", "title_is_curated": True}
    response = await review_client.post(f"/api/documents/{stem}", json={"cards": cards, "source": title})
    assert response.status_code == 200, response.text
    trig = (review_data / "sources" / f"{stem}.trig").read_text("utf-8")
    assert 'dct:title "[Kai Klose soll Landesbeauftragter werden]"@de' in trig
    assert "ig:titleIsCurated true" in trig
    assert "(Bild: Pressefoto)" not in trig
    reopened = (await review_client.get(f"/api/documents/{stem}")).json()
    assert reopened["title"] == title["title"]


async def test_a_save_can_drop_or_replace_the_date_the_draft_gave_the_source(
    review_client, review_data: Path
):
    """An undated portal page is drafted as issued on the session day it reports; the curator drops
    that date (or gives one with its method and note) and no orphaned instant is left behind."""
    stem = "integrationskompass-integrationsgremien-integrationskonferenz-v2024"
    trig_path = review_data / "sources" / f"{stem}.trig"
    trig_path.unlink(missing_ok=True)
    document = (await review_client.get(f"/api/documents/{stem}")).json()
    assert document["opened_from"] == "draft"
    cards = [dict(card, original_iri=card["iri"], decision="rejected") for card in document["cards"]]
    response = await review_client.post(f"/api/documents/{stem}", json={"cards": cards, "issued_at": None})
    assert response.status_code == 200, response.text
    trig = trig_path.read_text("utf-8")
    assert "ig:issuedAt" not in trig
    assert f"instant:{stem}-release" not in trig
    stated = {"edtf": "2024", "method": "from-context", "note": "the page reports a session of 2024"}
    cards = [
        dict(card, original_iri=card["iri"])
        for card in (await review_client.get(f"/api/documents/{stem}")).json()["cards"]
    ]
    response = await review_client.post(f"/api/documents/{stem}", json={"cards": cards, "issued_at": stated})
    assert response.status_code == 200, response.text
    trig = trig_path.read_text("utf-8")
    assert f"ig:issuedAt instant:{stem}-2024" in trig
    assert 'ig:dateNote "the page reports a session of 2024"@en' in trig
