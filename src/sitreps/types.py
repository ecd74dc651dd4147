"""The report's data classes: the one place where the ``sitreps/1`` shape lives in code.

Field names and order follow ``docs/report-format.md``. Every extracted item carries
``start``/``end`` character offsets into ``Article.text`` (end exclusive) and
the index of its sentence, so any answer can be shown in its context. The JSON
Schema in ``data/schema/report.schema.json`` is the published form of these
classes, generated from them by ``scripts/build_report_schema.py`` (with the
descriptions in ``data/schema/report.fields.yaml``); tests validate every
report against it.
"""

from __future__ import annotations

import bisect
import dataclasses
import json
import operator
import typing
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = "sitreps/1"

Genre = Literal["news", "opinion", "analysis", "press-release", "unknown"]
PublishedBasis = Literal["given", "metadata", "inferred", "unknown"]
# Who says so: an actor id ("A3"), "unnamed" for "reports say", or "author".
SourceRef = str
UNNAMED = "unnamed source"  # the name of the source "unnamed" ("reports say"), in exports and helpers


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

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Repair":
        return cls(data["from"], data["to"], data["reason"])


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

    def subject_name(self, report: "Report") -> str | None:
        """The name of what the figure counts ("Ukraine" for ``A2``), None when it names no actor."""
        return report.name(self.subject)

    def source_name(self, report: "Report") -> str | None:
        """Who gives the figure, by name: an actor's name, the outlet for ``author``, "unnamed source"."""
        return report.name(self.source)


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

    def actor_names(self, report: "Report") -> list[str]:
        """The actors' names, in order (an id the report does not know stays as written)."""
        return [report.name(ref) or ref for ref in self.actor]

    def recipient_names(self, report: "Report") -> list[str]:
        return [report.name(ref) or ref for ref in self.recipient]

    def source_name(self, report: "Report") -> str | None:
        return report.name(self.source)


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

    def speaker_name(self, report: "Report") -> str | None:
        return report.name(self.speaker)


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

    def actor(self, actor_id: str | None) -> Actor | None:
        """The actor with this report-local id (``A3``), None if the report has none."""
        return next((actor for actor in self.actors if actor.id == actor_id), None) if actor_id else None

    def place(self, place_id: str | None) -> Place | None:
        """The place with this report-local id (``P2``), None if the report has none."""
        return next((place for place in self.places if place.id == place_id), None) if place_id else None

    def name(self, ref: str | None) -> str | None:
        """A reference as a reader outside this report can read it: ids are local to one report (``A3``
        means nothing elsewhere), so exports and callers show this beside the id. An actor or place id gives
        its name, ``author`` the outlet (else "author"), ``unnamed`` "unnamed source"; None stays None."""
        if not ref:
            return None
        if ref == "author":
            return self.article.publisher or "author"
        if ref == "unnamed":
            return UNNAMED
        found = self.actor(ref) or self.place(ref)
        return found.name if found is not None else ref

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Report":
        """The typed report back from what ``to_dict`` wrote (or a stored or exported ``sitreps/1`` object),
        so code downstream of the pipeline works on classes, not untyped dicts. Keys it does not know are
        ignored (a newer minor version may add some); a missing required field or another schema is an error."""
        if not isinstance(data, dict):
            raise ValueError(f"a sitreps report is a JSON object, not {type(data).__name__}")
        schema = data.get("schema", SCHEMA_VERSION)
        if schema != SCHEMA_VERSION:
            raise ValueError(f"not a {SCHEMA_VERSION} report: its schema is {schema!r}")
        return _build(cls, data, "report")

    @classmethod
    def from_json(cls, text: str | bytes) -> "Report":
        """``from_dict`` of a JSON text, as ``to_json`` writes it."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ValueError(f"not JSON: {error}") from error
        return cls.from_dict(data)

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence that contains character ``offset`` (-1 if none).

        A binary search over the sentences' starts (they are in text order and do not overlap), so the
        extractors' one lookup per item costs O(log n) and a long article stays linear, not quadratic."""
        index = bisect.bisect_right(self.sentences, offset, key=_START) - 1
        if index >= 0 and offset < self.sentences[index].end:
            return index
        return -1


_START = operator.attrgetter("start")  # a key read in C: the search costs no Python call per step


def _build(cls: type, data: Any, where: str) -> Any:
    """An instance of dataclass ``cls`` from its dict, nested classes and lists of them included."""
    if hasattr(cls, "from_dict") and cls is not Report:
        return cls.from_dict(data)
    if not isinstance(data, dict):
        raise ValueError(f"{where}: expected an object, got {type(data).__name__}")
    hints = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name not in data:
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise ValueError(f"{where}: the field {f.name!r} is missing")
            continue
        values[f.name] = _value(hints[f.name], data[f.name], f"{where}.{f.name}")
    return cls(**values)


def _value(hint: Any, value: Any, where: str) -> Any:
    if typing.get_origin(hint) is list:
        (item,) = typing.get_args(hint)
        if not isinstance(value, list):
            raise ValueError(f"{where}: expected a list, got {type(value).__name__}")
        return [_value(item, v, f"{where}[{i}]") for i, v in enumerate(value)]
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _build(hint, value, where)
    return value


def _plain(value: Any) -> Any:
    """Dataclasses to dicts, recursively, using a class's own ``to_dict`` where it has one."""
    if hasattr(value, "to_dict") and not isinstance(value, Report):
        return value.to_dict()
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value
