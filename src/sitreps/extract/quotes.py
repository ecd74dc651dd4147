"""Quoted passages: straight, curly and unbalanced double quotes, read as scraped text has them.

Pages copied from the web mix ``"…"``, ``“…”`` and marks turned the wrong way
(``”boots on the ground”``, ``capabilities“ to``), and some quotes never close
(``“cannon fodder in an illegal war …``). The direction of a mark is read from
its neighbours, not from its shape: a mark after a space (or at the start of a
paragraph) and before a word opens; a mark after a word and before a space or
punctuation closes; only a mark with spaces on both sides falls back on its
shape (``“`` opens, ``”`` closes, ``"`` toggles).

Then, within each paragraph:

1. an opening mark while a quote is open ends that quote (it never closed);
2. a closing mark with no quote open is dropped;
3. a quote still open at the end of the paragraph runs to its end.

``find_quotes(text)`` gives each quote's content offsets (between the marks)
and whether it was closed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MARKS = {'"': "toggle", "“": "open", "”": "close", "„": "open", "«": "open", "»": "close", "″": "toggle"}
_OPENERS_BEFORE = set(" \t\n([{—–-/")
_STOPS = re.compile("[\n" + re.escape("".join(MARKS)) + "]")


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # first character inside the marks
    end: int  # end of the content (exclusive): the closing mark, or the paragraph's end
    closed: bool

    def covers(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


def _direction(text: str, i: int) -> str:
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    space_before = before in _OPENERS_BEFORE
    space_after = after.isspace() or after in ".,;:!?)]}" or after == ""
    if space_before and not space_after:
        return "open"
    if not space_before and space_after:
        return "close"
    shape = MARKS[text[i]]
    if shape != "toggle":
        return shape
    return "toggle"


def find_quotes(text: str) -> list[Quote]:
    """Every quoted passage of ``text`` (see the module docstring for the rules)."""
    quotes: list[Quote] = []
    open_at: int | None = None
    for found in _STOPS.finditer(text):  # only line breaks and marks change anything: not a walk over every character
        i, char = found.start(), found.group()
        if char == "\n":
            if open_at is not None and i > open_at:
                quotes.append(Quote(open_at, i, False))
            open_at = None
            continue
        direction = _direction(text, i)
        if direction == "toggle":
            direction = "close" if open_at is not None else "open"
        if direction == "open":
            if open_at is not None and i > open_at:
                quotes.append(Quote(open_at, i, False))
            open_at = i + 1
        elif open_at is not None:
            quotes.append(Quote(open_at, i, True))
            open_at = None
    if open_at is not None and len(text) > open_at:
        quotes.append(Quote(open_at, len(text), False))
    return [q for q in quotes if text[q.start:q.end].strip()]


def words(text: str, quote: Quote) -> int:
    return len(text[quote.start:quote.end].split())
