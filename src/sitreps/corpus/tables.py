"""JSONL and CSV corpora: one article per line or row.

Fields (case-insensitive): ``text`` or ``html`` (one is required), ``url``,
``title``, ``published`` (ISO date or an RFC 822 date), ``source`` (the outlet;
``publisher`` and ``outlet`` are read as the same), ``authors`` (a list, or
names separated by ``;``). A bad line or row fails on its own; a file whose
header has neither ``text`` nor ``html`` fails whole, before any row is read.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from sitreps.corpus.entry import Entry, Failure, iso_date
from sitreps.errors import CorpusFormatError, EmptyInput

TEXT_FIELDS = ("text", "html")
PUBLISHER_FIELDS = ("source", "publisher", "outlet")


def open_text(path: Path) -> TextIO:
    """A UTF-8 text stream of the file, gunzipped when its name ends in .gz."""
    if path.suffix.lower() == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8-sig", newline="")
    return path.open(encoding="utf-8-sig", newline="")


def jsonl_entries(path: Path, origin: str) -> Iterator[Entry | Failure]:
    number = 0
    try:
        with open_text(path) as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                key = f"{path}:{number}"
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
    except (UnicodeDecodeError, OSError, EOFError) as error:
        yield _file_failure(path, number, error, origin)


def csv_entries(path: Path, origin: str, *, delimiter: str = ",") -> Iterator[Entry | Failure]:
    csv.field_size_limit(sys.maxsize)
    row_number = 1
    try:
        with open_text(path) as handle:
            reader = csv.DictReader(handle, delimiter=delimiter)
            columns = [name.strip().lower() for name in reader.fieldnames or []]
            if not any(name in columns for name in TEXT_FIELDS):
                raise CorpusFormatError(str(path), "has no text or html column (its columns: "
                                        f"{', '.join(columns) or 'none'})")
            for row in reader:
                row_number += 1
                key = f"{path}:{reader.line_num}"
                record = {(name or "").strip().lower(): value for name, value in row.items() if name}
                yield record_entry(record, key, origin)
    except CorpusFormatError as error:
        yield Failure(str(path), error.problem, "CorpusFormatError", error.exit_code, origin)
    except (csv.Error, UnicodeDecodeError, OSError, EOFError) as error:
        yield _file_failure(path, row_number, error, origin)


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
