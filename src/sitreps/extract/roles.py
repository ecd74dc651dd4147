"""Who a phrase names, and who the subject of a verb is: the parse questions claims and events share.

Actors are found by the actors extractor (``report.actors``, with every mention's
offsets, including coreference mentions such as "the two dictators" for two
people or "He" for the last person named). This module only maps tokens to
those actors and walks the dependency parse:

``TokenActors.for_doc(doc, report)``
    token index -> actor ids, built once per document from the mentions (and
    shared by claims and events through ``doc.user_data``), so a lookup costs
    nothing however many actors the article names; also the article's actor for
    a country (``state``), for a demonym the actors extractor left as a word
    (``named``: "Russian central bank reserves") and for a place (``place``).
``phrase_actors(token)``
    the actors a noun phrase names: its head's mention, else its modifiers'
    ("a Ukrainian missile strike" -> Ukraine, "Russia's army" -> the army or
    Russia), "the two countries" (the last states named), "made by X", plus
    every conjunct ("Russia and North Korea signed" -> both). A pronoun is the
    reporter when it is the subject of what is reported ("Niger announced that
    it …"), a possessive is bound by its clause's subject ("soldiers … their
    movement"), else the actors extractor's coreference decides.
``subject(verb)``
    the subject a verb has in the parse (the nearest, when a dateline is parsed
    as a second one) or inherits: from the verb it is a complement or conjunct
    of ("continues to provide", "seized … and detained"), from the noun a
    relative clause or participle modifies, from the object of an object-control
    verb ("urged Hamas to accept") or of an accusation ("accused Armenia of
    shelling").
``Sentences.for_doc(doc)``
    the sentence of each token, found once (``token.sent`` walks the document).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from sitreps.extract.actors import actor_for_token, resolve_name
from sitreps.extract.state_actors import state_actor
from sitreps.extract.tree import children_of
from sitreps.gazetteer import gazetteer
from sitreps.nlp import index_sentences, sentence_numbers
from sitreps.resources import load_yaml
from sitreps.types import Mention, Report

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
# Modifiers that stay inside a noun phrase when asking whom it names (not prepositions or clauses).
CORE = {"compound", "amod", "poss", "nmod", "appos", "det", "nummod", "npadvmod", "case", "quantmod", "flat"}
# Verbs whose object is the subject of their infinitive complement ("urged Hamas to accept").
OBJECT_CONTROL = {"urge", "ask", "allow", "order", "force", "enable", "help", "permit", "invite", "tell",
                  "encourage", "press", "call", "push", "pressure", "authorize", "authorise", "empower",
                  "persuade", "convince", "request", "require", "warn", "instruct", "embolden", "prompt",
                  "lead", "cause", "compel", "oblige"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom", "whose"}
CHARGING = {"accuse", "blame", "charge", "suspect", "convict", "criticize", "criticise", "condemn", "praise",
            "thank", "punish", "sanction", "fault"}
PERSONAL_PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "his", "its", "their"}


@lru_cache(maxsize=1)
def role_words() -> dict[str, frozenset[str]]:
    """The word lists of ``data/roles.yaml`` (victims, first-person pronouns, documents)."""
    return {key: frozenset(value) for key, value in load_yaml("roles.yaml").items()}


@lru_cache(maxsize=1)
def doer_words() -> frozenset[str]:
    """Authorities and armed forces: the words for parties that act as a state's or a group's force."""
    roles = role_words()
    return roles["authorities"] | roles["armed"]


@lru_cache(maxsize=1)
def people_words() -> frozenset[str]:
    """Every word ``roles.yaml`` knows for people or bodies a sentence can name as a party."""
    roles = role_words()
    return doer_words() | roles["victims"] | roles["bodies"]


CACHE = "sitreps.roles"  # doc.user_data key: this module's indexes, built once for claims and events


def _cached(doc: Doc, key: tuple, build):
    store = doc.user_data.setdefault(CACHE, {})
    if key not in store:
        store.clear() if len(store) > 4 else None
        store[key] = build()
    return store[key]


class Sentences:
    """The sentence of every token, found once (``token.sent`` walks the whole document each time)."""

    @classmethod
    def for_doc(cls, doc: Doc) -> Sentences:
        return _cached(doc, ("sentences",), lambda: cls(doc))

    def __init__(self, doc: Doc) -> None:
        self.spans: list[Span] = index_sentences(doc)
        self.index = sentence_numbers(doc)

    def of(self, token: Token) -> Span:
        return self.spans[self.index[token.i]]

    def start(self, token: Token) -> int:
        return self.spans[self.index[token.i]].start


class TokenActors:
    """Actor ids per token, from the report's actor mentions (coreference mentions included)."""

    @classmethod
    def for_doc(cls, doc: Doc, report: Report) -> TokenActors:
        """The index for this document and report, shared by the claims and events extractors."""
        key = ("actors", id(report), sum(len(a.mentions) for a in report.actors), len(report.places))
        return _cached(doc, key, lambda: cls(doc, report))

    def __init__(self, doc: Doc, report: Report) -> None:
        self.doc = doc
        self.report = report
        self.by_token: dict[int, list[tuple[int, str]]] = {}
        for actor in report.actors:
            for mention in actor.mentions:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is None:
                    continue
                size = mention.end - mention.start
                for i in range(span.start, span.end):  # indices only: no Token made per word
                    self.by_token.setdefault(i, []).append((size, actor.id))
        self.creating = False  # make state actors for countries named only as places or adjectives
        self.kinds = {actor.id: actor.kind for actor in report.actors}
        self.sectors = {actor.id: actor.sector for actor in report.actors}
        self.countries = {actor.id: actor.country for actor in report.actors}
        self.by_country: dict[str, list[str]] = {}
        for actor in sorted(report.actors, key=lambda a: a.kind != "state"):
            if actor.country:
                self.by_country.setdefault(actor.country, []).append(actor.id)
        self.place_country: dict[int, str] = {}
        for place in report.places:
            for mention in place.mentions:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is not None and place.country:
                    for i in range(span.start, span.end):
                        self.place_country.setdefault(i, place.country)
        self._entities = {i: ent for ent in doc.ents if ent.label_ in {"NORP", "GPE"} for i in range(ent.start, ent.end)}

    def state(self, country: str | None, token: Token | None = None) -> list[str]:
        """The article's actor for a country (its state first), if the article names one; while
        ``creating`` (the events extractor), else a state actor made for it (``state_actors.py``),
        with ``token``'s word as its mention."""
        found = self.by_country.get(country or "", [])[:1]
        if found or not self.creating or not country:
            return found
        actor = state_actor(self.report, country, self._mention(token) if token is not None else None)
        if actor is None:
            return []
        self.kinds[actor.id], self.sectors[actor.id], self.countries[actor.id] = actor.kind, actor.sector, country
        self.by_country.setdefault(country, []).insert(0, actor.id)
        return [actor.id]

    def _mention(self, token: Token) -> Mention:
        span = self._entities.get(token.i) or token.doc[token.i:token.i + 1]
        start = span.start_char
        return Mention(start, span.end_char, span.text, self.report.sentence_of(start))

    def named(self, token: Token) -> list[str]:
        """A demonym or country name the actors extractor left as a word ("Russian central bank
        reserves", "U.S. MQ-9 Reaper drones", "Iraqi civilians"): the article's actor for that country."""
        entity = self._entities.get(token.i)
        if entity is None:
            return self._adjective(token)
        resolved = resolve_name(entity.text) or (resolve_name(token.text) if len(entity) == 1 else None)
        return self.state(resolved.country, token) if resolved is not None and resolved.kind == "state" else []

    def _adjective(self, token: Token) -> list[str]:
        """A nationality adjective the parser tagged as no entity ("Somali pirates", "a Greek-flagged tanker"):
        the article's actor for that country, only for a capitalised modifier the gazetteer lists as a
        demonym (a country name outside an entity stays a word: it may be a person's or a street's)."""
        if token.dep_ not in {"amod", "compound", "npadvmod", "nmod"} or not token.text[:1].isupper():
            return []
        country = gazetteer().by_adjective.get(token.text)
        return self.state(country.iso3, token) if country is not None else []

    def place(self, token: Token) -> list[str]:
        """The state a place lies in, as an actor ("allowed Kyiv to fire", "aircraft toward Taiwan",
        "sent food to Sudan"), and those of places coordinated with it ("targets in Lebanon and Syria")."""
        found = self.state(self.place_country.get(token.i), token)
        if found:
            for other in _conjuncts(token)[1:]:
                found += [a for a in self.state(self.place_country.get(other.i), other) if a not in found]
        return found

    def at(self, token: Token) -> list[str]:
        """Actors whose mention covers the token, the tightest mention first (several for "the two leaders")."""
        found = self.by_token.get(token.i)
        if not found:
            return []
        smallest = min(size for size, _ in found)
        return _unique(actor for size, actor in sorted(found) if size == smallest)

    def pronoun(self, token: Token) -> list[str]:
        """A pronoun's antecedent: the subject of the verb of saying it reports for ("Niger, Mali and
        Burkina Faso announced that they were quitting", "Baku said it would not sign"), else the
        actors extractor's coreference rule."""
        if token.pos_ == "PRON" and token.lower_ in role_words()["first_person"]:
            return self._speaker(token) if self.creating else []  # the claims decide their own "we"
        if token.pos_ != "PRON" or token.lower_ not in PERSONAL_PRONOUNS:
            return []
        reporter = self._reporting_subject(token)
        if reporter:
            return reporter
        actor = actor_for_token(self.doc, self.report, token)
        return [actor.id] if actor is not None else []


    def _speaker(self, pronoun: Token) -> list[str]:
        """"We call on all parties …, he said": the speaker of the quote or claim the pronoun is in."""
        start = pronoun.idx
        ids = {actor.id for actor in self.report.actors}
        for claim in self.report.claims:
            if claim.start <= start < claim.end and claim.speaker in ids:
                return [claim.speaker]
        return []

    def _reporting_subject(self, pronoun: Token) -> list[str]:
        slot = pronoun  # the subject of the reported clause: the pronoun, or the noun it is the possessive of
        if pronoun.dep_ == "poss":
            bound = self._bound(pronoun)
            slot = pronoun.head
            if bound or slot.dep_ not in {"nsubj", "nsubjpass"} or slot.head.dep_ != "ccomp":
                return bound  # "La Russa said that his country will send": the reporter, read below
        verb = slot.head
        if slot.dep_ not in {"nsubj", "nsubjpass"} or verb.dep_ != "ccomp":
            return []
        above = verb.head
        who = next((c for c in children_of(above) if c.dep_ == "nsubj"), None)
        if who is None or who.pos_ == "PRON":
            return []
        found = phrase_actors(who, self)
        plural = pronoun.lower_ in {"they", "them", "their"}
        people = [a for a in found if self.kinds.get(a) == "person"]
        if pronoun.lower_ in {"he", "she", "him", "her", "his"}:
            return people[:1]
        if plural and (len(found) > 1 or who.tag_ in {"NNS", "NNPS"}):
            return found
        if not plural and len(found) == 1 and not people:
            return found
        return []


    def _bound(self, pronoun: Token) -> list[str]:
        """A possessive bound by its clause's subject ("soldiers are training … before their movement")."""
        verb = next((a for a in pronoun.ancestors if a.pos_ in {"VERB", "AUX"}), None)
        if verb is None:
            return []
        who, passive = subject(verb)
        if who is None or who.i > pronoun.i or who.pos_ == "PRON" \
                or who.left_edge.i <= pronoun.i <= who.right_edge.i:
            return []
        found = phrase_actors(who, self, conjuncts=True)
        people = [a for a in found if self.kinds.get(a) == "person"]
        if pronoun.lower_ in {"his", "her"}:
            return people[:1]
        if pronoun.lower_ == "their" and (len(found) > 1 or who.tag_ in {"NNS", "NNPS"} or _has_plural_pobj(who)):
            return found
        if pronoun.lower_ == "its" and len(found) == 1 and not people:
            return found
        return []


