"""Events: who did what to whom, when and where, in the PLOVER ontology, and whether it happened.

1. **triggers** (``plover.py``, ``data/events.yaml``): verbs ("met", "signed a treaty",
   "pulled out", "sent troops"), nouns ("a missile strike", "talks", "martial law") and
   light verbs that hand their object's event to their subject ("carried out an attack",
   "imposed sanctions"). **The frame first** (``frames.py``, ``data/frames.yaml``): a verb of
   offering, promising, threatening, asking, accusing or denying with something said after it
   is that speech act ("offered to hand over": AGREE; "ordered the militants to surrender":
   REQUEST; "denied that its troops fired": REJECT), whatever the act it mentions. A judgement is
   one too: "Israel said Hamas was responsible for …", "called the raid an act of aggression",
   "described the reports as baseless" (``_said_judgement``, the lexicon's ``verdict`` verbs), and a
   stance voiced as an object ("expressed support for", "voiced concern over": ``stance``).
2. **roles** (``roles.py`` over the actors extractor's mentions): the actor is the subject
   (or the "by" phrase of a passive, or the adjective or possessive of an event noun: "a
   Ukrainian missile strike"); the recipient is the object, a "to/with/against/on" phrase or
   the subject of a passive ("six officers were reported killed"); "received" and "suffered"
   turn the roles round; conjoined subjects are compound actors ("Russia and North Korea
   signed"). A country named only as a place or an adjective gets a state actor when a role
   needs it ("sent food to Haiti", "a Greek-flagged tanker": ``state_actors.py``); an attack or
   arrest with no named target is on the state it happened in, or on the actor's own state when
   the people it was done to are named by no one ("Turkish police arrested two colonels"). A party
   the sentence names without a country ("police in Karachi", "fishermen", "the opposition", a
   surname) takes the country the sentence gives it (``party_country.py``).
3. **what is one event** (``frames.embed``, ``event_units.py``): an act told inside a frame is
   part of it ("urged Hamas to accept" is one REQUEST, "accused Armenia of shelling" one ACCUSE)
   and gives the frame its recipient and mode; events of one type in one sentence that share or
   leave open their actors are one event ("were reported killed, and three wounded in a
   Ukrainian missile strike"); "the meeting" with no actor of its own is the last meeting told.
   Weak nouns ("the war", "aid", "sanctions") count only with an actor, date or figure.
4. **modality** (``modality.py`` for the clause itself, ``event_source.py`` with
   ``attribution.py`` and the claims for who says so): prescriptive, hypothetical, planned and
   negated clauses first; then denied, claimed or reported by the claim or reporting verb above
   the event; else asserted by the author. What a speaker's words make of an act that did not
   happen (``frames.recode``): "said it would attack" is a THREATEN, "X must stop …, Y said" a
   REQUEST; a refusal in the future of a cooperative act ("will not sign") is a REJECT; an
   announced withdrawal is CONCEDE and an actual release RETREAT.
5. **source, date, place, figures** (``event_records.py``, which writes each event's record): the
   speaker of the claim the event sits in (else the attribution's source, else "author"); the date
   that governs the trigger (``times.date_for_span``); a place in the event's clause; the figures of
   its clause (PLOVER's dead, injured and size), else of its sentence.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from sitreps.extract.attribution import cues
from sitreps.extract.event_parties import actors_from, clause_tokens, recipient_preps, unnamed_people
from sitreps.extract.event_records import build_events, figure_tokens
from sitreps.extract.event_units import Candidate, absorb, anaphora, follow_ups, merge, reciprocal, weapon_attacker
from sitreps.extract.frames import embed, frame_kind, frame_sense
from sitreps.extract.frames import words as frame_words
from sitreps.extract.judged import PERSONS, breach, crime_charged, party, tells_harm
from sitreps.extract.material import MATERIAL, acting_body, forces, movers, refine, whose
from sitreps.extract.material import words as material_words
from sitreps.extract.nominal import (caused_by, container, effect_verb, existential, located, occurrence_verb,
                                     perceived, sequel_verb, timed_clause)
from sitreps.extract.noun_events import (DEFINITE, HAPPENING, affected, demonym_actors, gerund_agent, gerund_noun,
                                         hand_to_light_verb, nominal_event, noun_candidate, occurred)
from sitreps.extract.offsets import containing
from sitreps.extract.plover import (NounEntry, Sense, VerbEntry, judging_word, lexicon, noun_sense, verb_lemma,
                                    verb_sense, verdict_word)
from sitreps.extract.roles import (Sentences, TokenActors, agent, is_passive, phrase_actors, preposition_objects,
                                   role_words, subject)
from sitreps.extract.stances import held_stance, offer_held
from sitreps.extract.tree import children_of, subtree_of
from sitreps.resources import load_yaml
from sitreps.types import Report

CASUALTY_VERBS = {"kill", "wound", "injure", "hurt", "die"}
HARM_VERBS = CASUALTY_VERBS | {"beat", "lynch", "stab", "murder", "torture", "behead", "pummel"}
OBJECT_PREPS = frozenset({"on", "against", "with"})
# Light verbs whose subject receives the act of their object ("received criticism from India", "faced
# condemnation", "drew a rebuke from Washington"): the giver is the "from" phrase.
TURNED = frozenset({"receive", "face", "draw", "attract"})
ADVERSE = frozenset({"ACCUSE", "REJECT", "REQUEST", "THREATEN"})  # speech acts a pronoun's speaker makes of note
# Speech acts a named party makes even when no actor was made of it ("The opposition demanded that …").
VOICED = frozenset({"ACCUSE", "REJECT", "REQUEST", "SUPPORT", "THREATEN", "CONCEDE", "AGREE", "PROTEST"})
STANCE_PREPS = frozenset({"for", "over", "about", "at", "with", "to", "against", "toward", "towards", "on"})
OBJECT_INNER_PREPS = {"SANCTION": frozenset({"to", "in", "from"}), "AID": frozenset({"to", "for"})}
DEEP_PREPS = {"ASSAULT": "against", "THREATEN": "against", "SANCTION": "against", "COERCE": "against", "AID": "for"}


# --- entry point ---------------------------------------------------------------------------------

def extract_events(doc: Doc, report: Report) -> None:
    """Fill ``report.events`` and add each event to the ``about`` of the claim it comes from."""
    actors = TokenActors.for_doc(doc, report)
    actors.creating = True  # a country named only as a place or adjective gets a state actor (state_actors.py)
    money = figure_tokens(doc, report, money_only=True)
    sentences = Sentences.for_doc(doc)
    candidates = _triggers(doc, actors, money)
    refine(candidates)  # weapons tests, joint exercises (material.py)
    for candidate in candidates:
        candidate.sentence = sentences.of(candidate.trigger)
    embed(candidates, actors.countries, actors.kinds, actors.sectors)
    for candidate in candidates:
        if (candidate.sense.type == "THREATEN" and candidate.frame or candidate.frame == "commissive"
                and candidate.sense.type == "AGREE") and not candidate.recipient and not candidate.dropped:
            candidate.recipient = _threatened(candidate, actors)  # "offered to help Bosnia": whom it is for
    absorb(candidates)
    merge(candidates, actors.countries)
    anaphora(candidates, report)
    reciprocal([c for c in candidates if not c.dropped])
    weapon_attacker([c for c in candidates if not c.dropped])
    movers([c for c in candidates if not c.dropped])
    follow_ups([c for c in candidates if not c.dropped], report.article.text)
    _reactions([c for c in candidates if not c.dropped], report, sentences)
    events = build_events([c for c in candidates if not c.dropped], doc, report, sentences, actors)
    actors.creating = False
    report.events = events
    claims = report.claims
    for event in events:
        for claim in containing(claims, event.start, event.end):
            claim.about.append(event.id)


# --- 1-2. triggers and roles ----------------------------------------------------------------------

def _triggers(doc: Doc, actors: TokenActors, money: set[int]) -> list[Candidate]:
    words = lexicon()
    found: list[Candidate] = []
    nouns: dict[int, Candidate] = {}
    frame_nouns = frame_words().nouns
    for token in doc:
        pos = token.pos_
        if (gerund := gerund_noun(token)) is not None:  # "the shelling forced thousands to flee"
            if nominal_event(token, actors):
                found.append(noun_candidate(token, gerund, actors))
        elif pos == "VERB":
            sensed = _framed(token, verb_sense(token, money))
            if sensed is not None and _verbal_event(token):
                candidate = _verb_candidate(token, *sensed[:2], actors)
                if candidate is not None and sensed[2] and not candidate.actor and (
                        _bystander(token) or sensed[2] == "commissive" and not is_passive(token)):
                    candidate = None  # a plea or promise of no one the article names ("a young girl pleaded",
                    # "Article 4 commits each side to …")
                if candidate is not None:
                    candidate.frame = sensed[2]
                    found.append(candidate)
            elif sensed is None and (prescribed := _prescription(token, actors)) is not None:
                found.append(prescribed)
            elif sensed is None and (judged := _said_judgement(token, actors)) is not None:
                found.append(judged)
        elif pos == "ADJ" and (held := held_stance(token)) is not None:
            stance = _stance_candidate(token, *held, actors)
            if stance is not None:
                found.append(stance)
        elif pos == "ADJ" and (offered := offer_held(token)) is not None:
            offer = _stance_candidate(token, offered[0], offered[1], [], actors)
            if offer is not None:
                offer.frame = "commissive"
                found.append(offer)
        elif pos in {"NOUN", "PROPN"}:
            lemma = token.lemma_.lower()
            if lemma not in words.nouns and lemma not in words.compounds and lemma not in frame_nouns:
                continue  # no event noun, no compound's last word, no frame noun: neither reading below finds one
            frame = frame_kind(token)
            entry = noun_sense(token)
            if frame is not None and (entry is None or entry.sense.type != frame_sense(token, frame).type):
                entry = NounEntry(frame_sense(token, frame), weak=True)
            if entry is not None and nominal_event(token, actors):
                candidate = noun_candidate(token, entry, actors)
                candidate.frame = frame or _frame_of_word(token, entry.sense.type)
                found.append(candidate)
    verbs = {c.trigger.i for c in found if c.kind == "verb"}
    stopping = {c.trigger.i for c in found if c.kind == "verb" and c.sense.type == "SANCTION"
                and c.sense.mode in {"discontinue", "withdraw"}}  # "halted its food aid", "suspended the talks"
    for candidate in found:  # light verbs: "carried out an attack", "imposed sanctions", "held talks"
        if candidate.kind != "noun":
            continue
        slot = candidate.trigger
        while slot.dep_ == "conj" and slot.head.pos_ in {"NOUN", "PROPN"}:
            slot = slot.head  # "conducting artillery and air defence drills"
        slot = container(slot) or slot  # "carried out waves of air strikes": the waves are the light verb's object
        head = slot.head if slot.dep_ not in {"compound", "pobj"} else slot.head.head
        lemma = words.irregular.get(head.lower_) or (verb_lemma(head) if head.pos_ == "VERB" else None) \
            or head.lemma_.lower()  # "waged": "wag", "staged": "stag" in the small model
        noun = candidate.trigger.lemma_.lower()
        if candidate.trigger.i > 1 and doc[candidate.trigger.i - 1].tag_ == "HYPH":  # "sit-in", split by the model
            noun = f"{doc[candidate.trigger.i - 2].lower_}-{noun}"
        light = lemma in words.light_verbs or noun in words.light_for.get(lemma, ())
        through = slot.dep_ != "pobj" or slot.head.lower_ in words.light_preps \
            or slot.head.lower_ in material_words()["light_on_preps"] and lemma in material_words()["light_on"]
        # "engaged in combat", "went on strike", "placed under house arrest"; not "for" or "held talks on a truce"
        if head.pos_ == "VERB" and light and through and slot.dep_ in {"dobj", "nsubjpass", "compound", "pobj"}:
            override = words.light_senses.get(lemma, {}).get(candidate.trigger.lemma_.lower())
            if override is not None and override.type != candidate.sense.type:  # "went on hunger strike" stays
                candidate.sense = override
            hand_to_light_verb(candidate, head, actors, turned=lemma in TURNED and override is None)
        elif (told := occurrence_verb(slot) or caused_by(slot) or existential(slot) or perceived(slot)
              or (sequel_verb(slot) if candidate.sense.type in HAPPENING and _fresh(candidate) else None)) is not None:
            occurred(candidate, told, actors, found)  # "clashes erupted", "the verdict sparked protests", "there
            # has been heavy fighting", "gunfire was heard", "mass arrests followed the protests" ("the shooting
            # followed four others" is one told before)
        elif candidate.sense.type in HAPPENING and (effect := effect_verb(slot)) is not None and effect.i not in verbs:
            affected(candidate, effect, actors, found)  # "the attack left 30 people dead"; a verb that is an event
            # itself ("displaced" read from CAMEO) tells it already
        elif slot.dep_ == "dobj" and head.i in verbs and _same_event(candidate, head, found):
            candidate.governor = head  # "has not witnessed clashes": the verb's modality is the noun's
        elif slot.dep_ == "dobj" and head.i in stopping:
            candidate.dropped = True  # what was halted is the halt's object, not an event that happened
        elif slot.dep_ == "dobj" and head.i not in verbs and not candidate.actor:
            candidate.dropped = True  # talked about, not told: "demonstrating assault tactics", "ended the war"
    for candidate in found:  # "Fighting between X and Y has displaced thousands", "Fighting continued in the north"
        if candidate.kind == "verb" and _gerund_subject(candidate.trigger) and candidate.sense.type in HAPPENING \
                and (told := occurrence_verb(candidate.trigger) or effect_verb(candidate.trigger)) is not None:
            affected(candidate, told, actors, found)
    for candidate in found:
        if candidate.casualty and candidate.trigger.lemma_.lower() in {"die", "hurt", "detonate"} \
                and _told_before(candidate, found):
            candidate.dropped = True  # "eight died in the attack", "500 were hurt in the attacks", "these bombs
            # were then detonated": the attack told before
    return [c for c in found if not c.dropped and _enough(c, actors)]


def _fresh(candidate: Candidate) -> bool:
    """A noun that tells an event for the first time: not definite, possessed or named ("the shooting", "its
    raids", "the El Paso shooting" are ones told before)."""
    return not candidate.definite and not any(c.dep_ == "poss" or c.dep_ == "compound" and c.pos_ == "PROPN"
                                              for c in children_of(candidate.trigger))


def _same_event(candidate: Candidate, verb: Token, found: list[Candidate]) -> bool:
    """The verb whose object the event noun is tells the same event ("suffered repeated airstrikes", "witnessed
    fierce clashes"): one of its type."""
    return any(c.kind == "verb" and c.trigger.i == verb.i and c.sense.type == candidate.sense.type for c in found)


def _gerund_subject(verb: Token) -> bool:
    """A gerund that is its clause's subject, as a noun would be ("Fighting … has displaced")."""
    return verb.tag_ == "VBG" and verb.dep_ == "nsubj" and not any(c.dep_ in {"aux", "nsubj"} for c in children_of(verb))


def _told_gerund(verb: Token) -> bool:
    """A gerund subject whose verb says it happened or what it did ("Fighting between rebels and the army has
    displaced thousands"): told, though its sides are named by no country."""
    return _gerund_subject(verb) and (occurrence_verb(verb) or effect_verb(verb)) is not None


def _attack_noun(noun: Token) -> bool:
    entry = noun_sense(noun)
    return entry is not None and entry.sense.type == "ASSAULT"


def _told_before(toll: Candidate, found: list[Candidate]) -> bool:
    """A death told "in the attack" (a definite noun of an attack) with an attack told in a sentence before; not
    "in the demonstrations", whose deaths are an attack of their own."""
    verb = toll.trigger
    earlier = any(c.sense.type == "ASSAULT" and c.trigger.sent.start < verb.sent.start for c in found)
    if verb.lemma_.lower() == "detonate":  # a casualty only with a definite subject ("these bombs were detonated")
        return earlier
    return earlier and any(p.dep_ == "prep" and o.dep_ == "pobj" and _attack_noun(o)
                           and any(d.dep_ == "det" and d.lower_ in DEFINITE for d in children_of(o))
                           for p in children_of(verb) for o in children_of(p))


def _threatened(threat: Candidate, actors: TokenActors) -> list[str]:
    """Whom a threat or promise is aimed at when no act folded into it names anyone: the party or place named in
    what is threatened or promised ("threatened to expand the offensive into Rafah", "vowed to strike targets in
    Lebanon", "offered to help Bosnia rebuild the bridge")."""
    own = {actors.countries.get(a) for a in threat.actor}
    found: list[str] = []
    stack = [c for c in children_of(threat.trigger) if c.dep_ in {"xcomp", "ccomp"}]
    while stack:  # what is threatened, not its conditions or asides ("until the war in Gaza ends")
        token = stack.pop()
        stack.extend(c for c in children_of(token) if c.dep_ not in {"advcl", "relcl", "acl", "parataxis", "mark"})
        for actor in actors.at(token) or actors.place(token):
            if actor not in found and actor not in threat.actor and actors.countries.get(actor) not in own:
                found.append(actor)
    return found


def _framed(verb: Token, sensed: tuple[Sense, VerbEntry] | None) -> tuple[Sense, VerbEntry, str | None] | None:
    """The frame first: a verb of offering, promising, threatening, asking, accusing or denying with
    something said after it is that speech act, whatever the act it mentions (``frames.py``); a lexicon
    word of the same type ("urged", "condemned the seizure") is a frame too, with its lexicon mode."""
    kind = frame_kind(verb)
    if kind is None:
        if sensed is None:
            return None
        return sensed[0], sensed[1], _frame_of_word(verb, sensed[0].type)
    sense = frame_sense(verb, kind)
    if sensed is not None and sensed[0].type == sense.type:
        sense = Sense(sense.type, sensed[0].mode or sense.mode, True)
    entry = sensed[1] if sensed is not None else VerbEntry(None)  # a frame needs a speaker: see _bystander
    return sense, entry, kind


def _prescription(verb: Token, actors: TokenActors) -> Candidate | None:
    """"The EU should reassess its relations with Moscow, the minister said": what a speaker says a named
    party must or should do is a request to that party, whatever the act (``frames.recode`` decides, once
    the speaker is known; without one it is no event)."""
    prescriptive = lexicon().modality["prescriptive"]
    if not any(c.dep_ == "aux" and c.lower_ in prescriptive for c in children_of(verb)):
        return None
    who, passive = subject(verb)
    if who is None or passive or verb.lemma_.lower() in frame_words().stative:
        return None
    named = actors.at(who) or actors.pronoun(who) or (phrase_actors(who, actors) if who.pos_ == "PROPN" else [])
    if not named:
        return None  # "each Polish family must feel safe": no party is asked to act
    candidate = Candidate(Sense("REQUEST", None, True), verb, "verb", tokens=clause_tokens(verb))
    candidate.actor, candidate.frame = named, "prescription"
    return candidate


def _said_judgement(verb: Token, actors: TokenActors) -> Candidate | None:
    """"Israel said Hamas was responsible for the rocket fire", "Washington holds Tehran responsible", "Kyiv said
    the strike was a war crime": what a named speaker says someone is, or did, is the speaker's accusation (or
    denial, or praise: ``verdicts``) of that someone. The act it is about stays an event of its own."""
    words = lexicon()
    lemma = verb.lemma_.lower()
    if lemma != "hold" and cues().verb_class.get(lemma) not in {"reported", "claimed"}:
        return None
    clause = next((c for c in children_of(verb) if c.dep_ in {"ccomp", "oprd", "xcomp"} and c.i > verb.i), None)
    if clause is None:
        return None
    sense = None
    if clause.lemma_.lower() in words.blame_words:  # "holds Tehran responsible" (the small model's parse)
        sense, judged = Sense("ACCUSE", "allege", True), [clause]
    elif clause.lemma_.lower() == "be":
        judged = [c for c in children_of(clause) if c.dep_ in {"acomp", "attr", "prep"}]
        if any(c.lower_ in words.blame_words for c in judged):
            sense = Sense("ACCUSE", "allege", True)
        else:
            found = next((word for c in judged if c.dep_ != "prep" and (word := judging_word(c)) is not None), None)
            sense = Sense(words.verdicts[found[1]].type, words.verdicts[found[1]].mode, True) if found else None
    if sense is None and (breach(clause) or crime_charged(clause)):
        sense = Sense("ACCUSE", "allege", True)  # "Hamas said Israel had failed to ease the blockade", "… said the
        # enemy did not abide by its obligations", "… said Russia violated the truce", "Washington said the RSF
        # had committed genocide"
    who, passive = subject(verb)
    finding = who is not None and not passive and who.lemma_.lower() in words.findings and who.tag_ == "NN"
    if sense is None and finding and tells_harm(clause):
        sense = Sense("ACCUSE", "allege", True)  # "a UN report says the army is pursuing ethnic cleansing"
    if sense is None:
        return None
    speaker = (actors.at(who) or actors.pronoun(who) or phrase_actors(who, actors)) if who is not None and not passive \
        else []
    if not speaker and not finding:
        return None  # an opinion no named party voices
    target = next((c for c in children_of(clause) if c.dep_ in {"nsubj", "nsubjpass"}), None) \
        or next((c for c in children_of(verb) if c.dep_ == "dobj"), None)
    candidate = Candidate(sense, verb, "verb", tokens=clause_tokens(verb) | {t.i for t in subtree_of(clause)})
    candidate.actor = speaker
    candidate.recipient = [a for a in (phrase_actors(target, actors) if target is not None else [])
                           if a not in speaker]
    return candidate


def _bystander(verb: Token) -> bool:
    """A frame verb the lexicon does not know, said by someone described but not an actor ("a girl pleaded
    with him to spare her"): not coded. A pronoun ("We call on", "I told them") may still be resolved."""
    if verb.lemma_.lower() in lexicon().verbs:
        return False
    who, passive = subject(verb)
    if passive:
        return False  # "they were alleged to be involved", "was urged to resign": the addressee is named
    return who is None or who.pos_ == "NOUN" and not party(who)  # "residents pleaded for help" is a plea


def _frame_of_word(token: Token, kind: str) -> str | None:
    """The frame a lexicon word opens when it names the frame's own type ("condemned", "rejected")."""
    table = frame_words()
    frame = table.verbs.get(token.lemma_.lower()) if token.pos_ == "VERB" else table.nouns.get(token.lemma_.lower())
    return frame if frame is not None and table.types[frame] == kind else None


def _verbal_event(verb: Token) -> bool:
    """A verb tells an event here: not an adjective ("the besieged city", "among the wounded") and,
    as a bare participle, only with something of its own ("bombs dropped on the region", not
    "each soldier deployed")."""
    if verb.tag_ == "VBG" and verb.dep_ in {"nsubj", "csubj"} and not any(c.dep_ == "det" for c in children_of(verb)):
        return True  # a gerund subject: "Fighting between the army and the RSF has driven …"
    if verb.dep_ in {"amod", "pobj", "nsubj", "dobj", "compound"} or any(c.dep_ == "det" for c in children_of(verb)):
        return False
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return any(c.dep_ in {"prep", "agent", "npadvmod"} and c.lower_ not in {"to", "as"} for c in children_of(verb))
    return True


def _verb_candidate(verb: Token, sense: Sense, entry: VerbEntry, actors: TokenActors) -> Candidate | None:
    who, passive = subject(verb)
    passive = passive or (verb.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_ == "have"
                                                          for c in children_of(verb))
                          and not any(c.dep_ == "dobj" for c in children_of(verb)))  # "the soldiers killed ten people"
    # is active even when the parser tags "killed" a participle; "six officers reported killed" is not
    candidate = Candidate(sense, verb, "verb", tokens=clause_tokens(verb))
    objects = [verb.head if verb.dep_ == "relcl" and c.lower_ in {"which", "that", "whom"} else c
               for c in children_of(verb) if c.dep_ in {"dobj", "dative"}]  # "Wad Madani, which the RSF seized"
    preps = recipient_preps(sense.type, bool(objects))
    if objects and verb.lemma_.lower() in role_words()["taken_from"]:
        preps = preps | {"from"}  # "recaptured the town from the rebels"
    if entry.stance:  # "voiced Israel's outrage over the play": the outrage is no party, the play's author is
        preps = preps | STANCE_PREPS
        objects = [o for obj in objects for o in preposition_objects(obj, STANCE_PREPS)]
    # "eased sanctions on Syria", "imposed a price cap on Russian oil": the object's target is the event's;
    # "suspended its partnership with Tbilisi": the object's partner; "used 800 bombs of various types
    # against Ukraine", "pledged $40 million in aid for X": a target or beneficiary hung low in the object
    inside = OBJECT_PREPS | OBJECT_INNER_PREPS.get(sense.type, frozenset())  # "recalled its ambassador to Lebanon",
    # "shipped millions of shells to Russia"
    targets = objects + preposition_objects(verb, preps) + [o for obj in objects
                                                           for o in preposition_objects(obj, inside)]
    if sense.type in {"REJECT", "SUPPORT", "AGREE", "REQUEST"}:  # "rejected the criticism from ECOWAS", "welcomed
        # the offer by Turkey", "requested assistance from the United States"
        targets += [o for obj in objects for o in preposition_objects(obj, {"from"} if sense.type == "REQUEST"
                                                                     else {"from", "by"})]
        targets += preposition_objects(verb, {"from"}) if objects else []  # the parser hangs it on the verb
    deep = DEEP_PREPS.get(sense.type)
    if deep is not None:
        targets += [o for obj in objects for t in subtree_of(obj) if t.head.i != obj.i and t.dep_ == "prep"
                    and t.lower_ == deep for o in children_of(t) if o.dep_ == "pobj"]
    if entry.inverse and sense.type != "PROTEST":  # "took casualties" is suffered; "took to the streets" is done
        candidate.recipient = actors_from([who], actors) if who is not None else []  # "Kharkiv suffered airstrikes": a
        # place that suffers is its state
        others = [o for o in objects if not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in children_of(o))]
        candidate.actor = actors_from(preposition_objects(verb, {"from", "by"}), actors) or actors_from(others, actors)  # not
        # the sufferer's own: "lost their lives"
    elif passive:
        by = agent(verb)
        candidate.actor = phrase_actors(by, actors) if by is not None else _instrument(verb, actors)
        candidate.recipient = phrase_actors(who, actors) if who is not None else []
        candidate.recipient += actors_from(targets, actors)
    else:
        candidate.actor = (phrase_actors(who, actors) or whose(who, actors, acting=True)) if who is not None else []
        candidate.recipient = actors_from(targets, actors)
    by = gerund_agent(verb) if who is None and not passive else None
    if by is not None:  # "Indiscriminate shelling by Qaddafi forces": the gerund's "by" phrase is who did it
        candidate.actor = candidate.actor or actors_from([by], actors)
        who = by
    if not candidate.recipient and sense.type in {"REQUEST", "ACCUSE", "THREATEN"}:
        clause = next((c for c in children_of(verb) if c.dep_ == "ccomp" or c.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ == "for" for m in children_of(c))), None)  # "demanded that Turkey withdraw"
        addressee = next((c for c in children_of(clause) if c.dep_ == "nsubj"), None) if clause is not None else None
        candidate.recipient = phrase_actors(addressee, actors) if addressee is not None else []
    if not passive and not objects and verb.lemma_.lower() in role_words()["ergative"]:
        candidate.actor, candidate.recipient = [], candidate.recipient + candidate.actor  # "the corvette sank"
    words = lexicon()
    candidate.actor += actors_from(preposition_objects(verb, words.co_actor_preps), actors)  # "alongside Russian units"
    if sense.type == "MOBILIZE" and passive and not candidate.actor:
        candidate.actor, candidate.recipient = candidate.recipient, []  # "troops were moved up": their side moved them
    shooter = agent(verb) if passive else who
    if sense.type == "ASSAULT" and shooter is not None and any(t.lemma_.lower() in words.defences
                                                               for t in subtree_of(shooter)):
        candidate.interception = True  # "air defences destroyed 23 drones": the event is the attack
        if not passive:
            candidate.actor, candidate.recipient = candidate.recipient, candidate.actor
        else:
            candidate.actor, candidate.recipient = [], candidate.actor
    dying = verb.lemma_.lower() == "die"  # "nine were wounded", "five died in the blast": the toll of an attack;
    # "these bombs were then detonated remotely": how an attack told before was done
    told = who is not None and any(c.dep_ == "det" and c.lower_ in DEFINITE for c in children_of(who))
    candidate.casualty = ((passive or dying) and verb.lemma_.lower() in CASUALTY_VERBS
                          or passive and told and verb.lemma_.lower() == "detonate") and not candidate.actor
    victim = who if passive else next((c for c in children_of(verb) if c.dep_ == "dobj"), None)
    candidate.unnamed_victims = victim is not None and unnamed_people(victim, actors)
    if who is not None and who.head.i == verb.i:
        candidate.tokens |= {t.i for t in subtree_of(who)}
    candidate.weapon = who is not None and bool(words.classes.get(who.lemma_.lower(), frozenset()) & {"materiel"})
    candidate.subject_noun = who is not None and (who.pos_ in {"NOUN", "PROPN"} or gerund_noun(who) is not None
                                                  or sense.type in ADVERSE
                                                  and who.lower_ in PERSONS)  # "we are investigating the reports"
    if sense.type == "ASSAULT" and who is not None and who.lemma_.lower() in words.rioters \
            and verb.lemma_.lower() not in HARM_VERBS:
        candidate.sense = Sense("PROTEST", "riot", True)  # "protesters stormed parliament": a riot; "a mob beat
        # the man to death" is an attack on him
    if sense.type == "COERCE" and sense.mode == "restrict" and who is not None and _crowd(who):
        candidate.sense = Sense("PROTEST", "obstruct", True)  # "protesters blocked roads": no authority restricts
    if entry.intransitive and any(c.dep_ == "dobj" and not actors.at(c) for c in children_of(verb)):
        return None  # "demonstrating assault tactics" shows something; "rallied (outside) parliament" is a rally
    if entry.agentive and not _agentive(candidate.actor, actors, addressed=bool(candidate.recipient)) \
            and not (not candidate.actor and who is not None and who.lower_ in PERSONS):
        return None  # "He warned that …": a person warns, though the sentence does not say who
    if entry.crowd and (who is None or not _crowd(who)):
        return None
    if entry.passive_only and not passive:
        return None
    if entry.party_object and not _party_object(verb, actors):
        return None  # "parties that support Maliki", "57% supported signing the treaty": a stance, not an act
    if entry.munition and (who is None or "munitions" not in words.classes.get(who.lemma_.lower(), ())
                           or timed_clause(verb)):
        return None  # "a car bomb exploded"; not "the plane landed", nor "after a shell landed" (a time)
    if _figurative(verb, entry.figurative):
        return None  # "the company came under fire over its pay policy": criticism, not shooting
    if entry.forces and not forces(who):
        return None  # "450 troops disembarked", "police arrived at the scene"; not "the minister arrived"
    if entry.needs_actor and not candidate.actor and not candidate.recipient \
            and not (sense.type in VOICED and not passive and party(who)) \
            and not (passive and who is not None and (sense.specific and who.pos_ == "NOUN" or verb.lemma_ == "agree")
                     and verb.dep_ != "relcl" and not any(c.dep_ == "mark" for c in children_of(verb))) \
            and not (sense.type in MATERIAL and acting_body(verb)) and not _told_gerund(verb):
        return None  # a passive whose subject decides the act stands alone ("a peace deal was signed in Doha"),
        # unless it is a condition or time of something else ("if a truce is signed")
    if entry.verdict and not candidate.recipient:
        candidate.recipient = _judged(verb, actors, candidate.actor)
    if entry.targeted and not candidate.recipient and any(c.dep_ == "dobj" and c.lemma_.lower() in entry.targeted
                                                          for c in children_of(verb)):
        return None  # "voiced concern over high-risk areas": a worry, not a criticism of anyone
    return candidate


