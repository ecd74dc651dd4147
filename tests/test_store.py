"""The store, on SQLite and on PostgreSQL: migrations, identity, near-duplicates, reprocessing, atomicity.

These tests build reports from the dataclasses directly (no spaCy), so they
test the store and not the extractors; the ingest tests run the real pipeline.
"""

from __future__ import annotations

import hashlib
import multiprocessing

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text

from sitreps.errors import StoreError
from sitreps.schema import schema_errors
from sitreps.store import Store, database_url, minhash
from sitreps.store.schema import articles, metadata, outside_metadata
from sitreps.types import Actor, Article, Claim, Event, Figure, Mention, Place, Report, Sentence

WIRE = ("KYIV, Oct 22 (Meridian Wire) - Russian forces struck the port of Odesa overnight with 12 drones, "
        "wounding four dock workers and destroying grain stores, the regional governor said on Tuesday. "
        "Ukraine's air force said it shot down nine of the drones over the southern regions, and officials "
        "said repairs to the silos would take several weeks while exports continue through other ports.")
OTHER = ("BRUSSELS, Oct 23 (Meridian Wire) - European Union ministers agreed on Wednesday to extend sanctions "
         "on Russian banks for another six months, diplomats said, after Hungary dropped its objections "
         "in exchange for exemptions on gas payments that run until the end of the coming winter season.")


def make_report(text: str, *, published: str | None = "2024-10-22", url: str | None = None,
                publisher: str | None = "Meridian Wire", event_type: str = "ASSAULT", event_date: str | None = None,
                country: str = "UKR", category: str = "wounded", extra: dict | None = None) -> dict:
    """A valid sitreps/1 report (checked against the schema) with one of each item kind."""
    first = text.index(".") + 1
    place_at = text.find("Odesa") if "Odesa" in text else 0
    report = Report(
        article=Article(id=hashlib.sha256(text.encode()).hexdigest()[:16], text=text, url=url, title=None,
                        publisher=publisher, published=published, published_basis="given" if published else "unknown",
                        genre="news"),
        sentences=[Sentence(0, first)],
        actors=[Actor("A1", "Russia", "state", "RUS", "GOV", mentions=[Mention(0, 4, text[:4], 0)]),
                Actor("A2", "Ukraine", "state", country, "GOV")],
        places=[Place("P1", "Odesa", "city", country, 46.48, 30.72, 1, [Mention(place_at, place_at + 5, "Odesa", 0)])],
        figures=[Figure("F1", "four dock workers", 10, 27, 0, value=4, unit="person", category=category,
                        what="dock workers", place="P1", source="A2", attribution="reported")],
        events=[Event("E1", event_type, "struck the port", 40, 55, 0, mode="aerial", actor=["A1"],
                      recipient=["A2"], date=event_date, place="P1", modality="reported", source="A2",
                      figures=["F1"], confidence=0.8)],
        claims=[Claim("C1", "the regional governor said", 60, 86, 0, speaker="A2", cue="said", about=["E1"])],
    )
    data = report.to_dict()
    errors = schema_errors(data)
    assert not errors, errors
    if extra:
        data["events"][0].update(extra)
    return data


def raw_hash(text: str) -> str:
    return hashlib.sha256(("raw:" + text).encode()).hexdigest()


def save(store: Store, report: dict, version: str = "0.1.0", replace: bool = False, raw: str | None = None):
    return store.save(report, source="test", raw_hash=raw or raw_hash(report["article"]["text"]), version=version,
                      replace=replace)


def test_migrations_create_exactly_the_schema_the_code_describes(store_url):
    store = Store(store_url)
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": outside_metadata})
        differences = compare_metadata(context, metadata)
    assert differences == []
    Store(store_url)  # opening again is a no-op, not a second migration


def test_an_article_is_stored_once_and_its_report_comes_back_whole(store_url):
    store = Store(store_url)
    report = make_report(WIRE)
    first = save(store, report)
    again = save(store, report)
    assert (first.status, again.status) == ("new", "duplicate")
    assert store.count() == 1 and store.count("events") == 1 and store.count("actors") == 2
    assert store.report(report["article"]["id"]) == report
    stored = store.events()
    assert stored.loc[0, "type"] == "ASSAULT" and stored.loc[0, "actor"] == ["A1"]
    assert stored.loc[0, "country"] == "UKR" and stored.loc[0, "day"] == "2024-10-22"


def test_reprocessing_replaces_the_report_atomically_and_records_the_version(store_url):
    store = Store(store_url)
    old = make_report(WIRE, event_type="ASSAULT")
    save(store, old, version="0.1.0")
    first_seen = store.articles().loc[0, "first_seen"]
    new = make_report(WIRE, event_type="COERCE")
    new["figures"] = []
    result = save(store, new, version="0.2.0", replace=True)
    assert result.status == "reprocessed"
    articles_now = store.articles()
    assert len(articles_now) == 1 and articles_now.loc[0, "sitreps_version"] == "0.2.0"
    assert articles_now.loc[0, "first_seen"] == first_seen
    assert store.events()["type"].tolist() == ["COERCE"]
    assert store.count("figures") == 0 and store.count("reports") == 1


