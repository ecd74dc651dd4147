"""The country of an event's party that the sentence names without one.

A sentence often names who acted, or whom it was done to, by a word that carries no country: "police",
"the opposition", "rebels", "fishermen", "the government", a surname the gazetteers do not know ("Uribe
charged …"), an organisation with no country in its name ("the Transitional National Council"). The
annotation codes such a party by the country it acts in or belongs to (docs/annotation.md, "Actor and
recipient"; "police in Karachi" -> PAK, "rebels in Darfur" -> SDN), and a reader of the sentence alone can
usually tell it from what the sentence itself names:

1. a place inside the party's own phrase ("police in Karachi", "leaders in Benghazi");
2. the place the event happened in ("protesters rallied in Lyon", "clashed with militants in Mosul");
3. the one country the sentence names besides the other side of the event ("Correa rejected the
   accusation, saying Ecuador …"; for an actor the recipient's country is the other side: "security
   forces detained six Canadian citizens" gives the actor no country).

Before these, a person the gazetteers did not know by full name takes the country every Phoenix person of
that surname shares ("Nouri Maliki", "Correa"). Told by a noun alone, unrest ("protests in Suez",
"clashes in Mombasa") is the place's own people's; a target that names a well-known city no extractor read
("an attack on Kharkiv") is on its state.

``fill_actor`` runs before the defaults of ``state_actors.py`` (which make states of the places) and
``fill_recipient`` after them, so every rule of the parse and of the defaults decides first. Parties keep
their identity: a person or organisation without a country gets that country; a common noun the actors
extractor made no actor of stands for the state when it names its authorities or forces ("police",
"soldiers"), else for a group of its own kind ("fishermen" -> a population, "gunmen" -> an armed group),
reusing the article's population or named state of that country rather than growing one actor per noun.
Nothing is guessed when the sentence names no country or several.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from sitreps.extract.frames import words as frame_words
from sitreps.extract.plover import lexicon, noun_sense, verb_lemma
from sitreps.extract.roles import TokenActors, agent, people_words, role_words, subject
from sitreps.extract.speakers import lexicon as speaker_words
from sitreps.extract.state_actors import next_actor_id, state_of_country
from sitreps.extract.tree import children_of, subtree_of
from sitreps.gazetteer import gazetteer, surname_country
from sitreps.gazetteer_places import lookup_place
from sitreps.types import Actor, Mention, Report

# Pronouns that stand for a party ("they would send a team", "she called on …"); "it" may be anything.
PARTY_PRONOUNS = frozenset({"he", "she", "they", "we"})
# Kinds of actor whose country a sentence may supply (a state or a population already has one).
FILLABLE = frozenset({"person", "organization", "unknown", "population"})
# Sectors of the state's own bodies (speakers.yaml): "police", "soldiers", "prosecutors" act for the state.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG"})
WITHDRAWALS = frozenset({"RETREAT", "CONCEDE"})  # "withdrew from Georgia": whom it is from
EDGES = frozenset({"border", "frontier", "boundary"})  # a border named by one side lies between two
BIG_CITY = 100_000  # people: a city whose name alone says where it is
PEOPLE_ENDINGS = ("man", "men", "er", "ist", "ian", "ant", "ent")  # fisherman, herder, activist, civilian
VENUES = frozenset({"CONSULT", "AGREE"})  # events whose place is a venue the parties come to, not their home
TARGET_PREPS = frozenset({"on", "against", "at", "with", "to", "toward", "towards", "upon", "into"})


def fill_actor(verb: Token | None, actor: list[str], recipient: list[str], place_country: str | None,
               sentence: Span, report: Report, actors: TokenActors, *, kind: str = "",
               noun: Token | None = None) -> list[str]:
    """The actor with the country the sentence gives a party that has none (see the module docstring); for an
    event told by a noun alone (``noun``, or with a verb whose subject it is), only unrest, which is the place's
    own people's."""
    _by_surname(actor, report, actors)
    if actor and not _countryless(actor, actors):
        _fill_partners(actor, recipient, sentence, report, actors, kind)
        return actor
    who = _doer(verb) if verb is not None else None
    alone = verb is None or noun is not None and _told_of(noun, verb)  # "Clashes in Mombasa left three people
    # dead", "there were protests in Suez": a verb whose subject is the noun adds no doer
    if not actor and noun is not None and alone and place_country is not None and _strife(noun, kind):
        return _people(place_country, report, actors)  # "protests in Suez", "clashes in the Rift Valley"
    if not actor and (who is None or not _party(who) or _any_state(who)):
        return actor
    # the other side's country is not the actor's; a deployment's recipient is where the troops go, which
    # is often their own country ("troops landed in Mutsamudu")
    others = _countries_of(recipient, actors) if kind != "MOBILIZE" else set()
    # where a named person acted is not their country ("Pillay praised the government … in Tripoli"); a body
    # without a country is usually of the place it acts in ("the Youth Coalition's march to Manama")
    people = any(actors.kinds.get(a) == "person" for a in actor) or not actor and who is not None \
        and who.pos_ == "PROPN"  # a name no extractor read is most likely a person's
    venue = kind in VENUES  # "the two leaders met in Geneva": where they meet is not whose they are
    country = _context_country(who, None if people or venue else place_country, sentence, actors,
                               exclude=others | {place_country} if venue and place_country else others, kind=kind)
    if country is None:
        return actor
    if actor:
        _give(actor, country, report, actors)
        return actor
    return _group(who, country, report, actors) if who is not None else state_of_country(report, country, actors)


