"""Figures: every number that matters, with what it counts, whose it is, where, when and who says so.

For each amount that ``numbers.find_amounts`` reads in the text:

1. drop what is not a figure: dates and years, times of day, ages, ordinals,
   labels and names with numbers ("Resolution 2231", "Su-34", "Article 5"),
   calibres and other hyphenated attributes ("152-millimeter", "30-day"),
   durations ("two weeks") and the pronoun "one";
2. find the counted noun in the parse ("six North Korean officers" ->
   officers; "dozens of people" -> people; "a bonus of $2,000" -> bonus), or
   borrow it from the figure before in a list ("15,000 … from Nepal, 26,000
   from Chechnya");
3. name its unit (person, a currency, percent, km, or the counted noun) and
   its category from the words around it (the noun, its modifiers and the verb:
   "killing seven", "were reported killed", "the death toll rose to 34");
4. a rate ("a day", "monthly pay"), the subject (whose it is:
   ``figure_subjects``), the place (a located place in the
   clause), the time (``dates_anchor.date_for_span``: the date governing it, or
   the article's date for a present-tense figure) and the source
   (``attribution.attribute``).

Word lists live in ``data/figures.yaml``; the reading of amounts in
``numbers.py``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from sitreps.extract.actors import dateline_end
from sitreps.extract.attribution import ActorIndex, attribute
from sitreps.extract.dates_anchor import date_for_span
from sitreps.extract.figure_subjects import (VERB_POS, Whose, actor_just_before, state_actor, story_country,
                                              subject_from_setting, subject_named, subject_of)
from sitreps.extract.numbers import Quantity, find_amounts
from sitreps.extract.roles import Sentences
from sitreps.resources import load_yaml
from sitreps.types import Figure, Report

_MONTH = re.compile(r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?$", re.I)
_MONTH_NAMES = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
                "dec"}
_CLOCK_WORDS = {"a.m.", "p.m.", "am", "pm", "a.m", "p.m", "gmt", "utc", "cet", "est", "hrs", "hours"}
_DETERMINERS_BEFORE_SMALL = {"the", "these", "those", "both", "its", "their", "his", "her", "our", "all", "my", "your"}
_DISTANCE = {"km", "mile", "nautical mile", "m"}
_AREA = {"km2", "square mile", "hectare", "acre"}
_PERSON_CATEGORIES = {"killed", "wounded", "captured", "missing", "casualties", "refugees", "fighters"}
_CHUNKS = "sitreps.figures.chunk_roots"  # doc.user_data key


@dataclass(frozen=True, slots=True)
class FigureLexicon:
    event_categories: tuple[tuple[str, frozenset[str]], ...]
    noun_categories: tuple[tuple[str, frozenset[str]], ...]
    people: frozenset[str]
    person_verbs: frozenset[str]
    time_units: frozenset[str]
    rates: tuple[tuple[tuple[str, ...], str], ...]
    locative: frozenset[str]
    not_name_words: frozenset[str]
    label_words: frozenset[str]
    generic_heads: frozenset[str]
    elliptic_heads: frozenset[str]
    giving_verbs: frozenset[str]
    hostile_verbs: frozenset[str]
    sent_categories: frozenset[str]
    pronouns: frozenset[str]
    person_pronouns: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> FigureLexicon:
    data = load_yaml("figures.yaml")
    rates = [(tuple(phrase.split()), per) for per, phrases in data["rates"].items() for phrase in phrases]
    return FigureLexicon(
        event_categories=tuple((name, frozenset(words)) for name, words in data["event_categories"].items()),
        noun_categories=tuple((name, frozenset(words)) for name, words in data["noun_categories"].items()),
        people=frozenset(data["people"]),
        person_verbs=frozenset(data["person_verbs"]),
        time_units=frozenset(data["time_units"]),
        rates=tuple(sorted(rates, key=lambda r: -len(r[0]))),
        locative=frozenset(data["locative"]),
        not_name_words=frozenset(data["not_name_words"]),
        label_words=frozenset(data["label_words"]),
        generic_heads=frozenset(data["generic_heads"]),
        elliptic_heads=frozenset(data["elliptic_heads"]),
        giving_verbs=frozenset(data["giving_verbs"]),
        hostile_verbs=frozenset(data["hostile_verbs"]),
        sent_categories=frozenset(data["sent_categories"]),
        pronouns=frozenset(w for group in data["pronouns"].values() for w in group),
        person_pronouns=frozenset(data["pronouns"]["person"]),
    )


@dataclass(slots=True)
class _Counted:
    """What an amount counts, as found in the parse."""

    head: Token | None  # the counted noun
    what: str | None
    end: int  # where the figure's text ends (after the counted noun when it follows the amount)
    borrowed: bool = False
    anaphoric: bool = False  # "3,000 of them", "31 of the drones": part of what an earlier figure counted


def extract_figures(doc: Doc, report: Report) -> None:
    """Fill ``report.figures`` (the extractor run by the pipeline)."""
    words = lexicon()
    text = doc.text
    token_at = _TokenAt(doc)
    actors = ActorIndex(report)
    place_states = [(m.start, m.end, state) for p in report.places
                    if (state := state_actor(report, p.country)) for m in p.mentions]
    whose = Whose(actors, {a.id: a.kind for a in report.actors}, dateline_end(doc), place_states)
    figures: list[Figure] = []
    main_country = story_country(report)
    located = _located_places(doc, report, words)
    previous: tuple[Figure, _Counted, int] | None = None  # last figure, what it counted, its sentence
    owners: dict[str, str] = {}  # unit -> the subject of the last figure counting it
    for quantity in find_amounts(text):
        number = token_at[quantity.number_start]
        last = token_at[quantity.end - 1]
        if number is None or last is None or _not_a_figure(quantity, text, number, words):
            continue
        sentence = report.sentence_of(number.idx)
        counted = _counted(doc, quantity, last, words)
        if quantity.unit is None and (
                (counted.head is not None and counted.head.lemma_.lower() in words.time_units)
                or (counted.head is None and number.ent_type_ in {"DATE", "TIME"})):
            continue  # a duration ("two weeks", "1,000 days") or a date: times, not figures
        elliptic = counted.head is None or counted.head.lemma_.lower() in words.elliptic_heads
        if elliptic and quantity.unit is None and previous and previous[2] == sentence \
                and previous[1].head is not None:
            counted = _borrow(doc, previous[1], last, quantity)
        anchor = number if counted.borrowed or counted.head is None else counted.head
        category = _category(quantity, counted, number, words)
        if quantity.in_words and quantity.value == 1 and category == "other" and _unit_is_thing(counted, words):
            continue  # "one underwriter said": an article, not a count
        figure = Figure(
            id=f"F{len(figures) + 1}",
            text=text[quantity.start:max(quantity.end, counted.end)],
            start=quantity.start,
            end=max(quantity.end, counted.end),
            sentence=sentence,
            value=quantity.value,
            low=quantity.low,
            high=quantity.high,
            qualifier=quantity.qualifier,
            unit=_unit(quantity, counted, number, category, words),
            category=category,
            per=_rate(doc, quantity, counted, last, words),
            what=counted.what,
        )
        figure.subject = (counted.borrowed and actor_just_before(whose, text, quantity.start)) \
            or subject_of(doc, counted, number, category, whose, words)
        figure.subject = figure.subject or subject_named(counted, number, last, whose)
        if figure.subject is None and counted.anaphoric:  # "31 of the drones": whose the drones named before are
            figure.subject = owners.get(figure.unit) if counted.head is not None else \
                (previous[0].subject if previous and sentence - previous[2] <= 1 else None)
        if figure.subject is None and previous and previous[0].subject and previous[2] == sentence \
                and figure.unit == previous[0].unit:
            figure.subject = previous[0].subject  # "six … officers were killed, and three service members wounded"
        figure.place = _place(located, anchor, text)
        if figure.subject is None:
            figure.subject = subject_from_setting(report, figure, main_country)
        figure.time = date_for_span(report, figure.start, figure.end, doc)
        said = attribute(anchor, actors)
        figure.source, figure.attribution = said.source, said.attribution
        figures.append(figure)
        previous = (figure, counted, sentence)
        if figure.subject and figure.unit:
            owners[figure.unit] = figure.subject
    report.figures = figures


# --- 1. what is not a figure -----------------------------------------------------------------------

def _not_a_figure(quantity: Quantity, text: str, number: Token, words: FigureLexicon) -> bool:
    start, end = quantity.number_start, quantity.end
    before = text[max(0, start - 2):start]
    after = text[end:end + 2]
    if before[-1:].isalpha() or (before[-1:] == "-" and before[:1].isalpha()):
        return True  # glued to a name: "G7", "Su-34", "MQ-9"
    if quantity.qualifier != "range" and (after[:1].isalpha() or (after[:1] == "-" and after[1:2].isalpha())) \
            and not (quantity.is_money and text[end:end + 3] in {"-a-", "-pe"}):
        return True  # "11th", "F-16V", "30-day", "67-year-old", "nine-storey", "152-millimeter"
    if after[:1] in {":", "/"} and after[1:2].isdigit() or before[-1:] in {":", "/"} and before[:1].isdigit():
        return True  # "3:40", "2023/24"
    previous_word = _word_before(text, quantity.start)
    next_word = _word_after(text, end)
    if next_word.lower() in _CLOCK_WORDS or next_word.lower().rstrip(".") in {"a.m", "p.m"}:
        return True
    if previous_word.lower().rstrip(".") in _MONTH_NAMES or next_word.lower().rstrip(".,") in _MONTH_NAMES:
        return True  # "Oct. 3", "3 October"
    if quantity.unit is None and quantity.value is not None and quantity.value.is_integer() \
            and 1800 <= quantity.value <= 2100 and "," not in text[start:end] and not quantity.in_words:
        return True  # a year
    if previous_word.lower().rstrip(".") in words.label_words:
        return True  # "No. 2", "Resolution 2231", "aged 45"
    if quantity.start == quantity.number_start and previous_word[:1].isupper() \
            and previous_word not in words.not_name_words and not _sentence_start(text, quantity.start) \
            and not previous_word.endswith((".", ",")) and quantity.unit is None:
        return True  # "Baltic Bastion 25", "Estlink 2", "Air Base 101"
    if text[max(0, quantity.start - 2):quantity.start] == ", " and after[:1] in {",", ".", ")"} \
            and previous_word[:1].isupper() and quantity.value is not None and quantity.value < 120:
        return True  # an age after a name: "Adam, 32,"
    if quantity.in_words and quantity.value is not None and quantity.value <= 10 \
            and previous_word.lower() in _DETERMINERS_BEFORE_SMALL:
        return True  # "the two countries": naming known things, not counting them
    if quantity.unit in {"mm", "cm"}:
        return True  # a calibre: "152 mm shells"
    if quantity.in_words and quantity.value == 1 and not quantity.qualifier == "range":
        nxt = text[end:end + 4].lower()
        if nxt.startswith((" of", " another", " side", " day", " way", " time")):
            return True  # "one of the busiest", "one another"
    return number.ent_type_ == "ORDINAL"


def _unit_is_thing(counted: _Counted, words: FigureLexicon) -> bool:
    return counted.head is None or counted.head.lemma_.lower() not in words.people


def _word_before(text: str, position: int) -> str:
    match = re.search(r"(\S+)\s*$", text[max(0, position - 40):position])
    return match.group(1) if match else ""


def _word_after(text: str, position: int) -> str:
    match = re.match(r"\s*(\S+)", text[position:position + 40])
    return match.group(1) if match else ""


def _sentence_start(text: str, position: int) -> bool:
    before = text[max(0, position - 3):position].strip()
    return not before or before[-1] in ".!?\n\"“"


# --- 2. what it counts ---------------------------------------------------------------------------

class _TokenAt:
    """The token at a character offset, by bisection over token starts (no Token objects built)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.starts = doc.to_array(IDX).tolist() if len(doc) else []

    def __getitem__(self, offset: int) -> Token | None:
        i = bisect_right(self.starts, offset) - 1
        if i < 0:
            return None
        token = self.doc[i]
        return token if offset < token.idx + len(token.text) else None


