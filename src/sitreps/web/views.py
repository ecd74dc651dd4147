"""The pictures on the pages: a quantity's chart, the events timeline and the events map (inline SVG).

The drawing is in ``charts`` and ``basemap``; this module picks the rows to
draw from the store and turns them into chart points with links back to the
articles they come from.
"""

from __future__ import annotations

import dataclasses
from typing import Any, cast
from urllib.parse import quote

from markupsafe import Markup

from sitreps.store import Store, queries
from sitreps.store.queries import Filters
from sitreps.web.basemap import MapPoint, world_map
from sitreps.web.charts import TimelineItem, timeline

TIMELINE_ROWS = 1000
OUTLIER_SLACK_DAYS = 730
# places that are areas, not spots: drawn as a dashed ring at their centroid
AREA_KINDS = frozenset({"country", "admin1", "region", "water"})


def figure_chart(request: Any, filters: Filters, subject: str | None) -> dict[str, Any] | None:
    """The chart of the ledger quantity (see ``sitreps.fuse``) with the most sources among the figures shown
    (of the category asked for, else the commonest one: fusing one category reads only its articles): a
    category alone mixes quantities (killed in one city, killed in a war), so one quantity is charted. While
    a large store's fusion is still being made, ``{"preparing": category}``: the page shows itself without
    the chart rather than wait for it."""
    from sitreps.web.fusion import chart

    from sitreps.web.fusion import NOISY_CATEGORIES, _noise

    # unasked, a percentage (stock markets, turnout, polls) or the catch-all "other" is never charted: they
    # mix unrelated quantities; asked for by category, they are
    category = filters.category or queries.commonest_category(
        request.app.state.store, excluding=(*NOISY_CATEGORIES, "money", "distance", "area"))
    if category is None:
        return None
    wanted = dataclasses.replace(filters, type=None, category=category, subject=subject or None,
                                 with_duplicates=False)
    fusion = request.app.state.fusion_cache.ready(request.app.state.store, wanted)
    if fusion is None:
        return {"preparing": category}
    ledger = fusion.ledger if filters.category else [q for q in fusion.ledger if not _noise(q)]
    charted = [q for q in ledger if len({e.date for e in q.estimates if e.date}) > 1] or ledger
    if not charted:
        return None
    quantity = max(charted, key=lambda q: (len(q.sources), len(q.estimates)))
    return {"quantity": quantity, "svg": chart(quantity)}


def event_timeline(store: Store, filters: Filters) -> Markup:
    """The events on a date axis; with no dates asked for, the few far from the rest are left out (and
    counted in the title) so they do not squash the axis."""
    rows = queries.list_items(store, "events", filters=filters, page=queries.Page(1, queries.MAX_PER_PAGE),
                              sort="day").rows
    items = [TimelineItem(row["day"], f"{row['type']}: {(row.get('text') or '')[:120]}", row["type"],
                          f"/articles/{quote(row['article_id'])}#item-{quote(str(row.get('id') or ''))}")
             for row in rows[:TIMELINE_ROWS] if row.get("day")]
    kept, left_out = (items, 0) if filters.since or filters.until else without_outliers(items)
    title = "Events by type"
    if left_out:
        title += f" ({left_out} far from the rest left out: set since/until to see them)"
    return Markup(timeline(kept, title=title))


def without_outliers(items: list[TimelineItem], slack_days: int = OUTLIER_SLACK_DAYS) -> tuple[list[TimelineItem], int]:
    """The items without those dated far outside the rest (a 1909 anniversary among this year's strikes would
    stretch the axis until every dot of the year sits on one pixel): more than ``slack_days`` before the 5th
    or after the 95th percentile of the dates. Only when the filters set no dates: then the axis is asked for."""
    days = sorted(cast(str, item.date)[:10] for item in items)  # the store's items carry ISO strings
    if len(days) < 10:
        return items, 0
    import datetime as dt

    low = dt.date.fromisoformat(days[len(days) // 20]) - dt.timedelta(days=slack_days)
    high = dt.date.fromisoformat(days[-1 - len(days) // 20]) + dt.timedelta(days=slack_days)
    kept = [item for item in items if low.isoformat() <= cast(str, item.date)[:10] <= high.isoformat()]
    return kept, len(items) - len(kept)


def event_map(store: Store, filters: Filters) -> Markup:
    # each circle links to the events at that place, with the page's other filters kept
    points = [MapPoint(float(p["lat"]), float(p["lon"]), p["name"] or "?", int(p["events"]),
                       f"/events?{_query(filters, place=p['name'])}", "event",
                       "area" if p.get("kind") in AREA_KINDS else "point")
              for p in queries.place_points(store, filters) if p.get("lat") is not None]
    return Markup(world_map(points, title="Where events happened"))


def _fields(filters: Filters) -> dict[str, Any]:
    return {name: getattr(filters, name) for name in ("since", "until", "country", "type", "category", "source",
                                                      "with_duplicates")}


def _query(filters: Filters, **more: Any) -> str:
    from urllib.parse import urlencode

    kept = {("outlet" if k == "source" else k): v for k, v in _fields(filters).items() if v and k != "with_duplicates"}
    return urlencode({**kept, **{k: v for k, v in more.items() if v}})
