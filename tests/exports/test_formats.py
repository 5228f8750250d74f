"""Every export format is read back by a real reader: networkx for GraphML and GEXF, pydot for DOT,
json for Cytoscape.js; scopes, languages, inferred facts and GEXF time intervals."""

from __future__ import annotations

import io
import json
import warnings

import networkx as nx
import pydot
import pytest

with warnings.catch_warnings():
    # pydot 4.0.1's grammar uses pyparsing names that pyparsing 3.3 deprecates (warnings are errors here).
    warnings.simplefilter("ignore", DeprecationWarning)
    import pydot.dot_parser

from integrationsgraph.errors import UsageError
from integrationsgraph.exports.exporting import export
from integrationsgraph.exports.scope import Scope
from integrationsgraph.exports.writers import dot

pytestmark = pytest.mark.anyio

BASE = "https://w3id.org/integrationsgraph/"
HESSEN = BASE + "id/land/hessen"
HOLDING = BASE + "id/holding/intmk-chair-2022-hessen"
EXERCISING = BASE + "id/holding/intmk-chair-2022-erika-muster"


async def test_graphml_reads_back_with_labels_and_edges(export_backend):
    data = await export(export_backend, Scope("all"), "graphml", "en")
    graph = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    assert graph.nodes[HESSEN]["label"] == "Hesse"
    assert graph.nodes[HESSEN]["type"] == "ig:Land"
    assert graph.nodes[BASE + "id/person/erika-muster"]["label"] == "Erika Muster"  # no English label: German
    assert graph.nodes[HOLDING]["label"] == "Hesse · IntMK chair"  # a fact node's display title
    edges = {(u, v, d["label"]) for u, v, d in graph.edges(data=True)}
    assert (HOLDING, HESSEN, "member") in edges
    assert (EXERCISING, HOLDING, "exercises") in edges
    # detail nodes (evidence, intervals, instants) and classes are not nodes
    assert not any("/id/evidence/" in n or "/id/interval/" in n or "/id/instant/" in n for n in graph.nodes)
    assert BASE + "def#Holding" not in graph.nodes


async def test_asserted_only_by_default_inferred_on_request(export_backend):
    asserted = nx.read_graphml(
        io.BytesIO(await export(export_backend, Scope("all"), "graphml")), force_multigraph=True
    )
    with_inferred = nx.read_graphml(
        io.BytesIO(await export(export_backend, Scope("all", inferred=True), "graphml")),
        force_multigraph=True,
    )

    def labelled(graph):
        return {(u, v, d["iri"]) for u, v, d in graph.edges(data=True)}

    inferred_edge = (HOLDING, EXERCISING, BASE + "def#exercisedBy")
    assert inferred_edge not in labelled(asserted)
    assert inferred_edge in labelled(with_inferred)
    assert labelled(asserted) < labelled(with_inferred)


async def test_gexf_reads_back_with_time_intervals_for_gephi(export_backend):
    data = await export(export_backend, Scope("all"), "gexf", "de")
    assert b'mode="dynamic"' in data
    assert b'timeformat="date"' in data
    graph = nx.read_gexf(io.BytesIO(data))
    # holdings: the resolved tenure's possible part, days inclusive (chair-at's possibleFrom/possibleUntil:
    # the hand-over on 2022-10-01 is the day after the last day held); the sure part beside it
    bayern = graph.nodes[BASE + "id/holding/intmk-chair-2021-bayern"]
    assert (bayern["start"], bayern["end"]) == ("2021-10-01", "2022-09-30")
    assert (bayern["certainFrom"], bayern["certainUntil"]) == ("2021-10-01", "2022-09-30")
    assert graph.nodes[HOLDING]["start"] == "2022-10-01"
    assert "end" not in graph.nodes[HOLDING]  # no resolved end: it may still go on
    meeting = graph.nodes[BASE + "id/meeting/intmk-test-2023"]
    assert (meeting["start"], meeting["end"]) == ("2023-04-24", "2023-04-25")
    assert graph.nodes[HESSEN]["label"] == "Hessen"
    assert "start" not in graph.nodes[HESSEN]


