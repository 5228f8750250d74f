"""`integrationsgraph ingest` and `evaluate-ingest` as commands: outputs, --accept, exit codes."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from integrationsgraph.cli import main
from integrationsgraph.errors import EXIT_OK, EXIT_USAGE
from integrationsgraph.paths import DATA_DIR

TEXT = (
    "source: synthetic_handover.txt\ndate-as-stated: 2031-09-29\n---\n"
    "Thüringen übergibt den Vorsitz der Integrationsministerkonferenz\n\n"
    "Bremen übernimmt zum 1. Oktober 2031 den Vorsitz der Integrationsministerkonferenz (IntMK) vom "
    "Freistaat Thüringen. Die Hauptkonferenz findet am 11. und 12. März 2032 in Bremerhaven statt.\n"
)


@pytest.fixture
def workspace(tmp_path: Path, ingest_entities_dir: Path) -> dict[str, Path]:
    shared = tmp_path / "shared"
    (shared / "press").mkdir(parents=True)
    text = shared / "press" / "synthetic_handover.txt"
    text.write_text(TEXT, encoding="utf-8")
    data = tmp_path / "data"
    shutil.copytree(ingest_entities_dir, data / "entities")
    return {
        "text": text,
        "data": data,
        "out": tmp_path / "out",
        "shared": shared,
        "build": tmp_path / "build",
    }


def ingest_args(workspace: dict[str, Path]) -> list[str]:
    """`ingest` of the workspace's text into its out folder, against its data folder."""
    return [
        "ingest",
        str(workspace["text"]),
        "--out",
        str(workspace["out"]),
        "--data-dir",
        str(workspace["data"]),
    ]


def test_ingest_writes_draft_and_summary_into_out(workspace, capsys):
    code = main(ingest_args(workspace))
    assert code == EXIT_OK
    summary = json.loads((workspace["out"] / "synthetic_handover.json").read_text("utf-8"))
    assert {(f["kind"], f["holder"]) for f in summary if f["kind"] == "chair_tenure"} == {
        ("chair_tenure", "land:bremen"), ("chair_tenure", "land:thueringen")}  # fmt: skip
    assert (workspace["out"] / "synthetic_handover.trig").read_text("utf-8").count("GRAPH gsrc:") == 1
    assert not (workspace["data"] / "sources").exists()
    assert "2 chair_tenure" in capsys.readouterr().out


def test_plain_text_without_header_is_ingested_whole(tmp_path, workspace):
    plain = tmp_path / "plain_note.txt"
    plain.write_text("Am 3. und 4. März 2032 tagt die IntMK in Kassel.\n", encoding="utf-8")
    assert (
        main(["ingest", str(plain), "--out", str(workspace["out"]), "--data-dir", str(workspace["data"])])
        == 0
    )
    (meeting,) = json.loads((workspace["out"] / "plain_note.json").read_text("utf-8"))
    assert (meeting["kind"], meeting["start"], meeting["place"]) == ("meeting", "2032-03-03", "place:kassel")
    assert meeting["evidence"]["start"] == 0


def test_accept_refuses_to_overwrite_a_curated_file(workspace, capsys):
    sources = workspace["data"] / "sources"
    sources.mkdir()
    curated = sources / "synthetic_handover.trig"
    curated.write_text("# curated by hand\n", encoding="utf-8")
    args = ingest_args(workspace)
    assert main([*args, "--accept"]) == EXIT_USAGE
    assert curated.read_text("utf-8") == "# curated by hand\n"
    assert "refuses to overwrite" in capsys.readouterr().err
    assert not (workspace["out"] / "synthetic_handover.trig").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["ingest"],
        ["ingest", "/no/such/file.txt"],
        ["ingest", "--bogus", "x.txt"],
        ["evaluate-ingest", "--json"],
    ],
)
def test_usage_and_input_errors_exit_2(args, workspace):
    assert main(args) == EXIT_USAGE


def test_evaluate_ingest_without_shared_texts_is_a_usage_error(workspace, tmp_path):
    code = main(
        ["evaluate-ingest", "--data-dir", str(workspace["data"]), "--shared-dir", str(tmp_path / "none")]
    )
    assert code == EXIT_USAGE


@pytest.mark.slow
def test_an_accepted_draft_builds_like_curated_data(workspace, capsys):
    args = ingest_args(workspace)
    assert main([*args, "--accept"]) == EXIT_OK
    assert (workspace["data"] / "sources" / "synthetic_handover.trig").is_file()
    code = main(["build", "--data-dir", str(workspace["data"]), "--build-dir", str(workspace["build"]),
                 "--shared-dir", str(workspace["shared"]), "--quiet"])  # fmt: skip
    assert code == EXIT_OK, capsys.readouterr().err
    assert (workspace["build"] / "current").exists()


