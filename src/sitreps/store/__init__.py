"""The store: every report kept in a real database, SQLite by default, PostgreSQL for a team.

    >>> from sitreps.store import Store
    >>> store = Store("sitreps.db")                  # or "postgresql://user@host/db"
    >>> store.events(country="UKR", since="2024-10-01")   # a pandas DataFrame

Rules the ingest relies on:

* one transaction per article: an article is stored whole (article, report,
  items, near-duplicate bands) or not at all, so a killed process loses
  nothing that was committed and leaves nothing half-written;
* an article is identified by ``Article.id`` (the hash of its cleaned text):
  saving one that is already there changes nothing (``duplicate``) unless the
  caller asks to replace its report (``reprocessed``), which happens in the
  same single transaction, so readers see the old report or the new one;
* a new article whose text is nearly that of a stored one (MinHash, see
  ``minhash``) is stored and linked to the original (``near-duplicate``);
* each report records the sitreps version that made it;
* no string reaches the database with U+0000 in it: PostgreSQL refuses it in
  text and JSON columns (ingest removes it from articles; the store replaces
  any left in a report or a failure with U+FFFD, which keeps every offset).

On SQLite, writes start with ``BEGIN IMMEDIATE`` and wait for the lock, so
several worker processes can write to one file; reads never block writers
(WAL journal).

The store owns its reads too: every SELECT on its tables is in this package
(``queries``: DataFrames for export, whole reports for fusion, paged lists for
the workbench, and the one ``Filters``), and it imports none of its callers
(export, corpus, fuse, web, cli).
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import socket
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import and_, create_engine, delete, event, func, insert, or_, select, update
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import (ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError, OperationalError,
                            SQLAlchemyError)

from sitreps.extras import require
from sitreps.errors import StoreError
from sitreps.store import migrate, minhash
from sitreps.store.queries import Filters, frame
from sitreps.store.rows import host_of, item_rows
from sitreps.store.schema import (ITEM_TABLES, article_bands, articles, corrections, failures, ingest_runs,
                                  reports)

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_DB = "sitreps.db"
_CHUNK = 500  # values per IN (...) list
_MAX_CANDIDATES = 200  # near-duplicate candidates checked per article
ABANDONED_AFTER = dt.timedelta(hours=1)  # a run of another host without a heartbeat for this long is over


class FailedInput(Protocol):
    """What ``record_failures`` keeps of an input that was not stored (``sitreps.corpus.entry.Failure`` is
    one); a protocol, so that the store need not import the corpus that calls it."""

    key: str
    source: str | None
    reason: str
    error: str
    code: int


@dataclass(slots=True)
class Saved:
    """What ``Store.save`` did: status is new, near-duplicate, duplicate or reprocessed."""

    status: str
    article_id: str
    duplicate_of: str | None = None
    similarity: float | None = None


def database_url(value: str | None) -> str:
    """A SQLAlchemy URL from what a user typed: a file path means SQLite, postgresql:// uses psycopg 3."""
    value = value or os.environ.get("SITREPS_DB") or DEFAULT_DB
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser().resolve()}"
    for prefix in ("postgresql://", "postgres://"):
        if value.startswith(prefix):
            return "postgresql+psycopg://" + value[len(prefix):]
    return value


def display_name(url: str) -> str:
    """The database as shown in messages: a SQLite file's path, else the URL without its password."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return url
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


def statistics_statements(backend: str) -> list[str]:
    """The SQL that refreshes a database's planner statistics (``Store.refresh_statistics``, migration 0007)."""
    if backend == "sqlite":
        return ["PRAGMA analysis_limit=1000", "ANALYZE"]
    return ["ANALYZE"]


