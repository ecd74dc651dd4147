"""Times: reading and resolving every kind of temporal expression, what is not a time, the article's date.

The resolver tests need no model. The passages at the end are our own texts
(written for these tests, with their article dates), run through the whole
pipeline with the real spaCy model and scored by the evaluation harness, as
the gold articles are.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import spacy

from sitreps import extract
from sitreps.evaluation import score_report
from sitreps.evaluation.gold import Gold
from sitreps.extract.dates_anchor import time_for_span
from sitreps.extract.dates_published import copyright_year, find_dateline, infer_published
from sitreps.extract.times import extract_times
from sitreps.timeparse import Period, find, parse_value, resolve_text
from sitreps.types import Article, Report, Sentence
from tests.conftest import SEED_GOLD, need_shared

# --- resolution, kind by kind (no model) ----------------------------------------------------------

RESOLVE = [
    # text, article date, tense of the clause, previous expression, value, granularity, anchor
    # absolute dates in every common notation
    ("Oct. 18, 2024", "2025-01-01", "", None, "2024-10-18", "day", "absolute"),
    ("18 October 2024", "2025-01-01", "", None, "2024-10-18", "day", "absolute"),
    ("2024-10-18", "2025-01-01", "", None, "2024-10-18", "day", "absolute"),
    ("Sept. 13, 2023", "2025-01-01", "", None, "2023-09-13", "day", "absolute"),
    ("Monday, January 12th, 2016", "2025-01-01", "", None, "2016-01-12", "day", "absolute"),
    ("21/04/2016", "2025-01-01", "", None, "2016-04-21", "day", "absolute"),
    ("02/22/2016", "2025-01-01", "", None, "2016-02-22", "day", "absolute"),
    # dates without a year: the nearest on the clause's side of the article's date
    ("Oct. 18", "2024-10-22", "past", None, "2024-10-18", "day", "published"),
    ("October 17", "2024-10-22", "", None, "2024-10-17", "day", "published"),
    ("Dec. 29", "2024-12-12", "future", None, "2024-12-29", "day", "published"),
    ("Dec. 29", "2025-01-05", "past", None, "2024-12-29", "day", "published"),
    ("Jan. 20", "2025-01-14", "present", None, "2025-01-20", "day", "published"),
    ("Dec. 3", "2024-12-19", "present", None, "2024-12-03", "day", "published"),   # far ahead, near behind
    ("Nov. 19 last year", "2024-08-23", "", None, "2023-11-19", "day", "published"),
    ("since Jan. 12", "2024-08-23", "", None, "2024-01-12", "day", "published"),
    # months and years
    ("In September 2023", "2024-10-22", "", None, "2023-09", "month", "absolute"),
    ("Last June", "2024-10-22", "", None, "2024-06", "month", "published"),
    ("last February", "2024-10-22", "", None, "2024-02", "month", "published"),
    ("last June", "2024-06-15", "", None, "2023-06", "month", "published"),
    ("next June", "2016-11-07", "", None, "2017-06", "month", "published"),
    ("in December", "2024-07-08", "past", None, "2023-12", "month", "published"),
    ("in October", "2025-03-14", "present", None, "2025-10", "month", "published"),
    ("beyond March", "2025-01-16", "past", None, "2025-03", "month", "published"),
    ("August last year", "2024-12-19", "", None, "2023-08", "month", "published"),
    ("in late June", "2024-10-22", "past", None, "2024-06", "month", "published"),
    ("late November 2023", "2025-01-14", "", None, "2023-11", "month", "absolute"),
    ("this month", "2024-08-23", "", None, "2024-08", "month", "published"),
    ("earlier this month", "2024-12-19", "", None, "2024-12", "month", "published"),
    ("last month", "2025-03-14", "", None, "2025-02", "month", "published"),
    ("in 2018", "2025-03-14", "", None, "2018", "year", "absolute"),
    ("since late 2021", "2024-07-08", "", None, "2021", "year", "absolute"),
    ("mid-2022", "2024-01-01", "", None, "2022", "year", "absolute"),
    ("this year", "2024-08-23", "", None, "2024", "year", "published"),
    ("earlier this year", "2024-08-23", "", None, "2024", "year", "published"),
    ("last year", "2025-03-14", "", None, "2024", "year", "published"),
    ("early next year", "2024-12-19", "", None, "2025", "year", "published"),
    ("the 1990s", "2024-01-01", "", None, "1990/1999", "interval", "absolute"),
    ("the 2023/24 financial year", "2024-08-23", "", None, "2023-07/2024-06", "interval", "absolute"),
    ("2022-2024", "2024-08-23", "", None, "2022/2024", "interval", "absolute"),
    ("the end of the year", "2024-08-23", "", None, "2024-12", "month", "published"),
    ("the end of 2028", "2024-12-12", "", None, "2028-12", "month", "absolute"),
    ("in the first half of the year", "2024-07-08", "", None, "2024-01/2024-06", "interval", "published"),
    ("the first two weeks of January", "2025-01-16", "", None, "2025-01-01/2025-01-14", "interval", "published"),
    ("since the start of the year", "2025-01-16", "", None, "2025-01-01/2025-01-16", "interval", "published"),
    ("the third quarter of 2016", "2020-01-01", "", None, "2016-07/2016-09", "interval", "absolute"),
    ("Q1 2016", "2020-01-01", "", None, "2016-01/2016-03", "interval", "absolute"),
    ("last autumn", "2024-08-23", "", None, "2023-09/2023-11", "interval", "published"),
    ("by summer", "2025-03-14", "future", None, "2025-06/2025-08", "interval", "published"),
    ("last winter", "2023-05-17", "", None, "2022-12/2023-02", "interval", "published"),
    ("Christmas Day", "2024-12-27", "past", None, "2024-12-25", "day", "published"),
    ("the first Monday of April", "2024-03-15", "future", None, "2024-04-01", "day", "published"),
    # weekdays: the last one before the article, the next one when the verb looks ahead
    ("on Friday", "2024-10-22", "past", None, "2024-10-18", "day", "published"),
    ("on Monday", "2024-10-21", "past", None, "2024-10-21", "day", "published"),
    ("on Monday", "2024-12-12", "future", None, "2024-12-16", "day", "published"),
    ("Last Friday", "2025-03-14", "", None, "2025-03-07", "day", "published"),
    ("late on Monday", "2024-11-26", "past", None, "2024-11-25", "day", "published"),
    ("on Tuesday evening", "2025-01-14", "past", None, "2025-01-14", "day", "published"),
    ("next Sunday", "2016-11-07", "", None, "2016-11-20", "day", "published"),
    ("over the weekend", "2024-12-19", "past", None, "2024-12-14/2024-12-15", "interval", "published"),
    # relative to the article's date
    ("yesterday", "2024-10-22", "", None, "2024-10-21", "day", "published"),
    ("today", "2025-02-06", "", None, "2025-02-06", "day", "published"),
    ("tomorrow", "2016-11-07", "", None, "2016-11-08", "day", "published"),
    ("two days ago", "2024-10-22", "", None, "2024-10-20", "day", "published"),
    ("25 years ago", "2024-04-09", "", None, "1999", "year", "published"),
    ("last week", "2025-01-16", "", None, "2025-W02", "week", "published"),
    ("next week", "2016-11-07", "", None, "2016-W46", "week", "published"),
    ("earlier this week", "2024-12-19", "", None, "2024-12-16/2024-12-18", "week", "published"),
    ("the past ten months", "2024-08-23", "", None, "2023-10/2024-08", "interval", "published"),
    ("in the past 48 hours", "2024-04-09", "", None, "2024-04-07/2024-04-09", "interval", "published"),
    ("overnight", "2024-11-26", "", None, "2024-11-26", "day", "published"),
    # relative to the expression before
    ("One week earlier", "2024-10-22", "", None, "2024-10-15", "day", "previous"),
    ("two days earlier", "2025-02-06", "", "2025-02-04", "2025-02-02", "day", "previous"),
    ("11 days later", "2024-12-19", "", "2024-12-03", "2024-12-14", "day", "previous"),
    ("a year earlier", "2024-08-23", "", "2024-07", "2023-07", "month", "previous"),
    ("a year earlier", "2024-08-23", "", "2023-07/2024-06", "2022-07/2023-06", "interval", "previous"),
    ("the year before", "2025-03-14", "", "2024", "2023", "year", "previous"),
    ("the following day", "2024-04-09", "", "2024-04-08", "2024-04-09", "day", "previous"),
    ("On the same day", "2024-07-08", "", "2024-07-06", "2024-07-06", "day", "previous"),
    ("hours later", "2025-03-14", "", "2025-03-13", "2025-03-13", "day", "previous"),
    ("Days later", "2025-03-14", "", "2025-03-07", "2025-03-09/2025-03-13", "interval", "previous"),
    ("Since then", "2025-03-14", "", "2025-02-04", "2025-02-04/2025-03-14", "interval", "previous"),
    ("at about 2:40 a.m.", "2025-03-14", "", "2025-03-13", "2025-03-13", "day", "previous"),
    # present references (TimeML PRESENT_REF): the article's date
    ("now", "2024-10-22", "present", None, "2024-10-22", "day", "published"),
    ("currently", "2024-10-22", "present", None, "2024-10-22", "day", "published"),
    ("at present", "2024-10-22", "present", None, "2024-10-22", "day", "published"),
    ("at the moment", "2024-10-22", "present", None, "2024-10-22", "day", "published"),
    # centuries: TimeML's "19" is 1900-1999
    ("the 20th century", "2024-10-22", "", None, "1900/1999", "interval", "absolute"),
    ("the nineteenth century", "2024-10-22", "", None, "1800/1899", "interval", "absolute"),
    ("the early 21st century", "2024-10-22", "", None, "2000/2099", "interval", "absolute"),
    ("the last century", "2024-10-22", "", None, "1900/1999", "interval", "published"),
    # fiscal years: named by the year they end in; July start when no country is named
    ("this fiscal year", "2024-10-22", "", None, "2024-07/2025-06", "interval", "published"),
    ("this fiscal year", "2024-03-22", "", None, "2023-07/2024-06", "interval", "published"),
    ("last fiscal year", "2024-10-22", "", None, "2023-07/2024-06", "interval", "published"),
    ("fiscal 2024", "2024-10-22", "", None, "2023-07/2024-06", "interval", "absolute"),
    ("FY2024", "2024-10-22", "", None, "2023-07/2024-06", "interval", "absolute"),
    ("FY24", "2024-10-22", "", None, "2023-07/2024-06", "interval", "absolute"),
    ("FY2023/24", "2024-10-22", "", None, "2023-07/2024-06", "interval", "absolute"),
    ("third-quarter results", "2009-11-05", "past", None, "2009-07/2009-09", "interval", "published"),
    # ranges of years, seasons, the end of a month
    ("1957-58", "2024-10-22", "", None, "1957/1958", "interval", "absolute"),
    ("2014–2016", "2024-10-22", "", None, "2014/2016", "interval", "absolute"),
    ("last summer", "2024-10-22", "", None, "2024-06/2024-08", "interval", "published"),
    ("winter 2022", "2024-10-22", "", None, "2022-12/2023-02", "interval", "absolute"),
    ("by the end of March", "2024-10-22", "past", None, "2024-03-31", "day", "published"),
    # the Nth day counted from a start the words give (day 1 is the start)
    ("the 99th day since Feb. 24, 2022", "2022-06-10", "", None, "2022-06-02", "day", "absolute"),
    ("the third day after Oct. 7", "2023-10-12", "past", None, "2023-10-09", "day", "published"),
    # spans between two points
    ("between January and May 2024", "2025-02-06", "", None, "2024-01/2024-05", "interval", "absolute"),
    ("from Feb. 10 to March 2", "2025-02-06", "future", None, "2025-02-10/2025-03-02", "interval", "published"),
    ("between Nov. 28 and Dec. 4", "2024-12-12", "past", None, "2024-11-28/2024-12-04", "interval", "published"),
    ("between June and August", "2024-10-22", "past", None, "2024-06/2024-08", "interval", "published"),
    ("on July 11-12", "2023-05-17", "future", None, "2023-07-11/2023-07-12", "interval", "published"),
    ("in the two days after Wednesday's attack", "2024-08-23", "past", None, "2024-08-21/2024-08-23", "interval",
     "published"),
]


@pytest.mark.parametrize("text, published, direction, previous, value, granularity, anchor", RESOLVE,
                         ids=[f"{r[0]}@{r[1]}" for r in RESOLVE])
def test_resolution(text, published, direction, previous, value, granularity, anchor):
    result = resolve_text(text, published, direction=direction, previous=previous)
    assert result is not None, f"{text!r} not read as a time"
    assert (result.value, result.granularity, result.anchor) == (value, granularity, anchor)


@pytest.mark.parametrize("text", ["In recent days", "recently", "years ago", "nearly four decades", "at night",
                                  "in the coming weeks", "the final days"])
def test_vague_expressions_have_no_value(text):
    result = resolve_text(text, "2024-10-22")
    assert result is not None and result.granularity == "vague" and result.value is None


@pytest.mark.parametrize("text", ["the 99th day of the siege", "Day 12 of the war", "the second day of talks"])
def test_an_nth_day_without_a_stated_start_has_no_value(text):
    """Counted from a start nobody gave, any date would be a wrong one: the resolver gives none."""
    assert resolve_text(text, "2024-10-22", direction="past") is None


@pytest.mark.parametrize("text", ["now that the talks have ended", "Now, then, the plan"])
def test_now_as_a_conjunction_is_not_a_time(text):
    assert [e for e in find(text, strict=False) if e.kind == "present"] == []


def test_a_fiscal_year_follows_the_country_named():
    """The US government's fiscal 2024 runs from October 2023 (``fiscal_year_start``), not July."""
    from sitreps.timeparse import Context, resolve
    expr = find("fiscal 2024", strict=False)[0]
    assert resolve(expr, Context(published=dt.date(2024, 10, 22), fiscal_start=10)).value == "2023-10/2024-09"
    this = find("this fiscal year", strict=False)[0]
    assert resolve(this, Context(published=dt.date(2024, 10, 22), fiscal_start=10)).value == "2024-10/2025-09"
    assert resolve(this, Context(published=dt.date(2024, 10, 22), fiscal_start=4)).value == "2024-04/2025-03"


