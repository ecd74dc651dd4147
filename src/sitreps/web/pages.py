"""The workbench's HTML pages: server-rendered templates, each a thin shell over the store's reads.

Pages work without JavaScript (sorting, filters and pagination are links and
GET forms; the correction form posts normally); the small script in
``static/reader.js`` adds Ctrl+Enter, scrolling between the text and the side
panel, and toggling highlight kinds.
"""

from __future__ import annotations

import math
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sitreps import corrections as correcting
from sitreps.errors import BadParameter
from sitreps.store import queries
from sitreps.store.queries import Filters
from sitreps.web.api import FiltersDep, review_correction, store_correction
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
    store, memo = request.app.state.store, request.app.state.memo
    listing = memo.get(store, ("articles page", q, found, page, sort, order), lambda: queries.list_articles(
        store, q=q, filters=found, page=_page(page), sort=sort, descending=order != "asc"))
    # the store's item counts only change with its articles (counting 200,000 figures on every visit of the
    # front page took longer than the page); open corrections change on their own
    counts = {**memo.get(store, ("counts",), lambda: queries.counts(store)),
              "open corrections": queries.open_corrections(store)}
    return templates.TemplateResponse(request, "articles.html", {
        "listing": listing, "q": q or "", "filters": found, "counts": counts,
        "download": _download_query(request)})


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def reader(request: Request, _: Reader, article_id: str, reported: int | None = None) -> Response:
    return _reader(request, article_id, reported=reported)


def _reader(request: Request, article_id: str, *, reported: int | None = None, form: dict[str, Any] | None = None,
            error: BadParameter | None = None) -> Response:
    """The reader page; with ``form`` and ``error``, the correction dialog reopens with what the analyst
    sent (passage, choice, item, field, value, comment) and the problem beside the field it concerns."""
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
        "vocabulary": correcting.vocabulary(),
        "sentence_bounds": [[s["start"], s["end"]] for s in report.get("sentences", [])], "corrections": corrections, "reported": reported,
        "form": form or {}, "form_error": str(error) if error else None,
        "error_field": error.parameter if error else None},
        status_code=getattr(error, "status", 422) if error else 200)


@router.post("/articles/{article_id}/corrections")
def report_correction(request: Request, article_id: str, csrf: Annotated[str, Form()],
                      choice: Annotated[str, Form()], start: Annotated[int, Form()], end: Annotated[int, Form()],
                      text: Annotated[str | None, Form()] = None, item_id: Annotated[str | None, Form()] = None,
                      field: Annotated[str | None, Form()] = None, value: Annotated[str | None, Form()] = None,
                      note: Annotated[str | None, Form()] = None) -> Response:
    user = require_writer(request, csrf)
    try:
        correction = store_correction(request, user.name, article_id=article_id, choice=choice, start=start,
                                      end=end, text=text, item_id=item_id, field=field, value=value, note=note)
    except BadParameter as error:  # said inline, in the form as it was sent, not on a bare error page
        sent = {"choice": choice, "start": start, "end": end, "text": text or "", "item_id": item_id or "",
                "field": field or "", "value": value or "", "note": note or ""}
        return _reader(request, article_id, form=sent, error=error)
    return RedirectResponse(f"/articles/{quote(article_id)}?reported={correction}#corrections", status_code=303)


def _item_page(request: Request, what: str, found: Filters, template: str, *, sort: str | None, order: str,
               page: int, extra: dict[str, Any] | None = None, subject: str | None = None,
               q: str | None = None, speaker: str | None = None, place: str | None = None) -> Response:
    """A list page: one page of rows, how many of how many, the facet counts beside the filters, and the
    download links of exactly this view."""
    store, memo = request.app.state.store, request.app.state.memo
    total = memo.get(store, ("total", what, found, None, subject, q, speaker, place), lambda: queries.count_items(
        store, what, filters=found, subject=subject, q=q, speaker=speaker, place=place))
    listing = queries.list_items(store, what, filters=found, page=_page(page), sort=sort,
                                 descending=order == "desc", subject=subject, q=q, speaker=speaker,
                                 place=place, total=total)
    return templates.TemplateResponse(request, template, {
        "listing": listing, "filters": found, "sort": sort, "order": order, "subject": subject or "",
        "speaker": speaker or "", "place": place or "", "q": q or "", "what": what,
        "in_store": memo.get(store, ("count", what), lambda: queries.item_count(store, what)),
        "facets": memo.get(store, ("facets", what, found, subject, q, speaker, place),
                           lambda: queries.facets(store, what, filters=found, subject=subject, q=q, speaker=speaker,
                                                  place=place)),
        "download": _download_query(request), **(extra or {})})


