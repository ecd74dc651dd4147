"""The research store can be published as it is: no password hash, token digest or cookie secret in it.

Each test runs on SQLite and on a real PostgreSQL server (the ``store_url`` fixture). The store is read the
way Datasette reads a database: every table, every column of every row, as text; nothing the workbench keeps
for signing in may be found there. The accounts live in their own database (a 0600 file beside a SQLite
store, a schema closed to PUBLIC in a PostgreSQL one), and migration 0006 moves existing ones there.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import make_url, select, text

from sitreps.store import Store, _engine, database_url, migrate
from sitreps.store.accounts import PG_SCHEMA, Accounts, hash_password, token_digest
from sitreps.store.schema import users
from tests.test_store import WIRE, make_report, save

PASSWORD = "correct horse battery staple"
TOKEN = "srt_an-old-token-made-before-0006"
SECRET = "5e" * 32


def _every_value(url: str) -> tuple[set[str], list[str]]:
    """The tables of the research store and every value in them as text (Datasette's view of it)."""
    values: list[str] = []
    if make_url(database_url(url)).get_backend_name() == "sqlite":
        connection = sqlite3.connect(f"file:{url}?mode=ro", uri=True)
        tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        for table in tables:
            for row in connection.execute(f'SELECT * FROM "{table}"'):
                values += [value.hex() if isinstance(value, bytes) else str(value) for value in row]
        connection.close()
        return tables, values
    import psycopg

    with psycopg.connect(url) as connection:
        tables = {name for (name,) in connection.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")}
        for table in tables:
            for row in connection.execute(f'SELECT * FROM public."{table}"'):
                values += [value.hex() if isinstance(value, bytes) else str(value) for value in row]
    return tables, values


def _assert_nothing_secret(url: str, secrets: list[str]) -> None:
    tables, values = _every_value(url)
    assert {"articles", "reports", "corrections"} <= tables and len(values) > 20  # the scan reads real data
    assert not {"users", "api_tokens", "web_settings"} & tables
    leaked = [secret for secret in secrets if any(secret in value for value in values)]
    assert not leaked, f"the research store holds {leaked}"


def test_the_research_store_holds_no_password_hash_token_digest_or_cookie_secret(store_url):
    store = Store(store_url)
    save(store, make_report(WIRE))
    accounts = Accounts(store)
    accounts.add_user("ana", PASSWORD, role="reviewer")
    token = accounts.new_token("ana", label="nightly")
    secret = accounts.secret().hex()
    assert accounts.authenticate("ana", PASSWORD) and accounts.user_for_token(token).name == "ana"
    with store.accounts_engine.connect() as connection:
        stored_hash = connection.execute(select(users.c.password)).scalar_one()
    assert stored_hash.startswith("scrypt$")
    _assert_nothing_secret(store_url, [secret, stored_hash, stored_hash.split("$")[-1], token_digest(token), token,
                                       PASSWORD])
    store.close()
    # a second process (another server worker) finds the same accounts and the same secret
    again = Store(store_url)
    assert Accounts(again).secret().hex() == secret and Accounts(again).authenticate("ana", PASSWORD)
    again.close()


def test_the_accounts_database_is_private(store_url, tmp_path):
    store = Store(store_url)
    Accounts(store).secret()
    if store.backend == "sqlite":
        path = Path(store_url).with_name("sitreps.accounts.db")
        assert store.accounts_url == f"sqlite:///{path}"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    else:
        import psycopg

        with psycopg.connect(store_url) as connection:
            granted = connection.execute(
                "SELECT has_schema_privilege('public', %s, 'USAGE'), has_schema_privilege('public', %s, 'CREATE')",
                (PG_SCHEMA, PG_SCHEMA)).fetchone()
        assert granted == (False, False)
    store.close()


def test_sitreps_accounts_db_puts_the_accounts_where_it_says(tmp_path, monkeypatch):
    elsewhere = tmp_path / "private" / "accounts.db"
    elsewhere.parent.mkdir()
    monkeypatch.setenv("SITREPS_ACCOUNTS_DB", str(elsewhere))
    store = Store(str(tmp_path / "news.db"))
    Accounts(store).add_user("ana", PASSWORD)
    assert stat.S_IMODE(elsewhere.stat().st_mode) == 0o600
    assert not (tmp_path / "news.accounts.db").exists()
    store.close()


def _store_at_0003(url: str) -> None:
    """A store as sitreps made it before 0006: accounts in the research tables."""
    backend = make_url(database_url(url)).get_backend_name()
    engine = _engine(database_url(url), backend)
    with engine.connect() as connection:
        cfg = migrate.config()
        cfg.attributes["connection"] = connection
        with connection.begin():
            command.upgrade(cfg, "0003")
        now = dt.datetime(2026, 11, 30, tzinfo=dt.timezone.utc)
        with connection.begin():
            connection.execute(text("INSERT INTO users (id, name, password, role, created) "
                                    "VALUES (1, 'ana', :password, 'reviewer', :now)"),
                               {"password": hash_password(PASSWORD), "now": now})
            connection.execute(text("INSERT INTO api_tokens (id, user_id, digest, label, created) "
                                    "VALUES (1, 1, :digest, 'nightly', :now)"), {"digest": token_digest(TOKEN), "now": now})
            connection.execute(text("INSERT INTO web_settings (key, value) VALUES ('secret', :secret)"),
                               {"secret": SECRET})
    engine.dispose()


def test_migration_0006_moves_existing_accounts_out_and_they_keep_working(store_url):
    _store_at_0003(store_url)
    store = Store(store_url)  # migrates to the head
    accounts = Accounts(store)
    assert accounts.secret().hex() == SECRET  # sessions signed before the upgrade stay valid
    assert accounts.authenticate("ana", PASSWORD).may_review
    assert accounts.user_for_token(TOKEN).name == "ana"
    assert accounts.add_user("bob", PASSWORD).id == 2  # ids go on after the moved ones
    save(store, make_report(WIRE))
    with store.accounts_engine.connect() as connection:
        old_hash = connection.execute(select(users.c.password).where(users.c.name == "ana")).scalar_one()
    _assert_nothing_secret(store_url, [SECRET, old_hash, token_digest(TOKEN)])
    store.close()
    # the file itself, free pages included, as it would be copied and published (Debian's SQLite zeroes freed
    # pages by default; migration 0006 asks for it, so other builds do too)
    if store.backend == "sqlite":
        raw = Path(store_url).read_bytes()
        assert b"scrypt$" not in raw and SECRET.encode() not in raw and token_digest(TOKEN).encode() not in raw


def test_downgrading_below_0006_brings_the_accounts_back(store_url):
    store = Store(store_url)
    accounts = Accounts(store)
    accounts.add_user("ana", PASSWORD)
    secret = accounts.secret().hex()
    with store.engine.connect() as connection:
        cfg = migrate.config()
        cfg.attributes["connection"] = connection
        cfg.attributes["accounts_url"] = store.accounts_url
        with connection.begin():
            command.downgrade(cfg, "0003")
        assert connection.execute(text("SELECT value FROM web_settings WHERE key = 'secret'")).scalar_one() == secret
        assert connection.execute(text("SELECT name FROM users")).scalar_one() == "ana"
    store.close()


def test_an_accounts_database_that_cannot_be_made_is_a_clear_error(tmp_path, monkeypatch):
    from sitreps.errors import StoreError

    monkeypatch.setenv("SITREPS_ACCOUNTS_DB", str(tmp_path / "no-such-folder" / "accounts.db"))
    store = Store(str(tmp_path / "news.db"))  # the research store opens: it needs no accounts
    save(store, make_report(WIRE))
    with pytest.raises(StoreError, match="no-such-folder"):
        Accounts(store)
    assert store.count() == 1
    store.close()