def test_a_date_without_the_articles_date_keeps_its_kind_but_no_value():
    result = resolve_text("on Friday", None, direction="past")
    assert result.value is None and result.granularity == "day"
    assert resolve_text("September 2023", None).value == "2023-09"   # absolute needs no article date


@pytest.mark.parametrize("text", [
    "a new October 7-like distraction",        # an earlier event's name used as a comparison
    "the 9/11 attacks",
    "late to World War III",
    "since the end of the Cold War",
    "particularly between 7 a.m. and 10 p.m. local time",   # a daily window, not a time of the story
    "a 75-year-old leader",
    "served 30 years as an officer",            # a duration
    "for up to 60 days",
    "about 70 a day",                           # a rate
    "Joint Sword-2024B",
    "Steadfast Defender 24",
    "a 30-day truce",
])
def test_not_times(text):
    assert find(text) == [], [e.text for e in find(text)]


def test_capitalisation_tells_months_from_words():
    assert find("Ministers may meet in May.")[0].text == "in May"
    assert len(find("Ministers may meet in May.")) == 1
    assert find("the march on Kyiv") == []


def test_notation_round_trips():
    for value in ["2024-10-18", "2024-06", "2024", "2024-W42", "2024-10-08/2024-10-15", "2023-10/2024-08"]:
        assert parse_value(value).value == value
    assert Period.month(2024, 7).shift(-1, "year").value == "2023-07"
    assert Period.months(2023, 7, 12).shift(-1, "year").value == "2022-07/2023-06"


