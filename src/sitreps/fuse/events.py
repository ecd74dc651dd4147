"""Event fusion: the reports of one event, across articles, become one event with all its mentions.

GDELT counts one development as many events, once per outlet that reports it.
Here two mentions are one event when they have the same PLOVER type, dates
that overlap (each widened by ``date_window_days``), sides that agree (an
actor or a recipient in common, by country code or name, see ``keys``) and
places that do not exclude each other (two towns more than ``place_km``
apart). Mentions are read in date order and each joins the best-matching open
event, or opens one; comparing a mention with the event (the union of its
mentions) rather than with single mentions keeps A~B~C chains from gluing
unrelated reports together.

Blocking keeps this linear: an event is only looked up under (type, side) for
each of its sides and (type, place) for its place when that is a point, and events whose last day is behind the sweep by more than
the window leave the index. 100,000 mentions fuse in a few seconds
(``benchmarks/fusion.py``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sitreps.fuse.keys import distance_km, interval_text
from sitreps.fuse.records import EventRecord, PlaceRef
from sitreps.fuse.settings import FusionSettings

_NO_SIDE = "∅"


@dataclass(slots=True)
class EventMention:
    """One article's report of a fused event, with the passage it was read from."""

    article_id: str
    item_id: str
    publisher: str | None
    title: str | None
    source: str
    modality: str
    date: str | None
    place: str | None
    actors: list[str]
    recipients: list[str]
    start: int
    end: int
    text: str
    sentence: int | None
    sentence_text: str | None

    @classmethod
    def of(cls, record: EventRecord) -> "EventMention":
        return cls(record.article_id, record.item_id, record.publisher, record.title, record.source_label,
                   record.modality, record.date, record.place.name if record.place else None,
                   list(record.actor_names), list(record.recipient_names), record.start, record.end, record.text,
                   record.sentence, record.sentence_text)

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(slots=True)
class FusedEvent:
    """One event and every mention of it. ``key`` is its first mention's type, article and item id."""

    key: str
    type: str
    mode: str | None
    actors: list[str]
    recipients: list[str]
    date: str | None  # the dated mentions' span ("2024-10-03" or "2024-10-03/2024-10-05"), None if none is dated
    first_day: str | None
    last_day: str | None
    place: str | None  # the place most mentions name (the finest on a tie)
    place_country: str | None
    mentions: list[EventMention]
    records: list[EventRecord] = field(default_factory=list, repr=False)

    @property
    def articles(self) -> list[str]:
        return sorted({m.article_id for m in self.mentions})

    @property
    def publishers(self) -> list[str]:
        return sorted({m.publisher for m in self.mentions if m.publisher})

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "type": self.type, "mode": self.mode, "actors": self.actors,
                "recipients": self.recipients, "date": self.date, "first_day": self.first_day,
                "last_day": self.last_day, "place": self.place, "place_country": self.place_country,
                "articles": self.articles, "publishers": self.publishers,
                "mentions": [m.to_dict() for m in self.mentions]}


@dataclass(slots=True)
class _Cluster:
    type: str
    records: list[EventRecord]
    sides: set[str]  # actors ∪ recipients, for the index and for symmetric types
    actors: set[str]
    recipients: set[str]
    lo: int  # the window the cluster covers (undated members included)
    hi: int
    places: list[PlaceRef]
    indexed: set[str] = field(default_factory=set)  # the blocks it is filed under in the index


@dataclass(slots=True)
class Match:
    """How a mention compares with an event: the evidence for and the conflicts against."""

    score: int = 0
    actor_conflict: bool = False
    place_conflict: bool = False
    ok: bool = False


def places_conflict(a: PlaceRef, b: PlaceRef, km: float) -> bool:
    """Two places that cannot be the scene of one event: distinct countries, or two points far apart."""
    if a.key == b.key:
        return False
    if a.country and b.country and a.country != b.country and a.kind != "region" and b.kind != "region":
        return True
    if a.fine and b.fine and None not in (a.lat, a.lon, b.lat, b.lon):
        return distance_km(a.lat, a.lon, b.lat, b.lon) > km  # type: ignore[arg-type]
    return False


