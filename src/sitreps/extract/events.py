"""Events: who did what to whom, when and where, in the PLOVER ontology, and whether it happened.

1. **triggers** (``plover.py``, ``data/events.yaml``): verbs ("met", "signed a treaty",
   "pulled out", "sent troops"), nouns ("a missile strike", "talks", "martial law") and
   light verbs that hand their object's event to their subject ("carried out an attack",
   "imposed sanctions").
2. **roles** (``roles.py`` over the actors extractor's mentions): the actor is the subject
   (or the "by" phrase of a passive, or the adjective or possessive of an event noun: "a
   Ukrainian missile strike"); the recipient is the object, a "to/with/against/on" phrase or
   the subject of a passive ("six officers were reported killed"); "received" and "suffered"
   turn the roles round; conjoined subjects are compound actors ("Russia and North Korea
   signed"). An attack on a place with no named target is an attack on the state it lies in.
3. **what is one event** (``event_units.py``): a complement of a request, threat or refusal is
   part of it ("urged Hamas to accept" is one REQUEST); events of one type in one sentence that
   share or leave open their actors are one event ("were reported killed, and three wounded in
   a Ukrainian missile strike"); "the meeting" with no actor of its own is the last meeting
   told. Weak nouns ("the war", "aid", "sanctions") count only with an actor, date or figure.
4. **modality** (``modality.py`` for the clause itself, ``attribution.py`` and the claims for
   who says so): prescriptive, hypothetical, planned and negated clauses first; then denied,
   claimed or reported by the claim or reporting verb above the event; else asserted by the
   author. A refusal in the future of a cooperative act ("will not sign", "will not step
   down") is a REJECT.
5. **source, date, place, figures**: the speaker of the claim the event sits in (else the
   attribution's source, else "author"); the date that governs the trigger
   (``times.date_for_span``); a place in the event's clause; the figures of its clause
   (PLOVER's dead, injured and size), else of its sentence.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from sitreps.extract.actors import dateline_end
from sitreps.extract.attribution import AUTHOR, ActorIndex, Attribution, attribute, cues
from sitreps.extract.event_units import (NOUN_HEADS, Candidate, absorb, anaphora, follow_ups, merge, reciprocal,
                                         weapon_attacker)
from sitreps.extract.modality import own_modality
from sitreps.extract.plover import NounEntry, Sense, VerbEntry, lexicon, mode_of, noun_sense, verb_sense
from sitreps.extract.roles import (Sentences, TokenActors, agent, lifted_conjunct, phrase_actors,
                                   preposition_objects, subject)
from sitreps.extract.times import time_for_span
from sitreps.resources import load_yaml
from sitreps.types import Claim, Event, Report

RECIPIENT_PREPS = frozenset({"to", "with", "against", "on", "toward", "towards", "into", "at", "upon"})
LOCATIVE = frozenset({"in", "near", "at", "on", "across", "around", "outside", "inside", "into", "over", "toward",
                      "towards", "along", "off", "within", "throughout", "onto"})
CASUALTY_VERBS = {"kill", "wound", "injure", "hurt", "die"}
WILLING = {"ready", "willing", "prepared"}
ADJUNCT_PREPS = {"at", "in", "during", "after", "before", "amid", "following", "since"}
CLAUSE_LINKS = {"ccomp", "parataxis", "relcl", "conj", "advcl", "csubj", "mark", "cc", "punct"}
DEFINITE = {"the", "this", "that", "these", "those"}
DEMONSTRATIVE = {"this", "that", "these", "those"}
NAMES = {"ORG", "PERSON", "GPE", "FAC", "LAW", "WORK_OF_ART", "EVENT", "PRODUCT"}
TIME_NOUNS = {"start", "beginning", "end", "outbreak", "anniversary", "eve", "aftermath", "day", "days", "year",
              "years", "months", "weeks", "course", "height"}
OBJECT_PREPS = frozenset({"on", "against", "with"})
DEEP_PREPS = {"ASSAULT": "against", "THREATEN": "against", "SANCTION": "against", "COERCE": "against", "AID": "for"}
HAPPENED = {"asserted", "reported", "claimed"}
CLAIM_MODALITY = {"report": "reported", "opinion": "reported", "prediction": "reported",
                  "prescription": "reported", "denial": "denied"}


# --- entry point ---------------------------------------------------------------------------------

def extract_events(doc: Doc, report: Report) -> None:
    """Fill ``report.events`` and add each event to the ``about`` of the claim it comes from."""
    actors = TokenActors.for_doc(doc, report)
    money = _figure_tokens(doc, report, money_only=True)
    sentences = Sentences.for_doc(doc)
    candidates = _triggers(doc, actors, money)
    for candidate in candidates:
        candidate.sentence = sentences.of(candidate.trigger)
    absorb(candidates)
    merge(candidates, actors.countries)
    anaphora(candidates, report)
    reciprocal([c for c in candidates if not c.dropped])
    weapon_attacker([c for c in candidates if not c.dropped])
    follow_ups([c for c in candidates if not c.dropped], report.article.text)
    _reactions([c for c in candidates if not c.dropped], report, sentences)
    events = _events([c for c in candidates if not c.dropped], doc, report, sentences)
    report.events = events
    claims = report.claims
    for event in events:
        for claim in _claims_at(claims, event.start, event.end):
            claim.about.append(event.id)


# --- 1-2. triggers and roles ----------------------------------------------------------------------

def _triggers(doc: Doc, actors: TokenActors, money: set[int]) -> list[Candidate]:
    words = lexicon()
    found: list[Candidate] = []
    nouns: dict[int, Candidate] = {}
    for token in doc:
        if token.pos_ == "VERB":
            sensed = verb_sense(token, money)
            if sensed is not None and _verbal_event(token):
                candidate = _verb_candidate(token, *sensed, actors)
                if candidate is not None:
                    found.append(candidate)
        elif token.pos_ in {"NOUN", "PROPN"}:
            entry = noun_sense(token)
            if entry is not None and _nominal_event(token, actors):
                found.append(_noun_candidate(token, entry, actors))
    verbs = {c.trigger.i for c in found if c.kind == "verb"}
    for candidate in found:  # light verbs: "carried out an attack", "imposed sanctions", "held talks"
        if candidate.kind != "noun":
            continue
        slot = candidate.trigger
        while slot.dep_ == "conj" and slot.head.pos_ in {"NOUN", "PROPN"}:
            slot = slot.head  # "demonstrating infantry assault and defense training"
        head = slot.head if slot.dep_ not in {"compound", "pobj"} else slot.head.head
        lemma = head.lemma_.lower()
        light = lemma in words.light_verbs or candidate.trigger.lemma_.lower() in words.light_for.get(lemma, ())
        if head.pos_ == "VERB" and light and slot.dep_ in {"dobj", "nsubjpass", "compound", "pobj"}:
            override = words.light_senses.get(lemma, {}).get(candidate.trigger.lemma_.lower())
            if override is not None:
                candidate.sense = override
            _light(candidate, head, actors, turned=lemma == "receive" and override is None)
        elif slot.dep_ == "dobj" and head.i not in verbs and not candidate.actor:
            candidate.dropped = True  # talked about, not told: "demonstrating assault tactics", "ended the war"
    return [c for c in found if not c.dropped and _enough(c, actors)]


def _verbal_event(verb: Token) -> bool:
    """A verb tells an event here: not an adjective ("the besieged city", "among the wounded") and,
    as a bare participle, only with something of its own ("bombs dropped on the region", not
    "each soldier deployed")."""
    if verb.tag_ == "VBG" and verb.dep_ in {"nsubj", "csubj"} and not any(c.dep_ == "det" for c in verb.children):
        return True  # a gerund subject: "Fighting between the army and the RSF has driven …"
    if verb.dep_ in {"amod", "pobj", "nsubj", "dobj", "compound"} or any(c.dep_ == "det" for c in verb.children):
        return False
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return any(c.dep_ in {"prep", "agent", "npadvmod"} and c.lower_ not in {"to", "as"} for c in verb.children)
    return True


def _nominal_event(token: Token, actors: TokenActors) -> bool:
    """A noun can name an event here: not part of a name ("Institute for the Study of War"), not a
    modifier ("missile strike capabilities"), not a point in time ("since the start of the war")."""
    if token.ent_type_ in NAMES or actors.at(token):
        return False
    if token.dep_ == "compound" and token.head.lemma_.lower() not in NOUN_HEADS:
        return False
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in lexicon().circumstance_preps:
        return False  # "ships that carry crude around Western sanctions"
    return not (token.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in TIME_NOUNS)


def _verb_candidate(verb: Token, sense: Sense, entry: VerbEntry, actors: TokenActors) -> Candidate | None:
    who, passive = subject(verb)
    passive = passive or (verb.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_ == "have"
                                                          for c in verb.children))
    candidate = Candidate(sense, verb, "verb", tokens=_clause(verb))
    objects = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
    preps = _recipient_preps(sense.type, bool(objects))
    # "eased sanctions on Syria", "imposed a price cap on Russian oil": the object's target is the event's;
    # "suspended its partnership with Tbilisi": the object's partner; "used 800 bombs of various types
    # against Ukraine", "pledged $40 million in aid for X": a target or beneficiary hung low in the object
    targets = objects + preposition_objects(verb, preps) + [o for obj in objects
                                                           for o in preposition_objects(obj, OBJECT_PREPS)]
    deep = DEEP_PREPS.get(sense.type)
    if deep is not None:
        targets += [o for obj in objects for t in obj.subtree if t.head.i != obj.i and t.dep_ == "prep"
                    and t.lower_ == deep for o in t.children if o.dep_ == "pobj"]
    if entry.inverse:
        candidate.recipient = phrase_actors(who, actors) if who is not None else []
        candidate.actor = _from(preposition_objects(verb, {"from", "by"}), actors) or _from(objects, actors)
    elif passive:
        by = agent(verb)
        candidate.actor = phrase_actors(by, actors) if by is not None else _instrument(verb, actors)
        candidate.recipient = phrase_actors(who, actors) if who is not None else []
        candidate.recipient += _from(targets, actors)
    else:
        candidate.actor = phrase_actors(who, actors) if who is not None else []
        candidate.recipient = _from(targets, actors)
    if not candidate.recipient and sense.type in {"REQUEST", "ACCUSE", "THREATEN"}:
        clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)  # "demanded that Turkey withdraw"
        addressee = next((c for c in clause.children if c.dep_ == "nsubj"), None) if clause is not None else None
        candidate.recipient = phrase_actors(addressee, actors) if addressee is not None else []
    words = lexicon()
    candidate.actor += _from(preposition_objects(verb, words.co_actor_preps), actors)  # "alongside Russian units"
    if sense.type == "MOBILIZE" and passive and not candidate.actor:
        candidate.actor, candidate.recipient = candidate.recipient, []  # "troops were moved up": their side moved them
    shooter = agent(verb) if passive else who
    if sense.type == "ASSAULT" and shooter is not None and any(t.lemma_.lower() in words.defences
                                                               for t in shooter.subtree):
        candidate.interception = True  # "air defences destroyed 23 drones": the event is the attack
        if not passive:
            candidate.actor, candidate.recipient = candidate.recipient, candidate.actor
        else:
            candidate.actor, candidate.recipient = [], candidate.actor
    candidate.casualty = passive and verb.lemma_.lower() in CASUALTY_VERBS and not candidate.actor
    if who is not None and who.head.i == verb.i:
        candidate.tokens |= {t.i for t in who.subtree}
    candidate.weapon = who is not None and bool(words.classes.get(who.lemma_.lower(), frozenset()) & {"materiel"})
    candidate.subject_noun = who is not None and who.pos_ in {"NOUN", "PROPN"}
    if sense.type == "ASSAULT" and who is not None and who.lemma_.lower() in words.rioters:
        candidate.sense = Sense("PROTEST", "riot", True)  # "protesters stormed parliament": a riot
    if entry.intransitive and any(c.dep_ == "dobj" and not actors.at(c) for c in verb.children):
        return None  # "demonstrating assault tactics" shows something; "rallied (outside) parliament" is a rally
    if entry.agentive and not _agentive(candidate.actor, actors, addressed=bool(candidate.recipient)):
        return None
    if entry.crowd and (who is None or not _crowd(who)):
        return None
    if entry.needs_actor and not candidate.actor and not candidate.recipient:
        return None
    return candidate


def _noun_candidate(noun: Token, entry: NounEntry, actors: TokenActors) -> Candidate:
    candidate = Candidate(entry.sense, noun, "noun", weak=entry.weak, tokens=_clause(noun))
    if noun.dep_ == "compound":  # "the EU's 16th sanctions package": the roles are the package's
        candidate.tokens |= _clause(noun.head)
        noun = noun.head
    candidate.actor = phrase_actors(noun, actors, conjuncts=False, via_of=False)
    by = preposition_objects(noun, {"by"} | lexicon().co_actor_preps)
    candidate.actor += _from(by, actors)  # "strikes by Israel", "fighting between the army and the RSF"
    of = _from(preposition_objects(noun, {"of"}), actors)
    if entry.sense.type in {"MOBILIZE", "RETREAT"} and not candidate.actor:
        candidate.actor, of = of, []  # "the deployment of North Korean troops"
    candidate.recipient = _from(preposition_objects(noun, _recipient_preps(entry.sense.type, False)), actors) + of
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN" and not candidate.actor:
        candidate.actor = [a for c in noun.head.head.children if c.dep_ == "poss" for a in phrase_actors(c, actors)]
    determiner = next((c for c in noun.children if c.dep_ == "det"), None)
    candidate.definite = determiner is not None and determiner.lower_ in DEFINITE
    candidate.demonstrative = determiner is not None and determiner.lower_ in DEMONSTRATIVE
    candidate.bare = determiner is None and not any(c.dep_ in {"poss", "nummod"} for c in noun.children) \
        and noun.tag_ in {"NNS", "NNPS"}
    candidate.needs_date = entry.needs_date
    return candidate


def _light(candidate: Candidate, verb: Token, actors: TokenActors, *, turned: bool = False) -> None:
    """A light verb hands its object's event to its subject ("Russia carried out a strike")."""
    who, passive = subject(verb)
    candidate.governor = verb
    candidate.tokens |= _clause(verb)
    if passive:
        by = agent(verb)
        if by is not None and not candidate.actor:
            candidate.actor = phrase_actors(by, actors)
    elif who is not None and not turned:
        candidate.actor = phrase_actors(who, actors) or candidate.actor
        if who.head.i == verb.i:
            candidate.tokens |= {t.i for t in who.subtree}
    elif who is not None:
        candidate.recipient = phrase_actors(who, actors)
    candidate.recipient += _from(preposition_objects(verb, RECIPIENT_PREPS), actors)
    candidate.actor += _from(preposition_objects(verb, lexicon().co_actor_preps), actors)
    candidate.weak = False


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
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or obj.pos_ != "NOUN":
        return None
    determiner = next((c for c in obj.children if c.dep_ in {"det", "poss"}), None)
    return obj if determiner is not None and determiner.lower_ in DEFINITE else None


