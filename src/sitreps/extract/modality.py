"""Modality: did an event happen, according to whom, or is it planned, demanded, supposed or denied?

Read in two parts, both from the parse:

``own_modality(trigger, governor)``
    what the event's own clause says, walking up from the trigger (and the light
    verb or noun that governs it) to the top of its finite clause, and on through
    non-finite links ("must respond by enabling Ukraine to strike", "finalized
    plans for North Korea to supply"):

    - prescriptive: must, should, ought to, need to, have to
    - hypothetical: might, may, could, can, would (outside reported speech), if,
      unless, likely, possibly; an infinitive of purpose or under "prevent",
      "avoid", "rule out" ("sent troops to fight", "could not rule out a deployment");
      not an infinitive after a verb whose complement happens with it ("voted to
      recognize", "continued to shell")
    - planned: will, shall, "going to", "is to" ("Clinton is to meet Lee on
      Wednesday"), "would" in reported speech ("said it would investigate"), or under
      a planning word (plan, prepare, due, ready, agree to, "the exercise planned
      for May"); not the setting of a planning word ("agreed at a summit") nor what
      a real event was aimed at ("the offensive aimed at driving out militants")
    - negated: "not"/"never" on the trigger's own verb ("police did not use water
      cannon"), or a negated report above it ("Neither … has acknowledged that …")
    - None: nothing in the clause itself; attribution decides (asserted, reported,
      claimed, denied), which ``events.py`` reads from ``attribution.attribute``
      and the claims.

Within one word the stronger reading wins: prescriptive, then hypothetical, then
planned, then negated ("could not rule out" is hypothetical, not negated).
"""

from __future__ import annotations

from spacy.tokens import Token

from sitreps.extract.attribution import cues
from sitreps.extract.plover import lexicon
from sitreps.extract.tree import children_of

NEGATIONS = {"not", "n't", "never", "no"}
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
# Verbs whose infinitive complement happens when they do ("continues to provide", "began to withdraw").
IMPLICATIVE = {"continue", "begin", "start", "manage", "keep", "resume", "proceed", "go", "help", "use",
               "serve", "come", "tend", "appear", "seem", "get", "fail", "vote", "approve"}
# Verbs whose infinitive complement did not happen ("failed to ease its blockade", "neglected to inform").
FAILING = {"fail", "neglect"}
# Participles that make the event noun they modify a plan ("the exercise planned for May"); "aimed at"
# or "intended as" describe what a real event was for.
PLANNED_PARTICIPLES = {"plan", "schedule", "propose", "set", "expect", "due", "prepare"}
# Prepositions through which a planning or irrealis word governs what is planned or supposed ("plans for X
# to supply", "the possibility of a deployment", "prevented them from leaving"), not the setting ("agreed
# at a summit").
PLANNED_PREPS = {"of", "for", "to", "on", "about", "from"}


def _words() -> tuple[set[str], set[str], set[str], set[str], set[str]]:
    table = lexicon().modality
    return (set(table["prescriptive"]), set(table["hypothetical"]), set(table["planned"]),
            set(table["planning"]), set(table["irrealis"]))


