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

import threading
import time
from collections import OrderedDict
from typing import Annotated, Any, Callable, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from sitreps.fuse import Fusion, Quantity, fuse_store
from sitreps.store.queries import MAX_PAGE, Filters, articles_state
from sitreps.web.charts import ChartPoint, TimelineItem, quantity_chart, timeline
from sitreps.web.render import templates
from sitreps.web.security import require_reader

router = APIRouter(dependencies=[Depends(require_reader)])
CACHED = 16


def fuse_filters(since: str | None = None, until: str | None = None, country: str | None = None,
                 category: str | None = None, subject: str | None = None, type: str | None = None,
                 source: str | None = None) -> Filters:
    """What to fuse: dates YYYY-MM-DD, a country (ISO3), a figure category, a subject (ISO3 or actor name),
    an event type, an outlet."""
    return Filters(since=since or None, until=until or None, country=country or None,
                   category=category or None, subject=subject or None, type=type or None,
                   source=source or None)


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

@router.get("/ledger", response_class=HTMLResponse, include_in_schema=False)
def ledger_page(request: Request, filters: Filtered, flagged: bool = False, sources: Sources = "actor") -> Response:
    fusion = _fusion(request, filters, sources)
    ledger = [q for q in fusion.ledger if q.flags or not flagged]
    return templates.TemplateResponse(request, "ledger.html", {
        "ledger": ledger, "filters": filters, "stats": fusion.stats, "flagged": flagged, "sources": sources})


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


@router.get("/contradictions", response_class=HTMLResponse, include_in_schema=False)
def contradictions_page(request: Request, filters: Filtered, kind: str | None = None,
                        sources: Sources = "actor") -> Response:
    found = [c for c in _fusion(request, filters, sources).contradictions if kind is None or c.kind == kind]
    return templates.TemplateResponse(request, "contradictions.html", {
        "contradictions": found, "filters": filters, "kind": kind or ""})
