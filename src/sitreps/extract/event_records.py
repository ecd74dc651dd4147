"""Event records from coded candidates: what was done (the type after the speaker's frame, a refusal, a
diplomatic protest), whose it is (parties the parse left without a country, default states), and when,
where, with which figures and how sure (steps 4-5 of ``events.py``).

Split from ``events.py`` because finding an event (triggers, frames, roles) and writing its record are two
concerns: everything here reads candidates that are already coded and never changes which events exist
beyond the speaker-only prescriptions it leaves out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from sitreps.extract.actors import analyse, dateline_end
from sitreps.extract.attribution import ActorIndex
from sitreps.extract.event_source import modality_and_source, refusal, speaker_of_event
from sitreps.extract.event_units import Candidate
from sitreps.extract.frames import HAPPENED, recode, verbal_or_material
from sitreps.extract.material import private_doer
from sitreps.extract.nominal import LOCATIVE, located
from sitreps.extract.party_country import fill_actor, fill_recipient
from sitreps.extract.plover import Sense, lexicon, mode_of
from sitreps.extract.roles import Sentences, TokenActors
from sitreps.extract.state_actors import DIRECTED_AT_A_STATE, authority, beneficiary, domestic_target, home_target
from sitreps.extract.times import time_for_span
from sitreps.types import Event, Report

DIPLOMATIC_VERBS = {"lodge", "file", "deliver", "send", "issue", "register", "submit"}  # "lodged a protest"


def build_events(candidates: list[Candidate], doc: Doc, report: Report, sentences: Sentences,
                 actors: TokenActors) -> list[Event]:
    """The events of the coded ``candidates``, in text order: the type a speaker's frame or a refusal makes of
    them, their parties completed, their modality, source, date, place, figures and confidence."""
    words = lexicon()
    index = ActorIndex(report)
    places = _place_tokens(doc, report)
    header = dateline_end(doc)
    home = analyse(doc, report.article.published).home
    figures = _figure_spans(doc, report, sentences)
    countries = actors.countries
    events: list[Event] = []
    candidates.sort(key=lambda c: c.trigger.i)
    figure_index = FigureIndex.of(figures, candidates)
    for candidate in candidates:
        trigger = candidate.trigger
        modality, source = modality_and_source(candidate, report, index)
        kind = candidate.sense.type
        sense = candidate.sense
        speaker = source if source in countries or modality in HAPPENED else speaker_of_event(candidate, index, actors)
        recoded = recode(candidate, kind, modality, source, speaker, candidate.actor, candidate.recipient, countries)
        if recoded is None and candidate.frame == "prescription":
            continue  # "X should …" with no one else saying it: an opinion, not an event
        if recoded is not None:  # a speaker's threat ("said it would attack") or demand ("X must stop")
            kind, mode, modality, source, candidate.actor, candidate.recipient = recoded
            sense = Sense(kind, mode, sense.specific)
        refused = recoded is None and modality in {"planned", "negated"} and kind in words.refusable | {"ASSAULT"} \
            and refusal(candidate)
        if refused and kind == "ASSAULT":
            kind, modality = "CONCEDE", "asserted"  # "the army will not use force against the protesters": a
            sense = Sense(kind, None, sense.specific)  # promise to hold back force (as frames.py codes "vowed not to")
        elif refused:
            kind, modality = "REJECT", "asserted"  # the refusal itself is what happened
        if not refused and recoded is None and (paired := verbal_or_material(candidate, kind, modality)) is not None:
            kind, sense = paired[0], Sense(paired[0], paired[1], sense.specific)  # "will withdraw": CONCEDE
        if kind == "PROTEST" and _diplomatic(candidate, actors):
            kind, sense = "ACCUSE", Sense("ACCUSE", "disapprove", sense.specific)  # PLOVER: a diplomatic protest
        tokens = sorted(candidate.tokens | {m.trigger.i for m in candidate.merged} | {trigger.i})
        sentence = candidate.in_sentence
        tokens = [i for i in tokens if sentence.start <= i < sentence.end] or [trigger.i]
        start, end = doc[tokens[0]].idx, doc[tokens[-1]].idx + len(doc[tokens[-1]].text)
        actor = list(dict.fromkeys(candidate.actor))
        if modality == "denied" and not actor and source in {a.id for a in report.actors}:
            actor = [source]  # "Russia denied any role in damage to cables": the denier is who was said to act
        recipient = [r for r in dict.fromkeys(candidate.recipient) if r not in actor]
        place = _place(candidate, tokens, places, doc, header, report)
        # a party named without a country takes the sentence's (party_country.py), before the defaults below
        # make states of the places: "students in Dhaka marched" are Bangladeshis, not the state
        origin = any(places.get(i) == place and doc[i].head.lower_ == "from" for i in tokens)  # "crossed in
        where = next((p.country for p in report.places if p.id == place), None) if place else None
        clause_country = None if origin else where  # from Germany": not whose they are; but "rockets fired
        from_country = where if kind == "ASSAULT" else clause_country  # from Gaza" are Gaza's
        verb = candidate.governor or (trigger if candidate.kind == "verb" else None)
        parsed = list(actor)
        actor = fill_actor(verb, actor, recipient, from_country, sentence, report, actors, kind=kind,
                           noun=trigger if candidate.kind == "noun" else None)
        if not recipient and kind in {"ASSAULT", "COERCE"}:  # not where it was fired from ("rockets from Gaza")
            recipient = domestic_target(candidate, kind, None if origin else place, actor, report, actors, home)
        convicted = kind == "SANCTION" and sense.mode == "convict"  # courts are the state's too
        judged = kind == "ACCUSE" and _judicial(candidate)  # "86 were indicted": by the state's prosecutors
        if not actor and (kind == "COERCE" or convicted or judged) and modality != "denied" \
                and not private_doer(candidate):
            actor = authority(place, report, actors, home)  # "40 people were detained": by the state's authorities
        if not recipient and kind == "AID" and modality in HAPPENED:
            # where aid came from ("brought in from neighbouring Sudan") is not who it went to; the own state
            # may be ("the Kenyan government allocated KSh38 million" for its flood victims)
            recipient = beneficiary(None if origin else place, report, actors, home)
        place = place or _setting(candidate, places, doc)
        if not recipient and kind in DIRECTED_AT_A_STATE and home is not None:
            recipient = home_target(kind, actor, report, actors, home)
        recipient = fill_recipient(verb, parsed, recipient, clause_country, sentence, report, actors, kind=kind,
                                   noun=trigger if candidate.kind == "noun" else None)
        events.append(Event(
            id=f"E{len(events) + 1}", type=kind,
            mode=_mode(kind, sense, [doc[i] for i in tokens]),
            actor=actor, recipient=recipient,
            date=(_said_on(candidate, report) if refused else None)  # a refusal is dated when said, not by
            # the time it refuses ("would not open talks until the end of 2028")
            or time_for_span(report, trigger.idx, trigger.idx + len(trigger.text), doc).value
            or (_said_on(candidate, report) if candidate.frame or recoded is not None else None),
            place=place, modality=modality, source=source,
            figures=figure_index.of_event(candidate, tokens + [i for m in candidate.merged for i in m.tokens]),
            text=report.article.text[start:end], start=start, end=end, sentence=report.sentence_of(start),
            confidence=_confidence(candidate),
        ))
    return events


def _diplomatic(candidate: Candidate, actors: TokenActors) -> bool:
    """A protest one state or government makes to another ("Seoul protested to Tokyo over the textbook",
    "China lodged a formal protest with Washington"): PLOVER codes it ACCUSE disapprove; a crowd's is PROTEST."""
    if candidate.sense.mode not in {None, "demo"} or not candidate.actor:
        return False
    official = all(actors.kinds.get(a) == "state" or actors.sectors.get(a) in {"GOV", "IGO"} for a in candidate.actor)
    lodged = candidate.governor is not None and candidate.governor.lemma_.lower() in DIPLOMATIC_VERBS
    return official and (lodged or bool(candidate.recipient))


