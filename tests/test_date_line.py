"""The page's own date line ("Saturday, August 30, 2008" under the title, "Published …" at the foot).

It is read by the cleaner, dates the article in the pipeline before any extractor runs
(``published_basis: inferred``, the warning names the line) and stays in the text. The layouts
below are our own, written for these tests; the last test reads the real Wikinews texts of
../shared and checks their dates against its index.
"""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from sitreps import extract
from sitreps.clean import clean, default_rules, read_date_line
from sitreps.extract.dates_published import is_date_line
from sitreps.ingest import RawArticle, from_text
from sitreps.pipeline import prepare
from sitreps.timeparse import find
from tests.conftest import SHARED, need_shared

WIKINEWS = SHARED / "datasets" / "wikinews-conflict"

BODY = [
    "HARBOURTOWN — Rebel gunners shelled the river port of Harbourtown on Tuesday, killing 14 people, "
    "the regional governor said today.",
    "Earlier this week the ferry crossing was closed after a barge caught fire at the quay.",
    "Aid agencies said 300 families had left the port district since the weekend.",
]


def layout(*head: str, tail: tuple[str, ...] = ()) -> str:
    """A scraped page: the head lines, the body, the tail lines, each with a blank line after it."""
    return "\n\n".join([*head, *BODY, *tail]) + "\n"


# --- the forms of a date line ---------------------------------------------------------------------

FORMS = [
    ("Saturday, August 30, 2008", dt.date(2008, 8, 30), ""),
    ("August 30, 2008", dt.date(2008, 8, 30), ""),
    ("30 August 2008", dt.date(2008, 8, 30), ""),
    ("Sat 30 Aug 2008 14.05 BST", dt.date(2008, 8, 30), ""),
    ("2008-08-30 14:05 UTC", dt.date(2008, 8, 30), ""),
    ("2008-08-30T14:05:00Z", dt.date(2008, 8, 30), ""),
    ("Aug. 30, 2008 | 5:42 PM", dt.date(2008, 8, 30), ""),
    ("August 30, 2008 at 5:42 pm EDT", dt.date(2008, 8, 30), ""),
    ("14:05 GMT, Saturday, 30 August 2008", dt.date(2008, 8, 30), ""),
    ("Sat, 30 Aug 2008 14:05:00 +0000", dt.date(2008, 8, 30), ""),
    ("Published 3 March 2022", dt.date(2022, 3, 3), "published"),
    ("Posted on: Thu 3 Mar 2022", dt.date(2022, 3, 3), "published"),
    ("Updated: March 4, 2022, 10:15 a.m. ET", dt.date(2022, 3, 4), "updated"),
    ("Last updated on Sept. 4th, 2022 - 9:10 PM (UTC+03:00)", dt.date(2022, 9, 4), "updated"),
]


@pytest.mark.parametrize(("line", "date", "label"), FORMS)
def test_each_form_of_date_line_is_read(line, date, label):
    found = read_date_line(line, default_rules().date_line)
    assert found is not None and (found.date, found.label) == (date, label)


@pytest.mark.parametrize("line", [
    "On 30 August 2008, rebel gunners shelled the port.",     # a paragraph that opens with a date
    "August 30, 2008: the day the port fell",                 # a date with words after it
    "August 2008",                                             # no day: not the page's date
    "2008-02-30",                                              # no such day
    "Troops left on March 3, 2022.",
])
def test_a_line_that_is_more_or_less_than_a_date_is_not_a_date_line(line):
    assert read_date_line(line, default_rules().date_line) is None


@pytest.mark.parametrize(("line", "date", "_"), FORMS)
def test_each_form_dates_the_article_under_a_title(line, date, _):
    article = prepare(from_text(layout("Rebels Shell River Port as Talks Stall", line))).article
    assert (article.published, article.published_basis) == (date.isoformat(), "inferred")
    assert article.title == "Rebels Shell River Port as Talks Stall"
    assert line in article.text and not article.removed


# --- layouts ----------------------------------------------------------------------------------------

def test_title_date_line_byline_dateline_city_layout():
    text = layout("Rebels Shell River Port as Talks Stall", "Saturday, August 30, 2008",
                  "By Mara Quint and Tomas Reeve")
    cleaned = clean(text)
    assert cleaned.title == "Rebels Shell River Port as Talks Stall"
    assert cleaned.byline == "Mara Quint and Tomas Reeve"
    assert cleaned.date_line is not None and cleaned.date_line.date == dt.date(2008, 8, 30)
    assert cleaned.text.startswith("Saturday, August 30, 2008\nHARBOURTOWN —")
    assert [r.reason for r in cleaned.removed] == ["byline"]     # the date line is not boilerplate


def test_date_line_above_the_title_or_below_the_byline():
    above = clean(layout("30 August 2008", "Rebels Shell River Port as Talks Stall"))
    assert above.title == "Rebels Shell River Port as Talks Stall"
    assert above.date_line is not None and above.date_line.date == dt.date(2008, 8, 30)
    below = clean(layout("Rebels Shell River Port as Talks Stall", "By Mara Quint", "Aug. 30, 2008 | 5:42 PM"))
    assert below.byline == "Mara Quint" and below.date_line.text == "Aug. 30, 2008 | 5:42 PM"


def test_a_title_ending_in_a_quotation_is_still_the_title_above_a_date_line():
    cleaned = clean(layout("Governor says the port is 'holding for now'", "Saturday, August 30, 2008"))
    assert cleaned.title == "Governor says the port is 'holding for now'"
    assert cleaned.date_line is not None


