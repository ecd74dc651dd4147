"""Regenerate ``src/sitreps/data/basemap/countries-110m.json`` from world-atlas.

The workbench draws its map offline, so the country outlines ship as package
data.  They come from Natural Earth 1:110m (public domain) as redistributed in
TopoJSON by the npm package world-atlas (ISC).  Usage::

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_basemap.py /tmp/package/countries-110m.json

What the conversion does, and why:

* decodes the TopoJSON arcs (delta-encoded, quantized) into plain rings, so
  the renderer needs no TopoJSON code;
* cuts every ring that crosses the antimeridian (Russia, Fiji) into pieces
  that lie inside -180..180, and closes rings that go round a pole
  (Antarctica) along the pole, so an equirectangular drawing never has an
  edge running across the whole map;
* rounds coordinates to 2 decimals (about 1 km, far below what 1:110m
  resolves) and drops repeated points, which keeps the file small;
* adds ISO 3166-1 alpha-3 codes (via pycountry) so callers can highlight
  countries by the codes the rest of sitreps uses.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parents[1] / "src/sitreps/data/basemap/countries-110m.json"

# Natural Earth units without an ISO 3166-1 numeric code in world-atlas.
# XKX is the user-assigned code in common use for Kosovo (EU, IMF, World Bank).
NO_NUMERIC = {"Kosovo": "XKX", "N. Cyprus": None, "Somaliland": None}

Point = tuple[float, float]


def decode_arcs(topology: dict) -> list[list[Point]]:
    """Absolute lon/lat points of every arc (TopoJSON arcs are delta-encoded)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def stitch(arcs: list[list[Point]], indexes: list[int]) -> list[Point]:
    """One closed ring from arc indexes (a negative index ~i means arc i reversed)."""
    ring: list[Point] = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points if not ring else points[1:])
    return ring


def unwrap(ring: list[Point]) -> list[Point]:
    """Make longitudes continuous: an edge jumping by more than 180 degrees goes the short way."""
    out = [ring[0]]
    shift = 0.0
    for (lon0, _), (lon1, lat1) in zip(ring, ring[1:]):
        if lon1 - lon0 > 180:
            shift -= 360
        elif lon0 - lon1 > 180:
            shift += 360
        out.append((lon1 + shift, lat1))
    if abs(out[-1][0] - out[0][0]) > 180:  # goes round a pole: close the ring along it
        # (in steps of 30 degrees, so no single edge spans the map even along the pole)
        pole = -90.0 if sum(lat for _, lat in out) < 0 else 90.0
        start, end = out[-1][0], out[0][0]
        steps = max(1, int(abs(end - start) // 30))
        along = [(start + (end - start) * k / steps, pole) for k in range(steps + 1)]
        out = out + along + [out[0]]
    return out


def clip(ring: list[Point], lon: float, keep_below: bool) -> list[Point]:
    """Sutherland-Hodgman clip of a ring against the meridian ``lon``."""
    inside = (lambda p: p[0] <= lon) if keep_below else (lambda p: p[0] >= lon)
    out: list[Point] = []
    for a, b in zip(ring, ring[1:] + ring[:1]):
        if inside(b):
            if not inside(a):
                out.append(crossing(a, b, lon))
            out.append(b)
        elif inside(a):
            out.append(crossing(a, b, lon))
    return out


def crossing(a: Point, b: Point, lon: float) -> Point:
    t = (lon - a[0]) / (b[0] - a[0])
    return (lon, a[1] + t * (b[1] - a[1]))


def split_at_antimeridian(ring: list[Point]) -> list[list[Point]]:
    """The pieces of a ring inside -180..180, each shifted back into range."""
    ring = unwrap(ring)
    lons = [lon for lon, _ in ring]
    if min(lons) >= -180 and max(lons) <= 180:
        return [ring]
    pieces = []
    for offset in (-360.0, 0.0, 360.0):
        shifted = [(lon + offset, lat) for lon, lat in ring]
        piece = clip(clip(shifted, -180.0, keep_below=False), 180.0, keep_below=True)
        if len(piece) >= 3 and abs(area(piece)) > 1e-6:
            pieces.append(piece + piece[:1])
    return pieces


def area(ring: list[Point]) -> float:
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:] + ring[:1])) / 2


def compact(ring: list[Point]) -> list[float]:
    """Flat [lon, lat, lon, lat, ...] rounded to 2 decimals, repeated points dropped."""
    flat: list[float] = []
    last = None
    for lon, lat in ring:
        point = (round(lon, 2), round(lat, 2))
        if point != last:
            flat.extend(point)
            last = point
    return flat


def convert(topology: dict) -> dict:
    arcs = decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        numeric = geometry.get("id")
        if numeric is None:
            iso3 = NO_NUMERIC[name]
        else:
            record = pycountry.countries.get(numeric=numeric)
            iso3 = record.alpha_3 if record else None
        polygons_arcs = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        polygons = []
        for rings in polygons_arcs:
            # after splitting, each piece of the outer ring is a polygon of its own; a hole
            # is kept with every piece it could belong to (only Lesotho-style holes occur,
            # none of which crosses the antimeridian)
            outers = split_at_antimeridian(stitch(arcs, rings[0]))
            holes = [piece for hole in rings[1:] for piece in split_at_antimeridian(stitch(arcs, hole))]
            for outer in outers:
                polygon = [compact(outer)] + [compact(hole) for hole in holes]
                if len(polygon[0]) >= 6:
                    polygons.append(polygon)
        lons = [v for polygon in polygons for v in polygon[0][0::2]]
        lats = [v for polygon in polygons for v in polygon[0][1::2]]
        countries.append({
            "id": numeric, "iso3": iso3, "name": name,
            "bbox": [min(lons), min(lats), max(lons), max(lats)],
            "polygons": polygons,
        })
    countries.sort(key=lambda c: c["name"])
    return {
        "source": "Natural Earth 1:110m Admin 0 countries (public domain), via world-atlas@2.0.2 (ISC)",
        "format": "polygons: list of [outer ring, hole rings...]; ring: flat [lon, lat, ...] in degrees",
        "countries": countries,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="countries-110m.json from the world-atlas npm package")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    data = convert(json.loads(args.topojson.read_text(encoding="utf-8")))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(data['countries'])} countries, {args.out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
