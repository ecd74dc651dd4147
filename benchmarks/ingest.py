"""Ingest overhead, fairly: a warm local process pool against a warm Dask cluster, same corpus, same workers.

    python benchmarks/ingest.py [--corpus synthetic wikinews] [--articles 240] [--workers 2] [--repeats 2]
                                [--partition-size 16] [--scheduler tcp://HOST:8786] [--postgres URL]
                                [--memory 2000] [--json]
    python benchmarks/ingest.py --memory 2000 --corpus wikinews --articles 0     # the long memory run only

Both engines ingest the same JSONL corpus (benchmarks/corpora.py: synthetic
1,200-word articles, or the real Wikinews texts repeated to --articles) into a
new database each run (SQLite, or a new PostgreSQL database on --postgres),
end to end: reading, cleaning, parsing, extraction, near-duplicate signatures
and one transaction per article, with --workers worker processes on each side:

* local: ``--engine local --processes N``, a spawned process pool;
* dask: ``--engine dask --scheduler``, against ``dask scheduler`` and ``dask worker``
  processes started here on loopback as users deploy them (tests/dask_cluster.py),
  with Dask's default settings, or the cluster at --scheduler;
* dask, quiet: the same with sitreps' Dask settings (``sitreps.distributed.QUIET``:
  no profiler, slower ticks and monitors), as docs/corpus.md recommends.

Workers on both sides are warm before the clock starts: the model loaded and
one short article run through every extractor (``sitreps.corpus.work.warm``).
The two engines alternate --repeats times and each pair gives a ratio (Dask's
rate over the local one), so load from other processes falls on both alike.
CPU seconds per article add up every process of the engine (driver, workers,
and for Dask the scheduler and the nannies), which shows its own cost even on a
busy machine. Peak memory is each worker's maximum resident set.

--memory N runs ``sitreps ingest --engine dask --scheduler`` as a user would, a
separate client process, over N Wikinews articles, and samples the resident
memory of the client and each worker every second: after warm-up, the peak
in each quarter of the run, and at the end. Flat quarters mean bounded memory.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from corpora import CORPORA, make_corpus  # noqa: E402

from sitreps.corpus.runner import ProcessEngine, ingest  # noqa: E402
from sitreps.distributed import QUIET, DaskEngine  # noqa: E402
from tests.dask_cluster import LoopbackCluster  # noqa: E402


def cpu_seconds(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            times = psutil.Process(pid).cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


def family(pids: list[int]) -> list[int]:
    """The processes and all their descendants (a nanny's worker, a pool's workers)."""
    found = []
    for pid in pids:
        try:
            process = psutil.Process(pid)
            found += [pid] + [child.pid for child in process.children(recursive=True)]
        except psutil.Error:
            continue
    return sorted(set(found))


class Databases:
    """A new database per run: a SQLite file in ``folder``, or a new database on a PostgreSQL server."""

    def __init__(self, folder: Path, postgres: str | None) -> None:
        self.folder, self.postgres = folder, postgres.rstrip("/") + "/" if postgres else None

    def new(self, label: str) -> str:
        if not self.postgres:
            return str(self.folder / f"{label}-{uuid.uuid4().hex[:6]}.db")
        import psycopg

        name = f"bench_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(self.postgres + "postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.postgres + name


def worker_pids(engine) -> list[int]:
    """The processes that run partitions (a pool's processes; a cluster's workers, not their nannies)."""
    if isinstance(engine, DaskEngine):
        return list(engine.client.run(os.getpid).values())
    return list(engine.pool._processes)  # noqa: SLF001 - a benchmark may look inside


def timed_run(label: str, engine, pids: list[int], corpus: Path, databases: Databases, count: int,
              partition_size: int) -> dict:
    workers = worker_pids(engine)
    before, before_workers = cpu_seconds(pids), cpu_seconds(workers)
    summary = ingest([str(corpus)], db=databases.new(label), engine=engine, partition_size=partition_size)
    cpu, cpu_workers = cpu_seconds(pids) - before, cpu_seconds(workers) - before_workers
    assert summary.stored + summary.duplicate == count and not summary.failed, summary.to_dict()
    peak = max(summary.peak_rss_mb.values()) if summary.peak_rss_mb else 0.0
    return {"engine": label, "workers": len(summary.peak_rss_mb), "seconds": round(summary.seconds, 1),
            "articles_per_s": round(count / summary.seconds, 3), "cpu_s_per_article": round(cpu / count, 3),
            "worker_cpu_s_per_article": round(cpu_workers / count, 3),
            "peak_mb_per_worker": round(peak)}


def write_corpus(texts: list[str], path: Path, tag: str = "") -> Path:
    path.write_text("\n".join(json.dumps({"text": t + tag, "source": "Benchmark Wire"}) for t in texts) + "\n")
    return path


def quiet_environment() -> dict[str, str]:
    """sitreps' Dask settings (``sitreps.distributed.QUIET``) as the environment variables a worker reads."""
    return {"DASK_" + key.upper().replace(".", "__").replace("-", "_"): str(value) for key, value in QUIET.items()}


