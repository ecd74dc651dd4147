"""How fast the workbench answers: server time of the reader page, and requests/s of the main endpoints.

    python benchmarks/web.py [--seconds 5] [--threads 8] [--only ingest] [--ingest-rate 4] [--scale N]
                             [--synthetic 20000] [--store web20k.db]

Builds a store from the team's gold articles, the fusion test corpus and one
long article (the gold texts joined, about 1,500 words), starts the real
server (`sitreps serve`) on a loopback port, and then:

1. requests the long article's reader page 40 times and reports the server's
   own time (its ``Server-Timing`` header) and the time seen by the client;
2. loads each main endpoint from ``--threads`` client threads for
   ``--seconds`` and reports requests/s and latency percentiles. A page
   already read is answered from memory until an article is stored, so the
   figure and event lists are also loaded with each request one of 2,000
   different pages (pages 1-1,000 in both orders), which the server has
   mostly not read before: the speed of the store's query, not of the cache;
3. "figures under a concurrent ingest": loads ``/figures`` idle, then again
   while a writer stores ``--ingest-rate`` new articles a second into the same
   store (a real ingest's writes, without its CPU-heavy extraction, so what is
   measured is the server's cache, not the CPUs' share). Issue 21's goal:
   within 2x of idle (it fell from 15 to 0.3-0.6 requests/s when every stored
   article dropped the fused figures). ``--only ingest`` runs this part alone.

The server runs with its request budget off (``--limits`` with ``rate: 0``):
the load generator is one client making hundreds of requests a second.

With ``--synthetic N`` the store is grown to N articles by copies of the
processed ones: each copy keeps every extracted item and its offsets, but the
letters outside the items are scrambled (so no copy is a near-duplicate of
another and the lists hold all of them), and it gets its own outlet and a date
spread over two years. Storing is about 40 ms an article on one core (the
near-duplicate check), so 20,000 take some fifteen minutes.

``--store PATH`` keeps the built store at PATH and reuses it on the next run
when it is already there (a 20,000-article store is built once, then measured
as often as needed; a store made by an older sitreps is migrated when the
server opens it).

Loopback only: the load generator never leaves the machine.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sitreps import __version__  # noqa: E402
from sitreps.ingest import RawArticle  # noqa: E402
from sitreps.pipeline import process_many  # noqa: E402
from sitreps.store import Store  # noqa: E402


def build_store(path: Path) -> tuple[str, int, list[dict]]:
    """Store the corpus; returns the long article's id, its word count and the stored reports."""
    texts = sorted((ROOT / "tests" / "gold").glob("*.txt"))
    raws = [RawArticle(text=p.read_text(), source=str(p), title=p.stem.replace("-", " ")) for p in texts]
    corpus = ROOT / "tests" / "fusion" / "articles.jsonl"
    if corpus.exists():
        for line in corpus.read_text().splitlines():
            row = json.loads(line)
            raws.append(RawArticle(text=row["text"], source=row.get("url", "fusion"), title=row.get("title"),
                                   url=row.get("url"), publisher=row.get("publisher"), published=row.get("published")))
    long_text, words = "", 0
    for raw in raws:
        if words >= 1500:
            break
        long_text += raw.text.strip() + "\n\n"
        words = len(long_text.split())
    long_raw = RawArticle(text=long_text, source="long-read", title="A long read: the gold stories joined")
    store = Store(str(path))
    long_id = ""
    stored = []
    for raw, report in zip([*raws, long_raw], process_many([*raws, long_raw])):
        data = report.to_dict()
        stored.append(data)
        store.save(data, source=raw.source, raw_hash=hashlib.sha256(raw.text.encode()).hexdigest(),
                   version=__version__)
        if raw is long_raw:
            long_id = data["article"]["id"]
    store.close()
    return long_id, words, stored


