"""Events told by nouns on sentences of their own (issue 16): a noun whose verb says the event happened
("clashes erupted", "fighting broke out between …"). Every sentence here is written for this file in wire
style; each stands alone, as in a set of short event sentences."""

from __future__ import annotations

import pytest

from tests.test_events import codes, events, only


@pytest.mark.parametrize("sentence, kind", [
    ("Protests erupted in the northern city on Friday.", "PROTEST"),
    ("Clashes broke out between riot police and students near the campus.", "ASSAULT"),
    ("Fighting has continued in the border district for a third day.", "ASSAULT"),
    ("The talks took place behind closed doors in Doha.", "CONSULT"),
    ("Attacks on aid convoys have intensified in recent weeks.", "ASSAULT"),
    ("Heavy fighting raged around the airport overnight.", "ASSAULT"),
])
def test_an_event_noun_said_to_happen_is_told(sentence, kind):
    """A noun that is the subject of a verb of happening is an event, whatever it lacks of its own."""
    rep, _ = events(sentence)
    assert [e.type for e in rep.events] == [kind], [(e.type, e.text) for e in rep.events]


def test_the_sides_of_an_occurrence_are_its_between_phrase():
    """"fighting broke out between X and Y": both are its actors."""
    rep, _ = events("Fighting broke out between Armenia and Azerbaijan on Tuesday.")
    assert codes(rep, only(rep, "ASSAULT").actor) == {"ARM", "AZE"}


@pytest.mark.parametrize("sentence", [
    "Sanctions continue to weigh on the economy.",
    "The war began a new phase, analysts said.",
])
def test_a_verb_of_happening_with_its_own_complement_says_something_else(sentence):
    """"continue to weigh", "began a new phase": the noun is talked about, not told to happen."""
    rep, _ = events(sentence)
    assert not rep.events, [(e.type, e.text) for e in rep.events]


@pytest.mark.parametrize("sentence, kind", [
    ("Nurses staged a sit-in outside the health ministry.", "PROTEST"),
    ("Loyalists organized counter-demonstrations in the old town.", "PROTEST"),
    ("The Somali government declared a cease-fire on Friday.", "CONCEDE"),
])
def test_a_hyphenated_event_noun_split_by_the_parser_is_still_one(sentence, kind):
    """"sit-in", "counter-demonstration", "cease-fire": the small model splits them at the hyphen."""
    rep, _ = events(sentence)
    assert kind in [e.type for e in rep.events], [(e.type, e.text) for e in rep.events]


def test_a_strike_gone_on_by_a_crowd_is_a_walkout():
    """"went on strike" is a PROTEST whose doers the subject names, even when they are no actor."""
    rep, _ = events("Dock workers went on strike at the main port.")
    assert [e.type for e in rep.events] == ["PROTEST"], [(e.type, e.text) for e in rep.events]


def test_a_noun_told_only_by_its_verb_of_happening():
    """"explosion" and "violence" are events only when told ("an explosion occurred"), not talked about."""
    rep, _ = events("An explosion occurred near the embassy on Tuesday.")
    assert [e.type for e in rep.events] == ["ASSAULT"], [(e.type, e.text) for e in rep.events]
    rep, _ = events("The minister warned of violence ahead of the vote.")
    assert "ASSAULT" not in [e.type for e in rep.events if e.modality == "asserted"]


@pytest.mark.parametrize("sentence, kind", [
    ("The blast sparked an exchange of gunfire between the guards and the attackers.", "ASSAULT"),
    ("The court ruling sparked protests in several cities.", "PROTEST"),
    ("The disputed vote triggered a wave of violence in the west.", "ASSAULT"),
    ("The two sides began a new round of talks in Geneva.", "CONSULT"),
])
def test_an_event_caused_or_held_in_a_container_is_told(sentence, kind):
    """An event something "sparked" or "triggered" happened (its cause is no actor of it); "an exchange of",
    "a wave of", "a round of" stand for the event they hold."""
    rep, _ = events(sentence)
    assert kind in [e.type for e in rep.events], [(e.type, e.text) for e in rep.events]


def test_a_wave_warned_of_is_no_event():
    rep, _ = events("The report warned of a new wave of violence.")
    assert not rep.events, [(e.type, e.text) for e in rep.events]


# --- an event noun told by what it did, what was suffered in it, or who saw it ---------------------------------

