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
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from sitreps.corpus.entry import Entry, Failure
from sitreps.corpus.work import PartitionResult, Plan, run_partition, warm
from sitreps.errors import ClusterError
from sitreps.extras import require


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
            # one thread per worker: spaCy parsing holds the GIL, so threads would only share one core
            self.cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes,
                                                    dashboard_address=None, silence_logs=logging.ERROR)
            self.client = distributed.Client(self.cluster)
            self.name = f"dask:local:{workers}"

    @property
    def workers(self) -> int:
        return max(len(self.client.scheduler_info(n_workers=-1)["workers"]), 1)

    def warm(self) -> None:
        """Load the model on every worker now (it would be loaded by the first partition anyway)."""
        self.client.run(warm, self.model)

    def map(self, partitions: Iterable[list[Entry | Failure]], plan: Plan) -> Iterator[PartitionResult]:
        distributed = require("distributed")
        limit = 2 * self.workers
        iterator = iter(partitions)
        running = distributed.as_completed()
        in_flight = 0
        for partition in iterator:
            running.add(self.client.submit(run_partition, partition, plan, pure=False))
            in_flight += 1
            if in_flight >= limit:
                break
        try:
            for future in running:
                yield future.result()
                future.release()
                partition = next(iterator, None)
                if partition is not None:
                    running.add(self.client.submit(run_partition, partition, plan, pure=False))
        except BaseException:
            running.clear()
            raise

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
