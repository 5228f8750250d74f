"""One query path: `/sparql`, `/queries/NAME` and the CLI say the same when the row limit cuts an answer,
and read an empty parameter the same way.

The named query `founded-since` with `since=1900-01-01` has two rows in the fixture graph; every caller
here runs with a row limit of 1.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from integrationsgraph.cli import main
from integrationsgraph.datafiles import load_files
from integrationsgraph.errors import EXIT_TRUNCATED, EXIT_USAGE
from integrationsgraph.queries.catalog import load_catalog
from integrationsgraph.server.app import create_app
from integrationsgraph.settings import Settings
from integrationsgraph.sparql.backends import EmbeddedBackend

FIXTURES = Path(__file__).parent / "fixtures"
QUERIES = FIXTURES / "queries"
CATALOG = load_catalog(QUERIES)
TWO_ROWS = {"since": "1900-01-01"}
TEXT = CATALOG["founded-since"].bind(TWO_ROWS)
NOTE = "truncated: the server's row limit of 1 cut this result; add LIMIT and OFFSET to page"
JSON = "application/sparql-results+json"


@pytest.fixture(scope="module")
def one_row_server(start_server) -> Iterator[str]:
    """The real app on uvicorn, over the fixture graph and queries, cutting answers after one row."""
    backend = EmbeddedBackend(load_files([FIXTURES / "graph.trig"]), max_rows=1)
    app = create_app(Settings(max_result_rows=1), backend=backend)
    app.state.named_queries = CATALOG
    with start_server(app) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build directory (current -> releases/x/store) holding the fixture graph, for the CLI."""
    build_dir = tmp_path_factory.mktemp("one-path-build")
    release = build_dir / "releases" / "x"
    release.mkdir(parents=True)
    store = ox.Store(str(release / "store"))
    store.load(path=str(FIXTURES / "graph.trig"), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    gc.collect()  # release the store's lock before the command opens it read-only
    (build_dir / "current").symlink_to(release)
    return build_dir


def cli(capsys, build: Path, *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--build-dir", str(build), "--max-result-rows", "1"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def query_cli(capsys, build: Path, *argv: str) -> tuple[int, str, str]:
    return cli(capsys, build, "query", "founded-since", "--queries-dir", str(QUERIES), *argv)


def assert_cut_json(body: str) -> None:
    document = json.loads(body)
    assert document["truncated"] is True
    assert document["rowLimit"] == 1
    assert len(document["results"]["bindings"]) == 1


def test_sparql_and_named_query_and_cli_mark_the_cut_alike(one_row_server, fixture_build, capsys):
    endpoint = httpx.post(one_row_server + "/sparql", data={"query": TEXT}, headers={"Accept": JSON})
    named = httpx.get(one_row_server + "/queries/founded-since", params={**TWO_ROWS, "format": "json"})
    code, out, err = query_cli(capsys, fixture_build, "-p", "since=1900-01-01", "--format", "json")

    for response in (endpoint, named):
        assert response.status_code == 200
        assert response.headers["X-Result-Truncated"] == "true"
        assert response.headers["X-Result-Row-Limit"] == "1"
        assert_cut_json(response.text)
    assert code == EXIT_TRUNCATED
    assert_cut_json(out)
    assert NOTE in err
    # Not only alike: the very same body, from the same steps.
    assert named.content == endpoint.content
    assert out.rstrip("\n") == endpoint.text


def test_a_cut_answer_in_csv_is_refused_alike(one_row_server, fixture_build, capsys):
    endpoint = httpx.post(one_row_server + "/sparql", data={"query": TEXT}, headers={"Accept": "text/csv"})
    named = httpx.get(one_row_server + "/queries/founded-since", params={**TWO_ROWS, "format": "csv"})
    code, out, err = query_cli(capsys, fixture_build, "-p", "since=1900-01-01", "--format", "csv")

    for response in (endpoint, named):
        assert response.status_code == 413
        assert response.json()["error"]["title"] == "Result too large"
    assert named.json() == endpoint.json()
    assert code == EXIT_USAGE
    assert out == ""
    assert endpoint.json()["error"]["detail"] in err


def test_the_named_query_page_and_the_cli_table_say_it_was_cut(one_row_server, fixture_build, capsys):
    page = httpx.get(
        one_row_server + "/queries/founded-since",
        params={**TWO_ROWS, "lang": "en"},
        headers={"Accept": "text/html"},
    )
    assert page.status_code == 200
    assert page.headers["X-Result-Truncated"] == "true"
    assert "Truncated: the server&#39;s row limit of 1 cut this answer." in page.text
    code, out, err = query_cli(capsys, fixture_build, "-p", "since=1900-01-01")
    assert code == EXIT_TRUNCATED
    assert " 1 row " in out
    assert out.rstrip().endswith(NOTE)
    assert NOTE in err


def test_the_sparql_command_is_cut_like_the_endpoint(fixture_build, capsys):
    code, out, err = cli(capsys, fixture_build, "sparql", TEXT, "--format", "json")
    assert code == EXIT_TRUNCATED
    assert_cut_json(out)
    assert NOTE in err


def test_an_answer_within_the_limit_is_not_marked(one_row_server, fixture_build, capsys):
    one_row = {"since": "2000-01-01"}
    named = httpx.get(one_row_server + "/queries/founded-since", params={**one_row, "format": "json"})
    assert named.status_code == 200
    assert "X-Result-Truncated" not in named.headers
    assert "truncated" not in named.json()
    code, out, err = query_cli(capsys, fixture_build, "-p", "since=2000-01-01", "--format", "json")
    assert code == 0
    assert json.loads(out) == named.json()
    assert err == ""


def test_an_empty_parameter_is_no_parameter_in_both(one_row_server, fixture_build, capsys):
    named = httpx.get(one_row_server + "/queries/founded-since", params={"since": "", "format": "json"})
    code, out, err = query_cli(capsys, fixture_build, "-p", "since=", "--format", "json")
    message = "query founded-since: missing required parameter(s): since"
    assert named.status_code == 400
    assert named.json()["error"]["detail"] == message
    assert code == EXIT_USAGE
    assert out == ""
    assert message in err


def test_an_ask_named_query_page_answers_yes(one_row_server):
    page = httpx.get(
        one_row_server + "/queries/is-body",
        params={"resource": "https://w3id.org/integrationsgraph/id/body/asmk", "lang": "en"},
        headers={"Accept": "text/html"},
    )
    assert page.status_code == 200
    assert '<p class="ask-answer">Yes</p>' in page.text
    assert "X-Result-Truncated" not in page.headers
