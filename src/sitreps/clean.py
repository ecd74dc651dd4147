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
5. A date line (a line that is nothing but a date, near the top or labelled
   "Published"/"Updated" at the end) stays in the text, is never taken for a
   headline, a related link or the title, and gives the page's date
   (``CleanText.date_line``): the pipeline dates the article with it before any
   extractor runs.

Every removed line is kept with its reason and every repair with its before
and after, so the report shows what was dropped and changed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

import ftfy

from sitreps.resources import load_yaml
from sitreps.types import Removed, Repair

_FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, explain=False)
_TERMINAL_PUNCTUATION = tuple('.!?:;"”’\'…)')
_SENTENCE_END = re.compile(r"[.!?…][\"”’')]*$")   # a headline may end with a quotation, a sentence with a stop
_WORD = re.compile(r"[A-Za-z][\w'’.-]*|\d[\d,.]*")
_CURLY_DOUBLE = re.compile("[“”]")


@dataclass(frozen=True, slots=True)
class _LineRule:
    reason: str
    scope: str  # "anywhere" or "tail"
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class DateLineRules:
    """The ``date_line`` section of ``data/cleaning.yaml``: where date lines stand and what they look like."""

    top_lines: int
    body_min_words: int
    bottom_lines: int
    patterns: tuple[re.Pattern[str], ...]  # each matches a whole line
    months: dict[str, int]


@dataclass(frozen=True, slots=True)
class DateLine:
    """A line of its own that gives the page's date; ``label`` is "" (a bare date), "published" or "updated"."""

    text: str
    date: dt.date
    label: str


@dataclass(frozen=True, slots=True)
class BioRules:
    """The ``author_bio`` section of ``data/cleaning.yaml``: what a bio looks like and where it may stand."""

    edge_paragraphs: int
    max_words: int
    max_sentences: int
    shapes: tuple[re.Pattern[str], ...]   # case-sensitive: the capitals tell a name
    refuse: re.Pattern[str]


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
    date_line: DateLineRules
    bio: BioRules


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
        date_line=_date_line_rules(data["date_line"]),
        bio=_bio_rules(data["author_bio"]),
    )


def _bio_rules(data: dict) -> BioRules:
    roles = "|".join(sorted((re.escape(r).replace(r"\ ", r"\s+") for r in data["roles"]), key=len, reverse=True))
    shapes = tuple(re.compile(shape.replace("{NAME}", data["name"]).replace("{ROLE}", roles))
                   for shape in data["shapes"])
    return BioRules(edge_paragraphs=data["edge_paragraphs"], max_words=data["max_words"],
                    max_sentences=data["max_sentences"], shapes=shapes,
                    refuse=re.compile(data["refuse"], re.IGNORECASE))


def _date_line_rules(data: dict) -> DateLineRules:
    """One whole-line pattern per date form: an optional label, a clock time before or after, the date."""
    def alternation(words: list[str] | dict[str, int]) -> str:   # longest first: "Sept" before "Sep"
        return "(?:" + "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)) + ")"

    labels = "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in data["labels"].items())
    clock, separator = data["clock"], data["clock_separator"]
    patterns = []
    for form in data["dates"]:
        date = form.replace("{WEEKDAY}", alternation(data["weekdays"])).replace("{MONTH}", alternation(data["months"]))
        line = (rf"(?:(?:{labels}){data['label_tail']})?(?:(?:at\s+)?{clock}{separator})?"
                rf"{date}(?:{separator}{clock})?\s*\.?")
        patterns.append(re.compile(line, re.IGNORECASE))
    return DateLineRules(top_lines=data["top_lines"], body_min_words=data["body_min_words"],
                         bottom_lines=data["bottom_lines"], patterns=tuple(patterns),
                         months={name.lower(): number for name, number in data["months"].items()})


@dataclass(slots=True)
class CleanText:
    text: str
    removed: list[Removed] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    title: str | None = None
    byline: str | None = None  # the names part of a "By …" line
    date_line: DateLine | None = None  # the line that dates the page, kept in ``text``


