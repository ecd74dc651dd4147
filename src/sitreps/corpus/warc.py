"""WARC (and ARC) web archives: every archived HTML or text page with status 200 is an article.

Requests, metadata, images, scripts and redirects are skipped without a word:
they are not articles. A damaged archive yields the records before the damage
and one failure that says where it stopped.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

from sitreps.config import Settings
from sitreps.corpus.entry import HTML_TYPES, Entry, Failure
from sitreps.errors import CorpusFormatError
from sitreps.extras import require

ARTICLE_TYPES = HTML_TYPES | {"text/plain"}


def warc_entries(path: Path, origin: str, settings: Settings) -> Iterator[Entry | Failure]:
    require("warcio")
    from warcio.archiveiterator import ArchiveIterator

    offset = 0  # where the next record starts: the place to name when the archive breaks
    read = 0
    if not _starts_like_an_archive(path):
        yield Failure(str(path), "is not a WARC file (it does not start with a WARC or ARC record)",
                      "CorpusFormatError", CorpusFormatError.exit_code, origin)
        return
    with path.open("rb") as handle:
        records = ArchiveIterator(handle, arc2warc=True)
        try:
            for record in records:
                content_type = _article_type(record)
                body = record.content_stream().read(settings.max_input_bytes + 1) if content_type else b""
                start = records.get_record_offset()  # (reads the rest of the record: after the body)
                offset = start + records.get_record_length()
                if content_type is None:
                    continue
                read += 1
                yield Entry(key=f"{path}@{start}", source=origin, data=body, html=content_type[0] in HTML_TYPES,
                            url=record.rec_headers.get_header("WARC-Target-URI"), charset=content_type[1])
        except Exception as error:  # warcio raises many kinds (ArchiveLoadFailed, zlib.error, EOFError, ValueError)
            what = "is not a WARC file" if offset == 0 else f"is damaged at byte {offset}"
            yield Failure(f"{path}@{offset}", f"{what} ({type(error).__name__}: {str(error).strip()[:200]}); "
                          f"{read} article record(s) before it were read", "CorpusFormatError",
                          CorpusFormatError.exit_code, origin)


def count_warc(path: Path) -> int | None:
    """Article records in the archive (None when it cannot be read: the failure is reported while reading)."""
    require("warcio")
    from warcio.archiveiterator import ArchiveIterator

    count = 0
    if not _starts_like_an_archive(path):
        return None
    try:
        with path.open("rb") as handle:
            for record in ArchiveIterator(handle, arc2warc=True):
                count += _article_type(record) is not None
    except Exception:
        return None
    return count


def _starts_like_an_archive(path: Path) -> bool:
    """WARC records start with ``WARC/1.x``, ARC files with ``filedesc://`` (gzip members or not)."""
    with path.open("rb") as handle:
        head = handle.read(64 * 1024)
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, 64)
        except zlib.error:
            return False
    return head.lstrip().startswith((b"WARC/", b"filedesc://"))


def _article_type(record) -> tuple[str, str | None] | None:
    if record.rec_type == "response":
        headers = record.http_headers
        if headers is None or headers.get_statuscode() != "200":
            return None
        value = headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        value = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    mime, _, params = value.partition(";")
    mime = mime.strip().lower()
    if mime not in ARTICLE_TYPES:
        return None
    charset = None
    for param in params.split(";"):
        name, _, val = param.partition("=")
        if name.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip('"')
    return mime, charset
