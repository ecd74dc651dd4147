"""Rows of one kind, streamed in chunks (what ``sitreps export`` writes) or as a pandas DataFrame (what
``Store.events()`` returns), and the look-ups an export adds to them.

A row is an article or an item with its article's context (see
``statements``); failures and corrections are read whole. Items refer to
actors and places by ids local to their report (``A3``), meaningless outside
it, so every item row also carries the names they stand for, beside the ids
(``actor_names``, ``recipient_names``, ``source_name``, ``subject_name``,
``speaker_name``). ``chunks`` reads with a server-side cursor and resolves
names one chunk at a time, so an export of a large store holds one chunk in
memory, never the whole result. Fields an extractor added after the schema
(kept in an item's ``data``) become columns of a DataFrame of their own, so a
new field is exported before a migration gives it a column. pandas is
imported when a frame is made, not when the store is opened.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, DateTime, Float, Integer, Select, select
from sqlalchemy.engine import Connection

from sitreps.errors import BadParameter
from sitreps.store.queries.filters import Filters
from sitreps.store.queries.statements import articles_statement, items_statement
from sitreps.store.schema import ITEM_TABLES, articles, corrections, failures, places
from sitreps.types import UNNAMED

if TYPE_CHECKING:
    import pandas as pd

    from sitreps.store import Store

WHAT = ("articles", "actors", "places", "times", "events", "figures", "claims", "failures", "corrections")
CHUNK = 2000  # rows read (and names resolved) at a time
# the names each kind of item gets beside its local ids: column -> (id column, list of ids?)
NAMES: dict[str, dict[str, tuple[str, bool]]] = {
    "events": {"actor_names": ("actor", True), "recipient_names": ("recipient", True),
               "source_name": ("source", False)},
    "figures": {"subject_name": ("subject", False), "source_name": ("source", False)},
    "claims": {"speaker_name": ("speaker", False)},
}


def statement(what: str, filters: Filters | None = None) -> Select:
    """The SELECT for the rows of ``what`` that pass ``filters`` (checked against what they apply to)."""
    filters = filters or Filters()
    if what not in WHAT:
        raise BadParameter("what", f"what must be one of {', '.join(WHAT)}, not {what!r}")
    filters.check(what)
    if what == "failures":
        return select(failures).order_by(failures.c.at, failures.c.id)
    if what == "corrections":
        return select(corrections).order_by(corrections.c.created, corrections.c.id)
    if what == "articles":
        return articles_statement(filters)
    return items_statement(what, filters)


def columns(what: str) -> list[tuple[str, str]]:
    """The columns every row of ``what`` has, in order, with their kind (``text``, ``integer``, ``float``,
    ``datetime`` or ``json``), whatever the rows hold: what a fixed export schema is built from. ``data``
    (an item's fields without a column) is among them, as ``json``."""
    found = [(column.name, _kind(column.type)) for column in statement(what).selected_columns]
    for name, (_, many) in NAMES.get(what, {}).items():
        found.append((name, "json" if many else "text"))
    return found


def chunks(store: "Store", what: str, filters: Filters | None = None, size: int = CHUNK
           ) -> Iterator[list[dict[str, Any]]]:
    """Rows of ``what`` that pass ``filters``, as lists of at most ``size`` dicts, read as they are written
    (a server-side cursor on PostgreSQL, SQLite's own cursor), with the names of what item rows point to."""
    query = statement(what, filters)
    with store.engine.connect() as connection:
        result = connection.execution_options(stream_results=True, yield_per=size).execute(query)
        keys = list(result.keys())
        for partition in result.partitions(size):
            rows = [dict(zip(keys, row)) for row in partition]
            if what in NAMES:
                _add_names(connection, what, rows)
            yield rows


def frame(store: "Store", what: str, filters: Filters | None = None) -> "pd.DataFrame":
    """Rows of ``what`` that pass ``filters``, as a DataFrame (one column per field, names beside ids)."""
    import pandas as pd

    names = [name for name, _ in columns(what)]
    rows = [row for chunk in chunks(store, what, filters) for row in chunk]
    return _expand_data(pd.DataFrame.from_records(rows, columns=names))


def _add_names(connection: Connection, what: str, rows: list[dict[str, Any]]) -> None:
    """Put each local id's name beside it: an actor's or place's name, the outlet for ``author``."""
    names = _local_names(connection, {row["article_id"] for row in rows})
    for row in rows:
        article = row["article_id"]

        def name(ref: str | None) -> str | None:
            if not ref:
                return None
            if ref == "author":
                return row.get("publisher") or "author"
            if ref == "unnamed":
                return UNNAMED
            return names.get((article, ref), ref)

        for column, (source, many) in NAMES[what].items():
            value = row.get(source)
            row[column] = [name(ref) for ref in value or []] if many else name(value)


def _local_names(connection: Connection, article_ids: set[str]) -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    ids = sorted(article_ids)
    for table in (ITEM_TABLES["actors"], places):
        for start in range(0, len(ids), 500):
            for row in connection.execute(select(table.c.article_id, table.c.item_id, table.c.name)
                                          .where(table.c.article_id.in_(ids[start:start + 500]))):
                found[(row.article_id, row.item_id)] = row.name
    return found


def _kind(sql_type: Any) -> str:
    if isinstance(sql_type, JSON) or isinstance(getattr(sql_type, "impl", None), JSON):
        return "json"
    if isinstance(sql_type, DateTime):
        return "datetime"
    if isinstance(sql_type, Integer):
        return "integer"
    if isinstance(sql_type, Float):
        return "float"
    return "text"


def actors_by_local_id(store: "Store", article_ids: Iterable[str]) -> dict[tuple[str, str], dict[str, Any]]:
    """(article id, local actor id such as ``A3``) -> the actor's row, for the articles given."""
    actors = ITEM_TABLES["actors"]
    ids = sorted(set(article_ids))
    if not ids:
        return {}
    with store.engine.connect() as connection:
        return {(row["article_id"], row["item_id"]): dict(row)
                for row in connection.execute(select(actors).where(actors.c.article_id.in_(ids))).mappings()}


def figures_by_local_id(store: "Store", article_ids: Iterable[str], categories: Iterable[str]
                        ) -> dict[tuple[str, str], dict[str, Any]]:
    """(article id, local figure id such as ``F2``) -> the figure's row, for the articles and categories given
    (an export reads an event's killed and wounded figures through this)."""
    figures = ITEM_TABLES["figures"]
    ids = sorted(set(article_ids))
    if not ids:
        return {}
    statement = select(figures).where(figures.c.article_id.in_(ids), figures.c.category.in_(sorted(categories)))
    with store.engine.connect() as connection:
        return {(row["article_id"], row["item_id"]): dict(row) for row in connection.execute(statement).mappings()}


def article_citations(store: "Store", article_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Article id -> its url, title, language and publisher (how to cite it), for the articles given."""
    ids = sorted(set(article_ids))
    if not ids:
        return {}
    statement = (select(articles.c.id, articles.c.url, articles.c.title, articles.c.language, articles.c.publisher)
                 .where(articles.c.id.in_(ids)))
    with store.engine.connect() as connection:
        return {row["id"]: dict(row) for row in connection.execute(statement).mappings()}


def _expand_data(found: "pd.DataFrame") -> "pd.DataFrame":
    """Fields an extractor added after the schema (kept in ``data``) become columns of their own."""
    if "data" not in found.columns:
        return found
    known = set(found.columns)
    extra: dict[str, list[Any]] = {}
    for position, item in enumerate(found["data"]):
        for key, value in (item or {}).items():
            if key not in known and key != "id":
                extra.setdefault(key, [None] * len(found))[position] = value
    found = found.drop(columns=["data"])
    for key, values in extra.items():
        found[key] = values
    return found


__all__ = ["CHUNK", "NAMES", "WHAT", "actors_by_local_id", "article_citations", "chunks", "columns",
           "figures_by_local_id", "frame", "statement"]
