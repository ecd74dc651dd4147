"""Schema migrations with Alembic, run from code: ``sitreps ingest`` brings any database up to date.

The migration scripts live in ``sitreps/migrations`` (a package, so they ship
with sitreps). Developers add one with
``alembic -c src/sitreps/migrations/alembic.ini revision -m "…"``. A database
whose revision this sitreps does not know was made by a newer sitreps and is
refused rather than touched.
"""

from __future__ import annotations

from importlib.resources import files

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from sitreps.errors import StoreError

MIGRATION_LOCK = 0x5177_2E95  # the PostgreSQL advisory lock key that migrations hold ("sitreps")


def config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(files("sitreps") / "migrations"))
    return cfg


def head() -> str:
    return ScriptDirectory.from_config(config()).get_current_head() or ""


def current(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, name: str, *, accounts_url: str | None = None) -> None:
    """Bring the database to the newest schema (no-op when it is there).

    Several processes may open a new database at once (two ingests, a cluster's first partitions): one
    migrates while the others wait for it, then find the schema there. The wait is a lock held for the
    whole migration: SQLite's write lock (``BEGIN IMMEDIATE``, waiting up to the busy timeout) and a
    PostgreSQL advisory lock; the revision is read again once the lock is held. ``accounts_url`` is where
    migration 0006 moves the workbench's accounts to (``sitreps.store.accounts``)."""
    with engine.begin() as connection:
        if current(connection) == head():
            return  # the common case: no lock taken
    with engine.connect() as connection:
        connection.execution_options(sitreps_write=True)  # SQLite: BEGIN IMMEDIATE (sitreps.store._engine)
        with connection.begin():
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            revision = current(connection)
            if revision == head():
                return  # another process migrated while this one waited
            _check_known(revision, name)
            cfg = config()
            cfg.attributes["connection"] = connection
            cfg.attributes["accounts_url"] = accounts_url
            command.upgrade(cfg, "head")


def check(engine: Engine, name: str) -> None:
    """Refuse a database that is not at this sitreps's schema (workers never migrate: the driver does)."""
    with engine.connect() as connection:
        revision = current(connection)
    if revision != head():
        _check_known(revision, name)
        raise StoreError(name, f"the database schema is at revision {revision or 'none'}, not {head()}; "
                               "open it once with `sitreps ingest` (or Store(url)) to migrate it")


def _check_known(revision: str | None, name: str) -> None:
    if revision is None:
        return
    try:
        known = ScriptDirectory.from_config(config()).get_revision(revision) is not None
    except CommandError:
        known = False
    if not known:
        raise StoreError(name, f"the database schema (revision {revision}) was made by a newer sitreps; upgrade sitreps")
