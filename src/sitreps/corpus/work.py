"""The per-partition function: the one piece of work every engine maps over a corpus.

``run_partition(entries, plan)`` does, for a list of entries, what ``sitreps
extract`` does for one article, and writes the results itself:

    1. read      entry -> RawArticle (decode, HTML, fetch a feed item's page)
    2. prepare   clean, provenance, language: the article id is now known
    3. skip      articles already stored by this (or a newer) sitreps version
    4. parse     spaCy ``nlp.pipe`` over the rest, in batches
    5. extract   the extractors build each report
    6. write     each report in its own transaction (``Store.save``), or the
                 whole partition to one Parquet file for ``sitreps load``

It runs the same in the calling process, in a local process pool and on Dask
workers; the spaCy model is loaded once per process (``sitreps.nlp``). A bad
article becomes a ``Failure``, never an exception that loses its partition.
When the database goes away (a restart, a failover), reads and writes are
tried again for up to ``RETRY_SECONDS``, then the partition fails with a
``StoreError``; either way no report is ever half-written.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import resource
import socket
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from packaging.version import InvalidVersion, Version

from sitreps import __version__
from sitreps import pipeline
from sitreps.config import Settings
from sitreps.corpus.entry import Entry, Failure
from sitreps.errors import NoArticleText, StoreError
from sitreps.extras import require
from sitreps.ingest import from_text
from sitreps.nlp import get_nlp, parse

REPROCESS = ("outdated", "all", "none")
RETRY_SECONDS = 60.0  # how long a worker waits for a database that went away (a restart) before giving up
T = TypeVar("T")
PARQUET_COLUMNS = ("kind", "key", "source", "article_id", "raw_hash", "sitreps_version", "report", "reason", "error",
                   "code")


@dataclass(frozen=True)
class Plan:
    """Where results go and what to redo; passed to every partition (so it must pickle).

    db_url: the store to skip known articles against and to write to.
    parquet_dir: write each partition there instead (for clusters without a shared database).
    reprocess: outdated (re-run articles whose report an older sitreps made), all, or none.
    transport: an httpx transport for feed items (tests pass a mock; None is the network).
    """

    db_url: str | None = None
    parquet_dir: str | None = None
    version: str = __version__
    reprocess: str = "outdated"
    settings: Settings = field(default_factory=Settings)
    transport: Any = None


@dataclass(slots=True)
class Outcome:
    key: str
    status: str  # new, near-duplicate, duplicate, reprocessed, parsed (written to Parquet)
    article_id: str
    language: str = "en"


@dataclass(slots=True)
class PartitionResult:
    outcomes: list[Outcome]
    failures: list[Failure]
    seconds: float
    worker: str
    peak_rss_mb: float

    @property
    def counts(self) -> Counter:
        return Counter(o.status for o in self.outcomes)


def should_reprocess(stored: str, current: str, policy: str) -> bool:
    """Whether a report made by version ``stored`` is to be replaced by one from ``current``."""
    if policy == "all":
        return True
    if policy == "none":
        return False
    try:
        return Version(stored) < Version(current)
    except InvalidVersion:
        return stored != current


def run_partition(entries: list[Entry | Failure], plan: Plan) -> PartitionResult:
    """Read, prepare, skip, parse, extract and write one partition (see the module docstring)."""
    started = time.perf_counter()
    failures = [e for e in entries if isinstance(e, Failure)]
    ready: list[tuple[Entry, pipeline.Prepared, str]] = []
    for entry in (e for e in entries if isinstance(e, Entry)):
        try:
            raw = entry.to_raw(plan.settings, transport=plan.transport)
            prepared = pipeline.prepare(raw)
            if not prepared.article.text.strip():
                raise NoArticleText(entry.key, "nothing but boilerplate: no article text left after cleaning")
        except Exception as error:  # noqa: BLE001 - every reason becomes a failure row
            failures.append(Failure.of(entry.key, error, entry.source))
            continue
        ready.append((entry, prepared, hashlib.sha256(raw.text.encode("utf-8")).hexdigest()))

    store = _store(plan)
    outcomes: list[Outcome] = []
    todo: list[tuple[Entry, pipeline.Prepared, str, bool]] = []
    by_id, by_raw = with_retry(lambda: store.known([p.article.id for _, p, _ in ready], [h for _, _, h in ready]),
                               store.name) if store else ({}, {})
    seen: set[str] = set()
    for entry, prepared, raw_hash in ready:
        article_id = prepared.article.id
        stored = by_id.get(article_id) or (by_raw[raw_hash][1] if raw_hash in by_raw else None)
        if article_id in seen or (stored is not None and not should_reprocess(stored, plan.version, plan.reprocess)):
            outcomes.append(Outcome(entry.key, "duplicate", article_id, prepared.article.language))
            continue
        seen.add(article_id)
        todo.append((entry, prepared, raw_hash, stored is not None))

    rows: list[dict[str, Any]] = []
    for (entry, prepared, raw_hash, replace), doc in zip(todo, _parse([p for _, p, _, _ in todo], plan.settings)):
        try:
            report = pipeline.build_report(prepared, doc, plan.settings).to_dict()
        except Exception as error:  # noqa: BLE001 - an extractor bug must not lose the partition
            failures.append(Failure(entry.key, f"extraction failed: {type(error).__name__}: {error}",
                                    type(error).__name__, 1, entry.source))
            continue
        language = prepared.article.language
        if store is not None:
            saved = with_retry(lambda: store.save(report, source=entry.key, raw_hash=raw_hash, version=plan.version,
                                                  replace=replace), store.name)
            outcomes.append(Outcome(entry.key, saved.status, saved.article_id, language))
        else:
            rows.append({"kind": "report", "key": entry.key, "source": entry.source, "article_id": report["article"]["id"],
                         "raw_hash": raw_hash, "sitreps_version": plan.version,
                         "report": json.dumps(report, ensure_ascii=False)})
            outcomes.append(Outcome(entry.key, "parsed", report["article"]["id"], language))
    if plan.parquet_dir:
        rows.extend({"kind": "failure", "key": f.key, "source": f.source, "reason": f.reason, "error": f.error,
                     "code": f.code, "sitreps_version": plan.version} for f in failures)
        write_parquet(rows, Path(plan.parquet_dir), [e.key for e in entries])
    return PartitionResult(outcomes, failures, time.perf_counter() - started, f"{socket.gethostname()}:{os.getpid()}",
                           resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def _parse(items: list[pipeline.Prepared], settings: Settings) -> list[Any]:
    """One parse per English article with text (None for the others), batched through ``nlp.pipe``."""
    english = [p for p in items if p.english and p.article.text]
    if not english:
        return [None] * len(items)
    docs = parse(get_nlp(settings.model), (p.article.text for p in english), batch_size=settings.batch_size)
    return [next(docs) if p.english and p.article.text else None for p in items]


def _store(plan: Plan):
    if not plan.db_url:
        return None
    from sitreps.store import Store

    return Store.shared(plan.db_url)


def write_parquet(rows: list[dict[str, Any]], folder: Path, keys: list[str]) -> Path | None:
    """One file per partition, named by its inputs (a re-run overwrites it), written under a temporary
    name and renamed, so a killed worker leaves no half-written file."""
    if not rows:
        return None
    pa = require("pyarrow")
    pq = require("pyarrow.parquet")
    schema = pa.schema([(name, pa.int32() if name == "code" else pa.string()) for name in PARQUET_COLUMNS])
    table = pa.Table.from_pylist([{name: row.get(name) for name in PARQUET_COLUMNS} for row in rows], schema=schema)
    folder.mkdir(parents=True, exist_ok=True)
    name = hashlib.blake2b("\n".join(keys).encode("utf-8"), digest_size=8).hexdigest()
    final = folder / f"part-{name}.parquet"
    temporary = folder / f".part-{name}.{os.getpid()}.tmp"
    try:
        pq.write_table(table, temporary, compression="zstd")
        os.replace(temporary, final)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            raise StoreError(str(folder), "the disk is full: this partition's file was not written (those "
                                          "written before are whole); free some space and run again") from None
        raise
    return final


def warm(model: str = "") -> str:
    """Load the spaCy model in this process and run one short article through every stage, so that what
    the extractors load on first use (gazetteers, lexicons) is loaded too; engines call it once per worker."""
    nlp = get_nlp(model)
    prepared = pipeline.prepare(from_text(_WARM_TEXT, source="<warm-up>"))
    pipeline.build_report(prepared, nlp(prepared.article.text))
    return f"{socket.gethostname()}:{os.getpid()}"


_WARM_TEXT = ("KYIV, Oct 3 (Meridian Wire) - Russian forces fired 12 missiles at Kharkiv on Tuesday, killing three "
              "people and wounding at least 20, regional governor Oleh Syniehubov said. Ukraine's air force said it "
              "shot down nine of them. \"We will rebuild,\" the mayor said on Wednesday.")


def with_retry(call: Callable[[], T], name: str, *, seconds: float | None = None) -> T:
    """``call()``, tried again with growing pauses while the database cannot be reached (a restart, a
    failover, a dropped connection), for up to ``seconds`` (``RETRY_SECONDS``); then a ``StoreError`` that
    says so. Every call is whole transactions, so a retry never leaves half a report: a save whose commit
    was cut off is either absent (and made again) or present (and found as a duplicate)."""
    from sqlalchemy.exc import DBAPIError, OperationalError

    limit = RETRY_SECONDS if seconds is None else seconds
    deadline = time.monotonic() + limit
    pause = 0.2
    while True:
        try:
            return call()
        except DBAPIError as error:
            if not (isinstance(error, OperationalError) or error.connection_invalidated):
                raise
            if time.monotonic() + pause > deadline:
                detail = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
                raise StoreError(name, f"the database went away and did not come back within {limit:.0f} s "
                                       f"({detail}); what was stored stays: run the same command again to resume"
                                 ) from None
            time.sleep(pause)
            pause = min(2 * pause, 5.0)
