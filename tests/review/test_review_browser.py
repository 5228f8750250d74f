"""End to end in headless Chromium: a synthetic release goes from text to built facts through the review
page alone (accept, correct, reject, add by selecting words, create an entity, save, by keyboard where
the page offers it), then the real build over the temporary data folder holds the facts."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from integrationsgraph.cli import main
from integrationsgraph.errors import EXIT_OK
from integrationsgraph.namespaces import sparql_prologue
from integrationsgraph.store import current_release
from tests.review.synthetic import SYNTHETIC_STEM
from tests.server.browser import artifacts_dir, launched_chromium, recording_page
from tests.server.conftest import running_server

pytestmark = pytest.mark.slow

ADDED_IRI = "meeting:intmk-2032-autumn-meeting"
GRETA_SENTENCE = "Ministerin Greta Vogelsang leitet die Konferenz für Thüringen"
AUTUMN_SENTENCE = (
    "Im Herbst des nächsten Jahres wollen sich die Ministerinnen und Minister noch einmal in Erfurt treffen."
)


def card_index(page, value: str, required: bool = True) -> int:
    """The index of the first card with a field whose value is `value` (an IRI), or -1."""
    index = page.evaluate(
        """(wanted) => [...document.querySelectorAll('.card')].findIndex(
               (card) => [...card.querySelectorAll('input, select')].some((i) => i.value === wanted))""",
        value,
    )
    assert index >= 0 or not required, f"no drafted card names {value}"
    return index


def focused_card(page) -> int:
    return page.evaluate("() => Number(document.activeElement.closest('.card')?.dataset.index ?? -1)")


def select_words(page, words: str) -> None:
    """Select `words` in the text as a mouse drag would (a Range over the text's nodes)."""
    page.evaluate(
        """(words) => {
            const pre = document.getElementById('text');
            const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
            const nodes = [];
            let offset = 0;
            while (walker.nextNode()) {
                nodes.push([walker.currentNode, offset]);
                offset += walker.currentNode.length;
            }
            const start = pre.textContent.indexOf(words);
            const end = start + words.length;
            const locate = (at) => {
                for (const [node, from] of nodes) if (at <= from + node.length) return [node, at - from];
            };
            const range = document.createRange();
            range.setStart(...locate(start));
            range.setEnd(...locate(end));
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }""",
        words,
    )


def press_on_card(page, index: int, key: str) -> None:
    page.locator(f'.card[data-index="{index}"]').focus()
    page.keyboard.press(key)


def test_a_document_goes_from_text_to_built_facts_through_the_page(
    review_app, review_data: Path, review_shared: Path, tmp_path: Path
):
    with (
        launched_chromium() as browser,
        running_server(review_app) as base_url,
        recording_page(browser, timeout_ms=20_000) as page,
    ):
        page.goto(base_url + "/")
        row = page.locator(f'tr[data-stem="{SYNTHETIC_STEM}"]')
        assert row.locator("td").nth(2).inner_text() == "not curated"
        row.get_by_role("link").click()
        page.wait_for_selector(".card")
        cards = page.locator(".card").count()
        assert cards >= 3
        assert page.locator("#text mark").count() >= 3, "every drafted fact's evidence is highlighted"

        # Saving before every drafted fact is decided shows why, and writes nothing.
        page.keyboard.press("s")
        page.wait_for_function("() => document.getElementById('problems').textContent.length > 0")
        assert "decide every fact first" in page.locator("#problems").inner_text()
        assert not (review_data / "sources" / f"{SYNTHETIC_STEM}.trig").exists()

        # Keyboard: j / k move the focus between cards, a accepts and moves on, r rejects.
        page.locator(".card").first.focus()
        page.keyboard.press("j")
        assert focused_card(page) == 1
        page.keyboard.press("k")
        assert focused_card(page) == 0
        page.keyboard.press("Tab")  # focus order: into the card, its IRI first
        assert page.evaluate("() => document.activeElement.dataset.role") == "iri"
        assert focused_card(page) == 0
        page.keyboard.press("Escape")
        assert page.evaluate("() => document.activeElement.classList.contains('card')")
        accepted = card_index(page, "land:hessen")
        press_on_card(page, accepted, "a")
        assert "accepted" in page.locator(f'.card[data-index="{accepted}"]').get_attribute("class")
        # The draft's reading of her sentence as a minister's office (of a post the text does not
        # name) is rejected; her holding of Thüringen's chair is kept with the other cards below.
        rejected = card_index(page, "igc:minister")
        rejected_iri = page.locator(f'.card[data-index="{rejected}"] [data-role="iri"]').input_value()
        press_on_card(page, rejected, "r")

        # A new entity, with labels in German and English.
        page.get_by_role("button", name="New entity").click()
        entity = page.locator(".entity").last
        entity.get_by_label("Kind").select_option("person")
        entity.get_by_label("German label (rdfs:label @de)").fill("Greta Vogelsang")
        entity.get_by_label("German label (rdfs:label @de)").press("Tab")
        entity = page.locator(".entity").last
        entity.get_by_label("English label (rdfs:label @en)").fill("Greta Vogelsang")
        entity.get_by_label("English label (rdfs:label @en)").press("Tab")
        assert entity.get_by_label("IRI").input_value() == "person:greta-vogelsang"

        # Correct the main conference: the text says who leads it; link her and cite those words.
        corrected = card_index(page, "place:erfurt")
        card = page.locator(f'.card[data-index="{corrected}"]')
        card.get_by_label(f"Add a field to fact {corrected + 1}").select_option("ig:chairedBy")
        card.get_by_role("button", name="Add field").click()
        card = page.locator(f'.card[data-index="{corrected}"]')
        chaired = card.get_by_label("chaired by (ig:chairedBy)", exact=True)
        assert chaired.evaluate("(e) => e === document.activeElement"), "the new field has the focus"
        page.keyboard.type("greta")
        page.locator("datalist option[value='person:greta-vogelsang']").first.wait_for(state="attached")
        chaired.fill("person:greta-vogelsang")
        chaired.press("Tab")
        select_words(page, GRETA_SENTENCE)
        page.locator(f'.card[data-index="{corrected}"]').get_by_role(
            "button", name=f"Add the selected words to fact {corrected + 1}"
        ).click()

        # Every other drafted card is accepted from the keyboard.
        for index in range(cards):
            if "pending" in page.locator(f'.card[data-index="{index}"]').get_attribute("class"):
                press_on_card(page, index, "a")

        # Add a fact by selecting words the draft has none for: the meeting planned for the autumn.
        select_words(page, AUTUMN_SENTENCE)
        page.get_by_label("Kind of fact").first.select_option("ig:Meeting")
        page.keyboard.press("f")
        added = page.locator(".card").count() - 1
        assert added == cards
        card = page.locator(f'.card[data-index="{added}"]')
        assert card.locator(".spans q").inner_text() == AUTUMN_SENTENCE
        card.get_by_label("IRI (left empty: minted on save)").fill(ADDED_IRI)
        for predicate, value in (
            ("ig:meetingOf", "body:intmk"),
            ("ig:meetingType", "igc:autumn-meeting"),
            ("ig:status", "igc:proposed"),
            ("schema:location", "place:erfurt"),
        ):
            card = page.locator(f'.card[data-index="{added}"]')
            card.get_by_label(f"Add a field to fact {added + 1}").select_option(predicate)
            card.get_by_role("button", name="Add field").click()
            field = page.locator(f'.card[data-index="{added}"] table tr').last.locator("input, select")
            if field.evaluate("(e) => e.tagName") == "SELECT":
                field.select_option(value)
            else:
                field.fill(value)
                field.press("Tab")
        date = page.locator(f'.card[data-index="{added}"] [data-role="begins-date"]')
        date.fill("2032")
        date.press("Tab")
        method = page.locator(f'.card[data-index="{added}"] [data-role="begins-method"]')
        method.select_option("from-context")
        note = page.locator(f'.card[data-index="{added}"] [data-role="begins-note"]')
        note.fill("In autumn of the year after the release's (29 September 2031): 2032.")
        note.press("Escape")
        assert focused_card(page) == added

        page.keyboard.press("s")
        page.wait_for_function("() => document.getElementById('status').textContent.startsWith('Saved')")
        status = page.locator("#status").inner_text()
        assert f"Kept {cards - 2}, corrected 1, rejected 1, added 1." in status
        assert page.locator("#problems").inner_text() == ""
        page.wait_for_function(f"() => document.querySelectorAll('.card').length === {cards}")
        page.screenshot(path=str(artifacts_dir() / "review-page.png"), full_page=True)
        assert page.script_errors == []
        assert all(url.startswith(base_url) for url in page.requests_made)

    log = json.loads((review_data / "curation-log.json").read_text("utf-8"))
    (entry,) = log["documents"][SYNTHETIC_STEM]
    counts = (entry["drafted"], entry["kept"], entry["corrected"], entry["rejected"], entry["added"])
    assert entry["opened_from"] == "draft"
    assert counts == (cards, cards - 2, 1, 1, 1)

    build_dir = tmp_path / "build"
    code = main(["build", "--quiet", "--data-dir", str(review_data), "--build-dir", str(build_dir),
                 "--shared-dir", str(review_shared)])  # fmt: skip
    assert code == EXIT_OK
    store = ox.Store.read_only(str(current_release(build_dir) / "store"))

    def holds(pattern: str, graph: str = f"gsrc:{SYNTHETIC_STEM}") -> bool:
        return bool(store.query(f"{sparql_prologue()} ASK {{ GRAPH {graph} {{ {pattern} }} }}"))

    assert holds("holding:intmk-chair-until-2031-hessen a ig:Holding")
    assert holds("?meeting ig:chairedBy person:greta-vogelsang ; schema:location place:erfurt")
    assert not holds(f"{rejected_iri} ?p ?o")
    assert holds(f"{ADDED_IRI} ig:meetingType igc:autumn-meeting ; schema:location place:erfurt")
    assert holds(  # drafted from her sentence and kept
        "holding:intmk-chair-2031-greta-vogelsang org:member person:greta-vogelsang ; "
        "ig:exercises holding:intmk-chair-2031-thueringen"
    )
    assert holds(
        'person:greta-vogelsang rdfs:label "Greta Vogelsang"@en , "Greta Vogelsang"@de', "graph:entities"
    )


def test_every_curated_document_renders_its_cards(review_app, workspace):
    curated = [d.stem for d in workspace.documents() if d.curated]
    assert curated
    with (
        launched_chromium() as browser,
        running_server(review_app) as base_url,
        recording_page(browser, timeout_ms=20_000) as page,
    ):
        for stem in curated:
            expected = len(workspace.open(stem).facts())
            page.goto(f"{base_url}/documents/{stem}")
            page.wait_for_function(
                f"() => document.getElementById('summary').textContent.startsWith('{expected} facts')"
            )
            assert page.locator(".card").count() == expected, stem
            assert page.locator("#text mark").count() > 0, stem
        assert page.script_errors == []
