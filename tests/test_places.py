"""Places on the real model: kinds, coordinates, precision, region names, and the seed."""

from __future__ import annotations

import pytest

from sitreps.evaluation import evaluate
from sitreps.extract.places import place_at
from sitreps.pipeline import extract
from tests.conftest import SEED_GOLD, need_shared

pytestmark = pytest.mark.slow


def _place(report, text):
    start = report.article.text.index(text)
    return place_at(report, start, start + len(text))


def test_regions_as_written_and_coordinated() -> None:
    report = extract("Outages hit the Lviv, Volyn and Rivne regions. Drones were downed over the Kursk region.")
    names = {p.name for p in report.places}
    assert {"Lviv region", "Volyn region", "Rivne region", "Kursk region"} <= names
    kursk = _place(report, "Kursk region")
    assert (kursk.kind, kursk.country, kursk.precision) == ("admin1", "RUS", 3)


def test_ambiguous_cities_and_regions_without_a_point() -> None:
    report = extract("Forces were moved from Kaliningrad to Donetsk and into Ukraine's Donbas region.")
    kaliningrad, donetsk = _place(report, "Kaliningrad"), _place(report, "Donetsk")
    assert kaliningrad.country == "RUS" and abs(kaliningrad.lon - 20.51) < 0.5
    assert donetsk.country == "UKR" and abs(donetsk.lat - 48.0) < 0.5
    assert donetsk.precision == 1
    donbas = _place(report, "Donbas")
    assert donbas.kind == "region" and donbas.lat is None


def test_countries_are_places_only_where_they_are_places() -> None:
    report = extract("Russia fired missiles. The ship sailed from Finland into Estonia, Vladivostok, Russia.")
    places = {p.name for p in report.places}
    assert {"Finland", "Estonia", "Vladivostok"} <= places
    assert _place(report, "Russia fired") is None


def test_dateline_and_facility() -> None:
    report = extract("NIAMEY, July 8 (Meridian Wire) - The handover of Air Base 101 was completed.")
    assert _place(report, "NIAMEY").country == "NER"
    base = _place(report, "Air Base 101")
    assert base.kind == "facility" and base.precision == 1


def test_every_seed_place_is_resolved() -> None:
    evaluation = evaluate([need_shared(SEED_GOLD)], components=["places"])
    assert evaluation.components["places"].recall == 1.0
    metrics = evaluation.metrics()
    assert metrics["places.kind"] == 1.0 and metrics["places.country"] == 1.0
    assert metrics["places.coordinates"] == 1.0
