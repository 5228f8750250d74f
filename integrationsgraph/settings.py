"""The server's one settings object: a command-line flag, else an environment variable, else the default.

Every setting, its flag, its `INTEGRATIONSGRAPH_*` variable, its default and what it does is listed once,
in docs/deployment.md ("Settings come from a flag ..."); a test holds that table and `Settings` together.
A bad value raises `UsageError` naming the setting, where it came from, and the value.
"""

from __future__ import annotations

import ipaddress
import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from integrationsgraph.errors import UsageError
from integrationsgraph.iris import http_url
from integrationsgraph.paths import BUILD_DIR

ENV_PREFIX = "INTEGRATIONSGRAPH_"
LOG_LEVELS = ("critical", "error", "warning", "info", "debug")


def _port(text: str) -> int:
    port = int(text)
    if not 0 <= port <= 65535:
        raise ValueError("a port is between 0 and 65535")
    return port


def _int_at_least(minimum: int, message: str) -> Callable[[str], int]:
    def convert(text: str) -> int:
        number = int(text)
        if number < minimum:
            raise ValueError(message)
        return number

    return convert


def _seconds(*, zero_allowed: bool) -> Callable[[str], float]:
    message = (
        "must be a number of seconds, 0 or more" if zero_allowed else "must be a number of seconds above 0"
    )

    def convert(text: str) -> float:
        seconds = float(text)
        too_small = seconds < 0 if zero_allowed else seconds <= 0
        if too_small or not math.isfinite(seconds):
            raise ValueError(message)
        return seconds

    return convert


def _one_of(*words: str) -> Callable[[str], str]:
    def convert(text: str) -> str:
        if text not in words:
            raise ValueError(" or ".join(words))
        return text

    return convert


_positive = _int_at_least(1, "must be at least 1")
_not_negative = _int_at_least(0, "must be 0 or more")
_at_least_a_kibibyte = _int_at_least(1024, "must be at least 1024 bytes")  # room for a header line and a row
_at_least_a_mebibyte = _int_at_least(1024 * 1024, "must be at least 1048576 bytes (1 MiB)")
_positive_seconds = _seconds(zero_allowed=False)
_not_negative_seconds = _seconds(zero_allowed=True)
_on_off = _one_of("on", "off")
_worker_store = _one_of("memory", "disk")


def _public_url(text: str) -> str:
    url = http_url(text)
    return url if url.endswith("/") else url + "/"


def _data_files(text: str) -> tuple[Path, ...]:
    return tuple(Path(part) for part in text.split(os.pathsep) if part)


def _log_level(text: str) -> str:
    if text.lower() not in LOG_LEVELS:
        raise ValueError(f"one of {', '.join(LOG_LEVELS)}")
    return text.lower()


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def trusted_networks(text: str) -> tuple[Network, ...]:
    """`10.0.0.1, 192.168.0.0/16, ::1` as networks; `*` trusts every address. ValueError names a bad one."""
    networks = []
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        if item == "*":
            networks += [ipaddress.ip_network("0.0.0.0/0"), ipaddress.ip_network("::/0")]
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ValueError(f"{item!r} is not an IP address or network (such as 10.0.0.0/8)") from None
    return tuple(networks)


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
    max_result_bytes: int = 16 * 1024 * 1024
    query_memory_bytes: int = 512 * 1024 * 1024
    worker_recycle_bytes: int = 128 * 1024 * 1024
    write_timeout: float = 30.0
    min_query_timeout: float = 1.0
    max_client_queries: int = 2
    cheap_lane_workers: int = 1
    cheap_query_seconds: float = 1.0
    spare_workers: int = 1
    cache_max_age: int = 300
    response_cache_bytes: int = 64 * 1024 * 1024
    worker_store: str = "memory"
    worker_sandbox: str = "on"
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
    "max_result_bytes": _at_least_a_kibibyte,
    "query_memory_bytes": _at_least_a_mebibyte,
    "worker_recycle_bytes": _at_least_a_mebibyte,
    "write_timeout": _positive_seconds,
    "min_query_timeout": _not_negative_seconds,
    "max_client_queries": _positive,
    "cheap_lane_workers": _not_negative,
    "cheap_query_seconds": _positive_seconds,
    "spare_workers": _not_negative,
    "cache_max_age": _not_negative,
    "response_cache_bytes": _not_negative,
    "worker_store": _worker_store,
    "worker_sandbox": _on_off,
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
