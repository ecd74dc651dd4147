"""Lists at size: a page of figures or events is read from the list-order index, not sorted from the whole store.

The workbench's lists (``/api/figures``, ``/api/events``, their pages) show fifty items in date order. On a
store of thousands of articles they were slow because the database read every item of the view and sorted it
(0.9 requests/s at 1,500 articles); migration 0007 indexes the items in that order, and the planner uses the
index once it has statistics of the store's size (``Store.refresh_statistics``: after every ingest run and
when the workbench starts). What these tests hold is the plan the database chooses, which does not depend
on the machine's speed (``benchmarks/web.py`` measures the speed).
"""

from __future__ import annotations

import hashlib
import random

from fastapi.testclient import TestClient

from sitreps import __version__
from sitreps.store import Store
from sitreps.store.queries import Filters
from sitreps.store.queries.listing import _page_statements
from sitreps.web import create_app
from tests.web_support import reports

ARTICLES = 150


def grown(path) -> Store:
    """A SQLite store of ``ARTICLES`` articles: copies of the sample's report, each with a text of its own (its
    words shuffled after the original, so none is a near-duplicate) and its own day."""
    store = Store(str(path))
    wire, _ = reports()
    for number in range(ARTICLES):
        words = wire["article"]["text"].split()
        random.Random(number).shuffle(words)
        text = f"{wire['article']['text']}\n\n{' '.join(words)}"
        copy = {**wire, "article": {**wire["article"], "id": f"copy-{number:04d}", "text": text,
                                     "published": f"2025-{1 + number % 12:02d}-{1 + number % 28:02d}"}}
        store.save(copy, source=f"copy-{number}", raw_hash=hashlib.sha256(text.encode()).hexdigest(),
                   version=__version__)
    return store


def plan(store: Store, what: str) -> str:
    """SQLite's plan for the keys of the first page of ``what`` in the default order."""
    keys, _, _ = _page_statements(what, Filters(), None, False, None, None, None, None, None)
    sql = str(keys.limit(50).offset(0).compile(store.engine, compile_kwargs={"literal_binds": True}))
    with store.engine.connect() as connection:
        return "\n".join(str(row[-1]) for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))


def stored_statistics(store: Store, table: str) -> list[str]:
    with store.engine.connect() as connection:
        return [row[0] for row in connection.exec_driver_sql(
            "SELECT stat FROM sqlite_stat1 WHERE tbl = ?", (table,))]


def test_a_page_of_a_large_store_is_read_from_the_list_order_index(tmp_path):
    store = grown(tmp_path / "grown.db")
    # with no statistics (stored article by article) and with them, the database walks the list-order index
    # and stops after the page, rather than reading every item of the store and sorting it (what made a plain
    # /api/figures take seconds)
    for _ in ("no statistics", "statistics"):
        for what in ("figures", "events", "claims"):
            found = plan(store, what)
            assert f"ix_{what}_day_article_ord" in found, found
            assert "TEMP B-TREE FOR ORDER BY" not in found, found
        store.refresh_statistics()
    with TestClient(create_app(store)) as client:
        # and the page read that way is the store's first fifty in date, article and position order
        listed = client.get("/api/figures", params={"per_page": 50}).json()
        keys = [(row["day"] or "", row["article_id"], row["ord"]) for row in listed["items"]]
        every = [(row["day"] or "", row["article_id"], row["ord"]) for row in store.figures().to_dict("records")]
        assert len(keys) == 50 and keys == sorted(every)[:50]
        assert listed["total"] == len(every)


def test_the_planners_statistics_follow_the_store(tmp_path):
    store = grown(tmp_path / "grown.db")
    assert stored_statistics(store, "figures") == []  # made empty; stored article by article since
    with TestClient(create_app(store)):
        # the workbench refreshes them as it starts: the figures' indexes are counted at the store's size (SQLite
        # samples, so the counts are estimates)
        counted, stored = stored_statistics(store, "figures"), len(store.figures())
        assert counted and all(abs(int(stat.split()[0]) - stored) < stored / 4 for stat in counted), (counted, stored)
    more = grown(tmp_path / "more.db")
    run = more.start_run(engine="local", sources=["copies"], version=__version__)
    more.finish_run(run, {"stored": ARTICLES}, "done")  # and so does the end of every ingest run
    assert stored_statistics(more, "events")
