"""``Entry``: one article as a corpus source holds it, before it is read; ``Failure``: one that could not be.

Sources only find entries (cheap: they split files, they do not parse
articles); turning an entry into a ``RawArticle`` (decoding, HTML extraction,
fetching a feed item's page) happens in the worker that processes it, so it
is spread over processes or a cluster like the rest of the work. Entries are
plain data and cross process boundaries by pickling.
"""

from __future__ import annotations

import datetime as dt
import email.utils
from dataclasses import dataclass, field

import httpx

from sitreps.config import Settings
from sitreps.errors import EmptyInput, InputTooLarge, SitrepsError
from sitreps.ingest import RawArticle, from_text, read_bytes
from sitreps.ingest.html import from_html
from sitreps.ingest.url import fetch, resolve_host

HTML_TYPES = {"text/html", "application/xhtml+xml"}


@dataclass(slots=True)
class Failure:
    """An input that was not stored, and why; ``key`` names the input, ``source`` the SOURCE argument."""

    key: str
    reason: str
    error: str = "SitrepsError"
    code: int = 1
    source: str | None = None

    @classmethod
    def of(cls, key: str, error: BaseException, source: str | None = None) -> "Failure":
        if isinstance(error, SitrepsError):
            return cls(key, error.problem, type(error).__name__, error.exit_code, source)
        return cls(key, f"internal error: {type(error).__name__}: {error}", type(error).__name__, 1, source)


@dataclass(slots=True)
class Entry:
    """An article in a source. ``data`` holds it (bytes from a file or WARC, str from a JSONL or CSV cell);
    when ``data`` is None the article is fetched from ``url`` (a feed item)."""

    key: str
    source: str
    data: bytes | str | None = None
    html: bool | None = None  # True: the data is a web page; None: decide from the content
    url: str | None = None
    charset: str | None = None
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def size(self) -> int:
        return len(self.data) if self.data is not None else 0

    def to_raw(self, settings: Settings, *, transport: httpx.BaseTransport | None = None,
               resolver=resolve_host) -> RawArticle:
        """Read the entry into a RawArticle; raises a SitrepsError that says what is wrong with it."""
        if self.data is None:
            if not self.url:
                raise EmptyInput(self.key, "the entry has neither text nor a link")
            page = fetch(self.url, settings, transport=transport, resolver=resolver)
            html = True if page.content_type in HTML_TYPES else (False if page.content_type == "text/plain" else None)
            raw = read_bytes(page.body, self.key, url=page.url, html=html, charset=page.charset)
        elif isinstance(self.data, bytes):
            if len(self.data) > settings.max_input_bytes:
                raise InputTooLarge(self.key, f"is {len(self.data):,} bytes, over the {settings.max_input_bytes:,}-byte limit")
            raw = read_bytes(self.data, self.key, url=self.url, html=self.html, charset=self.charset)
        else:
            if len(self.data) > settings.max_input_bytes:
                raise InputTooLarge(self.key, f"is {len(self.data):,} characters, over the {settings.max_input_bytes:,}-byte limit")
            if not self.data.strip():
                raise EmptyInput(self.key, "the text is empty")
            raw = from_html(self.data, self.key, url=self.url) if self.html else from_text(self.data, source=self.key,
                                                                                           url=self.url)
        # what the container says fills what the page itself did not
        raw.url = raw.url or self.url
        raw.title = raw.title or self.title
        raw.publisher = raw.publisher or self.publisher
        raw.authors = raw.authors or list(self.authors)
        raw.published = raw.published or self.published
        raw.warnings.extend(self.warnings)
        raw.scrub()  # the container's fields too
        return raw


def iso_date(value: object) -> str | None:
    """YYYY-MM-DD from an ISO date or datetime, an RFC 822 date (feeds, e-mail) or a ``time.struct_time``."""
    if value is None or value == "":
        return None
    if hasattr(value, "tm_year"):
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()  # type: ignore[attr-defined]
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None
