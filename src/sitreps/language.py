"""Which language an article is in, so a non-English one is flagged instead of mined for garbage.

py3langid ships its model inside the package (no download) and classifies a
1,200-word article in a few milliseconds.
"""

from __future__ import annotations

from functools import lru_cache

from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

SAMPLE_CHARS = 4000  # the opening of the article is enough and keeps the cost flat
MIN_CHARS = 80  # shorter texts (a headline) are too little to overrule English
MIN_CONFIDENCE = 0.8


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and confidence; ``("en", 0.0)`` when the text is too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.strip()) < MIN_CHARS:
        return "en", 0.0
    code, probability = _identifier().classify(sample)
    if code != "en" and probability < MIN_CONFIDENCE:
        return "en", float(probability)
    return code, float(probability)
