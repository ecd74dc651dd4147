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

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from sitreps.extract.actors import dateline_end
from sitreps.extract.roles import Sentences
from sitreps.extract.tree import children_of
from sitreps.resources import load_yaml
from sitreps.types import Report

_LOWERED = "sitreps.attribution.lowered"  # doc.user_data key
_HEADER = "sitreps.attribution.header"  # doc.user_data key: where a dateline header ends
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
    according_first: frozenset[str]  # the first words of ``according_to``'s phrases, asked of every word
    unnamed: frozenset[str]
    hypothetical: frozenset[str]
    passive_cues: frozenset[str]
    non_sources: frozenset[str]
    data_nouns: dict[str, str]


@lru_cache(maxsize=1)
def cues() -> _Cues:
    data = load_yaml("attribution.yaml")
    return _Cues(
        verb_class={lemma: cls for cls, lemmas in data["verbs"].items() for lemma in lemmas},
        adverb_class={word: cls for cls, words in data["adverbs"].items() for word in words},
        according_to=tuple(tuple(p.split()) for p in sorted(data["according_to"], key=len, reverse=True)),
        according_first=frozenset(p.split()[0] for p in data["according_to"]),
        unnamed=frozenset(data["unnamed_nouns"]),
        hypothetical=frozenset(data["hypothetical_markers"]),
        passive_cues=frozenset(data["passive_cues"]),
        non_sources=frozenset(data["checked_phrases"]),
        data_nouns={noun: cls for cls, nouns in data["data_nouns"].items() for noun in nouns},
    )


class ActorIndex:
    """Which actor a character offset belongs to, from the report's actor mentions."""

    def __init__(self, report: Report) -> None:
        self.spans = sorted((m.start, m.end, actor.id) for actor in report.actors for m in actor.mentions)
        self._longest = max((end - start for start, end, _ in self.spans), default=0)

    def at(self, start: int, end: int) -> str | None:
        """The actor with a mention overlapping [start, end), the longest mention first. The scan starts at
        the first mention that could reach ``start`` (no mention is longer than the longest), not at the
        article's top, so a lookup per item keeps a long article linear."""
        best, best_size = None, 0
        spans = self.spans
        for i in range(bisect_left(spans, (start - self._longest,)), len(spans)):
            mention_start, mention_end, actor_id = spans[i]
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
    own = actors.at(head.idx, head.idx + len(head.text))
    if own:
        return own
    for child in children_of(head):  # "the director of the hospital, Ali Yusuf, said": the person named
        if child.dep_ == "appos":
            named = actors.at(child.idx, child.idx + len(child.text))
            if named:
                return named
    return actors.at(span.start_char, span.end_char) or UNNAMED


def attribute(token: Token, actors: ActorIndex) -> Attribution:
    """Source and attribution of the clause that ``token`` belongs to."""
    words = cues()
    sentence = Sentences.for_doc(token.doc).of(token)
    reporting = _participle_source(token, actors, words) or _reporting_ancestor(token, actors, words)
    # in reported speech "would" is the past of "will" ("said Russia would pay"), not a hypothesis
    hypothetical = _is_hypothetical(token, words, stop=reporting.cue_token if reporting else None)
    found = reporting
    if found is not None and found.cue_token is not None and found.cue_token < token.i \
            and not any(a.i == found.cue_token for a in token.ancestors):
        # "… climbed to 1%, brokers say, and rose 15% …, according to one underwriter": the later source
        later = _according_to(token, sentence, actors, words)
        if later is not None and later.cue_token is not None and later.cue_token > token.i:
            found = later
    if found is None and not writers_aside(token):  # "according to X" at the end is not for an aside
        found = _according_to(token, sentence, actors, words) or _data(token, actors, words) \
            or _adverb(token, sentence, words)
    if found is None:
        return Attribution(AUTHOR, "hypothetical" if hypothetical else "asserted")
    if hypothetical and found.attribution != "denied":
        return Attribution(found.source, "hypothetical", found.cue, found.cue_token)
    return found


