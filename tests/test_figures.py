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
    assert (range_.low, range_.high, range_.value, range_.source, range_.attribution) == (4000, 5000, None, "unnamed", "reported")
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
