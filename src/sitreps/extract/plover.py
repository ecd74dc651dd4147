"""The PLOVER lexicon: which words name which event type and mode, read from ``data/events.yaml``.

A verb may mean one type on its own ("attacked": ASSAULT), another with a particle
("pulled out": RETREAT) and another again with its object ("sent troops":
MOBILIZE, "sent weapons": AID, "signed a treaty": AGREE). Objects are matched by
lemma or by class (``objects`` in the data file: troops, materiel, money …); an
object that is a money figure ("pledged $22 million") is of the class ``money``.
Nouns name events too ("a missile strike", "the meeting", "martial law"), and
light verbs hand their object's event to their subject ("carried out an attack").

Beside the hand-made lexicon stand verb patterns derived from the PETRARCH2 CAMEO
dictionary (``data/plover_triggers.yaml``, ``plover_patterns.py``): verbs it does not know
("demolished", "apologized"), and particles, objects and prepositional phrases it does not
list ("launched an investigation", "received criticism"). The hand-made lexicon wins where
both speak: its particles and objects are read first, and a verb it lists keeps its own sense
(or its lack of one) when no derived pattern fits.

This module only answers "what does this word mean here"; ``events.py`` decides
who did it to whom and whether it happened.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import cast

from spacy.tokens import Token

from sitreps.extract.plover_patterns import DerivedVerb, context, match, synset_index
from sitreps.extract.plover_patterns import load as load_derived
from sitreps.extract.tree import children_of, subtree_of
from sitreps.resources import data_path, load_yaml

MONEY = "@money"
HARM = "@harm"  # any noun of a violent event, in the keys of particles and objects ("died in @harm")


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
    inverse_objects: bool = False  # ... only with one of its own objects ("took casualties", not "took control")
    agentive: bool = False  # only with a subject that can act (a state, a force, an official)
    needs_actor: bool = False  # only with an actor or recipient in the clause
    crowd: bool = False  # only with a crowd for subject ("thousands gathered")
    predicate: Sense | None = None  # with an object complement ("called South Korea a hostile country")
    intransitive: bool = False  # only without a direct object ("thousands demonstrated")
    forces: bool = False  # only with armed forces or police for subject ("troops arrived", not "the minister arrived")
    passive_only: bool = False  # only in the passive ("car bombs were detonated"; "to detonate the vest" is a plan)
    crime: Sense | None = None  # when what follows names a crime ("determined … had committed genocide")
    targeted: frozenset[str] = frozenset()  # objects that make an event only with a recipient ("voiced concern")
    party_object: bool = False  # only finite and with a party for object ("Germany supports Ukraine")
    stance: bool = False  # the object is the subject's stance ("expressed its support for"): not a party
    verdict: str | None = None  # a judgement, typed by the judging word after it ("called the raid an act of
    # aggression"); "as": only in its "as" phrase or complement ("described X as a crime")
    munition: bool = False  # only with a munition for subject ("a car bomb exploded", "rockets landed near the
    # embassy"; not "the plane landed")
    figurative: frozenset[str] = frozenset()  # prepositions of a reason that make it a figure of speech ("came
    # under fire over its pay policy" is criticism, not shooting)


@dataclass(frozen=True, slots=True)
class NounEntry:
    sense: Sense
    weak: bool = False  # only with an actor, date or figure of its own
    plural: bool = False  # only in the plural ("talks", "sanctions", "calls")
    needs_date: bool = False  # only with a date of its own ("a second war in 2020")
    light_only: bool = False  # only as a light verb's object ("launched an investigation", not "the investigation")
    needs_target: bool = False  # only with an "against" phrase of its own ("operations against Boko Haram")


@dataclass(frozen=True, slots=True)
class Lexicon:
    types: dict[str, str]
    modes: dict[str, tuple[str, ...]]
    verbs: dict[str, VerbEntry]
    nouns: dict[str, NounEntry]
    compounds: dict[str, dict[str, NounEntry]]  # last word -> first word -> entry ("martial law")
    light_verbs: frozenset[str]
    light_for: dict[str, frozenset[str]]  # verbs light only for these nouns
    light_preps: frozenset[str]  # a light verb's event may hang off these ("engaged in combat")
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
    verdicts: dict[str, Sense] = field(default_factory=dict)  # judging word -> the judgement it makes
    breaches: dict[str, frozenset[str]] = field(default_factory=dict)  # "broken"/"kept" verbs of a commitment
    findings: frozenset[str] = frozenset()  # "a UN report says …": speakers whose word on harm is an accusation
    blame_words: frozenset[str] = frozenset()  # "responsible", "behind": what makes someone the doer
    party_words: frozenset[str] = frozenset()  # subjects that name a party though no actor is made of them
    judicial: frozenset[str] = frozenset()  # accusations only the state's justice makes ("indicted"): see events.py
    harm_nouns: frozenset[str] = frozenset()  # violent events besides the ASSAULT nouns ("died in the unrest")
    derived: dict[str, DerivedVerb] = field(default_factory=dict)  # lemma -> CAMEO-derived senses and patterns
    synsets_of: Callable[[str], frozenset[str]] = lambda name: frozenset()


PERSON_PRONOUNS = frozenset({"him", "her", "them", "he", "she", "they", "us", "me"})
DERIVED = "plover_triggers.yaml"
PRUNED = "plover_triggers_pruned.yaml"


def _sense(value: str | None) -> Sense | None:
    if not value:
        return None
    kind, _, mode = value.partition("/")
    return Sense(kind, mode or None)


def _given_sense(value: str) -> Sense:
    """The sense of a lexicon entry that names one (objects, particles, light-verb nouns always do)."""
    return cast(Sense, _sense(value))


def _verb(entry: str | dict) -> VerbEntry:
    if isinstance(entry, str):
        return VerbEntry(Sense(entry))
    sense = Sense(entry["type"], entry.get("mode")) if entry.get("type") else None
    return VerbEntry(
        sense=sense,
        objects={key: _given_sense(value) for key, value in (entry.get("objects") or {}).items()},
        particles={key: _given_sense(value) for key, value in (entry.get("particles") or {}).items()},
        inverse=bool(entry.get("inverse")),
        inverse_objects=entry.get("inverse") == "objects",
        agentive=bool(entry.get("agentive")),
        needs_actor=bool(entry.get("needs_actor")),
        crowd=bool(entry.get("crowd")),
        predicate=_sense(entry.get("predicate")),
        intransitive=bool(entry.get("intransitive")),
        forces=bool(entry.get("forces")),
        passive_only=bool(entry.get("passive_only")),
        crime=_sense(entry.get("crime")),
        targeted=frozenset(entry.get("targeted") or ()),
        party_object=bool(entry.get("party_object")),
        figurative=frozenset(entry.get("figurative") or ()),
        munition=bool(entry.get("munition")),
        stance=bool(entry.get("stance")),
        verdict=None if not entry.get("verdict") else "as" if entry["verdict"] == "as" else "any",
    )


def _noun(entry: str | dict) -> NounEntry:
    if isinstance(entry, str):
        return NounEntry(Sense(entry))
    return NounEntry(Sense(entry["type"], entry.get("mode")), weak=bool(entry.get("weak")),
                     plural=bool(entry.get("plural")), needs_date=bool(entry.get("needs_date")),
                     light_only=bool(entry.get("light_only")), needs_target=bool(entry.get("needs_target")))


_override: Lexicon | None = None


def lexicon() -> Lexicon:
    """The lexicon in use: the shipped one, or the one a measurement put in its place (``use_lexicon``)."""
    return _override if _override is not None else _shipped()


def use_lexicon(words: Lexicon | None) -> None:
    """Put another lexicon in place (``benchmarks/trigger_effects.py`` measures entries this way); None restores."""
    global _override
    _override = words
    _fallback_lemma.cache_clear()


def pruned_keys() -> frozenset[str]:
    """Derived entries left out because measurement showed them adding false hits."""
    return _pruning()[0]


@lru_cache(maxsize=1)
def _pruning() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The pruning list: entries measured to add false hits; the roots (PLOVER types) whose firing entries
    together added more false hits than events, whose entries are kept only where measured; those entries."""
    if not data_path(PRUNED).exists():
        return frozenset(), frozenset(), frozenset()
    data = load_yaml(PRUNED) or {}
    roots = frozenset(kind for kind, numbers in (data.get("roots") or {}).items() if numbers.get("pruned"))
    return frozenset(data.get("pruned") or {}), roots, frozenset(data.get("measured_kept") or ())


