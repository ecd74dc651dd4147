"""Whose a figure is (its ``subject``): the rules that read ownership from the sentence around a number.

The convention (docs/annotation.md, "Subject"): casualties are the side that
suffered them, troops the side they serve (the sender, for troops sent
abroad), aid its recipient's, weapons their holder's, money its payer's or
recipient's. In order:

1. the counted phrase names its owner ("North Korean soldiers", "Russia's
   losses", "its 1,000 troops", "13 Georgian villages", "100 deaths among
   North Korean troops"), or the subject of a suffering verb in a relative
   clause on it does ("1,950 casualties, which Ukraine said Russia suffered");
2. else the verb decides: a speaker is a source, never an owner; an attacker
   never owns the dead it caused nor what it struck; what is given belongs to
   whom it is given to, but troops stay the sender's; what a container holds
   is the container's owner's; otherwise the verb's subject, through pronouns,
   "his country", gerunds and a dateline the parser took for a subject;
3. else a phrase on the figure ("aid for Sudan", "Iran with 1.1 million");
4. else (in ``figures``) the owner of the last count of the same munitions,
   the one side whose people the sentence names (``party_in_sentence``), the
   country of its place or of the story.

Kept apart from ``figures`` because the rules grew into a concept of their own.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from sitreps.extract.attribution import ActorIndex
from sitreps.extract.roles import Sentences
from sitreps.extract.tree import children_of, subtree_of
from sitreps.gazetteer import gazetteer
from sitreps.types import Actor, Figure, Place, Report

if TYPE_CHECKING:
    from sitreps.extract.figures import FigureLexicon, _Counted

VERB_POS = {"VERB", "AUX"}
_OWNING_SUFFIXES = {"owned", "run", "held", "based", "flagged", "registered", "controlled"}
_QUALIFYING = {"over", "around", "about", "above", "under", "within", "past", "near"}  # "lost over 500"
_COUNTRY_NOUNS = {"country", "government", "nation", "state", "army", "military", "administration", "forces"}



@dataclass(slots=True)
class Whose:
    """What the subject rules read: actor mentions, actor kinds, and where a dateline header ends."""

    actors: ActorIndex
    kinds: dict[str, str]
    header: int  # the parser can take a dateline's city for a subject: nothing before this is one
    place_states: list[tuple[int, int, str]]  # place mentions, with their country's state actor
    countries: dict[str, str | None]  # actor id -> its country
    state_of: Callable[[str | None], str | None]  # a country -> its state actor (else its people), if the report has one

    def demonym(self, token: Token) -> str | None:
        """The state a nationality word stands for: "Georgian villages", "Swiss businessmen",
        "Palestinian-owned structures", "US-based group" (only when the report has an actor of that country).
        "Iranian-made", "Saudi-led" say who made or led a thing, not whose it is."""
        doc = token.doc
        text = token.text
        if "-" in text:
            text, _, tail = text.partition("-")
            if tail.lower() not in _OWNING_SUFFIXES:
                return None
        elif token.i + 1 < len(doc) and doc[token.i + 1].text == "-":
            if token.i + 2 >= len(doc) or doc[token.i + 2].lower_ not in _OWNING_SUFFIXES:
                return None
        elif token.ent_type_ not in {"NORP", "GPE"}:
            return None
        gaz = gazetteer()
        country = gaz.by_adjective.get(text) or gaz.by_people.get(text) or gaz.by_name.get(text)
        return self.state_of(country.iso3) if country is not None else None

    def country_state(self, actor: str | None) -> str | None:
        """The state of an actor's country: "his country" said by a minister is the minister's state."""
        return self.state_of(self.countries.get(actor or "")) if actor else None

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
            subject = next((c for c in children_of(verb) if c.dep_ == "nsubj"), None)
            if subject is not None and subject.pos_ != "PRON":
                actor = self.phrase(subject)
                if actor and (self.kinds.get(actor) == "person") == person:
                    return actor
                if not person:  # "The British foreign secretary said they would send …": Britain
                    named = self.named(subject)
                    if named:
                        return named
                break
        sentence = Sentences.for_doc(pronoun.doc).of(pronoun)
        return self.before(pronoun.idx, sentence.start_char, person)

    def past_header(self, subject: Token) -> Token | None:
        """A subject outside the dateline: "SEOUL, Dec 19 (Wire) - North Korean soldiers have suffered …" is
        parsed with the city as subject and the real one as its apposition."""
        if subject.idx >= self.header:
            return subject
        return next((c for c in children_of(subject) if c.dep_ == "appos" and c.idx >= self.header), None)

    def ofsubject_of(self, subject: Token, words: FigureLexicon) -> str | None:
        if subject.lower_ in {"which", "that", "who"} and subject.head.dep_ == "relcl":
            subject = subject.head.head  # "the appeal, which sought $2.7 billion": the appeal
        for preposition in (c for c in children_of(subject) if c.dep_ == "prep" and c.lower_ == "for"):
            for target in (c for c in children_of(preposition) if c.dep_ == "pobj"):
                actor = self.phrase(target) or self.place_state(target)
                if actor:
                    return actor  # "the U.N.'s appeal for Sudan sought …": Sudan's, not the U.N.'s
        if subject.lemma_.lower() in _COUNTRY_NOUNS:  # "his country will send": a state, not the speaker
            state = self.possessor_state(subject, words)
            if state:
                return state
        actor = self.phrase(subject)  # the actor reader may have resolved a pronoun already
        if actor is None and subject.lower_ in words.pronouns:
            return self.antecedent(subject, words)
        if actor is None and subject.pos_ == "PROPN":  # "the Istanbul Stock Exchange, which fell": Turkey's
            actor = next((state for t in subtree_of(subject) if t.i <= subject.i and (state := self.place_state(t))), None)
        if actor is None:  # "the North Korean state could collect …"
            actor = next((state for t in subtree_of(subject) if t.i < subject.i and (state := self.demonym(t))), None)
        return actor

    def possessor_state(self, noun: Token, words: FigureLexicon) -> str | None:
        """"his country", "their government": the state of whoever the pronoun stands for, else of the speaker
        of the clause above ("The Italian defence minister said his country will send ten instructors")."""
        possessive = next((c for c in children_of(noun) if c.dep_ == "poss" and c.lower_ in words.pronouns), None)
        if possessive is None:
            return None
        actor = self.antecedent(possessive, words)
        if actor:
            return self.country_state(actor) or actor
        verb = noun.head
        for _ in range(3):
            if verb.dep_ not in {"ccomp", "conj", "xcomp", "advcl"}:
                break
            verb = verb.head
            speaker = next((c for c in children_of(verb) if c.dep_ == "nsubj"), None)
            if speaker is not None:
                return self.named(speaker)
        return None

    def named(self, token: Token) -> str | None:
        """The side a noun phrase names: an actor in it, else a nationality word in it."""
        actor = self.phrase(token)
        if actor and self.countries.get(actor):
            return (self.country_state(actor) or actor) if self.kinds.get(actor) == "person" else actor
        for word in subtree_of(token):  # "Italian Minister for Defence Ignazio La Russa", read as no one's
            if word.i > token.i:
                break
            state = self.demonym(word)
            if state:
                return state
        return actor


def subject_of(doc: Doc, counted: _Counted, number: Token, category: str, whose: Whose,
               words: FigureLexicon) -> str | None:
    head = counted.head
    if head is not None and not counted.borrowed:
        actor = _owner_in_phrase(head, number.i, whose, words) or _sufferer(head, whose, words)
        if actor:
            return actor
        if category == "money":  # "committed to a $30-billion arms package for Israel": the recipient's
            actor = next((a for p in children_of(head) if p.dep_ == "prep" and p.lower_ in {"for", "to"}
                          for o in children_of(p) if o.dep_ == "pobj" and (a := whose.phrase(o) or whose.place_state(o))),
                         None)
            if actor:
                return actor
    if number.dep_ == "pobj" and number.head.lower_ == "with" and number.head.head.pos_ == "PROPN":
        named = number.head.head  # "followed by Iran with 1.1 million"
        actor = whose.phrase(named) or whose.place_state(named)
        if actor:
            return actor
    start = (counted.token or number) if counted.borrowed else (head or number)  # a borrowed noun is elsewhere
    return _by_the_verb(start, category, whose, words)


def _owner_in_phrase(head: Token, after: int, whose: Whose, words: FigureLexicon) -> str | None:
    """The owner the counted phrase names: "North Korean soldiers", "Russia's losses", "its 1,000 troops",
    "13 Georgian villages", "30 Chinese aircraft and nine warships", "100 deaths among North Korean troops"."""
    doc = head.doc
    first = max(head.left_edge.i, after + 1)  # the modifiers after the number
    actor = whose.span(doc[first].idx, head.idx + len(head.text)) if first <= head.i else None
    if actor:
        return actor
    for child in children_of(head):
        if child.dep_ == "poss":
            actor = whose.antecedent(child, words) if child.lower_ in words.pronouns \
                else whose.span(child.left_edge.idx, child.idx + len(child.text))
            if actor:
                return actor
    for word in doc[first:head.i]:
        state = whose.demonym(word)
        if state:
            return state
    if head.dep_ == "conj" and head.head.pos_ in {"NOUN", "PROPN"}:
        actor = whose.span(head.head.left_edge.idx, head.head.idx)
        if actor:
            return actor
    return _among(head, whose)


def _among(node: Token, whose: Whose) -> str | None:
    """"deaths among North Korean soldiers": the group named after "among" suffered them."""
    for preposition in (c for c in children_of(node) if c.dep_ == "prep" and c.lower_ == "among"):
        for target in (c for c in children_of(preposition) if c.dep_ == "pobj"):
            actor = whose.named(target)
            if actor:
                return actor
    return None


def _sufferer(head: Token, whose: Whose, words: FigureLexicon) -> str | None:
    """"1,950 casualties, which Ukraine said Russia suffered": the subject of the suffering verb in a relative
    clause on the counted noun, not whoever reports it."""
    for clause in (c for c in children_of(head) if c.dep_ == "relcl"):
        for verb in subtree_of(clause):
            if verb.pos_ == "VERB" and verb.lemma_.lower() in words.suffer_verbs:
                subject = next((c for c in children_of(verb) if c.dep_ == "nsubj"
                                and c.lower_ not in {"which", "that", "who"}), None)
                if subject is not None:
                    return whose.ofsubject_of(subject, words)
    return None


def _by_the_verb(start: Token, category: str, whose: Whose, words: FigureLexicon) -> str | None:
    """Up through nouns and prepositions to the verb, which decides (see the module docstring)."""
    node = start
    for _ in range(6):
        if node.dep_ in {"nsubj", "nsubjpass"} and node.head.pos_ in VERB_POS:
            return _among(node.head, whose)  # the counted thing is the subject: its owner was said above, or here
        parent = node.head
        if parent == node:
            return None
        if parent.pos_ in VERB_POS:
            lemma, is_object = parent.lemma_.lower(), node.dep_ in {"dobj", "dative", "attr"}
            if node.dep_ == "prep" and node.lower_ in words.locative and node != start \
                    and not (node.lower_ in _QUALIFYING and 0 < start.i - node.i <= 2) and _harms(lemma, words):
                return None  # "airstrikes struck installations in several cities": where they struck, not whose
            container = _container(parent, node, words)
            if container is not None:  # "containers that could contain 100,000 shells": the containers' owner
                return _owner_in_phrase(container, container.left_edge.i - 1, whose, words) or \
                    _by_the_verb(container, category, whose, words)
            if lemma in words.reporting_verbs:  # "the lawmaker reported 100 deaths": the speaker is the source
                measured = next((c for c in children_of(parent) if c.dep_ == "dobj"), None)
                if node.lower_ == "at" and measured is not None:  # "put Russian losses at 1,950"
                    return _owner_in_phrase(measured, measured.left_edge.i - 1, whose, words)
                return _among(parent, whose)
            protecting = is_object and lemma in words.protecting_verbs
            if not protecting and (_harms(lemma, words, events_only=True) or (is_object and lemma in words.hostile_verbs)):
                return _among(parent, whose)  # "Russia killed seven", "shot down 31 drones": not the subject's own
            if is_object and lemma in words.giving_verbs:
                recipient = None if category in words.kept_by_sender else _recipient(parent, whose)
                if recipient:
                    return recipient  # "sent 31 tanks to Ukraine", "announced €120 million for Sudan"
                if category not in words.sent_categories:
                    return None  # "Norway pledged $22 million": the recipient's money; troops sent stay the sender's
            headers = [whose.past_header(c) for c in children_of(parent) if c.dep_ == "nsubj"]
            subjects = [c for c in headers if c is not None] or _stray_subject(parent)
            if subjects:
                return whose.ofsubject_of(subjects[0], words)
            if parent.dep_ in {"xcomp", "advcl", "conj", "ccomp", "acl", "pcomp"}:
                node = parent  # "responded by firing eight rockets": up to "responded"
                continue
            return None
        node = parent
    return None


def _harms(lemma: str, words: FigureLexicon, events_only: bool = False) -> bool:
    """A verb of killing, wounding, capturing, displacing … (or, unless ``events_only``, of attacking)."""
    return any(lemma in harm for name, harm in words.event_categories if name != "protesters") \
        or (not events_only and lemma in words.hostile_verbs)


def _stray_subject(verb: Token) -> list[Token]:
    """A subject the parser hung elsewhere: in "an air raid on Gaza and Hamas responded by firing …", Hamas is
    read as a second object of "on"; a name right before a coordinated verb that has none is its subject."""
    if verb.dep_ != "conj" or verb.i == 0:
        return []
    before = verb.doc[verb.i - 1]
    return [before] if before.pos_ == "PROPN" and before.dep_ in {"conj", "appos"} else []


def _container(verb: Token, node: Token, words: FigureLexicon) -> Token | None:
    """The noun a "that could contain N" clause hangs on: "containers that could contain 100,000 shells",
    "a team that could include up to twenty advisers", "containers of munitions, which it estimated held
    several million rounds" (where the parser loses the relative clause, the noun before "which")."""
    if node.dep_ != "dobj" or verb.lemma_.lower() not in words.containing_verbs:
        return None
    relative = next((c for c in children_of(verb) if c.dep_ in {"nsubj", "nsubjpass"}
                     and c.lower_ in {"that", "which", "who"}), None)
    if relative is None:
        return None
    if verb.dep_ == "relcl":
        return verb.head if verb.head.pos_ in {"NOUN", "PROPN"} else None
    return next((t for t in reversed(verb.doc[max(0, relative.i - 12):relative.i])
                 if t.pos_ in {"NOUN", "PROPN"} and t.ent_type_ not in {"DATE", "TIME"}), None)