def _has_plural_pobj(token: Token) -> bool:
    return token.pos_ == "ADP" and any(c.dep_ == "pobj" and c.tag_ in {"NNS", "NNPS"} for c in children_of(token))


def phrase_actors(token: Token, actors: TokenActors, *, conjuncts: bool = True, via_of: bool = True) -> list[str]:
    """Actors that the noun phrase headed by ``token`` names (see the module docstring)."""
    found: list[str] = []
    if token.pos_ == "ADP":  # "between 4 thousand and 5 thousand conscripts are …"
        token = next((c for c in children_of(token) if c.dep_ == "pobj"), token)
    for head in _conjuncts(token) if conjuncts else [token]:
        own = actors.at(head) or actors.pronoun(head) or _the_two(head, actors)
        core = _core(head)
        if own:  # "French and German leaders", "the US and Chinese governments": every coordinated modifier
            own = own + [a for word in _coordinated_modifiers(core) for a in actors.at(word) or actors.named(word)]
        if not own:  # "a Ukrainian missile strike", "Russia's army"
            for modifier in core:
                own.extend(actors.at(modifier))
        if not own:  # "Russian central bank reserves", "U.S. MQ-9 Reaper drones"
            for word in [head, *core]:
                own.extend(actors.named(word))
        if not own:  # "their counterparts"
            for modifier in core:
                if modifier.dep_ == "poss":
                    own.extend(actors.pronoun(modifier))
        if not own:  # "the accusations made by the United States"
            for clause in children_of(head):
                if clause.dep_ == "acl" and clause.tag_ == "VBN":
                    by = agent(clause)
                    if by is not None:
                        own.extend(phrase_actors(by, actors, via_of=False))
        if not own and via_of:
            for child in children_of(head):
                if child.dep_ == "prep" and child.lower_ == "of":
                    for obj in children_of(child):
                        if obj.dep_ == "pobj":
                            own.extend(phrase_actors(obj, actors, via_of=False))
        found.extend(own)
    return _unique(found)


