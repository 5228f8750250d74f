"""Every text in ../shared opens on the review page: the list covers press and every corpus folder, each
uncurated text's draft becomes cards, and (on a sample) the draft accepted as it is passes the build's
checks, so a curator can always start from it."""

from __future__ import annotations

import pytest

from integrationsgraph.review.candidate_check import check_candidate
from integrationsgraph.review.editing import apply_review
from integrationsgraph.review.opening import review_json
from integrationsgraph.review.saving import entity_file_texts
from integrationsgraph.review.trig_writer import source_trig
from integrationsgraph.sources import SOURCE_FOLDERS

pytestmark = pytest.mark.slow
VALIDATED_SAMPLE = 12  # the SHACL run per document costs a few tenths of a second; every n-th is checked


def accept_everything(review, workspace) -> dict:
    document = review_json(review, workspace.labels())
    return {
        "cards": [dict(card, decision="accepted", original_iri=card["iri"]) for card in document["cards"]],
        "entities": [dict(entity, label_en=entity["label_de"]) for entity in document["entities"]],
    }


def test_every_text_opens_and_every_draft_can_be_written(workspace):
    documents = workspace.documents()
    texts = [path for folder in SOURCE_FOLDERS for path in (workspace.shared / folder).glob("*.txt")]
    assert sorted(d.path for d in documents) == sorted(texts)
    assert {d.folder for d in documents} == set(SOURCE_FOLDERS)
    drafts = [d for d in documents if not d.curated]
    assert drafts, "every text is curated: nothing left to draft"
    every = max(1, len(drafts) // VALIDATED_SAMPLE)
    for index, document in enumerate(drafts):
        review = workspace.open(document.stem)
        assert review.opened_from == "draft"
        outcome = apply_review(
            review, accept_everything(review, workspace), workspace.refs(), workspace.labels()
        )
        trig = source_trig(document.stem, outcome.graph, review.comments)
        assert f'ig:corpus "{document.folder}"' in trig
        if index % every == 0:
            entity_files = entity_file_texts(workspace, outcome.entities)
            check_candidate(
                workspace.data_dir, workspace.ontology_dir, workspace.shared,
                stem=document.stem, trig=trig, entity_files=entity_files,
            )  # fmt: skip
