"""Reading one sample from a running server's /metrics page (Prometheus text format)."""

from __future__ import annotations

import httpx


def metric(base_url: str, name: str, **labels: str) -> float:
    """The value of one sample of /metrics (0 when absent)."""
    text = httpx.get(base_url + "/metrics", timeout=30).text
    for line in text.splitlines():
        sample, _, value = line.rpartition(" ")
        if sample.split("{")[0] == name and all(f'{key}="{val}"' in sample for key, val in labels.items()):
            return float(value)
    return 0.0
