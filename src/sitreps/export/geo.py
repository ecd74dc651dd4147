"""GeoJSON: a FeatureCollection written feature by feature, every feature with its precision.

A place has its own point; an event or a figure takes its place's. An item
whose place has no point, or that has no place but a country, is put at the
country's approximate centroid, as ACLED does, so a map shows it; its
``precision`` then says 3 and ``point`` says ``country``, so centroids can be
filtered out. ``precision`` is ACLED's: 1 a town, village or site, 2 a district
or part of a region, 3 a region, province or country (docs/gazetteers.md).
Rows with neither a point nor a country are left out. Coordinates are
longitude, latitude (RFC 7946).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, BinaryIO

from sitreps.export.values import json_row
from sitreps.resources import load_tsv, load_yaml

COUNTRY_PRECISION = 3


def write_geojson(out: BinaryIO, what: str, chunks: Iterable[list[dict[str, Any]]]) -> int:
    """Write the FeatureCollection; returns the number of features."""
    out.write(b'{"type": "FeatureCollection", "features": [\n')
    count = 0
    for chunk in chunks:
        for row in chunk:
            found = feature(what, json_row(row))
            if found is None:
                continue
            out.write((b",\n" if count else b"") + json.dumps(found, ensure_ascii=False).encode("utf-8"))
            count += 1
    out.write(b"\n]}\n")
    return count


def feature(what: str, row: dict[str, Any]) -> dict[str, Any] | None:
    """A row as a GeoJSON Feature with ``precision`` and ``point`` (place or country), or None."""
    lat, lon = row.pop("lat", None), row.pop("lon", None)
    precision = row.pop("precision", None) if what == "places" else row.get("place_precision")
    kind = row.get("kind") if what == "places" else row.get("place_kind")
    point = "place"
    if lat is not None and lon is not None:
        precision = precision or place_precision(kind)
    else:
        centroid = country_centroid(row.get("country"))
        if centroid is None:
            return None
        lat, lon = centroid
        precision, point = COUNTRY_PRECISION, "country"
    properties = {**row, "precision": precision, "point": point}
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": properties}


def place_precision(kind: str | None) -> int:
    """A place's precision from its kind, for a place stored without one (3, the coarsest, if unknown)."""
    return int(load_yaml("plover_export.yaml")["precision"].get(kind or "", COUNTRY_PRECISION))


@lru_cache(maxsize=None)
def country_centroid(code: str | None) -> tuple[float, float] | None:
    """(lat, lon) of a country's approximate centroid (``countries.tsv``), None if unknown."""
    return _centroids().get((code or "").upper())


@lru_cache(maxsize=1)
def _centroids() -> dict[str, tuple[float, float]]:
    return {row[0]: (float(row[7]), float(row[8])) for row in load_tsv("countries.tsv", 9) if row[7] and row[8]}


__all__ = ["COUNTRY_PRECISION", "country_centroid", "feature", "place_precision", "write_geojson"]
