"""The server's one settings object: a command-line flag, else an environment variable, else the default.

| setting        | flag               | environment variable               | default                 |
|----------------|--------------------|------------------------------------|-------------------------|
| host           | `--host`           | `INTEGRATIONSGRAPH_HOST`           | `127.0.0.1`             |
| port           | `--port`           | `INTEGRATIONSGRAPH_PORT`           | `8000`                  |
| build_dir      | `--build-dir`      | `INTEGRATIONSGRAPH_BUILD_DIR`      | `build/`                |
| data           | `--data FILE...`   | `INTEGRATIONSGRAPH_DATA` (1)       | none: serve the build   |
| sparql_backend | `--sparql-backend` | `INTEGRATIONSGRAPH_SPARQL_BACKEND` | none: embedded store    |
| public_url     | `--public-url`     | `INTEGRATIONSGRAPH_PUBLIC_URL`     | none: from the request  |
| public_base    | `--public-base`    | `INTEGRATIONSGRAPH_PUBLIC_BASE`    | `https://w3id.org/…` (2) |
| query_threads  | `--query-threads`  | `INTEGRATIONSGRAPH_QUERY_THREADS`  | `8`                     |
| log_level      | `--log-level`      | `INTEGRATIONSGRAPH_LOG_LEVEL`      | `info`                  |

Limits and the query workers (`serve` runs queries in worker processes; see docs/deployment.md):

| setting              | default      | what                                                              |
|----------------------|--------------|-------------------------------------------------------------------|
| query_timeout        | `10`         | seconds a query may take; a request may ask for less (`timeout`)  |
| query_workers        | `2`          | worker processes, each evaluating one query at a time             |
| max_queued_queries   | `64`         | queries waiting for a worker; more get 503 with Retry-After       |
| max_query_length     | `100000`     | characters of query text                                          |
| max_body_bytes       | `1000000`    | bytes of request body                                             |
| max_header_bytes     | `16384`      | bytes of request headers (names and values)                       |
| max_result_rows      | `100000`     | solutions or triples in one answer; more are cut, and it says so  |
| cache_max_age        | `300`        | seconds in `Cache-Control: public, max-age`                       |
| response_cache_bytes | `67108864`   | bytes of answers kept in memory for repeated queries (0: none)    |
| worker_store         | `memory`     | `memory`: workers copy the build into memory; `disk`: read in place |
| reload_interval      | `2`          | seconds between looks at `build/current` for a new build (0: never) |
| trusted_proxies      | none         | addresses/networks whose forwarding headers are believed (`*`: all) |
| header_timeout       | `10`         | seconds a client has to send the request line and headers         |
| body_timeout         | `30`         | seconds a client has to send the whole request body               |

Each has a flag (`--query-timeout`, ...) and an environment variable (`INTEGRATIONSGRAPH_QUERY_TIMEOUT`, ...).

(1) paths joined by `os.pathsep` (`:`). Without `public_url`, the public address comes from the request
and, from a `trusted_proxies` address only, the proxy headers `Forwarded`, `X-Forwarded-Proto`,
`X-Forwarded-Host` and `X-Forwarded-Prefix` (see forwarding.py).

(2) `https://w3id.org/integrationsgraph/`: the base of the minted IRIs; `<public_base>id/…`, `…def…` and
`…graph/…` are served at `/id/…`, `/def…` and `/graph/…` of this server.

`public_url` is the address the site is reached at from outside (for example
`https://example.org/integrationsgraph/`); the endpoint is then `<public_url>sparql`.
A bad value raises `UsageError` naming the setting, where it came from, and the value.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from integrationsgraph.errors import UsageError
from integrationsgraph.paths import BUILD_DIR
from integrationsgraph.server.forwarding import Network, trusted_networks

ENV_PREFIX = "INTEGRATIONSGRAPH_"
LOG_LEVELS = ("critical", "error", "warning", "info", "debug")


def _port(text: str) -> int:
    port = int(text)
    if not 0 <= port <= 65535:
        raise ValueError("a port is between 0 and 65535")
    return port


def _positive(text: str) -> int:
    number = int(text)
    if number < 1:
        raise ValueError("must be at least 1")
    return number


def _not_negative(text: str) -> int:
    number = int(text)
    if number < 0:
        raise ValueError("must be 0 or more")
    return number


def _positive_seconds(text: str) -> float:
    seconds = float(text)
    if not 0 < seconds < float("inf"):
        raise ValueError("must be a number of seconds above 0")
    return seconds


def _not_negative_seconds(text: str) -> float:
    seconds = float(text)
    if not 0 <= seconds < float("inf"):
        raise ValueError("must be a number of seconds, 0 or more")
    return seconds


def _worker_store(text: str) -> str:
    if text not in ("memory", "disk"):
        raise ValueError("memory or disk")
    return text


def http_url(text: str) -> str:
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("must be an absolute http:// or https:// URL")
    return text


def _public_url(text: str) -> str:
    url = http_url(text)
    return url if url.endswith("/") else url + "/"


def _data_files(text: str) -> tuple[Path, ...]:
    return tuple(Path(part) for part in text.split(os.pathsep) if part)


def _log_level(text: str) -> str:
    if text.lower() not in LOG_LEVELS:
        raise ValueError(f"one of {', '.join(LOG_LEVELS)}")
    return text.lower()


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    build_dir: Path = BUILD_DIR
    data: tuple[Path, ...] = ()
    sparql_backend: str | None = None
    public_url: str | None = None
    public_base: str = "https://w3id.org/integrationsgraph/"  # minted IRIs; served at /id/, /def, /graph/
    query_threads: int = 8
    log_level: str = "info"
    query_timeout: float = 10.0
    query_workers: int = 2
    max_queued_queries: int = 64
    max_query_length: int = 100_000
    max_body_bytes: int = 1_000_000
    max_header_bytes: int = 16_384
    max_result_rows: int = 100_000
    cache_max_age: int = 300
    response_cache_bytes: int = 64 * 1024 * 1024
    worker_store: str = "memory"
    reload_interval: float = 2.0
    trusted_proxies: tuple[Network, ...] = ()  # forwarding headers are believed from these only
    header_timeout: float = 10.0
    body_timeout: float = 30.0

    @classmethod
    def resolve(
        cls, flags: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
    ) -> Settings:
        """Settings from flags (None: not given), then `INTEGRATIONSGRAPH_*` variables, then defaults."""
        flags = flags or {}
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for field in fields(cls):
            flag_value = flags.get(field.name)
            env_name = ENV_PREFIX + field.name.upper()
            if flag_value is not None and flag_value not in ((), []):
                values[field.name] = _convert(field.name, f"--{field.name.replace('_', '-')}", flag_value)
            elif environ.get(env_name, "") != "":
                values[field.name] = _convert(field.name, env_name, environ[env_name])
        settings = cls(**values)
        if settings.data and settings.sparql_backend:
            raise UsageError("settings data and sparql_backend exclude each other (files or an endpoint)")
        return settings

    def endpoint_url(self, request_base_url: str) -> str:
        """The public address of the SPARQL endpoint, given the base URL the request arrived at."""
        base = self.public_url or request_base_url
        return base.rstrip("/") + "/sparql"


_CONVERTERS: dict[str, Callable[[str], Any]] = {
    "host": str,
    "port": _port,
    "build_dir": Path,
    "data": _data_files,
    "sparql_backend": http_url,
    "public_url": _public_url,
    "public_base": _public_url,
    "query_threads": _positive,
    "log_level": _log_level,
    "query_timeout": _positive_seconds,
    "query_workers": _positive,
    "max_queued_queries": _not_negative,
    "max_query_length": _positive,
    "max_body_bytes": _positive,
    "max_header_bytes": _positive,
    "max_result_rows": _positive,
    "cache_max_age": _not_negative,
    "response_cache_bytes": _not_negative,
    "worker_store": _worker_store,
    "reload_interval": _not_negative_seconds,
    "trusted_proxies": trusted_networks,
    "header_timeout": _positive_seconds,
    "body_timeout": _positive_seconds,
}


def _convert(name: str, source: str, value: Any) -> Any:
    if name == "data" and isinstance(value, list | tuple):
        return tuple(Path(item) for item in value)
    if not isinstance(value, str):
        value = str(value)
    try:
        return _CONVERTERS[name](value)
    except ValueError as error:
        raise UsageError(f"setting {name} ({source}) has a bad value {value!r}: {error}") from None