def _reporting_ancestor(token: Token, actors: ActorIndex, words: _Cues) -> Attribution | None:
    chain = _own_chain(token)
    top = chain[-1]
    # "Two children were among the wounded, he said": the reporting clause hangs off the main one
    # …but not a clause joined by "and"/"but": "X warned …, and Y said …" is two statements
    aside = [c for c in children_of(top) if c.dep_ in {"parataxis", "advcl", "conj"} and c.i > token.i
             and words.verb_class.get(c.lemma_.lower()) and any(s.dep_ == "nsubj" for s in children_of(c))
             and not (c.dep_ == "conj" and _coordinated(c))]
    for below, ancestor in zip([None, *chain], chain + aside[:1]):
        if ancestor.pos_ not in {"VERB", "AUX"} and ancestor.dep_ != "ROOT":
            continue
        cls = words.verb_class.get(ancestor.lemma_.lower())
        if cls is None:
            continue
        if ancestor is token:
            continue  # the token itself is the verb of a claim, not reported by itself
        if below is not None and below.dep_ in {"nsubj", "agent"} and below.head.i == ancestor.i:
            continue  # "Several hundred business leaders announced …": the writer counts the speakers
        if below is not None and below.dep_ == "conj" and below.head.i == ancestor.i and _finite(below):
            continue  # "No injuries were reported, but Seoul evacuated 80 people": a statement beside it
        subjects = [c for c in children_of(ancestor) if c.dep_ in {"nsubj", "nsubjpass"}]
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in children_of(ancestor))
        agent = next((c for c in children_of(ancestor) if c.dep_ == "agent"), None)
        if passive and agent is None and ancestor.lemma_.lower() not in words.passive_cues:
            continue  # "two journalists were found dead": a passive that reports nothing
        if passive or not subjects:
            source = UNNAMED
            if agent is not None and list(children_of(agent)):
                source = speaker_of(next(iter(children_of(agent))), actors)
        else:  # the nearest, and not a dateline's city ("SEOUL, Dec 19 (Wire) - The spy agency said")
            source = speaker_of(past_dateline(min(subjects, key=lambda c: abs(c.i - ancestor.i))), actors)
        return Attribution(source, cls, _phrase(ancestor), ancestor.i)
    return None


def _participle_source(token: Token, actors: ActorIndex, words: _Cues) -> Attribution | None:
    """A count whose own noun says who vouches for it: "a higher toll than the 12 deaths confirmed by the
    Interior Ministry", "the 300 casualties reported by the army". The participle hangs below the noun, so
    the climb through the ancestors never meets it, and the sentence's main speaker would take the figure."""
    for noun in (token, token.head) if token.head.pos_ in {"NOUN", "PROPN"} else (token,):
        for clause in children_of(noun):
            if clause.dep_ != "acl" or clause.tag_ != "VBN":
                continue
            cls = words.verb_class.get(clause.lemma_.lower())
            by = next((c for c in children_of(clause) if c.dep_ == "agent"), None)
            named = next((c for c in children_of(by) if c.dep_ == "pobj"), None) if by is not None else None
            if cls and named is not None:
                return Attribution(speaker_of(named, actors), cls, _phrase(clause), clause.i)
    return None


def past_dateline(subject: Token) -> Token:
    """The real subject when the parser took a dateline's city for it ("SEOUL, Dec 19 (Wire) - South Korea's
    spy agency said …" is parsed with SEOUL as subject and the agency in apposition to it)."""
    doc = subject.doc
    if _HEADER not in doc.user_data:
        doc.user_data[_HEADER] = dateline_end(doc)
    end = doc.user_data[_HEADER]
    if not end or subject.idx >= end:
        return subject
    return next((c for c in children_of(subject) if c.dep_ == "appos" and c.idx >= end), subject)


def _finite(verb: Token) -> bool:
    """A verb with a tense of its own ("evacuated", "has said"), not one that shares its auxiliary with the
    verb before ("six were reported killed, and three wounded")."""
    return verb.tag_ in {"VBD", "VBZ", "VBP", "MD"} or any(c.dep_ in {"aux", "auxpass"} for c in children_of(verb))


def _own_chain(token: Token) -> list[Token]:
    """The token and the words above it, up to a writer's aside (``_aside_link``): what the writer adds
    about a thing that a speaker claims or reports is the writer's ("al-Shabab claimed the attack,
    which killed 17 peacekeepers"; "announced a new cabinet, which does not include several figures"),
    unless the clause is inside what is said ("said that the strike, which killed 12, …")."""
    chain = [token]
    for ancestor in token.ancestors:
        link = chain[-1]
        if _aside_link(link) and not _said_above(ancestor) and not (link.dep_ == "relcl" and _reported_aside(ancestor)):
            break
        chain.append(ancestor)
    return chain


def _reported_aside(node: Token) -> bool:
    """Whether the whole sentence is what an aside reports ("Premiums, which stood at 0.05%, climbed to 1%,
    brokers say"): a relative clause in it is the speaker's too."""
    root = node
    while root.head.i != root.i:
        root = root.head
    return any(c.dep_ in {"parataxis", "advcl"} and cues().verb_class.get(c.lemma_.lower())
               and any(g.dep_ == "nsubj" for g in children_of(c)) and not any(g.dep_ in {"ccomp", "mark"} for g in children_of(c))
               for c in children_of(root))


def _aside_link(node: Token) -> bool:
    """A non-restrictive relative clause (", which …") or a noun in apposition to a name ("Air Base 201,
    a drone facility built at a cost of $110 million"): the writer's own addition."""
    if node.dep_ == "relcl":
        return _non_restrictive(node)
    return node.dep_ == "appos" and node.pos_ == "NOUN" and node.head.pos_ == "PROPN" and node.i > node.head.i


