"""What is one event: the candidates the events extractor found, joined, dropped or completed.

Step 3 of ``events.py``, in this order:

``absorb``
    a complement of a request, threat, refusal, concession or protest is part of it ("urged
    Hamas to accept" is one REQUEST, "lifted its sanctions" one CONCEDE); an AGREE absorbs
    only its direct complement ("agreed to hand over villages"), so "finalized plans for North
    Korea to supply ammunition" stays an AGREE and a planned AID;
``merge``
    events of one type in one sentence whose actors agree or are open (by actor or by country)
    are one event ("were reported killed, and three wounded in a Ukrainian missile strike"), unless
    one is negated and the other not ("agreed on the text, although Baku said it would not sign");
``anaphora``
    "the meeting" with no actor of its own is the last meeting told; "these troop movements"
    and "after Wednesday's attack" point back to an event already told, never to a new one;
``reciprocal``
    "In return, Pyongyang received technologies": the giver is the last transfer's recipient;
``weapon_attacker``
    "A drone hit the upper floors": weapons do not act, the attacker is the last one named;
``follow_ups``
    an interception or a toll told right after an attack in the same paragraph ("71 were
    downed by air defences", "At least nine people were wounded") belongs to that attack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from spacy.tokens import Span, Token

from sitreps.extract.plover import Sense, lexicon
from sitreps.extract.tree import children_of
from sitreps.types import Report

NOUN_HEADS = {"package", "round", "wave", "campaign", "regime", "programme", "program", "series", "list"}
COMPLEMENT_PREPS = {"for", "of", "to", "on", "about", "against", "over"}
REACTIONS = {"denial", "accusation"}  # frames that answer or make a charge: two in a sentence are two events


@dataclass(slots=True)
class Candidate:
    """One event trigger with what the parse says about it, before merging."""

    sense: Sense
    trigger: Token
    kind: str  # verb | noun
    sentence: Span | None = None
    governor: Token | None = None  # the light verb of a noun event
    actor: list[str] = field(default_factory=list)
    recipient: list[str] = field(default_factory=list)
    tokens: set[int] = field(default_factory=set)  # the event's clause
    weak: bool = False
    bare: bool = False  # a bare plural noun ("frontal infantry assaults"): a kind of event, not one event
    needs_date: bool = False
    interception: bool = False  # shot down by air defences: part of the attack told before
    casualty: bool = False  # "nine people were wounded": the toll of the attack told before
    subject_noun: bool = False  # a noun subject of its own ("the opposition boycotted …")
    weapon: bool = False  # the subject is a weapon ("a drone hit the upper floors"): the attacker is implied
    definite: bool = False
    demonstrative: bool = False  # "these troop movements": an event told before
    dropped: bool = False
    merged: list[Candidate] = field(default_factory=list)
    frame: str | None = None  # the speech act the word opens (frames.py): directive, commissive, threat, …
    unnamed_victims: bool = False  # done to people no phrase names ("arrested two colonels"): see events._domestic

    @property
    def in_sentence(self) -> Span:
        """The sentence, which events.py sets on every candidate before the passes below read it."""
        return cast(Span, self.sentence)



# --- what is one event --------------------------------------------------------------------------

def absorb(candidates: list[Candidate]) -> None:
    """"urged Hamas to accept", "threatened to quit", "welcomed the deployment": one event."""
    words = lexicon()
    by_token = {c.trigger.i: c for c in candidates if not c.dropped}
    for candidate in candidates:
        if candidate.dropped:
            continue  # already part of a frame (frames.embed)
        steps = 0
        token = candidate.trigger
        if token.dep_ == "compound" and token.head.lemma_.lower() in NOUN_HEADS:
            token = token.head  # "vetoed the EU's sanctions package"
        while token.head.i != token.i and steps < 3 and token.dep_ in {"xcomp", "ccomp", "dobj", "pobj", "prep",
                                                                       "pcomp", "advcl", "acl"}:
            token = token.head
            steps += 1
            over = by_token.get(token.i)
            if candidate.trigger.dep_ == "pobj" and candidate.trigger.head.lower_ not in COMPLEMENT_PREPS:
                break  # "At a summit in Abuja, leaders warned …": a setting, not what was said
            direct = steps == 1 and candidate.trigger.dep_ in {"xcomp", "ccomp"}
            if over is not None and over.sense.type == "SUPPORT" and _for_reason(candidate.trigger, over.trigger):
                if not over.recipient:  # "thanked France for pressuring Colombia": the act praised happened
                    over.recipient = [a for a in candidate.actor if a not in over.actor]
                break
            if over is not None and over is not candidate and (over.sense.type in words.absorbing or
                                                               direct and over.sense.type in words.absorbing_direct):
                if candidate.kind == "verb" and candidate.trigger.dep_ not in {"xcomp", "ccomp", "advcl", "pcomp"} \
                        and steps == 1:
                    break
                candidate.dropped = True
                if not over.recipient:  # "refused to allow U.N. investigators": the refusal is addressed to them
                    over.recipient = [r for r in candidate.recipient + candidate.actor if r not in over.actor]
                break


def _for_reason(trigger: Token, verb: Token) -> bool:
    """Praise for a deed ("praised Ghana for holding a peaceful vote", "thanked France for its mediation"): the
    deed is the reason for the praise, told as done, not part of it."""
    token = trigger
    while token.i != verb.i and token.head.i != token.i:
        if token.dep_ == "prep" and token.lower_ == "for" and token.head.i == verb.i:
            return True
        token = token.head
    return False


def merge(candidates: list[Candidate], countries: dict[str, str | None]) -> None:
    """Events of one type in one sentence that share or leave open their actors (or their countries:
    "Hezbollah" and "Lebanon") are one event."""
    live = [c for c in candidates if not c.dropped]
    later = _later_in_sentence(live)  # only events of one sentence merge: no pass over the whole article per event
    for i, first in enumerate(live):
        if first.dropped:
            continue
        for second in later[i]:
            if second.dropped or second.sense.type != first.sense.type \
                    or second.in_sentence.start != first.in_sentence.start:
                continue
            if _conflict(first.actor, second.actor, countries) or _conflict(first.recipient, second.recipient, countries):
                continue
            if _negated(first) != _negated(second):
                continue  # "agreed on the text, although Baku said it would not sign": done and refused are two events
            if first.frame in REACTIONS and second.frame in REACTIONS and first.kind == second.kind == "verb":
                continue  # "denied that … and dismissed the estimate as propaganda": two charges answered
            if first.frame and second.frame and first.actor and second.actor and not set(first.actor) & set(second.actor):
                continue  # two speakers' demands are two events, even of one country
            main, other = (first, second) if _rank(first) <= _rank(second) else (second, first)
            main.actor = _union(main.actor, other.actor)
            main.recipient = [r for r in _union(main.recipient, other.recipient) if r not in main.actor]
            main.tokens |= other.tokens
            main.sense = Sense(main.sense.type, main.sense.mode or other.sense.mode)
            main.merged.append(other)
            other.dropped = True
            if main is second:
                first = second


def _later_in_sentence(live: list[Candidate]) -> list[list[Candidate]]:
    """For each candidate, those after it in ``live`` that are in its sentence (in order)."""
    groups: dict[int, list[Candidate]] = {}
    for candidate in live:
        groups.setdefault(candidate.in_sentence.start, []).append(candidate)
    taken: dict[int, int] = {}
    out = []
    for candidate in live:
        k = taken[candidate.in_sentence.start] = taken.get(candidate.in_sentence.start, -1) + 1
        out.append(groups[candidate.in_sentence.start][k + 1:])
    return out


def _negated(candidate: Candidate) -> bool:
    """"would not sign": the event's own verb is negated."""
    return any(c.dep_ == "neg" for c in children_of(candidate.governor or candidate.trigger))


