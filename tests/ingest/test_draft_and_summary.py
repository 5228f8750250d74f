"""The draft TriG parses and conforms to the project's SHACL shapes; the summary validates its schema."""

from __future__ import annotations

import copy
import warnings
from pathlib import Path

import pyshacl
import pytest
from rdflib import Dataset, Graph, URIRef

from integrationsgraph.errors import DataNonConformant
from integrationsgraph.ingest.draft import dateline, draft_trig
from integrationsgraph.ingest.summary import summarise, validate_summary
from integrationsgraph.namespaces import source_graph
from integrationsgraph.paths import ONTOLOGY_DIR

TEXT = (
    "Bremen übernimmt den Vorsitz der IntMK\n\n"
    "Zum 1. Oktober 2031 hat die Freie Hansestadt Bremen den Vorsitz der Integrationsministerkonferenz "
    "vom Freistaat Thüringen übernommen. Senator Till Brandauer leitet damit die 27. IntMK. "
    "Die Hauptkonferenz findet am 11. und 12. März 2032 in Bremerhaven statt. "
    "Die Hessische Integrationskonferenz hat sich am 4. Mai 2031 konstituiert. "
    "Der Hessische Aktionsplan wurde am 6. Mai 2031 vom Kabinett beschlossen.\n"
)


@pytest.fixture
def synthetic(ingest_text):
    return ingest_text(TEXT, "Bremen, 3. Oktober 2031", name="draft_case.txt")


def test_every_kind_is_found(synthetic):
    kinds = {fact.kind for fact in synthetic.facts}
    assert kinds == {"chair_tenure", "meeting", "office_holding", "body_event", "plan_adoption"}


def test_draft_parses_into_one_source_graph_and_conforms_to_the_shapes(synthetic, ingest_entities_dir: Path):
    dataset = Dataset()
    with warnings.catch_warnings():
        # rdflib 7.6's own TriG parser uses its deprecated ConjunctiveGraph API; nothing of ours.
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset.parse(data=draft_trig(synthetic), format="trig")
    graphs = {g.identifier for g in dataset.graphs() if len(g)}
    assert graphs == {URIRef(str(source_graph("draft_case")))}
    data = Graph()
    for quad in dataset.quads():
        data.add(quad[:3])
    assert not any(term.__class__.__name__ == "BNode" for triple in data for term in triple)
    data.parse(data=(ingest_entities_dir / "registry.ttl").read_text("utf-8"), format="turtle")
    ontology = Graph()
    for name in ("integrationsgraph.ttl", "schemes.ttl"):
        ontology.parse(data=(ONTOLOGY_DIR / name).read_text("utf-8"), format="turtle")
    shapes = Graph().parse(data=(ONTOLOGY_DIR / "shapes.ttl").read_text("utf-8"), format="turtle")
    conforms, _, report = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=True
    )
    assert conforms, report


def test_evidence_offsets_point_at_their_words(synthetic):
    for fact in summarise(synthetic):
        for span in [fact["evidence"], *fact["more_evidence"]]:
            assert synthetic.document.body[span["start"] : span["end"]] == span["exact"]


def test_summary_validates_against_the_schema_and_marks_proposed_entities(synthetic):
    summary = summarise(synthetic)
    validate_summary(summary, "draft_case.json")
    chair = next(f for f in summary if f["kind"] == "chair_tenure" and f["holder"] == "land:bremen")
    assert (chair["start"], chair["person"], chair["ordinal"]) == ("2031-10-01", "person:till-brandauer", 27)
    assert chair["date_methods"] == {"start": "stated"}
    predecessor = next(f for f in summary if f["kind"] == "chair_tenure" and f["role"] == "predecessor")
    assert (predecessor["holder"], predecessor["end"]) == ("land:thueringen", "2031-10-01")
    assert predecessor["proposed"] == ["land:thueringen"]  # not in the test registry
    assert chair["proposed"] == []


def test_a_summary_that_breaks_the_schema_is_rejected(synthetic):
    broken = copy.deepcopy(summarise(synthetic))
    broken[0]["start"] = "1. Oktober"
    with pytest.raises(DataNonConformant, match="summary-schema"):
        validate_summary(broken, "broken.json")


@pytest.mark.parametrize(
    ("text", "issued"),
    [
        ("Kassel, 2. Mai 2031\n\nDie Konferenz tagte.", "2031-05-02"),
        ("Titel\n3. Mai 2031 | Rubrik: Politik | Drucken\nText", "2031-05-03"),
        ("Stand: 04.05.2031, 10:00 Uhr\nText", "2031-05-04"),
        ("Am 5. Mai 2031 fand die erste Konferenz der Minister in Kassel statt.", None),
    ],
)
def test_release_date_only_from_a_dateline(text, issued):
    found = dateline(text)
    assert (found.edtf if found else None) == issued
