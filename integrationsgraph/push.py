"""Loading a build into a SPARQL 1.1 Graph Store (https://www.w3.org/TR/sparql11-http-rdf-update/).

Two ways, chosen by `mode`:
- "graphs" (standard, works with Fuseki, Oxigraph, Virtuoso, GraphDB): one `PUT URL?graph=G` per named
  graph with its triples as N-Triples, replacing that graph; the store's default graph, if it has
  triples, goes by `PUT URL?default`.
- "dataset": one `POST URL` of the whole dataset as N-Quads, for stores that accept quads at the
  dataset level (Oxigraph's `/store`, Fuseki's dataset endpoint). It adds to what is there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Literal

import httpx
import pyoxigraph as ox

from integrationsgraph.errors import InputError
from integrationsgraph.server.backends import BackendUnavailable

PushMode = Literal["graphs", "dataset"]
TIMEOUT_SECONDS = 600.0


def _send(client: httpx.Client, method: str, url: str, *, params: dict, body: bytes, media_type: str) -> None:
    try:
        response = client.request(
            method, url, params=params, content=body, headers={"Content-Type": media_type}
        )
    except httpx.HTTPError as error:
        raise BackendUnavailable(f"{method} {url}: {type(error).__name__}: {error}") from None
    if response.status_code not in (200, 201, 204):
        target = ", ".join(f"{key}={value}" for key, value in params.items()) or "the dataset"
        raise BackendUnavailable(
            f"{method} {url} ({target}) answered {response.status_code}: {response.text.strip()[:500]}"
        )


def _triples_of(store: ox.Store, graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> bytes:
    quads = store.quads_for_pattern(None, None, None, graph)
    return ox.serialize((quad.triple for quad in quads), format=ox.RdfFormat.N_TRIPLES)


def push_store(
    store: ox.Store, url: str, mode: PushMode = "graphs", client: httpx.Client | None = None
) -> dict[str, int]:
    """Send every graph of `store` to the Graph Store at `url`; returns the triples sent per graph.

    The default graph is reported as "" (empty name). Raises BackendUnavailable when the store cannot
    be reached or refuses a request (the message has the method, URL, graph and the store's answer).
    """
    graphs = {quad.graph_name for quad in store}
    if any(isinstance(graph, ox.BlankNode) for graph in graphs):
        raise InputError(
            "a graph named by a blank node cannot be addressed in a Graph Store; name it with an IRI"
        )
    sizes = Counter(
        "" if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value for quad in store
    )
    own_client = client is None
    client = client or httpx.Client(timeout=TIMEOUT_SECONDS)
    try:
        if mode == "dataset":
            body = ox.serialize(store, format=ox.RdfFormat.N_QUADS)
            _send(client, "POST", url, params={}, body=body, media_type="application/n-quads")
        else:
            for name in sorted(sizes):
                graph = ox.DefaultGraph() if name == "" else ox.NamedNode(name)
                params = {"default": ""} if name == "" else {"graph": name}
                body = _triples_of(store, graph)
                _send(client, "PUT", url, params=params, body=body, media_type="application/n-triples")
    finally:
        if own_client:
            client.close()
    return dict(sorted(sizes.items()))


def summary_lines(sizes: dict[str, int], url: str) -> Iterable[str]:
    for name, count in sizes.items():
        yield f"{count:>9} triples  {name or '(default graph)'}"
    yield f"{sum(sizes.values()):>9} triples in {len(sizes)} graph(s) sent to {url}"
