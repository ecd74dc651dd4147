"""Claims: who says what, when it was said, and whether it is a report, an opinion, a demand,
a forecast or a denial.

1. **cues**, sentence by sentence: a verb of saying with something said after it (a
   clause, a quote, or for verbs such as "denied" and "described" an object: "denied any
   role"), "according to X" / "citing X", and "reportedly" / "allegedly". The verbs are
   those of ``data/attribution.yaml`` (shared with figures and events) plus
   ``data/claims.yaml``. A negated cue ("did not comment", "Neither … acknowledged") says
   nothing; a cue inside what another cue says ("X said Y had estimated …") is part of
   that claim.
2. **what is said**: the cue's clause or object, and the whole of a quote that starts or
   ends there, even when it runs on past the sentence or never closes (``quotes.py``).
   A second cue hanging off the first ("…, adding that …") makes a claim of its own.
3. **speaker**: the subject of the cue (its own or inherited: "…, adding"), resolved to
   an actor; a pronoun goes on with the last claim's speaker when it fits ("it said" after
   "the agency said"), else the actors extractor's coreference ("He describes…"); a
   passive or a generic subject ("officials said", "were reported killed") is "unnamed";
   "we" in the author's own voice is "author"; "according to X": X.
4. **kind**: denial, prescription, prediction or opinion when the cue says so ("denied",
   "urged", "vowed", "described"); otherwise from what is said: "must"/"should" is a
   prescription, "will"/"would"/"could" a prediction, evaluative words an opinion,
   anything else a report.
5. **date said**: a date in the sentence outside what is said ("told reporters on Monday
   that …"); else the date of the same speaker's last claim in the paragraph; else, in
   news, the article's date (a wire's "said" is that day's).

Then each sentence no claim covers: a quote with no cue goes on with the previous claim's
speaker; in an opinion or analysis article, a sentence that prescribes, predicts or
evaluates is the author's claim ("This is how World Wars begin."). ``about`` lists the
figures inside a claim; the events extractor adds the events it codes from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from sitreps.extract.attribution import AUTHOR, UNNAMED, cues
from sitreps.extract.quotes import Quote, find_quotes
from sitreps.extract.roles import Sentences, TokenActors, agent, phrase_actors, subject
from sitreps.resources import load_yaml
from sitreps.types import Claim, Report

FIRST_PERSON = {"we", "i", "us", "our"}
PERSONAL = {"he", "she"}
NEGATORS = {"neither", "no", "nobody", "none", "never"}


@dataclass(frozen=True, slots=True)
class ClaimWords:
    verb_kind: dict[str, str]
    fixed_kind: frozenset[str]
    clause_only: frozenset[str]
    object_claims: frozenset[str]
    object_preps: frozenset[str]
    passive_cues: frozenset[str]
    as_verbs: frozenset[str]
    prescriptive_modals: frozenset[str]
    prescriptive_phrases: tuple[str, ...]
    predictive_modals: frozenset[str]
    predictive_words: frozenset[str]
    evaluative: frozenset[str]
    evaluative_phrases: tuple[str, ...]
    demonstratives: frozenset[str]
    author_genres: frozenset[str]


@lru_cache(maxsize=1)
def words() -> ClaimWords:
    data = load_yaml("claims.yaml")
    kind = {lemma: "denial" if cls == "denied" else "report" for lemma, cls in cues().verb_class.items()}
    fixed: set[str] = set()
    for name, lemmas in data["verbs"].items():
        for lemma in lemmas:
            kind[lemma] = "report" if name == "content" else name
            if name != "content":
                fixed.add(lemma)
    return ClaimWords(
        verb_kind=kind,
        fixed_kind=frozenset(fixed),
        clause_only=frozenset(data["clause_only"]),
        object_claims=frozenset(data["object_claims"]),
        object_preps=frozenset(data["object_preps"]),
        passive_cues=frozenset(data["passive_cues"]),
        as_verbs=frozenset(data["as_verbs"]),
        prescriptive_modals=frozenset(data["prescriptive_modals"]),
        prescriptive_phrases=tuple(data["prescriptive_phrases"]),
        predictive_modals=frozenset(data["predictive_modals"]),
        predictive_words=frozenset(data["predictive_words"]),
        evaluative=frozenset(data["evaluative"]),
        evaluative_phrases=tuple(data["evaluative_phrases"]),
        demonstratives=frozenset(data["demonstrative_subjects"]),
        author_genres=frozenset(data["author_genres"]),
    )


@dataclass(slots=True)
class _Cue:
    """A reporting cue found in one sentence, before it becomes a claim."""

    token: Token  # the cue's head token
    phrase: str  # the cue as written ("told reporters", "According to")
    kind: str | None  # the kind the cue fixes, or None when what is said decides
    who: Token | None  # the speaker's phrase, when the cue has one
    speaker: str
    content: list[Token] = field(default_factory=list)  # roots of what is said
    start: int = 0
    end: int = 0  # character span of the claim
    nested: bool = False  # inside what another cue says ("X said Y estimated …"): part of that claim

    def said(self) -> set[int]:
        """Token indices of what is said (for an aside, the clause without the reporting verb)."""
        tokens = {t.i for root in self.content for t in root.subtree}
        if self.content == [self.token.head]:
            tokens -= {t.i for t in self.token.subtree}
        return tokens - {self.token.i}


# --- entry point ---------------------------------------------------------------------------------

def extract_claims(doc: Doc, report: Report) -> None:
    """Fill ``report.claims`` (the extractor run by the pipeline)."""
    vocab = words()
    actors = TokenActors.for_doc(doc, report)
    quotes = find_quotes(report.article.text)
    sentences = Sentences.for_doc(doc)
    claims: list[Claim] = []
    for sentence in sentences.spans:
        if not sentence.text.strip() or _covered(claims, sentence):
            continue
        found = _cues(sentence, actors, vocab)
        _nesting(found)
        for cue in found:
            _span(cue, found, quotes, report.article.text, sentence)
        for cue in (c for c in found if not c.nested):
            cue.speaker = _continuing(cue, claims, actors, report) or cue.speaker
            claims.extend(_claims(cue, doc, report, vocab, sentence))
    uncovered = [s for s in sentences.spans if s.text.strip() and not _touched(claims, s)]
    claims.sort(key=lambda c: c.start)
    for sentence in uncovered:
        claim = _continued_quote(sentence, claims, quotes, report)
        if claim is None and report.article.genre in vocab.author_genres:
            claim = _author_claim(sentence, report, vocab)
        if claim is not None:
            claims.append(claim)
            claims.sort(key=lambda c: c.start)
    _dates(claims, report)
    for index, claim in enumerate(claims, start=1):
        claim.id = f"C{index}"
        claim.about = [f.id for f in report.figures if claim.start <= f.start and f.end <= claim.end]
    report.claims = claims


def _covered(claims: list[Claim], sentence: Span) -> bool:
    end = sentence.start_char + len(sentence.text.rstrip())
    return any(c.start <= sentence.start_char + 1 and end - 1 <= c.end for c in claims)


def _touched(claims: list[Claim], sentence: Span) -> bool:
    return any(c.start < sentence.end_char and sentence.start_char < c.end for c in claims)


# --- 1. cues -------------------------------------------------------------------------------------

def _cues(sentence: Span, actors: TokenActors, vocab: ClaimWords) -> list[_Cue]:
    found = [cue for token in sentence if (cue := _verb_cue(token, actors, vocab)) is not None]
    verbs = [(min(t.left_edge.i for t in [c.token, *c.content]), max(t.right_edge.i for t in [c.token, *c.content]))
             for c in found]
    for cue in _phrase_cues(sentence, actors):
        if not any(lo <= cue.token.i <= hi for lo, hi in verbs):
            found.append(cue)
    return found


def _verb_cue(token: Token, actors: TokenActors, vocab: ClaimWords) -> _Cue | None:
    lemma = token.lemma_.lower()
    kind = vocab.verb_kind.get(lemma)
    if kind is None or token.pos_ != "VERB" or _negated(token):
        return None
    children = list(token.children)
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in children)
    if passive and lemma not in vocab.passive_cues and agent(token) is None:
        return None
    content = [c for c in children if c.dep_ in {"ccomp", "csubj"} and not _separate_report(c, token, vocab)]
    content += [c for c in children if c.dep_ == "xcomp" and c.tag_ == "VBG"]  # "denied deliberately targeting"
    if not content and (passive or kind in {"prescription", "prediction"} or lemma in {"claim", "say"}):
        content = [c for c in children if c.dep_ == "xcomp"]
        if passive and content:
            content += [c for c in children if c.dep_ == "nsubjpass"]
    if lemma == "call" and not content:
        content, kind = _call(token, children)
    elif not content and lemma in vocab.object_claims:
        content = [c for c in children if c.dep_ in {"dobj", "oprd"}] \
            or [c for c in children if c.dep_ == "npadvmod" and c.left_edge.i == token.i + 1]  # mis-parsed object
        if not content and token.dep_ == "relcl" and token.head.pos_ == "NOUN":
            content = [token.head]  # "a claim Hamas rejected", "a decision Moscow denounced"
    if content and lemma in vocab.object_claims | vocab.as_verbs:
        content += [c for c in children if c.dep_ == "prep" and c.lower_ in vocab.object_preps and c not in content]
    if not content and _aside(token, lemma):
        content = [token.head]  # "Two children were among the wounded, he said"; "as … described by X"
    if not content or (lemma in vocab.clause_only and lemma not in vocab.object_claims
                       and all(c.dep_ in {"dobj", "dative"} for c in content)):
        return None
    who = _who(token)
    if who is None and any(c.dep_ == "aux" and c.lower_ == "to" for c in children) and not passive:
        return None  # "to acknowledge the possibility …": nobody says it
    fixed = kind if lemma in vocab.fixed_kind or kind == "denial" else None
    return _Cue(token, _verb_phrase(token), fixed, who, _speaker(token, who, actors), content)


def _separate_report(clause: Token, verb: Token, vocab: ClaimWords) -> bool:
    """"Police said …; a rights group put the number at 47": a report before the cue is not its content."""
    if clause.i > verb.i or clause.lemma_.lower() not in vocab.verb_kind:
        return False
    between = verb.doc[clause.right_edge.i + 1:verb.i]
    return any(t.text == ";" for t in between) and any(c.dep_ == "nsubj" for c in clause.children)


def _negated(verb: Token) -> bool:
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    who = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return who is not None and any(t.lower_ in NEGATORS for t in who.subtree if t.dep_ in {"preconj", "det", "neg"}) \
        or (who is not None and who.lower_ in NEGATORS)


def _call(token: Token, children: list[Token]) -> tuple[list[Token], str | None]:
    """"called X illegitimate" (an opinion) or "called for/on …" (a prescription)."""
    predicate = [c for c in children if c.dep_ in {"oprd", "ccomp", "xcomp"}]
    if predicate and all(p.pos_ == "PROPN" for p in predicate):
        return [], None  # "what Beijing called Joint Sword-2024B": a name, not a judgement
    if predicate:
        return [c for c in children if c.dep_ == "dobj"] + predicate, "opinion"
    asking = [c for c in children if c.dep_ in {"prep", "prt"} and c.lower_ in {"for", "on"}]
    return asking, "prescription"


def _aside(token: Token, lemma: str) -> bool:
    """A reporting clause beside what it reports: parataxis, ", he said", "as X described"."""
    head = token.head
    if head.i == token.i or head.pos_ not in {"VERB", "AUX", "NOUN", "ADJ"}:
        return False
    if token.dep_ == "parataxis":
        return True
    if token.dep_ == "advcl" and any(c.lower_ == "as" and c.dep_ in {"mark", "advmod"} for c in token.children):
        return True
    return token.dep_ == "advcl" and token.i > head.i and lemma in {"say", "tell", "write", "add"} \
        and not any(c.dep_ in {"ccomp", "dobj"} for c in token.children)


def _who(verb: Token) -> Token | None:
    by = agent(verb)  # "as flippantly described by X" has no auxiliary but is passive
    if by is not None:
        return by
    who, passive = subject(verb)
    return None if passive else who


def _verb_phrase(verb: Token) -> str:
    """The cue as written: the verb and its particle or addressee ("told reporters", "put the number")."""
    extra = [c for c in verb.children
             if c.dep_ == "prt" or (c.dep_ in {"dobj", "dative"} and c.lower_ in {"reporters", "lawmakers",
                                                                                  "journalists", "number"})]
    for child in list(extra):
        if child.lower_ == "number":
            extra.extend(c for c in child.children if c.dep_ == "det")
    tokens = sorted([verb, *extra], key=lambda t: t.i)
    if tokens[-1].i - tokens[0].i + 1 == len(tokens):
        return " ".join(t.text for t in tokens)
    return verb.text


def _speaker(verb: Token, who: Token | None, actors: TokenActors) -> str:
    if who is None:
        return UNNAMED
    if who.lower_ in FIRST_PERSON:
        return AUTHOR
    named = _named(who, actors)
    if not named and verb.dep_ == "relcl" and who.i == verb.head.i and who.head.pos_ == "VERB":
        sender = _who(who.head)  # "who sent a letter that stated …": the sender speaks
        named = _named(sender, actors) if sender is not None else []
        relative = next((c for c in who.head.children if c.dep_ == "nsubj"), None)
        if sender is not None and relative is not None and relative.lower_ == "who":
            named = _person(sender, actors) or named
    return named[0] if named else UNNAMED


def _person(noun: Token, actors: TokenActors) -> list[str]:
    """"Turner, Chairman of the Committee, who …": "who" is the person the appositions describe."""
    token: Token | None = noun
    while token is not None:
        people = [a for a in _named(token, actors) if actors.kinds.get(a) == "person"]
        if people:
            return people
        token = token.head if token.dep_ in {"appos", "pobj", "prep", "compound"} and token.head.i != token.i else None
    return []


def _named(who: Token, actors: TokenActors) -> list[str]:
    """The actor a speaker phrase names: a person in apposition first; a generic noun names no one."""
    own = actors.at(who)
    if own:
        return own
    for child in who.children:
        if child.dep_ == "appos" and actors.at(child):
            return actors.at(child)
    if who.lemma_.lower() in cues().unnamed or who.lower_ in cues().unnamed:
        # "U.N. figures", "the ministry's data" name a source; "Egyptian security sources" do not
        return [a for c in who.children if c.dep_ in {"compound", "poss", "nmod"} for a in phrase_actors(c, actors)]
    return phrase_actors(who, actors)


def _phrase_cues(sentence: Span, actors: TokenActors) -> list[_Cue]:
    """'According to X', 'citing X', 'reportedly', 'allegedly'."""
    found: list[_Cue] = []
    adverbs = cues().adverb_class
    for token in sentence:
        lower = token.lower_
        if lower == "according" and token.i + 1 < sentence.end and token.nbor().lower_ == "to":
            source = next((c for c in token.nbor().children if c.dep_ == "pobj"), None) \
                or next((c for c in token.children if c.dep_ == "pobj"), None)
            named = _named(source, actors) if source is not None else []
            found.append(_Cue(token, f"{token.text} to", None, source, named[0] if named else UNNAMED,
                              _clause(token)))
        elif lower == "citing" and token.dep_ in {"advcl", "xcomp", "prep", "acl"}:
            source = next((c for c in token.children if c.dep_ in {"dobj", "pobj"}), None)
            named = _named(source, actors) if source is not None else []
            if named or (source is not None and source.lemma_.lower() in cues().unnamed):
                found.append(_Cue(token, token.text, None, source, named[0] if named else UNNAMED, _clause(token)))
            elif token.head.pos_ == "VERB":  # "suspended the partnership, citing anti-democratic actions"
                who = _who(token.head)
                found.append(_Cue(token, token.text, None, who, _speaker(token.head, who, actors), [token]))
        elif lower in adverbs and lower != "according" and token.pos_ == "ADV":
            found.append(_Cue(token, token.text, None, None, UNNAMED, _clause(token)))
    return [c for c in found if c.content]


def _clause(token: Token) -> list[Token]:
    """The clause a phrase cue qualifies: its verb, and the first of coordinated verbs."""
    head = token.head
    while head.pos_ not in {"VERB", "AUX"} and head.head.i != head.i:
        head = head.head
    while head.dep_ == "conj" and head.head.pos_ in {"VERB", "AUX"} and head.i > token.i:
        head = head.head
    return [head] if head.i != token.i else []


# --- 2. what is said -----------------------------------------------------------------------------

def _span(cue: _Cue, others: list[_Cue], quotes: list[Quote], text: str, sentence: Span) -> None:
    """The claim's character span: speaker, cue and what is said, without the other cues' claims."""
    doc = sentence.doc
    stop = {o.token.i for o in others if o is not cue and not o.nested}
    tokens: list[Token] = [cue.token]
    for root in cue.content:
        tokens.extend(_subtree(root, stop | {cue.token.i}))
    if cue.content == [cue.token.head]:  # an aside: the reporting clause itself is not what is said
        tokens = [t for t in tokens if t.i == cue.token.i or not _below(t, cue.token)]
    own = cue.who is not None and cue.who.head.i == cue.token.i and cue.who.dep_ in {"nsubj", "nsubjpass"}
    if own and not any(t.i in stop for t in cue.who.subtree):
        tokens.extend(cue.who.subtree)
    lo, hi = min(t.i for t in tokens), max(t.i for t in tokens)
    start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
    sentence_end = sentence.end_char
    for quote in quotes:  # a quote that starts or ends at the claim is all of it said
        if start <= quote.start <= end + 2 and quote.end > end:
            end = quote.end if quote.closed else max(end, min(quote.end, sentence_end))
        if quote.start < start <= quote.end + 3 and quote.end <= end \
                and "," in (text[quote.end - 1] + text[quote.end + 1:quote.end + 2]):
            start = quote.start  # '"…," he said': the quote before the cue is what is said
    while end > start and text[end - 1] in " ,;:–—-":
        end -= 1
    cue.start, cue.end = start, end


def _below(token: Token, ancestor: Token) -> bool:
    return any(a.i == ancestor.i for a in token.ancestors)


def _subtree(root: Token, stop: set[int]) -> list[Token]:
    out: list[Token] = []
    stack = [root]
    while stack:
        token = stack.pop()
        if token.i in stop and token.i != root.i:
            continue
        out.append(token)
        stack.extend(token.children)
    return out


def _nesting(found: list[_Cue]) -> None:
    """Which cues are part of another's claim, and which only hang off it.

    A cue inside what another cue says is part of that claim ("said the NIS attributed …",
    "…, which it estimated held …"), unless it is coordinated or adverbial without a "that"
    ("denied that … and dismissed …", "…, although Baku said …", "…, alleging that …"): the
    parse often hangs such a cue on the nearest verb, but it reports a claim of its own, by
    its own subject or else by the first cue's speaker.
    """
    for cue in found:
        for other in found:
            if other is cue or cue.token.i not in other.said():
                continue
            marked = any(c.dep_ == "mark" and c.lower_ in {"that", "whether", "if"} for c in cue.token.children)
            if cue.token.dep_ in {"conj", "advcl"} and not marked:
                own = cue.who is not None and cue.who.head.i == cue.token.i
                if not own and cue.token.dep_ != "advcl" or not own and cue.who is None:
                    cue.who, cue.speaker = other.who, other.speaker
                elif not own:
                    cue.who, cue.speaker = other.who, other.speaker
            else:
                cue.nested = True


def _continuing(cue: _Cue, claims: list[Claim], actors: TokenActors, report: Report) -> str | None:
    """A pronoun speaker ("it said", "he wrote") goes on with the last claim's speaker when that fits."""
    who = cue.who
    if who is None or who.pos_ != "PRON" or who.lower_ in FIRST_PERSON or not claims:
        return None
    last = claims[-1]
    if report.sentence_of(cue.token.idx) - last.sentence > 2 or last.speaker in {AUTHOR, UNNAMED}:
        return None
    person = actors.kinds.get(last.speaker) == "person"
    return last.speaker if person == (who.lower_ in PERSONAL) else None