def own_modality(trigger: Token, governor: Token | None = None) -> str | None:
    """prescriptive, hypothetical, planned or negated from the event's own clause; None if none of these."""
    prescriptive, hypothetical, planned, planning, irrealis = _words()
    unreal = set(lexicon().modality["unreal_modifiers"])
    reporting = cues().verb_class
    chain = [trigger, *([governor] if governor is not None else []), *(governor or trigger).ancestors]
    readings: set[str] = set()
    previous: Token | None = None
    for depth, token in enumerate(chain):
        if previous is not None and token.lemma_.lower() in planning and _complement(previous, token):
            readings.add("planned")  # "is expected to recognise", "plans to deploy"
        infinitive = previous is not None and (previous.lower_ == "for" or any(
            c.dep_ == "aux" and c.lower_ == "to" for c in children_of(previous)))
        if infinitive and (token.lemma_.lower() == "time" and token.head.lemma_ == "be"
                           or token.lemma_ == "be" and any(c.lower_ == "time" for c in children_of(token))):
            readings.add("prescriptive")  # "it is time for the EU to lift its sanctions"
        if depth and token.pos_ == "VERB" and token.lemma_.lower() in reporting:
            if any(c.dep_ == "neg" for c in children_of(token)) or _negated_subject(token):
                readings.add("negated")  # "Neither Moscow nor Pyongyang has acknowledged that …"
            break
        found = _modal(token, prescriptive, hypothetical, planned)
        if found == "hypothetical" and _reported_would(token, chain[depth + 1:], reporting):
            found = "planned"
        if found:
            readings.add(found)
        if previous is not None and _complement(previous, token):
            if token.lemma_.lower() in planning:
                readings.add("planned")
            elif token.lemma_.lower() in irrealis:
                readings.add("hypothetical")
        if previous is not None and token.lemma_.lower() in FAILING and previous.dep_ == "xcomp" \
                and previous.head.i == token.i:
            readings.add("negated")  # "Israel had failed to ease its blockade": no easing
        if previous is not None and _scheduled(previous, token):
            readings.add("planned")  # "Clinton is to meet Lee on Wednesday"
        elif previous is not None and _purpose(previous, token, planning):
            readings.add("hypothetical")
        if (depth == 0 or token is governor) and _negated_own(token):
            readings.add("negated")
        if depth == 0 and token.pos_ in {"NOUN", "PROPN"} and any(
                c.dep_ in {"amod", "compound"} and c.lower_ in unreal for c in children_of(token)):
            readings.add("planned" if any(c.lower_ in {"planned", "scheduled"} for c in children_of(token))
                         else "hypothetical")  # "a draft ceasefire", "the planned exercise"
        if depth == 0 and token.pos_ in {"NOUN", "PROPN"} and any(
                c.dep_ == "acl" and c.lemma_.lower() in PLANNED_PARTICIPLES for c in children_of(token)):
            readings.add("planned")  # "the largest exercise planned in the region" (not "an offensive aimed at")
        top = _finite(token) or token.dep_ in {"ROOT", "parataxis"}  # the top of the finite clause
        participle = token.dep_ in {"acl", "conj"} and token.tag_ in {"VBN", "VBG"} and token.head.pos_ == "NOUN" \
            and not any(c.dep_ == "aux" and c.lower_ == "to" for c in children_of(token))
        top = top or participle  # "a plan first set out by Biden and endorsed by the U.N.": its own event
        if top and not (token is trigger and governor is not None):
            break
        previous = token
    for reading in ("prescriptive", "hypothetical", "planned", "negated"):
        if reading in readings:
            return reading
    return None


def _modal(token: Token, prescriptive: set[str], hypothetical: set[str], planned: set[str]) -> str | None:
    found: set[str] = set()
    for child in children_of(token):
        lower = child.lower_
        if child.dep_ in {"aux", "auxpass"} and child.tag_ == "MD" or child.dep_ == "aux" and lower in planned:
            if lower in prescriptive:
                found.add("prescriptive")
            elif lower in hypothetical:
                found.add("hypothetical")
            elif lower in planned:
                found.add("planned")
        elif child.dep_ == "mark" and lower in {"if", "unless", "whether"}:
            found.add("hypothetical")
        elif child.dep_ == "mark" and lower in {"until", "till"} and token.tag_ in {"VBZ", "VBP", "VB"}:
            found.add("hypothetical")  # "will not sign until Armenia changes its constitution": a condition not
            # yet met; "fought until the army withdrew" is told
        elif child.dep_ in {"advmod", "acomp"} and lower in {"likely", "unlikely", "possibly", "perhaps",
                                                             "potentially", "probably"}:
            found.add("hypothetical")
        elif child.dep_ in {"xcomp"} and token.lemma_ in {"need", "have"} and token.tag_ in {"VBZ", "VBP", "VB"} \
                and any(a.lower_ == "to" for a in children_of(child)) and token.lemma_ == "need":
            found.add("prescriptive")
    if token.lemma_ == "be" and any(c.dep_ == "acomp" and c.lower_ in {"likely", "unlikely"} for c in children_of(token)):
        found.add("hypothetical")
    if token.dep_ == "advcl" and any(c.lower_ in {"if", "unless"} for c in children_of(token)):
        found.add("hypothetical")
    for reading in ("prescriptive", "hypothetical", "planned"):
        if reading in found:
            return reading
    return None


