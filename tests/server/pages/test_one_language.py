"""One language at a time on the question pages: every named query's form and example answer, and the
list of questions, read in German and in English against the real build, hold no interface word of the
other language; every fixed word a query binds as an answer value is shown in the page's language."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import urlencode

import httpx
import pytest

from integrationsgraph.paths import QUERIES_DIR
from integrationsgraph.pipeline.options import RULES_DIR
from integrationsgraph.queries.catalog import load_catalog
from integrationsgraph.server.pages.localization import ANSWER_VALUES, COLUMNS, LANGUAGES

# Words that occur in one language's prose and not in the other's ("in", "an", "am", "was" are both).
STOP_WORDS = {
    "de": {"der", "die", "das", "und", "ist", "von", "mit", "nicht", "ein", "eine", "einer", "wer",
           "welche", "welcher", "für", "zu", "den", "dem", "des", "im", "bis", "oder", "kein", "keine",
           "auf", "nach", "sich", "wird", "sind", "wurde", "seit", "diese", "jede", "jeder", "zeile"},
    "en": {"the", "of", "and", "is", "which", "who", "with", "from", "until", "not", "this", "that",
           "each", "every", "its", "their", "by", "or", "are", "were", "has", "have", "when", "where",
           "what", "row", "rows", "answer", "show", "open"},
}  # fmt: skip
# Data and code, shown as they are: names and titles (links), literals from the graph, SPARQL, file
# names, publishers; elements marked in another language (the language switch).
SKIPPED = {"a", "code", "pre", "kbd", "samp", "textarea", "script", "style", "option"}
SKIPPED_CLASSES = {"literal", "publisher", "term", "iri"}
# A query's fixed answer words: `BIND("…" AS ?x)`, `(prefix:name "…")` in a VALUES table, and the
# strings an `IF(condition, "…", "…")` chooses between (the else part only when it is a string too).
QUERY_CONSTANT = re.compile(
    r'BIND\("([^"]+)" AS \?\w+\)|\(\w+:\w+ "([^"]+)"\)|IF\([^,"]+,\s*"([^"]+)"(?:,\s*"([^"]+)"\))?'
)


class ProseReader(HTMLParser):
    """The interface prose of a page (text outside SKIPPED), the table heads and the literal cells."""

    def __init__(self, language: str):
        super().__init__()
        self.language = language
        self.stack: list[bool] = []  # per open element: whether its text is skipped
        self.prose: list[str] = []
        self.heads: list[str] = []
        self.literals: list[str] = []
        self.capture: list[str] | None = None
        self.in_reader_table = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        skipped = (
            tag in SKIPPED
            or bool(classes & SKIPPED_CLASSES)
            or attributes.get("lang", self.language) != self.language
            or (self.stack and self.stack[-1])
        )
        if tag in {"br", "img", "input", "meta", "link", "hr", "wbr", "source"}:
            return
        self.stack.append(bool(skipped))
        if tag == "table":
            self.in_reader_table = "reader" in classes
        if tag == "th" and self.in_reader_table:
            self.capture = self.heads
        elif "literal" in classes and attributes.get("lang", self.language) == self.language:
            self.capture = self.literals  # a literal marked in another language is data in it

    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()
        if tag in {"th", "span"}:
            self.capture = None

    def handle_data(self, data):
        text = " ".join(data.split())
        if not text:
            return
        if self.capture is not None:
            self.capture.append(text)
        if not (self.stack and self.stack[-1]):
            self.prose.append(text)


def read(html: str, language: str) -> ProseReader:
    reader = ProseReader(language)
    reader.feed(html)
    return reader


def foreign_words(reader: ProseReader, language: str) -> list[str]:
    other = next(code for code in LANGUAGES if code != language)
    return [
        f"{word!r} in {text!r}"
        for text in reader.prose
        for token in re.findall(r"[\w-]+", text)
        if "-" not in token  # names such as `holders-of` are identifiers, not prose
        for word in [token.lower()]
        if word in STOP_WORDS[other]
    ]


def question_pages(base_url: str) -> list[str]:
    pages = [f"{base_url}/queries"]
    for query in load_catalog(QUERIES_DIR).values():
        pages.append(f"{base_url}/queries/{query.name}")
        if query.parameters:
            pages.append(f"{base_url}/queries/{query.name}?{urlencode(query.example_values())}")
    return pages


def test_every_fixed_answer_word_of_the_queries_has_both_languages():
    # the timeline's kinds are written by the rule that derives its entries (rules/timeline-entry.rq)
    files = [*sorted(QUERIES_DIR.glob("*.rq")), RULES_DIR / "timeline-entry.rq"]
    bound = {
        word
        for path in files
        if not path.name.endswith("-violation.rq")
        for words in QUERY_CONSTANT.findall(path.read_text(encoding="utf-8"))
        for word in words
        if word
    }
    assert len(bound) >= 20  # the pattern still finds the constants
    assert sorted(bound - set(ANSWER_VALUES)) == []


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES)
def test_question_pages_speak_one_language(real_server: str, language: str):
    heads = {pair[LANGUAGES.index(language)] for pair in COLUMNS.values()}
    untranslated = {
        value for value, pair in ANSWER_VALUES.items() if pair[LANGUAGES.index(language)] != value
    }
    problems: list[str] = []
    with httpx.Client(headers={"Accept": "text/html"}, timeout=60) as client:
        for url in question_pages(real_server):
            separator = "&" if "?" in url else "?"
            answer = client.get(f"{url}{separator}lang={language}")
            assert answer.status_code == 200, f"{url}: {answer.status_code}"
            reader = read(answer.text, language)
            problems += [f"{url}: {word}" for word in foreign_words(reader, language)]
            problems += [f"{url}: column {head!r}" for head in reader.heads if head not in heads]
            problems += [f"{url}: value {v!r}" for v in reader.literals if v in untranslated]
    assert problems == []


def what_cells(real_server: str, language: str, heading: str) -> list[str]:
    """The `what` column of the timeline's answer for 2019-2024, as the reader's table shows it."""
    page = httpx.get(
        f"{real_server}/queries/timeline?from=2019-01-01&to=2024-12-31&lang={language}",
        headers={"Accept": "text/html"},
        timeout=60,
    ).text
    return [html.unescape(text) for text in re.findall(rf'data-column="{heading}">[^>]*>([^<]*)<', page)]


@pytest.mark.slow
def test_the_timeline_says_its_kinds_in_the_page_language(real_server: str, graph_store):
    """The timeline query writes the German labels of change-event classes and meeting types and
    statuses into its `what` column ("Zusammenlegung", "Hauptkonferenz (stattgefunden)"); an English
    page says them with the ontology's English labels."""
    pairs = graph_store.query(
        "SELECT DISTINCT ?de ?en { { ?t a owl:Class } UNION { ?t a skos:Concept } "
        "?t rdfs:label|skos:prefLabel ?de , ?en FILTER(LANG(?de) = 'de' && LANG(?en) = 'en') }",
        prefixes={
            "owl": "http://www.w3.org/2002/07/owl#",
            "skos": "http://www.w3.org/2004/02/skos/core#",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        },
        use_default_graph_as_union=True,
    )
    german = {row["de"].value for row in pairs if row["de"].value != row["en"].value}
    german |= {value for value, (de, en) in ANSWER_VALUES.items() if de != en and value == de}

    def words(cells: list[str]) -> set[str]:
        return {part for cell in cells for part in re.split(r", | \(|\)", cell) if part}

    in_german, in_english = (
        what_cells(real_server, "de", "Was"),
        what_cells(real_server, "en", "What"),
    )
    assert len(in_english) == len(in_german) > 0
    assert words(in_german) & german  # the German page says them in German
    assert sorted(words(in_english) & german) == []


