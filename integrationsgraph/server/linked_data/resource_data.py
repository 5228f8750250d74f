"""What the linked-data pages know about one IRI, asked of `app.state.backend` (embedded or remote).

Every statement keeps the named graph it sits in, so a page can say which source states it (or that the
build inferred it); evidence spans come with their source file and the source graph.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from integrationsgraph.fact_titles import fact_titles
from integrationsgraph.iris import iri_ref
from integrationsgraph.namespaces import sparql_prologue
from integrationsgraph.server.linked_data.sparql_helpers import ask, select
from integrationsgraph.sparql.backends import Backend

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
OUTGOING_LIMIT = 2000
INCOMING_LIMIT = 400
LABEL_BATCH = 400

PROLOGUE = sparql_prologue()


async def exists(backend: Backend, iri: str) -> bool:
    """Whether the IRI occurs in the data: as subject, object, or name of a graph."""
    ref = iri_ref(iri)
    text = f"ASK {{ {{ {ref} ?p ?o }} UNION {{ ?s ?p {ref} }} UNION {{ GRAPH {ref} {{ ?s ?p ?o }} }} }}"
    return await ask(backend, text)


async def labels_of(
    backend: Backend, iris: set[str], titles_base: str | None = None
) -> dict[str, dict[str, str]]:
    """`{iri: {language: label}}` from rdfs:label, skos:prefLabel and dct:title (untagged under "");
    with `titles_base`, unlabelled holdings and meetings get display titles (see fact_titles)."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    ordered = sorted(iri for iri in iris if iri)
    for start in range(0, len(ordered), LABEL_BATCH):
        values = " ".join(iri_ref(iri) for iri in ordered[start : start + LABEL_BATCH])
        text = PROLOGUE + (
            f"SELECT ?x ?label WHERE {{ VALUES ?x {{ {values} }} "
            "{ ?x rdfs:label ?label } UNION { ?x skos:prefLabel ?label } UNION { ?x dct:title ?label } }"
        )
        for row in await select(backend, text):
            label = row["label"]
            if isinstance(label, ox.Literal):
                found[row["x"].value].setdefault(label.language or "", label.value)
    if titles_base is not None:
        unlabelled = {iri for iri in ordered if iri not in found}
        found.update(await fact_titles(backend, unlabelled, titles_base))
    return dict(found)


@dataclass(frozen=True)
class Span:
    """One evidence span of a fact in one source graph (a Web Annotation TextQuoteSelector)."""

    graph: str
    fact: str
    evidence: str
    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class SourceInfo:
    graph: str
    source: str
    file: str
    title: str = ""
    address: str = ""  # where it was published (schema:url, from its text's header)
    publisher: str = ""  # the curated dct:publisher's IRI, when a curator named one
    site: str = ""  # the web site of the address (ig:site, from the header): the publisher otherwise

    def publisher_name(self, labels: dict[str, dict[str, str]], language: str) -> str:
        """Who published it, as a page names it: the curated publisher's label in `language` (else
        German, English), else the web site of its address, else nothing."""
        named = labels.get(self.publisher, {})
        return named.get(language) or named.get("de") or named.get("en") or self.site


@dataclass
class ResourceData:
    iri: str
    outgoing: list[tuple[str, ox.NamedNode, ox.NamedNode | ox.Literal | ox.BlankNode]] = field(
        default_factory=list
    )
    incoming: list[tuple[str, ox.NamedNode | ox.BlankNode, ox.NamedNode]] = field(default_factory=list)
    incoming_truncated: bool = False
    spans: list[Span] = field(default_factory=list)
    sources: dict[str, SourceInfo] = field(default_factory=dict)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def types(self) -> list[str]:
        return sorted(
            {o.value for _, p, o in self.outgoing if p.value == RDF_TYPE and isinstance(o, ox.NamedNode)}
        )

    def mentioned_iris(self) -> set[str]:
        iris = {self.iri}
        for graph, predicate, value in self.outgoing:
            iris |= {graph, predicate.value} | ({value.value} if isinstance(value, ox.NamedNode) else set())
        for graph, subject, predicate in self.incoming:
            iris |= {graph, predicate.value} | (
                {subject.value} if isinstance(subject, ox.NamedNode) else set()
            )
        iris |= {span.fact for span in self.spans}
        return iris


