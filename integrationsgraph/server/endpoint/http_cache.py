"""HTTP caching for a published, immutable graph: strong ETags, 304s, and a bounded in-memory answer cache.

An answer depends only on the data (the build's input hash, or the served files' hash), the query text,
the protocol dataset, the negotiated formats, the base IRI and the row limit; its key is the SHA-256 of
all of them, and its ETag is that key. Because the key is known before the query runs, a matching
`If-None-Match` is answered 304 without evaluating anything (`*` once an answer exists: it may fail), and
a repeated query is answered from `ResponseCache` without a worker.

A gzip-encoded body is another representation, so `EncodingETagMiddleware` (outside the gzip middleware)
gives it the ETag `"KEY-gzip"`; `matching_etag` accepts either form.
"""

from __future__ import annotations

import collections
import hashlib
from dataclasses import dataclass

from starlette.datastructures import MutableHeaders
from starlette.types import Message

from integrationsgraph.server.http.http_middleware import ResponseStartMiddleware

GZIP_SUFFIX = "-gzip"


def answer_key(*parts: object) -> str:
    """A stable key over the parts that decide an answer (strings, tuples, numbers, None)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(part).encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()[:40]


def etag(key: str) -> str:
    return f'"{key}"'


def matching_etag(if_none_match: str | None, key: str) -> str | None:
    """The entity tag of `If-None-Match` that names this answer (either encoding), or None.

    `*` is not a match here: it asks whether any answer exists, which only evaluating can tell (a query
    that fails has none); see `asks_for_any`.
    """
    if not if_none_match:
        return None
    for candidate in if_none_match.split(","):
        tag = candidate.strip()
        if tag.startswith("W/"):
            tag = tag[2:]  # weak comparison is what If-None-Match uses
        if tag.strip('"').removesuffix(GZIP_SUFFIX) == key:
            return tag
    return None


def asks_for_any(if_none_match: str | None) -> bool:
    """Whether `If-None-Match` is `*`: 304 for any current representation (RFC 9110, 13.1.2)."""
    return bool(if_none_match) and any(tag.strip() == "*" for tag in if_none_match.split(","))


@dataclass(frozen=True)
class CachedAnswer:
    body: bytes
    media_type: str
    headers: tuple[tuple[str, str], ...]
    row_count: int | None


class ResponseCache:
    """A least-recently-used map from answer key to answer, holding at most `max_bytes` of bodies."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.size = 0
        self.hits = 0
        self.misses = 0
        self._entries: collections.OrderedDict[str, CachedAnswer] = collections.OrderedDict()

    def get(self, key: str) -> CachedAnswer | None:
        answer = self._entries.get(key)
        if answer is None:
            self.misses += 1
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        return answer

    def put(self, key: str, answer: CachedAnswer) -> None:
        # One answer may take at most an eighth of the cache, so a few huge ones cannot flush it.
        if len(answer.body) > self.max_bytes // 8 or key in self._entries:
            return
        self._entries[key] = answer
        self.size += len(answer.body)
        while self.size > self.max_bytes:
            _, evicted = self._entries.popitem(last=False)
            self.size -= len(evicted.body)

    def clear(self) -> None:
        self._entries.clear()
        self.size = 0

    def __len__(self) -> int:
        return len(self._entries)


class EncodingETagMiddleware(ResponseStartMiddleware):
    """Marks the ETag of a gzip-encoded response (`"KEY-gzip"`) and folds repeated Vary tokens."""

    def edit_start(self, message: Message) -> None:
        headers = MutableHeaders(raw=message["headers"])
        tag = headers.get("etag")
        if tag and headers.get("content-encoding") == "gzip" and not tag.endswith(f'{GZIP_SUFFIX}"'):
            headers["ETag"] = tag[:-1] + GZIP_SUFFIX + '"'
        vary = headers.get("vary")
        if vary:
            headers["Vary"] = ", ".join(dict.fromkeys(token.strip() for token in vary.split(",")))
