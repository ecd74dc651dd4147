"""Who says so: the source and attribution of any stretch of text, read from the parse.

``attribute(doc, report, token)`` answers for the clause a token sits in:

1. an ancestor that is a reporting verb ("X said", "officials estimated",
   "were reported killed") gives the source (its subject; "unnamed" for a
   passive or a generic subject such as "officials") and the attribution
   (reported, estimated, claimed, denied by the verb's class);
2. "according to X" / "citing X" in the sentence gives X (or "unnamed" for
   "recent reports");
3. "reportedly", "allegedly" give an unnamed source;
4. otherwise the author asserts it.

A modal or conditional above the token ("would", "could", "if") makes the
attribution hypothetical whoever the source is. Cue words live in
``data/attribution.yaml``; figures, claims and events all call this, so the
three agree on who says what.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from sitreps.extract.roles import Sentences
from sitreps.resources import load_yaml
from sitreps.types import Report

_LOWERED = "sitreps.attribution.lowered"  # doc.user_data key
AUTHOR = "author"
UNNAMED = "unnamed"


@dataclass(frozen=True, slots=True)
class Attribution:
    source: str  # an actor id, "unnamed" or "author"
    attribution: str  # asserted | reported | claimed | estimated | denied | hypothetical
    cue: str | None = None  # the reporting word or phrase as written
    cue_token: int | None = None  # index of the cue's token in the doc


@dataclass(frozen=True, slots=True)
class _Cues:
    verb_class: dict[str, str]
    adverb_class: dict[str, str]
    according_to: tuple[tuple[str, ...], ...]
    unnamed: frozenset[str]
    hypothetical: frozenset[str]


@lru_cache(maxsize=1)
def cues() -> _Cues:
    data = load_yaml("attribution.yaml")
    return _Cues(
        verb_class={lemma: cls for cls, lemmas in data["verbs"].items() for lemma in lemmas},
        adverb_class={word: cls for cls, words in data["adverbs"].items() for word in words},
        according_to=tuple(tuple(p.split()) for p in sorted(data["according_to"], key=len, reverse=True)),
        unnamed=frozenset(data["unnamed_nouns"]),
        hypothetical=frozenset(data["hypothetical_markers"]),
    )


class ActorIndex:
    """Which actor a character offset belongs to, from the report's actor mentions."""

    def __init__(self, report: Report) -> None:
        self.spans = sorted((m.start, m.end, actor.id) for actor in report.actors for m in actor.mentions)

    def at(self, start: int, end: int) -> str | None:
        """The actor with a mention overlapping [start, end), the longest mention first."""
        best, best_size = None, 0
        for mention_start, mention_end, actor_id in self.spans:
            if mention_start >= end:
                break
            if mention_end > start and mention_end - mention_start > best_size:
                best, best_size = actor_id, mention_end - mention_start
        return best


def speaker_of(phrase: Span | Token, actors: ActorIndex) -> str:
    """The actor a subject phrase names, or "unnamed" when it names none."""
    span = phrase if isinstance(phrase, Span) else phrase.doc[phrase.left_edge.i: phrase.right_edge.i + 1]
    head = span.root
    if head.pos_ == "PRON" and head.lower_ in {"we", "i"}:
        return AUTHOR
    return actors.at(head.idx, head.idx + len(head.text)) or actors.at(span.start_char, span.end_char) or UNNAMED


def attribute(token: Token, actors: ActorIndex) -> Attribution:
    """Source and attribution of the clause that ``token`` belongs to."""
    words = cues()
    sentence = Sentences.for_doc(token.doc).of(token)
    reporting = _reporting_ancestor(token, actors, words)
    # in reported speech "would" is the past of "will" ("said Russia would pay"), not a hypothesis
    hypothetical = _is_hypothetical(token, words, stop=reporting.cue_token if reporting else None)
    found = reporting or _according_to(token, sentence, actors, words) or _adverb(token, sentence, words)
    if found is None:
        return Attribution(AUTHOR, "hypothetical" if hypothetical else "asserted")
    if hypothetical and found.attribution != "denied":
        return Attribution(found.source, "hypothetical", found.cue, found.cue_token)
    return found


