"""Label matching for `find`: case and umlaut spelling ignored, both ways."""

from __future__ import annotations

import pytest

from integrationsgraph.queries.label_search import matches, spellings


def test_spellings_transcribe_and_strip():
    assert spellings("Göttingen Straße") == ("goettingen strasse", "gottingen strasse")


@pytest.mark.parametrize(
    ("needle", "label"),
    [
        ("goettingen", "Göttingen"),
        ("Gottingen", "Göttingen"),
        ("GÖTTINGEN", "Göttingen"),
        ("göttingen", "Goettingen"),
        ("strasse", "Dostojewskistraße"),
        ("Integrationsministerkonferenz", "Integrationsministerkonferenz"),
        ("ministerkonf", "Integrationsministerkonferenz"),
    ],
)
def test_matches(needle, label):
    assert matches(needle, label)


@pytest.mark.parametrize(
    ("needle", "label"), [("Hessen", "Hessische Integrationskonferenz"), ("Hamburg", "Hannover")]
)
def test_does_not_match(needle, label):
    assert not matches(needle, label)
