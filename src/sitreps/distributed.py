"""Scale-out on Dask: the same per-article work (``run_partition``) mapped over a Dask cluster.

    sitreps ingest corpus.jsonl --engine dask --workers 4            # a LocalCluster on this machine
    sitreps ingest corpus.jsonl --engine dask --scheduler tcp://head:8786 --db postgresql://…
    sitreps ingest corpus.jsonl --engine dask --scheduler tcp://head:8786 --parquet /shared/out

Nothing here is home-made scheduling: the driver submits partitions to a
``distributed.Client`` (at most two per worker in flight, so a corpus of any
size streams through), and the workers write to the store themselves (every
worker needs the database URL to reach it) or write one Parquet file per
partition for ``sitreps load`` when the cluster has no shared database. Each
worker process loads the spaCy model once; results carry the worker's peak
memory. See docs/corpus.md for running a real cluster.

A worker dies (killed, out of memory, its machine gone): the scheduler runs
its partitions again on another worker, and what it had committed is found
stored and skipped. The client dies: its tasks are dropped, and the same
command run again resumes.

Dask's own periodic work (a statistical profiler sampling the running task
every 10 ms, an event-loop tick every 20 ms, memory and system monitors) cost
about 7% of each worker's CPU on this workload, and each nanny and the
scheduler about 1.5% of a core more (benchmarks/RESULTS.md). ``QUIET``
turns it down; the LocalCluster made here uses it, and docs/corpus.md shows
how to give it to ``dask worker`` and ``dask scheduler``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator

from sitreps.corpus.entry import Entry, Failure
from sitreps.corpus.work import PartitionResult, Plan, run_partition, warm
from sitreps.errors import ClusterError
from sitreps.extras import require

# Dask settings for long CPU-bound tasks: no profiler, slower ticks and monitors (the defaults are 10 ms, 20 ms,
# 500 ms and 100 ms). As environment variables: DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False and so on.
QUIET = {"distributed.worker.profile.enabled": False, "distributed.admin.tick.interval": "1s",
         "distributed.admin.system-monitor.interval": "5s", "distributed.worker.memory.monitor-interval": "1s"}


class DaskEngine:
    """A Dask client: connected to ``scheduler``, or to a new LocalCluster of ``workers`` processes."""

    def __init__(self, scheduler: str | None = None, *, workers: int = 2, processes: bool = True,
                 model: str = "", connect_timeout: float = 10.0) -> None:
        distributed = require("distributed")
        self.model = model
        self.cluster = None
        if scheduler:
            try:
                self.client = distributed.Client(scheduler, timeout=connect_timeout)
            except (OSError, TimeoutError, ValueError) as error:
                raise ClusterError(scheduler, f"cannot reach the Dask scheduler ({error})") from None
            self.name = f"dask:{scheduler}"
        else:
            # one thread per worker: spaCy parsing holds the GIL, so threads would only share one core;
            # the workers get the configuration in force when they are made
            with require("dask").config.set(QUIET):
                self.cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1,
                                                        processes=processes, dashboard_address=None,
                                                        silence_logs=logging.ERROR)
            self.client = distributed.Client(self.cluster)
            self.name = f"dask:local:{workers}"

    @property
    def workers(self) -> int:
        """Worker threads in the cluster now (one per worker process, as recommended)."""
        return max(sum(self.client.nthreads().values()), 1)

    def warm(self) -> None:
        """Load the model on every worker now (it would be loaded by the first partition anyway)."""
        self.client.run(warm, self.model)

    def map(self, partitions: Iterable[list[Entry | Failure]], plan: Plan) -> Iterator[PartitionResult]:
        """Two partitions per worker in flight (one running, one waiting), so no worker waits for the driver
        and memory stays flat; the count follows workers that join or leave during the run."""
        distributed = require("distributed")
        iterator = iter(partitions)
        running = distributed.as_completed()
        in_flight, workers, counted = 0, self.workers, time.monotonic()

        def submit() -> None:
            nonlocal in_flight, workers, counted
            if time.monotonic() - counted > 5:  # workers joined or left: asked at most every 5 s
                workers, counted = self.workers, time.monotonic()
            while in_flight < 2 * workers:
                partition = next(iterator, None)
                if partition is None:
                    return
                running.add(self.client.submit(run_partition, partition, plan, pure=False))
                in_flight += 1

        submit()
        try:
            for future in running:
                in_flight -= 1
                result = future.result()
                future.release()
                submit()
                yield result
        except BaseException:
            running.clear()
            raise

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