async def test_dot_parses_with_pydot(export_backend):
    data = await export(export_backend, Scope("all"), "dot", "en")
    (dot_graph,) = pydot.graph_from_dot_data(data.decode("utf-8"))
    nodes = {node.get_name().strip('"'): node for node in dot_graph.get_nodes()}
    assert nodes[HESSEN].get("label").strip('"') == "Hesse"
    edges = {
        (e.get_source().strip('"'), e.get_destination().strip('"'), e.get("label").strip('"'))
        for e in dot_graph.get_edges()
    }
    assert (HOLDING, HESSEN, "member") in edges


async def test_dot_escapes_quotes_and_backslashes():
    graph = nx.MultiDiGraph(name='say "hi"')
    graph.add_node("a", label='the "quoted" \\ one\nline two')
    graph.add_edge("a", "a", label="self")
    (parsed,) = pydot.graph_from_dot_data(dot(graph).decode())
    assert parsed.get_node('"a"')[0].get("label") == '"the \\"quoted\\" \\\\ one\\nline two"'


async def test_cytoscape_json_has_elements_with_data(export_backend):
    data = json.loads(await export(export_backend, Scope("all"), "cytoscape", "de"))
    nodes = {element["data"]["id"]: element["data"] for element in data["elements"]["nodes"]}
    edges = [element["data"] for element in data["elements"]["edges"]]
    assert nodes[HESSEN]["label"] == "Hessen"
    assert all(edge["source"] in nodes and edge["target"] in nodes for edge in edges)
    assert len({edge["id"] for edge in edges}) == len(edges)
    round_trip = nx.cytoscape_graph(data)
    assert round_trip.number_of_nodes() == len(nodes)


async def test_entity_scope_grows_with_depth(export_backend):
    def nodes(data: bytes) -> set[str]:
        return {e["data"]["id"] for e in json.loads(data)["elements"]["nodes"]}

    one = nodes(await export(export_backend, Scope("entity", entity=HESSEN, depth=1), "cytoscape"))
    two = nodes(await export(export_backend, Scope("entity", entity=HESSEN, depth=2), "cytoscape"))
    assert {HESSEN, HOLDING, BASE + "id/meeting/intmk-test-2023"} <= one
    assert EXERCISING not in one
    assert EXERCISING in two
    assert BASE + "id/post/intmk-chair" in two
    assert one < two


async def test_construct_scope(export_backend):
    query = (
        "PREFIX ig: <https://w3id.org/integrationsgraph/def#> "
        "CONSTRUCT { ?h ig:post ?p } WHERE { ?h ig:post ?p }"
    )
    graph = nx.read_graphml(
        io.BytesIO(await export(export_backend, Scope("construct", construct=query), "graphml")),
        force_multigraph=True,
    )
    assert {d["label"] for _, _, d in graph.edges(data=True)} == {"Amt"}
    assert graph.number_of_edges() == 3
    with pytest.raises(UsageError, match="CONSTRUCT"):
        await export(export_backend, Scope("construct", construct="SELECT * WHERE { ?s ?p ?o }"), "dot")


@pytest.mark.parametrize(
    ("scope", "message"),
    [
        (lambda: Scope("entity", entity="not an iri"), "absolute"),
        (lambda: Scope("entity", entity=HESSEN, depth=9), "depth"),
        (lambda: Scope("everything"), "scope"),
        (lambda: Scope("construct"), "CONSTRUCT"),
    ],
)
async def test_bad_scopes_are_usage_errors(scope, message):
    with pytest.raises(UsageError, match=message):
        scope()


async def test_unknown_format_or_language(export_backend):
    with pytest.raises(UsageError, match="format"):
        await export(export_backend, Scope("all"), "png")
    with pytest.raises(UsageError, match="lang"):
        await export(export_backend, Scope("all"), "dot", "fr")
