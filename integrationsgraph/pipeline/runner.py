"""The build: inputs -> parse -> validate -> reason -> store -> rules -> tenures -> rules-after-tenures
-> checks -> dumps -> publish (the release).

`run_build(options)` is the one entry point (the CLI and tests call it); each stage is a module of this
package. Raises InputError (exit 2) or DataNonConformant (exit 1); a failed build removes its temporary
release and leaves `build/current` untouched.
"""

from __future__ import annotations

import traceback

import pyoxigraph as ox

from integrationsgraph.errors import DataNonConformant
from integrationsgraph.namespaces import ENTITIES_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH
from integrationsgraph.pipeline import checks, dumps, evidence_check, report, rules, storing
from integrationsgraph.pipeline.freshness import release_matches
from integrationsgraph.pipeline.inputs import InputFiles, discover_inputs, input_hash
from integrationsgraph.pipeline.loading import LoadedInputs, load_inputs
from integrationsgraph.pipeline.options import BuildOptions, BuildResult
from integrationsgraph.pipeline.progress import StageTimer
from integrationsgraph.pipeline.reasoning import InstanceReasoner, about_our_data, data_nodes, reason
from integrationsgraph.pipeline.source_addresses import source_address_quads
from integrationsgraph.pipeline.tbox import check_constructs, close_ontology
from integrationsgraph.pipeline.tenure_inputs import read_tenure_inputs
from integrationsgraph.pipeline.tenure_output import tenure_triples
from integrationsgraph.pipeline.tenures import resolve
from integrationsgraph.pipeline.validation import validate_inputs
from integrationsgraph.store import current_release

__all__ = ["BuildOptions", "BuildResult", "run_build"]

INFERRED = ox.NamedNode(str(INFERRED_GRAPH))


def _graph_files(options: BuildOptions, inputs: LoadedInputs) -> dict[str, str]:
    """Graph IRI -> the file (or folder) its triples come from, for problem messages."""
    files = {
        str(ONTOLOGY_GRAPH): str(options.ontology_dir),
        str(ENTITIES_GRAPH): str(options.data_dir / "entities"),
    }
    files.update({loaded.graph.value: str(loaded.path) for loaded in inputs.sources})
    return files


def _inferred_quads(triples) -> list[ox.Quad]:
    return [ox.Quad(s, p, o, INFERRED) for s, p, o in triples]


def _add_inferred(store: ox.Store, inferred: list[ox.Quad], triples) -> None:
    """A stage's derived triples into the inferred graph: the store the next stages query, and the list
    the dumps write (the quads made once for both)."""
    quads = _inferred_quads(triples)
    store.extend(quads)
    inferred.extend(quads)


def _up_to_date(options: BuildOptions, digest: str) -> BuildResult | None:
    release = current_release(options.build_dir)
    if options.force or not release_matches(release, digest, options.shared_dir):
        return None
    return BuildResult(release, release / "store", report.read_report(release), up_to_date=True)


def _with_entailments(reasoner: InstanceReasoner, inputs: LoadedInputs, triples: list[tuple]) -> list[tuple]:
    """The new triples and what they entail about our data (and about the nodes they mint)."""
    minted = [t for t in triples if t not in reasoner.known]
    nodes = data_nodes(inputs) | {s for s, _, _ in minted}
    entailed = {t for t in reasoner.add(minted) if about_our_data(t, nodes)}
    return [*minted, *sorted(entailed, key=str)]


def _derive(store: ox.Store, reasoner: InstanceReasoner, inputs: LoadedInputs, rule_files) -> tuple:
    """Run the rules, then reason over what they minted; returns (triples, counts per rule)."""
    outputs = rules.run_rules(store, rule_files)
    derived = _with_entailments(reasoner, inputs, [t for triples in outputs.values() for t in triples])
    return derived, {name: len(triples) for name, triples in outputs.items()}


def _resolve_tenures(store: ox.Store, reasoner: InstanceReasoner, inputs: LoadedInputs) -> tuple:
    """Resolve the tenures of single-holder posts' holdings (after the rules, which may mint holdings)."""
    holdings, posts = read_tenure_inputs(store)
    triples = tenure_triples(resolve(holdings, posts), posts)
    return _with_entailments(reasoner, inputs, triples), len(holdings)