def _reporting_ancestor(token: Token, actors: ActorIndex, words: _Cues) -> Attribution | None:
    chain = [token, *token.ancestors]
    top = chain[-1]
    # "Two children were among the wounded, he said": the reporting clause hangs off the main one
    # …but not a clause joined by "and"/"but": "X warned …, and Y said …" is two statements
    aside = [c for c in top.children if c.dep_ in {"parataxis", "advcl", "conj"} and c.i > token.i
             and words.verb_class.get(c.lemma_.lower()) and any(s.dep_ == "nsubj" for s in c.children)
             and not (c.dep_ == "conj" and _coordinated(c))]
    for ancestor in chain + aside[:1]:
        if ancestor.pos_ not in {"VERB", "AUX"} and ancestor.dep_ != "ROOT":
            continue
        cls = words.verb_class.get(ancestor.lemma_.lower())
        if cls is None:
            continue
        if ancestor is token:
            continue  # the token itself is the verb of a claim, not reported by itself
        subjects = [c for c in ancestor.children if c.dep_ in {"nsubj", "nsubjpass"}]
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in ancestor.children)
        if passive or not subjects:
            source = UNNAMED
            agent = next((c for c in ancestor.children if c.dep_ == "agent"), None)
            if agent is not None and list(agent.children):
                source = speaker_of(next(iter(agent.children)), actors)
        else:
            source = speaker_of(subjects[0], actors)
        return Attribution(source, cls, _phrase(ancestor), ancestor.i)
    return None


def _coordinated(conjunct: Token) -> bool:
    """A conjunct with "and"/"but" just before it (the coordinator hangs on the first conjunct)."""
    doc = conjunct.doc
    start = conjunct.left_edge.i
    return any(doc[i].dep_ == "cc" for i in range(max(0, start - 2), start))


def _phrase(verb: Token) -> str:
    """The cue as written: the verb with its particles and a 'reporters' object ("told reporters")."""
    extra = [c for c in verb.children if c.dep_ in {"prt"} or (c.dep_ in {"dobj", "dative"} and c.lower_ == "reporters")]
    tokens = sorted([verb, *extra], key=lambda t: t.i)
    return " ".join(t.text for t in tokens)


def _lowered(sentence: Span) -> list[str]:
    """The sentence's words in lower case, computed once per sentence (figures ask for each amount)."""
    cache = sentence.doc.user_data.setdefault(_LOWERED, {})
    if sentence.start not in cache:
        cache[sentence.start] = [t.lower_ for t in sentence]
    return cache[sentence.start]


def _according_to(token: Token, sentence: Span, actors: ActorIndex, words: _Cues) -> Attribution | None:
    lowered = _lowered(sentence)
    first_words = {phrase[0] for phrase in words.according_to}
    if not first_words.intersection(lowered):
        return None
    for phrase in words.according_to:
        for i in range(len(lowered) - len(phrase) + 1):
            if tuple(lowered[i:i + len(phrase)]) != phrase:
                continue
            cue_token = sentence[i]
            after = sentence[i + len(phrase):]
            objects = [t for t in after if t.dep_ in {"pobj", "dobj"}
                       and t.head.i in {sentence[i + len(phrase) - 1].i, cue_token.i}]
            target = objects[0] if objects else (after[0] if len(after) else None)
            if target is None:
                continue
            if target.left_edge.i <= token.i <= target.right_edge.i:
                return None  # the token is part of the source itself ("according to two lawmakers")
            source = speaker_of(target, actors)
            if phrase == ("citing",) and source == UNNAMED and target.lemma_.lower() not in words.unnamed:
                continue  # "suspended the partnership, citing anti-democratic actions": a reason, not a source
            cls = "estimated" if "estimate" in target.lemma_.lower() else "reported"
            return Attribution(source, cls, " ".join(sentence[i:i + len(phrase)].text.split()), cue_token.i)
    return None


def _adverb(token: Token, sentence: Span, words: _Cues) -> Attribution | None:
    for offset, lower in enumerate(_lowered(sentence)):
        cls = words.adverb_class.get(lower)
        if cls and lower != "according":
            candidate = sentence[offset]
            return Attribution(UNNAMED, cls, candidate.text, candidate.i)
    return None


def _is_hypothetical(token: Token, words: _Cues, *, stop: int | None = None) -> bool:
    for ancestor in [token, *token.ancestors]:
        if ancestor.i == stop:
            return False
        for child in ancestor.children:
            if child.dep_ in {"aux", "mark"} and child.lower_ in words.hypothetical \
                    and not (stop is not None and child.lower_ == "would"):
                return True
        if ancestor.dep_ in {"advcl"} and any(c.lower_ in {"if", "unless"} for c in ancestor.children):
            return True
    return False
