"""The frame first: offers, promises, threats, demands, appeals, accusations and denials are events of their own.

The PLOVER manual codes a speech act by what it is, not by the act it mentions: "offered to hand
over the suspects" is an offer (AGREE, planned), "threatened to close the border" a threat,
"urged the rebels to lay down their arms" a request, "accused the army of shelling the camp" an
accusation, "denied that its troops fired on civilians" a denial (docs/annotation.md, "The frame
first"). The act of saying happened; the act it mentions is context, not a separate event. Word
lists are in ``data/frames.yaml``.

``frame_kind(token)``
    whether a verb or noun opens a frame here (directive, commissive, threat, accusation, denial):
    a frame verb with something said after it (an infinitive, a clause, "of" + a gerund, or its
    particle: "called for"). ``events.py`` codes such a word as the frame's type.
``embed(candidates)``
    an event told inside a frame ("to surrender", "of shelling", "that any attacks would ...") is
    folded into it: dropped as an event, its roles and kind giving the frame's recipient and mode;
    a promise of force is a threat and a promised withdrawal a concession.
``recode(...)``
    what a clause's own modality makes of an event told by a speaker: a hostile act the speaker
    says it will do is a threat ("North Korea said it would attack any loudspeakers"), an act the
    speaker says another must do a request ("Israel must stop the raids, the minister said").
``verbal_or_material(...)``
    PLOVER's verbal/material pairs: an announced withdrawal is CONCEDE, an actual release RETREAT.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from sitreps.extract.attribution import AUTHOR, cues
from sitreps.extract.event_units import Candidate
from sitreps.extract.material import forces
from sitreps.extract.plover import Sense, lexicon
from sitreps.extract.roles import lifted_conjunct
from sitreps.extract.tree import children_of
from sitreps.resources import load_yaml

# Links that leave what is said: a relative clause, an aside, a coordinated act, a subordinate clause.
OUTSIDE = {"relcl", "parataxis", "appos", "cc", "punct", "npadvmod", "mark", "dep"}
# Prepositions under a frame verb that introduce what is said or done ("accused X of", "called for").
COMPLEMENT_PREPS = {"of", "for", "with", "to", "against", "about", "over", "on", "upon", "from", "into"}
FUTURE = {"will", "would", "shall", "'ll", "wo", "'d"}
UNREAL_SAID = {"planned", "hypothetical"}
HAPPENED = {"asserted", "reported", "claimed"}


@dataclass(frozen=True, slots=True)
class FrameWords:
    verbs: dict[str, str]
    particles: dict[str, frozenset[str]]
    particle_only: frozenset[str]
    infinitive_only: frozenset[str]
    subject_only: frozenset[str]
    addressed_only: frozenset[str]
    nouns: dict[str, str]
    accusation_modes: dict[str, str]
    types: dict[str, str]
    modes: dict[str, dict[str, str]]
    stopping: frozenset[str]
    hostile: frozenset[str]
    conceding: frozenset[str]
    spoken_threats: frozenset[str]
    conditions: frozenset[str]
    speaker_pronouns: frozenset[str]
    material: dict[str, tuple[str, str | None]]
    hostile_words: frozenset[str]
    denied_objects: frozenset[str]
    commands: frozenset[str]
    about: frozenset[str]
    addressees: frozenset[str]
    stative: frozenset[str]


@lru_cache(maxsize=1)
def words() -> FrameWords:
    data = load_yaml("frames.yaml")
    by_lemma = {lemma: kind for kind, lemmas in data["verbs"].items() for lemma in lemmas}
    nouns = {lemma: kind for kind, lemmas in data["nouns"].items() for lemma in lemmas}
    material = {key: (value.partition("/")[0], value.partition("/")[2] or None)
                for key, value in data["material_concessions"].items()}
    return FrameWords(
        verbs=by_lemma,
        particles={verb: frozenset(str(p) for p in parts) for verb, parts in data["particles"].items()},
        particle_only=frozenset(data["particle_only"]),
        infinitive_only=frozenset(data["infinitive_only"]),
        subject_only=frozenset(data.get("subject_only") or ()),
        addressed_only=frozenset(data.get("addressed_only") or ()),
        nouns=nouns,
        accusation_modes={lemma: mode for mode, lemmas in data["accusation_modes"].items() for lemma in lemmas},
        types=dict(data["types"]),
        modes={kind: dict(table) for kind, table in data["modes"].items()},
        stopping=frozenset(data["stopping"]),
        hostile=frozenset(data["hostile"]),
        conceding=frozenset(data["conceding"]),
        spoken_threats=frozenset(data["spoken_threats"]),
        conditions=frozenset(data["conditions"]),
        speaker_pronouns=frozenset(data["speaker_pronouns"]),
        material=material,
        hostile_words=frozenset(data["hostile_words"]),
        denied_objects=frozenset(data["denied_objects"]),
        commands=frozenset(data["commands"]),
        about=frozenset(data["about"]),
        addressees=frozenset(data["addressees"]),
        stative=frozenset(data["stative"]),
    )


# --- which words open a frame --------------------------------------------------------------------

def frame_kind(token: Token) -> str | None:
    """The kind of frame ``token`` opens here (``directive``, ``commissive``, ``threat``, ``accusation``,
    ``denial``), or None: a frame verb needs something said after it, a frame noun a complement."""
    table = words()
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB":
        kind = table.verbs.get(lemma)
        if kind is None:
            return None
        kids = children_of(token)
        particles = table.particles.get(lemma, frozenset())
        if any(c.dep_ == "prt" and c.lower_ not in particles for c in kids):
            return None  # another phrasal verb: "called up for training", "called off the talks"
        if any(c.dep_ in {"prt", "prep", "mark"} and c.lower_ in particles for c in kids):
            return kind  # "called for a ceasefire", "called on X to", "called for the crowd to march" (mark)
        if any(c.dep_ in {"advcl", "ccomp", "xcomp"} and c.i > token.i and any(
                m.dep_ == "mark" and m.lower_ in particles and m.i == token.i + 1 for m in children_of(c))
               for c in kids):
            return kind  # "calling for NATO forces to exercise caution": the small model hangs "for" lower
        if lemma in table.particle_only:
            return None
        if lemma in table.addressed_only and not any(c.dep_ in {"dobj", "dative"} for c in kids):
            return None
        if lemma in table.subject_only:
            return kind if any(c.dep_ in {"ccomp", "xcomp"} and any(a.dep_ == "aux" and a.lower_ == "to" for a in
                                                                    children_of(c))
                               and any(s.dep_ == "nsubj" for s in children_of(c)) for c in kids) else None
        if _infinitive(token, addressed=kind == "directive"):
            return kind
        if lemma in table.infinitive_only:
            return None
        if kind == "denial" and any(c.dep_ == "dobj" and c.lemma_.lower() in table.denied_objects
                                    for c in kids):
            return kind  # "denied any involvement", "denied these claims"
        return kind if _clause(token) or _gerund(token) else None
    if token.pos_ == "NOUN":
        kind = table.nouns.get(lemma)
        if kind is None:
            return None
        complement = any(c.dep_ in {"acl", "ccomp", "relcl"} and _said(c) for c in children_of(token)) or any(
            c.dep_ == "prep" and c.lower_ in {"of", "for", "to", "against", "that"} for c in children_of(token))
        return kind if complement else None
    return None


def frame_sense(token: Token, kind: str) -> Sense:
    """The frame's type, with the accusation's mode read from its word ("accused": allege)."""
    table = words()
    mode = table.accusation_modes.get(token.lemma_.lower()) if kind == "accusation" else None
    return Sense(table.types[kind], mode, True)


def _infinitive(verb: Token, *, addressed: bool) -> bool:
    """"ordered the militants to surrender", "offered to hand over"; for a directive with an addressee
    also an infinitive the small model hangs as an adverbial clause ("called on X to investigate"),
    which is otherwise a purpose ("rejected the presence of troops to help their cause")."""
    for child in children_of(verb):
        if not any(a.dep_ == "aux" and a.lower_ == "to" for a in children_of(child)) \
                or any(m.dep_ == "mark" for m in children_of(child)):
            continue
        if child.dep_ in {"xcomp", "ccomp"}:
            return True
        if child.dep_ == "advcl" and addressed and _addressee(verb):
            return True
    return False


def _addressee(verb: Token) -> bool:
    """Someone the verb is addressed to: a person, group or state as its object ("urged the rebels",
    "called on the government"), not a thing ("commanded military operations")."""
    for child in children_of(verb):
        found = [child] if child.dep_ in {"dobj", "dative"} else [
            g for g in children_of(child) if g.dep_ == "pobj"] if child.dep_ == "prep" and child.lower_ in {
            "on", "upon", "with"} else []
        for token in found:
            if token.pos_ in {"PROPN", "PRON"} or token.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}:
                return True
            if token.pos_ == "NOUN" and token.tag_ in {"NNS", "NNPS"} or token.lemma_.lower() in words().addressees:
                return True
    return False


def _clause(verb: Token) -> bool:
    """"denied that its troops fired", "warned that any attacks would ..." or a clause under the object
    ("denied claims that he had supplied ...")."""
    if any(c.dep_ == "ccomp" and _said(c) for c in children_of(verb)):
        return True
    return any(c.dep_ == "dobj" and any(g.dep_ in {"acl", "ccomp"} and any(m.lower_ == "that" for m in children_of(g))
                                        for g in children_of(c)) for c in children_of(verb))


def _said(clause: Token) -> bool:
    """A clause of what is said: not a question ("asked whether ...")."""
    return not any(c.dep_ == "mark" and c.lower_ in {"whether", "if", "because", "as", "while", "when", "after",
                                                      "before", "since", "although", "though"}
                   for c in children_of(clause))


def _gerund(verb: Token) -> bool:
    """"accused Armenia of shelling", "blamed Russia for attacking", "denied attacking", "committed to maintaining"."""
    for child in children_of(verb):
        if child.dep_ in {"xcomp", "dobj", "ccomp"} and child.tag_ == "VBG":
            return True
        if child.dep_ == "xcomp" and any(a.dep_ in {"aux", "auxpass"} and a.tag_ == "VBG" for a in children_of(child)):
            return True  # "denied being involved", "denied having ordered the strike": the gerund is the auxiliary
        if child.dep_ == "prep" and child.lower_ in COMPLEMENT_PREPS and any(
                g.dep_ == "pcomp" and g.tag_ == "VBG" for g in children_of(child)):
            return True
        if child.dep_ == "prep" and child.lower_ == "to" and any(g.dep_ == "pobj" and g.pos_ == "NOUN"
                                                                 for g in children_of(child)) \
                and words().verbs.get(verb.lemma_.lower()) == "commissive":
            return True  # "committed to a ten-year arms package", "pledged to a ceasefire"
    return False


# --- what is told inside a frame ------------------------------------------------------------------

def embed(candidates: list[Candidate], countries: dict[str, str | None], kinds: dict[str, str],
          sectors: dict[str, str | None]) -> None:
    """Fold every event told inside a frame into it ("urged Hamas to accept the truce", "accused the army
    of shelling", "warned that any attacks on Gaza would ...", "denied claims that he had supplied ...");
    then settle the frames that folded nothing (see ``_settle``)."""
    hosts = {c.trigger.i: c for c in candidates if c.frame and not c.dropped}
    if not hosts:
        return
    host: Candidate | None
    for host in hosts.values():  # a command to one's own side is the commander's act, not a request
        if host.frame == "directive" and host.trigger.lemma_.lower() in words().commands \
                and _own_forces(host, countries, kinds):
            if all(sectors.get(r) in {"MIL", "COP"} for r in host.recipient):
                host.sense, host.frame, host.recipient = Sense("MOBILIZE", "troops", True), "command", []
            else:
                host.dropped = True  # "ordering the Treasury to drive exports toward zero": an internal order
    hosts = {i: c for i, c in hosts.items() if not c.dropped}
    folded: set[int] = set()
    for candidate in candidates:
        if candidate.dropped:
            continue
        host = _host(candidate, hosts)
        if host is None or host.dropped:
            continue
        _fold(host, candidate)
        folded.add(host.trigger.i)
    for host in hosts.values():
        if host.frame == "threat" and _forecast(host.trigger):
            host.dropped = True  # "officials warned that more attacks could take place": a forecast
        elif host.trigger.i not in folded:
            _settle(host)


def _forecast(verb: Token) -> bool:
    """A warning of what may happen, not of what the warner will do: its clause is under "could",
    "may" or "might" ("warned that further strikes could follow")."""
    clause = next((c for c in children_of(verb) if c.dep_ == "ccomp"), None)
    return clause is not None and any(c.dep_ == "aux" and c.lower_ in {"could", "may", "might"}
                                      for c in children_of(clause))


def _lexicon_sense(verb: Token) -> bool:
    """Does the PLOVER lexicon code this verb on its own ("rejected", "dismissed")?"""
    entry = lexicon().verbs.get(verb.lemma_.lower())
    return entry is not None and entry.sense is not None


def _own_forces(host: Candidate, countries: dict[str, str | None], kinds: dict[str, str]) -> bool:
    """"ordered the Comoran army to ...": the one commanded is of the commander's own country (an
    organisation, not another state), or armed forces where neither side is named ("ordered the army to")."""
    own = {countries.get(a) for a in host.actor} - {None}
    if not own:  # "I have ordered the Comoran army to …": armed forces the unnamed commander commands
        return any(c.dep_ == "dobj" and forces(c) for c in children_of(host.trigger)) \
            and all(kinds.get(r) != "state" for r in host.recipient)
    return bool(own) and bool(host.recipient) and all(
        countries.get(r) in own and kinds.get(r) != "state" for r in host.recipient)


def _settle(host: Candidate) -> None:
    """A frame that folded no coded act: a promise is a threat when what is promised is force ("vowed
    that operations would escalate"); a denial that denies no act and no charge is left to the claims
    ("denied that the government had abandoned the goal")."""
    table = words()
    heads = [c for c in children_of(host.trigger) if c.dep_ in {"xcomp", "ccomp", "advcl"}]
    said = heads + [g for c in heads for g in children_of(c) if g.dep_ in {"nsubj", "nsubjpass", "dobj", "prt"}]
    if host.frame == "commissive" and any(t.lemma_.lower() in table.hostile_words for t in said) \
            and not any(_refrains(c) for c in heads):
        host.sense = Sense("THREATEN", None, True)
    elif host.frame == "denial" and host.kind == "verb" and frame_kind(host.trigger) is not None \
            and not _lexicon_sense(host.trigger):
        objects = [t for c in children_of(host.trigger) if c.dep_ == "dobj" for t in [c, *children_of(c)]]
        if not any(t.lemma_.lower() in table.denied_objects for t in objects) and not _denies_a_part(heads):
            host.dropped = True


def _sent_to(verb: Token) -> bool:
    """Forces sent "to" a country, not "against" or "into" one ("send troops to Mali", not "mobilise the army
    against the South")."""
    preps = {c.lower_ for c in children_of(verb) if c.dep_ == "prep"}
    return "to" in preps and not preps & {"against", "into", "on"}


def _denies_a_part(heads: list[Token]) -> bool:
    """What a denial says is someone's part in something ("denied that his government had been involved in
    the plot", "denied being involved in the killings", "denied that Iran was behind the attack"): a charge is
    denied though no act is coded, so the denial is a REJECT."""
    charged = words().about | words().denied_objects | lexicon().blame_words
    return any(t.lemma_.lower() in charged or t.lower_ in charged
               for c in heads for t in [c, *(g for g in children_of(c) if g.dep_ in {"acomp", "prep", "attr", "dobj"})])


def _host(candidate: Candidate, hosts: dict[int, Candidate]) -> Candidate | None:
    """The frame the candidate is told inside: walking up from it through what is said, never out of a
    relative clause, an aside, a coordinated or subordinate clause, or through the frame's subject."""
    token = candidate.governor or candidate.trigger
    clausal = candidate.kind == "verb" and candidate.governor is None
    for _ in range(8):
        head = token.head
        if head.i == token.i or token.dep_ in OUTSIDE:
            return None
        if token.dep_ == "advcl" and any(c.dep_ == "mark" for c in children_of(token)):
            return None  # "after the army attacked": a circumstance, not what is said
        if token.dep_ == "prep" and token.lower_ not in COMPLEMENT_PREPS:
            return None  # "condemned … in Geneva", "to come to its aid in the event of an attack": a setting
        if lifted_conjunct(token) is not None:
            return None  # "denied that Russia was targeting civilians and dismissed …": a second act
        if head.lemma_.lower() in words().about:
            return None  # "alleged to be involved in a mob attack": the attack happened
        clausal = clausal or token.dep_ in {"ccomp", "xcomp", "pcomp", "acl", "advcl"}
        host = hosts.get(head.i)
        if host is not None and host is not candidate:
            if token.dep_ in {"nsubj", "nsubjpass", "csubj", "conj", "agent", "advmod"}:
                return None
            if host.frame == "accusation" and not clausal:
                _addressed(host, candidate)  # "condemned the seizure of a boat": the seizure happened
                return None
            return host
        if token.dep_ == "conj" and head.pos_ in {"VERB", "AUX"} and head.dep_ in {"ROOT", "parataxis"}:
            return None  # coordinated with the main act, not part of what is said
        if head.pos_ == "VERB" and head.lemma_.lower() in cues().verb_class:
            return None  # "telling reporters that …": a statement of its own
        token = head
    return None


def _addressed(host: Candidate, act: Candidate) -> None:
    """An accusation about an act told as a fact ("condemned the Chinese coast guard's seizure of a fishing
    boat", "blamed North Korea for the sinking") is addressed to whoever did it; the act stays an event."""
    if not host.recipient:
        host.recipient = [a for a in act.actor if a not in host.actor]


def _fold(host: Candidate, inner: Candidate) -> None:
    """The frame takes the act it mentions as context: its kind gives the frame's type and mode, its
    roles the frame's recipient."""
    table = words()
    inner.dropped = True
    host.merged.append(inner)
    host.tokens |= inner.tokens | {inner.trigger.i}
    kind = host.frame
    sense = inner.sense
    if kind == "command":
        return  # "ordered the army to retake the island": the mobilisation, with what it is for as context
    if kind == "commissive":
        if sense.type in table.hostile and _refrains(inner.governor or inner.trigger):
            host.sense = Sense("CONCEDE", None, True)  # "promised not to attack": a promise to hold back force
        elif sense.type == "MOBILIZE" and inner.recipient and _sent_to(inner.governor or inner.trigger):
            host.sense = Sense("AGREE", None, True)  # "pledged to send 2,000 troops to Mali": forces offered to a
            # country are help promised (the manual's military assistance), not force threatened
        elif sense.type in table.hostile:
            host.sense = Sense("THREATEN", threat_mode(sense), True)
        elif sense.type in table.conceding or sense.type == "CONCEDE" and sense.mode == "release":
            host.sense = Sense("CONCEDE", None, True)
        else:
            host.sense = Sense("AGREE", None, True)
    elif kind == "directive" and host.sense.mode is None:
        host.sense = Sense(host.sense.type, request_mode(inner), True)
    elif kind == "threat" and host.sense.type == "THREATEN" and host.sense.mode is None:
        host.sense = Sense("THREATEN", threat_mode(sense), True)
    if host.recipient and not set(host.recipient) <= {a for m in host.merged if m is not inner
                                                     for a in m.actor + m.recipient}:
        return  # the frame names its addressee ("urged Hamas to …"); else each act folded adds its doer
    if kind == "denial":
        return  # a denial answers whoever made the charge (events.py, reactions), not the act's target
    if kind in {"directive", "accusation"}:
        found = inner.actor or (inner.recipient if kind == "directive" and inner.kind == "noun" else [])
    else:
        found = inner.recipient
    # "called for an end to both Palestinian rocket fire and Israeli incursions": both are asked
    host.recipient = host.recipient + [a for a in found if a not in host.actor and a not in host.recipient]


def request_mode(inner: Candidate) -> str | None:
    """What is asked for (PLOVER REQUEST modes): an end to something or a release (yield), a meeting
    (meet), help (assist), a change."""
    table = words()
    trigger = inner.governor or inner.trigger
    near = [trigger, *trigger.ancestors][:4]
    if any(t.lemma_.lower() in table.stopping for t in near):
        return "yield"
    return table.modes["REQUEST"].get(inner.sense.type)


def threat_mode(sense: Sense) -> str | None:
    """What is threatened (PLOVER THREATEN modes): violence, arrest, territory, restrictions, relations."""
    table = words().modes["THREATEN"]
    return table.get(f"{sense.type}/{sense.mode}") or table.get(sense.type)


# --- what the clause's modality makes of it --------------------------------------------------------

def recode(candidate: Candidate, kind: str, modality: str, source: str, speaker: str | None, actor: list[str],
           recipient: list[str], countries: dict[str, str | None]) -> tuple[str, str | None, str, str, list[str],
                                                                               list[str]] | None:
    """The frame a speaker's words make of an event that did not happen; None when nothing changes. ``speaker`` is the actor who says it (None for the
    author or an unnamed source). Returns (type, mode, modality, source, actor, recipient); the act of
    saying is told by the author."""
    table = words()
    anchor = candidate.governor or candidate.trigger
    if speaker and modality in UNREAL_SAID and kind in table.spoken_threats and _future(anchor) \
            and _own_side(speaker, actor, anchor, countries) and _agent_subject(anchor):
        if _negated(anchor):  # "the army announced it would not use force": a concession
            return "CONCEDE", None, "asserted", AUTHOR, actor or [speaker], recipient
        return "THREATEN", threat_mode(Sense(kind, candidate.sense.mode)), "asserted", AUTHOR, \
            actor or [speaker], recipient
    if speaker and modality in UNREAL_SAID | {"negated"} and _conditional(anchor) \
            and kind in table.conceding | {"REJECT"} and _own_side(speaker, actor, anchor, countries):
        return "THREATEN", None, "asserted", AUTHOR, actor or [speaker], recipient  # "will not leave Basra until"
    if speaker and modality == "prescriptive" and actor and not _own_side(speaker, actor, anchor, countries):
        return "REQUEST", request_mode(candidate), "asserted", AUTHOR, [speaker], actor
    return None


def verbal_or_material(candidate: Candidate, kind: str, modality: str) -> tuple[str, str | None] | None:
    """PLOVER's pairs of a verbal concession and its material act: an announced withdrawal is CONCEDE
    ("will withdraw", "are due to pull out"); an actual release or handover is RETREAT ("105 hostages
    were released"), a promised one CONCEDE. Returns (type, mode) when the type changes."""
    table = words()
    if kind in table.conceding and modality == "planned":
        return "CONCEDE", None
    if kind == "CONCEDE" and modality in HAPPENED:
        material = table.material.get(candidate.sense.mode or "") or table.material.get(
            candidate.trigger.lemma_.lower())
        if material is not None:
            return material
    return None


def _agent_subject(anchor: Token) -> bool:
    """The one who would act is named as an agent (a name, a pronoun, a force), not a thing ("the
    president's spontaneity would damage security")."""
    subject = next((c for c in children_of(anchor) if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.pos_ in {"PROPN", "PRON"} or subject.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}:
        return True
    return subject.lemma_.lower() in words().addressees or "troops" in lexicon().classes.get(subject.lemma_.lower(), ())


def _refrains(act: Token) -> bool:
    """The promised act is one not to do ("promised not to attack", "vowed never to strike again")."""
    return any(c.dep_ == "neg" or c.lower_ == "never" for c in children_of(act))


def _negated(anchor: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ == "never" for t in [anchor, *anchor.ancestors][:2] for c in children_of(t))


def _future(anchor: Token) -> bool:
    """Will, would, shall or "going to" on the event's own clause, or a condition ("if", "unless")."""
    for token in [anchor, *anchor.ancestors][:4]:
        if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in FUTURE for c in children_of(token)):
            return True
        if token.lower_ == "going" and any(c.lower_ == "to" for c in children_of(anchor)):
            return True
        if token.pos_ == "VERB" and token.lemma_.lower() in cues().verb_class and token is not anchor:
            break
    return _conditional(anchor)


def _conditional(anchor: Token) -> bool:
    """A condition hangs on the event's clause ("will withdraw ... unless", "would respond if ...")."""
    conditions = words().conditions
    for token in [anchor, *anchor.ancestors][:3]:
        for child in children_of(token):
            if child.dep_ in {"advcl", "prep"} and (child.lower_ in conditions or any(
                    m.dep_ in {"mark", "prep"} and m.lower_ in conditions for m in children_of(child))):
                return True
        if token.pos_ == "VERB" and token.lemma_.lower() in cues().verb_class and token is not anchor:
            break
    return False


def _own_side(source: str, actor: list[str], anchor: Token, countries: dict[str, str | None]) -> bool:
    """Is the one who would act the speaker (or the speaker's side, or "we"), or left unnamed by a
    pronoun or an infinitive ("vowed to strike", "said it would attack")?"""
    subject = next((c for c in children_of(anchor) if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is not None and subject.lower_ in words().speaker_pronouns:
        return True
    if not actor:
        return subject is None or subject.pos_ == "PRON"
    if source in actor:
        return True
    own = countries.get(source)
    return own is not None and own in {countries.get(a) for a in actor}
