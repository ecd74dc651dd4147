"""``ingest()``: sources in, reports in the store (or Parquet), a summary out. The CLI is a shell over it.

    >>> from sitreps.corpus.runner import ingest
    >>> summary = ingest(["news/", "wire.jsonl"], db="sitreps.db", processes=2)
    >>> summary.new, summary.duplicate, summary.failures[:3]

The driver reads the sources (cheap), cuts the entries into partitions and
hands them to an engine, which maps ``run_partition`` over them: in this
process, in a pool of local processes, or on a Dask cluster
(``sitreps.distributed``). Workers write to the store themselves; the driver
only keeps count, records failures and shows progress. At most two partitions
per worker are in flight, so memory stays flat whatever the corpus size.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any, Protocol, cast

import httpx

from sitreps import __version__
from sitreps.config import Settings
from sitreps.corpus import Source, open_sources
from sitreps.corpus.entry import Entry, Failure
from sitreps.corpus.work import REPROCESS, PartitionResult, Plan, run_partition, warm, with_retry
from sitreps.errors import StoreError
from sitreps.ingest.url import Resolver, resolve_host
from sitreps.workers import watch_parent

Progress = Callable[[int, "int | None"], None]  # (entries done, total or None when unknown)
HEARTBEAT_SECONDS = 60.0  # how often the driver tells the runs table it is alive


class Engine(Protocol):
    """Maps ``run_partition`` over partitions; yields results as they complete."""

    name: str

    def map(self, partitions: Iterable[list[Entry | Failure]], plan: Plan) -> Iterator[PartitionResult]: ...

    def close(self) -> None: ...


@dataclass
class Summary:
    """What an ingest did. ``read`` counts every input; each ends in exactly one of the other counts."""

    read: int = 0
    new: int = 0
    near_duplicate: int = 0
    duplicate: int = 0
    reprocessed: int = 0
    parsed: int = 0  # written to Parquet, to be stored by `sitreps load`
    failed: int = 0
    not_english: int = 0  # stored with a warning and no extraction (included in new)
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    peak_rss_mb: dict[str, float] = field(default_factory=dict)  # per worker
    engine: str = ""
    interrupted: bool = False

    def add(self, result: PartitionResult) -> None:
        counts = result.counts
        self.new += counts["new"]
        self.near_duplicate += counts["near-duplicate"]
        self.duplicate += counts["duplicate"]
        self.reprocessed += counts["reprocessed"]
        self.parsed += counts["parsed"]
        self.failed += len(result.failures)
        self.not_english += sum(o.language != "en" and o.status != "duplicate" for o in result.outcomes)
        self.read += len(result.outcomes) + len(result.failures)
        self.failures.extend(result.failures)
        if result.peak_rss_mb > 0:
            self.peak_rss_mb[result.worker] = max(self.peak_rss_mb.get(result.worker, 0.0), result.peak_rss_mb)

    @property
    def stored(self) -> int:
        return self.new + self.near_duplicate + self.reprocessed

    def reasons(self) -> list[tuple[str, int]]:
        """Failure reasons, most common first."""
        return Counter(f.reason for f in self.failures).most_common()

    def counts(self) -> dict[str, int]:
        return {"read": self.read, "new": self.new, "near_duplicate": self.near_duplicate,
                "duplicate": self.duplicate, "reprocessed": self.reprocessed, "parsed": self.parsed,
                "failed": self.failed, "not_english": self.not_english}

    def to_dict(self) -> dict[str, Any]:
        rate = self.read / self.seconds if self.seconds else 0.0
        return {**self.counts(), "seconds": round(self.seconds, 2), "articles_per_s": round(rate, 2),
                "engine": self.engine, "interrupted": self.interrupted,
                "peak_rss_mb": {k: round(v, 1) for k, v in self.peak_rss_mb.items()},
                "failures": [{"key": f.key, "reason": f.reason, "error": f.error} for f in self.failures]}


class InProcessEngine:
    """The calling process does the work (one process; no start-up cost)."""

    name = "local:1"

    def map(self, partitions: Iterable[list[Entry | Failure]], plan: Plan) -> Iterator[PartitionResult]:
        for partition in partitions:
            yield run_partition(partition, plan)

    def close(self) -> None:
        pass


class ProcessEngine:
    """A pool of local worker processes (spawned, each loads the model once)."""

    def __init__(self, processes: int, *, model: str = "") -> None:
        self.name = f"local:{processes}"
        self.processes = processes
        self.model = model
        context = multiprocessing.get_context("spawn")  # no fork of a process with threads and open databases
        self.pool = ProcessPoolExecutor(max_workers=processes, mp_context=context, initializer=_worker_init,
                                        initargs=(model,))

    def warm(self) -> None:
        """Start every worker and load the model in it (so timing starts with warm workers)."""
        list(self.pool.map(warm, [self.model] * self.processes))

    def map(self, partitions: Iterable[list[Entry | Failure]], plan: Plan) -> Iterator[PartitionResult]:
        pending: set[Future] = set()
        iterator = iter(partitions)
        exhausted = False
        try:
            while True:
                while not exhausted and len(pending) < 2 * self.processes:
                    partition = next(iterator, None)
                    if partition is None:
                        exhausted = True
                        break
                    pending.add(self.pool.submit(run_partition, partition, plan))
                if not pending:
                    return
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()
        except BaseException:
            # Ctrl+C or an error: queued partitions are dropped, running ones finish their transactions
            for future in pending:
                future.cancel()
            raise

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _worker_init(model: str) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the driver decides when to stop; a worker ends its partition
    watch_parent()
    warm(model)


def _sigterm_as_interrupt() -> Callable[[], None]:
    """Make SIGTERM stop the ingest as Ctrl+C does (the run is then recorded as interrupted, what was
    committed stays); returns the function that puts the previous handler back. Only the main thread can
    set handlers: elsewhere this does nothing."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    def restore() -> None:
        signal.signal(signal.SIGTERM, previous)

    return restore


