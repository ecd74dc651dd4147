"""Contradictions: where reports of one event, or one article with itself, do not agree.

Four kinds, each with the passages side by side so a reader can judge:

* ``place``: mentions of one fused event put it at two places that exclude each
  other (two towns more than ``place_km`` apart, two countries: fusion keeps
  such mentions apart, so this only fires with hand-made records); and, within
  one article, a later sentence that refers back to an event ("the meeting",
  "this summit": a determiner and an event noun of the event's type, from
  ``data/events.yaml``) and places it elsewhere ("as it occurred at …");
* ``date``: mentions of one event that name exact days ``date_conflict_days``
  or more apart;
* ``actor``: mentions that agree on the target, day and place but name
  different perpetrators;
* ``figure``: the ledger's disagreements (two sources' ranges apart at the
  same time, or one source giving two figures at once).

``scope`` is ``within`` when both passages come from one article, else ``across``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sitreps.fuse.events import FusedEvent, places_conflict
from sitreps.fuse.keys import day_text
from sitreps.fuse.ledger import Estimate, Quantity
from sitreps.fuse.records import ArticleRecord, EventRecord, PlaceRef
from sitreps.fuse.settings import FusionSettings
from sitreps.resources import load_yaml


@dataclass(slots=True)
class Passage:
    """A passage of an article: ``text`` is ``article.text[start:end]`` (a sentence, else the item's span);
    ``quote`` is the item itself (the event, figure or place name) within it."""

    article_id: str
    title: str | None
    publisher: str | None
    start: int
    end: int
    text: str
    quote: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(slots=True)
class Contradiction:
    kind: str  # date | place | actor | figure
    scope: str  # within | across
    message: str
    passages: list[Passage]
    event: str | None = None  # the fused event's key
    quantity: str | None = None  # the quantity's key

    @property
    def articles(self) -> list[str]:
        return sorted({p.article_id for p in self.passages})

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "scope": self.scope, "message": self.message, "event": self.event,
                "quantity": self.quantity, "articles": self.articles,
                "passages": [p.to_dict() for p in self.passages]}


def find_contradictions(events: list[FusedEvent], ledger: list[Quantity], articles: dict[str, ArticleRecord],
                        records: list[EventRecord], settings: FusionSettings) -> list[Contradiction]:
    """All contradictions: of fused events, of the ledger, and of events referred back to within an article."""
    found: list[Contradiction] = []
    for event in events:
        found.extend(_event_contradictions(event, articles, settings))
    for quantity in ledger:
        for flag in quantity.flags:
            if flag.kind == "disagreement":
                passages = [_figure_passage(e, articles) for e in flag.estimates]
                found.append(Contradiction("figure", _scope(passages), f"{quantity.label}: {flag.message}",
                                           passages, quantity=quantity.key))
    found.extend(anaphoric_places(records, articles, settings))
    return _unique(found)


def _event_contradictions(event: FusedEvent, articles: dict[str, ArticleRecord],
                          settings: FusionSettings) -> list[Contradiction]:
    records = event.records
    found = []
    pair = _first_pair(records, lambda a, b: a.place is not None and b.place is not None
                       and places_conflict(a.place, b.place, settings.place_km))
    if pair:
        a, b = pair
        found.append(Contradiction("place", "", f"{event.type} event placed at {a.place.name} and at "  # type: ignore[union-attr]
                                   f"{b.place.name}", [_event_passage(r, articles) for r in pair], event=event.key))  # type: ignore[union-attr]
    pair = _first_pair(records, lambda a, b: a.exact_day and b.exact_day
                       and abs((a.lo or 0) - (b.lo or 0)) >= settings.date_conflict_days)
    if pair:
        a, b = pair
        found.append(Contradiction("date", "", f"{event.type} event dated {day_text(a.lo)} and {day_text(b.lo)}",
                                   [_event_passage(r, articles) for r in pair], event=event.key))
    if event.type not in settings.symmetric_types:
        pair = _first_pair(records, lambda a, b: bool(a.actors and b.actors and not a.actors & b.actors))
        if pair:
            a, b = pair
            found.append(Contradiction(
                "actor", "", f"{event.type} event done by {', '.join(a.actor_names)} and by "
                f"{', '.join(b.actor_names)}", [_event_passage(r, articles) for r in pair], event=event.key))
    for item in found:
        item.scope = _scope(item.passages)
    return found


def _first_pair(records: list[EventRecord], conflict: Any) -> tuple[EventRecord, EventRecord] | None:
    for i, a in enumerate(records):
        for b in records[i + 1:]:
            if conflict(a, b):
                return a, b
    return None


# -- within one article: "the meeting … occurred at X" ------------------------------------------------------

@lru_cache(maxsize=1)
def _event_nouns() -> dict[str, str]:
    """Event nouns of one word and their plurals -> PLOVER type (data/events.yaml ``nouns``)."""
    nouns: dict[str, str] = {}
    for noun, spec in (load_yaml("events.yaml").get("nouns") or {}).items():
        event_type = spec if isinstance(spec, str) else spec.get("type")
        if " " in noun or not event_type:
            continue
        nouns[noun] = event_type
        nouns.setdefault(noun + "s", event_type)
    return nouns


_BACK_REFERENCE = re.compile(r"\b(it|which|where)\b", re.IGNORECASE)


@lru_cache(maxsize=4)
def _any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern for any of ``words`` as whole words, longest first."""
    return re.compile(r"\b(" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")\b", re.IGNORECASE)


def anaphoric_places(records: list[EventRecord], articles: dict[str, ArticleRecord],
                     settings: FusionSettings) -> list[Contradiction]:
    """An event placed at a point, then referred back to ("the meeting") in a sentence that puts it at a
    point far from the first, with a locative word before the place name."""
    nouns = _event_nouns()
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, settings.anaphora_determiners)) + r")\s+("
                         + "|".join(map(re.escape, sorted(nouns, key=len, reverse=True))) + r")\b", re.IGNORECASE)
    by_article: dict[str, list[EventRecord]] = {}
    for record in records:
        if record.modality in settings.modalities:
            by_article.setdefault(record.article_id, []).append(record)
    found = []
    for article_id, events in by_article.items():
        article = articles.get(article_id)
        if article is None or not article.text or not article.sentences:
            continue
        placed = [e for e in events if e.place is not None and e.place.fine and e.sentence is not None]
        for event in placed:
            hit = _referred_elsewhere(event, events, article, pattern, nouns, settings)
            if hit is not None:
                found.append(hit)
    return found