def _rank(candidate: Candidate) -> tuple[int, int, int]:
    """The told event before one in a purpose clause ("held talks on Thursday to discuss the arrests": the
    talks happened), then verbs before nouns, and the trigger nearest the root first."""
    trigger = candidate.trigger
    purpose = trigger.dep_ in {"advcl", "acl", "relcl"} and any(c.dep_ == "aux" and c.lower_ == "to"
                                                                 for c in children_of(trigger))
    return (int(purpose), 0 if candidate.kind == "verb" else 1, sum(1 for _ in trigger.ancestors))


def _conflict(a: list[str], b: list[str], countries: dict[str, str | None] | None = None) -> bool:
    if not a or not b or set(a) & set(b):
        return False
    if countries is not None and {countries.get(x) for x in a} & {countries.get(x) for x in b} - {None}:
        return False
    return True


def _union(a: list[str], b: list[str]) -> list[str]:
    return list(dict.fromkeys([*a, *b]))


def anaphora(candidates: list[Candidate], report: Report) -> None:
    """"The meeting was intended as …": a definite event noun with no actor is the last such event told."""
    live = [c for c in candidates if not c.dropped]
    temporal = lexicon().temporal_preps
    for index, candidate in enumerate(live):
        trigger = candidate.trigger
        pointing = trigger.dep_ == "pobj" and trigger.head.lower_ in temporal and (
            candidate.definite or any(c.dep_ == "poss" for c in children_of(trigger)))
        if pointing:  # "after Wednesday's attack", "since the invasion": an event already told
            earlier = [c for c in live[:index] if c.sense.type == candidate.sense.type and not c.dropped]
            if earlier:
                earlier[-1].merged.append(candidate)
            candidate.dropped = True  # told before, here or in a part of the story this article leaves out
            continue
        if candidate.kind != "noun" or not candidate.definite or candidate.governor is not None:
            continue
        if candidate.actor and not candidate.demonstrative:
            continue
        sentence = candidate.in_sentence.start
        earlier = [c for c in live[:index] if c.sense.type == candidate.sense.type and not c.dropped
                   and c.in_sentence.start < sentence]
        if earlier and candidate.trigger.i - earlier[-1].trigger.i < 120:
            earlier[-1].merged.append(candidate)
            candidate.dropped = True
        elif candidate.weak or not candidate.recipient or candidate.demonstrative:
            candidate.dropped = True