# --- 3-4. claim and kind -------------------------------------------------------------------------

def _claims(cue: _Cue, doc: Doc, report: Report, vocab: ClaimWords, sentence: Span) -> list[Claim]:
    text = report.article.text[cue.start:cue.end].rstrip(" ,")
    kind = cue.kind or _nested_kind(cue, vocab) or content_kind(_said_tokens(cue, doc), vocab) or "report"
    return [Claim(id="", text=text, start=cue.start, end=cue.start + len(text), sentence=report.sentence_of(cue.start),
                  speaker=cue.speaker, cue=cue.phrase, kind=kind, date=_said_on(cue, report, doc, sentence))]


def _nested_kind(cue: _Cue, vocab: ClaimWords) -> str | None:
    """"said it expects …", "said it would investigate": a verb of saying inside what is said sets the kind."""
    for root in cue.content:
        if root.pos_ == "VERB" and root.lemma_.lower() in vocab.fixed_kind and root.i != cue.token.head.i:
            kind = vocab.verb_kind[root.lemma_.lower()]
            if kind in {"prediction", "prescription", "denial"}:
                return kind
    return None


def _said_tokens(cue: _Cue, doc: Doc) -> list[Token]:
    span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    if span is None:
        return []
    skip = {cue.token.i} | ({t.i for t in cue.who.subtree} if cue.who is not None else set())
    return [t for t in span if t.i not in skip]


