"""Whose a figure is (its ``subject``): the rules that read ownership from the sentence around a number.

The convention (docs/figures.md): casualties are their victims' side, aid its
recipient's, troops and weapons their user's, money its spender's. In order:
the counted phrase names its owner ("North Korean soldiers", "Russia's
losses", "its 1,000 troops"); else the verb decides (an attacker never owns
the dead it caused; what is given belongs to whom it is given to, troops sent
stay the sender's; otherwise the verb's subject, looking past a dateline the
parser took for one); else a phrase on the figure ("aid for Sudan"); else the
country of its place or of the story. Kept apart from ``figures`` because the
rules grew into a concept of their own.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from sitreps.extract.attribution import ActorIndex
from sitreps.extract.roles import Sentences
from sitreps.types import Figure, Report

if TYPE_CHECKING:
    from sitreps.extract.figures import FigureLexicon, _Counted

VERB_POS = {"VERB", "AUX"}



@dataclass(slots=True)
class Whose:
    """What the subject rules read: actor mentions, actor kinds, and where a dateline header ends."""

    actors: ActorIndex
    kinds: dict[str, str]
    header: int  # the parser can take a dateline's city for a subject: nothing before this is one
    place_states: list[tuple[int, int, str]]  # place mentions, with their country's state actor

    def place_state(self, token: Token) -> str | None:
        return next((actor for start, end, actor in self.place_states if start <= token.idx < end), None)

    def span(self, start: int, end: int) -> str | None:
        return self.actors.at(max(start, self.header), end) if end > self.header else None

    def phrase(self, token: Token) -> str | None:
        """The actor a noun phrase names: in its head and modifiers first ("North Korean soldiers deployed
        to fight for Russia" -> North Korea), then anywhere in it."""
        return self.span(token.left_edge.idx, token.idx + len(token.text)) \
            or self.span(token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text))

    def before(self, position: int, limit: int, person: bool) -> str | None:
        """The last actor of the wanted kind (a person or not) named between ``limit`` and ``position``."""
        i = bisect_right(self.actors.spans, (position,)) - 1
        while i >= 0 and self.actors.spans[i][0] >= max(limit, self.header):
            start, end, actor = self.actors.spans[i]
            if end <= position and (self.kinds.get(actor) == "person") == person:
                return actor
            i -= 1
        return None

    def antecedent(self, pronoun: Token, words: FigureLexicon) -> str | None:
        """Who "it", "they", "its" stand for: the subject of the clause above ("Baku says it has spent"),
        else the last actor of the right kind named before it in the sentence."""
        person = pronoun.lower_ in words.person_pronouns
        verb = pronoun.head
        for _ in range(3):
            if pronoun.dep_ != "nsubj" or verb.dep_ not in {"ccomp", "conj", "xcomp", "advcl"}:
                break
            verb = verb.head
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.pos_ != "PRON":
                actor = self.phrase(subject)
                if actor and (self.kinds.get(actor) == "person") == person:
                    return actor
                break
        sentence = Sentences.for_doc(pronoun.doc).of(pronoun)
        return self.before(pronoun.idx, sentence.start_char, person)

    def past_header(self, subject: Token) -> Token | None:
        """A subject outside the dateline: "SEOUL, Dec 19 (Wire) - North Korean soldiers have suffered …" is
        parsed with the city as subject and the real one as its apposition."""
        if subject.idx >= self.header:
            return subject
        return next((c for c in subject.children if c.dep_ == "appos" and c.idx >= self.header), None)

    def ofsubject_of(self, subject: Token, words: FigureLexicon) -> str | None:
        if subject.lower_ in {"which", "that", "who"} and subject.head.dep_ == "relcl":
            subject = subject.head.head  # "the appeal, which sought $2.7 billion": the appeal
        for preposition in (c for c in subject.children if c.dep_ == "prep" and c.lower_ == "for"):
            for target in (c for c in preposition.children if c.dep_ == "pobj"):
                actor = self.phrase(target) or self.place_state(target)
                if actor:
                    return actor  # "the U.N.'s appeal for Sudan sought …": Sudan's, not the U.N.'s
        actor = self.phrase(subject)  # the actor reader may have resolved a pronoun already
        if actor is None and subject.lower_ in words.pronouns:
            return self.antecedent(subject, words)
        return actor