def reciprocal(candidates: list[Candidate]) -> None:
    """"In return, Pyongyang received technologies": the giver is the last transfer's recipient."""
    in_return: dict[tuple[int, int], bool] = {}  # events share sentences: each sentence is read once
    for index, candidate in enumerate(candidates):
        sentence = candidate.in_sentence
        key = (sentence.start, sentence.end)
        if key not in in_return:
            in_return[key] = any(t.lower_ in {"return", "exchange"} and t.head.lower_ == "in" for t in sentence)
        if not in_return[key]:
            continue
        before = [c for c in candidates[:index] if c.sense.type == candidate.sense.type
                  and c.in_sentence.start < sentence.start and candidate.trigger.i - c.trigger.i < 150]
        if not before:
            continue
        previous = before[-1]
        if not candidate.actor:
            candidate.actor = [a for a in previous.recipient if a not in candidate.recipient] or candidate.actor
        if not candidate.recipient:
            candidate.recipient = [a for a in previous.actor if a not in candidate.actor]


def follow_ups(candidates: list[Candidate], text: str) -> None:
    """Interceptions and tolls told after an attack ("71 were downed by air defences", "At least nine
    people were wounded") belong to that attack when it was told in the two sentences before."""
    for index, candidate in enumerate(candidates):
        if candidate.sense.type != "ASSAULT" or not (candidate.interception or candidate.casualty):
            continue
        sentence = candidate.in_sentence
        doc = sentence.doc
        earlier = [c.in_sentence.start for c in candidates[:index] if c.in_sentence.start < sentence.start]
        starts = sorted(set(earlier))
        window = starts[-2] if len(starts) >= 2 else (starts[0] if starts else sentence.start)
        paragraph = text.rfind("\n", 0, sentence.start_char)
        before = [c for c in candidates[:index] if c.sense.type == "ASSAULT" and not c.dropped
                  and window <= c.trigger.i < sentence.start and not c.interception and not c.casualty
                  and c.trigger.idx > paragraph]
        if before and not _conflict(before[-1].actor, candidate.actor) \
                and not _conflict(before[-1].recipient, candidate.recipient):
            before[-1].merged.append(candidate)
            candidate.dropped = True


def weapon_attacker(candidates: list[Candidate]) -> None:
    """"A drone hit the upper floors": weapons do not act; the attacker is the last one named nearby."""
    for index, candidate in enumerate(candidates):
        if candidate.sense.type != "ASSAULT" or candidate.actor or not candidate.weapon:
            continue
        sentence = candidate.in_sentence.start
        before = [c for c in candidates[:index] if c.sense.type == "ASSAULT" and c.actor
                  and candidate.trigger.i - c.trigger.i < 120 and c.in_sentence.start < sentence]
        if before:
            candidate.actor = list(before[-1].actor)
            candidate.recipient = candidate.recipient or [r for r in before[-1].recipient if r not in candidate.actor]
