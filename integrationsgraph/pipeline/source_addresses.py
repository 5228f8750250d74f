"""The original address of each source: the `source:` line of its text's header, when it is a URL.

Every text in ../shared starts with a header whose first line names where it was published
(`source: https://…`); seed documents say they have none. The address is stated by the text itself,
so it goes into the source's own graph, on its source node, as `schema:url`, with the web site it names
(`ig:site`, the host without `www.`): the publisher a page shows for a source no curator gave a
`dct:publisher`. The header's `kind:` line is an English description with no fixed form, so the host is
the one publisher every addressed text states alike in both page languages. Without the shared texts
(`--no-shared`) no address is added.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph as ox

from integrationsgraph.errors import InputError
from integrationsgraph.namespaces import IG, SCHEMA

_SOURCES = f"""
SELECT ?g ?source ?file ?corpus WHERE {{
  GRAPH ?g {{ ?source a <{IG}Source> ; <{IG}fileName> ?file ; <{IG}corpus> ?corpus }}
}}"""
_ADDRESS = re.compile(r"source:\s*(https?://\S+)\s*$")
URL = ox.NamedNode(f"{SCHEMA}url")
SITE = ox.NamedNode(f"{IG}site")


def site_of(address: str) -> str | None:
    """The web site an address names: its host without a leading `www.` (None when it has no host)."""
    host = (urlsplit(address).hostname or "").removeprefix("www.")
    return host or None


def stated_address(text_path: Path) -> str | None:
    """The URL on the header's `source:` line, or None when the line names no URL or there is no text
    (the evidence check reports a missing text, naming the source file)."""
    if not text_path.is_file():
        return None
    try:
        with text_path.open(encoding="utf-8") as text:
            first = text.readline()
    except OSError as error:
        raise InputError(f"{text_path}: cannot read the source text: {error.strerror}") from None
    match = _ADDRESS.match(first.strip())
    return match.group(1) if match else None


def source_address_quads(store: ox.Store, shared_dir: Path | None) -> list[ox.Quad]:
    """`<source> schema:url <address>` and `<source> ig:site "host"` in each source's graph, for the texts
    whose header names an address."""
    if shared_dir is None:
        return []
    quads = []
    for solution in store.query(_SOURCES):
        path = shared_dir / solution["corpus"].value / solution["file"].value
        address = stated_address(path)
        if address is not None:
            quads.append(ox.Quad(solution["source"], URL, ox.NamedNode(address), solution["g"]))
            if site := site_of(address):
                quads.append(ox.Quad(solution["source"], SITE, ox.Literal(site), solution["g"]))
    return sorted(quads, key=str)
