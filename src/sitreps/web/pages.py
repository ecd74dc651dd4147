"""The workbench's HTML pages: server-rendered templates, each a thin shell over the store's reads.

Pages work without JavaScript (sorting, filters and pagination are links and
GET forms; the correction form posts normally); the small script in
``static/reader.js`` adds Ctrl+Enter, scrolling between the text and the side
panel, and toggling highlight kinds.
"""

from __future__ import annotations

import math
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sitreps import corrections as correcting
from sitreps.errors import BadParameter
from sitreps.store import queries
from sitreps.store.queries import Filters
from sitreps.web.api import FiltersDep, store_correction
from sitreps.web.highlight import KINDS, mark
from sitreps.web.render import templates
from sitreps.web.security import (Forbidden, by_token, current_user, require_reader, require_reviewer, require_writer,
                                   session_cookie)

router = APIRouter(include_in_schema=False)
Reader = Annotated[Any, Depends(require_reader)]


def _page(number: int, size: int = 50) -> queries.Page:
    return queries.Page(max(1, number), size)


@router.get("/")
def home() -> Response:
    return RedirectResponse("/articles", status_code=307)


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, _: Reader, found: FiltersDep, q: str | None = None, sort: str | None = None,
             order: str = "desc", page: Annotated[int, Query(ge=1, le=queries.MAX_PAGE)] = 1) -> Response:
    listing = queries.list_articles(request.app.state.store, q=q, filters=found, page=_page(page), sort=sort,
                                 descending=order != "asc")
    return templates.TemplateResponse(request, "articles.html", {
        "listing": listing, "q": q or "", "filters": found, "counts": queries.counts(request.app.state.store)})


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def reader(request: Request, _: Reader, article_id: str, reported: int | None = None) -> Response:
    store = request.app.state.store
    report = store.report(article_id)
    if report is None:
        raise HTTPException(404, f"no article {article_id!r}")
    marked = mark(report)
    corrections = queries.list_corrections(store, article_id=article_id, page=queries.Page(1, 200)).rows
    return templates.TemplateResponse(request, "reader.html", {
        "report": report, "article": report["article"], "marked": marked, "kinds": KINDS,
        "choices": correcting.choices(), "fields": {c: correcting.fields(c) for c in
                                                    {c.component for c in correcting.choices().values()}},
        "corrections": corrections, "reported": reported})


@router.post("/articles/{article_id}/corrections")
def report_correction(request: Request, article_id: str, csrf: Annotated[str, Form()],
                      choice: Annotated[str, Form()], start: Annotated[int, Form()], end: Annotated[int, Form()],
                      text: Annotated[str | None, Form()] = None, item_id: Annotated[str | None, Form()] = None,
                      field: Annotated[str | None, Form()] = None, value: Annotated[str | None, Form()] = None,
                      note: Annotated[str | None, Form()] = None) -> Response:
    user = require_writer(request, csrf)
    correction = store_correction(request, user.name, article_id=article_id, choice=choice, start=start, end=end,
                                  text=text, item_id=item_id, field=field, value=value, note=note)
    return RedirectResponse(f"/articles/{quote(article_id)}?reported={correction}#corrections", status_code=303)


def _item_page(request: Request, what: str, found: Filters, template: str, *, sort: str | None, order: str,
               page: int, extra: dict[str, Any] | None = None, subject: str | None = None,
               q: str | None = None) -> Response:
    listing = queries.list_items(request.app.state.store, what, filters=found, page=_page(page), sort=sort,
                              descending=order == "desc", subject=subject, q=q)
    return templates.TemplateResponse(request, template, {
        "listing": listing, "filters": found, "sort": sort, "order": order, "subject": subject or "",
        "q": q or "", **(extra or {})})


@router.get("/figures", response_class=HTMLResponse)
def figures(request: Request, _: Reader, found: FiltersDep, sort: str | None = None, order: str = "desc",
            page: Annotated[int, Query(ge=1, le=queries.MAX_PAGE)] = 1, subject: str | None = None,
            q: str | None = None) -> Response:
    from sitreps.web.views import figure_chart

    chart = figure_chart(request, found, subject)
    return _item_page(request, "figures", found, "figures.html", sort=sort, order=order, page=page,
                      subject=subject, q=q, extra={"chart": chart})


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, _: Reader, found: FiltersDep, sort: str | None = None, order: str = "desc",
           page: Annotated[int, Query(ge=1, le=queries.MAX_PAGE)] = 1) -> Response:
    from sitreps.web.views import event_timeline

    return _item_page(request, "events", found, "events.html", sort=sort, order=order, page=page,
                      extra={"timeline": event_timeline(request.app.state.store, found)})


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, _: Reader, q: str | None = None, country: str | None = None,
           page: Annotated[int, Query(ge=1, le=queries.MAX_PAGE)] = 1) -> Response:
    listing = queries.actor_index(request.app.state.store, q=q, country=country, page=_page(page))
    return templates.TemplateResponse(request, "actors.html", {"listing": listing, "q": q or "",
                                                               "country": country or ""})


