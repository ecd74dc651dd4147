"""HTML pages to article text and metadata, with trafilatura doing the main-text work.

trafilatura drops navigation, footers and most related-story boxes and reads
title, authors, site name and date from meta tags and JSON-LD. What it leaves
inside the main text (a "Related:" line, a share prompt) is the cleaner's job,
as for plain text.
"""

from __future__ import annotations

import re

import trafilatura
from trafilatura.settings import Document

from sitreps.errors import NoArticleText
from sitreps.ingest.raw import RawArticle

_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|article|div|p)\b", re.I | re.S)
_JSON_LD_TYPE = re.compile(r'"@type"\s*:\s*"(?P<type>[A-Za-z]+)"')
# schema.org article types that name a genre; plain NewsArticle says little.
_GENRE_BY_SCHEMA_TYPE = {
    "OpinionNewsArticle": "opinion",
    "AnalysisNewsArticle": "analysis",
    "BackgroundNewsArticle": "analysis",
    "ReportageNewsArticle": "news",
}
_GENRE_BY_URL_SECTION = re.compile(r"/(?P<section>opinion|opinions|op-ed|oped|commentary|analysis|press-releases?)/", re.I)
_SECTION_GENRE = {"opinion": "opinion", "opinions": "opinion", "op-ed": "opinion", "oped": "opinion",
                  "commentary": "opinion", "analysis": "analysis", "press-release": "press-release",
                  "press-releases": "press-release"}
_AUTHOR_SPLIT = re.compile(r"\s*;\s*")


def looks_like_html(text: str) -> bool:
    """True when ``text`` starts like a web page rather than prose."""
    return bool(_HTML_START.match(text[:4096]))


def from_html(html: str, source: str, *, url: str | None = None) -> RawArticle:
    """Main text and metadata of an HTML page; ``NoArticleText`` when it has none."""
    # a Document (trafilatura.settings) or None; a dict only when as_dict=True is asked for, which it is not
    document: Document | None = trafilatura.bare_extraction(  # type: ignore[assignment]
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (document.text or "").strip() if document is not None else ""
    if document is None or not text:
        raise NoArticleText(source, "the HTML page has no article text (empty body or only navigation)")
    title = _clean(document.title)
    text = _drop_repeated_title(text, title)
    return RawArticle(
        text=text,
        source=source,
        url=url or _clean(document.url),
        title=title,
        authors=[a for a in _AUTHOR_SPLIT.split(document.author or "") if a.strip()],
        publisher=_clean(document.sitename),
        published=_clean(document.date),
        genre_hint=_genre_hint(html, url),
    )


def _genre_hint(html: str, url: str | None) -> str | None:
    for match in _JSON_LD_TYPE.finditer(html):
        genre = _GENRE_BY_SCHEMA_TYPE.get(match.group("type"))
        if genre:
            return genre
    if url:
        section = _GENRE_BY_URL_SECTION.search(url)
        if section:
            return _SECTION_GENRE[section.group("section").lower()]
    return None


def _drop_repeated_title(text: str, title: str | None) -> str:
    first, _, rest = text.partition("\n")
    if title and first.strip() == title.strip() and rest.strip():
        return rest.lstrip("\n")
    return text


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None