def _chunk_root(doc: Doc, i: int) -> Token | None:
    """The root of the noun chunk token ``i`` is in (chunks found once per document: spaCy rebuilds them per call)."""
    roots = doc.user_data.get(_CHUNKS)
    if roots is None:
        roots = [-1] * len(doc)
        for chunk in doc.noun_chunks:
            for k in range(chunk.start, chunk.end):
                roots[k] = chunk.root.i
        doc.user_data[_CHUNKS] = roots
    return doc[roots[i]] if roots[i] >= 0 else None


def _counted(doc: Doc, quantity: Quantity, last: Token, words: FigureLexicon) -> _Counted:
    counted = _counted_noun(doc, quantity, last, words)
    if counted.head is not None and counted.head.lemma_.lower() in words.generic_heads and counted.head.i < last.i:
        return _Counted(None, None, quantity.end)  # "a rate of 1,500": the rate is the figure, not what it counts
    return counted


def _counted_noun(doc: Doc, quantity: Quantity, last: Token, words: FigureLexicon) -> _Counted:
    if quantity.unit == "percent":
        return _of_phrase(doc, last) or _Counted(None, None, quantity.end)
    head = None
    if last.dep_ in {"nummod", "quantmod", "amod", "compound", "nmod", "appos"} and last.head.i > last.i \
            and last.head.pos_ in {"NOUN", "PROPN"} and last.head.i - last.i <= 6:
        head = last.head
    elif last.i + 1 < len(doc) and doc[last.i + 1].lower_ == "of" and quantity.unit is None:
        return _of_phrase(doc, last) or _Counted(None, None, quantity.end)
    else:
        root = _chunk_root(doc, last.i)
        if root is not None and root.i > last.i:
            head = root
    while head is not None and head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ == "NOUN":
        head = head.head  # "four mine countermeasures vessels": the vessels
    if head is not None and head.pos_ == "PROPN":
        chunk_root = _chunk_root(doc, head.i) or head
        if chunk_root.pos_ == "NOUN" and chunk_root.i > head.i:
            head = chunk_root  # "several U.S. MQ-9 Reaper drones": the drones, not the U.S.
    if head is not None and head.pos_ in {"NOUN", "PROPN"} and not head.like_num:
        if quantity.is_money:  # "$1.2 billion air-defence package": the thing paid for, not a count
            return _Counted(head, _phrase(doc, last.i + 1, head), quantity.end)
        return _Counted(head, _phrase(doc, last.i + 1, head), head.idx + len(head.text))
    return _owner_of(doc, last, quantity) or _described(doc, last, quantity) or _Counted(None, None, quantity.end)


