"""Nominal events: what a noun that names an event needs beyond the lexicon (``events.py`` asks).

- "The Taliban claimed responsibility for the attack": the claimer is the attack's actor; the
  claim makes the attack claimed (``attribution``). The nouns and verbs are data
  (``responsibility`` in ``data/events.yaml``).
- "protests in Suez": a bare plural with a place of its own after a locative preposition tells
  an event, where "frontal infantry assaults" does not.
- "the verdict sparked protests": a noun an event is said to have caused happened (``caused_by``).
- "an exchange of gunfire between police and the attackers", "a wave of attacks": the container noun
  stands for the event it holds (``container``).
- "The attack left 30 people dead", "fighting has displaced thousands", "the clashes claimed 12 lives": the
  noun is the subject of a verb that tells what it did to someone, so it happened (``effect_verb``; the verbs
  are data, ``effect_verbs``). Unlike an occurrence verb, the verb has an object: what the event did.
- "There has been heavy fighting around the airport", "gunfire was heard in the capital": an existential "be"
  or a passive verb of perception tells the noun happened (``existential``, ``perceived``).
- "Clashes erupted in Goma", "fighting broke out between the army and the rebels", "talks took
  place on Monday": the noun is the subject of a verb that says it happened, so it is told, not
  talked about, whatever it lacks of its own (``occurrence_verb``; the verbs are data,
  ``occurrence_verbs`` in ``data/events.yaml``); also raised by a passive ("fighting is reported to have spread").
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from sitreps.extract.roles import subject
from sitreps.extract.tree import children_of
from sitreps.resources import load_yaml

LOCATIVE = frozenset({"in", "near", "at", "on", "across", "around", "outside", "inside", "into", "over", "toward",
                      "towards", "along", "off", "within", "throughout", "onto"})
PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
BARE_CLAUSE = frozenset({"nsubj", "aux", "punct", "prt", "dobj"})
TEMPORAL_MARKS = frozenset({"after", "since", "before", "until", "till", "when", "once", "as", "while"})


def responsibility_claimer(noun: Token) -> Token | None:
    """Who claims or admits an event told as "responsibility for X" ("The Taliban claimed responsibility for the
    attack", "no group has taken credit for the bombing"): the subject of the verb whose object it is."""
    table = load_yaml("events.yaml")["responsibility"]
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for" or prep.head.lemma_.lower() not in table["nouns"]:
        return None
    held = prep.head
    verb = held.head
    if held.dep_ != "dobj" or verb.lemma_.lower() not in table["verbs"]:
        return None
    who, passive = subject(verb)
    return None if passive else who


def occurrence_verb(noun: Token) -> Token | None:
    """The verb that says the event ``noun`` names happened, where the noun is its subject ("clashes erupted",
    "fighting has continued between …", "the talks took place"), else None; not in a clause that dates something else. A verb with a clause or object of
    its own says something else of it ("sanctions continue to hurt", "protests began a new phase")."""
    verb = _raised(noun) or noun.head
    if noun.dep_ != "nsubj" and verb is noun.head or verb.pos_ != "VERB":
        return None
    table = _occurrence_verbs()
    lemma = next((f for f in _forms(verb) if f in table), None)
    if lemma is None:
        return None
    need = table[lemma]
    if _dating_or_relative(verb):
        return None  # "since the war broke out", "the day the blockade began": a time, told by what it dates
    if not list(children_of(noun)) and all(c.dep_ in BARE_CLAUSE or c.is_space for c in children_of(verb)):
        return None  # "Protests continue": a heading, no report of when, where or whose
    words = {c.lower_ for c in children_of(verb) if c.dep_ in {"prt", "dobj"}}
    if need and not need & words or any(c.dep_ in {"xcomp", "ccomp", "dobj"} and c.lower_ not in need
                                        for c in children_of(verb)):
        return None
    return verb


def _raised(noun: Token) -> Token | None:
    """The infinitive a passive verb raises its subject to ("fighting is reported to have spread", "clashes are said
    to have erupted"): the noun's own verb, the passive one saying who tells it."""
    if noun.dep_ != "nsubjpass":
        return None
    return next((c for c in children_of(noun.head) if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)


def caused_by(noun: Token) -> Token | None:
    """The verb whose object the event noun is and that says something brought it about ("the arrests sparked
    protests", "the verdict triggered clashes"): the event happened, its cause is no actor of it. Else None."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.pos_ != "VERB":
        return None
    return verb if any(form in _causal() for form in _forms(verb)) else None


def existential(noun: Token) -> Token | None:
    """The "be" of "there was/has been" whose subject the event noun is ("There has been heavy fighting around the
    airport", "there were clashes in the capital"): told as happening, as an occurrence verb tells it."""
    verb = noun.head
    if noun.dep_ != "attr" or verb.lemma_ != "be" or not any(c.dep_ == "expl" for c in children_of(verb)):
        return None
    return None if _dating_or_relative(verb) else verb


def perceived(noun: Token) -> Token | None:
    """The passive verb of perception whose subject the event noun is ("heavy gunfire was heard in the capital",
    "explosions were heard in Kyiv"): it happened where it was heard (``perception_verbs`` in the data)."""
    verb = noun.head
    if noun.dep_ != "nsubjpass" or verb.pos_ != "VERB" or verb.lemma_.lower() not in _perception():
        return None
    if any(c.dep_ == "prep" and c.lower_ == "as" for c in children_of(verb)):
        return None  # "the bombing was seen as a warning": judged, not perceived
    return None if _dating_or_relative(verb) else verb


def timed_clause(verb: Token) -> bool:
    """A clause that dates something else ("since the war broke out", "after explosions were heard", "after at
    least one shell landed", which the parse hangs on "after" as a preposition)."""
    return any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS for c in children_of(verb)) \
        or verb.dep_ == "pcomp" and verb.head.lower_ in TEMPORAL_MARKS


def _dating_or_relative(verb: Token) -> bool:
    """A relative clause ("the day the blockade began") or one that dates something else: the event is a setting
    there, not what the sentence tells."""
    return verb.dep_ == "relcl" or timed_clause(verb)


@lru_cache(maxsize=1)
def _perception() -> frozenset[str]:
    return frozenset(load_yaml("events.yaml")["perception_verbs"])


def effect_verb(noun: Token) -> Token | None:
    """The verb that tells what the event ``noun`` (or a gerund: "Fighting between X and Y has displaced …") did,
    where the noun is its subject and it has an object ("the attack left 30 people dead", "the clashes claimed 12
    lives"), else None. An effect is told only of an event that happened; not in a clause that dates something
    else ("since the fighting left the town in ruins") nor in a relative clause."""
    return _subject_of(noun, _effect_verbs())


def sequel_verb(noun: Token) -> Token | None:
    """The verb that tells when the event ``noun`` came, where the noun is its subject ("mass arrests followed the
    protests"), else None: it happened, and what it followed is no target of it."""
    return _subject_of(noun, _sequel_verbs())


def _subject_of(noun: Token, table: dict[str, frozenset[str]]) -> Token | None:
    """The verb of ``table`` whose subject ``noun`` is, told (not dated, asked or relative) and with an object."""
    if noun.dep_ != "nsubj" or noun.head.pos_ != "VERB":
        return None
    verb = noun.head
    lemma = next((f for f in _forms(verb) if f in table), None)
    if lemma is None:
        return None
    if _dating_or_relative(verb):
        return None
    if verb.sent[-1].text == "?":
        return None  # "Did the attack leave anyone dead?": asked, not told
    objects = [c for c in children_of(verb) if c.dep_ == "dobj"]
    need = table[lemma]
    if not objects or need and not any(o.lemma_.lower() in need or o.lower_ in need for o in objects):
        return None  # "the clashes claimed 12 lives", not "the attack claimed by …"
    return verb


@lru_cache(maxsize=1)
def _effect_verbs() -> dict[str, frozenset[str]]:
    return _verbs_needing("effect_verbs")


@lru_cache(maxsize=1)
def _sequel_verbs() -> dict[str, frozenset[str]]:
    return _verbs_needing("sequel_verbs")


def _verbs_needing(key: str) -> dict[str, frozenset[str]]:
    """Lemma -> the objects or particle it needs ("claim lives", "break out"), empty for none."""
    out: dict[str, frozenset[str]] = {}
    for item in load_yaml("events.yaml")[key]:
        lemma, _, need = item.partition(" ")
        out[lemma] = frozenset(need.split()) if need else frozenset()
    return out


@lru_cache(maxsize=1)
def _causal() -> frozenset[str]:
    return frozenset(load_yaml("events.yaml")["causal_verbs"])


def container(noun: Token) -> Token | None:
    """The noun that holds an event noun in its "of" phrase and stands for it ("an exchange of gunfire between
    police and the attackers", "a wave of attacks on villages", "a new round of talks"), else None. The
    container's own phrases and place in the sentence are the event's (``container_nouns`` in the data)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "of" or prep.dep_ != "prep":
        return None
    held = prep.head
    return held if held.pos_ == "NOUN" and held.lemma_.lower() in _containers() else None


@lru_cache(maxsize=1)
def _containers() -> frozenset[str]:
    return frozenset(load_yaml("events.yaml")["container_nouns"])


def _forms(verb: Token) -> list[str]:
    """The verb's lemma, then what its word would be without an ending (the small model lemmatizes "raged" as
    "rag")."""
    lower = verb.lower_
    return [verb.lemma_.lower()] + [lower[:-len(end)] + repl for end, repl in (("ed", "e"), ("ed", ""), ("d", ""),
                                                                          ("ing", "e"), ("ing", ""), ("s", ""))
                                    if lower.endswith(end)]


@lru_cache(maxsize=1)
def _occurrence_verbs() -> dict[str, frozenset[str]]:
    """Lemma -> the particle or object it needs ("break out", "take place"), empty for none."""
    return _verbs_needing("occurrence_verbs")


def located(noun: Token, places: dict[int, str]) -> bool:
    """An event noun with a place of its own after a locative preposition ("protests in Suez"): a place the
    report names (``places``: token index -> country) or a place entity of the parse."""
    return any(p.dep_ == "prep" and p.lower_ in LOCATIVE
               and any(o.dep_ == "pobj" and (o.i in places or o.ent_type_ in PLACE_ENTITIES) for o in children_of(p))
               for p in children_of(noun))
