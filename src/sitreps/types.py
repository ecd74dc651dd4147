"""The report's data classes: the one place where the ``sitreps/1`` shape lives in code.

Field names and order follow ``CONTRACT.md``. Every extracted item carries
``start``/``end`` character offsets into ``Article.text`` (end exclusive) and
the index of its sentence, so any answer can be shown in its context. The JSON
Schema in ``data/schema/report.schema.json`` is the published form of these
classes; tests validate every report against it.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = "sitreps/1"

Genre = Literal["news", "opinion", "analysis", "press-release", "unknown"]
PublishedBasis = Literal["given", "metadata", "inferred", "unknown"]
# Who says so: an actor id ("A3"), "unnamed" for "reports say", or "author".
SourceRef = str


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    sentence: int


@dataclass(slots=True)
class Sentence:
    start: int
    end: int


@dataclass(slots=True)
class Removed:
    """A line taken out of the text before extraction, kept so nothing is lost silently."""

    text: str
    reason: str


@dataclass(slots=True)
class Repair:
    """A change made to the text's characters (mojibake, glued words, quote direction)."""

    original: str
    repaired: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"from": self.original, "to": self.repaired, "reason": self.reason}


@dataclass(slots=True)
class Article:
    id: str
    text: str
    url: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    published: str | None = None
    published_basis: PublishedBasis = "unknown"
    language: str = "en"
    genre: Genre = "unknown"
    removed: list[Removed] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)


@dataclass(slots=True)
class Actor:
    id: str
    name: str
    kind: str = "unknown"
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    wikidata: str | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class Place:
    id: str
    name: str
    kind: str = "unknown"
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: int | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class TimeExpression:
    text: str
    start: int
    end: int
    sentence: int
    value: str | None
    granularity: str
    anchor: str


@dataclass(slots=True)
class Figure:
    id: str
    text: str
    start: int
    end: int
    sentence: int
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str = "exact"
    unit: str | None = None
    category: str = "other"
    per: str | None = None
    what: str | None = None
    subject: str | None = None
    place: str | None = None
    time: str | None = None
    source: SourceRef = "author"
    attribution: str = "asserted"


@dataclass(slots=True)
class Event:
    id: str
    type: str
    text: str
    start: int
    end: int
    sentence: int
    mode: str | None = None
    actor: list[str] = field(default_factory=list)
    recipient: list[str] = field(default_factory=list)
    date: str | None = None
    place: str | None = None
    modality: str = "asserted"
    source: SourceRef = "author"
    figures: list[str] = field(default_factory=list)
    confidence: float = 0.0


@dataclass(slots=True)
class Claim:
    id: str
    text: str
    start: int
    end: int
    sentence: int
    speaker: SourceRef
    cue: str | None = None
    kind: str = "report"
    date: str | None = None
    about: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Report:
    """One article's report. ``to_dict()`` gives the ``sitreps/1`` JSON object."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = {"schema": SCHEMA_VERSION}
        for f in dataclasses.fields(self):
            data[f.name] = _plain(getattr(self, f.name))
        return data

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence that contains character ``offset`` (-1 if none)."""
        for index, sentence in enumerate(self.sentences):
            if sentence.start <= offset < sentence.end:
                return index
        return -1


def _plain(value: Any) -> Any:
    """Dataclasses to dicts, recursively, using a class's own ``to_dict`` where it has one."""
    if hasattr(value, "to_dict") and not isinstance(value, Report):
        return value.to_dict()
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value
