"""A reader's table in one language: fixed answer words and source cells (title, publisher, original
address), checked on the functions the pages use."""

from __future__ import annotations

from types import SimpleNamespace

import pyoxigraph as ox

from integrationsgraph.server.linked_data.links import Linker
from integrationsgraph.server.linked_data.resource_data import SourceInfo
from integrationsgraph.server.linked_data.source_catalogue import SourceCatalogue
from integrationsgraph.server.pages.reader_table import fixed_words, reader_table

BASE = "https://w3id.org/integrationsgraph/"


def linker(language: str) -> Linker:
    request = SimpleNamespace(
        app=SimpleNamespace(state=SimpleNamespace(settings=SimpleNamespace(public_base=BASE))),
        scope={"root_path": ""},
        query_params={"lang": language},
        headers={},
    )
    return Linker(request)


def test_fixed_words_in_each_language_and_data_as_it_is():
    assert fixed_words("certain", "de") == "sicher"
    assert fixed_words("certain", "en") == "certain"
    assert fixed_words("Amtsbeginn", "en") == "beginning of office"
    assert fixed_words("predecessor, successor", "de") == "Vorgänger, Nachfolger"
    assert fixed_words("between 2013-03-01 and 2013-03-31", "de") == "zwischen 1. März 2013 und 31. März 2013"
    assert fixed_words("between 2013-03-01 and 2013-03-31", "en") == "between 1 March 2013 and 31 March 2013"
    assert fixed_words("Hessische Integrationskonferenz", "en") == "Hessische Integrationskonferenz"
    assert fixed_words("certain, Hessen", "de") == "certain, Hessen"  # not all fixed words: data


def test_source_cells_name_title_publisher_and_original_address():
    curated = SourceInfo("g1", BASE + "id/source/a", "a.txt", "Titel A", "https://www.example.org/a",
                         BASE + "id/body/landesregierung-hessen", "example.org")  # fmt: skip
    site_only = SourceInfo("g2", BASE + "id/source/b", "b.txt", "Titel B", "https://news.example/b", "",
                           "news.example")  # fmt: skip
    catalogue = SourceCatalogue(
        {"a.txt": curated, "b.txt": site_only},
        {
            BASE + "id/body/landesregierung-hessen": {
                "de": "Hessische Landesregierung",
                "en": "Hessian government",
            }
        },
    )
    for language, publisher in (("de", "Hessische Landesregierung"), ("en", "Hessian government")):
        _, rows = reader_table(
            ["sources"], [(ox.Literal("a.txt, b.txt, c.txt"),)], linker(language), {}, sources=catalogue
        )
        parts = rows[0][0].parts
        assert [(part.text, part.publisher, part.original) for part in parts] == [
            ("Titel A", publisher, "https://www.example.org/a"),
            ("Titel B", "news.example", "https://news.example/b"),
            ("c.txt", "", ""),  # a file the catalogue does not know keeps its name
        ]
        assert parts[0].href == f"/graph/source/a?lang={language}"