def content_kind(tokens: list[Token], vocab: ClaimWords) -> str | None:
    """prescription, prediction or opinion from what is said; None for a plain report."""
    if not tokens:
        return None
    lowered = "".join(t.text_with_ws for t in tokens).lower()
    roots = _main_verbs(tokens)
    aux = {c.lower_ for r in roots for c in r.children if c.dep_ in {"aux", "auxpass"}}
    aux |= {r.lower_ for r in roots if r.tag_ == "MD"}
    if aux & vocab.prescriptive_modals or any(p in lowered for p in vocab.prescriptive_phrases) \
            or any(_obliged(r) for r in roots):
        return "prescription"
    perfect = any(c.lower_ == "had" for r in roots for c in r.children if c.dep_ == "aux")
    if not perfect and (aux & vocab.predictive_modals
                        or any(c.lower_ in vocab.predictive_words for r in roots for c in r.children
                               if c.dep_ in {"acomp", "advmod", "xcomp", "attr"})
                        or any(r.lower_ in vocab.predictive_words for r in roots)):
        return "prediction"
    if any(t.lower_ in vocab.evaluative or t.lemma_.lower() in vocab.evaluative for t in tokens) \
            or any(p in lowered for p in vocab.evaluative_phrases):
        return "opinion"
    if any(_negated_state(r) for r in roots):
        return "opinion"
    return None


