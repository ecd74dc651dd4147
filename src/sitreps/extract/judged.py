"""What a speaker says someone did that makes the saying an accusation (``events._said_judgement`` asks).

- a breach of a commitment: "Hamas said Israel violated the truce", "… had failed to ease the blockade",
  "… did not abide by its obligations" (``breaches`` in ``data/events.yaml``);
- a crime of the ``accusation_nouns``: "Washington said the RSF had committed genocide";
- harm, when a report or inquiry says it (``findings``): "a UN report says the army shelled camps".

The one said to have done it must be a party: a name, a pronoun, or a noun the described speakers or the
addressees know ("the opposition", "the junta"); "the talks failed to produce a deal" accuses no one.
"""

from __future__ import annotations

from spacy.tokens import Token

from sitreps.extract.frames import words as frame_words
from sitreps.extract.plover import lexicon, verb_sense
from sitreps.extract.speakers import lexicon as speaker_words
from sitreps.extract.tree import children_of, subtree_of

PERSONS = frozenset({"he", "she", "they", "we", "i"})


def party(who: Token | None) -> bool:
    """A subject that names a party though no actor was made of it ("The opposition demanded …", "Prosecutors
    charged …", "The junta defied …"): a name, or a noun the described speakers know (officials, rebels, critics,
    courts …) or one that can be addressed (government, army, junta)."""
    if who is None:
        return False
    if who.pos_ == "PROPN" or who.pos_ == "PRON" and who.lower_ in PERSONS:
        return True  # a name, or "he", "they", "we" the sentence alone cannot resolve
    lemma = who.lemma_.lower()
    return who.pos_ == "NOUN" and (lemma in speaker_words().groups or lemma in frame_words().addressees
                                   or lemma in lexicon().party_words)


def breach(clause: Token) -> bool:
    """A clause that says someone broke a commitment or failed to act: a breach verb ("violated the truce"),
    "failed to", or a commitment verb negated in the past ("did not abide by its obligations")."""
    words = lexicon()
    lemma = clause.lemma_.lower()
    who = next((c for c in children_of(clause) if c.dep_ == "nsubj"), None)
    if who is None or who.pos_ not in {"PROPN", "PRON"} and not party(who):
        return False  # "the talks failed to produce a deal" accuses no one
    if lemma in words.breaches["broken"] or lemma == "fail" and any(c.dep_ == "xcomp" for c in children_of(clause)):
        return True
    future = any(c.dep_ == "aux" and c.lower_ in {"will", "would", "shall", "'ll", "wo"} for c in children_of(clause))
    return lemma in words.breaches["kept"] and not future and any(c.dep_ == "neg" for c in children_of(clause))


def crime_charged(clause: Token) -> bool:
    """A clause that says a named party committed a crime of the ``accusation_nouns`` ("the RSF had committed
    genocide", "Russian forces carried out war crimes")."""
    who = next((c for c in children_of(clause) if c.dep_ == "nsubj"), None)
    if who is None or who.pos_ not in {"PROPN", "PRON"} and not party(who) and not any(
            t.pos_ == "PROPN" for t in subtree_of(who)):
        return False
    crimes = lexicon().accusation_nouns
    return any(t.lemma_.lower() in crimes or t.lower_ in crimes for c in children_of(clause) if c.dep_ == "dobj"
               for t in subtree_of(c))


def tells_harm(clause: Token) -> bool:
    """A clause that tells someone's attack or act of repression ("the army had shot protesters", "the militia
    is pursuing a campaign of ethnic cleansing"): what a finding says of someone makes it an accusation."""
    words = lexicon()
    verbs = [v for v in (clause, *(c for c in children_of(clause) if c.dep_ == "conj" and c.pos_ == "VERB"))
             if any(c.dep_ == "nsubj" for c in children_of(v)) and v.lemma_.lower() != "die"]  # a doer named: "60
    # people were killed" and "eight died in the attack" accuse no one
    return any((sensed := verb_sense(v, set())) is not None and sensed[0].type in {"ASSAULT", "COERCE"} for v in verbs) \
        or any(t.lemma_.lower() in words.accusation_nouns for t in subtree_of(clause))