def _party_object(verb: Token, actors: TokenActors) -> bool:
    """A verb told in its own finite clause (not a relative clause, a gerund or an infinitive) whose direct object
    is a party ("supports Ukraine"; not "Russia's destruction of Ukraine", whose owner is no object of it)."""
    if verb.dep_ in {"relcl", "acl"} or verb.tag_ in {"VBG", "VBN"} \
            or any(c.dep_ == "aux" and c.lower_ == "to" for c in children_of(verb)):
        return False
    return any(c.dep_ == "dobj" and actors.at(c) for c in children_of(verb))


def _figurative(verb: Token, preps: frozenset[str]) -> bool:
    """A reason phrase in one of ``preps`` that is no time ("over its pay policy", not "for hours")."""
    return any(p.dep_ == "prep" and p.lower_ in preps and any(o.dep_ == "pobj" and o.ent_type_ not in {"DATE", "TIME"}
                                                              for o in children_of(p)) for p in children_of(verb))


def _stance_candidate(adjective: Token, sense: Sense, holder: Token, about: list[Token],
                      actors: TokenActors) -> Candidate | None:
    """"Ankara was critical of the raid" (``stances.py``): the holder is the actor, whoever the stance is about
    the recipient; a stance of no party ("the situation was critical of") is no event."""
    candidate = Candidate(sense, adjective, "verb", tokens=clause_tokens(adjective.head))
    candidate.actor = phrase_actors(holder, actors) or whose(holder, actors, acting=True)
    if not candidate.actor and not party(holder):
        return None
    candidate.recipient = [a for a in actors_from(about, actors) if a not in candidate.actor]
    candidate.subject_noun = holder.pos_ in {"NOUN", "PROPN"}
    return candidate