# --- the article's date ---------------------------------------------------------------------------

def test_dateline_year_from_the_weekday_the_text_uses():
    text = ("SEOUL, Dec 19 (Wire) - Officials told lawmakers on Thursday that troops had been sent, "
            "and shells have been shipped since 2023.")
    exprs = find(text)
    assert find_dateline(text, exprs).text == "Dec 19"
    inferred = infer_published(exprs, ["past"] * len(exprs), text, [], today=dt.date(2026, 1, 1))
    assert inferred.date == dt.date(2024, 12, 19)           # a Thursday; Dec. 19, 2023 was a Tuesday


def test_dateline_with_a_year_and_copyright_year():
    text = "BRUNSSUM, the Netherlands, Feb. 6, 2025 – Troops will take part in an exercise."
    exprs = find(text)
    assert infer_published(exprs, [""] * len(exprs), text, []).date == dt.date(2025, 2, 6)
    assert copyright_year("", ["Copyright 2024. Jane Doe. All rights reserved."]) == 2024
    assert copyright_year("text\n© 2023 Northline", []) == 2023


def test_latest_date_and_later_weekdays():
    text = ("The letter was sent on Oct. 18. Then on Friday, officials claimed a drone had crashed. "
            "The minister told reporters on Monday that he had seen the reports.")
    exprs = find(text)
    inferred = infer_published(exprs, ["past"] * len(exprs), text, ["Copyright 2024. All rights reserved."],
                               today=dt.date(2026, 1, 1))
    assert inferred.date == dt.date(2024, 10, 21)           # Oct. 18, 2024 was a Friday; the Monday after
    assert inferred.latest == dt.date(2024, 10, 24)         # before the next Friday


