"""JSONL, CSV and Parquet, written chunk by chunk as the store reads them.

Each writer takes the store's chunks (lists of row dicts) and writes them as
they come, so memory holds one chunk whatever the size of the store. CSV and
Parquet have a fixed layout per kind of row (``values.layout``): the same
columns, in the same order, with the same types, whether a column is full or
empty, so exports of different stores or filters can be concatenated.

Parquet types (``parquet_schema``): ``day`` and ``published`` are dates (the
first day of the article's date), the store's times are UTC timestamps,
integers ``int64``, numbers ``float64``, codes and labels with few values
(type, mode, country, category …) dictionary-encoded (pandas reads them as
categories), lists of ids or names ``list<string>``, other nested values JSON
text. CSV with ``excel``: a UTF-8 byte order mark (so Excel reads "€" and
"Kyiv" right), CRLF line ends and the formula guard of ``values.cell``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from typing import Any, BinaryIO

from sitreps.export.values import EXTRA, cell, extra_text, json_row, layout
from sitreps.extras import require
from sitreps.timeparse.notation import first_day

Chunks = Iterable[list[dict[str, Any]]]

DATES = {"day", "published"}
CATEGORIES = {"type", "mode", "modality", "category", "unit", "qualifier", "attribution", "per", "kind", "country",
              "sector", "genre", "language", "published_basis", "place_kind", "outlet", "publisher", "granularity",
              "anchor", "error", "status", "component", "sitreps_version"}
LISTS = {"actor", "recipient", "figures", "about", "authors", "warnings", "actor_names", "recipient_names"}


def write_jsonl(out: BinaryIO, chunks: Chunks) -> int:
    """One JSON object per line, a line per row."""
    count = 0
    for chunk in chunks:
        out.write(b"".join(json.dumps(json_row(row), ensure_ascii=False, default=str).encode("utf-8") + b"\n"
                           for row in chunk))
        count += len(chunk)
    return count


def write_csv(out: BinaryIO, what: str, chunks: Chunks, *, excel: bool = False) -> int:
    """A header of the fixed layout, then a line per row (lists and objects as JSON text)."""
    names = [name for name, _ in layout(what)]
    return write_table_csv(out, names, ([_csv_values(row, names) for row in chunk] for chunk in chunks),
                           excel=excel)


def write_table_csv(out: BinaryIO, header: list[str], chunks: Iterable[list[list[Any]]], *, excel: bool = False
                    ) -> int:
    """CSV of ready rows (lists of values in ``header``'s order), a chunk at a time."""
    if excel:
        out.write("\ufeff".encode("utf-8"))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n" if excel else "\n")
    writer.writerow(header)
    count = 0
    for chunk in chunks:
        writer.writerows([cell(value, excel=excel) for value in values] for values in chunk)
        out.write(buffer.getvalue().encode("utf-8"))
        buffer.seek(0)
        buffer.truncate()
        count += len(chunk)
    out.write(buffer.getvalue().encode("utf-8"))
    return count


def parquet_schema(what: str) -> Any:
    """The Arrow schema of a Parquet export of ``what``: the same for every export of it."""
    pa = require("pyarrow")
    return pa.schema([pa.field(name, _arrow_type(pa, name, kind)) for name, kind in layout(what)])


def write_parquet(out: BinaryIO, what: str, chunks: Chunks) -> int:
    """A row group per chunk, written with ``pyarrow.parquet.ParquetWriter`` under the fixed schema."""
    pa = require("pyarrow")
    pq = require("pyarrow.parquet")
    schema = parquet_schema(what)
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        for chunk in chunks:
            if chunk:
                writer.write_table(_arrow_table(pa, schema, chunk))
                count += len(chunk)
    return count


def _csv_values(row: dict[str, Any], names: list[str]) -> list[Any]:
    return [extra_text(row) if name == EXTRA else row.get(name) for name in names]


def _arrow_type(pa: Any, name: str, kind: str) -> Any:
    if name in DATES:
        return pa.date32()
    if name in LISTS:
        return pa.list_(pa.string())
    if kind == "integer":
        return pa.int64()
    if kind == "float":
        return pa.float64()
    if kind == "datetime":
        return pa.timestamp("us", tz="UTC")
    if kind == "text" and name in CATEGORIES:
        return pa.dictionary(pa.int32(), pa.string())
    return pa.string()  # text, and JSON other than lists of strings (as JSON text)


def _arrow_table(pa: Any, schema: Any, chunk: list[dict[str, Any]]) -> Any:
    arrays = []
    for field in schema:
        name, kind = field.name, field.type
        if name == EXTRA:
            values: list[Any] = [extra_text(row) for row in chunk]
        else:
            values = [row.get(name) for row in chunk]
        if name in DATES:
            values = [None if v is None else dt.date.fromisoformat(d) if (d := first_day(str(v))) else None
                      for v in values]
        elif pa.types.is_list(kind):
            values = [None if v is None else [str(x) for x in v] for v in values]
        elif pa.types.is_string(kind) or pa.types.is_dictionary(kind):
            values = [None if v is None else v if isinstance(v, str) else json.dumps(v, ensure_ascii=False,
                                                                                      default=str)
                      for v in values]
        elif pa.types.is_timestamp(kind):
            values = [None if v is None else v if v.tzinfo else v.replace(tzinfo=dt.timezone.utc) for v in values]
        if pa.types.is_dictionary(kind):
            arrays.append(pa.array(values, type=pa.string()).dictionary_encode())
        else:
            arrays.append(pa.array(values, type=kind))
    return pa.Table.from_arrays(arrays, schema=schema)


__all__ = ["CATEGORIES", "DATES", "LISTS", "parquet_schema", "write_csv", "write_jsonl", "write_parquet",
           "write_table_csv"]
