"""An offline world map in SVG: Natural Earth country outlines plus event points.

The outlines ship as package data (``data/basemap/countries-110m.json``, built by
``scripts/build_basemap.py``), so the map needs no tile server or CDN.  The
projection is equirectangular with a standard parallel at the middle of the
view, which is affine in (lon, lat): the outlines are therefore turned into
path strings once per process, in degrees, and each map only sets a transform
on them.  Points are projected here, so their size stays in screen pixels.
The data file has no edge crossing the antimeridian, so no outline draws a
line across the map.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from sitreps.resources import load_json
from sitreps.web.charts import PALETTE, _Svg, esc, format_number, link, no_data, svg_open

DATA_FILE = "basemap/countries-110m.json"
WORLD = (-180.0, -60.0, 180.0, 84.0)  # west, south, east, north: the world without most of Antarctica
MIN_SPAN = (24.0, 12.0)  # degrees of lon, lat a fitted view shows at least: a country and its neighbours

Bounds = tuple[float, float, float, float]


@dataclass(frozen=True)
class MapPoint:
    """A place on the map; ``count`` (events, mentions) sets its size, ``kind`` its colour."""

    lat: float
    lon: float
    label: str
    count: int = 1
    href: str | None = None
    kind: str = "event"
    # "point" (a city, a facility) or "area" (a whole country or region, drawn at its centroid only for want
    # of a better spot: a dashed ring, never a dot, so it does not read as "it happened here")
    precision: str = "point"


@dataclass(frozen=True)
class Country:
    name: str
    iso3: str | None
    numeric: str | None
    bbox: Bounds
    path: str  # SVG path data in (lon, -lat) degrees


def _number(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """The outlines with their path data, built once per process."""
    out = []
    for record in load_json(DATA_FILE)["countries"]:
        rings = []
        for polygon in record["polygons"]:
            for ring in polygon:
                coords = " ".join(f"{_number(ring[i])} {_number(-ring[i + 1])}" for i in range(0, len(ring), 2))
                rings.append(f"M{coords}Z")
        out.append(Country(record["name"], record["iso3"], record["id"], tuple(record["bbox"]), "".join(rings)))
    return tuple(out)


def country_bounds(code: str) -> Bounds | None:
    """Bounding box of a country by ISO alpha-3, numeric code or name (None if unknown)."""
    keys = _keys([code])
    return next((c.bbox for c in countries() if _matches(c, keys)), None)


def _keys(codes: Iterable[str]) -> set[str]:
    return {str(code).strip().casefold() for code in codes if code and str(code).strip()}


def _matches(country: Country, keys: set[str]) -> bool:
    return any(k and k.casefold() in keys for k in (country.iso3, country.numeric, country.name))


def _fit(points: Sequence[MapPoint], highlighted: Sequence[Country]) -> Bounds:
    """A view around the points (or the highlighted countries), padded so their region shows."""
    if points:
        lons, lats = [p.lon for p in points], [p.lat for p in points]
        west, south, east, north = min(lons), min(lats), max(lons), max(lats)
    else:
        boxes = [c.bbox for c in highlighted if c.bbox[2] - c.bbox[0] < 180]  # split countries span the globe
        if not boxes:
            return WORLD
        west, south = min(b[0] for b in boxes), min(b[1] for b in boxes)
        east, north = max(b[2] for b in boxes), max(b[3] for b in boxes)
    pad_lon = max((east - west) * 0.15, (MIN_SPAN[0] - (east - west)) / 2, 1.0)
    pad_lat = max((north - south) * 0.15, (MIN_SPAN[1] - (north - south)) / 2, 1.0)
    return west - pad_lon, south - pad_lat, east + pad_lon, north + pad_lat


def _viewport(bounds: Bounds, width: float, height: float) -> tuple[float, float, float, float, Bounds]:
    """Affine map (lon, -lat) -> pixels as (a, d, e, f), and the bounds actually visible.

    The box is widened to the picture's aspect ratio; x is compressed by the cosine of the
    middle latitude so a region far from the equator keeps its shape.
    """
    west, south, east, north = bounds
    south, north = max(south, -90.0), min(north, 90.0)
    mid_lat = (south + north) / 2
    cos_lat = max(math.cos(math.radians(max(-60.0, min(60.0, mid_lat)))), 0.2)
    span_lon, span_lat = max(east - west, 1e-6), max(north - south, 1e-6)
    scale = min(width / (span_lon * cos_lat), height / span_lat)  # pixels per degree of latitude
    a, d = scale * cos_lat, scale
    centre_lon, centre_lat = (west + east) / 2, mid_lat
    e = width / 2 - centre_lon * a
    f = height / 2 + centre_lat * d  # y = d * (-lat) + f
    visible = (-e / a, -(height - f) / d, (width - e) / a, f / d)
    return a, d, e, f, visible


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "other"


def world_map(points: Sequence[MapPoint], *, highlight: Iterable[str] = (), width: int = 900,
              height: int = 480, fit: bool = True, bounds: Bounds | None = None,
              labels: int = 8, title: str = "Map") -> str:
    """Country outlines with points sized by count.

    ``highlight`` names countries (ISO alpha-3, numeric code or name) to fill more strongly.
    With ``fit`` the view zooms to the points (or, without points, the highlighted countries);
    ``bounds`` (west, south, east, north in degrees) sets the view outright.  The ``labels``
    largest points get a text label; every point has a tooltip and, if safe, its link.
    """
    points = [p for p in points if math.isfinite(p.lat) and math.isfinite(p.lon)]
    keys = _keys(highlight)
    highlighted = [c for c in countries() if _matches(c, keys)] if keys else []
    if not points and not highlighted:
        return no_data(title, "map")

    view = bounds if bounds else _fit(points, highlighted) if fit else WORLD
    a, d, e, f, visible = _viewport(view, width, height)
    label = f"{title}: {len(points)} place{'s' if len(points) != 1 else ''}"
    if highlighted:
        label += ", " + ", ".join(c.name for c in highlighted[:10]) + (" and others" if len(highlighted) > 10 else "")
    parts = [svg_open(width, height, label, "map"),
             f'<rect class="sea" width="{width}" height="{height}" fill="#eaf2f8"/>',
             f'<g class="countries" transform="matrix({a:.5f} 0 0 {d:.5f} {e:.3f} {f:.3f})" '
             f'fill="#f4f1ea" stroke="#9a9a9a" fill-rule="evenodd">']
    for country in countries():
        west, south, east, north = country.bbox
        if east < visible[0] or west > visible[2] or north < visible[1] or south > visible[3]:
            continue
        css, fill = ("country highlight", ' fill="#e8c39e"') if country in highlighted else ("country", "")
        parts.append(f'<path class="{css}" data-iso3="{esc(country.iso3 or "")}"{fill} stroke-width="0.6" '
                     f'vector-effect="non-scaling-stroke" d="{country.path}"><title>{esc(country.name)}</title></path>')
    parts.append("</g>")
    parts.append(_points(points, a, d, e, f, labels))
    parts.append("</svg>")
    return _Svg("".join(parts))


def _points(points: Sequence[MapPoint], a: float, d: float, e: float, f: float, labels: int) -> str:
    """Circles with area proportional to count, biggest drawn first so small ones stay clickable."""
    if not points:
        return ""
    kinds = list(dict.fromkeys(p.kind for p in points))
    colour = {kind: PALETTE[(i + 1) % len(PALETTE)] for i, kind in enumerate(kinds)}
    biggest = max(max(p.count, 1) for p in points)
    ordered = sorted(points, key=lambda p: -max(p.count, 1))
    parts = ['<g class="points" stroke="#fff" stroke-width="1">']
    for point in ordered:
        x, y = a * point.lon + e, -d * point.lat + f
        radius = 3.0 + 9.0 * math.sqrt(max(point.count, 1) / biggest)
        tip = f"{point.label} ({format_number(point.count)})" if point.count != 1 else point.label
        if point.precision == "area":
            tip += ", somewhere in this area (no finer place given)"
            dot = (f'<circle class="point area kind-{_slug(point.kind)}" cx="{x:.1f}" cy="{y:.1f}" '
                   f'r="{radius + 4:.1f}" fill="{colour[point.kind]}" fill-opacity="0.12" stroke="{colour[point.kind]}" '
                   f'stroke-width="2" stroke-dasharray="4 3"><title>{esc(tip)}</title></circle>')
        else:
            dot = (f'<circle class="point kind-{_slug(point.kind)}" cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" '
                   f'fill="{colour[point.kind]}" fill-opacity="0.8"><title>{esc(tip)}</title></circle>')
        parts.append(link(point.href, dot))
    parts.append('</g><g class="labels" fill="#222" stroke="#fff" stroke-width="3" paint-order="stroke" font-size="11">')
    placed: list[tuple[float, float, float, float]] = []
    for point in ordered:
        if len(placed) >= labels:
            break
        x, y = a * point.lon + e, -d * point.lat + f
        radius = 3.0 + 9.0 * math.sqrt(max(point.count, 1) / biggest)
        shown = point.label if len(point.label) <= 30 else point.label[:29] + "…"
        box = (x + radius + 3, y - 8, x + radius + 3 + 6.2 * len(shown), y + 5)  # about 6 px a character
        if any(box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3] for o in placed):
            continue  # it would overlap a bigger place's label: that place keeps its own, this one its tooltip
        placed.append(box)
        parts.append(f'<text x="{box[0]:.1f}" y="{y + 4:.1f}">{esc(shown)}</text>')
    parts.append("</g>")
    if len(kinds) > 1:
        parts.append('<g class="legend" font-size="11">')
        for i, kind in enumerate(kinds):
            y = 16 + i * 16
            parts.append(f'<g class="legend-item kind-{_slug(kind)}"><circle cx="14" cy="{y}" r="5" '
                         f'fill="{colour[kind]}"/><text x="24" y="{y + 4}" fill="#222">{esc(kind)}</text></g>')
        parts.append("</g>")
    return "".join(parts)