def test_no_evidence_no_date():
    exprs = find("Officials said on Friday that talks would resume.")
    assert infer_published(exprs, ["past"] * len(exprs), "Officials said on Friday.", []) is None


def test_extractor_without_a_model_leaves_unknown_dates_alone():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("Officials said on Friday that talks would resume next week.")
    report = Report(article=Article(id="0" * 16, text=doc.text),
                    sentences=[Sentence(s.start_char, s.end_char) for s in doc.sents])
    extract_times(doc, report)
    assert report.article.published is None and report.article.published_basis == "unknown"
    assert [(t.text, t.value, t.granularity) for t in report.times] == [("on Friday", None, "day"),
                                                                      ("next week", None, "week")]


# --- the seed, with the real model ---------------------------------------------------------------

@pytest.mark.slow
def test_seed_date_inferred_in_its_window_and_every_time_right(seed_path):
    gold_path = need_shared(SEED_GOLD)
    from sitreps.evaluation.gold import load_gold
    gold = load_gold(gold_path)
    report = extract(seed_path.read_text(encoding="utf-8"))
    assert report.article.published_basis == "inferred"
    assert "2024-10-21" <= report.article.published <= "2024-10-25"
    score = score_report(gold, report, ["times"])["times"]
    assert not score.misses and not score.wrong_fields, score.misses + score.wrong_fields
    assert not any("not_times" in f.detail for f in score.false_hits)


@pytest.mark.slow
def test_date_for_span_follows_the_parse(seed_path):
    from sitreps.nlp import get_nlp
    text = seed_path.read_text(encoding="utf-8")
    report = extract(text)
    doc = get_nlp()(report.article.text)
    body = report.article.text

    def ref(word, context):
        start = body.index(context) + context.index(word)
        return time_for_span(report, start, start + len(word), doc)

    six = ref("six", "six North Korean officers were reported killed")
    assert (six.value, six.basis) == ("2024-10-03", "governing")
    casualties = ref("1,530", "amassing 1,530 Russian casualties")
    assert (casualties.value, casualties.basis) == ("2024-10-17", "governing")
    present = ref("continues", "North Korea continues to provide")
    # the sentence's own "now" (a present reference) or, without it, the article's date: the same day either way
    assert present.value == report.article.published and present.basis in ("sentence", "published")


# --- our own passages, scored by the evaluation harness --------------------------------------------

