"""The SELECT statements the readers share: articles and items that pass a ``Filters``, with their context.

Every item row carries its article's id, date, outlet and URL, so a row can be
traced to its text. Near-duplicates (syndicated copies) are left out unless
``with_duplicates`` is set, so counts are not inflated by the same wire story
printed twenty times. Dates filter on the item's own date where it has one
(events, figures, claims: ``day``), else on the article's publication date.
These statements are built here, in the store, and run by the readers beside
them (``tables``, ``reports``, ``listing``); nothing outside the store builds
SQL on its tables.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, and_, exists, func, or_, select

from sitreps.store.queries.filters import Filters
from sitreps.store.schema import ITEM_TABLES, articles, places, reports

DATED = ("events", "figures", "claims")
_ARTICLE_CONTEXT = ("published", "publisher", "host", "url", "duplicate_of")


def articles_statement(filters: Filters) -> Select:
    """Articles (every column but the MinHash signature) with their report's version and warnings."""
    columns = [c for c in articles.c if c.name not in {"minhash"}]
    statement = (select(*columns, reports.c.sitreps_version, reports.c.warnings)
                 .select_from(articles.join(reports, reports.c.article_id == articles.c.id)))
    statement = _article_filters(statement, filters, dated=False)
    if filters.country:
        statement = statement.where(has_item(places, places.c.country == filters.country))
    if filters.type:
        events = ITEM_TABLES["events"]
        statement = statement.where(has_item(events, events.c.type == filters.type))
    if filters.category:
        figures = ITEM_TABLES["figures"]
        statement = statement.where(has_item(figures, figures.c.category == filters.category))
    return statement.order_by(articles.c.published, articles.c.id)


def items_statement(what: str, filters: Filters, *, bare: bool = False) -> Select:
    """Items of one kind with their article's context (``outlet`` is its web site); events and figures also
    get their place's name, coordinates, precision (ACLED's 1-3) and kind (``place_name``, ``lat``, ``lon``,
    ``place_precision``, ``place_kind``), for maps. ``bare``: only the items' keys (``pk``) under the same
    filters, joined to nothing the filters do not need (to count a view of 200,000 items, where joining each
    to its article and place tripled the time)."""
    table = ITEM_TABLES[what]
    columns = [c.label("id") if c.name == "item_id" else c for c in table.c if c.name != "pk"]
    context = [articles.c[name].label("outlet" if name == "host" else name) for name in _ARTICLE_CONTEXT]
    joined: Any = table.join(articles, articles.c.id == table.c.article_id)
    extra = []
    if bare:
        dated_by_article = what not in DATED and (filters.since or filters.until)
        joined = joined if filters.source or dated_by_article else table
        columns, context = [table.c.pk], []
    elif what in {"events", "figures"}:
        place = places.alias("place")
        joined = joined.outerjoin(place, and_(place.c.article_id == table.c.article_id,
                                              place.c.item_id == table.c.place))
        extra = [place.c.name.label("place_name"), place.c.lat, place.c.lon,
                 place.c.precision.label("place_precision"), place.c.kind.label("place_kind")]
    statement = select(*columns, *context, *extra).select_from(joined)
    statement = _article_filters(statement, filters, dated=what not in DATED, items=table)
    if what in DATED:
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
    if bare:
        return statement  # keys to count or to order as the caller wants: no order that needs the articles
    return statement.order_by(articles.c.published, table.c.article_id, table.c.ord)


def has_item(table: Any, *conditions: Any) -> Any:
    """The article has an item of ``table`` meeting ``conditions`` (for WHERE clauses over articles)."""
    return exists().where(and_(table.c.article_id == articles.c.id, *conditions))


def is_duplicate(items: Any) -> Any:
    """The item's article is a near-duplicate of another (for WHERE clauses over an item table).

    Asked as "the article is one of the duplicates", not as a condition on the joined articles: that condition
    made SQLite build a filter over every article before reading a single item (some 20 ms at 20,000
    articles), while a list's first page in date order needs only the first fifty entries of the list-order
    index. The duplicates are found once per query through their own partial index (migration 0007), a few
    entries where a store has any."""
    return items.c.article_id.in_(select(articles.c.id).where(articles.c.duplicate_of.is_not(None)))


def from_outlet(source: str) -> Any:
    """The article is from this outlet (its name) or web site (example.org, subdomains included)."""
    wanted = source.strip().lower().removeprefix("www.")
    return or_(func.lower(articles.c.publisher) == wanted, articles.c.host == wanted,
               articles.c.host.like(f"%.{wanted}"))


def _article_filters(statement: Select, filters: Filters, *, dated: bool, items: Any = None) -> Select:
    if not filters.with_duplicates:
        if items is None:
            statement = statement.where(articles.c.duplicate_of.is_(None))
        else:
            statement = statement.where(~is_duplicate(items))
    if dated and filters.since:
        statement = statement.where(articles.c.published >= filters.since)
    if dated and filters.until:
        statement = statement.where(articles.c.published <= filters.until)
    if filters.source:
        statement = statement.where(from_outlet(filters.source))
    return statement


__all__ = ["DATED", "articles_statement", "from_outlet", "has_item", "is_duplicate", "items_statement"]