def _phrase(doc: Doc, first: int, head: Token) -> str:
    """The counted noun with its modifiers, without leading articles and possessive pronouns."""
    start = max(first, head.left_edge.i)
    while start < head.i and (doc[start].pos_ in {"ADP", "DET", "PUNCT", "CCONJ"}
                              or (doc[start].dep_ == "poss" and doc[start].pos_ == "PRON")):
        start += 1
    return doc[start:head.i + 1].text


def _of_phrase(doc: Doc, last: Token) -> _Counted | None:
    """"dozens of people", "31 of the drones", "35% of the population"."""
    if last.i + 1 >= len(doc) or doc[last.i + 1].lower_ != "of":
        return None
    of = doc[last.i + 1]
    objects = [c for c in of.children if c.dep_ == "pobj"]
    if not objects:
        following = [t for t in doc[of.i + 1: of.i + 6] if t.pos_ in {"NOUN", "PROPN"}]
        if not following:
            return None
        objects = following[:1]
    head = objects[0]
    if head.lower_ in {"whom", "which", "whose"}:
        return None  # "two of whom": a clause about people already counted
    if head.pos_ == "PRON":
        return _Counted(None, None, head.idx + len(head.text), anaphoric=True)  # "3,000 of them": as before
    definite = any(c.dep_ == "det" and c.lower_ in {"the", "these", "those"} for c in head.children)
    return _Counted(head, _phrase(doc, of.i + 1, head), head.idx + len(head.text), anaphoric=definite)


