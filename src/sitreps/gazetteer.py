"""Who is who: countries, curated actors and titles, loaded once per process from ``sitreps/data``.

The tables are facts, kept as data (``countries.tsv``, ``countries_wikidata.tsv``,
``organisations.yaml``, ``actors.yaml``, ``titles.yaml``, ``metonyms.yaml``; their sources and
how to extend them are in each file's header and in ``docs/gazetteers.md``). ISO 3166-1 names
come from pycountry; demonyms, capitals and seats of power from our own table, because no
light package maps "North Korean" or "the Kremlin" to a state.

    >>> resolve_name("North Korean").country
    'PRK'
    >>> resolve_name("Kremlin").name
    'Russia'

``gazetteer()`` builds the index lazily on first use (a few milliseconds, well under a megabyte),
so importing sitreps costs nothing. ``resolve_name(text, date=None)`` is the public entry point
for later extractors: a demonym, country, capital, seat of power, organisation or person name in,
a ``Resolved`` (canonical name, kind, country, sector, role, wikidata) out.
"""

from __future__ import annotations

import re
import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, cast

import pycountry

import yaml

from sitreps.resources import data_path, load_tsv, load_yaml


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    name: str
    names: tuple[str, ...]
    adjectives: tuple[str, ...]
    people: tuple[str, ...]
    capitals: tuple[str, ...]
    seats: tuple[str, ...]
    lat: float | None
    lon: float | None
    wikidata: str | None

    @property
    def adjective(self) -> str:
        return self.adjectives[0] if self.adjectives else self.name


@dataclass(frozen=True, slots=True)
class Term:
    role: str
    sector: str | None
    start: str
    end: str | None

    def covers(self, date: str) -> bool:
        return self.start <= date and (self.end is None or date < self.end)


@dataclass(frozen=True, slots=True)
class Entry:
    """A curated actor: a person (with terms of office) or an organisation."""

    name: str
    kind: str
    country: str | None
    sector: str | None
    wikidata: str | None = None
    aliases: tuple[str, ...] = ()
    heads: tuple[str, ...] = ()
    military_of: str | None = None
    terms: tuple[Term, ...] = ()

    def term(self, date: str | None) -> Term | None:
        """The office held on ``date``; without a date, the most recent one."""
        if not self.terms:
            return None
        if date:
            return next((t for t in self.terms if t.covers(date)), None)
        return max(self.terms, key=lambda t: t.start)


@dataclass(slots=True)
class Resolved:
    """What a name stands for: the fields an ``Actor`` takes."""

    name: str
    kind: str
    country: str | None
    sector: str | None = None
    role: str | None = None
    wikidata: str | None = None
    key: str = ""
    entry: Entry | None = None


@dataclass(slots=True)
class Gazetteer:
    countries: dict[str, Country] = field(default_factory=dict)
    by_name: dict[str, Country] = field(default_factory=dict)
    by_adjective: dict[str, Country] = field(default_factory=dict)
    by_people: dict[str, Country] = field(default_factory=dict)
    by_seat: dict[str, Country] = field(default_factory=dict)
    capitals: set[str] = field(default_factory=set)
    entries: dict[str, Entry] = field(default_factory=dict)
    by_entry_name: dict[str, Entry] = field(default_factory=dict)
    folded_entries: dict[str, Entry] = field(default_factory=dict)
    militaries: dict[str, Entry] = field(default_factory=dict)
    metonyms: dict[str, list[str]] = field(default_factory=dict)
    titles: dict[str, str | None] = field(default_factory=dict)
    title_words: set[str] = field(default_factory=set)
    lexicon: dict[str, Any] = field(default_factory=dict)

    def entry(self, text: str) -> Entry | None:
        """A curated actor by a name as written: exactly, else with quotes, dashes and case folded ("Da’esh")."""
        found = self.entries.get(text) or self.entries.get(_strip_the(text))
        if found is None:
            if not self.folded_entries:
                self.folded_entries.update((_loose(k), v) for k, v in self.entries.items())
            found = self.folded_entries.get(_loose(_strip_the(text)))
        return found

    def country(self, text: str) -> Country | None:
        return self.by_name.get(text) or self.by_name.get(_strip_the(text))


def _loose(text: str) -> str:
    """Quotes, dashes, hyphens and case folded: "Al-Jazeera", "al Jazeera" and "Al Jazeera" are one key."""
    return typographic(text).replace("-", " ")


load_data = load_yaml  # one loader and one cache for every data file (sitreps.resources)


