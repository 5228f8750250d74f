"""Every corpus document (../shared/corpus/dev) has a curated data file, or is listed here with a reason."""

from __future__ import annotations

import warnings

import pytest
from rdflib import Dataset, Literal

from integrationsgraph.namespaces import ID, IG, source_graph
from integrationsgraph.paths import DATA_DIR, shared_dir

CORPUS_DIR = shared_dir() / "corpus" / "dev"
SOURCES_DIR = DATA_DIR / "sources"

# Corpus documents deliberately left uncurated, each with its reason. Empty: every document is curated.
UNCURATED: dict[str, str] = {}


def _corpus_stems() -> list[str]:
    if not CORPUS_DIR.is_dir():
        pytest.skip(f"no corpus at {CORPUS_DIR}")
    return sorted(path.stem for path in CORPUS_DIR.glob("*.txt"))


def test_every_corpus_document_has_a_data_file_or_a_reason():
    stems = _corpus_stems()
    assert len(stems) == 42
    missing = {stem for stem in stems if not (SOURCES_DIR / f"{stem}.trig").is_file()}
    assert missing == set(UNCURATED), f"uncurated without a reason: {sorted(missing - set(UNCURATED))}"
    assert all(reason.strip() for reason in UNCURATED.values())


def test_no_document_is_left_uncurated():
    assert UNCURATED == {}


@pytest.mark.parametrize(
    "stem", ["volksstimme-intmk-magdeburg-2014-03-19", "hsgb-hessische-integrationskonferenz-2015"]
)
def test_corpus_source_node_says_its_corpus(stem):
    dataset = Dataset()
    with warnings.catch_warnings():
        # rdflib 7.6's own TriG parser uses its deprecated ConjunctiveGraph API; nothing of ours.
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset.parse(data=(SOURCES_DIR / f"{stem}.trig").read_text(encoding="utf-8"), format="trig")
    graph = dataset.graph(source_graph(stem))
    node = ID["source"][stem]
    assert graph.value(node, IG.corpus) == Literal("corpus/dev")
    assert graph.value(node, IG.fileName) == Literal(f"{stem}.txt")
