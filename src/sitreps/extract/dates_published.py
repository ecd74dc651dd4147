"""The article's own date, inferred from its text when neither the user nor the page's metadata gave it.

News dates most events relative to the day it appears ("on Friday", "last
week"), so every relative date hangs on this one. The evidence, strongest first:

1. **A dateline** ("KYIV, Nov 26 (Meridian Wire) -"): the day of publication.
   Its year, when it has none, is the one that fits the rest of the text: not
   before the latest year the text mentions in the past tense; not inside a
   month the text names with its year (writers say "this month", not "December
   2023", for the current month); and best where the dateline's weekday is
   one the text uses ("said on Thursday" on a Thursday). A copyright year
   settles it.
2. **The latest date the text mentions** as past, its year from the copyright
   line or the latest year mentioned. The article appeared on or after it.
3. **Weekday references** that must fall on or after that date: "on Friday"
   and "on Monday" after "Oct. 18" (a Friday) put the article on Monday
   Oct. 21 or later; each "on <weekday>" also bounds the window from above,
   since a weekday names a day of the past week.

The page's own date line ("Saturday, August 30, 2008" under the title,
"Published 3 March 2022" at the foot) is read before any of this, by the
cleaner (``sitreps.clean``), and dates the article in the pipeline; the text is
searched here only when there is none. ``is_date_line`` tells the times
extractor which expression that line is, so it is not taken for the day of the
story's lead event.

The result is the earliest date that fits, with the window of dates that fit
as well; ``published_basis`` is "inferred". No evidence, no date: relative
expressions then keep a granularity but no value.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import cast

from sitreps.timeparse.grammar import Expr

_COPYRIGHT = re.compile(r"(?:copyright|©|\(c\))\s*(?:©\s*)?((?:19|20)\d\d)", re.IGNORECASE)
_DATELINE_LEAD = re.compile(r"^\s*[A-Z][A-Z'’.\- ]{1,40}(?:,\s*[^,\n]{2,40}){0,2},\s*$")
_DATELINE_TAIL = re.compile(r"^\s*(?:\(|[-–—]|/)")
_LETTERS = re.compile(r"[A-Za-z]{2,}")
# lower-case words a date line may hold besides its date and clock time ("Last updated on", "10:15 a.m. local time")
_DATE_LINE_WORDS = frozenset({"on", "at", "updated", "published", "posted", "modified", "local", "time"})
_DATE_LINE_PLACES = (6, 3)   # a date line stands among the text's first six lines or its last three


@dataclass(frozen=True, slots=True)
class Inferred:
    """The inferred date, the window of dates the evidence allows, and what it rests on."""

    date: dt.date
    latest: dt.date
    reason: str
    dateline: Expr | None = None


def copyright_year(text: str, removed: list[str]) -> int | None:
    years = [int(m.group(1)) for line in [*removed, text[-600:]] for m in _COPYRIGHT.finditer(line)]
    return max(years) if years else None


def find_dateline(text: str, exprs: list[Expr]) -> Expr | None:
    """A date at the head of the story's first lines, after a place in capitals: "SEOUL, Dec 19 (Agency) -"."""
    head_end = _nth_line_end(text, 3)
    for e in exprs:
        if e.start >= head_end:
            break
        if e.kind != "date" or e.prep:
            continue
        line_start = text.rfind("\n", 0, e.start) + 1
        if _DATELINE_LEAD.match(text[line_start:e.start]) and _DATELINE_TAIL.match(text[e.end:e.end + 3]):
            return e
    return None


def is_date_line(text: str, e: Expr) -> bool:
    """Whether ``e`` is the page's date line that the cleaner kept ("Saturday, August 30, 2008",
    "Aug. 30, 2008 | 5:42 PM", "Updated: March 4, 2022, 10:15 a.m. ET"): a date with its year that makes
    up a line near the top or the foot, with at most a label word or two and a clock time beside it.
    Such a line dates the page, not the story's events; a line that tells something ("Troops left on
    March 3, 2022.") has a lower-case word of its own and is not one."""
    if not e.year or e.kind == "year":
        return False
    line_start = text.rfind("\n", 0, e.start) + 1
    line_end = text.find("\n", e.end)
    line_end = len(text) if line_end < 0 else line_end
    top, bottom = _DATE_LINE_PLACES
    if text.count("\n", 0, line_start) >= top and text.count("\n", line_end) >= bottom:
        return False
    words = _LETTERS.findall(text[line_start:e.start] + " " + text[e.end:line_end])
    lower = [w for w in words if w[0].islower() and len(w) > 1 and w not in ("am", "pm")]
    return all(w in _DATE_LINE_WORDS for w in lower) and len(words) - len(lower) <= 3


