"""Downloads of exactly what a list page shows: every row of its filtered, sorted view as CSV, and as
GeoJSON where the rows have places.

``/figures.csv?category=killed&country=Ukraine`` takes the page's own query
string (filters, sort, order, subject, speaker, q) and writes all its pages,
not only the one on screen; the page links to it with its query kept. Rows are
read from the store a chunk at a time and written out as they are turned into text.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from sitreps.export.geo import feature
from sitreps.export.values import cell
from sitreps.store import queries
from sitreps.store.queries import Filters
from sitreps.web.api import FiltersDep
from sitreps.web.security import require_reader

router = APIRouter(include_in_schema=False, dependencies=[Depends(require_reader)])

# what -> the columns written, in order (the table's columns first, then what traces a row to its text)
COLUMNS: dict[str, tuple[str, ...]] = {
    "figures": ("day", "value", "low", "high", "qualifier", "unit", "per", "category", "what", "subject_name",
                "subject_country", "source_name", "attribution", "text", "place_name", "lat", "lon", "publisher",
                "outlet", "published", "url", "article_id", "id"),
    "events": ("day", "type", "modality", "actor_names", "recipient_names", "place_name", "place_kind", "lat", "lon",
               "text",
               "publisher", "outlet", "published", "url", "article_id", "id"),
    "claims": ("day", "kind", "speaker_name", "text", "publisher", "outlet", "published", "url", "article_id",
               "id"),
}
Kind = Literal["figures", "events", "claims"]
# what a GeoJSON feature needs beside the CSV's columns: the item's country (for its centroid) and its place's
# precision and kind
_GEO_CONTEXT = ("country", "place_precision", "place_kind")


def _rows(request: Request, what: str, found: Filters, sort: str | None, order: str, subject: str | None,
          speaker: str | None, q: str | None) -> list[dict[str, Any]]:
    """Every row, read here in the request's thread (a bad parameter answers 422 before any byte is sent,
    and no database connection is held open across the threads a streamed response runs in)."""
    place = request.query_params.get("place") or None
    return list(queries.iter_items(request.app.state.store, what, filters=found, sort=sort,
                                   descending=order == "desc", subject=subject, speaker=speaker, q=q,
                                   place=place))


def _cell(value: Any) -> Any:
    """A CSV cell as a person reads it (lists joined with "; "). A download is opened in a spreadsheet, and an
    article's text is anybody's: text that the spreadsheet would run as a formula gets an apostrophe first,
    as ``sitreps export --excel`` does (numbers are left as they are)."""
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    return cell(value, excel=True)


def csv_lines(rows: Iterable[dict[str, Any]], columns: tuple[str, ...]) -> Iterator[str]:
    """The rows as CSV text, header first, a line at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    yield buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([_cell(row.get(c)) for c in columns])
        yield buffer.getvalue()


def geojson_chunks(what: str, rows: Iterable[dict[str, Any]], columns: tuple[str, ...]) -> Iterator[str]:
    """A FeatureCollection of the rows, as ``sitreps export --format geojson`` writes it (``export.geo``):
    properties the CSV's columns, each feature with its precision and whether its point is the place's or,
    for an item with a country but no placed point, the country's centroid (precision 3)."""
    yield '{"type": "FeatureCollection", "features": ['
    first = True
    for row in rows:
        kept = {c: row.get(c) for c in (*columns, *_GEO_CONTEXT)}
        found = feature(what, kept)
        if found is None:
            continue
        yield ("" if first else ",\n") + json.dumps(found, ensure_ascii=False, default=str)
        first = False
    yield "]}\n"


def _name(what: str, found: Filters, extension: str) -> str:
    parts = [what, *(str(getattr(found, f)) for f in found.given())]
    stem = "-".join("".join(ch if ch.isalnum() else "_" for ch in part) for part in parts)[:80]
    return f'attachment; filename="sitreps-{stem}.{extension}"'


ARTICLE_COLUMNS = ("published", "title", "publisher", "host", "genre", "url", "id")


@router.get("/articles.csv")
def articles_csv(request: Request, found: FiltersDep, q: str | None = None, sort: str | None = None,
                 order: Annotated[Literal["asc", "desc"], Query()] = "desc") -> StreamingResponse:
    """Every article of the articles page's view (search and filters), all pages."""
    store, rows, number = request.app.state.store, [], 1
    while True:
        listing = queries.list_articles(store, q=q, filters=found, sort=sort, descending=order == "desc",
                                        page=queries.Page(number, queries.MAX_PER_PAGE))
        rows.extend(listing.rows)
        if number >= listing.pages:
            break
        number += 1
    return StreamingResponse(csv_lines(rows, ARTICLE_COLUMNS), media_type="text/csv; charset=utf-8",
                             headers={"content-disposition": _name("articles", found, "csv")})


@router.get("/{what}.csv")
def download_csv(request: Request, what: Kind, found: FiltersDep, sort: str | None = None,
                 order: Annotated[Literal["asc", "desc"], Query()] = "desc", subject: str | None = None,
                 speaker: str | None = None, q: str | None = None) -> StreamingResponse:
    rows = _rows(request, what, found, sort, order, subject, speaker, q)
    return StreamingResponse(csv_lines(rows, COLUMNS[what]), media_type="text/csv; charset=utf-8",
                             headers={"content-disposition": _name(what, found, "csv")})


@router.get("/{what}.geojson")
def download_geojson(request: Request, what: Literal["figures", "events"], found: FiltersDep,
                     sort: str | None = None, order: Annotated[Literal["asc", "desc"], Query()] = "desc",
                     subject: str | None = None, speaker: str | None = None,
                     q: str | None = None) -> StreamingResponse:
    rows = _rows(request, what, found, sort, order, subject, speaker, q)
    return StreamingResponse(geojson_chunks(what, rows, COLUMNS[what]), media_type="application/geo+json",
                             headers={"content-disposition": _name(what, found, "geojson")})


__all__ = ["COLUMNS", "csv_lines", "geojson_chunks", "router"]
