"""Rows of one kind as a pandas DataFrame (what ``Store.events()`` and ``sitreps export`` return), and the
look-ups an export adds to them.

A row is an article or an item with its article's context (see
``statements``); failures and corrections are read whole. Fields an extractor
added after the schema (kept in an item's ``data``) become columns of their
own, so a new field is exported before a migration gives it a column. pandas
is imported when a frame is made, not when the store is opened.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from sitreps.errors import BadParameter
from sitreps.store.queries.filters import Filters
from sitreps.store.queries.statements import articles_statement, items_statement
from sitreps.store.schema import ITEM_TABLES, articles, corrections, failures

if TYPE_CHECKING:
    import pandas as pd

    from sitreps.store import Store

WHAT = ("articles", "actors", "places", "times", "events", "figures", "claims", "failures", "corrections")


def frame(store: "Store", what: str, filters: Filters | None = None) -> "pd.DataFrame":
    """Rows of ``what`` that pass ``filters``, as a DataFrame (one column per field)."""
    import pandas as pd

    filters = filters or Filters()
    if what not in WHAT:
        raise BadParameter("what", f"what must be one of {', '.join(WHAT)}, not {what!r}")
    filters.check(what)
    if what == "failures":
        statement = select(failures).order_by(failures.c.at, failures.c.id)
    elif what == "corrections":
        statement = select(corrections).order_by(corrections.c.created, corrections.c.id)
    elif what == "articles":
        statement = articles_statement(filters)
    else:
        statement = items_statement(what, filters)
    with store.engine.connect() as connection:
        found = pd.read_sql(statement, connection)
    return _expand_data(found)


def actors_by_local_id(store: "Store", article_ids: Iterable[str]) -> dict[tuple[str, str], dict[str, Any]]:
    """(article id, local actor id such as ``A3``) -> the actor's row, for the articles given."""
    actors = ITEM_TABLES["actors"]
    ids = sorted(set(article_ids))
    if not ids:
        return {}
    with store.engine.connect() as connection:
        return {(row["article_id"], row["item_id"]): dict(row)
                for row in connection.execute(select(actors).where(actors.c.article_id.in_(ids))).mappings()}


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


__all__ = ["WHAT", "actors_by_local_id", "article_citations", "frame"]
