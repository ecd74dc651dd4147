"""Whose word an event is: its modality by who says so, and its source (step 4 of ``events.py``).

``modality.py`` reads what the event's own clause says (planned, hypothetical, prescriptive, negated);
this module adds who tells it: denied, claimed or reported by the claim or reporting verb above the
event, else asserted by the author. What the writer adds around a report is the author's (a
non-restrictive relative clause, an adjunct of the reporting verb, a conjunct the parse hung inside a
"that" clause, a clause coordinated with the reporting verb that has a subject of its own); the act of
saying itself ("accused", "warned") is told by the author. An offer or promise is planned; being
"ready" to agree is the agreement itself. ``refusal`` spots a cooperative act refused for the future
("will not sign"), which ``events.py`` codes as the REJECT that happened, and ``speaker_of_event``
names who says an unreal act when the claims leave the speaker unnamed, for ``frames.recode``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from sitreps.extract.attribution import AUTHOR, ActorIndex, Attribution, attribute, cues
from sitreps.extract.event_units import Candidate
from sitreps.extract.offsets import containing
from sitreps.extract.modality import own_modality
from sitreps.extract.roles import TokenActors, lifted_conjunct, phrase_actors
from sitreps.extract.tree import children_of
from sitreps.types import Claim, Report

WILLING = {"ready", "willing", "prepared"}
ADJUNCT_PREPS = {"at", "in", "during", "after", "before", "amid", "following", "since"}
CLAIM_MODALITY = {"report": "reported", "opinion": "reported", "prediction": "reported",
                  "prescription": "reported", "denial": "denied"}


def modality_and_source(candidate: Candidate, report: Report, index: ActorIndex) -> tuple[str, str]:
    """The event's modality and who says so (see the module docstring, step 4)."""
    own = own_modality(candidate.trigger, candidate.governor)
    if own is None and candidate.frame == "commissive" and candidate.sense.type in {"AGREE", "CONCEDE"}:
        own = "planned"  # an offer or promise: what is promised has not happened yet (AGREE, planned)
    elif own == "planned" and candidate.sense.type == "AGREE" and any(
            t.lemma_.lower() in WILLING for t in (candidate.governor or candidate.trigger).ancestors):
        own = None  # "ready to accept a ceasefire" is the agreement itself
    anchor = candidate.governor or candidate.trigger
    lifted = next((lifted_conjunct(t) for t in [anchor, *anchor.ancestors] if lifted_conjunct(t) is not None), None)
    said = attribute(lifted or anchor, index)
    if said.cue_token is not None and lifted is None and _coordinated_away(anchor, said.cue_token):
        said = Attribution(AUTHOR, "asserted")
    claim = next(iter(containing(report.claims, candidate.trigger.idx, candidate.trigger.idx + 1)), None)
    if lifted is not None or _background(anchor):
        claim = None
        if said.cue_token is not None and said.cue_token != (lifted.i if lifted is not None else -1):
            said = Attribution(AUTHOR, "asserted")
    source = said.source
    if claim is not None and (said.source == AUTHOR or said.attribution == "asserted") and claim.speaker != AUTHOR \
            and not _is_cue(candidate, claim):
        source = claim.speaker
        by_claim = CLAIM_MODALITY.get(claim.kind, "reported")
        if said.attribution == "asserted":
            cls = "claimed" if _cue_class(claim, candidate.trigger.doc) == "claimed" else by_claim
            said = Attribution(source, cls, claim.cue, None)
    if own == "negated" and said.attribution == "denied":
        return "denied", source
    if own is not None:
        return own, source
    mapping = {"asserted": "asserted", "reported": "reported", "estimated": "reported", "claimed": "claimed",
               "denied": "denied", "hypothetical": "hypothetical"}
    return mapping.get(said.attribution, "asserted"), source


def _coordinated_away(anchor: Token, cue: int) -> bool:
    """"North Korea denied its involvement, and the military released a statement warning …": a clause
    coordinated with the reporting verb, with a subject of its own, is not what that verb reports."""
    for token in [anchor, *anchor.ancestors]:
        if token.i == cue:
            return False
        if token.dep_ == "conj" and token.head.i == cue and any(c.dep_ in {"nsubj", "nsubjpass"}
                                                                 for c in children_of(token)):
            return True
    return False


def speaker_of_event(candidate: Candidate, index: ActorIndex, actors: TokenActors) -> str | None:
    """Who says it, when the claims leave the speaker unnamed: the actor the reporting verb's subject
    names ("…, the Ukrainian president said": Ukraine's)."""
    said = attribute(candidate.governor or candidate.trigger, index)
    if said.cue_token is None:
        return None
    verb = candidate.trigger.doc[said.cue_token]
    who = next((c for c in children_of(verb) if c.dep_ == "nsubj"), None)
    found = phrase_actors(who, actors) if who is not None else []
    return found[0] if len(found) == 1 else None


def _background(anchor: Token) -> bool:
    """What the writer adds around a report: a non-restrictive relative clause ("Egypt, which hosted
    talks last week, has asked …, sources said") or an adjunct of the reporting verb ("Zelensky
    wrote, repeating calls for allies …")."""
    reporting = cues().verb_class
    previous = anchor
    for token in [anchor, *anchor.ancestors]:
        if token.dep_ in {"relcl", "appos"} and token.left_edge.i > 0 and token.doc[token.left_edge.i - 1].text == ",":
            return True  # ", which hosted talks", ", a claim Hamas rejected"
        if token is not anchor and token.pos_ == "VERB" and token.lemma_.lower() in reporting:
            return previous.dep_ in {"advcl", "npadvmod", "advmod"} and previous.lower_ != "according" \
                or previous.dep_ == "prep" and previous.lower_ in ADJUNCT_PREPS  # "said at talks in Jeddah"
        previous = token
    return False


def _is_cue(candidate: Candidate, claim: Claim) -> bool:
    """The event is the act of saying itself ("accused", "warned", "urged"): the author reports it."""
    cue = claim.cue or ""
    return candidate.trigger.text in cue.split() and claim.start <= candidate.trigger.idx < claim.end \
        and not any(c.dep_ in {"ccomp"} for c in candidate.trigger.ancestors)


def _cue_class(claim: Claim, doc: Doc) -> str | None:
    """The attribution class of a claim's reporting verb ("claimed" -> claimed)."""
    first = (claim.cue or "").split()[0] if claim.cue else ""
    span = doc.char_span(claim.start, claim.end, alignment_mode="expand")
    token = next((t for t in span if t.text == first), None) if span is not None and first else None
    return cues().verb_class.get(token.lemma_.lower()) if token is not None else None


def refusal(candidate: Candidate) -> bool:
    """"will not sign", "would not seek to open talks": a negated future of a cooperative act."""
    for verb in [candidate.governor or candidate.trigger, *(candidate.governor or candidate.trigger).ancestors]:
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        negated = any(c.dep_ == "neg" or c.dep_ == "advmod" and c.lower_ == "longer" and any(
            n.dep_ == "neg" for n in children_of(c)) for c in children_of(verb))  # "would no longer honour"
        future = any(c.lower_ in {"will", "would", "wo", "'ll", "shall"} for c in children_of(verb) if c.dep_ == "aux")
        if negated and future:
            return True
        if any(c.dep_ in {"aux", "auxpass"} and c.tag_ == "MD" for c in children_of(verb)) or verb.dep_ in {"ROOT", "ccomp"}:
            return False
    return False
