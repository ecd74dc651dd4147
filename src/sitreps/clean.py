"""Text repair and boilerplate removal: what the extractors read must be the article and only it.

Stages, in order:

1. ftfy repairs encoding damage (mojibake, stray control characters) but keeps
   typographic quotes: they carry meaning for quote attribution later.
2. Character rules from ``data/cleaning.yaml`` (a stray ``˜`` before a word, a
   number glued to a word) and quote-direction repair (``”boots”`` -> ``“boots”``).
3. Line rules: copyright lines, disclaimers, share/newsletter chrome, wire
   credits and related-story links are removed wherever they stand; author bios
   only in the run of boilerplate that closes the article.
4. The first line becomes the title when it reads like a headline, and a
   byline among the first lines gives the authors.

Every removed line is kept with its reason and every repair with its before
and after, so the report shows what was dropped and changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import ftfy

from sitreps.resources import load_yaml
from sitreps.types import Removed, Repair

_FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, explain=False)
_TERMINAL_PUNCTUATION = tuple('.!?:;"”’\'…)')
_WORD = re.compile(r"[A-Za-z][\w'’.-]*|\d[\d,.]*")


@dataclass(frozen=True, slots=True)
class _LineRule:
    reason: str
    scope: str  # "anywhere" or "tail"
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class CleaningRules:
    """The compiled contents of ``data/cleaning.yaml``."""

    repairs: tuple[tuple[str, re.Pattern[str], str], ...]
    lines: tuple[_LineRule, ...]
    headline_min_words: int
    headline_max_words: int
    headline_capitalised_share: float
    title_max_words: int
    small_words: frozenset[str]
    byline: re.Pattern[str]
    byline_scan_lines: int


@lru_cache(maxsize=1)
def default_rules() -> CleaningRules:
    data = load_yaml("cleaning.yaml")
    headline = data["headline"]
    return CleaningRules(
        repairs=tuple((r["name"], re.compile(r["pattern"]), r["replace"]) for r in data["repairs"]),
        lines=tuple(
            _LineRule(r["reason"], r["scope"],
                      re.compile(r["pattern"], 0 if r.get("case") == "sensitive" else re.IGNORECASE))
            for r in data["boilerplate"]
        ),
        headline_min_words=headline["min_words"],
        headline_max_words=headline["max_words"],
        headline_capitalised_share=headline["capitalised_share"],
        title_max_words=headline["title_max_words"],
        small_words=frozenset(headline["small_words"]),
        byline=re.compile(data["byline"]["pattern"], re.IGNORECASE),
        byline_scan_lines=data["byline"]["scan_lines"],
    )


@dataclass(slots=True)
class CleanText:
    text: str
    removed: list[Removed] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    title: str | None = None
    byline: str | None = None  # the names part of a "By …" line


def clean(text: str, *, detect_title: bool = True, rules: CleaningRules | None = None) -> CleanText:
    """Repair ``text`` and split off its boilerplate; ``detect_title`` for plain text only."""
    rules = rules or default_rules()
    repairs: list[Repair] = []
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [_repair_line(line, rules, repairs) for line in lines if line.strip()]
    result = CleanText(text="", repairs=repairs)
    reasons: list[str | None] = [_anywhere_reason(line, rules) for line in lines]
    _mark_tail(lines, reasons, rules)
    _take_byline(lines, reasons, rules, result)
    first = next((i for i, reason in enumerate(reasons) if reason is None), None)
    for index, line in enumerate(lines):
        if reasons[index] is None and index != first and _is_headline(line, rules) and _has_body_after(reasons, index):
            reasons[index] = "related-link"
    if detect_title and first is not None and _is_title(line := lines[first], rules) and _has_body_after(reasons, first):
        result.title = line
        reasons[first] = "title"
    kept = []
    for line, reason in zip(lines, reasons):
        if reason is None:
            kept.append(line)
        elif reason != "title":
            result.removed.append(Removed(text=line, reason=reason))
    result.text = "\n".join(kept)
    return result


def _repair_line(line: str, rules: CleaningRules, repairs: list[Repair]) -> str:
    fixed = ftfy.fix_text(line, config=_FTFY_CONFIG)
    if fixed != line:
        repairs.append(Repair(line, fixed, "encoding"))
    for name, pattern, replacement in rules.repairs:
        for match in list(pattern.finditer(fixed))[:50]:
            before = _words_around(fixed, match.start(), match.end())
            repairs.append(Repair(before, pattern.sub(replacement, before), name))
        fixed = pattern.sub(replacement, fixed)
    requoted, flipped = _repair_quote_direction(fixed)
    for index in flipped:
        repairs.append(Repair(_words_around(fixed, index, index + 1),
                              _words_around(requoted, index, index + 1), "quote-direction"))
    return requoted.strip()


def _words_around(text: str, start: int, end: int) -> str:
    """The word a match touches and the word after it, so a repair reads in context."""
    left = text.rfind(" ", 0, start) + 1
    right = text.find(" ", end + 1)
    right = text.find(" ", right + 1) if right != -1 else -1
    return text[left: right if right != -1 else len(text)]


def _repair_quote_direction(line: str) -> tuple[str, list[int]]:
    """Curly double quotes pointing the wrong way: an opening ” becomes “ and a closing “ becomes ”."""
    chars = list(line)
    flipped: list[int] = []
    for i, char in enumerate(chars):
        if char not in "“”":
            continue
        before = chars[i - 1] if i else " "
        after = chars[i + 1] if i + 1 < len(chars) else " "
        if char == "”" and before.isspace() and after.isalnum():
            chars[i] = "“"
            flipped.append(i)
        elif char == "“" and not before.isspace() and before not in "([" and (after.isspace() or after in ".,;:!?)"):
            chars[i] = "”"
            flipped.append(i)
    return "".join(chars), flipped


def _anywhere_reason(line: str, rules: CleaningRules) -> str | None:
    for rule in rules.lines:
        if rule.scope == "anywhere" and rule.pattern.match(line):
            return rule.reason
    return None


def _tail_reason(line: str, rules: CleaningRules) -> str | None:
    for rule in rules.lines:
        if rule.scope == "tail" and rule.pattern.match(line):
            return rule.reason
    return None


def _mark_tail(lines: list[str], reasons: list[str | None], rules: CleaningRules) -> None:
    """Walk up from the end while lines are boilerplate; bios count only there."""
    for index in range(len(lines) - 1, 0, -1):
        if reasons[index] is not None:
            continue
        reason = _tail_reason(lines[index], rules)
        if reason is None and _is_headline(lines[index], rules):
            reason = "related-link"
        if reason is None:
            return
        reasons[index] = reason


def _is_headline(line: str, rules: CleaningRules) -> bool:
    """A line inside the body in Title Case without closing punctuation: a link to another story."""
    if line.endswith(_TERMINAL_PUNCTUATION):
        return False
    words = _WORD.findall(line)
    if not rules.headline_min_words <= len(words) <= rules.headline_max_words:
        return False
    content = [w for w in words if w.lower() not in rules.small_words and not w[0].isdigit()]
    return bool(content) and sum(w[0].isupper() for w in content) / len(content) >= rules.headline_capitalised_share


def _is_title(line: str, rules: CleaningRules) -> bool:
    """A first line that does not end like a sentence is the headline, in any capitalisation."""
    return not line.endswith(_TERMINAL_PUNCTUATION) and 3 <= len(line.split()) <= rules.title_max_words


def _has_body_after(reasons: list[str | None], index: int) -> bool:
    return any(reason is None for reason in reasons[index + 1:])


def _take_byline(lines: list[str], reasons: list[str | None], rules: CleaningRules, result: CleanText) -> None:
    for index in range(min(rules.byline_scan_lines, len(lines))):
        if reasons[index] is not None:
            continue
        match = rules.byline.match(lines[index])
        if match and len(lines[index]) < 200:
            reasons[index] = "byline"
            result.byline = match.group("names")
            return