PASSAGES: list[dict] = [
    {   # a wire story: the date from its dateline, the year from the text
        "published": None, "expect_published": "2025-03-06",
        "text": (
            "GENEVA, March 6 (Northline) - Negotiators from both delegations resumed talks in Geneva on Thursday, "
            "two days after a ceasefire along the northern front collapsed, officials said.\n"
            "The previous round ended on Feb. 21 without agreement. A senior mediator said late on Tuesday that the "
            "sides would meet again on Monday and hoped to sign a framework by the end of the month.\n"
            "Shelling killed 14 civilians in the border town overnight, the regional governor said. Fighting has "
            "displaced about 40,000 people since January, and aid agencies warned that food stocks would run out "
            "in April.\n"
            "The conflict began in October 2022. A first truce, agreed in late December 2023, collapsed in "
            "February 2024. Three weeks later, the government launched a new offensive.\n"
            "The talks are the first since last summer, when both sides met in Vienna. Earlier this week, the "
            "foreign ministry accused the rebels of breaking the truce.\n"
            "The UN envoy plans to brief the Security Council next week and to visit the region in the coming weeks."),
        "times": [
            {"text": "March 6", "value": "2025-03-06", "anchor": "published"},
            {"text": "on Thursday", "value": "2025-03-06", "granularity": "day"},
            {"text": "two days after", "value": "2025-03-04", "anchor": "previous"},
            {"text": "on Feb. 21", "value": "2025-02-21"},
            {"text": "late on Tuesday", "value": "2025-03-04"},
            {"text": "on Monday", "value": "2025-03-10"},
            {"text": "the end of the month", "value": {"one_of": ["2025-03-31", "2025-03"]}},
            {"text": "overnight", "value": "2025-03-06"},
            {"text": "since January", "value": "2025-01"},
            {"text": "in April", "value": "2025-04"},
            {"text": "October 2022", "value": "2022-10", "anchor": "absolute"},
            {"text": "late December 2023", "value": "2023-12", "granularity": "month"},
            {"text": "February 2024", "value": "2024-02"},
            {"text": "Three weeks later", "value": {"between": ["2024-02", "2024-03"]}, "anchor": "previous"},
            {"text": "last summer", "value": "2024-06/2024-08", "granularity": "interval"},
            {"text": "Earlier this week", "value": {"between": ["2025-03-03", "2025-03-05"]}},
            {"text": "next week", "value": "2025-W11", "granularity": "week"},
            {"text": "in the coming weeks", "value": "vague"},
        ],
        "not_times": ["14 civilians"],
    },
    {   # an opinion piece: years, decades, quarters, names that look like times
        "published": "2023-05-17",
        "text": (
            "World War III is not inevitable, but the warning signs since 2014 are hard to ignore.\n"
            "In the 1990s, defence budgets fell across Europe. By 2021 they had begun to climb again, and after "
            "Feb. 24, 2022, they soared. Germany's 2023 budget set aside more for the armed forces; last year it "
            "spent 1.5% of GDP on defence.\n"
            "Ministers will meet in Vilnius on July 11-12 to discuss the next steps. A decision is due by the third "
            "quarter, officials say, and the alliance expects to publish its plans in the autumn.\n"
            "The 9/11 attacks reshaped American strategy for two decades. The Iraq war, launched in March 2003, "
            "cost thousands of lives.\n"
            "Nearly 2000 troops took part in an exercise that ran from 2 May to 12 May. The lights went out in "
            "many villages last winter.\n"
            "Our correspondent, aged 45, has covered the region for 20 years. This spring, for the first time, a "
            "majority of voters said they backed membership."),
        "times": [
            {"text": "since 2014", "value": "2014", "anchor": "absolute"},
            {"text": "the 1990s", "value": "1990/1999", "granularity": "interval"},
            {"text": "By 2021", "value": "2021"},
            {"text": "Feb. 24, 2022", "value": "2022-02-24", "anchor": "absolute"},
            {"text": "2023", "context": "Germany's 2023 budget", "value": "2023"},
            {"text": "last year", "value": "2022", "anchor": "published"},
            {"text": "on July 11-12", "value": "2023-07-11/2023-07-12"},
            {"text": "the third quarter", "value": "2023-07/2023-09"},
            {"text": "in the autumn", "value": "2023-09/2023-11"},
            {"text": "two decades", "value": "vague"},
            {"text": "March 2003", "value": "2003-03"},
            {"text": "from 2 May to 12 May", "value": "2023-05-02/2023-05-12", "granularity": "interval"},
            {"text": "last winter", "value": "2022-12/2023-02"},
            {"text": "This spring", "value": "2023-03/2023-05"},
        ],
        "not_times": ["World War III", "9/11", "2000 troops", "aged 45", "20 years"],
    },
    {   # a press release: numeric dates in the publisher's day-first order, a holiday, clock times
        "published": "2024-12-20",
        "text": (
            "BRUSSELS, 20/12/2024 – The Council today adopted its fourteenth package of measures, which enters "
            "into force on 1 January 2025. The decision follows talks held on 16-17 December in Luxembourg.\n"
            "Member states have until 31/01/2025 to report on implementation. Offices will close on Christmas Eve "
            "and reopen on 2 January.\n"
            "The vote took place at 10:30 a.m. Brussels time on Thursday. A press conference followed at noon.\n"
            "The previous package, adopted on 24 June, expires at the end of next month. Since the start of the "
            "year, the Council has adopted 212 legal acts, more than in the whole of 2023.\n"
            "In the first three months of 2024, exports fell by 14%. The Q2 figures, published in September, "
            "showed a partial recovery."),
        "times": [
            {"text": "20/12/2024", "value": "2024-12-20", "anchor": "absolute"},
            {"text": "today", "value": "2024-12-20"},
            {"text": "1 January 2025", "value": "2025-01-01"},
            {"text": "16-17 December", "value": "2024-12-16/2024-12-17"},
            {"text": "31/01/2025", "value": "2025-01-31"},
            {"text": "Christmas Eve", "value": "2024-12-24"},
            {"text": "2 January", "value": "2025-01-02"},
            {"text": "10:30 a.m.", "value": "2024-12-19", "anchor": "previous"},
            {"text": "on Thursday", "value": "2024-12-19"},
            {"text": "at noon", "value": "2024-12-19", "anchor": "previous"},
            {"text": "24 June", "value": "2024-06-24"},
            {"text": "the end of next month", "value": {"one_of": ["2025-01-31", "2025-01"]}},
            {"text": "Since the start of the year", "value": "2024-01-01/2024-12-20"},
            {"text": "2023", "value": "2023"},
            {"text": "the first three months of 2024", "value": "2024-01/2024-03"},
            {"text": "Q2", "value": "2024-04/2024-06"},
            {"text": "in September", "value": "2024-09"},
        ],
        "not_times": ["212 legal acts", "14%"],
    },
    {   # a disaster story: the day before, the next day, hours and weeks
        "published": "2024-04-09",
        "text": (
            "Rescuers pulled two survivors from the rubble on Tuesday, a day after the quake struck the coastal "
            "province, and officials said the death toll had risen to 312.\n"
            "The 6.8-magnitude earthquake hit at 4:12 a.m. on Monday. It was the strongest to strike the region "
            "since 1999. A second tremor was recorded the following day.\n"
            "Last Wednesday, the weather service had warned of unusual seismic activity. Two weeks ago, a smaller "
            "quake damaged several schools in the same area.\n"
            "The government declared a state of emergency for 30 days and said reconstruction would take until "
            "2026. The prime minister will visit the province tomorrow and parliament is due to debate emergency "
            "funds on Thursday.\n"
            "Donors pledged $45 million in the past 48 hours. The previous year, floods displaced 80,000 people "
            "in the province.\n"
            "The area was last hit by a major quake 25 years ago."),
        "times": [
            {"text": "on Tuesday", "value": "2024-04-09"},
            {"text": "a day after", "value": "2024-04-08", "anchor": "previous"},
            {"text": "4:12 a.m.", "value": "2024-04-08"},
            {"text": "on Monday", "value": "2024-04-08"},
            {"text": "since 1999", "value": "1999"},
            {"text": "the following day", "value": "2024-04-09", "anchor": "previous"},
            {"text": "Last Wednesday", "value": "2024-04-03"},
            {"text": "Two weeks ago", "value": "2024-03-26"},
            {"text": "until 2026", "value": "2026"},
            {"text": "tomorrow", "value": "2024-04-10"},
            {"text": "on Thursday", "value": "2024-04-11"},
            {"text": "the past 48 hours", "value": "2024-04-07/2024-04-09"},
            {"text": "The previous year", "value": "2023", "anchor": "previous"},
            {"text": "25 years ago", "value": "1999"},
        ],
        "not_times": ["30 days", "6.8-magnitude"],
    },
    {   # an economic analysis: halves, fiscal years, quarters, spans
        "published": "2022-11-30",
        "text": (
            "Over the past six months, the currency has lost a third of its value. The central bank raised rates "
            "four times in the first half of the year and again in August.\n"
            "Inflation peaked at 21% in mid-2022, up from 9% a year earlier. The finance ministry expects growth "
            "to recover in the second half of next year, and its budget for the 2023/24 fiscal year assumes oil at "
            "$70 a barrel.\n"
            "Between 2015 and 2019, the economy grew by an average of 3% a year. Then came the pandemic: output "
            "fell 7% in 2020.\n"
            "Orders for the fourth quarter are down 12%, and many firms plan to cut jobs early next year.\n"
            "The IMF mission visited the capital from Nov. 2 to Nov. 15."),
        "times": [
            {"text": "the past six months", "value": "2022-05/2022-11"},
            {"text": "the first half of the year", "value": "2022-01/2022-06"},
            {"text": "in August", "value": "2022-08"},
            {"text": "mid-2022", "value": "2022"},
            {"text": "a year earlier", "value": "2021", "anchor": "previous"},
            {"text": "the second half of next year", "value": "2023-07/2023-12"},
            {"text": "the 2023/24 fiscal year", "value": "2023-07/2024-06"},
            {"text": "Between 2015 and 2019", "value": "2015/2019"},
            {"text": "in 2020", "value": "2020"},
            {"text": "the fourth quarter", "value": "2022-10/2022-12"},
            {"text": "early next year", "value": "2023"},
            {"text": "from Nov. 2 to Nov. 15", "value": "2022-11-02/2022-11-15"},
        ],
        "not_times": ["$70 a barrel", "3% a year"],
    },
    {   # a dateline without a year and a copyright line: the year from the copyright
        "published": None, "expect_published": "2023-10-05",
        "text": (
            "YEREVAN, Oct. 5 (Northline) - Thousands of people marched through the capital on Thursday evening, a "
            "week after the government announced new restrictions on assembly.\n"
            "Police said 46 people were detained. Protest organisers said they would hold another rally on "
            "Saturday and a general strike next Tuesday.\n"
            "The restrictions, approved on Sept. 28, will remain in force until the end of the year. A previous "
            "wave of protests, in the spring of 2022, ended after 11 days.\n"
            "The ombudsman said on Wednesday that detainees had been denied lawyers for up to 48 hours.\n"
            "Copyright 2023 Northline. All rights reserved."),
        "times": [
            {"text": "Oct. 5", "value": "2023-10-05"},
            {"text": "on Thursday evening", "value": "2023-10-05"},
            {"text": "a week after", "value": "2023-09-28", "anchor": "previous"},
            {"text": "on Saturday", "value": "2023-10-07"},
            {"text": "next Tuesday", "value": "2023-10-10"},
            {"text": "on Sept. 28", "value": "2023-09-28"},
            {"text": "the end of the year", "value": "2023-12"},
            {"text": "the spring of 2022", "value": "2022-03/2022-05", "anchor": "absolute"},
            {"text": "on Wednesday", "value": "2023-10-04"},
        ],
        "not_times": ["11 days", "48 hours", "46 people"],
    },
    {   # no dateline, no copyright: the latest date and the weekdays after it
        "published": None, "expect_published": "2024-10-14",
        "text": (
            "Officials in Manila confirmed on Oct. 9 that the vessel had been boarded in disputed waters. The coast "
            "guard said on Sunday that a second ship had been shadowed for hours, and the foreign ministry "
            "summoned the ambassador on Monday.\n"
            "The incident was the third this year. In August, a resupply mission was blocked near the same shoal, "
            "and in June 2023 a collision damaged a patrol boat."),
        "times": [
            {"text": "on Oct. 9", "value": "2024-10-09"},
            {"text": "on Sunday", "value": "2024-10-13"},
            {"text": "on Monday", "value": "2024-10-14"},
            {"text": "this year", "value": "2024"},
            {"text": "In August", "value": "2024-08"},
            {"text": "June 2023", "value": "2023-06"},
        ],
    },
    {   # schedules: present tense for the future, a decade, a daily window
        "published": "2025-06-02",
        "text": (
            "The summit opens in Madrid on Thursday and runs until Saturday. Leaders are expected to approve the "
            "new force model, which takes effect on Jan. 1.\n"
            "The secretary general said last week that spending targets would be reviewed in 2026 and again at the "
            "end of the decade. Ministers last met in February, when they agreed to double stocks of interceptors "
            "by 2027.\n"
            "The alliance has carried out more than 100 exercises since the start of 2024. The next large drill is "
            "scheduled for October.\n"
            "A 30-day review period begins after the summit. Delegates have been told to expect sessions to run "
            "from 9 a.m. to 11 p.m. each day."),
        "times": [
            {"text": "on Thursday", "value": "2025-06-05"},
            {"text": "until Saturday", "value": "2025-06-07"},
            {"text": "on Jan. 1", "value": "2026-01-01"},
            {"text": "last week", "value": "2025-W22"},
            {"text": "in 2026", "value": "2026"},
            {"text": "the end of the decade", "value": {"one_of": ["2029", "2029-12", "2030"]}},
            {"text": "in February", "value": "2025-02"},
            {"text": "by 2027", "value": "2027"},
            {"text": "since the start of 2024", "value": {"one_of": ["2024-01-01/2025-06-02", "2024"]}},
            {"text": "for October", "value": "2025-10"},
        ],
        "not_times": ["30-day", "9 a.m.", "11 p.m."],
    },
    {   # numbers that look like years, names, an attack named by its date
        "published": "2024-03-15",
        "text": (
            "The 2024 Paris Games are expected to draw 15 million visitors. Organisers have hired 1900 security "
            "guards, and the volunteer corps includes a 97-year-old veteran of World War II.\n"
            "The plan follows the government's Agenda 2030 and Flight 2049 landed safely. The October 7 attack and "
            "the 9/11 attacks were cited by several speakers.\n"
            "On March 3, the committee met for four hours; it meets again on the first Monday of April."),
        "times": [
            {"text": "2024", "context": "The 2024 Paris Games", "value": "2024"},
            {"text": "October 7", "value": "2023-10-07"},
            {"text": "On March 3", "value": "2024-03-03"},
            {"text": "the first Monday of April", "value": "2024-04-01"},
        ],
        "not_times": ["1900 security", "97-year-old", "World War II", "Agenda 2030", "Flight 2049", "9/11",
                      "four hours"],
    },
    {   # an election: counts from the expression before, since-expressions skipped as bases
        "published": "2021-07-19",
        "text": (
            "Yesterday's vote was the closest since 1974. Turnout was 48%, down from 61% four years earlier.\n"
            "The count will be completed by Wednesday, and the new parliament will be sworn in on Aug. 2. Coalition talks "
            "could last until the autumn, analysts said; in 2017 they took 171 days.\n"
            "The outgoing prime minister, in office since May 2016, said on Friday he would step down.\n"
            "Polls had shown the race tightening in recent weeks. Over the weekend, both leaders campaigned in the "
            "north. Early results were announced shortly after midnight."),
        "times": [
            {"text": "Yesterday", "value": "2021-07-18"},
            {"text": "since 1974", "value": "1974"},
            {"text": "four years earlier", "value": {"one_of": ["2017-07-18", "2017-07", "2017"]}, "anchor": "previous"},
            {"text": "by Wednesday", "value": "2021-07-21"},
            {"text": "on Aug. 2", "value": "2021-08-02"},
            {"text": "until the autumn", "value": "2021-09/2021-11"},
            {"text": "in 2017", "value": "2017"},
            {"text": "since May 2016", "value": "2016-05"},
            {"text": "on Friday", "value": "2021-07-16"},
            {"text": "in recent weeks", "value": "vague"},
            {"text": "Over the weekend", "value": "2021-07-17/2021-07-18"},
            {"text": "shortly after midnight", "value": "2021-07-19"},
        ],
        "not_times": ["171 days", "48%"],
    },
    {   # a ceasefire report: ISO dates, spans between months, "from now", a mid-month deadline
        "published": "2023-08-10",
        "text": (
            "The ceasefire has held since the agreement signed on May 9. Between June and August, more than "
            "200,000 displaced people returned home, the UN refugee agency said on Wednesday.\n"
            "Fighting had raged for most of 2022. The army now controls the northern highway, which rebels seized "
            "in the spring of 2021 and held until last October.\n"
            "Aid convoys resumed on 2023-07-28 after a pause of ten days. The agency hopes to double deliveries by "
            "mid-September.\n"
            "A donor conference will be held in Oslo on Sept. 4-5. Two weeks from now, the first group of monitors "
            "will arrive.\n"
            "The mission's mandate expires at the end of this year, and the Security Council will vote on its "
            "renewal in December."),
        "times": [
            {"text": "on May 9", "value": "2023-05-09"},
            {"text": "Between June and August", "value": "2023-06/2023-08", "granularity": "interval"},
            {"text": "on Wednesday", "value": "2023-08-09"},
            {"text": "2022", "value": "2022", "anchor": "absolute"},
            {"text": "the spring of 2021", "value": "2021-03/2021-05"},
            {"text": "last October", "value": "2022-10"},
            {"text": "2023-07-28", "value": "2023-07-28", "anchor": "absolute"},
            {"text": "mid-September", "value": "2023-09"},
            {"text": "on Sept. 4-5", "value": "2023-09-04/2023-09-05"},
            {"text": "Two weeks from now", "value": "2023-08-24", "anchor": "published"},
            {"text": "the end of this year", "value": "2023-12"},
            {"text": "in December", "value": "2023-12"},
        ],
        "not_times": ["ten days", "200,000"],
    },
]


