"""The JSON API under ``/api``: the same reads as the pages, plus corrections for scripts.

Every list is paginated (``page``, ``per_page`` ≤ 200) and answers
``{total, page, per_page, pages, items}``. Filters are those of
``sitreps export`` (since, until, country, type, category, source). The reads
are the store's (``sitreps.store.queries``); this module maps them to URLs. Writing
needs a user: ``Authorization: Bearer <token>``, or a session cookie plus the
``X-CSRF-Token`` header.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from sitreps import corrections as correcting
from sitreps.store import queries, vocabulary
from sitreps.store.queries import Filters
from sitreps.web.security import csrf_seed, current_user, require_reader, require_reviewer, require_writer

router = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(require_reader)])


def filters(since: str | None = None, until: str | None = None, country: str | None = None,
            type: str | None = None, category: str | None = None, outlet: str | None = None,
            source: str | None = None) -> Filters:
    """The corpus filters every list takes (dates YYYY-MM-DD, a country by ISO3 code or name, PLOVER type,
    figure category, the outlet by name or web site; any case). ``source`` is the old name of ``outlet``."""
    return Filters(since=since or None, until=until or None, country=country or None, type=type or None,
                   category=category or None, source=outlet or source or None)


def page(page: Annotated[int, Query(ge=1, le=queries.MAX_PAGE)] = 1,
         per_page: Annotated[int, Query(ge=1, le=queries.MAX_PER_PAGE)] = 50) -> queries.Page:
    return queries.Page(page, per_page)


def listed(listing: queries.Listing) -> bytes:
    """A page of a list as JSON, written straight from the store's rows: they are already JSON-ready
    (``queries.listing``), and FastAPI's generic encoder took as long as the query itself for fifty rows."""
    return bytes(JSONResponse(listing.to_dict()).body)


def json_answer(body: bytes) -> Response:
    """An answer of JSON already written (``listed``, or kept in the memo)."""
    return Response(body, media_type="application/json")


FiltersDep = Annotated[Filters, Depends(filters)]
PageDep = Annotated[queries.Page, Depends(page)]
Order = Annotated[Literal["asc", "desc"], Query()]


@router.get("/articles", summary="Articles, with full-text search (q) and filters")
def articles(request: Request, found: FiltersDep, paging: PageDep, q: str | None = None, sort: str | None = None,
             order: Order = "desc") -> Response:
    store = request.app.state.store
    # kept until an article is stored or reprocessed, as the item lists' pages are
    body = request.app.state.memo.get(store, ("articles", q, found, paging, sort, order), lambda: listed(
        queries.list_articles(store, q=q, filters=found, page=paging, sort=sort, descending=order == "desc")))
    return json_answer(body)