def _judicial(candidate: Candidate) -> bool:
    """An accusation only a state's courts, prosecutors or police make ("86 people have been indicted", "put
    the governor on trial"): with no actor named it is the state's, as an unnamed arrest is."""
    return candidate.trigger.lemma_.lower() in lexicon().judicial or candidate.trigger.lower_ in lexicon().judicial


def _said_on(candidate: Candidate, report: Report) -> str | None:
    """A speech act with no date of its own was made when it was said: the date of the claim it is the
    cue of or sits in (the claims read "told reporters on Monday", else the article's date in news)."""
    start = candidate.trigger.idx
    said = [c for c in report.claims if c.date and (c.start <= start < c.end or (c.cue or "").split()[:1] == [
        candidate.trigger.text] and abs(c.start - start) < 200)]
    return said[0].date if said else None


def _mode(kind: str, sense: Sense, tokens: list[Token]) -> str | None:
    """The lexicon's mode, except that what aid consists of says what kind of aid it is."""
    if kind == "AID":
        return mode_of(kind, tokens) or sense.mode
    return sense.mode if sense.type == kind and sense.mode else mode_of(kind, tokens)


def _place_tokens(doc: Doc, report: Report) -> dict[int, str]:
    out: dict[int, str] = {}
    for place in report.places:
        for mention in place.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None:
                for token in span:
                    out.setdefault(token.i, place.id)
    return out


