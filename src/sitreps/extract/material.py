"""Material events: what a lexicon type needs from its surroundings before it is the right one.

``events.py`` asks this module after the triggers are found (``refine``) and when it gives an act of
coercion a default actor (``private_doer``):

- **Weapons tests are shows of force** (PLOVER, MOBILIZE 'weapons'): "Iran test-fired a ballistic
  missile", "launched a missile into the sea" fire at no one, so they are MOBILIZE, not ASSAULT.
- **A raid by the police is a search** (COERCE 'seize'), one by troops or gunmen an attack.
- **A strike by workers is a protest** ("teachers staged a nationwide strike over pay"), not an air strike.
- **Joint exercises are cooperation** (PLOVER, "joint military games and maneuvers" are COOPERATE;
  single-country exercises MOBILIZE): "Egypt and Sudan held joint military exercises".
- **A body that acts makes a material act an event**: "The army deployed tanks in the capital", "The junta
  banned all parties" name no country, but an army or a junta acting is an event, as a verbal act of an
  unnamed speaker is not (``acting_body``).
- **Whose the people or things are** an act is done to, when the phrase names no actor: their owner
  ("servers belonging to the Democratic Party") or the state of the place they are in or from ("aid to
  refugees in Chad"), for people and bodies only (``whose``; ``event_parties.actors_from`` asks).
- **Forces on the move are a mobilization** ("450 troops disembarked", "police arrived at the scene"): verbs of
  movement count only with forces for subject (``forces``), so "the minister arrived" is no event.
- **A named private doer is not the state**: "pirates hijacked a tanker off Yemen" is not done by
  Yemen's authorities, whereas "police detained 40 people in Nairobi" is (``state_actors.authority``).

The words are data (``material`` in ``data/events.yaml``, ``authorities`` in ``data/roles.yaml``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Token

from sitreps.extract.plover import Sense, lexicon, noun_sense
from sitreps.extract.roles import TokenActors, doer_words, people_words, phrase_actors, role_words
from sitreps.extract.tree import children_of, subtree_of
from sitreps.resources import load_yaml

if TYPE_CHECKING:
    from sitreps.extract.event_units import Candidate


@lru_cache(maxsize=1)
def words() -> dict[str, frozenset[str]]:
    """The word lists of ``material`` in ``data/events.yaml``."""
    return {key: frozenset(value) for key, value in load_yaml("events.yaml")["material"].items()}


def refine(candidates: list[Candidate]) -> None:
    """Recode weapons tests as MOBILIZE 'weapons' and joint exercises as COOPERATE (in place)."""
    for candidate in candidates:
        kind = candidate.sense.type
        if kind == "ASSAULT" and _weapons_test(candidate.trigger):
            candidate.sense = Sense("MOBILIZE", "weapons", True)
        elif kind == "MOBILIZE" and _joint(candidate.trigger):
            candidate.sense = Sense("COOPERATE", None, True)
        if kind == "ASSAULT" and candidate.kind == "noun" and _labour_strike(candidate):
            candidate.sense = Sense("PROTEST", "strike", True)
        elif kind == "ASSAULT" and _search(candidate):
            candidate.sense = Sense("COERCE", "seize", True)
        elif kind == "ASSAULT" and candidate.kind == "verb" and (aimed := _aimed(candidate.trigger)) is not None:
            candidate.sense = aimed  # "the EU's sanctions package targeted Russian aluminium": the sanctions' target
        elif kind == "COERCE" and candidate.sense.mode == "martial-law" and candidate.kind == "verb" \
                and not _emergency(candidate.trigger):
            candidate.dropped = True  # "emergency outages were imposed": no state of emergency


def movers(candidates: list[Candidate]) -> None:
    """Forces told moving with no side of their own ("The first convoys crossed into Lithuania", "Around 450
    troops disembarked") are the side whose deployment, attack or other material act was told in the two
    sentences before."""
    for index, candidate in enumerate(candidates):
        if candidate.sense.type != "MOBILIZE" or candidate.actor:
            continue
        sentence = candidate.in_sentence
        starts = sorted({c.in_sentence.start for c in candidates[:index] if c.in_sentence.start < sentence.start})
        window = starts[-2] if len(starts) >= 2 else (starts[0] if starts else sentence.start)
        before = [c for c in candidates[:index] if c.sense.type in MATERIAL and c.actor
                  and window <= c.trigger.i < sentence.start]
        if before:
            candidate.actor = list(before[-1].actor)


def _weapons_test(trigger: Token) -> bool:
    """"test-fired a missile", "tested a missile", "launched a rocket into orbit / into the sea"."""
    table = words()
    if trigger.lemma_.lower() not in table["launch_verbs"]:
        return False
    doc = trigger.doc
    if trigger.i >= 2 and doc[trigger.i - 1].text == "-" and doc[trigger.i - 2].lower_ in table["tests"]:
        return True  # "test-fired": the parser splits it into "test", "-", "fired"
    if any(c.lower_ in table["tests"] for c in children_of(trigger) if c.dep_ in {"npadvmod", "compound", "advmod",
                                                                              "amod"}):
        return True
    return any(p.dep_ == "prep" and p.lower_ == "into" and any(o.lemma_.lower() in table["test_areas"]
                                                               for o in children_of(p) if o.dep_ == "pobj")
               for p in children_of(trigger))


def _labour_strike(candidate: Candidate) -> bool:
    """"Teachers staged a nationwide strike over pay", "a strike by oil workers", "dockers went on strike": a
    strike whose strikers are workers, or told as a labour strike, is a protest; an air strike is not."""
    noun = candidate.trigger
    if noun.lemma_.lower() != "strike" or any(c.dep_ == "compound" and c.lower_ == "hunger" for c in children_of(noun)):
        return False
    table = words()
    told = {c.lower_ for c in children_of(noun) if c.dep_ in {"amod", "compound", "nmod"}}
    told |= {o.lemma_.lower() for p in children_of(noun) if p.dep_ == "prep" and p.lower_ in {"over", "for"}
             for o in children_of(p)}  # "a strike over pay"
    if told & table["labour_words"]:
        return True
    strikers = [o for p in children_of(noun) if p.dep_ == "prep" and p.lower_ == "by" for o in children_of(p)]
    strikers += [c for c in children_of(noun) if c.dep_ == "poss"]
    verb = candidate.governor
    if verb is not None:
        strikers += [c for c in children_of(verb) if c.dep_ == "nsubj"]
    return any(t.lemma_.lower() in table["workers"] for s in strikers for t in subtree_of(s))


def _aimed(verb: Token) -> Sense | None:
    """"targeted", "hit" with another kind of event for subject ("The new sanctions target Russian banks",
    "the EU's 16th package hit aluminium"): that event's sense, whose target the object is."""
    if verb.lemma_.lower() not in words()["aiming"]:
        return None
    who = next((c for c in children_of(verb) if c.dep_ == "nsubj"), None)
    if who is None:
        return None
    for noun in [who, *(c for c in children_of(who) if c.dep_ == "compound")]:
        entry = noun_sense(noun)
        if entry is not None and entry.sense.type != "ASSAULT":
            return entry.sense
    return None


def _emergency(verb: Token) -> bool:
    """Martial law or a state of emergency is what was imposed or declared, not a word that qualifies it."""
    objects = [c for c in children_of(verb) if c.dep_ in {"dobj", "nsubjpass"}]
    return any(o.lemma_.lower() in words()["emergency_heads"] for o in objects)


def _search(candidate: Candidate) -> bool:
    """"Egyptian police raided the offices of a news website": a raid by the police or the authorities is a
    search (COERCE 'seize'); a raid by troops or gunmen stays an attack."""
    trigger = candidate.trigger
    if trigger.lemma_.lower() != "raid":
        return False
    verb = candidate.governor or trigger
    doers = [c for c in children_of(verb) if c.dep_ == "nsubj"] if trigger.pos_ == "VERB" or candidate.governor else []
    doers += [o for p in children_of(trigger) if p.dep_ == "prep" and p.lower_ == "by" for o in children_of(p)]
    doers += [c for c in children_of(trigger) if c.dep_ in {"compound", "poss"}]  # "a police raid"
    return any(t.lemma_.lower() in words()["searchers"] for d in doers for t in subtree_of(d))


def _joint(trigger: Token) -> bool:
    """An exercise, drill or patrol told as joint ("joint naval exercises", "a joint drill with Japan")."""
    table = words()
    nouns = [trigger] if trigger.pos_ in {"NOUN", "PROPN"} else [c for c in children_of(trigger) if c.dep_ == "dobj"]
    return any(n.lemma_.lower() in table["exercises"] and any(c.lower_ in table["joint"] for c in children_of(n)
                                                              if c.dep_ in {"amod", "compound"})
               for n in nouns)


PLACE_PREPS = frozenset({"in", "from", "of", "near"})  # where the people or things an act is done to are
OWNING = frozenset({"belong", "own", "run", "operate"})  # "servers belonging to", "a ship owned by"
MATERIAL = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "AID", "RETREAT", "COOPERATE"})