def _reported_would(token: Token, above: list[Token], reporting: dict[str, str]) -> bool:
    """"said it would investigate", "Ministers would discuss …, she said": in reported speech
    "would" is the past of "will"."""
    if not any(c.lower_ == "would" for c in children_of(token) if c.dep_ in {"aux", "auxpass"}):
        return False
    if any(t.lemma_.lower() in reporting and t.pos_ == "VERB" for t in above[:3]):
        return True
    top = above[-1] if above else token
    return any(c.dep_ in {"parataxis", "advcl", "conj"} and c.lemma_.lower() in reporting and c.i > token.i
               for c in children_of(top))


def _complement(lower: Token, governor: Token) -> bool:
    """Is ``lower`` what ``governor`` plans, fears or rules out: an infinitive ("plans for X to supply",
    "ready to accept"), an object ("prepare an offensive") or its preposition ("the possibility of")?"""
    if lower.dep_ in {"conj", "relcl"} or lower.tag_ == "VBN" and lower.dep_ == "acl":
        return False
    if lower.dep_ == "prep" and lower.lower_ not in PLANNED_PREPS:
        return False  # "agreed at a summit", "plans in the region"
    if lower.head.i == governor.i and lower.dep_ in {"xcomp", "acl", "ccomp", "dobj", "prep", "advcl", "pcomp",
                                                     "acomp"}:
        return lower.pos_ not in {"VERB", "AUX"} or lower.dep_ == "ccomp" or any(
            c.dep_ == "aux" and c.lower_ == "to" for c in children_of(lower)) or any(
            c.dep_ == "mark" and c.lower_ == "for" for c in children_of(lower))
    return lower.dep_ == "pobj" and lower.head.head.i == governor.i and lower.head.lower_ in PLANNED_PREPS


def _scheduled(lower: Token, governor: Token) -> bool:
    """"is to meet", "are to hold talks": the infinitive after a bare "be" is a plan."""
    return governor.lemma_ == "be" and lower.dep_ in {"xcomp", "advcl"} and lower.head.i == governor.i \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in children_of(lower)) \
        and not any(c.dep_ in {"acomp", "attr"} for c in children_of(governor))


def _purpose(lower: Token, governor: Token, planning: set[str]) -> bool:
    """An infinitive of purpose ("deployed to fight", "enabling Ukraine to strike") has not happened."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in children_of(lower)):
        return False
    if governor.lemma_.lower() in IMPLICATIVE or governor.lemma_.lower() in planning:
        return False
    if lower.dep_ in {"advcl", "xcomp"} and _journey(governor):
        return False  # "took to the streets to protest", "flew to Baghdad to hold talks": what the trip was for
    return lower.dep_ in {"advcl", "xcomp", "acl", "relcl"}


def _journey(verb: Token) -> bool:
    """A trip or a gathering made for what its purpose clause tells, which news reports once it is done
    ("travelled to Moscow to meet Putin", "gathered outside the embassy to denounce", "took to the streets
    to protest"); a dispatch ("sent troops to fight") or an entry ("entered the town to arrest") is not."""
    table = lexicon().modality
    if verb.lemma_.lower() in table.get("journeys", ()):
        return True
    places = table.get("journey_places", ())
    return any(p.dep_ == "prep" and p.lower_ == "to" and any(o.lemma_.lower() in places for o in children_of(p))
               for p in children_of(verb))


def _negated_own(token: Token) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and (c.lower_ == "never" or c.lower_ == "longer" and any(
        n.dep_ == "neg" for n in children_of(c)))) for c in children_of(token)) \
        or _negated_subject(token)  # "would no longer honour the deal": the small model hangs "no" on "longer"


def _negated_subject(verb: Token) -> bool:
    """"Nobody was hurt", "no gunfire was heard", and the subject of "there was/has been" ("there were no
    clashes"), which the parse makes the verb's attribute."""
    existential = any(c.dep_ == "expl" for c in children_of(verb))
    for child in children_of(verb):
        if child.dep_ in {"nsubj", "nsubjpass"} or existential and child.dep_ == "attr":
            if child.lower_ in {"nobody", "none", "neither", "nothing"}:
                return True
            if any(t.lower_ in {"neither", "no"} and t.dep_ in {"preconj", "det"} for t in children_of(child)):
                return True
    return False


def _finite(token: Token) -> bool:
    return token.tag_ in FINITE_TAGS or any(c.dep_ in {"aux", "auxpass"} and c.tag_ in FINITE_TAGS
                                            for c in children_of(token))