def _instrument(verb: Token, actors: TokenActors) -> list[str]:
    """The actor of an agentless passive from the event noun it happened in ("killed in a Ukrainian strike")."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"in", "by", "during", "from"}):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            if noun_sense(obj) is not None:
                found = phrase_actors(obj, actors, via_of=False)
                if found:
                    return found
    return []


def _recipient_preps(kind: str, has_object: bool) -> frozenset[str]:
    """"fired at", "talked with": "at" names a target only for attacks and threats, "with" a partner
    only when there is no object ("threatened Sweden with a veto" is an instrument)."""
    preps = set(RECIPIENT_PREPS)
    if kind not in {"ASSAULT", "THREATEN"}:
        preps.discard("at")
    if has_object and kind not in {"CONSULT", "COOPERATE", "AGREE"}:
        preps.discard("with")
    if kind == "AID":
        preps.add("for")  # "announced €120 million in aid for Sudan"
    return frozenset(preps)


def _from(tokens: list[Token], actors: TokenActors) -> list[str]:
    """Actors named by phrases, or the state of a place named there ("allowed Kyiv", "toward Taiwan")."""
    return [a for t in tokens for a in (phrase_actors(t, actors) or actors.place(t))]


def _clause(trigger: Token) -> set[int]:
    """The trigger with its arguments, not the clauses hanging off it."""
    out = {trigger.i}
    stack = [c for c in trigger.children if c.dep_ not in CLAUSE_LINKS]
    while stack:
        token = stack.pop()
        out.add(token.i)
        stack.extend(c for c in token.children if c.dep_ not in {"relcl", "ccomp", "parataxis"})
    return out


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
    return any(t.lemma_.lower() in words or t.lower_ in words for t in who.subtree)


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
    if candidate.kind == "noun" and candidate.governor is None and candidate.bare \
            and not (candidate.actor or candidate.recipient or dated):
        return False
    if candidate.weak:
        return bool(candidate.actor) or dated or counted
    placed = any(i in actors.place_country for i in candidate.tokens)
    named_doer = candidate.subject_noun and candidate.sense.type in {"PROTEST", "COERCE", "ASSAULT"}
    return bool(candidate.actor or candidate.recipient) or dated or counted or placed or candidate.sense.specific \
        or named_doer


# --- 4-5. modality, source, date, place, figures ---------------------------------------------------

def _events(candidates: list[Candidate], doc: Doc, report: Report, sentences: Sentences) -> list[Event]:
    words = lexicon()
    index = ActorIndex(report)
    places = _place_tokens(doc, report)
    header = dateline_end(doc)
    figures = _figure_spans(doc, report, sentences)
    events: list[Event] = []
    candidates.sort(key=lambda c: c.trigger.i)
    for candidate in candidates:
        trigger = candidate.trigger
        modality, source = _modality(candidate, report, index)
        kind = candidate.sense.type
        if modality in {"planned", "negated"} and kind in words.refusable and _refusal(candidate):
            kind, modality = "REJECT", "asserted"  # the refusal itself is what happened
        tokens = sorted(candidate.tokens | {m.trigger.i for m in candidate.merged} | {trigger.i})
        sentence = candidate.sentence
        tokens = [i for i in tokens if sentence.start <= i < sentence.end] or [trigger.i]
        start, end = doc[tokens[0]].idx, doc[tokens[-1]].idx + len(doc[tokens[-1]].text)
        actor = list(dict.fromkeys(candidate.actor))
        if modality == "denied" and not actor and source in {a.id for a in report.actors}:
            actor = [source]  # "Russia denied any role in damage to cables": the denier is who was said to act
        recipient = [r for r in candidate.recipient if r not in actor]
        place = _place(candidate, tokens, places, doc, header)
        if not recipient and kind in {"ASSAULT", "COERCE"} and place is not None:
            recipient = _state_of_place(report, place, actor)
        events.append(Event(
            id=f"E{len(events) + 1}", type=kind,
            mode=_mode(kind, candidate.sense, [doc[i] for i in tokens]),
            actor=actor, recipient=recipient,
            date=time_for_span(report, trigger.idx, trigger.idx + len(trigger.text), doc).value,
            place=place, modality=modality, source=source,
            figures=_figures(candidate, tokens + [i for m in candidate.merged for i in m.tokens], figures, candidates),
            text=report.article.text[start:end], start=start, end=end, sentence=report.sentence_of(start),
            confidence=_confidence(candidate),
        ))
    return events


def _mode(kind: str, sense: Sense, tokens: list[Token]) -> str | None:
    """The lexicon's mode, except that what aid consists of says what kind of aid it is."""
    if kind == "AID":
        return mode_of(kind, tokens) or sense.mode
    return sense.mode if sense.type == kind and sense.mode else mode_of(kind, tokens)


