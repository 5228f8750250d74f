"""Would a library do part of the ingestion better? SoMaJo (sentence splitting) and HanTa (lemmas), measured
against the ingestion's own rules on every text of ../shared.

    pip install somajo==2.5.0 HanTa==1.2.1 numpy   # not dependencies of the project: only for this check
    python -m bench.ingest_libraries [--hanta-sentences 300]

Prints, as JSON: sentences found and seconds for the project's splitter and SoMaJo, how many sentence ends
they share, examples of ends only one of them finds; and HanTa's seconds per token (tagging a sample of
sentences, extrapolated to all tokens) with the lemmas it gives the trigger verbs the recognizers list.
"""

from __future__ import annotations

import argparse
import json
import re
import time

from integrationsgraph.ingest.reading import read_document
from integrationsgraph.ingest.text import sentences
from integrationsgraph.paths import shared_dir

_VERBS = {"beschließen", "verabschieden", "tagen", "konstituieren", "übernehmen", "ernennen", "einrichten"}


def texts() -> list[str]:
    shared = shared_dir()
    paths = sorted(shared.glob("press/*.txt")) + sorted(shared.glob("corpus/*/*.txt"))
    return [read_document(path).body for path in paths]


def somajo_ends(bodies: list[str]) -> tuple[list[set[int]], float]:
    from somajo import SoMaJo  # noqa: PLC0415 - optional, only for this comparison

    tokenizer = SoMaJo("de_CMC", split_camel_case=False, split_sentences=True, character_offsets=True)
    started = time.perf_counter()
    found = []
    for body in bodies:
        ends, offset = set(), 0
        for paragraph in body.split("\n\n"):
            for sentence in tokenizer.tokenize_text([paragraph]):
                if sentence:
                    ends.add(offset + sentence[-1].character_offset[1])
            offset += len(paragraph) + 2
        found.append(ends)
    return found, time.perf_counter() - started


def compare_splitters(bodies: list[str]) -> dict:
    started = time.perf_counter()
    ours = [{s.end for s in sentences(body)} for body in bodies]
    ours_s = time.perf_counter() - started
    theirs, theirs_s = somajo_ends(bodies)
    only_ours = [(b, e) for b, o, t in zip(bodies, ours, theirs, strict=True) for e in sorted(o - t)]
    only_theirs = [(b, e) for b, o, t in zip(bodies, ours, theirs, strict=True) for e in sorted(t - o)]

    def show(pairs):
        return [
            b[max(0, e - 50) : e + 20].replace("\n", "⏎") for b, e in pairs[:: max(1, len(pairs) // 6)][:6]
        ]

    return {
        "ours": {"sentences": sum(map(len, ours)), "seconds": round(ours_s, 3)},
        "somajo": {"sentences": sum(map(len, theirs)), "seconds": round(theirs_s, 3)},
        "same_ends": sum(len(o & t) for o, t in zip(ours, theirs, strict=True)),
        "only_ours_examples": show(only_ours),
        "only_somajo_examples": show(only_theirs),
    }


def hanta_cost(bodies: list[str], sample: int) -> dict:
    from HanTa import HanoverTagger  # noqa: PLC0415 - optional, only for this comparison

    tagger = HanoverTagger.HanoverTagger("morphmodel_ger.pgz")
    tokens = [re.findall(r"\w+|[^\w\s]", s.text) for body in bodies for s in sentences(body)]
    chosen = tokens[:sample]
    started = time.perf_counter()
    tagged = [tagger.tag_sent(words) for words in chosen]
    seconds = time.perf_counter() - started
    per_token = seconds / max(1, sum(map(len, chosen)))
    lemmas: dict[str, set[str]] = {}
    for sentence in tagged:
        for word, lemma, _ in sentence:
            if lemma in _VERBS:
                lemmas.setdefault(lemma, set()).add(word)
    return {
        "tokens_all_texts": sum(map(len, tokens)),
        "seconds_per_token": round(per_token, 6),
        "estimated_seconds_all_texts": round(per_token * sum(map(len, tokens)), 1),
        "trigger_verb_forms_seen": {lemma: sorted(words) for lemma, words in sorted(lemmas.items())},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hanta-sentences", type=int, default=300, help="sentences HanTa tags (sample)")
    args = parser.parse_args(argv)
    bodies = texts()
    result = {"documents": len(bodies), "splitting": compare_splitters(bodies),
              "lemmas": hanta_cost(bodies, args.hanta_sentences)}  # fmt: skip
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
