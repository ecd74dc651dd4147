"""Corpus sources: what ``sitreps ingest SOURCE…`` reads, turned into a stream of entries.

A SOURCE is a file, a folder (read recursively), a glob (``news/**/*.html``)
or an http(s) URL of a feed or a page. By name:

    .txt .text .md .html .htm .xhtml .shtml   one article
    .jsonl .ndjson .csv .tsv  (also .gz)       one article per line / row   (tables.py)
    .rss .atom .xml                            an RSS or Atom feed         (feeds.py)
    .warc .arc  (also .gz)                     a web archive               (warc.py)

Inside a folder, files with other names (images, PDFs, hidden files) are left
alone; a file named on the command line is read as an article whatever its
name, unless its content is a feed. A folder walk never leaves the folder
through a symbolic link (unless ``follow_symlinks``) and never runs round a
loop of links; what it skips for such a reason (a link out of the folder, a
link loop, a broken link, a FIFO, a socket or device, an unreadable folder)
is a ``Failure`` of its own, so the summary and the failures table say so. A SOURCE that does not exist is an error
at once (a typo should not cost an hour of ingest); anything wrong inside a
source is a ``Failure`` in the stream, and reading goes on.
"""

from __future__ import annotations

import csv
import glob
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from sitreps.config import Settings
from sitreps.corpus.entry import HTML_TYPES, Entry, Failure
from sitreps.corpus.feeds import FEED_TYPES, feed_entries, looks_like_feed, parse_feed
from sitreps.corpus.tables import csv_entries, csv_rows, jsonl_entries, open_binary
from sitreps.corpus.warc import count_warc, warc_entries
from sitreps.errors import InputNotFound, MissingExtra, NotAFile, SitrepsError
from sitreps.extras import require
from sitreps.ingest.url import TEXT_TYPES, Resolver, fetch, is_url, resolve_host

__all__ = ["Entry", "Failure", "Source", "open_sources"]

ARTICLE_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".shtml"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
KINDS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv", ".rss": "feed", ".atom": "feed",
         ".xml": "feed", ".warc": "warc", ".arc": "warc"}
_GLOB_CHARS = set("*?[")


@dataclass
class Source:
    """One file or URL to read; ``origin`` is the SOURCE argument that named it."""

    location: str
    origin: str
    kind: str  # article, jsonl, csv, tsv, feed, warc, url
    settings: Settings
    transport: httpx.BaseTransport | None = None
    resolver: Resolver = resolve_host
    _feed: Any = field(default=None, repr=False)
    problem: str | None = None  # kind "skipped": why a folder walk did not read it

    def estimate(self) -> int | None:
        """How many entries it holds, counted cheaply; None when that needs the network or cannot be told."""
        path = Path(self.location)
        try:
            if self.kind in {"article", "skipped"}:
                return 1
            if self.kind == "jsonl":
                with open_binary(path) as handle:
                    return sum(1 for line in handle if line.strip())
            if self.kind in {"csv", "tsv"}:
                csv.field_size_limit(sys.maxsize)
                with open_binary(path) as handle:
                    rows = csv_rows(handle, delimiter="\t" if self.kind == "tsv" else ",")
                    return max(sum(1 for _ in rows) - 1, 0)  # less the header
            if self.kind == "warc":
                return count_warc(path)
            if self.kind == "feed":
                return len(self._parsed_file().entries)
        except Exception:  # whatever is wrong is reported, with its reason, when the entries are read
            return None
        return None

    def entries(self) -> Iterator[Entry | Failure]:
        path = Path(self.location)
        try:
            if self.kind == "skipped":
                yield Failure(self.location, self.problem or "skipped", "NotAFile", NotAFile.exit_code, self.origin)
            elif self.kind == "article":
                yield self._file_entry(path)
            elif self.kind == "jsonl":
                yield from jsonl_entries(path, self.origin)
            elif self.kind in {"csv", "tsv"}:
                yield from csv_entries(path, self.origin, delimiter="\t" if self.kind == "tsv" else ",")
            elif self.kind == "warc":
                yield from warc_entries(path, self.origin, self.settings)
            elif self.kind == "feed":
                yield from feed_entries(self._parsed_file(), self.location, self.origin)
            else:
                yield from self._url_entries()
        except MissingExtra:
            raise
        except SitrepsError as error:
            yield Failure.of(self.location, error, self.origin)
        except OSError as error:
            yield Failure(self.location, f"cannot be read ({error.strerror or error})", "NotAFile", NotAFile.exit_code,
                          self.origin)

    def _file_entry(self, path: Path) -> Entry | Failure:
        size = path.stat().st_size
        if size > self.settings.max_input_bytes:
            return Failure(str(path), f"is {size:,} bytes, over the {self.settings.max_input_bytes:,}-byte limit",
                           "InputTooLarge", 8, self.origin)
        data = path.read_bytes()
        return Entry(key=str(path), source=self.origin, data=data,
                     html=True if path.suffix.lower() in HTML_SUFFIXES else None)

    def _parsed_file(self) -> Any:
        if self._feed is None:
            self._feed = parse_feed(Path(self.location).read_bytes(), self.location)
        return self._feed

    def _url_entries(self) -> Iterator[Entry | Failure]:
        page = fetch(self.location, self.settings, transport=self.transport, resolver=self.resolver,
                     accept=TEXT_TYPES | FEED_TYPES)
        if page.content_type in FEED_TYPES or looks_like_feed(page.body):
            yield from feed_entries(parse_feed(page.body, self.location), self.location, self.origin)
            return
        html = True if page.content_type in HTML_TYPES else (False if page.content_type == "text/plain" else None)
        yield Entry(key=self.location, source=self.origin, data=page.body, html=html, url=page.url,
                    charset=page.charset)