@pytest.mark.parametrize("sentence, kind", [
    ("The ambush left four police officers dead on the highway.", "ASSAULT"),
    ("Fighting between the militia and the army has displaced thousands of villagers.", "ASSAULT"),
    ("The bombing claimed at least nine lives.", "ASSAULT"),
    ("The riots paralysed the port city for two days.", "PROTEST"),
])
def test_an_event_noun_told_by_what_it_did_happened(sentence, kind):
    """A noun that is the subject of a verb of effect ("left … dead", "displaced", "claimed … lives") happened,
    and "claimed nine lives" is a toll, no one's claim."""
    rep, _ = events(sentence)
    assert [(e.type, e.modality) for e in rep.events] == [(kind, "asserted")], [(e.type, e.text) for e in rep.events]


def test_the_roles_of_an_event_told_by_its_effect_are_its_own_phrases():
    rep, _ = events("The attack by Azerbaijani troops on Armenian positions left three soldiers dead.")
    event = only(rep, "ASSAULT")
    assert (codes(rep, event.actor), codes(rep, event.recipient)) == ({"AZE"}, {"ARM"})


@pytest.mark.parametrize("sentence", [
    "Seven soldiers died in the offensive near the airport.",
    "Dozens of people lost their lives in the bombardment.",
    "Three protesters died during the unrest in the capital.",
])
def test_deaths_in_any_violent_event_are_its_toll(sentence):
    """"died in", "lost their lives in" any noun the lexicon types ASSAULT (or unrest, protests): a class, not a
    list of nouns that misses the next one."""
    rep, _ = events(sentence)
    assert [e.type for e in rep.events] == ["ASSAULT"], [(e.type, e.text) for e in rep.events]


def test_the_dead_are_the_targets_not_the_attackers():
    rep, _ = events("Two Kenyan police officers died in the ambush.")
    event = only(rep, "ASSAULT")
    assert (codes(rep, event.actor), codes(rep, event.recipient)) == (set(), {"KEN"})


@pytest.mark.parametrize("sentence, recipient", [
    ("The border village has endured nightly shelling.", set()),
    ("Gaza City has suffered repeated airstrikes.", {"PSE"}),
    ("A Pakistani army patrol came under fire near the border.", {"PAK"}),
    ("Residents witnessed heavy gunfire near the market on Sunday.", set()),
])
def test_harm_suffered_or_witnessed_happened_to_the_subject(sentence, recipient):
    """"came under fire", "suffered airstrikes", "endured shelling", "witnessed gunfire": the attack happened, and
    the subject had it done to it (or saw it)."""
    rep, _ = events(sentence)
    event = only(rep, "ASSAULT")
    assert event.modality == "asserted" and codes(rep, event.actor) == set()
    assert codes(rep, event.recipient) == recipient


@pytest.mark.parametrize("sentence, actor", [
    ("Heavy shelling by Russian forces.", {"RUS"}),
    ("Relentless shelling by Ethiopian troops continued overnight.", {"ETH"}),
])
def test_a_gerund_with_a_by_phrase_names_its_doer(sentence, actor):
    """"shelling by X", also as a headline fragment: the "by" phrase is the actor, as in "strikes by X"."""
    rep, _ = events(sentence)
    assert codes(rep, only(rep, "ASSAULT").actor) == actor


@pytest.mark.parametrize("sentence", [
    "Fears of an attack have displaced thousands of villagers.",
    "The threat of airstrikes has forced thousands to flee.",
    "Did the ambush leave anyone dead?",
    "Since the fighting left the town in ruins, aid has trickled in slowly.",
    "The minister came under fire over the budget cuts.",
    "The town has not witnessed clashes in years.",
    "The capital could suffer airstrikes if the talks collapse.",
    "The storm left thousands of homes without power.",
])
def test_harm_talked_about_asked_or_figurative_is_not_told(sentence):
    """A fear, a threat, a question, a time clause, criticism "under fire", a negation or a condition: no attack
    that happened."""
    rep, _ = events(sentence)
    told = [e for e in rep.events if e.type == "ASSAULT" and e.modality in {"asserted", "reported", "claimed"}]
    assert not told, [(e.type, e.modality, e.text) for e in rep.events]


