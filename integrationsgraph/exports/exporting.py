"""One export from start to end: scope -> triples -> graph -> bytes (shared by the CLI and HTTP)."""

from __future__ import annotations

from integrationsgraph.errors import UsageError
from integrationsgraph.exports.model import graph_for
from integrationsgraph.exports.scope import Querier, Scope, collect
from integrationsgraph.exports.writers import FORMATS, write

LANGUAGES = ("de", "en")


async def export(backend: Querier, scope: Scope, format_name: str, language: str = "de") -> bytes:
    """The export in `format_name`; `UsageError` for an unknown format or language, or a bad scope."""
    if format_name not in FORMATS:
        raise UsageError(f"format: {format_name!r} is not one of {', '.join(FORMATS)}")
    if language not in LANGUAGES:
        raise UsageError(f"lang: {language!r} is not one of {', '.join(LANGUAGES)}")
    triples = await collect(backend, scope)
    graph = await graph_for(backend, triples, language)
    return write(graph, format_name)
