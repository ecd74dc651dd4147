"""Which language an article is in, so a non-English one is flagged instead of mined for garbage.

py3langid ships its model inside the package (no download) and classifies a
1,200-word article in a few milliseconds.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

SAMPLE_CHARS = 4000  # the opening of the article is enough and keeps the cost flat
MIN_CHARS = 80  # shorter texts (a headline) are too little to overrule English
MIN_CONFIDENCE = 0.8


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and confidence; ``("en", 0.0)`` when the text is too short to tell.

    English is the default only for text written in Latin letters: when most letters are of another script
    (Chinese, Japanese, Korean, Cyrillic, Arabic …) the text is not English however short it is or however
    unsure the model: the answer is the model's likeliest language other than English, else the script's."""
    sample = text[:SAMPLE_CHARS]
    script = _foreign_script(sample)
    if script is not None:
        allowed = _SCRIPT_LANGUAGES[script]
        ranked = [(code, p) for code, p in _identifier().rank(sample)
                  if code != "en" and (script == "other" or code in allowed)]
        code, probability = ranked[0] if ranked else (_SCRIPT_LANGUAGES[script][0], 0.0)
        return code, float(probability)
    if len(sample.strip()) < MIN_CHARS:
        return "en", 0.0
    code, probability = _identifier().classify(sample)
    if code != "en" and probability < MIN_CONFIDENCE:
        return "en", float(probability)
    return code, float(probability)


MIN_LETTERS = 8  # fewer letters than this tell nothing about the script
LATIN_SHARE = 0.5  # below this share of Latin letters, a text cannot be English

# script -> the languages written in it (the first when the model names none of them)
_SCRIPT_LANGUAGES: dict[str, tuple[str, ...]] = {
    "han": ("zh", "ja"), "kana": ("ja",), "hangul": ("ko",),
    "cyrillic": ("ru", "uk", "bg", "sr", "mk", "be", "kk", "ky", "mn"),
    "arabic": ("ar", "fa", "ur", "ps", "ku", "ug"), "hebrew": ("he", "yi"), "greek": ("el",),
    "devanagari": ("hi", "mr", "ne"), "thai": ("th",), "armenian": ("hy",), "georgian": ("ka",),
    "other": ("und",),  # another script: the model's likeliest language other than English
}
_RANGES = [(0x0370, 0x03FF, "greek"), (0x0400, 0x052F, "cyrillic"), (0x0530, 0x058F, "armenian"),
           (0x0590, 0x05FF, "hebrew"), (0x0600, 0x06FF, "arabic"), (0x0750, 0x077F, "arabic"),
           (0x0900, 0x097F, "devanagari"), (0x0E00, 0x0E7F, "thai"), (0x10A0, 0x10FF, "georgian"),
           (0x1100, 0x11FF, "hangul"), (0x3040, 0x30FF, "kana"), (0x3400, 0x9FFF, "han"),
           (0xAC00, 0xD7AF, "hangul"), (0xF900, 0xFAFF, "han"), (0xFB50, 0xFEFF, "arabic"),
           (0x20000, 0x2FFFF, "han")]


_ASCII_LETTER_BYTES = string.ascii_letters.encode()  # the only ASCII characters that str.isalpha accepts
_NOT_ASCII = re.compile("[^\x00-\x7f]")


def _script_of(ch: str) -> str:
    code = ord(ch)
    if code < 0x0250 or 0x1E00 <= code <= 0x1EFF:
        return "latin"
    for low, high, name in _RANGES:
        if low <= code <= high:
            return name
    return "other"


def _foreign_script(sample: str) -> str | None:
    """The main non-Latin script of ``sample`` when fewer than half its letters are Latin, else None.
    Japanese is kana with Han; Chinese is Han alone."""
    # ASCII letters are Latin: counted in C, so only the other characters go through _script_of (an
    # English article has a few curly quotes and dashes among thousands of ASCII letters)
    ascii_text = sample.encode("ascii", "ignore")
    ascii_letters = len(ascii_text) - len(ascii_text.translate(None, _ASCII_LETTER_BYTES))
    counts: dict[str, int] = {"latin": ascii_letters} if ascii_letters else {}
    for ch in _NOT_ASCII.findall(sample):
        if ch.isalpha():
            script = _script_of(ch)
            counts[script] = counts.get(script, 0) + 1
    letters = sum(counts.values())
    if letters < MIN_LETTERS or counts.get("latin", 0) >= LATIN_SHARE * letters:
        return None
    if counts.get("kana", 0) >= 0.05 * letters:
        return "kana"
    return max((name for name in counts if name != "latin"), key=lambda name: counts[name])
