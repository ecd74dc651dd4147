"""RSS and Atom feeds: each item's page is fetched with the safe fetcher (in the worker that reads it).

The feed gives the link, and often the title, date and authors, which fill
what the page itself does not say. An item without a link is read from the
feed's own content. A file or URL that is not a feed at all is one failure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from sitreps.corpus.entry import Entry, Failure, iso_date
from sitreps.errors import CorpusFormatError, EmptyInput
from sitreps.extras import require
from sitreps.ingest.url import is_url

FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"}
_FEED_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.S | re.I)


def looks_like_feed(data: bytes) -> bool:
    return bool(_FEED_START.match(data[:4096].lstrip(b"\xef\xbb\xbf")))


def parse_feed(data: bytes, key: str) -> Any:
    """The parsed feed; ``CorpusFormatError`` when the data is not one."""
    feedparser = require("feedparser")
    parsed = feedparser.parse(data)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        detail = f" ({str(reason).strip()[:160]})" if reason else ""
        raise CorpusFormatError(key, f"is not an RSS or Atom feed{detail}")
    return parsed


def feed_entries(parsed: Any, key: str, origin: str) -> Iterator[Entry | Failure]:
    outlet = parsed.feed.get("title") or None
    for number, item in enumerate(parsed.entries, 1):
        link = item.get("link")
        item_key = link if link and is_url(link) else f"{key}#{number}"
        meta: dict[str, Any] = {"title": item.get("title") or None,
                "published": iso_date(item.get("published_parsed") or item.get("updated_parsed")),
                "publisher": outlet,
                "authors": [a.get("name") for a in item.get("authors", []) if a.get("name")]}
        if link and is_url(link):
            yield Entry(key=item_key, source=origin, url=link, **meta)
            continue
        content = (item.get("content") or [{}])[0].get("value") or item.get("summary")
        if content and content.strip():
            yield Entry(key=item_key, source=origin, data=content, html=None, **meta)
        else:
            yield Failure(item_key, "the feed item has neither a link nor any content", "EmptyInput",
                          EmptyInput.exit_code, origin)
