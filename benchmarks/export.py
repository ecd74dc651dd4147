"""Memory and time of ``sitreps export`` on a large store: rows are streamed, so peak memory stays flat.

    python benchmarks/export.py [--events 100000] [--small 10000] [--formats jsonl parquet] [--json]
    python benchmarks/export.py --formats geojson acled

Builds two SQLite stores filled directly (no parsing): --small and --events
synthetic events, ten per article, each article with three actors, a place
and two figures (one a death toll the events cite). Then each format is
exported from each store in a fresh process, which reports its peak resident
memory (``ru_maxrss``) and how much the export added to the process's memory
after its imports (pandas and pyarrow loaded first, for every format). With streaming, the peak at --events is about the peak at
--small; ``frame`` (the whole result as one DataFrame, ``Store.events()``) is
measured on the small store for contrast (it grows with the result). A run
of two formats takes about two minutes on the project's shared 2-core
machines (a 100,000-event export takes 25-45 s there), so the formats are
measured two at a time, each run under three minutes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FORMATS = ["jsonl", "csv", "parquet", "geojson", "plover", "acled"]
PER_ARTICLE = 10
TYPES = [("ASSAULT", "aerial"), ("ASSAULT", "firearms"), ("PROTEST", "demo"), ("COERCE", "arrest"),
         ("CONSULT", "visit")]


def fill(path: Path, events: int) -> None:
    """A store of ``events`` events written straight into its tables, in batches, in one transaction."""
    from sitreps.store import Store
    from sitreps.store.schema import ITEM_TABLES, articles

    store = Store(str(path))
    now = dt.datetime.now(dt.timezone.utc)
    batch: dict[str, list[dict]] = {name: [] for name in ("articles", "actors", "places", "figures", "events")}

    def flush(connection) -> None:
        if batch["articles"]:
            connection.execute(articles.insert(), batch["articles"])
        for name in ("actors", "places", "figures", "events"):
            if batch[name]:
                connection.execute(ITEM_TABLES[name].insert(), batch[name])
        for rows in batch.values():
            rows.clear()

    with store.engine.begin() as connection:
        for n in range(events // PER_ARTICLE):
            article = f"{n:016x}"
            day = (dt.date(2024, 1, 1) + dt.timedelta(days=n % 365)).isoformat()
            text = f"Article {n}. Russian forces struck Odesa; officials in Ukraine said {n % 40} people died."
            batch["articles"].append({"id": article, "raw_hash": article, "source": "synthetic", "url":
                                      f"https://news.example/{n}", "host": "news.example", "title": f"Story {n}",
                                      "publisher": "Meridian Wire", "published": day, "language": "en",
                                      "genre": "news", "text": text, "first_seen": now, "updated": now})
            for ord_, (item, name, country, sector) in enumerate([("A1", "Russia", "RUS", "MIL"),
                                                                  ("A2", "Ukraine", "UKR", "GOV"),
                                                                  ("A3", "Protesters", "UKR", "CVL")]):
                batch["actors"].append({"article_id": article, "ord": ord_, "item_id": item, "name": name,
                                        "kind": "state", "country": country, "sector": sector, "data": {}})
            batch["places"].append({"article_id": article, "ord": 0, "item_id": "P1", "name": "Odesa",
                                    "kind": "city", "country": "UKR", "lat": 46.48, "lon": 30.72, "precision": 1,
                                    "data": {}})
            for ord_, (item, category) in enumerate([("F1", "killed"), ("F2", "wounded")]):
                batch["figures"].append({"article_id": article, "ord": ord_, "item_id": item, "text": "people",
                                         "start": 60, "end": 70, "sentence": 1, "value": n % 40, "unit": "person",
                                         "category": category, "source": "A2", "place": "P1", "day": day,
                                         "country": "UKR", "data": {}})
            for ord_ in range(PER_ARTICLE):
                kind, mode = TYPES[(n + ord_) % len(TYPES)]
                batch["events"].append({"article_id": article, "ord": ord_, "item_id": f"E{ord_ + 1}",
                                        "type": kind, "mode": mode, "actor": ["A1"], "recipient": ["A2"],
                                        "date": day if ord_ % 3 else day[:7], "place": "P1",
                                        "modality": "reported", "source": "A2", "figures": ["F1", "F2"],
                                        "text": "struck", "start": 20, "end": 26, "sentence": 1,
                                        "confidence": 0.8, "day": day, "country": "UKR", "data": {}})
            if len(batch["events"]) >= 20_000:
                flush(connection)
        flush(connection)


def run_one(db: str, fmt: str) -> dict:
    """In this process: export ``fmt`` to a temporary file; peak memory and time."""
    from sitreps.export import export
    from sitreps.store import Store

    import pandas  # noqa: F401  the libraries' own size is not the export's: load them before measuring
    import pyarrow.parquet  # noqa: F401

    store = Store(db, create=False)
    before = _rss_kb()
    started = time.perf_counter()
    if fmt == "frame":
        rows = len(store.events())
    else:
        with tempfile.TemporaryFile() as out:
            rows = export(store, "events", fmt, out)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"format": fmt, "rows": rows, "seconds": round(seconds, 2), "peak_mb": round(peak / 1024),
            "added_mb": round((peak - before) / 1024)}


def _rss_kb() -> int:
    """The process's resident memory now (kB), from /proc."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure(db: str, fmt: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    done = subprocess.run([sys.executable, __file__, "--run", fmt, "--db", db], capture_output=True, text=True,
                          env=env, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--formats", nargs="+", default=["jsonl", "parquet"], choices=FORMATS)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--run", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        print(json.dumps(run_one(args.db, args.run)))
        return
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for size in (args.small, args.events):
            path = Path(folder) / f"store-{size}.db"
            started = time.perf_counter()
            fill(path, size)
            print(f"filled {size:,} events in {time.perf_counter() - started:.1f} s", file=sys.stderr)
            for fmt in [*args.formats, *(["frame"] if size == args.small else [])]:
                found = {"events": size, **measure(str(path), fmt)}
                print(json.dumps(found), file=sys.stderr)
                results.append(found)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print("| format | events | rows written | seconds | peak MB | added by the export MB |")
    print("|---|---|---|---|---|---|")
    for row in results:
        print(f"| {row['format']} | {row['events']:,} | {row['rows']:,} | {row['seconds']} | {row['peak_mb']} | "
              f"{row['added_mb']} |")


if __name__ == "__main__":
    main()