def fill_recipient(verb: Token | None, actor: list[str], recipient: list[str], place_country: str | None,
                   sentence: Span, report: Report, actors: TokenActors, *, kind: str = "",
                   noun: Token | None = None) -> list[str]:
    """The recipient with the country the sentence gives a party that has none: a person or organisation
    acted on ("arrested Bacar"), or a target named by a common noun ("accused the government", "battled
    militants in Basra"). ``actor`` is the actor as the parse gave it: a country it names is no ground for
    the recipient unless the place says so ("We urge the governments of the region", said a US spokesman)."""
    others = _countries_of(actor, actors)
    _by_surname(recipient, report, actors)
    if recipient:
        if not _countryless(recipient, actors):
            return recipient
        country = _context_country(None, None, sentence, actors, exclude=others, kind=kind)
        if country is not None:
            _give(recipient, country, report, actors)
        return recipient
    if noun is not None and (verb is None or _told_of(noun, verb)) and place_country is not None and kind == "ASSAULT" \
            and _strife(noun, kind):  # also "clashes in Goma left three dead": the verb only tells them
        return state_of_country(report, place_country, actors)  # "the shooting in El Paso": on the place's state
    targets = _targets(verb) if verb is not None else []
    country = next((c for t in targets if (c := _unread_place(t, actors)) is not None), None)
    target = next((t for t in targets if _party(t, acting=False)), None)
    if country is None and target is not None:
        if actors.at(target):
            return recipient
        country = _context_country(target, place_country, sentence, actors, exclude=others, kind=kind)
    found = state_of_country(report, country, actors) if country is not None else []
    return [a for a in found if a not in actor] or recipient


def _unread_place(token: Token, actors: TokenActors) -> str | None:
    """The country of a well-known place a target names that no extractor read as a place ("launched an attack
    on Kharkiv" when the parser tagged the city as no entity): a city of 100,000 people or more, or a country's
    first-level region. A small town of that name (there is a Hannibal in Missouri) is not enough."""
    if token.pos_ != "PROPN" or token.i in actors.place_country or actors.at(token) or not token.text[:1].isupper():
        return None
    words = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [token]
    found = lookup_place(" ".join(t.text for t in words))
    if found is None or found.country is None:
        return None
    return found.country if found.population >= BIG_CITY or found.kind == "admin1" else None


def _strife(noun: Token, kind: str) -> bool:
    """Unrest a place's own people make: a protest, or fighting, clashes and riots told with no side."""
    return kind == "PROTEST" or kind == "ASSAULT" and any(n.lemma_.lower() in role_words()["strife"]
                                                          for n in (noun, *noun.conjuncts))  # "revenge killings,
    # tribal fighting and upheaval"


def _people(country: str, report: Report, actors: TokenActors) -> list[str]:
    """The people of a country as an actor: the article's population of it, else its state, else made."""
    record = gazetteer().countries.get(country)
    if record is None:
        return []
    same = [a for a in report.actors if a.country == country]
    found = next((a for a in same if a.kind == "population"), None) or next((a for a in same if a.kind == "state"),
                                                                            None)
    if found is None:
        found = Actor(id=next_actor_id(report), name=record.people[0] if record.people else record.name,
                      kind="population", country=country, sector="CVL")
        report.actors.append(found)
        actors.countries[found.id], actors.kinds[found.id], actors.sectors[found.id] = country, "population", "CVL"
    return [found.id]


