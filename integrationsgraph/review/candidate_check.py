"""Checking what a save would write, before anything is written: the build's SHACL validation (the
registry with the new entities, and the source graph with the registry it reaches) and its evidence
check (every span at its offsets in the text, the source's hash), on copies in a temporary folder."""

from __future__ import annotations

import shutil
import tempfile
import threading
from pathlib import Path

import pyoxigraph as ox

from integrationsgraph.errors import DataNonConformant, InputError, Problem
from integrationsgraph.pipeline.evidence_check import check_evidence
from integrationsgraph.pipeline.inputs import ONTOLOGY_FILES, SHAPES_FILE, InputFiles
from integrationsgraph.pipeline.loading import load_inputs
from integrationsgraph.pipeline.validation import validate_inputs

# The build's SHACL stage keeps its inputs in a module global while it runs: one check at a time.
_ONE_AT_A_TIME = threading.Lock()


def _relabel(problem: Problem, scratch: Path, data_dir: Path) -> Problem:
    """A problem as it would read in the real data folder, not the scratch copy."""
    file = problem.file.replace(str(scratch), str(data_dir)) if problem.file else None
    return Problem(problem.check, problem.message.replace(str(scratch), str(data_dir)), file, problem.focus,
                   problem.path)  # fmt: skip


def check_candidate(
    data_dir: Path, ontology_dir: Path, shared: Path, *, stem: str, trig: str, entity_files: dict[str, str]
) -> None:
    """Raise DataNonConformant (each problem naming the file it would be in) or InputError when the
    source file `trig` and the entity files (name -> new content) would not pass the build's checks."""
    with _ONE_AT_A_TIME, tempfile.TemporaryDirectory(prefix="review-check-") as folder:
        scratch = Path(folder)
        (scratch / "entities").mkdir()
        (scratch / "sources").mkdir()
        for path in sorted((data_dir / "entities").glob("*.ttl")):
            if path.name not in entity_files:
                shutil.copyfile(path, scratch / "entities" / path.name)
        for name, text in entity_files.items():
            (scratch / "entities" / name).write_text(text, encoding="utf-8")
        source_path = scratch / "sources" / f"{stem}.trig"
        source_path.write_text(trig, encoding="utf-8")
        files = InputFiles(
            ontology=tuple(ontology_dir / name for name in ONTOLOGY_FILES),
            shapes=ontology_dir / SHAPES_FILE,
            entities=tuple(sorted((scratch / "entities").glob("*.ttl"))),
            sources=(source_path,),
            rules=(),
            checks=(),
        )
        try:
            inputs = load_inputs(files)
            validate_inputs(inputs)
        except DataNonConformant as error:
            raise DataNonConformant([_relabel(p, scratch, data_dir) for p in error.problems]) from None
        except InputError as error:
            raise InputError(str(error).replace(str(scratch), str(data_dir))) from None
        store = ox.Store()
        store.extend(quad for loaded in inputs.sources for quad in loaded.quads)
        graph_files = {
            loaded.graph.value: str(data_dir / "sources" / loaded.path.name) for loaded in inputs.sources
        }
        problems, _checked = check_evidence(store, shared, graph_files)
        if problems:
            raise DataNonConformant(problems)
