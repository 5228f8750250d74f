"""Loading a build into a SPARQL 1.1 Graph Store (https://www.w3.org/TR/sparql11-http-rdf-update/).

Two ways, chosen by `mode`:
- "graphs" (standard, works with Fuseki, Oxigraph, Virtuoso, GraphDB): one `PUT URL?graph=G` per named
  graph with its triples as N-Triples, replacing that graph; the store's default graph, if it has
  triples, goes by `PUT URL?default`.
- "dataset": one `POST URL` of the whole dataset as N-Quads, for stores that accept quads at the
  dataset level (Oxigraph's `/store`, Fuseki's dataset endpoint). It adds to what is there.

A store that wants a login gets one from `authenticating_client` (HTTP Basic or Digest, whichever its
challenge names: Virtuoso's `/sparql-graph-crud-auth` asks for Digest).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Generator, Iterable
from typing import Literal

import httpx
import pyoxigraph as ox

from integrationsgraph.errors import InputError
from integrationsgraph.sparql.backends import BackendUnavailable

PushMode = Literal["graphs", "dataset"]
TIMEOUT_SECONDS = 600.0


class ChallengedAuth(httpx.Auth):
    """HTTP Basic or Digest credentials, sent in the scheme the server's first 401 challenge names."""

    def __init__(self, user: str, password: str):
        self._schemes = {"basic": httpx.BasicAuth(user, password), "digest": httpx.DigestAuth(user, password)}
        self._chosen: httpx.Auth | None = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._chosen is None:
            response = yield request
            if response.status_code != 401:
                return
            scheme = response.headers.get("www-authenticate", "").split(" ", 1)[0].lower()
            self._chosen = self._schemes.get(scheme)
            if self._chosen is None:  # a scheme we do not speak: the 401 stands
                return
        yield from self._chosen.auth_flow(request)


def authenticating_client(user: str, password: str) -> httpx.Client:
    """A client for `push_store` that logs in as `user` when the store asks for it."""
    return httpx.Client(timeout=TIMEOUT_SECONDS, auth=ChallengedAuth(user, password))


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
