"""Items of reports as plain, comparable records: the one input of every fusion step.

A ``sitreps/1`` report names actors and places by ids local to itself; fusion
compares items of many reports, so each event and figure becomes a record that
carries what it means across articles (actor keys, a day interval, a place with
coordinates, its source by name) and what a reader needs to see it (article,
outlet, offsets, the sentence). Records come from report dicts
(``records_from_report``) or from a store (``sitreps.fuse.store``); a benchmark
builds them directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from sitreps.fuse.keys import (actor_key, country_in_text, day_interval, day_text, head_word, source_group,
                              source_key)
from sitreps.fuse.settings import FusionSettings


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A place as comparable across articles: ``key`` is its country and name."""

    key: str
    name: str
    country: str | None = None
    kind: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: int | None = None

    @property
    def fine(self) -> bool:
        """A point (a town, a base), not a region or a country: only these can contradict each other."""
        return (self.precision or 3) <= 2 and self.kind not in {"country", "region", "admin1", "water"}


@dataclass(slots=True)
class ArticleRecord:
    """An article's identity and, when known, its text, sentences and places (for passages)."""

    id: str
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    text: str | None = None
    sentences: list[tuple[int, int]] = field(default_factory=list)
    places: list[tuple[PlaceRef, list[tuple[int, int, int]]]] = field(default_factory=list)  # (start, end, sentence)

    def sentence_text(self, index: int | None) -> str | None:
        if self.text is None or index is None or not 0 <= index < len(self.sentences):
            return None
        start, end = self.sentences[index]
        return self.text[start:end]

    def sentence_of(self, offset: int) -> int | None:
        for index, (start, end) in enumerate(self.sentences):
            if start <= offset < end:
                return index
        return None


@dataclass(slots=True)
class EventRecord:
    """One event item of one article."""

    article_id: str
    item_id: str
    type: str
    actors: frozenset[str] = frozenset()
    recipients: frozenset[str] = frozenset()
    actor_names: tuple[str, ...] = ()
    recipient_names: tuple[str, ...] = ()
    date: str | None = None
    lo: int | None = None  # first day of its date (day number), None when undated
    hi: int | None = None
    place: PlaceRef | None = None
    mode: str | None = None
    modality: str = "asserted"
    source: str = "author"
    source_label: str = ""
    confidence: float = 0.0
    start: int = 0
    end: int = 0
    sentence: int | None = None
    text: str = ""
    sentence_text: str | None = None
    published: int | None = None  # the article's publication day
    publisher: str | None = None
    title: str | None = None
    figures: tuple[str, ...] = ()

    @property
    def exact_day(self) -> bool:
        return self.lo is not None and self.lo == self.hi


@dataclass(slots=True)
class FigureRecord:
    """One figure item of one article, with the parts of its quantity key already decided."""

    article_id: str
    item_id: str
    category: str
    unit: str | None
    subject: str  # a country code, else an actor key, else "?"
    subject_label: str | None = None
    scope: str = ""  # the country of its place when it is not the subject's own
    period: str = "total"  # total | per-day … (a rate) | YYYY-MM-DD (a count for that day)
    what_key: str = ""  # head word of `what`, for categories whose unit does not say what is counted
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str = "exact"
    what: str | None = None
    day: int | None = None  # its date, else its article's publication day
    dated: bool = False  # the figure has a date of its own
    source: str = "author"
    source_label: str = ""
    attribution: str = "asserted"
    start: int = 0
    end: int = 0
    sentence: int | None = None
    text: str = ""
    sentence_text: str | None = None
    publisher: str | None = None
    title: str | None = None
    place_name: str | None = None
    source_group: str = ""  # the institution the source speaks for (keys.source_group)
    source_group_label: str = ""


@dataclass(slots=True)
class Records:
    """Everything fusion reads: articles by id, event records and figure records."""

    articles: dict[str, ArticleRecord] = field(default_factory=dict)
    events: list[EventRecord] = field(default_factory=list)
    figures: list[FigureRecord] = field(default_factory=list)

    def extend(self, other: "Records") -> None:
        self.articles.update(other.articles)
        self.events.extend(other.events)
        self.figures.extend(other.figures)


def place_ref(place: dict[str, Any] | None) -> PlaceRef | None:
    if not place:
        return None
    name = place.get("name") or "?"
    return PlaceRef(f"{place.get('country') or ''}:{name.lower()}", name, place.get("country"), place.get("kind"),
                    place.get("lat"), place.get("lon"), place.get("precision"))


def records_from_report(report: dict[str, Any], settings: FusionSettings | None = None) -> Records:
    """The records of one ``sitreps/1`` report dict (``Report.to_dict()``, or a stored report with its text)."""
    settings = settings or FusionSettings.load()
    meta = report.get("article") or {}
    article_id = meta.get("id") or "?"
    article = ArticleRecord(article_id, meta.get("title"), meta.get("publisher"), meta.get("published"),
                            meta.get("url"), meta.get("text"),
                            [(s["start"], s["end"]) for s in report.get("sentences") or []])
    actors = {a["id"]: a for a in report.get("actors") or [] if a.get("id")}
    places = {p["id"]: p for p in report.get("places") or [] if p.get("id")}
    for place in places.values():
        # a place with an id is a non-empty mapping, so place_ref gives a PlaceRef
        article.places.append((cast(PlaceRef, place_ref(place)), [(m["start"], m["end"], m.get("sentence"))
                                                  for m in place.get("mentions") or []]))
    published = day_interval(article.published)
    published_day = published[0] if published else None
    out = Records({article_id: article})
    event_of_figure: dict[str, dict[str, Any]] = {}
    for event in report.get("events") or []:
        out.events.append(_event_record(event, article, actors, places, published_day))
        for figure_id in event.get("figures") or []:
            event_of_figure.setdefault(figure_id, event)
    stated_on: dict[str, str] = {}  # figure id -> the day the claim that gives it was made
    for claim in report.get("claims") or []:
        for item in claim.get("about") or []:
            if claim.get("date"):
                stated_on.setdefault(item, claim["date"])
    for figure in report.get("figures") or []:
        out.figures.append(_figure_record(figure, article, actors, places, published_day,
                                          event_of_figure.get(figure.get("id")), settings,
                                          stated_on.get(figure.get("id") or "")))
    return out


