"""What kind of count a figure is: its category, its unit and its rate, read from the words around it.

The convention (docs/annotation.md, "Category"): what happened to the counted
outranks what they are. The words are read in rings, nearest first, and the
first ring that names an event decides:

1. the counted noun and what modifies it ("wounded soldiers", "people with
   shrapnel wounds", "civilians killed in the strike", "110,012 killed");
2. the verb it hangs on ("were killed", "the death toll rose to 34", "the
   number of homeless grew to 300,000"), with verbs coordinated with it
   ("were killed or wounded": casualties);
3. the event around that verb ("shot to death", "released from custody",
   "took part in protests", "suffered minor injuries").

Then the counted noun itself (troops, hostages, drones …), its modifiers when
the noun says little by itself ("militia members", "artillery pieces"), and
people sent or deployed with nothing more said of them ("12,000 individuals")
are troops. Word lists are data in ``data/figures.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Token

from sitreps.extract.figure_subjects import VERB_POS
from sitreps.extract.numbers import Quantity
from sitreps.extract.roles import Sentences
from sitreps.extract.tree import children_of
from sitreps.gazetteer_match import tokens as doc_tokens
from sitreps.nlp import text_of

if TYPE_CHECKING:
    from sitreps.extract.figures import FigureLexicon, _Counted

DISTANCE = {"km", "mile", "nautical mile", "m", "ft"}
AREA = {"km2", "square mile", "hectare", "acre"}
PERSON_CATEGORIES = {"killed", "wounded", "captured", "missing", "casualties", "refugees", "fighters", "troops",
                     "protesters"}
EVENT_CATEGORIES = {"killed", "wounded", "captured", "missing", "casualties", "refugees", "protesters"}
_RATE_WORDS = re.compile(r"\b(?:days?|nights?|weeks?|months?|years?|hours|daily|nightly|weekly|monthly|annually|"
                         r"annum)\b", re.I)
_QUALIFYING = {"over", "under", "about", "around", "above", "below", "nearly", "almost", "past", "beyond", "some"}


@dataclass(slots=True)
class Context:
    """The lemmas around a counted noun, ring by ring (see the module docstring)."""

    own: str | None = None  # the counted noun's own lemma
    modifiers: list[str] = field(default_factory=list)  # its adjectives ("wounded soldiers", "displaced families")
    compounds: list[str] = field(default_factory=list)  # nouns before it ("army officers", "arrest warrants")
    near: list[str] = field(default_factory=list)  # participles, relative clauses, "with wounds", "of"-owners
    far: list[str] = field(default_factory=list)  # the verb and what hangs on it
    farther: list[str] = field(default_factory=list)  # the event around the verb
    verb: Token | None = None


def anchor_of(counted: _Counted, number: Token) -> Token:
    """The token that stands for the counted thing in the parse: its noun, an elliptic "others", or the number."""
    if counted.token is not None:
        return counted.token
    return number if counted.borrowed or counted.head is None else counted.head


def context(counted: _Counted, number: Token, words: FigureLexicon, last: Token | None = None) -> Context:
    anchor = anchor_of(counted, number)
    found = Context()
    if anchor != number:
        found.own = anchor.lemma_.lower()
    for child in children_of(anchor):
        if child.dep_ in {"amod", "npadvmod"}:
            found.modifiers.append(child.lemma_.lower())
        elif child.dep_ == "compound":
            found.compounds.append(child.lemma_.lower())
        elif child.dep_ in {"acl", "relcl"} and not any(c.dep_ == "dobj" for c in children_of(child)):
            found.near.append(child.lemma_.lower())  # not "shootings …, killing three": the shootings did that
            found.near += [c.lemma_.lower() for c in children_of(child)  # "eight whose arrests were announced"
                           if c.dep_ in {"nsubj", "nsubjpass"} and any(p.lower_ == "whose" for p in children_of(c))]
            found.near += [c.lemma_.lower() for c in children_of(child) if c.dep_ == "conj"]
        elif child.dep_ == "prep" and child.lower_ in {"with", "in"}:  # "people with shrapnel wounds"
            found.near += [c.lemma_.lower() for c in children_of(child) if c.dep_ == "pobj"]
    following = anchor.doc[anchor.i + 1] if anchor.i + 1 < len(anchor.doc) else None
    if following is not None and following.pos_ in {"ADJ", "VERB"} and following.dep_ in {"amod", "acl", "acomp"}:
        found.near.append(following.lemma_.lower())  # "110,012 wounded", "four dead", "killed and wounded"
        found.near += [c.lemma_.lower() for c in children_of(following) if c.dep_ == "conj"]
    after = last.doc[last.i + 1] if last is not None and last.i + 1 < len(last.doc) else None
    if anchor == number and after is not None and after.pos_ == "VERB" and after.dep_ in {"conj", "advcl"} \
            and not _has_own_arguments(after, after):
        found.near.append(after.lemma_.lower())  # "100 have been killed and between 800 and 1,000 wounded"
    if anchor.dep_ == "pobj" and anchor.head.lower_ == "of" and anchor.head.head.pos_ == "NOUN":
        owner = anchor.head.head  # "a loss rate of 1,000 soldiers", "the killing of one journalist"
        found.near += [owner.lemma_.lower()] + [c.lemma_.lower() for c in children_of(owner)
                                                 if c.dep_ in {"compound", "amod"}]
    _verb_rings(anchor, number, found, words)
    return found


def _verb_rings(anchor: Token, number: Token, found: Context, words: FigureLexicon) -> None:
    qualified = anchor == number and anchor.dep_ == "pobj" and anchor.head.i < anchor.i \
        and anchor.head.dep_ == "prep" and anchor.head.lower_ in _QUALIFYING
    if qualified:
        anchor = anchor.head  # "Over 500 were hurt" is parsed as a preposition: the amount stands where it does
    verb = anchor
    for _ in range(3):
        if verb.pos_ in VERB_POS or verb.head == verb:
            break
        verb = verb.head
    direct = anchor.dep_ in {"dobj", "nsubj", "nsubjpass", "attr", "conj", "appos", "ROOT", "oprd", "npadvmod"} \
        or (anchor.dep_ == "pobj" and anchor.head.lower_ in {"to", "at", "of", "by"}) \
        or (qualified and (anchor.head.pos_ in VERB_POS or anchor.head.lower_ in {"to", "at", "by"}))
    if verb == anchor or not direct or verb.pos_ not in VERB_POS:
        return
    found.verb = verb
    objects = [c for c in children_of(verb) if c.dep_ in {"dobj", "attr"} and c != anchor]
    lemma = verb.lemma_.lower()
    agent = anchor.dep_ == "nsubj" and objects and lemma in words.person_verbs  # not "30,000 people fled villages"
    showing = bool(objects) and lemma in words.intransitive_protest  # "developers demonstrated their apps"
    if not agent and not showing:  # "500 troops killed 30 rebels"; "developers demonstrated their apps"
        found.far.append(lemma)
        found.far += [c.lemma_.lower() for c in children_of(verb) if c.dep_ in {"xcomp", "oprd", "acomp"}]
        found.far += [c.lemma_.lower() for c in children_of(verb)
                      if c.dep_ == "conj" and c.pos_ == "VERB" and not _has_own_arguments(verb, c)]
    for preposition in (c for c in children_of(verb) if c.dep_ == "prep" and c.lower_ == "among"):
        found.far += [c.lemma_.lower() for c in children_of(preposition) if c.dep_ == "pobj"]  # "among the wounded"
    if anchor.head.lower_ == "at" and anchor.head.head == verb:  # "put Russian losses at 1,950"
        for measured in (c for c in children_of(verb) if c.dep_ == "dobj"):
            found.far += [measured.lemma_.lower()] + [c.lemma_.lower() for c in children_of(measured)
                                                      if c.dep_ in {"compound", "amod"}]
    if anchor.dep_ == "pobj" or number.head.dep_ == "prep":  # "the death toll rose to 34"
        for subject in (c for c in children_of(verb) if c.dep_ in {"nsubj", "nsubjpass"}):
            found.far += [subject.lemma_.lower()] + [c.lemma_.lower() for c in children_of(subject) if c.dep_ == "compound"]
            if subject.lemma_.lower() in words.generic_heads:  # "the number of homeless grew to 300,000"
                found.far += [o.lemma_.lower() for p in children_of(subject) if p.dep_ == "prep" and p.lower_ == "of"
                              for o in children_of(p) if o.dep_ == "pobj"]
    for suffering in [verb, *(c for c in children_of(verb) if c.dep_ == "xcomp")]:
        if anchor.dep_ == "nsubj" and suffering.lemma_.lower() in words.suffer_verbs:
            found.farther += [o.lemma_.lower() for o in children_of(suffering) if o.dep_ == "dobj"]  # "suffered injuries"
    if lemma in {"join", "stage"}:  # "5,000 people joined the rally"
        found.farther += [o.lemma_.lower() for o in objects]
    for preposition in (c for c in children_of(verb) if c.dep_ == "prep" and c.lower_ in {"to", "from", "into", "in", "for", "at"}):
        found.farther += [c.lemma_.lower() for c in children_of(preposition) if c.dep_ == "pobj"]  # "shot to death"


def _has_own_arguments(verb: Token, conjunct: Token) -> bool:
    """"were killed or wounded" shares its subject; "killed 12 and wounded 30" and "100 have been killed and
    between 800 and 1,000 wounded" do not."""
    return any(c.dep_ in {"nsubj", "nsubjpass", "dobj"} for c in children_of(conjunct)) \
        or any(t.like_num for t in verb.doc[verb.i + 1:conjunct.i])


