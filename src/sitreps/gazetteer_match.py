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
set of gazetteer readings (``COUNTRY``, ``ADJ``, ``PEOPLE``, ``SEAT``, ``ENTRY``, ``PLACE``, ``PHOENIX``: an
armed group or organisation of the Phoenix dictionaries, matched whatever its case and written as a name) and
the model's label, and the classification into actors and places is left to the extractors.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from sitreps.gazetteer import gazetteer, phoenix_first_words, phoenix_worth_finding, typographic
from sitreps.gazetteer_places import _tables

MODEL_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT"}
_POSSESSIVE = {"'s", "’s", "'", "’"}


_TOKENS = "sitreps.tokens"


def tokens(doc: Doc) -> tuple[list[Token], list[str]]:
    """The document's tokens as a list made once (iterating a ``Doc`` builds a new ``Token`` each time, which is
    most of the readers' cost), with their lower-case forms: ``(tokens, lowers)``."""
    found = doc.user_data.get(_TOKENS)
    if found is None or len(found[0]) != len(doc):
        listed = list(doc)
        found = doc.user_data[_TOKENS] = (listed, [t.lower_ for t in listed])
    return found


def token_texts(doc: Doc) -> list[str]:
    """The text of every token, as a list made once per document (``token.text`` builds a new string on each
    access, and readers that walk the whole document ask it of every token)."""
    found = doc.user_data.get(_TEXTS)
    if found is None or len(found) != len(doc):
        found = doc.user_data[_TEXTS] = [t.text for t in tokens(doc)[0]]
    return found


_TEXTS = "sitreps.token_texts"


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
        for variant in written_variants(text):
            add(variant, "ENTRY")
    for text in _tables().curated:
        for variant in written_variants(text):
            add(variant, "PLACE")
    return found


def written_variants(text: str) -> set[str]:
    """The ways news writes one name: straight or curly apostrophe ("Da'esh", "Da’esh"), and an Arabic article
    capitalised or not, joined by a hyphen or a space ("al-Shabaab", "Al-Shabaab", "Al Jazeera", "Al-Jazeera")."""
    variants = {text}
    if "'" in text or "’" in text:
        variants |= {text.replace("'", "’"), text.replace("’", "'")}
    for article in ("al-", "el-", "Al-", "El-", "al ", "el ", "Al ", "El "):
        if text.startswith(article):
            rest = [v[len(article):] for v in variants]
            for first in (article[0], article[0].swapcase()):
                for joiner in ("-", " "):
                    variants |= {first + article[1] + joiner + r for r in rest}
    return variants


@lru_cache(maxsize=4)
def _matcher(vocab: Vocab) -> tuple[PhraseMatcher, dict[str, set[str]]]:
    from spacy.lang.en import English

    tokenizer = English(vocab=vocab).tokenizer
    matcher = PhraseMatcher(vocab, attr="ORTH")
    readings = _patterns()
    for text in readings:
        matcher.add(text, [tokenizer(text)])
    return matcher, readings


def _not_a_place(key: str) -> bool:
    """A Phoenix name that is also a country or a town of 15,000 or more is read as the place it is."""
    from sitreps.gazetteer_places import city, lookup_place

    return gazetteer().country(key.title()) is None and city(key) is None and lookup_place(key.title()) is None


def _phoenix_names(doc: Doc) -> list[Name]:
    """Armed groups and organisations of the Phoenix dictionaries where the text writes a whole name ("Peshmerga",
    "PESHMERGA", "Da’esh", "Save the Children"): in each run of capitalised words (small joining words inside), the
    longest stretches that begin and end with a capitalised word and stand between the run's edges or small words
    ("the Peshmerga and Oxfam": two names; "Youth" inside "Youth Coalition" is none)."""
    found = []
    listed, lowers = tokens(doc)
    texts = token_texts(doc)
    upper = [text[:1].isupper() for text in texts]
    i = 0
    while i < len(listed):
        if not upper[i]:
            i += 1
            continue
        end = i + 1
        while end < len(listed) and (upper[end] or texts[end] in ("-", "'", "’") and not listed[end - 1].whitespace_
                                     or lowers[end] in _SMALL_WORDS and end + 1 < len(listed) and upper[end + 1]):
            end += 1
        if end - i > 1 or lowers[i] != "the":
            found += _names_in_run(doc, i, end)
        i = end
    return found