def acting_body(verb: Token) -> bool:
    """The verb's own subject is a body that acts materially though it names no country: the authorities or
    an armed group ("The army deployed tanks in the capital", "The junta banned all parties", "The rebels
    laid siege to the city"). Such a material act is an event; a verbal one still needs its actor."""
    who = next((c for c in children_of(verb) if c.dep_ == "nsubj"), None)
    if who is None:  # "Troops were deployed to the border": forces moved are forces acting
        moved = next((c for c in children_of(verb) if c.dep_ == "nsubjpass"), None)
        return moved is not None and moved.pos_ in {"NOUN", "PROPN"} and forces(moved)
    return who.pos_ in {"NOUN", "PROPN"} and who.lemma_.lower() in doer_words()


def forces(who: Token | None) -> bool:
    """A subject that is armed forces or police ("about 450 troops", "officers", "the army's tanks"): the words
    of the lexicon's ``troops`` class, or the authorities' forces of ``roles.yaml``."""
    if who is None:
        return False
    if who.pos_ == "NUM" or who.lemma_.lower() in lexicon().measure_nouns:  # "Hundreds of NATO soldiers"
        who = next((o for p in children_of(who) if p.dep_ == "prep" and p.lower_ == "of" for o in children_of(p)), who)
    lemma = who.lemma_.lower()
    return "troops" in lexicon().classes.get(lemma, frozenset()) or lemma in words()["forces"]


