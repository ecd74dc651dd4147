"""Verb patterns derived from the PETRARCH2 CAMEO dictionary (``data/plover_triggers.yaml``).

The derived data lists CAMEO's verb blocks: verbs that share patterns, each with the PLOVER
sense of the verb alone, and patterns that name what must stand around the verb for another
sense: a particle ("called *off* the talks"), an object ("launched *an investigation*"), a
prepositional phrase ("apologized *for*", "looked *into the allegations*") or a subject
("*troops* staged exercises"). ``scripts/derive_plover_triggers.py`` made the file; entries that
measurement showed to add false hits are listed in ``data/plover_triggers_pruned.yaml`` and left
out here (``benchmarks/trigger_effects.py`` measures them).

The most specific pattern that matches wins (most parts first, file order next); a pattern
whose sense is null says "not an event" and silences the verb's own sense. ``plover.py`` asks
this module only after the hand-made lexicon, which wins where both speak.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Token
from sitreps.extract.tree import children_of

Nouns = dict[str, tuple[tuple[str, ...], ...]]  # head word -> the modifier sets that may go with it (() = none)
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "nummod", "poss"})
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd"})
_TOKEN = re.compile(r"\{[^}]*\}|\([^)]*\)|\*|\S+")


@dataclass(frozen=True, slots=True)
class Pattern:
    key: str  # "launch: &investigation": the verb and the pattern, as the pruning list names it
    sense: tuple[str, str | None] | None  # (type, mode); None: not an event
    particle: str | None = None
    subject: Nouns | None = None
    object: Nouns | None = None
    preps: tuple[tuple[str, Nouns | None], ...] = ()
    size: int = 0  # how many parts it asks for: the more, the more specific

    @property
    def names_context(self) -> bool:
        """The pattern names a noun around the verb (an object, a subject, a preposition's noun) or asks for two
        parts or more ("launched an investigation", "apologized for the killings", "called off the talks"):
        such a pattern says far more than its verb alone, so it need not share the verb-alone senses' record.
        A bare preposition ("accelerated (to)") or a particle alone does not."""
        return self.size >= 2 or self.object is not None or self.subject is not None \
            or any(noun for _, noun in self.preps)


@dataclass(frozen=True, slots=True)
class DerivedVerb:
    sense: tuple[str, str | None] | None  # the verb alone
    key: str
    patterns: tuple[Pattern, ...] = field(default_factory=tuple)
    anchors: dict[str, tuple[int, ...]] = field(init=False, repr=False, compare=False)  # see ``_anchors``
    free: tuple[int, ...] = field(init=False, repr=False, compare=False)  # patterns no word anchors

    def __post_init__(self) -> None:
        anchors, free = _anchors(self.patterns)
        object.__setattr__(self, "anchors", anchors)
        object.__setattr__(self, "free", free)


def singular(word: str) -> str:
    """The naive singular the derivation script also uses ("sanctions" -> "sanction")."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _sense(value: str | None) -> tuple[str, str | None] | None:
    if not value:
        return None
    kind, _, mode = value.partition("/")
    return kind, mode or None


def _nouns(text: str, synsets: dict[str, list[str]]) -> Nouns:
    """"sanction", "{financial aid}", "&weapon", "{&weapon attack}" as head -> modifier sets."""
    words = text.strip("{}").split()
    if not words:
        return {}
    *mods, head = words
    heads = synsets.get(head[1:], []) if head.startswith("&") else [head]
    out: dict[str, list[tuple[str, ...]]] = {}
    for phrase in heads:  # a synset member may be a phrase itself ("fighter jet")
        *inner, last = phrase.split()
        out.setdefault(last, []).append(tuple(inner) + tuple(mods))
    return {head: tuple(sets) for head, sets in out.items()}


def parse_pattern(key: str, text: str, sense: str | None, synsets: dict[str, list[str]],
                  particles: frozenset[str]) -> Pattern:
    """One pattern of the notation in the data file's header."""
    subject = None
    if "*" in text.split():
        before, _, text = text.partition("*")
        nouns = [t for t in _TOKEN.findall(before) if not t.startswith("(")]
        subject = _nouns(nouns[-1], synsets) if nouns else None
    tokens = _TOKEN.findall(text)
    particle = None
    if tokens and tokens[0] in particles and not tokens[0].startswith(("(", "{", "&")):
        particle = tokens.pop(0)
    plain = [t for t in tokens if not t.startswith("(")]
    obj = _nouns("{" + " ".join(t.strip("{}") for t in plain) + "}", synsets) if plain else None
    preps = []
    for token in (t for t in tokens if t.startswith("(")):
        prep, _, noun = token[1:-1].partition(" ")
        preps.append((prep, _nouns(noun, synsets) if noun else None))
    modified = obj is not None and any(mods for sets in obj.values() for mods in sets)
    size = (particle is not None) + (subject is not None) + (obj is not None) + len(preps) + modified
    return Pattern(key, _sense(sense), particle, subject, obj, tuple(preps), size)


def load(data: dict, drop: Callable[[str], bool]) -> dict[str, DerivedVerb]:
    """Lemma -> its derived senses and patterns, less the entries ``drop`` names."""
    synsets = {name: list(words) for name, words in (data.get("synsets") or {}).items()}
    particles = frozenset(data.get("particles") or ())
    found: dict[str, tuple[tuple[str, str | None] | None, str, list[Pattern]]] = {}
    parsed: dict[tuple[str, str | None], Pattern] = {}

    def once(key: str, text: str, value: str | None) -> Pattern:
        """A block's pattern is parsed once and shared by its verbs, each under its own key."""
        if (text, value) not in parsed:
            parsed[text, value] = parse_pattern(key, text, value, synsets, particles)
        return replace(parsed[text, value], key=key)

    for block in data["blocks"]:
        for name, own in block["verbs"].items():
            lemma, _, rest = name.partition(" ")
            if lemma in {"is", "be", "are"}:
                continue
            sense, key, patterns = found.setdefault(lemma, (None, f"{lemma}:", []))
            if rest:  # "ask (for)", "call off": the verb with its particle is a pattern of its own
                key_rest = f"{lemma}: {rest}"
                if own and not drop(key_rest):
                    patterns.append(once(key_rest, rest, own))
            elif sense is None and own and not drop(key):
                found[lemma] = (_sense(own), key, patterns)
            for text, value in (block.get("patterns") or {}).items():
                pkey = f"{lemma}: {text}"
                if text and not drop(pkey):
                    patterns.append(once(pkey, text, value))
    out: dict[str, DerivedVerb] = {}
    for lemma, (sense, key, patterns) in found.items():
        seen: set[str] = set()
        unique = [p for p in patterns if not (p.key in seen or seen.add(p.key))]  # type: ignore[func-returns-value]
        unique.sort(key=lambda p: -p.size)
        if sense is not None or unique:
            out[lemma] = DerivedVerb(sense, key, tuple(unique))
    return out


def _keys(token: Token) -> set[str]:
    lower = token.lower_
    return {token.lemma_.lower(), lower, singular(lower)}


def _mods(token: Token) -> set[str]:
    out: set[str] = set()
    for child in children_of(token):
        if child.dep_ in MODIFIER_DEPS or child.i < token.i and child.dep_ != "det":
            out |= _keys(child)
    return out


def noun_matches(nouns: Nouns, token: Token, synsets_of: Callable[[str], frozenset[str]]) -> bool:
    """Whether a noun phrase headed by ``token`` is one of ``nouns`` (its modifiers present too)."""
    keys = _keys(token)
    for head in keys & nouns.keys():
        for mods in nouns[head]:
            if not mods:
                return True
            have = _mods(token)
            if all((have & synsets_of(m[1:])) if m.startswith("&") else m in have for m in mods):
                return True
    return False


@dataclass(slots=True)
class Context:
    """What stands around a verb, for the patterns: its particles, objects, prepositional phrases, subject."""
    particles: set[str]
    objects: list[Token]
    preps: list[tuple[str, Token | None]]
    subject: Token | None


def context(verb: Token) -> Context:
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in children_of(verb))
    objects = [c for c in children_of(verb) if c.dep_ in (OBJECT_DEPS | {"nsubjpass"} if passive else OBJECT_DEPS)]
    objects += [c for o in objects for c in children_of(o) if c.dep_ == "conj"]
    if not objects and verb.dep_ == "acl" and verb.tag_ == "VBN":
        objects = [verb.head]  # "the sanctions imposed on Russia"
    particles = {c.lower_ for c in children_of(verb) if c.dep_ in {"prt", "advmod", "prep", "advcl", "acomp"}}
    preps: list[tuple[str, Token | None]] = []
    holders = [verb, *objects]
    for holder in holders:
        for prep in (c for c in children_of(holder) if c.dep_ in {"prep", "agent", "dative"} and c.pos_ == "ADP"):
            pobjs = [o for o in children_of(prep) if o.dep_ in {"pobj", "pcomp"}]
            preps.append((prep.lower_, pobjs[0] if pobjs else None))
            for pobj in pobjs[:1]:  # "(to list) (of {banned party})": the second phrase hangs off the first
                preps.extend((p.lower_, next((o for o in children_of(p) if o.dep_ == "pobj"), None))
                             for p in children_of(pobj) if p.dep_ == "prep")
    subject = next((c for c in children_of(verb) if c.dep_ in {"nsubj", "csubj"}), None)
    return Context(particles, objects, preps, subject)


