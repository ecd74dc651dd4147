"""Actors: every name, title, demonym group and metonym resolved to a canonical actor.

    1. names      spaCy entities corrected by the gazetteers        (sitreps.gazetteer_match)
    2. readings   each name read in its context: a person with the title around it, a
                  curated organisation, a state (or its capital or seat of power used as a
                  metonym: "Pyongyang said"), a group named by a demonym or a possessive
                  ("North Korean soldiers", "Sudan's army", "Kremlin forces"), or a place
                  ("in Seoul", "Vladivostok, Russia"), which the places extractor geocodes
    3. bodies     bare institution nouns of the article's home country ("police", "parliament")
    4. coref      partial names, "the agency", "the two dictators", "He said"  (extract/coref.py)

Functions later extractors call (figures, claims and events):

``actor_at(report, start, end)``
    the actor whose mention covers the character span best (the tightest mention that
    contains it, else the one overlapping it most), or None.
``actor_for_token(doc, report, token)``
    the actor a token stands for: the mention covering it, or for a pronoun its antecedent.
``resolve_name(text, date=None)``
    (re-exported from ``sitreps.gazetteer``) canonical actor fields for a demonym, country,
    capital, seat of power, organisation or person name, without a document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import cast

from spacy.tokens import Doc, Span, Token

from sitreps.extract.mentions import entity_at
from sitreps.extract import coref
from sitreps.gazetteer import (Resolved, from_entry, gazetteer, military, metonym_candidates, phoenix_organisation,
                               phoenix_person, resolve_candidate, resolve_name, state)
from sitreps.gazetteer_match import Name, find_names, token_texts, tokens
from sitreps.extract.actor_titles import OfficeReading, TitleReading
from sitreps.extract.place_features import FeatureReading
from sitreps.extract.place_reading import POSSESSIVE, PlaceReading
from sitreps.extract.tree import children_of
from sitreps.gazetteer_places import PlaceEntry, admin1, as_place, lookup_place
from sitreps.nlp import text_of
from sitreps.types import Actor, Mention, Report

__all__ = ["actor_at", "actor_for_token", "extract_actors", "resolve_name"]

USER_DATA = "sitreps.names"
ORG_SECTORS = [  # keyword in an organisation's name -> sector (first hit wins)
    ({"ministry", "department", "government", "agency", "office", "authority", "service", "customs", "police",
      "cabinet", "presidency"}, "GOV"),
    ({"army", "forces", "force", "command", "corps", "brigade", "navy", "military", "guard", "battalion",
      "regiment", "division", "fleet"}, "MIL"),
    ({"party", "coalition"}, "POL"),
    ({"parliament", "assembly", "congress", "senate", "committee", "duma", "knesset", "legislature"}, "LEG"),
    ({"court", "tribunal", "prosecutor"}, "JUD"),
    ({"wire", "news", "newswire", "television", "tv", "radio", "post", "times", "broadcaster", "media"}, "MED"),
    ({"university", "institute", "foundation", "watch", "monitor", "monitors", "ngo", "charity", "group"}, "NGO"),
    ({"inc", "ltd", "corp", "company", "bank", "consultancy", "airlines", "lines", "shipping", "energy"}, "BUS"),
    ({"church", "patriarchate", "mosque"}, "REL"),
]


_WITH_THE = {"United States", "Netherlands", "Philippines", "United Kingdom", "Gambia", "Bahamas",
             "United Arab Emirates", "Czech Republic", "Dominican Republic", "Central African Republic"}
_ORG_WORDS = {w for keys, _ in ORG_SECTORS for w in keys} - {"group"}
COMPASS = frozenset({"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western"})


@dataclass(slots=True)
class Found:
    """One resolved mention, in token offsets, before actors are numbered."""

    start: int
    end: int
    resolved: Resolved
    subject_like: bool = False


@dataclass(slots=True)
class Analysis:
    """What step 2 found in a document: actor mentions and place mentions (shared with places.py)."""

    actors: list[Found] = field(default_factory=list)
    places: list[tuple[int, int, PlaceEntry | None]] = field(default_factory=list)
    home: str | None = None
    countries: list[str] = field(default_factory=list)
    dateline_country: str | None = None
    employers: dict[str, Resolved] = field(default_factory=dict)  # person key -> the body their title names


# --- entry points ------------------------------------------------------------------------------

def extract_actors(doc: Doc, report: Report) -> None:
    """Step 1a: fill ``report.actors`` (and leave the place mentions for ``extract_places``)."""
    analysis = analyse(doc, report.article.published)
    report.actors = _number(doc, report, analysis.actors)
    _mark_the_outlet(report)


def _mark_the_outlet(report: Report) -> None:
    """The article's own outlet, named in its dateline ("(Harbour Post) -"), is the media that reports, never a
    party to what is reported: an organisation of that name is media, whatever words its name has."""
    outlet = (report.article.publisher or "").strip().lower()
    for actor in report.actors if outlet else ():
        if actor.kind == "organization" and actor.name.lower() == outlet:
            actor.kind, actor.sector = "media", "MED"


def analyse(doc: Doc, date: str | None = None) -> Analysis:
    """Names read in context, once per document (cached in ``doc.user_data``)."""
    if USER_DATA in doc.user_data:
        return doc.user_data[USER_DATA]
    names = find_names(doc)
    analysis = Analysis()
    analysis.countries, analysis.home = _countries(doc, names)
    dateline = _dateline(doc)
    analysis.dateline_country = dateline[2].country if dateline else None
    reader = _Reader(doc, names, analysis, date)
    reader.read()
    coref.resolve(doc, analysis.actors, reader.covered, analysis.employers)
    doc.user_data[USER_DATA] = analysis
    return analysis


def actor_at(report: Report, start: int, end: int) -> Actor | None:
    """The actor whose mention covers ``start:end`` most tightly, else overlaps it most."""
    return entity_at(report.actors, start, end)


def actor_for_token(doc: Doc, report: Report, token: Token) -> Actor | None:
    """The actor a token stands for: its covering mention, or a pronoun's antecedent."""
    found = actor_at(report, token.idx, token.idx + len(token.text))
    if found is not None or token.pos_ != "PRON":
        return found
    antecedent = coref.antecedent(doc, analyse(doc, report.article.published).actors, token)
    if antecedent is None:
        return None
    return actor_at(report, doc[antecedent.start].idx, doc[antecedent.end - 1].idx + len(doc[antecedent.end - 1]))


