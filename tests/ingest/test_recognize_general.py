"""The general rules beyond IntMK hand-overs, on synthetic texts (names and bodies of no real document):
offices with bounds and successions, body changes, meetings of any body, laws and programmes adopted."""

from __future__ import annotations

from integrationsgraph.ingest.gazetteer import load_gazetteer
from integrationsgraph.ingest.reading import read_document
from integrationsgraph.ingest.recognition import ingest_source
from tests.ingest.conftest import facts_of


def test_an_appointment_as_two_offices_gives_two_holdings_from_its_date(ingest_text):
    result = ingest_text(
        "Anlässlich der am 1. Oktober 2031 bevorstehenden Amtseinführung von Greta Vogelsang als "
        "Staatssekretärin und Bevollmächtigte für Integration im Hessischen Ministerium für Soziales "
        "erklärte "
        "die Fraktion ihre Freude.\n",
        "2031-09-20",
    )
    holdings = facts_of(result, "office_holding")
    assert sorted(f.type for f in holdings) == ["plenipotentiary", "state-secretary"]
    assert {f.person for f in holdings} == {"person:greta-vogelsang"}
    assert {f.start.edtf for f in holdings} == {"2031-10-01"}
    assert {f.body for f in holdings} == {"land:hessen"}


def test_a_successor_ends_the_predecessors_holding_of_the_same_office(ingest_text):
    result = ingest_text(
        "Greta Vogelsang ist neue Integrationsministerin in Hessen.\n\n"
        "Seit dem 2. Mai 2031 leitet Greta Vogelsang das Ressort. Sie hat Till Brandauer im Amt abgelöst.\n",
        "2031-05-03",
    )
    holdings = {f.person: f for f in facts_of(result, "office_holding")}
    assert holdings["person:greta-vogelsang"].start.edtf == "2031-05-02"
    predecessor = holdings["person:till-brandauer"]
    assert predecessor.end.edtf == "2031-05-02"
    assert predecessor.office == holdings["person:greta-vogelsang"].office


def test_a_leaving_ends_an_office_and_party_functions_are_no_offices(ingest_text):
    result = ingest_text(
        "Ebenfalls fix ist das Ausscheiden von Finanzstaatssekretärin Greta Vogelsang aus Hessen. "
        "Vogelsang lege zum 31. August 2031 ihr Amt nieder.\n\n"
        "Till Brandauer, der Integrationsbeauftragte der SPD-Landtagsfraktion, lobte sie.\n",
        "2031-06-01",
    )
    (holding,) = facts_of(result, "office_holding")
    assert holding.person == "person:greta-vogelsang"
    assert (holding.start, holding.end.edtf) == (None, "2031-08-31")


def test_an_acting_holder_is_marked(ingest_text):
    result = ingest_text(
        "Der kommissarische Integrationsminister Till Brandauer aus Hessen sprach.\n", "2031-01-05"
    )
    (holding,) = facts_of(result, "office_holding")
    assert holding.acting


def test_bodies_dissolved_renamed_and_existing_since_a_year(ingest_text):
    result = ingest_text(
        "Der Integrationsbeirat wurde im März 2031 aufgelöst.\n\n"
        "Die Hessische Integrationskonferenz wurde im Mai 2031 umbenannt.\n\n"
        "Seit 2019 gibt es die Antidiskriminierungsstelle des Landes.\n",
        "2031-06-01",
    )
    events = {f.type: f for f in facts_of(result, "body_event")}
    assert events["Dissolution"].originals == ["body:integrationsbeirat-hessen"]
    assert events["Dissolution"].body is None
    assert events["Renaming"].body == "body:hessische-integrationskonferenz"
    assert events["Renaming"].start.edtf == "2031-05"
    assert events["Establishment"].start.edtf == "2019"


def test_a_summit_the_chancellor_invites_to_is_a_meeting_of_the_federal_government(ingest_text):
    result = ingest_text(
        # a summit the registry does not know by name (the Integrationsgipfel it does: its own body)
        "Die Bundeskanzlerin hatte am 14. Juli 2031 zum ersten Flüchtlingsgipfel eingeladen.\n"
    )
    (meeting,) = facts_of(result, "meeting")
    assert (meeting.body, meeting.start.edtf, meeting.ordinal) == ("body:bundesregierung", "2031-07-14", 1)


def test_a_cancelled_meeting_stays_announced_and_an_online_one_is_marked(ingest_text):
    result = ingest_text(
        "Die Sitzung der Hessischen Integrationskonferenz am 3. März 2031 in Wiesbaden wurde abgesagt.\n\n"
        "Die IntMK tagte am 10. Juni 2031 als Videokonferenz.\n",
        "2031-07-01",
    )
    meetings = {f.body: f for f in facts_of(result, "meeting")}
    cancelled = meetings["body:hessische-integrationskonferenz"]
    assert (cancelled.cancelled, cancelled.status) == (True, "announced")
    online = meetings["body:intmk"]
    assert (online.online, online.cancelled, online.status) == (True, False, "held")


