"""Export what the store holds: files in five formats, from the rows the store reads.

    >>> from sitreps.store import Store
    >>> store = Store("sitreps.db")
    >>> store.events(since="2024-10-01", country="UKR", type="ASSAULT")      # a DataFrame
    >>> export(store, "events", "plover", open("events.jsonl", "wb"), Filters(country="UKR"))

The rows come from the store (``sitreps.store.queries.frame``: every item row
carries its article's id, date, outlet and URL; near-duplicates are left out
unless ``with_duplicates``); this module only writes them. ``Filters`` is the
store's one filter class, re-exported here because ``export`` takes one.

Formats: ``jsonl`` (one object per row), ``csv``, ``parquet``, ``geojson``
(rows with coordinates: places, and events and figures through their place),
and ``plover``: events as PLOVER JSON records, one per line, as the PLOVER
manual's "JSON Data Fields" chapter names them.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
from typing import TYPE_CHECKING, Any, BinaryIO

import pandas as pd

from sitreps import __version__
from sitreps.errors import BadParameter
from sitreps.extras import require
from sitreps.resources import load_yaml
from sitreps.store import queries
from sitreps.store.queries import WHAT, Filters

if TYPE_CHECKING:
    from sitreps.store import Store

FORMATS = ("jsonl", "csv", "parquet", "geojson", "plover")
GEO = ("places", "events", "figures")


def export(store: "Store", what: str, fmt: str, out: BinaryIO, filters: Filters | None = None) -> int:
    """Write the rows of ``what`` to ``out`` in ``fmt``; returns the number of records written."""
    if fmt not in FORMATS:
        raise BadParameter("format", f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if fmt == "plover" and what != "events":
        raise BadParameter("format", "the plover format is for events (--what events)")
    if fmt == "geojson" and what not in GEO:
        raise BadParameter("format", f"geojson needs coordinates: use it with {', '.join(GEO)}")
    rows = queries.frame(store, what, filters)
    if fmt == "plover":
        return _write_lines(out, plover_records(store, rows))
    if fmt == "geojson":
        collection = geojson(rows)
        out.write(json.dumps(collection, ensure_ascii=False).encode("utf-8") + b"\n")
        return len(collection["features"])
    if fmt == "jsonl":
        return _write_lines(out, records(rows))
    if fmt == "csv":
        text = io.StringIO()
        _flatten(rows, keep_string_lists=False).to_csv(text, index=False)
        out.write(text.getvalue().encode("utf-8"))
        return len(rows)
    pa = require("pyarrow")
    pq = require("pyarrow.parquet")
    pq.write_table(pa.Table.from_pandas(_flatten(rows, keep_string_lists=True), preserve_index=False), out)
    return len(rows)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as plain dicts, missing values as None (JSON null)."""
    return [{key: _plain(value) for key, value in row.items()} for row in frame.to_dict("records")]


def geojson(frame: pd.DataFrame) -> dict[str, Any]:
    """A FeatureCollection of the rows that have coordinates (lon/lat order, as GeoJSON wants)."""
    features = []
    for row in records(frame):
        lat, lon = row.pop("lat", None), row.pop("lon", None)
        if lat is None or lon is None:
            continue
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                         "properties": row})
    return {"type": "FeatureCollection", "features": features}


def plover_records(store: "Store", frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Events as PLOVER JSON: id, date, source and recipient actor objects, event, mode, event_loc,
    event_text, quad_code, text_info, cite_info, coder; sitreps adds modality, reported_by, confidence."""
    spec = load_yaml("plover_export.yaml")
    rows = records(frame)
    ids = {row["article_id"] for row in rows}
    cast = queries.actors_by_local_id(store, ids)
    cites = queries.article_citations(store, ids)
    coder = f"sitreps {__version__}"
    today = dt.date.today().isoformat()
    result = []
    for row in rows:
        article = row["article_id"]

        def actor(item_id: str, article: str = article) -> dict[str, Any]:
            found = cast.get((article, item_id))
            if found is None:
                return {"actor_text": item_id}
            return {key: value for key, value in {
                "code": found["country"], "sector": found["sector"], "actor_text": found["name"],
                "identifier_id": found["wikidata"], "identifier_text": found["name"], "office": found["role"]}.items()
                if value is not None}

        cite = cites.get(article)
        record = {
            "id": f"{article}-{row['id']}",
            "date": row.get("day") or row.get("published"),
            "source": [actor(a) for a in row.get("actor") or []],
            "recipient": [actor(a) for a in row.get("recipient") or []],
            "event": [row["type"]],
            "mode": row.get("mode"),
            "event_loc": ({"name": row.get("place_name"), "latitude": row.get("lat"), "longitude": row.get("lon"),
                           "cc3": row.get("country")} if row.get("place_name") or row.get("country") else None),
            "event_text": [row.get("text")] if row.get("text") else [],
            "quad_code": spec["quad"].get(row["type"]),
            "text_info": {"sequence": row.get("sentence"), "start": row.get("start"), "end": row.get("end")},
            "cite_info": ({"url": cite["url"], "title": cite["title"], "language": cite["language"],
                           "publication": cite["publisher"], "coder": coder, "codebook": spec["codebook"]}
                          if cite is not None else None),
            "coder": coder,
            "coded_date": today,
            "modality": row.get("modality"),
            "reported_by": row.get("source"),
            "confidence": row.get("confidence"),
        }
        result.append(record)
    return result


def _write_lines(out: BinaryIO, items: list[dict[str, Any]]) -> int:
    for item in items:
        out.write(json.dumps(item, ensure_ascii=False, default=str).encode("utf-8") + b"\n")
    return len(items)


def _flatten(frame: pd.DataFrame, *, keep_string_lists: bool) -> pd.DataFrame:
    """Lists and objects as JSON text (CSV has no nesting); Parquet keeps lists of strings as lists."""
    frame = frame.copy()
    for column in frame.columns:
        values = [v for v in frame[column] if isinstance(v, (list, dict))]
        if not values:
            continue
        if keep_string_lists and all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in values):
            continue
        frame[column] = [json.dumps(v, ensure_ascii=False, default=str) if isinstance(v, (list, dict)) else v
                         for v in frame[column]]
    for column in frame.columns:
        if str(frame[column].dtype).startswith("datetime"):
            frame[column] = frame[column].astype(str)
    return frame


def _plain(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, (list, dict, str, bytes)):
        return value.item()  # numpy scalars
    if value is pd.NA or value is pd.NaT:
        return None
    return value


__all__ = ["FORMATS", "GEO", "WHAT", "Filters", "export", "geojson", "plover_records", "records"]