PAIRS = {"countries", "sides", "nations", "states", "governments", "neighbours", "neighbors", "capitals",
         "rivals", "parties", "juntas", "regimes"}
COUNTS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5}


def _the_two(head: Token, actors: TokenActors) -> list[str]:
    """"the two countries", "both sides", "the three juntas": the last states named before."""
    count = next((COUNTS[c.lower_] for c in children_of(head) if c.lower_ in COUNTS), 0)
    if head.lower_ not in PAIRS or not count:
        return []
    found: list[str] = []
    for i in range(head.i - 1, max(-1, head.i - 400), -1):
        for actor in actors.at(head.doc[i]):
            if actors.kinds.get(actor) == "state" and actor not in found:
                found.append(actor)
        if len(found) == count:
            return found
    return []


def _core(head: Token) -> list[Token]:
    """The head's modifiers inside its noun phrase (compounds, adjectives, possessives), recursively,
    with coordinated modifiers ("Israeli and Lebanese negotiators") and appositives ("YEREVAN — Armenia and
    Azerbaijan said")."""
    out: list[Token] = []
    stack = [c for c in children_of(head) if c.dep_ in CORE]
    while stack:
        token = stack.pop()
        out.append(token)
        stack.extend(c for c in children_of(token) if c.dep_ in CORE or c.dep_ == "conj" and token.dep_ in {"amod", "compound",
                                                                                                      "appos", "nmod"})
    return sorted(out, key=lambda t: t.i)


