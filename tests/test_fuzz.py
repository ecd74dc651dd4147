"""Property-based fuzzing (issue 21): ``sitreps.extract`` on random, number-heavy, date-heavy and
unicode-heavy text, and the corpus readers (JSONL, CSV, feeds, WARC) on damaged files.

The budget here is short and derandomized, so CI sees the same examples every run; ``benchmarks/fuzz.py``
runs the same strategies for minutes. Properties: nothing but a ``SitrepsError`` ever escapes (an input
error is one line, never a traceback), every report follows the schema (tests/conftest.py checks each
one), and every offset points into the article's text.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from sitreps.config import Settings
from sitreps.corpus import Entry, Failure, open_sources
from sitreps.errors import SitrepsError
from sitreps.types import Report
from tests.fuzz_strategies import (csv_files, date_heavy, feed_files, jsonl_files, number_heavy, published,
                                   random_text, unicode_heavy, warc_files)

SHORT = settings(max_examples=12, deadline=None, derandomize=True, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
READERS = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def check_report(report: Report) -> None:
    """What every report must hold, whatever the text."""
    text = report.article.text
    assert "\x00" not in text
    spans = [*report.times, *report.figures, *report.events, *report.claims,
             *(m for a in report.actors for m in a.mentions), *(m for p in report.places for m in p.mentions)]
    for item in spans:
        assert 0 <= item.start <= item.end <= len(text), item
        assert -1 <= item.sentence < max(len(report.sentences), 1), item
    for sentence in report.sentences:
        assert 0 <= sentence.start <= sentence.end <= len(text)
    for figure in report.figures:
        for number in (figure.value, figure.low, figure.high):
            assert number is None or number == number, figure  # no NaN


def extract_or_input_error(text: str, date: str | None) -> None:
    from sitreps import extract

    try:
        report = extract(text, published=date)
    except SitrepsError:
        return  # an input error: one line for the user (an empty text, …)
    check_report(report)


@pytest.mark.slow
@SHORT
@given(random_text, published)
def test_extract_survives_random_text(text, date):
    extract_or_input_error(text, date)


@pytest.mark.slow
@SHORT
@given(number_heavy, published)
def test_extract_survives_number_heavy_text(text, date):
    extract_or_input_error(text, date)


@pytest.mark.slow
@SHORT
@given(date_heavy, published)
def test_extract_survives_date_heavy_text(text, date):
    extract_or_input_error(text, date)


@pytest.mark.slow
@SHORT
@given(unicode_heavy, published)
def test_extract_survives_unicode_heavy_text(text, date):
    extract_or_input_error(text, date)


# --- corpus readers -----------------------------------------------------------------------------------------

def _no_network(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("no network in the fuzz tests", request=request)


def read_corpus_file(data: bytes, name: str) -> None:
    """Open ``data`` as a corpus file called ``name``: every entry is an Entry or a Failure, and reading an
    entry raises nothing but a SitrepsError."""
    settings_ = Settings(max_input_bytes=100_000)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            sources = open_sources([str(path)], settings_, transport=httpx.MockTransport(_no_network),
                                   resolver=lambda host, port: ["93.184.216.34"])
        except SitrepsError:
            return
        for source in sources:
            source.estimate()
            for entry in source.entries():
                assert isinstance(entry, (Entry, Failure))
                if isinstance(entry, Failure):
                    assert entry.reason and "\n" not in entry.key
                    continue
                try:
                    entry.to_raw(settings_, transport=httpx.MockTransport(_no_network),
                                 resolver=lambda host, port: ["93.184.216.34"])
                except SitrepsError:
                    pass


@READERS
@given(jsonl_files())
def test_jsonl_reader_survives_damaged_files(data):
    read_corpus_file(data, "wire.jsonl")


@READERS
@given(csv_files(), st.sampled_from(["wire.csv", "wire.tsv"]))
def test_csv_reader_survives_damaged_files(data, name):
    read_corpus_file(data, name)


@READERS
@given(feed_files())
def test_feed_reader_survives_damaged_feeds(data):
    read_corpus_file(data, "world.rss")


@READERS
@given(warc_files(), st.sampled_from(["crawl.warc", "crawl.warc.gz"]))
def test_warc_reader_survives_damaged_archives(data, name):
    read_corpus_file(data, name)
