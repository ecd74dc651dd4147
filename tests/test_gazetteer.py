"""The gazetteers without a model: names, demonyms, seats, titles and the offline geocoder."""

from __future__ import annotations

import spacy

from sitreps.gazetteer import gazetteer, resolve_name, title_sector
from sitreps.gazetteer_match import find_names
from sitreps.gazetteer_places import admin1, lookup_place


def test_demonyms_countries_and_seats_resolve_to_states() -> None:
    assert resolve_name("North Korean").country == "PRK"
    assert resolve_name("DPRK").name == "North Korea"
    assert resolve_name("U.S.").country == "USA"
    assert resolve_name("Britain").country == "GBR"
    assert resolve_name("Kremlin").name == "Russia"
    assert resolve_name("Pyongyang").country == "PRK"
    assert resolve_name("Taiwanese").country == "TWN"


def test_every_iso_country_is_known_and_pycountry_names_are_aliases() -> None:
    gaz = gazetteer()
    assert len(gaz.countries) >= 240
    assert gaz.country("Russian Federation").iso3 == "RUS"
    assert gaz.country("Cook Islands").iso3 == "COK"


def test_brussels_is_ambiguous_and_defaults_to_the_eu() -> None:
    assert resolve_name("Brussels").name == "European Union"


def test_titles_are_time_dependent() -> None:
    trump = gazetteer().entry("Trump")
    assert trump.term("2019-06-01").role == "U.S. President"
    assert trump.term("2024-12-01").role == "U.S. President-elect"
    assert trump.term("2022-06-01") is None
    assert resolve_name("Trump", "2022-06-01").sector == "POL"


def test_title_sector_takes_the_longest_phrase_and_ranks_win() -> None:
    assert title_sector(["IOM", "Director", "General"])[0] is None  # not the rank "General"
    assert title_sector(["Pentagon", "Press", "Secretary", "Maj.", "Gen."])[0] == "MIL"
    assert title_sector(["Foreign", "Minister"])[0] == "GOV"
    assert title_sector(["lawmaker"])[0] == "LEG"


def test_places_prefer_our_table_then_population() -> None:
    kaliningrad = lookup_place("Kaliningrad")
    assert (kaliningrad.country, round(kaliningrad.lat)) == ("RUS", 55)  # not Sovetsk or Korolev
    donetsk = lookup_place("Donetsk")
    assert donetsk.country == "UKR" and abs(donetsk.lon - 37.8) < 0.5
    assert lookup_place("Donbas").lat is None  # a region without a point
    assert lookup_place("Vostochny Cosmodrome").kind == "facility"
    assert admin1("Kursk").name == "Kursk Oblast"
    assert lookup_place("Tillaberi").country == "NER"  # accents folded


def test_the_city_choice_follows_the_articles_countries() -> None:
    assert lookup_place("Washington").country == "USA"
    assert lookup_place("Rafah", ["EGY"]).country == "EGY"


def test_matcher_finds_names_the_blank_pipeline_cannot() -> None:
    nlp = spacy.blank("en")
    doc = nlp("Troops moved to the Sergievsky Training Ground near Kursk Oblast.")
    texts = {doc[n.start:n.end].text: n.readings for n in find_names(doc)}
    assert "PLACE" in texts["Sergievsky Training Ground"]
    assert "PLACE" in texts["Kursk Oblast"]
