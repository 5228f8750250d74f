"""Sentence splitting: glued sentences of web excerpts split, quoted mottos kept whole."""

from __future__ import annotations

from integrationsgraph.ingest.text import sentences


def test_a_stop_glued_to_the_next_sentence_ends_it_but_not_inside_quotes():
    body = (
        "Der Freistaat hatte dieses Amt neu eingerichtet.Die Integration ist wichtig. "
        "Motto „Menschen.Leben.Vielfalt.“ gilt."
    )
    assert [s.text for s in sentences(body)] == [
        "Der Freistaat hatte dieses Amt neu eingerichtet.",
        "Die Integration ist wichtig.",
        "Motto „Menschen.Leben.Vielfalt.“ gilt.",
    ]