def _strip_the(text: str) -> str:
    for prefix in ("the ", "The "):
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _load_countries(gaz: Gazetteer) -> None:
    wikidata = {row[0]: row[1] for row in load_tsv("countries_wikidata.tsv")}
    for row in load_tsv("countries.tsv", 9):
        iso3, name, aliases, adjectives, people, capitals, seats, lat, lon = row[:9]
        official = pycountry.countries.get(alpha_3=iso3)
        names = [name, *_split(aliases)]
        if official is not None:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(official, attr, None)
                if value and "," not in value and value not in names:
                    names.append(value)
        gaz.countries[iso3] = Country(iso3, name, tuple(names), _split(adjectives), _split(people),
                                      _split(capitals), _split(seats), float(lat) if lat else None,
                                      float(lon) if lon else None, wikidata.get(iso3))
    for record in pycountry.countries:  # every other ISO country, by its ISO name
        if record.alpha_3 not in gaz.countries and "," not in record.name:
            gaz.countries[record.alpha_3] = Country(record.alpha_3, record.name, (record.name,), (), (), (), (),
                                                    None, None, wikidata.get(record.alpha_3))
    curated = {row[0]: (row[1], *_split(row[2])) for row in load_tsv("countries.tsv", 3)}
    for country in gaz.countries.values():  # the file's names and aliases first: "Congo" is listed as the DR
        for name in curated.get(country.iso3, ()):  # Congo's, and ISO's short name for Congo-Brazzaville
            gaz.by_name.setdefault(name, country)  # must not take it first
    for country in gaz.countries.values():
        for name in country.names:
            gaz.by_name.setdefault(name, country)
        for adjective in country.adjectives:
            gaz.by_adjective.setdefault(adjective, country)
        for people in country.people:
            gaz.by_people.setdefault(people, country)
        for seat in (*country.capitals, *country.seats):
            gaz.by_seat.setdefault(seat, country)
        gaz.capitals.update(country.capitals)


def _load_entries(gaz: Gazetteer) -> None:
    for kind_default, name in (("organization", "organisations.yaml"), ("person", "actors.yaml")):
        for raw in load_data(name) or []:
            terms = tuple(Term(t["role"], t.get("sector"), str(t["from"]), str(t["to"]) if t.get("to") else None)
                          for t in raw.get("terms") or [])
            entry = Entry(raw["name"], raw.get("kind", kind_default), raw.get("country"), raw.get("sector"),
                          raw.get("wikidata"), tuple(raw.get("aliases") or ()),
                          _heads(raw, kind_default),
                          raw.get("military_of"), terms)
            gaz.by_entry_name[entry.name] = entry
            for text in (entry.name, *entry.aliases):
                gaz.entries.setdefault(text, entry)
            if entry.military_of:
                gaz.militaries[entry.military_of] = entry
    gaz.metonyms = {key: list(value) for key, value in (load_data("metonyms.yaml") or {}).items()}


