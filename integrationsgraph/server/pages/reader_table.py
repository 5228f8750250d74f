"""A named query's answer as a reader's table: labels in the page language linked to this server's
pages, dates written out ("1. März 2013", "1 March 2013"), no language tags or datatypes; `raw` keeps
the terms as SPARQL writes them (compact IRIs, `@de`, `^^xsd:date`), still linked locally.

A column `x` with a companion `xLabel` shows the label linked to `x`; the companion column is left out.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from integrationsgraph.queries.formatting import compact_iri
from integrationsgraph.server.linked_data.links import Linker
from integrationsgraph.server.linked_data.source_catalogue import SourceCatalogue
from integrationsgraph.server.pages.localization import BETWEEN, LANGUAGES, answer_value, column_name

XSD = "http://www.w3.org/2001/XMLSchema#"
PLAIN = (f"{XSD}string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")
MONTHS = {
    "de": (
        "Januar", "Februar", "März", "April", "Mai", "Juni",
        "Juli", "August", "September", "Oktober", "November", "Dezember",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip
BOOLEANS = {"de": ("ja", "nein"), "en": ("yes", "no")}
# German label -> (German, English) of the ontology's classes and concepts (pages.vocabulary_words)
Vocabulary = Mapping[str, tuple[str, str]]


@dataclass(frozen=True)
class Cell:
    """One table cell: text, an optional link, the full IRI (title), and in raw mode a type note."""

    text: str
    href: str | None = None
    title: str = ""
    note: str = ""
    parts: tuple[Cell, ...] = ()  # several links in one cell (the sources of a fact)
    publisher: str = ""  # a source's publisher
    original: str = ""  # a source's original address
    lang: str = ""  # a literal's language tag (a label in German on an English page is marked so)


def written_date(value: str, language: str) -> str | None:
    """`2013-03-01` as "1. März 2013" (de) or "1 March 2013" (en); None for what is not a plain date."""
    try:
        day = datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None
    month = MONTHS[language][day.month - 1]
    return f"{day.day}. {month} {day.year}" if language == "de" else f"{day.day} {month} {day.year}"


def reader_cell(
    term,
    linker: Linker,
    labels: dict[str, dict[str, str]],
    raw: bool = False,
    vocabulary: Vocabulary | None = None,
) -> Cell:
    if term is None:
        return Cell("")
    if isinstance(term, ox.NamedNode):
        text = compact_iri(term.value) if raw else linker.label(term.value, labels)
        return Cell(text, href=linker.page_href(term.value), title=term.value)
    if isinstance(term, ox.BlankNode):
        return Cell(f"_:{term.value}")
    if not isinstance(term, ox.Literal):
        return Cell(str(term))
    datatype = term.datatype.value
    if raw:
        note = (
            f"@{term.language}"
            if term.language
            else ("" if datatype in PLAIN else f"^^{compact_iri(datatype)}")
        )
        return Cell(term.value, note=note)
    if datatype in (f"{XSD}date", f"{XSD}dateTime") and (
        written := written_date(term.value, linker.language)
    ):
        return Cell(written, title=term.value)
    if datatype == f"{XSD}boolean":
        yes, no = BOOLEANS[linker.language]
        return Cell(yes if term.value in ("true", "1") else no)
    if datatype == f"{XSD}string":
        return Cell(fixed_words(term.value, linker.language, vocabulary))
    if term.language == "de" and (said := fixed_words(term.value, linker.language, vocabulary)) != term.value:
        return Cell(said)  # an ontology term's German label (GROUP_CONCAT keeps the tag), said in English
    return Cell(term.value, lang=term.language or "")


_BETWEEN = re.compile(r"between (\d{4}-\d{2}-\d{2}) and (\d{4}-\d{2}-\d{2})")
_QUALIFIED = re.compile(r"(.+) \(([^()]+)\)")  # "Hauptkonferenz (stattgefunden)": a kind and its status


def fixed_words(value: str, language: str, vocabulary: Vocabulary | None = None) -> str:
    """A plain string as the page's language says it when the queries bind it as a fixed word or write
    an ontology term's German label into it (or a list of them, as `GROUP_CONCAT` folds them; "between
    <day> and <day>" with the days written out); data stays as it is."""
    index = LANGUAGES.index(language)
    if (single := _word(value, language, vocabulary)) is not None:
        return single
    if match := _BETWEEN.fullmatch(value):
        first, second = (written_date(day, language) for day in match.groups())
        return BETWEEN[index].format(a=first, b=second)
    parts = value.split(", ")
    translated = [_word(part, language, vocabulary) for part in parts]
    if len(parts) > 1 and all(word is not None for word in translated):
        return ", ".join(translated)
    return value


def _word(value: str, language: str, vocabulary: Vocabulary | None) -> str | None:
    """One fixed answer word, an ontology term's label, or a term with its status in parentheses, in
    `language`; None for anything else."""
    if (fixed := answer_value(value, language)) is not None:
        return fixed
    if vocabulary and value in vocabulary:
        return vocabulary[value][LANGUAGES.index(language)]
    if match := _QUALIFIED.fullmatch(value):
        kind, status = (_word(part, language, vocabulary) for part in match.groups())
        if kind is not None and status is not None:
            return f"{kind} ({status})"
    return None


SOURCE_COLUMNS = ("sources", "source", "file", "files")


def source_links(value: str, linker: Linker, sources: SourceCatalogue | None = None) -> Cell:
    """A cell listing source text files ("a.txt, b.txt", as the queries fold them) as links to each
    source's graph page (`graph:source/<stem>`), named by title and publisher with the original
    address when `sources` knows the file."""
    names = [name.strip() for name in value.split(",") if name.strip()]
    links = []
    for name in names:
        href = linker.path(f"/graph/source/{name.removesuffix('.txt')}")
        info = sources.by_file.get(name) if sources else None
        if info is None:
            links.append(Cell(name, href=href))
            continue
        publisher = sources.publisher(info, linker.language)
        links.append(Cell(info.title or name, href, name, publisher=publisher, original=info.address))
    return Cell(value, parts=tuple(links))


def shown_columns(variables: list[str], rows: list[tuple], raw: bool) -> list[int]:
    """The indexes of the columns a reader sees: `xLabel` is folded into `x`, and a column empty in
    every row is left out, unless raw."""
    if raw:
        return list(range(len(variables)))
    return [
        i
        for i, name in enumerate(variables)
        if not (name.endswith("Label") and name[:-5] in variables)
        and any(row[i] is not None and str(getattr(row[i], "value", row[i])) != "" for row in rows)
    ]


def iris_in(rows: list[tuple]) -> set[str]:
    return {term.value for row in rows for term in row if isinstance(term, ox.NamedNode)}


def reader_table(
    variables: list[str],
    rows: list[tuple],
    linker: Linker,
    labels: dict[str, dict[str, str]],
    raw: bool = False,
    *,
    sources: SourceCatalogue | None = None,
    vocabulary: Vocabulary | None = None,
) -> tuple[list[str], list[list[Cell]]]:
    """The columns shown and the rows of cells (`sources` names each source by title and publisher,
    `vocabulary` says the ontology's German labels in an answer in the page's language)."""
    columns = shown_columns(variables, rows, raw)
    cells = [
        [
            source_links(row[i].value, linker, sources)
            if not raw and variables[i] in SOURCE_COLUMNS and isinstance(row[i], ox.Literal)
            else reader_cell(row[i], linker, labels, raw, vocabulary)
            for i in columns
        ]
        for row in rows
    ]
    heads = [variables[i] if raw else column_name(variables[i], linker.language) for i in columns]
    return heads, cells