PASSAGES.append(
    {   # a government release: present references, a count of days from a stated start, a fiscal year
        "published": "2024-06-14",
        "text": (
            "The regional administration said on Thursday that the city of Varnel remains encircled. The siege "
            "began on March 2, when armoured columns cut the last road south.\n"
            "Residents marked the 99th day of the siege with a vigil in the cathedral square. About 12,000 people "
            "now live in shelters, and the water plant is currently out of service.\n"
            "The United States government said it would release further aid this fiscal year. Engineers said the "
            "old bridge, built in the 19th century, had been damaged last summer and again in 2014-2016."),
        "times": [
            {"text": "on Thursday", "value": "2024-06-13"},
            {"text": "on March 2", "value": "2024-03-02"},
            {"text": "the 99th day", "value": "2024-06-08", "granularity": "day"},
            {"text": "now", "value": "2024-06-14", "anchor": "published"},
            {"text": "currently", "value": "2024-06-14"},
            {"text": "this fiscal year", "value": "2023-10/2024-09", "granularity": "interval"},
            {"text": "the 19th century", "value": "1800/1899"},
            {"text": "last summer", "value": "2023-06/2023-08"},
            {"text": "2014-2016", "value": "2014/2016"},
        ],
        "not_times": ["12,000"],
    })


