"""What every linked-data page's template gets: the interface words, the linker, the language switch."""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.requests import Request

from integrationsgraph.server.linked_data.links import Linker
from integrationsgraph.server.pages.localization import LANGUAGES, words


def language_switch(request: Request, linker: Linker) -> list[dict[str, str]]:
    """Links to this page in each language (the `lang` switch, other query parameters kept)."""
    params = {key: value for key, value in request.query_params.items() if key != "lang"}
    path = linker.root_path + request.url.path.removeprefix(linker.root_path)
    switch = []
    for language in LANGUAGES:
        query = urlencode({**params, "lang": language})
        switch.append(
            {"language": language, "href": f"{path}?{query}", "current": language == linker.language}
        )
    return switch


def page_context(request: Request, linker: Linker) -> dict:
    """What every linked-data page's template needs: words, the linker, the language switch."""
    return {
        "t": words(linker.language),
        "linker": linker,
        "page_lang": linker.language,
        "language_switch": language_switch(request, linker),
    }
