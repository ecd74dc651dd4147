"""``RawArticle``: what ingest hands to the pipeline, before cleaning.

Ingest's job ends once it has text and whatever metadata the container
carried (HTML meta tags, the URL); everything that reads the text itself
(boilerplate, genre cues, bylines in plain text) happens later, in one place,
for every kind of input alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class RawArticle:
    text: str
    source: str  # how the user named it: a path, a URL, "<stdin>", "<string>"
    url: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    published: str | None = None  # ISO date from metadata (basis "metadata")
    genre_hint: str | None = None  # from metadata (JSON-LD type, og:type, URL section)
    warnings: list[str] = field(default_factory=list)