def party_in_sentence(doc: Doc, start: int, end: int, source: str | None, whose: Whose,
                      words: FigureLexicon) -> str | None:
    """The one side whose people the sentence names ("… confirm several hundred killed and wounded" in a
    sentence about "North Korean soldiers"): for people counted with no owner of their own, before any
    fallback to the place or the story. The speaker's own side is not a party ("a South Korean lawmaker")."""
    speaker = whose.countries.get(source or "")
    parties: dict[str, str] = {}  # country -> an actor of it
    for token in doc[start:end]:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in words.party_nouns:
            continue
        if (token.dep_ == "nsubj" and _harms(token.head.lemma_.lower(), words)) \
                or (token.dep_ == "pobj" and token.head.lower_ in {"by", "against", "alongside", "with", "beside"}):
            continue  # "Russian forces struck …, killing seven", "alongside Russian units": not the sufferers
        for word in doc[token.left_edge.i:token.i]:
            actor = whose.demonym(word) or whose.span(word.idx, word.idx + len(word.text))
            country = whose.countries.get(actor or "")
            if actor and country and actor != source and country != speaker:
                parties.setdefault(country, actor)
                break
    if len(parties) != 1:
        return None
    country, actor = next(iter(parties.items()))
    return whose.state_of(country) or actor