def _group(who: Token, country: str, report: Report, actors: TokenActors) -> list[str]:
    """The actor a common noun stands for in that country: the state for its authorities and forces ("police
    in Karachi" act for Pakistan); else a group of its own kind, not the state: "students in Dhaka" are
    Bangladeshis, "gunmen in Kano" Nigerian gunmen. The article's own actor of those people is taken when it
    has one (its population of that country, else, told before, its state), so that one article does not
    grow an actor per common noun."""
    roles = role_words()
    lemma = who.lemma_.lower()
    group = speaker_words().groups.get(lemma) or speaker_words().groups.get(who.lower_)
    described = group.sector if group is not None else None
    common = who.pos_ == "NOUN" or who.is_sent_start and who.tag_ in {"NNS", "NNPS"}  # "Fishermen rescued …"
    if not common or described in STATE_SECTORS or lemma in roles["states"] \
            or described is None and lemma in roles["authorities"]:
        return state_of_country(report, country, actors)
    record = gazetteer().countries.get(country)
    if record is None:
        return []
    armed = described == "REB" or described is None and lemma in roles["armed"]
    kind, sector = ("organization", "REB") if armed else ("population", "CVL")
    name = f"{record.adjective} {who.lower_}" if armed else (record.people[0] if record.people else record.name)
    same = [a for a in report.actors if a.country == country]
    found = next((a for a in same if a.name == name), None) \
        or (None if armed else next((a for a in same if a.kind == "population"), None)) \
        or next((a for a in same if a.kind == "state" and _named(a)), None)
    if found is None:
        found = Actor(id=next_actor_id(report), name=name, kind=kind, country=country, sector=sector)
        report.actors.append(found)
        actors.countries[found.id], actors.kinds[found.id], actors.sectors[found.id] = country, kind, sector
    if found.kind == "state":
        return [found.id]  # the people are not the state's words: no mention of it
    start = who.left_edge.idx  # "thousands of protesters", "around 40 policemen": the phrase up to its head
    mention = Mention(start, who.idx + len(who.text), who.doc.text[start:who.idx + len(who.text)],
                      report.sentence_of(start))
    if not any(m.start == mention.start for m in found.mentions):
        found.mentions.append(mention)
        found.mentions.sort(key=lambda m: m.start)
    return [found.id]


def _named(state: Actor) -> bool:
    """A state the text names as such (its name, a nationality word), not one made for a place ("near Palermo")."""
    gaz = gazetteer()
    return any(gaz.country(m.text) is not None or m.text in gaz.by_adjective for m in state.mentions)


def _fill_partners(actor: list[str], recipient: list[str], sentence: Span, report: Report,
                   actors: TokenActors, kind: str) -> None:
    """"Medvedev and Kokoity met": a partner without a country takes the one country the sentence names
    besides its partners' and the other side's."""
    known = _countries_of(actor + recipient, actors)
    missing = [a for a in actor if actors.countries.get(a) is None and actors.kinds.get(a) in FILLABLE]
    if missing:
        named = _sentence_countries(sentence, actors, kind) - known
        if len(named) == 1:
            _give(missing, next(iter(named)), report, actors)


def _any_state(who: Token) -> bool:
    """"a country invading its neighbour": no state in particular."""
    return who.lemma_.lower() in role_words()["states"] and any(
        c.dep_ == "det" and c.lower_ in {"a", "an", "any", "another", "every", "no"} for c in children_of(who))


def _by_surname(ids: list[str], report: Report, actors: TokenActors) -> None:
    """A person the gazetteers did not know by full name, whose surname the Phoenix dictionaries give one
    country for ("Prime Minister Nouri Maliki": Iraq's; "Correa": Ecuador's; not "Uribe", borne in Colombia
    and Venezuela)."""
    for found in report.actors:
        if found.id in ids and found.kind == "person" and found.country is None:
            country = surname_country(found.name)
            if country is not None:
                _give([found.id], country, report, actors)


def _countries_of(ids: list[str], actors: TokenActors) -> set[str]:
    return {c for a in ids if (c := actors.countries.get(a))}


def _countryless(ids: list[str], actors: TokenActors) -> bool:
    return all(actors.countries.get(a) is None and actors.kinds.get(a) in FILLABLE for a in ids)


def _give(ids: list[str], country: str, report: Report, actors: TokenActors) -> None:
    """A person or organisation keeps its identity and gains the country."""
    for found in report.actors:
        if found.id in ids and found.country is None:
            found.country = country
            actors.countries[found.id] = country
            actors.by_country.setdefault(country, []).append(found.id)


def _doer(verb: Token) -> Token | None:
    """Who did it: the subject of an active verb, the "by" phrase of a passive one; not the subject of a verb
    whose subject suffers it ("twelve soldiers died in the fighting in Darfur" are not the attackers)."""
    who, passive = subject(verb)
    return agent(verb) if passive else None if _suffered(verb) else who


