"""States an event needs that the article names only as a place or an adjective.

An event's actor and recipient point to actors of the report. A country often
appears only as a location or a word of nationality: "fighting *in Kashmir*",
"a *Greek*-flagged tanker", "*Iraqi* civilians were killed", "sent food *to Sudan*".
The actors extractor rightly makes no state actor of these (a country named as a
location is a place, docs/annotation.md), so without one the event's recipient
would stay empty. ``state_actor`` adds the country's state, once, when an event
role needs it; the events extractor is the only caller (claims and figures keep
the actors as the actors extractor found them). Organisations keep their own
identity: "the Turkish police" stays the police (country TUR), and a state is
made only when the article has no actor of that country at all.

The new actor is a ``state`` with the country's short name and Wikidata id from
the gazetteer; its mentions are the words that called for it ("Iraqi", "Kashmir"),
so a reader can see where it came from.

``domestic_target`` gives an attack or an act of repression that names no target the state
of the place it happened in, or, when the people it was done to are named by no one, the
actor's own state (docs/annotation.md: recipients by country).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitreps.extract.tree import children_of
from sitreps.gazetteer import gazetteer
from sitreps.types import Actor, Mention, Report

if TYPE_CHECKING:  # roles.py imports this module
    from sitreps.extract.event_units import Candidate
    from sitreps.extract.roles import TokenActors


def state_actor(report: Report, country: str | None, mention: Mention | None = None) -> Actor | None:
    """The report's state actor for ``country`` (ISO3), added when the article has none; None for an
    unknown code or an organisation code ("UN", "EU"), which is no state."""
    if not country:
        return None
    for actor in report.actors:
        if actor.kind == "state" and actor.country == country:
            _mention(actor, mention)
            return actor
    record = gazetteer().countries.get(country)
    if record is None:
        return None
    actor = Actor(id=next_actor_id(report), name=record.name, kind="state", country=country, wikidata=record.wikidata)
    _mention(actor, mention)
    report.actors.append(actor)
    return actor


def _mention(actor: Actor, mention: Mention | None) -> None:
    if mention is not None and not any(m.start == mention.start for m in actor.mentions):
        actor.mentions.append(mention)
        actor.mentions.sort(key=lambda m: m.start)


def next_actor_id(report: Report) -> str:
    """The next free actor id ("A7"), however the report's ids were made."""
    numbers = [int(a.id[1:]) for a in report.actors if a.id[:1] == "A" and a.id[1:].isdigit()]
    return f"A{max(numbers, default=0) + 1}"


def domestic_target(candidate: Candidate, kind: str, place: str | None, actor: list[str], report: Report,
                    actors: TokenActors, home: str | None = None) -> list[str]:
    """The target of an attack or an act of repression that names none: the state of the place it happened
    in ("an air strike on a house in Basra": Iraq), also the actor's own state when the people it was done
    to are named by no one ("Turkish police arrested two colonels in Istanbul", "police fired on
    protesters"), and for an arrest told without a place the arresting state itself (repression is
    domestic unless the text says whose the arrested are)."""
    domestic = kind == "COERCE" or candidate.unnamed_victims or _a_site(candidate)
    if place is not None:
        found = _state_of_place(report, place, actor, actors, domestic=domestic)
        if found:
            return found
    own = [actors.countries.get(a) for a in actor if actors.countries.get(a)]
    if candidate.unnamed_victims and own:
        return actors.state(own[0])
    if home is not None and place is None and (kind == "COERCE" or candidate.unnamed_victims or
                                               (own and home not in own)):
        # told with neither a target nor a place ("40 people were detained on Wednesday", "Russian missiles
        # struck overnight"): the article's own country, the one its dateline or most of its names point to
        return state_of_country(report, home, actors)
    return []


def _a_site(candidate: Candidate) -> bool:
    """An attack on a place people live or gather in ("attacked a camp", "shelled a market")."""
    from sitreps.extract.roles import role_words  # roles.py imports this module
    verb = candidate.governor or candidate.trigger
    sites = role_words()["sites"]
    return any(c.dep_ == "dobj" and c.lemma_.lower() in sites for c in children_of(verb))


def authority(place: str | None, report: Report, actors: TokenActors, home: str | None) -> list[str]:
    """Who arrests, detains, deports or sentences when the text does not say ("40 people were detained",
    "he was convicted and sentenced"): the state's authorities, as a state actor of the place's country, else
    of the article's own country. Only coercion is read so: a passive attack or kidnapping has no such
    default actor."""
    where = next((p for p in report.places if p.id == place), None) if place else None
    country = (where.country if where is not None else None) or home
    return state_of_country(report, country, actors) if country else []


def beneficiary(place: str | None, report: Report, actors: TokenActors, home: str | None) -> list[str]:
    """Who aid that names no recipient goes to: the state of the place it was sent to or given in ("medicines
    were sent to the affected areas" in a report on Kenya's floods), else the article's own country ("the
    government allocated KSh38 million"). Aid is told where it arrives."""
    if place is not None:
        found = _state_of_place(report, place, [], actors, domestic=True)
        if found:
            return found
    return state_of_country(report, home, actors) if home else []


# Verbal events aimed at someone by nature: a demand, a protest, a criticism is made of a government even when
# the sentence names none ("protesters called for mass demonstrations", "rights groups were critical of the arrests").
DIRECTED_AT_A_STATE = frozenset({"REQUEST", "PROTEST", "ACCUSE"})


def home_target(kind: str, actor: list[str], report: Report, actors: TokenActors, home: str) -> list[str]:
    """The article's own state as the target of a demand, protest or criticism that names none, unless the
    actor is that state itself (a government demanding is not demanding of itself)."""
    own = {actors.countries.get(a) for a in actor}
    kinds = {actors.kinds.get(a) for a in actor}
    if home in own and "state" in kinds:
        return []
    return state_of_country(report, home, actors)


def state_of_country(report: Report, country: str, actors: TokenActors) -> list[str]:
    for candidate in report.actors:
        if candidate.kind == "state" and candidate.country == country:
            return [candidate.id]
    made = state_actor(report, country)
    if made is None:
        return []
    actors.countries[made.id], actors.kinds[made.id] = made.country, made.kind
    return [made.id]


def _state_of_place(report: Report, place_id: str, actor: list[str], actors: TokenActors, *,
                    domestic: bool = False) -> list[str]:
    """An attack on a place with no named target: the state the place lies in (made when the article names
    it only as a place); the actor's own state only for a domestic act."""
    place = next((p for p in report.places if p.id == place_id), None)
    if place is None or not place.country:
        return []
    own = {a.country for a in report.actors if a.id in actor}
    if place.country in own and not domestic:
        return []
    return state_of_country(report, place.country, actors)