def compare(name: str, texts: list[str], args: argparse.Namespace, folder: Path, databases: Databases) -> dict:
    corpus = write_corpus(texts, folder / f"{name}.jsonl")
    warmup = write_corpus(texts[: 2 * args.workers], folder / f"{name}-warmup.jsonl", " Warm-up.")
    engines: dict[str, tuple] = {}  # label -> (engine, pids of its processes, cluster started here)
    clusters = [("dask", args.scheduler, {})] if args.scheduler else [("dask", None, {}),
                                                                      ("dask, quiet", None, quiet_environment())]
    try:
        pool = ProcessEngine(args.workers)
        engines["local"] = (pool, None, None)
        pool.warm()
        for label, address, env in clusters:
            cluster = None if address else LoopbackCluster(args.workers, log_dir=folder / label.replace(", ", "-"),
                                                           env=env)
            engine = DaskEngine(address or cluster.address)
            engines[label] = (engine, None, cluster)
            engine.warm()
        started_here = {pid for _, _, c in engines.values() if c
                        for pid in family([p.pid for p in c.processes.values()])}
        for label, (engine, _, cluster) in engines.items():
            if label == "local":
                pids = [p for p in family([os.getpid()]) if p not in started_here]  # the driver and its pool
            else:
                pids = [os.getpid()] + (family([p.pid for p in cluster.processes.values()]) if cluster else [])
            engines[label] = (engine, pids, cluster)
            # one small ingest each, so that every side has run every code path once
            ingest([str(warmup)], db=databases.new("warm"), engine=engine, partition_size=2)
        runs = []
        order = list(engines)
        for repeat in range(args.repeats):
            for label in (order if repeat % 2 == 0 else order[::-1]):
                engine, pids, _ = engines[label]
                row = timed_run(label, engine, pids, corpus, databases, len(texts), args.partition_size)
                row["repeat"] = repeat
                runs.append(row)
                print(f"  {name}: {label:<11} {row['seconds']:7.1f} s  {row['articles_per_s']:6.2f} art/s  "
                      f"{row['cpu_s_per_article']:.3f} CPU s/article ({row['worker_cpu_s_per_article']:.3f} in workers)"
                      f"  peak {row['peak_mb_per_worker']} MB/worker  "
                      f"(load {os.getloadavg()[0]:.1f})", file=sys.stderr, flush=True)
    finally:
        for engine, _, cluster in engines.values():
            engine.close()
            if cluster:
                cluster.close()
    ratios: dict[str, dict] = {}
    local_runs = {r["repeat"]: r for r in runs if r["engine"] == "local"}
    local_cpu = statistics.mean(r["cpu_s_per_article"] for r in local_runs.values())
    for label in engines:
        if label == "local":
            continue
        mine = [r for r in runs if r["engine"] == label]
        ratios[label] = {
            "per_pair": [round(r["articles_per_s"] / local_runs[r["repeat"]]["articles_per_s"], 3) for r in mine],
            "of_total_time": round(sum(r["seconds"] for r in local_runs.values()) / sum(r["seconds"] for r in mine), 3),
            "cpu": round(local_cpu / statistics.mean(r["cpu_s_per_article"] for r in mine), 3),
            "worker_cpu": round(statistics.mean(r["worker_cpu_s_per_article"] for r in local_runs.values())
                                / statistics.mean(r["worker_cpu_s_per_article"] for r in mine), 3)}
    words = round(sum(len(t.split()) for t in texts) / len(texts))
    return {"corpus": name, "articles": len(texts), "mean_words": words,
            "workers": args.workers, "partition_size": args.partition_size, "runs": runs, "ratios": ratios}


