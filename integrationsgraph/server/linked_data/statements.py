"""An entity page's statements, the way Wikidata shows them: a person's offices, a body's chairs and
meetings, a plan's versions, each row with its dates and sources.

Each section is the answer of the named query that already asks the question (one rule, one place),
shown as a reader's table (`reader_table`), with a link to the question's own page.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from integrationsgraph.namespaces import PREFIXES
from integrationsgraph.server.linked_data.links import Linker
from integrationsgraph.server.linked_data.resource_data import labels_of
from integrationsgraph.server.linked_data.source_catalogue import source_catalogue
from integrationsgraph.server.pages.localization import words
from integrationsgraph.server.pages.reader_table import Cell, iris_in, reader_table
from integrationsgraph.server.pages.rendering import named_query_catalog
from integrationsgraph.sparql.backends import Dataset

IG = PREFIXES["ig"]


@dataclass(frozen=True)
class Statements:
    """One section: its heading, the question it answers, the columns and rows."""

    heading: str
    query_href: str
    columns: list[str]
    rows: list[list[Cell]]


# type -> (heading word, named query, its entity parameter), in the order the page shows them
SECTIONS: dict[str, tuple[tuple[str, str, str], ...]] = {
    IG + "Person": (("offices", "offices-of", "person"),),
    IG + "Body": (("chairs", "chairs", "body"), ("meetings", "meetings", "body")),
    IG + "Plan": (("versions", "plans", "plan"),),
}


async def statement_sections(
    request: Request, linker: Linker, iri: str, types: list[str]
) -> list[Statements]:
    catalog = named_query_catalog(request)
    backend = request.app.state.backend
    t = words(linker.language)
    found = []
    for type_iri in types:
        for word, name, parameter in SECTIONS.get(type_iri, ()):
            if name not in catalog:
                continue
            result = await backend.query(catalog[name].bind({parameter: iri}), Dataset())
            variables = result.variables
            rows = [tuple(row.get(v) for v in variables) for row in await run_in_threadpool(result.rows)]
            if not rows:
                continue
            labels = await labels_of(backend, iris_in(rows), titles_base=linker.base)
            columns, cells = reader_table(
                variables, rows, linker, labels, sources=await source_catalogue(request)
            )
            href = linker.path(f"/queries/{name}", **{parameter: iri})
            found.append(Statements(t[word], href, columns, cells))
    return found
