"""Across articles in the workbench: the figures ledger, fused events and contradictions (``sitreps.fuse``).

Fusion reads the whole (filtered) store, so its result is cached per filter
set and keyed by the store's version (``articles_state``: the number of
articles and the latest time one was stored or reprocessed). The version is
re-read at most every ``store_version_seconds`` (``data/web_limits.yaml``),
not on every request: while an ingest stores an article a second, the cache
is renewed once per interval instead of being dropped by every article, and
while one request fuses the new version the others are answered from the
previous one. Pages and API endpoints share one router here: they are views of
the same object.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import OrderedDict
from typing import Annotated, Any, Callable, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from sitreps.fuse import Fusion, Quantity, fuse_store
from sitreps.errors import BadParameter
from sitreps.store import queries
from sitreps.store.queries import MAX_PAGE, Filters, articles_state
from sitreps.web.charts import ChartPoint, TimelineItem, quantity_chart, timeline
from sitreps.web.render import templates
from sitreps.web.security import require_reader, require_reviewer

router = APIRouter(dependencies=[Depends(require_reader)])
CACHED = 16


def fuse_filters(since: str | None = None, until: str | None = None, country: str | None = None,
                 category: str | None = None, subject: str | None = None, type: str | None = None,
                 outlet: str | None = None, source: str | None = None) -> Filters:
    """What to fuse: dates YYYY-MM-DD, a country (ISO3 code or name), a figure category, a subject (ISO3 or
    actor name), an event type, an outlet (``source`` is its older name)."""
    return Filters(since=since or None, until=until or None, country=country or None,
                   category=category or None, subject=subject or None, type=type or None,
                   source=outlet or source or None)


Filtered = Annotated[Filters, Depends(fuse_filters)]
# each named source on its own, or a state's officials pooled as its government (fusion.yaml source_level)
Sources = Annotated[Literal["actor", "government"], Query()]


class StoreVersion:
    """The store's ``articles_state``, read again at most every ``seconds`` (cheap, but not free, and a
    version that changes with every stored article would make any cache keyed on it useless)."""

    def __init__(self, store: Any, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.store = store
        self.seconds = seconds
        self.clock = clock
        self.lock = threading.Lock()
        self.value: Any = None
        self.read_at = float("-inf")

    def current(self) -> Any:
        with self.lock:
            if self.clock() - self.read_at >= self.seconds:
                self.value = articles_state(self.store)
                self.read_at = self.clock()
            return self.value

    def refresh_now(self) -> None:
        """Read the version on the next request (after a write of this server's own)."""
        with self.lock:
            self.read_at = float("-inf")


class FusionCache:
    """The latest fusions, keyed by filters and source level, each with the store version it was made from.

    A request whose fusion is of an older version fuses again, once: a second request for the same filters
    meanwhile gets the older fusion (stale by at most one interval) rather than starting its own, and a
    request with no fusion at all waits for the one being made."""

    def __init__(self, store: Any, store_version_seconds: float = 5.0) -> None:
        self.version = StoreVersion(store, store_version_seconds)
        self.lock = threading.Lock()
        self.found: OrderedDict[tuple, tuple[Any, Fusion]] = OrderedDict()
        self.making: dict[tuple, threading.Event] = {}
        self.compute: Callable[..., Fusion] = fuse_store

    def kept(self) -> list[Fusion]:
        """Every fusion the cache holds now (of any filters)."""
        with self.lock:
            return [fusion for _, fusion in self.found.values()]

    def get(self, store: Any, filters: Filters, source_level: str = "actor") -> Fusion:
        key = (filters, source_level)
        while True:
            version = self.version.current()
            with self.lock:
                kept = self.found.get(key)
                if kept is not None:
                    self.found.move_to_end(key)
                    if kept[0] == version or key in self.making:
                        return kept[1]
                waiting = self.making.get(key)
                if waiting is None:
                    self.making[key] = threading.Event()
                    break
            waiting.wait()
        return self._make(store, key, version)

    def ready(self, store: Any, filters: Filters, source_level: str = "actor", *,
              wait: float = 2.0) -> Fusion | None:
        """The fusion if it is kept or made within ``wait`` seconds, else None while it is made in the
        background (for a page that can show itself without it: fusing a category of a 20,000-article store
        takes half a minute, and the figures page waited for its chart). A kept fusion of an older version is
        returned as it is while the new one is made."""
        key = (filters, source_level)
        version = self.version.current()
        with self.lock:
            kept = self.found.get(key)
            waiting = self.making.get(key)
            if waiting is None and (kept is None or kept[0] != version):
                waiting = self.making[key] = threading.Event()
                threading.Thread(target=self._make, args=(store, key, version), daemon=True,
                                 name="sitreps-fusion").start()
        if kept is not None:
            return kept[1]
        if waiting is not None:  # always, with nothing kept: being made, by this call or another
            waiting.wait(wait)
        with self.lock:
            made = self.found.get(key)
        return made[1] if made is not None else None

    def _make(self, store: Any, key: tuple, version: Any) -> Fusion:
        """Fuse for ``key`` (whose ``making`` event the caller set) and keep it; the event is set when done."""
        filters, source_level = key
        try:
            fusion = self.compute(store, filters=filters, source_level=source_level)
            with self.lock:
                self.found[key] = (version, fusion)
                self.found.move_to_end(key)
                while len(self.found) > CACHED:
                    self.found.popitem(last=False)
            return fusion
        finally:
            with self.lock:
                self.making.pop(key).set()


def _fusion(request: Request, filters: Filters, sources: str = "actor") -> Fusion:
    return request.app.state.fusion_cache.get(request.app.state.store, filters, sources)


def _quantity(fusion: Fusion, key: str) -> Quantity:
    found = fusion.quantity(key)
    if found is None:
        raise HTTPException(404, f"no quantity {key!r} (see /api/ledger for the keys)")
    return found


def chart(quantity: Quantity) -> Markup:
    """One line (or band, for ranges) per source, each point linking to its sentence."""
    series: dict[str, list[ChartPoint]] = {}
    for estimate in quantity.estimates:
        if not estimate.date:
            continue
        label = f"{estimate.text} — {estimate.source}, {estimate.publisher or ''} {estimate.date}"
        series.setdefault(estimate.source, []).append(ChartPoint(
            estimate.date, estimate.value, estimate.low, estimate.high, label,
            f"/articles/{quote(estimate.article_id)}#item-{quote(estimate.figure_id)}"))
    return Markup(quantity_chart(series, title=quantity.label, unit=quantity.unit or ""))


# -- API -------------------------------------------------------------------------------------------------------

@router.get("/api/ledger", tags=["fusion"], summary="The figures ledger: quantities with each source's estimates")
def api_ledger(request: Request, filters: Filtered, flagged: bool = False, sources: Sources = "actor") -> dict[str, Any]:
    fusion = _fusion(request, filters, sources)
    ledger = [q for q in fusion.ledger if q.flags or not flagged]
    return {"total": len(ledger), "stats": fusion.stats, "items": [q.to_dict() for q in ledger]}


@router.get("/api/ledger/quantity", tags=["fusion"], summary="One quantity of the ledger, by its key")
def api_quantity(request: Request, filters: Filtered, key: Annotated[str, Query(min_length=1)],
                 sources: Sources = "actor") -> dict[str, Any]:
    return _quantity(_fusion(request, filters, sources), key).to_dict()


@router.get("/api/fused-events", tags=["fusion"], summary="Events merged across articles, with every mention")
def api_events(request: Request, filters: Filtered, merged: bool = False,
               page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
               per_page: Annotated[int, Query(ge=1, le=200)] = 50) -> dict[str, Any]:
    fusion = _fusion(request, filters)
    events = [e for e in fusion.events if len(e.articles) > 1 or not merged]
    chunk = events[(page - 1) * per_page: page * per_page]
    return {"total": len(events), "page": page, "per_page": per_page, "stats": fusion.stats,
            "items": [e.to_dict() for e in chunk]}


@router.get("/api/contradictions", tags=["fusion"], summary="Contradictions within and across articles")
def api_contradictions(request: Request, filters: Filtered, kind: str | None = None,
                       scope: str | None = None, sources: Sources = "actor") -> dict[str, Any]:
    found = [c for c in _fusion(request, filters, sources).contradictions
             if (kind is None or c.kind == kind) and (scope is None or c.scope == scope)]
    return {"total": len(found), "items": [c.to_dict() for c in found]}


# -- pages -----------------------------------------------------------------------------------------------------

LEDGER_SORTS = {  # sort -> (key, descending first)
    "sources": (lambda q: (len(q.sources), len(q.estimates)), True),
    "flags": (lambda q: (len(q.flags), len(q.sources)), True),
    "estimates": (lambda q: len(q.estimates), True),
    "quantity": (lambda q: q.label.casefold(), False),
    "latest": (lambda q: max((e.date or "" for e in q.estimates), default=""), True),
}
LedgerSort = Annotated[Literal["sources", "flags", "estimates", "quantity", "latest"], Query()]


@router.get("/ledger", response_class=HTMLResponse, include_in_schema=False)
def ledger_page(request: Request, filters: Filtered, flagged: bool = False, sources: Sources = "actor",
                sort: LedgerSort = "sources", order: Annotated[Literal["asc", "desc"] | None, Query()] = None,
                page: Annotated[int, Query(ge=1)] = 1) -> Response:
    """The ledger's quantities, sorted (most sources first by default) and paged, 50 a page."""
    fusion = _fusion(request, filters, sources)
    key, down = LEDGER_SORTS[sort]
    down = down if order is None else order == "desc"
    ledger = sorted((q for q in fusion.ledger if q.flags or not flagged), key=key, reverse=down)
    listing = queries.Listing(ledger[(page - 1) * 50: page * 50], len(ledger), queries.Page(page, 50))
    return templates.TemplateResponse(request, "ledger.html", {
        "ledger": listing.rows, "listing": listing, "filters": filters, "stats": fusion.stats, "flagged": flagged,
        "sources": sources, "sort": sort, "order": "desc" if down else "asc"})


@router.get("/ledger/quantity", response_class=HTMLResponse, include_in_schema=False)
def quantity_page(request: Request, filters: Filtered, key: Annotated[str, Query(min_length=1)],
                  sources: Sources = "actor") -> Response:
    quantity = _quantity(_fusion(request, filters, sources), key)
    return templates.TemplateResponse(request, "quantity.html", {"q": quantity, "chart": chart(quantity),
                                                                 "sources": sources})


@router.get("/ledger/events", response_class=HTMLResponse, include_in_schema=False)
def events_page(request: Request, filters: Filtered, merged: bool = True) -> Response:
    fusion = _fusion(request, filters)
    events = [e for e in fusion.events if len(e.articles) > 1 or not merged]
    items = [TimelineItem(e.first_day, f"{e.type}: {', '.join(e.actors)} → {', '.join(e.recipients)} "
                          f"({len(e.mentions)} reports)", e.type, f"#event-{quote(e.key)}",
                          e.last_day if e.last_day != e.first_day else None)
             for e in events if e.first_day]
    return templates.TemplateResponse(request, "fused_events.html", {
        "events": events, "filters": filters, "stats": fusion.stats, "merged": merged,
        "timeline": Markup(timeline(items, title="Fused events"))})


def contradiction_id(contradiction: Any) -> str:
    """A contradiction's stable id: what kind it is, what it is about and the passages it sets side by side
    (the same flag found again after the store changes keeps its id, so a dismissal holds)."""
    passages = sorted((p.article_id, p.start, p.end) for p in contradiction.passages)
    seed = json.dumps([contradiction.kind, contradiction.scope, contradiction.event, contradiction.quantity,
                       passages])
    return hashlib.sha1(seed.encode()).hexdigest()[:16]


def _noise(quantity: Quantity | None) -> bool:
    """A quantity that is not a count of something (percentages, the catch-all "other"): left out of the
    default chart and of the contradictions shown unless asked for."""
    return quantity is not None and (quantity.category in NOISY_CATEGORIES or quantity.unit == "percent")


NOISY_CATEGORIES = frozenset({"percent", "other"})
GROUPS_PER_PAGE = 20
Show = Annotated[Literal["open", "dismissed", "all"], Query()]


def _contradictions(request: Request, filters: Filters, kind: str | None, sources: str, show: str,
                    noise: bool) -> tuple[list[dict[str, Any]], int, Fusion]:
    """The contradictions to show, each with its id and dismissal, and how many noisy ones were left out."""
    fusion = _fusion(request, filters, sources)
    quantities = {q.key: q for q in fusion.ledger}
    dismissed = queries.dismissed_contradictions(request.app.state.store)
    found, left_out = [], 0
    for contradiction in fusion.contradictions:
        if kind and contradiction.kind != kind:
            continue
        quantity = quantities.get(contradiction.quantity or "")
        if not noise and not filters.category and _noise(quantity):
            left_out += 1
            continue
        cid = contradiction_id(contradiction)
        gone = dismissed.get(cid)
        if (show == "open" and gone) or (show == "dismissed" and not gone):
            continue
        found.append({"id": cid, "c": contradiction, "dismissed": gone, "quantity": quantity})
    return found, left_out, fusion


def _groups(found: list[dict[str, Any]], fusion: Fusion) -> list[dict[str, Any]]:
    """Contradictions grouped by the quantity or the fused event they are about (else by article)."""
    events = {e.key: e for e in fusion.events}
    groups: OrderedDict[str, dict[str, Any]] = OrderedDict()
    for entry in found:
        c = entry["c"]
        link: str | None
        if c.quantity:
            key, label = f"q:{c.quantity}", entry["quantity"].label if entry["quantity"] else c.quantity
            link = f"/ledger/quantity?key={quote(c.quantity)}"
        elif c.event and c.event in events:
            event = events[c.event]
            key = f"e:{c.event}"
            label = f"{event.type} event: {', '.join(event.actors) or 'unnamed actors'}" + \
                (f" → {', '.join(event.recipients)}" if event.recipients else "") + \
                (f", {event.date}" if event.date else "")
            link = f"/ledger/events#event-{quote(c.event)}"
        else:
            first = c.passages[0] if c.passages else None
            key = f"a:{first.article_id if first else ''}"
            label = f"within {first.title or first.article_id}" if first else "within an article"
            link = f"/articles/{quote(first.article_id)}" if first else None
        groups.setdefault(key, {"label": label, "link": link, "items": []})["items"].append(entry)
    return list(groups.values())


@router.get("/api/contradictions/grouped", tags=["fusion"], summary="Contradictions grouped by quantity or event, "
            "paged, without the dismissed and the noisy (percentages) unless asked")
def api_contradictions_grouped(request: Request, filters: Filtered, kind: str | None = None,
                               sources: Sources = "actor", show: Show = "open", noise: bool = False,
                               page: Annotated[int, Query(ge=1)] = 1) -> dict[str, Any]:
    found, left_out, fusion = _contradictions(request, filters, kind, sources, show, noise)
    groups = _groups(found, fusion)
    chunk = groups[(page - 1) * GROUPS_PER_PAGE: page * GROUPS_PER_PAGE]
    return {"total": len(found), "groups": len(groups), "page": page, "per_page": GROUPS_PER_PAGE,
            "pages": max(1, -(-len(groups) // GROUPS_PER_PAGE)), "noise_left_out": left_out,
            "items": [{"label": g["label"], "link": g["link"],
                       "contradictions": [{**e["c"].to_dict(), "id": e["id"], "dismissed": e["dismissed"] is not None}
                                          for e in g["items"]]} for g in chunk]}


@router.get("/contradictions", response_class=HTMLResponse, include_in_schema=False)
def contradictions_page(request: Request, filters: Filtered, kind: str | None = None, sources: Sources = "actor",
                        show: Show = "open", noise: bool = False,
                        page: Annotated[int, Query(ge=1)] = 1) -> Response:
    found, left_out, fusion = _contradictions(request, filters, kind, sources, show, noise)
    groups = _groups(found, fusion)
    listing = queries.Listing(groups[(page - 1) * GROUPS_PER_PAGE: page * GROUPS_PER_PAGE], len(groups),
                              queries.Page(page, GROUPS_PER_PAGE))
    return templates.TemplateResponse(request, "contradictions.html", {
        "listing": listing, "total": len(found), "filters": filters, "kind": kind or "", "show": show,
        "noise": noise, "left_out": left_out})


@router.post("/contradictions/{cid}/dismiss", include_in_schema=False)
def dismiss(request: Request, cid: str, csrf: Annotated[str, Form()], back: Annotated[str, Form()] = "/contradictions",
            restore: Annotated[bool, Form()] = False, note: Annotated[str | None, Form()] = None) -> Response:
    """A reviewer marks a contradiction as noise (or restores it); kept with their name."""
    user = require_reviewer(request, csrf)
    store = request.app.state.store
    if note is not None and len(note) > 1000:
        raise BadParameter("note", "the note is longer than 1000 characters")
    if restore:
        gone = queries.dismissed_contradictions(store).get(cid)
        if gone is None:
            raise HTTPException(404, f"contradiction {cid} is not dismissed")
        request.app.state.write(store.review_correction, gone["id"], "rejected", reviewer=user.name)
    else:
        # a contradiction shown on any page was fused already: look there before fusing the whole store
        found = next((c for fusion in request.app.state.fusion_cache.kept() for c in fusion.contradictions
                      if contradiction_id(c) == cid), None)
        if found is None:
            found = next((c for c in _fusion(request, Filters()).contradictions if contradiction_id(c) == cid), None)
        if found is None:
            raise HTTPException(404, f"no contradiction {cid}")

        def work() -> None:
            if cid in queries.dismissed_contradictions(store):
                return  # dismissed already: once is enough
            first = found.passages[0]
            made = store.add_correction(first.article_id, "contradictions", "dismissed", start=first.start,
                                        end=first.end, text=found.message[:MAX_MESSAGE], item_id=cid,
                                        note=(note or "").strip() or None, author=user.name)
            store.review_correction(made, "accepted", reviewer=user.name)
        request.app.state.write(work)
    target = back if back.startswith("/") and not back.startswith("//") else "/contradictions"
    return RedirectResponse(target, status_code=303)


MAX_MESSAGE = 2000