@router.get("/actors/{name}", response_class=HTMLResponse)
def actor(request: Request, _: Reader, name: str) -> Response:
    profile = queries.actor_profile(request.app.state.store, name)
    if profile is None:
        raise HTTPException(404, f"no actor named {name!r}")
    return templates.TemplateResponse(request, "actor.html", {"actor": profile})


@router.get("/places", response_class=HTMLResponse)
def places(request: Request, _: Reader, found: FiltersDep, q: str | None = None,
           page: Annotated[int, Query(ge=1, le=queries.MAX_PAGE)] = 1) -> Response:
    from sitreps.web.views import event_map

    listing = queries.place_index(request.app.state.store, page=_page(page), q=q)
    return templates.TemplateResponse(request, "places.html", {
        "listing": listing, "q": q or "", "filters": found,
        "map": event_map(request.app.state.store, found)})


@router.get("/corrections", response_class=HTMLResponse)
def corrections(request: Request, _: Reader, status: str | None = "open",
                page: Annotated[int, Query(ge=1, le=queries.MAX_PAGE)] = 1) -> Response:
    status = status if status in correcting.STATUSES else None
    listing = queries.list_corrections(request.app.state.store, status=status, page=_page(page))
    return templates.TemplateResponse(request, "corrections.html", {"listing": listing, "status": status or "",
                                                                    "statuses": correcting.STATUSES})


@router.post("/corrections/{correction_id}/review")
def review(request: Request, correction_id: int, csrf: Annotated[str, Form()], status: Annotated[str, Form()],
           back: Annotated[str, Form()] = "/corrections") -> Response:
    user = require_reviewer(request, csrf)
    store = request.app.state.store
    if status not in correcting.STATUSES:
        raise BadParameter("status", f"status: one of {', '.join(correcting.STATUSES)}")
    if not request.app.state.write(store.review_correction, correction_id, status, reviewer=user.name):
        raise HTTPException(404, f"no correction {correction_id}")
    return RedirectResponse(back if back.startswith("/") and not back.startswith("//") else "/corrections",
                            status_code=303)


# -- signing in ----------------------------------------------------------------------------------------------

@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/articles", failed: bool = False) -> Response:
    return templates.TemplateResponse(request, "login.html", {"next": _safe_next(next), "failed": failed},
                                      status_code=401 if failed else 200)


@router.post("/login")
def login(request: Request, csrf: Annotated[str, Form()], name: Annotated[str, Form()],
          password: Annotated[str, Form()], next: Annotated[str, Form()] = "/articles") -> Response:
    if not request.app.state.signer.csrf_ok(request.cookies.get("sitreps_csrf"), csrf):
        raise Forbidden(403, "the sign-in form is stale: reload the page and try again")
    guard = request.app.state.sign_in_guard
    client = request.client.host if request.client else "unknown"
    wait = guard.wait(name, client)
    if wait > 0:  # no password is checked while locked, the right one included
        retry = max(1, math.ceil(wait))
        return templates.TemplateResponse(request, "message.html", {
            "title": "Too many wrong passwords",
            "message": f"Too many wrong passwords for this account or from this address: try again in {retry} s."},
            status_code=429, headers={"retry-after": str(retry)})
    user = request.app.state.accounts.authenticate(name, password)
    if user is None:
        guard.failed(name, client)
        return login_form(request, next=next, failed=True)
    guard.succeeded(name, client)
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(**session_cookie(request.app.state.signer.session(user),
                                         secure=request.app.state.secure_cookies))
    return response


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form()]) -> Response:
    if not request.app.state.signer.csrf_ok(request.cookies.get("sitreps_csrf"), csrf):
        raise Forbidden(403, "the form is stale: reload the page and try again")
    user = current_user(request)
    if user is not None and not by_token(request):  # every session of the user ends, copies of the cookie too
        request.app.state.write(request.app.state.accounts.revoke_sessions, user.id)
    response = RedirectResponse("/articles", status_code=303)
    response.set_cookie(**session_cookie("", clear=True))
    return response


def _safe_next(target: str) -> str:
    """Only paths on this site: ``next`` must not send a signed-in user elsewhere."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/articles"


__all__ = ["router"]
