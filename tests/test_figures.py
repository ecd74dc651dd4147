"""Figures end to end through the real spaCy model: what counts, what it counts, and who says so."""

from __future__ import annotations

import pytest
import yaml

import sitreps
from sitreps.evaluation import evaluate
from tests.conftest import SEED_GOLD, need_shared


def figures(text: str) -> dict[str, object]:
    return {f.text: f for f in sitreps.extract(text, published="2025-03-14").figures}


def test_counts_with_what_they_count_category_unit_and_rate():
    found = figures("Russian forces struck the city with more than 40 drones, killing seven people and wounding 52. "
                    "Ukraine says Russia is bringing in roughly 1,500 soldiers per day and pays a monthly bonus of $2,200.")
    drones = found["more than 40 drones"]
    assert (drones.low, drones.qualifier, drones.unit, drones.category) == (40, "at-least", "drone", "munitions")
    killed = found["seven people"]
    assert (killed.value, killed.unit, killed.category) == (7, "person", "killed")
    assert (found["52"].category, found["52"].unit) == ("wounded", "person")
    soldiers = found["roughly 1,500 soldiers"]
    assert (soldiers.value, soldiers.qualifier, soldiers.category, soldiers.per) == (1500, "approx", "troops", "day")
    bonus = found["$2,200"]
    assert (bonus.unit, bonus.category, bonus.what, bonus.per) == ("USD", "money", "monthly bonus", "month")


@pytest.mark.parametrize("sentence", [
    "The Security Council adopted Resolution 2231 in 2015.",
    "Su-34 jets dropped KAB-500 bombs at 3:40 a.m. on Oct. 3.",
    "The 67-year-old commander of the 11th Corps spoke for 30 minutes.",
    "Artillery fired 152 mm rounds along a 30-day front, one of the busiest.",
    "The talks lasted two weeks and ended on Monday, the two countries said.",
    "Article 5 of the treaty was invoked for the first time since 9/11.",
])
def test_not_figures(sentence):
    assert figures(sentence) == {}


def test_reported_claimed_and_estimated_sources():
    text = ("According to media reports, between 4 thousand and 5 thousand conscripts are drilling at the camp. "
            "Four engineers were reported killed. The ministry claimed that 300 fighters had surrendered. "
            "Analysts estimate that 2,000 troops could be moved by June.")
    found = figures(text)
    range_ = found["between 4 thousand and 5 thousand conscripts"]
    assert (range_.low, range_.high, range_.value, range_.attribution) == (4000, 5000, None, "reported")
    assert range_.source != "author"  # "media reports": unnamed, or a described source of its own kind
    assert (found["Four engineers"].category, found["Four engineers"].attribution) == ("killed", "reported")
    assert found["300 fighters"].attribution == "claimed"
    assert found["2,000 troops"].attribution in {"estimated", "hypothetical"}


def test_elided_noun_is_borrowed_from_the_figure_before():
    found = figures("The militia has enlisted as many as 4,000 foreign volunteers from Syria, 2,500 from Libya, "
                    "and several thousand from Sudan.")
    assert found["2,500"].what == "volunteers from Libya"
    assert found["several thousand"].category == "fighters" and found["several thousand"].qualifier == "vague"
    assert found["as many as 4,000 foreign volunteers"].high == 4000


def test_seed_figures_have_the_gold_amounts_qualifiers_units_and_categories():
    need_shared(SEED_GOLD)
    evaluation = evaluate([SEED_GOLD], components=["figures"])
    score = evaluation.components["figures"]
    assert (score.true_positives, score.false_negatives) == (11, 0)
    assert not [hit for hit in score.false_hits if "not_figures" in hit.detail]
    for field in ("amount", "qualifier", "unit", "category"):
        assert score.fields[field].accuracy == 1.0, (field, score.wrong_fields)
    not_figures = yaml.safe_load(SEED_GOLD.read_text())["not_figures"]
    report_texts = " ".join(f.text for f in sitreps.extract(need_shared(SEED_GOLD).parent.parent.joinpath(
        "seed", "000_f4608aac0cbd5e3d.txt").read_text()).figures)
    for text in not_figures:
        assert text not in report_texts


def test_figures_inside_a_claim_take_its_speaker_as_source():
    report = sitreps.extract("Ukraine's air force said Russia had fired 52 drones at the capital overnight. Of those, "
                             "40 were shot down, it said in a statement.", published="2025-03-14")
    speakers = {c.speaker for c in report.claims}
    air_force = next(a.id for a in report.actors if "Air Force" in a.name)
    assert air_force in speakers
    by_text = {f.text.split()[0]: f for f in report.figures}
    assert by_text["52"].source == air_force and by_text["52"].attribution == "reported"
    assert by_text["40"].source == air_force