@router.get("/articles/{article_id}", summary="One article's sitreps/1 report (text included)")
def report(request: Request, article_id: str) -> dict[str, Any]:
    found = request.app.state.store.report(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return found


def _items(what: str):
    def listing(request: Request, found: FiltersDep, paging: PageDep, sort: str | None = None,
                order: Order = "asc", article: str | None = None, subject: str | None = None,
                q: str | None = None, speaker: str | None = None, place: str | None = None) -> Response:
        store, memo = request.app.state.store, request.app.state.memo

        def answer() -> bytes:
            # the count is the same on every page and in every order: kept until the articles change
            total = memo.get(store, ("total", what, found, article, subject, q, speaker, place),
                             lambda: queries.count_items(store, what, filters=found, article_id=article,
                                                         subject=subject, q=q, speaker=speaker, place=place))
            return listed(queries.list_items(store, what, filters=found, page=paging, sort=sort,
                                             descending=order == "desc", article_id=article, subject=subject,
                                             q=q, speaker=speaker, place=place, total=total))

        # a page read once is answered again from memory until an article is stored or reprocessed: analysts
        # and dashboards ask for the same first pages of the same views again and again
        body = memo.get(store, ("page", what, found, paging, sort, order, article, subject, q, speaker, place),
                        answer)
        return json_answer(body)
    listing.__name__ = what
    return listing


for _what, _summary in (("figures", "Figures: amounts with what they count, whose, where, when and who says so"),
                        ("events", "Events (PLOVER types) with actors, recipients, date, place, modality"),
                        ("claims", "Claims: who says what"), ("times", "Dates and times found in the text")):
    router.add_api_route(f"/{_what}", _items(_what), methods=["GET"], summary=_summary)


@router.get("/facets/{what}", summary="How many figures, events or claims each filter value would give")
def facet_counts(request: Request, what: Literal["figures", "events", "claims"], found: FiltersDep,
                 subject: str | None = None, q: str | None = None,
                 speaker: str | None = None) -> dict[str, list[tuple[str, int]]]:
    store = request.app.state.store
    return request.app.state.memo.get(store, ("facets", what, found, subject, q, speaker, None), lambda: queries.facets(
        store, what, filters=found, subject=subject, q=q, speaker=speaker))


@router.get("/actors", summary="Actors across articles (one row a name, its countries counted), most often named first")
def actors(request: Request, paging: PageDep, q: str | None = None, country: str | None = None,
           sort: str | None = None, order: Literal["asc", "desc"] | None = None) -> Response:
    return json_answer(listed(queries.actor_index(request.app.state.store, q=q, country=country, page=paging,
                                                  sort=sort, descending=None if order is None else order == "desc")))


@router.get("/actors/{name}", summary="One actor's events, figures and claims across articles")
def actor(request: Request, name: str) -> dict[str, Any]:
    found = queries.actor_profile(request.app.state.store, name)
    if found is None:
        raise HTTPException(404, f"no actor named {name!r}")
    return found


@router.get("/places", summary="Places across articles, with coordinates")
def places(request: Request, paging: PageDep, q: str | None = None) -> Response:
    return json_answer(listed(queries.place_index(request.app.state.store, page=paging, q=q)))


@router.get("/places/events", summary="Where events happened: one point per place with its count")
def place_events(request: Request, found: FiltersDep) -> list[dict[str, Any]]:
    return queries.place_points(request.app.state.store, found)


# -- corrections ---------------------------------------------------------------------------------------------

class CorrectionIn(BaseModel):
    """A correction: the passage (offsets into the article's cleaned text), what is wrong, the fix."""

    article_id: str
    choice: str = Field(description="what is wrong: wrong-figure, missing-event, text-error … (see /api/choices)")
    start: int = Field(ge=0)
    end: int = Field(ge=1)
    text: str | None = Field(None, description="the passage, checked against the article at those offsets")
    item_id: str | None = None
    field: str | None = None
    value: str | None = None
    note: str | None = None


class ReviewIn(BaseModel):
    """A review; a reviewer may correct the correction's field and value (checked as a report's) as they
    accept it."""

    status: Literal["open", "accepted", "rejected"]
    field: str | None = None
    value: str | None = None
    note: str | None = None


@router.get("/choices", summary="What a correction can say is wrong, and the fields of each component")
def choices() -> dict[str, Any]:
    return {"choices": {k: {"label": c.label, "component": c.component, "kind": c.kind}
                        for k, c in correcting.choices().items()},
            "fields": {c: correcting.fields(c) for c in {c.component for c in correcting.choices().values()}},
            "values": correcting.vocabulary(), "countries": vocabulary.country_codes(),
            "limits": {"value": correcting.MAX_VALUE, "note": correcting.MAX_NOTE,
                       "passage": correcting.MAX_PASSAGE}}


@router.get("/corrections", summary="Corrections, newest first")
def corrections(request: Request, paging: PageDep, status: Literal["open", "accepted", "rejected"] | None = None,
                article: str | None = None) -> dict[str, Any]:
    return queries.list_corrections(request.app.state.store, status=status, article_id=article, page=paging).to_dict()


@router.post("/corrections", status_code=201, summary="Report a wrong or missing extraction (needs a user)")
def add_correction(request: Request, body: CorrectionIn) -> dict[str, Any]:
    user = require_writer(request)
    return {"id": store_correction(request, user.name, **body.model_dump()), "status": "open"}


@router.post("/corrections/{correction_id}/review", summary="Accept or reject a correction (reviewers)")
def review(request: Request, correction_id: int, body: ReviewIn) -> dict[str, Any]:
    user = require_reviewer(request)
    review_correction(request, correction_id, body.status, user.name, field=body.field, value=body.value,
                      note=body.note)
    found = queries.correction(request.app.state.store, correction_id) or {}
    return {"id": correction_id, "status": body.status, "reviewer": user.name, "field": found.get("field"),
            "value": found.get("value")}


@router.get("/me", summary="Who this request is signed in as")
def me(request: Request) -> dict[str, Any]:
    user = current_user(request)
    # a script signed in with a cookie sends this back as X-CSRF-Token when it writes
    csrf = request.app.state.signer.csrf_token(csrf_seed(request))
    return {"user": user.name if user else None, "role": user.role if user else None,
            "reading_open": request.app.state.open_reading, "csrf_token": csrf}


def store_correction(request: Request, author: str, *, article_id: str, choice: str, start: int, end: int,
                     text: str | None = None, item_id: str | None = None, field: str | None = None,
                     value: str | None = None, note: str | None = None) -> int:
    """Check a correction against its article and store it through the writer thread; its id."""
    store = request.app.state.store
    found = store.report(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    checked = correcting.check(found["article"]["text"], choice=choice, start=start, end=end, text=text,
                               item_id=item_id, field=field, value=value, note=note)
    # checked for a duplicate and stored in the writer thread: two identical reports sent at once are one
    return request.app.state.write(correcting.add, store, article_id, checked, author=author)


def review_correction(request: Request, correction_id: int, status: str, reviewer: str, *,
                      field: str | None = None, value: str | None = None, note: str | None = None) -> None:
    """Set a correction's status; with a field or value, first revise it (checked as a new report's)."""
    store = request.app.state.store

    def work() -> bool:
        if field is not None or value is not None or note is not None:
            try:
                correcting.revise(store, correction_id, field=field, value=value, note=note)
            except KeyError:
                return False
        return store.review_correction(correction_id, status, reviewer=reviewer)

    if not request.app.state.write(work):
        raise HTTPException(404, f"no correction {correction_id}")
