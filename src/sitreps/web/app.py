"""The workbench application: one FastAPI app over one store, pages and a JSON API side by side.

Reads run in the server's thread pool. Writes (corrections, reviews, sign-in
bookkeeping) go through one writer thread (``Writer``): SQLite allows one
writer at a time, and a queue in front of it keeps requests from waiting on
the database lock. The OpenAPI document is at ``/api/openapi.json``; the
interactive documentation pages that FastAPI would load from a CDN are off
(the workbench must work offline).
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import DBAPIError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from sitreps import __version__
from sitreps.errors import BadParameter, StoreError
from sitreps.store import Store
from sitreps.store.accounts import Accounts
from sitreps.web import api, downloads, fusion, pages
from sitreps.web.budget import RequestBudget
from sitreps.web.limits import Limits, load_limits
from sitreps.web.lockout import SignInGuard
from sitreps.web.memo import Memo
from sitreps.web.render import templates
from sitreps.web.security import Forbidden, SecurityHeaders, Signer

T = TypeVar("T")
STATIC = Path(__file__).parent / "static"
log = logging.getLogger("sitreps.web")


class Writer:
    """One thread that does every write, in the order asked."""

    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sitreps-writer")

    def __call__(self, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        return self.pool.submit(work, *args, **kwargs).result()

    def close(self) -> None:
        self.pool.shutdown(wait=True)


def _plan_for_size(store: Store) -> None:
    """Refresh the planner's statistics before serving: the lists read a page through the list-order index only
    when the planner knows the store's size (``Store.refresh_statistics``). A store that cannot be written to
    (a read-only copy) is served as it is, with a warning."""
    try:
        store.refresh_statistics()
    except (DBAPIError, StoreError) as error:
        log.warning("%s: could not refresh the planner's statistics (%s); large lists may be slow",
                    store.name, str(error).splitlines()[0])


def create_app(db: str | Store | None = None, *, open_reading: bool = True, secure_cookies: bool = False,
               allowed_hosts: list[str] | None = None, limits: Limits | None = None) -> FastAPI:
    """The workbench over ``db`` (a path, a database URL or an open Store; default $SITREPS_DB or sitreps.db).

    ``open_reading``: whether pages and read endpoints work without signing in (the CLI turns it off when the
    server listens on anything but loopback). ``secure_cookies``: mark cookies Secure (behind HTTPS).
    ``allowed_hosts``: the Host names requests may carry (None: any). On loopback the CLI allows only
    localhost names, so a web page that rebinds its own domain to 127.0.0.1 cannot read the open workbench.
    ``limits``: the request budget, sign-in back-off and cache refresh (default: ``data/web_limits.yaml``).
    """
    store = db if isinstance(db, Store) else Store(db)
    limits = limits or load_limits()
    writer = Writer()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(_plan_for_size, store)
        yield
        writer.close()

    app = FastAPI(lifespan=lifespan, title="sitreps workbench", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="Articles, reports, events, figures, claims, actors, places and corrections "
                              "of a sitreps store. Writing needs a user: a session cookie with a CSRF token, "
                              "or `Authorization: Bearer <token>` (make one with `sitreps users token`).")
    app.state.store = store
    app.state.accounts = Accounts(store)
    app.state.signer = Signer(app.state.accounts.secret())
    app.state.open_reading = open_reading
    app.state.secure_cookies = secure_cookies
    app.state.write = writer
    app.state.limits = limits
    app.state.sign_in_guard = SignInGuard(limits.sign_in)
    app.state.fusion_cache = fusion.FusionCache(store, limits.store_version_seconds)
    app.add_middleware(RequestBudget, budget=limits.budget)  # inside the headers: a 429 gets them too
    app.state.memo = Memo()  # facet counts and store totals, until the articles change
    app.add_middleware(SecurityHeaders, secure_cookies=secure_cookies)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.include_router(fusion.router)
    app.include_router(downloads.router)
    app.include_router(pages.router)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, error: Forbidden) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": error.reason}, status_code=error.status,
                                headers={"www-authenticate": "Bearer"} if error.status == 401 else None)
        if error.status == 401:
            return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
        return templates.TemplateResponse(request, "message.html", {"title": "Not allowed", "message": error.reason},
                                          status_code=error.status)

    @app.exception_handler(BadParameter)
    async def bad_parameter(request: Request, error: BadParameter) -> Response:
        """Bad query parameters and form fields: say which and why (422), never a traceback. Only these: any
        other exception, a ``ValueError`` included, is a bug of the server and answers 500."""
        status = getattr(error, "status", 422)  # 409 for a correction already reported
        if _wants_json(request):
            return JSONResponse({"detail": str(error), "parameter": error.parameter}, status_code=status)
        return templates.TemplateResponse(request, "message.html", {"title": "Bad request", "message": str(error)},
                                          status_code=status)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in error.errors())
        if _wants_json(request):
            return JSONResponse({"detail": problems}, status_code=422)
        return templates.TemplateResponse(request, "message.html", {"title": "Bad request", "message": problems},
                                          status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": error.detail}, status_code=error.status_code)
        return templates.TemplateResponse(request, "message.html",
                                          {"title": f"{error.status_code}", "message": str(error.detail)},
                                          status_code=error.status_code)

    return app


@dataclass(frozen=True, slots=True)
class ServerOptions:
    """What ``sitreps serve`` decides about the app, passed to worker processes through the environment."""

    db: str
    open_reading: bool = True
    secure_cookies: bool = False
    allowed_hosts: list[str] | None = None
    limits_file: str | None = None

    def app_keywords(self) -> dict[str, Any]:
        return {"open_reading": self.open_reading, "secure_cookies": self.secure_cookies,
                "allowed_hosts": self.allowed_hosts, "limits": load_limits(self.limits_file)}

    def export(self) -> None:
        os.environ[_OPTIONS_VARIABLE] = json.dumps(dataclasses.asdict(self))


_OPTIONS_VARIABLE = "SITREPS_SERVE_OPTIONS"


def app_from_environment() -> FastAPI:
    """The app of one worker process of ``sitreps serve --workers N`` (uvicorn calls this factory)."""
    options = ServerOptions(**json.loads(os.environ[_OPTIONS_VARIABLE]))
    return create_app(options.db, **options.app_keywords())


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get("accept", "")
