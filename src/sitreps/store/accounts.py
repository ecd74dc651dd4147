"""Workbench accounts: users with scrypt-hashed passwords, API tokens, the cookie secret, kept apart from reports.

Reading the workbench needs no account on loopback; reporting a correction
needs a signed-in user (a browser session) or an API token (scripts).
Passwords are hashed with scrypt (the standard library's, memory-hard) and a
random salt; tokens are random and only their SHA-256 is kept, so a copy of
the database gives neither away.

They are kept in a database of their own, never in the research store, so
that the store can be published as it is (a Datasette instance, a copy sent
to a colleague) without handing out what signs sessions or what a password
can be guessed against offline:

* beside a SQLite store ``news.db``, the file ``news.accounts.db``, created
  readable by its owner only (0600);
* for a PostgreSQL store, the schema ``sitreps_accounts`` of the same
  database, closed to PUBLIC (``pg_dump --schema=public`` leaves it out);
* anywhere else with ``$SITREPS_ACCOUNTS_DB`` (a path or a database URL) or
  ``Store(url, accounts=...)``.

    >>> accounts = Accounts(store)
    >>> accounts.add_user("ana", "a long passphrase", role="reviewer")
    >>> token = accounts.new_token("ana", label="nightly script")
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DBAPIError, IntegrityError

from sitreps.errors import AccountError, StoreError
from sitreps.store.schema import accounts_metadata, api_tokens, users, web_settings

if TYPE_CHECKING:
    from sitreps.store import Store

ACCOUNTS_ENV = "SITREPS_ACCOUNTS_DB"
PG_SCHEMA = "sitreps_accounts"  # a PostgreSQL store's accounts: a schema of its own in the same database
ROLES = ("analyst", "reviewer")
MIN_PASSWORD = 8
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}  # about 50 ms and 16 MB per check: slow for guessing, fine for sign-in
_TOKEN_PREFIX = "srt_"


@dataclass(frozen=True, slots=True)
class User:
    id: int
    name: str
    role: str
    generation: int = 0  # of the user's sessions: a cookie of an older generation is revoked

    @property
    def may_review(self) -> bool:
        return self.role == "reviewer"


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **_SCRYPT)
    return "scrypt${n}${r}${p}$".format(**_SCRYPT) + f"{_b64(salt)}${_b64(digest)}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        found = hashlib.scrypt(password.encode(), salt=_unb64(salt), dklen=32, n=int(n), r=int(r), p=int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(found, _unb64(digest))


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def accounts_url(store_url: str, given: str | None = None) -> str:
    """Where the accounts of the store at ``store_url`` live: ``given``, else $SITREPS_ACCOUNTS_DB, else beside
    the store (``news.db`` -> ``news.accounts.db``; a PostgreSQL store's own database, schema sitreps_accounts)."""
    from sitreps.store import database_url

    value = given or os.environ.get(ACCOUNTS_ENV)
    if value:
        return database_url(value)
    parsed = make_url(store_url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database in (None, "", ":memory:"):
            return "sqlite://"
        path = Path(parsed.database)
        return f"sqlite:///{path.with_name(path.stem + '.accounts.db')}"
    return store_url


def open_accounts(url: str, name: str) -> Engine:
    """An engine on the accounts database at ``url``, with its tables made when missing.

    A new SQLite file is created readable and writable by its owner only (0600) before SQLite opens it (SQLite
    gives its WAL and shared-memory files the same mode); on PostgreSQL the tables go to the schema ``sitreps_accounts``, on which
    PUBLIC is given no rights."""
    from sitreps.store import _engine, display_name  # the store's settings: WAL, foreign keys, writers wait

    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.database not in (None, "", ":memory:"):
            _create_private(Path(parsed.database), name)
        engine = _engine(url, backend)
    elif backend == "postgresql":
        engine = _engine(url, backend).execution_options(schema_translate_map={None: PG_SCHEMA})
    else:
        raise StoreError(name, f"the accounts database must be SQLite or PostgreSQL, not {backend}")
    try:
        if backend == "postgresql":
            with engine.begin() as connection:
                _private_schema(connection)
        accounts_metadata.create_all(engine)
    except DBAPIError as error:  # unreachable, read-only, or no right to create the schema
        engine.dispose()
        raise StoreError(name, f"cannot open the accounts database ({display_name(url)}): "
                               f"{str(error.orig or error).splitlines()[0]}; "
                               f"give another place with ${ACCOUNTS_ENV}") from None
    return engine


def _create_private(path: Path, name: str) -> None:
    if path.exists():
        return
    if not path.parent.is_dir():
        raise StoreError(name, f"the folder of the accounts database {path} does not exist")
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass  # another process made it first
    os.chmod(path, 0o600)  # whatever the umask


def _private_schema(connection: Connection) -> None:
    """CREATE SCHEMA sitreps_accounts, closed to PUBLIC; one process at a time (an advisory lock)."""
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": 0x5177_2E96})
    exists = connection.execute(text("SELECT 1 FROM pg_namespace WHERE nspname = :name"), {"name": PG_SCHEMA}).first()
    if not exists:
        connection.execute(text(f"CREATE SCHEMA {PG_SCHEMA}"))
        connection.execute(text(f"REVOKE ALL ON SCHEMA {PG_SCHEMA} FROM PUBLIC"))


class Accounts:
    """Users, tokens and the signing secret of one store, read from and written to its accounts database."""

    def __init__(self, store: "Store") -> None:
        self.store = store
        self.engine = store.accounts_engine

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self.engine.connect() as connection:
            connection.execution_options(sitreps_write=True)  # SQLite: BEGIN IMMEDIATE (sitreps.store._engine)
            with connection.begin():
                yield connection

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.connect() as connection:
            yield connection

    def add_user(self, name: str, password: str, *, role: str = "analyst") -> User:
        name = name.strip()
        if not name or len(name) > 64 or any(c.isspace() for c in name):
            raise AccountError(repr(name), "a user name is 1 to 64 characters without spaces")
        if role not in ROLES:
            raise AccountError(role, f"a role is one of {', '.join(ROLES)}")
        if len(password) < MIN_PASSWORD:
            raise AccountError(name, f"the password is shorter than {MIN_PASSWORD} characters")
        try:
            with self._write() as connection:
                user_id = connection.execute(insert(users).values(
                    name=name, password=hash_password(password), role=role, created=_now())
                    .returning(users.c.id)).scalar_one()
        except IntegrityError:
            raise AccountError(name, "a user of that name exists already") from None
        return User(user_id, name, role)

    def set_password(self, name: str, password: str) -> None:
        if len(password) < MIN_PASSWORD:
            raise AccountError(name, f"the password is shorter than {MIN_PASSWORD} characters")
        with self._write() as connection:
            done = connection.execute(update(users).where(users.c.name == name).values(
                password=hash_password(password), session_generation=users.c.session_generation + 1)).rowcount
        if not done:
            raise AccountError(name, "no such user")

    def revoke_sessions(self, user_id: int) -> None:
        """End every session of the user (signing out): cookies made before, copies included, stop working."""
        with self._write() as connection:
            connection.execute(update(users).where(users.c.id == user_id)
                               .values(session_generation=users.c.session_generation + 1))

    def remove_user(self, name: str) -> None:
        with self._write() as connection:
            user = connection.execute(select(users.c.id).where(users.c.name == name)).scalar()
            if user is None:
                raise AccountError(name, "no such user")
            connection.execute(delete(api_tokens).where(api_tokens.c.user_id == user))
            connection.execute(delete(users).where(users.c.id == user))

    def users(self) -> list[User]:
        with self._read() as connection:
            rows = connection.execute(select(users.c.id, users.c.name, users.c.role).order_by(users.c.name)).all()
        return [User(*row) for row in rows]

    def user(self, user_id: int) -> User | None:
        with self._read() as connection:
            row = connection.execute(select(users.c.id, users.c.name, users.c.role, users.c.session_generation)
                                     .where(users.c.id == user_id)).first()
        return User(*row) if row else None

    def authenticate(self, name: str, password: str) -> User | None:
        """The user when the password is right, else None (the same work is done for an unknown name)."""
        with self._read() as connection:
            row = connection.execute(select(users.c.id, users.c.name, users.c.role, users.c.password,
                                            users.c.session_generation)
                                     .where(users.c.name == name.strip())).first()
        if row is None:
            check_password(password, hash_password("not a user"))  # no timing difference for unknown names
            return None
        if not check_password(password, row.password):
            return None
        return User(row.id, row.name, row.role, row.session_generation)

    def new_token(self, name: str, *, label: str | None = None) -> str:
        """A new API token for ``name``; shown once, only its digest is stored."""
        token = _TOKEN_PREFIX + secrets.token_urlsafe(32)
        with self._write() as connection:
            user = connection.execute(select(users.c.id).where(users.c.name == name)).scalar()
            if user is None:
                raise AccountError(name, "no such user (add one with `sitreps users add`)")
            connection.execute(insert(api_tokens).values(user_id=user, digest=token_digest(token), label=label,
                                                         created=_now()))
        return token

    def user_for_token(self, token: str) -> User | None:
        digest = token_digest(token.strip())
        with self._write() as connection:
            row = connection.execute(select(users.c.id, users.c.name, users.c.role)
                                     .select_from(api_tokens.join(users, users.c.id == api_tokens.c.user_id))
                                     .where(api_tokens.c.digest == digest)).first()
            if row is not None:
                connection.execute(update(api_tokens).where(api_tokens.c.digest == digest).values(last_used=_now()))
        return User(*row) if row else None

    def secret(self) -> bytes:
        """The key that signs session cookies: made once per store, so sessions survive a restart."""
        with self._read() as connection:
            value = connection.execute(select(web_settings.c.value).where(web_settings.c.key == "secret")).scalar()
        if value is None:
            try:
                with self._write() as connection:
                    connection.execute(insert(web_settings).values(key="secret", value=secrets.token_hex(32)))
            except IntegrityError:
                pass  # another server process made it first
            return self.secret()
        return bytes.fromhex(value)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)
