"""``load()``: the Parquet files that ``ingest --parquet`` wrote (one per partition) into a store.

This is the second half of an ingest on a cluster without a shared database:
workers write their partitions to a shared folder or bucket, then one machine
loads them. Loading applies the same rules as a direct ingest (one
transaction per article, duplicates skipped, near-duplicates linked, older
reports replaced) and keeps the failures the workers met, so its summary
reads like that of the ingest itself.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from sitreps import __version__
from sitreps.corpus.entry import Failure
from sitreps.corpus.runner import Progress, Summary
from sitreps.corpus.work import REPROCESS, Outcome, PartitionResult, should_reprocess
from sitreps.errors import CorpusFormatError, InputNotFound
from sitreps.extras import require

BATCH = 64


def parquet_files(paths: Sequence[str]) -> list[Path]:
    """Files named, and the ``*.parquet`` files under folders named (sorted)."""
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.parquet") if not p.name.startswith(".")))
        elif path.is_file():
            found.append(path)
        else:
            raise InputNotFound(name, "no such file or folder")
    return found


def load(paths: Sequence[str], *, db: str | None = None, reprocess: str = "outdated",
         progress: Progress | None = None) -> Summary:
    """Store the reports and failures of the Parquet files at ``paths`` in the store at ``db``."""
    from sitreps.store import Store

    if reprocess not in REPROCESS:
        raise ValueError(f"reprocess must be one of {', '.join(REPROCESS)}, not {reprocess!r}")
    pq = require("pyarrow.parquet")
    files = parquet_files(paths)
    store = Store(db)
    summary = Summary(engine="load")
    total = 0
    for path in files:
        try:
            total += pq.ParquetFile(path).metadata.num_rows
        except Exception:  # noqa: BLE001 - reported below, when the file is read
            pass
    if progress:
        progress(0, total)
    started = time.perf_counter()
    try:
        for path in files:
            for result in _load_file(path, store, reprocess):
                summary.add(result)
                store.record_failures(result.failures, version=__version__)
                store.clear_failures(o.key for o in result.outcomes)
                if progress:
                    progress(summary.read, total)
    except KeyboardInterrupt:
        summary.interrupted = True
    summary.seconds = time.perf_counter() - started
    return summary


def _load_file(path: Path, store, reprocess: str) -> Iterator[PartitionResult]:
    pq = require("pyarrow.parquet")
    try:
        batches = pq.ParquetFile(path).iter_batches(batch_size=BATCH)
        for batch in batches:
            yield _load_rows(batch.to_pylist(), store, reprocess)
    except Exception as error:  # noqa: BLE001 - a damaged or foreign file is one failure
        if isinstance(error, KeyboardInterrupt):
            raise
        yield PartitionResult([], [Failure(str(path), f"is not a sitreps Parquet file ({type(error).__name__}: "
                                                      f"{str(error)[:200]})", "CorpusFormatError",
                                           CorpusFormatError.exit_code, str(path))], 0.0, "load", 0.0)


def _load_rows(rows: list[dict], store, reprocess: str) -> PartitionResult:
    started = time.perf_counter()
    failures = [Failure(r["key"], r.get("reason") or "", r.get("error") or "SitrepsError", r.get("code") or 1,
                        r.get("source")) for r in rows if r.get("kind") == "failure"]
    reports = [r for r in rows if r.get("kind") == "report"]
    if any(r.get("kind") not in {"report", "failure"} for r in rows):
        raise ValueError("rows without a kind column of 'report' or 'failure'")
    by_id, by_raw = store.known([r["article_id"] for r in reports], [r["raw_hash"] for r in reports])
    outcomes = []
    for row in reports:
        report = json.loads(row["report"])
        stored = by_id.get(row["article_id"]) or (by_raw[row["raw_hash"]][1] if row["raw_hash"] in by_raw else None)
        language = report["article"].get("language", "en")
        if stored is not None and not should_reprocess(stored, row["sitreps_version"], reprocess):
            outcomes.append(Outcome(row["key"], "duplicate", row["article_id"], language))
            continue
        saved = store.save(report, source=row["key"], raw_hash=row["raw_hash"], version=row["sitreps_version"],
                           replace=stored is not None)
        outcomes.append(Outcome(row["key"], saved.status, saved.article_id, language))
        by_id[saved.article_id] = row["sitreps_version"]
    return PartitionResult(outcomes, failures, time.perf_counter() - started, "load", 0.0)
