"""The query, sparql and find commands through `integrationsgraph.cli.main`, on a small built store."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

from integrationsgraph.cli import main

BASE = "https://w3id.org/integrationsgraph/"
RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
SKOS_ALT = NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
ENTITIES = NamedNode(BASE + "graph/entities")
INFERRED = NamedNode(BASE + "graph/inferred")


@pytest.fixture(scope="module")
def small_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build directory laid out like the real one (current -> releases/x/store), with a few entities."""
    build_dir = tmp_path_factory.mktemp("small-build")
    release = build_dir / "releases" / "x"
    release.mkdir(parents=True)
    store = Store(str(release / "store"))
    goettingen = NamedNode(BASE + "id/place/goettingen")
    intmk = NamedNode(BASE + "id/body/intmk")
    store.extend(
        [
            Quad(goettingen, RDFS_LABEL, Literal("Göttingen", language="de"), ENTITIES),
            Quad(goettingen, RDF_TYPE, NamedNode(BASE + "def#Place"), ENTITIES),
            Quad(goettingen, RDF_TYPE, NamedNode("https://schema.org/Place"), INFERRED),
            Quad(intmk, RDFS_LABEL, Literal("Integrationsministerkonferenz", language="de"), ENTITIES),
            Quad(intmk, SKOS_ALT, Literal("IntMK", language="de"), ENTITIES),
            Quad(intmk, RDF_TYPE, NamedNode(BASE + "def#Body"), ENTITIES),
        ]
    )
    store.flush()
    del store
    gc.collect()  # release the store's lock before the command opens it read-only
    (build_dir / "current").symlink_to(release)
    return build_dir


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_unknown_query_exits_2(capsys, small_build):
    code, out, err = run(capsys, "query", "chair-when", "--build-dir", str(small_build))
    assert code == 2
    assert out == ""
    assert "unknown query 'chair-when'" in err
    assert "chair-at" in err


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (["--param", "body=body:intmk"], "missing required parameter(s): date"),
        (
            ["-p", "body=body:intmk", "-p", "date=2022-10-01", "-p", "colour=red"],
            "unknown parameter 'colour'",
        ),
        (["-p", "body=intmk", "-p", "date=2022-10-01"], "parameter body: 'intmk' is not a valid iri"),
        (
            ["-p", "body=body:intmk", "-p", "date=1.10.2022"],
            "parameter date: '1.10.2022' is not a valid date",
        ),
        (["-p", "body=body:intmk", "-p", "date"], "--param 'date': write KEY=VALUE"),
        (["-p", "date=2022-10-01", "-p", "date=2022-10-02"], "--param date given twice"),
    ],
)
def test_bad_parameters_exit_2_naming_them(capsys, small_build, params, message):
    code, out, err = run(capsys, "query", "chair-at", *params, "--build-dir", str(small_build))
    assert code == 2
    assert out == ""
    assert message in err


def test_query_without_a_build_exits_2(capsys, tmp_path):
    args = [
        "query",
        "chair-at",
        "-p",
        "body=body:intmk",
        "-p",
        "date=2022-10-01",
        "--build-dir",
        str(tmp_path),
    ]
    code, _, err = run(capsys, *args)
    assert code == 2
    assert "no built graph" in err


def test_query_runs_against_the_build(capsys, small_build):
    args = ["query", "chair-at", "-p", "body=body:intmk", "-p", "date=2022-10-01", "--format", "json"]
    code, out, _ = run(capsys, *args, "--build-dir", str(small_build))
    assert code == 0
    document = json.loads(out)
    assert document["head"]["vars"][:3] == ["status", "holder", "holderLabel"]
    assert document["results"]["bindings"] == []  # the small build has no holdings


def test_sparql_with_predeclared_prefixes_as_csv(capsys, small_build):
    query = "SELECT ?label WHERE { body:intmk rdfs:label|skos:altLabel ?label } ORDER BY ?label"
    code, out, _ = run(capsys, "sparql", query, "--format", "csv", "--build-dir", str(small_build))
    assert code == 0
    assert out == "label\r\nIntMK\r\nIntegrationsministerkonferenz\r\n"


def test_sparql_from_file_as_table(capsys, small_build, tmp_path):
    query_file = tmp_path / "ask.rq"
    query_file.write_text("ASK { place:goettingen a ig:Place }", encoding="utf-8")
    code, out, _ = run(capsys, "sparql", f"@{query_file}", "--build-dir", str(small_build))
    assert code == 0
    assert out.strip() == "yes"


def test_sparql_syntax_error_exits_2_with_line_and_column(capsys, small_build):
    code, out, err = run(capsys, "sparql", "SELECT * WHERE { ?s ?p }", "--build-dir", str(small_build))
    assert code == 2
    assert out == ""
    assert "error at 1:" in err


def test_sparql_missing_file_exits_2(capsys, small_build, tmp_path):
    code, _, err = run(capsys, "sparql", f"@{tmp_path / 'none.rq'}", "--build-dir", str(small_build))
    assert code == 2
    assert "none.rq: cannot read the query" in err


@pytest.mark.parametrize("text", ["goettingen", "GÖTTINGEN", "Gottingen", "tting"])
def test_find_ignores_case_and_umlaut_spelling(capsys, small_build, text):
    code, out, _ = run(capsys, "find", text, "--format", "csv", "--build-dir", str(small_build))
    assert code == 0
    assert out.splitlines() == ["entity,label,type", f"{BASE}id/place/goettingen,Göttingen,ig:Place"]


@pytest.mark.parametrize(
    ("argv", "fragments"),
    [
        pytest.param(
            ["query", "--list"],
            ["chair-at: Who chaired a body on a date", "--param body=<iri>", "--param from=<date, optional>",
             "(e.g. 2022-10-01)"],
            id="query_list_names_every_query_with_parameters",
        ),
        pytest.param(
            ["find", "intmk", "--build-dir", "{build}"],
            ["body:intmk", "IntMK", "ig:Body", "1 row"],
            id="find_matches_alternative_labels_in_a_table",
        ),
    ],
)  # fmt: skip
def test_printed_answer_names(capsys, small_build, argv, fragments):
    code, out, _ = run(capsys, *(arg.replace("{build}", str(small_build)) for arg in argv))
    assert code == 0
    assert [fragment for fragment in fragments if fragment not in out] == []


def test_find_empty_text_exits_2(capsys, small_build):
    code, _, err = run(capsys, "find", " ", "--build-dir", str(small_build))
    assert code == 2
    assert "non-empty text" in err


@pytest.mark.slow
def test_query_on_the_real_build_as_table(capsys, built_release):
    build_dir = built_release.release_dir.parent.parent
    args = ["query", "chair-at", "-p", "body=body:intmk", "-p", "date=2022-10-01"]
    code, out, _ = run(capsys, *args, "--build-dir", str(build_dir))
    assert code == 0
    row = next(line for line in out.splitlines() if "land:hessen" in line)
    assert "Kai Klose" in row
    assert "2022-07-01" in row
    assert "003_ebd8c5b068b7a6d2.txt" in row
    assert "1 row" in out
