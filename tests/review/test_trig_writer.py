"""The TriG writer and the editing behind it: every curated file survives opening and saving unchanged
(same triples), writing is deterministic, comments above a node stay, and a save that would not build
leaves every file as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

from integrationsgraph.curation.selectors import evidence_turtle, prefix_lines
from integrationsgraph.errors import DataNonConformant, UsageError
from integrationsgraph.paths import DATA_DIR
from integrationsgraph.review.editing import apply_review
from integrationsgraph.review.opening import parse_trig, review_json
from integrationsgraph.review.saving import save_review
from integrationsgraph.review.trig_writer import leading_comments, source_trig
from integrationsgraph.review.workspace import Workspace
from tests.review.synthetic import SYNTHETIC_STEM

CURATED = sorted((DATA_DIR / "sources").glob("*.trig"))
ID = "https://w3id.org/integrationsgraph/id/"


def unchanged_payload(document: dict) -> dict:
    """What the page sends when the curator keeps every card as it opened."""
    return {"cards": [dict(card, original_iri=card["iri"]) for card in document["cards"]], "entities": []}


def test_there_are_curated_files_to_round_trip():
    assert len(CURATED) >= 40


@pytest.mark.parametrize("path", CURATED, ids=lambda p: p.stem)
def test_writing_a_curated_graph_keeps_every_triple_and_is_a_fixpoint(path: Path):
    graph = parse_trig(path.read_bytes(), str(path))
    written = source_trig(path.stem, graph, leading_comments(path.read_text("utf-8")))
    again = parse_trig(written.encode(), "written")
    assert set(again) == set(graph)
    assert source_trig(path.stem, again, leading_comments(written)) == written


@pytest.mark.parametrize("path", CURATED, ids=lambda p: p.stem)
def test_opening_and_saving_a_curated_document_unchanged_gives_the_same_triples(path, workspace):
    review = workspace.open(path.stem)
    outcome = apply_review(review, unchanged_payload(review_json(review, {})), workspace.refs(), {})
    assert set(outcome.graph) == set(review.graph)
    assert outcome.counts["kept"] == outcome.counts["curated"] == len(review.facts())
    assert outcome.counts["corrected"] == outcome.counts["rejected"] == outcome.counts["added"] == 0


def test_comments_above_a_node_are_written_above_it_again():
    path = DATA_DIR / "sources" / "003_ebd8c5b068b7a6d2.trig"
    comments = leading_comments(path.read_text("utf-8"))
    written = source_trig(path.stem, parse_trig(path.read_bytes(), str(path)), comments)
    for subject, lines in comments.items():
        block = "\n".join(lines)
        assert block.replace("\n", "\n    ") in written or block in written, subject


def test_a_save_that_would_not_build_writes_nothing(workspace: Workspace, review_data: Path):
    stem = "003_ebd8c5b068b7a6d2"
    trig = review_data / "sources" / f"{stem}.trig"
    before = trig.read_bytes()
    entities_before = {p.name: p.read_bytes() for p in (review_data / "entities").glob("reviewed-*.ttl")}
    payload = unchanged_payload(review_json(workspace.open(stem), {}))
    meeting = next(c for c in payload["cards"] if "ig:Meeting" in c["classes"])
    meeting["fields"] = [f for f in meeting["fields"] if f["predicate"] != "ig:status"]
    with pytest.raises(DataNonConformant) as raised:
        save_review(workspace, stem, payload)
    problems = [str(p) for p in raised.value.problems]
    assert any("ig:status" in p and str(trig) in p for p in problems), problems
    assert trig.read_bytes() == before
    assert not (review_data / "curation-log.json").exists()
    assert {
        p.name: p.read_bytes() for p in (review_data / "entities").glob("reviewed-*.ttl")
    } == entities_before


def test_undecided_drafted_facts_unknown_entities_and_half_labelled_entities_are_refused(workspace):
    review = workspace.open(SYNTHETIC_STEM)
    document = review_json(review, {})
    payload = unchanged_payload(document)
    with pytest.raises(UsageError, match="decide every fact first"):
        apply_review(review, payload, workspace.refs(), {})
    for card in payload["cards"]:
        card["decision"] = "accepted"
    greta = next(c for c in payload["cards"] if any(f["value"].get("iri") == "person:greta-vogelsang"
                                                   for f in c["fields"]))  # fmt: skip
    with pytest.raises(UsageError, match="person:greta-vogelsang is not in the registry"):
        apply_review(review, {**payload, "entities": []}, workspace.refs(), {})
    half = [dict(e, origin="added", label_en="") for e in document["entities"]]
    with pytest.raises(UsageError, match="German and an English label"):
        apply_review(review, {**payload, "entities": half}, workspace.refs(), {})
    greta["decision"] = "rejected"
    with pytest.raises(UsageError, match="exactly once"):
        apply_review(review, {**payload, "cards": payload["cards"][1:]}, workspace.refs(), {})


def test_a_corrected_date_gets_the_three_layers_and_its_method(workspace):
    review = workspace.open(SYNTHETIC_STEM)
    payload = unchanged_payload(review_json(review, {}))
    greta_cards = []
    for card in payload["cards"]:
        names_greta = any(f["value"].get("iri") == "person:greta-vogelsang" for f in card["fields"])
        card["decision"] = "rejected" if names_greta else "accepted"
        greta_cards += [card["iri"]] if names_greta else []
    # Her sentence's two readings: the chair she exercises for Thüringen and her office as its minister.
    assert sorted(greta_cards) == ["holding:greta-vogelsang-thueringen-ministerin",
                                   "holding:intmk-chair-2031-greta-vogelsang"]  # fmt: skip
    meeting = next(c for c in payload["cards"] if c["iri"].endswith("main-conference"))
    meeting["time"]["ends"] = {"edtf": "2032-03", "method": "from-context", "note": ""}
    with pytest.raises(UsageError, match="needs a note"):
        apply_review(review, payload, workspace.refs(), {})
    meeting["time"]["ends"]["note"] = "A test's note."
    outcome = apply_review(review, payload, workspace.refs(), {})
    instant = URIRef(f"{ID}instant/{SYNTHETIC_STEM}-2032-03-from-context")
    values = {str(p).rsplit("#", 1)[-1]: str(o) for p, o in outcome.graph.predicate_objects(instant)}
    assert values["inXSDgYearMonth"] == "2032-03"
    assert (values["earliest"], values["latest"], values["edtf"]) == ("2032-03-01", "2032-03-31", "2032-03")
    assert values["dateMethod"].endswith("/from-context")
    assert values["dateNote"] == "A test's note."
    by_kind = outcome.counts.pop("by_kind")
    assert outcome.counts == {"drafted": len(payload["cards"]), "kept": len(payload["cards"]) - 3,
                              "corrected": 1, "rejected": 2, "added": 0}  # fmt: skip
    # the same decisions per kind of fact: her two holdings rejected, the meeting's date corrected
    assert by_kind["Holding"]["rejected"] == 2
    assert by_kind["Meeting"]["corrected"] == 1
    for decision, total in outcome.counts.items():
        assert sum(tally.get(decision, 0) for tally in by_kind.values()) == total, decision
    # The old end instant is still used by the beginning; nothing else points at a dropped node.
    assert (None, None, URIRef(f"{ID}instant/{SYNTHETIC_STEM}-2032-03-12")) not in outcome.graph


def test_new_entities_are_written_to_the_registry_with_both_labels(workspace, review_data):
    review = workspace.open(SYNTHETIC_STEM)
    document = review_json(review, {})
    payload = unchanged_payload(document)
    for card in payload["cards"]:
        card["decision"] = "accepted"
    payload["entities"] = [dict(e, label_en=e["label_de"]) for e in document["entities"]]
    saved = save_review(workspace, SYNTHETIC_STEM, payload)
    persons = parse_trig((review_data / "entities" / "reviewed-persons.ttl").read_bytes(), "persons")
    greta = URIRef(f"{ID}person/greta-vogelsang")
    assert set(persons.objects(greta, RDFS.label)) == {Literal("Greta Vogelsang", lang="de"),
                                                       Literal("Greta Vogelsang", lang="en")}  # fmt: skip
    assert review_data / "sources" / f"{SYNTHETIC_STEM}.trig" in saved.written
    assert saved.counts["kept"] == len(payload["cards"])
    reopened = workspace.open(SYNTHETIC_STEM)
    assert reopened.opened_from == "curated"
    assert {c["iri"] for c in review_json(reopened, {})["cards"]} == {c["iri"] for c in payload["cards"]}


def test_a_fact_added_from_a_selection_cites_it_as_the_evidence_command_would(workspace):
    review = workspace.open(SYNTHETIC_STEM)
    payload = unchanged_payload(review_json(review, {}))
    for card in payload["cards"]:
        card["decision"] = "rejected"
    words = "Die Vorkonferenz tagt am 4. Februar 2032 in Wiesbaden."
    start = review.source.body.index(words)
    payload["cards"].append({
        "iri": "", "original_iri": None, "origin": "added", "decision": "accepted",
        "classes": ["ig:Meeting"], "spans": [{"start": start, "end": start + len(words)}],
        "fields": [{"predicate": "ig:meetingOf", "value": {"iri": "body:intmk"}},
                   {"predicate": "ig:meetingType", "value": {"iri": "igc:pre-conference"}},
                   {"predicate": "ig:status", "value": {"iri": "igc:announced"}}],
        "time": {"link": "time:hasTime", "shape": "interval", "begins": {"edtf": "2032-02-04"},
                 "ends": {"edtf": "2032-02-04"}},
    })  # fmt: skip
    outcome = apply_review(review, payload, workspace.refs(), {})
    expected = parse_trig((prefix_lines() + evidence_turtle(review.source, words)).encode(), "evidence")
    assert set(expected) <= set(outcome.graph)
    (meeting,) = outcome.graph.subjects(RDF.type, URIRef("https://w3id.org/integrationsgraph/def#Meeting"))
    assert str(meeting) == f"{ID}meeting/intmk-2032-pre-conference"
    assert outcome.counts["added"] == 1
    assert outcome.counts["rejected"] == len(payload["cards"]) - 1
    payload["cards"][-1]["spans"] = [{"start": start, "end": len(review.source.body) + 5}]
    with pytest.raises(UsageError, match="is not a span of the text"):
        apply_review(review, payload, workspace.refs(), {})


def test_a_fact_with_two_time_links_keeps_both_as_fields(workspace):
    review = workspace.open("003_ebd8c5b068b7a6d2")
    fact = review.facts()[0]
    extra = URIRef(f"{ID}interval/a-second-tenure")
    review.graph.add((fact, URIRef("http://www.w3.org/ns/org#memberDuring"), extra))
    review.graph.add((extra, RDF.type, URIRef("http://www.w3.org/2006/time#ProperInterval")))
    document = review_json(review, {})
    (card,) = [c for c in document["cards"] if c["time"]["shape"] == "multiple"]
    assert [f["predicate"] for f in card["fields"]].count("org:memberDuring") == 2
    outcome = apply_review(review, unchanged_payload(document), workspace.refs(), {})
    assert set(outcome.graph) == set(review.graph)


def test_a_date_changed_on_one_fact_leaves_an_interval_another_fact_shares(workspace):
    has_time, has_end = (URIRef(f"http://www.w3.org/2006/time#{name}") for name in ("hasTime", "hasEnd"))
    review = workspace.open(SYNTHETIC_STEM)
    pre, main = (URIRef(f"{ID}meeting/intmk-2032-{kind}") for kind in ("pre-conference", "main-conference"))
    shared = review.graph.value(main, has_time)
    review.graph.set((pre, has_time, shared))  # two facts on one interval, as a hand-written file may have
    payload = unchanged_payload(review_json(review, {}))
    for card in payload["cards"]:
        names_greta = any(f["value"].get("iri") == "person:greta-vogelsang" for f in card["fields"])
        card["decision"] = "rejected" if names_greta else "accepted"
    main_card = next(c for c in payload["cards"] if c["iri"] == "meeting:intmk-2032-main-conference")
    main_card["time"]["ends"] = {"edtf": "2032-03-13", "method": "stated", "note": ""}
    outcome = apply_review(review, payload, workspace.refs(), {})
    assert outcome.graph.value(pre, has_time) == shared
    assert str(outcome.graph.value(shared, has_end)).endswith("-2032-03-12")
    corrected = outcome.graph.value(main, has_time)
    assert str(corrected) == f"{shared}-2"
    assert str(outcome.graph.value(corrected, has_end)).endswith("-2032-03-13")