@pytest.mark.slow
def test_the_timeline_names_its_entities_in_the_page_language(real_server: str, graph_store):
    """The timeline answers with the IRIs of what each row is about and who acted (a plan and its
    adopter, a post and its holder), which the reader's table names in the page's language; no German
    phrase of its own (", beschlossen von") and no German label where the entity has an English one."""
    period = {"from": "2019-01-01", "to": "2024-12-31"}
    rows = graph_store.query(
        load_catalog(QUERIES_DIR)["timeline"].bind(period), use_default_graph_as_union=True
    )
    entities = {row[name].value for row in rows for name in ("subject", "agent") if row[name] is not None}
    labels = {
        (row["entity"].value, row["label"].language): row["label"].value
        for row in graph_store.query(
            "SELECT ?entity ?label { VALUES ?entity { "
            + " ".join(f"<{iri}>" for iri in sorted(entities))
            + " } ?entity <http://www.w3.org/2000/01/rdf-schema#label> ?label }",
            use_default_graph_as_union=True,
        )
    }
    differing = {
        iri: (labels[iri, "de"], labels[iri, "en"])
        for iri in entities
        if (iri, "de") in labels and (iri, "en") in labels and labels[iri, "de"] != labels[iri, "en"]
    }
    assert len(differing) >= 3  # posts, the Hessian government: the test can tell the languages apart
    for language, index in (("en", 1), ("de", 0)):
        page = httpx.get(
            f"{real_server}/queries/timeline?{urlencode(period)}&lang={language}",
            headers={"Accept": "text/html"},
            timeout=60,
        ).text
        names = {
            html.unescape(title): html.unescape(text)
            for title, text in re.findall(r'<a href="[^"]*" title="([^"]+)">([^<]*)</a>', page)
        }
        assert {iri: names.get(iri) for iri in differing} == {
            iri: pair[index] for iri, pair in differing.items()
        }
        assert "beschlossen von" not in page.lower() or language == "de"