def writers_aside(token: Token) -> bool:
    """Whether ``token`` lies in what the writer adds about something a speaker mentions (see ``_own_chain``)."""
    chain = _own_chain(token)
    return chain[-1].head.i != chain[-1].i


def _non_restrictive(clause: Token) -> bool:
    """", which …" / ", who …": a relative clause set off by a comma."""
    doc = clause.doc
    start = clause.left_edge.i
    return start > 0 and doc[start - 1].text in {",", "(", "—", "–"} \
        and doc[start].lower_ in {"which", "who", "whom", "whose"}


def _said_above(noun: Token) -> bool:
    """Whether a noun lies inside a clause that a verb of saying reports ("said that the strike …")."""
    node = noun
    while node.head.i != node.i:
        if node.dep_ in {"ccomp", "csubj"} and cues().verb_class.get(node.head.lemma_.lower()):
            return True
        node = node.head
    return False


def _coordinated(conjunct: Token) -> bool:
    """A conjunct with "and"/"but" just before it (the coordinator hangs on the first conjunct)."""
    doc = conjunct.doc
    start = conjunct.left_edge.i
    return any(doc[i].dep_ == "cc" for i in range(max(0, start - 2), start))


def _phrase(verb: Token) -> str:
    """The cue as written: the verb with its particles and a 'reporters' object ("told reporters")."""
    extra = [c for c in children_of(verb) if c.dep_ in {"prt"} or (c.dep_ in {"dobj", "dative"} and c.lower_ == "reporters")]
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
    if words.according_first.isdisjoint(lowered):  # most sentences: no phrase's first word at all
        return None
    starts: dict[str, list[int]] = {}  # where each phrase's first word stands: only there can it match
    for i, word in enumerate(lowered):
        if word in words.according_first:
            starts.setdefault(word, []).append(i)
    if not starts:
        return None
    for phrase in words.according_to:
        for i in starts.get(phrase[0], ()):
            if i > len(lowered) - len(phrase) or tuple(lowered[i:i + len(phrase)]) != phrase:
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
            if " ".join(phrase) in words.non_sources and source == UNNAMED and target.lemma_.lower() not in words.unnamed:
                continue  # "citing anti-democratic actions": a reason; "25 per cent": a rate, not a source
            cls = "estimated" if "estimate" in target.lemma_.lower() else "reported"
            return Attribution(source, cls, " ".join(sentence[i:i + len(phrase)].text.split()), cue_token.i)
    return None


def _data(token: Token, actors: ActorIndex, words: _Cues) -> Attribution | None:
    """A number that a report or estimate carries: "estimates of between 1.5 and 2 million people", "by
    some estimates, 500,000 marched". The noun's owner is the source when the text names one."""
    chain = _own_chain(token)
    for below, node in zip(chain, chain[1:]):
        if node.dep_ == "prep" and node.lower_ == "of" and below.dep_ == "pobj":
            noun = node.head
            cls = words.data_nouns.get(noun.lemma_.lower())
            if cls and noun.pos_ == "NOUN":
                return Attribution(speaker_of(noun, actors), cls, noun.text, noun.i)
    for node in chain:
        if node.pos_ not in {"VERB", "AUX"}:
            continue
        for by in (c for c in children_of(node) if c.dep_ == "prep" and c.lower_ == "by"):
            for noun in (c for c in children_of(by) if c.dep_ == "pobj" and c.tag_ == "NNS"):
                cls = words.data_nouns.get(noun.lemma_.lower())
                if cls:
                    return Attribution(speaker_of(noun, actors), cls, f"{by.text} {noun.text}", by.i)
    return None


def _adverb(token: Token, sentence: Span, words: _Cues) -> Attribution | None:
    """"reportedly", "allegedly" on the token's own clause ("fishermen rescued 700, and the navy reportedly
    saved 200 more": only the 200 are reported)."""
    chain = {t.i for t in _own_chain(token)}
    for offset, lower in enumerate(_lowered(sentence)):
        cls = words.adverb_class.get(lower)
        if cls and lower != "according":
            candidate = sentence[offset]
            if candidate.head.i in chain or candidate.i in chain or _clause_root(candidate) in chain:
                return Attribution(UNNAMED, cls, candidate.text, candidate.i)
    return None


def _clause_root(token: Token) -> int:
    """The verb a sentence adverb qualifies, for an adverb hung on a noun or adjective by the parse."""
    node = token.head
    while node.pos_ not in {"VERB", "AUX"} and node.head.i != node.i:
        node = node.head
    return node.i


def _is_hypothetical(token: Token, words: _Cues, *, stop: int | None = None) -> bool:
    for ancestor in [token, *token.ancestors]:
        if ancestor.i == stop:
            return False
        for child in children_of(ancestor):
            if child.dep_ in {"aux", "mark"} and child.lower_ in words.hypothetical \
                    and not (stop is not None and child.lower_ == "would"):
                return True
        if ancestor.dep_ in {"advcl"} and any(c.lower_ in {"if", "unless"} for c in children_of(ancestor)):
            return True
    return False
