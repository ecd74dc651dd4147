"""Figures said inside a claim take the claim's speaker as their source.

Figures are read before claims (claims need them for ``about``), so a figure's
source first comes from its own clause. The claims extractor sees more: quotes
that run across sentences, "it said" continuing the previous speaker rather
than the last-named country, a speaker named sentences before. When a figure
lies inside a claim that a named actor makes, the claim's speaker is its
source (measured on the gold set: figure source accuracy 0.81 -> 0.86), and a
figure the author seemed to assert is in fact reported. Two exceptions: a figure in the
speaker's own phrase ("Several hundred business leaders said …") is the writer's count, and a
figure that a speaker nested in the claim reports ("the radio reported that police said 12
died") stays that speaker's: the innermost speaker whose words carry the number.
"""

from __future__ import annotations

from spacy.tokens import Doc

from sitreps.extract.offsets import containing
from sitreps.extract.attribution import AUTHOR, UNNAMED, writers_aside
from sitreps.types import Report


PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "we", "i"}


def _nested(source: str | None, claim, position: int, mentions: dict[str, list[tuple[int, int]]],
            kinds: dict[str, str], countries: dict[str, str | None], text: str) -> bool:
    """The figure's own clause names a speaker of its own in the claim's sentence ("X reported that police
    said 12 died"; "…, brokers say, and rose 15%, according to one underwriter"): a report nested in the
    claim or beside it, whose speaker carries the number. A pronoun ('"…12 died," it said') is the claim's
    own speaker, which the claims reader resolved better."""
    if source in (None, AUTHOR, UNNAMED) or source == claim.speaker:
        return False
    if kinds.get(source) == "state" and countries.get(claim.speaker) == countries.get(source):
        return False  # "Singh said the United States could confirm …": she speaks for it
    stop = text.find("\n", position)
    stop = len(text) if stop < 0 else stop
    sentence_end = max(claim.end, min(stop, _sentence_end(text, position)))
    return any(claim.start < start and end <= sentence_end and text[start:end].lower() not in PRONOUNS
               for start, end in mentions.get(source, []))


def _sentence_end(text: str, position: int) -> int:
    ends = [i for i in (text.find(". ", position), text.find(".\n", position)) if i >= 0]
    return min(ends) + 1 if ends else len(text)


def figures_follow_claims(doc: Doc, report: Report) -> None:
    """Give each figure inside an actor's claim that actor as its source (runs after claims)."""
    claims = sorted((c for c in report.claims if c.speaker not in (AUTHOR, UNNAMED)), key=lambda c: c.end - c.start)
    mentions = {a.id: [(m.start, m.end) for m in a.mentions] for a in report.actors}
    kinds = {a.id: a.kind for a in report.actors}
    countries = {a.id: a.country for a in report.actors}
    for figure in report.figures:
        claim = next(iter(containing(claims, figure.start, figure.end)), None)  # the shortest that holds it
        if claim is None:
            continue
        if any(start <= figure.start < end for start, end in mentions.get(claim.speaker, [])):
            continue  # "Several hundred business leaders said …": the writer counts the speakers
        if _nested(figure.source, claim, figure.start, mentions, kinds, countries, report.article.text):
            continue  # "The radio reported that police said 12 died": the innermost speaker's number
        span = doc.char_span(figure.start, figure.end, alignment_mode="expand")
        if span is not None and writers_aside(span.root) and figure.source == AUTHOR:
            continue  # "…, a U.S. official said, … Air Base 201, a facility built at a cost of $110 million"
        figure.source = claim.speaker
        if figure.attribution == "asserted":
            figure.attribution = "reported"
