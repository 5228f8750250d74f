"""SERVICE and LOAD are refused by the guard before evaluation: no query ever makes the server connect.

The guard only lets through a query that mentions "service" when rdflib parses all of it and finds no
SERVICE clause; what the sandbox does when the guard is off is in test_sandbox.py.
"""

from __future__ import annotations

import contextlib
import threading

import httpx
import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

REFUSED_TITLE = "Federated query refused"

# {url} is the listener's address; every one of these would make pyoxigraph connect to it.
FEDERATED = {
    "plain": "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "lower case": "select * where { service <{url}> { ?s ?p ?o } }",
    "mixed case": "SeLeCt * WhErE { sErViCe <{url}> { ?s ?p ?o } }",
    "silent": "SELECT * WHERE { SERVICE SILENT <{url}> { ?s ?p ?o } }",
    "variable": "SELECT * WHERE { BIND(<{url}> AS ?where) SERVICE ?where { ?s ?p ?o } }",
    "prefixed": "PREFIX remote: <{url}> SELECT * WHERE { SERVICE remote: { ?s ?p ?o } }",
    "comments around": "SELECT * WHERE { # a comment\nSERVICE# another\n<{url}> { ?s ?p ?o } }",
    "no spaces": "SELECT*WHERE{SERVICE<{url}>{?s ?p ?o}}",
    "optional": "SELECT * WHERE { ?a ?b ?c OPTIONAL { SERVICE <{url}> { ?s ?p ?o } } }",
    "union": "SELECT * WHERE { { ?a ?b ?c } UNION { SERVICE <{url}> { ?s ?p ?o } } }",
    "minus": "SELECT * WHERE { ?a ?b ?c MINUS { SERVICE <{url}> { ?a ?p ?o } } }",
    "filter exists": "ASK { FILTER EXISTS { SERVICE <{url}> { ?s ?p ?o } } }",
    "filter not exists": "ASK { FILTER NOT EXISTS { SERVICE <{url}> { ?s ?p ?o } } }",
    "subquery": "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <{url}> { ?s ?p ?o } } } }",
    "graph": "SELECT * WHERE { GRAPH ?g { SERVICE <{url}> { ?s ?p ?o } } }",
    "construct": "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "describe": "DESCRIBE ?s WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "lateral (not rdflib syntax)": "SELECT * WHERE { ?a ?b ?c LATERAL { SERVICE <{url}> { ?s ?p ?o } } }",
    "deeply nested": "SELECT * WHERE " + "{ " * 60 + "SERVICE <{url}> { ?s ?p ?o }" + " }" * 60,
    "escaped keyword": "SELECT * WHERE { \\u0053ERVICE <{url}> { ?s ?p ?o } }",
    "long escapes": "SELECT * WHERE { \\U00000073\\U00000065rvice <{url}> { ?s ?p ?o } }",
    "escaped lower case": "SELECT * WHERE { s\\u0065rvic\\u0065 <{url}> { ?s ?p ?o } }",
}

# rdflib cannot read these, and they mention "service": refused although they would fetch nothing.
UNCHECKABLE = {
    "lateral with string": "SELECT * WHERE { ?a ?b ?c LATERAL { BIND('SERVICE <{url}>' AS ?x) } }",
    "bad escape": "SELECT * WHERE { BIND('service \\U00110000' AS ?x) }",
}

# These name the listener too, but not in a SERVICE clause: they run (and connect nowhere).
HARMLESS = {
    "string": 'SELECT * WHERE { BIND("SERVICE <{url}> { ?s ?p ?o }" AS ?text) }',
    "long string": "SELECT * WHERE { BIND('''SERVICE <{url}> {}''' AS ?text) }",
    "comment": "SELECT * WHERE { ?s ?p ?o } # SERVICE <{url}> { ?s ?p ?o }",
    "variable name": "SELECT ?service WHERE { ?service ?p ?o }",
    "prefixed name": "PREFIX service: <{url}#> SELECT * WHERE { ?s service:x ?o }",
    "iri": "SELECT * WHERE { <{url}#SERVICE> ?p ?o }",
    "escaped string": "SELECT * WHERE { BIND('\\u0053ERVICE <{url}>' AS ?text) }",
}


def ask(base_url: str, query: str) -> httpx.Response:
    return httpx.post(base_url + "/sparql", data={"query": query}, timeout=30)


def update(base_url: str, text: str) -> httpx.Response:
    headers = {"Content-Type": "application/sparql-update"}
    return httpx.post(base_url + "/sparql", content=text, headers=headers, timeout=30)


