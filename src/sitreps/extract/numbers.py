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
from typing import Any

from sitreps.resources import load_yaml

_LEXEME = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<suffix>(?:mln|mn|bn|tn|k|m|b)(?![A-Za-z]))?"
    r"|(?P<sym>US\$|C\$|A\$|HK\$|NT\$|[$€£₴₽¥₩₹₪₺%²])"
    r"|(?P<word>[A-Za-z]+(?:\.(?=\s|$))?)"
    r"|(?P<punct>[-–—/:,.;()“”\"'’])"
)


@dataclass(frozen=True, slots=True)
class Lexeme:
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
    scaled: bool = False  # carries its own scale ("thousand", "bn")
    in_words: bool = False


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
        starters=frozenset({"a", "an", "between", *data["units"], *data["tens"], *data["fractions"],
                            *(p.split()[0].lower() for ps in data["qualifiers"].values() for p in ps),
                            *(v["phrase"].split()[0].lower() for v in data["vague"]),
                            *(k.lower() for k in data["currency_prefixes"])}),
    )


def lex(text: str) -> list[Lexeme]:
    """Numbers (with a glued scale suffix), currency symbols, words and punctuation, with offsets."""
    lexemes = []
    for match in _LEXEME.finditer(text):
        if match.group("num"):
            lexemes.append(Lexeme("num", match.group("num"), match.start(), match.end(), match.group("suffix")))
        else:
            lexemes.append(Lexeme(match.lastgroup or "punct", match.group(0), match.start(), match.end()))
    return lexemes


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
    def number(self, i: int) -> tuple[float, int, bool, bool] | None:
        """(value, next index, scaled, in_words) of a number starting at lexeme i."""
        if i >= len(self.lx):
            return None
        lexeme = self.lx[i]
        if lexeme.kind == "num":
            value = float(lexeme.text.replace(",", ""))
            scaled = False
            if lexeme.suffix:
                value *= self.w.suffixes[lexeme.suffix]
                scaled = True
            i += 1
            if self.word(i) in self.w.scales and self.word(i) != "hundred" or self.word(i) == "hundred":
                value *= self.w.scales[self.word(i)]
                scaled = True
                i += 1
                if self.word(i) in self.w.scales and self.w.scales[self.word(i)] > 100:  # "1 hundred thousand"
                    value *= self.w.scales[self.word(i)]
                    i += 1
            return value, i, scaled, False
        return self.number_words(i)

    def number_words(self, i: int) -> tuple[float, int, bool, bool] | None:
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
        scaled = any(self.word(k) in self.w.scales for k in range(start, i))
        return total + current, i, scaled, True

    # --- amounts ---------------------------------------------------------------------------------
    def amount(self, i: int) -> Amount | None:
        if i >= len(self.lx):
            return None
        start_i = i
        currency = None
        lexeme = self.lx[i]
        if lexeme.text in self.w.currency_prefixes and (lexeme.kind == "sym" or lexeme.text.isupper()):
            if i + 1 < len(self.lx) and self.lx[i + 1].kind == "num":
                currency = self.w.currency_prefixes[lexeme.text]
                i += 1
        parsed = self.number(i)
        if parsed is None:
            return None
        value, nxt, scaled, in_words = parsed
        if currency is None and self.lx[i].suffix in {"m", "b"}:
            # "5m" without a currency is five metres (or a model name), not five million
            return None
        measure = None
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
        return Amount(value, self.lx[start_i].start, end, nxt, currency, measure, scaled, in_words)

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
            currency = self.phrase(nxt, self.w.currency_words)  # "tens of millions of euros"
            if currency:
                return Quantity(start, self.lx[currency[1] - 1].end, None, low, high, "vague", currency[0],
                                self.lx[j].start, True), currency[1]
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
        quantity = Quantity(start, first.end, None, None, None, qualifier, unit, first.start, first.in_words)
        if qualifier == "at-least":
            quantity.low = value
        elif qualifier == "at-most":
            quantity.high = value
        else:
            quantity.value = value
        return quantity, first.next

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
        if second.scaled and not first.scaled and low < high / 1000 + 1:
            low *= high / max(1.0, _scale_of(high))  # "10–12 thousand": the scale covers both
        unit = first.currency or second.currency or first.measure or second.measure
        return Quantity(start, second.end, None, low, high, "range", unit, first.start, first.in_words)


def _scale_of(value: float) -> float:
    """The power of 1,000 that a scaled number carries: 12,000 -> 12 (so 10 becomes 10,000)."""
    scale = 1.0
    while value >= 1000 and value % 1000 == 0:
        value /= 1000
        scale *= 1000
    return value


def find_amounts(text: str) -> list[Quantity]:
    """Every amount in ``text``, left to right, never overlapping."""
    words = lexicon()
    lexemes = lex(text)
    scanner = _Scanner(text, lexemes, words)
    found: list[Quantity] = []
    i = 0
    while i < len(lexemes):
        if lexemes[i].kind == "word" and scanner.lowers[i] not in words.starters:
            i += 1
            continue
        result = scanner.expression(i)
        if result is None:
            i += 1
            continue
        quantity, nxt = result
        found.append(quantity)
        i = max(nxt, i + 1)
    return found