def _download_query(request: Request) -> str:
    """The page's query string without its page number: a download is the whole filtered view."""
    kept = [(k, v) for k, v in request.query_params.multi_items() if k != "page" and v]
    return urlencode(kept)


@router.get("/figures", response_class=HTMLResponse)
def figures(request: Request, _: Reader, found: FiltersDep, sort: str | None = None, order: str = "desc",
            page: Annotated[int, Query(ge=1, le=queries.MAX_PAGE)] = 1, subject: str | None = None, q: str | None = None,
            speaker: str | None = None) -> Response:
    from sitreps.web.views import figure_chart

    chart = figure_chart(request, found, subject)
    return _item_page(request, "figures", found, "figures.html", sort=sort, order=order, page=page,
                      subject=subject, q=q, speaker=speaker, extra={"chart": chart})


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, _: Reader, found: FiltersDep, sort: str | None = None, order: str = "desc",
           page: Annotated[int, Query(ge=1, le=queries.MAX_PAGE)] = 1, q: str | None = None, place: str | None = None) -> Response:
    from sitreps.web.views import event_timeline

    return _item_page(request, "events", found, "events.html", sort=sort, order=order, page=page, q=q, place=place,
                      extra={"timeline": event_timeline(request.app.state.store, found)})


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, _: Reader, q: str | None = None, country: str | None = None,
           page: Annotated[int, Query(ge=1, le=queries.MAX_PAGE)] = 1, sort: str | None = None, order: str | None = None) -> Response:
    listing = queries.actor_index(request.app.state.store, q=q, country=country, page=_page(page), sort=sort,
                                  descending=None if order is None else order == "desc")
    return templates.TemplateResponse(request, "actors.html", {"listing": listing, "q": q or "",
                                                               "country": country or "", "sort": sort or "articles",
                                                               "order": order or ("desc" if (sort or "articles") == "articles" else "asc")})


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
    store = request.app.state.store
    listing = queries.list_corrections(store, status=status, page=_page(page))
    reports = {article: store.report(article) for article in {row["article_id"] for row in listing.rows}}
    for row in listing.rows:  # the sentence, what sitreps extracted there, and the proposed value, side by side
        row["context"] = correcting.in_context(reports[row["article_id"]], row)
    return templates.TemplateResponse(request, "corrections.html", {
        "listing": listing, "status": status or "", "statuses": correcting.STATUSES,
        "fields": {c: correcting.fields(c) for c in {c.component for c in correcting.choices().values()}}})


@router.post("/corrections/{correction_id}/review")
def review(request: Request, correction_id: int, csrf: Annotated[str, Form()], status: Annotated[str, Form()],
           back: Annotated[str, Form()] = "/corrections", field: Annotated[str | None, Form()] = None,
           value: Annotated[str | None, Form()] = None) -> Response:
    user = require_reviewer(request, csrf)
    if status not in correcting.STATUSES:
        raise BadParameter("status", f"status: one of {', '.join(correcting.STATUSES)}")
    found = queries.correction(request.app.state.store, correction_id)
    if found is None:
        raise HTTPException(404, f"no correction {correction_id}")
    # only an accepted correction is revised: the reviewer's value is the one that becomes gold
    edited = status == "accepted" and value is not None and _shown(found.get("value")) != value.strip()
    edited = edited or (status == "accepted" and bool(field) and field != found.get("field"))
    review_correction(request, correction_id, status, user.name, field=field if edited else None,
                      value=value if edited else None)
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


def _shown(value: Any) -> str:
    """A stored value as the review form shows it (lists comma-separated)."""
    if value is None:
        return ""
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def _safe_next(target: str) -> str:
    """Only paths on this site: ``next`` must not send a signed-in user elsewhere."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/articles"


__all__ = ["router"]
