"""The time grammar's shortcuts (issue 22) find exactly what the plain passes find."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitreps.timeparse import grammar

TEXTS = [
    "On Tuesday, 12 March 2024, at 3:40 a.m., officials said the 2019-2020 talks would resume in Q3 FY2025.",
    "A2019 B20199 x1900s, 5pm-7pm daily; between 9 and 10 p.m. the 9/11 memorial; World War II veterans.",
    "l'March O'Monday Mondays MARCH march Marchers midnight-ish overnight 10.30 1/2/2023 2023-01-02",
    "the Cold War ended; the 30-year-old man; Black Friday sales; late in the day; the end of the day",
    "ünïcode Ω2024 ٢٠٢٤ March\u00a03 — “Wednesday” (Sept. 5) fy24 H1 2024 2024Q2 then since now",
    "",
]


def _plain_hits(text: str) -> dict[str, list[tuple[int, int]]]:
    hits: dict[str, list[tuple[int, int]]] = {name: [] for name in grammar.vocab()["triggers"]}
    for match in grammar._triggers().finditer(text):
        hits[match.lastgroup or ""].append(match.span())
    return hits


def _plain_blocked(text: str) -> list[tuple[int, int]]:
    return [m.span() for b in grammar.compiled()[1] for m in b.finditer(text)]


def _gold_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent / "gold").glob("*.txt"))]


@pytest.mark.parametrize("text", TEXTS + _gold_texts())
def test_trigger_words_are_those_of_the_plain_pass(text):
    assert grammar._trigger_hits(text) == _plain_hits(text)


@pytest.mark.parametrize("text", TEXTS + _gold_texts())
def test_blocked_spans_are_those_of_the_plain_passes(text):
    assert grammar.blocked_spans(text) == _plain_blocked(text)


@pytest.mark.parametrize(("source", "expected"), [
    ("a|b", True), ("(?:a|b)", False), ("[|]", False), (r"\|", False), ("a(b|c)d", False), (r"[\]|]x", False),
    ("[]|]", False), ("[^]|]", False), ("[[]|x", True), ("x\\\\|y", True), ("(?:late)\\s+day|(?:end)\\s+day", True),
])
def test_top_level_alternation(source, expected):
    assert grammar._top_level_alternation(source) is expected


def test_a_blocker_s_second_alternative_may_start_inside_a_word():
    """ "(?<!\\w)A|B" binds the word-start test to A only: B is found inside a word, as the plain pass finds it."""
    text = "the weekend of the day, and late in the day"
    assert grammar.blocked_spans(text) == _plain_blocked(text)
    assert any(start > 0 and text[start - 1].isalpha() for start, _ in grammar.blocked_spans(text))
