"""Turning an ``Expr`` into a calendar period, given the article's date and the verb's tense.

What a bare date means depends on its clause: "on Friday" in "said on Friday"
is the last Friday, in "will meet on Friday" the next one, and "in October" in
"expires in October" lies ahead. ``Context.direction`` carries that ("past",
"future", "present"; present tense counts as future for dates, since news
reports past events in the past tense and schedules in the present).

Conventions (docs/times.md):
- a date without a year is the nearest one on the clause's side of the article date;
- "early/mid/late X" keeps X's own value ("late November 2023" is 2023-11): the
  text does not say where in X, and a guess would look like a fact;
- expressions with a year in them are ``absolute``; those counted from the
  article's date ``published``; those counted from another expression of the
  text ("a week earlier", "the same day", a clock time) ``previous``;
- counts without a number ("days later") are windows: 2-6 days, 2-4 weeks …
  (``vague_counts`` in data/times.yaml); "years ago" and "in recent days" are vague.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import cast

from sitreps.timeparse.calendar import Period, add_months, shift_date, week_start
from sitreps.timeparse.calendar import date as calendar_date
from sitreps.timeparse.grammar import Expr, vocab

Direction = str  # "past" | "perfect" | "future" | "present" | ""


@dataclass(slots=True)
class Resolution:
    """A resolved expression: its period (None when it cannot be placed), how it was anchored."""

    period: Period | None
    anchor: str = "published"
    vague: bool = False
    granularity_override: str | None = None
    recent: bool = False     # vague but about now ("in recent days"): "a week earlier" counts from the article's date

    @property
    def value(self) -> str | None:
        return None if self.vague or self.period is None else self.period.value

    @property
    def granularity(self) -> str:
        if self.vague:
            return "vague"
        if self.granularity_override:
            return self.granularity_override
        return self.period.granularity if self.period else "vague"


@dataclass(slots=True)
class Context:
    """What resolving one expression may look at besides its own words."""

    published: dt.date | None
    direction: Direction = ""
    previous: Resolution | None = None       # the nearest expression before this one in the text
    sentence_day: Period | None = None       # a day named in the same sentence (for clock times)
    sentence_before: Resolution | None = None  # an expression earlier in the same sentence
    event: Period | None = None              # the lead event's day, for "two days after <clause>"
    fiscal_start: int = 7
    count_start: Period | None = None        # the stated start a "99th day of the siege" counts from
    day_first: bool = False                  # the publisher writes 18/10/2024

    def forward(self, expr: Expr) -> bool:
        """Whether a date without a year lies ahead of the article's date rather than behind it."""
        if expr.prep in vocab()["forward_prepositions"]:
            return True
        if expr.prep == "since":
            return False
        if expr.prep == "until" and self.direction != "past":
            return True               # "has kept the markets closed until Friday": the end lies ahead
        return self.direction in ("future", "present")

    def choose(self, expr: Expr, behind: dt.date | None, ahead: dt.date | None, ref: dt.date) -> dt.date | None:
        """Of the nearest candidate before ``ref`` and the nearest after, the one the clause points to.

        A present-tense clause ("whose term ends on Dec. 29", "expires in October",
        "grapples with the turmoil after the martial law of Dec. 3") takes the
        one ahead unless it is more than twice as far as the one behind.
        """
        if behind is None or ahead is None:
            return behind or ahead
        if self.direction == "present" and expr.prep not in vocab()["forward_prepositions"] and expr.prep != "since":
            return ahead if (ahead - ref).days <= 2 * (ref - behind).days else behind
        return ahead if self.forward(expr) else behind


VAGUE = Resolution(None, "published", vague=True)
OFF_CALENDAR = Resolution(None, "published", vague=True)  # a count that runs past year 1 or 9999


