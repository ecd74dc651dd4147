"""The store's read side: every SELECT on the store's tables, and the one ``Filters``.

Export, fusion and the workbench ask the store for what they need and never
build SQL on its tables themselves, so the schema can change in one package
(with its migrations) and every reader follows. Each function takes an open
``sitreps.store.Store`` and returns plain values (dicts, DataFrames,
``Listing`` pages), never a SQLAlchemy statement.

    >>> from sitreps.store import Store
    >>> from sitreps.store.queries import Filters, frame, stored_reports
    >>> frame(store, "events", Filters(country="UKR", since="2024-10-01"))   # a DataFrame
    >>> for report in stored_reports(store, Filters(category="troops")): ...

Modules, one reader each: ``filters`` (the one ``Filters``), ``statements``
(the shared SELECTs over articles and items), ``tables`` (DataFrames, for
export and ``Store.events()`` …), ``reports`` (whole reports, for fusion),
``listing`` (the workbench's paged lists), ``search`` (full text).
"""

from sitreps.store.queries.filters import Filters
from sitreps.store.queries.listing import (FACETS, MAX_PAGE, MAX_PER_PAGE, SORTS, Listing, Page, actor_index,
                                           actor_profile,
                                           commonest_category, correction, corrections_at, count_items, counts,
                                           dismissed_contradictions, facets, item_count, iter_items, list_articles,
                                           list_corrections, list_items, local_names, open_corrections,
                                           place_index, place_points, sort_column)
from sitreps.store.queries.search import MAX_QUERY_CHARACTERS, MAX_QUERY_TERMS
from sitreps.store.queries.reports import articles_state, near_duplicate_count, stored_reports
from sitreps.store.queries.tables import (CHUNK, WHAT, actors_by_local_id, article_citations, chunks, columns,
                                          figures_by_local_id, frame, statement)

__all__ = ["CHUNK", "FACETS", "MAX_PAGE", "MAX_PER_PAGE", "MAX_QUERY_CHARACTERS", "MAX_QUERY_TERMS", "SORTS", "WHAT", "Filters", "Listing", "Page", "actor_index", "actor_profile",
           "actors_by_local_id", "article_citations", "articles_state", "chunks", "columns", "commonest_category", "correction",
           "corrections_at", "count_items", "counts", "dismissed_contradictions", "facets", "figures_by_local_id", "frame", "item_count",
           "iter_items", "list_articles", "list_corrections", "list_items", "local_names", "near_duplicate_count",
           "open_corrections", "place_index", "place_points", "sort_column", "statement", "stored_reports"]