def _subject_countries(text: str) -> dict[str, str | None]:
    report = sitreps.extract(text, published="2025-03-14")
    countries = {a.id: a.country for a in report.actors}
    return {f.text: countries.get(f.subject or "") for f in report.figures}


def test_troops_given_stay_the_senders_and_an_actor_before_an_elided_amount_owns_it():
    found = _subject_countries("Germany will provide about 4,500 soldiers for the drill. Poland will contribute "
                               "3,000 troops, and France around 2,000.")
    assert found["about 4,500 soldiers"] == "DEU"
    assert found["3,000 troops"] == "POL"
    assert found["around 2,000"] == "FRA"


def test_money_given_is_the_recipients():
    found = _subject_countries("Norway announced $40 million in emergency aid for Yemen on Monday.")
    assert found["$40 million"] == "YEM"


def test_a_pronoun_subject_stands_for_the_actor_of_the_clause_above():
    found = _subject_countries("Azerbaijan says it has spent more than $7 billion on new roads.")
    assert found["more than $7 billion"] == "AZE"


def test_part_of_things_counted_before_is_theirs_owner():
    found = _subject_countries("Russia launched 60 drones at Odesa overnight. The Ukrainian air force said it "
                               "had shot down 48 of the drones.")
    assert found["60 drones"] == "RUS"
    assert found["48 of the drones"] == "RUS"


def test_a_subject_in_a_dateline_header_gives_way_to_its_apposition():
    found = _subject_countries("SEOUL, Dec 19 (Meridian Wire) - North Korean soldiers sent to fight for Russia have "
                               "suffered several hundred casualties, South Korea's spy agency told lawmakers.")
    assert found["several hundred casualties"] == "PRK"


def test_people_with_no_owner_in_the_sentence_belong_to_the_story_country():
    found = _subject_countries("Georgia's parliament met on Monday as protests continued in Tbilisi. Several thousand "
                               "people gathered on Rustaveli Avenue.")
    assert found["Several thousand people"] == "GEO"


# --- issue 17: whose figure it is, what it counts, amounts as real news writes them -------------------

def _found(text: str) -> dict[str, tuple[str | None, str, str | None, str | None]]:
    """text -> (subject country, category, unit, per)."""
    report = sitreps.extract(text, published="2025-03-14")
    countries = {a.id: a.country for a in report.actors}
    return {f.text: (countries.get(f.subject or ""), f.category, f.unit, f.per) for f in report.figures}


def test_troops_sent_abroad_stay_the_senders_with_their_officers_and_generals():
    found = _found("Pyongyang has sent close to 11,000 troops to Russia, among them 400 officers and two generals, "
                   "Seoul's spy agency said. Russia has thanked North Korea. Belarus has also deployed 3,000 "
                   "individuals to Russia, the agency added.")
    assert found["close to 11,000 troops"][:2] == ("PRK", "troops")
    assert found["400 officers"][:2] == ("PRK", "troops")
    assert found["two generals"][:2] == ("PRK", "troops")
    assert found["3,000 individuals"][:2] == ("BLR", "troops")  # people deployed, nothing more said: troops


def test_the_party_the_sentence_names_not_the_speakers_side():
    found = _found("An opposition deputy in Seoul said more than 300 deaths had occurred among North Korean units "
                   "in Kursk. A South Korean official reported some 2,000 casualties in the ranks of North Korean "
                   "soldiers.")
    assert found["more than 300 deaths"][:2] == ("PRK", "killed")
    assert found["some 2,000 casualties"][:2] == ("PRK", "casualties")


def test_the_side_that_suffered_not_the_one_that_reports_it():
    found = _found("Kyiv's general staff reported 1,420 casualties, which Ukraine said Russia sustained on Tuesday.")
    assert found["1,420 casualties"][0] == "RUS"


def test_what_a_container_holds_is_whose_the_container_is():
    found = _found("North Korea has shipped containers to Russia that could hold as many as 3 million artillery "
                   "shells, the agency said.")
    assert found["as many as 3 million artillery shells"][:2] == ("PRK", "munitions")


def test_a_pronoun_or_his_country_sends_for_its_state():
    found = _found("Italy's defence minister, Marco Bellini, said on Tuesday his country would send eight "
                   "instructors. France said it would send fewer than eight.")
    assert found["eight instructors"][:2] == ("ITA", "troops")
    assert found["fewer than eight"][:2] == ("FRA", "troops")  # the same verb again: it counts instructors too


def test_munitions_fired_belong_to_who_fires_them_through_by_firing():
    found = _found("Hezbollah answered the raid by launching 12 rockets and four mortars at Israel on Monday.")
    assert found["12 rockets"][:2] == ("LBN", "munitions")
    assert found["four mortars"][:2] == ("LBN", "munitions")