# --- numbering ---------------------------------------------------------------------------------

def _number(doc: Doc, report: Report, found: list[Found]) -> list[Actor]:
    actors: dict[str, Actor] = {}
    for item in sorted(found, key=lambda f: (f.start, f.end)):
        r = item.resolved
        actor = actors.get(r.key)
        if actor is None:
            actor = actors[r.key] = Actor(id="", name=r.name, kind=r.kind, country=r.country, sector=r.sector,
                                          role=r.role, wikidata=r.wikidata)
        else:
            actor.role = actor.role or r.role
            actor.sector = actor.sector or r.sector
            actor.country = actor.country or r.country
        span = doc[item.start:item.end]
        mention = Mention(span.start_char, span.end_char, span.text, report.sentence_of(span.start_char))
        if not any(m.start == mention.start and m.end == mention.end for m in actor.mentions):
            actor.mentions.append(mention)
    for index, actor in enumerate(actors.values(), start=1):
        actor.id = f"A{index}"
    return list(actors.values())


def _countries(doc: Doc, names: list[Name]) -> tuple[list[str], str | None]:
    """Countries the article names, most named first, and its home country (dateline first)."""
    gaz = gazetteer()
    counts: dict[str, int] = {}
    placed: dict[str, int] = {}  # where the story happens counts too, behind the countries it names
    for name in names:
        text = doc[name.start:name.end].text
        country = gaz.country(text) or gaz.by_adjective.get(text) or gaz.by_seat.get(text) or gaz.by_people.get(text)
        if country is not None:
            counts[country.iso3] = counts.get(country.iso3, 0) + 1
        elif doc[name.start].ent_type_ == "GPE" and (where := _well_known(text)) is not None:
            placed[where] = placed.get(where, 0) + 1  # "El Paso", "Texas": the United States
    for where, n in placed.items():
        counts[where] = counts.get(where, 0) + n
    ranked = sorted(counts, key=lambda c: -counts[c])
    dateline = _dateline(doc)
    home = dateline[2].country if dateline else (ranked[0] if ranked else None)
    return ranked, home


