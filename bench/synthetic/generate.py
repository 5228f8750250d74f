"""Generate a synthetic input tree of a requested size: data/entities, data/sources, shared/press.

The schedule interleaves the IntMK backbone (a chair hand-over and a conference report per year) with
rounds of Land releases spread over all Länder and years, so every size covers the decades. Sources are
accepted whole until the next one would overshoot; the last one is cut after as many facts as fit, and
the few triples still missing are alternative labels on entities already in the registry.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bench.synthetic.facts import Story
from bench.synthetic.registry import Registry
from bench.synthetic.release import Release
from bench.synthetic.stories_intmk import chair_handover, conference_report
from bench.synthetic.stories_land import (
    MAX_SESSIONS,
    cabinet_release,
    change_release,
    plan_release,
    session_report,
)
from bench.synthetic.turtle import lang, trig_document, turtle_document
from bench.synthetic.world import FIRST_YEAR, LAST_YEAR, World, rng_for
from integrationsgraph.errors import UsageError

MINIMUM_TRIPLES = 1000
MANIFEST = "manifest.json"
LAND_KINDS = ("session", "cabinet", "session", "change", "plan")


def generator_version() -> str:
    """A hash of the generator's code: a cached tree made by other code is stale."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class Summary:
    target: int
    seed: int
    triples: int = 0
    sources: int = 0
    facts: int = 0
    padding: int = 0
    entity_triples: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    years: list[int] = field(default_factory=list)


def _years() -> range:
    return range(FIRST_YEAR, LAST_YEAR + 1)


def _land_slots(w: World) -> Iterator[tuple[str, object, int]]:
    """Endless rounds; each a seeded permutation of all (year, Land) pairs with kinds mixed."""
    round_number = 0
    sessions: dict[tuple[str, int], int] = {}
    while True:
        pairs = [(year, land) for year in _years() for land in w.laender]
        w.rng("round", round_number).shuffle(pairs)
        for year, land in pairs:
            kind = LAND_KINDS[(round_number + land.index + year) % len(LAND_KINDS)]
            if kind == "session":
                number = sessions.get((land.slug, year), 0) + 1
                if number <= MAX_SESSIONS:
                    sessions[(land.slug, year)] = number
                    yield ("session", (land, number), year)
                    continue
                kind = "cabinet"
            yield (kind, land, year)
        round_number += 1


def schedule(w: World) -> Iterator[tuple[str, Story]]:
    """(kind, story) in generation order: one backbone release for every three Land releases."""
    backbone = iter([(kind, year) for year in _years() for kind in ("chair", "report")])
    land_slots = _land_slots(w)
    for position in range(10**9):
        slot = next(backbone, None) if position % 4 == 0 else None
        if slot is not None:
            kind, year = slot
            story = chair_handover(w, year) if kind == "chair" else conference_report(w, year)
            yield kind, story
            continue
        kind, subject, year = next(land_slots)
        if kind == "session":
            land, number = subject
            made = session_report(w, land, year, number)
        else:
            made = {"cabinet": cabinet_release, "change": change_release, "plan": plan_release}[kind](
                w, subject, year
            )
        if made is not None:
            yield kind, made


def write_release(stem: str, story: Story, seed: int, max_facts: int | None) -> tuple[Release, str]:
    """Run a story into a release, stopping after `max_facts` facts; returns it with its text file."""
    head, body = story
    release = Release(stem, head, rng_for(seed, "release", stem))
    for done, _ in enumerate(body(release), start=1):
        if max_facts is not None and done >= max_facts:
            break
    text, _digest = release.finish()
    return release, text


def _stem(seed: int, number: int) -> str:
    return f"{number:05d}_{hashlib.sha256(f'{seed}-{number}'.encode()).hexdigest()[:16]}"


def _padding(registry: Registry, w: World, gap: int) -> list[tuple[str, str, str]]:
    """`gap` alternative labels on minted entities (persons' short names, Länder's long names)."""
    candidates = []
    for land in w.laender:
        candidates += [
            (land.iri, "skos:altLabel", lang(f"{prefix} {land.name}")) for prefix in ("Land", "Bundesland")
        ]
    for subject in sorted(registry.minted):
        if subject.startswith("person:"):
            pairs = dict(registry.minted[subject].pairs)
            given, family = pairs["schema:givenName"][1:-1], pairs["schema:familyName"][1:-1]
            candidates.append((subject, "skos:altLabel", lang(f"{given[0]}. {family}")))
    return candidates[:gap]


def generate(target: int, out: Path, seed: int = 1) -> Summary:
    """Write a tree of `target` asserted triples (±2 %) under `out`; returns what was written."""
    if target < MINIMUM_TRIPLES:
        raise UsageError(f"--triples: {target} is too small, the minimum is {MINIMUM_TRIPLES}")
    _prepare(out)
    registry = Registry()
    w = World(seed, registry)
    registry.mint(registry.closure(w.all_laender_iris()))
    summary = Summary(target=target, seed=seed)
    total = registry.triple_count()
    years: set[int] = set()
    for kind, story in schedule(w):
        stem = _stem(seed, summary.sources)
        release, text = write_release(stem, story, seed, None)
        needed = registry.closure(release.block.terms())
        cost = len(release.block) + registry.count(needed)
        last = total + cost > target
        if last:
            release, text, needed, cost = _cut_to_fit(
                stem, story, seed, facts=release.facts, registry=registry, budget=target - total
            )
            if release is None:
                break
        _accept(out, release, text, registry, needed)
        total += cost
        summary.sources += 1
        summary.facts += release.facts
        summary.kinds[kind] = summary.kinds.get(kind, 0) + 1
        years.add(release.head.issued.year)
        if last:
            break
    registry.padding = _padding(registry, w, target - total)
    _write_entities(out, registry)
    summary.padding = len(registry.padding)
    summary.entity_triples = registry.triple_count()
    summary.triples = total + summary.padding
    summary.years = sorted(years)
    manifest = {"generator": generator_version(), **summary.__dict__}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return summary


def _cut_to_fit(stem: str, story: Story, seed: int, *, facts: int, registry: Registry, budget: int):
    for keep in range(facts - 1, 0, -1):
        release, text = write_release(stem, story, seed, keep)
        needed = registry.closure(release.block.terms())
        cost = len(release.block) + registry.count(needed)
        if cost <= budget:
            return release, text, needed, cost
    return None, None, None, None


def _accept(out: Path, release: Release, text: str, registry: Registry, needed) -> None:
    registry.mint(needed)
    (out / "shared" / "press" / f"{release.stem}.txt").write_text(text, encoding="utf-8")
    document = trig_document(
        f"Synthetic benchmark source {release.stem} (not a real release).",
        f"gsrc:{release.stem}",
        release.block,
    )
    (out / "data" / "sources" / f"{release.stem}.trig").write_text(document, encoding="utf-8")


def _write_entities(out: Path, registry: Registry) -> None:
    for name, block in sorted(registry.blocks().items()):
        document = turtle_document(f"Synthetic benchmark registry: {name} (graph:entities).", block)
        (out / "data" / "entities" / f"{name}.ttl").write_text(document, encoding="utf-8")


def _prepare(out: Path) -> None:
    """Empty `out` of an earlier generation; refuse to touch a folder the generator did not make."""
    if out.exists() and any(out.iterdir()) and not (out / MANIFEST).is_file():
        raise UsageError(f"--out: {out} is not empty and holds no {MANIFEST} of an earlier generation")
    for part in ("data", "shared", MANIFEST):
        target = out / part
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    for folder in ("data/entities", "data/sources", "shared/press"):
        (out / folder).mkdir(parents=True, exist_ok=True)
