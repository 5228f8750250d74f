"""No document crashes the ingestion: random headers, dates and texts all give a draft that parses and a
summary that conforms; a batch with bad documents drafts the good ones and names the bad ones."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from integrationsgraph.cli import main
from integrationsgraph.errors import EXIT_OK, EXIT_USAGE
from integrationsgraph.ingest import batch as ingest_run
from integrationsgraph.ingest.dates import document_date
from integrationsgraph.ingest.draft import draft_trig
from integrationsgraph.ingest.gazetteer import load_gazetteer
from integrationsgraph.ingest.recognition import ingest_source
from integrationsgraph.ingest.summary import summarise, validate_summary
from integrationsgraph.sources import SourceText

# Words the recognizers key on, so random texts reach their rules and not only the fast "nothing here".
WORDS = [
    "Integrationsministerkonferenz", "IntMK", "Vorsitz", "übernimmt", "übergibt", "Hessen", "Bremen",
    "Thüringen", "Ministerin", "Staatssekretär", "Beauftragte der Bundesregierung", "Senatorin",
    "Integrationsbeirat", "Integrationskonferenz", "konstituiert", "gegründet", "aufgelöst", "umbenannt",
    "zusammengeführt", "Integrationsplan", "Gesetz", "beschlossen", "verabschiedet", "Kabinett",
    "Landesregierung", "tagt", "Konferenz", "abgesagt", "Gipfel", "findet", "statt", "in", "Wiesbaden",
    "Kassel", "seit", "am", "zum", "bis", "Legislaturperiode", "Nachfolgerin", "von", "löst", "ab",
    "scheidet", "aus", "Amtsgeschäfte", "zur Vorsitzenden gewählt", "Greta Vogelsang", "Till Brandauer",
    "Dr.", "der", "die", "des", ",", ".", "\n", "\n\n", "(", ")", "„", "“", "-", "–", "/", ":",
]  # fmt: skip
MONTHS = ["Januar", "März", "Juli", "Oktober", "Dezember", "Foo"]


_NUMBER = st.integers(min_value=0, max_value=99)
_YEAR = st.integers(min_value=1890, max_value=2130)
_MONTH = st.sampled_from(MONTHS)
_WEEKDAY = st.sampled_from(["Montag", "Freitag", "kommenden Mittwoch"])
# Date expressions as texts write them, valid or not: 31.02.2020, 2021-2026, 14./15. März, 2019-13.
DATE_LIKE = st.one_of(
    st.builds("{}.{}.{}".format, _NUMBER, _NUMBER, _YEAR),
    st.builds("{}-{}".format, _YEAR, _YEAR),
    st.builds("{}-{:02d}-{:02d}".format, _YEAR, _NUMBER, _NUMBER),
    st.builds("{}. {} {}".format, _NUMBER, _MONTH, _YEAR),
    st.builds("{}./{}. {}".format, _NUMBER, _NUMBER, _MONTH),
    st.builds("{}, {}. Juli".format, _WEEKDAY, _NUMBER),
    st.builds("Legislaturperiode {}-{}".format, _YEAR, _YEAR),
)


fragments = st.one_of(st.sampled_from(WORDS), DATE_LIKE, st.text(max_size=12))
texts = st.lists(fragments, min_size=1, max_size=60).map(" ".join).filter(str.strip)
headers = st.one_of(
    st.none(),
    DATE_LIKE,
    st.sampled_from(["not stated", "Stand: 09.12.2021 14:05 Uhr", "Beschl. d. LReg v. 16.4.2013"]),
    st.text(max_size=30),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=texts, stated=headers)
def test_any_header_and_text_gives_a_parsable_draft_and_a_conforming_summary(body, stated, ingest_registry):
    header = {} if stated is None else {"date-as-stated": stated.replace("\n", " ")}
    source = SourceText("random.txt", Path("random.txt"), header, body)
    result = ingest_source(source, ingest_registry, load_gazetteer(), "ingested")
    summary = summarise(result)
    validate_summary(summary, "random.json")
    for fact in summary:
        for span in [fact["evidence"], *fact["more_evidence"]]:
            assert body[span["start"] : span["end"]] == span["exact"]
    quads = list(ox.parse(draft_trig(result).encode("utf-8"), ox.RdfFormat.TRIG))
    assert quads  # at least the source node itself


def _batch(tmp_path: Path, ingest_entities_dir: Path) -> tuple[list[Path], Path, Path]:
    folder = tmp_path / "texts"
    folder.mkdir()
    good = folder / "good_one.txt"
    good.write_text(
        "source: x\ndate-as-stated: 2031-09-29\n---\nBremen übernimmt zum 1. Oktober 2031 den Vorsitz der "
        "Integrationsministerkonferenz (IntMK).\n",
        encoding="utf-8",
    )
    years = folder / "legislature_span.txt"  # the header states no date; the text a span of years
    years.write_text(
        "source: y\ndate-as-stated: not stated\n---\nDer Integrationsbeirat wurde für die "
        "Legislaturperiode 2021-2026 neu eingerichtet.\n",
        encoding="utf-8",
    )
    broken = folder / "not_utf8.txt"
    broken.write_bytes(b"source: z\n---\n\xff\xfe Vorsitz \xc3\n")
    data = tmp_path / "data"
    (data / "entities").mkdir(parents=True)
    (data / "entities" / "registry.ttl").write_text(
        (ingest_entities_dir / "registry.ttl").read_text("utf-8"), encoding="utf-8"
    )
    return [good, broken, years], data, tmp_path / "out"


def test_a_batch_drafts_every_good_document_and_names_the_bad_one(tmp_path, ingest_entities_dir, capsys):
    paths, data, out = _batch(tmp_path, ingest_entities_dir)
    code = main(["ingest", *map(str, paths), "--out", str(out), "--data-dir", str(data)])
    assert code == EXIT_USAGE
    assert "not_utf8.txt" in capsys.readouterr().err
    report = json.loads((out / "ingest-report.json").read_text("utf-8"))
    assert (report["drafted"], report["failed"]) == (2, 1)
    status = {entry["stem"]: entry["status"] for entry in report["documents"]}
    assert status == {"good_one": "drafted", "not_utf8": "failed", "legislature_span": "drafted"}
    (failed,) = [entry for entry in report["documents"] if entry["status"] == "failed"]
    assert str(paths[1]) in failed["error"]
    assert failed["exit_code"] == EXIT_USAGE
    assert (out / "good_one.trig").is_file()
    assert (out / "legislature_span.json").is_file()
    assert not (out / "not_utf8.trig").exists()


def test_a_recognizer_failure_is_reported_for_its_document_only(
    tmp_path, ingest_entities_dir, monkeypatch, capsys
):
    paths, data, out = _batch(tmp_path, ingest_entities_dir)
    real = ingest_run.ingest_source

    def failing_on_one(source, *args):
        if source.stem == "legislature_span":
            raise ValueError("month must be in 1..12")
        return real(source, *args)

    monkeypatch.setattr(ingest_run, "ingest_source", failing_on_one)
    code = main(["ingest", str(paths[0]), str(paths[2]), "--out", str(out), "--data-dir", str(data)])
    assert code == EXIT_USAGE
    error = capsys.readouterr().err
    assert "legislature_span.txt" in error
    assert "ValueError: month must be in 1..12" in error
    report = json.loads((out / "ingest-report.json").read_text("utf-8"))
    assert [entry["status"] for entry in report["documents"]] == ["drafted", "failed"]


def test_a_clean_batch_exits_0_with_a_report(tmp_path, ingest_entities_dir):
    paths, data, out = _batch(tmp_path, ingest_entities_dir)
    assert main(["ingest", str(paths[0]), "--out", str(out), "--data-dir", str(data)]) == EXIT_OK
    report = json.loads((out / "ingest-report.json").read_text("utf-8"))
    assert report == {
        "drafted": 1,
        "failed": 0,
        "documents": [{"file": str(paths[0]), "stem": "good_one", "status": "drafted", "facts": 1,
                       "draft": "good_one.trig", "summary": "good_one.json"}],
    }  # fmt: skip


@pytest.mark.parametrize("stated", ["2021-2026", "Legislaturperiode 2021-2026", "2019-13-01", "2020-02-30"])
def test_a_header_with_no_valid_iso_date_is_no_document_date(stated):
    assert document_date({"date-as-stated": stated}, "") is None
