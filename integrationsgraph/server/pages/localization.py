"""Page language (German or English) and the few interface words the linked-data pages use.

The language is `?lang=de|en` when given (a switch kept in every link of the page), else the one
`Accept-Language` prefers, else German (the language of the sources). Labels of resources come from
the graph; `pick_label` prefers the page language, then German, then English, then any.
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.requests import Request

from integrationsgraph.server.http.problems import HTTPProblem

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
    "chairs_rows": ("Land oder Person", "Land or person"),
    "holders_rows": ("Inhaber", "Holder"),
    "body_rows": ("Art", "Kind"),
    # The frame of every page: navigation, search, footer.
    "skip_to_content": ("Zum Inhalt springen", "Skip to content"),
    "main_navigation": ("Hauptnavigation", "Main navigation"),
    "language": ("Sprache", "Language"),
    "nav_sparql": ("SPARQL-Abfrage", "SPARQL query"),
    "nav_queries": ("Fragen", "Questions"),
    "search_label": ("Suche nach Namen", "Search by name"),
    "search_placeholder": ("Suchen: Person, Gremium, Land …", "Search: person, body, Land …"),
    "search_button": ("Suchen", "Search"),
    "search_title": ("Suche", "Search"),
    "search_hits": ("{n} Treffer für „{q}“", "{n} results for '{q}'"),
    "search_none": (
        "Nichts gefunden für „{q}“. Der Graph kennt nur die Namen in seinen Quellen.",
        "Nothing found for '{q}'. The graph knows only the names in its sources.",
    ),
    "search_empty": ("Bitte einen Namen eingeben.", "Please type a name."),
    "also_called": ("auch", "also"),
    # Questions (named queries) as forms, and their answers.
    "optional": ("optional", "optional"),
    "entity_placeholder": ("Namen tippen und auswählen", "type a name and pick"),
    "for_example": ("z. B.", "e.g."),
    "ask": ("Fragen", "Ask"),
    "answer": ("Antwort", "Answer"),
    "yes": ("Ja", "Yes"),
    "no": ("Nein", "No"),
    "rows": ("{n} Zeile(n)", "{n} row(s)"),
    "cut_rows": (
        "Gekürzt: Die Zeilengrenze des Servers von {limit} hat diese Antwort abgeschnitten.",
        "Truncated: the server's row limit of {limit} cut this answer.",
    ),
    "cut_bytes": (
        "Gekürzt: Die Bytegrenze des Servers von {limit} hat diese Antwort abgeschnitten.",
        "Truncated: the server's byte limit of {limit} cut this answer.",
    ),
    "empty_answer": (
        "Keine Antwort: Der Graph kennt zu diesen Angaben keine Aussage. Das heißt nicht, dass es keine "
        "gibt, sondern nur, dass keine der Quellen sie nennt.",
        "No answer: the graph holds no fact for these values. That does not mean there is none, only that "
        "none of the sources states one.",
    ),
    "no_known_holder": (
        "An diesem Tag ist kein Inhaber bekannt: Keine Quelle nennt, wer den Vorsitz führte.",
        "No known holder on this day: no source states who held the chair.",
    ),
    "holder_before": ("Zuletzt davor:", "The last before:"),
    "holder_after": ("Als Nächstes danach:", "The next after:"),
    "show_raw": (
        "Rohdaten zeigen (IRIs, Datentypen, Sprachen)",
        "Show raw terms (IRIs, datatypes, languages)",
    ),
    "show_readable": ("Lesbar zeigen", "Show readable"),
    "raw_results": ("SPARQL-Ergebnis", "SPARQL results"),
    "open_in_editor": ("Im Editor öffnen", "Open in the editor"),
    "the_query": ("Die Abfrage", "The query"),
    "queries_title": ("Fragen an den Graphen", "Questions to the graph"),
    "queries_intro": (
        "Fertige Fragen: Jede hat ein Formular; die Antwort steht darunter, und die Adresse der Seite "
        "ist ein Link, der sie wiederholt. Maschinenlesbar als SPARQL-JSON oder CSV "
        "(?format=json|csv).",
        "Ready-made questions: each has a form; the answer appears below it, and the page's address is a "
        "link that repeats it. Machine-readable as SPARQL JSON or CSV (?format=json|csv).",
    ),
    "queries_as_json": ("Diese Liste als JSON", "This list as JSON"),
    "ask_question": ("Frage stellen", "Ask this question"),
    "with_examples": ("Mit den Beispielwerten", "With the example values"),
    "no_queries": ("Keine Fragen installiert.", "No named queries are installed."),
    # Entity pages as statements.
    "offices": ("Ämter", "Offices"),
    "chairs": ("Vorsitze", "Chairs"),
    "meetings": ("Sitzungen", "Meetings"),
    "versions": ("Fassungen", "Versions"),
    "error_heading": ("Fehler {status}", "Error {status}"),
    "back_to_editor": ("Zurück zum Editor, mit der Abfrage", "Back to the editor, with the query"),
    "home": ("Startseite", "Home"),
    "original_address": ("Original beim Herausgeber", "Original at the publisher"),
    "ask_this": ("Als Frage öffnen", "Open as a question"),
    # The SPARQL editor (the query page); EDITOR_WORDS are its script's.
    "run": ("Ausführen", "Run"),
    "ctrl_key": ("Strg", "Ctrl"),
    "runs_the_query": ("führt die Abfrage aus", "runs the query"),
    "examples": ("Beispiele", "Examples"),
    "all_questions": ("Alle Fragen mit ihren Parametern", "All named queries with their parameters"),
    "footer": (
        "Integrationsgraph: ein Wissensgraph zur Governance der Integrationspolitik in Deutschland, "
        "aus Pressemitteilungen gebaut. Jede Aussage nennt ihre Quelle.",
        "Integrationsgraph: a linked-data knowledge graph of German integration-policy governance, built "
        "from press releases. Every fact cites its source.",
    ),
}


# Column names of the named queries' answers as a reader's table heads them; others keep their name.
COLUMNS: dict[str, tuple[str, str]] = {
    "status": ("Stand", "Status"),
    "holder": ("Inhaber", "Holder"),
    "person": ("Person", "Person"),
    "personStatus": ("Stand der Person", "Person's status"),
    "exercisedBy": ("wahrgenommen von", "Exercised by"),
    "certainFrom": ("sicher ab", "Certainly from"),
    "certainUntil": ("sicher bis", "Certainly until"),
    "possibleFrom": ("frühestens ab", "At the earliest from"),
    "possibleUntil": ("spätestens bis", "At the latest until"),
    "before": ("davor", "Before"),
    "after": ("danach", "After"),
    "contestedWith": ("umstritten mit", "Contested with"),
    "holding": ("Amtsinhabe", "Holding"),
    "sources": ("Quellen", "Sources"),
    "source": ("Quelle", "Source"),
    "file": ("Datei", "File"),
    "endConvention": ("Enddatum", "End date"),
    "post": ("Amt", "Post"),
    "role": ("Rolle", "Role"),
    "in": ("in", "In"),
    "inLand": ("Land", "Land"),
    "onBehalfOf": ("für", "On behalf of"),
    "predecessor": ("Vorgänger", "Predecessor"),
    "successor": ("Nachfolger", "Successor"),
    "meeting": ("Sitzung", "Meeting"),
    "place": ("Ort", "Place"),
    "placeLabel": ("Ort", "Place"),
    "type": ("Art", "Type"),
    "kind": ("Art", "Kind"),
    "version": ("Fassung", "Version"),
    "fact": ("Aussage", "Fact"),
    "what": ("Was", "What"),
    "start": ("Beginn", "Start"),
    "end": ("Ende", "End"),
    "derivedBy": ("abgeleitet durch", "Derived by"),
    "adoptedBy": ("beschlossen von", "Adopted by"),
    "agent": ("wer", "Who"),
    "adoptedEarliest": ("beschlossen frühestens", "Adopted at the earliest"),
    "adoptedLatest": ("beschlossen spätestens", "Adopted at the latest"),
    "adoptedEdtf": ("Beschluss (EDTF)", "Adoption (EDTF)"),
    "approximateMembers": ("Mitglieder (etwa)", "Members (about)"),
    "aspect": ("Angabe", "Aspect"),
    "body": ("Gremium", "Body"),
    "chair": ("Vorsitz", "Chair"),
    "contested": ("umstritten", "Contested"),
    "description": ("Beschreibung", "Description"),
    "detail": ("Einzelheit", "Detail"),
    "direction": ("Richtung", "Direction"),
    "draftedWith": ("erarbeitet mit", "Drafted with"),
    "earliest": ("frühestens", "Earliest"),
    "entriesInPeriod": ("Einträge im Zeitraum", "Entries in the period"),
    "latest": ("spätestens", "Latest"),
    "edtf": ("Datum (EDTF)", "Date (EDTF)"),
    "startEdtf": ("Beginn (EDTF)", "Start (EDTF)"),
    "endEdtf": ("Ende (EDTF)", "End (EDTF)"),
    "event": ("Ereignis", "Event"),
    "exact": ("Wortlaut", "Exact words"),
    "exercises": ("übt aus", "Exercises"),
    "file1": ("Datei 1", "File 1"),
    "file2": ("Datei 2", "File 2"),
    "from": ("aus", "From"),
    "into": ("in", "Into"),
    "kinds": ("Arten", "Kinds"),
    "method": ("Methode", "Method"),
    "newActionFields": ("neue Handlungsfelder", "New action fields"),
    "ordinal": ("Nummer", "Number"),
    "number": ("Nummer", "Number"),
    "motto": ("Motto", "Motto"),
    "other": ("andere", "Other"),
    "otherMember": ("Inhaber der anderen", "The other's holder"),
    "otherPossibleFrom": ("andere frühestens ab", "Other at the earliest from"),
    "otherPossibleUntil": ("andere spätestens bis", "Other at the latest until"),
    "personPossibleFrom": ("Person frühestens ab", "Person at the earliest from"),
    "personPossibleUntil": ("Person spätestens bis", "Person at the latest until"),
    "places": ("Orte", "Places"),
    "planIri": ("Plan", "Plan"),
    "planLabel": ("Plan", "Plan"),
    "plan": ("Plan", "Plan"),
    "property": ("Eigenschaft", "Property"),
    "relations": ("Beziehungen", "Relations"),
    "replacedBy": ("ersetzt durch", "Replaced by"),
    "replaces": ("ersetzt", "Replaces"),
    "revisionOf": ("Überarbeitung von", "Revision of"),
    "rule": ("Regel", "Rule"),
    "rules": ("Regeln", "Rules"),
    "since": ("seit", "Since"),
    "subject": ("Gegenstand", "Subject"),
    "title": ("Titel", "Title"),
    "types": ("Arten", "Types"),
    "value": ("Wert", "Value"),
    "value1": ("Wert 1", "Value 1"),
    "value2": ("Wert 2", "Value 2"),
    "via": ("über", "Via"),
}


# What the editor's script says (query-page.js, query-words.js, completion.js): {name} fills in.
EDITOR_WORDS: dict[str, tuple[str, str]] = {
    "running": ("Läuft …", "Running…"),
    "failed_after": ("Fehlgeschlagen nach {s} s (HTTP {status}).", "Failed after {s} s (HTTP {status})."),
    "failed": ("Fehlgeschlagen.", "Failed."),
    "request_failed": ("Die Anfrage ist fehlgeschlagen: {m}", "The request failed: {m}"),
    "download_failed": ("Der Download ist fehlgeschlagen: {m}", "The download failed: {m}"),
    "row": ("1 Zeile", "1 row"),
    "rows": ("{n} Zeilen", "{n} rows"),
    "triple": ("1 Tripel", "1 triple"),
    "triples": ("{n} Tripel", "{n} triples"),
    "answered_in": ("{count} in {s} s{shown}.", "{count} in {s} s{shown}."),
    "first_shown": (
        "; die ersten {n} sind gezeigt, alle im Download",
        "; the first {n} are shown, download for all",
    ),
    "ask_answered": ("ASK beantwortet in {s} s.", "ASK answered in {s} s."),
    "yes_true": ("Ja (true)", "Yes (true)"),
    "no_false": ("Nein (false)", "No (false)"),
    "download": ("Herunterladen:", "Download:"),
    "line_column": ("Zeile {line}, Spalte {column}: ", "Line {line}, column {column}: "),
    "full_message": ("Ganze Meldung", "Full message"),
    "read_only": (
        "Dieser Endpunkt ist schreibgeschützt: Er beantwortet Abfragen (SELECT, ASK, CONSTRUCT, DESCRIBE), "
        "keine Änderungen.",
        "This endpoint is read-only: it answers queries (SELECT, ASK, CONSTRUCT, DESCRIBE), not updates.",
    ),
    "unknown_prefix": (
        "unbekanntes Präfix „{name}“ in Zeile {line}",
        "unknown prefix '{name}' on line {line}",
    ),
    "completions": ("Vervollständigungen", "Completions"),
}


def editor_words(language: str) -> dict[str, str]:
    index = LANGUAGES.index(language)
    return {key: pair[index] for key, pair in EDITOR_WORDS.items()}


# The fixed words the named queries bind as answer values (`BIND("certain" AS ?status)`, "Amtsbeginn"),
# as a reader's table shows them in each language; keyed by the value as the query writes it.
ANSWER_VALUES: dict[str, tuple[str, str]] = {
    "certain": ("sicher", "certain"),
    "possible": ("möglich", "possible"),
    "contested": ("umstritten", "contested"),
    "no known holder": ("kein Inhaber bekannt", "no known holder"),
    "no source": ("keine Quelle", "no source"),
    "predecessor": ("Vorgänger", "predecessor"),
    "successor": ("Nachfolger", "successor"),
    "established": ("gegründet", "established"),
    "constituted": ("konstituiert", "constituted"),
    "re-constituted": ("neu konstituiert", "re-constituted"),
    "topic": ("Thema", "topic"),
    "working-group topic": ("Thema einer Arbeitsgruppe", "working-group topic"),
    "type": ("Art", "type"),
    "status": ("Stand", "status"),
    "number": ("Nummer", "number"),
    "place": ("Ort", "place"),
    "chair": ("Vorsitz", "chair"),
    "motto": ("Motto", "motto"),
    "date": ("Datum", "date"),
    "members": ("Mitglieder", "members"),
    "presentation": ("Vortrag", "presentation"),
    "until = last day held, inclusive (the hand-over day minus one)": (
        "bis = letzter Tag im Amt, einschließlich (der Übergabetag minus einen Tag)",
        "until = last day held, inclusive (the hand-over day minus one)",
    ),
    "Planbeschluss": ("Planbeschluss", "plan adopted"),
    "Amtsbeginn": ("Amtsbeginn", "beginning of office"),
    "Amtsende (Übergabetag, erster Tag danach)": (
        "Amtsende (Übergabetag, erster Tag danach)",
        "end of office (hand-over day, the first day after)",
    ),
    "Sitzung": ("Sitzung", "meeting"),
}
# `between <date> and <date>` (session-details' dates known only within bounds)
BETWEEN = ("zwischen {a} und {b}", "between {a} and {b}")


def answer_value(value: str, language: str) -> str | None:
    """A fixed answer word in `language`, or None for a value that is not one (data)."""
    pair = ANSWER_VALUES.get(value)
    return pair[LANGUAGES.index(language)] if pair else None


def column_name(variable: str, language: str) -> str:
    """A result column's head in `language` (the variable's name when there is no word for it)."""
    pair = COLUMNS.get(variable)
    return pair[LANGUAGES.index(language)] if pair else variable


def words(language: str) -> dict[str, str]:
    """The interface words in `language`, for templates (`t.properties`)."""
    index = LANGUAGES.index(language)
    return {key: pair[index] for key, pair in WORDS.items()}