def counts_people(counted: _Counted, number: Token, words: FigureLexicon) -> bool:
    head = counted.head
    if head is not None:
        return is_person_noun(head, words)
    verb = number.head
    return verb.lemma_.lower() in words.person_verbs


def is_person_noun(head: Token, words: FigureLexicon) -> bool:
    """People: a noun of the people list, a nationality ("three Iraqis"), or a word built as people's names are
    ("journalists", "congressmen", "politicians")."""
    lemma = head.lemma_.lower()
    if lemma in words.people or head.ent_type_ == "NORP":
        return True
    word = head.lower_.split("-")[-1]
    return any(word.endswith(suffix) and len(word) > len(suffix) + 2 for suffix in words.person_suffixes)


def _event(lemmas: list[str], words: FigureLexicon, people: bool, skip: frozenset[str] = frozenset()) -> str | None:
    """The event category these words name; killed and wounded together are casualties."""
    found = [name for name, category_words in words.event_categories
             if name not in skip and any(lemma in category_words for lemma in lemmas)]
    if people:
        found += [name for name, category_words in words.person_event_categories
                  if any(lemma in category_words for lemma in lemmas)]
    if not found:
        return None
    first = found[0]
    if words.together.get(first) in found:
        return "casualties"  # "were killed or wounded", "killed and injured"
    return first