def _owner_of(doc: Doc, last: Token, quantity: Quantity) -> _Counted | None:
    """"a sign-up bonus of $2,000", "a crew of 25": the amount is what the noun before "of" holds."""
    preposition = last.head if last.dep_ == "pobj" else None
    if preposition is None or preposition.lower_ != "of" or preposition.head.pos_ not in {"NOUN", "PROPN"}:
        return None
    head = preposition.head
    return _Counted(head, _phrase(doc, head.left_edge.i, head), quantity.end)


def _described(doc: Doc, last: Token, quantity: Quantity) -> _Counted | None:
    """An amount with no noun of its own: "$120 million in humanitarian aid", "revenue fell to $7.2 billion"."""
    for child in last.children:
        if child.dep_ == "prep" and child.lower_ in {"in", "for", "worth"}:
            objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
            if objects:
                return _Counted(None, _phrase(doc, child.i + 1, objects[0]), quantity.end)
    node = last.head if last.dep_ == "pobj" and last.head.lower_ in {"to", "at", "by", "of"} else last
    verb = node.head
    if node.dep_ not in {"dobj", "attr", "prep", "npadvmod", "oprd"} or verb.pos_ not in VERB_POS:
        return None
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is not None and subject.lower_ in {"which", "that"} and verb.dep_ == "relcl":
        subject = verb.head
    if subject is None or subject.pos_ != "NOUN":
        return None  # a pronoun or a named actor says who, not what
    return _Counted(None, _phrase(doc, subject.left_edge.i, subject), quantity.end)


