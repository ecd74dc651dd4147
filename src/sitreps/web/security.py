"""Who is asking, and may they: signed session cookies, CSRF tokens, API tokens, security headers.

* A browser session is a cookie ``sitreps_session`` =
  ``user.generation.expiry.signature`` (HMAC-SHA256 with the store's secret,
  see ``store.accounts``): a changed user id, generation or expiry breaks the
  signature. The generation must be the user's current one: signing out and a
  password change count it up, so every cookie made before (a copy an
  attacker took included) stops working.
* CSRF: every visitor gets a random ``sitreps_csrf`` cookie (HttpOnly,
  SameSite=Strict); forms carry an HMAC of it as a hidden field, and a POST is
  refused unless the field matches the cookie it was made from (the signed
  double-submit pattern). Requests with an API token in ``Authorization:
  Bearer`` carry no cookies and need no CSRF token.
* Reading is open when the server listens on loopback; on any other address
  every page and endpoint needs a user too (``sitreps serve --public`` opens
  reading explicitly).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sitreps.store.accounts import Accounts, User

SESSION_COOKIE = "sitreps_session"
CSRF_COOKIE = "sitreps_csrf"
SESSION_SECONDS = 12 * 3600

HEADERS = {
    "content-security-policy": ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}


class Forbidden(Exception):
    """Raised by the access checks; the app turns it into 401/403 (API) or a sign-in page (browser)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass(slots=True)
class Signer:
    secret: bytes

    def sign(self, payload: str) -> str:
        return hmac.new(self.secret, payload.encode(), hashlib.sha256).hexdigest()

    def session(self, user: User, now: float | None = None) -> str:
        payload = f"{user.id}.{user.generation}.{int((now or time.time()) + SESSION_SECONDS)}"
        return f"{payload}.{self.sign('session:' + payload)}"

    def session_of(self, cookie: str | None, now: float | None = None) -> tuple[int, int] | None:
        """The user id and session generation of a genuine, unexpired cookie, else None."""
        try:
            user_id, generation, expiry, signature = (cookie or "").split(".")
            if not hmac.compare_digest(signature, self.sign(f"session:{user_id}.{generation}.{expiry}")):
                return None
            return (int(user_id), int(generation)) if int(expiry) > (now or time.time()) else None
        except ValueError:
            return None

    def csrf_token(self, seed: str) -> str:
        return self.sign("csrf:" + seed)

    def csrf_ok(self, seed: str | None, token: str | None) -> bool:
        return bool(seed and token) and hmac.compare_digest(self.csrf_token(seed or ""), token or "")


def csrf_seed(request: Request) -> str:
    """The visitor's CSRF cookie, or the one the middleware is about to set on this response."""
    return request.cookies.get(CSRF_COOKIE) or request.scope.setdefault("sitreps_new_csrf", secrets.token_urlsafe(24))


def current_user(request: Request) -> User | None:
    """The user of an API token or a session cookie, looked up once per request."""
    if "sitreps_user" in request.scope:
        return request.scope["sitreps_user"]
    accounts: Accounts = request.app.state.accounts
    user = None
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        user = request.app.state.write(accounts.user_for_token, header[7:])  # it notes when the token was used
        if user is None:
            raise Forbidden(401, "the API token is not valid")
    else:
        session = request.app.state.signer.session_of(request.cookies.get(SESSION_COOKIE))
        user = accounts.user(session[0]) if session is not None else None
        if user is not None and user.generation != session[1]:
            user = None  # signed out or the password changed since this cookie was made
    request.scope["sitreps_user"] = user
    return user


def by_token(request: Request) -> bool:
    return request.headers.get("authorization", "").lower().startswith("bearer ")


def require_reader(request: Request) -> User | None:
    user = current_user(request)
    if user is None and not request.app.state.open_reading:
        raise Forbidden(401, "sign in to read this workbench")
    return user


def require_writer(request: Request, form_token: str | None = None) -> User:
    """A signed-in user, and for cookie sessions a valid CSRF token (form field or X-CSRF-Token header)."""
    user = current_user(request)
    if user is None:
        raise Forbidden(401, "sign in (or send an API token) to report corrections")
    if not by_token(request):
        token = form_token or request.headers.get("x-csrf-token")
        if not request.app.state.signer.csrf_ok(request.cookies.get(CSRF_COOKIE), token):
            raise Forbidden(403, "the form's CSRF token is missing or stale: reload the page and try again")
    return user


def require_reviewer(request: Request, form_token: str | None = None) -> User:
    user = require_writer(request, form_token)
    if not user.may_review:
        raise Forbidden(403, f"{user.name} is an analyst; only reviewers accept or reject corrections")
    return user


class SecurityHeaders:
    """ASGI middleware: security headers on every response, the CSRF cookie for new visitors, and a
    ``Server-Timing`` header with the time the server spent before answering."""

    def __init__(self, app: ASGIApp, *, secure_cookies: bool = False) -> None:
        self.app = app
        self.secure = "; Secure" if secure_cookies else ""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = time.perf_counter()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.decode().lower() not in HEADERS]
                headers += [(k.encode(), v.encode()) for k, v in HEADERS.items()]
                # how long the server took (benchmarks/web.py reads it; browsers show it in their dev tools)
                headers.append((b"server-timing", f"app;dur={(time.perf_counter() - started) * 1000:.1f}".encode()))
                if "sitreps_new_csrf" in scope:
                    cookie = (f"{CSRF_COOKIE}={scope['sitreps_new_csrf']}; Path=/; HttpOnly; "
                              f"SameSite=Strict{self.secure}")
                    headers.append((b"set-cookie", cookie.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def session_cookie(value: str, *, secure: bool = False, clear: bool = False) -> dict[str, Any]:
    """Keyword arguments for ``Response.set_cookie``."""
    return {"key": SESSION_COOKIE, "value": "" if clear else value, "max_age": 0 if clear else SESSION_SECONDS,
            "httponly": True, "samesite": "lax", "secure": secure, "path": "/"}
