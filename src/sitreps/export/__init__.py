"""Export what the store holds in the formats analysts load: JSONL, CSV, Parquet, GeoJSON, PLOVER, ACLED.

    >>> from sitreps.store import Store
    >>> store = Store("sitreps.db")
    >>> store.events(since="2024-10-01", country="UKR", type="ASSAULT")      # a DataFrame
    >>> export(store, "events", "acled", open("events.csv", "wb"), Filters(country="UKR"), excel=True)

The rows come from the store (``sitreps.store.queries.chunks``: every item row
carries its article's id, date, outlet and URL, and the names of the actors
and places it points to beside their ids; near-duplicates are left out
unless ``with_duplicates``), a chunk at a time; each format writes a chunk as
it arrives, so an export of a large store holds one chunk in memory, not the
result. ``Filters`` is the store's one filter class, re-exported here because
``export`` takes one.

One module per format: ``tabular`` (``jsonl``, ``csv``, ``parquet``: a fixed
layout per kind of row), ``geo`` (``geojson``: rows with a point, each with
its precision), ``plover`` (events as PLOVER records), ``acled`` (events as
an ACLED-style CSV table); ``values`` (how values are written) and
``casualties`` (an event's dead and wounded) serve them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, BinaryIO, cast

from sitreps.errors import BadParameter
from sitreps.export.acled import write_acled
from sitreps.export.geo import write_geojson
from sitreps.export.plover import plover_records, write_plover
from sitreps.export.tabular import parquet_schema, write_csv, write_jsonl, write_parquet
from sitreps.export.values import json_row
from sitreps.store import queries
from sitreps.store.queries import CHUNK, WHAT, Filters

if TYPE_CHECKING:
    import pandas as pd

    from sitreps.store import Store

FORMATS = ("jsonl", "csv", "parquet", "geojson", "plover", "acled")
GEO = ("places", "events", "figures")
EVENTS_ONLY = ("plover", "acled")
EXCEL = ("csv", "acled")


def check(what: str, fmt: str, filters: Filters | None = None, *, excel: bool = False) -> None:
    """Refuse a combination that cannot be written, before anything is (a ``BadParameter`` naming it)."""
    if fmt not in FORMATS:
        raise BadParameter("format", f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if fmt in EVENTS_ONLY and what != "events":
        raise BadParameter("format", f"the {fmt} format is for events (--what events)")
    if fmt == "geojson" and what not in GEO:
        raise BadParameter("format", f"geojson needs coordinates: use it with {', '.join(GEO)}")
    if excel and fmt not in EXCEL:
        raise BadParameter("excel", f"--excel is for the CSV formats ({', '.join(EXCEL)}), not {fmt}")
    queries.statement(what, filters)  # the filters' own checks (a filter that means nothing for ``what``)


def export(store: "Store", what: str, fmt: str, out: BinaryIO, filters: Filters | None = None, *,
           excel: bool = False, chunk_size: int = CHUNK) -> int:
    """Write the rows of ``what`` to ``out`` in ``fmt``, a chunk of ``chunk_size`` rows at a time; returns the
    number of records written. ``excel`` (CSV formats): a byte order mark and a guard against formulas."""
    check(what, fmt, filters, excel=excel)
    chunks = queries.chunks(store, what, filters, chunk_size)
    if fmt == "jsonl":
        return write_jsonl(out, chunks)
    if fmt == "csv":
        return write_csv(out, what, chunks, excel=excel)
    if fmt == "parquet":
        return write_parquet(out, what, chunks)
    if fmt == "geojson":
        return write_geojson(out, what, chunks)
    if fmt == "plover":
        return write_plover(out, store, chunks)
    return write_acled(out, store, chunks, excel=excel)


def records(frame: "pd.DataFrame") -> list[dict[str, Any]]:
    """Rows of a DataFrame as plain dicts, missing values as None (JSON null)."""
    return [json_row(row) for row in cast(list[dict[str, Any]], frame.to_dict("records"))]  # str column names


__all__ = ["FORMATS", "GEO", "WHAT", "Filters", "check", "export", "parquet_schema", "plover_records", "records"]
