"""Writing an export graph: GraphML and GEXF through networkx, DOT and Cytoscape.js JSON of our own."""

from __future__ import annotations

import io
import json

import networkx as nx

FORMATS: dict[str, tuple[str, str]] = {
    # name: (media type, file suffix)
    "graphml": ("application/graphml+xml", "graphml"),
    "gexf": ("application/gexf+xml", "gexf"),
    "dot": ("text/vnd.graphviz", "gv"),
    "cytoscape": ("application/json", "cyjs"),
}


def _plain(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are all strings (GraphML and GEXF know no None)."""
    copy = nx.MultiDiGraph(name=graph.graph.get("name", ""))
    for node, data in graph.nodes(data=True):
        copy.add_node(node, **{key: str(value) for key, value in data.items() if value is not None})
    for source, target, key, data in graph.edges(keys=True, data=True):
        copy.add_edge(source, target, key=key, **{k: str(v) for k, v in data.items() if v is not None})
    return copy


def graphml(graph: nx.MultiDiGraph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(_plain(graph), buffer, encoding="utf-8", named_key_ids=True)
    return buffer.getvalue()


def gexf(graph: nx.MultiDiGraph) -> bytes:
    """GEXF 1.2; nodes with `start`/`end` (ISO dates) make it a dynamic graph for Gephi's timeline."""
    plain = _plain(graph)
    if any("start" in data or "end" in data for _, data in plain.nodes(data=True)):
        plain.graph["mode"] = "dynamic"
    buffer = io.BytesIO()
    nx.write_gexf(plain, buffer, encoding="utf-8", version="1.2draft")
    return buffer.getvalue()


def _dot_id(text: str) -> str:
    """A DOT double-quoted ID: backslashes and quotes escaped, line breaks as \\n."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "").replace("\n", "\\n")
    return f'"{escaped}"'


KIND_COLOURS = {
    "land": "#c9e4c5",
    "body": "#c5d8f0",
    "ministry": "#dcd0f0",
    "person": "#f6d2b8",
    "post": "#f0e2a8",
    "holding": "#e8e8e8",
    "meeting": "#f3c6cf",
    "event": "#f3c6cf",
    "source": "#ffffff",
}


def dot(graph: nx.MultiDiGraph) -> bytes:
    lines = [
        f"digraph {_dot_id(graph.graph.get('name') or 'graph')} {{",
        "  graph [rankdir=LR, overlap=false];",
        '  node [shape=box, style="rounded,filled", fillcolor="#eeeeee", fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=9, color="#8592a3"];',
    ]
    for node, data in graph.nodes(data=True):
        attributes = [f"label={_dot_id(str(data.get('label', node)))}", f"URL={_dot_id(node)}"]
        if data.get("kind") in KIND_COLOURS:
            attributes.append(f"fillcolor={_dot_id(KIND_COLOURS[data['kind']])}")
        if data.get("type"):
            attributes.append(f"tooltip={_dot_id(str(data['type']))}")
        lines.append(f"  {_dot_id(node)} [{', '.join(attributes)}];")
    for source, target, data in graph.edges(data=True):
        lines.append(
            f"  {_dot_id(source)} -> {_dot_id(target)} [label={_dot_id(str(data.get('label', '')))}];"
        )
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def cytoscape(graph: nx.MultiDiGraph) -> bytes:
    """Cytoscape.js elements JSON: `{"elements": {"nodes": [{"data": …}], "edges": [{"data": …}]}}`."""
    # `value` and `name` as networkx's cytoscape_data writes them, so nx.cytoscape_graph reads it back.
    nodes = [
        {"data": {"id": node, "value": node, "name": data.get("label", node), **data}}
        for node, data in graph.nodes(data=True)
    ]
    edges = [
        {"data": {"id": f"e{index}", "source": source, "target": target, **data}}
        for index, (source, target, data) in enumerate(graph.edges(data=True))
    ]
    document = {
        "data": {"name": graph.graph.get("name", "")},
        "directed": True,
        "multigraph": True,
        "elements": {"nodes": nodes, "edges": edges},
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


WRITERS = {"graphml": graphml, "gexf": gexf, "dot": dot, "cytoscape": cytoscape}


def write(graph: nx.MultiDiGraph, format_name: str) -> bytes:
    return WRITERS[format_name](graph)
