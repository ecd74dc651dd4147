"""Reading the reports a store holds, for fusion.

Fusion needs each report whole (sentences, actors and places to resolve the
ids its events and figures use) and its article's text (for passages), so it
reads ``reports.report`` joined to ``articles.text``, a chunk at a time, and
leaves near-duplicate articles (syndicated copies) out unless asked: the same
wire story printed twenty times is one report, not twenty.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, or_, select

from sitreps.store.schema import articles, reports

if TYPE_CHECKING:
    from sitreps.fuse.fusion import FuseFilters
    from sitreps.store import Store

_CHUNK = 500


def stored_reports(store: "Store", filters: "FuseFilters") -> Iterator[dict[str, Any]]:
    """Each stored report with its article's text, oldest publication first."""
    statement = (select(reports.c.report, articles.c.text, articles.c.id)
                 .select_from(reports.join(articles, articles.c.id == reports.c.article_id))
                 .order_by(articles.c.published, articles.c.id))
    if not filters.with_duplicates:
        statement = statement.where(articles.c.duplicate_of.is_(None))
    if filters.source:
        wanted = filters.source.strip().lower().removeprefix("www.")
        statement = statement.where(or_(func.lower(articles.c.publisher) == wanted, articles.c.host == wanted,
                                        articles.c.host.like(f"%.{wanted}")))
    with store.engine.connect() as connection:
        result = connection.execution_options(stream_results=True).execute(statement)
        for rows in iter(lambda: result.fetchmany(_CHUNK), []):
            for row in rows:
                report = dict(row.report)
                report["article"] = {**report["article"], "text": row.text}
                yield report


def duplicate_count(store: "Store") -> int:
    """How many stored articles are near-duplicates of another (left out of fusion by default)."""
    with store.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(articles)
                                  .where(articles.c.duplicate_of.is_not(None))).scalar_one()