def _nth_line_end(text: str, n: int) -> int:
    end = -1
    for _ in range(n):
        end = text.find("\n", end + 1)
        if end < 0:
            return len(text)
    return end


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_day(e: Expr) -> tuple[int, int]:
    """The month and day of a date expression, which the grammar always reads for a date."""
    return cast(int, e.month), cast(int, e.day)


def infer_published(exprs: list[Expr], directions: list[str], text: str, removed: list[str], *,
                    today: dt.date | None = None) -> Inferred | None:
    """The article's date from its own text (see the module docstring), or None when nothing fixes it."""
    today = today or dt.date.today()
    past = [(e, d) for e, d in zip(exprs, directions) if d not in ("future", "present")]
    weekdays = [cast(int, e.weekday) for e, _ in past if e.kind == "weekday" and e.offset is None and "week" not in e.groups]
    copyright = copyright_year(text, removed)
    explicit_days = [d for e, _ in past if e.kind == "date" and e.year and (d := _safe(e.year, *_month_day(e)))]
    named_months = {(e.year, cast(int, e.month)) for e, _ in past if e.kind == "month" and e.year}
    # the article is no older than any year it names in the past tense; a month or day written with
    # its year is probably from an earlier year (the current one goes without); a bare year may be this one
    dated = [e.year for e, _ in past if e.year and e.kind in ("date", "month", "season")]
    bare = [e.year for e, _ in past if e.year and e.kind == "year"]
    floor = max([*dated, *bare], default=0) or None
    likely = min(max([*(y + 1 for y in dated), *bare], default=0), today.year) or None

    dateline = find_dateline(text, exprs)
    if dateline is not None:
        if dateline.year:
            day = _safe(dateline.year, *_month_day(dateline))
            return Inferred(day, day, "dateline", dateline) if day else None
        day = _dateline_year(dateline, copyright, (floor, likely), explicit_days, named_months, weekdays, today)
        return Inferred(day, day, "dateline and the text's years and weekdays", dateline) if day else None

    year = copyright or likely
    if year is None:
        return None
    month_days = [d for e, _ in past if e.kind == "date" and not e.year and e.offset is None
                  and (d := _safe(year, *_month_day(e))) and d <= today]
    candidates = explicit_days + month_days
    if not candidates:
        return None
    latest = max(candidates)
    for year_, month in named_months:
        if (year_, month) >= (latest.year, latest.month):
            return None   # the text names a month at least as late as its latest day: no day to stand on
    earliest = latest
    upper = latest + dt.timedelta(days=13)
    for weekday in weekdays:
        first = latest + dt.timedelta(days=(weekday - latest.weekday()) % 7)
        earliest = max(earliest, first)
        upper = min(upper, first + dt.timedelta(days=6))
    if earliest > today:
        return None
    reason = "latest date mentioned" + (" and later weekdays" if earliest > latest else "")
    return Inferred(earliest, max(earliest, min(upper, today)), reason)


def _dateline_year(dateline: Expr, copyright: int | None, years: tuple[int | None, int | None],
                   explicit_days: list[dt.date], named_months: set[tuple[int, int]], weekdays: list[int],
                   today: dt.date) -> dt.date | None:
    """The year of a dateline without one: the copyright year, else the year from the text's own years
    where the dateline falls on a weekday the text uses, nearest the likeliest year."""
    if copyright:
        return _safe(copyright, *_month_day(dateline))
    floor, likely = years
    likely = likely or today.year
    low = floor or today.year - 10
    best: tuple[int, int, int, dt.date] | None = None
    for year in range(low, min(today.year, likely + 3) + 1):
        day = _safe(year, *_month_day(dateline))
        if day is None or day > today or (year, dateline.month) in named_months:
            continue
        if any(d > day for d in explicit_days):
            continue
        key = (int(day.weekday() in weekdays), -abs(year - likely), year)
        if best is None or key > best[:3]:
            best = (*key, day)
    return best[3] if best else None
