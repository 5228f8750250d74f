"""The curation log (issue 15): every document of the two curated folders has a save in it and a data
file, and `integrationsgraph curation-log` prints the totals per decision and per kind of fact."""

from __future__ import annotations

import json
import os

import pytest

from integrationsgraph.cli import main
from integrationsgraph.paths import DATA_DIR, shared_dir
from integrationsgraph.review.curation_log import read_log, totals

FOLDERS = {"corpus/intmk-hessen-2017-2025": 59, "corpus/federal-and-laender": 25}


def _folder_stems(folder: str) -> list[str]:
    path = shared_dir() / folder
    if not path.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"no source texts at {path}")
        pytest.skip(f"no source texts at {path}")
    return sorted(p.stem for p in path.glob("*.txt"))


@pytest.mark.parametrize(("folder", "count"), FOLDERS.items())
def test_every_document_of_the_folder_is_logged_and_curated(folder, count):
    stems = _folder_stems(folder)
    assert len(stems) == count  # the folder as issue 15 counts it
    log = read_log(DATA_DIR)["documents"]
    assert [stem for stem in stems if not log.get(stem)] == []
    assert [stem for stem in stems if not (DATA_DIR / "sources" / f"{stem}.trig").is_file()] == []
    # a document's first save met the ingestion's draft: the log measures the ingestion
    assert {log[stem][0]["opened_from"] for stem in stems} == {"draft"}


def test_the_command_prints_the_totals_of_both_folders(capsys):
    for folder in FOLDERS:
        _folder_stems(folder)
    arguments = [f"--folder={folder}" for folder in FOLDERS]
    assert main(["curation-log", *arguments, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["documents"] == sum(FOLDERS.values())
    assert report["missing"] == []
    from_draft = report["from_draft"]
    # every drafted fact was decided once
    assert from_draft["drafted"] == sum(from_draft[d] for d in ("kept", "corrected", "rejected")) > 0
    assert main(["curation-log", *arguments]) == 0
    assert "84 documents logged" in capsys.readouterr().out


def test_a_folder_with_an_unlogged_document_exits_1_naming_it(tmp_path, capsys):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "logged.txt").write_text("x", encoding="utf-8")
    (tmp_path / "texts" / "forgotten.txt").write_text("x", encoding="utf-8")
    entry = {"opened_from": "draft", "drafted": 1, "kept": 1, "corrected": 0, "rejected": 0, "added": 0}
    (tmp_path / "curation-log.json").write_text(json.dumps({"documents": {"logged": [entry]}}), "utf-8")
    arguments = ["--data-dir", str(tmp_path), "--shared-dir", str(tmp_path), "--folder", "texts"]
    assert main(["curation-log", *arguments]) == 1
    assert "not logged: forgotten" in capsys.readouterr().out
    assert main(["curation-log", *arguments[:4], "--folder", "nowhere"]) == 2


def test_totals_add_kinds_and_count_the_saves_without_them():
    with_kinds = {"drafted": 3, "kept": 1, "corrected": 1, "rejected": 1, "added": 2,
                  "by_kind": {"Meeting": {"drafted": 2, "kept": 1, "rejected": 1, "added": 1},
                              "Holding": {"drafted": 1, "corrected": 1, "added": 1}}}  # fmt: skip
    older = {"drafted": 2, "kept": 2, "corrected": 0, "rejected": 0, "added": 0}
    summed = totals([with_kinds, with_kinds, older])
    assert (summed["drafted"], summed["kept"], summed["added"], summed["without_kinds"]) == (8, 4, 4, 1)
    assert summed["by_kind"] == {
        "Holding": {"drafted": 2, "corrected": 2, "added": 2},
        "Meeting": {"drafted": 4, "kept": 2, "rejected": 2, "added": 2},
    }
