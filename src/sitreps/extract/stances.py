"""Stances held as adjectives: "was critical of the arrests" (ACCUSE), "remained supportive of the bid"
(SUPPORT), "is hostile to the plan" (REJECT), and offers: "is ready to negotiate" (AGREE, an offer).

A party described as critical of something has voiced that criticism: PLOVER codes the attitude by
its type, as it codes "criticised the arrests". The adjective must be the complement of its subject's
verb ("X was critical of Y"), not an attribute ("a critical report"), and must take its preposition:
"critical of" is a criticism, "a critical moment" and "critical infrastructure" are not. The adjectives
and their prepositions are data (``stance_adjectives`` in ``data/events.yaml``); ``events.py`` makes the
candidate, with the subject as actor and the preposition's object as what the stance is about.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from sitreps.extract.frames import words as frame_words
from sitreps.extract.plover import Sense
from sitreps.extract.tree import children_of
from sitreps.resources import load_yaml


def held_stance(adjective: Token) -> tuple[Sense, Token, list[Token]] | None:
    """(the stance, its holder, what it is about) where ``adjective`` is a stance its subject holds
    ("Ankara was critical of the raid": ACCUSE/disapprove, Ankara, [raid]), else None."""
    if adjective.dep_ != "acomp":
        return None
    by_prep = _table().get(adjective.lemma_.lower())
    if by_prep is None:
        return None
    for prep in children_of(adjective):
        sense = by_prep.get(prep.lower_) if prep.dep_ == "prep" else None
        objects = [o for o in children_of(prep) if o.dep_ == "pobj"]
        if sense is not None and objects:
            holder = next((c for c in children_of(adjective.head) if c.dep_ == "nsubj"), None)
            return (sense, holder, objects) if holder is not None else None
    return None


def offer_held(adjective: Token) -> tuple[Sense, Token] | None:
    """(AGREE, its holder) where ``adjective`` says its subject stands ready to act ("Russian troops were ready
    to help put out the fire", "Hamas is willing to negotiate"): an offer, a commissive frame whose act is
    folded into it (``frames.embed``), so "ready to attack" becomes a threat there. Else None."""
    if adjective.dep_ != "acomp" or adjective.lemma_.lower() not in _offers():
        return None
    act = next((c for c in children_of(adjective) if c.dep_ == "xcomp"
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in children_of(c))), None)
    if act is None or frame_words().verbs.get(act.lemma_.lower()) in {"accusation", "denial"}:
        return None  # "are ready to blame Russia for any disaster": a disposition to accuse, not an offer
    holder = next((c for c in children_of(adjective.head) if c.dep_ == "nsubj"), None)
    return (Sense("AGREE", None, True), holder) if holder is not None else None


@lru_cache(maxsize=1)
def _offers() -> frozenset[str]:
    return frozenset(load_yaml("events.yaml")["offer_adjectives"])


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, Sense]]:
    out: dict[str, dict[str, Sense]] = {}
    for adjective, preps in load_yaml("events.yaml")["stance_adjectives"].items():
        out[adjective] = {}
        for prep, value in preps.items():
            kind, _, mode = value.partition("/")
            out[adjective][prep] = Sense(kind, mode or None, True)
    return out
