"""Batched SHACL validation must judge each source alone: sources sharing a node go to different runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from integrationsgraph.errors import DataNonConformant
from integrationsgraph.pipeline import validation_units
from integrationsgraph.pipeline.inputs import discover_inputs
from integrationsgraph.pipeline.loading import load_inputs
from integrationsgraph.pipeline.validation import validate_inputs

FIXTURE_ONTOLOGY = Path(__file__).resolve().parent.parent / "fixtures" / "ontology"

SOURCE = """
@prefix ig: <https://w3id.org/integrationsgraph/def#> .
@prefix gsrc: <https://w3id.org/integrationsgraph/graph/source/> .
@prefix land: <https://w3id.org/integrationsgraph/id/land/> .
@prefix holding: <https://w3id.org/integrationsgraph/id/holding/> .
@prefix source: <https://w3id.org/integrationsgraph/id/source/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
GRAPH gsrc:{stem} {{
    source:{stem} a ig:Source ; ig:fileName "{stem}.txt" .
    holding:{holding} a ig:Holding ; org:member land:{member} ; prov:wasDerivedFrom source:{stem} .
}}
"""


def load(tmp_path: Path, sources: dict[str, tuple[str, str]]):
    data = tmp_path / "data"
    (data / "entities").mkdir(parents=True)
    (data / "sources").mkdir()
    for stem, (holding, member) in sources.items():
        text = SOURCE.format(stem=stem, holding=holding, member=member)
        (data / "sources" / f"{stem}.trig").write_text(text, encoding="utf-8")
    return load_inputs(discover_inputs(FIXTURE_ONTOLOGY, data, tmp_path / "none", tmp_path / "none"))


def test_sources_stating_one_node_differently_are_each_valid(tmp_path):
    # Together the holding would have two members (the shapes allow one); each source alone is fine.
    inputs = load(tmp_path, {"release-a": ("shared", "musterland"), "release-b": ("shared", "nachbarland")})
    units = validation_units.validation_units(inputs)
    batches = [sorted(f.path.stem for f in unit.files) for unit in units if not unit.registry]
    assert batches == [["release-a"], ["release-b"]]
    assert validate_inputs(inputs) == 3


def test_unrelated_sources_share_a_run_and_findings_name_their_own_file(tmp_path):
    inputs = load(
        tmp_path,
        {"release-a": ("first", "musterland"), "release-b": ("second", "nachbarland")},
    )
    units = validation_units.validation_units(inputs)
    assert [sorted(f.path.stem for f in u.files) for u in units if not u.registry] == [
        ["release-a", "release-b"]
    ]
    # A holding with two members in one source is reported against that source's file only.
    path = tmp_path / "data" / "sources" / "release-b.trig"
    path.write_text(
        path.read_text(encoding="utf-8").replace("land:nachbarland", "land:nachbarland , land:fernland"),
        encoding="utf-8",
    )
    inputs = load_inputs(discover_inputs(FIXTURE_ONTOLOGY, tmp_path / "data", tmp_path, tmp_path))
    with pytest.raises(DataNonConformant) as caught:
        validate_inputs(inputs)
    assert [(p.file, p.focus, p.path) for p in caught.value.problems] == [
        (str(path), "https://w3id.org/integrationsgraph/id/holding/second", "http://www.w3.org/ns/org#member")
    ]