def match(entry: DerivedVerb, where: Context, synsets_of: Callable[[str], frozenset[str]]) -> Pattern | None:
    """The most specific pattern of the verb that its surroundings satisfy."""
    return next(matching(entry, where, synsets_of), None)


def matching(entry: DerivedVerb, where: Context, synsets_of: Callable[[str], frozenset[str]]) -> Iterator[Pattern]:
    """Every pattern of the verb that its surroundings satisfy, the most specific first. Only the patterns whose
    anchor word (an object's or the subject's head, the particle, a preposition) stands around the verb are read
    (a verb may have hundreds of patterns, the context a handful of words)."""
    object_heads = set().union(*(_keys(o) for o in where.objects)) if where.objects else set()
    subject_heads = _keys(where.subject) if where.subject is not None else set()
    present = object_heads | subject_heads | where.particles | {p for p, _ in where.preps}
    anchors = entry.anchors
    chosen = set(entry.free).union(*(anchors[w] for w in present if w in anchors))
    for index in sorted(chosen):
        pattern = entry.patterns[index]
        if pattern.particle is not None and pattern.particle not in where.particles:
            continue
        if pattern.object is not None and not any(noun_matches(pattern.object, o, synsets_of) for o in where.objects):
            continue
        if pattern.subject is not None and (where.subject is None
                                            or not noun_matches(pattern.subject, where.subject, synsets_of)):
            continue
        if all(any(p == prep and (nouns is None or (o is not None and noun_matches(nouns, o, synsets_of)))
                   for p, o in where.preps) for prep, nouns in pattern.preps):
            yield pattern


def _anchors(patterns: tuple[Pattern, ...]) -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """Word -> the patterns (by position) that cannot match unless it stands around the verb: each pattern under
    the words one of which it needs (its object's heads, else its subject's, else its particle, else its first
    preposition); those that need none are free. Made once with each verb's patterns (``DerivedVerb``)."""
    anchors: dict[str, list[int]] = {}
    free: list[int] = []
    for index, pattern in enumerate(patterns):
        words = (pattern.object.keys() if pattern.object is not None
                 else pattern.subject.keys() if pattern.subject is not None
                 else [pattern.particle] if pattern.particle is not None
                 else [pattern.preps[0][0]] if pattern.preps else None)
        if words is None:
            free.append(index)
        for word in words or ():
            anchors.setdefault(word, []).append(index)
    return {word: tuple(indices) for word, indices in anchors.items()}, tuple(free)


def synset_index(data: dict) -> Callable[[str], frozenset[str]]:
    """Synset name -> its head words (for modifiers written as "&weapon")."""
    table = {name: frozenset(w.split()[-1] for w in words) for name, words in (data.get("synsets") or {}).items()}
    return lambda name: table.get(name, frozenset())
