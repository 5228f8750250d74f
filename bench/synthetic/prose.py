"""German-ish filler and date phrases for the synthetic press releases.

The filler is recombined from short phrases written for the benchmark; it never contains a date or a
name, so an evidence sentence (which always does) occurs only where the generator put it.
"""

from __future__ import annotations

import random
from datetime import date

MONTHS = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)
WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")

_SUBJECTS = (
    "Die Ministerinnen und Minister",
    "Die Gremien",
    "Die Beteiligten",
    "Die Mitglieder",
    "Die Beiräte",
    "Vertreterinnen und Vertreter der Zivilgesellschaft",
    "Die Kommunen",
    "Die Fachleute aus der Praxis",
    "Die Arbeitsgruppen",
    "Die Ministerien der Länder",
)
_VERBS = (
    "beraten über",
    "betonen die Bedeutung von",
    "setzen sich ein für",
    "diskutieren ausführlich über",
    "wollen gemeinsam voranbringen",
    "sehen großen Handlungsbedarf bei",
    "würdigen die Fortschritte bei",
    "verständigen sich auf Empfehlungen zu",
)
_OBJECTS = (
    "gleichberechtigte Teilhabe",
    "die Förderung der deutschen Sprache",
    "den Zugang zum Arbeitsmarkt",
    "die Stärkung des Ehrenamts",
    "faire Chancen in Schule und Ausbildung",
    "die Anerkennung von Abschlüssen",
    "den Schutz vor Diskriminierung",
    "die Beratung neu zugewanderter Menschen",
    "gutes Wohnen im Quartier",
    "die interkulturelle Öffnung der Verwaltung",
)
_TAILS = (
    "",
    " in den kommenden Monaten",
    " auf allen Ebenen",
    " im ländlichen Raum wie in den Städten",
    " mit Nachdruck",
    " über die Legislaturperiode hinaus",
)
_QUOTES = (
    "Integration gelingt nur gemeinsam",
    "Wir wollen Vielfalt als Stärke begreifen",
    "Teilhabe ist keine Frage der Herkunft",
    "Gute Integrationspolitik beginnt vor Ort",
    "Wir brauchen verlässliche Strukturen und einen langen Atem",
)


def day_phrase(day: date) -> str:
    """`1. Januar 2001`."""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def day_month_phrase(day: date) -> str:
    """`1. Januar` (no year)."""
    return f"{day.day}. {MONTHS[day.month - 1]}"


def month_phrase(day: date) -> str:
    """`Januar 2001`."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def weekday(day: date) -> str:
    return WEEKDAYS[day.weekday()]


def filler_sentence(rng: random.Random) -> str:
    return f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}{rng.choice(_TAILS)}."


def quote_sentence(rng: random.Random, speaker_title: str) -> str:
    return f"„{rng.choice(_QUOTES)}“, sagte {speaker_title}."


def filler(rng: random.Random, count: int) -> list[str]:
    return [filler_sentence(rng) for _ in range(count)]