@lru_cache(maxsize=1)
def _shipped() -> Lexicon:
    """The lexicon with the derived entries measurement keeps: an entry measured to add false hits is out; of a
    root (a PLOVER type) whose firing entries together added false hits, the verb-alone senses and bare particles
    are out unless measured to add correct events, while its patterns that name their context stay (what the
    root's record says of "took" alone says little of "took into custody", and text nobody annotated is full of
    patterns no annotated set ever fired)."""
    keys, roots, measured = _pruning()
    full = build_lexicon()
    contextual = contextual_keys(full)
    return restrict_derived(full, lambda key, kind: key not in keys and (
        kind not in roots or key in measured or key in contextual))


def contextual_keys(words: Lexicon) -> frozenset[str]:
    """The derived patterns that name their context (``Pattern.names_context``), which a pruned root keeps."""
    return frozenset(p.key for entry in words.derived.values() for p in entry.patterns if p.names_context)


def restrict_derived(words: Lexicon, keep: Callable[[str, str | None], bool]) -> Lexicon:
    """``words`` with only the derived entries ``keep(key, type)`` accepts (cheap: nothing is read again)."""
    derived = {}
    for lemma, entry in words.derived.items():
        patterns = tuple(p for p in entry.patterns if keep(p.key, p.sense[0] if p.sense else None))
        sense = entry.sense if entry.sense is not None and keep(entry.key, entry.sense[0]) else None
        if sense is not None or any(p.sense is not None for p in patterns):  # else it can only say "no event"
            derived[lemma] = DerivedVerb(sense, entry.key, patterns)
    return dataclasses.replace(words, derived=derived)