def reuse_store(path: Path) -> tuple[str, int, list[dict]]:
    """A store that ``--store`` kept from an earlier run: the long article's id and words, and the reports of
    the corpus (the articles that are not synthetic copies), as ``build_store`` returns them."""
    store = Store(str(path))
    try:
        found = store.articles()
        reports, long_id, words = [], "", 0
        for article_id, source in zip(found["id"], found["source"]):
            if str(source).startswith(("synthetic/", "copy-")):
                continue
            report = store.report(str(article_id))
            if report is None:
                continue
            reports.append(report)
            if source == "long-read":
                long_id, words = str(article_id), len(report["article"]["text"].split())
    finally:
        store.close()
    if not long_id:
        raise SystemExit(f"{path}: not a store that benchmarks/web.py built (no long-read article)")
    return long_id, words, reports


def new_article(report: dict, number: int) -> dict:
    """A copy of ``report`` that the store takes as a new article, not a near-duplicate: a new id and its
    text followed by its own words shuffled (the extracted items keep their offsets)."""
    text = report["article"]["text"]
    words = text.split()
    random.Random(number).shuffle(words)
    text = f"{text}\n\n{' '.join(words)}"
    return {**report, "article": {**report["article"], "id": f"copy-{number:06d}", "text": text}}


def save(store: Store, report: dict) -> None:
    text = report["article"]["text"]
    store.save(report, source=report["article"]["id"], raw_hash=hashlib.sha256(text.encode()).hexdigest(),
               version=__version__)


def scale_store(path: Path, reports: list[dict], copies: int) -> None:
    """``copies`` more articles made from each stored report (``--scale``): fusion's cost grows with them."""
    store = Store(str(path))
    for number in range(copies * len(reports)):
        save(store, new_article(reports[number % len(reports)], 1_000_000 + number))
    store.close()


OUTLETS = ("Meridian Wire", "Harbour Post", "Northern Ledger", "Coastal Times", "Daily Sentinel", "Evening Courier",
           "Plains Gazette", "River Herald", "Summit News", "Valley Observer", "Capital Bulletin", "Frontier Report")


def grow(path: Path, articles: int, seed: int = 19) -> int:
    """Grow the store to ``articles`` articles with scrambled copies of its reports; how many were added."""
    import datetime as dt
    import random
    import string

    rng = random.Random(seed)
    store = Store(str(path))
    originals = [store.report(str(article_id)) for article_id in store.articles()["id"]]
    originals = [r for r in originals if r is not None]
    have, added = len(originals), 0
    start = dt.date(2024, 1, 1)
    while have + added < articles:
        report = json.loads(json.dumps(originals[added % len(originals)]))
        text = report["article"]["text"]
        kept = bytearray(len(text))  # 1 where an item's span lies: those characters stay as they are
        for name in ("figures", "times"):  # events and claims span whole sentences: scrambled too
            for item in report.get(name, []):
                kept[item.get("start") or 0:item.get("end") or 0] = b"\x01" * ((item.get("end") or 0) - (item.get("start") or 0))
        for name in ("actors", "places"):
            for item in report.get(name, []):
                for mention in item.get("mentions", []):
                    kept[mention["start"]:mention["end"]] = b"\x01" * (mention["end"] - mention["start"])
        letters = list(string.ascii_lowercase)
        rng.shuffle(letters)
        table = str.maketrans(string.ascii_lowercase + string.ascii_uppercase,
                              "".join(letters) + "".join(letters).upper())
        scrambled = "".join(ch if kept[i] else ch.translate(table) for i, ch in enumerate(text))
        number = have + added
        day = start + dt.timedelta(days=rng.randrange(730))
        article = report["article"]
        article.update(id=hashlib.sha256(f"synthetic-{number}".encode()).hexdigest()[:16], text=scrambled,
                       publisher=OUTLETS[number % len(OUTLETS)], published=day.isoformat(),
                       title=f"{article.get('title') or 'Report'} ({number})")
        store.save(report, source=f"synthetic/{number}", raw_hash=hashlib.sha256(scrambled.encode()).hexdigest(),
                   version=__version__)
        added += 1
    store.close()
    return added


