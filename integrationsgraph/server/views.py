"""Views (placeholder until the timelines land)."""

from __future__ import annotations


def timelines_for(linker, data) -> list[dict]:
    return []
