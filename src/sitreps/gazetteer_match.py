"""Names in a parsed document: spaCy's entities corrected by a gazetteer-driven phrase matcher.

The small English model misses names it has not seen (Sergievsky Training Ground, Amur),
mislabels others (Kursk Oblast a PRODUCT, Kaliningrad a FAC, Sahel a PERSON) and invents people
from capitalised words (Maj, Granted, Ctrl + Enter). So every name the gazetteers know is
matched directly (``PhraseMatcher`` on exact spelling, built once per vocabulary), wins over an
overlapping model entity of equal or shorter length, and gives the span its gazetteer label.
Model entities are kept where no gazetteer name covers them, trimmed of "the" and a possessive
"'s", and dropped when they are known false names (``titles.yaml: not_names``) or a lone
non-proper word.

``find_names(doc)`` returns ``Name`` spans (token offsets) sorted by position; each carries the
set of gazetteer readings (``COUNTRY``, ``ADJ``, ``PEOPLE``, ``SEAT``, ``ENTRY``, ``PLACE``) and
the model's label, and the classification into actors and places is left to the extractors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from sitreps.gazetteer import gazetteer
from sitreps.gazetteer_places import _tables

MODEL_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT"}
_POSSESSIVE = {"'s", "’s", "'", "’"}


@dataclass(slots=True)
class Name:
    start: int                      # token offsets, end exclusive
    end: int
    label: str                      # model label, or the gazetteer's when it found the name
    readings: set[str] = field(default_factory=set)

    @property
    def known(self) -> bool:
        return bool(self.readings)


def _patterns() -> dict[str, set[str]]:
    """Every gazetteer string with the readings it has."""
    gaz = gazetteer()
    found: dict[str, set[str]] = {}

    def add(text: str, reading: str) -> None:
        found.setdefault(text, set()).add(reading)

    for country in gaz.countries.values():
        for name in country.names:
            add(name, "COUNTRY")
        for adjective in country.adjectives:
            add(adjective, "ADJ")
        for people in country.people:
            add(people, "PEOPLE")
        for seat in (*country.capitals, *country.seats):
            add(seat, "SEAT")
    for text in gaz.metonyms:
        add(text, "SEAT")
    for text in gaz.entries:
        add(text, "ENTRY")
    for text in _tables().curated:
        add(text, "PLACE")
    return found


@lru_cache(maxsize=4)
def _matcher(vocab: Vocab) -> tuple[PhraseMatcher, dict[str, set[str]]]:
    from spacy.lang.en import English

    tokenizer = English(vocab=vocab).tokenizer
    matcher = PhraseMatcher(vocab, attr="ORTH")
    readings = _patterns()
    for text in readings:
        matcher.add(text, [tokenizer(text)])
    return matcher, readings


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    for i in range(start + 1, end - 1):  # "Niamey's Place de la Concertation": the name after the possessive
        if doc[i].text in _POSSESSIVE:
            start = i + 1
    while start < end and doc[start].lower_ == "the":
        start += 1
    while end > start and doc[end - 1].text in _POSSESSIVE:
        end -= 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    return start, end


def _plausible_model_name(doc: Doc, start: int, end: int, label: str, not_names: set[str]) -> bool:
    text = doc[start:end].text
    if not text or text in not_names or not any(c.isupper() for c in text):
        return False
    if label == "PERSON" and end - start == 1 and doc[start].pos_ != "PROPN":
        return False
    if label == "PERSON" and any(t.text in not_names for t in doc[start:end]) and end - start <= 2:
        return False
    if label in ("ORG", "PERSON") and doc[end - 1].lower_ in _title_heads():
        return False  # "Pentagon Press": a title's start, the name inside is matched on its own
    return not all(t.is_stop or t.is_punct for t in doc[start:end])


@lru_cache(maxsize=1)
def _title_heads() -> frozenset[str]:
    return frozenset(word for phrase in gazetteer().titles for word in phrase.split()) | {"press"}


def find_names(doc: Doc) -> list[Name]:
    """Gazetteer matches and corrected model entities, non-overlapping, in text order."""
    matcher, readings = _matcher(doc.vocab)
    gaz = gazetteer()
    not_names = set(gaz.lexicon["not_names"])
    candidates: list[Name] = []
    for match_id, start, end in matcher(doc):
        text = doc.vocab.strings[match_id]
        labels = readings[text]
        if end - start == 1 and not _standalone(doc, start, labels):
            continue
        candidates.append(Name(start, end, "GAZ", set(labels)))
    for ent in doc.ents:
        if ent.label_ not in MODEL_LABELS:
            continue
        start, end = _trim(doc, ent.start, ent.end)
        while ent.label_ == "PERSON" and end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title \
                and not doc[end].ent_type_ and end < doc[start].sent.end:
            end += 1  # "Guglielmo Luigi" + "Miglietta": the model stopped short of the surname
        if start < end and _plausible_model_name(doc, start, end, ent.label_, not_names):
            candidates.append(Name(start, end, ent.label_))
    # longest first; a gazetteer reading wins a tie
    candidates.sort(key=lambda n: (-(n.end - n.start), not n.known, n.start))
    taken = [False] * len(doc)
    chosen: list[Name] = []
    for name in candidates:
        if any(taken[i] for i in range(name.start, name.end)):
            continue
        for i in range(name.start, name.end):
            taken[i] = True
        chosen.append(name)
    model_labels = {(e.start, e.end): e.label_ for e in doc.ents}
    for name in chosen:
        if name.label == "GAZ":
            name.label = model_labels.get((name.start, name.end), "GAZ")
    return sorted(chosen, key=lambda n: n.start)


def _standalone(doc: Doc, i: int, labels: set[str]) -> bool:
    """A one-word gazetteer hit counts when it is a proper name here, not a common word."""
    token = doc[i]
    if labels & {"ADJ", "PEOPLE"}:
        return True
    if token.is_sent_start and token.pos_ not in ("PROPN",) and token.ent_type_ == "":
        return False
    return token.pos_ in ("PROPN", "NOUN", "ADJ") or bool(token.ent_type_) or token.text.isupper()