def test_a_report_whose_cleaned_text_changed_replaces_the_old_article(store_url):
    store = Store(store_url)
    old = make_report(WIRE)
    save(store, old, raw=raw_hash("page"))
    copy = make_report(WIRE.replace("overnight", "overnight again"))
    assert save(store, copy).status == "near-duplicate"
    store.add_correction(old["article"]["id"], "events", "wrong", item_id="E1", text="struck the port")
    cleaned_anew = make_report(WIRE + " Reporting by Jane Roe.")
    result = save(store, cleaned_anew, version="0.2.0", replace=True, raw=raw_hash("page"))
    assert result.status == "reprocessed"
    ids = set(store.articles(with_duplicates=True)["id"])
    assert old["article"]["id"] not in ids and cleaned_anew["article"]["id"] in ids
    linked = store.articles(with_duplicates=True).set_index("id").loc[copy["article"]["id"], "duplicate_of"]
    assert linked == cleaned_anew["article"]["id"]
    assert store.corrections()["article_id"].tolist() == [cleaned_anew["article"]["id"]]


def test_near_duplicates_link_to_the_original_and_unrelated_articles_do_not(store_url):
    store = Store(store_url)
    original = make_report(WIRE)
    syndicated = make_report("ODESA (Harbour Ledger) - " + WIRE.replace("on Tuesday", "on Tuesday morning"),
                             publisher="Harbour Ledger")
    copy_of_copy = make_report(syndicated["article"]["text"] + " Editing by John Poe.")
    assert save(store, original).status == "new"
    assert save(store, make_report(OTHER)).status == "new"
    linked = save(store, syndicated)
    assert (linked.status, linked.duplicate_of) == ("near-duplicate", original["article"]["id"])
    assert linked.similarity >= minhash.THRESHOLD
    assert save(store, copy_of_copy).duplicate_of == original["article"]["id"]  # the root, not the copy
    assert len(store.events()) == 2 and len(store.events(with_duplicates=True)) == 4


def test_a_failed_save_leaves_nothing_behind(store_url, monkeypatch):
    import sitreps.store

    store = Store(store_url)
    original = sitreps.store.item_rows

    def broken(report, article_id):  # the claims, inserted last, cannot be written
        rows = original(report, article_id)
        rows["claims"][0]["start"] = object()  # no database driver can write this
        return rows

    monkeypatch.setattr(sitreps.store, "item_rows", broken)
    with pytest.raises(Exception, match="(?i)bind|adapt"):
        save(store, make_report(WIRE))
    monkeypatch.setattr(sitreps.store, "item_rows", original)
    assert store.count() == 0 and store.count("events") == 0 and store.count("reports") == 0
    assert save(store, make_report(WIRE)).status == "new"


def test_failures_are_kept_once_per_input_and_cleared_when_it_is_read(store_url):
    from sitreps.corpus.entry import Failure

    store = Store(store_url)
    store.record_failures([Failure("a.txt", "the input is empty", "EmptyInput", 5, "news")], version="0.1.0")
    store.record_failures([Failure("a.txt", "no article text", "NoArticleText", 9, "news"),
                           Failure("b.txt", "binary", "BinaryInput", 6, "news")], version="0.1.0")
    rows = store.failures().sort_values("key")
    assert rows["key"].tolist() == ["a.txt", "b.txt"] and rows["reason"].tolist()[0] == "no article text"
    store.clear_failures(["a.txt"])
    assert store.failures()["key"].tolist() == ["b.txt"]
    run = store.start_run(engine="local:1", sources=["news"], version="0.1.0")
    store.finish_run(run, {"read": 2}, "done")


def test_bad_databases_are_refused_with_one_line(tmp_path, store_url):
    with pytest.raises(StoreError, match="no such database"):
        Store(str(tmp_path / "missing.db"), create=False)
    with pytest.raises(StoreError, match="folder does not exist"):
        Store(str(tmp_path / "no" / "such" / "sitreps.db"))
    with pytest.raises(StoreError, match="cannot open the database"):
        Store("postgresql://nobody@127.0.0.1:1/none")
    store = Store(store_url)
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'ffff'"))
    with pytest.raises(StoreError, match="newer sitreps"):
        Store(store_url)


def test_database_urls_from_what_users_type(tmp_path):
    assert database_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"


def _write_many(url: str, texts: list[str], queue) -> None:
    store = Store(url, migrate_schema=False)
    queue.put([save(store, make_report(t)).status for t in texts])


def test_two_processes_write_to_one_store_without_losing_or_doubling_anything(store_url):
    Store(store_url)  # the driver migrates; workers only check
    texts = [f"Report number {i}. " + (WIRE if i % 2 else OTHER).replace("Oct", f"Oct {i}") for i in range(12)]
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    # both processes write the middle four articles: each must end up stored once
    workers = [context.Process(target=_write_many, args=(store_url, texts[:8], queue)),
               context.Process(target=_write_many, args=(store_url, texts[4:], queue))]
    for worker in workers:
        worker.start()
    statuses = queue.get(timeout=120) + queue.get(timeout=120)
    for worker in workers:
        worker.join(timeout=60)
    assert all(w.exitcode == 0 for w in workers)
    assert statuses.count("duplicate") == 4 and len(statuses) == 16
    store = Store(store_url)
    assert store.count() == 12 and store.count("reports") == 12 and store.count("events") == 12
    with store.engine.connect() as connection:
        assert connection.execute(select(articles.c.id).where(articles.c.duplicate_of == articles.c.id)).first() is None
    assert store.count("failures") == 0
