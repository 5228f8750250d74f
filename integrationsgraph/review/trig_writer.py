"""Writing a source graph as `data/sources/<stem>.trig`, and new entities as Turtle, in the layout of the
hand-curated files: prefixes, one `GRAPH gsrc:<stem>` block, the source node first, then the facts in
text order, other statements, intervals, instants and evidence; `a` first, then the usual predicates.

The output is a function of the triples (and the comments kept from the file read), so saving twice gives
the same bytes. Comment lines that stood directly above a node in the file read are written above it again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from integrationsgraph.namespaces import IG, OA, PREFIXES, PROV, TIME
from integrationsgraph.review.term_json import compact, turtle_term

# The predicates a reader looks for first, in this order; the others follow alphabetically.
PREDICATE_ORDER = [
    "ig:fileName", "ig:corpus", "ig:sha256", "dct:title", "ig:titleIsCurated", "ig:dateAsStated",
    "dct:issued", "ig:issuedAt", "dct:publisher",
    "org:member", "ig:post", "org:organization", "org:role", "ig:onBehalfOf", "ig:exercises",
    "ig:meetingOf", "ig:meetingType", "ig:status", "ig:adoptedPlan", "ig:adoptedBy",
    "org:originalOrganization", "org:resultingOrganization", "ig:presentedAt", "ig:presenter",
    "ig:presents", "ig:ordinal", "schema:location", "ig:chairedBy", "ig:hostedBy", "ig:motto",
    "org:memberDuring", "time:hasTime", "ig:succeeds", "prov:wasDerivedFrom", "ig:evidence",
    "time:hasBeginning", "time:hasEnd", "time:inXSDDate", "time:inXSDgYearMonth", "time:inXSDgYear",
    "time:inDateTime", "ig:earliest", "ig:latest", "ig:edtf", "ig:dateMethod", "ig:dateNote",
    "oa:hasSource", "oa:hasSelector", "oa:exact", "oa:prefix", "oa:suffix", "oa:start", "oa:end",
    "rdfs:label", "skos:altLabel", "schema:givenName", "schema:familyName",
]  # fmt: skip
_RANK = {name: index for index, name in enumerate(PREDICATE_ORDER)}
_SUBJECT_LINE = re.compile(r"^\s*([A-Za-z][\w-]*:[^\s;,.]*(?:\.[^\s;,.]+)*)\s")


def leading_comments(text: str) -> dict[str, list[str]]:
    """Comment lines directly above a statement, by its subject (`""`: the comments above `GRAPH`)."""
    found: dict[str, list[str]] = {}
    pending: list[str] = []
    statement_open = False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            pending.append(stripped)
            continue
        if stripped.startswith("GRAPH"):
            if pending:
                found[""] = pending
        elif not statement_open and not stripped.startswith("@prefix") and stripped:
            match = _SUBJECT_LINE.match(line)
            if match and pending:
                found[match.group(1)] = pending
        if stripped:
            pending = []
        if stripped and not stripped.startswith(("@prefix", "GRAPH", "}")):
            statement_open = not stripped.endswith(".")
    return found


def _predicate_key(predicate: URIRef) -> tuple[int, str]:
    name = compact(str(predicate))
    return (_RANK.get(name, len(_RANK)), name)


def _block(graph: Graph, subject: URIRef, comments: dict[str, list[str]]) -> str:
    lines = list(comments.get(compact(str(subject)), []))
    types = sorted(turtle_term(o) for o in graph.objects(subject, RDF.type))
    parts = [f"a {' , '.join(types)}"] if types else []
    predicates = sorted({p for p in graph.predicates(subject) if p != RDF.type}, key=_predicate_key)
    for predicate in predicates:
        # Sorted, with a quote selector before its position selector, as the hand-written files have it.
        objects = sorted((turtle_term(o) for o in graph.objects(subject, predicate)),
                         key=lambda term: (term.endswith("-position"), term))  # fmt: skip
        parts.append(f"{turtle_term(predicate)} {' , '.join(objects)}")
    lines.append(f"{turtle_term(subject)} " + " ;\n    ".join(parts) + " .")
    return "\n".join(lines)


def _offset(graph: Graph, evidence: URIRef) -> tuple[int, int, str]:
    for selector in graph.objects(evidence, OA.hasSelector):
        start, end = graph.value(selector, OA.start), graph.value(selector, OA.end)
        if start is not None and end is not None:
            return (int(start), int(end), str(evidence))
    return (0, 0, str(evidence))


def _fact_order(graph: Graph, fact: URIRef) -> tuple[int, str]:
    starts = [_offset(graph, e)[0] for e in graph.objects(fact, IG.evidence)]
    return (min(starts, default=0), str(fact))


def ordered_subjects(graph: Graph, source: URIRef) -> list[list[URIRef]]:
    """The subjects in writing order, in groups (source, facts, others, intervals, instants, evidence)."""
    subjects = {s for s in graph.subjects() if isinstance(s, URIRef)}
    evidence = sorted(set(graph.subjects(RDF.type, IG.Evidence)) & subjects, key=lambda e: _offset(graph, e))
    selectors = [s for e in evidence for s in graph.objects(e, OA.hasSelector) if s in subjects]
    facts = sorted(set(graph.subjects(PROV.wasDerivedFrom, None)) & subjects - {source},
                   key=lambda f: _fact_order(graph, f))  # fmt: skip
    intervals = sorted(set(graph.subjects(RDF.type, TIME.ProperInterval)) & subjects, key=str)
    instants = sorted(set(graph.subjects(RDF.type, TIME.Instant)) & subjects, key=str)
    taken = {source, *facts, *intervals, *instants, *evidence, *selectors}
    others = sorted(subjects - taken, key=str)
    groups = [[source] if source in subjects else [], facts, others, intervals, instants]
    evidence_group = [
        node
        for e in evidence
        for node in (
            e,
            *sorted(graph.objects(e, OA.hasSelector), key=lambda s: (str(s).endswith("-position"), s)),
        )
    ]
    return [*groups, [n for n in evidence_group if n in subjects]]


def _prefix_lines(used: Iterable[str]) -> str:
    names = set(used)
    return "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items() if p in names)


def _used_prefixes(text: str) -> set[str]:
    return set(re.findall(r"(?<![\w<\"/#-])([a-z][a-z]*):(?=[\w<])", text))


def source_trig(stem: str, graph: Graph, comments: dict[str, list[str]] | None = None) -> str:
    """The TriG of one source's graph `gsrc:<stem>`."""
    comments = comments or {}
    source = URIRef(PREFIXES["source"] + stem)
    groups = ordered_subjects(graph, source)
    blocks = []
    for index, group in enumerate(groups):
        evidence_group = index == len(groups) - 1
        for subject in group:
            block = _block(graph, subject, comments)
            glue = "" if evidence_group and graph.value(subject, RDF.type) != IG.Evidence else "\n"
            blocks.append(glue + block)
    inner = "\n".join("    " + block.replace("\n", "\n    ") for block in blocks).replace("    \n", "\n")
    head_comment = "".join(f"{line}\n" for line in comments.get("", []))
    body = f"{head_comment}GRAPH gsrc:{stem} {{\n{inner}\n}}\n"
    return _prefix_lines(_used_prefixes(body) | {"gsrc"}) + "\n" + body


def entities_turtle(graph: Graph, heading: str) -> str:
    """Turtle of registry entities (one block each, sorted by IRI), under a comment `heading`."""
    blocks = [_block(graph, s, {}) for s in sorted({s for s in graph.subjects() if isinstance(s, URIRef)})]
    body = f"# {heading}\n\n" + "\n\n".join(blocks) + "\n"
    return _prefix_lines(_used_prefixes(body)) + "\n" + body
