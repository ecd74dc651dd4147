"""Who an event's phrases name: the tokens of its clause, the actors a list of phrases names, the prepositions
that bring a recipient for each type, people an act is done to whom no one names. Shared by the verb readings
(``events.py``) and the noun readings (``noun_events.py``) of a trigger."""

from __future__ import annotations

from spacy.tokens import Token

from sitreps.extract.material import whose
from sitreps.extract.roles import TokenActors, phrase_actors, role_words
from sitreps.extract.tree import children_of

CLAUSE_LINKS = {"ccomp", "parataxis", "relcl", "conj", "advcl", "csubj", "mark", "cc", "punct"}
RECIPIENT_PREPS = frozenset({"to", "with", "against", "on", "toward", "towards", "into", "at", "upon"})


def clause_tokens(trigger: Token) -> set[int]:
    """The trigger with its arguments, not the clauses hanging off it."""
    out = {trigger.i}
    stack = [c for c in children_of(trigger) if c.dep_ not in CLAUSE_LINKS]
    while stack:
        token = stack.pop()
        out.add(token.i)
        stack.extend(c for c in children_of(token) if c.dep_ not in {"relcl", "ccomp", "parataxis"})
    return out


def actors_from(tokens: list[Token], actors: TokenActors) -> list[str]:
    """Actors named by phrases, or the state of a place named there ("allowed Kyiv", "toward Taiwan"), or
    where the people or things named are ("aid to refugees in Chad", "sanctions on firms in Iran")."""
    return [a for t in tokens for a in (phrase_actors(t, actors) or actors.place(t) or whose(t, actors))]


def recipient_preps(kind: str, has_object: bool) -> frozenset[str]:
    """"fired at", "talked with": "at" names a target only for attacks and threats, "with" a partner
    only when there is no object ("threatened Sweden with a veto" is an instrument)."""
    preps = set(RECIPIENT_PREPS)
    if kind not in {"ASSAULT", "THREATEN", "ACCUSE"}:  # "lashed out at Tokyo", "fired at", "shouted at"
        preps.discard("at")
    if has_object and kind not in {"CONSULT", "COOPERATE", "AGREE"}:
        preps.discard("with")
    if kind == "AID":
        preps.add("for")  # "announced €120 million in aid for Sudan"
    if kind == "REQUEST" and has_object:
        preps.add("from")  # "requested assistance from the United States"
    if kind == "ACCUSE":
        preps.add("about")  # "complained about Egyptian interference"
        if has_object:
            preps.discard("at")  # "sued Israel at the International Court of Justice": a setting
    if kind in {"SANCTION", "RETREAT"}:
        preps.add("from")  # "withdrew its high commissioner from Canada", "expelled from the bloc", "pulled
        # its troops out of / withdrew from the border region": whom the withdrawal is from
    return frozenset(preps)


def unnamed_people(phrase: Token, actors: TokenActors) -> bool:
    """People an act is done to whom the phrase names as no actor ("two colonels", "shoppers")."""
    if phrase.pos_ not in {"NOUN", "PROPN", "NUM"} or phrase.lemma_.lower() not in role_words()["victims"]:
        return False
    return not phrase_actors(phrase, actors)