def resolve(expr: Expr, ctx: Context) -> Resolution | None:
    """The period ``expr`` denotes, or None when it names no time of this story.

    A period off the calendar ("built 3000 years ago" in a story of 2024, "in 9000 years") is an expression
    without a value, never an error: ``calendar`` raises ``OverflowError`` for every date outside years
    1-9999, as Python's date arithmetic does."""
    handler = _HANDLERS.get(expr.kind)
    if handler is None:
        return None
    try:
        return handler(expr, ctx)
    except OverflowError:
        return OFF_CALENDAR


# --- helpers ------------------------------------------------------------------------------------

def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _pick(candidates: list[dt.date], ref: dt.date, forward: bool, *, strict: bool = False) -> dt.date | None:
    """The nearest candidate on the wanted side of ``ref`` (same day counts unless ``strict``)."""
    if forward:
        ahead = [c for c in candidates if c > ref or (c == ref and not strict)]
        return min(ahead) if ahead else None
    behind = [c for c in candidates if c < ref or (c == ref and not strict)]
    return max(behind) if behind else None


def _unit_for_span(unit: str) -> str:
    return {"fortnight": "day", "week": "day", "quarter": "month", "decade": "year"}.get(unit, unit)


def _span(start: dt.date, end: dt.date, unit: str) -> Period:
    return Period(min(start, end), max(start, end), _unit_for_span(unit), span=True)


def _given(value: int | None) -> int:
    """A field the grammar always fills for this kind of expression (a date's month and day, a year's
    year, a quarter's number): the reading functions below are only called with it set."""
    return cast(int, value)


# --- absolute and month-day dates --------------------------------------------------------------

def _date(e: Expr, ctx: Context) -> Resolution | None:
    month, day = _given(e.month), _given(e.day)
    if e.groups.get("ambiguous") and ctx.day_first:
        month, day = day, month
    if e.year is not None:
        date = _safe_date(e.year, month, day)
        return Resolution(Period.day(date), "absolute") if date else None
    if ctx.published is None:
        return Resolution(None, "published", granularity_override="day")
    p = ctx.published
    if e.offset is not None:
        date = _safe_date(p.year + e.offset, month, day)
        return Resolution(Period.day(date), "published") if date else None
    candidates = [d for y in (p.year - 1, p.year, p.year + 1) if (d := _safe_date(y, month, day))]
    chosen = ctx.choose(e, _pick(candidates, p, False), _pick(candidates, p, True), p)
    return Resolution(Period.day(chosen), "published") if chosen else None


def _month(e: Expr, ctx: Context) -> Resolution | None:
    month = _given(e.month)
    if e.year is not None:
        return Resolution(Period.month(e.year, month), "absolute")
    if ctx.published is None:
        return Resolution(None, "published", granularity_override="month")
    p = ctx.published
    this = dt.date(p.year, p.month, 1)
    candidates = [dt.date(y, month, 1) for y in (p.year - 1, p.year, p.year + 1) if dt.MINYEAR <= y <= dt.MAXYEAR]
    if e.offset is not None and e.kind == "month" and not e.groups.get("yrel"):
        chosen = (dt.date(p.year, month, 1) if e.offset == 0 else
                  _pick(candidates, this, e.offset > 0, strict=True))
    elif e.groups.get("yrel"):
        chosen = calendar_date(p.year + _given(e.offset), month, 1)
    else:
        chosen = ctx.choose(e, _pick(candidates, this, False), _pick(candidates, this, True), this)
    return Resolution(Period.month(chosen.year, chosen.month), "published") if chosen else None


def _year(e: Expr, ctx: Context) -> Resolution:
    return Resolution(Period.year(_given(e.year)), "absolute")


def _year_span(e: Expr, ctx: Context) -> Resolution:
    if e.groups.get("fiscal") or e.groups.get("fy"):
        return Resolution(Period.months(_given(e.year), ctx.fiscal_start, 12), "absolute")
    return Resolution(Period.between(Period.year(_given(e.year)), Period.year(_given(e.n))), "absolute")


