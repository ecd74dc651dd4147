"""The pictures on the pages: a quantity's chart, the events timeline and the events map (inline SVG).

The drawing is in ``charts`` and ``basemap``; this module picks the rows to
draw from the store and turns them into chart points with links back to the
articles they come from.
"""

from __future__ import annotations

import dataclasses
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from sitreps.store import Store, queries
from sitreps.store.queries import Filters
from sitreps.web.basemap import MapPoint, world_map
from sitreps.web.charts import TimelineItem, timeline

TIMELINE_ROWS = 1000


def figure_chart(request: Any, filters: Filters, subject: str | None) -> dict[str, Any] | None:
    """The chart of the ledger quantity (see ``sitreps.fuse``) with the most sources among the figures shown
    (of the category asked for, else the commonest one: fusing one category reads only its articles): a
    category alone mixes quantities (killed in one city, killed in a war), so one quantity is charted."""
    from sitreps.web.fusion import chart

    category = filters.category or queries.commonest_category(request.app.state.store)
    if category is None:
        return None
    wanted = dataclasses.replace(filters, type=None, category=category, subject=subject or None,
                                 with_duplicates=False)
    fusion = request.app.state.fusion_cache.get(request.app.state.store, wanted)
    charted = [q for q in fusion.ledger if len({e.date for e in q.estimates if e.date}) > 1] or fusion.ledger
    if not charted:
        return None
    quantity = max(charted, key=lambda q: (len(q.sources), len(q.estimates)))
    return {"quantity": quantity, "svg": chart(quantity)}


def event_timeline(store: Store, filters: Filters) -> Markup:
    rows = queries.list_items(store, "events", filters=filters, page=queries.Page(1, queries.MAX_PER_PAGE),
                              sort="day").rows
    items = [TimelineItem(row["day"], f"{row['type']}: {(row.get('text') or '')[:120]}", row["type"],
                          f"/articles/{quote(row['article_id'])}#item-{quote(str(row.get('id') or ''))}")
             for row in rows[:TIMELINE_ROWS] if row.get("day")]
    return Markup(timeline(items, title="Events by type"))


def event_map(store: Store, filters: Filters) -> Markup:
    points = [MapPoint(float(p["lat"]), float(p["lon"]), p["name"] or "?", int(p["events"]),
                      f"/events?{_query(filters)}", "event")
              for p in queries.place_points(store, filters) if p.get("lat") is not None]
    return Markup(world_map(points, title="Where events happened"))


def _fields(filters: Filters) -> dict[str, Any]:
    return {name: getattr(filters, name) for name in ("since", "until", "country", "type", "category", "source",
                                                      "with_duplicates")}


def _query(filters: Filters) -> str:
    from urllib.parse import urlencode

    return urlencode({k: v for k, v in _fields(filters).items() if v and k != "with_duplicates"})
