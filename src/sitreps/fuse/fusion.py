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
store unless ``with_duplicates`` (a syndicated copy is not a second report).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sitreps.export import normalise_filters
from sitreps.fuse.contradictions import Contradiction, find_contradictions
from sitreps.fuse.events import FusedEvent, fuse_events
from sitreps.fuse.keys import day_interval
from sitreps.fuse.ledger import Quantity, build_ledger
from sitreps.fuse.records import Records, records_from_report
from sitreps.fuse.settings import FusionSettings, resolve


@dataclass(frozen=True, slots=True)
class FuseFilters:
    """What to fuse; every field optional. Dates are YYYY-MM-DD, inclusive."""

    since: str | None = None
    until: str | None = None
    country: str | None = None
    category: str | None = None
    subject: str | None = None
    type: str | None = None
    source: str | None = None  # an outlet (store only, as in ``sitreps export --source``)
    with_duplicates: bool = False

    def __post_init__(self) -> None:
        normalise_filters(self)
        if self.category:
            object.__setattr__(self, "category", self.category.strip().lower())
        if self.subject:  # a country or IGO code, a Wikidata item, else an actor's name (as ``keys.actor_key``)
            value = self.subject.strip()
            code = re.fullmatch(r"[A-Za-z]{2,4}|[Qq]\d+", value)
            object.__setattr__(self, "subject", value.upper() if code else value.lower())

    def keep(self, records: Records) -> Records:
        """The records that pass (articles are all kept: they are looked up, not listed)."""
        lo = day_interval(self.since)[0] if self.since else None  # type: ignore[index]
        hi = day_interval(self.until)[0] if self.until else None  # type: ignore[index]

        def in_dates(first: int | None, last: int | None) -> bool:
            if first is None:
                return lo is None and hi is None
            return (lo is None or (last if last is not None else first) >= lo) and (hi is None or first <= hi)

        events = [e for e in records.events
                  if (not self.type or e.type == self.type) and not self.category
                  and in_dates(e.lo if e.lo is not None else e.published, e.hi if e.hi is not None else e.published)
                  and (not self.subject or self.subject in e.actors | e.recipients)
                  and (not self.country or self.country in e.actors | e.recipients
                       or (e.place is not None and e.place.country == self.country))]
        figures = [f for f in records.figures
                   if (not self.category or f.category == self.category) and not self.type
                   and in_dates(f.day, f.day)
                   and (not self.subject or f.subject == self.subject)
                   and (not self.country or self.country in {f.subject, f.scope})]
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
                 filters: FuseFilters | None = None, **options: Any) -> Fusion:
    """Fuse ``sitreps/1`` report dicts (``Report.to_dict()``); no database needed. ``options`` are filter
    fields (since, until, country, category, subject, type) and settings overrides (fusion.yaml keys)."""
    filters, overrides = _split(filters, options)
    settings = resolve(settings, overrides)
    records = Records()
    for report in reports:
        records.extend(records_from_report(report, settings))
    return fuse_records(filters.keep(records), settings=settings)


def fuse_store(store: Any, *, settings: FusionSettings | None = None, filters: FuseFilters | None = None,
               **options: Any) -> Fusion:
    """Fuse what a ``sitreps.store.Store`` holds; options as for ``fuse_reports``, plus ``source`` (an
    outlet) and ``with_duplicates``."""
    from sitreps.fuse.stored import duplicate_count, stored_reports

    filters, overrides = _split(filters, options)
    settings = resolve(settings, overrides)
    fusion = fuse_reports(stored_reports(store, filters), settings=settings, filters=filters)
    fusion.stats["near_duplicate_articles"] = duplicate_count(store)
    fusion.stats["near_duplicates_left_out"] = not filters.with_duplicates
    return fusion


_FILTER_NAMES = set(FuseFilters.__dataclass_fields__)


def _split(filters: FuseFilters | None, options: dict[str, Any]) -> tuple[FuseFilters, dict[str, Any]]:
    wanted = {k: v for k, v in options.items() if k in _FILTER_NAMES}
    overrides = {k: v for k, v in options.items() if k not in _FILTER_NAMES}
    if filters is not None and wanted:
        raise TypeError("give filters= or filter keywords, not both")
    return filters or FuseFilters(**wanted), overrides
