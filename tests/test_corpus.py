"""Corpus sources: folders, globs, JSONL, CSV, feeds and WARC files to entries, and bad input to failures.

No spaCy here: these tests read sources and turn entries into RawArticles;
tests/test_corpus_ingest.py runs the whole ingest.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import httpx
import pytest

from sitreps.config import Settings
from sitreps.corpus import Entry, Failure, open_sources
from sitreps.errors import InputNotFound
from tests.pages import ARTICLE_HTML, SHORT_WIRE

SETTINGS = Settings(allow_private=True, fetch_timeout=2.0)


def read_all(*specs: str, transport=None) -> list[Entry | Failure]:
    found = []
    for source in open_sources(specs, SETTINGS, transport=transport, resolver=lambda host, port: ["93.184.216.34"]):
        found.extend(source.entries())
    return found


def failures(found):
    return [f for f in found if isinstance(f, Failure)]


def entries(found):
    return [e for e in found if isinstance(e, Entry)]


def test_a_folder_is_read_recursively_by_kind_and_other_files_are_left_alone(tmp_path):
    (tmp_path / "2024" / "10").mkdir(parents=True)
    (tmp_path / "a.txt").write_text(SHORT_WIRE)
    (tmp_path / "2024" / "10" / "b.html").write_text(ARTICLE_HTML)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text(SHORT_WIRE)
    (tmp_path / "wire.jsonl").write_text(json.dumps({"text": SHORT_WIRE}) + "\n")
    sources = open_sources([str(tmp_path)], SETTINGS)
    assert sorted((Path(s.location).name, s.kind) for s in sources) == [("a.txt", "article"), ("b.html", "article"),
                                                                         ("wire.jsonl", "jsonl")]
    assert sum(s.estimate() for s in sources) == 3
    found = read_all(str(tmp_path))
    raws = [e.to_raw(SETTINGS) for e in entries(found)]
    assert any(r.title == "Drones strike grain port near Odesa" for r in raws)
    assert all(e.source == str(tmp_path) for e in entries(found))


def test_globs_and_missing_sources(tmp_path):
    (tmp_path / "a.txt").write_text(SHORT_WIRE)
    (tmp_path / "b.txt").write_text(SHORT_WIRE)
    assert len(read_all(str(tmp_path / "*.txt"))) == 2
    with pytest.raises(InputNotFound, match="no files match"):
        open_sources([str(tmp_path / "*.csv")], SETTINGS)
    with pytest.raises(InputNotFound, match="no such file or folder"):
        open_sources([str(tmp_path / "nope")], SETTINGS)


def test_jsonl_fields_and_broken_lines(tmp_path):
    path = tmp_path / "wire.jsonl.gz"
    lines = [json.dumps({"Text": SHORT_WIRE, "URL": "https://example.org/a", "title": "Drones",
                         "published": "Tue, 22 Oct 2024 07:15:00 +0300", "source": "Meridian Wire",
                         "authors": "Jane Roe; John Poe"}),
             "{not json",
             json.dumps({"title": "no text at all"}),
             json.dumps(["a", "list"]),
             "",
             json.dumps({"html": ARTICLE_HTML, "published": "sometime"})]
    path.write_bytes(gzip.compress("\n".join(lines).encode()))
    found = read_all(str(path))
    first, last = entries(found)
    assert (first.key, first.url, first.published, first.publisher, first.authors) == (
        f"{path}:1", "https://example.org/a", "2024-10-22", "Meridian Wire", ["Jane Roe", "John Poe"])
    raw = first.to_raw(SETTINGS)
    assert raw.title == "Drones" and raw.published == "2024-10-22" and "84 drones" in raw.text
    assert last.html is True and "not a date" in last.warnings[0]
    assert last.to_raw(SETTINGS).publisher == "The Harbour Ledger"
    reasons = {f.key.rsplit(":", 1)[1]: f.reason for f in failures(found)}
    assert reasons["2"].startswith("not valid JSON") and "no text" in reasons["3"]
    assert reasons["4"] == "not a JSON object"


def test_csv_without_a_text_column_fails_whole_and_a_good_csv_is_read(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("headline,body\nA,B\n")
    [failure] = read_all(str(bad))
    assert failure.key == str(bad) and "no text or html column" in failure.reason and "headline, body" in failure.reason
    good = tmp_path / "good.tsv"
    good.write_text("title\ttext\tpublished\nDrones\t\"" + SHORT_WIRE.replace("\n", " ") + "\"\t2024-10-22\nEmpty\t\t\n")
    found = read_all(str(good))
    assert [e.title for e in entries(found)] == ["Drones"] and entries(found)[0].published == "2024-10-22"
    assert [f.error for f in failures(found)] == ["EmptyInput"]


def _warc(records: list[tuple[str, str, bytes, str]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, content_type, body, status in records:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    return buffer.getvalue()


def test_warc_pages_are_read_and_other_records_skipped(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_warc([
        ("https://example.org/2024/10/22/port.html", "text/html; charset=utf-8", ARTICLE_HTML.encode(), "200 OK"),
        ("https://example.org/logo.png", "image/png", b"\x89PNG....", "200 OK"),
        ("https://example.org/gone", "text/html", b"<p>gone</p>", "404 Not Found"),
        ("https://example.org/wire.txt", "text/plain", SHORT_WIRE.encode(), "200 OK"),
    ]))
    [source] = open_sources([str(path)], SETTINGS)
    assert source.kind == "warc" and source.estimate() == 2
    page, wire = read_all(str(path))
    assert page.url == "https://example.org/2024/10/22/port.html" and page.html is True and page.charset == "utf-8"
    assert page.to_raw(SETTINGS).published == "2024-10-22"
    assert wire.html is False and "84 drones" in wire.to_raw(SETTINGS).text


def test_a_damaged_warc_keeps_what_came_before_and_says_where_it_broke(tmp_path):
    good = _warc([("https://example.org/a", "text/plain", SHORT_WIRE.encode(), "200 OK")])
    path = tmp_path / "damaged.warc.gz"
    path.write_bytes(good + good[:40] + b"\x00garbage" * 20)
    found = read_all(str(path))
    assert len(entries(found)) == 1
    [failure] = failures(found)
    assert failure.error == "CorpusFormatError" and "damaged at byte" in failure.reason
    junk = tmp_path / "junk.warc"
    junk.write_bytes(b"this is not an archive\n" * 10)
    [failure] = read_all(str(junk))
    assert "is not a WARC file" in failure.reason


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour Ledger - World</title><link>https://example.org/</link>
<item><title>Drones strike grain port near Odesa</title><link>https://example.org/2024/10/22/port.html</link>
<pubDate>Tue, 22 Oct 2024 07:15:00 +0300</pubDate></item>
<item><title>Missing page</title><link>https://example.org/missing</link></item>
<item><title>Only a summary</title><description>KYIV - Russia launched 84 drones overnight, the air force said.</description></item>
<item><title>Nothing</title></item>
</channel></rss>"""