def _modality(candidate: Candidate, report: Report, index: ActorIndex) -> tuple[str, str]:
    """The event's modality and who says so (see the module docstring, step 4)."""
    own = own_modality(candidate.trigger, candidate.governor)
    if own == "planned" and candidate.sense.type == "AGREE" and any(
            t.lemma_.lower() in WILLING for t in (candidate.governor or candidate.trigger).ancestors):
        own = None  # "ready to accept a ceasefire" is the agreement itself
    anchor = candidate.governor or candidate.trigger
    lifted = next((lifted_conjunct(t) for t in [anchor, *anchor.ancestors] if lifted_conjunct(t) is not None), None)
    said = attribute(lifted or anchor, index)
    claim = next(iter(_claims_at(report.claims, candidate.trigger.idx, candidate.trigger.idx + 1)), None)
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


def _refusal(candidate: Candidate) -> bool:
    """"will not sign", "would not seek to open talks": a negated future of a cooperative act."""
    for verb in [candidate.governor or candidate.trigger, *(candidate.governor or candidate.trigger).ancestors]:
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        negated = any(c.dep_ == "neg" for c in verb.children)
        future = any(c.lower_ in {"will", "would", "wo", "'ll", "shall"} for c in verb.children if c.dep_ == "aux")
        if negated and future:
            return True
        if any(c.dep_ in {"aux", "auxpass"} and c.tag_ == "MD" for c in verb.children) or verb.dep_ in {"ROOT", "ccomp"}:
            return False
    return False


