"""How one SPARQL engine behind `--sparql-backend` departs from the protocol, kept in one place per engine.

`RemoteBackend` asks `dialect_for(response)` once, from the `Server` header of its first answer, and then
goes through the dialect's hooks for every query: how the request is written, which formats to ask for,
how an answer is cleaned and checked, how a syntax error reads. `StandardDialect` is the protocol as
written (Oxigraph, Fuseki, QLever, GraphDB). `VirtuosoDialect` is Virtuoso Open Source 7; what it does
and why is listed on the class and in docs/deployment.md ("Virtuoso").
"""

from __future__ import annotations

import re
import urllib.parse

import httpx
import pyoxigraph as ox

from integrationsgraph.sparql.backends import (
    BackendUnavailable,
    Dataset,
    PreferredFormats,
    QuerySyntaxError,
    QueryTimeout,
    storage_format,
    syntax_error_from_message,
)

SD = "http://www.w3.org/ns/sparql-service-description#"
# SPARQL XML boolean answers, written by pyoxigraph's serializer.
_BOOLEAN_XML = {
    answer: ox.Store()
    .query(f"ASK {{ FILTER({str(answer).lower()}) }}")
    .serialize(format=ox.QueryResultsFormat.XML)
    for answer in (True, False)
}


class StandardDialect:
    """A SPARQL 1.1 Protocol server: direct POST, the negotiated format, errors as 400 with a message."""

    name = "standard"

    def request(self, text: str, dataset: Dataset, timeout: float | None) -> dict:
        """The keyword arguments of the httpx POST that sends `text` with the protocol dataset."""
        parameters = [("default-graph-uri", uri) for uri in dataset.default_graph_uris]
        parameters += [("named-graph-uri", uri) for uri in dataset.named_graph_uris]
        return {
            "params": parameters,
            "content": text.encode("utf-8"),
            "headers": {"Content-Type": "application/sparql-query; charset=utf-8"},
        }

    def accept(self, text: str, formats: PreferredFormats) -> str:
        """Ask for the client's format when it is lossless, so most answers pass through untouched."""
        return f"{storage_format(formats.results).media_type}, {formats.graph.media_type};q=0.9"

    def cleaned(self, response: httpx.Response, media_type: str) -> bytes:
        """The answer's bytes, readable by pyoxigraph's parsers (raises on an answer that must not pass)."""
        return response.content

    def syntax_error(self, message: str, text: str) -> QuerySyntaxError:
        """The error for a query `text` the engine refused with a 400 and `message`."""
        return syntax_error_from_message(message)

    def own_graphs_query(self) -> str | None:
        """A query for graphs the engine keeps for itself (never part of the dataset), or None."""
        return None

    def with_own_graphs(self, graphs: tuple[str, ...]) -> StandardDialect:
        return self

    def graphs_query(self) -> str | None:
        """A query for every graph, when the dialect must name the union default graph's graphs itself."""
        return None

    def with_graphs(self, graphs: tuple[str, ...] | None) -> StandardDialect:
        """This dialect naming `graphs` (minus its own) as the dataset; None: the whole store, unnamed."""
        return self