def compare(cluster: _Cluster, record: EventRecord, window: tuple[int, int], settings: FusionSettings) -> Match:
    """Whether ``record`` may join ``cluster``, and how well it fits (see the module docstring)."""
    match = Match()
    if window[0] - settings.date_window_days > cluster.hi or cluster.lo - settings.date_window_days > window[1]:
        return match
    if record.type in settings.symmetric_types:
        mine, theirs = record.actors | record.recipients, cluster.sides
        side_match = bool(mine & theirs)
        actor_match, recipient_match = side_match, False
        actor_conflict = bool(mine and theirs and not side_match)
        recipient_conflict = False
    else:
        actor_match = bool(record.actors & cluster.actors)
        recipient_match = bool(record.recipients & cluster.recipients)
        actor_conflict = bool(record.actors and cluster.actors and not actor_match)
        recipient_conflict = bool(record.recipients and cluster.recipients and not recipient_match)
    place_match = record.place is not None and any(p.key == record.place.key for p in cluster.places)
    place_conflict = record.place is not None and any(places_conflict(p, record.place, settings.place_km)
                                                      for p in cluster.places)
    same_day = record.exact_day and any(r.exact_day and r.lo == record.lo for r in cluster.records)
    if recipient_conflict and not (record.type in settings.symmetric_types):
        return match
    if not (actor_match or recipient_match or (place_match and record.place and record.place.fine)):
        return match
    if actor_conflict and not (settings.allow_actor_conflict and recipient_match and not place_conflict
                               and (place_match or same_day)):
        return match
    if place_conflict:  # two strikes on two cities the same night are two events, whoever struck
        return match
    same_story = any(r.article_id == record.article_id for r in cluster.records)
    if not same_story and (_loose(record) or all(_loose(r) for r in cluster.records)):
        # "the missile hit an apartment building", "its drones have repeatedly hit homes": with neither a day
        # nor a town, only the article's own story can say which event it is
        return match
    match.score = 2 * actor_match + 2 * recipient_match + place_match + same_day + same_story
    undated = _vague(record) or all(_vague(r) for r in cluster.records)
    match.ok = not undated or match.score >= settings.undated_min_score
    match.actor_conflict, match.place_conflict = actor_conflict, place_conflict
    return match


def fuse_events(records: list[EventRecord], settings: FusionSettings) -> tuple[list[FusedEvent], dict[str, int]]:
    """Fuse event records into events; returns the events (in date order) and counts for the statistics."""
    stats = {"event_mentions": len(records), "not_factual": 0, "undatable": 0}
    usable: list[tuple[tuple[int, int], EventRecord]] = []
    for record in records:
        if record.modality not in settings.modalities or record.confidence < settings.min_confidence:
            stats["not_factual"] += 1
            continue
        window = _window(record, settings)
        if window is None:
            stats["undatable"] += 1
        usable.append((window or (0, 0), record))
    usable.sort(key=lambda item: (item[1].type, item[0][0], item[0][1], item[1].article_id, item[1].item_id))
    clusters: list[_Cluster] = []
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_article: dict[str, list[int]] = defaultdict(list)
    reach = 2 * settings.date_window_days
    # 1. mentions with a day or a town, in date order (a sweep: events the window has passed leave the index)
    for window, record in usable:
        if _loose(record):
            continue
        if window == (0, 0):  # neither a date nor a publication day: an event of its own
            _file(clusters, by_article, record, window, None)
            continue
        best, seen = None, set()
        for side in _keys_of(record):
            bucket = index.get((record.type, side))
            if not bucket:
                continue
            bucket[:] = [i for i in bucket if clusters[i].hi + reach >= window[0]]  # leave the sweep
            best = _better(clusters, [i for i in bucket if i not in seen], record, window, settings, best)
            seen.update(bucket)
        position = _file(clusters, by_article, record, window, best)
        cluster = clusters[position]
        for side in _keys_of(record) - cluster.indexed:
            index[(record.type, side)].append(position)
            cluster.indexed.add(side)
    # 2. mentions with neither ("the missile hit an apartment building"): only their own story can place them,
    # so they join an event their article reports, once every dated event is known
    for window, record in usable:
        if _loose(record):
            best = _better(clusters, [i for i in by_article.get(record.article_id, []) if
                                      clusters[i].type == record.type], record, window, settings, None)
            _file(clusters, by_article, record, window, best)
    events = [_fused(cluster) for cluster in clusters]
    events.sort(key=lambda e: (e.first_day or "9999", e.type, e.key))
    return events, stats