def _recipient(verb: Token, whose: Whose) -> str | None:
    """Who is given something: "sent tanks to Ukraine", "gave Ukraine tanks", "pledged $22 million for Sudan"."""
    for child in children_of(verb):
        if child.dep_ == "dative" and child.pos_ in {"PROPN", "NOUN"}:
            return whose.phrase(child) or whose.place_state(child)
        if child.dep_ in {"prep", "dative"} and child.lower_ in {"to", "for"}:
            target = next((c for c in children_of(child) if c.dep_ == "pobj"), None)
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
    items: list[Place | Actor] = [*report.places, *(a for a in report.actors if a.kind == "state")]
    for item in items:
        if item.country and len(item.country) == 3:
            counts[item.country] = counts.get(item.country, 0) + len(item.mentions)
    return max(counts, key=counts.__getitem__) if counts else None


def subject_named(counted: _Counted, number: Token, last: Token, whose: Whose) -> str | None:
    """Whose figure a phrase on it names: "aid for Sudan", "fighters from Nepal", "€25 million for areas in Chad"."""
    anchor = counted.head or number
    described = [o for p in children_of(last) if p.dep_ == "prep" and p.lower_ in {"in", "worth"}
                 for o in children_of(p) if o.dep_ == "pobj"]  # "€120 million in humanitarian aid for Sudan"
    for node in dict.fromkeys((anchor, number, last, *described)):
        for preposition in (c for c in children_of(node) if c.dep_ == "prep" and c.lower_ in {"for", "from", "of", "to"}):
            for target in (c for c in children_of(preposition) if c.dep_ == "pobj"):
                actor = whose.span(target.left_edge.idx, target.idx + len(target.text)) or whose.place_state(target) \
                    or next((whose.place_state(t) for t in subtree_of(target) if whose.place_state(t)), None)
                if actor:
                    return actor
    if anchor.dep_ == "dobj" and anchor.head.pos_ == "VERB":  # "murdering six soldiers from the United Kingdom",
        for preposition in (c for c in children_of(anchor.head) if c.dep_ == "prep" and c.lower_ == "from"):
            for target in (c for c in children_of(preposition) if c.dep_ == "pobj"):  # as the parser hangs it
                actor = whose.phrase(target) or whose.place_state(target)
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
