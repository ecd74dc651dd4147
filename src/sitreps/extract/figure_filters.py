"""What is not a figure, though it is a number: dates and years, times of day, ages, ordinals, labels and
names ("Resolution 2231", "bus 165", "posts 542 and 543"), calibres and hyphenated attributes ("152-millimeter",
"30-day", "a 1,200 tonne corvette", "a six month period"), and small numbers that name or introduce rather than
count ("the two countries", "one reporter saw"). Kept apart from ``figures`` so that the order of the steps
there reads as the algorithm.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Token

from sitreps.extract import figure_kinds as kinds
from sitreps.extract.numbers import Quantity

if TYPE_CHECKING:
    from sitreps.extract.figures import FigureLexicon, _Counted

_MONTH_NAMES = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
                "dec"}
_CLOCK_WORDS = {"a.m.", "p.m.", "am", "pm", "a.m", "p.m", "gmt", "utc", "cet", "est", "hrs", "hours"}
_DETERMINERS_BEFORE_SMALL = {"the", "these", "those", "both", "its", "their", "his", "her", "our", "all", "my", "your"}
_SINGULAR_MEASURES = {"tonne", "ton", "metre", "meter", "kilometre", "kilometer", "mile", "foot", "hectare", "acre",
                      "megawatt", "barrel"}


def label(quantity: Quantity, text: str, words: FigureLexicon) -> bool:
    """A number that names rather than counts: "No. 2", "Resolution 2231", "bus 165", "Baltic Bastion 25"."""
    if quantity.unit is not None:
        return False  # "a building 8km from the front": a measure, whatever stands before it
    previous_word = _word_before(text, quantity.start)
    if previous_word.lower().rstrip(".") in words.label_words:
        return True  # "No. 2", "Resolution 2231", "aged 45", "posts 542"
    return quantity.start == quantity.number_start and previous_word[:1].isupper() \
        and previous_word not in words.not_name_words and not _sentence_start(text, quantity.start) \
        and previous_word[-1:].isalnum() and not previous_word.endswith(("'s", "’s"))  # "Estlink 2", "Air Base 101"


def joined(text: str, end: int, start: int) -> bool:
    """The next number of a list of labels: "posts 542 and 543"."""
    return 0 <= start - end <= 6 and text[end:start].strip() in {"and", ",", "or", "&", "-", "–"}


def not_a_figure(quantity: Quantity, text: str, number: Token, words: FigureLexicon) -> bool:
    start, end = quantity.number_start, quantity.end
    before = text[max(0, start - 2):start]
    after = text[end:end + 2]
    prefixed = quantity.start < quantity.number_start and quantity.is_money  # "KSh700,000", "US$5"
    if not prefixed and (before[-1:].isalpha() or (before[-1:] == "-" and before[:1].isalpha())):
        return True  # glued to a name: "G7", "Su-34", "MQ-9"
    if quantity.qualifier != "range" and (after[:1].isalpha() or (after[:1] == "-" and after[1:2].isalpha())) \
            and not (quantity.is_money and text[end:end + 3] in {"-a-", "-pe"}) and not strength(text, end, words):
        return True  # "11th", "F-16V", "30-day", "67-year-old", "nine-storey", "152-millimeter"
    if after[:1] in {":", "/"} and after[1:2].isdigit() or before[-1:] in {":", "/"} and before[:1].isdigit():
        return True  # "3:40", "2023/24"
    previous_word = _word_before(text, quantity.start)
    next_word = _word_after(text, end)
    bare_next = next_word.lower().strip(".,;:()")
    if bare_next in _CLOCK_WORDS or bare_next in {"a.m", "p.m"} or text[end:end + 11].lower() == " local time":
        return True  # "3:40 a.m.", "1639 UTC", "10.30 local time"
    if previous_word.lower().rstrip(".") in _MONTH_NAMES or next_word.lower().rstrip(".,") in _MONTH_NAMES:
        return True  # "Oct. 3", "3 October"
    if _year(quantity.value, quantity, text) or (quantity.qualifier == "range" and _year(quantity.low, quantity, text)
                                                 and _year(quantity.high, quantity, text)):
        return True  # a year, or years: "2015", "the 1984–1985 famine"
    if (text[max(0, quantity.start - 2):quantity.start] == ", " and (after[:1] in {",", ".", ")"} or after == " (")
            and previous_word[:1].isupper() and quantity.value is not None and quantity.value < 120):
        return True  # an age after a name: "Adam, 32,", "Hazar Turki, 23 (Muslim)"
    if quantity.unit in {"mm", "cm"}:
        return True  # a calibre: "152 mm shells"
    if quantity.unit is None and (bare_next in words.time_units or bare_next[:-1] in words.time_units):
        return True  # a duration: "a six month period", "a 30 day truce", "two and a half years behind"
    if quantity.unit is not None and text[quantity.start:end].split()[-1].lower() in _SINGULAR_MEASURES \
            and next_word[:1].isalpha() and bare_next not in _MEASURE_FOLLOWERS:
        return True  # a measure as an attribute: "a 1,200 tonne corvette", "a 10 mile stretch"
    if quantity.in_words and quantity.value == 1 and not quantity.qualifier == "range":
        nxt = text[end:end + 6].lower()
        if nxt.startswith((" of", " another", " side", " day", " way", " time", " such")):
            return True  # "one of the busiest", "one another", "one such aid worker"
    return number.ent_type_ == "ORDINAL"


_MEASURE_FOLLOWERS = {"of", "in", "from", "away", "long", "high", "wide", "deep", "tall", "per", "a", "an", "each",
                      "and", "or", "to", "across", "north", "south", "east", "west", "off", "inland", "apart"}


def _year(value: float | None, quantity: Quantity, text: str) -> bool:
    return quantity.unit is None and value is not None and value.is_integer() and 1800 <= value <= 2100 \
        and "," not in text[quantity.number_start:quantity.end] and not quantity.in_words


def strength(text: str, end: int, words: FigureLexicon) -> bool:
    """"a 50,000-strong group": the number counts the force."""
    match = re.match(r"-([a-z]+)", text[end:end + 12])
    return match is not None and match.group(1) in words.strength_words


def not_a_count(quantity: Quantity, counted: _Counted, number: Token, category: str, text: str,
                 words: FigureLexicon) -> bool:
    """Small numbers that name or introduce rather than count, judged once the counted noun is known."""
    previous_word = _word_before(text, quantity.start)
    if quantity.in_words and quantity.value is not None and quantity.value <= 10 \
            and previous_word.lower() in _DETERMINERS_BEFORE_SMALL and category not in kinds.EVENT_CATEGORIES:
        return True  # "the two countries": naming known things ("the four officers were arrested" still counts)
    if quantity.in_words and quantity.value == 1 and category == "other":
        return True  # "one underwriter said", "one reporter saw": an article, not a count
    return False


def _word_before(text: str, position: int) -> str:
    match = re.search(r"(\S+)\s*$", text[max(0, position - 40):position])
    return match.group(1) if match else ""


def _word_after(text: str, position: int) -> str:
    match = re.match(r"\s*(\S+)", text[position:position + 40])
    return match.group(1) if match else ""


def _sentence_start(text: str, position: int) -> bool:
    before = text[max(0, position - 3):position].strip()
    return not before or before[-1] in ".!?\n\"“"