def _better(clusters: list[_Cluster], positions: list[int], record: EventRecord, window: tuple[int, int],
            settings: FusionSettings, best: tuple[int, Match] | None) -> tuple[int, Match] | None:
    """The best-fitting of ``positions`` for ``record``, or ``best`` when none fits better."""
    for position in positions:
        match = compare(clusters[position], record, window, settings)
        if match.ok and (best is None or match.score > best[1].score):
            best = (position, match)
    return best


def _file(clusters: list[_Cluster], by_article: dict[str, list[int]], record: EventRecord,
          window: tuple[int, int], best: tuple[int, Match] | None) -> int:
    """Add ``record`` to the chosen event, or make it a new one; its position."""
    if best is None:
        clusters.append(_new_cluster(record, window))
        position = len(clusters) - 1
    else:
        position = best[0]
        _join(clusters[position], record, window)
    if position not in by_article[record.article_id]:
        by_article[record.article_id].append(position)
    return position


def _keys_of(record: EventRecord) -> set[str]:
    """The blocks a mention is looked up and filed under: each of its sides, and its place when it is a point."""
    keys = set(record.actors | record.recipients)
    if record.place is not None and record.place.fine:
        keys.add("@" + record.place.key)
    return keys or {_NO_SIDE}


def _loose(record: EventRecord) -> bool:
    """Neither a day nor a town: such a mention is tied to an event only by the story it is told in."""
    return _vague(record) and not (record.place and record.place.fine)


def _vague(record: EventRecord) -> bool:
    """Undated, or dated only to a month or a year: such a date says little about which event it is."""
    return record.lo is None or record.hi is None or record.hi - record.lo > 7


def _window(record: EventRecord, settings: FusionSettings) -> tuple[int, int] | None:
    if record.lo is not None and record.hi is not None:
        return record.lo, record.hi
    if record.published is not None:
        return record.published - settings.undated_lookback_days, record.published
    return None


def _new_cluster(record: EventRecord, window: tuple[int, int]) -> _Cluster:
    return _Cluster(record.type, [record], set(record.actors | record.recipients), set(record.actors),
                    set(record.recipients), window[0], window[1], [record.place] if record.place else [])


def _join(cluster: _Cluster, record: EventRecord, window: tuple[int, int]) -> None:
    cluster.records.append(record)
    cluster.actors |= record.actors
    cluster.recipients |= record.recipients
    cluster.sides |= record.actors | record.recipients
    if record.lo is not None:  # an undated mention does not stretch a dated event
        dated = [r for r in cluster.records if r.lo is not None]
        cluster.lo = min(r.lo for r in dated)  # type: ignore[type-var, assignment]
        cluster.hi = max(r.hi for r in dated)  # type: ignore[type-var, assignment]
    if record.place and all(p.key != record.place.key for p in cluster.places):
        cluster.places.append(record.place)


def _fused(cluster: _Cluster) -> FusedEvent:
    records = sorted(cluster.records, key=lambda r: (r.published or 0, r.article_id, r.start))
    first = records[0]
    dated = [r for r in records if r.lo is not None]
    lo = min((r.lo for r in dated), default=None)  # type: ignore[type-var]
    hi = max((r.hi for r in dated), default=None)  # type: ignore[type-var]
    counts: dict[str, int] = defaultdict(int)
    for r in records:
        if r.place:
            counts[r.place.key] += 1
    place = None
    if counts:
        by_key = {r.place.key: r.place for r in records if r.place}
        place = by_key[max(counts, key=lambda k: (counts[k], -(by_key[k].precision or 3), k))]
    modes = [r.mode for r in records if r.mode]
    return FusedEvent(
        f"{cluster.type}:{first.article_id}:{first.item_id}", cluster.type, max(sorted(set(modes)), key=modes.count) if modes else None,
        sorted(cluster.actors), sorted(cluster.recipients), interval_text(lo, hi),
        interval_text(lo, lo), interval_text(hi, hi), place.name if place else None,
        place.country if place else None, [EventMention.of(r) for r in records], records)
