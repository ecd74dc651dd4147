"""Amounts as news writes them, found in plain text: the first half of figure extraction.

``find_amounts(text)`` returns every amount with its character span and its
reading: ``value`` when one number is stated, ``low``/``high`` for ranges and
bounds (a range is never averaged away), a qualifier, and a unit when the
amount carries one (a currency, a percentage, a measure). What the amount
counts, whose it is and who says so is the job of ``figures.py``, which reads
the parse around each amount.

The scanner works on a light tokenisation of its own, not spaCy's, because
amounts hide inside tokens spaCy keeps whole ("€5m", "6.7k", "10–12").
Every word list lives in ``data/numbers.yaml``.

Forms read: digits with separators and decimals, words ("eleven thousand",
"a dozen", "twenty-five"), mixed ("11 thousand"), scale suffixes ("6.7k",
"$2bn"), ranges ("between X and Y", "from X to Y", "X to Y", "X-Y",
"10–12 thousand", "two or three"), qualifiers ("more than", "as many as", …),
vague amounts ("several thousand", "dozens", "hundreds of thousands"),
money ("$2,000", "US$1 billion", "€5m", "2 billion rubles", "₴300"),
percentages and measures ("30 km").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from sitreps.resources import load_yaml

_SPACED = "[ \u00a0\u202f]"  # a space, no-break space or thin space between groups of three digits ("10 000")
_LEXEME = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    rf"|(?<![\d.,])\d{{1,3}}(?:{_SPACED}\d{{3}})+(?!\d|,\d|\.\d|{_SPACED}\d)"
    r"|\d+(?:\.\d+)?)(?P<suffix>(?:mln|mn|bn|tn|k|m|b)(?![A-Za-z]))?"
    r"|(?P<sym>US\$|C\$|A\$|HK\$|NT\$|[$€£₴₽¥₩₹₪₺%²])"
    r"|(?P<word>[A-Za-z]+(?:\.(?=\s|$))?)"
    r"|(?P<punct>[-–—/:,.;()“”\"'’])"
)


class Lexeme(NamedTuple):
    """One piece of the text as the scanner sees it (a tuple: one is built for every word of an article)."""

    kind: str  # num, sym, word, punct
    text: str
    start: int
    end: int
    suffix: str | None = None

    @property
    def lower(self) -> str:
        return self.text.lower().rstrip(".")


@dataclass(slots=True)
class Amount:
    """One amount as written, e.g. "$2.5 billion" or "11 thousand"."""

    value: float
    start: int
    end: int
    next: int  # index of the lexeme after it
    currency: str | None = None
    measure: str | None = None  # "percent", "km", …
    scale: float = 1.0  # the scale it carries ("thousand", "bn": 1,000, 10⁹); 1 when none
    in_words: bool = False

    @property
    def scaled(self) -> bool:
        return self.scale != 1.0


@dataclass(slots=True)
class Quantity:
    """An amount, range or bound found in the text, with its reading."""

    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str  # exact | approx | at-least | at-most | range | vague
    unit: str | None  # ISO currency, "percent", a measure, or None (a count: figures.py names it)
    number_start: int  # where the first number itself starts (for looking up its token)
    in_words: bool = False

    @property
    def is_money(self) -> bool:
        return self.unit is not None and len(self.unit) == 3 and self.unit.isupper()

    @property
    def is_measure(self) -> bool:
        """A length, surface, weight or power ("30 km", "300 km2", "150,000 tonnes"), not money or a share."""
        return self.unit is not None and not self.is_money and self.unit != "percent"


# Phrases by their first word, longest first ("more than", "as many as", "US dollars").
Phrases = dict[str, tuple[tuple[tuple[str, ...], Any], ...]]


@dataclass(frozen=True, slots=True)
class NumberLexicon:
    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    suffixes: dict[str, int]
    fractions: dict[str, int]
    qualifiers: Phrases
    vague: Phrases
    vague_scales: dict[str, int]
    currency_prefixes: dict[str, str]
    currency_words: Phrases
    percent: tuple[tuple[str, ...], ...]
    measures: Phrases
    trailing_qualifiers: Phrases
    metre_followers: frozenset[str]
    starters: frozenset[str]  # words an amount can begin with; others are skipped at once


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(lexeme.lower for lexeme in lex(phrase))


def _longest_first(pairs: list[tuple[tuple[str, ...], Any]]) -> Phrases:
    """Phrases indexed by their first word, longest first: a lookup costs one dict access per lexeme."""
    index: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
    for words, payload in sorted(pairs, key=lambda pair: -len(pair[0])):
        index.setdefault(words[0], []).append((words, payload))
    return {first: tuple(entries) for first, entries in index.items()}


@lru_cache(maxsize=1)
def lexicon() -> NumberLexicon:
    data = load_yaml("numbers.yaml")
    return NumberLexicon(
        units=data["units"], tens=data["tens"], scales=data["scales"], suffixes=data["scale_suffixes"],
        fractions=data["fractions"],
        qualifiers=_longest_first([(_words(p), q) for q, phrases in data["qualifiers"].items() for p in phrases]),
        vague=_longest_first([(_words(v["phrase"]), v) for v in data["vague"]]),
        vague_scales=data["vague_scales"],
        currency_prefixes=data["currency_prefixes"],
        currency_words=_longest_first([(_words(w), code) for code, words in data["currency_words"].items() for w in words]),
        percent=tuple(sorted((_words(p) for p in data["percent"]), key=len, reverse=True)),
        measures=_longest_first([(_words(w), unit) for unit, words in data["measures"].items() for w in words]),
        trailing_qualifiers=_longest_first([(_words(p), q) for q, phrases in data["trailing_qualifiers"].items()
                                            for p in phrases]),
        metre_followers=frozenset(data["metre_followers"]),
        starters=frozenset({"a", "an", "between", *data["units"], *data["tens"], *data["fractions"],
                            *(p.split()[0].lower() for ps in data["qualifiers"].values() for p in ps),
                            *(v["phrase"].split()[0].lower() for v in data["vague"]),
                            *(k.lower() for k in data["currency_prefixes"])}),
    )


def lex(text: str) -> list[Lexeme]:
    """Numbers (with a glued scale suffix), currency symbols, words and punctuation, with offsets."""
    lexemes: list[Lexeme] = []
    append, new = lexemes.append, tuple.__new__  # one is made per word: the plain tuple constructor is cheaper
    for match in _LEXEME.finditer(text):
        kind = match.lastgroup
        if kind == "suffix" or kind == "num":
            number = match.group("num")
            if " " in number or "\u00a0" in number or "\u202f" in number:
                if _MONTH_BEFORE.search(text, max(0, match.start() - 12), match.start()):
                    lexemes += _split_spaced(number, match.start())  # "March 3 500 people": a day, then a count
                    continue
            append(Lexeme("num", number, match.start(), match.end(), match.group("suffix")))
        else:
            start, end = match.span()
            append(new(Lexeme, (kind or "punct", match.group(), start, end, None)))
    return lexemes


_MONTH_BEFORE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*$", re.I)


def _split_spaced(number: str, start: int) -> list[Lexeme]:
    return [Lexeme("num", m.group(0), start + m.start(), start + m.end()) for m in re.finditer(r"\d+", number)]


def _digits(text: str) -> float:
    """The value of a number written with digits: "675,800", "10 000", "1.5"."""
    return float(re.sub(r"[,\s\u00a0\u202f]", "", text))


class _Scanner:
    def __init__(self, text: str, lexemes: list[Lexeme], words: NumberLexicon) -> None:
        self.text, self.lx, self.w = text, lexemes, words
        self.lowers = [lexeme.lower if lexeme.kind in ("word", "sym") else "" for lexeme in lexemes]

    def word(self, i: int) -> str:
        return self.lowers[i] if 0 <= i < len(self.lowers) else ""

    def phrase(self, i: int, phrases: Phrases) -> tuple[Any, int] | None:
        for words, payload in phrases.get(self.word(i), ()):
            if all(self.word(i + k) == w for k, w in enumerate(words)) and self._tight(i, len(words)):
                return payload, i + len(words)
        return None

    def _tight(self, i: int, n: int) -> bool:
        """The lexemes i..i+n are separated by spaces only (a phrase does not cross punctuation)."""
        return all(self.text[self.lx[k].end:self.lx[k + 1].start].strip() == "" for k in range(i, i + n - 1))

    def adjacent(self, i: int) -> bool:
        """Nothing, not even a space, between lexeme i-1 and lexeme i."""
        return 0 < i < len(self.lx) and self.lx[i - 1].end == self.lx[i].start

    # --- numbers ---------------------------------------------------------------------------------
    def number(self, i: int) -> tuple[float, int, float, bool] | None:
        """(value, next index, scale, in_words) of a number starting at lexeme i; scale is 1 when none is written."""
        if i >= len(self.lx):
            return None
        lexeme = self.lx[i]
        if lexeme.kind == "num":
            value = _digits(lexeme.text)
            scale = 1.0
            if lexeme.suffix:
                scale = self.w.suffixes[lexeme.suffix]
            i += 1
            if i + 1 < len(self.lx) and self.lx[i].text == "-" and self.adjacent(i) and self.adjacent(i + 1) \
                    and self.word(i + 1) in self.w.scales:
                i += 1  # "$20-billion": a scale joined by a hyphen
            if self.word(i) in self.w.scales:
                scale *= self.w.scales[self.word(i)]
                i += 1
                if self.word(i) in self.w.scales and self.w.scales[self.word(i)] > 100:  # "1 hundred thousand"
                    scale *= self.w.scales[self.word(i)]
                    i += 1
            return value * scale, i, scale, False
        return self.number_words(i)

    def number_words(self, i: int) -> tuple[float, int, float, bool] | None:
        total, current, start, consumed = 0.0, 0.0, i, False
        while i < len(self.lx):
            word = self.word(i)
            if word in self.w.units and not (consumed and current % 10):
                current += self.w.units[word]
            elif word in self.w.tens and not current % 100 and (not consumed or current >= 100):
                current += self.w.tens[word]
                if self.word(i + 1) == "-" or (i + 1 < len(self.lx) and self.lx[i + 1].text == "-"):
                    unit = self.word(i + 2)
                    if unit in self.w.units and self.w.units[unit] < 10 and self.adjacent(i + 2):
                        current += self.w.units[unit]
                        i += 2
            elif word == "hundred" and (consumed or self.word(i - 1) == "a"):
                current = max(current, 1) * 100
            elif word in self.w.scales and word != "hundred" and (consumed or self.word(i - 1) == "a"):
                total += max(current, 1) * self.w.scales[word]
                current = 0
            elif word == "dozen" and (consumed or self.word(i - 1) == "a"):
                current = max(current, 1) * 12
            elif word in self.w.fractions and (word.startswith("half") or (consumed and 0 < current <= 10)
                                               or (self.word(i - 1) == "a" and self.word(i + 1) == "of")):
                denominator = self.w.fractions[word]
                if self.word(i - 1) == "a" and self.word(i - 2) == "and" and consumed:
                    current += 1 / denominator  # "one and a half"
                elif consumed and not self.word(i - 1) == "a":
                    current = current / denominator  # "two thirds", "three-quarters"
                else:
                    current = 1 / denominator  # "half", "a third"
                consumed = True
                i += 1
                if self.word(i) in self.w.scales and self.word(i) != "hundred":  # "one and a half million"
                    total += current * self.w.scales[self.word(i)]
                    current = 0
                    i += 1
                break
            elif word == "a" and not consumed and (self.word(i + 1) in {"dozen", "hundred", "thousand", "million", "billion"}
                                                   or self.word(i + 1) in self.w.fractions):
                pass
            elif word == "and" and consumed and (self.word(i + 1) in self.w.units or self.word(i + 1) in self.w.tens) \
                    and self.word(i - 1) in {"hundred", "thousand", "million"}:
                pass
            elif (word in {"and", "a"} or self.lx[i].text == "-") and consumed and (self.word(i + 1) in self.w.fractions
                                                             or self.word(i + 2) in self.w.fractions):
                pass
            else:
                break
            if word != "a" or consumed:
                consumed = consumed or word not in {"a", "and"}
            i += 1
        if not consumed:
            return None
        scale = max((float(self.w.scales[self.word(k)]) for k in range(start, i) if self.word(k) in self.w.scales),
                    default=1.0)
        return total + current, i, scale, True

    # --- amounts ---------------------------------------------------------------------------------
    def amount(self, i: int) -> Amount | None:
        if i >= len(self.lx):
            return None
        start_i = i
        currency = None
        lexeme = self.lx[i]
        if lexeme.text in self.w.currency_prefixes:  # exact case: "KSh", "USD", "$"
            if i + 1 < len(self.lx) and self.lx[i + 1].kind == "num":
                currency = self.w.currency_prefixes[lexeme.text]
                i += 1
        parsed = self.number(i)
        if parsed is None:
            return None
        value, nxt, scale, in_words = parsed
        measure = None
        if currency is None and self.lx[i].suffix == "b":
            return None  # "5b" without a currency: a model name more often than five billion
        if currency is None and self.lx[i].suffix == "m":
            reading = self._m_suffix(i)
            if reading is None:
                return None
            if reading == "m":
                value, scale, measure = value / scale, 1.0, "m"
        for words in self.w.percent:
            if all(self.word(nxt + k) == w for k, w in enumerate(words)):
                measure, nxt = "percent", nxt + len(words)
                break
        if measure is None and currency is None:
            found = self.phrase(nxt, self.w.currency_words)
            if found:
                currency, nxt = found
        if measure is None and currency is None:
            found = self.phrase(nxt, self.w.measures)
            if found:
                measure, nxt = found
        end = self.lx[nxt - 1].end
        if self.lx[nxt - 1].kind == "word" and self.lx[nxt - 1].text.endswith("."):
            end -= 1  # "eight." ends a sentence; the full stop is not part of the number
        return Amount(value, self.lx[start_i].start, end, nxt, currency, measure, scale, in_words)

    def _m_suffix(self, i: int) -> str | None:
        """"50m" with no currency: metres before a preposition, an adverb or punctuation ("at 50m above",
        "a crater 5m across"), millions before a noun ("7m people"), and an attribute after "a" ("a 5m wall"),
        which is no amount at all (None)."""
        following = self.word(i + 1) if i + 1 < len(self.lx) and self.lx[i + 1].kind == "word" else ""
        if not following or following in self.w.metre_followers:
            return "m"
        if self.word(i - 1) in {"a", "an"}:
            return None
        return "million"

    def _unit_after(self, i: int) -> tuple[str, int] | None:
        """A currency, percentage or measure written after an amount: (unit, index after it)."""
        for words in self.w.percent:
            if all(self.word(i + k) == w for k, w in enumerate(words)):
                return "percent", i + len(words)
        return self.phrase(i, self.w.currency_words) or self.phrase(i, self.w.measures)

    def vague(self, i: int) -> tuple[float, float | None, int] | None:
        found = self.phrase(i, self.w.vague)
        if not found:
            return None
        entry, nxt = found
        low, high = float(entry["low"]), entry["high"]
        if entry.get("scalable"):
            scale_word = self.word(nxt)
            if scale_word in self.w.vague_scales:
                scale = self.w.vague_scales[scale_word]
                return low * scale, (None if high is None else float(high) * scale), nxt + 1
        return low, (None if high is None else float(high)), nxt

    # --- whole expressions -----------------------------------------------------------------------
    def expression(self, i: int) -> tuple[Quantity, int] | None:
        start = self.lx[i].start
        qualifier = "exact"
        found = self.phrase(i, self.w.qualifiers)
        j = i
        if found:
            qualifier, j = found
        word = self.word(j)
        if word == "between":
            ranged = self._range(j + 1, "and", start)
            if ranged:
                return ranged
        vague = self.vague(j)
        if vague:
            low, high, nxt = vague
            end = self.lx[nxt - 2].end if self.word(nxt - 1) == "of" else self.lx[nxt - 1].end  # "dozens of" -> "dozens"
            written_unit = self._unit_after(nxt)  # "tens of millions of euros", "a few hundred meters", "several miles"
            if written_unit:
                return Quantity(start, self.lx[written_unit[1] - 1].end, None, low, high, "vague", written_unit[0],
                                self.lx[j].start, True), written_unit[1]
            return Quantity(start, end, None, low, high, "vague", None, self.lx[j].start, True), nxt
        first = self.amount(j)
        if first is None:
            return None
        second_i = self._range_link(first.next)
        if second_i is not None and self.word(j - 1) == "from" and self.word(second_i - 1) == "to":
            second_i = None  # "rose from four to eight" is a change between two figures, not a range
        if second_i is not None:
            second = self.amount(second_i)
            if second is not None and self._compatible(first, second):
                return self._make_range(first, second, start), second.next
        value = first.value
        unit = first.currency or first.measure
        end, nxt = first.end, first.next
        trailing = self.phrase(nxt, self.w.trailing_qualifiers) if qualifier in {"exact", "approx"} else None
        if trailing:  # "3.7 million or more", "four or more people", "20 or so"
            qualifier, nxt = trailing
            end = self.lx[nxt - 1].end
        quantity = Quantity(start, end, None, None, None, qualifier, unit, first.start, first.in_words)
        if qualifier == "at-least":
            quantity.low = value
        elif qualifier == "at-most":
            quantity.high = value
        else:
            quantity.value = 0.0 if value == 1 and first.in_words and self.word(j - 1) == "not" else value  # "not one"
        return quantity, nxt

    def _range_link(self, i: int) -> int | None:
        if i >= len(self.lx):
            return None
        lexeme = self.lx[i]
        if lexeme.text in {"-", "–", "—"} and (self.adjacent(i) or self.text[lexeme.start - 1:lexeme.start] == " "):
            return i + 1
        if lexeme.lower in {"to", "or"}:
            return i + 1
        return None

    def _compatible(self, first: Amount, second: Amount) -> bool:
        if second.value <= 0 or (second.value < first.value and not (second.scaled and not first.scaled)):
            return False  # a range runs upwards; "fifty - two" is not one
        if (first.measure and second.currency) or (first.currency and second.measure) \
                or (first.measure and second.measure and first.measure != second.measure):
            return False  # "fell 2.5 percent to €2.73": a share and a price, not a range
        link = self.text[first.end:second.start].strip().lower()
        if link == "or" and not (first.in_words and second.in_words):
            return False  # "2 or 3" is rare; "1,000 or more" is not a range
        return (first.currency or second.currency) == (second.currency or first.currency)

    def _range(self, i: int, link: str, start: int) -> tuple[Quantity, int] | None:
        first = self.amount(i)
        if first is None or self.word(first.next) != link:
            return None
        second = self.amount(first.next + 1)
        if second is None or not self._compatible(first, second):
            return None
        return self._make_range(first, second, start), second.next

    def _make_range(self, first: Amount, second: Amount, start: int) -> Quantity:
        low, high = first.value, second.value
        if second.scaled and not first.scaled and low * second.scale <= high:
            low *= second.scale  # "10–12 thousand", "between 3.3 and 4.6 million": the scale covers both
        unit = first.currency or second.currency or first.measure or second.measure
        return Quantity(start, second.end, None, low, high, "range", unit, first.start, first.in_words)


def find_amounts(text: str) -> list[Quantity]:
    """Every amount in ``text``, left to right, never overlapping."""
    words = lexicon()
    lexemes = lex(text)
    scanner = _Scanner(text, lexemes, words)
    found: list[Quantity] = []
    i = 0
    while i < len(lexemes):
        kind = lexemes[i].kind
        if kind == "word" and scanner.lowers[i] not in words.starters \
                or kind == "punct" and lexemes[i].text not in words.currency_prefixes:
            i += 1  # a punctuation mark starts an amount only as a currency sign; a word only if it is a starter
            continue
        result = scanner.expression(i)
        if result is None:
            i += 1
            continue
        quantity, nxt = result
        found.append(quantity)
        i = max(nxt, i + 1)
    return found
