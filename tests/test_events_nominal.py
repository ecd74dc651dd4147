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
