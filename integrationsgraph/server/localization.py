"""Page language (German or English) and the few interface words the linked-data pages use.

The language is `?lang=de|en` when given (a switch kept in every link of the page), else the one
`Accept-Language` prefers, else German (the language of the sources). Labels of resources come from
the graph; `pick_label` prefers the page language, then German, then English, then any.
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.requests import Request

from integrationsgraph.server.errors import HTTPProblem

LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"


def _accept_language(header: str | None) -> str | None:
    """The best of LANGUAGES by an Accept-Language header (RFC 9110 12.5.4, basic filtering)."""
    best, best_quality = None, 0.0
    for element in (header or "").split(","):
        tag, _, params = element.strip().partition(";")
        quality = 1.0
        name, _, value = params.strip().partition("=")
        if name.strip() == "q":
            try:
                quality = float(value)
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > best_quality:
            best, best_quality = primary, quality
    return best


def explicit_language(request: Request) -> str | None:
    """The `?lang=` switch when given; a 400 naming the choices for an unknown value."""
    chosen = request.query_params.get("lang")
    if chosen is None or chosen == "":
        return None
    if chosen not in LANGUAGES:
        raise HTTPProblem(
            400, "Bad request", f"parameter lang: {chosen!r} is not one of {', '.join(LANGUAGES)}"
        )
    return chosen


def page_language(request: Request) -> str:
    return (
        explicit_language(request)
        or _accept_language(request.headers.get("accept-language"))
        or DEFAULT_LANGUAGE
    )


def pick_label(labels: Mapping[str, str], language: str) -> str | None:
    """The label in `language`, else German, else English, else untagged, else any; None when empty."""
    for tag in (language, "de", "en", ""):
        if tag in labels:
            return labels[tag]
    return next(iter(labels.values()), None)


WORDS: dict[str, tuple[str, str]] = {
    # key: (German, English)
    "types": ("Typen", "Types"),
    "properties": ("Eigenschaften", "Properties"),
    "incoming": ("Eingehende Verweise", "Incoming links"),
    "sources": ("Quellen und Belege", "Sources and evidence"),
    "neighbourhood": ("Nachbarschaft", "Neighbourhood"),
    "interactive": ("Interaktive Ansicht", "Interactive view"),
    "queries_about": ("Benannte Abfragen dazu", "Named queries about it"),
    "formats": ("Formate", "Formats"),
    "property": ("Eigenschaft", "Property"),
    "value": ("Wert", "Value"),
    "graph": ("Graph", "Graph"),
    "subject": ("Subjekt", "Subject"),
    "file": ("Datei", "File"),
    "source": ("Quelle", "Source"),
    "fact": ("Aussage", "Fact"),
    "span": ("Textstelle", "Span"),
    "inferred": ("abgeleitet", "inferred"),
    "entities": ("Register", "registry"),
    "ontology": ("Ontologie", "ontology"),
    "truncated": ("Gekürzt: nur die ersten {n} Einträge.", "Truncated: only the first {n} entries."),
    "triples": ("Tripel", "triples"),
    "graph_contents": ("Ressourcen in diesem Graphen", "Resources in this graph"),
    "described_source": ("Beschriebene Quelle", "Described source"),
    "timeline": ("Zeitleiste", "Timeline"),
    "chairs_timeline": ("Vorsitze nach Land", "Chairs by Land"),
    "holders_timeline": ("Inhaber des Amts", "Holders of the office"),
    "body_timeline": ("Ereignisse des Gremiums", "Events of the body"),
    "dataset": ("Datensatz", "Dataset"),
    "ontology_docs": ("Ontologie", "Ontology"),
    "classes": ("Klassen", "Classes"),
    "schemes": ("Begriffsschemata", "Concept schemes"),
    "rules": ("Ableitungsregeln", "Derivation rules"),
    "domain": ("Domäne", "Domain"),
    "range": ("Wertebereich", "Range"),
    "super": ("Oberbegriffe", "Super-terms"),
    "inverse": ("Invers zu", "Inverse of"),
    "concepts": ("Begriffe", "Concepts"),
    "no_data": ("Keine Daten.", "No data."),
    "open_ended": ("Ende offen oder unbekannt", "open or unknown end"),
    "resolved_tenure": ("Aufgelöste Amtszeit", "Resolved tenure"),
    "bound": ("Grenze", "Bound"),
    "day": ("Tag", "Day"),
    "rule": ("Regel", "Rule"),
    "rests_on": ("beruht auf", "Rests on"),
    "last_day_held": ("letzter Tag im Amt", "last day held"),
    "certain": ("sicher", "certain"),
    "possible": ("möglich", "possible"),
    "contested": ("umstritten", "contested"),
    "timeline_legend": (
        "Kräftig: sicher im Amt; blass: möglich (die aufgelösten Grenzen, wie `chair-at` sie liest); "
        "gestrichelt: Grenze unbekannt; rot umrandet: umstritten.",
        "Solid: certainly held; faded: possibly held (the resolved bounds, as `chair-at` reads them); "
        "dashed: bound unknown; outlined red: contested.",
    ),
    "end_convention": (
        "Daten einschließlich: „bis“ ist der letzte Tag im Amt, die Übergabe am Tag danach.",
        "Days inclusive: 'until' is the last day held; the hand-over is the day after.",
    ),
    "graph_view": ("Graphansicht", "Graph view"),
    "depth": ("Tiefe", "Depth"),
    "show_inferred": ("mit abgeleiteten Aussagen", "with inferred facts"),
    "export": ("Export", "Export"),
    "chairs_rows": ("Land", "Land"),
    "holders_rows": ("Inhaber", "Holder"),
    "body_rows": ("Art", "Kind"),
}


def words(language: str) -> dict[str, str]:
    """The interface words in `language`, for templates (`t.properties`)."""
    index = LANGUAGES.index(language)
    return {key: pair[index] for key, pair in WORDS.items()}
