"""Speakers the text describes rather than names, made actors of their own kind.

"Security officials said", "according to witnesses", "a soldier told reporters", "South Korea's
spy agency estimated": an analyst weighs each of these differently, so each is an actor
(docs/annotation.md, "Source"), never ``unnamed`` and never the country it belongs to. This
step runs after the actors and places extractors and before figures, claims and events, so all
three see the same speakers. It reads every speaker phrase of the article (the subject of a cue
of the claims reader, the agent of "was reported by X", the object of "according to", "citing",
"quoting") and:

1. leaves a phrase alone when a named actor already covers its head ("the ministry", "Hamas") or
   names a person in it ("policeman Ahmed Hassan Sayed", "a spokesperson …, Rupert Colville");
2. joins a surname to the one person named in full before it ("Holloway said" after "Tom
   Holloway"), a definite title to the person who holds it ("the government spokesman said"
   after "X, a government spokesman"), a bare definite noun to the speaker it points back to
   ("the officials say", "the agency said", "the tribunal"), and makes a speaker's proper name
   that no actor covers an actor ("Hürriyet reported");
3. gives a document its owner ("a report by the BBC", "the report" after "a report by the
   UNHCR", "a statement" that X issued, "Israeli tallies"): the owner's actor gets the mention;
4. reads "the government" as the state it names, else the state the article is about;
5. makes a described speaker an actor: its name is the phrase as written without articles,
   counts and quantifiers ("two security sources" -> "security sources"), its kind and sector
   come from its head noun and modifiers (``data/speakers.yaml``), its country from the names
   and demonyms in it ("Iraqi officials" -> IRQ, "Kyiv's general staff" -> UKR), else for local
   bodies and people from the country the article is about. A country mention that covered the
   whole phrase ("Iraqi officials" read as Iraq) is cut back to the demonym, so the organisation
   stays itself. The same description said twice is one actor.

A bare "reports" or "estimates" names no one and stays ``unnamed``, as does a passive without
agent ("were reportedly killed").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from sitreps.extract.claims import verb_cue
from sitreps.extract.claims import words as claim_words
from sitreps.extract.figure_subjects import story_country
from sitreps.extract.roles import CORE, TokenActors
from sitreps.extract.state_actors import next_actor_id
from sitreps.extract.tree import children_of, subtree_of
from sitreps.gazetteer import resolve_name
from sitreps.resources import load_yaml
from sitreps.types import Actor, Mention, Report

# Prepositions whose object still describes the speaker ("officials in South Ossetia", "a spokesman
# for the army", "members of the opposition", "an aide to Moussawi").
_DESCRIBING_PREPS = {"of", "for", "in", "at", "to", "from", "with"}
_COLLECTIVE = {"police", "media", "press", "staff", "military", "army", "government", "authorities",
               "intelligence", "people", "militia", "navy", "command", "headquarters", "gendarmerie"}
_SOURCE_PHRASES = {"according", "citing", "quoting"}
_SHOWING = {"show", "find", "indicate", "suggest", "reveal", "signal", "record", "register", "count", "document",
            "demonstrate", "prove", "illustrate", "highlight", "mark", "underline"}
_ISSUING = {"issue", "release", "publish", "send", "post", "put", "make", "circulate", "deliver", "read"}


@dataclass(frozen=True, slots=True)
class _Group:
    one: str
    many: str
    sector: str | None
    local: bool = False


@dataclass(frozen=True, slots=True)
class _Lexicon:
    groups: dict[str, _Group]  # head noun -> its group
    sector_words: tuple[tuple[str, str], ...]  # (modifier word, sector), in the file's order
    documents: frozenset[str]
    not_in_name: frozenset[str]
    not_describing: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    data = load_yaml("speakers.yaml")
    groups = {noun: _Group(spec["one"], spec["many"], spec.get("sector"), bool(spec.get("local")))
              for spec in data["groups"].values() for noun in spec["nouns"]}
    sector_words = tuple((word, sector) for sector, words in data["sector_words"].items() for word in words)
    return _Lexicon(groups, sector_words, frozenset(data["documents"]), frozenset(data["not_in_name"]),
                    frozenset(data["not_describing"]))


# --- entry point ---------------------------------------------------------------------------------

def extract_speakers(doc: Doc, report: Report) -> None:
    """Add the article's described speakers to ``report.actors`` (the extractor run by the pipeline)."""
    words = lexicon()
    index = TokenActors(doc, report)
    made: dict[str, Actor] = {}
    kinds = {a.id: a for a in report.actors}
    spoken: list[tuple[int, Actor]] = []  # (sentence, actor) of each speaker read so far
    for head, showing in _speaker_heads(doc, index):
        sentence = report.sentence_of(head.idx)
        own = [kinds[a] for a in index.at(head) if a in kinds]
        if _named(head, own, index, kinds):
            spoken.extend((sentence, a) for a in own[:1])
            continue
        if head.pos_ == "PROPN":
            named = _surname(head, report, doc) or ([] if showing else _proper(head, report, made))
            spoken.extend((sentence, a) for a in named[:1])
            continue
        if head.text[:1].isupper():  # "Rathke also asked": a surname the tagger took for a noun
            known = _surname(head, report, doc)
            if known:
                spoken.append((sentence, known[0]))
                continue
        lemma, lower = head.lemma_.lower(), head.lower_
        if lemma in words.documents or lower in words.documents:
            _document(head, report, index, kinds, words, made)
            continue
        group = _group(head, words)
        if group is None:
            continue
        actor = _title_holder(head, report, doc, words, group) or _anaphor(head, group, spoken, sentence, report) \
            or _describe(head, group, report, index, kinds, words, made)
        if actor is not None:
            spoken.append((sentence, actor))


