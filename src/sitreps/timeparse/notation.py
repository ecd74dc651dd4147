"""The report's date notation, read in one place: ``2024-10-22``, ``2024-10``, ``2024``, ``2024-W43``, ``A/B``.

Every value of the contract (an article's date, a time's value, a figure's time, an event's date) is
written in this notation; the store keys rows by their first day, fusion compares day intervals, the
evaluation checks that a month lies inside a range, the CLI checks a ``--since``. They all read it
here, so the notation has one reader and one set of rules (a week is Monday to Sunday; an interval
whose end precedes its start is read as its start alone). Pure standard library: importing this
loads nothing heavy.
"""

from __future__ import annotations

import datetime as dt
import re

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^\d{4}$")

Bounds = tuple[dt.date, dt.date]


def kind(value: str) -> str | None:
    """``day``, ``week``, ``month``, ``year`` or ``interval`` for a well-formed value, else None."""
    value = value.strip()
    if "/" in value:
        first, _, last = value.partition("/")
        return "interval" if kind(first) and kind(last) else None
    if bounds(value) is None:
        return None
    if _WEEK.match(value):
        return "week"
    if _MONTH.match(value):
        return "month"
    if _YEAR.match(value):
        return "year"
    return "day"


def bounds(value: str | None) -> Bounds | None:
    """First and last day of any value of the notation; None when it is not one."""
    if not value:
        return None
    value = str(value).strip()
    if "/" in value:
        first, _, last = value.partition("/")
        a, b = bounds(first), bounds(last)
        if a is None:
            return None
        return (a[0], b[1]) if b is not None and b[1] >= a[0] else a
    try:
        week = _WEEK.match(value)
        if week:
            monday = dt.date.fromisocalendar(int(week[1]), int(week[2]), 1)
            return monday, monday + dt.timedelta(days=6)
        month = _MONTH.match(value)
        if month:
            year, number = int(month[1]), int(month[2])
            start = dt.date(year, number, 1)
            following = dt.date(year + number // 12, number % 12 + 1, 1)
            return start, following - dt.timedelta(days=1)
        if _YEAR.match(value):
            return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
        day = dt.date.fromisoformat(value[:10])
        return day, day
    except ValueError:
        return None


def first_day(value: str | None) -> str | None:
    """``YYYY-MM-DD`` of the first day a value covers (the store's ``day`` column); None if unreadable."""
    found = bounds(value)
    return None if found is None else found[0].isoformat()


def last_day(value: str | None) -> str | None:
    found = bounds(value)
    return None if found is None else found[1].isoformat()


def as_date(value: str | None) -> dt.date | None:
    """A value's day as a date when it names one day (a date with a time counts); else None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def parse_day(value: str | dt.date) -> str:
    """An ISO day (YYYY-MM-DD) from a date or a string a user typed; ``ValueError`` says what was wrong."""
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    found = as_date(value.strip())
    if found is None:
        raise ValueError(f"not a date in the form YYYY-MM-DD: {value!r}")
    return found.isoformat()