def _place(candidate: Candidate, tokens: list[int], places: dict[int, str], doc: Doc, header: int,
           report: Report) -> str | None:
    """A place in the event's clause, one after a locative preposition first; the dateline's city only when the
    clause names no other place ("SEOUL, Oct 18 - ... troops were sent to Russia": Russia, not Seoul)."""
    if header and any(i in places and doc[i].idx >= header for i in tokens):
        tokens = [i for i in tokens if doc[i].idx >= header]
    located = [i for i in tokens if i in places and _after_locative(doc[i])]
    if not located:
        located = [i for i in tokens if i in places]
    if not located:
        return None
    # the most precise place wins: "in the central Ukrainian city of Kryvyi Rih" is Kryvyi Rih, not Ukraine
    precision = {place.id: place.precision or 3 for place in report.places}
    return places[min(located, key=lambda i: (precision.get(places[i], 3), doc[i].dep_ == "amod", i))]


def _setting(candidate: Candidate, places: dict[int, str], doc: Doc) -> str | None:
    """The one place the event's sentence is set in, when its own clause names none ("Gunmen opened fire on the
    driver, police said, near the embassy in Baghdad"): the event's place, but no ground for its recipient."""
    sentence = candidate.in_sentence
    setting = {places[i] for i in range(sentence.start, sentence.end) if i in places and _after_locative(doc[i])}
    return setting.pop() if len(setting) == 1 else None


def _after_locative(token: Token) -> bool:
    """A place after "in", "near", "at" …, directly or inside the phrase ("in the city of Kryvyi Rih",
    "near the Kursk border")."""
    for step in (token, token.head, token.head.head, token.head.head.head):
        if step.dep_ == "prep" and step.lower_ in LOCATIVE:
            return True
        if step.dep_ not in {"pobj", "compound", "amod", "prep"} and step is not token:
            return False
    return False


def figure_tokens(doc: Doc, report: Report, *, money_only: bool = False) -> set[int]:
    """Indices of the tokens inside the report's figures (money only: "$5 million" is no event's object)."""
    out: set[int] = set()
    for figure in report.figures:
        if money_only and figure.category != "money":
            continue
        span = doc.char_span(figure.start, figure.end, alignment_mode="expand")
        if span is not None:
            out |= {t.i for t in span}
    return out


def _figure_spans(doc: Doc, report: Report, sentences: Sentences) -> list[tuple[str, set[int], int]]:
    out = []
    for figure in report.figures:
        span = doc.char_span(figure.start, figure.end, alignment_mode="expand")
        if span is not None:
            out.append((figure.id, {t.i for t in span}, sentences.start(span[0])))
    return out


@dataclass(frozen=True)
class FigureIndex:
    """The figures' positions by token and by sentence start, and how many events each sentence holds: built
    once per article, so finding an event's figures is no pass over every figure."""

    figures: list[tuple[str, set[int], int]]
    by_token: dict[int, list[int]]
    by_sentence: dict[int, list[int]]
    events_per_sentence: Counter

    @classmethod
    def of(cls, figures: list[tuple[str, set[int], int]], candidates: list[Candidate]) -> FigureIndex:
        by_token: dict[int, list[int]] = {}
        by_sentence: dict[int, list[int]] = {}
        for k, (_, span, sentence) in enumerate(figures):
            for i in span:
                by_token.setdefault(i, []).append(k)
            by_sentence.setdefault(sentence, []).append(k)
        return cls(figures, by_token, by_sentence, Counter(c.in_sentence.start for c in candidates))

    def of_event(self, candidate: Candidate, tokens: list[int]) -> list[str]:
        """Figures in the event's clause; in a sentence with one event, every figure of the sentence."""
        sentence = candidate.in_sentence.start
        inside = [self.figures[k][0] for k in sorted({k for t in set(tokens) for k in self.by_token.get(t, ())})]
        if self.events_per_sentence.get(sentence, 0) == 1:
            inside += [self.figures[k][0] for k in self.by_sentence.get(sentence, ())
                       if self.figures[k][0] not in inside]
        return inside


def _confidence(candidate: Candidate) -> float:
    score = 0.55 if candidate.kind == "verb" else 0.45
    score += 0.15 if candidate.actor else 0.0
    score += 0.1 if candidate.recipient else 0.0
    score += 0.05 * min(len(candidate.merged), 2)
    score -= 0.1 if candidate.weak else 0.0
    return round(min(score, 0.95), 2)
