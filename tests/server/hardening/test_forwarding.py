"""Forwarding headers: believed only from trusted proxies, checked before they become part of a URL, and
named in Vary when an answer used them; never a 500, never a poisoned cache."""

from __future__ import annotations

import ipaddress
import json
import logging
import re

import httpx
import pytest
from starlette.testclient import TestClient

from integrationsgraph.errors import UsageError
from integrationsgraph.server.app import create_app
from integrationsgraph.server.http.forwarding import BadForwarding, forwarded_client, site_of
from integrationsgraph.settings import Settings, trusted_networks
from integrationsgraph.sparql.backends import EmbeddedBackend
from tests.server.conftest import sample_store

ASK = "ASK { ?s ?p ?o }"
QUERY_LOG = "integrationsgraph.server.queries"
BAD_VALUES = [
    {"X-Forwarded-Host": "evil example.org"},
    {"X-Forwarded-Host": "x<y"},
    {"X-Forwarded-Proto": "ht tp"},
    {"X-Forwarded-Proto": "javascript"},
    {"Forwarded": "host=a b"},
    {"Forwarded": 'proto=https;host="<x>"'},
    {"X-Forwarded-Prefix": "/a b"},
]
# What every route that writes the site's address into its answer gets: a query (base IRI, ETag), the
# Service Description (sd:endpoint), the dataset description (landing page, endpoint).
ROUTES = [
    ("/sparql", {"query": ASK}, "application/sparql-results+json"),
    ("/sparql", {}, "text/turtle"),
    ("/dataset.ttl", {}, "text/turtle"),
]
ROUTE_NAMES = ["query", "service-description", "dataset"]


@pytest.fixture(scope="module")
def untrusting_server(start_server, make_pool_app):
    """The default: no proxy trusted; worker processes and HTTP caching (ETags) as `serve` has them."""
    with start_server(make_pool_app(sample_store(), query_workers=1)) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def proxied_server(start_server):
    """A server behind a proxy on 127.0.0.1 (the test client's address)."""
    settings = Settings.resolve({"trusted_proxies": "127.0.0.1"}, {})
    with start_server(create_app(settings, backend=EmbeddedBackend(sample_store()))) as base_url:
        yield base_url


def without_blank_labels(text: str) -> str:
    """The text with blank node labels (new ones in every answer) made equal."""
    return re.sub(r"_:[A-Za-z0-9]+", "_:b", text)


def vary_tokens(response: httpx.Response) -> set[str]:
    return {token.strip().lower() for token in response.headers.get("vary", "").split(",")}


@pytest.mark.slow
@pytest.mark.parametrize("headers", BAD_VALUES, ids=json.dumps)
@pytest.mark.parametrize("route", ROUTES, ids=ROUTE_NAMES)
def test_untrusted_forwarding_headers_change_nothing(untrusting_server, caplog, headers, route):
    path, params, accept = route
    url = untrusting_server + path
    with caplog.at_level(logging.ERROR):
        plain = httpx.get(url, params=params, headers={"Accept": accept}, timeout=30)
        forged = httpx.get(url, params=params, headers={"Accept": accept, **headers}, timeout=30)
    assert plain.status_code == forged.status_code == 200, forged.text
    assert without_blank_labels(forged.text) == without_blank_labels(plain.text)  # the header changed nothing
    if path == "/sparql" and params:
        assert forged.headers["etag"] == plain.headers["etag"]  # one cache entry, whatever the header said
    assert "x-forwarded-host" not in vary_tokens(forged)
    assert [record for record in caplog.records if record.levelno >= logging.ERROR] == []


@pytest.mark.slow
@pytest.mark.parametrize("headers", BAD_VALUES, ids=json.dumps)
@pytest.mark.parametrize("route", ROUTES, ids=ROUTE_NAMES)
def test_bad_forwarding_headers_from_a_proxy_are_a_400(proxied_server, caplog, headers, route):
    path, params, accept = route
    with caplog.at_level(logging.ERROR):
        response = httpx.get(proxied_server + path, params=params, headers={"Accept": accept, **headers})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["title"] == "Bad request"
    named = next(iter(headers)).split("-")[-1].lower()
    assert named in error["detail"].lower()  # the header at fault is named
    assert response.headers["cache-control"] == "no-store"
    assert [record for record in caplog.records if record.levelno >= logging.ERROR] == []


@pytest.mark.slow
def test_a_bad_host_header_is_a_400(untrusting_server) -> None:
    response = httpx.get(untrusting_server + "/sparql", headers={"Host": "a<b", "Accept": "text/turtle"})
    assert response.status_code == 400
    assert "Host" in response.json()["error"]["detail"]


