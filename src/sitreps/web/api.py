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
from pydantic import BaseModel, Field

from sitreps import corrections as correcting
from sitreps.store import queries
from sitreps.store.queries import Filters
from sitreps.web.security import csrf_seed, current_user, require_reader, require_reviewer, require_writer

router = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(require_reader)])


def filters(since: str | None = None, until: str | None = None, country: str | None = None,
            type: str | None = None, category: str | None = None, source: str | None = None) -> Filters:
    """The corpus filters every list takes (dates YYYY-MM-DD, ISO3 country, PLOVER type, figure category)."""
    return Filters(since=since or None, until=until or None, country=country or None, type=type or None,
                   category=category or None, source=source or None)


def page(page: Annotated[int, Query(ge=1, le=queries.MAX_PAGE)] = 1,
         per_page: Annotated[int, Query(ge=1, le=queries.MAX_PER_PAGE)] = 50) -> queries.Page:
    return queries.Page(page, per_page)


FiltersDep = Annotated[Filters, Depends(filters)]
PageDep = Annotated[queries.Page, Depends(page)]
Order = Annotated[Literal["asc", "desc"], Query()]


@router.get("/articles", summary="Articles, with full-text search (q) and filters")
def articles(request: Request, found: FiltersDep, paging: PageDep, q: str | None = None, sort: str | None = None,
             order: Order = "desc") -> dict[str, Any]:
    store = request.app.state.store
    return queries.list_articles(store, q=q, filters=found, page=paging, sort=sort,
                              descending=order == "desc").to_dict()


@router.get("/articles/{article_id}", summary="One article's sitreps/1 report (text included)")
def report(request: Request, article_id: str) -> dict[str, Any]:
    found = request.app.state.store.report(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return found


def _items(what: str):
    def listing(request: Request, found: FiltersDep, paging: PageDep, sort: str | None = None,
                order: Order = "asc", article: str | None = None, subject: str | None = None,
                q: str | None = None) -> dict[str, Any]:
        return queries.list_items(request.app.state.store, what, filters=found, page=paging, sort=sort,
                               descending=order == "desc", article_id=article, subject=subject, q=q).to_dict()
    listing.__name__ = what
    return listing


for _what, _summary in (("figures", "Figures: amounts with what they count, whose, where, when and who says so"),
                        ("events", "Events (PLOVER types) with actors, recipients, date, place, modality"),
                        ("claims", "Claims: who says what"), ("times", "Dates and times found in the text")):
    router.add_api_route(f"/{_what}", _items(_what), methods=["GET"], summary=_summary)


@router.get("/actors", summary="Actors across articles (by name and country), most often named first")
def actors(request: Request, paging: PageDep, q: str | None = None, country: str | None = None) -> dict[str, Any]:
    return queries.actor_index(request.app.state.store, q=q, country=country, page=paging).to_dict()


@router.get("/actors/{name}", summary="One actor's events, figures and claims across articles")
def actor(request: Request, name: str) -> dict[str, Any]:
    found = queries.actor_profile(request.app.state.store, name)
    if found is None:
        raise HTTPException(404, f"no actor named {name!r}")
    return found


@router.get("/places", summary="Places across articles, with coordinates")
def places(request: Request, paging: PageDep, q: str | None = None) -> dict[str, Any]:
    return queries.place_index(request.app.state.store, page=paging, q=q).to_dict()


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
    status: Literal["open", "accepted", "rejected"]


@router.get("/choices", summary="What a correction can say is wrong, and the fields of each component")
def choices() -> dict[str, Any]:
    return {"choices": {k: {"label": c.label, "component": c.component, "kind": c.kind}
                        for k, c in correcting.choices().items()},
            "fields": {c: correcting.fields(c) for c in {c.component for c in correcting.choices().values()}}}


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
    store = request.app.state.store
    if not request.app.state.write(store.review_correction, correction_id, body.status, reviewer=user.name):
        raise HTTPException(404, f"no correction {correction_id}")
    return {"id": correction_id, "status": body.status, "reviewer": user.name}


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
    return request.app.state.write(
        store.add_correction, article_id, checked.component, checked.kind, start=checked.start, end=checked.end,
        text=checked.text, item_id=checked.item_id, field=checked.field, value=checked.value, note=checked.note,
        author=author)
