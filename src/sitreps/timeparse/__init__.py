"""Temporal expressions: found in text, read, and resolved to ISO 8601 periods. No spaCy needed.

    >>> from sitreps.timeparse import resolve_text
    >>> resolve_text("last June", "2024-10-22").value
    '2024-06'
    >>> resolve_text("on Friday", "2024-10-22", direction="past").value
    '2024-10-18'

``grammar`` finds and reads expressions (patterns in ``data/times.yaml``),
``resolve`` places them given the article's date and the clause's tense,
``calendar`` holds the periods and their notation. The extractor
(``sitreps.extract.times``) adds what only the parse knows: tense, which
expression came before, which names are not times.
"""

from __future__ import annotations

import datetime as dt

from sitreps.timeparse.calendar import Period, parse_value
from sitreps.timeparse.grammar import Expr, find
from sitreps.timeparse.resolve import Context, Resolution, resolve

__all__ = ["Context", "Expr", "Period", "Resolution", "find", "parse_value", "resolve", "resolve_text"]


def resolve_text(text: str, reference: str | dt.date | None, *, direction: str = "",
                 previous: str | None = None) -> Resolution | None:
    """The first temporal expression in ``text``, resolved against ``reference`` (the article's date).

    ``direction`` is the clause's tense ("past", "future", "present"); ``previous``
    the value of the expression before it, for "a week earlier" and the like.
    Case is not checked: ``text`` is taken to be a time already.
    """
    found = find(text, strict=False)
    if not found:
        return None
    if isinstance(reference, str):
        reference = dt.date.fromisoformat(reference[:10])
    before = None
    if previous:
        period = parse_value(previous)
        before = Resolution(period, "published") if period else None
    return resolve(found[0], Context(published=reference, direction=direction, previous=before))
