"""The query page (at `/`, and at `/sparql` for browsers), the static files, and page rendering.

Everything a page needs is served from `integrationsgraph/server/pages/static/`: no CDN, works offline.
Links in pages are paths below the app's root path, never absolute URLs, so they stay right behind a
reverse proxy whatever host name it forwards.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from integrationsgraph.namespaces import PREFIXES
from integrationsgraph.paths import QUERIES_DIR
from integrationsgraph.queries.catalog import NamedQuery, load_catalog
from integrationsgraph.server.linked_data.links import Linker
from integrationsgraph.server.pages.localization import editor_words, page_language
from integrationsgraph.server.pages.page_context import page_context
from integrationsgraph.settings import Settings

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
TEMPLATES = Jinja2Templates(directory=HERE / "templates")

DEFAULT_QUERY = """\
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

# The classes of the graph and how many resources each has (DISTINCT: the default graph is the union
# of all named graphs, where a resource typed by several sources would otherwise count once per source).
SELECT ?class (SAMPLE(?name) AS ?label) (COUNT(DISTINCT ?resource) AS ?resources)
WHERE {
  ?resource a ?class .
  OPTIONAL { ?class rdfs:label ?name }
}
GROUP BY ?class
ORDER BY DESC(?resources)
LIMIT 25
"""


@functools.cache
def installed_catalog() -> dict[str, NamedQuery]:
    """The named queries in `queries/`, read once per process (they do not change while it runs)."""
    return load_catalog(QUERIES_DIR)


def named_query_catalog(request: Request) -> dict[str, NamedQuery]:
    """The catalogue served: `app.state.named_queries` when set (tests, embedders), else `queries/`."""
    catalog = getattr(request.app.state, "named_queries", None)
    return installed_catalog() if catalog is None else catalog


def path_for(request: Request, route: str, /, **path_params: Any) -> str:
    """The path of a named route below the app's root path (for links in pages)."""
    return request.scope.get("root_path", "") + str(request.app.url_path_for(route, **path_params))


def render(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> Response:
    """A page from `templates/`, with `path_for`, `link` (`path_for` keeping the `lang` switch), `static`
    (a static file's path) and what every page shares (words, language switch: `page_context`) in it."""
    linker = context.get("linker") or Linker(request)
    helpers = {
        "path_for": functools.partial(path_for, request),
        "link": lambda route, **params: linker.carry(path_for(request, route, **params)),
        "static": lambda file: path_for(request, "static", path=file),
        **page_context(request, linker),
    }
    return TEMPLATES.TemplateResponse(request, template, {**helpers, **context}, status_code=status_code)


def example_text(query: NamedQuery) -> str:
    """The query's text with its parameters bound to their examples.

    When a required parameter has no example, the text keeps its `$name` tokens (valid SPARQL variables)
    for the user to replace.
    """
    missing = [p.name for p in query.parameters if not p.optional and p.example is None]
    return query.text if missing else query.bind(query.example_values())


def example_texts(catalog: dict[str, NamedQuery]) -> dict[str, str]:
    return {name: example_text(query) for name, query in catalog.items()}


async def query_page(request: Request) -> Response:
    """The SPARQL editor; `?query=` fills it (a permalink), `?example=NAME` loads a named query."""
    catalog = named_query_catalog(request)
    examples = example_texts(catalog)
    text = request.query_params.get("query")
    if text is None:
        text = examples.get(request.query_params.get("example", ""), DEFAULT_QUERY)
    context = {
        "section": "query",
        "query_text": text,
        "endpoint_url": request.scope.get("root_path", "") + "/sparql",
        "permalink_url": path_for(request, "query_page"),
        "examples": list(catalog.values()),
        "example_texts": examples,
        "prefixes": PREFIXES,
        "editor_words": editor_words(page_language(request)),
    }
    response = render(request, "query.html", context)
    response.headers["Vary"] = "Accept"
    return response


def error_page(request: Request, body: dict) -> str:
    """An error as a page of the site (navigation, search, language); a query sent from the editor is
    offered back in it, so nothing typed is lost."""
    typed = request.query_params.get("query")
    context = {
        "error": body,
        "back_to_editor": path_for(request, "query_page") + "?" + urlencode({"query": typed})
        if typed
        else None,
    }
    return render(request, "error.html", context, status_code=body["status"]).body.decode()


async def favicon(request: Request) -> Response:
    """The site's icon for browsers that ask at the conventional address (pages name it by `<link>`)."""
    return FileResponse(STATIC_DIR / "favicon.svg", media_type="image/svg+xml")


def routes(settings: Settings) -> list[BaseRoute]:
    """The query page at `/` and the static files under `/static`."""
    installed_catalog()  # a broken query file stops the server at start, not at the first visitor
    return [
        Route("/", query_page, methods=["GET"], name="query_page"),
        Route("/favicon.ico", favicon, methods=["GET", "HEAD"], name="favicon"),
        Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
    ]