def test_the_listener_sees_a_federated_query_run_by_pyoxigraph_itself(loopback_listener) -> None:
    """Control: without the guard, pyoxigraph really connects (so the tests below can fail)."""
    query = FEDERATED["plain"].replace("{url}", loopback_listener.url)

    def run() -> None:
        with contextlib.suppress(OSError):  # the listener hangs up: the query fails, after connecting
            list(ox.Store().query(query))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=20)
    assert loopback_listener.connections >= 1


# Each refused query with the reason its error gives.
REFUSED = {
    **{name: (template, "Federation is disabled") for name, template in FEDERATED.items()},
    **{name: (template, "cannot be checked for a SERVICE clause") for name, template in UNCHECKABLE.items()},
}


@pytest.mark.parametrize(("template", "reason"), REFUSED.values(), ids=REFUSED.keys())
def test_service_and_what_the_guard_cannot_read_are_refused_before_running(
    chain_server, loopback_listener, template, reason
) -> None:
    response = ask(chain_server, template.replace("{url}", loopback_listener.url))
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert (error["status"], error["title"]) == (400, REFUSED_TITLE)
    assert reason in error["detail"]
    assert loopback_listener.connections == 0


@pytest.mark.parametrize("template", HARMLESS.values(), ids=HARMLESS.keys())
def test_service_in_strings_comments_and_names_is_not_refused(
    chain_server, loopback_listener, template
) -> None:
    response = ask(chain_server, template.replace("{url}", loopback_listener.url))
    assert response.status_code == 200, response.text
    assert loopback_listener.connections == 0


@pytest.mark.parametrize(
    "template",
    [
        "LOAD <{url}>",
        "\\u004cOAD <{url}>",
        "INSERT DATA { <http://e/s> <http://e/p> 1 } ; \\u006c\\u006f\\u0061\\u0064 <{url}>",
        "INSERT { ?s ?p ?o } WHERE { \\u0053ERVICE <{url}> { ?s ?p ?o } }",
        "load silent <{url}> into graph <http://example.org/g>",
        "INSERT DATA { <http://e/s> <http://e/p> 1 } ; LOAD <{url}>",
        "INSERT { ?s ?p ?o } WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    ],
)
def test_load_and_service_in_updates_are_refused_as_federation(
    chain_server, loopback_listener, template
) -> None:
    response = update(chain_server, template.replace("{url}", loopback_listener.url))
    assert response.status_code == 400, response.text
    assert response.json()["error"]["title"] == REFUSED_TITLE
    assert loopback_listener.connections == 0


def _cased(word: str) -> st.SearchStrategy[str]:
    return st.tuples(*(st.sampled_from([letter.lower(), letter.upper()]) for letter in word)).map("".join)


_GAP = st.sampled_from([" ", "\n", "\t", " # SERVICE <http://10.0.0.1/> in a comment\n", "  "])
_WRAPPERS = [
    "{inner}",
    "{{ {inner} }}",
    "OPTIONAL {{ {inner} }}",
    "{{ ?x ?y ?z }} UNION {{ {inner} }}",
    "?x ?y ?z MINUS {{ {inner} }}",
    "FILTER EXISTS {{ {inner} }}",
    "GRAPH ?g {{ {inner} }}",
    "{{ SELECT * WHERE {{ {inner} }} }}",
    "?x ?y ?z LATERAL {{ {inner} }}",
]


@st.composite
def federated_queries(draw, url: str) -> str:
    keyword = draw(_cased("service"))
    silent = draw(st.sampled_from(["", draw(_cased("silent"))]))
    target = draw(st.sampled_from([f"<{url}>", "remote:", "?endpoint"]))
    gap = draw(_GAP)
    pattern = f"{keyword}{gap}{silent}{gap}{target}{gap}{{ ?s ?p ?o }}"
    for wrapper in draw(st.lists(st.sampled_from(_WRAPPERS), max_size=4)):
        pattern = wrapper.format(inner=pattern)
    form = draw(st.sampled_from(["SELECT * WHERE", "ASK", "CONSTRUCT WHERE", "DESCRIBE ?s WHERE"]))
    if form == "CONSTRUCT WHERE":
        form = "CONSTRUCT { ?s ?p ?o } WHERE"
    binding = f"BIND(<{url}> AS ?endpoint)"
    return f"PREFIX remote: <{url}>\n{form} {{ {binding} {pattern} }}"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_federated_query_ever_connects(chain_server, loopback_listener, data) -> None:
    query = data.draw(federated_queries(loopback_listener.url))
    response = ask(chain_server, query)
    assert response.status_code == 400, (query, response.text)
    assert response.json()["error"]["title"] == REFUSED_TITLE
    assert loopback_listener.connections == 0