def _check(store: ox.Store, options: BuildOptions, inputs: LoadedInputs, files: InputFiles) -> dict:
    """Run the violation queries and the evidence check; raise DataNonConformant on any problem."""
    graph_files = _graph_files(options, inputs)
    check_files = checks.load_checks(files.checks)
    problems = checks.run_checks(store, check_files, graph_files)
    spans = 0
    if options.shared_dir is not None:
        found, spans = evidence_check.check_evidence(store, options.shared_dir, graph_files)
        problems.extend(found)
    if problems:
        raise DataNonConformant(problems)
    note = f"checked against {options.shared_dir}" if options.shared_dir else "evidence not checked"
    return {
        "checks": [check.name for check in check_files],
        "evidence": {"checked": options.shared_dir is not None, "spans": spans, "note": note},
    }


def _build(options: BuildOptions, files: InputFiles, digest: str, timer: StageTimer) -> BuildResult:
    with timer.stage("parse", "Parsing ontology and data"):
        inputs = load_inputs(files)
        check_constructs(inputs.ontology, inputs.data_files)
        asserted = [quad for loaded in inputs.stored_files for quad in loaded.quads]
        timer.note("parse", f"{len(asserted)} triples, {len(inputs.sources)} source graphs")
    with timer.stage("validate", "Validating (SHACL)"):
        units = validate_inputs(
            inputs, lambda done, total: timer.update(f"Validating (SHACL) … {done}/{total} runs")
        )
    with timer.stage("reason", "Reasoning (OWL 2 RL)"):
        reasoner = InstanceReasoner(close_ontology(inputs.ontology))
        inferred = _inferred_quads(sorted(reason(reasoner, inputs), key=str))
        timer.note("reason", f"{len(inferred)} entailments")
    release = storing.temporary_release(options.build_dir, digest)
    try:
        with timer.stage("store", "Loading the store"):
            store = storing.open_build_store(release)
            storing.load_quads(store, [*asserted, *inferred])
            addresses = source_address_quads(store, options.shared_dir)  # stated by the texts' headers
            store.extend(addresses)
            asserted.extend(addresses)
        rule_files = rules.load_rules(files.rules)
        with timer.stage("rules", "Running derivation rules"):
            derived, per_rule = _derive(store, reasoner, inputs, [r for r in rule_files if not r.after])
            _add_inferred(store, inferred, derived)
        with timer.stage("tenures", "Resolving tenures"):
            resolved, holdings = _resolve_tenures(store, reasoner, inputs)
            _add_inferred(store, inferred, resolved)
            timer.note("tenures", f"{holdings} holdings of single-holder posts")
        with timer.stage("rules-after-tenures", "Running derivation rules that read the tenures"):
            late, per_late_rule = _derive(store, reasoner, inputs, [r for r in rule_files if r.after])
            _add_inferred(store, inferred, late)
            per_rule = {**per_rule, **per_late_rule}
        with timer.stage("checks", "Running checks"):
            checked = _check(store, options, inputs, files)
        with timer.stage("dumps", "Writing dumps"):
            store.flush()
            del store  # closes the store before the release directory moves
            all_quads = dumps.sorted_quads([*asserted, *inferred])
            dump_paths = dumps.write_dumps(release, all_quads)
        summary = report.summarize(
            digest,
            all_quads,
            INFERRED.value,
            source_graphs=len(inputs.sources),
            validation_units=units,
            rules=per_rule,
            tenures={"holdings": holdings, "triples": len(resolved)},
            dumps={kind: str(path.relative_to(release)) for kind, path in dump_paths.items()},
            seconds=timer.seconds,
            **checked,
        )
        report.write_report(release, summary)
        final = storing.publish(options.build_dir, release, digest)
    except BaseException as error:
        # The on-disk store must be closed before its directory is removed, or its background threads
        # may still write files into it (a half-removed `.building-*` directory, seen under load): drop
        # this frame's reference and those the traceback's finished frames hold.
        store = None  # noqa: F841  (the rebinding is the point: it releases the store)
        traceback.clear_frames(error.__traceback__)
        storing.discard(release)
        raise
    return BuildResult(final, final / "store", summary)


def run_build(options: BuildOptions) -> BuildResult:
    """Build the graph into a new release and make it current (or report the current one up to date)."""
    timer = StageTimer(options.progress)
    with timer.stage("inputs", "Hashing inputs"):
        files = discover_inputs(
            options.ontology_dir, options.data_dir, options.rules_dir, options.queries_dir
        )
        digest = input_hash(files)
        current = _up_to_date(options, digest)
    if current is not None:
        return current
    return _build(options, files, digest, timer)
