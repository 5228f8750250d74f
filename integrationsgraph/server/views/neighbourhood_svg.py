"""A small server-rendered picture of a resource's neighbourhood: the resource in the middle, its linked
resources on a circle around it, each arrow labelled with the property (no script needed)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 900, 440
RADIUS = 200
MAX_NEIGHBOURS = 16


@dataclass(frozen=True)
class Link:
    outgoing: bool  # True: centre -> neighbour; False: neighbour -> centre
    property_label: str
    neighbour_label: str
    href: str


def _short(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render(centre_label: str, links: list[Link]) -> str:
    """An inline SVG element; at most MAX_NEIGHBOURS neighbours (a caption says how many are left out)."""
    # One spoke per neighbour: several properties to the same neighbour share it.
    spokes: dict[tuple[str, str], list[Link]] = {}
    for link in links:
        spokes.setdefault((link.href, link.neighbour_label), []).append(link)
    shown = list(spokes.items())[:MAX_NEIGHBOURS]
    cx, cy = WIDTH / 2, HEIGHT / 2
    parts = [
        f'<svg class="neighbourhood" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(centre_label)}">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#8592a3"/></marker></defs>',
    ]
    for index, ((href, label), group) in enumerate(shown):
        angle = 2 * math.pi * index / max(len(shown), 1) - math.pi / 2
        x, y = cx + RADIUS * 1.65 * math.cos(angle), cy + RADIUS * 0.88 * math.sin(angle)
        outgoing = any(link.outgoing for link in group)
        # Arrow from the source end to 80 % of the way, so the head stays clear of the label box.
        (x1, y1), (x2, y2) = ((cx, cy), (x, y)) if outgoing else ((x, y), (cx, cy))
        tx, ty = x1 + (x2 - x1) * 0.78, y1 + (y2 - y1) * 0.78
        properties = ", ".join(sorted({link.property_label for link in group}))
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{tx:.1f}" y2="{ty:.1f}" class="edge" '
            'marker-end="url(#arrow)"/>'
        )
        mx, my = (cx + x) / 2, (cy + y) / 2
        parts.append(
            f'<text x="{mx:.1f}" y="{my - 4:.1f}" class="edge-label">{escape(_short(properties, 30))}</text>'
        )
        parts.append(
            f'<a href="{escape(href)}"><title>{escape(label)}</title>'
            f'<rect x="{x - 80:.1f}" y="{y - 14:.1f}" width="160" height="28" rx="6" class="node"/>'
            f'<text x="{x:.1f}" y="{y + 5:.1f}" class="node-label">{escape(_short(label, 24))}</text></a>'
        )
    parts.append(
        f'<rect x="{cx - 110:.1f}" y="{cy - 18:.1f}" width="220" height="36" rx="8" class="node centre"/>'
        f'<text x="{cx:.1f}" y="{cy + 5:.1f}" class="node-label centre">'
        f"{escape(_short(centre_label, 30))}</text>"
    )
    if len(spokes) > len(shown):
        parts.append(f'<text x="8" y="{HEIGHT - 8}" class="caption">+{len(spokes) - len(shown)} …</text>')
    parts.append("</svg>")
    return "".join(parts)