def _judged(verb: Token, actors: TokenActors, own: list[str]) -> list[str]:
    """Whose deed a verdict judges: the actors named between the verb and its judging word ("called the Kosovo
    police raid an act of aggression", "described the Azerbaijani offensive as a war crime")."""
    found = verdict_word(verb)
    if found is None:
        return []
    doc = verb.doc
    out: list[str] = []
    for token in doc[verb.i + 1:found[0].i]:
        named = actors.at(token) or actors.place(token) or actors.named(token) or demonym_actors(token, actors)
        out += [a for a in named if a not in own and a not in out]
    return out


def _reactions(candidates: list[Candidate], report: Report, sentences: Sentences) -> None:
    """A reaction to something done or said is addressed to whoever did or said it: "Tbilisi dismissed the
    bans" (the states that imposed them), "a claim Hamas rejected" (the claim's speaker), "welcomed the
    deployment" (the deployment's actor). The thing reacted to is the last of its kind told in the two
    sentences before (any distance for a definite event noun of a given type)."""
    data = load_yaml("events.yaml")
    reacting, table = set(data["reactions"]), data["reacted_to"]
    ids = {a.id for a in report.actors}
    for index, candidate in enumerate(candidates):
        if candidate.recipient or candidate.sense.type not in reacting:
            continue
        noun = _reacted_to(candidate)
        if noun is None:
            continue
        sensed = noun_sense(noun)
        kinds = table.get(noun.lemma_.lower()) or ([sensed.sense.type] if sensed is not None else None)
        if not kinds:
            continue
        own = set(candidate.actor)
        number = sentences.index[candidate.trigger.i]
        near = sentences.spans[max(0, number - 2)].start
        earlier = [c for c in candidates[:index] if c.actor and not own & set(c.actor)
                   and c.trigger.i < candidate.trigger.i and (c.sense.type in kinds or "any" in kinds)
                   and (c.trigger.i >= near or "any" not in kinds and "said" not in kinds)]
        found = list(earlier[-1].actor) + (earlier[-1].recipient if earlier[-1].sense.type == "AGREE" else []) \
            if earlier else []
        if not found and "said" in kinds:
            said = [c for c in report.claims if c.speaker in ids and c.speaker not in own
                    and sentences.spans[max(0, number - 2)].start_char <= c.start < candidate.trigger.idx]
            found = [said[-1].speaker] if said else []
        candidate.recipient = [a for a in dict.fromkeys(found) if a not in own]


