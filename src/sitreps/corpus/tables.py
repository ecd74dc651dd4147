"""JSONL and CSV corpora: one article per line or row.

Fields (case-insensitive): ``text`` or ``html`` (one is required), ``url``,
``title``, ``published`` (ISO date or an RFC 822 date), ``source`` (the outlet;
``publisher`` and ``outlet`` are read as the same), ``authors`` (a list, or
names separated by ``;``). A bad line or row fails on its own, with a failure
row naming its line: invalid JSON, bytes that are not UTF-8, a CSV quote left
open (which would otherwise swallow the rows after it). A file whose header
has neither ``text`` nor ``html`` fails whole, before any row is read.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import sys
import zlib
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from sitreps.corpus.entry import Entry, Failure, iso_date
from sitreps.errors import CorpusFormatError, EmptyInput

TEXT_FIELDS = ("text", "html")
MAX_RECORD_CHARS = 64 * 1024 * 1024  # a CSV record longer than this is an open quote running to the end
PUBLISHER_FIELDS = ("source", "publisher", "outlet")


def open_text(path: Path) -> TextIO:
    """A UTF-8 text stream of the file, gunzipped when its name ends in .gz."""
    if path.suffix.lower() == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8-sig", newline="")
    return path.open(encoding="utf-8-sig", newline="")


def open_binary(path: Path) -> BinaryIO:
    """The file's bytes, gunzipped when its name ends in .gz."""
    return gzip.open(path, "rb") if path.suffix.lower() == ".gz" else path.open("rb")  # type: ignore[return-value]


def numbered_lines(handle: BinaryIO) -> Iterator[tuple[int, str, int | None]]:
    """(line number, text, None) per line; a line that is not UTF-8 comes as (number, text with U+FFFD,
    the offset of its first bad byte), so that it fails on its own and the lines after it are still read."""
    for number, raw in enumerate(handle, 1):
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        try:
            yield number, raw.decode("utf-8"), None
        except UnicodeDecodeError as error:
            yield number, raw.decode("utf-8", errors="replace"), error.start


def jsonl_entries(path: Path, origin: str) -> Iterator[Entry | Failure]:
    number = 0
    try:
        with open_binary(path) as handle:
            for number, line, bad in numbered_lines(handle):
                if not line.strip():
                    continue
                key = f"{path}:{number}"
                if bad is not None:
                    yield Failure(key, f"not UTF-8 text (a bad byte at column {bad + 1}); the other lines are read",
                                  "CorpusFormatError", CorpusFormatError.exit_code, origin)
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as error:
                    yield Failure(key, f"not valid JSON ({error.msg} at column {error.colno})", "CorpusFormatError",
                                  CorpusFormatError.exit_code, origin)
                    continue
                if not isinstance(record, dict):
                    yield Failure(key, "not a JSON object", "CorpusFormatError", CorpusFormatError.exit_code, origin)
                    continue
                yield record_entry(record, key, origin)
    except (OSError, EOFError, zlib.error) as error:
        yield _file_failure(path, number, error, origin)


@dataclass(slots=True)
class Row:
    """One CSV record: its first and last physical line, its fields (None when it is broken) and why not."""

    first: int
    last: int
    fields: list[str] | None
    problem: str | None = None