def start_server(db: Path, port: int) -> subprocess.Popen:
    sitreps = Path(sys.executable).parent / "sitreps"
    limits = db.parent / "no-budget.yaml"
    limits.write_text("budget:\n  rate: 0\n")
    server = subprocess.Popen([str(sitreps), "serve", "--db", str(db), "--port", str(port), "--limits", str(limits)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/me", timeout=1)
            return server
        except httpx.TransportError:
            if server.poll() is not None:
                raise SystemExit(f"the server did not start: {server.stderr.read()}")
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start within 30 s")


def reader_timing(base: str, article_id: str, repeats: int = 40) -> dict[str, float]:
    server_ms, client_ms = [], []
    with httpx.Client(base_url=base) as client:
        client.get(f"/articles/{article_id}")  # warm caches
        for _ in range(repeats):
            started = time.perf_counter()
            answer = client.get(f"/articles/{article_id}")
            client_ms.append((time.perf_counter() - started) * 1000)
            answer.raise_for_status()
            server_ms.append(float(answer.headers["server-timing"].split("dur=")[1]))
    return {"server_median_ms": statistics.median(server_ms), "server_p95_ms": _p95(server_ms),
            "client_median_ms": statistics.median(client_ms), "bytes": len(answer.content)}


def load(base: str, path: str | list[str], seconds: float, threads: int) -> dict[str, float]:
    """``threads`` clients asking for ``path`` (or each time one of ``paths`` at random) for ``seconds``."""
    paths = [path] if isinstance(path, str) else path
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker() -> None:
        nonlocal errors
        mine, failed = [], 0
        pick = random.Random(threading.get_ident())
        with httpx.Client(base_url=base, timeout=30) as client:
            while time.monotonic() < stop:
                started = time.perf_counter()
                try:
                    ok = client.get(pick.choice(paths)).status_code == 200
                except httpx.HTTPError:
                    ok = False
                mine.append((time.perf_counter() - started) * 1000)
                failed += not ok
        with lock:
            latencies.extend(mine)
            errors += failed

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    started = time.perf_counter()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    elapsed = time.perf_counter() - started
    return {"requests_per_s": len(latencies) / elapsed, "p50_ms": statistics.median(latencies),
            "p95_ms": _p95(latencies), "errors": errors, "requests": len(latencies)}


def figures_under_ingest(base: str, db: Path, reports: list[dict], seconds: float, threads: int,
                         rate: float) -> dict[str, object]:
    """/figures idle, then while a writer stores ``rate`` new articles a second (``new_article``)."""
    httpx.get(f"{base}/figures", timeout=120).raise_for_status()  # fused once before the clock starts
    idle = load(base, "/figures", seconds, threads)
    stop = threading.Event()
    written = 0

    def writer() -> None:
        nonlocal written
        store = Store(str(db))
        number = 0
        while not stop.is_set():
            save(store, new_article(reports[number % len(reports)], number))
            number += 1
            written = number
            stop.wait(1 / rate)
        store.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        busy = load(base, "/figures", seconds, threads)
    finally:
        stop.set()
        thread.join()
    return {"idle": idle, "ingest": busy, "articles_written": written, "ingest_rate": rate,
            "ratio_p50": busy["p50_ms"] / idle["p50_ms"],
            "ratio_rps": idle["requests_per_s"] / busy["requests_per_s"]}


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="load per endpoint (default 5)")
    parser.add_argument("--threads", type=int, default=8, help="client threads (default 8)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--only", choices=["ingest", "api"],
                        help="ingest: only /figures idle and under a concurrent ingest; api: only the reader page "
                             "and the JSON lists (the issue's goals at size), no HTML list page, no ingest")
    parser.add_argument("--ingest-rate", type=float, default=4.0,
                        help="articles a second the concurrent writer stores (default 4)")
    parser.add_argument("--scale", type=int, default=0, metavar="N",
                        help="store N more articles made from each corpus article (fusion reads them all)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--synthetic", type=int, default=0, metavar="N",
                        help="grow the store to N articles with scrambled copies (see above)")
    parser.add_argument("--store", type=Path, metavar="PATH",
                        help="keep the built store here and reuse it when it exists (a SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.store.resolve() if args.store else Path(tmp) / "web.db"
        started = time.perf_counter()
        if args.store and db.exists():
            long_id, words, reports = reuse_store(db)
        else:
            long_id, words, reports = build_store(db)
            if args.scale:
                scale_store(db, reports, args.scale)
            if args.synthetic:
                grow(db, args.synthetic)
        built = time.perf_counter() - started
        server = start_server(db, args.port)
        base = f"http://127.0.0.1:{args.port}"
        reader, loads = None, {}
        try:
            articles = httpx.get(f"{base}/api/articles?per_page=1").json()["total"]
            if args.only != "ingest":
                reader = reader_timing(base, long_id)
                endpoints = {"/api/articles": "/api/articles", "/api/articles?q=": "/api/articles?q=drone%20attack",
                             "/api/figures": "/api/figures?per_page=50", "/api/events": "/api/events?per_page=50",
                             "/api/figures?country=": "/api/figures?per_page=50&country=Ukraine&category=killed",
                             "/api/figures, 2,000 pages": [f"/api/figures?per_page=50&page={n}&order={o}"
                                                           for n in range(1, 1001) for o in ("asc", "desc")],
                             "/api/events, 2,000 pages": [f"/api/events?per_page=50&page={n}&order={o}"
                                                          for n in range(1, 1001) for o in ("asc", "desc")],
                             "reader page": f"/articles/{long_id}", "/figures page": "/figures",
                             "/events page": "/events", "/articles page": "/articles"}
                if args.only == "api":
                    endpoints = {name: path for name, path in endpoints.items() if name.startswith("/api/")}
                loads = {name: load(base, path, args.seconds, args.threads) for name, path in endpoints.items()}
            ingest = None
            if args.only != "api":
                ingest = figures_under_ingest(base, db, reports, args.seconds, args.threads, args.ingest_rate)
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:  # still answering the last requests of a slow page
                server.kill()
                server.wait()
    figures = {"articles": articles, "long_article_words": words, "store_build_s": round(built, 1),
               "reader": reader, "load": loads, "figures_under_ingest": ingest, "threads": args.threads,
               "cpus": os.cpu_count()}
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"store: {articles} articles (built in {built:.1f} s); long article {words} words; "
          f"{args.threads} client threads, {os.cpu_count()} CPUs, one server process")
    if reader:
        print(f"reader page of the long article: server {reader['server_median_ms']:.1f} ms median, "
              f"{reader['server_p95_ms']:.1f} ms p95; client {reader['client_median_ms']:.1f} ms; "
              f"{reader['bytes'] / 1024:.0f} KiB (goal: 30 ms of server time, median)")
    print(f"{'endpoint':<32}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}")
    rows = dict(loads)
    if ingest:
        rows.update({"/figures idle": ingest["idle"],
                     f"/figures, ingest {ingest['ingest_rate']:g} art/s": ingest["ingest"]})
    for name, row in rows.items():
        print(f"{name:<32}{row['requests_per_s']:>8.1f}{row['p50_ms']:>9.1f}{row['p95_ms']:>9.1f}{row['errors']:>8}")
    if ingest:
        print(f"figures under a concurrent ingest ({ingest['articles_written']} articles written): requests/s "
              f"{ingest['ratio_rps']:.2f}x fewer, p50 {ingest['ratio_p50']:.2f}x of idle (goal: within 2x)")


if __name__ == "__main__":
    main()
