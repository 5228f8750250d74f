"""Running SPARQL against a pyoxigraph store in this thread, for code that asks the store itself.

The same evaluation as every other query (`sparql.backends.EmbeddedBackend`): the union of the named
graphs as default graph, `QueryResult` as the answer, `QuerySyntaxError` with line and column. No
deadline and no row limit: this is for the project's own queries (label index, tests), not a client's.
"""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph

from integrationsgraph.sparql.backends import EmbeddedBackend, QueryRequest, QueryResult


def run_query(
    store: pyoxigraph.Store, text: str, *, prefixes: Mapping[str, str] | None = None
) -> QueryResult:
    """Evaluate a SPARQL query; `prefixes` are declared before parsing, as if the query began with them."""
    return EmbeddedBackend(store, prefixes=prefixes).query_sync(QueryRequest(text))
