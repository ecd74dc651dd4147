"""Server-side SVG charts for the workbench: a quantity over time and a timeline.

The workbench must work offline, in tests and in screenshots, with no
JavaScript, so every picture is an SVG string built here and inlined by the
templates.  Everything drawn from data (source names, labels, tooltips, links)
comes from untrusted articles: it goes through :func:`esc` and :func:`safe_href`
and nowhere else.  Elements carry CSS classes (``series-0``, ``band``,
``point``...) as well as inline default colours, so the stylesheet can restyle
them without the pictures depending on it.

The small helpers here (escaping, link checking, dates, ticks, palette, the
"no data" picture) are shared with :mod:`sitreps.web.basemap`.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import cast
from urllib.parse import urlsplit

try:  # Jinja2 inlines a Markup as it is; plain str where markupsafe is absent
    from markupsafe import Markup as _Svg
except ImportError:  # pragma: no cover - markupsafe ships with the web extra
    _Svg = str  # type: ignore[misc,assignment]

# Okabe-Ito colours, distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
FONT = 'font-family="system-ui, sans-serif" font-size="12"'
CHAR_WIDTH = 6.8  # rough width of one 12px character, for laying out labels without a font

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

DateLike = str | dt.date


def esc(text: object) -> str:
    """Text or attribute value safe inside SVG/XML (quotes escaped, control characters dropped)."""
    return html.escape(_XML_INVALID.sub("", str(text)), quote=True)


def safe_href(url: str | None) -> str | None:
    """The escaped link if it is relative or http(s), else None (no javascript:, data:, //host)."""
    if not url:
        return None
    url = url.strip()
    if not url or any(c.isspace() or ord(c) < 32 or c == "\\" for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme:
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            return None
    elif url.startswith("//"):
        return None
    return esc(url)


def link(href: str | None, inner: str) -> str:
    """``inner`` wrapped in an SVG link when ``href`` is acceptable."""
    safe = safe_href(href)
    return f'<a href="{safe}">{inner}</a>' if safe else inner


def svg_open(width: float, height: float, label: str, css_class: str) -> str:
    # role="group", not "img": an image may not hold links (axe's nested-interactive), and the points are links
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" role="group" '
            f'aria-label="{esc(label)}" viewBox="0 0 {width:g} {height:g}" width="{width:g}" '
            f'height="{height:g}" {FONT}><title>{esc(label)}</title>')


def no_data(label: str, css_class: str, width: float = 300, height: float = 60) -> str:
    """A small picture saying there is nothing to draw, so templates need no special case."""
    return _Svg(svg_open(width, height, f"{label}: no data", f"{css_class} no-data")
                + f'<rect class="frame" width="{width:g}" height="{height:g}" fill="#f6f6f6" stroke="#ccc"/>'
                + f'<text x="{width / 2:g}" y="{height / 2 + 4:g}" text-anchor="middle" fill="#666">no data</text></svg>')


def parse_date(value: DateLike | None) -> dt.date | None:
    """A date from YYYY-MM-DD, YYYY-MM or YYYY (start of the period), or None if unreadable."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not value:
        return None
    match = re.match(r"\s*(-?\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", str(value))
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2] or 1), int(match[3] or 1))
    except ValueError:
        return None


def format_number(value: float, decimals: int | None = None) -> str:
    """Thousands separators; integers without decimals, others with at most two."""
    if decimals is not None:
        return f"{value:,.{decimals}f}"
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def nice_ticks(low: float, high: float, count: int = 5) -> tuple[list[float], int]:
    """Round tick values covering low..high (steps of 1, 2, 5 x 10^k) and the decimals they need."""
    if not math.isfinite(low) or not math.isfinite(high):
        low, high = 0.0, 1.0
    if high <= low:
        high = low + (abs(low) * 0.1 or 1.0)
    raw = (high - low) / max(count, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step + 1e-9) * step
    ticks = []
    value = start
    while value < high + step * 0.999:
        ticks.append(round(value, 10))
        value = start + step * len(ticks)
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    return ticks, decimals


def _add_months(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    return dt.date(total // 12, total % 12 + 1, 1)


def date_ticks(first: dt.date, last: dt.date, count: int = 6) -> list[tuple[dt.date, str]]:
    """Ticks on whole days, weeks, months or years, whichever gives at most ``count`` of them."""
    span = (last - first).days
    for unit, step in (("day", 1), ("day", 2), ("day", 7), ("day", 14), ("month", 1), ("month", 2),
                       ("month", 3), ("month", 6), ("year", 1), ("year", 2), ("year", 5), ("year", 10),
                       ("year", 20), ("year", 50), ("year", 100)):
        approx = {"day": 1, "month": 30.44, "year": 365.25}[unit] * step
        if span / approx <= count:
            break
    ticks: list[tuple[dt.date, str]] = []
    if unit == "day":
        day = first + dt.timedelta(days=(-first.weekday()) % 7) if step >= 7 else first
        while day <= last:
            ticks.append((day, f"{day.day} {_MONTHS[day.month - 1]} {day.year}"))
            day += dt.timedelta(days=step)
    elif unit == "month":
        day = dt.date(first.year, first.month, 1)
        day = day if day >= first else _add_months(day, 1)
        while (day.month - 1) % step:
            day = _add_months(day, 1)
        while day <= last:
            ticks.append((day, f"{_MONTHS[day.month - 1]} {day.year}"))
            day = _add_months(day, step)
    else:
        year = first.year + (first != dt.date(first.year, 1, 1))
        year += (-year) % step
        while year <= last.year:
            ticks.append((dt.date(year, 1, 1), str(year)))
            year += step
    return ticks


def _date_domain(days: Sequence[dt.date]) -> tuple[dt.date, dt.date]:
    """First and last date, widened around a single date so the scale never divides by zero."""
    first, last = min(days), max(days)
    if first == last:
        return first - dt.timedelta(days=7), last + dt.timedelta(days=7)
    pad = dt.timedelta(days=max(1, round((last - first).days * 0.03)))  # keep edge points off the axes
    return first - pad, last + pad


def _x_axis(first: dt.date, last: dt.date, x_of, left: float, right: float, y: float) -> str:
    """Baseline and date ticks at height ``y``."""
    parts = [f'<g class="axis x-axis" fill="#444"><line x1="{left:.1f}" x2="{right:.1f}" y1="{y:.1f}" '
             f'y2="{y:.1f}" stroke="#888"/>']
    count = max(2, int((right - left) // 115))  # room for a label of "18 Nov 2024" and a gap
    for day, text in date_ticks(first, last, count):
        x = x_of(day)
        half = len(text) * CHAR_WIDTH / 2
        anchor = "start" if x - half < 0 else "end" if x + half > right + 16 else "middle"
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y:.1f}" y2="{y + 4:.1f}" stroke="#888"/>'
                     f'<text x="{x:.1f}" y="{y + 16:.1f}" text-anchor="{anchor}">{esc(text)}</text>')
    parts.append("</g>")
    return "".join(parts)


# ---------------------------------------------------------------- quantity chart


@dataclass(frozen=True)
class ChartPoint:
    """One reading of a quantity: a value, a range (low..high), or both, at a date."""

    date: DateLike
    value: float | None = None
    low: float | None = None
    high: float | None = None
    label: str = ""
    href: str | None = None

    @property
    def has_range(self) -> bool:
        return self.low is not None and self.high is not None

    @property
    def y(self) -> float | None:
        """Where the line passes: the value, the middle of a range, else the one bound given ("at least 7" at 7,
        "up to 30" at 30: the tooltip says which)."""
        if self.value is not None:
            return float(self.value)
        if self.low is not None and self.high is not None:  # has_range, spelt out for the type checker
            return (float(self.low) + float(self.high)) / 2
        bound = self.low if self.low is not None else self.high
        return float(bound) if bound is not None else None


def _legend(names: Sequence[str], left: float, top: float, width: float) -> tuple[str, float]:
    """Legend swatches laid out in rows; returns the markup and the height it takes."""
    parts, x, y = ['<g class="legend">'], left, top
    for index, name in enumerate(names):
        shown = name if len(name) <= 40 else name[:39] + "…"
        item_width = 18 + len(shown) * CHAR_WIDTH + 14
        if x > left and x + item_width > width:
            x, y = left, y + 18
        colour = PALETTE[index % len(PALETTE)]
        parts.append(f'<g class="legend-item series-{index}"><title>{esc(name)}</title>'
                     f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="12" height="12" fill="{colour}"/>'
                     f'<text x="{x + 17:.1f}" y="{y + 1:.1f}" fill="#333">{esc(shown)}</text></g>')
        x += item_width
    parts.append("</g>")
    return "".join(parts), y - top + 18


def quantity_chart(series: Mapping[str, Sequence[ChartPoint]], *, title: str, unit: str = "",
                   width: int = 800, height: int = 320) -> str:
    """A line per source of one quantity over time, with a shaded band where a reading is a range.

    Points whose date cannot be read, or that have no value, range or bound, are left out; "at least 7" is drawn at 7.
    """
    cleaned: dict[str, list[tuple[dt.date, ChartPoint]]] = {}
    for name, points in series.items():
        dated = [(day, p) for p in points if (day := parse_date(p.date)) is not None and p.y is not None]
        if dated:
            cleaned[str(name)] = sorted(dated, key=lambda pair: pair[0])
    if not cleaned:
        return no_data(title, "chart quantity-chart")

    values = [v for points in cleaned.values() for _, p in points
              for v in (p.y, p.low, p.high) if v is not None]
    low, high = min(values), max(values)
    ticks, decimals = nice_ticks(min(low, 0.0) if low >= 0 else low, high)
    y_min, y_max = ticks[0], ticks[-1]
    first, last = _date_domain([day for points in cleaned.values() for day, _ in points])

    tick_labels = [format_number(t, decimals) for t in ticks]
    left = 14 + max(len(t) for t in tick_labels) * CHAR_WIDTH
    right = width - 16
    legend, legend_height = _legend(list(cleaned), left, 42, right)
    top: float
    bottom: float
    top, bottom = 42 + legend_height + (14 if unit else 4), height - 30
    if bottom - top < 40:  # a crowded legend must not squash the plot away
        bottom = top + 40
        height = int(bottom + 30)

    def x_of(day: dt.date) -> float:
        return left + (day - first).days / (last - first).days * (right - left)

    def y_of(value: float) -> float:
        return bottom - (value - y_min) / (y_max - y_min) * (bottom - top)

    label = f"{title}: {len(cleaned)} source{'s' if len(cleaned) != 1 else ''}" + (f", {unit}" if unit else "")
    parts = [svg_open(width, height, label, "chart quantity-chart"),
             f'<text class="chart-title" x="{left:.1f}" y="20" font-size="14" font-weight="600" '
             f'fill="#222">{esc(title)}</text>']
    if unit:
        parts.append(f'<text class="unit" x="{left + 4:.1f}" y="{top - 6:.1f}" fill="#666">{esc(unit)}</text>')
    parts.append(legend)
    parts.append('<g class="axis y-axis" fill="#444">')
    for tick, text in zip(ticks, tick_labels):
        y = y_of(tick)
        parts.append(f'<line class="grid" x1="{left:.1f}" x2="{right:.1f}" y1="{y:.1f}" y2="{y:.1f}" '
                     f'stroke="#e3e3e3"/><text x="{left - 6:.1f}" y="{y + 4:.1f}" text-anchor="end">{text}</text>')
    parts.append("</g>")
    parts.append(_x_axis(first, last, x_of, left, right, bottom))

    for index, (name, readings) in enumerate(cleaned.items()):
        colour = PALETTE[index % len(PALETTE)]
        parts.append(f'<g class="series series-{index}" data-source="{esc(name)}">')
        parts.extend(_bands(readings, x_of, y_of, index, colour))
        line = " ".join(f"{'M' if i == 0 else 'L'}{x_of(day):.1f} {y_of(cast(float, p.y)):.1f}" for i, (day, p) in enumerate(readings))
        parts.append(f'<path class="line series-{index}" d="{line}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for day, p in readings:
            tip = f"{name} · {p.date}: "
            tip += format_number(p.value) if p.value is not None else "no single figure"
            if p.has_range:
                tip += f" (range {format_number(cast(float, p.low))}–{format_number(cast(float, p.high))})"
            if unit:
                tip += f" {unit}"
            if p.label:
                tip += f" — {p.label}"
            dot = (f'<circle class="point series-{index}" cx="{x_of(day):.1f}" cy="{y_of(cast(float, p.y)):.1f}" r="3.5" '
                   f'fill="{colour}" stroke="#fff"><title>{esc(tip)}</title></circle>')
            parts.append(link(p.href, dot))
        parts.append("</g>")
    parts.append("</svg>")
    return _Svg("".join(parts))


def _bands(points: list[tuple[dt.date, ChartPoint]], x_of, y_of, index: int, colour: str) -> list[str]:
    """Shaded areas for runs of consecutive ranged readings; a lone ranged reading gets a bar."""
    runs: list[list[tuple[dt.date, ChartPoint]]] = [[]]
    for day, p in points:
        if p.has_range:
            runs[-1].append((day, p))
        elif runs[-1]:
            runs.append([])
    out = []
    for run in (r for r in runs if r):
        if len({day for day, _ in run}) == 1:
            x = x_of(run[0][0])
            lo, hi = min(cast(float, p.low) for _, p in run), max(cast(float, p.high) for _, p in run)
            out.append(f'<path class="band series-{index}" d="M{x:.1f} {y_of(hi):.1f}V{y_of(lo):.1f}" '
                       f'stroke="{colour}" stroke-width="6" stroke-opacity="0.25" fill="none"/>')
            continue
        upper = [f"{x_of(day):.1f} {y_of(p.high):.1f}" for day, p in run]
        lower = [f"{x_of(day):.1f} {y_of(p.low):.1f}" for day, p in reversed(run)]
        out.append(f'<path class="band series-{index}" d="M{" L".join(upper + lower)}Z" '
                   f'fill="{colour}" fill-opacity="0.18" stroke="none"/>')
    return out


# ---------------------------------------------------------------- timeline


@dataclass(frozen=True)
class TimelineItem:
    """One event on the timeline; ``group`` picks its row (the caller chooses event type or actor)."""

    date: DateLike
    label: str
    group: str = ""
    href: str | None = None
    end: DateLike | None = None


def timeline(items: Sequence[TimelineItem], *, title: str = "Timeline", width: int = 900,
             row_height: int = 26, max_rows: int = 16) -> str:
    """Events on a date axis, one row per group, busiest rows first; the rest share an "other" row.

    An item with an ``end`` after its date is drawn as a bar over the period; items in one row
    on the same day are spread vertically so each keeps its own tooltip and link.
    """
    dated = [(day, parse_date(item.end), item) for item in items if (day := parse_date(item.date)) is not None]
    if not dated:
        return no_data(title, "chart timeline")

    counts = Counter(item.group or "(none)" for _, _, item in dated)
    ordered = sorted(counts, key=lambda g: (-counts[g], g.casefold()))
    shown = ordered if len(ordered) <= max_rows else ordered[: max_rows - 1]
    row_of = {group: i for i, group in enumerate(shown)}
    rows = shown + ([f"other ({len(ordered) - len(shown)} groups)"] if len(shown) < len(ordered) else [])

    ends = [end for day, end, _ in dated if end and end > day]
    first, last = _date_domain([day for day, _, _ in dated] + ends)
    left = 16 + min(max(len(r) for r in rows), 26) * CHAR_WIDTH
    right, top = width - 16, 34
    bottom = top + len(rows) * row_height
    height = bottom + 30

    def x_of(day: dt.date) -> float:
        return left + (day - first).days / (last - first).days * (right - left)

    label = f"{title}: {len(dated)} event{'s' if len(dated) != 1 else ''} in {len(rows)} row{'s' if len(rows) != 1 else ''}"
    parts = [svg_open(width, height, label, "chart timeline"),
             f'<text class="chart-title" x="16" y="20" font-size="14" font-weight="600" fill="#222">{esc(title)}</text>',
             '<g class="rows" fill="#333">']
    for index, name in enumerate(rows):
        y = top + (index + 0.5) * row_height
        shown_name = name if len(name) <= 26 else name[:25] + "…"
        parts.append(f'<g class="row series-{index % len(PALETTE)}"><title>{esc(name)}</title>'
                     f'<line x1="{left:.1f}" x2="{right:.1f}" y1="{y:.1f}" y2="{y:.1f}" stroke="#eee"/>'
                     f'<text x="{left - 8:.1f}" y="{y + 4:.1f}" text-anchor="end">{esc(shown_name)}</text></g>')
    parts.append("</g>")
    parts.append(_x_axis(first, last, x_of, left, right, bottom))
    # the axis's domain, for the page's script to turn a dragged span into dates (zoom by date range)
    parts.append(f'<g class="domain" data-first="{first.isoformat()}" data-last="{last.isoformat()}" '
                 f'data-left="{left:.1f}" data-right="{right:.1f}"/>')

    stacks = Counter((row_of.get(item.group or "(none)", len(rows) - 1), day) for day, _, item in dated)
    placed: Counter = Counter()
    parts.append('<g class="items">')
    for day, end, item in sorted(dated, key=lambda t: t[0]):
        row = row_of.get(item.group or "(none)", len(rows) - 1)
        size, k = stacks[row, day], placed[row, day]
        placed[row, day] += 1
        gap = min(9.0, (row_height - 8) / (size - 1)) if size > 1 else 0.0
        y = top + (row + 0.5) * row_height + (k - (size - 1) / 2) * gap
        colour = PALETTE[row % len(PALETTE)]
        span = f"{item.date}–{item.end}" if end and end > day else str(item.date)
        tip = esc(f"{span} · {item.group or '(none)'}: {item.label}")
        css = f"item series-{row % len(PALETTE)}"
        if end and end > day:
            x0, x1 = x_of(day), x_of(end)
            mark = (f'<rect class="{css} period" x="{x0:.1f}" y="{y - 4:.1f}" width="{max(x1 - x0, 2):.1f}" '
                    f'height="8" rx="3" fill="{colour}" fill-opacity="0.7"><title>{tip}</title></rect>')
        else:
            mark = (f'<circle class="{css}" cx="{x_of(day):.1f}" cy="{y:.1f}" r="4.5" fill="{colour}" '
                    f'stroke="#fff"><title>{tip}</title></circle>')
        parts.append(link(item.href, mark))
    parts.append("</g></svg>")
    return _Svg("".join(parts))
