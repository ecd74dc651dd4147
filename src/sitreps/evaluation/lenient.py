"""Lenient comparison of a gold value with a report value (``one_of``, ``between``, loose text).

Gold files are written by people about texts that are sometimes vague; the
comparison accepts what the gold says is acceptable and nothing else.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sitreps.timeparse.notation import first_day, last_day

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'", "–": "-", "—": "-"})
_NON_WORD = re.compile(r"[^\w]+")
NUMBER_TOLERANCE = 1e-6


def same_length_normal(text: str) -> str:
    """Quotes and dashes made plain, one character for one, so offsets still line up."""
    return text.translate(_QUOTES)


def loose_text(text: Any) -> str:
    """Case, quotes, punctuation and spacing removed: for comparing names and phrases."""
    return _NON_WORD.sub(" ", str(text).translate(_QUOTES).casefold()).strip()


def _stems(text: Any) -> str:
    """Loose words with a plural -s dropped, space-padded for whole-word containment ("rials" ~ "rial")."""
    words = (w[:-1] if len(w) > 3 and w.endswith("s") else w for w in loose_text(text).split())
    return " " + " ".join(words) + " "


def normal(value: Any) -> Any:
    """YAML reads 2024-10-22 as a date: make it the ISO string a report holds (inside lenient forms too)."""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: normal(item) for key, item in value.items()}
    if isinstance(value, list):
        return [normal(item) for item in value]
    return value


def matches(gold: Any, actual: Any, *, loose: bool = False) -> bool:
    """True when ``actual`` is an answer the gold accepts."""
    if isinstance(gold, dict):
        if "one_of" in gold:
            return any(matches(option, actual, loose=loose) for option in gold["one_of"])
        if "between" in gold:
            low, high = (normal(v) for v in gold["between"])
            return _between(low, high, actual)
        raise ValueError(f"unknown lenient form {sorted(gold)}")
    gold = normal(gold)
    if gold is None or actual is None:
        return gold is None and actual is None
    if isinstance(gold, bool) or isinstance(actual, bool):
        return gold == actual
    if isinstance(gold, (int, float)) and isinstance(actual, (int, float)):
        return abs(float(gold) - float(actual)) <= NUMBER_TOLERANCE * max(1.0, abs(float(gold)))
    if loose:
        g, a = _stems(gold), _stems(actual)
        return bool(g.strip()) and bool(a.strip()) and (g in a or a in g)  # whole words: "US" is not in "Russia"
    return str(gold).casefold() == str(actual).casefold()


def _between(low: Any, high: Any, actual: Any) -> bool:
    if actual is None:
        return False
    if isinstance(low, (int, float)) and isinstance(actual, (int, float)):
        return float(low) <= float(actual) <= float(high)
    text = str(actual)
    if "/" in text:  # an interval lies between when both ends do
        start, _, end = text.partition("/")
        return _between(low, high, start) and _between(low, high, end)
    # a month or year is inside a range only when all of it is: compare first and last days of both
    days = (first_day(str(low)), first_day(text), last_day(text), last_day(str(high)))
    if None in days:
        return False
    return days[0] <= days[1] and days[2] <= days[3]  # type: ignore[operator]