def _reacted_to(candidate: Candidate) -> Token | None:
    """What a reaction is to: its definite object ("rejected the accusation") or the noun it describes in
    apposition ("…, a claim Hamas rejected")."""
    verb = candidate.governor or candidate.trigger
    if verb.dep_ == "relcl" and verb.head.pos_ == "NOUN" and verb.head.dep_ in {"appos", "npadvmod"}:
        return verb.head
    obj = next((c for c in children_of(verb) if c.dep_ == "dobj"), None)
    if obj is None or obj.pos_ != "NOUN":
        return None
    determiner = next((c for c in children_of(obj) if c.dep_ in {"det", "poss"}), None)
    return obj if determiner is not None and determiner.lower_ in DEFINITE else None


def _instrument(verb: Token, actors: TokenActors) -> list[str]:
    """The actor of an agentless passive from the event noun it happened in ("killed in a Ukrainian strike")."""
    for prep in (c for c in children_of(verb) if c.dep_ == "prep" and c.lower_ in {"in", "by", "during", "from"}):
        for obj in (c for c in children_of(prep) if c.dep_ == "pobj"):
            if noun_sense(obj) is not None:
                found = phrase_actors(obj, actors, via_of=False)
                if found:
                    return found
    return []


def _agentive(found: list[str], actors: TokenActors, *, addressed: bool) -> bool:
    """Can these actors threaten? States, armed groups and officials can; an agency that warns of a
    famine forecasts, unless it warns someone ("ECOWAS leaders warned the three states")."""
    words = lexicon()
    sectors = words.agentive_sectors if addressed else words.agentive_sectors - {"IGO", "NGO"}
    return any(actors.kinds.get(a) in words.agentive_kinds and (actors.kinds.get(a) != "person"
                                                                or actors.sectors.get(a) in sectors)
               or actors.sectors.get(a) in sectors for a in found)


