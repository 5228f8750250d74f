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


# As the ontology labels them (`vocabulary_words` reads these pairs from the graph served).
VOCABULARY = {
    "Zusammenlegung": ("Zusammenlegung", "merger"),
    "Konstituierung": ("Konstituierung", "constitution"),
    "Hauptkonferenz": ("Hauptkonferenz", "main conference"),
    "stattgefunden": ("stattgefunden", "held"),
}


def test_the_ontology_words_a_query_writes_follow_the_page_language():
    # the timeline's kinds: change-event classes folded by GROUP_CONCAT, a meeting type with its status
    assert fixed_words("Zusammenlegung, Konstituierung", "en", VOCABULARY) == "merger, constitution"
    assert fixed_words("Zusammenlegung, Konstituierung", "de", VOCABULARY) == "Zusammenlegung, Konstituierung"
    assert fixed_words("Hauptkonferenz (stattgefunden)", "en", VOCABULARY) == "main conference (held)"
    assert fixed_words("Sitzung (stattgefunden)", "en", VOCABULARY) == "meeting (held)"  # a fixed word too
    # data keeps its words, even beside an ontology word
    assert fixed_words("Hessen (stattgefunden)", "en", VOCABULARY) == "Hessen (stattgefunden)"
    assert fixed_words("Zusammenlegung, Hessen", "en", VOCABULARY) == "Zusammenlegung, Hessen"


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


def test_a_german_tagged_ontology_word_is_said_in_english():
    # GROUP_CONCAT of German labels keeps their tag: the kinds arrive as "…"@de
    kinds = ox.Literal("Zusammenlegung, Konstituierung", language="de")
    name = ox.Literal("Hessische Integrationskonferenz", language="de")
    ((said, data),) = reader_table(
        ["what", "description"], [(kinds, name)], linker("en"), {}, vocabulary=VOCABULARY
    )[1]
    assert (said.text, said.lang) == ("merger, constitution", "")
    assert (data.text, data.lang) == ("Hessische Integrationskonferenz", "de")  # data, marked German
    ((kept, _),) = reader_table(
        ["what", "description"], [(kinds, name)], linker("de"), {}, vocabulary=VOCABULARY
    )[1]
    assert (kept.text, kept.lang) == ("Zusammenlegung, Konstituierung", "de")