@pytest.mark.slow
def test_a_proxy_s_headers_make_the_address_and_are_named_in_vary(proxied_server) -> None:
    headers = {"X-Forwarded-Host": "kg.example.org", "X-Forwarded-Proto": "https", "Accept": "text/turtle"}
    described = httpx.get(proxied_server + "/sparql", headers=headers)
    assert described.status_code == 200
    assert "<https://kg.example.org/sparql>" in described.text
    assert {"forwarded", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-prefix"} <= vary_tokens(
        described
    )
    relative = {"query": "SELECT ?x WHERE { BIND(<thing> AS ?x) }"}  # resolved against the endpoint
    answer = httpx.get(proxied_server + "/sparql", params=relative, headers={"X-Forwarded-Host": "a.example"})
    assert answer.json()["results"]["bindings"][0]["x"]["value"] == "http://a.example/thing"
    assert "x-forwarded-host" in vary_tokens(answer)
    # A page that does not use the address does not vary on it.
    assert "x-forwarded-host" not in vary_tokens(httpx.get(proxied_server + "/healthz", headers=headers))


def test_the_client_behind_a_trusted_proxy_is_the_forwarded_one(caplog) -> None:
    """The query log (and the per-client limits) see the address the proxy forwarded, not the proxy's."""
    settings = Settings(trusted_proxies=trusted_networks("10.0.0.0/8"))
    app = create_app(settings, backend=EmbeddedBackend(sample_store()))
    logged = []
    for peer, forwarded_for in (("10.1.2.3", "198.51.100.7, 10.9.9.9"), ("192.0.2.50", "198.51.100.7")):
        with TestClient(app, client=(peer, 4321)) as client, caplog.at_level(logging.INFO, QUERY_LOG):
            caplog.clear()
            response = client.get(
                "/sparql", params={"query": f"{ASK} # {peer}"}, headers={"X-Forwarded-For": forwarded_for}
            )
            assert response.status_code == 200
            logged.append(json.loads(caplog.records[-1].getMessage())["client"])
    assert logged == ["198.51.100.7", "192.0.2.50"]  # an untrusted peer cannot claim another address


def test_site_of_checks_every_value_it_uses() -> None:
    assert site_of("http", {"host": "localhost:8000"}, trusted=False).base_url == "http://localhost:8000/"
    assert site_of("http", {"host": "[::1]:80"}, trusted=False).base_url == "http://[::1]:80/"
    proxied = {"host": "10.0.0.2:8000", "forwarded": 'for=1.2.3.4;proto=https;host="ex.org", for=10.0.0.1'}
    assert site_of("http", proxied, trusted=True).base_url == "https://ex.org/"
    prefixed = {"host": "h", "x-forwarded-prefix": "/ig/v1/", "x-forwarded-proto": "HTTPS"}
    assert site_of("http", prefixed, trusted=True).base_url == "https://h/ig/v1/"
    ignored = {"host": "h", "x-forwarded-host": "evil", "x-forwarded-proto": "https"}
    assert site_of("http", ignored, trusted=False).base_url == "http://h/"
    for bad in ({"host": "h", "x-forwarded-prefix": "/a/../b<"}, {"host": "h", "x-forwarded-host": "a/b"}):
        with pytest.raises(BadForwarding):
            site_of("http", bad, trusted=True)


def test_forwarded_client_takes_the_last_address_no_proxy_of_ours_wrote() -> None:
    ours = trusted_networks("10.0.0.0/8")
    assert forwarded_client({"x-forwarded-for": "1.1.1.1, 2.2.2.2, 10.0.0.7"}, "10.0.0.1", ours) == "2.2.2.2"
    assert (
        forwarded_client({"forwarded": 'for="[2001:db8::1]", for=10.0.0.3'}, "10.0.0.1", ours)
        == "2001:db8::1"
    )
    assert forwarded_client({"x-forwarded-for": "10.0.0.5"}, "10.0.0.1", ours) == "10.0.0.1"
    assert forwarded_client({"x-forwarded-for": "unknown"}, "10.0.0.1", ours) == "10.0.0.1"


def test_trusted_proxies_setting() -> None:
    assert Settings.resolve({}, {}).trusted_proxies == ()
    resolved = Settings.resolve({}, {"INTEGRATIONSGRAPH_TRUSTED_PROXIES": "127.0.0.1, 10.0.0.0/8,::1"})
    expected = ("127.0.0.1/32", "10.0.0.0/8", "::1/128")
    assert resolved.trusted_proxies == tuple(ipaddress.ip_network(network) for network in expected)
    assert len(Settings.resolve({"trusted_proxies": "*"}, {}).trusted_proxies) == 2
    with pytest.raises(UsageError, match=r"trusted_proxies.*proxy\.example"):
        Settings.resolve({"trusted_proxies": "proxy.example"}, {})