def _int(term: ox.Literal | None) -> int | None:
    return int(term.value) if term is not None else None


def _text(term: ox.Literal | None) -> str:
    return term.value if term is not None else ""


async def describe(backend: Backend, iri: str, base: str) -> ResourceData:
    """Statements about `iri` and to it, per graph; the evidence of it and its neighbouring facts."""
    ref = iri_ref(iri)
    data = ResourceData(iri)
    rows = await select(
        backend, f"SELECT ?g ?p ?o WHERE {{ GRAPH ?g {{ {ref} ?p ?o }} }} LIMIT {OUTGOING_LIMIT}"
    )
    data.outgoing = [(row["g"].value, row["p"], row["o"]) for row in rows]
    rows = await select(
        backend, f"SELECT ?g ?s ?p WHERE {{ GRAPH ?g {{ ?s ?p {ref} }} }} LIMIT {INCOMING_LIMIT + 1}"
    )
    data.incoming_truncated = len(rows) > INCOMING_LIMIT
    data.incoming = [(row["g"].value, row["s"], row["p"]) for row in rows[:INCOMING_LIMIT]]
    spans_text = (
        PROLOGUE
        + f"""
SELECT DISTINCT ?g ?fact ?evidence ?exact ?prefix ?suffix ?start ?end WHERE {{
  GRAPH ?g {{
    {{ {ref} ig:evidence ?evidence BIND({ref} AS ?fact) }}
    UNION {{ ?fact ?p {ref} . ?fact ig:evidence ?evidence }}
    UNION {{ {ref} ?p ?fact . ?fact ig:evidence ?evidence }}
    ?evidence oa:hasSelector ?quote . ?quote oa:exact ?exact .
    OPTIONAL {{ ?quote oa:prefix ?prefix }} OPTIONAL {{ ?quote oa:suffix ?suffix }}
    OPTIONAL {{ ?evidence oa:hasSelector ?position . ?position oa:start ?start ; oa:end ?end }}
  }}
}} ORDER BY ?g ?start ?fact LIMIT 1000"""
    )
    data.spans = [
        Span(
            row["g"].value,
            row["fact"].value,
            row["evidence"].value,
            row["exact"].value,
            _text(row.get("prefix")),
            _text(row.get("suffix")),
            _int(row.get("start")),
            _int(row.get("end")),
        )
        for row in await select(backend, spans_text)
    ]
    graphs = {graph for graph, _, _ in data.outgoing} | {graph for graph, _, _ in data.incoming}
    data.sources = await sources_of_graphs(backend, graphs | {span.graph for span in data.spans})
    named = {info.source for info in data.sources.values()} | {
        info.publisher for info in data.sources.values() if info.publisher
    }
    data.labels = await labels_of(backend, data.mentioned_iris() | named, base)
    return data


async def sources_of_graphs(backend: Backend, graphs: set[str] | None) -> dict[str, SourceInfo]:
    """The source node each graph describes (graphs without one are left out); None: every source."""
    if graphs is not None and not graphs:
        return {}
    values = "" if graphs is None else f"VALUES ?g {{ {' '.join(iri_ref(g) for g in sorted(graphs))} }}"
    text = (
        PROLOGUE
        + f"""
SELECT ?g ?source ?file (SAMPLE(?title0) AS ?title) (SAMPLE(?address0) AS ?address)
       (SAMPLE(?publisher0) AS ?publisher) (SAMPLE(?site0) AS ?site) WHERE {{
  {values}
  GRAPH ?g {{
    ?source a ig:Source ; ig:fileName ?file .
    OPTIONAL {{ ?source dct:title ?title0 }}
    OPTIONAL {{ ?source <https://schema.org/url> ?address0 }}
    OPTIONAL {{ ?source dct:publisher ?publisher0 FILTER(isIRI(?publisher0)) }}
    OPTIONAL {{ ?source ig:site ?site0 }}
  }}
}} GROUP BY ?g ?source ?file"""
    )
    return {
        row["g"].value: SourceInfo(
            row["g"].value,
            row["source"].value,
            row["file"].value,
            _text(row.get("title")),
            _text(row.get("address")),
            row["publisher"].value if "publisher" in row else "",
            _text(row.get("site")),
        )
        for row in await select(backend, text)
    }
