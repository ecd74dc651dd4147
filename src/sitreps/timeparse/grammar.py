"""Finding temporal expressions in text and reading them into ``Expr``: what the words say, not yet a date.

Three passes over the text, all driven by ``data/times.yaml``:

1. every pattern runs over the text; each hit is a candidate with its kind
   ("date", "month", "weekday", "shift" …) and its named groups;
2. the longest candidates win where they overlap, and nothing overlapping a
   ``not_times`` span ("World War III", a daily "between 7 a.m. and 10 p.m.")
   or glued to a name suffix ("an October 7-like attack") survives;
3. neighbours are joined: a preposition before an expression ("since", "by",
   "beyond") is kept with it, "between A and B" / "from A to B" become one
   interval, and "the end of" / "the first two weeks of" / "in the two days
   after" take the expression that follows as their base.

``Expr`` records the reading ("Oct. 18" is month 10, day 18, no year); turning
it into a date needs the article's date and the verb's tense, which is
``sitreps.timeparse.resolve``'s job. Nothing here needs spaCy.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, cast

from sitreps.resources import load_yaml

VOCAB_FILE = "times.yaml"


@dataclass(slots=True)
class Expr:
    """One temporal expression as written: its span and what its words say."""

    kind: str
    start: int
    end: int
    text: str
    groups: dict[str, str] = field(default_factory=dict)
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    unit: str | None = None
    n: int | None = None            # a count; None where the words give none ("days later")
    offset: int | None = None       # last -1, this 0, next +1; for shifts the sign
    mod: str | None = None          # early, mid, late, earlier, later, end, start, first-half, …
    prep: str | None = None         # since, until, by, before, after, beyond, in, on, at
    parts: list[Expr] = field(default_factory=list)   # interval ends, or the base of a part/window
    approx: bool = False            # "more than three years after": a duration, not a date

    @property
    def has_year(self) -> bool:
        return self.year is not None or any(p.has_year for p in self.parts)


# --- vocabulary ----------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def vocab() -> dict[str, Any]:
    return load_yaml(VOCAB_FILE)


def _alternation(words: list[str], *, period: bool = False) -> str:
    ordered = sorted(set(words), key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") + (r"\.?" if period else "") for w in ordered)
    return rf"(?<![\w'])(?:{body})(?!\w)"


@lru_cache(maxsize=1)
def placeholders() -> dict[str, str]:
    v = vocab()
    months = list(v["months"])
    ordinals = list(v["ordinals"])
    weekdays = _alternation(list(v["weekdays"])) + "|" + "|".join(
        rf"(?<!\w){re.escape(a)}\.(?!\w)" for a in v["weekday_abbreviations"])
    numbers = [*v["numbers"], *v["vague_numbers"]]
    return {
        "MONTH": rf"(?P<month>{_alternation(months, period=True)})",
        "MONTH_FULL": rf"(?P<month>{_alternation(v['months_standalone'], period=False)})",
        "DAY": rf"(?P<day>(?<![\d,.])(?:[0-3]?\d)(?:st|nd|rd|th)?(?!\d|:|,\d|\.\d)|{_alternation(ordinals)})",
        "YEAR": r"(?P<year>(?<![\d$£€,.])(?:1[89]|20)\d\d)(?!\w|,\d|\.\d|%)",
        "WEEKDAY": rf"(?P<weekday>{weekdays})",
        "NUM": rf"(?:\d+(?:\.\d+)?|{_alternation(numbers)})",
        "UNIT": _alternation(list(v["units"])),
        "ORDINAL": rf"(?<![\d,.])\d{{1,4}}(?:st|nd|rd|th)(?!\w)|{_alternation(ordinals)}",
    }


Pattern = tuple[str, tuple[str, ...], re.Pattern[str]]   # kind, trigger classes, regex
_STARTS_A_WORD = r"(?<!\w)"


@lru_cache(maxsize=1)
def compiled() -> tuple[list[Pattern], list[re.Pattern[str]]]:
    """The patterns, placeholders filled, in file order; and the not-a-time patterns."""
    fill = placeholders()

    def build(source: str) -> re.Pattern[str]:
        for name, value in fill.items():
            source = source.replace("{" + name + "}", value)
        return re.compile(_STARTS_A_WORD + source, re.IGNORECASE)   # an expression starts a word

    patterns = [(p["kind"], tuple([p["near"]] if isinstance(p["near"], str) else p["near"]), build(p["pattern"]))
                for p in vocab()["patterns"]]
    blockers = [build(source) for source in vocab()["not_times"]]
    return patterns, blockers


@lru_cache(maxsize=1)
def _triggers() -> re.Pattern[str]:
    """One regex for every trigger class; the class is the name of the group that matched."""
    return re.compile("|".join(f"(?P<{name}>{source})" for name, source in vocab()["triggers"].items()))


# Where a trigger can start: every trigger class begins with a digit or at the start of a word (a month or
# weekday name after no letter, a word after ``\b``), so the trigger regex is tried only there, not at
# every character (a regex that opens with a look-behind gets no fast scan from Python's engine).
_TRIGGER_STARTS = re.compile(r"\d|\b\w")


def _trigger_hits(text: str) -> dict[str, list[tuple[int, int]]]:
    """Every trigger word's span by class: what ``_triggers().finditer(text)`` finds (leftmost, not overlapping),
    with the regex tried only where a trigger can start."""
    hits: dict[str, list[tuple[int, int]]] = {name: [] for name in vocab()["triggers"]}
    triggers, reached = _triggers(), 0
    for start in _TRIGGER_STARTS.finditer(text):
        position = start.start()
        if position < reached:
            continue
        match = triggers.match(text, position)
        if match is not None:
            hits[match.lastgroup or ""].append(match.span())
            reached = match.end()
    return hits


def _windows(text: str, classes: tuple[str, ...], hits: dict[str, list[tuple[int, int]]],
             cache: dict[tuple[str, ...], list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """Stretches of ``text`` near a trigger word of ``classes``, merged: the only places a pattern can match."""
    if classes not in cache:
        reach = int(vocab()["trigger_reach"])
        merged: list[list[int]] = []
        for start, end in sorted(span for name in classes for span in hits[name]):
            start, end = max(0, start - reach), min(len(text), end + reach)
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        cache[classes] = [(a, b) for a, b in merged]
    return cache[classes]


# --- pass 1 and 2: candidates, longest first ----------------------------------------------------

_CAPITALISED = ("month", "weekday")
_OF_GAP = re.compile(r"\s*(?:of\s+)?(?:the\s+)?", re.IGNORECASE)


def find(text: str, *, strict: bool = True, blocked: list[tuple[int, int]] | None = None) -> list[Expr]:
    """Every temporal expression in ``text``, in order, read but not resolved.

    ``strict`` (article text) wants month and weekday names capitalised; a
    span already known to be a time (tests, benchmarks) may be lower case.
    """
    patterns, _ = compiled()
    blocked = blocked_spans(text) if blocked is None else blocked
    overlaps_blocked = _overlap_test(blocked)
    candidates: list[tuple[int, int, int, str, re.Match[str]]] = []
    windows: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    hits = _trigger_hits(text) if strict else {}
    whole = [(0, len(text))]
    for order, (kind, near, pattern) in enumerate(patterns):
        for match in (m for a, b in (_windows(text, near, hits, windows) if strict else whole)
                      for m in pattern.finditer(text, a, b)):
            start, end = match.span("span") if "span" in pattern.groupindex and match.group("span") else match.span()
            if end <= start or (strict and not _capitalised(match)):
                continue
            if overlaps_blocked(start, end):
                continue
            candidates.append((start, end, order, kind, match))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int, str, re.Match[str]]] = []
    taken_starts: list[int] = []  # the taken spans never overlap: in start order their ends rise too
    taken_ends: list[int] = []
    for start, end, _, kind, match in candidates:
        k = bisect_left(taken_starts, end)  # spans starting before this one ends; only the last can reach it
        if k == 0 or taken_ends[k - 1] <= start:
            taken.append((start, end, kind, match))
            taken_starts.insert(k, start)
            taken_ends.insert(k, end)
    taken.sort(key=lambda t: t[0])
    exprs = []
    for start, end, kind, match in taken:
        if _named_suffix(text, end):
            continue
        expr = _read(kind, start, end, text, match)
        if expr is not None:
            exprs.append(expr)
    return _join(text, exprs)


def _overlap_test(spans: list[tuple[int, int]]):
    """A test ``(start, end) -> bool``: does any of ``spans`` overlap ``[start, end)``? (a binary search over the
    spans' starts and the furthest end so far, not a pass over every span per candidate)."""
    ordered = sorted(spans)
    starts = [s for s, _ in ordered]
    furthest: list[int] = []
    for _, e in ordered:
        furthest.append(max(e, furthest[-1]) if furthest else e)

    def overlaps(start: int, end: int) -> bool:
        k = bisect_left(starts, end)
        return k > 0 and furthest[k - 1] > start
    return overlaps


def blocked_spans(text: str) -> list[tuple[int, int]]:
    """Spans that look like times but name something else ("World War III", "9/11").

    What each not-a-time pattern's ``finditer`` gives, found faster: one joined regex lists every position
    where some pattern matches (most articles: none), and each pattern is tried only there."""
    blockers, any_blocker = compiled()[1], _any_blocker()
    if any_blocker is None:
        return [m.span() for b in blockers for m in b.finditer(text)]
    starts: list[int] = []
    found = any_blocker.search(text)
    while found is not None:
        starts.append(found.start())
        found = any_blocker.search(text, found.start() + 1)
    spans: list[tuple[int, int]] = []
    for blocker in blockers:
        reached = 0
        for position in starts:
            if position < reached:
                continue
            match = blocker.match(text, position)
            if match is None:
                continue
            if match.end() == match.start():  # an empty match: finditer's own stepping rules apply
                return [m.span() for b in blockers for m in b.finditer(text)]
            spans.append(match.span())
            reached = match.end()
    return spans


@lru_cache(maxsize=1)
def _any_blocker() -> re.Pattern[str] | None:
    """One regex that matches at every position where any not-a-time pattern does, and only there. The
    patterns' shared "starts a word" test is taken out in front, so it runs once per position, not once per
    pattern; a pattern with an alternation at its top level ("A|B": the test binds only to A) keeps its own.
    None where the patterns could not be joined (a group, whose number or name would change)."""
    blockers = compiled()[1]
    if any(b.groups for b in blockers) or len({b.flags for b in blockers}) > 1:
        return None
    shared = [b.pattern[len(_STARTS_A_WORD):] for b in blockers
              if b.pattern.startswith(_STARTS_A_WORD) and not _top_level_alternation(b.pattern)]
    alone = [b.pattern for b in blockers
             if not b.pattern.startswith(_STARTS_A_WORD) or _top_level_alternation(b.pattern)]
    branches = ([f"{_STARTS_A_WORD}(?:{'|'.join(f'(?:{s})' for s in shared)})"] if shared else []) \
        + [f"(?:{source})" for source in alone]
    try:
        return re.compile("|".join(branches), blockers[0].flags) if branches else None
    except re.error:
        return None


def _top_level_alternation(source: str) -> bool:
    """Whether a regex has a ``|`` outside any group or character class (or might have: an odd escape at the
    end counts as yes)."""
    depth, in_class, i = 0, False, 0
    while i < len(source):
        char = source[i]
        if char == "\\":
            if i + 1 >= len(source):
                return True
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if source[i + 1:i + 2] == "^":
                i += 1
            if source[i + 1:i + 2] == "]":  # "[]...]" and "[^]...]": a leading ] is a member
                i += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
        i += 1
    return False


def _capitalised(match: re.Match[str]) -> bool:
    for name in _CAPITALISED:
        if name in match.re.groupindex and match.group(name) and not match.group(name)[0].isupper():
            return False
    return True


def _named_suffix(text: str, end: int) -> bool:
    """ "October 7-like": the date names an earlier event used as a comparison."""
    tail = text[end:end + 12].lower()
    return any(tail.startswith("-" + s) for s in vocab()["name_suffixes"])


# --- reading one candidate --------------------------------------------------------------------

def _number(word: str | None) -> int | None:
    """A count from digits or words; None for vague counts ("several") and absent ones."""
    if not word:
        return None
    word = " ".join(word.lower().split())
    if word.replace(".", "", 1).isdigit():
        return round(float(word))
    return vocab()["numbers"].get(word)


def _day_number(word: str) -> int | None:
    word = " ".join(word.lower().split())
    digits = re.match(r"\d+", word)
    day = int(digits.group()) if digits else vocab()["ordinals"].get(word.replace("the ", ""))
    return day if day and 1 <= day <= 31 else None


def _month_number(word: str) -> int | None:
    if word.isdigit():
        return int(word) if 1 <= int(word) <= 12 else None
    return vocab()["months"][word.lower().rstrip(".")]


def _weekday_number(word: str) -> int:
    key = word.lower().rstrip(".")
    return vocab()["weekdays"].get(key, vocab()["weekday_abbreviations"].get(key, 0))


_REL = {"this": 0, "current": 0, "last": -1, "past": -1, "previous": -1, "preceding": -1,
        "next": 1, "coming": 1, "following": 1, "upcoming": 1, "the": 0}
_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
             "final": 4, "last": 4}


