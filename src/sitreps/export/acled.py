"""Events as an ACLED-style table: ACLED's column names and event types, one row per event ACLED would code.

ACLED's event types are mapped from the PLOVER type and mode (``data/acled.yaml``,
documented in docs/exports.md); events whose type has no ACLED counterpart
(PLOVER's verbal events: CONSULT, ACCUSE, THREATEN …) are not written. Actor
types (``inter1``, ``inter2``) come from the actors' sectors; ``fatalities``
from the event's killed figures, at the most conservative estimate
(``casualties``); ``geo_precision`` from the place's precision (1 town or site,
2 district, 3 region or country; 3 where only the country is known, at its
centroid). ACLED's columns come first, in ACLED's order; sitreps' ids and
PLOVER codes follow, so every row can be traced to its article and event.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any, BinaryIO

from sitreps.export.casualties import casualties
from sitreps.export.codes import is_international
from sitreps.export.geo import COUNTRY_PRECISION, country_centroid, place_precision
from sitreps.export.tabular import write_table_csv
from sitreps.resources import load_yaml
from sitreps.store import queries
from sitreps.timeparse.notation import bounds, kind

if TYPE_CHECKING:
    from sitreps.store import Store

ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp"]
SITREPS_COLUMNS = ["article_id", "event_id", "plover_event", "plover_mode", "actor1_ids", "actor2_ids", "modality",
                   "reported_by", "url"]
COLUMNS = ACLED_COLUMNS + SITREPS_COLUMNS


def write_acled(out: BinaryIO, store: "Store", chunks: Iterable[list[dict[str, Any]]], *, excel: bool = False
                ) -> int:
    """Write the table as CSV; returns the number of events written."""
    stamp = int(time.time())
    rows = ([[record[name] for name in COLUMNS] for record in acled_records(store, chunk, stamp)] for chunk in chunks)
    return write_table_csv(out, COLUMNS, rows, excel=excel)


def acled_type(event_type: str, mode: str | None) -> tuple[str, str] | None:
    """ACLED's (event_type, sub_event_type) for a PLOVER type and mode; None when ACLED has none."""
    modes = load_yaml("acled.yaml")["events"].get(event_type)
    if not modes:
        return None
    found = modes.get(mode or "default") or modes.get("default")
    return (found[0], found[1]) if found else None


def acled_records(store: "Store", rows: list[dict[str, Any]], stamp: int) -> list[dict[str, Any]]:
    """The ACLED rows of one chunk of event rows."""
    spec = load_yaml("acled.yaml")
    ids = {row["article_id"] for row in rows}
    cast = queries.actors_by_local_id(store, ids)
    counts = casualties(store, rows)
    found = []
    for row in rows:
        mapped = acled_type(row["type"], row.get("mode"))
        if mapped is None or not row.get("day"):
            continue
        event_type, sub_event_type = mapped
        article, code = row["article_id"], row.get("country")
        country = country_name(code)
        actors = _side(cast, article, row.get("actor") or [], row.get("actor_names") or [], event_type, spec)
        targets = _side(cast, article, row.get("recipient") or [], row.get("recipient_names") or [], event_type, spec)
        if actors[0] is None and event_type in spec["unnamed_actor"]:
            name, inter = spec["unnamed_actor"][event_type]
            actors = (name.format(country=country or "unknown"), "", inter)
        if targets[0] is None and event_type == "Violence against civilians":
            targets = (f"Civilians ({country or 'unknown'})", "", 7)
        disorder = spec["disorder_by_sub_event"].get(sub_event_type) or spec["disorder"][event_type]
        inter1, inter2 = actors[2], targets[2]
        lat, lon, precision = _point(row)
        kind_of_place = row.get("place_kind")
        found.append({
            "event_id_cnty": f"{code or 'XXX'}-{article[:12]}-{row['id']}",
            "event_date": row["day"], "year": int(row["day"][:4]), "time_precision": time_precision(row.get("date")),
            "disorder_type": disorder, "event_type": event_type, "sub_event_type": sub_event_type,
            "actor1": actors[0] or "", "assoc_actor_1": actors[1], "inter1": inter1,
            "actor2": targets[0] or "", "assoc_actor_2": targets[1], "inter2": inter2,
            "interaction": _interaction(inter1, inter2),
            "civilian_targeting": "Civilian targeting" if inter2 == 7 and "Political violence" in disorder else "",
            "iso": iso_numeric(code), "region": "", "country": country or "",
            "admin1": row.get("place_name") if kind_of_place == "admin1" else "",
            "admin2": row.get("place_name") if kind_of_place == "admin2" else "", "admin3": "",
            "location": row.get("place_name") or country or "", "latitude": lat, "longitude": lon,
            "geo_precision": precision, "source": row.get("publisher") or row.get("outlet") or "",
            "source_scale": "", "notes": _notes(row),
            "fatalities": counts.get((article, row["id"]), {}).get("dead", 0), "tags": "", "timestamp": stamp,
            "article_id": article, "event_id": row["id"], "plover_event": row["type"],
            "plover_mode": row.get("mode"), "actor1_ids": "; ".join(row.get("actor") or []),
            "actor2_ids": "; ".join(row.get("recipient") or []), "modality": row.get("modality"),
            "reported_by": row.get("source_name"), "url": row.get("url"),
        })
    return found