def _told_of(noun: Token, verb: Token) -> bool:
    """The verb only tells the noun happened or what it did: the noun (or the first of its conjuncts) is its
    subject, or the subject of its "there was" ("there were protests in Suez")."""
    first = noun.head if noun.dep_ == "conj" and noun.head.pos_ in {"NOUN", "PROPN"} else noun
    return first.head.i == verb.i and first.dep_ in {"nsubj", "nsubjpass", "attr"}


def _suffered(verb: Token) -> bool:
    """A verb whose subject has the act done to it ("died in", "came under fire", "suffered airstrikes")."""
    entry = lexicon().verbs.get(verb_lemma(verb) or "")
    return entry is not None and entry.inverse and not entry.inverse_objects


def _targets(verb: Token) -> list[Token]:
    """What an act was done to: its objects, the subject of a passive, its "on/against/with …" phrases and
    those of its object ("launched an attack on Kharkiv")."""
    who, passive = subject(verb)
    objects = [c for c in children_of(verb) if c.dep_ in {"dobj", "dative"}]
    found = list(objects)
    if (passive or _suffered(verb)) and who is not None:
        found.append(who)
    found += [o for head in (verb, *objects) for p in children_of(head) if p.dep_ == "prep" and p.lower_ in TARGET_PREPS
              for o in children_of(p) if o.dep_ == "pobj"]
    return found


def _party(token: Token, *, acting: bool = True) -> bool:
    """A word that names a party though no country: a name, a pronoun for people (as an actor), or a noun
    for authorities, armed groups, people or bodies; not an event, a weapon or a document ("the report
    accuses …" is its issuer's)."""
    if token.pos_ == "PRON":
        return acting and token.lower_ in PARTY_PRONOUNS
    if token.pos_ == "PROPN":
        return True
    if token.pos_ != "NOUN" or noun_sense(token) is not None:
        return False
    lemma = token.lemma_.lower()
    if lemma in role_words()["documents"]:
        return False
    if lemma in people_words() or lemma in speaker_words().groups or lemma in frame_words().addressees \
            or lemma in lexicon().party_words or lemma in lexicon().crowd_words:
        return True
    # other people named by a plural of a word for people ("fishermen rescued …", "herders fled …"), not things
    # ("projectiles struck …", "rockets hit …")
    return acting and token.tag_ == "NNS" and lemma.endswith(PEOPLE_ENDINGS) and not lexicon().classes.get(lemma)


def _context_country(phrase: Token | None, place_country: str | None, sentence: Span, actors: TokenActors, *,
                     exclude: set[str], kind: str) -> str | None:
    """The country of a party from the sentence: a place in its phrase, the event's place, else the one
    country the sentence names besides ``exclude`` (the other side's). A place counts whoever the other side
    is: "rebels in Darfur attacked a convoy" and "soldiers clashed with militants near Mosul" are acts of
    that country's parties on that country's."""
    if phrase is not None and phrase.pos_ != "PRON":
        inside = [actors.place_country[t.i] for t in subtree_of(phrase) if t.i in actors.place_country]
        if inside:
            return inside[0]
    if place_country is not None:
        return place_country
    named = _sentence_countries(sentence, actors, kind) - exclude
    return next(iter(named)) if len(named) == 1 else None


def _sentence_countries(sentence: Span, actors: TokenActors, kind: str) -> set[str]:
    """Every country the sentence names: its actors' countries, its places' and its words of nationality;
    not a place a move started from ("crossed in from Germany"), unless the event is the withdrawal from it."""
    gaz = gazetteer()
    places = role_words()["place_nouns"]  # "near the German border": where, not who
    found: set[str] = set()
    for token in sentence:
        for actor in actors.at(token):
            country = actors.countries.get(actor)
            if country and actors.kinds.get(actor) != "media":  # "told the BBC": a reporter, not a side
                found.add(country)
        if token.i in actors.place_country:
            edge = token.dep_ in {"amod", "compound"} and token.head.lemma_.lower() in EDGES  # "near the German
            origin = token.head.lower_ == "from" and token.head.head.pos_ == "VERB"  # border", "came from"
            if not edge and (kind in WITHDRAWALS or not origin):
                found.add(actors.place_country[token.i])
        elif token.text[:1].isupper() and token.pos_ in {"ADJ", "PROPN", "NOUN"} \
                and not (token.dep_ in {"amod", "compound"} and token.head.lemma_.lower() in places):
            nation = gaz.by_adjective.get(token.text) or gaz.by_people.get(token.text)
            if nation is not None:
                found.add(nation.iso3)
    return found
