"""The ingestion benchmark's in-process measurement and its Markdown report."""

from __future__ import annotations

from bench.ingest_bench import in_process, markdown


def test_in_process_stages_and_report(tmp_path, ingest_entities_dir):
    text = tmp_path / "bench_case.txt"
    text.write_text("Zum 1. Oktober 2031 übernimmt Bremen den Vorsitz der IntMK.\n", encoding="utf-8")
    stages = in_process([text], data_dir=ingest_entities_dir.parent)
    assert (stages["documents"], stages["facts"]) == (1, 1)
    assert stages["total_s"] >= stages["recognition_s"] >= 0
    command = {"runs": 1, "wall_s_min": 1.0, "wall_s_median": 1.0, "wall_s_max": 1.0, "cpu_s_median": 0.9,
               "peak_rss_mib": 30.0}  # fmt: skip
    machine = {"nproc": 2, "memory_gib": 24, "cpu": "test", "python": "3.11"}
    report = markdown({"command": command, "in_process": stages, "machine": machine})
    assert "| facts found | 1 |" in report
    assert "under 10 s for the 1 documents: met" in report