def time_precision(value: str | None) -> int:
    """ACLED's time precision of an event's date: 1 a day, 2 a week or a span of up to a week, 3 longer;
    2 for an event dated only by its article (it happened about then)."""
    shape = kind(value) if value else None
    if shape is None:
        return 2
    if shape == "interval":
        found = bounds(value)
        return 2 if found and found[1] - found[0] <= dt.timedelta(days=7) else 3
    return int(load_yaml("acled.yaml")["time_precision"][shape])


@lru_cache(maxsize=None)
def country_name(code: str | None) -> str | None:
    """A country's English short name (ISO 3166) for its alpha-3 code; the code itself if unknown."""
    if not code:
        return None
    import pycountry

    found = pycountry.countries.get(alpha_3=code)
    return getattr(found, "common_name", None) or found.name if found is not None else code


@lru_cache(maxsize=None)
def iso_numeric(code: str | None) -> int | str:
    if not code:
        return ""
    import pycountry

    found = pycountry.countries.get(alpha_3=code)
    return int(found.numeric) if found is not None else ""


def _side(cast: dict[tuple[str, str], dict[str, Any]], article: str, refs: list[str], names: list[str],
          event_type: str, spec: dict[str, Any]) -> tuple[str | None, str, int | str]:
    """(first actor's name, the others' names joined by "; ", the first actor's ACLED type)."""
    if not refs:
        return None, "", ""
    names = names or refs
    first = cast.get((article, refs[0])) or {}
    inter = 8 if is_international(first.get("country")) else spec["inter_by_sector"].get(first.get("sector") or "")
    if inter:
        inter = spec["inter_in_event"].get(event_type, {}).get(inter, inter)
    return names[0], "; ".join(names[1:]), inter or ""


def _interaction(inter1: int | str, inter2: int | str) -> int | str:
    """ACLED's interaction: both actor types, lower first (13: state forces and a political militia); one
    side alone is its type and 0."""
    if inter1 and inter2:
        low, high = sorted((int(inter1), int(inter2)))
        return low * 10 + high
    return int(inter1) * 10 if inter1 else ""


def _point(row: dict[str, Any]) -> tuple[Any, Any, Any]:
    if row.get("lat") is not None and row.get("lon") is not None:
        return row["lat"], row["lon"], row.get("place_precision") or place_precision(row.get("place_kind"))
    centroid = country_centroid(row.get("country"))
    if centroid is None:
        return "", "", ""
    return centroid[0], centroid[1], COUNTRY_PRECISION


def _notes(row: dict[str, Any]) -> str:
    text = row.get("text") or ""
    if row.get("source") not in (None, "author") and row.get("source_name"):
        return f"{text} (according to {row['source_name']})"
    return text


__all__ = ["ACLED_COLUMNS", "COLUMNS", "SITREPS_COLUMNS", "acled_records", "acled_type", "country_name",
           "iso_numeric", "time_precision", "write_acled"]
