"""One IRI check (`integrationsgraph.iris`, pyoxigraph's parser) decides for every place that takes an IRI
from a user: query parameters, the review page's terms, export scopes and SPARQL text built from IRIs."""

from __future__ import annotations

import pytest

from integrationsgraph.errors import UsageError
from integrationsgraph.exports.scope import Scope
from integrationsgraph.iris import iri_ref, is_http_iri
from integrationsgraph.queries.catalog import Parameter
from integrationsgraph.queries.parameters import render
from integrationsgraph.review.term_json import expand

GOOD = "https://w3id.org/integrationsgraph/id/body/intmk"
BAD = [
    GOOD + " x",
    GOOD + ">",
    GOOD + "<",
    GOOD + '"',
    GOOD + "{",
    GOOD + "|",
    GOOD + "^",
    GOOD + "`",
    GOOD + "\\",
    GOOD + "\nx",
    "intmk",
]


def test_a_good_iri_passes_everywhere():
    assert iri_ref(GOOD) == f"<{GOOD}>"
    assert is_http_iri(GOOD)
    assert render(Parameter("body", "iri", GOOD, ""), GOOD) == f"<{GOOD}>"
    assert str(expand(GOOD)) == GOOD
    assert Scope("entity", entity=GOOD).entity == GOOD


@pytest.mark.parametrize("bad", BAD)
def test_a_broken_iri_is_refused_everywhere(bad):
    assert not is_http_iri(bad)
    with pytest.raises(ValueError, match="not an IRI usable in a query"):
        iri_ref(bad)
    with pytest.raises(UsageError, match="parameter body"):
        render(Parameter("body", "iri", GOOD, ""), bad)
    with pytest.raises(UsageError, match="not an IRI"):
        expand(bad)
    with pytest.raises(UsageError, match="IRI"):
        Scope("entity", entity=bad)


def test_only_http_iris_name_entities():
    assert iri_ref("urn:example:x") == "<urn:example:x>"
    assert not is_http_iri("urn:example:x")