def _load_titles(gaz: Gazetteer) -> None:
    lexicon = load_data("titles.yaml")
    gaz.lexicon = lexicon
    gaz.titles = dict(lexicon["titles"])
    for phrase in [*gaz.titles, *lexicon["modifiers"], *lexicon["office_words"]]:
        gaz.title_words.update(phrase.split())


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The whole "who" index, built once per process on first use."""
    gaz = Gazetteer()
    _load_countries(gaz)
    _load_entries(gaz)
    _load_titles(gaz)
    return gaz


# --- resolution --------------------------------------------------------------------------------

def state(country: Country) -> Resolved:
    return Resolved(country.name, "state", country.iso3, None, None, country.wikidata, key=f"state:{country.iso3}")


def from_entry(entry: Entry, date: str | None = None) -> Resolved:
    term = entry.term(date)
    sector = term.sector if term else entry.sector
    role = term.role if term else None
    return Resolved(entry.name, entry.kind, entry.country, sector, role, entry.wikidata,
                    key=f"entry:{entry.name}", entry=entry)


def military(iso3: str, branch: str | None = None, sector: str = "MIL", kind: str = "organization") -> Resolved:
    """The actor that "<demonym> troops" or "<country>'s navy" stand for."""
    gaz = gazetteer()
    country = gaz.countries.get(iso3)
    adjective = country.adjective if country else iso3
    if branch is None and sector == "MIL" and iso3 in gaz.militaries:
        return from_entry(gaz.militaries[iso3])
    if branch is None:
        return Resolved(f"{adjective} military", kind, iso3, sector, key=f"group:{iso3}:military")
    name = f"{adjective} {branch}" if branch[0].isupper() else f"{adjective} {branch}"
    entry = gaz.entries.get(name) or gaz.entries.get(f"{adjective} {branch.lower()}")
    if entry is not None:
        return from_entry(entry)
    return Resolved(name, kind, iso3, sector, key=f"group:{iso3}:{branch.lower()}")


def metonym_candidates(text: str) -> list[str]:
    return gazetteer().metonyms.get(text, [])


def resolve_candidate(candidate: str) -> Resolved | None:
    """A metonym candidate (ISO3 code or curated organisation name) as an actor."""
    gaz = gazetteer()
    if candidate in gaz.countries:
        return state(gaz.countries[candidate])
    entry = gaz.by_entry_name.get(candidate)
    return from_entry(entry) if entry else None


def resolve_name(text: str, date: str | None = None) -> Resolved | None:
    """Canonical actor for a name as written: person, organisation, country, demonym or seat.

    "North Korean" and "North Koreans" give North Korea's state (a group noun after the
    adjective is the extractor's business), "Kremlin" and "Moscow" give Russia, "Brussels" the
    first of its candidates, "Zelensky" Volodymyr Zelensky with the role he held on ``date``.
    """
    gaz = gazetteer()
    text = text.strip()
    entry = gaz.entry(text)
    if entry is not None:
        return from_entry(entry, date)
    if text in gaz.metonyms:
        return resolve_candidate(gaz.metonyms[text][0])
    country = (gaz.country(text) or gaz.by_adjective.get(text) or gaz.by_people.get(text)
               or gaz.by_seat.get(text) or gaz.by_seat.get(_strip_the(text)))
    if country is not None:
        return state(country)
    return None


def title_sector(words: list[str]) -> tuple[str | None, bool, list[str]]:
    """Sector of a title, whether it names a rank, and the title phrases found (longest first)."""
    gaz = gazetteer()
    lowered = [w.lower().strip(",") for w in words]
    found: list[str] = []
    sector: str | None = None
    rank = False
    i = 0
    while i < len(lowered):
        for size in (4, 3, 2, 1):
            phrase = " ".join(lowered[i:i + size])
            if size <= len(lowered) - i and phrase in gaz.titles:
                found.append(phrase)
                value = gaz.titles[phrase]
                if value == "MIL":
                    rank = True
                if value and (sector is None or value == "MIL"):
                    sector = value
                i += size
                break
        else:
            i += 1
    return sector, rank, found


# --- Phoenix: armed groups, organisations and office holders from the PETRARCH2 dictionaries ----------

@dataclass(frozen=True, slots=True)
class PhoenixEntry:
    """One row of ``phoenix_actors.tsv`` (``scripts/derive_phoenix_actors.py``)."""

    name: str
    kind: str
    country: str | None
    sector: str | None
    terms: tuple[Term, ...] = ()
    source: str = ""

    def resolved(self, written: str, date: str | None = None) -> Resolved:
        """As an actor named as the article writes it; a person's sector is that of the term covering ``date``."""
        sector = self.sector
        if self.terms and date:
            term = next((t for t in self.terms if t.covers(date)), None)
            sector = term.sector if term is not None else ("POL" if self.sector in ("GOV", "MIL") else self.sector)
        kind = self.kind
        return Resolved(written, kind, self.country, sector, key=f"phoenix:{self.kind}:{self.name}")


@dataclass(frozen=True, slots=True)
class Phoenix:
    people: dict[str, tuple[PhoenixEntry, ...]]
    organisations: dict[str, tuple[PhoenixEntry, ...]]


def typographic(text: str) -> str:
    """Curly quotes and long dashes made plain, case folded: "Da’esh" is "da'esh", "al–Nusra" "al-nusra"."""
    return text.replace("’", "'").replace("‘", "'").replace("ʼ", "'").replace("–", "-").replace("—", "-").casefold()