def make_engine(engine: str = "local", *, processes: int = 1, scheduler: str | None = None,
                workers: int | None = None, settings: Settings | None = None) -> Engine:
    model = (settings or Settings()).model
    if engine == "dask":
        from sitreps.distributed import DaskEngine

        return DaskEngine(scheduler=scheduler, workers=workers or 2, model=model)
    if processes <= 1:
        return InProcessEngine()
    return ProcessEngine(processes, model=model)


def partitions(sources: Sequence[Source], size: int) -> Iterator[list[Entry | Failure]]:
    """Entries of all sources, ``size`` at a time (a partition may span sources)."""
    batch: list[Entry | Failure] = []
    for source in sources:
        for entry in source.entries():
            batch.append(entry)
            if len(batch) >= size:
                yield batch
                batch = []
    if batch:
        yield batch


def ingest(sources: Sequence[str], *, db: str | None = None, parquet_dir: str | None = None,
           engine: str | Engine = "local", processes: int = 1, scheduler: str | None = None,
           workers: int | None = None, reprocess: str = "outdated", settings: Settings | None = None,
           partition_size: int = 16, version: str | None = None, progress: Progress | None = None,
           transport: httpx.BaseTransport | None = None, resolver: Resolver = resolve_host,
           follow_symlinks: bool = False) -> Summary:
    """Read ``sources`` into the store at ``db`` (or Parquet files in ``parquet_dir``) and say what happened.

    Raises ``InputNotFound`` for a SOURCE that does not exist and ``StoreError`` when the database cannot
    be opened; everything wrong with single inputs is in the summary's ``failures``. Ctrl+C or SIGTERM
    stops it with ``summary.interrupted`` set: what was committed stays, and the same call again resumes.
    A run whose driver was killed outright stays "running" in the runs table until the next ingest on the
    store marks it interrupted. ``follow_symlinks`` lets folder walks follow links out of the folder.
    """
    from sitreps.store import Store

    if reprocess not in REPROCESS:
        raise ValueError(f"reprocess must be one of {', '.join(REPROCESS)}, not {reprocess!r}")
    settings = settings or Settings.from_env()
    if settings.extractors:  # a backend that does not exist stops the run here, not once per article
        from sitreps.extract.registry import pipeline as chosen_extractors

        chosen_extractors(settings.extractors)
    version = version or __version__
    found = open_sources(sources, settings, transport=transport, resolver=resolver, follow_symlinks=follow_symlinks)
    store = Store(db) if (db is not None or parquet_dir is None) else None
    plan = Plan(db_url=store.url if store else None, parquet_dir=parquet_dir, version=version, reprocess=reprocess,
                settings=settings, transport=transport)
    runner = engine if not isinstance(engine, str) else make_engine(engine, processes=processes, scheduler=scheduler,
                                                                    workers=workers, settings=settings)
    summary = Summary(engine=runner.name)
    run_id = store.start_run(engine=runner.name, sources=list(sources), version=version) if store else None
    total = _total(found)
    if progress:
        progress(0, total)
    started = time.perf_counter()
    failing = False
    restore_sigterm = _sigterm_as_interrupt()
    beat = time.monotonic() + HEARTBEAT_SECONDS
    try:
        for result in runner.map(partitions(found, partition_size), plan):
            summary.add(result)
            if store and time.monotonic() >= beat:  # the runs table's sign that this driver is at work
                with_retry(lambda: store.run_alive(cast(int, run_id)), store.name)  # a store has started a run
                beat = time.monotonic() + HEARTBEAT_SECONDS
            if store:  # tried again while the database restarts, as the workers' writes are
                keys = [o.key for o in result.outcomes]
                with_retry(lambda: store.record_failures(result.failures, version=version, run_id=run_id), store.name)
                with_retry(lambda: store.clear_failures(keys), store.name)
            if progress:
                progress(summary.read, total)
    except KeyboardInterrupt:  # committed articles stay; a re-run resumes
        summary.interrupted = True
    except BaseException:
        summary.interrupted = failing = True
        raise
    finally:
        restore_sigterm()
        summary.seconds = time.perf_counter() - started
        if store:
            try:
                with_retry(lambda: store.finish_run(cast(int, run_id), summary.counts(),
                                                    "interrupted" if summary.interrupted else "done"),
                           store.name, seconds=5 if failing else None)
            except StoreError:
                if not failing:  # else the error that stopped the run is the one to show
                    raise
        if isinstance(engine, str):
            runner.close()
    return summary


def _total(found: Sequence[Source]) -> int | None:
    total = 0
    for source in found:
        count = source.estimate()
        if count is None:
            return None
        total += count
    return total


__all__ = ["Engine", "InProcessEngine", "ProcessEngine", "Summary", "ingest", "make_engine", "partitions",
           "watch_parent"]
