"""Whole reports for fusion, and what tells a reader that the store has changed.

Fusion needs each report whole (sentences, actors and places to resolve the
ids its events and figures use) and its article's text (for passages), so it
reads ``reports.report`` joined to ``articles.text``, a chunk at a time, and
leaves near-duplicate articles (syndicated copies) out unless asked: the same
wire story printed twenty times is one report, not twenty. Filters on the
figure category, the event type and dates are also applied in SQL, loosely
(an article with at least one such item, dated near the range), so a narrow
question reads a few reports rather than the whole store; fusion then
applies them exactly to the items (``sitreps.fuse.fusion.kept``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, func, or_, select

from sitreps.store.queries.filters import Filters
from sitreps.store.queries.statements import from_outlet, has_item
from sitreps.store.schema import ITEM_TABLES, articles, reports

if TYPE_CHECKING:
    from sitreps.store import Store

_CHUNK = 500
_DATE_SLACK_DAYS = 366  # an item's stored day is the start of its interval ("2024" is 2024-01-01)


def stored_reports(store: "Store", filters: Filters | None = None) -> Iterator[dict[str, Any]]:
    """Each stored report that may hold an item passing ``filters``, with its article's text, oldest
    publication first."""
    filters = filters or Filters()
    statement = (select(reports.c.report, articles.c.text, articles.c.id)
                 .select_from(reports.join(articles, articles.c.id == reports.c.article_id))
                 .order_by(articles.c.published, articles.c.id))
    if not filters.with_duplicates:
        statement = statement.where(articles.c.duplicate_of.is_(None))
    if filters.source:
        statement = statement.where(from_outlet(filters.source))
    statement = _narrowed(statement, filters)
    with store.engine.connect() as connection:
        result = connection.execution_options(stream_results=True).execute(statement)
        for rows in iter(lambda: result.fetchmany(_CHUNK), []):
            for row in rows:
                report = dict(row.report)
                report["article"] = {**report["article"], "text": row.text}
                yield report


def _narrowed(statement: Select, filters: Filters) -> Select:
    """Only articles that can hold an item passing the filters (a superset: the exact test comes later)."""
    figures, events = ITEM_TABLES["figures"], ITEM_TABLES["events"]
    if filters.category:
        statement = statement.where(has_item(figures, figures.c.category == filters.category))
    if filters.type:
        statement = statement.where(has_item(events, events.c.type == filters.type))
    if filters.since or filters.until:
        dated = []
        for table in (figures, events):
            wanted = []
            if filters.since:
                slack = dt.date.fromisoformat(filters.since) - dt.timedelta(days=_DATE_SLACK_DAYS)
                wanted.append(table.c.day >= slack.isoformat())
            if filters.until:
                wanted.append(table.c.day <= filters.until)
            dated.append(has_item(table, *wanted))
        statement = statement.where(or_(*dated))
    return statement


def near_duplicate_count(store: "Store") -> int:
    """How many stored articles are near-duplicates of another (left out of fusion by default)."""
    with store.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(articles)
                                  .where(articles.c.duplicate_of.is_not(None))).scalar_one()


def articles_state(store: "Store") -> tuple[int, Any]:
    """The number of articles and the latest time one was stored or reprocessed: it changes whenever the
    store's contents do, so a reader can key a cache on it."""
    # two statements: together in one, SQLite reads every article's row for the latest time; apart, the
    # count walks the smallest index and the latest time is the last entry of its own (migration 0007). Every
    # cached answer of the workbench asks this, on every request.
    with store.engine.connect() as connection:
        count = connection.execute(select(func.count()).select_from(articles)).scalar_one()
        latest = connection.execute(select(func.max(articles.c.updated))).scalar_one()
    return count, latest


__all__ = ["articles_state", "near_duplicate_count", "stored_reports"]