def _event_record(event: dict[str, Any], article: ArticleRecord, actors: dict[str, Any], places: dict[str, Any],
                  published_day: int | None) -> EventRecord:
    outlet = (article.publisher or "").strip().lower()

    def keys(ids: list[str] | None) -> tuple[frozenset[str], tuple[str, ...]]:
        # the article's own outlet (its dateline's "(Northgate Daily)") reports the event; it is no side of it
        ids = [i for i in ids or []
               if not outlet or ((actors.get(i) or {}).get("name") or "").strip().lower() != outlet]
        found = [actors.get(i) for i in ids]
        return (frozenset(k for k in (actor_key(a) for a in found) if k),
                tuple((a or {}).get("name") or i for a, i in zip(found, ids)))

    actor_keys, actor_names = keys(event.get("actor"))
    recipient_keys, recipient_names = keys(event.get("recipient"))
    interval = day_interval(event.get("date"))
    source, label = source_key(actors.get(event.get("source") or ""), event.get("source"), article.publisher)
    return EventRecord(
        article.id, event.get("id") or "?", event.get("type") or "?", actor_keys, recipient_keys, actor_names,
        recipient_names, event.get("date"), interval[0] if interval else None, interval[1] if interval else None,
        place_ref(places.get(event.get("place") or "")), event.get("mode"), event.get("modality") or "asserted",
        source, label, float(event.get("confidence") or 0.0), event.get("start") or 0, event.get("end") or 0,
        event.get("sentence"), event.get("text") or "", article.sentence_text(event.get("sentence")),
        published_day, article.publisher, article.title, tuple(event.get("figures") or ()))


def _figure_record(figure: dict[str, Any], article: ArticleRecord, actors: dict[str, Any], places: dict[str, Any],
                   published_day: int | None, event: dict[str, Any] | None, settings: FusionSettings,
                   stated: str | None = None) -> FigureRecord:
    category = figure.get("category") or "other"
    subject_actor = actors.get(figure.get("subject") or "")
    if subject_actor and subject_actor.get("kind") == "media":  # an outlet is not what a figure counts
        subject_actor = None
    if (category in settings.period_categories and event is not None and figure.get("subject") in
            (event.get("actor") or []) and event.get("recipient")):
        # a toll belongs to the side that suffered it: "the toll from a Russian strike rose to nine" counts
        # the attack's victims, not its authors
        subject_actor = actors.get(event["recipient"][0])
    # the counted phrase names its side more reliably than the subject link ("North Korean soldiers")
    place = places.get(figure.get("place") or "") or places.get((event or {}).get("place") or "")
    country = (place or {}).get("country") or ""
    subject = (country_in_text(figure.get("what"), settings.extra_subject_words) or actor_key(subject_actor)
               or country or "?")
    # the scope: the country the counted are in, and the town or province when the figure names one
    # ("8,000 in Kursk" is part of "11,000 in Russia", not a rival estimate of it)
    area = (place or {}).get("name") if (place or {}).get("kind") in settings.area_kinds else None
    scope = country if country and (country != subject or area) else ""
    if area:
        scope = f"{scope}:{area.lower()}"
    own = day_interval(figure.get("time"))
    day = own[0] if own else published_day
    period = "total"
    if figure.get("per"):
        period = f"per-{figure['per']}"
    elif category in settings.period_categories and not area and own and own[0] == own[1] and own[0] != published_day:
        period = day_text(own[0]) or ""
    if period == "total" and own and (category in settings.period_categories
                                      or (event is not None and day_interval(event.get("date")) == own)):
        # a running toll, or a figure dated by its event ("the strike on Tuesday killed at least seven"), is an
        # estimate as of when it was given: the ministry's seven, then nine, then twelve are revisions of one
        # count, not rival counts of Tuesday
        when = day_interval(stated)
        given = when[0] if when and when[0] == when[1] else published_day
        day = max(day or 0, given or 0) or day
    source_actor = actors.get(figure.get("source") or "")
    source, label = source_key(source_actor, figure.get("source"), article.publisher)
    group, group_label = source_group(source_actor, source, label)
    return FigureRecord(
        article.id, figure.get("id") or "?", category, figure.get("unit"), subject,
        (subject_actor or {}).get("name"), scope, period,
        head_word(figure.get("what")) if category in settings.what_in_key else "",
        figure.get("value"), figure.get("low"), figure.get("high"), figure.get("qualifier") or "exact",
        figure.get("what"), day, own is not None, source, label, figure.get("attribution") or "asserted",
        figure.get("start") or 0, figure.get("end") or 0, figure.get("sentence"), figure.get("text") or "",
        article.sentence_text(figure.get("sentence")), article.publisher, article.title,
        (place or {}).get("name"), group, group_label)

