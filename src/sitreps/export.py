"""Query the store and export what it holds: pandas DataFrames, and files in five formats.

    >>> from sitreps.store import Store
    >>> store = Store("sitreps.db")
    >>> store.events(since="2024-10-01", country="UKR", type="ASSAULT")      # a DataFrame
    >>> export(store, "events", "plover", open("events.jsonl", "wb"), Filters(country="UKR"))

Every item row carries its article's id, date, outlet and URL, so a row can be
traced to its text. Near-duplicates (syndicated copies) are left out unless
``with_duplicates`` is set, so counts are not inflated by the same wire story
printed twenty times. Dates filter on the item's own date where it has one
(events, figures, claims: ``day``), else on the article's publication date.

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
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO

import pandas as pd
from sqlalchemy import Select, and_, exists, func, or_, select

from sitreps import __version__
from sitreps.corpus.extras import require
from sitreps.resources import load_yaml
from sitreps.store.schema import ITEM_TABLES, actors, articles, corrections, events, failures, places, reports

if TYPE_CHECKING:
    from sitreps.store import Store

WHAT = ("articles", "actors", "places", "times", "events", "figures", "claims", "failures", "corrections")
FORMATS = ("jsonl", "csv", "parquet", "geojson", "plover")
GEO = ("places", "events", "figures")
_DATED = ("events", "figures", "claims")
_ARTICLE_CONTEXT = ("published", "publisher", "host", "url", "duplicate_of")


@dataclass(frozen=True)
class Filters:
    """What to keep. Dates are YYYY-MM-DD (inclusive); country is ISO 3166 alpha-3 (or NATO, EU …);
    type is a PLOVER event type (events, or articles with such an event); category a figure category
    (figures, or articles with such a figure); source an outlet name or a web site (example.org)."""

    since: str | None = None
    until: str | None = None
    country: str | None = None
    type: str | None = None
    category: str | None = None
    source: str | None = None
    with_duplicates: bool = False

    def __post_init__(self) -> None:
        normalise_filters(self)

    def check(self, what: str) -> None:
        """Refuse a filter that means nothing for ``what`` rather than silently ignore it."""
        if what in {"failures", "corrections"} and self != Filters(with_duplicates=self.with_duplicates):
            raise ValueError(f"{what} take no filters")
        if self.type and what not in {"events", "articles"}:
            raise ValueError("--type (an event type) applies to events and articles")
        if self.category and what not in {"figures", "articles"}:
            raise ValueError("--category (a figure category) applies to figures and articles")


def normalise_filters(filters: Any) -> None:
    """Check and normalise the fields every filter object shares (a frozen dataclass with since, until,
    country and type): dates to YYYY-MM-DD or a ValueError naming the field, codes to upper case."""
    for name in ("since", "until"):
        value = getattr(filters, name)
        if value is not None:
            try:
                object.__setattr__(filters, name, dt.date.fromisoformat(str(value)[:10]).isoformat())
            except ValueError:
                raise ValueError(f"{name}: not a date in the form YYYY-MM-DD: {value!r}") from None
    for name in ("country", "type"):
        if getattr(filters, name):
            object.__setattr__(filters, name, getattr(filters, name).strip().upper())


def query(store: "Store", what: str, filters: Filters | None = None) -> pd.DataFrame:
    """Rows of ``what`` that pass ``filters``, as a DataFrame (one column per field)."""
    filters = filters or Filters()
    if what not in WHAT:
        raise ValueError(f"what must be one of {', '.join(WHAT)}, not {what!r}")
    filters.check(what)
    if what == "failures":
        statement = select(failures).order_by(failures.c.at, failures.c.id)
    elif what == "corrections":
        statement = select(corrections).order_by(corrections.c.created, corrections.c.id)
    elif what == "articles":
        statement = article_query(filters)
    else:
        statement = item_query(what, filters)
    with store.engine.connect() as connection:
        frame = pd.read_sql(statement, connection)
    return _expand_data(frame)


def article_query(filters: Filters) -> Select:
    columns = [c for c in articles.c if c.name not in {"minhash"}]
    statement = (select(*columns, reports.c.sitreps_version, reports.c.warnings)
                 .select_from(articles.join(reports, reports.c.article_id == articles.c.id)))
    statement = _article_filters(statement, filters, dated=False)
    if filters.country:
        statement = statement.where(has_item(places, places.c.country == filters.country))
    if filters.type:
        statement = statement.where(has_item(events, events.c.type == filters.type))
    if filters.category:
        figures = ITEM_TABLES["figures"]
        statement = statement.where(has_item(figures, figures.c.category == filters.category))
    return statement.order_by(articles.c.published, articles.c.id)


def has_item(table: Any, *conditions: Any) -> Any:
    """The article has an item of ``table`` meeting ``conditions`` (for WHERE clauses over articles)."""
    return exists().where(and_(table.c.article_id == articles.c.id, *conditions))


def from_outlet(source: str) -> Any:
    """The article is from this outlet (its name) or web site (example.org, subdomains included)."""
    wanted = source.strip().lower().removeprefix("www.")
    return or_(func.lower(articles.c.publisher) == wanted, articles.c.host == wanted,
               articles.c.host.like(f"%.{wanted}"))


def item_query(what: str, filters: Filters) -> Select:
    table = ITEM_TABLES[what]
    columns = [c.label("id") if c.name == "item_id" else c for c in table.c if c.name != "pk"]
    context = [articles.c[name].label("outlet" if name == "host" else name) for name in _ARTICLE_CONTEXT]
    joined = table.join(articles, articles.c.id == table.c.article_id)
    extra = []
    if what in {"events", "figures"}:  # the coordinates of the item's place, for maps
        place = places.alias("place")
        joined = joined.outerjoin(place, and_(place.c.article_id == table.c.article_id,
                                              place.c.item_id == table.c.place))
        extra = [place.c.name.label("place_name"), place.c.lat, place.c.lon]
    statement = select(*columns, *context, *extra).select_from(joined)
    statement = _article_filters(statement, filters, dated=what not in _DATED)
    if what in _DATED:
        if filters.since:
            statement = statement.where(table.c.day >= filters.since)
        if filters.until:
            statement = statement.where(table.c.day <= filters.until)
    if filters.country:
        if "country" in table.c:
            statement = statement.where(table.c.country == filters.country)
        else:
            statement = statement.where(exists().where(and_(places.c.article_id == table.c.article_id,
                                                            places.c.country == filters.country)))
    if filters.type:
        statement = statement.where(table.c.type == filters.type)
    if filters.category:
        statement = statement.where(table.c.category == filters.category)
    return statement.order_by(articles.c.published, table.c.article_id, table.c.ord)


def _article_filters(statement: Select, filters: Filters, *, dated: bool) -> Select:
    if not filters.with_duplicates:
        statement = statement.where(articles.c.duplicate_of.is_(None))
    if dated and filters.since:
        statement = statement.where(articles.c.published >= filters.since)
    if dated and filters.until:
        statement = statement.where(articles.c.published <= filters.until)
    if filters.source:
        statement = statement.where(from_outlet(filters.source))
    return statement


def _expand_data(frame: pd.DataFrame) -> pd.DataFrame:
    """Fields an extractor added after the schema (kept in ``data``) become columns of their own."""
    if "data" not in frame.columns:
        return frame
    known = set(frame.columns)
    extra: dict[str, list[Any]] = {}
    for position, item in enumerate(frame["data"]):
        for key, value in (item or {}).items():
            if key not in known and key != "id":
                extra.setdefault(key, [None] * len(frame))[position] = value
    frame = frame.drop(columns=["data"])
    for key, values in extra.items():
        frame[key] = values
    return frame


# -- writing ---------------------------------------------------------------------------------------------------

def export(store: "Store", what: str, fmt: str, out: BinaryIO, filters: Filters | None = None) -> int:
    """Write the rows of ``what`` to ``out`` in ``fmt``; returns the number of records written."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if fmt == "plover" and what != "events":
        raise ValueError("the plover format is for events (--what events)")
    if fmt == "geojson" and what not in GEO:
        raise ValueError(f"geojson needs coordinates: use it with {', '.join(GEO)}")
    frame = query(store, what, filters)
    if fmt == "plover":
        return _write_lines(out, plover_records(store, frame))
    if fmt == "geojson":
        collection = geojson(frame)
        out.write(json.dumps(collection, ensure_ascii=False).encode("utf-8") + b"\n")
        return len(collection["features"])
    if fmt == "jsonl":
        return _write_lines(out, records(frame))
    if fmt == "csv":
        text = io.StringIO()
        _flatten(frame, keep_string_lists=False).to_csv(text, index=False)
        out.write(text.getvalue().encode("utf-8"))
        return len(frame)
    pa = require("pyarrow")
    pq = require("pyarrow.parquet")
    pq.write_table(pa.Table.from_pandas(_flatten(frame, keep_string_lists=True), preserve_index=False), out)
    return len(frame)


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
    ids = sorted({row["article_id"] for row in rows})
    with store.engine.connect() as connection:
        cast = {(r.article_id, r.item_id): r for r in connection.execute(select(actors).where(actors.c.article_id.in_(ids)))} if ids else {}
        cites = {r.id: r for r in connection.execute(select(articles.c.id, articles.c.url, articles.c.title,
                                                            articles.c.language, articles.c.publisher)
                                                     .where(articles.c.id.in_(ids)))} if ids else {}
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
                "code": found.country, "sector": found.sector, "actor_text": found.name,
                "identifier_id": found.wikidata, "identifier_text": found.name, "office": found.role}.items()
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
            "cite_info": ({"url": cite.url, "title": cite.title, "language": cite.language,
                           "publication": cite.publisher, "coder": coder, "codebook": spec["codebook"]}
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