def clean(text: str, *, detect_title: bool = True, rules: CleaningRules | None = None) -> CleanText:
    """Repair ``text`` and split off its boilerplate; ``detect_title`` for plain text only."""
    rules = rules or default_rules()
    repairs: list[Repair] = []
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [_repair_line(line, rules, repairs) for line in lines if line.strip()]
    result = CleanText(text="", repairs=repairs)
    reasons: list[str | None] = [_anywhere_reason(line, rules) for line in lines]
    date_lines = find_date_lines(lines, rules.date_line)
    for index in date_lines:
        reasons[index] = None        # the page's date, not boilerplate, whatever other rule it looks like
    result.date_line = _publication_line(date_lines)
    _mark_tail(lines, reasons, rules, date_lines)
    _take_byline(lines, reasons, rules, result)
    _mark_head_bios(lines, reasons, rules, date_lines)
    first = next((i for i, reason in enumerate(reasons) if reason is None and i not in date_lines), None)
    for index, line in enumerate(lines):
        if (reasons[index] is None and index != first and index not in date_lines and _is_headline(line, rules)
                and _has_body_after(reasons, index, date_lines)):
            reasons[index] = "related-link"
    if (detect_title and first is not None and _has_body_after(reasons, first, date_lines)
            and (_is_title(line := lines[first], rules) or _dated_title(lines, first, date_lines, rules))):
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
    any_repair = _any_repair(rules.repairs)
    for name, pattern, replacement in rules.repairs if any_repair is None or any_repair.search(fixed) else ():
        matches = list(pattern.finditer(fixed))
        if not matches:  # most lines need no repair: a second pass to replace nothing is skipped
            continue
        for match in matches[:50]:
            before = _words_around(fixed, match.start(), match.end())
            repairs.append(Repair(before, pattern.sub(replacement, before), name))
        fixed = pattern.sub(replacement, fixed)
    requoted, flipped = _repair_quote_direction(fixed)
    for index in flipped:
        repairs.append(Repair(_words_around(fixed, index, index + 1),
                              _words_around(requoted, index, index + 1), "quote-direction"))
    return requoted.strip()


@lru_cache(maxsize=4)
def _any_repair(repairs: tuple[tuple[str, re.Pattern[str], str], ...]) -> re.Pattern[str] | None:
    """One regex that matches a line wherever a repair pattern does: a line it misses needs no repair (none
    matches, so none changes the line for the next), and one pass replaces six. None where the patterns cannot
    be joined (groups, different flags)."""
    patterns = [pattern for _, pattern, _ in repairs]
    if not patterns or any(p.groups for p in patterns) or len({p.flags for p in patterns}) > 1:
        return None
    try:
        return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), patterns[0].flags)
    except re.error:
        return None


def _words_around(text: str, start: int, end: int) -> str:
    """The word a match touches and the word after it, so a repair reads in context."""
    left = text.rfind(" ", 0, start) + 1
    right = text.find(" ", end + 1)
    right = text.find(" ", right + 1) if right != -1 else -1
    return text[left: right if right != -1 else len(text)]


def _repair_quote_direction(line: str) -> tuple[str, list[int]]:
    """Curly double quotes pointing the wrong way: an opening ” becomes “ and a closing “ becomes ”."""
    flipped: list[int] = []
    if "“" not in line and "”" not in line:  # most lines: no walk over their characters in Python
        return line, flipped
    chars = list(line)
    for i in (match.start() for match in _CURLY_DOUBLE.finditer(line)):
        char = chars[i]
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


def _mark_tail(lines: list[str], reasons: list[str | None], rules: CleaningRules, date_lines: dict[int, DateLine]) -> None:
    """Walk up from the end while lines are boilerplate; bios count only there, and only among the last
    ``edge_paragraphs`` lines the walk judges. A closing "Published …" line is walked past (a bio often
    stands above it) but stays."""
    judged = 0
    for index in range(len(lines) - 1, 0, -1):
        if reasons[index] is not None or index in date_lines:
            continue
        judged += 1
        reason = _tail_reason(lines[index], rules)
        if reason is None and judged <= rules.bio.edge_paragraphs and is_bio(lines[index], rules.bio):
            reason = "author-bio"
        if reason is None and _is_headline(lines[index], rules):
            reason = "related-link"
        if reason is None:
            return
        reasons[index] = reason


def _mark_head_bios(lines: list[str], reasons: list[str | None], rules: CleaningRules,
                    date_lines: dict[int, DateLine]) -> None:
    """A bio above the story ("Jane Doe is a senior fellow at …" before an opinion piece): only among the
    first ``edge_paragraphs`` lines still kept, and only with body after it."""
    kept = [i for i, reason in enumerate(reasons) if reason is None and i not in date_lines]
    for index in kept[:rules.bio.edge_paragraphs]:
        if is_bio(lines[index], rules.bio) and _has_body_after(reasons, index, date_lines):
            reasons[index] = "author-bio"