def test_published_line_at_the_foot_dates_the_article_and_the_bio_above_it_still_goes():
    text = layout("Rebels Shell River Port as Talks Stall",
                  tail=("Mara Quint is a correspondent covering the river provinces.", "Published 3 March 2022",
                        "© 2022 Riverside Courier. All rights reserved."))
    cleaned = clean(text)
    assert cleaned.date_line is not None and (cleaned.date_line.date, cleaned.date_line.label) == (
        dt.date(2022, 3, 3), "published")
    assert cleaned.text.endswith("Published 3 March 2022")
    assert [r.reason for r in cleaned.removed] == ["author-bio", "copyright"]


def test_a_published_date_beats_an_updated_one_and_an_updated_one_alone_still_dates_it():
    both = prepare(from_text(layout("Rebels Shell River Port as Talks Stall", "Updated: March 5, 2022, 8:00 a.m.",
                                    tail=("First published March 3, 2022",)))).article
    assert both.published == "2022-03-03"
    alone = prepare(from_text(layout("Rebels Shell River Port as Talks Stall",
                                     tail=("Last updated on 5 March 2022",))))
    assert alone.article.published == "2022-03-05"
    assert any("'Updated' line" in w for w in alone.warnings)


def test_an_event_date_in_the_body_is_not_the_page_date():
    """The guard: a paragraph that opens with a date, a date line after the body has begun, and a bare date at
    the foot (it may close a timeline) do not date the page."""
    opens = "30 August 2008 — Rebel gunners shelled the river port of Harbourtown, the regional governor said."
    assert clean("Rebels Shell River Port as Talks Stall\n\n" + opens + "\n\n" + BODY[1]).date_line is None
    late = "\n\n".join(["Rebels Shell River Port as Talks Stall", *BODY, "August 26, 2008", BODY[2]])
    assert clean(late).date_line is None
    foot = layout("Rebels Shell River Port as Talks Stall", tail=("26 August 2008",))
    article = prepare(from_text(foot)).article
    assert article.published is None and article.published_basis == "unknown"


def test_given_date_and_metadata_win_over_the_date_line():
    text = layout("Rebels Shell River Port as Talks Stall", "Saturday, August 30, 2008")
    given = prepare(from_text(text), published="2008-09-01")
    assert (given.article.published, given.article.published_basis) == ("2008-09-01", "given")
    assert not any("date line" in w for w in given.warnings)
    meta = prepare(RawArticle(text=text, source="<test>", published="2008-08-31T09:00:00Z")).article
    assert (meta.published, meta.published_basis) == ("2008-08-31", "metadata")


def test_is_date_line_tells_the_page_date_from_a_short_line_that_tells_something():
    text = "Saturday, August 30, 2008\nTroops left on August 30, 2008.\n" + "\n".join(BODY)
    first, second = [e for e in find(text) if e.kind == "date" and e.year]
    assert is_date_line(text, first) and not is_date_line(text, second)


# --- through the whole pipeline (the spaCy model) ---------------------------------------------------

@pytest.mark.slow
def test_relative_dates_resolve_against_the_date_line_which_is_a_time_and_no_figure():
    text = layout("Rebels Shell River Port as Talks Stall", "Saturday, August 30, 2008", "By Mara Quint")
    report = extract(text)
    assert (report.article.published, report.article.published_basis) == ("2008-08-30", "inferred")
    assert any("date line 'Saturday, August 30, 2008'" in w for w in report.warnings)
    values = {t.text: t.value for t in report.times}
    assert values["Saturday, August 30, 2008"] == "2008-08-30"
    assert values["on Tuesday"] == "2008-08-26"
    assert values["today"] == "2008-08-30"
    assert values["Earlier this week"] == "2008-08-25/2008-08-29"
    line_end = report.article.text.index("\n")
    assert not [f.text for f in report.figures if f.start < line_end]
    assert [f.value for f in report.figures if f.category == "killed"] == [14]


@pytest.mark.slow
@pytest.mark.parametrize("line", ["2008-08-30 14:05 UTC", "Aug. 30, 2008 | 5:42 PM"])
def test_a_date_line_with_a_clock_time_is_no_figure(line):
    report = extract(layout("Rebels Shell River Port as Talks Stall", line))
    assert report.article.published == "2008-08-30"
    line_end = report.article.text.index("\n")
    assert not [f.text for f in report.figures if f.start < line_end]
    assert {t.value for t in report.times if t.end <= line_end} == {"2008-08-30"}


@pytest.mark.slow
def test_given_date_wins_in_the_whole_pipeline_too():
    text = layout("Rebels Shell River Port as Talks Stall", "Saturday, August 30, 2008")
    report = extract(text, published="2008-09-06")
    assert report.article.published_basis == "given"
    assert {t.text: t.value for t in report.times}["today"] == "2008-09-06"


# --- the real texts ---------------------------------------------------------------------------------

def test_the_wikinews_texts_are_dated_by_their_date_lines():
    """Without --published, the article's date equals index.csv's for at least 46 of the 48 texts."""
    with open(need_shared(WIKINEWS / "index.csv"), encoding="utf-8") as handle:
        published = {row["id"]: row["published"] for row in csv.DictReader(handle)}
    found = {}
    for name, date in published.items():
        raw = from_text((WIKINEWS / "texts" / f"{name}.txt").read_text(encoding="utf-8"), source=name)
        article = prepare(raw).article
        found[name] = (article.published, article.published_basis)
    wrong = {name: found[name] for name, date in published.items() if found[name] != (date, "inferred")}
    assert len(published) == 48 and len(wrong) <= 2, wrong