def _well_known(text: str) -> str | None:
    """The country of a city of 100,000 people or more, or of a first-level region, that a name stands for."""
    found = lookup_place(text)
    if found is None or found.country is None:
        return None
    return found.country if found.population >= 100_000 or found.kind == "admin1" else None


def _dateline(doc: Doc) -> tuple[int, int, PlaceEntry] | None:
    """"KHARKIV, Ukraine, March 14 (Wire) -" or "HELSINKI —": the place the story was filed from."""
    end = 0
    while end < min(len(doc), 4) and doc[end].is_upper and doc[end].is_alpha:
        end += 1
    if end == 0 or end >= len(doc) or doc[end].text not in {",", "—", "-", "–"}:
        return None
    place = lookup_place(doc[:end].text.title())
    return (0, end, place) if place else None


@lru_cache(maxsize=1)
def _weapons() -> frozenset[str]:
    """The lexicon's weapon words as a set made once (asked after every group-like name)."""
    return frozenset(gazetteer().lexicon["weapons"])


def dateline_end(doc: Doc) -> int:
    """Where a dateline header ends ("KHARKIV, Ukraine, March 14 (Wire) - " -> the offset after the dash), else 0.
    The city there is where the story was filed, which is not always where things happened."""
    dateline = _dateline(doc)
    if dateline is None:
        return 0
    for token in doc[:40]:
        if token.text in {"-", "—", "–"} and token.i > 0:
            return token.idx + len(token.text)
    return doc[dateline[1]].idx


# --- the reader: step 2 ------------------------------------------------------------------------

