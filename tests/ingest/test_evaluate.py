"""The evaluation's matching rules, and the targets on the real press and corpus texts."""

from __future__ import annotations

import pytest

from integrationsgraph.ingest.evaluate import KINDS, Tally, dates_agree, evaluate, facts_match, match_facts
from integrationsgraph.paths import DATA_DIR

DEVELOPMENT_FOLDERS = ("press", "corpus/dev")


def fact(kind: str, **values) -> dict:
    base = dict.fromkeys(("body", "holder", "person", "office", "ordinal", "start", "end", "place", "status"))
    return {**base, "kind": kind, "body": "body:intmk", **values}


def test_dates_agree_when_their_ranges_overlap():
    assert dates_agree("2016-10", "2016-10-01")
    assert dates_agree("2016", "2016-03-17?")
    assert dates_agree(None, "2016-10-01")
    assert not dates_agree("2016-10-01", "2016-10-02")


def test_chair_tenures_match_on_body_holder_and_known_dates():
    curated = fact("chair_tenure", holder="land:hessen", start="2022-07-01", end="2023-07-01")
    assert facts_match(fact("chair_tenure", holder="land:hessen", start="2022-07-01"), curated)
    assert not facts_match(fact("chair_tenure", holder="land:hamburg", start="2022-07-01"), curated)
    assert not facts_match(fact("chair_tenure", holder="land:hessen", start="2021-07-01"), curated)


def test_meetings_match_on_overlapping_days_or_number():
    curated = fact("meeting", start="2023-04-26", end="2023-04-27", ordinal=18)
    assert facts_match(fact("meeting", start="2023-04-27", end="2023-04-27"), curated)
    assert facts_match(fact("meeting", ordinal=18), curated)
    assert not facts_match(fact("meeting", start="2023-03-14", end="2023-03-15", ordinal=18), curated)


def test_matching_is_one_to_one():
    curated = [fact("meeting", start="2023-04-26")]
    pairs, extra, missed = match_facts(
        [fact("meeting", start="2023-04-26"), fact("meeting", start="2023-04")], curated
    )
    assert (len(pairs), len(extra), len(missed)) == (1, 1, 0)


@pytest.mark.slow
def test_targets_on_the_curated_documents(shared_dir):
    # Issue 14's target: precision >= 0.9 and recall >= 0.8 per kind on every curated document (press/
    # and all corpus folders together).
    evaluation = evaluate(DATA_DIR, shared_dir)
    assert sum(evaluation.curated_in(folder) for folder in DEVELOPMENT_FOLDERS) >= 40
    assert len(evaluation.documents) >= 130
    for kind in KINDS:
        tally = Tally()
        for folder in evaluation.texts:
            tally.add(evaluation.totals(folder)[kind])
        assert tally.recall >= 0.8, (kind, tally)
        assert tally.precision >= 0.9, (kind, tally)