def build_lexicon(drop: Callable[[str], bool] = lambda key: False) -> Lexicon:
    """The hand-made lexicon with the derived entries that ``drop`` does not name."""
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
    derived = load_yaml(DERIVED) if data_path(DERIVED).exists() else None
    return Lexicon(
        types=data["types"],
        modes={k: tuple(v) for k, v in data["modes"].items()},
        verbs={lemma: _verb(entry) for lemma, entry in data["verbs"].items()},
        nouns=nouns,
        compounds=compounds,
        light_verbs=frozenset(data["light_verbs"]),
        light_for={verb: frozenset(nouns) for verb, nouns in data["light_for"].items()},
        light_preps=frozenset(data.get("light_preps") or ()),
        irregular=dict(data["irregular"]),
        light_senses={verb: {noun: _given_sense(value) for noun, value in nouns.items()}
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
        judicial=frozenset(data.get("judicial") or ()),
        harm_nouns=frozenset(data.get("harm_nouns") or ()),
        verdicts={word: _given_sense(kind) for kind, words in (data.get("verdicts") or {}).items() for word in words},
        blame_words=frozenset(data.get("blame_words") or ()),
        findings=frozenset(data.get("findings") or ()),
        breaches={key: frozenset(value) for key, value in (data.get("breaches") or {}).items()},
        party_words=frozenset(data.get("party_words") or ()),
        derived=load_derived(derived, drop) if derived else {},
        synsets_of=synset_index(derived) if derived else (lambda name: frozenset()),
    )


def object_keys(token: Token, money: set[int]) -> set[str]:
    """What an object is, for the ``objects`` table: its lemma, the classes of it and its compounds, money."""
    words = lexicon()
    if token.lemma_.lower() in words.measure_nouns or token.pos_ == "NUM":
        of = next((o for p in children_of(token) if p.dep_ == "prep" and p.lower_ == "of"
                   for o in children_of(p) if o.dep_ == "pobj"), None)
        if of is not None:  # "3,000 tonnes of food", "millions of shells"
            return object_keys(of, money) | ({MONEY, "money"} if any(t.i in money for t in subtree_of(token)) else set())
        if token.pos_ == "NUM" and token.dep_ in {"nsubjpass", "dobj"} and not any(t.i in money for t in subtree_of(token)):
            return {token.lower_, "people"}  # "six were released", "freed 40": a count of people
    if token.ent_type_ == "PERSON" or token.lower_ in PERSON_PRONOUNS:
        return {token.lemma_.lower(), token.lower_, "people"}  # "released him", "Hannibal was freed"
    lemma = token.lemma_.lower()
    if token.i > 1 and token.doc[token.i - 1].tag_ == "HYPH":  # "a cease-fire" as the small model splits it
        lemma = token.doc[token.i - 2].lower_ + lemma
    keys = {lemma, token.lower_}
    for word in [token, *(c for c in children_of(token) if c.dep_ in {"compound", "amod"})]:
        keys |= words.classes.get(word.lemma_.lower(), frozenset())
        keys.add(word.lemma_.lower())
    keys |= words.classes.get(lemma, frozenset())
    if token.ent_type_ in {"GPE", "LOC", "FAC"}:
        keys.add("territory")
    if any(t.i in money for t in subtree_of(token)):
        keys.add(MONEY)
        keys |= {"money"}
    if harm_noun(token):
        keys.add(HARM)  # "suffered repeated airstrikes", "witnessed fierce clashes"
    return keys


def harm_noun(token: Token) -> bool:
    """A noun of a violent event, whatever its word: one the lexicon types ASSAULT or one of ``harm_nouns``
    (protests, unrest, a crackdown). Lets "died in", "came under", "suffered" name the class, not a list that
    misses the next attack noun ("died in the offensive")."""
    if token.pos_ not in {"NOUN", "PROPN"}:
        return False
    entry = noun_sense(token)
    return entry is not None and entry.sense.type == "ASSAULT" or token.lemma_.lower() in lexicon().harm_nouns


def verb_lemma(token: Token) -> str | None:
    """The verb's lemma as the lexicon knows it; the small model sometimes errs ("staged" -> "stag")."""
    lemma = token.lemma_.lower()
    words = lexicon()
    if lemma in words.verbs or lemma in words.derived:
        return lemma
    return _fallback_lemma(token.lower_)


@lru_cache(maxsize=4096)
def _fallback_lemma(lower: str) -> str | None:
    words = lexicon()
    known = words.verbs.keys() | words.derived.keys()
    if words.irregular.get(lower) in known:
        return words.irregular[lower]
    for ending, repl in (("ied", "y"), ("ed", "e"), ("ed", ""), ("d", ""), ("ing", "e"), ("ing", ""), ("s", "")):
        if lower.endswith(ending) and lower[:-len(ending)] + repl in known:
            return lower[:-len(ending)] + repl
    return None


def verb_sense(verb: Token, money: set[int]) -> tuple[Sense, VerbEntry] | None:
    """The event a verb names here, from its particle, its object or itself (in that order)."""
    reading = verb_reading(verb, money)
    return reading[:2] if reading is not None else None


def verb_reading(verb: Token, money: set[int]) -> tuple[Sense, VerbEntry, str | None] | None:
    """``verb_sense`` and which derived entry gave it (None: the hand-made lexicon): the hand-made
    particles and objects first, then the derived patterns, then the verb's own sense (the hand-made
    one when the lexicon lists the verb, else the derived one). The hand-made lexicon wins on conflict:
    a derived pattern may refine a verb the lexicon gives a type of its own only within that type (its
    mode kept when it has one), and a light verb with an event noun for object takes no derived reading."""
    words = lexicon()
    lemma = verb_lemma(verb)
    if lemma is None:
        return None
    entry = words.verbs.get(lemma)
    if entry is not None:
        specific = _specific(verb, entry, money)
        if specific is not None:
            return specific, entry, None
    derived = words.derived.get(lemma)
    if derived is not None and not _light_with_event(verb, lemma):
        pattern = match(derived, context(verb), words.synsets_of)
        own = entry.sense if entry is not None else None
        if pattern is not None and pattern.sense is not None and (own is None or own.type == pattern.sense[0]):
            mode = own.mode if own is not None and own.mode else pattern.sense[1]
            if entry is not None and entry.inverse_objects:
                entry = dataclasses.replace(entry, inverse=False)  # "took control of": the taker acts
            return Sense(pattern.sense[0], mode, True), entry or _derived_entry(derived), pattern.key
        if entry is None:
            if pattern is not None or derived.sense is None:
                return None  # a pattern that is no event ("imposed taxes"), or a verb that means nothing alone
            return Sense(*derived.sense), _derived_entry(derived), derived.key
    if entry is None or entry.sense is None:
        return None
    return entry.sense, entry, None


def _hostile(verb: Token, money: set[int]) -> bool:
    """A verb that tells an attack or an act of repression ("had shot the protesters", "had tortured them")."""
    if verb.pos_ != "VERB":
        return False
    sensed = verb_sense(verb, money)
    return sensed is not None and sensed[0].type in {"ASSAULT", "COERCE"}


def _light_with_event(verb: Token, lemma: str) -> bool:
    """A light verb whose object names an event ("carried out air strikes", "held talks") hands that event
    to its subject (``events.py``); a derived reading of the verb would be a second, rival event."""
    words = lexicon()
    light = lemma in words.light_verbs or lemma in words.light_for
    return light and any(c.dep_ in {"dobj", "nsubjpass"} and c.pos_ in {"NOUN", "PROPN"} and noun_sense(c) is not None
                         for c in children_of(verb))


def _derived_entry(derived: DerivedVerb) -> VerbEntry:
    """A derived verb is an event only with an actor or a recipient in its clause."""
    return VerbEntry(Sense(*derived.sense) if derived.sense else None, needs_actor=True)


def _specific(verb: Token, entry: VerbEntry, money: set[int]) -> Sense | None:
    """The hand-made lexicon's reading from a particle, a crime, a predicate or an object."""
    words = lexicon()
    kids = children_of(verb)  # read by every test below
    for child in kids:
        if child.dep_ == "prep":  # an idiom's preposition with its noun: "went on strike", "died in the clashes"
            for obj in children_of(child):
                idiom = entry.particles.get(f"{child.lower_} {obj.lemma_.lower()}") if obj.dep_ == "pobj" else None
                if idiom is None and obj.dep_ == "pobj" and harm_noun(obj):
                    idiom = entry.particles.get(f"{child.lower_} {HARM}")  # "died in the offensive"
                if idiom is not None:
                    return Sense(idiom.type, idiom.mode, True)
        if child.dep_ == "prep" and child.lower_ == "in" and any(c.dep_ == "pobj" for c in children_of(child)):
            continue  # "gave an address in the aftermath": a setting, not "gave in"
        if child.dep_ == "prep" and (any(c.dep_ == "pobj" and c.ent_type_ in {"DATE", "TIME"} for c in children_of(child))
                                     or entry.objects and any(c.dep_ == "dobj" for c in kids)):
            continue  # "was fired on Monday": a date, not "fired on the crowd"; "fired tear gas at": the object's
        if child.dep_ in {"prt", "prep", "advmod"} and child.lower_ in entry.particles:
            return Sense(entry.particles[child.lower_].type, entry.particles[child.lower_].mode, True)
    if entry.verdict:
        judged = verdict_word(verb)
        if judged is not None:
            return Sense(words.verdicts[judged[1]].type, words.verdicts[judged[1]].mode, True)
        if entry.predicate is None:
            return None
    if entry.crime is not None and any(t.lemma_.lower() in words.accusation_nouns or t.i == c.i and _hostile(t, money)
                                       for c in kids if c.dep_ == "ccomp" for t in subtree_of(c)):
        return entry.crime  # "found that the RSF had committed genocide", "concluded that the militia had shot …"
    if entry.predicate is not None and any(c.dep_ in {"oprd", "xcomp", "ccomp"} and c.pos_ in {"NOUN", "ADJ"}
                                           for c in kids):
        return entry.predicate
    if entry.objects:
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in kids)
        deps = {"dobj", "nsubjpass"} if passive else {"dobj", "attr", "oprd"}
        targets = [c for c in kids if c.dep_ in deps]
        targets += [c for t in targets for c in children_of(t) if c.dep_ == "conj"]
        targets += [o for p in kids if p.dep_ == "prep" and p.lower_ == "with"
                    for o in children_of(p) if o.dep_ == "pobj"]  # "provide Russia with munitions"
        if not targets and verb.dep_ == "acl" and passive is False and verb.tag_ == "VBN":
            targets = [verb.head]  # "the sanctions imposed on Russia"
        if verb.dep_ == "relcl" and (not targets or targets[0].lower_ in {"which", "that", "whom"}):
            targets = [verb.head]  # "Wad Madani, which the RSF seized"
        for target in targets:
            keys = object_keys(target, money)
            for key, sense in entry.objects.items():
                if key in keys and sense is not None:
                    return Sense(sense.type, sense.mode, True)
    return None


