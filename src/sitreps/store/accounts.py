"""Workbench accounts kept in the store: users with scrypt-hashed passwords, API tokens, the cookie secret.

Reading the workbench needs no account on loopback; reporting a correction
needs a signed-in user (a browser session) or an API token (scripts).
Passwords are hashed with scrypt (the standard library's, memory-hard) and a
random salt; tokens are random and only their SHA-256 is kept, so a copy of
the database gives neither away.

    >>> accounts = Accounts(store)
    >>> accounts.add_user("ana", "a long passphrase", role="reviewer")
    >>> token = accounts.new_token("ana", label="nightly script")
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from sitreps.errors import AccountError
from sitreps.store.schema import api_tokens, users, web_settings

if TYPE_CHECKING:
    from sitreps.store import Store

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


class Accounts:
    """Users, tokens and the signing secret of one store."""

    def __init__(self, store: "Store") -> None:
        self.store = store

    def add_user(self, name: str, password: str, *, role: str = "analyst") -> User:
        name = name.strip()
        if not name or len(name) > 64 or any(c.isspace() for c in name):
            raise AccountError(repr(name), "a user name is 1 to 64 characters without spaces")
        if role not in ROLES:
            raise AccountError(role, f"a role is one of {', '.join(ROLES)}")
        if len(password) < MIN_PASSWORD:
            raise AccountError(name, f"the password is shorter than {MIN_PASSWORD} characters")
        try:
            with self.store._write() as connection:
                user_id = connection.execute(insert(users).values(
                    name=name, password=hash_password(password), role=role, created=_now())
                    .returning(users.c.id)).scalar_one()
        except IntegrityError:
            raise AccountError(name, "a user of that name exists already") from None
        return User(user_id, name, role)

    def set_password(self, name: str, password: str) -> None:
        if len(password) < MIN_PASSWORD:
            raise AccountError(name, f"the password is shorter than {MIN_PASSWORD} characters")
        with self.store._write() as connection:
            done = connection.execute(update(users).where(users.c.name == name).values(
                password=hash_password(password), session_generation=users.c.session_generation + 1)).rowcount
        if not done:
            raise AccountError(name, "no such user")

    def revoke_sessions(self, user_id: int) -> None:
        """End every session of the user (signing out): cookies made before, copies included, stop working."""
        with self.store._write() as connection:
            connection.execute(update(users).where(users.c.id == user_id)
                               .values(session_generation=users.c.session_generation + 1))

    def remove_user(self, name: str) -> None:
        with self.store._write() as connection:
            user = connection.execute(select(users.c.id).where(users.c.name == name)).scalar()
            if user is None:
                raise AccountError(name, "no such user")
            connection.execute(delete(api_tokens).where(api_tokens.c.user_id == user))
            connection.execute(delete(users).where(users.c.id == user))

    def users(self) -> list[User]:
        with self.store._read() as connection:
            rows = connection.execute(select(users.c.id, users.c.name, users.c.role).order_by(users.c.name)).all()
        return [User(*row) for row in rows]

    def user(self, user_id: int) -> User | None:
        with self.store._read() as connection:
            row = connection.execute(select(users.c.id, users.c.name, users.c.role, users.c.session_generation)
                                     .where(users.c.id == user_id)).first()
        return User(*row) if row else None

    def authenticate(self, name: str, password: str) -> User | None:
        """The user when the password is right, else None (the same work is done for an unknown name)."""
        with self.store._read() as connection:
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
        with self.store._write() as connection:
            user = connection.execute(select(users.c.id).where(users.c.name == name)).scalar()
            if user is None:
                raise AccountError(name, "no such user (add one with `sitreps users add`)")
            connection.execute(insert(api_tokens).values(user_id=user, digest=token_digest(token), label=label,
                                                         created=_now()))
        return token

    def user_for_token(self, token: str) -> User | None:
        digest = token_digest(token.strip())
        with self.store._write() as connection:
            row = connection.execute(select(users.c.id, users.c.name, users.c.role)
                                     .select_from(api_tokens.join(users, users.c.id == api_tokens.c.user_id))
                                     .where(api_tokens.c.digest == digest)).first()
            if row is not None:
                connection.execute(update(api_tokens).where(api_tokens.c.digest == digest).values(last_used=_now()))
        return User(*row) if row else None

    def secret(self) -> bytes:
        """The key that signs session cookies: made once per store, so sessions survive a restart."""
        with self.store._read() as connection:
            value = connection.execute(select(web_settings.c.value).where(web_settings.c.key == "secret")).scalar()
        if value is None:
            try:
                with self.store._write() as connection:
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