class Store:
    """A database of reports. ``create=False`` refuses a SQLite file that does not exist yet (for reading)."""

    def __init__(self, url: str | None = None, *, create: bool = True, migrate_schema: bool = True,
                 accounts: str | None = None) -> None:
        from sitreps.store.accounts import accounts_url

        self.url = database_url(url)
        self.name = display_name(self.url)
        # the workbench's users, tokens and cookie secret: never in this database (sitreps.store.accounts)
        self.accounts_url = accounts_url(self.url, accounts)
        self._accounts_engine: Engine | None = None
        try:
            parsed = make_url(self.url)
        except ArgumentError:
            raise StoreError(self.name, "is not a database URL (give a file path or postgresql://…)") from None
        self.backend = parsed.get_backend_name()
        if self.backend == "sqlite":
            path = Path(parsed.database or "")
            if not create and not path.exists():
                raise StoreError(self.name, "no such database (run `sitreps ingest` first, or give --db)")
            if not path.parent.is_dir():
                raise StoreError(self.name, "its folder does not exist")
        elif self.backend == "postgresql":
            require("psycopg")
        try:
            self.engine = _engine(self.url, self.backend)
            if migrate_schema:
                migrate.upgrade(self.engine, self.name, accounts_url=self.accounts_url)
            else:
                migrate.check(self.engine, self.name)
        except OperationalError as error:
            raise StoreError(self.name, f"cannot open the database: {_first_line(error)}") from None
        except (ImportError, NoSuchModuleError) as error:
            raise StoreError(self.name, f"no driver for this database: {error}") from None

    _shared: dict[tuple[str, int], "Store"] = {}

    @classmethod
    def shared(cls, url: str) -> "Store":
        """One store per URL per process, already migrated (for workers, which open it for every partition)."""
        key = (database_url(url), os.getpid())
        if key not in cls._shared:
            cls._shared[key] = cls(url, migrate_schema=False)
        return cls._shared[key]

    @property
    def accounts_engine(self) -> Engine:
        """The accounts database (users, token digests, the cookie secret), opened and made on first use."""
        if self._accounts_engine is None:
            from sitreps.store.accounts import open_accounts

            self._accounts_engine = open_accounts(self.accounts_url, self.name)
        return self._accounts_engine

    def close(self) -> None:
        self.engine.dispose()
        if self._accounts_engine is not None:
            self._accounts_engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- transactions ---------------------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction. A full disk ends it (rolled back: what was stored before stays whole) with a
        ``StoreError`` that names the store, never an "internal error"."""
        try:
            with self.engine.connect() as connection:
                connection.execution_options(sitreps_write=True)
                with connection.begin():
                    yield connection
        except (DBAPIError, OSError) as error:
            if _disk_full(error):
                raise StoreError(self.name, "the disk is full: this write was undone and what was stored before "
                                            "is intact; free some space and run the same command again to resume"
                                 ) from None
            raise

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.connect() as connection:
            yield connection

    # -- articles and reports -------------------------------------------------------------------------------

    def known(self, article_ids: Iterable[str], raw_hashes: Iterable[str] = ()) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
        """Stored report versions: {article id: version} and {raw hash: (article id, version)}."""
        by_id: dict[str, str] = {}
        by_raw: dict[str, tuple[str, str]] = {}
        joined = articles.join(reports, reports.c.article_id == articles.c.id)
        with self._read() as connection:
            for chunk in _chunks(sorted(set(article_ids))):
                query = select(articles.c.id, reports.c.sitreps_version).select_from(joined).where(articles.c.id.in_(chunk))
                by_id.update(dict(connection.execute(query).all()))
            for chunk in _chunks(sorted(set(raw_hashes))):
                query = (select(articles.c.raw_hash, articles.c.id, reports.c.sitreps_version).select_from(joined)
                         .where(articles.c.raw_hash.in_(chunk)))
                by_raw.update({row[0]: (row[1], row[2]) for row in connection.execute(query)})
        return by_id, by_raw

    def save(self, report: dict[str, Any], *, source: str, raw_hash: str, version: str,
             replace: bool = False) -> Saved:
        """Store one report (``Report.to_dict()``) in one transaction; see the module docstring for the rules."""
        report, source = without_nul(report), without_nul(source)
        article = report["article"]
        article_id = article["id"]
        signature = minhash.signature(article["text"])
        try:
            with self._write() as connection:
                return self._save(connection, report, source, raw_hash, version, replace, signature)
        except IntegrityError:
            # another worker stored the same article between our check and our insert
            return Saved("duplicate", article_id)

    def _save(self, connection: Connection, report: dict[str, Any], source: str, raw_hash: str, version: str,
              replace: bool, signature: Any) -> Saved:
        article = report["article"]
        article_id = article["id"]
        now = _now()
        existing = connection.execute(select(articles.c.duplicate_of, articles.c.similarity, articles.c.first_seen)
                                      .where(articles.c.id == article_id)).first()
        if existing is not None:
            if not replace:
                return Saved("duplicate", article_id, existing.duplicate_of, existing.similarity)
            self._delete_children(connection, [article_id])
            connection.execute(update(articles).where(articles.c.id == article_id)
                               .values(**_article_values(article, source, raw_hash, signature), updated=now))
            self._insert_report(connection, report, version, signature, now)
            return Saved("reprocessed", article_id, existing.duplicate_of, existing.similarity)
        status, first_seen, old = "new", now, None
        if replace:  # the same input, cleaned differently by this version: the old article gives way
            old = connection.execute(select(articles.c.id, articles.c.first_seen).where(
                articles.c.raw_hash == raw_hash, articles.c.id != article_id)).first()
            if old is not None:
                status, first_seen = "reprocessed", old.first_seen
        original, similarity = self._near_duplicate(connection, article_id, signature,
                                                    exclude=old.id if old is not None else None)
        if original and status == "new":
            status = "near-duplicate"
        connection.execute(insert(articles).values(
            id=article_id, **_article_values(article, source, raw_hash, signature), duplicate_of=original,
            similarity=similarity, first_seen=first_seen, updated=now))
        self._insert_report(connection, report, version, signature, now)
        if old is not None:
            connection.execute(update(articles).where(articles.c.duplicate_of == old.id)
                               .values(duplicate_of=article_id))
            connection.execute(update(corrections).where(corrections.c.article_id == old.id)
                               .values(article_id=article_id))
            self._delete_children(connection, [old.id])
            connection.execute(delete(articles).where(articles.c.id == old.id))
        return Saved(status, article_id, original, similarity)

    def _insert_report(self, connection: Connection, report: dict[str, Any], version: str, signature: Any,
                       now: dt.datetime) -> None:
        article_id = report["article"]["id"]
        stored = {**report, "article": {k: v for k, v in report["article"].items() if k != "text"}}
        connection.execute(insert(reports).values(article_id=article_id, schema=report.get("schema", ""),
                                                  sitreps_version=version, created=now,
                                                  warnings=report.get("warnings") or [], report=stored))
        if signature is not None:
            connection.execute(insert(article_bands), [{"article_id": article_id, "band": band, "hash": value}
                                                       for band, value in enumerate(minhash.bands(signature))])
        for kind, rows in item_rows(report, article_id).items():
            if rows:
                connection.execute(insert(ITEM_TABLES[kind]), rows)

    def _delete_children(self, connection: Connection, article_ids: list[str]) -> None:
        for table in (*ITEM_TABLES.values(), reports, article_bands):
            connection.execute(delete(table).where(table.c.article_id.in_(article_ids)))

    def _near_duplicate(self, connection: Connection, article_id: str, signature: Any,
                        exclude: str | None = None) -> tuple[str | None, float | None]:
        """The original of a near-duplicate (the root of its chain) and the similarity, or (None, None)."""
        if signature is None:
            return None, None
        match = or_(*(and_(article_bands.c.band == band, article_bands.c.hash == value)
                      for band, value in enumerate(minhash.bands(signature))))
        candidates = connection.execute(select(article_bands.c.article_id).where(match)
                                        .where(article_bands.c.article_id.not_in([article_id, exclude or article_id]))
                                        .distinct()
                                        .limit(_MAX_CANDIDATES)).scalars().all()
        if not candidates:
            return None, None
        rows = connection.execute(select(articles.c.id, articles.c.minhash, articles.c.duplicate_of)
                                  .where(articles.c.id.in_(candidates))).all()
        best_score, best_root = 0.0, None
        for row in sorted(rows, key=lambda r: r.id):
            score = minhash.similarity(signature, minhash.from_bytes(row.minhash))
            if score >= minhash.THRESHOLD and score > best_score and (row.duplicate_of or row.id) != exclude:
                best_score, best_root = score, row.duplicate_of or row.id
        return (best_root, best_score) if best_root else (None, None)

    def report(self, article_id: str) -> dict[str, Any] | None:
        """The stored ``sitreps/1`` report of an article, text included; None if there is none."""
        query = (select(reports.c.report, articles.c.text).select_from(
            reports.join(articles, articles.c.id == reports.c.article_id)).where(reports.c.article_id == article_id))
        with self._read() as connection:
            row = connection.execute(query).first()
        if row is None:
            return None
        report = dict(row.report)
        report["article"] = {**report["article"], "text": row.text}
        return report

    def count(self, what: str = "articles") -> int:
        table = {"articles": articles, "reports": reports, "failures": failures, **ITEM_TABLES}[what]
        with self._read() as connection:
            return connection.execute(select(func.count()).select_from(table)).scalar_one()

    # -- failures and runs ----------------------------------------------------------------------------------

    def record_failures(self, found: Sequence[FailedInput], *, version: str, run_id: int | None = None) -> None:
        """Keep each failure once per input: a re-run replaces the row of an input that failed again."""
        if not found:
            return
        now = _now()
        latest = {without_nul(f.key): f for f in found}  # one row per input, the last reason wins
        with self._write() as connection:
            for chunk in _chunks(sorted(latest)):
                connection.execute(delete(failures).where(failures.c.key.in_(chunk)))
            connection.execute(insert(failures), [
                {"key": key, "source": without_nul(f.source), "reason": without_nul(f.reason), "error": f.error,
                 "code": f.code, "sitreps_version": version, "run_id": run_id, "at": now}
                for key, f in latest.items()])

    def clear_failures(self, keys: Iterable[str]) -> None:
        """Forget the failures of inputs that have now been read."""
        keys = sorted({without_nul(key) for key in keys})
        if not keys:
            return
        with self._write() as connection:
            for chunk in _chunks(keys):
                connection.execute(delete(failures).where(failures.c.key.in_(chunk)))

    def start_run(self, *, engine: str, sources: Sequence[str], version: str) -> int:
        """Record a new run of this process; runs left "running" by a driver that is gone are marked
        ``interrupted`` first (see ``interrupt_abandoned_runs``)."""
        self.interrupt_abandoned_runs()
        now = _now()
        with self._write() as connection:
            return connection.execute(insert(ingest_runs).values(
                started=now, sitreps_version=version, engine=engine, sources=list(sources), counts={},
                status="running", host=socket.gethostname(), pid=os.getpid(), heartbeat=now)
                .returning(ingest_runs.c.id)).scalar_one()

    def run_alive(self, run_id: int) -> None:
        """The driver's heartbeat: it is still at work on ``run_id``."""
        with self._write() as connection:
            connection.execute(update(ingest_runs).where(ingest_runs.c.id == run_id).values(heartbeat=_now()))

    def finish_run(self, run_id: int, counts: dict[str, int], status: str) -> None:
        with self._write() as connection:
            connection.execute(update(ingest_runs).where(ingest_runs.c.id == run_id)
                               .values(finished=_now(), heartbeat=_now(), counts=counts, status=status))
        self.refresh_statistics()  # the run may have grown the store tenfold: plan its reads for its new size

    def refresh_statistics(self) -> None:
        """Let the database's query planner see how large the tables are now (``ANALYZE``).

        The workbench's lists are only fast when the planner reads the items' list-order index and stops after
        a page (migration 0007); SQLite only does so once it has statistics, and stale ones from a small store
        mislead it as the store grows. SQLite samples (``analysis_limit``): some 15 ms at 1,500 articles.
        Called at the end of every ingest run and when the workbench starts."""
        with self._write() as connection:
            for statement in statistics_statements(self.backend):
                connection.exec_driver_sql(statement)

    def interrupt_abandoned_runs(self) -> list[int]:
        """Mark ``interrupted`` the runs still "running" whose driver is gone: on this host, its process no
        longer exists; on another host, it has given no heartbeat for ``ABANDONED_AFTER``. Returns their ids."""
        here, now = socket.gethostname(), _now()
        with self._read() as connection:
            rows = connection.execute(select(ingest_runs.c.id, ingest_runs.c.host, ingest_runs.c.pid,
                                             ingest_runs.c.heartbeat).where(ingest_runs.c.status == "running")).all()
        gone = [row.id for row in rows if row.host is not None and (
            (row.host == here and not _process_alive(row.pid))
            or (row.host != here and row.heartbeat is not None and now - _aware(row.heartbeat) > ABANDONED_AFTER))]
        if gone:
            with self._write() as connection:
                connection.execute(update(ingest_runs).where(ingest_runs.c.id.in_(gone),
                                                             ingest_runs.c.status == "running")
                                   .values(status="interrupted", finished=now))
        return gone

    # -- corrections (the workbench writes these) -------------------------------------------------------------

    def add_correction(self, article_id: str, component: str, kind: str, *, start: int | None = None,
                       end: int | None = None, text: str | None = None, item_id: str | None = None,
                       field: str | None = None, value: Any = None, note: str | None = None,
                       author: str | None = None) -> int:
        """Record an analyst's report of a wrong (``kind="wrong"``) or missing (``"missing"``) extraction, or of
        an error in the article's text (``"text"``). It starts ``open``; see ``review_correction``. A reviewer's
        dismissal of a contradiction fusion flagged (``component="contradictions"``, ``kind="dismissed"``,
        ``item_id`` the contradiction's id) is kept here too: it is a correction of fusion's output, not of
        an extraction, and never becomes gold."""
        if kind not in {"wrong", "missing", "text", "dismissed"}:
            raise ValueError(f"kind must be 'wrong', 'missing', 'text' or 'dismissed', not {kind!r}")
        with self._write() as connection:
            return connection.execute(insert(corrections).values(
                article_id=article_id, component=component, kind=kind, start=start, end=end, text=text,
                item_id=item_id, field=field, value=value, note=note, author=author, status="open",
                created=_now()).returning(corrections.c.id)).scalar_one()

    def review_correction(self, correction_id: int, status: str, *, reviewer: str | None = None) -> bool:
        """Set a correction's status (open, accepted, rejected); False when there is no such correction."""
        if status not in {"open", "accepted", "rejected"}:
            raise ValueError(f"status must be open, accepted or rejected, not {status!r}")
        with self._write() as connection:
            return bool(connection.execute(update(corrections).where(corrections.c.id == correction_id).values(
                status=status, reviewer=reviewer, reviewed=None if status == "open" else _now())).rowcount)

    def revise_correction(self, correction_id: int, *, field: str | None, value: Any,
                          note: str | None = None) -> bool:
        """Replace a correction's field and value (a reviewer's edit before accepting; the caller checks the
        value); False when there is no such correction."""
        changes: dict[str, Any] = {"field": field, "value": value}
        if note is not None:
            changes["note"] = note
        with self._write() as connection:
            return bool(connection.execute(update(corrections).where(corrections.c.id == correction_id)
                                           .values(**changes)).rowcount)

    # -- queries: pandas DataFrames (``queries`` has every read) ------------------------------------------------

    def frame(self, what: str, **filters: Any) -> "pd.DataFrame":
        """Rows of one kind (articles, actors, places, times, events, figures, claims, failures, corrections);
        ``filters`` are the fields of ``queries.Filters``."""
        return frame(self, what, Filters(**filters))

    def articles(self, **filters: Any) -> "pd.DataFrame":
        return self.frame("articles", **filters)

    def actors(self, **filters: Any) -> "pd.DataFrame":
        return self.frame("actors", **filters)

    def places(self, **filters: Any) -> "pd.DataFrame":
        return self.frame("places", **filters)

    def times(self, **filters: Any) -> "pd.DataFrame":
        return self.frame("times", **filters)

    def events(self, **filters: Any) -> "pd.DataFrame":
        return self.frame("events", **filters)

    def figures(self, **filters: Any) -> "pd.DataFrame":
        return self.frame("figures", **filters)

    def claims(self, **filters: Any) -> "pd.DataFrame":
        return self.frame("claims", **filters)

    def failures(self) -> "pd.DataFrame":
        return self.frame("failures")

    def corrections(self) -> "pd.DataFrame":
        return self.frame("corrections")