def open_sources(specs: Sequence[str], settings: Settings, *, transport: httpx.BaseTransport | None = None,
                 resolver: Resolver = resolve_host, follow_symlinks: bool = False) -> list[Source]:
    """The sources named by ``specs``, folders and globs expanded (sorted, so runs are repeatable).
    ``follow_symlinks`` lets a folder walk follow links that lead out of the folder."""
    found: list[Source] = []
    for spec in specs:
        def make(location: str, kind: str, spec: str = spec, problem: str | None = None) -> Source:
            return Source(location, spec, kind, settings, transport, resolver, problem=problem)

        if is_url(spec):
            found.append(make(spec, "url"))
        elif _GLOB_CHARS & set(spec):
            matches = sorted(p for p in glob.glob(spec, recursive=True) if Path(p).is_file())
            if not matches:
                raise InputNotFound(spec, "no files match this pattern")
            found.extend(make(p, kind) for p in matches if (kind := kind_of(Path(p), named=False)))
        else:
            path = Path(spec)
            if not path.exists():
                raise InputNotFound(spec, "no such file or folder")
            if path.is_dir():
                for p, problem in walk(path, follow_symlinks=follow_symlinks):
                    if problem is not None:
                        found.append(make(str(p), "skipped", problem=problem))
                    elif kind := kind_of(p, named=False):
                        found.append(make(str(p), kind))
            elif path.is_file():
                found.append(make(spec, kind_of(path, named=True) or "article"))
            else:
                raise NotAFile(spec, "is not a regular file or a folder")
    for kind, module in (("warc", "warcio"), ("feed", "feedparser"), ("url", "feedparser")):
        if any(source.kind == kind for source in found):
            require(module)  # a missing optional package is said at once, not once per file
    return found


def kind_of(path: Path, *, named: bool) -> str | None:
    """The kind of a file from its name; a file the user named and that we do not know is an article."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
        kind = KINDS.get(suffixes[-1]) if suffixes else None
        return kind if kind in {"jsonl", "csv", "tsv", "warc"} else None
    last = suffixes[-1] if suffixes else ""
    if last in KINDS:
        return KINDS[last]
    if last in ARTICLE_SUFFIXES:
        return "article"
    if named:
        with path.open("rb") as handle:
            return "feed" if looks_like_feed(handle.read(4096)) else "article"
    return None


def walk(root: Path, *, follow_symlinks: bool = False) -> Iterator[tuple[Path, str | None]]:
    """The files under ``root`` in sorted order, as (path, None); what is skipped, as (path, reason). Hidden
    names (".git") are left alone silently; a link is followed only to what lies inside ``root`` (anything,
    with ``follow_symlinks``), and a folder already walked (a link back up) is not walked again."""
    top = root.resolve()
    seen: set[tuple[int, int]] = set()

    def inside(target: Path) -> bool:
        return target == top or top in target.parents

    def visit(folder: Path) -> Iterator[tuple[Path, str | None]]:
        try:
            info = folder.stat()
            seen.add((info.st_dev, info.st_ino))
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as error:
            yield folder, f"this folder cannot be read ({error.strerror or error})"
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            if entry.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except FileNotFoundError:
                    yield path, f"a broken symbolic link (to {os.readlink(path)})"
                    continue
                except (OSError, RuntimeError):
                    yield path, "a symbolic link loop: it never reaches a file"
                    continue
                if not follow_symlinks and not inside(target):
                    yield path, (f"a symbolic link to {target}, outside the folder: not followed "
                                 "(pass --follow-symlinks to read it)")
                    continue
            try:
                info = path.stat()
            except OSError as error:
                yield path, f"cannot be read ({error.strerror or error})"
                continue
            if stat.S_ISDIR(info.st_mode):
                if entry.is_symlink():
                    if (info.st_dev, info.st_ino) in seen or folder.resolve() == target \
                            or target in folder.resolve().parents:
                        yield path, "a symbolic link loop: a link to a folder that is already being read"
                        continue
                    if inside(target):
                        continue  # a link to another folder of the walk: its files are read under their own names
                yield from visit(path)
            elif stat.S_ISREG(info.st_mode):
                yield path, None
            else:
                yield path, f"not a regular file but {_special(info.st_mode)}: not read"

    yield from visit(root)


def _special(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"
