"""Actors on the real model: titles, demonym groups, metonyms, coreference, and the seed."""

from __future__ import annotations

import pytest

from sitreps.evaluation import evaluate
from sitreps.extract.actors import actor_at, actor_for_token
from sitreps.nlp import get_nlp
from sitreps.pipeline import extract
from tests.conftest import SEED_GOLD, need_shared

pytestmark = pytest.mark.slow


def _by_name(report, name):
    return next(a for a in report.actors if a.name == name)


def _actor_of(report, text, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = report.article.text.index(text, start + 1)
    return actor_at(report, start, start + len(text))


def test_titles_give_role_sector_and_country() -> None:
    report = extract("Pentagon Press Secretary Maj. Gen. Pat Ryder said on Monday the drills would go on. "
                     "Lithuanian Minister of National Defence Dovilė Šakalienė welcomed the move.")
    ryder = _by_name(report, "Pat Ryder")
    assert (ryder.country, ryder.sector) == ("USA", "MIL")
    assert any(m.text == "Pentagon Press Secretary Maj. Gen. Pat Ryder" for m in ryder.mentions)
    minister = _actor_of(report, "Šakalienė")
    assert (minister.country, minister.sector) == ("LTU", "GOV")


def test_an_unknown_person_gets_country_and_sector_from_the_title() -> None:
    report = extract("KYIV, Nov 26 (Meridian Wire) - Belgorod Governor Ivan Petrenko said a drone hit a car. "
                     "Olga Marchenko, a lawmaker from the opposition, said the attack was expected.")
    governor = _actor_of(report, "Ivan Petrenko")
    assert (governor.country, governor.sector) == ("RUS", "GOV")  # Belgorod is in Russia, not the dateline's Ukraine
    lawmaker = _actor_of(report, "Olga Marchenko")
    assert (lawmaker.country, lawmaker.sector) == ("UKR", "LEG")


def test_demonym_groups_and_metonyms() -> None:
    report = extract("North Korean soldiers were killed in a Ukrainian missile strike. "
                     "Pyongyang denied it, and the Kremlin said Moscow would respond. "
                     "Finnish authorities detained the ship.")
    soldiers = _actor_of(report, "North Korean soldiers")
    assert (soldiers.country, soldiers.sector) == ("PRK", "MIL")
    assert _actor_of(report, "Ukrainian").country == "UKR"
    assert _actor_of(report, "Ukrainian").sector == "MIL"
    assert _actor_of(report, "Pyongyang").name == "North Korea"
    assert _actor_of(report, "Kremlin") is _actor_of(report, "Moscow")
    assert _actor_of(report, "Finnish authorities").name == "Finland"


def test_a_capital_is_a_place_after_in_and_an_actor_as_subject() -> None:
    report = extract("Kyiv warned on Monday that troops were massing, officials told reporters in Kyiv.")
    assert _actor_of(report, "Kyiv").name == "Ukraine"
    assert [p.name for p in report.places] == ["Kyiv"]


def test_partial_names_plurals_and_pronoun_speakers() -> None:
    report = extract("Russian President Vladimir Putin met Supreme Leader Kim Jong Un in Vladivostok. "
                     "The two dictators signed a treaty. Later, Kim visited a factory. "
                     "He described the visit as a success.")
    kim = _by_name(report, "Kim Jong Un")
    putin = _by_name(report, "Vladimir Putin")
    assert "Kim" in [m.text for m in kim.mentions]
    assert "The two dictators" in [m.text for m in kim.mentions]
    assert "The two dictators" in [m.text for m in putin.mentions]
    doc = get_nlp()(report.article.text)
    he = next(t for t in doc if t.text == "He")
    assert actor_for_token(doc, report, he) is kim


def test_definite_descriptions_find_their_organisation() -> None:
    report = extract("South Korea's National Intelligence Service (NIS) told lawmakers about the troops. "
                     "The spy agency said more had arrived, the agency added.")
    nis = _by_name(report, "National Intelligence Service")
    texts = [m.text for m in nis.mentions]
    assert "The spy agency" in texts and "NIS" in texts
    assert nis.country == "KOR"


def test_model_errors_are_not_people() -> None:
    report = extract("Granted, the army is tired, said Maj. Gen. Pat Ryder. Press Ctrl + Enter to report.")
    names = {a.name for a in report.actors}
    assert not names & {"Granted", "Maj", "Ctrl + Enter", "Ctrl"}


def test_every_seed_actor_is_resolved_with_its_aliases() -> None:
    evaluation = evaluate([need_shared(SEED_GOLD)], components=["actors"])
    score = evaluation.components["actors"]
    assert score.recall == 1.0
    metrics = evaluation.metrics()
    assert metrics["actors.country"] == 1.0
    assert metrics["actors.sector"] == 1.0
    assert metrics["actors.aliases"] >= 0.85


# --- issue 18: offices without a name, first person plural, groups from data, variants ------------

def test_an_office_without_a_name_is_its_holder_on_the_articles_date() -> None:
    report = extract("The Foreign Secretary said Britain would send more aid.", published="2016-09-20")
    assert _actor_of(report, "The Foreign Secretary").name == "Boris Johnson"
    later = extract("The Foreign Secretary said Britain would send more aid.", published="2019-09-20")
    assert _actor_of(later, "The Foreign Secretary").name == "Dominic Raab"


def test_an_office_refers_back_to_the_person_named_in_it() -> None:
    report = extract("Prime Minister Haider al-Abadi visited Mosul on Monday. The prime minister said the city "
                     "would be rebuilt.", published="2017-07-10")
    assert _actor_of(report, "The prime minister").name == "Haider al-Abadi"


def test_an_unknown_office_holder_is_a_person_of_the_country_named() -> None:
    report = extract("Kenya's interior minister said the curfew would be lifted.", published="2008-02-01")
    minister = _actor_of(report, "interior minister")
    assert (minister.kind, minister.country, minister.sector) == ("person", "KEN", "GOV")


def test_we_in_a_release_is_the_issuing_body_and_in_a_quote_the_speakers() -> None:
    report = extract("The Foreign Office announced today that it would fund clearance work. We will keep "
                     "supporting our partners in the region.\n\n"
                     '"We are deeply concerned," said Oxfam spokeswoman Jane Ross.')
    assert _actor_of(report, "We will").name.startswith("Foreign")
    assert _actor_of(report, "We are").name == "Oxfam"


def test_armed_groups_and_acronyms_from_data() -> None:
    report = extract("The SDF and the Peshmerga, backed by the Coalition, pushed Da’esh fighters out of the "
                     "town, while Kata'ib Hezbollah stayed away.")
    assert _actor_of(report, "SDF").country == "SYR"
    assert _actor_of(report, "Peshmerga").country == "IRQ"
    assert _actor_of(report, "Coalition").name == "Global Coalition against Daesh"
    assert _actor_of(report, "Da’esh").name == "Islamic State"
    assert _actor_of(report, "Kata'ib Hezbollah").kind == "armed-group"


def test_an_organisation_the_model_takes_for_a_place() -> None:
    report = extract("Oxfam said the convoy had been turned back at the border.")
    oxfam = _actor_of(report, "Oxfam")
    assert oxfam is not None and oxfam.sector == "NGO"
    assert not any(p.name == "Oxfam" for p in report.places)


def test_a_person_is_not_given_the_articles_main_country() -> None:
    report = extract("Iraqi troops entered Mosul. Iraq's army said the city was quiet. Iraqi officials met "
                     "in Baghdad.\n\nJohn Marsh, who watched the fighting, said it was the worst he had seen.")
    assert _actor_of(report, "John Marsh").country is None


def test_a_country_named_before_its_officials_is_an_actor_too() -> None:
    report = extract("U.S. officials said the talks would resume.")
    officials = _actor_of(report, "officials")
    assert (officials.kind, officials.country, officials.sector) == ("organization", "USA", "GOV")
    assert any(m.text == "U.S. officials" for m in officials.mentions)
    assert _actor_of(report, "U.S.").kind == "state"


def test_one_person_with_and_without_an_honorific() -> None:
    report = extract("Hosni Mubarak spoke on television. Later, Mr Mubarak said he would not resign.")
    assert _actor_of(report, "Mr Mubarak").name == "Hosni Mubarak"


def test_we_of_a_release_is_the_body_its_official_speaks_for_not_a_body_named_later():
    """Issue 18: the first person plural of a government release is the issuing body; with only an official
    speaking, his state (not "the Coalition" that the release names after the pronoun)."""
    text = ("LONDON, 4 March 2015 - We have deployed four Tornado aircraft to the region, the Defence Secretary "
            "said today. We will continue to strike Da’esh targets in Iraq alongside the Coalition.\n")
    report = extract(text)
    we = next(a for a in report.actors if any(m.text == "We" for m in a.mentions))
    assert (we.kind, we.country) == ("state", "GBR")
    assert all(m.text != "We" for a in report.actors if a.kind == "organization" for m in a.mentions)
    assert any(a.kind == "armed-group" and any(m.text == "Da’esh" for m in a.mentions) for a in report.actors)


def test_a_compass_word_cut_from_a_coordinated_country_names_that_country() -> None:
    report = extract("North and South Korea exchanged artillery fire across the border on Tuesday.")
    assert {a.country for a in report.actors if a.kind == "state"} == {"PRK", "KOR"}
    country = {a.id: a.country for a in report.actors}
    assert [sorted(country[r] for r in e.actor) for e in report.events] == [["KOR", "PRK"]]
    report = extract("The North and South Korean leaders met at Panmunjom on Friday.")
    assert {a.country for a in report.actors} >= {"PRK", "KOR"}
    report = extract("Storms hit North and South Dakota on Monday.")
    assert not {a.country for a in report.actors} & {"PRK", "KOR"}


def test_coordinated_nationality_words_share_the_group_noun_after_them() -> None:
    report = extract("Chinese and Russian warships began joint naval drills in the Sea of Japan on Monday.")
    assert {(a.country, a.sector) for a in report.actors} >= {("CHN", "MIL"), ("RUS", "MIL")}
    country = {a.id: a.country for a in report.actors}
    assert [sorted(country[r] for r in e.actor) for e in report.events] == [["CHN", "RUS"]]
    report = extract("U.S., British and French troops landed in Sierra Leone.")
    assert {a.country for a in report.actors if a.sector == "MIL"} == {"USA", "GBR", "FRA"}


def test_people_named_by_faith_origin_age_or_trade_are_the_countrys_population() -> None:
    report = extract("A gunman opened fire on a crowded bus in Haifa, killing four Israeli Arabs and wounding 12.")
    victims = next(a for a in report.actors if a.kind == "population")
    assert victims.country == "ISR"
    assert [e.recipient for e in report.events if e.type == "ASSAULT"] == [[victims.id]]
