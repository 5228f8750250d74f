"""The server's one settings object: a command-line flag, else an environment variable, else the default.

| setting        | flag               | environment variable               | default                 |
|----------------|--------------------|------------------------------------|-------------------------|
| host           | `--host`           | `INTEGRATIONSGRAPH_HOST`           | `127.0.0.1`             |
| port           | `--port`           | `INTEGRATIONSGRAPH_PORT`           | `8000`                  |
| build_dir      | `--build-dir`      | `INTEGRATIONSGRAPH_BUILD_DIR`      | `build/`                |
| data           | `--data FILE...`   | `INTEGRATIONSGRAPH_DATA` (1)       | none: serve the build   |
| sparql_backend | `--sparql-backend` | `INTEGRATIONSGRAPH_SPARQL_BACKEND` | none: embedded store    |
| public_url     | `--public-url`     | `INTEGRATIONSGRAPH_PUBLIC_URL`     | none: from the request  |
| public_base    | `--public-base`    | `INTEGRATIONSGRAPH_PUBLIC_BASE`    | `https://w3id.org/integrationsgraph/` |
| query_threads  | `--query-threads`  | `INTEGRATIONSGRAPH_QUERY_THREADS`  | `8`                     |
| log_level      | `--log-level`      | `INTEGRATIONSGRAPH_LOG_LEVEL`      | `info`                  |

(1) paths joined by `os.pathsep` (`:`). Without `public_url`, the public address comes from the request
and the proxy headers `Forwarded`, `X-Forwarded-Proto`, `X-Forwarded-Host` and `X-Forwarded-Prefix`.

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