def csv_rows(handle: BinaryIO, delimiter: str = ",") -> Iterator[Row]:
    """The records of a CSV file, each on its own: a line that is not UTF-8 costs its record, and a quote
    left open (which would run on through the following rows) costs the line it opened on only. A record
    may span lines (a quoted line break); one that does and breaks the CSV rules (a stray quote after a
    closing one, the end of the file inside a quote) is taken as such an open quote: its first line fails
    and the lines after it are read again as records of their own."""
    source = numbered_lines(handle)
    pending: deque[tuple[int, str, int | None]] = deque()

    def pull() -> tuple[int, str, int | None] | None:
        return pending.popleft() if pending else next(source, None)

    while True:
        head = pull()
        if head is None:
            return
        taken = [head]

        def feed() -> Iterator[str]:
            yield head[1]
            size = len(head[1])
            while size < MAX_RECORD_CHARS:
                following = pull()
                if following is None:
                    return
                taken.append(following)
                size += len(following[1])
                yield following[1]

        problem = None
        try:
            fields = next(csv.reader(feed(), delimiter=delimiter, strict=True), [])
        except csv.Error as error:
            fields, problem = None, str(error)
        if fields is None and len(taken) == 1:  # a sloppy single line ('"a"b'): read leniently, as before
            fields, problem = next(csv.reader([head[1]], delimiter=delimiter), []), None
        if fields is None:
            pending.extendleft(reversed(taken[1:]))
            yield Row(head[0], head[0], None, "an unbalanced quote: the quoted field opened on this line is never "
                                              f"closed as CSV requires ({problem}); the following rows are read")
            continue
        bad = next((number for number, _, offset in taken if offset is not None), None)
        if bad is not None:
            yield Row(head[0], taken[-1][0], None, f"not UTF-8 text (line {bad}); the other rows are read")
            continue
        if fields:  # a blank line is no record
            yield Row(head[0], taken[-1][0], fields)


def csv_entries(path: Path, origin: str, *, delimiter: str = ",") -> Iterator[Entry | Failure]:
    csv.field_size_limit(sys.maxsize)
    line = 0
    try:
        with open_binary(path) as handle:
            rows = csv_rows(handle, delimiter)
            header = next(rows, None)
            if header is None or header.fields is None:
                problem = header.problem if header is not None else "is empty"
                raise CorpusFormatError(str(path), f"its header cannot be read: {problem}")
            names = [name.strip().lower() for name in header.fields]
            if not any(name in names for name in TEXT_FIELDS):
                raise CorpusFormatError(str(path), "has no text or html column (its columns: "
                                        f"{', '.join(names) or 'none'})")
            for row in rows:
                line = row.last
                key = f"{path}:{row.last}"
                if row.fields is None:
                    yield Failure(f"{path}:{row.first}", row.problem or "cannot be read", "CorpusFormatError",
                                  CorpusFormatError.exit_code, origin)
                    continue
                values = row.fields + [None] * (len(names) - len(row.fields))
                record = {name: value for name, value in zip(names, values) if name}
                yield record_entry(record, key, origin)
    except CorpusFormatError as error:
        yield Failure(str(path), error.problem, "CorpusFormatError", error.exit_code, origin)
    except (csv.Error, OSError, EOFError, zlib.error) as error:
        yield _file_failure(path, line, error, origin)


def record_entry(record: dict[str, Any], key: str, origin: str) -> Entry | Failure:
    """An entry from one JSON object or CSV row (keys as written; matched case-insensitively)."""
    fields = {str(name).strip().lower(): value for name, value in record.items()}
    text, html = _string(fields.get("text")), _string(fields.get("html"))
    if not (text and text.strip()) and not (html and html.strip()):
        return Failure(key, "no text: the text and html fields are missing or empty", "EmptyInput",
                       EmptyInput.exit_code, origin)
    warnings = []
    published_value = fields.get("published")
    published = iso_date(published_value)
    if published_value not in (None, "") and published is None:
        warnings.append(f"the published value {published_value!r} is not a date; ignored")
    authors = fields.get("authors", fields.get("author"))
    if isinstance(authors, str):
        authors = [name.strip() for name in authors.split(";") if name.strip()]
    publisher = next((_string(fields[name]) for name in PUBLISHER_FIELDS if _string(fields.get(name))), None)
    return Entry(key=key, source=origin, data=text if text and text.strip() else html,
                 html=None if text and text.strip() else True, url=_string(fields.get("url")) or None,
                 title=_string(fields.get("title")) or None, published=published, publisher=publisher,
                 authors=[str(a) for a in authors or [] if a], warnings=warnings)


def _string(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def _file_failure(path: Path, number: int, error: BaseException, origin: str) -> Failure:
    where = f" after line {number}" if number else ""
    if isinstance(error, UnicodeDecodeError):
        problem = f"is not UTF-8 text{where}; the rest of the file was not read"
    else:
        problem = f"cannot be read{where} ({type(error).__name__}: {error}); the rest of the file was not read"
    return Failure(str(path), problem, "CorpusFormatError", CorpusFormatError.exit_code, origin)