def _coordinated_modifiers(core: list[Token]) -> list[Token]:
    """Modifiers coordinated with one another inside a noun phrase ("French" and "German" in "French and German
    leaders"): the mention of the phrase may cover only the last."""
    linked = [t for t in core if t.dep_ == "conj" and t.head in core]
    return linked + [t.head for t in linked] if linked else []


def _conjuncts(token: Token) -> list[Token]:
    out = [token]
    for child in children_of(token):
        if child.dep_ == "conj" and child.pos_ in {"NOUN", "PROPN", "PRON"}:
            out.extend(_conjuncts(child))
    return out


def subject(verb: Token, depth: int = 0) -> tuple[Token | None, bool]:
    """The verb's subject phrase head (own or inherited) and whether the verb is passive."""
    passive = is_passive(verb)
    own = [c for c in children_of(verb) if c.dep_ in SUBJECTS]
    if own:  # the nearest: "KYIV, March 14 - Minister Sybiha told …" has the dateline as a subject too
        child = min(own, key=lambda c: abs(verb.i - c.i))
        if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return _issuer(_first_conjunct(verb)), passive
        return child, passive
    if depth > 4:
        return None, passive
    head = verb.head
    if head.i == verb.i:
        return None, passive
    if verb.dep_ == "relcl":
        return _issuer(_first_conjunct(verb)), passive
    if verb.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN", "PRON"}:
        # "soldiers deployed to fight": the noun is what the participle was done to
        return (_issuer(head) if verb.tag_ == "VBG" else head), passive or verb.tag_ == "VBN"
    if verb.dep_ == "xcomp":
        if head.lemma_.lower() in OBJECT_CONTROL:
            obj = next((c for c in children_of(head) if c.dep_ in {"dobj", "dative"}), None)
            if obj is not None:
                return obj, passive
        return subject(head, depth + 1)[0], passive
    lifted = lifted_conjunct(verb)
    if lifted is not None:
        return subject(lifted, depth + 1)[0], passive
    if verb.dep_ in {"acomp", "attr", "oprd"} or head.dep_ == "acomp" and verb.dep_ == "xcomp":
        return subject(head, depth + 1)[0], passive  # "was ready to accept", "is due to choose"
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ == "VERB":
        charged = head.head  # "accused Armenia of shelling", "companies accused of supplying"
        obj = next((c for c in children_of(charged) if c.dep_ == "dobj"), None)
        if charged.lemma_.lower() in CHARGING:
            if obj is not None:
                return obj, passive
            if charged.dep_ == "acl":
                return charged.head, passive
        return subject(charged, depth + 1)[0], passive
    if verb.dep_ in {"conj", "advcl", "pcomp"} and head.pos_ in {"VERB", "AUX"}:
        if verb.dep_ == "advcl" and any(c.dep_ == "mark" for c in children_of(verb)):
            return None, passive
        return subject(head, depth + 1)[0], passive
    return None, passive