def _borrow(doc: Doc, earlier: _Counted, last: Token, quantity: Quantity) -> _Counted:
    """"15,000 fighters from Nepal, 26,000 from Chechnya": the second amount counts fighters too."""
    assert earlier.head is not None
    what = earlier.head.text
    nxt = last.i + 1
    if nxt < len(doc) and doc[nxt].lower_ == "from":  # an origin names the group; "in Kharkiv" is a place
        edge = max((t.i for t in doc[nxt].subtree), default=nxt)
        what = f"{what} {doc[nxt:edge + 1].text}"
    return _Counted(earlier.head, what, quantity.end, borrowed=True)


# --- 3. unit and category -----------------------------------------------------------------------

def _context_lemmas(counted: _Counted, number: Token) -> tuple[list[str], list[str]]:
    """Words that say what kind of count this is: the noun phrase's own, then its verb's."""
    anchor = number if counted.borrowed or counted.head is None else counted.head
    near = [anchor.lemma_.lower()]
    near += [c.lemma_.lower() for c in anchor.children if c.dep_ in {"amod", "compound", "acl", "relcl"}]
    following = anchor.doc[anchor.i + 1] if anchor.i + 1 < len(anchor.doc) else None
    if following is not None and following.pos_ in {"ADJ", "VERB"} and following.dep_ in {"amod", "acl", "acomp"}:
        near.append(following.lemma_.lower())  # "110,012 wounded", "four dead"
    if anchor.dep_ == "pobj" and anchor.head.lower_ == "of" and anchor.head.head.pos_ == "NOUN":
        owner = anchor.head.head  # "a loss rate of 1,000 soldiers"
        near += [owner.lemma_.lower()] + [c.lemma_.lower() for c in owner.children if c.dep_ in {"compound", "amod"}]
    far: list[str] = []
    verb = anchor
    for _ in range(3):
        if verb.pos_ in VERB_POS or verb.head is verb:
            break
        verb = verb.head
    direct = anchor.dep_ in {"dobj", "nsubj", "nsubjpass", "attr", "conj", "appos", "ROOT", "oprd", "npadvmod"} \
        or (anchor.dep_ == "pobj" and anchor.head.lower_ in {"to", "at", "of", "by"})
    if verb is not anchor and direct:
        far.append(verb.lemma_.lower())
        for preposition in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "among"):
            far += [c.lemma_.lower() for c in preposition.children if c.dep_ == "pobj"]  # "among the wounded"
        far += [c.lemma_.lower() for c in verb.children if c.dep_ in {"xcomp", "oprd", "acomp"}]
        if anchor.dep_ == "pobj" or number.head.dep_ == "prep":  # "the death toll rose to 34"
            for subject in (c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}):
                far += [subject.lemma_.lower()] + [c.lemma_.lower() for c in subject.children if c.dep_ == "compound"]
    return near, far


