"""``RawArticle``: what ingest hands to the pipeline, before cleaning.

Ingest's job ends once it has text and whatever metadata the container
carried (HTML meta tags, the URL); everything that reads the text itself
(boilerplate, genre cues, bylines in plain text) happens later, in one place,
for every kind of input alike.

U+0000 never gets past a ``RawArticle``: a JSON ``"\u0000"`` is valid JSON,
but it means nothing in an article and PostgreSQL cannot store it in text or
JSON columns (one such line used to stop an ingest for good). It is removed
from the text and the metadata, and a warning says how many were.
"""

from __future__ import annotations

from dataclasses import dataclass, field

NUL = "\x00"


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

    def __post_init__(self) -> None:
        self.scrub()

    def scrub(self) -> None:
        """Remove U+0000 from the text and every metadata field, with a warning; call again after filling
        fields from a container (a corpus row's title, a feed's authors)."""
        removed = self.text.count(NUL)
        if removed:
            self.text = self.text.replace(NUL, "")
        for name in ("url", "title", "publisher", "published", "genre_hint"):
            value = getattr(self, name)
            if value and NUL in value:
                removed += value.count(NUL)
                setattr(self, name, value.replace(NUL, ""))
        if any(NUL in author for author in self.authors):
            removed += sum(author.count(NUL) for author in self.authors)
            self.authors = [author.replace(NUL, "") for author in self.authors]
        if removed:
            self.warnings.append(f"{removed} NUL character(s) (U+0000) removed: they mean nothing in text")