def subject_of(doc: Doc, counted: _Counted, number: Token, category: str, whose: Whose,
             words: FigureLexicon) -> str | None:
    head = counted.head
    if head is not None and not counted.borrowed:
        actor = whose.span(max(head.left_edge.idx, number.idx + len(number.text)), head.idx + len(head.text))
        if actor:
            return actor  # "North Korean soldiers", "Russian casualties"
        for child in head.children:
            if child.dep_ == "poss":
                actor = whose.antecedent(child, words) if child.lower_ in words.pronouns \
                    else whose.span(child.left_edge.idx, child.idx + len(child.text))
                if actor:
                    return actor  # "Russia's losses", "its 1,000 troops"
        if head.dep_ == "conj" and head.head.pos_ in {"NOUN", "PROPN"}:
            actor = whose.span(head.head.left_edge.idx, head.head.idx)  # "30 Chinese aircraft and nine warships"
            if actor:
                return actor
    node = head or number
    for _ in range(6):  # up through nouns and prepositions to the verb, then its subject
        if node.dep_ in {"nsubj", "nsubjpass"} and node.head.pos_ in VERB_POS:
            return None  # the counted thing is the subject itself: whose it is was said above or not at all
        parent = node.head
        if parent is node:
            return None
        if parent.pos_ in VERB_POS:
            lemma, is_object = parent.lemma_.lower(), node.dep_ in {"dobj", "dative", "attr"}
            if any(lemma in harm for _, harm in words.event_categories) \
                    or (is_object and lemma in words.hostile_verbs):
                return None  # "Russia killed seven", "the air force shot down 31 drones": not the subject's own
            if is_object and lemma in words.giving_verbs:
                recipient = _recipient(parent, whose)
                if recipient:
                    return recipient  # "sent 31 tanks to Ukraine", "announced €120 million for Sudan"
                if category not in words.sent_categories:
                    return None  # "Norway pledged $22 million": the recipient's money; troops sent stay the sender's
            subjects = [whose.past_header(c) for c in parent.children if c.dep_ == "nsubj"]
            subjects = [c for c in subjects if c is not None]
            if subjects:
                return whose.ofsubject_of(subjects[0], words)
            if parent.dep_ in {"xcomp", "advcl", "conj", "ccomp", "acl"}:
                node = parent
                continue
            return None
        node = parent
    return None


def _recipient(verb: Token, whose: Whose) -> str | None:
    """Who is given something: "sent tanks to Ukraine", "gave Ukraine tanks", "pledged $22 million for Sudan"."""
    for child in verb.children:
        if child.dep_ == "dative" and child.pos_ in {"PROPN", "NOUN"}:
            return whose.phrase(child) or whose.place_state(child)
        if child.dep_ in {"prep", "dative"} and child.lower_ in {"to", "for"}:
            target = next((c for c in child.children if c.dep_ == "pobj"), None)
            actor = target is not None and (whose.phrase(target) or whose.place_state(target))
            if actor:
                return actor
    return None


def actor_just_before(whose: Whose, text: str, start: int) -> str | None:
    """"Poland will send 3,000 troops, and the United States around 2,800": an actor right before the amount."""
    i = bisect_right(whose.actors.spans, (start,)) - 1
    while i >= 0:
        mention_start, mention_end, actor = whose.actors.spans[i]
        if mention_end <= start:
            return actor if mention_start >= whose.header and not text[mention_end:start].strip() else None
        i -= 1
    return None


def state_actor(report: Report, country: str | None) -> str | None:
    if not country:
        return None
    ranked = [a for a in report.actors if a.country == country and a.kind in {"state", "population"}]
    return min(ranked, key=lambda a: a.kind != "state").id if ranked else None  # a state, else its people


def story_country(report: Report) -> str | None:
    """The country the article is mostly about: the most mentioned among its places and states."""
    counts: dict[str, int] = {}
    for item in [*report.places, *(a for a in report.actors if a.kind == "state")]:
        if item.country and len(item.country) == 3:
            counts[item.country] = counts.get(item.country, 0) + len(item.mentions)
    return max(counts, key=counts.__getitem__) if counts else None


def subject_named(counted: _Counted, number: Token, last: Token, whose: Whose) -> str | None:
    """Whose figure a phrase on it names: "aid for Sudan", "fighters from Nepal", "€25 million for areas in Chad"."""
    anchor = counted.head or number
    described = [o for p in last.children if p.dep_ == "prep" and p.lower_ in {"in", "worth"}
                 for o in p.children if o.dep_ == "pobj"]  # "€120 million in humanitarian aid for Sudan"
    for node in dict.fromkeys((anchor, number, last, *described)):
        for preposition in (c for c in node.children if c.dep_ == "prep" and c.lower_ in {"for", "from", "of", "to"}):
            for target in (c for c in preposition.children if c.dep_ == "pobj"):
                actor = whose.span(target.left_edge.idx, target.idx + len(target.text)) or whose.place_state(target) \
                    or next((whose.place_state(t) for t in target.subtree if whose.place_state(t)), None)
                if actor:
                    return actor
    return None


def subject_from_setting(report: Report, figure: Figure, story_country: str | None) -> str | None:
    """Whose figure, when nothing in the sentence says: the country of its place, else the story's."""
    if figure.category in {"munitions", "weapons"}:
        return None  # drones over Kharkiv are not Ukraine's: where arms are seen says nothing of whose they are
    place = next((p for p in report.places if p.id == figure.place), None)
    if place is not None and state_actor(report, place.country):
        return state_actor(report, place.country)
    return state_actor(report, story_country)