def test_evaluate_ingest_on_a_small_data_dir_writes_json(workspace, tmp_path, capsys):
    args = ingest_args(workspace)
    assert main([*args, "--accept"]) == EXIT_OK
    out = tmp_path / "evaluation.json"
    shared = str(workspace["shared"])
    data = str(workspace["data"])
    code = main(
        ["evaluate-ingest", "--data-dir", data, "--shared-dir", shared, "--json", str(out), "--documents"]
    )
    assert code == EXIT_OK
    printed = capsys.readouterr().out
    assert re.search(r"chair_tenure\s+2\s+2\s+2\s+1\.00\s+1\.00", printed)
    assert re.search(r"synthetic_handover\s+2/2/2\s+1/1/1", printed)
    result = json.loads(out.read_text("utf-8"))
    # the accepted draft is its own curated data: everything matches
    assert result["totals"]["chair_tenure"] == {"predicted": 2, "curated": 2, "matched": 2,
                                                "precision": 1.0, "recall": 1.0}  # fmt: skip
    assert result["totals"]["meeting"]["matched"] == 1


@pytest.mark.slow
def test_drafts_of_every_shared_text_build_together(tmp_path, capsys, shared_dir):
    shared = shared_dir
    texts = sorted((shared / "press").glob("*.txt")) + sorted((shared / "corpus" / "dev").glob("*.txt"))
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR / "entities", data / "entities")
    args = ["ingest", *map(str, texts), "--out", str(tmp_path / "out"), "--data-dir", str(data), "--accept"]
    assert main(args) == EXIT_OK
    assert len(list((data / "sources").glob("*.trig"))) == len(texts)
    build = [
        "build",
        "--data-dir",
        str(data),
        "--build-dir",
        str(tmp_path / "build"),
        "--shared-dir",
        str(shared),
    ]
    assert main([*build, "--quiet"]) == EXIT_OK, capsys.readouterr().err


def test_evaluate_ingest_covers_every_corpus_folder_per_folder(workspace, tmp_path, capsys):
    extra = workspace["shared"] / "corpus" / "laender-extra"
    extra.mkdir(parents=True)
    moved = extra / "synthetic_handover.txt"
    workspace["text"].rename(moved)
    (workspace["shared"] / "press" / "uncurated_note.txt").write_text(
        "source: n\n---\nDie IntMK tagt am 3. März 2032 in Kassel.\n", encoding="utf-8"
    )
    assert main(["ingest", str(moved), "--out", str(workspace["out"]), "--data-dir",
                 str(workspace["data"]), "--accept"]) == EXIT_OK  # fmt: skip
    out = tmp_path / "evaluation.json"
    code = main(["evaluate-ingest", "--data-dir", str(workspace["data"]), "--shared-dir",
                 str(workspace["shared"]), "--json", str(out)])  # fmt: skip
    assert code == EXIT_OK
    printed = capsys.readouterr().out
    assert "corpus/laender-extra: 1 texts, 1 with curated facts" in printed
    assert "press: 1 texts, 0 with curated facts (not evaluated)" in printed
    folders = json.loads(out.read_text("utf-8"))["folders"]
    assert set(folders) == {"corpus/laender-extra", "press"}
    assert folders["corpus/laender-extra"]["totals"]["chair_tenure"]["matched"] == 2
    assert folders["press"]["curated"] == 0


CHANGES = (
    "source: synthetic_changes.txt\ndate-as-stated: 2031-06-01\n---\n"
    "Der Integrationsbeirat wurde im März 2031 aufgelöst.\n\n"
    "Die Hessische Integrationskonferenz wurde im Mai 2031 umbenannt.\n\n"
    "Die Sitzung der Hessischen Integrationskonferenz am 3. März 2031 in Wiesbaden wurde abgesagt.\n\n"
    "Die IntMK tagte am 10. Juni 2031 als Videokonferenz.\n\n"
    "Auf der Mitgliederversammlung am 4. Mai 2031 wurde Enis Kolbach in seinem Amt als Vorsitzender des "
    "Landesintegrationsrates Hessen bestätigt.\n\n"
    "Der kommissarische Integrationsminister Till Brandauer aus Hessen sprach.\n\n"
    "Hessisches Integrations- und Teilhabegesetz (IntTG) Vom 22. März 2031\n"
)


@pytest.mark.slow
def test_drafts_of_the_new_kinds_of_fact_build(workspace, capsys):
    """Dissolutions (no resulting body), renamings, cancelled and online meetings, elected chairs, acting
    holders and dated laws pass the build's shapes and checks as drafted."""
    text = workspace["shared"] / "press" / "synthetic_changes.txt"
    text.write_text(CHANGES, encoding="utf-8")
    args = [
        "ingest",
        str(text),
        "--out",
        str(workspace["out"]),
        "--data-dir",
        str(workspace["data"]),
        "--accept",
    ]
    assert main(args) == EXIT_OK
    summary = json.loads((workspace["out"] / "synthetic_changes.json").read_text("utf-8"))
    kinds = {(f["kind"], f["type"]) for f in summary}
    assert {("body_event", "Dissolution"), ("body_event", "Renaming"), ("chair_tenure", None)} <= kinds
    assert {key for f in summary for key in ("cancelled", "online", "acting") if f.get(key)} == {
        "cancelled", "online", "acting"}  # fmt: skip
    assert any(f["kind"] == "plan_adoption" and f["start"] == "2031-03-22" for f in summary)
    code = main(["build", "--data-dir", str(workspace["data"]), "--build-dir", str(workspace["build"]),
                 "--shared-dir", str(workspace["shared"]), "--quiet"])  # fmt: skip
    assert code == EXIT_OK, capsys.readouterr().err
