"""The synthetic release the review tests curate."""

SYNTHETIC_STEM = "review-synthetic-handover"
# A made-up release (year 2031) naming only Länder, places and the body the registry has, plus one
# person it lacks, so a curator has facts to accept, correct and reject, one to add and one entity to create.
SYNTHETIC_TEXT = (
    f"source: {SYNTHETIC_STEM}.txt\ndate-as-stated: 2031-09-29\n---\n"
    "Hessen übergibt den Vorsitz der Integrationsministerkonferenz\n\n"
    "Thüringen übernimmt zum 1. Oktober 2031 den Vorsitz der Integrationsministerkonferenz (IntMK) von "
    "Hessen. Die Hauptkonferenz findet am 11. und 12. März 2032 in Erfurt statt. Die Vorkonferenz tagt "
    "am 4. Februar 2032 in Wiesbaden.\n\n"
    "Ministerin Greta Vogelsang leitet die Konferenz für Thüringen.\n\n"
    # a wish dated by a season: the ingestion drafts nothing, so the page has a fact to add by hand
    "Im Herbst des nächsten Jahres wollen sich die Ministerinnen und Minister noch einmal in Erfurt "
    "treffen.\n"
)
