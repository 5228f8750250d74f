"""Each failure mode of `integrationsgraph build`, with its broken fixture: exit code and message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from integrationsgraph.errors import EXIT_NONCONFORMANT, EXIT_OK, EXIT_USAGE


def test_valid_fixture_builds(fixture_data, run_fixture_build, tmp_path):
    result = run_fixture_build(fixture_data())
    assert result.exit_code == EXIT_OK, result.err
    assert result.out.startswith("built ")
    assert "checked against" in result.out
    current = tmp_path / "build" / "current"
    assert current.is_symlink()
    assert (current / "store").is_dir()
    assert (current / "report.json").is_file()


def test_turtle_syntax_error_names_file_line_and_column(fixture_data, run_fixture_build):
    result = run_fixture_build(fixture_data("broken/syntax-error"))
    assert result.exit_code == EXIT_USAGE
    assert "entities/broken.ttl:5:1: " in result.err
    assert "A dot is expected at the end of statements" in result.err


def test_unreadable_file_is_an_input_error(fixture_data, run_fixture_build):
    data = fixture_data()
    (data / "entities" / "unreadable.ttl").mkdir()  # a folder where a file should be: cannot be read
    result = run_fixture_build(data)
    assert result.exit_code == EXIT_USAGE
    assert "entities/unreadable.ttl: cannot read" in result.err


def test_source_file_writing_another_graph_is_an_input_error(fixture_data, run_fixture_build):
    result = run_fixture_build(fixture_data("broken/foreign-graph"))
    assert result.exit_code == EXIT_USAGE
    assert "sources/other-release.trig: a source file may only hold its own graph" in result.err
    assert "graph/source/other-release" in result.err


def test_shacl_violation_names_file_focus_path_and_message(fixture_data, run_fixture_build):
    result = run_fixture_build(fixture_data("broken/shacl-violation"))
    assert result.exit_code == EXIT_NONCONFORMANT
    line = next(line for line in result.err.splitlines() if "[shacl]" in line)
    assert "sources/fixture-release.trig" in line
    assert "focus https://w3id.org/integrationsgraph/id/holding/musterkonferenz-chair-2022-musterland" in line
    assert "path http://www.w3.org/ns/org#member" in line
    assert "A holding has exactly one org:member." in line


def test_violation_query_with_rows_names_the_check(fixture_data, run_fixture_build):
    result = run_fixture_build(fixture_data("broken/holding-end-before-beginning"))
    assert result.exit_code == EXIT_NONCONFORMANT
    assert "1 problem(s)" in result.err
    assert "[holding-end-before-beginning] " in result.err
    assert "sources/fixture-release.trig, focus " in result.err
    assert "beginning=2022-07-01, end=2022-01-01" in result.err


def test_unknown_source_fails(fixture_data, run_fixture_build):
    result = run_fixture_build(fixture_data("broken/unknown-source"))
    assert result.exit_code == EXIT_NONCONFORMANT
    assert "[unknown-source] " in result.err
    assert "source=https://w3id.org/integrationsgraph/id/source/no-such-release" in result.err


def test_evidence_span_absent_from_its_text_fails(fixture_data, run_fixture_build):
    result = run_fixture_build(fixture_data("broken/evidence-absent"))
    assert result.exit_code == EXIT_NONCONFORMANT
    assert "[evidence] " in result.err
    assert "fixture-release.txt: oa:exact 'Musterland gibt den Vorsitz" in result.err
    assert "it does not occur in the text" in result.err


def test_without_shared_texts_evidence_is_not_checked(fixture_data, run_fixture_build):
    result = run_fixture_build(fixture_data("broken/evidence-absent"), shared=None)
    assert result.exit_code == EXIT_OK, result.err
    assert "evidence not checked" in result.out


def test_missing_source_text_is_a_problem_naming_it(fixture_data, run_fixture_build, tmp_path):
    empty_shared = tmp_path / "shared"
    (empty_shared / "press").mkdir(parents=True)
    result = run_fixture_build(fixture_data(), shared=empty_shared)
    assert result.exit_code == EXIT_NONCONFORMANT
    assert "source file fixture-release.txt is not under" in result.err


def test_changed_text_fails_the_sha256_check(fixture_data, run_fixture_build, tmp_path):
    shared = tmp_path / "shared"
    shutil.copytree(Path(__file__).resolve().parent.parent / "fixtures" / "shared", shared)
    text = shared / "press" / "fixture-release.txt"
    text.write_text(text.read_text(encoding="utf-8") + "Nachtrag.\n", encoding="utf-8")
    result = run_fixture_build(fixture_data(), shared=shared)
    assert result.exit_code == EXIT_NONCONFORMANT
    assert "ig:sha256 differs from the text's" in result.err


def test_unsupported_owl_construct_fails_naming_it(fixture_data, run_fixture_build, tmp_path):
    ontology = tmp_path / "ontology"
    shutil.copytree(Path(__file__).resolve().parent.parent / "fixtures" / "ontology", ontology)
    with (ontology / "integrationsgraph.ttl").open("a", encoding="utf-8") as file:
        file.write("ig:post a owl:FunctionalProperty .\n")
    result = run_fixture_build(fixture_data(), ontology=ontology)
    assert result.exit_code == EXIT_USAGE
    assert "integrationsgraph.ttl: uses owl:FunctionalProperty" in result.err


def test_failed_build_leaves_the_previous_release_current(fixture_data, run_fixture_build, tmp_path):
    build_dir = tmp_path / "kept"
    assert run_fixture_build(fixture_data(), build_dir=build_dir).exit_code == EXIT_OK
    before = (build_dir / "current").resolve()
    broken = run_fixture_build(fixture_data("broken/unknown-source"), build_dir=build_dir)
    assert broken.exit_code == EXIT_NONCONFORMANT
    assert (build_dir / "current").resolve() == before
    assert sorted(path.name for path in (build_dir / "releases").iterdir()) == [before.name]


def test_unchanged_inputs_are_up_to_date_unless_forced(fixture_data, run_fixture_build, tmp_path):
    data = fixture_data()
    first = run_fixture_build(data)
    assert first.exit_code == EXIT_OK
    again = run_fixture_build(data)
    assert again.exit_code == EXIT_OK
    assert again.out.startswith("up to date: ")
    forced = run_fixture_build(data, "--force")
    assert forced.exit_code == EXIT_OK
    assert forced.out.startswith("built ")
    assert (tmp_path / "build" / "current" / "store").is_dir()


@pytest.mark.parametrize(
    ("overlay", "check", "detail"),
    [
        (
            "meeting-end-before-beginning",
            "meeting-end-before-beginning",
            "beginning=2022-10-05, end=2022-10-04",
        ),
        ("fact-without-evidence", "fact-without-evidence", "meeting/musterkonferenz-2022"),
        ("source-file-name", "source-file-name", "fileName=other-release.txt"),
        ("source-graph-without-source", "source-graph-without-source", "sources/label-only.trig"),
    ],
)
def test_each_violation_query_fails_on_its_fixture(fixture_data, run_fixture_build, overlay, check, detail):
    result = run_fixture_build(fixture_data(f"broken/{overlay}"))
    assert result.exit_code == EXIT_NONCONFORMANT
    line = next(line for line in result.err.splitlines() if f"[{check}] " in line)
    assert "sources/" in line
    assert detail in line


def test_a_new_release_keeps_only_the_one_it_replaced(fixture_data, run_fixture_build, tmp_path):
    data = fixture_data()
    registry = data / "entities" / "registry.ttl"
    names = []
    for label in ("Erstland", "Zweitland", "Drittland"):
        with registry.open("a", encoding="utf-8") as file:
            file.write(f'land:{label.lower()} a ig:Land ; rdfs:label "{label}"@de .\n')
        assert run_fixture_build(data).exit_code == EXIT_OK
        names.append((tmp_path / "build" / "current").resolve().name)
    assert len(set(names)) == 3
    remaining = sorted(path.name for path in (tmp_path / "build" / "releases").iterdir())
    assert remaining == sorted(names[1:])
