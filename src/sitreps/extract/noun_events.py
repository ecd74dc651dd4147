"""Events told by nouns (``events.py`` asks): whether a noun can name an event there, the candidate it makes with
its own phrases (an adjective, possessive or "by" phrase for the actor, "on/against/with" for the recipient),
gerunds the parser took for verbs ("the shelling", "NATO airstrikes again struck"), and how a verb around the
noun tells it: a light verb hands it to its subject ("carried out an attack"), a verb of happening or of effect
says it happened ("clashes erupted", "the attack left 30 dead")."""

from __future__ import annotations

from spacy.tokens import Token

from sitreps.extract.actors import resolve_name
from sitreps.extract.event_parties import RECIPIENT_PREPS, actors_from, clause_tokens, recipient_preps, unnamed_people
from sitreps.extract.event_units import NOUN_HEADS, Candidate
from sitreps.extract.material import acting_body
from sitreps.extract.material import words as material_words
from sitreps.extract.nominal import container, responsibility_claimer
from sitreps.extract.plover import NounEntry, Sense, lexicon
from sitreps.extract.roles import TokenActors, agent, phrase_actors, preposition_objects, subject
from sitreps.extract.tree import children_of, subtree_of

NAMES = {"ORG", "PERSON", "GPE", "FAC", "LAW", "WORK_OF_ART", "EVENT", "PRODUCT"}
TIME_NOUNS = {"start", "beginning", "end", "outbreak", "anniversary", "eve", "aftermath", "day", "days", "year",
              "years", "months", "weeks", "course", "height"}
DEFINITE = {"the", "this", "that", "these", "those"}
DEMONSTRATIVE = {"this", "that", "these", "those"}
HAPPENING = frozenset({"ASSAULT", "PROTEST", "COERCE", "CONSULT"})  # what a noun said to happen is told as


def nominal_event(token: Token, actors: TokenActors) -> bool:
    """A noun can name an event here: not part of a name ("Institute for the Study of War"), not a
    modifier ("missile strike capabilities"), not a point in time ("since the start of the war")."""
    if token.ent_type_ in NAMES or actors.at(token):
        return False
    if token.dep_ == "compound" and token.head.lemma_.lower() not in NOUN_HEADS:
        return False
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in lexicon().circumstance_preps \
            and head.head.lemma_.lower() not in material_words()["light_on"]:
        return False  # "ships that carry crude around Western sanctions", not "placed under house arrest"
    return not (token.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in TIME_NOUNS)


def noun_candidate(noun: Token, entry: NounEntry, actors: TokenActors) -> Candidate:
    candidate = Candidate(entry.sense, noun, "noun", weak=entry.weak, tokens=clause_tokens(noun))
    if noun.dep_ == "compound":  # "the EU's 16th sanctions package": the roles are the package's
        candidate.tokens |= clause_tokens(noun.head)
        noun = noun.head
    held = container(noun)
    if held is not None:  # "an exchange of gunfire between police and gunmen": the exchange's phrases are its own
        candidate.tokens |= clause_tokens(held)
        if held.dep_ in {"nsubj", "nsubjpass", "dobj"} and held.head.pos_ == "VERB":
            candidate.sense = Sense(candidate.sense.type, candidate.sense.mode, True)  # told, as its container is
    candidate.actor = phrase_actors(noun, actors, conjuncts=False, via_of=False)
    if noun.pos_ == "VERB":  # a noun the parser took for a verb: its "subject" is its modifier ("NATO airstrikes")
        candidate.actor += [a for c in children_of(noun) if c.dep_ == "nsubj" and c.i < noun.i
                            for a in phrase_actors(c, actors)]
    by = preposition_objects(noun, {"by"} | lexicon().co_actor_preps)
    if held is not None:
        by += preposition_objects(held, {"by"} | lexicon().co_actor_preps)
    candidate.actor += actors_from(by, actors)  # "strikes by Israel", "fighting between the army and the RSF"
    of = actors_from(preposition_objects(noun, {"of"}), actors)
    if entry.sense.type in {"MOBILIZE", "RETREAT", "REQUEST"} and not candidate.actor:
        candidate.actor, of = of, []  # "the deployment of North Korean troops", "at the urging of Malta"
    candidate.recipient = actors_from(preposition_objects(noun, recipient_preps(entry.sense.type, False)), actors) + of
    candidate.unnamed_victims = any(unnamed_people(o, actors) for o in preposition_objects(noun, {"of", "on", "against"}))
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN" and not candidate.actor:
        candidate.actor = [a for c in children_of(noun.head.head) if c.dep_ == "poss" for a in phrase_actors(c, actors)]
    if not candidate.actor:
        claimer = responsibility_claimer(noun)  # "Hamas claimed responsibility for the attack": Hamas attacked
        candidate.actor = phrase_actors(claimer, actors) if claimer is not None else []
    if not candidate.actor and entry.sense.type == "CONSULT":
        candidate.actor = host_subject(noun, actors)
    determiner = next((c for c in children_of(noun) if c.dep_ == "det"), None)
    candidate.definite = determiner is not None and determiner.lower_ in DEFINITE
    candidate.demonstrative = determiner is not None and determiner.lower_ in DEMONSTRATIVE
    candidate.bare = determiner is None and not any(c.dep_ in {"poss", "nummod"} for c in children_of(noun)) \
        and noun.tag_ in {"NNS", "NNPS"}
    candidate.needs_date = entry.needs_date
    return candidate