def memory_run(count: int, args: argparse.Namespace, folder: Path, databases: Databases) -> dict:
    """The client as users run it, in its own process, over ``count`` articles; RSS sampled every second."""
    texts = make_corpus("wikinews", count)
    corpus = write_corpus(texts, folder / "memory.jsonl")
    cluster = None if args.scheduler else LoopbackCluster(args.workers, log_dir=folder)
    address = args.scheduler or cluster.address
    warm = DaskEngine(address)
    try:
        warm.warm()
        workers = warm.client.run(os.getpid)  # {address: pid}
    finally:
        warm.close()
    pids = {f"worker {i + 1}": pid for i, pid in enumerate(workers.values())}
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in ["client", *pids]}
    for name, pid in pids.items():
        samples[name].append((0.0, psutil.Process(pid).memory_info().rss / 2**20))
    command = [str(Path(sys.executable).with_name("sitreps")), "ingest", str(corpus), "--engine", "dask",
               "--scheduler", address, "--db", databases.new("memory"), "--no-progress", "--json"]
    started = time.monotonic()
    client = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    pids["client"] = client.pid
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            for name, pid in pids.items():
                try:
                    samples[name].append((time.monotonic() - started, psutil.Process(pid).memory_info().rss / 2**20))
                except psutil.Error:
                    pass
            stop.wait(1.0)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        out, err = client.communicate()
    finally:
        stop.set()
        sampler.join()
        if cluster:
            cluster.close()
    seconds = time.monotonic() - started
    if client.returncode not in (0, 22):
        raise SystemExit(f"sitreps ingest failed ({client.returncode}): {err[-2000:]}")
    summary = json.loads(out)
    rows = {}
    for name, points in samples.items():
        values = [mb for _, mb in points]
        quarters = [max([mb for t, mb in points if q * seconds / 4 < t <= (q + 1) * seconds / 4] or [0.0])
                    for q in range(4)]
        rows[name] = {"start_mb": round(values[0]), "quarter_peaks_mb": [round(q) for q in quarters],
                      "peak_mb": round(max(values)), "end_mb": round(values[-1])}
    return {"articles": count, "seconds": round(seconds, 1), "stored": summary["new"] + summary["near_duplicate"],
            "articles_per_s": round(count / seconds, 2), "rss": rows,
            "reported_peak_mb_per_worker": summary.get("peak_rss_mb")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", choices=CORPORA, nargs="+", default=list(CORPORA))
    parser.add_argument("--articles", type=int, default=240, help="articles per corpus (0: no engine comparison)")
    parser.add_argument("--words", type=int, default=1200, help="words per synthetic article")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=2, help="runs of each engine, alternating")
    parser.add_argument("--partition-size", type=int, default=16)
    parser.add_argument("--scheduler", help="use this running Dask cluster instead of starting one on loopback")
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL server (postgresql://user@host:port/): "
                                                          "each run gets a new database there instead of SQLite")
    parser.add_argument("--memory", type=int, default=0, metavar="N", help="also the memory run over N articles")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result: dict = {"cpus": os.cpu_count(), "comparisons": []}
    with tempfile.TemporaryDirectory(prefix="sitreps-bench-") as tmp:
        folder = Path(tmp)
        databases = Databases(folder, args.postgres)
        if args.articles:
            for name in args.corpus:
                texts = make_corpus(name, args.articles, args.words)
                result["comparisons"].append(compare(name, texts, args, folder, databases))
        if args.memory:
            result["memory"] = memory_run(args.memory, args, folder, databases)
    if args.json:
        print(json.dumps(result))
        return 0
    for comparison in result["comparisons"]:
        print(f"\n{comparison['articles']} {comparison['corpus']} articles "
              f"({comparison['mean_words']} words on average), "
              f"{comparison['workers']} workers, partitions of {comparison['partition_size']}, "
              f"{'PostgreSQL' if args.postgres else 'SQLite'}")
        print(f"{'run':<4} {'engine':<12} {'seconds':>8} {'articles/s':>11} {'CPU s/article':>14} "
              f"{'of it workers':>14} {'peak MB/worker':>15}")
        for row in comparison["runs"]:
            print(f"{row['repeat']:<4} {row['engine']:<12} {row['seconds']:>8.1f} {row['articles_per_s']:>11.2f} "
                  f"{row['cpu_s_per_article']:>14.3f} {row['worker_cpu_s_per_article']:>14.3f} "
                  f"{row['peak_mb_per_worker']:>15,}")
        for label, ratio in comparison["ratios"].items():
            print(f"{label} / local: rate per pair {', '.join(f'{r:.3f}' for r in ratio['per_pair'])}; "
                  f"over all runs {ratio['of_total_time']:.3f}; CPU per article, local / {label}: all processes "
                  f"{ratio['cpu']:.3f}, workers {ratio['worker_cpu']:.3f}")
    if "memory" in result:
        memory = result["memory"]
        print(f"\nmemory: {memory['articles']} Wikinews articles through `sitreps ingest --engine dask --scheduler`, "
              f"{memory['seconds']:.0f} s ({memory['articles_per_s']:.2f} articles/s), {memory['stored']} stored")
        print(f"{'process':<10} {'start MB':>9} {'peak MB in each quarter of the run':>36} {'end MB':>7}")
        for name, row in memory["rss"].items():
            quarters = " ".join(f"{q:>8,}" for q in row["quarter_peaks_mb"])
            print(f"{name:<10} {row['start_mb']:>9,} {quarters:>36} {row['end_mb']:>7,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
