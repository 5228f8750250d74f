"""Links in the linked-data pages: minted IRIs onto the server's own paths, and terms as display values.

An IRI under the public base (`settings.public_base`, by default https://w3id.org/integrationsgraph/) is
served by this server at the same path: `<base>id/body/intmk` at `/id/body/intmk`. Pages link such IRIs
to the local path (below the app's root path), keeping the `?lang=` switch; other IRIs link outwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import pyoxigraph as ox
from starlette.requests import Request

from integrationsgraph.namespaces import BASE, PREFIXES
from integrationsgraph.server.pages.localization import explicit_language, page_language, pick_label

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def public_base(request: Request) -> str:
    """The base of minted IRIs this server dereferences (the `public_base` setting)."""
    return getattr(request.app.state.settings, "public_base", None) or BASE


def compact(iri: str) -> str:
    """`prefix:local` for IRIs under a known prefix (the longest match), else the IRI."""
    best = ""
    for name, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(PREFIXES.get(best, "")):
            best = name
    if best:
        local = iri[len(PREFIXES[best]) :]
        if "/" not in local and "#" not in local:
            return f"{best}:{local}"
    return iri


@dataclass(frozen=True)
class Value:
    """A term as a page shows it: text, an optional link, the IRI (title), a language or datatype note."""

    text: str
    href: str | None = None
    iri: str | None = None
    note: str = ""
    is_literal: bool = False


class Linker:
    """Link-making for one request: the base, the root path, and the page language."""

    def __init__(self, request: Request):
        self.base = public_base(request)
        self.root_path = request.scope.get("root_path", "")
        self.explicit_language = explicit_language(request)
        self.language = page_language(request)

    def path(self, path: str, **params: str | int | None) -> str:
        """A local path below the root path, with query parameters and the `lang` switch when set."""
        values = {name: str(value) for name, value in params.items() if value is not None}
        if self.explicit_language and "lang" not in values:
            values["lang"] = self.explicit_language
        query = f"?{urlencode(values)}" if values else ""
        return f"{self.root_path}{path}{query}"

    def carry(self, url: str) -> str:
        """`url` (a path with or without a query) with the `lang` switch added when it is set."""
        if not self.explicit_language or "lang=" in url.partition("?")[2]:
            return url
        separator = "&" if "?" in url else "?"
        return f"{url}{separator}{urlencode({'lang': self.explicit_language})}"

    def local_path(self, iri: str) -> str | None:
        """The server path of an IRI under the base (fragment dropped), or None for other IRIs."""
        if not iri.startswith(self.base):
            return None
        return "/" + iri[len(self.base) :].split("#", maxsplit=1)[0]

    def href(self, iri: str) -> str:
        """Where a page links an IRI: its local page when it is ours, else the IRI itself."""
        local = self.local_path(iri)
        if local is None:
            return iri
        fragment = iri.partition("#")[2]
        return self.path(local) + (f"#{fragment}" if fragment else "")

    def page_href(self, iri: str) -> str | None:
        """This server's page of an IRI it mints; None for another's (a vocabulary term is named, with
        its IRI as a title, rather than a link that leaves the site)."""
        return self.href(iri) if self.local_path(iri) is not None else None

    def label(self, iri: str, labels: dict[str, dict[str, str]]) -> str:
        return pick_label(labels.get(iri, {}), self.language) or compact(iri)

    def value(
        self, term: ox.NamedNode | ox.BlankNode | ox.Literal, labels: dict[str, dict[str, str]]
    ) -> Value:
        if isinstance(term, ox.NamedNode):
            return Value(self.label(term.value, labels), self.page_href(term.value), term.value)
        if isinstance(term, ox.Literal):
            if term.language:
                note = f"@{term.language}"
            else:
                datatype = term.datatype.value
                note = "" if datatype in (XSD_STRING, LANG_STRING) else compact(datatype)
            return Value(term.value, note=note, is_literal=True)
        return Value(f"_:{term.value}")
