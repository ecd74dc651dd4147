"""Nominal events: what a noun that names an event needs beyond the lexicon (``events.py`` asks).

- "The Taliban claimed responsibility for the attack": the claimer is the attack's actor; the
  claim makes the attack claimed (``attribution``). The nouns and verbs are data
  (``responsibility`` in ``data/events.yaml``).
- "protests in Suez": a bare plural with a place of its own after a locative preposition tells
  an event, where "frontal infantry assaults" does not.
"""

from __future__ import annotations

from spacy.tokens import Token

from sitreps.extract.roles import subject
from sitreps.resources import load_yaml

LOCATIVE = frozenset({"in", "near", "at", "on", "across", "around", "outside", "inside", "into", "over", "toward",
                      "towards", "along", "off", "within", "throughout", "onto"})
PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})


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


def located(noun: Token, places: dict[int, str]) -> bool:
    """An event noun with a place of its own after a locative preposition ("protests in Suez"): a place the
    report names (``places``: token index -> country) or a place entity of the parse."""
    return any(p.dep_ == "prep" and p.lower_ in LOCATIVE
               and any(o.dep_ == "pobj" and (o.i in places or o.ent_type_ in PLACE_ENTITIES) for o in p.children)
               for p in noun.children)
