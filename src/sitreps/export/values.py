"""Values as the formats write them: plain JSON values, the columns of a fixed layout, cells safe for Excel.

Rows come from the store (``sitreps.store.queries.chunks``) as dicts. Fields an
extractor added after the schema travel in an item's ``data``: JSONL merges
them into the row (it has no schema), the tabular formats keep them in one
``extra`` column (JSON text), so a CSV or Parquet export has the same columns
whatever its rows hold.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

from sitreps.store import queries

EXTRA = "extra"  # the tabular formats' name for an item's ``data`` (fields without a column)
# a cell that starts with one of these is read by spreadsheets as a formula (CSV injection)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def layout(what: str) -> list[tuple[str, str]]:
    """The columns of a tabular export of ``what``, in order, with the store's kind of each; ``data`` is
    ``extra`` (JSON text)."""
    return [(EXTRA, "json") if name == "data" else (name, kind) for name, kind in queries.columns(what)]


_AS_IS = {str, int, bool, list, dict, type(None)}


def plain(value: Any) -> Any:
    """A value JSON can hold: dates and times in ISO 8601, NaN as None, numpy scalars as Python ones."""
    if type(value) in _AS_IS:  # the common case first: an export calls this for every cell
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if hasattr(value, "isoformat"):  # pandas Timestamp
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, (list, dict, str, bytes)):
        return value.item()
    try:
        if value != value:  # pandas NA / NaT
            return None
    except (TypeError, ValueError):
        pass
    return value


def json_row(row: dict[str, Any]) -> dict[str, Any]:
    """A row for JSONL: plain values, an item's extra fields as fields of their own (never over a column)."""
    found = {key: plain(value) for key, value in row.items() if key != "data"}
    for key, value in (row.get("data") or {}).items():
        if key not in found and key != "id":
            found[key] = plain(value)
    return found


def extra_text(row: dict[str, Any]) -> str | None:
    """An item's fields without a column, as JSON text for the ``extra`` column (None when it has none)."""
    data = {key: value for key, value in (row.get("data") or {}).items() if key not in row and key != "id"}
    return json.dumps(data, ensure_ascii=False, default=str, sort_keys=True) if data else None


def cell(value: Any, *, excel: bool = False) -> Any:
    """A CSV cell: lists and objects as JSON text, None as empty; with ``excel`` a text cell that a
    spreadsheet would run as a formula is prefixed with an apostrophe (numbers are left as they are)."""
    if type(value) is not str:
        value = plain(value)
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False, default=str)
    if excel and isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


__all__ = ["EXTRA", "FORMULA_START", "cell", "extra_text", "json_row", "layout", "plain"]