def _first_conjunct(clause: Token) -> Token:
    """The noun a relative clause is about; a plural clause after coordinated names is about all of them
    ("Medvedev and Kokoity, who met on Tuesday": from the first, whose conjuncts ``phrase_actors`` adds)."""
    noun = clause.head
    if clause.tag_ == "VBZ" or any(c.tag_ == "VBZ" for c in children_of(clause) if c.dep_ in {"aux", "auxpass"}):
        return noun  # "… and the minister, who says": the last one only
    while noun.dep_ == "conj" and noun.head.pos_ in {"NOUN", "PROPN"}:
        noun = noun.head
    return noun


def _issuer(noun: Token) -> Token:
    """A document that says something speaks for whoever issued it: "China's foreign ministry released a
    statement that urged a return to talks" (the ministry urged), "issued a report blaming …"."""
    if noun.lemma_.lower() not in role_words()["documents"] or noun.dep_ != "dobj" \
            or any(c.dep_ == "poss" for c in children_of(noun)):
        return noun
    issuer = next((c for c in children_of(noun.head) if c.dep_ == "nsubj"), None)
    return issuer if issuer is not None else noun


def lifted_conjunct(verb: Token) -> Token | None:
    """The verb a conjunct really coordinates with, when the parse hangs it inside a "that" clause.

    In "determined that the RSF had committed genocide and imposed sanctions", "imposed" has no
    subject and no "that" of its own: it goes with "determined", not with "committed".
    """
    head = verb.head
    if verb.dep_ != "conj" or head.dep_ != "ccomp" or any(c.dep_ in {"nsubj", "nsubjpass", "mark"}
                                                          for c in children_of(verb)):
        return None
    if not any(c.dep_ == "mark" and c.lower_ in {"that", "whether"} for c in children_of(head)):
        return None
    upper = head.head
    return upper if upper.pos_ in {"VERB", "AUX"} and verb.tag_ == upper.tag_ else None


def agent(verb: Token) -> Token | None:
    """The "by" phrase of a passive verb ("was picked up by a French destroyer")."""
    for child in children_of(verb):
        if child.dep_ == "agent":
            return next((c for c in children_of(child) if c.dep_ == "pobj"), None)
    return None


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in children_of(verb))


def objects(verb: Token) -> list[Token]:
    """Direct objects, datives and the subject of a passive (what the action was done to)."""
    return [c for c in children_of(verb) if c.dep_ in {"dobj", "dative", "attr", "oprd"}]


def preposition_objects(token: Token, preps: frozenset[str] | set[str]) -> list[Token]:
    """Objects of the token's prepositions among ``preps`` ("met with Kim" -> Kim)."""
    found: list[Token] = []
    for child in children_of(token):
        if child.dep_ in {"prep", "dative"} and child.lower_ in preps:
            found.extend(c for c in children_of(child) if c.dep_ == "pobj")
    return found


def _unique(items) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)
