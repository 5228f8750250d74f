"""The query mixes: the named queries with their examples (repeated), and with varied parameters.

The varied mix binds each parameter to a value drawn from the dataset itself (an IRI of the same kind as
the example: same namespace path, e.g. `…/id/body/`; a class for a class; dates between 1990 and 2030)
and ends every query with a unique comment, so no two requests are the same text and no answer can come
from a cache keyed on the request.
"""

from __future__ import annotations

import datetime
import random
from urllib.parse import quote

import pyoxigraph as ox

from integrationsgraph.queries.catalog import NamedQuery, load_catalog

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _compact(text: str) -> str:
    """The query without comment lines and indentation (shorter URLs; same meaning)."""
    lines = [line.strip() for line in text.splitlines() if not line.lstrip().startswith("#")]
    return "\n".join(line for line in lines if line)  # newlines end inline comments


def _kind(example: str) -> str:
    """`…/id/body/` for an entity IRI, `…/def#` for a class."""
    return example.rsplit("/", 1)[0] + "/" if "/id/" in example else example.rsplit("#", 1)[0] + "#"


def _candidates(store: ox.Store, kind: str) -> list[str]:
    if kind.endswith("#"):
        query = f'SELECT DISTINCT ?v WHERE {{ ?x <{RDF_TYPE}> ?v FILTER(STRSTARTS(STR(?v), "{kind}")) }}'
    else:
        query = f'SELECT DISTINCT ?v WHERE {{ ?v ?p ?o FILTER(STRSTARTS(STR(?v), "{kind}")) }}'
    return sorted(row["v"].value for row in store.query(query, use_default_graph_as_union=True))


def _random_date(rng: random.Random) -> datetime.date:
    return datetime.date(1990, 1, 1) + datetime.timedelta(days=rng.randrange(41 * 365))


def _values(query: NamedQuery, pools: dict[str, list[str]], rng: random.Random) -> dict[str, str]:
    values: dict[str, str] = {}
    dates = sorted(_random_date(rng) for _ in query.parameters)
    for number, parameter in enumerate(query.parameters):
        if parameter.type == "iri":
            values[parameter.name] = rng.choice(pools.get(_kind(parameter.example), [parameter.example]))
        elif parameter.type == "date":
            values[parameter.name] = dates[number].isoformat()
        elif parameter.type == "integer":
            values[parameter.name] = str(rng.randrange(1, 100))
        else:
            values[parameter.name] = rng.choice(["Integration", "Konferenz", "Plan", "Rat"])
    return values


def named_queries() -> list[NamedQuery]:
    return [query for name, query in sorted(load_catalog().items()) if not name.endswith("-violation")]


def repeated_mix(store: ox.Store) -> list[str]:
    """Each named query bound to its example (or, where the example is not in this data, a value that is)."""
    texts = []
    pools = _pools(store)
    for query in named_queries():
        values = query.example_values()
        for parameter in query.parameters:
            pool = pools.get(_kind(parameter.example)) if parameter.type == "iri" else None
            if pool and values[parameter.name] not in pool:
                values[parameter.name] = pool[len(pool) // 2]
        texts.append(_compact(query.bind(values)))
    return texts


def varied_mix(store: ox.Store, count: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    pools = _pools(store)
    queries = named_queries()
    texts = []
    for number in range(count):
        query = queries[number % len(queries)]
        texts.append(_compact(query.bind(_values(query, pools, rng))) + f" # {number}")
    return texts


def _pools(store: ox.Store) -> dict[str, list[str]]:
    kinds = {_kind(p.example) for q in named_queries() for p in q.parameters if p.type == "iri"}
    pools = {kind: _candidates(store, kind) for kind in kinds}
    return {kind: pool for kind, pool in pools.items() if pool}


def request_paths(path: str, texts: list[str]) -> list[str]:
    return [f"{path}?query={quote(text, safe='')}" for text in texts]
