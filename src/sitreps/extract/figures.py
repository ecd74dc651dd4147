"""Figures: every number that matters, with what it counts, whose it is, where, when and who says so.

For each amount that ``numbers.find_amounts`` reads in the text:

1. drop what is not a figure (``figure_filters``): dates and years, times of
   day, ages, ordinals, labels and names with numbers ("Resolution 2231",
   "Su-34", "posts 542 and 543"), calibres and other attributes ("152-millimeter",
   "30-day", "a 1,200 tonne corvette"), durations ("two weeks") and "one" as an
   article ("one reporter saw");
2. find the counted noun in the parse ("six North Korean officers" ->
   officers; "dozens of people" -> people; "a bonus of $2,000" -> bonus; "a
   50,000-strong group" -> a group of people), or borrow it from the figure
   before ("15,000 … from Nepal, 26,000 from Chechnya"; "will send ten
   instructors. … would send fewer than ten");
3. name its unit and category from the words around it (``figure_kinds``:
   "killing seven", "were killed or wounded", "the death toll rose to 34"),
   or take them from the figure it continues ("including three generals",
   "the total now stands at 738,660", a conversion in brackets);
4. a rate ("a day", "monthly pay", "… in a single day"), the subject (whose it
   is: ``figure_subjects``), the place (a located place in the clause), the
   time (``dates_anchor.date_for_span``: the date governing it, or the
   article's date for a present-tense figure) and the source
   (``attribution.attribute``).

Word lists live in ``data/figures.yaml``; the reading of amounts in
``numbers.py``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from sitreps.extract import figure_filters as filters
from sitreps.extract import figure_kinds as kinds
from sitreps.extract.actors import dateline_end
from sitreps.extract.attribution import ActorIndex, attribute
from sitreps.extract.dates_anchor import date_for_span
from sitreps.extract.figure_subjects import (VERB_POS, Whose, actor_just_before, party_in_sentence, state_actor,
                                              story_country, subject_from_setting, subject_named, subject_of)
from sitreps.extract.numbers import Quantity, find_amounts
from sitreps.extract.offsets import starting_within
from sitreps.extract.roles import Sentences
from sitreps.extract.tree import children_of, subtree_of
from sitreps.nlp import text_of
from sitreps.resources import load_yaml
from sitreps.types import Figure, Report

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
    person_event_categories: tuple[tuple[str, frozenset[str]], ...]
    not_from_the_noun: frozenset[str]
    together: dict[str, str]
    modifier_heads: frozenset[str]
    modifier_categories: tuple[tuple[str, frozenset[str]], ...]
    generic_people: frozenset[str]
    party_nouns: frozenset[str]
    intransitive_protest: frozenset[str]
    not_serving: frozenset[str]
    compound_units: frozenset[str]
    deploy_verbs: frozenset[str]
    suffer_verbs: frozenset[str]
    reporting_verbs: frozenset[str]
    protecting_verbs: frozenset[str]
    containing_verbs: frozenset[str]
    strength_words: frozenset[str]
    strength_heads: dict[str, str]
    person_suffixes: tuple[str, ...]
    kept_by_sender: frozenset[str]
    clause_rates: dict[str, tuple[tuple[tuple[str, ...], str], ...]]
    not_rate_after: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> FigureLexicon:
    data = load_yaml("figures.yaml")
    rates = [(tuple(phrase.split()), per) for per, phrases in data["rates"].items() for phrase in phrases]
    clause_rates: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for per, phrases in data["clause_rates"].items():
        for phrase in phrases:
            clause_rates.setdefault(phrase.split()[0], []).append((tuple(phrase.split()), per))

    def grouped(key: str) -> tuple[tuple[str, frozenset[str]], ...]:
        return tuple((name, frozenset(words)) for name, words in data[key].items())

    return FigureLexicon(
        event_categories=grouped("event_categories"),
        noun_categories=grouped("noun_categories"),
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
        person_event_categories=grouped("person_event_categories"),
        not_from_the_noun=frozenset(data["not_from_the_noun"]),
        together=dict(data["together"]),
        modifier_heads=frozenset(data["modifier_heads"]),
        modifier_categories=grouped("modifier_categories"),
        generic_people=frozenset(data["generic_people"]),
        party_nouns=frozenset(data["party_nouns"]),
        intransitive_protest=frozenset(data["intransitive_protest"]),
        not_serving=frozenset(data["not_serving"]),
        compound_units=frozenset(data["compound_units"]),
        deploy_verbs=frozenset(data["deploy_verbs"]),
        suffer_verbs=frozenset(data["suffer_verbs"]),
        reporting_verbs=frozenset(data["reporting_verbs"]),
        protecting_verbs=frozenset(data["protecting_verbs"]),
        containing_verbs=frozenset(data["containing_verbs"]),
        strength_words=frozenset(data["strength_words"]),
        strength_heads={word: name for name, words in data["strength_heads"].items() for word in words},
        person_suffixes=tuple(data["person_suffixes"]),
        kept_by_sender=frozenset(data["kept_by_sender"]),
        clause_rates={first: tuple(sorted(entries, key=lambda e: -len(e[0]))) for first, entries in clause_rates.items()},
        not_rate_after=frozenset(data["not_rate_after"]),
    )


@dataclass(slots=True)
class _Counted:
    """What an amount counts, as found in the parse."""

    head: Token | None  # the counted noun
    what: str | None
    end: int  # where the figure's text ends (after the counted noun when it follows the amount)
    borrowed: bool = False
    anaphoric: bool = False  # "3,000 of them", "31 of the drones": part of what an earlier figure counted
    token: Token | None = None  # the word standing for a borrowed noun in the text ("25 others injured")
    strength: str | None = None  # the category of a force counted by its strength ("a 50,000-strong group")


@dataclass(slots=True)
class _Before:
    """The figure read just before, with what it counted and where."""

    figure: Figure
    counted: _Counted
    sentence: int
    paragraph: int
    verb: str | None  # the lemma of the verb it hangs on


def extract_figures(doc: Doc, report: Report) -> None:
    """Fill ``report.figures`` (the extractor run by the pipeline)."""
    words = lexicon()
    text = text_of(doc)
    token_at = _TokenAt(doc)
    actors = ActorIndex(report)
    place_states = [(m.start, m.end, state) for p in report.places
                    if (state := state_actor(report, p.country)) for m in p.mentions]
    whose = Whose(actors, {a.id: a.kind for a in report.actors}, dateline_end(doc), place_states,
                  {a.id: a.country for a in report.actors}, lambda country: state_actor(report, country))
    figures: list[Figure] = []
    main_country = story_country(report)
    located = _located_places(doc, report, words)
    previous: _Before | None = None
    owners: dict[str | None, tuple[str, int]] = {}  # unit -> the subject of the last figure counting it, and its sentence
    label_end = -1  # where the last number that was a label ended ("posts 542 and 543")
    newlines = [m.start() for m in re.finditer("\n", text)]
    for quantity in map(_fraction_as_share, find_amounts(text)):
        number = _number_token(token_at, quantity)
        last = token_at[quantity.end - 1]
        if number is None or last is None:
            continue
        if filters.label(quantity, text, words) or (label_end >= 0 and filters.joined(text, label_end, quantity.start)):
            label_end = quantity.end
            continue
        if filters.not_a_figure(quantity, text, number, words):
            continue
        sentence = report.sentence_of(number.idx)
        paragraph = bisect_left(newlines, number.idx)  # how many line breaks come before it
        counted = _counted(doc, quantity, last, words)
        if quantity.unit in {None, "percent"} and (
                (counted.head is not None and counted.head.lemma_.lower() in words.time_units)
                or (counted.head is None and number.ent_type_ in {"DATE", "TIME"})):
            continue  # a duration ("two weeks", "1,000 days") or a date: times, not figures
        verb = _verb_lemma(counted.head or number)
        own = counted
        if _may_borrow(previous, counted, quantity, sentence, paragraph, verb, words):
            assert previous is not None
            counted = _borrow(doc, previous.counted, last, quantity, counted)
        category = kinds.category(quantity, counted, number, words, last)
        if counted.borrowed and category in kinds.EVENT_CATEGORIES and counted.head is not None \
                and not kinds.is_person_noun(counted.head, words):
            counted = own  # "four mass shootings …, killing three": people, not shootings
        inherited = _inherited(previous, counted, quantity, number, category, sentence, text, words)
        if inherited is not None and (category == "other" or (inherited.category in kinds.EVENT_CATEGORIES
                                                              and category not in kinds.EVENT_CATEGORIES)):
            category = inherited.category  # "200 more", "including three generals" (detained), "the total"
        if filters.not_a_count(quantity, counted, number, category, text, words):
            continue
        anchor = kinds.anchor_of(counted, number)
        unit = kinds.unit(quantity, counted, number, category, words)
        if unit is None and inherited is not None and category == inherited.category:
            unit = inherited.unit
        if counted.what is None and unit == "person" and category in kinds.EVENT_CATEGORIES:
            counted.what = kinds.people_who(number, words)  # "Forty-five were killed": people killed
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
            unit=unit,
            category=category,
            per=kinds.rate(counted, last, words),
            what=counted.what,
        )
        figure.subject = (counted.borrowed and actor_just_before(whose, text, quantity.start)) \
            or subject_of(doc, counted, number, category, whose, words)
        figure.subject = figure.subject or subject_named(counted, number, last, whose)
        if figure.subject is None and counted.anaphoric:  # "31 of the drones": whose the drones named before are
            figure.subject = owners.get(figure.unit, (None, 0))[0] if counted.head is not None else \
                (previous.figure.subject if previous and sentence - previous.sentence <= 1 else None)
        if figure.subject is None and previous and previous.figure.subject and previous.sentence == sentence \
                and figure.unit == previous.figure.unit:
            figure.subject = previous.figure.subject  # "six … officers were killed, and three service members wounded"
        if inherited is not None:
            figure.subject = figure.subject or inherited.subject
            figure.what = figure.what if figure.what and not _generic_what(figure.what, words) else inherited.what
            figure.per = figure.per or inherited.per
        figure.place = _place(located, anchor, text)
        said = attribute(anchor, actors)
        figure.source, figure.attribution = said.source, said.attribution
        if figure.subject is None and figure.category in {"munitions", "weapons"} and figure.unit in owners \
                and sentence - owners[figure.unit][1] <= 2:
            figure.subject = owners[figure.unit][0]  # "Russia launched 84 drones … Out of 84 drones, 71 were downed"
        if figure.subject is None and figure.unit == "person" and sentence >= 0:
            bounds = report.sentences[sentence]
            span = doc.char_span(bounds.start, bounds.end, alignment_mode="expand")
            if span is not None:
                figure.subject = party_in_sentence(doc, span.start, span.end, figure.source, whose, words)
        if figure.subject is None:
            figure.subject = subject_from_setting(report, figure, main_country)
        figure.time = date_for_span(report, figure.start, figure.end, doc)
        figures.append(figure)
        previous = _Before(figure, counted, sentence, paragraph, verb)
        if figure.subject and figure.unit:
            owners[figure.unit] = (figure.subject, sentence)
    report.figures = figures


def _fraction_as_share(quantity: Quantity) -> Quantity:
    """"half", "more than half", "two-thirds" are shares: 50, 66.7 percent (docs/annotation.md)."""
    values = [v for v in (quantity.value, quantity.low, quantity.high) if v is not None]
    if not quantity.in_words or quantity.unit is not None or not values or not all(0 < v < 1 for v in values):
        return quantity
    return replace(quantity, value=_percent(quantity.value), low=_percent(quantity.low), high=_percent(quantity.high),
                   unit="percent")


def _percent(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


def _number_token(token_at: _TokenAt, quantity: Quantity) -> Token | None:
    """The token that heads the amount: "five" in "Forty-five", "million" in "1.5 million"."""
    token = token_at[quantity.number_start]
    while token is not None and token.head != token and token.head.like_num \
            and quantity.number_start <= token.head.idx < quantity.end:
        token = token.head
    return token


def _verb_lemma(token: Token) -> str | None:
    for _ in range(4):
        if token.pos_ in VERB_POS:
            return token.lemma_.lower()
        if token.head == token:
            return None
        token = token.head
    return None


def _may_borrow(previous: _Before | None, counted: _Counted, quantity: Quantity, sentence: int, paragraph: int,
                verb: str | None, words: FigureLexicon) -> bool:
    """An amount with no noun of its own counts what the figure before counted: in the same sentence ("15,000
    fighters from Nepal, 26,000 from Chechnya"), or in the sentence before when it says "others", "more" or
    repeats the verb ("will send ten instructors. … would send fewer than ten")."""
    if quantity.unit is not None or previous is None or previous.counted.head is None:
        return False
    elliptic_word = counted.head is not None and counted.head.lemma_.lower() in words.elliptic_heads
    if counted.head is not None and not elliptic_word:
        return False
    if previous.sentence == sentence:
        return True
    if previous.paragraph != paragraph and previous.sentence != sentence - 1:
        return False
    return sentence - previous.sentence <= 1 and (elliptic_word or (verb is not None and verb == previous.verb))


def _inherited(previous: _Before | None, counted: _Counted, quantity: Quantity, number: Token, category: str,
               sentence: int, text: str, words: FigureLexicon) -> Figure | None:
    """The figure this one takes its category, unit and owner from, when it only continues it:
    a borrowed noun ("200 more", "12 in the north"), a part of a list it introduced ("40 people were
    detained, including three generals"), a bare total ("the total now stands at 738,660") or a
    conversion in brackets ("KSh38 million (GBP 11.75 million)")."""
    if previous is None:
        return None
    before = previous.figure
    if counted.borrowed and before.category not in {"money", "percent", "distance", "area"}:
        return before
    between = text[before.end:quantity.start]
    if between.strip() == "(" and (before.unit == quantity.unit or (quantity.is_money and before.category == "money")
                                   or (kinds.DISTANCE >= {before.unit, quantity.unit})):
        return before  # "five metres (16 feet)", "KSh38 million (GBP 11.75 million)"
    if previous.sentence == sentence and _included(counted, number) and before.category in kinds.EVENT_CATEGORIES \
            and category not in kinds.EVENT_CATEGORIES:
        return before  # "dozens were held on Monday, among them two former air force colonels"
    if category == "other" and counted.head is None and 0 <= sentence - previous.sentence <= 2 \
            and _bare_total(counted, number, words) and before.category not in {"other", "money", "percent"}:
        return before  # "Russia has lost 738,660 troops … The total now stands at 738,660."
    return None


def _included(counted: _Counted, number: Token) -> bool:
    node = counted.head if counted.head is not None else number
    while node.dep_ == "conj" and node.head != node:
        node = node.head
    return node.dep_ == "pobj" and node.head.lower_ in {"including", "among"}


def _bare_total(counted: _Counted, number: Token, words: FigureLexicon) -> bool:
    """An amount that does not say of what: "the total stands at 738,660", "a further 3.2 million had crossed"."""
    if counted.what is not None:
        return _generic_what(counted.what, words)
    if number.dep_ in {"attr", "pobj", "dobj", "appos", "nsubj", "nsubjpass", "ROOT"} \
            and not any(c.dep_ == "prep" for c in children_of(number)):
        return True  # "a further 3.2 million had crossed", "the previous high of 103"
    verb = number
    for _ in range(3):  # "the total now stands at 738,660": a total that is the subject of the verb
        if verb.pos_ in VERB_POS or verb.head == verb:
            break
        verb = verb.head
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in words.generic_heads
               and not any(p.dep_ == "prep" for p in children_of(c)) for c in children_of(verb))


def _generic_what(what: str, words: FigureLexicon) -> bool:
    return what.split()[-1].lower() in words.generic_heads and len(what.split()) <= 2


# --- 1. what is not a figure: figure_filters ---------------------------------------------------

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
    if filters.strength(text_of(doc), quantity.end, words):
        return _force(doc, quantity, last, words)
    counted = _counted_noun(doc, quantity, last, words)
    if counted.head is not None and counted.head.lemma_.lower() in words.generic_heads and counted.head.i < last.i:
        return _Counted(None, None, quantity.end)  # "a rate of 1,500": the rate is the figure, not what it counts
    return counted


def _force(doc: Doc, quantity: Quantity, last: Token, words: FigureLexicon) -> _Counted:
    """"a 50,000-strong group": people counted by the strength of the force they make (troops for a group,
    a contingent or a unit; protesters for a crowd)."""
    head = next((t for t in doc[last.i + 1:last.i + 6] if t.pos_ in {"NOUN", "PROPN"}), None)
    if head is None:
        return _Counted(None, None, quantity.end, strength="other")
    while head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ == "NOUN":
        head = head.head
    lemma = head.lemma_.lower()
    strength = words.strength_heads.get(lemma) or kinds.noun_category([lemma], words) or "other"
    first = next((t.i + 1 for t in doc[last.i + 1:head.i] if t.lower_ in words.strength_words), last.i + 1)
    return _Counted(head, _phrase(doc, first, head), head.idx + len(head.text), strength=strength)


def _counted_noun(doc: Doc, quantity: Quantity, last: Token, words: FigureLexicon) -> _Counted:
    if quantity.unit == "percent":
        share = _of_phrase(doc, last)
        if share is None and quantity.in_words and last.head.i > last.i and last.head.pos_ == "NOUN":
            return _Counted(None, _phrase(doc, last.i + 1, last.head), quantity.end)  # "two-thirds majorities"
        return share or _Counted(None, None, quantity.end)
    head = None
    if last.dep_ in {"nummod", "quantmod", "amod", "compound", "nmod", "appos"} and last.head.i > last.i \
            and last.head.pos_ in {"NOUN", "PROPN"} and last.head.i - last.i <= 6:
        head = last.head
    elif last.i + 1 < len(doc) and doc[last.i + 1].lower_ == "of" and (quantity.unit is None or quantity.is_measure):
        return _of_phrase(doc, last) or _Counted(None, None, quantity.end)  # "dozens of people", "300 km2 of land"
    else:
        root = _chunk_root(doc, last.i)
        if root is not None and root.i > last.i and not any(
                c.dep_ == "nummod" and c.i > last.i for c in children_of(root)):  # not "the 104 aboard, 46 seamen"
            head = root
    while head is not None and head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ == "NOUN":
        head = head.head  # "four mine countermeasures vessels": the vessels
    if head is not None and head.i + 2 < len(doc) and doc[head.i + 1].text == "-" and doc[head.i + 2].pos_ == "NOUN" \
            and head.idx + len(head.text) == doc[head.i + 1].idx and doc[head.i + 2].idx == doc[head.i + 1].idx + 1:
        head = doc[head.i + 2]  # "30 co-sponsors": the sponsors
    if head is not None and head.pos_ == "PROPN":
        chunk_root = _chunk_root(doc, head.i) or head
        if chunk_root.pos_ == "NOUN" and chunk_root.i > head.i:
            head = chunk_root  # "several U.S. MQ-9 Reaper drones": the drones, not the U.S.
    if head is not None and head.pos_ in {"NOUN", "PROPN"} and not head.like_num:
        if quantity.is_money:  # "$1.2 billion air-defence package": the thing paid for, not a count
            return _Counted(head, _phrase(doc, last.i + 1, head), quantity.end)
        shared = any(t.pos_ == "NUM" for t in doc[last.i + 1:head.i])  # "killed 102 and 21 people"
        return _Counted(head, _phrase(doc, last.i + 1, head), quantity.end if shared else head.idx + len(head.text))
    return _owner_of(doc, last, quantity) or _described(doc, last, quantity, words) or _Counted(None, None, quantity.end)


def _phrase(doc: Doc, first: int, head: Token) -> str:
    """The counted noun with its modifiers, without leading articles, possessive pronouns and the numbers of
    other figures ("475 and 247 refugees": refugees)."""
    start = max(first, head.left_edge.i)
    while start < head.i and (doc[start].pos_ in {"ADP", "DET", "PUNCT", "CCONJ", "NUM"}
                              or (doc[start].dep_ == "poss" and doc[start].pos_ == "PRON")):
        start += 1
    return doc[start:head.i + 1].text


def _of_phrase(doc: Doc, last: Token) -> _Counted | None:
    """"dozens of people", "31 of the drones", "35% of the population"."""
    if last.i + 1 >= len(doc) or doc[last.i + 1].lower_ != "of":
        return None
    of = doc[last.i + 1]
    objects = [c for c in children_of(of) if c.dep_ == "pobj"]
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
    definite = any(c.dep_ == "det" and c.lower_ in {"the", "these", "those"} for c in children_of(head))
    counted_there = [c for c in children_of(head) if c.dep_ == "nummod" or (c.like_num and c.i < head.i)]
    if counted_there:  # "fewer than 200 of the 1,500 permits": that figure is read on its own
        first = max(c.i for c in counted_there) + 1
        return _Counted(head, _phrase(doc, first, head), last.idx + len(last.text), anaphoric=definite)
    return _Counted(head, _phrase(doc, of.i + 1, head), head.idx + len(head.text), anaphoric=definite)


def _owner_of(doc: Doc, last: Token, quantity: Quantity) -> _Counted | None:
    """"a sign-up bonus of $2,000", "a crew of 25": the amount is what the noun before "of" holds."""
    if last.head.lower_ == "worth" and last.head.head.pos_ == "NOUN" and last.head.head.i < last.i:
        owner = last.head.head  # "medicines worth KSh17.3 million": what the money buys
        return _Counted(None, _phrase(doc, owner.left_edge.i, owner), quantity.end)
    preposition = last.head if last.dep_ == "pobj" else None
    if preposition is None or preposition.lower_ != "of" or preposition.head.pos_ not in {"NOUN", "PROPN"}:
        return None
    head = preposition.head
    return _Counted(head, _phrase(doc, head.left_edge.i, head), quantity.end)


def _described(doc: Doc, last: Token, quantity: Quantity, words: FigureLexicon) -> _Counted | None:
    """An amount with no noun of its own: "$120 million in humanitarian aid", "revenue fell to $7.2 billion"."""
    for child in children_of(last):
        if child.dep_ == "prep" and child.lower_ in {"in", "for", "worth"}:
            objects = [c for c in children_of(child) if c.dep_ == "pobj" and c.pos_ == "NOUN"]
            if objects:
                return _Counted(None, _phrase(doc, child.i + 1, objects[0]), quantity.end)
    if last.head.lemma_.lower() in {"number", "total", "count"} and last.head.pos_ == "VERB" \
            and last.head.dep_ in {"acl", "conj", "relcl"}:
        group = last.head.head  # "supporters of Bacar, armed … and numbering around 400"
        while group.dep_ in {"conj", "acl"} and group.pos_ in VERB_POS:
            group = group.head
        if group.pos_ == "NOUN":
            return _Counted(group, _phrase(doc, group.left_edge.i, group), quantity.end)
    node = last.head if last.dep_ == "pobj" and last.head.lower_ in {"to", "at", "by", "of"} else last
    verb = node.head
    if node.dep_ not in {"dobj", "attr", "prep", "npadvmod", "oprd"} or verb.pos_ not in VERB_POS:
        return None
    if node.dep_ == "dobj" and verb.lemma_.lower() in words.person_verbs:
        return None  # "the strike killed 475": people, not the strike
    subject = next((c for c in children_of(verb) if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is not None and subject.lower_ in {"which", "that"} and verb.dep_ == "relcl":
        subject = verb.head
    if subject is None or subject.pos_ != "NOUN":
        return None  # a pronoun or a named actor says who, not what
    if subject.lemma_.lower() in words.generic_heads:  # "the number of homeless has grown to 300,000"
        counted = next((o for p in children_of(subject) if p.dep_ == "prep" and p.lower_ == "of"
                        for o in children_of(p) if o.dep_ == "pobj"), None)
        if counted is not None:
            return _Counted(None, _phrase(doc, counted.left_edge.i, counted), quantity.end)
    return _Counted(None, _phrase(doc, subject.left_edge.i, subject), quantity.end)


def _borrow(doc: Doc, earlier: _Counted, last: Token, quantity: Quantity, own: _Counted) -> _Counted:
    """"15,000 fighters from Nepal, 26,000 from Chechnya": the second amount counts fighters too. An elliptic
    word of its own ("25 others injured") still stands for it in the parse."""
    assert earlier.head is not None
    what = earlier.head.text
    nxt = last.i + 1
    if nxt < len(doc) and doc[nxt].lower_ == "from":  # an origin names the group; "in Kharkiv" is a place
        edge = max((t.i for t in subtree_of(doc[nxt])), default=nxt)
        what = f"{earlier.head.text} {doc[nxt:edge + 1].text}"
    return _Counted(earlier.head, what, max(quantity.end, own.end), borrowed=True, token=own.head)


# --- 3. unit, category and rate: figure_kinds -----------------------------------------------------

# --- 4. where and when (whose: figure_subjects) -------------------------------------------------

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
    in_sentence = [(item.attached_to in ancestors, -abs(item.start - anchor.idx), item.place)
                   for item in starting_within(located, sentence.start_char, sentence.end_char)]
    if in_sentence:
        return max(in_sentence)[2]
    before = starting_within(located, paragraph_start, sentence.start_char)
    return before[-1].place if before else None