def _obliged(verb: Token) -> bool:
    """"needs a new constitution", "has to leave" (present tense; "only need to" is sufficiency)."""
    if verb.lemma_ not in {"need", "have"} or verb.tag_ not in {"VBZ", "VBP"}:
        return False
    if any(c.lower_ == "only" for c in verb.children) or any(c.dep_ == "aux" for c in verb.children):
        return False
    if verb.lemma_ == "have":
        return any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in verb.children)
    return True


def _negated_state(verb: Token) -> bool:
    """"China is not the troublemaker", "It is not directed at any country": a present-tense stance."""
    present = verb.tag_ in {"VBZ", "VBP"} or any(c.tag_ in {"VBZ", "VBP"} for c in verb.children if c.dep_ in {"aux", "auxpass"})
    stative = verb.lemma_ == "be" or any(c.dep_ == "auxpass" for c in verb.children)
    return present and stative and any(c.dep_ == "neg" for c in verb.children)


def _main_verbs(tokens: list[Token]) -> list[Token]:
    """The heads of what is said: tokens whose head lies outside it, with their verb conjuncts."""
    inside = {t.i for t in tokens}
    out: list[Token] = []
    for root in (t for t in tokens if t.head.i not in inside or t.head.i == t.i):
        out.append(root)
        out.extend(c for c in root.children if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"})
        if root.pos_ not in {"VERB", "AUX"}:
            out.extend(c for c in root.children if c.dep_ in {"relcl", "acl"})
    return out


# --- continued quotes and the author's own claims --------------------------------------------------

def _continued_quote(sentence: Span, claims: list[Claim], quotes: list[Quote], report: Report) -> Claim | None:
    """A sentence that is a quote with no cue: the previous claim's speaker goes on talking."""
    start, end = sentence.start_char, sentence.start_char + len(sentence.text.rstrip())
    inside = next((q for q in quotes if q.start <= start + 2 and q.end >= end - 2), None)
    before = [c for c in claims if c.end <= start]
    if inside is None or not before:
        return None
    previous = before[-1]
    index = report.sentence_of(start)
    if index - previous.sentence > 2 or previous.speaker == AUTHOR:
        return None
    lo, hi = max(start, inside.start), min(end, inside.end)
    if hi - lo < 12:
        return None
    return Claim(id="", text=report.article.text[lo:hi], start=lo, end=hi, sentence=index, speaker=previous.speaker,
                 cue=previous.cue, kind=content_kind(list(sentence), words()) or "report", date=previous.date)


def _author_claim(sentence: Span, report: Report, vocab: ClaimWords) -> Claim | None:
    """An unattributed sentence of an opinion article that prescribes, predicts or evaluates."""
    text = sentence.text.rstrip()
    if text.endswith("?") or len([t for t in sentence if t.is_alpha]) < 4:
        return None
    kind = content_kind(list(sentence), vocab)
    root = sentence.root
    if kind is None:
        subjects = [c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if root.lemma_ == "be" and subjects and subjects[0].lower_ in vocab.demonstratives:
            kind = "opinion"
        elif subjects and subjects[0].lower_ in FIRST_PERSON:
            kind = "opinion"
    if kind is None:
        return None
    start = sentence.start_char
    return Claim(id="", text=text, start=start, end=start + len(text), sentence=report.sentence_of(start),
                 speaker=AUTHOR, cue=None, kind=kind)


# --- 5. when it was said ---------------------------------------------------------------------------

def _said_on(cue: _Cue, report: Report, doc: Doc, sentence: Span) -> str | None:
    """A date in the cue's sentence that lies outside what is said, and that is not the date of the thing a
    relative cue describes ("It came two days after a strike, which the ministry says killed 12")."""
    said = cue.said()
    candidates = []
    for time in report.times:
        if not time.value or time.granularity == "vague" or not sentence.start_char <= time.start < sentence.end_char:
            continue
        span = doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is None or any(t.i in said for t in span) or cue.start <= time.start < cue.end \
                and not cue.token.idx <= time.start < cue.token.idx + 40:
            continue
        inside = {t.i for t in span}
        antecedent = cue.token.head
        if cue.token.dep_ == "relcl" and antecedent.i not in inside and any(a.i in inside for a in antecedent.ancestors):
            continue  # "two days after a strike, which X says …": the date is the strike's, not the saying's
        candidates.append(time)
    if not candidates:
        return None
    return min(candidates, key=lambda t: abs(t.start - cue.token.idx)).value


def _dates(claims: list[Claim], report: Report) -> None:
    """Claims with no date of their own: the speaker's last date in the paragraph, else the article's."""
    news = report.article.genre in {"news", "press-release"}
    text = report.article.text
    for index, claim in enumerate(claims):
        if claim.speaker == AUTHOR or claim.date is not None:
            continue
        paragraph = text.rfind("\n", 0, claim.start)
        same = [c for c in claims[:index] if c.speaker == claim.speaker and c.start > paragraph and c.date]
        if same:
            claim.date = same[-1].date
        elif news and report.article.published:
            claim.date = report.article.published