def _referred_elsewhere(event: EventRecord, events: list[EventRecord], article: ArticleRecord,
                        pattern: re.Pattern[str], nouns: dict[str, str],
                        settings: FusionSettings) -> Contradiction | None:
    assert event.place is not None and event.sentence is not None
    last = min(len(article.sentences) - 1, event.sentence + settings.anaphora_sentences)
    for index in range(event.sentence + 1, last + 1):
        others = [e for e in events if e.sentence == index and e.type == event.type
                  and not pattern.match(e.text)]  # "The talks at Wonsan …" coded as an event still refers back
        if any(e.place is not None and e.place.key != event.place.key for e in others):
            return None  # a new event of the same type, with a place of its own: not a reference back
        start, end = article.sentences[index]
        sentence = article.text[start:end]  # type: ignore[index]
        refs = [m for m in pattern.finditer(sentence) if nouns[m.group(2).lower()] == event.type]
        if not refs:
            continue
        for place, mentions in article.places:
            if place.key == event.place.key or not place.fine or not places_conflict(event.place, place,
                                                                                     settings.place_km):
                continue
            for m_start, m_end, _sentence in mentions:
                if not start <= m_start < end or m_start - start < refs[0].start():
                    continue
                before = article.text[max(start, m_start - settings.locative_reach):m_start].lower()  # type: ignore[index]
                between = sentence[refs[0].end():m_start - start]
                named = list(_any_of(tuple(nouns)).finditer(between))
                if named and not _BACK_REFERENCE.search(between[named[-1].end():]):
                    # "the strike came after talks with U.S. officials in Jeddah": the place is the talks';
                    # "the meeting was a threat … as it occurred at X": "it" takes the place back to the meeting
                    continue
                if re.search(r"\b(" + "|".join(map(re.escape, settings.locative_words)) + r")\b", before):
                    first = _event_passage(event, {article.id: article})
                    second = Passage(article.id, article.title, article.publisher, start, end, sentence,
                                     article.text[m_start:m_end])  # type: ignore[index]
                    return Contradiction(
                        "place", "within", f"{event.type} event placed at {event.place.name}, then "
                        f"{refs[0].group(0)!r} at {place.name}", [first, second])
        return None  # the nearest reference back decides
    return None


# -- passages ---------------------------------------------------------------------------------------------

def _event_passage(record: EventRecord, articles: dict[str, ArticleRecord]) -> Passage:
    return _passage(record.article_id, record.sentence, record.start, record.end, record.text, articles,
                    record.title, record.publisher)


def _figure_passage(estimate: Estimate, articles: dict[str, ArticleRecord]) -> Passage:
    return _passage(estimate.article_id, estimate.sentence, estimate.start, estimate.end, estimate.text, articles,
                    estimate.title, estimate.publisher)


def _passage(article_id: str, sentence: int | None, start: int, end: int, text: str,
             articles: dict[str, ArticleRecord], title: str | None, publisher: str | None) -> Passage:
    article = articles.get(article_id)
    if article is not None and article.text and sentence is not None and 0 <= sentence < len(article.sentences):
        s_start, s_end = article.sentences[sentence]
        return Passage(article_id, title, publisher, s_start, s_end, article.text[s_start:s_end], text)
    return Passage(article_id, title, publisher, start, end, text, text)


def _scope(passages: list[Passage]) -> str:
    return "within" if len({p.article_id for p in passages}) == 1 else "across"


def _unique(found: list[Contradiction]) -> list[Contradiction]:
    seen, out = set(), []
    for item in found:
        key = (item.kind, tuple((p.article_id, p.start, p.end) for p in item.passages))
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


__all__ = ["Contradiction", "Passage", "PlaceRef", "anaphoric_places", "find_contradictions"]