def category(quantity: Quantity, counted: _Counted, number: Token, words: FigureLexicon,
             last: Token | None = None) -> str:
    """What happened to the counted (killed, wounded …) outranks what they are (troops, drones …)."""
    if quantity.is_money:
        return "money"
    if quantity.unit == "percent":
        return "percent"
    if quantity.unit in DISTANCE:
        return "distance"
    if quantity.unit in AREA:
        return "area"
    if counted.strength:
        return counted.strength  # "a 50,000-strong group"
    found = context(counted, number, words, last)
    people = counts_people(counted, number, words)
    own = [found.own] if found.own else []
    nouns = own + ([counted.head.lemma_.lower()] if counted.borrowed and counted.head is not None else [])
    says_little = not nouns or any(n in words.modifier_heads or n in words.generic_heads for n in nouns) \
        or (counted.head is not None and is_person_noun(counted.head, words))
    modifiers = found.modifiers + (found.compounds if says_little else [])  # not "arrest warrants", "bullet marks"
    for lemmas, skip in ((own, words.not_from_the_noun), (modifiers + found.near, frozenset()),
                         (found.far, frozenset()), (found.farther, frozenset())):
        named = _event(lemmas, words, people, skip)
        if named:
            return named
    named = noun_category(nouns, words)
    if named in {"troops", "fighters"} and any(m in words.not_serving for m in found.modifiers):
        named = None  # "two retired generals" serve no more
    if named:
        return named
    if says_little:
        named = noun_category(modifiers, words) or _modifier(modifiers, words)
        if named:
            return named
    if counted.head is not None and counted.head.lemma_.lower() in words.generic_people and found.verb is not None \
            and found.verb.lemma_.lower() in words.deploy_verbs:
        return "troops"  # "North Korea has deployed 12,000 individuals to Russia"
    return "other"


def noun_category(lemmas: list[str], words: FigureLexicon) -> str | None:
    for name, category_words in words.noun_categories:
        if any(lemma in category_words for lemma in lemmas):
            return name
    return None


def _modifier(lemmas: list[str], words: FigureLexicon) -> str | None:
    for name, category_words in words.modifier_categories:
        if any(lemma in category_words for lemma in lemmas):
            return name
    return None


