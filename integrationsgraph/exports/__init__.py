"""Graph visualisation exports (GraphML, GEXF, DOT, Cytoscape.js JSON), used by the CLI and over HTTP.

`scope.collect(backend, Scope(...))` selects triples; `model.build_graph(...)` turns them into a networkx
graph of resources (labels in one language, types, time bounds); `writers.write(graph, format)` gives bytes.
"""