_YEARS = re.compile(r"\b(?:1[89]|20)\d\d(?:s)?\b|\b\d{1,2}\s+years\b")
_SENTENCE_BREAK = re.compile(r"(\S*)[.!?][\"”’')]*\s+(?=[A-Z“\"])")


def _sentence_count(line: str) -> int:
    """Sentences in a paragraph; a stop after an abbreviation ("Col.", "(Ret.)", "U.S.") ends none."""
    breaks = 0
    for match in _SENTENCE_BREAK.finditer(line):
        word = match.group(1).lstrip("(")
        if "." in word or (word[:1].isupper() and len(word) <= 4):
            continue
        breaks += 1
    return breaks + 1


def is_bio(line: str, rules: BioRules) -> bool:
    """A short paragraph about the author: it opens with a bio's shape ("X is a senior fellow at …",
    "X writes about …"), is short (``max_words``, ``max_sentences``), attributes no statement to anyone and
    gives no figure but a year or a count of years. Reporting fails at least one test, so it stays."""
    if len(line.split()) > rules.max_words or _sentence_count(line) > rules.max_sentences:
        return False
    if rules.refuse.search(line) or any(ch.isdigit() for ch in _YEARS.sub("", line)):
        return False
    return any(shape.match(line) for shape in rules.shapes)


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


def _dated_title(lines: list[str], index: int, date_lines: dict[int, DateLine], rules: CleaningRules) -> bool:
    """A short first line with the page's date line right under it is the title, even when it ends with a
    quotation ("… is 'just the start'"), which alone would make it read like a sentence."""
    return index + 1 in date_lines and len(lines[index].split()) <= rules.title_max_words


def _has_body_after(reasons: list[str | None], index: int, date_lines: dict[int, DateLine]) -> bool:
    return any(reason is None and i not in date_lines for i, reason in enumerate(reasons[index + 1:], index + 1))


# --- the date line ------------------------------------------------------------------------------

def find_date_lines(lines: list[str], rules: DateLineRules) -> dict[int, DateLine]:
    """Date lines by line index: any among the first lines above the body (the page's dateline under or
    over the title and byline), and labelled ones among the last lines ("Published …" at the foot).
    Only the head and foot are searched, and only whole lines, so a date inside the body (an event's
    date, a paragraph that opens with one) never passes for the page's date."""
    found: dict[int, DateLine] = {}
    for index, line in enumerate(lines[:rules.top_lines]):
        if (date_line := read_date_line(line, rules)) is not None:
            found[index] = date_line
        elif _is_body(line, rules):
            break
    for index in range(max(len(lines) - rules.bottom_lines, 0), len(lines)):
        date_line = read_date_line(lines[index], rules)
        if index not in found and date_line is not None and date_line.label:
            found[index] = date_line
    return found


def read_date_line(line: str, rules: DateLineRules) -> DateLine | None:
    """The date of ``line`` when the whole line is a date (with a label and clock time at most), else None."""
    for pattern in rules.patterns:
        match = pattern.fullmatch(line.strip())
        if match is None:
            continue
        month = match.group("month")
        number = rules.months.get(month.lower()) if not month.isdigit() else int(month)
        try:
            date = dt.date(int(match.group("year")), number or 0, int(match.group("day")))
        except ValueError:
            return None    # "2008-13-45" is not a date
        label = "published" if match.group("published") else "updated" if match.group("updated") else ""
        return DateLine(line, date, label)
    return None


def _publication_line(date_lines: dict[int, DateLine]) -> DateLine | None:
    """The first date line that is not an "Updated" one (an update can be later than the article), else the
    first "Updated" line: a later date is still better than none."""
    ordered = [date_lines[i] for i in sorted(date_lines)]
    return next((d for d in ordered if d.label != "updated"), ordered[0] if ordered else None)


def _is_body(line: str, rules: DateLineRules) -> bool:
    """A paragraph of the story: it ends like a sentence and is long enough, or it is long whatever its end
    (scraped paragraphs lose their full stop). The search for a date line at the top stops there."""
    words = len(line.split())
    return words >= 3 * rules.body_min_words or (words >= rules.body_min_words and bool(_SENTENCE_END.search(line)))


def _take_byline(lines: list[str], reasons: list[str | None], rules: CleaningRules, result: CleanText) -> None:
    for index in range(min(rules.byline_scan_lines, len(lines))):
        if reasons[index] is not None:
            continue
        match = rules.byline.match(lines[index])
        if match and len(lines[index]) < 200:
            reasons[index] = "byline"
            result.byline = match.group("names")
            return