PREDICATE_DEPS = frozenset({"ccomp", "oprd", "xcomp", "acomp", "attr"})


def verdict_word(verb: Token) -> tuple[Token, str] | None:
    """The judging word a verdict verb passes ("called the raid an act of *aggression*", "described the claims
    as *baseless*", "was viewed as *illegal*", "called the attempt *deplorable*"), with its key in ``verdicts``:
    read in the predicate after the verb (its "as" phrase, object complement or clause), else in its object,
    never in its subject or a conjoined clause ("described the attack as a success" judges no attack)."""
    after = [c for c in children_of(verb) if c.i > verb.i]
    predicate = [c for c in after if c.dep_ in PREDICATE_DEPS or c.dep_ == "prep" and c.lower_ == "as"]
    predicate += [p for c in after if c.dep_ == "dobj" for p in children_of(c)
                  if p.dep_ == "prep" and p.lower_ == "as"]  # "described the deployment as "a threat"": the
    # small model hangs the "as" phrase on the object
    named = lexicon().verbs.get(verb_lemma(verb) or "")
    objects = [c for c in after if c.dep_ == "dobj"] if named is None or named.verdict != "as" else []
    for child in predicate or objects:
        found = judging_word(child)
        if found is not None:
            return found
    return None


def judging_word(phrase: Token) -> tuple[Token, str] | None:
    """The first judging word (``verdicts``) of a phrase, outside its relative clauses and asides ("the buildup,
    which *lies* 30 km away" judges nothing), as a noun or adjective, with its key."""
    table = lexicon().verdicts
    stack = [phrase]
    found: list[tuple[Token, str]] = []
    while stack:
        token = stack.pop()
        if token.pos_ in {"NOUN", "ADJ", "PROPN"} and (token.dep_ != "compound" or "-" in token.lower_):
            key = token.lemma_.lower() if token.lemma_.lower() in table else token.lower_
            if key in table:
                found.append((token, key))
        stack.extend(c for c in children_of(token) if c.dep_ not in {"relcl", "acl", "appos", "parataxis", "advcl"})
    return min(found, key=lambda pair: pair[0].i) if found else None


def noun_sense(noun: Token) -> NounEntry | None:
    """The event a noun names ("strike", "talks", "martial law"), if any."""
    words = lexicon()
    lemma = noun.lemma_.lower()
    if noun.ent_type_ in {"DATE", "TIME"}:
        return None  # "in March", "on the Day of ..."
    if noun.i > 0:
        before = noun.doc[noun.i - 1]
        if before.tag_ == "HYPH" and noun.i > 1:  # "sit-in", "cease-fire" as the small model splits them
            before = noun.doc[noun.i - 2]
        first = words.compounds.get(lemma, {}).get(before.lower_)
        if first is not None:
            return first
    entry = words.nouns.get(lemma)
    if entry is None:
        return None
    if entry.plural and noun.tag_ not in {"NNS", "NNPS"}:
        return None
    if entry.needs_target and not any(c.dep_ == "prep" and c.lower_ == "against" for c in children_of(noun)):
        return None  # "operations against the rebels" is an attack; "rescue operations" and "its operations" are not
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
