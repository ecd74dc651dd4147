"""What a claim carries across sentences, once every cue has made its claim.

``claims.py`` reads claims cue by cue; these rules then read the sentences that
no claim touches (docs/events.md, "Claims"):

- a quote with no cue goes on with the last claim's speaker (its paragraph's
  speaker, or within two sentences);
- indirect speech goes on in its tenses ("… The remaining five percent would go
  to famine victims");
- in an opinion or analysis article, a sentence that judges, prescribes or
  predicts is the author's claim;

and, over all claims, "we"/"I" inside quotation marks is the quoted speaker,
never the writer.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Span, Token

from sitreps.extract.attribution import AUTHOR, UNNAMED
from sitreps.extract.claim_kinds import FIRST_PERSON, ClaimWords, content_kind, words
from sitreps.extract.quotes import Quote
from sitreps.extract.tree import children_of
from sitreps.nlp import span_text
from sitreps.types import Claim, Report


def _start(claim: Claim) -> int:
    return claim.start


def continued_quote(sentence: Span, claims: list[Claim], quotes: list[Quote], report: Report) -> Claim | None:
    """A sentence that is a quote with no cue: the previous claim's speaker goes on talking."""
    start, end = sentence.start_char, sentence.start_char + len(span_text(sentence).rstrip())
    inside = next((q for q in quotes if q.start <= start + 2 and q.end >= end - 2), None)
    if inside is None:
        return None
    # the last claim (in start order) that ends before the sentence: it starts before it too
    previous = next((claims[k] for k in range(bisect_right(claims, start, key=_start) - 1, -1, -1)
                     if claims[k].end <= start), None)
    if previous is None:
        return None
    index = report.sentence_of(start)
    same_paragraph = "\n" not in report.article.text[previous.end:start]
    if (index - previous.sentence > 2 and not same_paragraph) or previous.speaker == AUTHOR:
        return None  # a paragraph's speaker goes on for all its quotes; across paragraphs, two sentences
    lo, hi = max(start, inside.start), min(end, inside.end)
    if hi - lo < 12:
        return None
    return Claim(id="", text=report.article.text[lo:hi], start=lo, end=hi, sentence=index, speaker=previous.speaker,
                 cue=previous.cue, kind=content_kind(list(sentence), words()) or "report", date=previous.date)


def reported_speech(sentence: Span, claims: list[Claim], report: Report, indirect: dict[int, bool],
                     vocab: ClaimWords) -> Claim | None:
    """A sentence with no cue right after a reported one, in the same paragraph, that keeps the reported
    tense ("… announced that production had been reduced by 40 percent. And hotel occupancy had fallen
    from 90 percent to 10 percent."; "He said … The remaining five percent would go to victims."): the
    speaker goes on. Only after indirect speech (not a quote), in an article that is not the writer's
    own argument, and in the tenses of reported speech: had + participle after a backshifted report,
    would + verb after any; a sentence in the writer's own past tense is the writer's."""
    if report.article.genre in vocab.author_genres:
        return None
    start, end = sentence.start_char, sentence.start_char + len(span_text(sentence).rstrip())
    index = report.sentence_of(start)
    previous = next((c for c in reversed(claims) if c.end <= start), None)
    if previous is None or previous.sentence != index - 1 or previous.speaker in {AUTHOR, UNNAMED} \
            or id(previous) not in indirect or "\n" in report.article.text[previous.end:start]:
        return None
    root = sentence.root
    would = any(c.dep_ == "aux" and c.lower_ == "would" for c in children_of(root))
    if not (would or indirect[id(previous)] and backshifted(root)):
        return None
    return Claim(id="", text=span_text(sentence).rstrip(), start=start, end=end, sentence=index,
                 speaker=previous.speaker, cue=previous.cue, kind=content_kind(list(sentence), words()) or "report",
                 date=previous.date)


def backshifted(verb: Token) -> bool:
    aux = [c for c in children_of(verb) if c.dep_ in {"aux", "auxpass"}]
    return any(a.lower_ == "had" for a in aux) and verb.tag_ == "VBN" or any(a.lower_ == "would" for a in aux)


def author_claim(sentence: Span, report: Report, vocab: ClaimWords) -> Claim | None:
    """An unattributed sentence of an opinion article that prescribes, predicts or evaluates."""
    text = span_text(sentence).rstrip()
    if text.endswith("?") or len([t for t in sentence if t.is_alpha]) < 4:
        return None
    kind = content_kind(list(sentence), vocab, spoken=False)
    root = sentence.root
    if kind is None:
        subjects = [c for c in children_of(root) if c.dep_ in {"nsubj", "nsubjpass"}]
        if root.lemma_ == "be" and subjects and subjects[0].lower_ in vocab.demonstratives:
            kind = "opinion"
        elif subjects and subjects[0].lower_ in FIRST_PERSON:
            kind = "opinion"
    if kind is None:
        return None
    start = sentence.start_char
    return Claim(id="", text=text, start=start, end=start + len(text), sentence=report.sentence_of(start),
                 speaker=AUTHOR, cue=None, kind=kind)


def quoted_first_person(claims: list[Claim], quotes: list[Quote], report: Report) -> None:
    """"We say …", "I think …" inside quotation marks are the quoted speaker's words, never the writer's:
    the claim goes to whoever the quote belongs to (the claim around the quote, the cue right after it,
    or the claim just before it)."""
    for claim in claims:
        if claim.speaker != AUTHOR or claim.cue is None:
            continue
        quote = next((q for q in quotes if q.start <= claim.start and claim.end <= q.end + 1), None)
        if quote is None:
            continue
        holder = next((c for c in claims if c is not claim and c.speaker != AUTHOR
                       and c.start <= quote.end and quote.start <= c.end), None)
        if holder is None:
            before = [c for c in claims if c.end <= claim.start and c.speaker != AUTHOR]
            if before and claim.sentence - before[-1].sentence <= 2:
                holder = before[-1]
        if holder is not None:
            claim.speaker = holder.speaker
