"""What the parse says about time: the tense of the clause around a span, and the date that governs a span.

Two questions other modules ask of a parsed sentence:

``clause_direction(doc, start, end)``
    Does the clause holding this span look back ("said on Friday": "past"),
    ahead ("will meet on Friday", "is due to vote", "should start by summer":
    "future") or neither (present tense: "present")? The times extractor uses
    it to pick the Friday before or after the article's date.

``date_for_span(report, start, end, doc)`` / ``time_for_span(...)``
    The date an event, figure or claim at ``start:end`` belongs to, and how it
    was found, in this order:

    1. ``governing``: a time expression attached (dependency parse) to a word
       on the span's path to its sentence root, the nearest such word first:
       in "six officers were reported killed … in a strike on Oct. 3",
       "Oct. 3" governs "six";
    2. ``sentence``: the nearest dated expression in the same sentence;
    3. ``paragraph``: for a past-tense clause, the nearest dated expression
       earlier in the same paragraph ("If this is true …" after "told
       reporters on Monday");
    4. ``published``: the article's date, for a present-tense report
       ("North Korea continues to provide …");
    5. ``none``: nothing to go on (value None).

    Vague expressions ("in recent days") and expressions that name no single
    period are skipped. The value is the ``TimeExpression.value`` string
    (``2024-10-03``, ``2024-06``, ``2024-10-08/2024-10-15``).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from sitreps.extract.list_memo import ListMemo
from sitreps.extract.tree import children_of
from sitreps.timeparse.grammar import vocab
from sitreps.types import Report, TimeExpression

_PAST_AUX = {"had", "was", "were", "did", "'d"}
_PERFECT_AUX = {"has", "have", "'ve", "'s"}
_PRESENT_AUX = {"is", "are", "am", "'re", "'m", "does", "do"}


def _span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def clause_direction(doc: Doc, start: int, end: int, *, own: bool = False) -> str:
    """ "past", "perfect", "future", "present" or "" for the clause that holds ``start:end``.

    A time expression's own words ("on Friday") are not its clause, so the
    climb starts from what it hangs on; ``own`` starts from the span's root
    itself (an event's verb).
    """
    span = _span(doc, start, end)
    if span is None or not len(span):
        return ""
    token = span.root
    current = token if own or token.head.i == token.i else token.head
    for _ in range(12):
        if _looks_forward(current):
            return "future"               # "is due to vote", "plans to", "expected to"
        if current.pos_ in ("VERB", "AUX"):
            verdict = verb_tense(current)
            if verdict:
                return verdict
        if current.head.i == current.i:
            return ""
        current = current.head
    return ""


def _looks_forward(token: Token) -> bool:
    """A forward-looking word: "scheduled for", or one with an infinitive after it: "due to", "plans to"."""
    if token.pos_ == "VERB" and token.lemma_.lower() in vocab()["future_lemmas"]:
        return True
    if token.lower_ not in vocab()["future_verbs"]:
        return False
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return following is not None and following.lower_ == "to" and following.tag_ == "TO"


def verb_tense(verb: Token) -> str:
    """The tense a verb's own form and auxiliaries give; "" for infinitives and gerunds (ask the governor)."""
    auxes = [c for c in children_of(verb) if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & set(vocab()["future_auxiliaries"]):
        if "have" in words and verb.tag_ == "VBN" and words & {"would", "could", "might", "may", "must", "should"}:
            return "past"             # "could have been", "must have left"
        return "future"
    if words & _PAST_AUX or verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if words & _PERFECT_AUX and verb.tag_ == "VBN":
        return "perfect"              # a past event seen from now; "has stayed closed until Friday" runs on
    if "to" in words:
        # "an event to be held on Oct. 12" lies ahead; "agreed to meet on Monday" is the governor's affair
        return "future" if verb.dep_ in ("acl", "relcl") else ""
    if words & _PRESENT_AUX or verb.tag_ in ("VBZ", "VBP"):
        return "present"              # "is scheduled for", "ends on", "is holding"
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl", "amod", "advcl", "ROOT"):
        return "past"                 # "a package adopted on Dec. 16"
    return ""                         # an infinitive, a gerund, a bare conjunct: ask the governor


# --- the date that governs a span ----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class TimeRef:
    """The date found for a span and how: governing, sentence, paragraph, published or none."""

    value: str | None
    basis: str
    time: TimeExpression | None = None


_DatedIndex = tuple[list[TimeExpression], dict[int, list[TimeExpression]], list[int], list[int]]


def _build_dated_index(times: list[TimeExpression]) -> _DatedIndex:
    dated = [t for t in times if t.value and t.granularity != "vague"]
    by_sentence: dict[int, list[TimeExpression]] = {}
    for time in dated:
        by_sentence.setdefault(time.sentence, []).append(time)
    order = sorted(range(len(dated)), key=lambda k: dated[k].start)
    return dated, by_sentence, order, [dated[k].start for k in order]


_dated_times: ListMemo[list, _DatedIndex] = ListMemo(_build_dated_index, keep=8)


def _dated_index(report: Report) -> _DatedIndex:
    """The report's dated times; the same by sentence; their positions in start order and those starts.
    Built once per report (while its times list keeps its length), so a lookup per item stays O(log n)."""
    return _dated_times(report.times)


def _attachment(doc: Doc, time: TimeExpression) -> Token | None:
    span = _span(doc, time.start, time.end)
    if span is None or not len(span):
        return None
    root = span.root
    head = root.head
    if head.i == root.i:
        return None
    if head.dep_ == "prep" and head.i not in range(span.start, span.end):
        head = head.head                  # "in a strike on Oct. 3": the preposition hangs on "strike"
    return head


_SAME_CLAUSE = {"conj", "acl", "appos", "compound", "pobj", "prep", "npadvmod", "nmod", "amod", "dobj", "nsubj",
                "nsubjpass"}


def _climb(token: Token, limit: int = 4) -> list[Token]:
    """``token`` and the words above it within its clause (through coordination and noun modifiers):
    in "six … were reported killed, and three wounded … on Oct. 3" the date on "wounded" reaches "reported"."""
    chain = [token]
    while chain[-1].dep_ in _SAME_CLAUSE and chain[-1].head.i != chain[-1].i and len(chain) <= limit:
        chain.append(chain[-1].head)
    return chain


def _path(token: Token) -> list[Token]:
    path = [token]
    while path[-1].head.i != path[-1].i and len(path) < 40:
        path.append(path[-1].head)
    return path


def time_for_span(report: Report, start: int, end: int, doc: Doc) -> TimeRef:
    """The date governing ``start:end`` and how it was found (see the module docstring)."""
    sentence = report.sentence_of(start)
    dated, by_sentence, order, starts = _dated_index(report)
    inside = [t for t in by_sentence.get(sentence, ()) if t.sentence >= 0 and not (t.start <= start and end <= t.end)]
    span = _span(doc, start, end)
    if inside and span is not None and len(span):
        path = _path(span.root)
        positions = {tok.i: rank for rank, tok in enumerate(path)}
        best: tuple[int, int, int, TimeExpression] | None = None
        for time in inside:
            head = _attachment(doc, time)
            if head is None:
                continue
            for steps, step in enumerate(_climb(head)):
                if step.i in positions:
                    key = (positions[step.i], steps, abs(time.start - start))
                    if best is None or key < best[:3]:
                        best = (*key, time)
                    break
        if best is not None:
            return TimeRef(best[3].value, "governing", best[3])
    if inside:
        nearest = min(inside, key=lambda t: abs(t.start - start))
        return TimeRef(nearest.value, "sentence", nearest)
    direction = clause_direction(doc, start, end, own=True) if span is not None else ""
    if direction in ("past", "perfect"):
        text = report.article.text
        paragraph_start = text.rfind("\n", 0, start) + 1
        earlier = [order[k] for k in range(bisect_left(starts, paragraph_start), bisect_left(starts, start))]
        if earlier:  # the last of them in the report's order
            last = dated[max(earlier)]
            return TimeRef(last.value, "paragraph", last)
    if direction == "present" and report.article.published:
        return TimeRef(report.article.published, "published")
    return TimeRef(None, "none")


def date_for_span(report: Report, start: int, end: int, doc: Doc) -> str | None:
    """The ISO value of the date that governs ``start:end`` (None when the text gives none)."""
    return time_for_span(report, start, end, doc).value
