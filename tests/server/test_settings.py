"""Settings: a flag wins over the environment, the environment over the default; bad values name the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from integrationsgraph.errors import UsageError
from integrationsgraph.paths import BUILD_DIR
from integrationsgraph.settings import Settings


def test_defaults() -> None:
    settings = Settings.resolve({}, {})
    assert (settings.host, settings.port, settings.build_dir) == ("127.0.0.1", 8000, BUILD_DIR)
    assert settings.data == ()
    assert settings.sparql_backend is None
    assert settings.public_url is None


def test_environment_overrides_default() -> None:
    settings = Settings.resolve({}, {"INTEGRATIONSGRAPH_PORT": "8123", "INTEGRATIONSGRAPH_HOST": "0.0.0.0"})
    assert (settings.host, settings.port) == ("0.0.0.0", 8123)


def test_flag_overrides_environment() -> None:
    settings = Settings.resolve({"port": "9000", "host": None}, {"INTEGRATIONSGRAPH_PORT": "8123"})
    assert settings.port == 9000
    assert settings.host == "127.0.0.1"  # a flag left out (None) does not hide the default


def test_data_files_from_flag_and_environment() -> None:
    assert Settings.resolve({"data": ["a.ttl", "b.nq"]}, {}).data == (Path("a.ttl"), Path("b.nq"))
    assert Settings.resolve({}, {"INTEGRATIONSGRAPH_DATA": "a.ttl:b.nq"}).data == (
        Path("a.ttl"),
        Path("b.nq"),
    )


def test_public_url_gains_a_trailing_slash_and_gives_the_endpoint() -> None:
    settings = Settings.resolve({"public_url": "https://example.org/ig"}, {})
    assert settings.public_url == "https://example.org/ig/"
    assert settings.endpoint_url("http://127.0.0.1:8000/") == "https://example.org/ig/sparql"
    assert Settings().endpoint_url("http://127.0.0.1:8000/") == "http://127.0.0.1:8000/sparql"


@pytest.mark.parametrize(
    ("flags", "environ", "names"),
    [
        ({"port": "eighty"}, {}, ["port", "--port", "'eighty'"]),
        ({"port": "70000"}, {}, ["port", "70000", "65535"]),
        ({}, {"INTEGRATIONSGRAPH_PORT": "-1"}, ["port", "INTEGRATIONSGRAPH_PORT", "'-1'"]),
        ({"sparql_backend": "ftp://x"}, {}, ["sparql_backend", "--sparql-backend", "ftp://x"]),
        ({}, {"INTEGRATIONSGRAPH_PUBLIC_URL": "example.org"}, ["public_url", "INTEGRATIONSGRAPH_PUBLIC_URL"]),
        ({"query_threads": "0"}, {}, ["query_threads", "'0'"]),
        ({"log_level": "loud"}, {}, ["log_level", "'loud'"]),
    ],
)
def test_bad_value_names_the_setting_its_source_and_value(flags, environ, names) -> None:
    with pytest.raises(UsageError) as raised:
        Settings.resolve(flags, environ)
    for name in names:
        assert name in str(raised.value)


def test_data_and_backend_exclude_each_other() -> None:
    with pytest.raises(UsageError, match="data and sparql_backend"):
        Settings.resolve({"data": ["a.ttl"], "sparql_backend": "http://127.0.0.1:1/sparql"}, {})