class _Reader(TitleReading, OfficeReading, PlaceReading, FeatureReading):
    org_words = _ORG_WORDS

    def __init__(self, doc: Doc, names: list[Name], analysis: Analysis, date: str | None) -> None:
        self.doc, self.names, self.analysis, self.date = doc, names, analysis, date
        self.gaz = gazetteer()
        self.covered = [False] * len(doc)   # tokens inside an actor or place mention or a title
        self.by_start = {n.start: n for n in names}
        self.persons: list[Found] = []
        self.aliases: dict[str, Resolved] = {}

    # bookkeeping
    def actor_spans(self) -> set[tuple[int, int]]:
        """The (start, end) of every actor mention so far (a set kept up with the list, which only grows),
        so "is this span read already?" is not a pass over every mention."""
        actors = self.analysis.actors
        cached: tuple[set[tuple[int, int]], int] = getattr(self, "_spans", (set(), 0))
        spans, seen = cached
        if seen > len(actors):  # the list was replaced or cut: start again
            spans, seen = set(), 0
        spans.update((f.start, f.end) for f in actors[seen:])
        self._spans = (spans, len(actors))
        return spans

    def actor(self, start: int, end: int, resolved: Resolved) -> Found:
        found = Found(start, end, resolved, _subject_like(self.doc[start:end]))
        self.analysis.actors.append(found)
        for i in range(start, end):
            self.covered[i] = True
        return found

    def place(self, start: int, end: int, entry: PlaceEntry | None) -> None:  # None: a place no entry names
        self.analysis.places.append((start, end, entry))
        for i in range(start, end):
            self.covered[i] = True

    def read(self) -> None:
        dateline = _dateline(self.doc)
        if dateline:
            self.place(*dateline)
        self.read_elided_compass()
        for name in self.names:
            if not self.covered[name.start]:
                self.read_name(name)
        self.read_unlabelled_people()
        self.read_regions()
        self.read_unlabelled_places()
        self.read_features()
        self.read_offices()
        self.read_bodies()
        self.place_people()

    def read_elided_compass(self) -> None:
        """"North and South Korea", "the North and South Korean leaders": the first country's name (or
        adjective) is cut to its compass word, the rest shared with the second; the word alone names the first
        country where both names are countries."""
        doc, gaz = self.doc, self.gaz
        texts = token_texts(doc)  # made once per document: the scan asks every token
        for i in range(len(doc) - 3):
            first, joint, second = texts[i], texts[i + 1].lower(), texts[i + 2]
            if first not in COMPASS or second not in COMPASS or joint not in {"and", "or", "&"}:
                continue
            for end in range(i + 4, min(i + 6, len(doc)) + 1):
                rest = doc[i + 3:end].text
                named = gaz.country(f"{first} {rest}") or gaz.by_adjective.get(f"{first} {rest}")
                other = gaz.country(f"{second} {rest}") or gaz.by_adjective.get(f"{second} {rest}")
                if named is not None and other is not None and not self.covered[i]:
                    self.actor(i, i + 1, state(named))
                    break

    def read_name(self, name: Name) -> None:
        doc, gaz = self.doc, self.gaz
        span = doc[name.start:name.end]
        text = span.text
        r = name.readings
        if "ENTRY" in r:
            entry = gaz.entry(text)
            if entry.kind == "person":
                self.read_person(name, from_entry(entry, self.date))
            else:
                self.org_mention(name.start, name.end, from_entry(entry, self.date))
                self.building(name)
            return
        if "SEAT" in r:
            self.read_seat(name)
            return
        if r == {"PHOENIX"} and name.label != "PERSON":
            # a name read only as PHOENIX is one of its organisations
            self.org_mention(name.start, name.end, cast(Resolved, self.aliases.get(text) or phoenix_organisation(text)))
            return
        if "PLACE" in r:
            if not self.region_name(name):
                entry = lookup_place(text)
                self.place_toward(name.start, name.end, entry)
                if entry is not None and entry.kind in ("region", "admin1") and entry.country and \
                        self.acts(name.start, name.end):
                    self.actor(name.start, name.end, Resolved(entry.name, "state", entry.country, "GOV",
                                                              key=f"region:{entry.name}"))
            return
        if r & {"ADJ", "PEOPLE"} and self.read_demonym(name):
            return
        if "COUNTRY" in r:
            country = gaz.country(text)
            if self.locative(name.start, name.end):
                self.place_toward(name.start, name.end, lookup_place(text))
                if self.also_actor(name.start, name.end):
                    self.actor(name.start, name.end, state(country))
            elif not self.read_group(name.start, name.end, country.iso3):
                self.actor(*(self.with_the(name.start, name.end) if text in _WITH_THE else (name.start, name.end)),
                           state(country))
            return
        if name.label in ("PERSON", "ORG") and self.unknown_place(name):
            return
        if name.label == "PERSON" and span[-1].lower_ not in _ORG_WORDS:
            self.read_person(name, None)
        elif name.label in ("ORG", "PERSON"):
            self.read_org(name)
        elif name.label in ("GPE", "LOC", "FAC", "PRODUCT"):
            person = phoenix_person(text, self.date)
            if person is not None:  # "Thabo Mbeki" taken for a place
                self.read_person(name, person)
            elif not self.region_name(name) and not self.read_place_name(name) and phoenix_organisation(text):
                self.org_mention(name.start, name.end, cast(Resolved, phoenix_organisation(text)))  # an organisation taken for a place

    def read_place_name(self, name: Name) -> bool:
        """A name the model calls a place: a town with its region ("Vermillion, S.D."), else the gazetteers';
        a small town only where the context says it is one."""
        text = self.doc[name.start:name.end].text
        if self.person_word(text) or self.not_a_town(name.start, name.end):
            return False
        entry = self.town_with_region(name) or \
            lookup_place(text, self.analysis.countries, small=name.label != "PRODUCT" and self.place_evidence(name))
        if entry is None and name.label in ("GPE", "LOC"):
            entry = self.unknown_town(name.start, name.end)
        if entry is not None and (entry.kind != "city" or name.label != "PRODUCT" or self.locative(name.start, name.end)):
            self.place_toward(name.start, name.end, self.as_described(name.start, name.end, entry))
            return True
        return False

    # -- states, seats, demonyms and groups --------------------------------------------------------
    def read_seat(self, name: Name) -> None:
        """A capital or seat of power: the place where the text puts something there ("in Seoul"), else the state
        or body it stands for ("Seoul said"); a seat that is a building ("at the Kremlin") is both."""
        text = self.doc[name.start:name.end].text
        bare = text.removeprefix("the ").removeprefix("The ")
        is_capital = bare in self.gaz.capitals
        place = lookup_place(bare, self.analysis.countries)
        building = place is not None and place.kind == "facility"
        if place is not None and not building and (self.locative(name.start, name.end, seat=True) or
                                                   (is_capital and self.place_possessive(name.end))):
            self.place_toward(name.start, name.end, place)
            return
        if building:
            self.building(name)
        resolved = self.metonym(bare)
        if resolved is None:
            return
        if resolved.kind == "state" and self.read_group(name.start, name.end, resolved.country):
            return
        self.actor(name.start, name.end, resolved)

    def building(self, name: Name) -> None:
        """A body named by its building, where the text puts something at it: "strategists at the Pentagon",
        "reports from the State Department" name the building as a place too."""
        text = self.doc[name.start:name.end].text
        place = lookup_place(text.removeprefix("the ").removeprefix("The "))
        if place is not None and place.kind == "facility" and self.locative(name.start, name.end) and \
                self.doc[name.start:name.end].root.head.lower_ in ("at", "from", "in", "inside", "outside", "near", "to"):
            self.analysis.places.append((name.start, name.end, place))

    def metonym(self, text: str) -> Resolved | None:
        candidates = metonym_candidates(text)
        if candidates:
            named = [c for c in candidates if self.named_in_doc(c)]
            return resolve_candidate((named or candidates)[0])
        country = self.gaz.by_seat.get(text)
        return state(country) if country else None

    def named_in_doc(self, candidate: str) -> bool:
        entry = self.gaz.by_entry_name.get(candidate)
        texts = (entry.name, *entry.aliases) if entry else self.gaz.countries[candidate].names
        return any(t in text_of(self.doc) for t in texts if len(t) > 2)

    def read_demonym(self, name: Name) -> bool:
        doc, gaz = self.doc, self.gaz
        text = doc[name.start:name.end].text
        country = gaz.by_adjective.get(text) or gaz.by_people.get(text)
        if self.read_group(name.start, name.end, country.iso3):
            return True
        token = doc[name.end - 1]
        if "ADJ" in name.readings and name.end < len(doc) and doc[name.end].lower_ in self.country_place_nouns:
            self.place(name.start, name.end, as_place(country))  # "on Libyan soil", "the Libyan city of"
            return True
        if "PEOPLE" in name.readings and token.dep_ not in ("amod", "compound") and token.pos_ in ("NOUN", "PROPN", "ADJ"):
            start = name.start
            while start > 0 and doc[start - 1].pos_ == "ADJ" and doc[start - 1].dep_ == "amod":
                start -= 1
            self.actor(start, name.end, Resolved(country.people[0] if country.people else text, "population",
                                                 country.iso3, "CVL", key=f"pop:{country.iso3}"))
            return True
        return "COUNTRY" not in name.readings

    def read_group(self, start: int, end: int, iso3: str | None) -> bool:
        """"<cue> soldiers / air force / officials / missile strike": a group of the cue's country."""
        if iso3 is None:
            return False
        shared = self.coordinated_cues_end(end)  # "Chinese and Russian warships": the group is shared
        found = self.group_after(shared)
        if found is None:
            return False
        group_end, info, is_weapon = found
        if shared > end:
            group_end = end  # this cue's mention is the word alone; the last cue's takes the group noun
        lexicon = self.gaz.lexicon
        if is_weapon:
            self.actor(start, end, military(iso3))
            return True
        resolved: Resolved | None
        if info.get("ministry"):
            resolved = self.ministry(iso3, info["ministry"])
        elif info["kind"] == "state":
            resolved = state(self.gaz.countries[iso3]) if iso3 in self.gaz.countries else None
        elif info["kind"] == "population":
            country = self.gaz.countries.get(iso3)
            resolved = Resolved(country.people[0] if country and country.people else iso3, "population", iso3,
                                "CVL", key=f"pop:{iso3}")
        else:
            resolved = military(iso3, info.get("branch"), info["sector"], info["kind"])
            if info["sector"] == "MED":
                resolved = self.existing(lambda r: r.country == iso3 and r.sector == "MED") or resolved
        if resolved is None:
            return False
        del lexicon
        cue = self.doc[start:end].text
        if resolved.kind == "state" and cue in self.gaz.by_name and not (end < len(self.doc) and self.doc[end].text in POSSESSIVE):
            self.actor(start, end, resolved)
            for i in range(end, group_end):
                self.covered[i] = True
            return True
        if cue in self.gaz.by_name and resolved.kind in ("organization", "population") and resolved.sector in ("GOV", "LEG"):
            self.actor(start, end, state(self.gaz.by_name[cue]))  # "U.S. officials": the state named, and its officials
        self.actor(start, group_end, resolved)
        return True

    def read_group_of(self, start: int, end: int, iso3: str) -> None:
        """"Putin's forces": the group of a person's country; the mention spans name and noun."""
        found = self.group_after(end)
        if found is not None and not found[2] and found[1].get("sector") == "MIL":
            self.actor(start, found[0], military(iso3))

    def coordinated_cues_end(self, end: int) -> int:
        """Where a run of coordinated nationality words after a cue ends ("Chinese *and Russian* warships",
        "U.S.*, British and French* troops"): the group noun after the run is each cue's; ``end`` if none."""
        doc, adjectives = self.doc, self.gaz.by_adjective
        cue = doc[end - 1].text
        if cue not in adjectives and not (cue.isupper() and len(cue) <= 4):  # "Moscow, and Russian officials"
            return end  # a place is no attribute; an abbreviation ("U.S.", "UK") may be one
        k, listed = end, False
        while k + 1 < len(doc) and doc[k].lower_ in {"and", ",", "or"}:
            step = 2 if doc[k + 1].lower_ in {"and", "or"} and doc[k].text == "," else 1  # "U.S., British, and"
            if step == 2 and not listed or k + step >= len(doc) or doc[k + step].text not in adjectives:
                break  # ", and" joins clauses unless a list has begun
            listed = listed or doc[k].text == ","
            k += step + 1
        return k

    def group_after(self, end: int) -> tuple[int, dict, bool] | None:
        doc, lexicon = self.doc, self.gaz.lexicon
        groups, weapons = lexicon["groups"], _weapons()
        lowers = tokens(doc)[1]  # joined from the list: slicing the Doc builds a Span and its Tokens per phrase
        j = end
        if j < len(doc) and doc[j].text in POSSESSIVE:
            j += 1
        sentence_end = doc[end - 1].sent.end
        for k in range(j, min(j + 5, sentence_end)):
            token = doc[k]
            if token.pos_ in ("ADP", "VERB", "AUX", "DET", "CCONJ", "PRON", "PUNCT", "PART", "SCONJ") and token.text != "-":
                break
            for size in (3, 2, 1):
                phrase = " ".join(lowers[k:k + size])
                if k + size <= sentence_end and phrase in groups:
                    if size == 1 and k + 1 < len(doc) and doc[k + 1].pos_ == "NOUN" and token.is_lower:
                        break  # "special military operation", "military satellite": a modifier, not the group
                    return k + size, groups[phrase], False
            if token.lower_ == "ministry":
                words = " ".join(lowers[j:k])
                return k + 1, {"ministry": words or "government", "kind": "organization"}, False
            if token.lower_ in weapons and (k + 1 >= len(doc) or doc[k + 1].pos_ not in ("NOUN",)):
                return k + 1, {}, True
        return None

    def ministry(self, iso3: str | None, words: str) -> Resolved:
        """A ministry by its country and portfolio; with no country known ("the Health Ministry" in a text that
        names no state), by its portfolio alone."""
        country = self.gaz.countries.get(iso3) if iso3 else None
        adjective = country.adjective if country else iso3
        topic = words.replace("ministry of", "").strip().title() or "Government"
        sector = self.gaz.lexicon["ministries"].get(words.lower(), "GOV")
        name = f"{adjective} {topic} Ministry" if adjective else f"{topic} Ministry"
        entry = self.gaz.entry(name)
        if entry is not None:
            return from_entry(entry, self.date)
        return Resolved(name, "organization", iso3, sector, key=f"ministry:{iso3}:{topic.lower()}")

    def existing(self, test) -> Resolved | None:
        for found in reversed(self.analysis.actors):
            if test(found.resolved):
                return found.resolved
        return None

    def org_mention(self, start: int, end: int, resolved: Resolved) -> None:
        if resolved.kind == "state" and self.read_group(start, end, resolved.country):
            return
        if end < len(self.doc) and self.doc[end].lower_ in ("agencies", "governments", "officials", "leaders"):
            end += 1
        descriptor = start
        while descriptor > 0 and (self.doc[descriptor - 1].lower_ in ("grid", "operator", "state", "broadcaster")
                                  or self.doc[descriptor - 1].text in self.gaz.by_adjective) \
                and not self.covered[descriptor - 1]:
            descriptor -= 1
        if descriptor < start and self.doc[start - 1].lower_ in ("operator", "broadcaster"):
            start = descriptor
        if (start, end) not in self.actor_spans():
            self.actor(start, end, resolved)
        self.aliases.setdefault(self.doc[start:end].text, resolved)

    # -- organisations the gazetteers do not know ------------------------------------------------
    def read_org(self, name: Name) -> None:
        text = self.doc[name.start:name.end].text
        resolved = self.aliases.get(text) or self.classify_org(name.start, name.end)
        self.org_mention(name.start, name.end, resolved)
        after = self.doc[name.end:name.end + 3]
        if len(after) == 3 and after[0].text == "(" and after[2].text == ")":
            self.aliases[after[1].text] = resolved
            self.actor(after[1].i, after[1].i + 1, resolved)

    def classify_org(self, start: int, end: int) -> Resolved:
        doc, gaz = self.doc, self.gaz
        tokens = doc[start:end]
        known = phoenix_organisation(tokens.text)
        if known is not None:
            return known
        lowered = [t.lower_ for t in tokens]
        country = None
        for size in (3, 2, 1):
            for i in range(len(tokens) - size + 1):
                text = tokens[i:i + size].text
                found = gaz.country(text) or gaz.by_adjective.get(text)
                if found is not None and country is None:
                    country = found.iso3
        if country is None and start >= 2 and doc[start - 1].text in POSSESSIVE:
            cue = resolve_name(doc[start - 2].text)
            country = cue.country if cue else None
        if country is None:  # "the Human Rights Commission of Pakistan" when the name ends before "of"
            country = self.country_after_of(end)
        if "ministry" in lowered:
            i = lowered.index("ministry")
            words = " ".join(w for w in lowered[:i] + lowered[i + 1:] if w not in ("of", "the"))
            for c in gaz.countries.values():
                for form in (*c.adjectives, *c.names):
                    words = words.replace(form.lower(), "").strip()
            return self.ministry(country or self.analysis.home, words)
        context = {t.lower_ for t in doc[max(0, start - 3):start]}
        sector = next((s for keys, s in ORG_SECTORS if keys & set(lowered)), None)
        sector = next((s for keys, s in ORG_SECTORS if keys & context and s == "BUS"), sector)
        kind = "media" if sector == "MED" else "organization"
        if country is None and sector in ("POL", "LEG", "GOV", "MIL"):
            country = self.analysis.home
        name = company_name(tokens.text)
        return Resolved(name, kind, country, sector or ("BUS" if name != tokens.text else None), key=f"org:{name}")

    # -- bodies named by a bare noun: "police", "parliament", "the interior ministry" ------------
    def read_bodies(self) -> None:
        doc, institutions = self.doc, self.gaz.lexicon["institutions"]
        lowers = tokens(doc)[1]  # slicing the Doc per token costs more than the whole lookup
        firsts = {phrase.split()[0] for phrase in institutions}
        for i in range(len(doc)):
            if self.covered[i] or lowers[i] not in firsts:
                continue
            for size in (2, 1):
                phrase = " ".join(lowers[i:i + size])
                if phrase not in institutions or any(self.covered[i:i + size]):
                    continue
                if i + size < len(doc) and doc[i + size].pos_ in ("NOUN", "PROPN") and doc[i + size].lower_ != "ministry":
                    break  # "police orders", "parliament's committee" stay as they are
                if i > 0 and doc[i - 1].is_lower and doc[i - 1].pos_ == "ADJ" and phrase == "police":
                    break  # "military police": a kind of unit, not the police force
                info = institutions[phrase]
                resolved = None
                named = self.country_after_of(i + size)  # "the parliament of Georgia": Georgia's, not home's
                before = self.gaz.by_adjective.get(doc[i - 1].text) if i > 0 else None
                named = named or (before.iso3 if before is not None else None)  # "the Libyan opposition"
                if named is not None:
                    resolved = self.institution(info, named)
                elif i > 0 and doc[i - 1].lower_ in ("its", "their"):
                    owner = self.existing(lambda r: r.kind == "state")
                    if owner is not None and info["branch"].endswith("Ministry"):
                        # a state's entry names its country
                        resolved = self.ministry(cast(str, owner.country), info["branch"].removesuffix(" Ministry").lower())
                resolved = resolved or self.institution(info)
                if resolved is not None:
                    self.actor(i, i + size, resolved)
                break

    def country_after_of(self, end: int) -> str | None:
        """The country an "of" phrase right after a body's noun names ("the army of Mali"), if any."""
        doc = self.doc
        if end >= len(doc) or doc[end].lower_ != "of":
            return None
        start = end + 1 + (end + 1 < len(doc) and doc[end + 1].lower_ == "the")
        for size in (3, 2, 1):
            if start + size <= len(doc):
                found = self.gaz.country(doc[start:start + size].text)
                if found is not None:
                    return found.iso3
        return None

    def institution(self, info: dict, owner: str | None = None) -> Resolved | None:
        """The body a bare institution noun names: the article's own (its home country's), or ``owner``'s."""
        branch = info["branch"]
        home = owner or self.analysis.home
        if branch == "military":
            if owner is not None:
                return military(owner)
            return self.existing(lambda r: r.sector == "MIL" and (r.key.endswith(":military") or
                                                                   (r.entry is not None and r.entry.military_of))) \
                or (military(self.analysis.home) if self.analysis.home else None)
        same = None if owner is not None else self.existing(
            lambda r: r.key.endswith(":" + branch.lower()) or (r.entry is not None and branch.lower() in r.entry.heads))
        if same is not None:
            return same
        if home is None:
            return None
        if branch.endswith("Ministry"):
            return self.ministry(home, branch.removesuffix(" Ministry").lower())
        if branch == "Parliament":
            country = self.gaz.countries[home]
            return Resolved(f"Parliament of {country.name}", "organization", country.iso3, "LEG",
                            key=f"group:{country.iso3}:parliament")
        if branch == "opposition":
            country = self.gaz.countries[home]
            return Resolved(f"{country.adjective} opposition", "organization", country.iso3, "POL",
                            key=f"group:{country.iso3}:opposition")
        return military(home, branch, info["sector"])

_LEGAL_FORMS = re.compile(r"(?:,?\s+(?:Inc\.?|Incorporated|Ltd\.?|Limited|LLC|L\.L\.C\.|Corp\.?|Corporation|Co\.|"
                          r"Company|plc|PLC|S\.A\.|SA|AG|GmbH|N\.V\.|NV|LLP))+$")


def company_name(text: str) -> str:
    """An organisation's name without "The" and a company's legal form ("Acme Corp.", "Acme Corporation" and "The
    Acme Company" are all "Acme"), so one company keeps one name across articles."""
    bare = text.removeprefix("The ").removeprefix("the ")
    stripped = _LEGAL_FORMS.sub("", bare).strip(" ,")
    return stripped if stripped and len(stripped) >= 2 else bare


def _subject_like(span: Span) -> bool:
    """A subject, or the antecedent of a subject relative clause ("Turner …, who sent")."""
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass"):
        return True
    if root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass"):
        return True
    return any(c.dep_ == "relcl" and any(g.dep_ == "nsubj" and g.lower_ in ("who", "that") for g in children_of(c))
               for c in children_of(root))
