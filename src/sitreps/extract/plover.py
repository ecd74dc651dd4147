"""The PLOVER lexicon: which words name which event type and mode, read from ``data/events.yaml``.

A verb may mean one type on its own ("attacked": ASSAULT), another with a particle
("pulled out": RETREAT) and another again with its object ("sent troops":
MOBILIZE, "sent weapons": AID, "signed a treaty": AGREE). Objects are matched by
lemma or by class (``objects`` in the data file: troops, materiel, money …); an
object that is a money figure ("pledged $22 million") is of the class ``money``.
Nouns name events too ("a missile strike", "the meeting", "martial law"), and
light verbs hand their object's event to their subject ("carried out an attack").

This module only answers "what does this word mean here"; ``events.py`` decides
who did it to whom and whether it happened.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Token

from sitreps.resources import load_yaml

MONEY = "@money"


@dataclass(frozen=True, slots=True)
class Sense:
    type: str
    mode: str | None = None
    specific: bool = False  # read from a particle or an object ("cutting a cable"), not the verb alone


@dataclass(frozen=True, slots=True)
class VerbEntry:
    sense: Sense | None
    objects: dict[str, Sense] = field(default_factory=dict)
    particles: dict[str, Sense] = field(default_factory=dict)
    inverse: bool = False  # the subject receives ("received", "suffered casualties")
    agentive: bool = False  # only with a subject that can act (a state, a force, an official)
    needs_actor: bool = False  # only with an actor or recipient in the clause
    crowd: bool = False  # only with a crowd for subject ("thousands gathered")
    predicate: Sense | None = None  # with an object complement ("called South Korea a hostile country")
    intransitive: bool = False  # only without a direct object ("thousands demonstrated")
    crime: Sense | None = None  # when what follows names a crime ("determined … had committed genocide")


@dataclass(frozen=True, slots=True)
class NounEntry:
    sense: Sense
    weak: bool = False  # only with an actor, date or figure of its own
    plural: bool = False  # only in the plural ("talks", "sanctions", "calls")
    needs_date: bool = False  # only with a date of its own ("a second war in 2020")


@dataclass(frozen=True, slots=True)
class Lexicon:
    types: dict[str, str]
    modes: dict[str, tuple[str, ...]]
    verbs: dict[str, VerbEntry]
    nouns: dict[str, NounEntry]
    compounds: dict[str, dict[str, NounEntry]]  # last word -> first word -> entry ("martial law")
    light_verbs: frozenset[str]
    light_for: dict[str, frozenset[str]]  # verbs light only for these nouns
    irregular: dict[str, str]
    light_senses: dict[str, dict[str, Sense]]  # light verb -> noun -> the event it makes ("receive training")
    classes: dict[str, frozenset[str]]  # object lemma -> classes it belongs to
    mode_words: dict[str, tuple[tuple[str, frozenset[str]], ...]]
    modality: dict[str, tuple[str, ...]]
    absorbing: frozenset[str]
    absorbing_direct: frozenset[str]
    circumstance_preps: frozenset[str]
    temporal_preps: frozenset[str]
    refusable: frozenset[str]
    agentive_kinds: frozenset[str]
    agentive_sectors: frozenset[str]
    crowd_words: frozenset[str]
    accusation_nouns: frozenset[str]
    measure_nouns: frozenset[str]
    rioters: frozenset[str]
    defences: frozenset[str]
    co_actor_preps: frozenset[str]


def _sense(value: str | None) -> Sense | None:
    if not value:
        return None
    kind, _, mode = value.partition("/")
    return Sense(kind, mode or None)


def _verb(entry: str | dict) -> VerbEntry:
    if isinstance(entry, str):
        return VerbEntry(Sense(entry))
    sense = Sense(entry["type"], entry.get("mode")) if entry.get("type") else None
    return VerbEntry(
        sense=sense,
        objects={key: _sense(value) for key, value in (entry.get("objects") or {}).items()},
        particles={key: _sense(value) for key, value in (entry.get("particles") or {}).items()},
        inverse=bool(entry.get("inverse")),
        agentive=bool(entry.get("agentive")),
        needs_actor=bool(entry.get("needs_actor")),
        crowd=bool(entry.get("crowd")),
        predicate=_sense(entry.get("predicate")),
        intransitive=bool(entry.get("intransitive")),
        crime=_sense(entry.get("crime")),
    )


def _noun(entry: str | dict) -> NounEntry:
    if isinstance(entry, str):
        return NounEntry(Sense(entry))
    return NounEntry(Sense(entry["type"], entry.get("mode")), weak=bool(entry.get("weak")),
                     plural=bool(entry.get("plural")), needs_date=bool(entry.get("needs_date")))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = load_yaml("events.yaml")
    classes: dict[str, set[str]] = {}
    for name, lemmas in data["objects"].items():
        for lemma in lemmas:
            classes.setdefault(lemma, set()).add(name)
    nouns: dict[str, NounEntry] = {}
    compounds: dict[str, dict[str, NounEntry]] = {}
    for key, value in data["nouns"].items():
        if " " in key:
            first, last = key.split(" ", 1)
            compounds.setdefault(last, {})[first] = _noun(value)
        else:
            nouns[key] = _noun(value)
    modes = {
        kind: tuple((mode, frozenset(words)) for mode, words in by_mode.items())
        for kind, by_mode in data["mode_words"].items()
    }
    return Lexicon(
        types=data["types"],
        modes={k: tuple(v) for k, v in data["modes"].items()},
        verbs={lemma: _verb(entry) for lemma, entry in data["verbs"].items()},
        nouns=nouns,
        compounds=compounds,
        light_verbs=frozenset(data["light_verbs"]),
        light_for={verb: frozenset(nouns) for verb, nouns in data["light_for"].items()},
        irregular=dict(data["irregular"]),
        light_senses={verb: {noun: _sense(value) for noun, value in nouns.items()}
                      for verb, nouns in data["light_senses"].items()},
        classes={lemma: frozenset(names) for lemma, names in classes.items()},
        mode_words=modes,
        modality={name: tuple(words) for name, words in data["modality"].items()},
        absorbing=frozenset(data["absorbing"]),
        absorbing_direct=frozenset(data["absorbing_direct"]),
        circumstance_preps=frozenset(data["circumstance_preps"]),
        temporal_preps=frozenset(data["temporal_preps"]),
        refusable=frozenset(data["refusable"]),
        agentive_kinds=frozenset(data["agentive_kinds"]),
        agentive_sectors=frozenset(data["agentive_sectors"]),
        crowd_words=frozenset(data["crowd_words"]),
        accusation_nouns=frozenset(data["accusation_nouns"]),
        measure_nouns=frozenset(data["measure_nouns"]),
        rioters=frozenset(data["rioters"]),
        defences=frozenset(data["defences"]),
        co_actor_preps=frozenset(data["co_actor_preps"]),
    )


def object_keys(token: Token, money: set[int]) -> set[str]:
    """What an object is, for the ``objects`` table: its lemma, the classes of it and its compounds, money."""
    words = lexicon()
    if token.lemma_.lower() in words.measure_nouns or token.pos_ == "NUM":
        of = next((o for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                   for o in p.children if o.dep_ == "pobj"), None)
        if of is not None:  # "3,000 tonnes of food", "millions of shells"
            return object_keys(of, money) | ({MONEY, "money"} if any(t.i in money for t in token.subtree) else set())
    lemma = token.lemma_.lower()
    keys = {lemma, token.lower_}
    for word in [token, *(c for c in token.children if c.dep_ in {"compound", "amod"})]:
        keys |= words.classes.get(word.lemma_.lower(), frozenset())
        keys.add(word.lemma_.lower())
    keys |= words.classes.get(lemma, frozenset())
    if token.ent_type_ in {"GPE", "LOC", "FAC"}:
        keys.add("territory")
    if any(t.i in money for t in token.subtree):
        keys.add(MONEY)
        keys |= {"money"}
    return keys


def verb_lemma(token: Token) -> str | None:
    """The verb's lemma as the lexicon knows it; the small model sometimes errs ("staged" -> "stag")."""
    lemma = token.lemma_.lower()
    if lemma in lexicon().verbs:
        return lemma
    return _fallback_lemma(token.lower_)