def _site(request: httpx.Request) -> httpx.Response:
    if request.url.path == "/feed":
        return httpx.Response(200, headers={"Content-Type": "application/rss+xml"}, content=RSS.encode())
    if request.url.path == "/2024/10/22/port.html":
        return httpx.Response(200, headers={"Content-Type": "text/html"}, content=ARTICLE_HTML.encode())
    if request.url.path == "/not-a-feed":
        return httpx.Response(200, headers={"Content-Type": "application/xml"}, content=b"{\"json\": true}")
    return httpx.Response(404)


def test_a_feed_gives_one_entry_per_item_fetched_with_the_safe_fetcher(tmp_path):
    transport = httpx.MockTransport(_site)
    path = tmp_path / "world.rss"
    path.write_text(RSS)
    for spec in (str(path), "https://example.org/feed"):
        found = read_all(spec, transport=transport)
        page, missing, summary = entries(found)
        assert (page.url, page.data, page.published, page.publisher) == (
            "https://example.org/2024/10/22/port.html", None, "2024-10-22", "Harbour Ledger - World")
        raw = page.to_raw(SETTINGS, transport=transport, resolver=lambda host, port: ["93.184.216.34"])
        assert raw.authors == ["Maria Kovalenko"] and "31 of the 38 drones" in raw.text
        with pytest.raises(Exception, match="404"):
            missing.to_raw(SETTINGS, transport=transport, resolver=lambda host, port: ["93.184.216.34"])
        assert "84 drones" in summary.to_raw(SETTINGS).text and summary.title == "Only a summary"
        assert [f.error for f in failures(found)] == ["EmptyInput"]


def test_feed_items_on_private_addresses_are_refused_without_allow_private(tmp_path):
    path = tmp_path / "world.rss"
    path.write_text(RSS.replace("https://example.org/2024", "http://127.0.0.1:9/2024"))
    [source] = open_sources([str(path)], Settings())
    item = next(e for e in source.entries() if isinstance(e, Entry))
    with pytest.raises(Exception, match="allow-private"):
        item.to_raw(Settings())


def test_a_feed_that_is_not_a_feed_is_one_failure(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text("this is not XML at all {")
    [failure] = read_all(str(path))
    assert failure.error == "CorpusFormatError" and "not an RSS or Atom feed" in failure.reason
    [failure] = read_all("https://example.org/not-a-feed", transport=httpx.MockTransport(_site))
    assert failure.key == "https://example.org/not-a-feed"


def test_a_missing_optional_package_says_which_extra_to_install(monkeypatch, tmp_path):
    from sitreps.cli import main

    monkeypatch.setitem(sys.modules, "warcio", None)  # as if sitreps[corpus] were not installed
    path = tmp_path / "crawl.warc"
    path.write_bytes(b"WARC/1.0\r\n")
    assert main(["ingest", str(path), "--db", str(tmp_path / "x.db")]) == 20


def test_the_missing_extra_message(monkeypatch):
    from sitreps.corpus.extras import require
    from sitreps.errors import MissingExtra

    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(MissingExtra, match=r"pip install 'sitreps\[dask\]'"):
        require("distributed")
