"""The store's write rate: how many reports a second a database takes from several writers, empty and at size.

    python benchmarks/store_write.py --db postgresql://postgres@127.0.0.1:5432/ [--writers 1 2 4]
                                     [--articles 600] [--stored 0 730000] [--json]

Workers of a cluster write their own reports, one transaction per article
(article, report, item rows, 16 near-duplicate bands, after a near-duplicate
lookup). This measures that write path alone, without parsing: real reports
are made once from the Wikinews texts (benchmarks/corpora.py), then cloned,
each clone with its own id and a text of its own (so it is not a duplicate
and rarely a near-duplicate), and --writers processes save --articles of them
into a new database (a new PostgreSQL database on the server --db names, or
a new SQLite file when --db is a folder).

--stored N first fills the new database with N stored articles (a short text,
a signature and 16 band rows each, loaded in bulk, no reports), so that the
near-duplicate lookup and the indexes work at that size: 730,000 is one GDELT
day. Besides articles/s and rows/s it reports the lookup's latency (the
SELECT that finds candidates through the bands, as ``Store.save`` runs it).
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import make_corpus  # noqa: E402


def reports(count: int) -> list[dict]:
    from sitreps import extract_many

    return [report.to_dict() for report in extract_many(make_corpus("wikinews", count))]


def clone(report: dict, rng: random.Random) -> dict:
    """The report with a new id and a text of its own: a random token after every fourth word."""
    words = report["article"]["text"].split(" ")
    for i in range(len(words) - 1, 0, -4):
        words.insert(i, f"{rng.getrandbits(32):08x}")
    made = copy.deepcopy(report)
    made["article"]["id"] = f"{rng.getrandbits(64):016x}"
    made["article"]["text"] = " ".join(words)
    return made


def rows_of(report: dict) -> int:
    from sitreps.store.rows import item_rows

    return 1 + 1 + 16 + sum(len(r) for r in item_rows(report, "x").values())  # article, report, bands, items


def writer(url: str, originals: list[dict], count: int, seed: int, queue, start) -> None:
    from sitreps.store import Store

    store = Store.shared(url)
    rng = random.Random(seed)
    made = [clone(originals[i % len(originals)], rng) for i in range(count)]
    queue.put("ready")
    start.wait()  # so that every writer starts together
    for report in made:
        store.save(report, source=f"bench:{report['article']['id']}", raw_hash=report["article"]["id"],
                   version="0.0.0")
    queue.put("done")


def new_database(target: str) -> str:
    if "://" not in target:
        return str(Path(target) / f"write-{uuid.uuid4().hex[:6]}.db")
    import psycopg

    base = target.rstrip("/")
    server = (base.rsplit("/", 1)[0] if base.count("/") >= 3 else base) + "/"  # without a database name
    name = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server + "postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return server + name


def fill(url: str, count: int) -> float:
    """``count`` stored articles with random signatures and their bands, in bulk; returns seconds."""
    import numpy as np

    from sitreps.store import Store
    from sitreps.store import minhash

    store = Store(url)
    started = time.perf_counter()
    rng = np.random.default_rng(1)
    now = dt.datetime.now(dt.timezone.utc).isoformat()
    batch = 50_000
    raw = store.engine.raw_connection()
    try:
        for start in range(0, count, batch):
            n = min(batch, count - start)
            signatures = rng.integers(0, 2**32 - 1, size=(n, minhash.PERMUTATIONS), dtype=np.uint32)
            ids = [f"f{start + i:015x}" for i in range(n)]
            cursor = raw.cursor()
            if store.backend == "postgresql":
                with cursor.copy("COPY articles (id, raw_hash, source, text, minhash, first_seen, updated) "
                                 "FROM STDIN") as copy_in:
                    for article_id, sig in zip(ids, signatures):
                        copy_in.write_row((article_id, article_id, "fill", "filler text", minhash.to_bytes(sig), now,
                                           now))
                with cursor.copy("COPY article_bands (article_id, band, hash) FROM STDIN") as copy_in:
                    for article_id, sig in zip(ids, signatures):
                        for band, value in enumerate(minhash.bands(sig)):
                            copy_in.write_row((article_id, band, value))
            else:
                cursor.executemany("INSERT INTO articles (id, raw_hash, source, text, minhash, first_seen, updated) "
                                   "VALUES (?, ?, 'fill', 'filler text', ?, ?, ?)",
                                   [(a, a, minhash.to_bytes(s), now, now) for a, s in zip(ids, signatures)])
                cursor.executemany("INSERT INTO article_bands (article_id, band, hash) VALUES (?, ?, ?)",
                                   [(a, b, v) for a, s in zip(ids, signatures) for b, v in enumerate(minhash.bands(s))])
            raw.commit()
        cursor = raw.cursor()
        cursor.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()
    return time.perf_counter() - started


def lookup_latency(url: str, originals: list[dict], tries: int = 200) -> dict[str, float]:
    """Milliseconds of the candidate lookup through the bands, for new signatures."""
    from sitreps.store import Store
    from sitreps.store import minhash

    store = Store(url)
    rng = random.Random(2)
    times = []
    with store.engine.connect() as connection:
        for i in range(tries):
            signature = minhash.signature(clone(originals[i % len(originals)], rng)["article"]["text"])
            started = time.perf_counter()
            store._near_duplicate(connection, "none", signature)  # noqa: SLF001 - the lookup save runs
            times.append(1000 * (time.perf_counter() - started))
    times.sort()
    return {"median_ms": round(statistics.median(times), 2), "p95_ms": round(times[int(0.95 * len(times))], 2)}


def measure(target: str, originals: list[dict], writers: int, articles: int, stored: int) -> dict:
    from sitreps.store import Store

    url = new_database(target)
    Store(url)  # the schema
    fill_seconds = fill(url, stored) if stored else 0.0
    context = multiprocessing.get_context("spawn")
    queue, start = context.Queue(), context.Event()
    processes = [context.Process(target=writer, args=(url, originals, articles // writers, seed, queue, start))
                 for seed in range(writers)]
    for process in processes:
        process.start()
    for _ in processes:
        assert queue.get(timeout=600) == "ready"
    started = time.perf_counter()
    start.set()
    for _ in processes:
        assert queue.get(timeout=3600) == "done"
    seconds = time.perf_counter() - started
    for process in processes:
        process.join()
    done = writers * (articles // writers)
    rows = statistics.mean(rows_of(r) for r in originals)
    return {"writers": writers, "stored_before": stored, "articles": done, "seconds": round(seconds, 1),
            "articles_per_s": round(done / seconds, 1), "rows_per_s": round(done * rows / seconds),
            "rows_per_article": round(rows), "fill_seconds": round(fill_seconds, 1),
            "lookup": lookup_latency(url, originals)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="a PostgreSQL server URL, or a folder for SQLite files (default: a temporary one)")
    parser.add_argument("--writers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--articles", type=int, default=600, help="articles saved per measurement")
    parser.add_argument("--stored", type=int, nargs="+", default=[0], help="articles stored before, for each size")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    target = args.db or tempfile.mkdtemp(prefix="sitreps-write-")
    originals = reports(48)
    results = [measure(target, originals, w, args.articles, n) for n in args.stored for w in args.writers]
    if args.json:
        print(json.dumps({"cpus": os.cpu_count(), "runs": results}))
        return 0
    print(f"{'stored before':>13} {'writers':>7} {'articles/s':>10} {'rows/s':>8} {'lookup median ms':>16} "
          f"{'p95 ms':>7}")
    for row in results:
        print(f"{row['stored_before']:>13,} {row['writers']:>7} {row['articles_per_s']:>10.1f} {row['rows_per_s']:>8,} "
              f"{row['lookup']['median_ms']:>16.2f} {row['lookup']['p95_ms']:>7.2f}")
    print(f"({results[0]['rows_per_article']} rows per article: article, report, 16 bands, items)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