def test_a_law_passed_is_an_adoption_with_its_date(ingest_text):
    result = ingest_text(
        "Der Landtag hat das Integrations- und Teilhabegesetz am 3. März 2031 verabschiedet.\n", "2031-03-04"
    )
    (adoption,) = facts_of(result, "plan_adoption")
    assert adoption.plan == "plan:integrations-und-teilhabegesetz"
    assert adoption.start.edtf == "2031-03-03"
    assert adoption.holder is None  # a parliament is not among the registry's kinds of body: left open


def test_evidence_is_the_clause_that_states_the_fact_not_the_sentence(ingest_text):
    body = (
        "Die IntMK tagt am 3. März 2031 in Kassel, während die Landesregierung über den Haushalt berät "
        "und der Landtag in die Sommerpause geht.\n\n"
        "Wie am Montag bekannt wurde, sprach Greta Vogelsang, die Hessische Integrationsministerin, "
        "über die Sprachförderung in den Kommunen des Landes.\n"
    )
    result = ingest_text(body, "2031-02-01")
    (meeting,) = facts_of(result, "meeting")
    assert [body[s:e] for s, e in meeting.spans] == ["Die IntMK tagt am 3. März 2031 in Kassel"]
    (office,) = facts_of(result, "office_holding")
    assert [body[s:e] for s, e in office.spans] == [
        "sprach Greta Vogelsang, die Hessische Integrationsministerin"
    ]


def test_a_chair_elected_by_members_holds_the_chair_of_the_body_named(ingest_text):
    result = ingest_text(
        "Der Landesintegrationsrat Hessen hat seinen Vorstand neu gewählt. Auf der Mitgliederversammlung am "
        "4. Mai 2031 wurde Enis Kolbach in seinem Amt als Vorsitzender des Landesintegrationsrates "
        "bestätigt. "
        "Zur stellvertretenden Vorsitzenden wurde Greta Vogelsang gewählt.\n",
        "2031-05-05",
    )
    (chair,) = facts_of(result, "chair_tenure")
    assert (chair.body, chair.holder, chair.start.edtf) == (
        "body:hessischer-landesintegrationsrat", "person:enis-kolbach", "2031-05-04")  # fmt: skip
    (meeting,) = facts_of(result, "meeting")
    assert (meeting.body, meeting.start.edtf) == ("body:hessischer-landesintegrationsrat", "2031-05-04")


def test_an_office_said_of_a_pronoun_is_the_person_named_last_and_a_contact_title_counts(ingest_text):
    result = ingest_text(
        "Wir danken Till Brandauer aus Hessen für seine Arbeit. Er hat das Amt des Bevollmächtigten für "
        "Integration mit großem Engagement vertreten.\n\nPressesprecherin: Greta Vogelsang\n",
        "2031-01-05",
    )
    holdings = {(f.person, f.type) for f in facts_of(result, "office_holding")}
    assert holdings == {("person:till-brandauer", "plenipotentiary"), ("person:greta-vogelsang", "staff")}


def _ingest_published(tmp_path, registry, body: str, address: str):
    path = tmp_path / "published.txt"
    path.write_text(f"source: {address}\ndate-as-stated: 2031-03-02\n---\n{body}", encoding="utf-8")
    return ingest_source(read_document(path), registry, load_gazetteer(), "ingested")


def test_a_bare_rank_takes_a_land_from_the_publisher_only(tmp_path, ingest_registry):
    body = (
        "Die Konferenz tagte in Hessen. Hessen war Gastgeber.\n\n"
        "Ich danke Staatsministerin Vogelsang und Integrationsminister Till Brandauer.\n"
    )
    # the Länder a text is about do not make a bare "Staatsministerin" theirs (federal elsewhere) ...
    about_hessen = _ingest_published(tmp_path, ingest_registry, body, "https://www.example.org/rede")
    holdings = {f.person: f.body for f in facts_of(about_hessen, "office_holding")}
    assert holdings == {"person:till-brandauer": "land:hessen"}
    # ... a Land's own release does
    by_hessen = _ingest_published(tmp_path, ingest_registry, body, "https://www.hessen.de/presse/rede")
    holdings = {f.person: f.body for f in facts_of(by_hessen, "office_holding")}
    assert holdings == {"person:till-brandauer": "land:hessen", "person:greta-vogelsang": "land:hessen"}
