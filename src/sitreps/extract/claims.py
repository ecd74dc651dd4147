"""Claims: who says what, when it was said, and whether it is a report, an opinion, a demand,
a forecast or a denial (docs/events.md, "Claims").

1. **cues**, sentence by sentence: a verb of saying with something said after it (a
   clause, a quote, or for verbs such as "denied" and "described" an object: "denied any
   role"), "according to X" / "citing X" / "quoting X", and "reportedly" / "allegedly".
   The verbs are those of ``data/attribution.yaml`` (shared with figures and events) plus
   ``data/claims.yaml``. A negated cue ("did not comment", "Neither … acknowledged") says
   nothing; a cue inside what another cue says ("X said Y had estimated …") is part of
   that claim. "This was reported by X" gives the sentence before to X.
2. **what is said**: the cue's clause or object, and the whole of a quote that starts in the
   cue's sentence or ends at the cue, even when it runs on past the sentence or never closes
   (``quotes.py``). A second cue hanging off the first ("…, adding that …") makes a claim
   of its own.
3. **speaker**: the subject of the cue (its own or inherited: "…, adding"; never a
   dateline's city), resolved to an actor, named or described (``speakers.py`` made
   "security officials" and "a soldier" actors); a pronoun goes on with the last claim's
   speaker when it fits and no one else was named as a subject since, else the actors
   extractor's coreference; an agentless passive or "reportedly" is "unnamed"; "we" in the
   author's own voice is "author"; "according to X": X.
4. **kind**: denial, prescription, prediction or opinion when the cue says so ("denied",
   "urged", "vowed", "described … as"); otherwise from what is said (``claim_kinds.py``).
5. **date said**: a date in the sentence outside what is said ("told reporters on Monday
   that …"); else the date of the same speaker's last claim in the paragraph; else, in
   news (or an article of unknown genre), the article's date (a wire's "said" is that day's).

Then each sentence no claim covers (``claim_threads.py``): a quote with no cue goes on with
the previous claim's speaker; indirect speech goes on in its tenses; in an opinion or analysis
article, a sentence that prescribes, predicts or evaluates is the author's claim ("This is how
World Wars begin."). ``about`` lists the figures inside a claim; the events extractor adds the
events it codes from it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from sitreps.extract.attribution import AUTHOR, UNNAMED, cues, past_dateline
from sitreps.extract.claim_kinds import FIRST_PERSON, ClaimWords, content_kind, words
from sitreps.extract.claim_threads import (author_claim, backshifted, continued_quote, quoted_first_person,
                                           reported_speech)
from sitreps.extract.offsets import starting_within
from sitreps.extract.quotes import Quote, find_quotes
from sitreps.extract.roles import Sentences, TokenActors, agent, phrase_actors, subject
from sitreps.extract.tree import children_of, subtree_of
from sitreps.nlp import indices_where, span_text, text_of
from sitreps.types import Claim, Report

PERSONAL = {"he", "she"}
POINTING_NOUNS = {"information", "figure", "number", "toll", "news", "report", "account", "data", "estimate"}
PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "we", "i"}
NEGATORS = {"neither", "no", "nobody", "none", "never"}


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
        tokens = {t.i for root in self.content for t in subtree_of(root)}
        if self.content == [self.token.head]:
            tokens -= {t.i for t in subtree_of(self.token)}
        return tokens - {self.token.i}


# --- entry point ---------------------------------------------------------------------------------

def extract_claims(doc: Doc, report: Report) -> None:
    """Fill ``report.claims`` (the extractor run by the pipeline)."""
    vocab = words()
    actors = TokenActors.for_doc(doc, report)
    quotes = find_quotes(report.article.text)
    sentences = Sentences.for_doc(doc)
    claims: list[Claim] = []
    live: list[Claim] = []  # the claims that may still cover a sentence: those ending before it never will
    indirect: dict[int, bool] = {}  # claims told in indirect speech (id -> whether in a backshifted tense)
    for sentence in sentences.spans:
        live = [c for c in live if c.end >= sentence.start_char]
        if not span_text(sentence).strip() or _covered(live, sentence):
            continue
        found = _cues(sentence, actors, vocab)
        _nesting(found)
        _denials_go_on(found)
        for cue in found:
            _span(cue, found, quotes, report.article.text, sentence)
        for cue in (c for c in found if not c.nested):
            cue.speaker = _continuing(cue, claims, actors, report) or cue.speaker
            if _points_back(cue, sentences, claims, report):
                continue  # "This was reported by X": X's claim is the sentence before
            made = _claims(cue, doc, report, vocab, sentence)
            claims.extend(made)
            live.extend(made)
            clause = next((r for r in cue.content if r.dep_ == "ccomp" and r.pos_ in {"VERB", "AUX"}), None)
            if clause is not None and not any(q.start < cue.end and cue.start < q.end for q in quotes):
                indirect.update({id(c): backshifted(clause) for c in made})
    claims.sort(key=_start)
    uncovered = [s for s in _untouched(claims, sentences.spans) if span_text(s).strip()]
    for sentence in uncovered:
        claim = continued_quote(sentence, claims, quotes, report)
        if claim is None:
            claim = reported_speech(sentence, claims, report, indirect, vocab)
            if claim is not None:
                indirect[id(claim)] = True  # the report may go on for more sentences
        if claim is None and report.article.genre in vocab.author_genres:
            claim = author_claim(sentence, report, vocab)
        if claim is not None:
            insort(claims, claim, key=_start)  # as append and a stable sort by start would
    quoted_first_person(claims, quotes, report)
    _dates(claims, report)
    for index, claim in enumerate(claims, start=1):
        claim.id = f"C{index}"
        claim.about = [f.id for f in starting_within(report.figures, claim.start, claim.end + 1)
                       if f.end <= claim.end]
    report.claims = claims


def _covered(claims: list[Claim], sentence: Span) -> bool:
    end = sentence.start_char + len(span_text(sentence).rstrip())
    return any(c.start <= sentence.start_char + 1 and end - 1 <= c.end for c in claims)


def _touched(claims: list[Claim], sentence: Span) -> bool:
    return any(c.start < sentence.end_char and sentence.start_char < c.end for c in claims)


def _untouched(claims: list[Claim], spans: list[Span]) -> list[Span]:
    """The sentences no claim overlaps (``_touched`` for all of them in one sweep: ``claims`` sorted by start,
    the furthest end among the claims that start before a sentence ends decides)."""
    out: list[Span] = []
    k, furthest = 0, -1
    for sentence in spans:  # in text order
        while k < len(claims) and claims[k].start < sentence.end_char:
            furthest = max(furthest, claims[k].end)
            k += 1
        if furthest <= sentence.start_char:
            out.append(sentence)
    return out


def _start(claim: Claim) -> int:
    return claim.start


# --- 1. cues -------------------------------------------------------------------------------------

def _cues(sentence: Span, actors: TokenActors, vocab: ClaimWords) -> list[_Cue]:
    doc = sentence.doc  # verb_cue has nothing to say of a word whose lemma is no verb of saying: only those asked
    found = [cue for i in _within(indices_where(doc, "LEMMA", vocab.verb_kind, lower=True), sentence)
             if (cue := verb_cue(doc[i], actors, vocab)) is not None]
    verbs = [(min(t.left_edge.i for t in [c.token, *c.content]), max(t.right_edge.i for t in [c.token, *c.content]))
             for c in found]
    for cue in _phrase_cues(sentence, actors):
        if not any(lo <= cue.token.i <= hi for lo, hi in verbs):
            found.append(cue)
    return found


def _within(indices: list[int], sentence: Span) -> list[int]:
    """The token indices (ascending) that lie in the sentence."""
    return indices[bisect_left(indices, sentence.start):bisect_left(indices, sentence.end)]


def verb_cue(token: Token, actors: TokenActors, vocab: ClaimWords) -> _Cue | None:
    """The cue a verb of saying makes, with its speaker's phrase (``who``), or None (shared with speakers.py)."""
    lemma = token.lemma_.lower()
    kind = vocab.verb_kind.get(lemma)
    if kind is None or token.pos_ != "VERB" or _negated(token):
        return None
    if lemma in vocab.tolls and any(c.dep_ == "dobj" and c.lemma_.lower() in vocab.tolls[lemma]
                                    for c in children_of(token)):
        return None  # "the clashes claimed 12 lives": a toll, nobody's word
    if token.ent_type_ == "PERSON" and token.text[:1].isupper():
        return None  # "Said Mohammed, a witness, said …": a name, not a verb
    children = list(children_of(token))
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in children)
    if passive and lemma not in vocab.passive_cues and agent(token) is None:
        return None
    content = [c for c in children if c.dep_ in {"ccomp", "csubj"} and not _separate_report(c, token, vocab)]
    content += [c for c in children if c.dep_ == "xcomp" and c.tag_ == "VBG"]  # "denied deliberately targeting"
    if not content and passive and agent(token) is not None:  # "This was reported by the governor's office"
        content = [c for c in children if c.dep_ == "nsubjpass" and _demonstrative(c)]
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
    if not content and _after_quoted_question(token):
        content = [token]  # '"Why would anyone …?" the governor asked.': the quote before is what is said
    if not content or (lemma in vocab.clause_only and lemma not in vocab.object_claims
                       and all(c.dep_ in {"dobj", "dative"} for c in content)):
        return None
    who = _who(token)
    if who is None and any(c.dep_ == "aux" and c.lower_ == "to" for c in children) and not passive:
        return None  # "to acknowledge the possibility …": nobody says it
    fixed = kind if lemma in vocab.fixed_kind or kind == "denial" else None
    if fixed == "opinion" and lemma in vocab.only_with_as and not any(
            c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as") for c in children):
        fixed = None  # "described the lack of sunlight" tells; "described the strike as a crime" judges
    if content == [token]:
        fixed = None if fixed == "prescription" else fixed  # '"Why …?" he asked': a question, not a request
    speaker = _speaker(token, who, actors)
    if fixed == "opinion" and lemma in {"believe", "think"} and actors.kinds.get(speaker) != "person":
        fixed = None  # "is believed to be supplying", "the military believes 34 are dead": an assessment
    return _Cue(token, _verb_phrase(token), fixed, who, speaker, content)


def _separate_report(clause: Token, verb: Token, vocab: ClaimWords) -> bool:
    """"Police said …; a rights group put the number at 47": a report before the cue is not its content."""
    if clause.i > verb.i or clause.lemma_.lower() not in vocab.verb_kind:
        return False
    between = verb.doc[clause.right_edge.i + 1:verb.i]
    return any(t.text == ";" for t in between) and any(c.dep_ == "nsubj" for c in children_of(clause))


def _negated(verb: Token) -> bool:
    if any(c.dep_ == "neg" for c in children_of(verb)):
        return True
    who = next((c for c in children_of(verb) if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return who is not None and any(t.lower_ in NEGATORS for t in subtree_of(who) if t.dep_ in {"preconj", "det", "neg"}) \
        or (who is not None and who.lower_ in NEGATORS)


def _call(token: Token, children: list[Token]) -> tuple[list[Token], str | None]:
    """"called X illegitimate" (an opinion) or "called for/on …" (a prescription)."""
    asking = [c for c in children if c.dep_ in {"prep", "prt"} and c.lower_ in {"for", "on", "upon"}]
    if asking:
        return asking + [c for c in children if c.dep_ in {"xcomp", "ccomp"}], "prescription"
    predicate = [c for c in children if c.dep_ in {"oprd", "ccomp", "xcomp"}]
    if predicate and all(p.pos_ == "PROPN" for p in predicate):
        return [], None  # "what Beijing called Joint Sword-2024B": a name, not a judgement
    if predicate:
        return [c for c in children if c.dep_ == "dobj"] + predicate, "opinion"
    return [], None


def _aside(token: Token, lemma: str) -> bool:
    """A reporting clause beside what it reports: parataxis, ", he said", "as X described"."""
    head = token.head
    if head.i == token.i or head.pos_ not in {"VERB", "AUX", "NOUN", "ADJ"}:
        return False
    if token.dep_ == "parataxis":
        return True
    if token.dep_ == "advcl" and any(c.lower_ == "as" and c.dep_ in {"mark", "advmod"} for c in children_of(token)):
        return True
    # "…, the intelligence directorate reported on Friday": any verb of telling, after what it tells
    return token.dep_ == "advcl" and token.i > head.i and cues().verb_class.get(lemma) == "reported" \
        and not any(c.dep_ in {"ccomp", "dobj", "mark"} for c in children_of(token)) \
        and any(c.dep_ == "nsubj" for c in children_of(token))


def _after_quoted_question(verb: Token) -> bool:
    """A cue that makes a sentence of its own after a quoted question or exclamation ('"…?" he asked.'):
    the parser ends the sentence at the "?", so the quote lies before the cue's sentence."""
    if verb.dep_ != "ROOT" or not any(c.dep_ == "nsubj" for c in children_of(verb)) \
            or any(c.dep_ in {"ccomp", "dobj", "xcomp"} for c in children_of(verb)):
        return False
    start = Sentences.for_doc(verb.doc).of(verb).start_char
    before = text_of(verb.doc)[max(0, start - 3):start]
    return any(before.rstrip().endswith(f"{p}{q}") for p in "?!" for q in "\"”")


def _who(verb: Token) -> Token | None:
    by = agent(verb)  # "as flippantly described by X" has no auxiliary but is passive
    if by is not None:
        return by
    who, passive = subject(verb)
    return None if passive or who is None else past_dateline(who)


def _verb_phrase(verb: Token) -> str:
    """The cue as written: the verb and its particle or addressee ("told reporters", "put the number")."""
    extra = [c for c in children_of(verb)
             if c.dep_ == "prt" or (c.dep_ in {"dobj", "dative"} and c.lower_ in {"reporters", "lawmakers",
                                                                                  "journalists", "number"})]
    for child in list(extra):
        if child.lower_ == "number":
            extra.extend(c for c in children_of(child) if c.dep_ == "det")
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
        relative = next((c for c in children_of(who.head) if c.dep_ == "nsubj"), None)
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
    for child in children_of(who):
        if child.dep_ == "appos" and actors.at(child):
            return actors.at(child)
    if who.lemma_.lower() in cues().unnamed or who.lower_ in cues().unnamed:
        # "U.N. figures", "the ministry's data" name a source; "Egyptian security sources" do not
        return [a for c in children_of(who) if c.dep_ in {"compound", "poss", "nmod"} for a in phrase_actors(c, actors)]
    return phrase_actors(who, actors)


def _phrase_cues(sentence: Span, actors: TokenActors) -> list[_Cue]:
    """'According to X', 'citing X', 'reportedly', 'allegedly'."""
    found: list[_Cue] = []
    adverbs = cues().adverb_class
    doc = sentence.doc
    for token in (doc[i] for i in _within(indices_where(doc, "LOWER", _phrase_cue_words()), sentence)):
        lower = token.lower_
        if lower == "according" and token.i + 1 < sentence.end and token.nbor().lower_ == "to":
            source = next((c for c in children_of(token.nbor()) if c.dep_ == "pobj"), None) \
                or next((c for c in children_of(token) if c.dep_ == "pobj"), None)
            named = _named(source, actors) if source is not None else []
            found.append(_Cue(token, f"{token.text} to", None, source, named[0] if named else UNNAMED,
                              _clause(token)))
        elif lower == "citing" and token.dep_ in {"advcl", "xcomp", "prep", "acl"}:
            source = next((c for c in children_of(token) if c.dep_ in {"dobj", "pobj"}), None)
            named = _named(source, actors) if source is not None else []
            if named or (source is not None and source.lemma_.lower() in cues().unnamed):
                found.append(_Cue(token, token.text, None, source, named[0] if named else UNNAMED, _clause(token)))
            elif token.head.pos_ == "VERB":  # "suspended the partnership, citing anti-democratic actions"
                who = _who(token.head)
                found.append(_Cue(token, token.text, None, who, _speaker(token.head, who, actors), [token]))
        elif lower in adverbs and lower != "according" and token.pos_ == "ADV":
            found.append(_Cue(token, token.text, None, None, UNNAMED, _clause(token)))
    return [c for c in found if c.content]


@lru_cache(maxsize=1)
def _phrase_cue_words() -> frozenset[str]:
    """The only words ``_phrase_cues`` acts on."""
    return frozenset({"according", "citing", *cues().adverb_class})


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
    if own and cue.who is not None and not any(t.i in stop for t in subtree_of(cue.who)):  # own implies a who
        tokens.extend(subtree_of(cue.who))
    lo, hi = min(t.i for t in tokens), max(t.i for t in tokens)
    start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
    sentence_end = sentence.end_char
    for quote in quotes:  # a quote that starts or ends at the claim is all of it said
        if start <= quote.start <= end + 2 and quote.end > end and quote.start < sentence_end:
            end = quote.end if quote.closed else max(end, min(quote.end, sentence_end))
        if quote.start < start <= quote.end + 3 and quote.end <= end \
                and any(mark in (text[quote.end - 1] + text[quote.end + 1:quote.end + 2])
                        for mark in (",?!" if cue.content == [cue.token] else ",")):
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
        stack.extend(children_of(token))
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
            marked = any(c.dep_ == "mark" and c.lower_ in {"that", "whether", "if"} for c in children_of(cue.token))
            if cue.token.dep_ in {"conj", "advcl"} and not marked:
                own = cue.who is not None and cue.who.head.i == cue.token.i
                if not own and cue.token.dep_ != "advcl" or not own and cue.who is None:
                    cue.who, cue.speaker = other.who, other.speaker
                elif not own:
                    cue.who, cue.speaker = other.who, other.speaker
            else:
                cue.nested = True


def _points_back(cue: _Cue, sentences: Sentences, claims: list[Claim], report: Report) -> bool:
    """"This was reported by X.", "X confirmed this.": what X says is the sentence before (in the same
    paragraph). That sentence becomes X's claim, or X replaces an unnamed source there ("reportedly");
    the pointer itself adds nothing."""
    if cue.speaker in {AUTHOR, UNNAMED} or cue.token.dep_ not in {"ROOT"} \
            or cues().verb_class.get(cue.token.lemma_.lower()) != "reported":
        return False
    said = [c for c in children_of(cue.token) if c.dep_ in {"nsubjpass", "dobj"}]
    if len(said) != 1 or not _demonstrative(said[0]) or any(c.dep_ in {"ccomp", "xcomp"} for c in children_of(cue.token)):
        return False
    index = sentences.index[cue.token.i]
    if index == 0:
        return False
    before = sentences.spans[index - 1]
    text = report.article.text
    if "\n" in text[before.end_char:cue.token.sent.start_char] or not before.text.strip():
        return False
    start, end = before.start_char, before.start_char + len(before.text.rstrip())
    inside = [c for c in claims if c.start < end and start < c.end]
    if inside:
        for claim in inside:
            if claim.speaker == UNNAMED:
                claim.speaker = cue.speaker
        return True
    claims.append(Claim(id="", text=text[start:end], start=start, end=end, sentence=report.sentence_of(start),
                        speaker=cue.speaker, cue=cue.phrase, kind=content_kind(list(before), words()) or "report"))
    return True


def _demonstrative(noun: Token) -> bool:
    """"this", "that", "this information", "these figures": a phrase that points back."""
    if noun.lower_ in {"this", "that"} and noun.pos_ in {"PRON", "DET"}:
        return True
    return noun.lemma_.lower() in POINTING_NOUNS and any(c.dep_ == "det" and c.lower_ in {"this", "these", "that"}
                                                         for c in children_of(noun))


def _denials_go_on(found: list[_Cue]) -> None:
    """"denied the report, saying that no orders were given": the saying is the denial when it negates too."""
    for cue in found:
        if cue.kind is None and cue.token.tag_ == "VBG" and cue.token.dep_ in {"advcl", "xcomp", "conj"}:
            head = next((o for o in found if o.token.i == cue.token.head.i), None)
            if head is not None and head.kind == "denial" and any(
                    t.dep_ == "neg" or t.lower_ in {"no", "never", "nothing"} for t in subtree_of(cue.token)):
                cue.kind = "denial"  # and what it says denies too ("no orders were given"), not a counter-charge


def _continuing(cue: _Cue, claims: list[Claim], actors: TokenActors, report: Report) -> str | None:
    """A pronoun speaker ("it said", "he wrote") goes on with the last claim's speaker when that fits."""
    who = cue.who
    if who is None or who.pos_ != "PRON" or who.lower_ in FIRST_PERSON or not claims:
        return None
    last = claims[-1]
    if report.sentence_of(cue.token.idx) - last.sentence > 2 or last.speaker in {AUTHOR, UNNAMED}:
        return None
    person = actors.kinds.get(last.speaker) == "person"
    if person != (who.lower_ in PERSONAL):
        return None
    for other in actors.at(who):  # "…, Aregawi Berhe, is backing the story. He said …": named since
        if other != last.speaker and _named_between(other, last.end, who.idx, report, who.doc):
            return None
    return last.speaker


def _named_between(actor_id: str, start: int, end: int, report: Report, doc: Doc) -> bool:
    """Whether the actor was named as a subject between two offsets ("accompanied by Sarkozy" is not)."""
    actor = next((a for a in report.actors if a.id == actor_id), None)
    if actor is None:
        return False
    for mention in actor.mentions:
        if start <= mention.start < end and mention.text.lower() not in PRONOUNS:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None and span.root.dep_ in {"nsubj", "nsubjpass", "appos"}:
                return True
    return False


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
    skip = {cue.token.i} | ({t.i for t in subtree_of(cue.who)} if cue.who is not None else set())
    tokens = [t for t in span if t.i not in skip]
    # a quote that runs on for sentences is judged by its first: the main clause of what is said
    first = tokens[0].sent if tokens else None
    if first is not None and first.end < span.end:
        tokens = [t for t in tokens if t.i < first.end]
    return tokens


# --- 5. when it was said ---------------------------------------------------------------------------

def _said_on(cue: _Cue, report: Report, doc: Doc, sentence: Span) -> str | None:
    """A date in the cue's sentence that lies outside what is said, and that is not the date of the thing a
    relative cue describes ("It came two days after a strike, which the ministry says killed 12")."""
    said = cue.said()
    candidates = []
    for time in starting_within(report.times, sentence.start_char, sentence.end_char):
        if not time.value or time.granularity == "vague":
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
    # an article of unknown genre is read as news, the common case (a Wikinews text has no genre cue)
    news = report.article.genre in {"news", "press-release", "unknown"}
    text = report.article.text
    starts = [c.start for c in claims]  # in order: the claims are sorted by start
    for index, claim in enumerate(claims):
        if claim.speaker == AUTHOR or claim.date is not None:
            continue
        paragraph = text.rfind("\n", 0, claim.start)
        first = min(bisect_right(starts, paragraph), index)  # earlier claims of the paragraph start here
        same = [c for c in claims[first:index] if c.speaker == claim.speaker and c.start > paragraph and c.date]
        if same:
            claim.date = same[-1].date
        elif news and report.article.published:
            claim.date = report.article.published