def _crowd(who: Token) -> bool:
    words = lexicon().crowd_words
    return any(t.lemma_.lower() in words or t.lower_ in words for t in subtree_of(who))


def _enough(candidate: Candidate, actors: TokenActors) -> bool:
    """Enough to be an event: some actor, target, place, date or number of its own. Weak nouns ("aid",
    "sanctions") need an actor, a date or a number; "war" a date; a bare plural ("frontal assaults")
    an actor."""
    doc = candidate.trigger.doc
    own = [doc[i] for i in candidate.tokens]
    dated = any(t.ent_type_ == "DATE" for t in own)
    counted = any(t.ent_type_ in {"CARDINAL", "MONEY", "QUANTITY"} or t.like_num for t in own)
    if candidate.needs_date:
        return dated
    if candidate.kind == "noun" and candidate.governor is None and getattr(noun_sense(candidate.trigger), "light_only",
                                                                           False):
        return False  # "the Ergenekon investigation" is talked about; "launched an investigation" is told
    placed = any(i in actors.place_country for i in candidate.tokens)
    if candidate.kind == "noun" and candidate.governor is None and candidate.bare \
            and not (candidate.actor or candidate.recipient or dated or located(candidate.trigger, actors.place_country)):
        return False  # "frontal assaults" is no event, "protests in Suez" is
    if candidate.weak:
        return bool(candidate.actor) or dated or counted
    named_doer = candidate.subject_noun and (candidate.sense.type in {"PROTEST", "COERCE", "ASSAULT"} | VOICED or (
        candidate.sense.type in MATERIAL and acting_body(candidate.governor or candidate.trigger)))
    acted = candidate.governor if candidate.kind == "noun" else candidate.trigger  # "was placed under house arrest"
    convicted = acted is not None and (candidate.sense.mode == "convict" or candidate.sense.mode in {
        "arrest", "deport", "release"} and is_passive(acted))  # "he was sentenced to life", "was
    # briefly imprisoned", "six were released without charge": done to someone by the state
    return bool(candidate.actor or candidate.recipient) or dated or counted or placed or candidate.sense.specific \
        or named_doer or convicted