def _claims_at(claims: list[Claim], start: int, end: int) -> list[Claim]:
    return [c for c in claims if c.start <= start and end <= c.end]


def _place_tokens(doc: Doc, report: Report) -> dict[int, str]:
    out: dict[int, str] = {}
    for place in report.places:
        for mention in place.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None:
                for token in span:
                    out.setdefault(token.i, place.id)
    return out


def _place(candidate: Candidate, tokens: list[int], places: dict[int, str], doc: Doc, header: int) -> str | None:
    """A place in the event's clause, one after a locative preposition first; the dateline's city only when the
    clause names no other place ("SEOUL, Oct 18 - ... troops were sent to Russia": Russia, not Seoul)."""
    if header and any(i in places and doc[i].idx >= header for i in tokens):
        tokens = [i for i in tokens if doc[i].idx >= header]
    located = [i for i in tokens if i in places and doc[i].head.dep_ == "prep" and doc[i].head.lower_ in LOCATIVE]
    located += [i for i in tokens if i in places and doc[i].dep_ in {"compound", "pobj"}
                and doc[i].head.head.dep_ == "prep" and doc[i].head.head.lower_ in LOCATIVE]
    if not located:
        located = [i for i in tokens if i in places]
    return places[located[0]] if located else None


def _state_of_place(report: Report, place_id: str, actor: list[str]) -> list[str]:
    """An attack on a place with no named target: the state the place lies in, when the article names it."""
    place = next((p for p in report.places if p.id == place_id), None)
    if place is None or not place.country:
        return []
    own = {a.country for a in report.actors if a.id in actor}
    for candidate in report.actors:
        if candidate.kind == "state" and candidate.country == place.country and candidate.country not in own:
            return [candidate.id]
    return []


def _figure_tokens(doc: Doc, report: Report, *, money_only: bool = False) -> set[int]:
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


def _figures(candidate: Candidate, tokens: list[int], figures: list[tuple[str, set[int], int]],
             others: list[Candidate]) -> list[str]:
    """Figures in the event's clause; in a sentence with one event, every figure of the sentence."""
    own = set(tokens)
    sentence = candidate.sentence.start
    inside = [fid for fid, span, _ in figures if span & own]
    alone = sum(1 for c in others if c.sentence.start == sentence) == 1
    if alone:
        inside += [fid for fid, span, sent in figures if sent == sentence and fid not in inside]
    return inside


def _confidence(candidate: Candidate) -> float:
    score = 0.55 if candidate.kind == "verb" else 0.45
    score += 0.15 if candidate.actor else 0.0
    score += 0.1 if candidate.recipient else 0.0
    score += 0.05 * min(len(candidate.merged), 2)
    score -= 0.1 if candidate.weak else 0.0
    return round(min(score, 0.95), 2)