@lru_cache(maxsize=1)
def phoenix() -> Phoenix:
    """The Phoenix table, indexed by folded name and alias (about 0.2 s, once per process)."""
    people: dict[str, list[PhoenixEntry]] = {}
    organisations: dict[str, list[PhoenixEntry]] = {}
    with data_path("phoenix_actors.tsv").open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            name, aliases, kind, country, sector, terms, source = line.rstrip("\n").split("\t")
            dated = tuple(Term("", part.split(":")[0] or None, part.split(":")[1] or "0000",
                               part.split(":")[2] or None) for part in terms.split(";") if part)
            if kind == "title":
                continue  # an office without its holder ("American Vice-President"): not a name
            entry = PhoenixEntry(name, kind, country or None, sector or None, dated, source)
            index = people if kind == "person" else organisations
            for text in {name, *(a for a in aliases.split("|") if a)}:
                key = typographic(text).removeprefix("the ")
                if len(key) >= 2:
                    index.setdefault(key, []).append(entry)
    return Phoenix({k: tuple(v) for k, v in people.items()}, {k: tuple(v) for k, v in organisations.items()})


def phoenix_person(text: str, date: str | None = None) -> Resolved | None:
    """A person the Phoenix dictionaries know by this full name ("Thabo Mbeki": ZAF), when only one is."""
    found = phoenix().people.get(typographic(text), ())
    if len(text.split()) < 2 or len({e.country for e in found}) != 1:
        return None
    return found[0].resolved(text, date)


def surname_country(text: str) -> str | None:
    """The country every person the Phoenix dictionaries know by this surname belongs to ("Uribe", "Nouri
    Maliki" for "Nuri al Maliki": one country), else None (a surname several countries share, or a short one)."""
    if phoenix_organisation(text) is not None:
        return None  # "al-Shabab" read as a person: a group's name, not a surname
    key = _surname(typographic(text))
    countries, bearers = _surnames().get(key, (frozenset(), 0)) if len(key) >= 4 else (frozenset(), 0)
    return next(iter(countries)) if len(countries) == 1 and bearers >= 2 else None  # one bearer: too thin


def _surname(folded: str) -> str:
    last = folded.replace("-", " ").split()[-1:] or [""]
    return last[0]


@lru_cache(maxsize=1)
def _surnames() -> dict[str, tuple[frozenset[str], int]]:
    """Surname -> the countries of the Phoenix persons who bear it and how many they are, built once."""
    found: dict[str, set[str]] = {}
    people: dict[str, set[str]] = {}
    for key, entries in phoenix().people.items():
        words = key.replace("-", " ").split()
        for entry in entries:
            for word in words[1:] if entry.country else ():  # "Alvaro Uribe Velez": Uribe and Velez
                found.setdefault(word, set()).add(cast(str, entry.country))
                people.setdefault(word, set()).add(entry.name)
    return {k: (frozenset(v), len(people[k])) for k, v in found.items()}


@lru_cache(maxsize=1)
def phoenix_first_words() -> frozenset[str]:
    """First words of the Phoenix organisations' names: a run of capitalised words is looked up only from these."""
    return frozenset(re.split(r"[\s\-'’]", key)[0] for key in phoenix().organisations)


def phoenix_worth_finding(key: str) -> bool:
    """Is this name (folded) one to find in text even where the model sees no name? Every armed group, the
    countries' bodies, and international organisations whose name says it is one (an acronym, or a word like
    "Fund" or "Committee"); not companies or people."""
    entries = phoenix().organisations.get(key)
    if not entries:
        return False
    entry = entries[0]
    return entry.source in ("M", "C") or entry.sector in ("IGO", "NGO") and _organisation_name(key)


_ORGANISATION_WORDS = {"organization", "organisation", "fund", "committee", "council", "agency", "programme", "program",
                       "union", "league", "federation", "association", "society", "foundation", "institute",
                       "commission", "office", "watch", "international", "alliance", "bank", "court", "network", "aid",
                       "relief", "children", "crisis", "forum", "centre", "center", "mission", "movement", "party"}


def _organisation_name(key: str) -> bool:
    parts = key.split()
    return len(parts) == 1 and len(key) >= 3 or any(p in _ORGANISATION_WORDS for p in parts)


def phoenix_organisation(text: str) -> Resolved | None:
    """An organisation or armed group the Phoenix dictionaries know by this name or alias ("Peshmerga": IRQ MIL)."""
    found = phoenix().organisations.get(typographic(text).removeprefix("the "), ())
    if not found or len({(e.country, e.kind) for e in found}) != 1:
        return None
    return found[0].resolved(text)


def today() -> str:
    return dt.date.today().isoformat()


def _heads(raw: dict[str, Any], kind_default: str) -> tuple[str, ...]:
    """Nouns a definite description may use for an organisation: listed ones and its name's last word."""
    if raw.get("kind", kind_default) == "person":
        return ()
    return tuple(dict.fromkeys([*(raw.get("heads") or ()), raw["name"].split()[-1].lower()]))