def gerund_noun(token: Token) -> NounEntry | None:
    """A gerund the parser took for a verb though a determiner makes it a noun ("the shelling forced thousands to
    flee", "the fighting has displaced …"), or a plural noun it took for a verb in a noun's place ("NATO
    airstrikes again struck"): the noun of that word in the lexicon, if it has one."""
    if token.pos_ != "VERB":
        return None
    if token.tag_ == "VBZ" and token.dep_ in {"nsubj", "nsubjpass", "dobj"}:  # "NATO airstrikes again struck …":
        return lexicon().nouns.get(token.lemma_.lower())  # a plural noun the parser took for a verb
    if token.tag_ != "VBG" or not any(c.dep_ == "det" for c in children_of(token)):
        return None
    return lexicon().nouns.get(token.lower_)


def gerund_agent(verb: Token) -> Token | None:
    """The "by" phrase of a gerund used as a noun, with no subject or auxiliary of its own ("heavy shelling by
    Syrian troops", "Indiscriminate shelling by government forces continued"): its doer, as "strikes by Israel"
    names the strikes' (a headline fragment has nothing else)."""
    if verb.tag_ != "VBG" or any(c.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass"} for c in children_of(verb)):
        return None
    return next((o for p in children_of(verb) if p.dep_ == "prep" and p.lower_ == "by" for o in children_of(p)
                 if o.dep_ == "pobj" and o.pos_ in {"NOUN", "PROPN"}), None)


def host_subject(noun: Token, actors: TokenActors) -> list[str]:
    """"In a telephone conversation with Sarkozy, Medvedev declared …", "During his visit to Kyiv, the chancellor
    said …": a meeting told as the setting of a clause is held by that clause's subject."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in {"in", "during", "at", "after"} \
            or prep.head.pos_ not in {"VERB", "AUX"}:
        return []
    who, passive = subject(prep.head)
    return [] if who is None or passive else phrase_actors(who, actors)


def demonym_actors(token: Token, actors: TokenActors) -> list[str]:
    """A country's adjective the parser took for no place or group ("the Azerbaijani offensive", tagged a person)."""
    if token.pos_ not in {"PROPN", "ADJ"} or not token.text[:1].isupper():
        return []
    resolved = resolve_name(token.text)
    return actors.state(resolved.country, token) if resolved is not None and resolved.kind == "state" else []


def hand_to_light_verb(candidate: Candidate, verb: Token, actors: TokenActors, *, turned: bool = False) -> None:
    """A light verb hands its object's event to its subject ("Russia carried out a strike")."""
    who, passive = subject(verb)
    candidate.governor = verb
    candidate.tokens |= clause_tokens(verb)
    if passive:
        by = agent(verb)
        if by is not None and not candidate.actor:
            candidate.actor = phrase_actors(by, actors)
    elif who is not None and not turned:
        candidate.actor = phrase_actors(who, actors) or candidate.actor
        candidate.subject_noun = who.pos_ in {"NOUN", "PROPN"} and (acting_body(verb) or candidate.sense.type
                                                                     == "PROTEST")  # "the rebels laid siege",
        # "workers went on strike"
        if who.head.i == verb.i:
            candidate.tokens |= {t.i for t in subtree_of(who)}
    elif who is not None:
        candidate.recipient = phrase_actors(who, actors)
        # "Pakistan received criticism from India": the one it came from is the actor
        candidate.actor += actors_from(preposition_objects(verb, {"from"}) + [o for obj in children_of(verb) if obj.dep_ == "dobj"
                                                                         for o in preposition_objects(obj, {"from"})],
                                 actors)
    preps = RECIPIENT_PREPS | {"from"} if candidate.sense.type == "RETREAT" else RECIPIENT_PREPS  # "began its
    candidate.recipient += actors_from(preposition_objects(verb, preps), actors)  # pullout from Georgia"
    if candidate.trigger.dep_ == "pobj" and candidate.trigger.head.head.i == verb.i:  # "placed Huawei on a
        candidate.recipient += actors_from([c for c in children_of(verb) if c.dep_ == "dobj"], actors)  # blacklist"
    candidate.actor += actors_from(preposition_objects(verb, lexicon().co_actor_preps), actors)
    candidate.weak = False


def occurred(candidate: Candidate, verb: Token, actors: TokenActors, found: list[Candidate]) -> None:
    """An event noun whose verb says it happened ("clashes erupted in Goma on Monday", "fighting broke out between
    the army and the RSF"): told, so an event with nothing else of its own (a weak noun of a kind that is not
    violence, protest, repression or talks still needs an actor, date or number: "training will take place");
    the verb's clause dates and places it, its "between" phrase names the sides and its "against" phrase the
    target. "The protests erupted after …" with protests told in a sentence before is those protests again."""
    if candidate.definite and any(c.sense.type == candidate.sense.type and c.trigger.sent.start < verb.sent.start
                                  and not c.dropped for c in found):
        candidate.dropped = True
        return
    candidate.governor = verb
    candidate.tokens |= clause_tokens(verb)
    candidate.actor += actors_from(preposition_objects(verb, lexicon().co_actor_preps), actors)
    candidate.recipient += actors_from(preposition_objects(verb, {"against"}), actors)
    if candidate.sense.type in HAPPENING:
        candidate.weak = False
        candidate.sense = Sense(candidate.sense.type, candidate.sense.mode, True)


def affected(candidate: Candidate, verb: Token, actors: TokenActors, found: list[Candidate]) -> None:
    """An event noun (or gerund) whose verb tells what it did ("the attack left 30 people dead", "fighting has
    displaced thousands", "the clashes claimed 12 lives"): told as an occurrence verb tells it (``occurred``);
    what it did it to is its target when the noun's own phrase names none ("the blast damaged the embassy")."""
    occurred(candidate, verb, actors, found)
    if candidate.dropped or candidate.recipient:
        return
    objects = [c for c in children_of(verb) if c.dep_ == "dobj"]
    candidate.recipient = [a for a in actors_from(objects, actors) if a not in candidate.actor]