def _read(kind: str, start: int, end: int, text: str, match: re.Match[str]) -> Expr | None:
    g = {k: v for k, v in match.groupdict().items() if v}
    e = Expr(kind, start, end, text[start:end], g)
    low = {k: " ".join(v.lower().split()) for k, v in g.items()}
    if "year" in g:
        e.year = int(g["year"])
    elif "yy" in g:                      # "June '23"
        e.year = int(g["yy"]) + (2000 if int(g["yy"]) < 50 else 1900)
    if "month" in g:
        e.month = _month_number(g["month"])
        if e.month is None:
            return None
    if "day" in g:
        e.day = _day_number(g["day"])
        if e.day is None:
            return None
    if "weekday" in g:
        e.weekday = _weekday_number(g["weekday"])
    if "unit" in g:
        e.unit = vocab()["units"].get(low["unit"], low["unit"])
    e.mod = (low.get("mod") or low.get("pre") or "").rstrip("-").replace("the middle of", "mid") or None
    if e.mod and e.mod.endswith(" in"):
        e.mod = e.mod[:-3]
    if "yrel" in g:
        e.offset = _REL[low["yrel"]]
    if "prep" in g and kind in ("month", "season", "weekend", "span"):
        e.prep = vocab()["prepositions"].get(low["prep"], low["prep"])
    reader = _READERS.get(kind)
    return reader(e, low) if reader else e