class VirtuosoDialect(StandardDialect):
    """Virtuoso Open Source 7 (checked with 7.2.5):

    - a direct POST (`application/sparql-query`) is never answered: the query goes as a form POST;
    - its default graph is the union of every graph, its own included (`virtrdf#`, `ldp#`, its service
      description): with no dataset named, `define input:default-graph-exclude` takes its own graphs
      out of the default graph, and every other graph is named as a named graph (the list is taken
      again at most every GRAPH_LIST_SECONDS, by `RemoteBackend`), because `input:named-graph-exclude`
      makes `GRAPH <iri>` match (nearly) nothing. Naming the default graph's graphs instead costs every
      query seconds of compiling at a hundred graphs; naming graphs costs only queries that use GRAPH;
    - `SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }` takes minutes at a hundred graphs (14 s for
      the first five): the graphs are listed with GROUP BY, which answers in a fraction of a second;
    - DESCRIBE gives incoming triples too: `define sql:describe-mode "CBD"` gives the description the
      embedded store gives;
    - its JSON results write `typed-literal` and booleans as 1: SPARQL XML results (and N-Triples for
      graphs) are asked for; an ASK answers as one `__ASK_RETVAL` solution, turned back into a boolean;
      blank nodes are labelled `nodeID://b1`, which is no blank-node label: relabelled `b1`;
    - an answer cut at its `ResultSetMaxRows` says so only in `X-SPARQL-MaxRows`: that is an error here
      (set it above `max_result_rows`), never a silent cut;
    - a query past its time limit answers what it has with `X-SQL-State: S1TAT` ("anytime query"): that
      is a timeout; the deadline is sent as its `timeout` parameter, so Virtuoso stops the query too;
    - syntax errors read `SP030: SPARQL compiler, line N: ...` (a line, no column).
    """

    name = "virtuoso"
    OWN_GRAPHS = ("http://www.openlinksw.com/schemas/virtrdf#", "http://www.w3.org/ns/ldp#")

    # Named as the dataset when the store has no graph of its own, so the default graph is empty.
    NO_GRAPH = "urn:x-integrationsgraph:no-graph"

    def __init__(self, own_graphs: tuple[str, ...] = OWN_GRAPHS, graphs: tuple[str, ...] | None = None):
        self.own_graphs = own_graphs
        self.graphs = graphs

    def request(self, text: str, dataset: Dataset, timeout: float | None) -> dict:
        defines = 'define sql:describe-mode "CBD"'
        if not dataset.is_specified and self.graphs is not None:
            # The union of every graph but its own as the default graph, ours as the named graphs.
            defines += "".join(f" define input:default-graph-exclude <{g}>" for g in self.own_graphs)
            dataset = Dataset(named_graph_uris=self.graphs or (self.NO_GRAPH,))
        # The defines go on a line before the query: error lines are shifted back in `syntax_error`.
        form = [("query", defines + "\n" + text)]
        form += [("default-graph-uri", uri) for uri in dataset.default_graph_uris]
        form += [("named-graph-uri", uri) for uri in dataset.named_graph_uris]
        if timeout is not None:
            form.append(("timeout", str(max(1, round(timeout * 1000)))))
        return {
            "content": urllib.parse.urlencode(form).encode("ascii"),
            "headers": {"Content-Type": "application/x-www-form-urlencoded"},
        }

    def accept(self, text: str, formats: PreferredFormats) -> str:
        # Virtuoso answers a list of types with 406 when its first choice does not fit the query form.
        if query_form(text) in ("CONSTRUCT", "DESCRIBE"):
            return "application/n-triples"
        return "application/sparql-results+xml"

    def cleaned(self, response: httpx.Response, media_type: str) -> bytes:
        if response.headers.get("x-sql-state") == "S1TAT":
            raise QueryTimeout(_elapsed_seconds(response))
        content = response.content
        if media_type != "application/sparql-results+xml":
            return content
        content = content.replace(b"<bnode>nodeID://", b"<bnode>")
        parsed = _parse_xml_results(content)
        if isinstance(parsed, ox.QueryBoolean):
            return content
        if [variable.value for variable in parsed.variables] == ["__ASK_RETVAL"]:
            answers = [solution["__ASK_RETVAL"] for solution in parsed]
            return _BOOLEAN_XML[bool(answers) and answers[0].value == "1"]
        cap = response.headers.get("x-sparql-maxrows")
        if cap and cap.isdigit() and sum(1 for _ in _parse_xml_results(content)) >= int(cap):
            raise BackendUnavailable(
                f"Virtuoso cut the answer at its ResultSetMaxRows ({cap}) without saying so in the "
                "results; set [SPARQL] ResultSetMaxRows in virtuoso.ini above the server's max_result_rows"
            )
        return content

    def syntax_error(self, message: str, text: str) -> QuerySyntaxError:
        first = message.strip().splitlines()[0] if message.strip() else message
        found = re.search(r"SPARQL compiler, line (\d+)", first)
        if found is None or int(found.group(1)) < 2:
            return QuerySyntaxError(first)
        # The defines' line comes first; an error at the end of the text is reported a line further on.
        line = min(int(found.group(1)) - 1, text.count("\n") + 1)
        return QuerySyntaxError(first.replace(found.group(0), f"SPARQL compiler, line {line}"), line)

    def own_graphs_query(self) -> str:
        # Virtuoso keeps its service description in a graph named after the service itself.
        return f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g a <{SD}Service> }} }}"

    def with_own_graphs(self, graphs: tuple[str, ...]) -> VirtuosoDialect:
        return VirtuosoDialect(tuple(dict.fromkeys(self.own_graphs + graphs)), self.graphs)

    def graphs_query(self) -> str:
        return "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"  # not DISTINCT: see the class

    def with_graphs(self, graphs: tuple[str, ...] | None) -> VirtuosoDialect:
        if graphs is None:
            return VirtuosoDialect(self.own_graphs)
        return VirtuosoDialect(self.own_graphs, tuple(sorted(set(graphs) - set(self.own_graphs))))


_PROLOGUE_ITEM = re.compile(
    r"\s+|#[^\n]*|PREFIX\s*[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>|DEFINE\s+\S+\s+(?:\"[^\"]*\"|<[^>]*>|\S+)",
    re.IGNORECASE,
)


def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first keyword after the prologue (None if none of them)."""
    position = 0
    while (item := _PROLOGUE_ITEM.match(text, position)) and item.end() > position:
        position = item.end()
    form = re.match(r"[A-Za-z]+", text[position:])
    word = form.group(0).upper() if form else None
    return word if word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE") else None


def dialect_for(response: httpx.Response) -> StandardDialect:
    """The dialect of the engine that sent `response`, told by its `Server` header."""
    if response.headers.get("server", "").startswith("Virtuoso/"):
        return VirtuosoDialect()
    return StandardDialect()


def _parse_xml_results(content: bytes) -> ox.QuerySolutions | ox.QueryBoolean:
    try:
        return ox.parse_query_results(content, format=ox.QueryResultsFormat.XML)
    except SyntaxError as error:
        raise BackendUnavailable(f"unreadable SPARQL XML results from Virtuoso: {error}") from None


def _elapsed_seconds(response: httpx.Response) -> float:
    milliseconds = response.headers.get("x-exec-milliseconds", "")
    return int(milliseconds) / 1000 if milliseconds.isdigit() else 0.0