def _fiscal_year(ending: int, ctx: Context) -> Period:
    """The financial year named by the calendar year it ends in ("fiscal 2024", "FY24": to September 2024
    in the US); a year that starts in January is the calendar year."""
    if ctx.fiscal_start == 1:
        return Period.months(ending, 1, 12)
    return Period.months(ending - 1, ctx.fiscal_start, 12)


def _fiscal(e: Expr, ctx: Context) -> Resolution | None:
    """ "fiscal 2024", "FY2024", "this fiscal year", "last financial year"."""
    if e.year is not None:
        return Resolution(_fiscal_year(e.year, ctx), "absolute")
    if ctx.published is None:
        return Resolution(None, "published", granularity_override="interval")
    p = ctx.published
    current = p.year + (1 if ctx.fiscal_start != 1 and p.month >= ctx.fiscal_start else 0)
    return Resolution(_fiscal_year(current + (e.offset or 0), ctx), "published")


def _century(e: Expr, ctx: Context) -> Resolution | None:
    """ "the 20th century" is 1900/1999, as TimeML writes it ("19"); "early" or "late" keep the whole century."""
    if e.n is not None:
        first = (e.n - 1) * 100
        anchor = "absolute"
    elif ctx.published is not None:
        first = (ctx.published.year // 100 + (e.offset or 0)) * 100
        anchor = "published"
    else:
        return Resolution(None, "published", granularity_override="interval")
    if first < 1:
        return OFF_CALENDAR
    return Resolution(Period.between(Period.year(first), Period.year(first + 99)), anchor)


def _decade(e: Expr, ctx: Context) -> Resolution:
    year = _given(e.year)
    return Resolution(Period.between(Period.year(year), Period.year(year + 9)), "absolute")


def _season_period(year: int, season: str) -> Period:
    first, last = vocab()["seasons"][season]
    length = (last - first) % 12 + 1
    return Period.months(year, first, length)


def _season(e: Expr, ctx: Context) -> Resolution | None:
    season = e.groups["season"]
    if e.year is not None:
        return Resolution(_season_period(e.year, season), "absolute")
    if ctx.published is None:
        return Resolution(None, "published", granularity_override="interval")
    p = ctx.published
    options = [_season_period(y, season) for y in (p.year - 2, p.year - 1, p.year, p.year + 1)]
    if e.offset == -1:
        chosen = max((o for o in options if o.end < p), key=lambda o: o.start)
    elif e.offset == 1:
        chosen = min((o for o in options if o.start > p), key=lambda o: o.start)
    elif e.offset == 0:
        chosen = next((o for o in options if o.contains(p)), None) or \
            min((o for o in options if o.start > p), key=lambda o: o.start)
    elif ctx.forward(e):
        chosen = min((o for o in options if o.end >= p), key=lambda o: o.start)
    else:
        chosen = max((o for o in options if o.start <= p), key=lambda o: o.start)
    return Resolution(chosen, "published")


def _quarter(e: Expr, ctx: Context) -> Resolution | None:
    first = 3 * (_given(e.n) - 1) + 1
    if e.year is not None:
        return Resolution(Period.months(e.year, first, 3), "absolute")
    if ctx.published is None:
        return Resolution(None, "published", granularity_override="interval")
    p = ctx.published
    if e.offset is not None:
        return Resolution(Period.months(p.year + e.offset, first, 3), "published")
    options = [Period.months(y, first, 3) for y in (p.year - 1, p.year, p.year + 1)]
    if ctx.forward(e):
        chosen = min((o for o in options if o.end >= p), key=lambda o: o.start)
    else:
        chosen = max((o for o in options if o.start <= p), key=lambda o: o.start)
    return Resolution(chosen, "published")


def _half(e: Expr, ctx: Context) -> Resolution:
    return Resolution(Period.months(_given(e.year), 1 if e.n == 1 else 7, 6), "absolute")


# --- relative to the article's date --------------------------------------------------------------

def _relative(e: Expr, ctx: Context) -> Resolution | None:
    unit = e.unit or "year"
    if ctx.published is None:
        return Resolution(None, "published", granularity_override="interval" if unit == "decade" else unit)
    p = ctx.published
    if unit == "week":
        base = Period.week(p + dt.timedelta(weeks=e.offset or 0))
        if e.offset == 0 and e.mod == "earlier" and p > base.start:
            return Resolution(_span(base.start, p - dt.timedelta(days=1), "day"), "published", granularity_override="week")
        if e.offset == 0 and e.mod == "later" and p < base.end:
            return Resolution(_span(p + dt.timedelta(days=1), base.end, "day"), "published", granularity_override="week")
        return Resolution(_part(base, e.mod, ctx), "published")
    if unit == "month":
        start = add_months(dt.date(p.year, p.month, 1), e.offset or 0)
        return Resolution(_part(Period.month(start.year, start.month), e.mod, ctx), "published")
    if unit == "decade":
        first = (p.year // 10 + (e.offset or 0)) * 10
        return Resolution(Period.between(Period.year(first), Period.year(first + 9)), "published")
    return Resolution(_part(Period.year(p.year + (e.offset or 0)), e.mod, ctx), "published")


def _part(base: Period, mod: str | None, ctx: Context) -> Period:
    """A part of ``base``: its end (the last month of a year, the last day of a month), its first half …"""
    if not mod or mod in ("early", "mid", "late", "earlier", "later", "middle"):
        return base
    unit = base.unit if not base.span else "interval"
    if mod == "end":
        if unit == "year" or (base.span and (base.end - base.start).days > 62):
            return Period.month(base.end.year, base.end.month)
        return Period.day(base.end)
    if mod == "start":
        if unit == "year" or (base.span and (base.end - base.start).days > 62):
            return Period.month(base.start.year, base.start.month)
        return Period.day(base.start)
    if mod in ("first half", "second half"):
        if unit == "year":
            return Period.months(base.start.year, 1 if mod == "first half" else 7, 6)
        middle = base.start + (base.end - base.start) / 2
        return _span(base.start, middle, "day") if mod == "first half" else _span(middle + dt.timedelta(days=1), base.end, "day")
    if mod == "rest" and ctx.published:
        return _span(ctx.published, base.end, "day")
    if ":" in mod:
        side, count, count_unit = mod.split(":")
        n = int(count)
        if side == "first":
            last = shift_date(base.start, n, count_unit) - dt.timedelta(days=1)
            return _span(base.start, min(last, base.end), count_unit)
        first = shift_date(base.end + dt.timedelta(days=1), -n, count_unit)
        return _span(max(first, base.start), base.end, count_unit)
    return base


def _weekend(e: Expr, ctx: Context) -> Resolution | None:
    if ctx.published is None:
        return Resolution(None, "published", granularity_override="interval")
    p = ctx.published
    saturday = week_start(p) + dt.timedelta(days=5)
    if e.offset == -1:
        saturday -= dt.timedelta(weeks=1)
    elif e.offset == 1:
        saturday += dt.timedelta(weeks=1)
    elif e.offset is None and not ctx.forward(e) and saturday > p:
        saturday -= dt.timedelta(weeks=1)
    return Resolution(_span(saturday, saturday + dt.timedelta(days=1), "day"), "published")


def weekday_date(weekday: int, ref: dt.date, *, forward: bool, offset: int | None = None,
                 week: int | None = None) -> dt.date:
    """The date of ``weekday`` seen from ``ref``: "on Friday", "last Friday", "next week on Friday"."""
    if week is not None:
        return week_start(ref) + dt.timedelta(weeks=week, days=weekday)
    if offset == 0:
        return week_start(ref) + dt.timedelta(days=weekday)
    if offset == 1:
        return week_start(ref) + dt.timedelta(weeks=1, days=weekday)
    back = (ref.weekday() - weekday) % 7
    if offset == -1:
        return ref - dt.timedelta(days=back or 7)
    if forward:
        return ref + dt.timedelta(days=(weekday - ref.weekday()) % 7)
    return ref - dt.timedelta(days=back)


def _weekday(e: Expr, ctx: Context) -> Resolution | None:
    if ctx.published is None:
        return Resolution(None, "published", granularity_override="day")
    week = int(e.groups["week"]) if "week" in e.groups else None
    date = weekday_date(_given(e.weekday), ctx.published, forward=ctx.forward(e), offset=e.offset, week=week)
    return Resolution(Period.day(date), "published")


_DEICTIC = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
            "yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2,
            "the day after tomorrow": 2}


def _deictic(e: Expr, ctx: Context) -> Resolution | None:
    word = " ".join(e.groups.get("word", "").lower().split())
    if word in _DEICTIC:
        if ctx.published is None:
            return Resolution(None, "published", granularity_override="day")
        return Resolution(Period.day(ctx.published + dt.timedelta(days=_DEICTIC[word])), "published")
    if ctx.sentence_day is not None:        # "overnight", "by mid-morning": the day the sentence is about
        return Resolution(ctx.sentence_day, "previous")
    if ctx.published is None:
        return Resolution(None, "published", granularity_override="day")
    return Resolution(Period.day(ctx.published), "published")


def _present(e: Expr, ctx: Context) -> Resolution | None:
    """ "now", "currently", "at present": TimeML's PRESENT_REF, resolved against the article's date (its
    document creation time), so a figure "now" at 40 carries the day it was reported."""
    if ctx.published is None:
        return Resolution(None, "published", granularity_override="day")
    return Resolution(Period.day(ctx.published), "published")


# --- relative to another expression --------------------------------------------------------------

def _nth_day(e: Expr, ctx: Context) -> Resolution | None:
    """ "the 99th day of the siege": day 1 is the stated start, so day N is N-1 days after it. Without a
    stated start (in the words, "since Feb. 24", or in the text, ``ctx.count_start``) it names no date."""
    if e.parts:
        inner = resolve(e.parts[0], ctx)
        start, anchor = (inner.period, inner.anchor) if inner is not None and inner.period is not None else (None, "")
    else:
        start, anchor = ctx.count_start, "previous"
    if start is None or start.span or start.unit != "day" or not e.n:
        return None
    return Resolution(Period.day(shift_date(start.start, e.n - 1, "day")), anchor)


def _base_previous(ctx: Context, unit: str | None = None) -> Period | None:
    """The period "earlier"/"later" counts from: the expression before, or the article's date after "recently"."""
    previous = ctx.previous
    if previous is not None and previous.period is not None and not previous.vague:
        return previous.period
    return Period.day(ctx.published) if ctx.published else None


def _count_window(unit: str) -> tuple[int, int]:
    low, high = vocab()["vague_counts"].get(unit, [2, 6])
    return int(low), int(high)


def _shift_from(base: Period, e: Expr) -> Period:
    sign = e.offset or 1
    unit = e.unit or "day"
    if e.n is None:
        low, high = _count_window(unit)
        if sign > 0:
            return _span(shift_date(base.end, low, unit), shift_date(base.end, high, unit), unit)
        return _span(shift_date(base.start, -high, unit), shift_date(base.start, -low, unit), unit)
    if e.n == 0:
        return base
    if base.span or base.unit in ("month", "year") and unit in ("month", "quarter", "year", "decade"):
        return base.shift(sign * e.n, unit)
    if base.unit in ("month", "year"):
        return Period.day(shift_date(base.start, sign * e.n, unit)).coarsen(base.unit)
    return Period.day(shift_date(base.start, sign * e.n, unit))


def _shift(e: Expr, ctx: Context) -> Resolution | None:
    base_kind = e.groups.get("base", "previous")
    if e.approx and base_kind in ("event", "follows"):
        return None                      # "more than three years after …": a duration, not a date
    if base_kind == "published":
        if ctx.published is None:
            return Resolution(None, "published", granularity_override="day")
        unit = e.unit or "day"
        shifted = _shift_from(Period.day(ctx.published), e)
        if unit in ("month", "quarter", "year", "decade") and not shifted.span:
            shifted = shifted.coarsen("month" if unit in ("month", "quarter") else "year")
        return Resolution(shifted, "published")
    if base_kind == "time":
        inner = resolve(e.parts[0], ctx)
        if inner is None or inner.period is None:
            return inner
        return Resolution(_shift_from(inner.period, e), inner.anchor)
    base: Period | None
    if base_kind in ("event", "apposed"):
        before = ctx.sentence_before
        if base_kind == "apposed" and before is not None and before.period is not None and not before.vague:
            base = before.period
        else:
            base = ctx.event or (Period.day(ctx.published) if ctx.published else None)
        return Resolution(_shift_from(base, _reversed(e)), "previous") if base else None
    base = _base_previous(ctx, e.unit)
    return Resolution(_shift_from(base, e), "previous") if base else None


def _reversed(e: Expr) -> Expr:
    """ "X came two days after <Y>": Y is two days before X."""
    return Expr(e.kind, e.start, e.end, e.text, e.groups, unit=e.unit, n=e.n, offset=-(e.offset or 1))


def _neighbour(e: Expr, ctx: Context) -> Resolution | None:
    """ "the same day", "the following day", "the year before": the named unit next to the previous expression."""
    unit = e.unit or "day"
    base = _base_previous(ctx, unit)
    if base is None:
        return None
    own = base.coarsen(unit) if not (base.unit == unit and not base.span) else base
    return Resolution(own.shift(e.offset or 0, unit) if e.offset else own, "previous")


def _span_kind(e: Expr, ctx: Context) -> Resolution | None:
    if e.n is None:
        return VAGUE
    unit = e.unit or "day"
    anchor = "published"
    base: dt.date | None = ctx.published
    near = ctx.sentence_before
    if e.groups.get("previous_word") and ctx.previous and ctx.previous.period and not ctx.previous.vague:
        near = near or ctx.previous
    if near is not None and near.period is not None and not near.vague and near.period.unit == "day" and not near.period.span:
        base, anchor = near.period.start, "previous"
    if base is None:
        return Resolution(None, anchor, granularity_override="interval")
    if (e.offset or -1) < 0:
        return Resolution(_span(shift_date(base, -e.n, unit), base, unit), anchor)
    return Resolution(_span(base, shift_date(base, e.n, unit), unit), anchor)


def _since_then(e: Expr, ctx: Context) -> Resolution | None:
    base = _base_previous(ctx)
    if base is None or ctx.published is None or base.start > ctx.published:
        return VAGUE
    return Resolution(_span(base.start, ctx.published, "day"), "previous")


def _boundary_year(e: Expr, ctx: Context) -> Resolution | None:
    unit = "month" if "month" in e.text.lower() else "year"
    near = ctx.sentence_before
    if near is not None and near.period is not None and not near.vague:
        return Resolution(near.period.coarsen(unit), "previous")
    if ctx.published is None:
        return Resolution(None, "published", granularity_override=unit)
    return Resolution(Period.day(ctx.published).coarsen(unit), "published")


def _part_of(e: Expr, ctx: Context) -> Resolution | None:
    if e.parts:
        inner = resolve(e.parts[0], ctx)
        if inner is None or inner.period is None:
            return inner
        base, anchor = inner.period, inner.anchor
    else:
        if ctx.published is None:
            return Resolution(None, "published", granularity_override="interval")
        unit = e.unit or "year"
        if unit in ("decade", "century"):
            size = 10 if unit == "decade" else 100
            first = ctx.published.year // size * size
            base = Period.between(Period.year(first), Period.year(first + size - 1))
        else:
            base = Period.day(ctx.published).coarsen(unit)
        anchor = "published"
    if e.prep == "since" and e.mod == "start" and ctx.published and base.start <= ctx.published:
        return Resolution(_span(base.start, ctx.published, "day"), anchor)   # "since the start of the year"
    return Resolution(_part(base, e.mod, ctx), anchor)


def _nth_weekday(e: Expr, ctx: Context) -> Resolution | None:
    """ "the first Monday of April", "the last Friday of the month"."""
    if e.parts:
        inner = resolve(e.parts[0], ctx)
        if inner is None or inner.period is None:
            return inner
        base, anchor = inner.period, inner.anchor
    elif ctx.published is not None:
        base, anchor = Period.day(ctx.published).coarsen("month"), "published"
    else:
        return Resolution(None, "published", granularity_override="day")
    first = base.start + dt.timedelta(days=(_given(e.weekday) - base.start.weekday()) % 7)
    days = [first + dt.timedelta(weeks=k) for k in range(6) if first + dt.timedelta(weeks=k) <= base.end]
    if not days or (e.n or 1) > len(days):
        return None
    return Resolution(Period.day(days[-1] if e.n == -1 else days[(e.n or 1) - 1]), anchor)


def _window(e: Expr, ctx: Context) -> Resolution | None:
    inner = resolve(e.parts[0], ctx) if e.parts else None
    if inner is None or inner.period is None or e.n is None:
        return inner
    unit = e.unit or "day"
    if (e.offset or 1) > 0:
        return Resolution(_span(inner.period.start, shift_date(inner.period.start, e.n, unit), unit), inner.anchor)
    return Resolution(_span(shift_date(inner.period.start, -e.n, unit), inner.period.start, unit), inner.anchor)


def _interval(e: Expr, ctx: Context) -> Resolution | None:
    first, second = e.parts
    right = resolve(second, ctx)
    if right is None or right.period is None:
        return right
    if first.year is None and first.kind in ("date", "month") and first.month:
        end = right.period.start      # the start lies on or before the end: same year, or the one before
        year = end.year if (first.month, first.day or 1) <= (end.month, end.day) else end.year - 1
        left = resolve(replace(first, year=year), ctx)
    else:
        left = resolve(first, ctx)
    if left is None or left.period is None:
        return left
    return Resolution(Period.between(left.period, right.period), right.anchor)


def _clock(e: Expr, ctx: Context) -> Resolution | None:
    if ctx.sentence_day is not None:
        return Resolution(ctx.sentence_day, "previous")
    previous = ctx.previous
    if previous is not None and previous.period is not None and not previous.vague and previous.period.unit == "day" \
            and not previous.period.span:
        return Resolution(previous.period, "previous")
    if ctx.published is None:
        return Resolution(None, "previous", granularity_override="day")
    return Resolution(Period.day(ctx.published), "previous")


def _vague(e: Expr, ctx: Context) -> Resolution:
    return Resolution(None, "published", vague=True, recent=bool(e.groups.get("recent")))


_HANDLERS = {
    "date": _date, "month": _month, "year": _year, "year_span": _year_span, "decade": _decade,
    "season": _season, "quarter": _quarter, "half": _half, "relative": _relative, "weekend": _weekend,
    "weekday": _weekday, "deictic": _deictic, "shift": _shift, "neighbour_day": _neighbour, "span": _span_kind,
    "since_then": _since_then, "boundary_year": _boundary_year, "part_of": _part_of, "window_after": _window,
    "interval": _interval, "clock": _clock, "vague": _vague, "nth_weekday": _nth_weekday,
    "present": _present, "century": _century, "fiscal": _fiscal, "nth_day": _nth_day,
}

# Kinds resolved from the article's date alone; the others lean on a neighbour and come second.
INDEPENDENT = {"date", "month", "year", "year_span", "decade", "season", "quarter", "half", "relative", "weekend",
               "weekday", "interval", "vague", "present", "century", "fiscal"}