def _read_numeric(e: Expr, low: dict[str, str]) -> Expr | None:
    n1, n2, n3 = int(low["n1"]), int(low["n2"]), int(low["n3"])
    e.year = n3 if n3 > 99 else (2000 + n3 if n3 < 50 else 1900 + n3)
    if n1 > 12 and n2 <= 12:
        e.day, e.month = n1, n2
    elif n2 > 12 and n1 <= 12:
        e.month, e.day = n1, n2
    elif n1 <= 12 and n2 <= 12:
        e.month, e.day = n1, n2      # month first unless told otherwise; see resolve.day_first
        e.groups["ambiguous"] = "1"
    else:
        return None
    e.kind = "date"
    return e


def _read_date(e: Expr, low: dict[str, str]) -> Expr | None:
    if e.kind in ("iso_date", "numeric_date_ymd"):
        e.kind = "date"
    return e if e.month and e.day else None


def _read_day_range(e: Expr, low: dict[str, str]) -> Expr | None:
    last = _day_number(low["day2"])
    if last is None or e.day is None or last <= e.day:
        return None
    first = Expr("date", e.start, e.end, e.text, year=e.year, month=e.month, day=e.day, offset=e.offset)
    second = Expr("date", e.start, e.end, e.text, year=e.year, month=e.month, day=last, offset=e.offset)
    return Expr("interval", e.start, e.end, e.text, e.groups, parts=[first, second])


