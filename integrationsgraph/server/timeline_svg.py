"""A timeline as a server-rendered SVG: one row per label, bars (or points) placed by date, each bar a link.

Bars whose start or end the sources do not give are drawn faded up to the neighbouring hand-over (or a
short stub) and say so in their tooltip: the picture never shows an unknown bound as a known one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
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
            parts.append(
                f'<a href="{escape(bar.href)}"><title>{escape(bar.title)}</title>'
                f'<rect class="{classes}" x="{x1:.1f}" y="{y + 3}" width="{x2 - x1:.1f}" '
                f'height="{ROW_HEIGHT - 6}" '
                f'rx="3" fill="{colours[bar.colour_key]}"/>'
                + (
                    f'<text class="bar-label" x="{x1 + 4:.1f}" y="{y + 17}">{escape(bar.text)}</text>'
                    if bar.text and x2 - x1 > 7 * len(bar.text)
                    else ""
                )
                + "</a>"
            )
    parts.append(f'<text class="caption" x="{LABEL_WIDTH}" y="{height - 4}">{escape(caption)}</text></svg>')
    return "".join(parts)


def fill_unknown_bounds(
    spans: list[tuple[date | None, date | None]],
) -> list[tuple[date, date, bool, bool] | None]:
    """Bounds to draw for each (start, end). An unknown end is drawn to the next known beginning of
    another span (the successor's hand-over), at most one year on; an unknown start from the previous
    known end, at most one year back. The flags say which bounds were known; a span with neither
    bound gets None (it cannot be placed)."""
    starts = sorted({start for start, _ in spans if start is not None})
    ends = sorted({end for _, end in spans if end is not None})
    year = timedelta(days=365)
    drawn: list[tuple[date, date, bool, bool] | None] = []
    for start, end in spans:
        if start is None and end is None:
            drawn.append(None)
            continue
        first, last = start, end
        if last is None:
            later = [day for day in starts if first < day <= first + year]
            last = later[0] if later else first + year
        if first is None:
            earlier = [day for day in ends if last - year <= day < last]
            first = earlier[-1] if earlier else last - year
        drawn.append((first, last, start is not None, end is not None))
    return drawn