def unit(quantity: Quantity, counted: _Counted, number: Token, category_: str, words: FigureLexicon) -> str | None:
    if quantity.unit:
        return quantity.unit
    if counted.strength:
        return "person"
    if counted.head is not None:
        head = counted.head
        if is_person_noun(head, words) or (head.lemma_.lower() in words.elliptic_heads and not counted.borrowed):
            return "person"  # "three others": people, unless they repeat a noun counted before
        compound = head.doc[head.i - 1] if head.i > 0 and head.doc[head.i - 1].dep_ == "compound" else None
        if compound is not None and f"{compound.lemma_.lower()} {head.lemma_.lower()}" in words.compound_units:
            return f"{compound.lemma_.lower()} {head.lemma_.lower()}"  # "car bomb", "bullet mark"
        return head.lemma_.lower()
    if number.head.lemma_.lower() in words.person_verbs or category_ in PERSON_CATEGORIES:
        return "person"
    return None


def rate(counted: _Counted, last: Token, words: FigureLexicon) -> str | None:
    """A rate after the counted thing ("a day"), an adjective on it ("monthly pay"), or one given away from
    the noun in the same clause ("… in a single day", "per day" after the verb, "in an average month")."""
    doc = last.doc
    start = (counted.head.i + 1) if counted.head is not None and counted.head.i > last.i else last.i + 1
    following = doc_tokens(doc)[1][start:start + 5]  # the document's lower-case words, made once
    for phrase, per in words.rates:
        if tuple(following[:len(phrase)]) == phrase and _a_rate(following, len(phrase), words):
            return per
    if counted.head is not None:
        for child in children_of(counted.head):
            for phrase, per in words.rates:
                if len(phrase) == 1 and child.lower_ == phrase[0]:
                    return per
    return _rate_in_clause(counted, last, words)


def _rate_in_clause(counted: _Counted, last: Token, words: FigureLexicon) -> str | None:
    """A rate phrase hanging on the verb that governs the figure, not inside another clause or noun."""
    node = counted.head if counted.head is not None and counted.head.i > last.i else last
    verb = node
    for _ in range(4):
        if verb.pos_ in VERB_POS or verb.head == verb:
            break
        verb = verb.head
    if verb.pos_ not in VERB_POS:
        return None
    doc = verb.doc
    sentence = Sentences.for_doc(doc).of(verb)
    if not _RATE_WORDS.search(text_of(doc), sentence.start_char, sentence.end_char):
        return None  # no day, week, month or year in the sentence: no rate to look for
    for child in children_of(verb):
        holds_figure = child.left_edge.i <= node.i <= child.right_edge.i
        if not holds_figure and child.dep_ not in {"prep", "npadvmod", "advmod"}:
            continue  # another clause, or another participant's noun phrase
        low, high = child.left_edge.i, child.right_edge.i + 1
        lowers = doc_tokens(doc)[1]  # read from the document's list: no Token or string made per word
        for k in range(low, high):
            for phrase, per in words.clause_rates.get(lowers[k], ()):
                n = len(phrase)
                if k + n <= high and tuple(lowers[k:k + n]) == phrase \
                        and (k + n >= len(doc) or lowers[k + n] not in words.not_rate_after):
                    return per
    return None


def _a_rate(tokens: list[str], length: int, words: FigureLexicon) -> bool:
    """"a year" is a rate, "a year ago", "a day later", "a day or two" are not."""
    return len(tokens) <= length or tokens[length] not in words.not_rate_after


def people_who(number: Token, words: FigureLexicon) -> str | None:
    """What a count of people with no noun of its own counts, from its verb: "Forty-five were killed" -> people
    killed, "at least five died" -> people who died; None when the verb says nothing of the kind."""
    verb = number
    for _ in range(3):
        if verb.pos_ == "VERB" or verb.head == verb:
            break
        verb = verb.head
    if verb.pos_ != "VERB":
        return None
    if verb.i < number.i:  # "killed 475 and wounded 247 civilians": people killed
        objects = verb.lemma_.lower() in words.person_verbs and verb.tag_ in {"VBD", "VBN"}
        return f"people {verb.lower_}" if objects and number.dep_ in {"dobj", "conj"} else None
    if verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in children_of(verb)):
        return f"people {verb.lower_}"
    if verb.tag_ == "VBD" and not any(c.dep_ == "dobj" for c in children_of(verb)):
        return f"people who {verb.lower_}"
    return None