def _read_month(e: Expr, low: dict[str, str]) -> Expr:
    if e.mod in ("last", "this", "next"):
        e.offset, e.mod = _REL[e.mod], None
    if e.mod == "earlier" or e.mod == "later":
        e.mod = "early" if e.mod == "earlier" else "late"
    return e


def _read_season(e: Expr, low: dict[str, str]) -> Expr:
    e.groups["season"] = low["season"]
    if e.mod in _REL:
        e.offset, e.mod = _REL[e.mod], None
        if e.offset == 0 and low.get("mod") == "the":
            e.offset = None
    return e


def _read_quarter(e: Expr, low: dict[str, str]) -> Expr:
    e.n = int(low["qn"]) if "qn" in low else _QUARTERS[low["q"]]
    e.offset = _REL[low["rel"]] if "rel" in low else None
    return e


def _read_half(e: Expr, low: dict[str, str]) -> Expr | None:
    if e.year is None:
        return None
    e.n = int(low["hn"])
    return e


def _read_year_span(e: Expr, low: dict[str, str]) -> Expr | None:
    second = low["year2"]
    # the year-span pattern always reads a first year, so ``e.year`` is set here
    last = int(second) if len(second) == 4 else (cast(int, e.year) // 100) * 100 + int(second)
    if not e.year or not 0 < last - e.year <= 10:
        return None
    e.n = last
    return e


def _ordinal(word: str) -> int | None:
    """ "99th" -> 99, "second" -> 2."""
    word = " ".join(word.lower().split())
    digits = re.match(r"\d+", word)
    return int(digits.group()) if digits else vocab()["ordinals"].get(word)


def _read_century(e: Expr, low: dict[str, str]) -> Expr | None:
    if "ord" in low:
        e.n = _ordinal(low["ord"])
        if not e.n or not 1 <= e.n <= 30:
            return None
    else:
        rel = low["rel"].replace("the ", "")
        e.offset = {"this": 0, "current": 0, "last": -1, "past": -1, "previous": -1, "next": 1}[rel]
    return e


def _read_fiscal(e: Expr, low: dict[str, str]) -> Expr:
    if "rel" in low:
        e.offset = _REL[low["rel"]]
    return e


def _read_nth_day(e: Expr, low: dict[str, str]) -> Expr | None:
    e.n = _ordinal(low["ord"])
    if not e.n:
        return None
    e.groups["what"] = low.get("what", "")
    return e


def _read_decade(e: Expr, low: dict[str, str]) -> Expr:
    e.year = int(low["decade"])
    return e


def _read_relative(e: Expr, low: dict[str, str]) -> Expr:
    e.offset = _REL.get(low.get("rel", "this"), 0)
    if e.mod == "earlier" and "rel" not in low:
        e.mod = "earlier"
    e.mod = {"the end of": "end", "the start of": "start", "the beginning of": "start", "mid": "mid"}.get(e.mod or "", e.mod)
    return e


def _read_weekend(e: Expr, low: dict[str, str]) -> Expr:
    e.offset = _REL.get(low["rel"], 0) if low["rel"] != "the" else None
    return e


def _read_weekday(e: Expr, low: dict[str, str]) -> Expr:
    word = low.get("wmod")
    if word:
        e.offset = {"last": -1, "past": -1, "next": 1, "coming": 1, "this": 0}[word]
    week = low.get("wk") or low.get("wk2")
    if week:
        e.groups["week"] = str(_REL[week])
    if "daypart" in low and low["daypart"] != "alone":
        e.groups["daypart"] = low["daypart"]
    return e


def _read_holiday(e: Expr, low: dict[str, str]) -> Expr:
    e.month, e.day = vocab()["holidays"][low["holiday"].replace("’", "'")]
    e.kind = "date"
    return e


def _read_shift(e: Expr, low: dict[str, str]) -> Expr:
    e.n = _number(low.get("num"))
    direction = low["dir"]
    e.offset = -1 if direction in ("earlier", "before", "ago", "previously") else 1
    e.groups["base"] = {"ago": "published", "from now": "published"}.get(direction, "previous")
    if direction in ("before", "after", "following"):
        e.groups["base"] = "follows"   # decided by what follows: a time, a clause, or nothing
    if e.unit == "day" and low.get("unit", "").startswith("hour"):
        e.n = 0 if e.n is None or e.n < 24 else e.n // 24
    return e


def _read_neighbour(e: Expr, low: dict[str, str]) -> Expr:
    which = low["which"]
    e.offset = {"same": 0, "that": 0, "the same": 0, "previous": -1, "preceding": -1, "before": -1,
                "next": 1, "following": 1, "after": 1}[which]
    e.n = 1 if e.offset else 0
    return e


def _read_span(e: Expr, low: dict[str, str]) -> Expr:
    e.offset = _REL[low["rel"]]
    e.n = _number(low.get("num")) if low.get("num") else (1 if not low.get("unit", "").endswith("s") else None)
    if low.get("unit", "").startswith("hour"):
        e.n = max(1, (e.n or 24) // 24)
    e.groups["previous_word"] = "1" if low["rel"] in ("previous", "preceding", "following") else ""
    return e


def _read_part(e: Expr, low: dict[str, str]) -> Expr:
    part = low["part"]
    if "punit" in low:
        count = _number(low.get("num")) or 1
        unit = vocab()["units"][low["punit"]]
        e.mod = f"{'first' if part == 'first' else 'last'}:{count}:{unit}"
    else:
        e.mod = {"beginning": "start", "remainder": "rest", "latter half": "second half", "turn": "start"}.get(part, part)
    return e


def _read_window(e: Expr, low: dict[str, str]) -> Expr:
    e.n = _number(low.get("num"))
    e.offset = -1 if low["dir"] in ("before", "leading up to") else 1
    if low.get("unit", "").startswith("hour"):
        e.unit, e.n = "day", max(1, (e.n or 24) // 24)
    return e


def _read_nth_weekday(e: Expr, low: dict[str, str]) -> Expr:
    e.n = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": -1}[low["nth"]]
    return e


def _read_clock(e: Expr, low: dict[str, str]) -> Expr | None:
    if "hour" in low and not 0 <= int(low["hour"]) <= 24:
        return None
    return e


_READERS = {
    "numeric_date": _read_numeric, "iso_date": _read_date, "numeric_date_ymd": _read_date, "date": _read_date,
    "day_range": _read_day_range, "month": _read_month, "season": _read_season, "quarter": _read_quarter,
    "half": _read_half, "year_span": _read_year_span, "decade": _read_decade, "relative": _read_relative,
    "weekend": _read_weekend, "weekday": _read_weekday, "holiday": _read_holiday, "shift": _read_shift,
    "neighbour_day": _read_neighbour, "span": _read_span, "part_of": _read_part, "window_after": _read_window,
    "clock": _read_clock, "nth_weekday": _read_nth_weekday, "century": _read_century, "fiscal": _read_fiscal,
    "nth_day": _read_nth_day,
}


# --- pass 3: neighbours joined ------------------------------------------------------------------

_INTERVAL_GAP = re.compile(r"^\s*(?:-|–|—|to|until|till|through|and|thru)\s*$", re.IGNORECASE)
_INTERVAL_OPEN = re.compile(r"(?:from|between)\s+$", re.IGNORECASE)
_NEEDS_BASE = ("part_of", "window_after", "nth_weekday")
_POSSESSIVE_GAP = re.compile(r"\s*(?:the\s+)?", re.IGNORECASE)
_APPOSITION = re.compile(r"\S\s*,\s*$")
_NTH_DAY_GAP = re.compile(r"\s*(?:since|after|from|counting\s+from)\s+(?:the\s+)?", re.IGNORECASE)
_POINTS = {"date", "month", "year", "weekday", "season", "quarter", "holiday", "deictic", "relative", "weekend"}


def _join(text: str, exprs: list[Expr]) -> list[Expr]:
    exprs = _bare_month_ends(text, exprs)
    out: list[Expr] = []
    i = 0
    while i < len(exprs):
        e = exprs[i]
        after = exprs[i + 1] if i + 1 < len(exprs) else None
        gap = text[e.end:after.start] if after else ""
        if e.kind in _NEEDS_BASE:
            if after is not None and _OF_GAP.fullmatch(gap) and after.kind not in (*_NEEDS_BASE, "vague"):
                out.append(replace(e, end=after.end, text=text[e.start:after.end], parts=[after]))
                i += 2
                continue
            if (e.kind == "part_of" and e.unit) or e.kind == "nth_weekday":
                out.append(e)      # "the end of the year": its own base; "the first Monday": this month's
            i += 1
            continue
        if e.kind == "nth_day" and after is not None and _NTH_DAY_GAP.fullmatch(gap) and after.kind in _POINTS:
            # "the 99th day since Feb. 24": counted from the day named
            out.append(replace(e, end=after.end, text=text[e.start:after.end], parts=[after]))
            i += 2
            continue
        if e.kind == "shift" and e.groups.get("base") == "follows":
            if after is not None and _POSSESSIVE_GAP.fullmatch(gap) and after.kind in _POINTS:
                out.append(replace(e, end=after.end, text=text[e.start:after.end], groups={**e.groups, "base": "time"},
                                   parts=[after]))
                i += 2
                continue
            apposed = _APPOSITION.search(text[max(0, e.start - 24):e.start]) and out and e.start - out[-1].end <= 3
            # "on Tuesday, a day after the quake struck": the quake is a day before the date just named;
            # "The strike came two days after Ukraine said": before the day of the story's lead event
            e.groups["base"] = "apposed" if apposed else "event"
        if after is not None and _INTERVAL_GAP.match(gap) and _can_pair(text, e, after, gap):
            start = e.start
            opener = _INTERVAL_OPEN.search(text[max(0, e.start - 9):e.start])
            if opener:
                start = e.start - len(opener.group())
            out.append(Expr("interval", start, after.end, text[start:after.end], parts=[e, after]))
            i += 2
            continue
        out.append(e)
        i += 1
    return [_with_preposition(text, e) for e in out]


def _can_pair(text: str, first: Expr, second: Expr, gap: str) -> bool:
    """Two expressions joined by to/and/a dash are one interval when both are points of the same kind."""
    points = {"date", "month", "year", "weekday", "season", "quarter", "present"}   # "between now and June"
    if first.kind not in points or second.kind not in points:
        return False
    opener = _INTERVAL_OPEN.search(text[max(0, first.start - 9):first.start])
    if gap.strip().lower() == "and":
        return opener is not None and opener.group().strip().lower() == "between" or \
            (first.prep == "between")
    return True


@lru_cache(maxsize=1)
def _month_after_link() -> re.Pattern[str]:
    return re.compile(r"(\s*(?:-|–|to|until|till|through|and)\s*)" + placeholders()["MONTH_FULL"] + r"(?!\s*\d)",
                      re.IGNORECASE)


def _bare_month_ends(text: str, exprs: list[Expr]) -> list[Expr]:
    """A month standing alone after "to"/"and" ends an interval begun by a date or month ("June to August")."""
    pattern = _month_after_link()
    extra: list[Expr] = []
    for e in exprs:
        if e.kind not in ("month", "date"):
            continue
        match = pattern.match(text, e.end)
        if match and match.group("month")[0].isupper() and \
                not any(o.start < match.end() and match.start("month") < o.end for o in exprs):
            start = match.start("month")
            extra.append(Expr("month", start, match.end(), text[start:match.end()], month=_month_number(match.group("month"))))
    return sorted([*exprs, *extra], key=lambda x: x.start)


@lru_cache(maxsize=1)
def _lead_words() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Regexes for a preposition just before an expression, one at its head, an approximation before it."""
    preps = sorted(vocab()["prepositions"], key=len, reverse=True)
    words = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in preps)
    approx = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(vocab()["approximate_words"], key=len, reverse=True))
    return (re.compile(rf"(?<![\w-])(?:{words})\s+$", re.IGNORECASE),
            re.compile(rf"(?:{words})(?=\s)", re.IGNORECASE),
            re.compile(rf"(?<!\w)(?:{approx})\s+$|^(?:{approx})\s", re.IGNORECASE))


def _with_preposition(text: str, e: Expr) -> Expr:
    """Keep the preposition before an expression ("since Jan. 12", "beyond March") and read its meaning."""
    preps = vocab()["prepositions"]
    before, head, approx = _lead_words()
    if e.prep is None:
        match = before.search(text, max(0, e.start - 16), e.start)
        if match:
            e.prep = preps[" ".join(match.group().lower().split())]
            e.start = match.start()
            e.text = text[e.start:e.end]
        else:
            at_head = head.match(e.text)
            if at_head:
                e.prep = preps.get(" ".join(at_head.group().lower().split()))
    e.approx = bool(approx.search(text, max(0, e.start - 14), e.start) or approx.match(e.text))
    return e
