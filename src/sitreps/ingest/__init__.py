"""Ingest: any way an analyst has an article (a file, a saved page, a URL, stdin) to a ``RawArticle``.

``read_source`` takes what a user typed on the command line; ``from_text`` takes
a string a program already holds. Both refuse bad input with a ``SitrepsError``
that names the input, before anything is parsed.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

import httpx

from sitreps.config import Settings
from sitreps.errors import EmptyInput, InputNotFound, InputTooLarge, NotAFile
from sitreps.ingest.decode import decode_bytes
from sitreps.ingest.html import from_html, looks_like_html
from sitreps.ingest.raw import RawArticle
from sitreps.ingest.url import Resolver, fetch, is_url, resolve_host

__all__ = ["RawArticle", "from_text", "read_source", "read_bytes"]

STDIN = "-"
_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}


def from_text(text: str, *, source: str = "<string>", url: str | None = None) -> RawArticle:
    """An article from a string: HTML when it looks like a page, else plain text."""
    if not text.strip():
        raise EmptyInput(source, "the input is empty")
    if looks_like_html(text):
        return from_html(text, source, url=url)
    return RawArticle(text=text, source=source, url=url)


def read_bytes(data: bytes, source: str, *, url: str | None = None, html: bool | None = None,
               charset: str | None = None) -> RawArticle:
    """An article from raw bytes; ``html`` forces the format when the container says it."""
    decoded = decode_bytes(data, source, declared=charset)
    if html is True or (html is None and looks_like_html(decoded.text)):
        raw = from_html(decoded.text, source, url=url)
    else:
        raw = from_text(decoded.text, source=source, url=url)
    raw.warnings.extend(decoded.warnings)
    return raw


def read_source(
    source: str,
    settings: Settings,
    *,
    stdin: BinaryIO | None = None,
    transport: httpx.BaseTransport | None = None,
    resolver: Resolver = resolve_host,
) -> RawArticle:
    """Read ``source``: ``-`` for stdin, an http(s) URL, or a file path."""
    if source == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(settings.max_input_bytes + 1)
        _check_size(len(data), "<stdin>", settings)
        return read_bytes(data, "<stdin>")
    if is_url(source):
        page = fetch(source, settings, transport=transport, resolver=resolver)
        html = True if page.content_type in {"text/html", "application/xhtml+xml"} else None
        if page.content_type == "text/plain":
            html = False
        return read_bytes(page.body, source, url=page.url, html=html, charset=page.charset)
    return _read_file(Path(source), source, settings)


def _read_file(path: Path, source: str, settings: Settings) -> RawArticle:
    if not path.exists():
        raise InputNotFound(source, "no such file")
    if path.is_dir():
        raise NotAFile(source, "is a directory; give one article file (use `sitreps ingest` for folders)")
    if not path.is_file():
        raise NotAFile(source, "is not a regular file")
    _check_size(path.stat().st_size, source, settings)
    try:
        data = path.read_bytes()
    except PermissionError:
        raise NotAFile(source, "cannot be read (permission denied)") from None
    html = True if path.suffix.lower() in _HTML_SUFFIXES else None
    return read_bytes(data, source, html=html)


def _check_size(size: int, source: str, settings: Settings) -> None:
    if size > settings.max_input_bytes:
        raise InputTooLarge(
            source,
            f"is {size:,} bytes or more, over the {settings.max_input_bytes:,}-byte limit "
            "(one article is rarely over 1 MB; set SITREPS_MAX_INPUT_BYTES to raise it)",
        )
