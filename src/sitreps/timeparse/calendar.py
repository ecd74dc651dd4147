"""Periods of the calendar and their ISO 8601 notation: the values of ``report.times``.

A ``Period`` is a run of whole days (first and last day, both inclusive) with
the unit its value is written in. The notation follows ``docs/report-format.md``:

    day        2024-10-18          week   2024-W42 (ISO week, Monday first)
    month      2024-06             year   2024
    interval   2024-10-08/2024-10-15, or 2023-10/2024-08 when both ends are months

Arithmetic keeps the unit, so "a year earlier" than the 2023/24 financial year
(2023-07/2024-06) is 2022-07/2023-06, and a year before "in July" (2024-07) is
2023-07: the shift moves the period, never sharpens or blurs it.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from dataclasses import dataclass, replace

from sitreps.timeparse import notation

UNITS = ("day", "week", "month", "quarter", "year", "decade")


def date(year: int, month: int, day: int) -> dt.date:
    """``dt.date``, but a year outside 1-9999 ("3000 years ago" in a story of 2024) is an ``OverflowError``,
    as ``date + timedelta`` already raises: one exception means "off the calendar" for ``resolve`` to catch."""
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise OverflowError(f"year {year} is outside the calendar ({dt.MINYEAR}-{dt.MAXYEAR})")
    return dt.date(year, month, day)


def month_end(year: int, month: int) -> dt.date:
    return date(year, month, _calendar.monthrange(year, month)[1] if dt.MINYEAR <= year <= dt.MAXYEAR else 1)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months; the 31st becomes the month's last day where needed."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = month_end(year, month + 1)
    return last.replace(day=min(day.day, last.day))


def shift_date(day: dt.date, n: int, unit: str) -> dt.date:
    """``day`` moved by ``n`` units (negative: back)."""
    if unit == "day":
        return day + dt.timedelta(days=n)
    if unit == "week":
        return day + dt.timedelta(weeks=n)
    if unit == "fortnight":
        return day + dt.timedelta(weeks=2 * n)
    if unit == "month":
        return add_months(day, n)
    if unit == "quarter":
        return add_months(day, 3 * n)
    if unit == "year":
        return add_months(day, 12 * n)
    if unit == "decade":
        return add_months(day, 120 * n)
    raise ValueError(f"unknown unit {unit!r}")


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@dataclass(frozen=True, slots=True)
class Period:
    """Whole days from ``start`` to ``end`` (inclusive), written in ``unit``; ``span`` for a from/to interval."""

    start: dt.date
    end: dt.date
    unit: str = "day"
    span: bool = False

    # --- constructors -------------------------------------------------------------------------
    @classmethod
    def day(cls, day: dt.date) -> Period:
        return cls(day, day, "day")

    @classmethod
    def week(cls, day: dt.date) -> Period:
        first = week_start(day)
        return cls(first, first + dt.timedelta(days=6), "week")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(date(year, month, 1), month_end(year, month), "month")

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31), "year")

    @classmethod
    def months(cls, year: int, first: int, count: int) -> Period:
        """``count`` months from ``first`` of ``year`` (may run into the next year), as a month interval."""
        start = date(year, first, 1)
        last = add_months(start, count - 1)
        return cls(start, month_end(last.year, last.month), "month", span=True)

    @classmethod
    def between(cls, first: Period, last: Period) -> Period:
        """From the start of ``first`` to the end of ``last``, written in the finer of their units."""
        unit = first.unit if UNITS.index(_plain(first.unit)) <= UNITS.index(_plain(last.unit)) else last.unit
        return cls(first.start, max(first.start, last.end), _plain(unit), span=True)

    # --- the contract's notation --------------------------------------------------------------
    @property
    def granularity(self) -> str:
        return "interval" if self.span else _plain(self.unit)

    @property
    def value(self) -> str:
        if not self.span:
            return _write(self.start, self.unit)
        unit = _plain(self.unit)
        if unit == "week":
            unit = "day"
        return f"{_write(self.start, unit)}/{_write(self.end, unit)}"

    # --- arithmetic ---------------------------------------------------------------------------
    def shift(self, n: int, unit: str) -> Period:
        """The same period ``n`` units later (earlier when negative), in the same notation."""
        if n == 0:
            return self
        start = shift_date(self.start, n, unit)
        if self.unit in ("month", "quarter", "year", "decade") or (self.span and self.unit != "day"):
            end = shift_date(self.end.replace(day=1), n, unit)
            end = month_end(end.year, end.month)
        else:
            end = shift_date(self.end, n, unit)
        if self.unit == "week" and not self.span:
            return Period.week(start)
        return replace(self, start=start, end=end)

    def coarsen(self, unit: str) -> Period:
        """The ``unit`` (month, year) that contains this period's start."""
        if unit == "month":
            return Period.month(self.start.year, self.start.month)
        if unit == "year":
            return Period.year(self.start.year)
        if unit == "week":
            return Period.week(self.start)
        return Period.day(self.start)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def _plain(unit: str) -> str:
    return {"quarter": "month", "decade": "year", "fortnight": "week"}.get(unit, unit)


def _write(day: dt.date, unit: str) -> str:
    unit = _plain(unit)
    if unit == "year":
        return f"{day.year:04d}"
    if unit == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if unit == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return day.isoformat()


def parse_value(value: str) -> Period | None:
    """The ``Period`` a contract value denotes (``2024-10``, ``2024-W42``, ``2023-10/2024-08`` …), or None."""
    found = notation.kind(value) if value else None
    if found is None:
        return None
    if found == "interval":
        first, _, last = value.partition("/")
        a, b = parse_value(first), parse_value(last)
        return None if a is None or b is None else Period.between(a, b)
    start = notation.bounds(value)[0]  # type: ignore[index]
    return {"year": lambda: Period.year(start.year), "month": lambda: Period.month(start.year, start.month),
            "week": lambda: Period.week(start), "day": lambda: Period.day(start)}[found]()