@pytest.mark.parametrize("sentence", [
    "There has been heavy fighting around the port since dawn.",
    "Sustained gunfire was heard near the presidential palace overnight.",
    "A roadside bomb exploded next to an army truck outside Mosul.",
    "A bomb went off at a bus station in the city centre.",
    "Two mortar rounds landed inside the compound on Thursday.",
])
def test_an_attack_told_by_being_there_heard_or_going_off_happened(sentence):
    """"there has been fighting", "gunfire was heard", "a bomb exploded / went off", "rounds landed": told."""
    rep, _ = events(sentence)
    assert [(e.type, e.modality) for e in rep.events] == [("ASSAULT", "asserted")], \
        [(e.type, e.modality, e.text) for e in rep.events]


@pytest.mark.parametrize("sentence", [
    "There were no clashes in the city on polling day.",
    "No gunfire was heard after midnight.",
    "The cargo plane landed safely in Nairobi.",
    "Prices exploded after the harvest failed.",
    "The raid was seen as a provocation in Beijing.",
])
def test_no_attack_there_none_heard_or_nothing_fired(sentence):
    """Negated ("there were no clashes"), a plane landing, prices exploding, a raid judged ("seen as")."""
    rep, _ = events(sentence)
    told = [e for e in rep.events if e.type == "ASSAULT" and e.modality in {"asserted", "reported", "claimed"}]
    assert not told, [(e.type, e.modality, e.text) for e in rep.events]


@pytest.mark.parametrize("sentence", [
    "The opposition leader was placed under house arrest on the eve of the vote.",
    "The blogger has been held without charge for eight months.",
    "A wave of arrests followed the strike at the copper mine.",
])
def test_detention_told_by_a_passive_light_verb_custody_or_its_sequel(sentence):
    """"placed under house arrest", "held without charge", "arrests followed …": the state's act, told."""
    rep, _ = events(sentence)
    assert [(e.type, e.modality) for e in rep.events if e.type == "COERCE"] == [("COERCE", "asserted")], \
        [(e.type, e.modality, e.text) for e in rep.events]


@pytest.mark.parametrize("sentence, modality", [
    ("Fighting is reported to have spread to two more districts.", "reported"),
    ("Clashes are said to have erupted outside the parliament building.", "reported"),
    ("Clashes are expected to erupt after the results are announced.", "planned"),
    ("The dam project sparked an upsurge of violence in the valley.", "asserted"),
])
def test_an_occurrence_raised_by_a_passive_or_held_in_an_upsurge(sentence, modality):
    """"is reported to have spread": the noun's verb is the infinitive, the passive says who tells it (or that it
    is expected); "an upsurge of violence" stands for the violence."""
    rep, _ = events(sentence)
    assert [(e.type, e.modality) for e in rep.events] == [("ASSAULT", modality)], \
        [(e.type, e.modality, e.text) for e in rep.events]


@pytest.mark.parametrize("sentence, kind", [
    ("Protests swept the country after the disputed election.", "PROTEST"),
    ("A general strike brought the port to a standstill on Monday.", "PROTEST"),
    ("Rebels overran an army outpost near the lake.", "ASSAULT"),
    ("Two Congolese soldiers were hurt in the ambush.", "ASSAULT"),
])
def test_protests_told_by_their_effect_and_attacks_by_overrunning_or_hurting(sentence, kind):
    rep, _ = events(sentence)
    assert kind in [e.type for e in rep.events if e.modality == "asserted"], [(e.type, e.text) for e in rep.events]


def test_hurting_an_economy_is_no_attack():
    rep, _ = events("The new tariffs hurt exporters in the north.")
    assert "ASSAULT" not in [e.type for e in rep.events], [(e.type, e.text) for e in rep.events]


def test_a_plural_event_noun_the_parser_took_for_a_verb_still_names_the_doer_of_its_verb():
    """The small model tags "airstrikes" a verb here; it is the subject noun that makes "struck" told."""
    rep, _ = events("Meanwhile, NATO airstrikes again struck army barracks near the coast.")
    assert [(e.type, e.modality) for e in rep.events] == [("ASSAULT", "asserted")], \
        [(e.type, e.text) for e in rep.events]


def test_a_munition_going_off_in_a_time_clause_dates_something_else():
    """"… evacuated the village after a shell landed nearby": the landing is when, the attack told elsewhere."""
    rep, _ = events("The army evacuated 60 families from the village after at least one shell landed nearby.")
    assert "ASSAULT" not in [e.type for e in rep.events], [(e.type, e.text) for e in rep.events]


def test_the_modifier_of_a_noun_the_parser_took_for_a_verb_is_its_actor():
    rep, _ = events("Meanwhile, NATO airstrikes again struck army barracks near the coast.")
    assert codes(rep, only(rep, "ASSAULT").actor) == {"NATO"}
