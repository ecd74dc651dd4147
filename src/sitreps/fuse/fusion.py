"""The three steps together: records in, a ``Fusion`` (events, ledger, contradictions, statistics) out.

    >>> from sitreps.fuse import fuse_reports, fuse_store
    >>> fusion = fuse_store(Store("sitreps.db"), category="troops", subject="PRK")
    >>> fusion.ledger[0].latest          # each source's latest estimate
    >>> fusion.to_dict()                 # JSON-ready

Filters narrow what is fused, after the records are read: ``since``/``until``
on the item's own date (else its article's), ``country`` on the sides and
place of events and the subject and scope of figures, ``category`` (figures),
``type`` (events), ``subject`` (a country code or actor key: figures' subject,
events' actors and recipients). Near-duplicate articles are left out of a
store unless ``with_duplicates`` (a syndicated copy is not a second report). The
fields are those of the store's one ``Filters`` (``sitreps.store.queries``),
which checks and normalises them; fusion reads a store through it and never
builds SQL itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sitreps.fuse.contradictions import Contradiction, find_contradictions
from sitreps.fuse.events import FusedEvent, fuse_events
from sitreps.fuse.keys import day_interval
from sitreps.fuse.ledger import Quantity, build_ledger
from sitreps.fuse.records import Records, records_from_report
from sitreps.fuse.settings import FusionSettings, resolve
from sitreps.store.queries import Filters, near_duplicate_count, stored_reports


def kept(records: Records, filters: Filters) -> Records:
    """The records that pass ``filters``, exactly (articles are all kept: they are looked up, not listed).
    A store narrows its reports loosely in SQL first (``sitreps.store.queries.stored_reports``)."""
    lo = day_interval(filters.since)[0] if filters.since else None  # type: ignore[index]
    hi = day_interval(filters.until)[0] if filters.until else None  # type: ignore[index]

    def in_dates(first: int | None, last: int | None) -> bool:
        if first is None:
            return lo is None and hi is None
        return (lo is None or (last if last is not None else first) >= lo) and (hi is None or first <= hi)

    events = [e for e in records.events
              if (not filters.type or e.type == filters.type) and not filters.category
              and in_dates(e.lo if e.lo is not None else e.published, e.hi if e.hi is not None else e.published)
              and (not filters.subject or filters.subject in e.actors | e.recipients)
              and (not filters.country or filters.country in e.actors | e.recipients
                   or (e.place is not None and e.place.country == filters.country))]
    figures = [f for f in records.figures
               if (not filters.category or f.category == filters.category) and not filters.type
               and in_dates(f.day, f.day)
               and (not filters.subject or f.subject == filters.subject)
               and (not filters.country or filters.country in {f.subject, f.scope})]
    return Records(records.articles, events, figures)


@dataclass(slots=True)
class Fusion:
    """What fusion found: events with their mentions, the ledger, contradictions and statistics."""

    events: list[FusedEvent] = field(default_factory=list)
    ledger: list[Quantity] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)
    settings: FusionSettings | None = None

    def quantity(self, key: str) -> Quantity | None:
        return next((q for q in self.ledger if q.key == key), None)

    def event(self, key: str) -> FusedEvent | None:
        return next((e for e in self.events if e.key == key), None)

    def to_dict(self) -> dict[str, Any]:
        return {"stats": self.stats, "events": [e.to_dict() for e in self.events],
                "ledger": [q.to_dict() for q in self.ledger],
                "contradictions": [c.to_dict() for c in self.contradictions],
                "settings": self.settings.to_dict() if self.settings else None}


def fuse_records(records: Records, *, settings: FusionSettings | None = None, **overrides: Any) -> Fusion:
    """Fuse already-read records (the core; ``fuse_reports`` and ``fuse_store`` read them first)."""
    settings = resolve(settings, overrides)
    events, event_stats = fuse_events(records.events, settings)
    ledger, ledger_stats = build_ledger(records.figures, settings)
    contradictions = find_contradictions(events, ledger, records.articles, records.events, settings)
    fused_mentions = sum(len(e.mentions) for e in events)
    stats: dict[str, Any] = {
        "articles": len(records.articles), **event_stats, "events": len(events),
        "merged_events": sum(1 for e in events if len(e.mentions) > 1),
        "cross_article_events": sum(1 for e in events if len(e.articles) > 1),
        "duplicate_mentions": fused_mentions - len(events),
        "duplicate_rate": round((fused_mentions - len(events)) / fused_mentions, 4) if fused_mentions else 0.0,
        "max_mentions": max((len(e.mentions) for e in events), default=0),
        **ledger_stats, "contradictions": len(contradictions),
    }
    return Fusion(events, ledger, contradictions, stats, settings)


def fuse_reports(reports: Iterable[dict[str, Any]], *, settings: FusionSettings | None = None,
                 filters: Filters | None = None, **options: Any) -> Fusion:
    """Fuse ``sitreps/1`` report dicts (``Report.to_dict()``); no database needed. ``options`` are filter
    fields (since, until, country, category, subject, type) and settings overrides (fusion.yaml keys)."""
    filters, overrides = _split(filters, options)
    settings = resolve(settings, overrides)
    records = Records()
    for report in reports:
        records.extend(records_from_report(report, settings))
    return fuse_records(kept(records, filters), settings=settings)


def fuse_store(store: Any, *, settings: FusionSettings | None = None, filters: Filters | None = None,
               **options: Any) -> Fusion:
    """Fuse what a ``sitreps.store.Store`` holds; options as for ``fuse_reports``, plus ``source`` (an
    outlet) and ``with_duplicates``."""
    filters, overrides = _split(filters, options)
    settings = resolve(settings, overrides)
    fusion = fuse_reports(stored_reports(store, filters), settings=settings, filters=filters)
    fusion.stats["near_duplicate_articles"] = near_duplicate_count(store)
    fusion.stats["near_duplicates_left_out"] = not filters.with_duplicates
    return fusion


_FILTER_NAMES = set(Filters.__dataclass_fields__)


def _split(filters: Filters | None, options: dict[str, Any]) -> tuple[Filters, dict[str, Any]]:
    wanted = {k: v for k, v in options.items() if k in _FILTER_NAMES}
    overrides = {k: v for k, v in options.items() if k not in _FILTER_NAMES}
    if filters is not None and wanted:
        raise TypeError("give filters= or filter keywords, not both")
    return filters or Filters(**wanted), overrides