def _engine(url: str, backend: str) -> Engine:
    if backend != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": 120})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we say BEGIN ourselves (below), not the driver
        cursor = dbapi_connection.cursor()
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON", "busy_timeout=120000"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # a writer takes the lock up front: a deferred transaction that reads first and writes later fails
        # (SQLITE_BUSY) instead of waiting when another process wrote in between
        connection.exec_driver_sql("BEGIN IMMEDIATE" if connection.get_execution_options().get("sitreps_write")
                                   else "BEGIN")

    return engine


def _article_values(article: dict[str, Any], source: str, raw_hash: str, signature: Any) -> dict[str, Any]:
    return {"raw_hash": raw_hash, "source": source, "url": article.get("url"), "host": host_of(article.get("url")),
            "title": article.get("title"), "publisher": article.get("publisher"),
            "authors": article.get("authors") or [], "published": article.get("published"),
            "published_basis": article.get("published_basis"), "language": article.get("language"),
            "genre": article.get("genre"), "text": article["text"],
            "minhash": minhash.to_bytes(signature) if signature is not None else None}


def without_nul(value: Any) -> Any:
    """``value`` (a string, or lists and dicts of them) with U+0000 replaced by U+FFFD (same length, so the
    report's offsets stay true)."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd") if "\x00" in value else value
    if isinstance(value, dict):
        return {without_nul(k): without_nul(v) for k, v in value.items()}
    if isinstance(value, list):
        return [without_nul(v) for v in value]
    return value


def _disk_full(error: BaseException) -> bool:
    """SQLite's SQLITE_FULL, PostgreSQL's disk_full (53100) or the system's ENOSPC/EDQUOT."""
    if isinstance(error, OSError):
        return error.errno in (errno.ENOSPC, errno.EDQUOT)
    original = getattr(error, "orig", None)
    if isinstance(original, OSError) and original.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    message = str(original or error).lower()
    return getattr(original, "sqlstate", None) == "53100" or "disk is full" in message \
        or "no space left on device" in message


def _process_alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: alive
    try:  # a zombie (ended, not yet reaped) is gone
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _aware(moment: dt.datetime) -> dt.datetime:
    """SQLite gives back naive datetimes (stored as UTC)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def _chunks(values: Sequence[str]) -> Iterator[list[str]]:
    for start in range(0, len(values), _CHUNK):
        yield list(values[start:start + _CHUNK])


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _first_line(error: SQLAlchemyError) -> str:
    return str(getattr(error, "orig", None) or error).strip().splitlines()[0]


__all__ = ["DEFAULT_DB", "FailedInput", "Filters", "Saved", "Store", "database_url", "display_name",
           "statistics_statements"]