# --- 0. where speakers are ------------------------------------------------------------------------

def _speaker_heads(doc: Doc, index: TokenActors) -> list[tuple[Token, bool]]:
    """Heads of speaker phrases: whoever says something by the claims reader's cues (the subject of
    "said that …", the agent of "was reported by"), and the object of "according to X", "citing X",
    "quoting X", "as reported by X"."""
    vocab = claim_words()
    heads: dict[int, Token] = {}
    shown: set[int] = set()  # subjects of "shows", "found": things as often as speakers
    for i in _candidates(doc, frozenset(vocab.verb_kind)):
        token = doc[i]
        found: list[Token] = []
        if token.lower_ in _SOURCE_PHRASES:
            holder = token.nbor() if token.lower_ == "according" and token.i + 1 < len(doc) else token
            found += [c for t in {holder, token} for c in children_of(t) if c.dep_ in {"pobj", "dobj"}]
        elif token.pos_ == "VERB":
            cue = verb_cue(token, index, vocab)
            if cue is not None and cue.who is not None:
                found.append(cue.who)
                if token.lemma_.lower() in _SHOWING:
                    shown.add(cue.who.i)
        elif token.lower_ == "by" and token.i >= 2 and doc[token.i - 1].lower_ == "reported" \
                and doc[token.i - 2].lower_ == "as":
            found += [c for c in children_of(token) if c.dep_ == "pobj"]
        for head in found:
            for conjunct in [head, *(c for c in children_of(head) if c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN"})]:
                heads.setdefault(conjunct.i, conjunct)
    return [(heads[i], i in shown) for i in sorted(heads)]


def _candidates(doc: Doc, lemmas: frozenset[str]) -> list[int]:
    """Indices of the tokens worth asking (verbs of saying, "according", "citing", "quoting", "by"), read
    from the document's arrays: making a Token for every word costs more than the rest of this step."""
    strings = doc.vocab.strings
    wanted_lemmas = {strings.add(lemma) for lemma in lemmas}
    wanted_words = {strings.add(word) for word in (*_SOURCE_PHRASES, "by")}
    array = doc.to_array(["LEMMA", "LOWER"])
    return [i for i, (lemma, lower) in enumerate(array.tolist()) if lemma in wanted_lemmas or lower in wanted_words]


def _named(head: Token, own: list[Actor], index: TokenActors, kinds: dict[str, Actor]) -> bool:
    """A named actor already speaks here: the head's own mention, or a name in apposition. Not when the
    mention is only the country a demonym or possessive lent the phrase ("Iraqi officials" read as
    Iraq), nor an army read for one soldier or officer ("a Comoros soldier")."""
    if head.pos_ == "PRON" or head.lower_ in {"one", "another", "who", "which", "that"}:
        return True
    for child in subtree_of(head):
        if child.dep_ == "appos" and any(kinds.get(a) is not None for a in index.at(child)):
            return True  # "the charity Christian Aid", "a spokesperson for the agency, Rupert Colville"
        if child.pos_ == "PROPN" and head.i < child.i <= head.i + 2 \
                and any(kinds[a].kind == "person" for a in index.at(child) if a in kinds):
            return True  # "policeman Ahmed Hassan Sayed", parsed with the title as the head
    if not own:
        return False
    if head.pos_ == "PROPN":
        return True
    if all(a.kind == "state" for a in own):
        return False
    group = lexicon().groups.get(head.lemma_.lower())
    one_person = head.tag_ == "NN" and head.lower_ not in _COLLECTIVE and group is not None and group.one == "person"
    return not (one_person and all(a.kind in {"organization", "armed-group", "state"} for a in own))


# --- 1-2. names the text gave before --------------------------------------------------------------

def _surname(head: Token, report: Report, doc: Doc) -> list[Actor]:
    """"Holloway said" after "Tom Holloway": the one person named earlier whose name ends with this word."""
    start = head.left_edge.i if head.left_edge.pos_ == "PROPN" else head.i
    span = doc[start:head.i + 1]
    if any(t.pos_ != "PROPN" for t in span[:-1]):
        return []
    written = span.text.lower()
    people = [a for a in report.actors if a.kind == "person" and a.mentions
              and a.mentions[0].start < span.start_char and len(a.name.split()) > len(span)
              and a.name.lower().endswith(" " + written)]
    if len(people) != 1:
        return []
    _mention(people[0], span, report)
    return people


def _proper(head: Token, report: Report, made: dict[str, Actor]) -> list[Actor]:
    """A speaker's name that no actor covers ("Hürriyet reported", "Haaretz says"): an actor of its own,
    a person when the parser takes it for one, else an organisation."""
    doc = head.doc
    start = head.i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ in {"compound", "flat"}:
        start -= 1
    span = doc[start:head.i + 1]
    if span.text.lower() in {"he", "she", "they", "it"} or not span.text[:1].isupper():
        return []
    actor = made.get(span.text.lower())
    if actor is None:
        resolved = resolve_name(span.text)
        if resolved is not None and resolved.kind == "state":
            return []  # a country's name is the actors extractor's to read
        types = {t.ent_type_ for t in span}
        kind = "person" if "PERSON" in types else "organization" if types & {"ORG", "NORP"} else "unknown"
        actor = Actor(id=next_actor_id(report), name=span.text, kind=kind)
        report.actors.append(actor)
        made[span.text.lower()] = actor
    _mention(actor, span, report)
    return [actor]


def _title_holder(head: Token, report: Report, doc: Doc, words: _Lexicon, group: _Group) -> Actor | None:
    """"the government spokesman said" after "X, a government spokesman": the person whose role it is."""
    if group.one != "person" or head.tag_ != "NN" or not any(c.lower_ == "the" for c in children_of(head)):
        return None
    tokens = [t for t in _name_tokens(_phrase(head), words) if t.i <= head.i]
    if not tokens:
        return None
    title = " ".join(t.lower_ for t in tokens)
    span = doc[_phrase(head)[0].i:head.i + 1]
    holders = [a for a in report.actors if a.kind == "person" and a.role and a.mentions
               and a.mentions[0].start < span.start_char
               and f" {title} " in f" {a.role.lower()} "]
    if len(holders) != 1:
        return None
    _mention(holders[0], span, report)
    return holders[0]


def _anaphor(head: Token, group: _Group, spoken: list[tuple[int, Actor]], sentence: int,
             report: Report) -> Actor | None:
    """A bare definite noun points back; it describes no one new: "the officials say" after "U.S.
    officials say" (the last speaker of that noun), "the agency said" (the organisation that spoke
    last), within three sentences."""
    if any(c.dep_ != "det" or c.lower_ not in {"the", "this", "these"} for c in children_of(head) if c.i < head.i) \
            or not any(c.lower_ in {"the", "this", "these"} for c in children_of(head)):
        return None
    recent = [actor for said_in, actor in reversed(spoken) if sentence - said_in <= 3]
    lemma = head.lemma_.lower()
    same = next((a for a in recent if a.name.split() and _singular(a.name.split()[-1]) == lemma), None)
    organisation = next((a for a in recent if a.kind in {"organization", "media", "armed-group"}), None) \
        if group.one != "person" and head.tag_ == "NN" else None
    actor = same or organisation or _named_before(head, report)
    if actor is not None:
        start = min(c.i for c in children_of(head) if c.i < head.i)
        _mention(actor, head.doc[start:head.i + 1], report)
    return actor


def _named_before(head: Token, report: Report) -> Actor | None:
    """"the tribunal", "the archive", "the commission": the last organisation named before whose name
    ends in that word ("the Gun Violence Archive", "the European Commission")."""
    lemma = head.lemma_.lower()
    found: tuple[int, Actor] | None = None
    for actor in report.actors:
        if actor.kind in {"person", "state"} or not actor.name.split() or _singular(actor.name.split()[-1]) != lemma:
            continue
        before = [m.start for m in actor.mentions if m.start < head.idx]
        if before and (found is None or max(before) > found[0]):
            found = (max(before), actor)
    return found[1] if found else None


def _singular(word: str) -> str:
    word = word.lower()
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


# --- 3. documents -----------------------------------------------------------------------------------

def _document(head: Token, report: Report, index: TokenActors, kinds: dict[str, Actor], words: _Lexicon,
              made: dict[str, Actor]) -> None:
    """A report, statement or record: its owner speaks ("a report by the agency", "the ministry's data",
    "the report" after one whose owner was said); described data speaks for itself ("the official
    record"); bare "reports" or "estimates" name no one."""
    phrase = _phrase(head)
    author = _author_phrase(head)
    if author is not None and not index.at(author) and _group(author, words) is not None:
        # "an estimate by a Washington research group", "a poll published by a Yerevan-based group"
        actor = _describe(author, _group(author, words), report, index, kinds, words, made)  # type: ignore[arg-type]
        if actor is not None:
            _mention(actor, head.doc[phrase[0].i:head.i + 1], report)
        return
    for modifier in (c for c in children_of(head) if c.dep_ == "compound" and c.i < head.i and not index.at(c)):
        group = _group(modifier, words)
        if group is not None:  # "Turkish media reports", "police figures": the described body speaks
            body = [t for t in phrase if t.i <= modifier.i]  # "Russian social media" of "… media posts"
            _describe(modifier, group, report, index, kinds, words, made, phrase=body)
            return
    owner = _owner(head, index, kinds)
    if owner is None and any(c.lower_ == "the" for c in children_of(head)) and head.tag_ == "NN":
        owner = _earlier_owner(head, report, index, kinds)
    if owner is not None:
        _mention(owner, head.doc[phrase[0].i:head.i + 1], report)
        return
    described = [t for t in _name_tokens(phrase, words) if t.i < head.i and t.pos_ in {"ADJ", "NOUN", "PROPN"}
                 and t.lower_ not in words.not_describing]
    if described:
        _describe(head, _Group("unknown", "unknown", None), report, index, kinds, words, made)


def _author_phrase(head: Token) -> Token | None:
    """The "by X" of a document: "a report by X", "a poll published by X"."""
    for prep in (c for c in children_of(head) if c.dep_ in {"prep", "agent"} and c.lower_ == "by"):
        return next((p for p in children_of(prep) if p.dep_ == "pobj"), None)
    for clause in (c for c in children_of(head) if c.dep_ == "acl" and c.tag_ == "VBN"):
        for prep in (c for c in children_of(clause) if c.dep_ == "agent"):
            return next((p for p in children_of(prep) if p.dep_ == "pobj"), None)
    return None


def _owner(head: Token, index: TokenActors, kinds: dict[str, Actor]) -> Actor | None:
    """The actor a document names as its author: a possessive or compound ("U.N. figures"), or a
    "by/from/of X" after it ("a report by the BBC", "a report from the Mexican government")."""
    candidates = [c for c in children_of(head) if c.dep_ in {"poss", "compound", "nmod", "amod"}]
    for prep in (c for c in children_of(head) if c.dep_ in {"prep", "agent"} and c.lower_ in {"by", "from", "of"}):
        candidates += [p for p in children_of(prep) if p.dep_ == "pobj"]
    for candidate in candidates:
        for token in (candidate, *(c for c in children_of(candidate) if c.dep_ in CORE)):
            for actor_id in index.at(token) or index.named(token):  # "Israeli tallies": the state's
                actor = kinds.get(actor_id)
                if actor is not None:
                    return actor
    if head.dep_ == "dobj" and head.head.lemma_.lower() in _ISSUING:
        issuer = next((c for c in children_of(head.head) if c.dep_ == "nsubj"), None)
        if issuer is not None:  # "the charity Christian Aid issued a statement saying …"
            for token in (issuer, *(c for c in subtree_of(issuer) if c.dep_ in {"appos", "compound"})):
                actor = next((kinds[a] for a in index.at(token) if a in kinds), None)
                if actor is not None:
                    return actor
    for clause in (c for c in children_of(head) if c.dep_ == "acl" and c.tag_ == "VBN"):
        for prep in (c for c in children_of(clause) if c.dep_ == "agent"):
            for obj in (p for p in children_of(prep) if p.dep_ == "pobj"):
                actor = next((kinds[a] for a in index.at(obj) if a in kinds), None)
                if actor is not None:
                    return actor  # "a report released by the agency"
    return None


def _earlier_owner(head: Token, report: Report, index: TokenActors, kinds: dict[str, Actor]) -> Actor | None:
    """"the report" after "the 2010 report by the UNHCR": the owner of the last document of that name."""
    for token in reversed(head.doc[:head.i]):
        if token.lemma_.lower() == head.lemma_.lower() and token.pos_ == "NOUN":
            owner = _owner(token, index, kinds)
            if owner is not None:
                return owner
    return None


# --- 4. described speakers ---------------------------------------------------------------------------

def _group(head: Token, words: _Lexicon) -> _Group | None:
    """The head noun's group; "news agency", "press service" are media whatever their head says."""
    group = words.groups.get(head.lemma_.lower()) or words.groups.get(head.lower_)
    if group is None:
        return None
    if head.lower_ in {"agency", "agencies", "service", "services", "organization", "organisation"} \
            and any(c.lower_ in {"news", "press", "wire"} for c in children_of(head) if c.dep_ in {"compound", "amod"}):
        return words.groups["media"]
    return group


def _describe(head: Token, group: _Group, report: Report, index: TokenActors, kinds: dict[str, Actor],
              words: _Lexicon, made: dict[str, Actor], *, kind: str | None = None,
              phrase: list[Token] | None = None) -> Actor | None:
    phrase = phrase or _phrase(head)
    named = _name_tokens(phrase, words)
    if not named:
        return None
    doc = head.doc
    if head.lemma_.lower() == "government" and len(named) <= 2:  # "the government", "a government estimate"
        state = _state(head, named, report, index, kinds)
        if state is not None:
            _mention(state, doc[phrase[0].i:phrase[-1].i + 1], report)
            return state
    name = doc[named[0].i:named[-1].i + 1].text.strip(" ,;:")
    mention_span = doc[phrase[0].i:phrase[-1].i + 1]
    plural = head.tag_ in {"NNS", "NNPS"} or head.lower_ in _COLLECTIVE
    modifiers = [t for t in phrase if t.i != head.i]
    local = group.local or any(t.lower_ == "local" for t in modifiers)  # "local rights monitors"
    country = _country(modifiers, index, kinds) or (_setting(report) if local else None)
    actor = made.get(name.lower())
    if actor is None:
        actor = Actor(id=next_actor_id(report), name=name, kind=kind or (group.many if plural else group.one),
                      country=country, sector=_sector(modifiers, group, words))
        report.actors.append(actor)
        kinds[actor.id] = actor
        made[name.lower()] = actor
    elif actor.country is None:
        actor.country = country
    _cut_back(head, report, index, kinds)
    _mention(actor, mention_span, report)
    return actor


def _state(head: Token, named: list[Token], report: Report, index: TokenActors,
           kinds: dict[str, Actor]) -> Actor | None:
    """"the government" is the state (docs/annotation.md: "Iraq's government said" is Iraq): the one its
    words name, else the country the article is about, when the article has that state as an actor."""
    country = _country([t for t in named if t.i != head.i], index, kinds) or _setting(report)
    return next((kinds[a] for a in index.state(country) if a in kinds and kinds[a].kind == "state"), None)


def _phrase(head: Token) -> list[Token]:
    """The speaker's phrase: the head, its modifiers, and a describing "of/for/in X" after it."""
    tokens = [head]
    stack = [c for c in children_of(head) if (c.dep_ in CORE and c.dep_ != "appos") or _hyphen(c)]
    while stack:
        token = stack.pop()
        tokens.append(token)
        stack.extend(c for c in children_of(token) if c.dep_ in CORE or _hyphen(c)
                     or c.dep_ == "conj" and token.dep_ in {"amod", "compound"})
    for prep in (c for c in children_of(head) if c.dep_ == "prep" and c.lower_ in _DESCRIBING_PREPS and c.i > head.i):
        objects = [p for p in children_of(prep) if p.dep_ == "pobj"]
        if not objects or any(o.ent_type_ in {"DATE", "TIME"} for o in objects):
            continue
        tokens.append(prep)
        for obj in objects:
            tokens.append(obj)
            stack = [c for c in children_of(obj) if c.dep_ in CORE or _hyphen(c)]
            while stack:
                token = stack.pop()
                tokens.append(token)
                stack.extend(c for c in children_of(token) if c.dep_ in CORE or _hyphen(c))
        break
    # a phrase is contiguous: what the parse hung on it from elsewhere is left out
    inside = {t.i for t in tokens}
    start = end = head.i
    while start - 1 in inside:
        start -= 1
    while end + 1 in inside:
        end += 1
    return list(head.doc[start:end + 1])


def _hyphen(token: Token) -> bool:
    return token.dep_ == "punct" and token.text in {"-", "–"}


def _name_tokens(phrase: list[Token], words: _Lexicon) -> list[Token]:
    """The phrase without leading articles, counts, quantifiers and possessive pronouns."""
    tokens = list(phrase)
    while tokens and (tokens[0].lower_ in words.not_in_name or tokens[0].like_num or tokens[0].is_punct
                      or tokens[0].tag_ in {"DT", "PRP$", "CD"}) and len(tokens) > 1:
        tokens.pop(0)
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    return tokens


def _country(modifiers: list[Token], index: TokenActors, kinds: dict[str, Actor]) -> str | None:
    """The country the phrase names: an actor's ("South Korea's spy agency", "a Hamas activist"), a demonym
    ("Iraqi officials"), or a place ("officials in South Ossetia")."""
    for token in modifiers:
        for actor_id in index.at(token) or (index.pronoun(token) if token.dep_ == "poss" else []):
            actor = kinds.get(actor_id)
            if actor is not None and actor.country:
                return actor.country
    for token in modifiers:
        if token.pos_ in {"ADJ", "PROPN", "NOUN"} and token.text[:1].isupper():
            resolved = resolve_name(token.text)
            if resolved is not None and resolved.country and resolved.kind == "state":
                return resolved.country
        if token.i in index.place_country:
            return index.place_country[token.i]
    return None


def _setting(report: Report) -> str | None:
    """The country a speaker with no country of its own speaks in: the country the article is mostly
    about (the annotation guide's actors take it so; a place in the sentence is a weaker guide, since a
    town's name may be read as another country's)."""
    return story_country(report)


def _sector(modifiers: list[Token], group: _Group, words: _Lexicon) -> str | None:
    """A modifier that names a body sets the sector ("police officials"); else the head noun's."""
    if group.many in {"media", "armed-group"}:
        return group.sector
    lowered = " " + " ".join(t.lower_ for t in modifiers) + " "
    for word, sector in words.sector_words:
        if f" {word} " in lowered:
            return sector
    return group.sector


def _cut_back(head: Token, report: Report, index: TokenActors, kinds: dict[str, Actor]) -> None:
    """A state's or army's mention that covered the described speaker ("Iraqi officials" read as Iraq,
    "Comoros soldier" read as its army) is not that speaker: it goes, and a state keeps the words
    that name it ("Iraqi")."""
    start, end = head.idx, head.idx + len(head.text)
    for actor_id in index.at(head):
        actor = kinds.get(actor_id)
        if actor is None:
            continue
        for mention in [m for m in actor.mentions if m.start < end and start < m.end]:
            actor.mentions.remove(mention)
            span = head.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or actor.kind != "state":
                continue
            kept = [t for t in span if t.i < head.i and _names_country(t, actor)]
            if kept:
                piece = head.doc[kept[0].i:kept[-1].i + 1]
                _mention(actor, piece, report)


def _names_country(token: Token, actor: Actor) -> bool:
    resolved = resolve_name(token.text)
    return resolved is not None and resolved.country == actor.country


def _mention(actor: Actor, span: Span, report: Report) -> None:
    text = span.text.strip()
    if any(m.start == span.start_char and m.end == span.end_char for m in actor.mentions):
        return
    actor.mentions.append(Mention(span.start_char, span.start_char + len(text), text,
                                  report.sentence_of(span.start_char)))
    actor.mentions.sort(key=lambda m: m.start)