@lru_cache(maxsize=4096)
def _fallback_lemma(lower: str) -> str | None:
    words = lexicon()
    if words.irregular.get(lower) in words.verbs:
        return words.irregular[lower]
    for ending, repl in (("ied", "y"), ("ed", "e"), ("ed", ""), ("d", ""), ("ing", "e"), ("ing", ""), ("s", "")):
        if lower.endswith(ending) and lower[:-len(ending)] + repl in words.verbs:
            return lower[:-len(ending)] + repl
    return None


def verb_sense(verb: Token, money: set[int]) -> tuple[Sense, VerbEntry] | None:
    """The event a verb names here, from its particle, its object or itself (in that order)."""
    words = lexicon()
    lemma = verb_lemma(verb)
    entry = words.verbs.get(lemma) if lemma else None
    if entry is None:
        return None
    for child in verb.children:
        if child.dep_ in {"prt", "prep", "advmod"} and child.lower_ in entry.particles:
            return Sense(entry.particles[child.lower_].type, entry.particles[child.lower_].mode, True), entry
    if entry.crime is not None and any(t.lemma_.lower() in words.accusation_nouns
                                       for c in verb.children if c.dep_ == "ccomp" for t in c.subtree):
        return entry.crime, entry
    if entry.predicate is not None and any(c.dep_ in {"oprd", "xcomp", "ccomp"} and c.pos_ in {"NOUN", "ADJ"}
                                           for c in verb.children):
        return entry.predicate, entry
    if entry.objects:
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
        deps = {"dobj", "nsubjpass"} if passive else {"dobj", "attr", "oprd"}
        targets = [c for c in verb.children if c.dep_ in deps]
        targets += [c for t in targets for c in t.children if c.dep_ == "conj"]
        targets += [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "with"
                    for o in p.children if o.dep_ == "pobj"]  # "provide Russia with munitions"
        if not targets and verb.dep_ == "acl" and passive is False and verb.tag_ == "VBN":
            targets = [verb.head]  # "the sanctions imposed on Russia"
        if verb.dep_ == "relcl" and (not targets or targets[0].lower_ in {"which", "that", "whom"}):
            targets = [verb.head]  # "Wad Madani, which the RSF seized"
        for target in targets:
            keys = object_keys(target, money)
            for key, sense in entry.objects.items():
                if key in keys and sense is not None:
                    return Sense(sense.type, sense.mode, True), entry
            if target.lower_ == "a" or target.pos_ == "DET":
                continue
    if entry.sense is None:
        return None
    return entry.sense, entry


def noun_sense(noun: Token) -> NounEntry | None:
    """The event a noun names ("strike", "talks", "martial law"), if any."""
    words = lexicon()
    lemma = noun.lemma_.lower()
    if noun.i > 0:
        first = words.compounds.get(lemma, {}).get(noun.doc[noun.i - 1].lower_)
        if first is not None:
            return first
    entry = words.nouns.get(lemma)
    if entry is None:
        return None
    if entry.plural and noun.tag_ not in {"NNS", "NNPS"}:
        return None
    return entry


def mode_of(kind: str, tokens: list[Token]) -> str | None:
    """A mode from the words of the event's clause ("missile" -> aerial for ASSAULT)."""
    table = lexicon().mode_words.get(kind)
    if not table:
        return None
    lemmas = {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}
    text = " ".join(t.lower_ for t in tokens)
    for mode, words in table:
        if lemmas & words or any(" " in w and w in text for w in words):
            return mode
    return None