def test_a_nationality_in_the_phrase_names_the_owner():
    found = _found("Russia seized 11 Georgian villages and detained three Swiss engineers. Georgia and "
                   "Switzerland protested.")
    assert found["11 Georgian villages"][:2] == ("GEO", "other")  # seized places are not captured people
    assert found["three Swiss engineers"][:2] == ("CHE", "captured")


@pytest.mark.parametrize("text,figure,category", [
    ("At least 40 civilians were killed or wounded in the shelling, officials said.", "At least 40 civilians",
     "casualties"),
    ("Six people were killed and injured when the missile struck a market.", "Six people", "casualties"),
    ("Ukraine said 1,310 Russian troops had been lost in the past day.", "1,310 Russian troops", "casualties"),
    ("Police arrested 60 people on Friday, including two retired army colonels.", "two retired army colonels",
     "captured"),
    ("Some 15,000 people marched through the capital on Sunday.", "Some 15,000 people", "protesters"),
    ("The number of homeless has climbed to more than 40,000, the Red Cross said.", "more than 40,000", "refugees"),
    ("Two peacekeepers appear to have suffered light injuries.", "Two peacekeepers", "wounded"),
    ("Russian forces took several hundred square kilometres of farmland.", "several hundred square kilometres",
     "area"),
    ("Seven further arrest warrants are outstanding.", "Seven further arrest warrants", "other"),
    ("The wall bore more than 150 bullet holes.", "more than 150 bullet holes", "other"),
    ("Hundreds of members of the public watched the parade.", "Hundreds of members", "other"),
    ("At the fair several hundred developers demonstrated their new apps.", "several hundred developers", "other"),
])
def test_categories_from_what_happened(text, figure, category):
    found = _found(text)
    assert next(found[key] for key in found if key.startswith(figure))[1] == category


def test_a_bare_total_continues_the_figure_before():
    found = _found("Kyiv says Russia has lost 701,250 troops since February 2022. The total now stands at 701,250.")
    assert found["701,250 troops"][1] == "casualties"
    assert found["701,250"][:3] == ("RUS", "casualties", "person")


@pytest.mark.parametrize("text,figure,per", [
    ("Russia lost 1,200 soldiers in a single day, the general staff said.", "1,200 soldiers", "day"),
    ("Air defences are shooting down about 30 drones across the country per day.", "about 30 drones", "day"),
    ("In an average month, 40 miners die in the region's pits.", "40 miners", "month"),
    ("The camp received 300 refugees a year ago.", "300 refugees", None),
])
def test_a_rate_given_away_from_the_noun(text, figure, per):
    assert _found(text)[figure][3] == per


@pytest.mark.parametrize("text,figure,value,unit", [
    ("The army massed 10 000 soldiers on the border.", "10 000 soldiers", 10000, "person"),
    ("A 40,000-strong group has been moved to the front.", "40,000-strong group", 40000, "person"),
    ("The drone flew at 50m before striking a depot 8km from the border.", "50m", 50, "m"),
    ("The drone flew at 50m before striking a depot 8km from the border.", "8km", 8, "km"),
    ("The tower stood 984ft tall.", "984ft", 984, "ft"),
    ("Aid worth KSh12.5 million (GBP 75,000) was sent.", "KSh12.5 million", 12.5e6, "KES"),
    ("More than half the residents left.", "More than half", None, "percent"),
])
def test_amount_forms_of_real_news(text, figure, value, unit):
    found = {f.text: f for f in sitreps.extract(text, published="2025-03-14").figures}
    assert found[figure].unit == unit
    assert value is None or found[figure].value == value
    if unit == "person":
        assert found[figure].category == "troops"


@pytest.mark.parametrize("sentence", [
    "One reporter saw the convoy leave.",
    "The shooting began at 10:12 a.m. local time (1612 UTC), police said.",
    "The blasts came at 08.15 local time.",
    "The victims included Samir Haddad, 23 (a student), and his cousin.",
    "Shells hit guard posts 311 and 312 on Friday.",
    "The 1991–1992 war left deep scars.",
    "Talks are planned over a six month period.",
    "A 1,500 tonne frigate entered the port.",
    "The new airliner is almost two and a half years behind schedule.",
])
def test_more_things_that_are_not_figures(sentence):
    assert figures(sentence) == {}


def test_counts_of_people_with_no_noun_say_what_befell_them_and_keep_to_their_own_number():
    found = {f.text: f for f in sitreps.extract("Thirty-one were killed at the bus station. The two crashes killed "
                                                "96 and 14 people respectively.", published="2025-03-14").figures}
    assert (found["Thirty-one"].what, found["Thirty-one"].category) == ("people killed", "killed")
    assert "96" in found and "14 people" in found  # the first number's text stops before the second