def _names_in_run(doc: Doc, start: int, end: int) -> list[Name]:
    listed, lowers = tokens(doc)
    texts = token_texts(doc)
    upper = [text[:1].isupper() for text in texts[start:end + 1]]  # upper[k] is token start + k

    def capital(i: int) -> bool:
        return upper[i - start] if i - start < len(upper) else False

    names = []
    firsts = phoenix_first_words()
    s = start
    while s < end:
        if not capital(s) or lowers[s] == "the" or s > start and capital(s - 1) and lowers[s - 1] != "the" \
                or typographic(texts[s]) not in firsts:
            s += 1
            continue
        for e in range(end, s, -1):
            if not capital(e - 1) or e < end and capital(e):
                continue
            key = typographic(doc[s:e].text)
            if phoenix_worth_finding(key) and _written_as_name(doc, s, e) and _not_a_place(key):
                names.append(Name(s, e, "GAZ", {"PHOENIX"}))
                s = e
                break
        else:
            s += 1
    return names


_SMALL_WORDS = {"of", "the", "and", "for", "in", "on", "al", "el", "ad", "ash", "as", "at", "ar", "de", "du", "la", "le",
                "bin", "ibn", "-", "'s", "’s", "'", "’", "&", "ul", "e", "i", "wa"}


def _written_as_name(doc: Doc, start: int, end: int) -> bool:
    """Capitalised as a name, and the whole name: every word with letters starts with a capital (small joining
    words apart), a short word is in capitals ("LET", not "Let"), and no capitalised word goes on before or after
    it ("Youth" is not a group inside "February 14 Youth Coalition")."""
    first = doc[start]
    if not first.text[:1].isupper() or end - start == 1 and len(first.text) <= 4 and not first.text.isupper():
        return False
    if start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper() and \
            not doc[start - 1].is_sent_start and doc[start - 1].lower_ != "the":
        return False
    for token in doc[start:end]:
        if token.is_alpha and not token.text[:1].isupper() and token.lower_ not in _SMALL_WORDS:
            return False
    return not (end - start == 1 and first.is_sent_start and not first.text.isupper() and first.pos_ != "PROPN")


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
    candidates += [n for n in _phoenix_names(doc) if doc[n.start:n.end].text not in not_names]
    for ent in doc.ents:
        if ent.label_ not in MODEL_LABELS:
            continue
        start, end = _trim(doc, ent.start, ent.end)
        while ent.label_ == "PERSON" and end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title \
                and not doc[end].ent_type_ and end < doc[start].sent.end:
            end += 1  # "Guglielmo Luigi" + "Miglietta": the model stopped short of the surname
        if start < end and _plausible_model_name(doc, start, end, ent.label_, not_names):
            candidates.append(Name(start, end, ent.label_))
    candidates = _without_joined_names(doc, candidates)
    # longest first; a gazetteer reading wins a tie, our own tables before Phoenix's
    candidates.sort(key=lambda n: (-(n.end - n.start), not n.known, n.readings == {"PHOENIX"}, n.start))
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


_JOINERS = {"of", "the", "and", ",", "'s", "’s", "-", "in"}


def _without_joined_names(doc: Doc, candidates: list[Name]) -> list[Name]:
    """Drop a model entity that is only known names joined by small words ("Schengen Area of Europe" is the
    Schengen Area and Europe), or a known name with a title or group word after it ("World Health Organization
    Country Director", "Republic of Korea Navy"): the known name is read, and the title or group with it."""
    known = [n for n in candidates if n.known]
    order = sorted(range(len(known)), key=lambda k: known[k].start)  # by start: no pass over all per name
    starts = [known[k].start for k in order]
    gaz = gazetteer()
    tails = gaz.title_words | set(gaz.lexicon["groups"]) | {"country", "regional", "provincial", "national"}
    out = []
    for name in candidates:
        if not name.known and name.end - name.start > 1:
            inside = [known[k] for k in sorted(order[bisect_left(starts, name.start):bisect_left(starts, name.end + 1)])
                      if known[k].end <= name.end]  # the known names within this one, in their order
            covered = {i for k in inside for i in range(k.start, k.end)}
            rest = [doc[i].lower_ for i in range(name.start, name.end) if i not in covered]
            if len(inside) >= 2 and all(w in _JOINERS for w in rest):
                continue
            if inside and inside[0].start == name.start and rest and all(w in tails for w in rest) and \
                    all(i >= inside[0].end for i in range(name.start, name.end) if i not in covered):
                continue
        out.append(name)
    return out


def _standalone(doc: Doc, i: int, labels: set[str]) -> bool:
    """A one-word gazetteer hit counts when it is a proper name here, not a common word."""
    token = doc[i]
    if labels & {"ADJ", "PEOPLE"}:
        return True
    if token.is_sent_start and token.pos_ not in ("PROPN",) and token.ent_type_ == "":
        return False
    return token.pos_ in ("PROPN", "NOUN", "ADJ") or bool(token.ent_type_) or token.text.isupper()