def _score_passage(passage: dict):
    report = extract(passage["text"], published=passage["published"])
    data = {"article": {"file": "passage.txt"}, "times": passage["times"], "not_times": passage.get("not_times", [])}
    gold = Gold(Path("passage.yaml"), Path("passage.txt"), data)
    return report, score_report(gold, report, ["times"])["times"]


@pytest.mark.slow
@pytest.mark.parametrize("passage", PASSAGES, ids=[f"passage-{i}" for i in range(len(PASSAGES))])
def test_passages(passage):
    report, score = _score_passage(passage)
    if "expect_published" in passage:
        assert (report.article.published, report.article.published_basis) == (passage["expect_published"], "inferred")
    problems = [f"{f.text}: {f.detail}" for f in [*score.misses, *score.wrong_fields, *score.false_hits]
                if f in score.misses or f in score.wrong_fields or "not_times" in f.detail]
    assert not problems, problems


def test_passages_cover_enough_expressions():
    assert sum(len(p["times"]) for p in PASSAGES) >= 137


@pytest.mark.slow
def test_now_is_not_the_day_of_the_lead_event():
    """ "two days after <clause>" counts back from the day the story leads with; "now" is the article's date,
    not that day."""
    report = extract("Troops are now in Varnel, the army said on Monday. The assault came two days after the "
                     "bridge fell.", published="2024-06-14")
    values = {t.text: t.value for t in report.times}
    assert values["now"] == "2024-06-14"
    assert values["two days after"] == "2024-06-08"
