"""Issue 21 item 3: a count that runs off the calendar ("built 3000 years ago", "in 9000 years") gives no
value, never a crash; and an article holding such an expression is stored, not lost as a failure."""

from __future__ import annotations

import json

import pytest

from sitreps.timeparse import resolve_text
from sitreps.timeparse.calendar import Period

OFF_THE_CALENDAR = [
    ("3000 years ago", "2024-10-01"),
    ("built 3000 years ago", "2024-10-01"),
    ("12000 years ago", "2024-10-01"),
    ("in 9000 years", "2024-10-01"),
    ("8000 years later", "2024-10-01"),
    ("1000 decades ago", "2024-10-01"),
    ("5000000 days ago", "2024-10-01"),
    ("900000 weeks later", "2024-10-01"),
    ("3000 years ago", "0005-06-01"),
    ("2 years later", "9999-06-01"),
    ("tomorrow", "9999-12-31"),
    ("yesterday", "0001-01-01"),
    ("last year", "0001-03-01"),
    ("next month", "9999-12-15"),
]


@pytest.mark.parametrize("text,published", OFF_THE_CALENDAR)
def test_a_period_off_the_calendar_has_no_value_and_raises_nothing(text, published):
    resolution = resolve_text(text, published, direction="past")
    assert resolution is None or resolution.value is None


def test_a_period_within_the_calendar_still_resolves():
    assert resolve_text("300 years ago", "2024-10-01", direction="past").value == "1724"
    assert resolve_text("two years later", "2024-10-01", previous="2020").value == "2022"


def test_shifting_a_period_off_the_calendar_says_so_with_overflow():
    with pytest.raises(OverflowError):
        Period.year(2024).shift(-3000, "year")


@pytest.mark.slow
def test_extract_reports_the_expression_without_a_value():
    from sitreps import extract

    report = extract("The temple was built 3000 years ago, the museum said on Monday.", published="2024-10-01")
    ago = [t for t in report.times if "3000 years" in t.text]
    assert ago and ago[0].value is None


@pytest.mark.slow
def test_ingest_stores_the_article_instead_of_failing_it(tmp_path):
    from sitreps.corpus.runner import ingest

    corpus = tmp_path / "wire.jsonl"
    lines = [{"text": "The temple was built 3000 years ago, the museum said on Monday.", "published": "2024-10-01"},
             {"text": "Shelling killed 4 people in Kharkiv on Monday, the governor said.", "published": "2024-10-01"}]
    corpus.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    summary = ingest([str(corpus)], db=str(tmp_path / "s.db"))
    assert summary.failures == [] and summary.new == 2  # with 2024-10-01, "3000 years ago" once made year -976
