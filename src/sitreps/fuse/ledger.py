"""The figures ledger: every figure grouped into the quantity it estimates, as a series by source and date.

A quantity is what one could plot: category + subject + scope + unit + period,
e.g. ``troops|PRK|RUS|person|total`` (North Korean troops in Russia, a running
total) apart from ``killed|PRK|UKR|person|2024-10-03`` (killed that day) and
``casualties|RUS|-|person|per-day`` (a rate). Money, percentages and measures
add the head word of what they count (``money|RUS|-|USD|total|bonus``), since
their unit alone does not say what they measure. A figure without a place
joins the one placed quantity of its kind when there is exactly one.

For each quantity: the latest estimate of each source, the most conservative
(lowest lower bound, as ACLED takes it) and the highest of those, and flags:
``disagreement`` when two sources' ranges do not overlap within
``same_time_days`` of each other, ``revision`` when one source's figure moves
outside its own earlier range.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any

from sitreps.fuse.keys import day_text
from sitreps.fuse.records import FigureRecord
from sitreps.fuse.settings import FusionSettings

_UNSAFE = re.compile(r"[^A-Za-z0-9_.:+-]+")


@dataclass(slots=True)
class Estimate:
    """One figure as an estimate of its quantity: the amount, who says so, when, and where it is written."""

    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    date: str | None
    source: str  # the source's name as shown
    source_key: str
    attribution: str
    article_id: str
    title: str | None
    publisher: str | None
    figure_id: str
    start: int
    end: int
    text: str
    sentence: int | None
    sentence_text: str | None
    what: str | None
    speaker: str | None = None  # who said it, when ``source`` is the institution they speak for
    lower: float = field(default=0.0, repr=False)  # the interval compared with others
    upper: float = field(default=math.inf, repr=False)
    day: int | None = field(default=None, repr=False)

    @property
    def least(self) -> float:
        """The conservative reading: the number stated, else the lower bound, else the upper."""
        return next(v for v in (self.value, self.low, self.high, 0.0) if v is not None)

    @property
    def most(self) -> float:
        """The high reading: the number stated, else the upper bound, else the lower."""
        return next(v for v in (self.value, self.high, self.low, 0.0) if v is not None)

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "low": self.low, "high": self.high, "qualifier": self.qualifier,
                "date": self.date, "source": self.source, "source_key": self.source_key,
                "attribution": self.attribution, "article_id": self.article_id, "title": self.title,
                "publisher": self.publisher, "figure_id": self.figure_id, "start": self.start, "end": self.end,
                "text": self.text, "sentence": self.sentence, "sentence_text": self.sentence_text, "what": self.what,
                "speaker": self.speaker,
                "lower": self.lower, "upper": None if math.isinf(self.upper) else self.upper}


@dataclass(slots=True)
class Flag:
    """Where the estimates of a quantity do not fit together: ``disagreement`` or ``revision``."""

    kind: str
    message: str
    estimates: list[Estimate]

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "message": self.message, "estimates": [e.to_dict() for e in self.estimates]}


@dataclass(slots=True)
class Quantity:
    """A quantity and its series of estimates, by date."""

    key: str
    label: str
    category: str
    subject: str
    scope: str | None
    unit: str | None
    period: str
    what: str | None
    estimates: list[Estimate]
    latest: list[Estimate] = field(default_factory=list)  # one per source, its latest
    conservative: Estimate | None = None
    highest: Estimate | None = None
    flags: list[Flag] = field(default_factory=list)

    @property
    def sources(self) -> list[str]:
        return sorted({e.source for e in self.estimates})

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "category": self.category, "subject": self.subject,
                "scope": self.scope, "unit": self.unit, "period": self.period, "what": self.what,
                "sources": self.sources, "estimates": [e.to_dict() for e in self.estimates],
                "latest": [e.to_dict() for e in self.latest],
                "conservative": self.conservative.to_dict() if self.conservative else None,
                "highest": self.highest.to_dict() if self.highest else None,
                "flags": [f.to_dict() for f in self.flags]}


def quantity_key(record: FigureRecord, scope: str | None = None) -> str:
    """The quantity a figure estimates, as a string safe in a URL path segment."""
    scope = record.scope if scope is None else scope
    parts = [record.category, record.subject, scope or "-", record.unit or "-", record.period]
    if record.what_key:
        parts.append(record.what_key)
    return "|".join(_UNSAFE.sub("-", part) or "-" for part in parts)


def build_ledger(records: list[FigureRecord], settings: FusionSettings) -> tuple[list[Quantity], dict[str, int]]:
    """Group figures into quantities and analyse each; returns the quantities (most estimates first) and counts."""
    stats = {"figures": len(records), "figures_left_out": 0}
    groups: dict[str, list[FigureRecord]] = defaultdict(list)
    for record in records:
        if (record.category in settings.skip_categories or record.attribution in settings.skip_attributions
                or (record.value is None and record.low is None and record.high is None)):
            stats["figures_left_out"] += 1
            continue
        groups[quantity_key(record)].append(record)
    _place_unplaced(groups)
    quantities = [_quantity(key, members, settings) for key, members in groups.items()]
    quantities.sort(key=lambda q: (-len(q.estimates), q.key))
    stats["quantities"] = len(quantities)
    stats["estimates"] = sum(len(q.estimates) for q in quantities)
    stats["disagreements"] = sum(1 for q in quantities for f in q.flags if f.kind == "disagreement")
    stats["revisions"] = sum(1 for q in quantities for f in q.flags if f.kind == "revision")
    return quantities, stats


def _place_unplaced(groups: dict[str, list[FigureRecord]]) -> None:
    """Figures with no scope join the one quantity of the same kind scoped to a country (not to a town or
    province in it), when there is exactly one."""
    scoped: dict[str, list[str]] = defaultdict(list)
    for key, members in groups.items():
        if members[0].scope and ":" not in members[0].scope:  # a country, not a town or province in it
            scoped[quantity_key(members[0], scope="")].append(key)
    for unscoped, targets in scoped.items():
        if unscoped in groups and len(targets) == 1:
            groups[targets[0]].extend(groups.pop(unscoped))


def _quantity(key: str, members: list[FigureRecord], settings: FusionSettings) -> Quantity:
    first = next((m for m in members if m.scope), members[0])
    estimates = sorted((_estimate(m, settings) for m in members),
                       key=lambda e: (e.day or 0, e.article_id, e.start))
    quantity = Quantity(key, label(first), first.category, first.subject, first.scope or None, first.unit,
                        first.period, first.what_key or None, estimates)
    latest: dict[str, Estimate] = {}
    for estimate in estimates:  # in date order: the last one seen is the latest
        latest[estimate.source_key] = estimate
    quantity.latest = sorted(latest.values(), key=lambda e: (e.source, e.day or 0))
    if quantity.latest:
        quantity.conservative = min(quantity.latest, key=lambda e: (e.least, e.day or 0))
        quantity.highest = max(quantity.latest, key=lambda e: (e.most, e.day or 0))
    quantity.flags = _flags(estimates, settings)
    return quantity


def _estimate(record: FigureRecord, settings: FusionSettings) -> Estimate:
    pooled = settings.source_level == "government" and record.source_group
    estimate = Estimate(record.value, record.low, record.high, record.qualifier, day_text(record.day),
                        record.source_group_label if pooled else record.source_label,
                        record.source_group if pooled else record.source, record.attribution, record.article_id,
                        record.title, record.publisher, record.item_id, record.start, record.end, record.text,
                        record.sentence, record.sentence_text, record.what, speaker=record.source_label,
                        day=record.day)
    estimate.lower, estimate.upper = bounds(record.value, record.low, record.high, record.qualifier,
                                            settings.approx_tolerance)
    return estimate


def bounds(value: float | None, low: float | None, high: float | None, qualifier: str,
           tolerance: float) -> tuple[float, float]:
    """The interval a figure allows: "about 300" spans 300 +- tolerance, "at least 3,000" has no top."""
    if value is not None:
        spread = abs(value) * tolerance if qualifier == "approx" else 0.0
        return value - spread, value + spread
    return (low if low is not None else 0.0), (high if high is not None else math.inf)


def overlap(a: Estimate, b: Estimate) -> bool:
    return a.lower <= b.upper and b.lower <= a.upper


def _flags(estimates: list[Estimate], settings: FusionSettings) -> list[Flag]:
    """Disagreements (one per pair of sources) and revisions (each time a source moves out of its range)."""
    flags: list[Flag] = []
    pairs: set[tuple[str, str]] = set()
    previous: dict[str, Estimate] = {}  # each source's last estimate
    # each source's estimates within same_time_days of the current one; the estimates come in date order, so
    # the old ones leave from the front (a quantity of a large store has thousands of estimates a source)
    window: dict[str, deque[Estimate]] = {}
    for estimate in estimates:
        day = estimate.day or 0
        mine = previous.get(estimate.source_key)
        if mine is not None and not overlap(mine, estimate) and _comparable(mine, estimate):
            if (mine.day or 0) != day:
                direction = "up" if estimate.least > mine.most else "down"
                flags.append(Flag("revision", f"{estimate.source} revised its figure {direction}: "
                                  f"{amount(mine)}{_on(mine)} -> {amount(estimate)}{_on(estimate)}",
                                  [mine, estimate]))
            else:
                flags.append(Flag("disagreement", f"{estimate.source} gives two figures{' on ' + estimate.date if estimate.date else ''}: "
                                  f"{amount(mine)} and {amount(estimate)}", [mine, estimate]))
        previous[estimate.source_key] = estimate
        for key in list(window):
            kept = window[key]
            while kept and day - (kept[0].day or 0) > settings.same_time_days:
                kept.popleft()
            if not kept:
                del window[key]
        for key, theirs in window.items():
            pair = tuple(sorted((key, estimate.source_key)))
            # the other source's latest estimate that can be compared with this one (not a restatement of a
            # third party's figure in this article: see _comparable)
            other = next((e for e in reversed(theirs) if _comparable(e, estimate)), None)
            if key == estimate.source_key or pair in pairs or other is None or overlap(other, estimate):
                continue
            pairs.add(pair)  # type: ignore[arg-type]
            flags.append(Flag("disagreement", f"{other.source} says {amount(other)}{_on(other)}, "
                              f"{estimate.source} says {amount(estimate)}{_on(estimate)}", [other, estimate]))
        window.setdefault(estimate.source_key, deque()).append(estimate)
    return flags


def _on(estimate: Estimate) -> str:
    """" (2024-10-22)" after an amount, or nothing for an undated estimate (never "(None)")."""
    return f" ({estimate.date})" if estimate.date else " (undated)"


def _comparable(a: Estimate, b: Estimate) -> bool:
    """Two figures of one article only conflict when they count the same words: an article that lists
    "15,000 fighters from Nepal, 26,000 from Chechnya" gives two quantities the key cannot tell apart."""
    if a.article_id != b.article_id:
        return True
    return (a.what or "").strip().lower() == (b.what or "").strip().lower()


def amount(estimate: Estimate) -> str:
    """An estimate as written in a table: 11,000; ~12,000; >=3,000; <=15,000; 11,000-12,000."""
    def n(x: float | None) -> str:
        return "?" if x is None else (f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}")

    if estimate.value is not None:
        return ("~" if estimate.qualifier == "approx" else "") + n(estimate.value)
    if estimate.low is not None and estimate.high is not None:
        return f"{n(estimate.low)}-{n(estimate.high)}"
    if estimate.low is not None:
        return f">={n(estimate.low)}"
    return f"<={n(estimate.high)}"


def label(record: FigureRecord) -> str:
    """A quantity in words: "troops · North Korea · in Russia (person, total)"."""
    from sitreps.gazetteer import gazetteer

    countries = gazetteer().countries

    def name(code: str) -> str:
        return countries[code].name if code in countries else code

    parts = [record.category + (f" ({record.what_key})" if record.what_key else "")]
    if record.subject != "?":
        parts.append(name(record.subject))
    if record.scope:
        country, _, area = record.scope.partition(":")
        parts.append(f"in {area.title() + ', ' if area else ''}{name(country) if country else ''}".rstrip(", "))
    period = ("total" if record.period == "total" else record.period.replace("per-", "per ")
              if record.period.startswith("per-") else f"on {record.period}")
    return f"{' · '.join(parts)} ({record.unit or '-'}, {period})"
