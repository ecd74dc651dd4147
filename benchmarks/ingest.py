"""Ingest throughput: articles/s into SQLite with 1 and 2 local processes and a 2-worker Dask LocalCluster.

    python benchmarks/ingest.py [--articles 60] [--words 1200] [--no-raw] [--json]
    python benchmarks/ingest.py --articles 2000     # the full run: about two hours on 2 cores (2026-11)

Every run ingests the same synthetic corpus (benchmarks/synthetic.py: gold
paragraphs strung to ~1,200 words, with wire boilerplate) from one JSONL file
into a new SQLite database, end to end: reading, cleaning, parsing,
extraction, near-duplicate signatures and one transaction per article.
Workers are started and their spaCy model loaded before the clock starts, as
a long ingest amortises that. Peak memory is each worker process's maximum
resident set size. For reference it also times the pipeline alone
(``extract_many``, no store) and raw spaCy ``nlp.pipe`` on the same texts with
1 and 2 processes (--no-raw skips these).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import make_articles  # noqa: E402

from sitreps.config import Settings  # noqa: E402
from sitreps.corpus.runner import InProcessEngine, ProcessEngine, ingest  # noqa: E402
from sitreps.distributed import DaskEngine  # noqa: E402
from sitreps.nlp import get_nlp  # noqa: E402


def run(label: str, engine, corpus: Path, folder: Path, count: int) -> dict:
    db = folder / f"{label.replace(' ', '-')}.db"
    summary = ingest([str(corpus)], db=str(db), engine=engine)
    assert summary.new + summary.near_duplicate == count and not summary.failed, summary.to_dict()
    peak = max(summary.peak_rss_mb.values()) if summary.peak_rss_mb else 0.0
    return {"engine": label, "workers": len(summary.peak_rss_mb), "seconds": round(summary.seconds, 1),
            "articles_per_s": round(count / summary.seconds, 2), "peak_mb_per_worker": round(peak)}


def raw_spacy(texts: list[str], processes: int) -> dict:
    nlp = get_nlp()
    list(nlp.pipe(texts[:4]))
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=Settings().batch_size, n_process=processes):
        pass
    seconds = time.perf_counter() - started
    return {"engine": f"raw nlp.pipe, {processes} process(es)", "workers": processes, "seconds": round(seconds, 1),
            "articles_per_s": round(len(texts) / seconds, 2), "peak_mb_per_worker": None}


def pipeline_only(texts: list[str]) -> dict:
    """The same reports without the ingest and the store: what sitreps.extract_many does, in one process."""
    from sitreps import extract_many

    started = time.perf_counter()
    for _ in extract_many(texts):
        pass
    seconds = time.perf_counter() - started
    return {"engine": "extract_many, 1 process, no store", "workers": 1, "seconds": round(seconds, 1),
            "articles_per_s": round(len(texts) / seconds, 2), "peak_mb_per_worker": None}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--words", type=int, default=1200)
    parser.add_argument("--no-raw", action="store_true", help="skip the raw spaCy reference runs")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    texts = make_articles(args.articles, args.words)
    words = sum(len(t.split()) for t in texts) / len(texts)
    rows = []
    with tempfile.TemporaryDirectory(prefix="sitreps-bench-") as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.jsonl"
        corpus.write_text("\n".join(json.dumps({"text": t, "source": "Synthetic Wire"}) for t in texts) + "\n")
        warmup = folder / "warmup.jsonl"
        warmup.write_text("\n".join(json.dumps({"text": t + " Warm-up."}) for t in texts[:4]) + "\n")

        ingest([str(warmup)], db=str(folder / "warmup.db"))  # model and code paths warm in this process
        rows.append(run("local, 1 process", InProcessEngine(), corpus, folder, len(texts)))

        pool = ProcessEngine(2)
        pool.warm()
        try:
            rows.append(run("local, 2 processes", pool, corpus, folder, len(texts)))
        finally:
            pool.close()

        cluster = DaskEngine(workers=2, processes=True)
        cluster.warm()
        try:
            rows.append(run("dask LocalCluster, 2 workers", cluster, corpus, folder, len(texts)))
        finally:
            cluster.close()
    if not args.no_raw:
        rows.append(pipeline_only(texts))
        rows.extend(raw_spacy(texts, processes) for processes in (1, 2))
    if args.json:
        print(json.dumps({"articles": len(texts), "mean_words": round(words), "runs": rows}))
        return 0
    print(f"{len(texts)} articles, {words:.0f} words on average, into SQLite")
    print(f"{'engine':<34} {'seconds':>8} {'articles/s':>11} {'peak MB/worker':>15}")
    for row in rows:
        peak = "" if row["peak_mb_per_worker"] is None else f"{row['peak_mb_per_worker']:,}"
        print(f"{row['engine']:<34} {row['seconds']:>8.1f} {row['articles_per_s']:>11.2f} {peak:>15}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