def _category(quantity: Quantity, counted: _Counted, number: Token, words: FigureLexicon) -> str:
    """What happened to the counted (killed, wounded …) outranks what they are (troops, drones …)."""
    if quantity.is_money:
        return "money"
    if quantity.unit == "percent":
        return "percent"
    if quantity.unit in _DISTANCE:
        return "distance"
    if quantity.unit in _AREA:
        return "area"
    near, far = _context_lemmas(counted, number)
    for lemmas in (near, far):
        for name, category_words in words.event_categories:
            if any(lemma in category_words for lemma in lemmas):
                return name
    if counted.borrowed and counted.head is not None:
        near.append(counted.head.lemma_.lower())
    for name, category_words in words.noun_categories:
        if any(lemma in category_words for lemma in near):
            return name
    return "other"


def _unit(quantity: Quantity, counted: _Counted, number: Token, category: str, words: FigureLexicon) -> str | None:
    if quantity.unit:
        return quantity.unit
    if counted.head is not None:
        lemma = counted.head.lemma_.lower()
        if lemma in words.people or counted.head.ent_type_ == "NORP":
            return "person"
        return lemma
    verb = number.head
    if verb.lemma_.lower() in words.person_verbs or category in _PERSON_CATEGORIES:
        return "person"
    return None


def _rate(doc: Doc, quantity: Quantity, counted: _Counted, last: Token, words: FigureLexicon) -> str | None:
    start = (counted.head.i + 1) if counted.head is not None and counted.head.i > last.i else last.i + 1
    following = [t.lower_ for t in doc[start:start + 4]]
    for phrase, per in words.rates:
        if tuple(following[:len(phrase)]) == phrase:
            return per
    modified = counted.head
    if modified is not None:
        for child in modified.children:
            for phrase, per in words.rates:
                if len(phrase) == 1 and child.lower_ == phrase[0]:
                    return per
    return None


# --- 4. where and when (whose: figure_subjects) ---------------------------------------------

@dataclass(frozen=True, slots=True)
class _Located:
    """A place mention that follows a locative preposition ("near Donetsk")."""

    start: int
    place: str
    attached_to: int  # index of the token the preposition hangs on


def _located_places(doc: Doc, report: Report, words: FigureLexicon) -> list[_Located]:
    located = []
    for place in report.places:
        for mention in place.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            preposition = root.head if root.dep_ == "pobj" else None
            if preposition is not None and preposition.lower_ in words.locative:
                located.append(_Located(mention.start, place.id, preposition.head.i))
    return sorted(located, key=lambda item: item.start)


def _place(located: list[_Located], anchor: Token, text: str) -> str | None:
    """Where: a located place in the clause ("near Donetsk"), else the last one named before it in the paragraph."""
    sentence = Sentences.for_doc(anchor.doc).of(anchor)
    paragraph_start = text.rfind("\n", 0, anchor.idx) + 1
    ancestors = {anchor.i, *(a.i for a in anchor.ancestors)}
    in_sentence = [(item.attached_to in ancestors, -abs(item.start - anchor.idx), item.place) for item in located
                   if sentence.start_char <= item.start < sentence.end_char]
    if in_sentence:
        return max(in_sentence)[2]
    before = [item for item in located if paragraph_start <= item.start < sentence.start_char]
    return before[-1].place if before else None
