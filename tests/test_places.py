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


# --- issue 18: every named place, small towns, features, regions ---------------------------------

def test_countries_are_places_where_something_moves_into_or_lies_in_them() -> None:
    report = extract("Thousands fled Libya for Tunisia last week. The neighbouring nations of Chad and Niger "
                     "took in others. Egypt said it would open its border.")
    places = {p.name for p in report.places}
    assert {"Libya", "Tunisia", "Chad", "Niger"} <= places
    assert _place(report, "Egypt said") is None


def test_a_country_invaded_is_a_place_and_an_actor() -> None:
    report = extract("Russian troops invaded Georgia in August.")
    assert _place(report, "Georgia").country == "GEO"
    assert any(a.name == "Georgia" for a in report.actors)


def test_us_towns_with_their_state_abbreviation() -> None:
    report = extract("The soldier, from Vermillion, S.D., was based at Fort Campbell, Ky., the Army said.")
    vermillion, campbell = _place(report, "Vermillion"), _place(report, "Fort Campbell")
    assert vermillion.country == "USA" and abs(vermillion.lon + 96.93) < 0.5
    assert campbell.kind == "facility" and abs(campbell.lat - 36.66) < 0.5


def test_small_towns_in_the_articles_country_but_not_surnames() -> None:
    report = extract("Iraqi forces entered Rawah on Sunday, said Maj. Tom Holloway, a British spokesman. "
                     "Holloway said the town of Hit was next.")
    assert _place(report, "Rawah").country == "IRQ"
    assert _place(report, "Holloway said") is None


def test_features_take_the_point_of_their_town() -> None:
    report = extract("A car bomb exploded outside the Zarqa Hotel in Mosul. Hours later a blast hit the "
                     "Nabi Market, and the Syrian and Turkish embassies in Baghdad were closed.")
    hotel = _place(report, "Zarqa Hotel")
    assert hotel.kind == "facility" and hotel.country == "IRQ" and abs(hotel.lat - 36.34) < 0.5
    assert hotel.precision == 1
    embassy = _place(report, "Turkish")
    assert embassy.name == "Turkish embassy" and abs(embassy.lon - 44.4) < 0.5


def test_regions_provinces_and_named_features() -> None:
    report = extract("Fighting spread across Anbar and into the Hamrin Mountains, while the Tabqa Dam stayed "
                     "in militant hands. Aid reached the Middle East from Europe.")
    assert _place(report, "Anbar").kind == "admin1"
    assert _place(report, "Hamrin Mountains").country == "IRQ"
    assert _place(report, "Tabqa Dam").kind == "facility"
    assert _place(report, "Middle East").kind == "region"


def test_a_place_no_gazetteer_knows_but_the_text_makes_plain() -> None:
    report = extract("Gunmen attacked the village of Qaryat Umm Sabah in Kirkuk province.")
    village = _place(report, "Qaryat Umm Sabah")
    assert village.kind == "city" and village.lat is None


def test_every_place_has_a_precision() -> None:
    report = extract("Clashes in northern Syria near Manbij and along the Euphrates left the Kurdistan Region "
                     "braced for refugees arriving at the Bab al-Hawa crossing.")
    assert report.places and all(p.precision in (1, 2, 3) for p in report.places)