def private_doer(candidate: Candidate) -> bool:
    """An act of coercion whose named subject is not the state's authorities ("pirates hijacked a tanker")."""
    verb = candidate.governor or candidate.trigger
    who = next((c for c in children_of(verb) if c.dep_ == "nsubj"), None)  # its own subject, not one it inherits
    return who is not None and who.pos_ in {"NOUN", "PROPN"} and who.lemma_.lower() not in role_words()["authorities"]


def whose(phrase: Token, actors: TokenActors, *, acting: bool = False) -> list[str]:
    """Whose the people or things a phrase names are, when it names no actor of its own: their owner
    ("servers belonging to the U.S. Democratic Party"), or the state of the place its "in", "from" or "of"
    names when they are people or bodies ("refugees from Myanmar", "the junta in Guinea", not "a summit in
    Abuja" or "positions in Kursk"). As an actor (``acting``) only a force or an authority is placed so: "the
    junta in Guinea" acts for Guinea, "students in Dhaka" are not Bangladesh's state."""
    for clause in children_of(phrase):  # "servers belonging to the Democratic Party", "a tanker owned by a Greek firm"
        if clause.dep_ == "acl" and clause.lemma_.lower() in OWNING:
            owners = [o for p in children_of(clause) if p.dep_ in {"prep", "agent"} and p.lower_ in {"to", "by"}
                      for o in children_of(p) if o.dep_ == "pobj"]
            found = [a for o in owners for a in (phrase_actors(o, actors) or actors.place(o))]
            if found:
                return found
    # an actor so placed is a force or authority, not students
    if phrase.lemma_.lower() not in (doer_words() if acting else people_words()):
        return []
    for prep in children_of(phrase):
        if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS:
            for obj in children_of(prep):
                if obj.dep_ == "pobj" and obj.i in actors.place_country:
                    return actors.place(obj)
    return []
