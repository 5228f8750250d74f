"""A timeline as a server-rendered SVG: one row per label, bars (or points) placed by date, each bar a link.

A holding's bar is its resolved tenure (integrationsgraph.tenure_windows): the possible part faded, the
certain part solid inside it, a contested tenure outlined; a bound the build could not resolve is drawn as
a short dashed stub and says so in the tooltip: the picture never shows an unknown bound as a known one.
Other bars (meetings, events) are drawn from their first to their last possible day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from html import escape

ROW_HEIGHT = 26
LABEL_WIDTH = 190
PLOT_WIDTH = 760
TOP = 28
PALETTE = ("#1f4e8c", "#0a6b5a", "#a14a00", "#7a2e9a", "#b0205a", "#3d7a1f", "#5b6573", "#8a5300", "#23708a")


@dataclass(frozen=True)
class Bar:
    start: date
    end: date
    href: str
    title: str
    text: str = ""
    start_known: bool = True
    end_known: bool = True
    colour_key: str = ""
    dates: str = ""  # the dates as the sources give them (EDTF), for tables and tooltips
    # a holding's tenure: the bar (start..end) is its possible part, this its certain part [from, hand-over)
    certain: tuple[date, date] | None = None
    is_tenure: bool = False
    contested: bool = False


@dataclass
class Row:
    label: str
    bars: list[Bar] = field(default_factory=list)


def _x(day: date, first: date, last: date) -> float:
    span = max((last - first).days, 1)
    return LABEL_WIDTH + PLOT_WIDTH * (day - first).days / span


def render(rows: list[Row], caption: str) -> str:
    """The SVG element; an empty string when there is nothing to draw."""
    bars = [bar for row in rows for bar in row.bars]
    if not bars:
        return ""
    first = date(min(bar.start for bar in bars).year, 1, 1)
    last = date(max(bar.end for bar in bars).year + 1, 1, 1)
    height = TOP + ROW_HEIGHT * len(rows) + 24
    width = LABEL_WIDTH + PLOT_WIDTH + 20
    keys = sorted({bar.colour_key for bar in bars})
    colours = {key: PALETTE[index % len(PALETTE)] for index, key in enumerate(keys)}
    parts = [
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(caption)}">'
    ]
    step = max(1, (last.year - first.year) // 14 + 1)
    for year in range(first.year, last.year + 1, step):
        x = _x(date(year, 1, 1), first, last)
        parts.append(f'<line class="axis" x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" y2="{height - 20}"/>')
        parts.append(f'<text class="tick" x="{x:.1f}" y="{TOP - 10}">{year}</text>')
    for index, row in enumerate(rows):
        y = TOP + index * ROW_HEIGHT
        parts.append(f'<text class="row-label" x="{LABEL_WIDTH - 8}" y="{y + 17}">{escape(row.label)}</text>')
        for bar in sorted(row.bars, key=lambda b: b.start):
            x1 = _x(bar.start, first, last)
            x2 = max(_x(bar.end, first, last), x1 + 5)
            classes = "bar" + ("" if bar.start_known and bar.end_known else " open")
            classes += (" possible" if bar.is_tenure else "") + (" contested" if bar.contested else "")
            parts.append(
                f'<a href="{escape(bar.href)}"><title>{escape(bar.title)}</title>'
                f'<rect class="{classes}" x="{x1:.1f}" y="{y + 3}" width="{x2 - x1:.1f}" '
                f'height="{ROW_HEIGHT - 6}" '
                f'rx="3" fill="{colours[bar.colour_key]}"/>'
                + _certain_rect(bar, y, first, last, colours[bar.colour_key])
                + (
                    f'<text class="bar-label" x="{x1 + 4:.1f}" y="{y + 17}">{escape(bar.text)}</text>'
                    if bar.text and x2 - x1 > 7 * len(bar.text)
                    else ""
                )
                + "</a>"
            )
    parts.append(f'<text class="caption" x="{LABEL_WIDTH}" y="{height - 4}">{escape(caption)}</text></svg>')
    return "".join(parts)


def _certain_rect(bar: Bar, y: int, first: date, last: date, colour: str) -> str:
    if bar.certain is None:
        return ""
    x1 = _x(bar.certain[0], first, last)
    x2 = max(_x(bar.certain[1], first, last), x1 + 3)
    return (
        f'<rect class="bar certain" x="{x1:.1f}" y="{y + 3}" width="{x2 - x1:.1f}" '
        f'height="{ROW_HEIGHT - 6}" rx="3" fill="{colour}"/>'
    )
