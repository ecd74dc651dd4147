"""The verbal PLOVER types on sentences of their own (issue 16): triggers the lexicon lacked, stances voiced
as objects, the reasons for praise, judicial accusations, meetings told as a setting. Every sentence here
is written for this file in wire style; each stands alone, as in a set of short event sentences."""

from __future__ import annotations

import pytest

from sitreps.extract.plover import lexicon
from tests.test_events import codes, events, only


@pytest.mark.parametrize("sentence, kind, actor, recipient", [
    ("Iran slammed the new American sanctions on its oil exports.", "ACCUSE", "IRN", "USA"),
    ("The Chinese foreign ministry lashed out at Japan over the island visit.", "ACCUSE", "CHN", "JPN"),
    ("Germany rebuked Hungary for its treatment of migrants.", "ACCUSE", "DEU", "HUN"),
    ("Ethiopia complained about Egyptian interference in the dam dispute.", "ACCUSE", "ETH", "EGY"),
    ("Sudan turned down the African Union offer of mediation.", "REJECT", "SDN", "AU"),
    ("North Korea ruled out talks with South Korea.", "REJECT", "PRK", "KOR"),
    ("Serbia opposed the Kosovo bid for UN membership.", "REJECT", "SRB", "XKX"),
    ("India congratulated Sri Lanka's new president.", "SUPPORT", "IND", "LKA"),
    ("The Israeli prime minister apologized to Turkey for the raid.", "CONCEDE", "ISR", "TUR"),
    ("Erdogan spoke by phone with Putin on Tuesday.", "CONSULT", "TUR", "RUS"),
    ("Beijing chided Washington over its arms sales to Taiwan.", "ACCUSE", "CHN", "USA"),
    ("Jordan summoned the Israeli ambassador over the raid on the mosque.", "ACCUSE", "JOR", "ISR"),
    ("India objected to the Chinese map.", "REJECT", "IND", "CHN"),
    ("Kyiv sought more air defence systems from Germany.", "REQUEST", "UKR", "DEU"),
    ("Greece invited Turkey to talks on the maritime dispute.", "REQUEST", "GRC", "TUR"),
    ("Ghana approved the agreement with Togo.", "AGREE", "GHA", "TGO"),
    ("Germany defended Israel's right to self-defence.", "SUPPORT", "DEU", "ISR"),
    ("Saudi Arabia sided with Egypt in the dispute.", "SUPPORT", "SAU", "EGY"),
    ("The Malian junta gave in to the demands of ECOWAS.", "CONCEDE", "MLI", "ECOWAS"),
    ("The Turkish president paid a visit to Baku.", "CONSULT", "TUR", "AZE"),
])
def test_verbs_the_lexicon_lacked(sentence, kind, actor, recipient):
    """Common wire verbs of criticism, refusal, praise and concession are events, with their addressee."""
    rep, _ = events(sentence)
    event = only(rep, kind)
    assert codes(rep, event.actor) == {actor} and codes(rep, event.recipient) == {recipient}


@pytest.mark.parametrize("sentence, kind", [
    ("Doctors in Kenya went on strike over unpaid salaries.", "PROTEST"),
    ("Hundreds of protesters blocked roads in Lima on Monday.", "PROTEST"),
    ("Myanmar's junta granted amnesty to thousands of prisoners.", "CONCEDE"),
    ("The Ethiopian government declared a unilateral ceasefire in Tigray.", "CONCEDE"),
    ("ECOWAS issued an ultimatum to the Niger junta.", "THREATEN"),
])
def test_idioms_and_objects_that_make_the_event(sentence, kind):
    """"went on strike", "granted amnesty", "declared a ceasefire", "issued an ultimatum" (PLOVER: a threat)."""
    rep, _ = events(sentence)
    assert [e.type for e in rep.events] == [kind], [(e.type, e.text) for e in rep.events]


def test_a_stance_voiced_is_the_event_and_its_holder_no_recipient():
    """"expressed support for", "voiced concern over": the object is the speaker's stance, its phrase the addressee."""
    rep, _ = events("China expressed support for Pakistan's sovereignty.")
    support = only(rep, "SUPPORT")
    assert codes(rep, support.actor) == {"CHN"} and codes(rep, support.recipient) == {"PAK"}
    rep, _ = events("Poland voiced concern over the Russian troop buildup in Belarus.")
    assert codes(rep, only(rep, "ACCUSE").recipient) == {"RUS"}
    rep, _ = events("The health minister of Kenya voiced concern over the rains in the west.")
    assert not [e for e in rep.events if e.type == "ACCUSE"]  # a worry about weather accuses no one


def test_the_deed_praised_happened():
    """"thanked France for pressuring Colombia": the thanks is addressed to France; the pressure stays an event."""
    rep, _ = events("The Colombian senator thanked France for pressuring Venezuela to free the hostages.")
    assert codes(rep, only(rep, "SUPPORT").recipient) == {"FRA"}
    assert [e.type for e in rep.events] == ["SUPPORT", "REQUEST"]


def test_an_indictment_with_no_one_named_is_the_states():
    rep, _ = events("In Ankara, twelve retired generals have been indicted since March.")
    assert codes(rep, only(rep, "ACCUSE").actor) == {"TUR"}


def test_a_meeting_told_as_a_setting_is_held_by_the_clause_subject():
    rep, _ = events("In a telephone conversation with the French president, the Russian president said his troops "
                    "would leave.")
    meeting = only(rep, "CONSULT")
    assert codes(rep, meeting.actor) == {"RUS"} and codes(rep, meeting.recipient) == {"FRA"}


def test_verbal_entries_use_only_their_types():
    """The stance objects name PLOVER types (a typo would silently code nothing)."""
    words = lexicon()
    for lemma in ("express", "voice", "reiterate", "reaffirm"):
        entry = words.verbs[lemma]
        assert entry.stance and {s.type for s in entry.objects.values()} <= set(words.types)


@pytest.mark.parametrize("sentence, kind, actor, recipient", [
    ("Israel said Hamas was responsible for the rocket fire on Sderot.", "ACCUSE", "ISR", "PSE"),
    ("Washington holds Tehran responsible for the attacks on shipping.", "ACCUSE", "USA", "IRN"),
    ("Serbia called the Kosovo police raid an act of aggression.", "ACCUSE", "SRB", "XKX"),
    ("Armenia described the Azerbaijani offensive as a war crime.", "ACCUSE", "ARM", "AZE"),
])
def test_a_judgement_voiced_is_an_accusation_of_the_one_judged(sentence, kind, actor, recipient):
    """"said X was responsible for", "called X an act of aggression", "described X as a war crime": the speaker
    accuses the doer; no accusation verb is needed."""
    rep, _ = events(sentence)
    event = only(rep, kind)
    assert codes(rep, event.actor) == {actor} and codes(rep, event.recipient) == {recipient}


@pytest.mark.parametrize("sentence, kind", [
    ("Moscow said the reports were baseless.", "REJECT"),
    ("Egypt called the agreement historic.", "SUPPORT"),
])
def test_the_judging_word_types_the_judgement(sentence, kind):
    rep, _ = events(sentence)
    assert [e.type for e in rep.events] == [kind], [(e.type, e.text) for e in rep.events]


@pytest.mark.parametrize("sentence", [
    "The envoy described the talks in Doha as he left the hall.",
    "Kyiv's intelligence agency said the buildup near the town, which lies 30 km from the border, could grow.",
    "The minister described the hostile conditions in the camp.",
])
def test_no_judgement_without_a_judging_predicate(sentence):
    """A judging word in a relative clause or in what is described (not in its "as" phrase) judges no one."""
    rep, _ = events(sentence)
    assert not [e for e in rep.events if e.type in {"ACCUSE", "REJECT", "SUPPORT"}], [(e.type, e.text) for e in rep.events]


@pytest.mark.parametrize("sentence, kind", [
    ("The opposition demanded that the president resign.", "REQUEST"),
    ("The junta defied international calls to restore civilian rule.", "REJECT"),
    ("The rebels accepted the government's peace proposal.", "AGREE"),
])
def test_a_party_the_actors_do_not_name_still_acts(sentence, kind):
    """A demand, refusal or acceptance by "the opposition", "the junta", "the rebels" is an event even when no
    actor could be made of its subject (its actor is left open rather than the event lost)."""
    rep, _ = events(sentence)
    assert kind in [e.type for e in rep.events], [(e.type, e.text) for e in rep.events]


def test_a_thing_demands_nothing():
    rep, _ = events("The weather in the capital demanded patience from commuters.")
    assert not rep.events, [(e.type, e.text) for e in rep.events]


@pytest.mark.parametrize("sentence, kind, recipient", [
    ("Haiti requested assistance from the United States.", "REQUEST", {"USA"}),
    ("The European Union called for an end to Palestinian rocket attacks and Israeli air strikes.", "REQUEST",
     {"PSE", "ISR"}),
    ("Niger's junta rejected the criticism from ECOWAS.", "REJECT", {"ECOWAS"}),
])
def test_recipients_of_requests_and_refusals(sentence, kind, recipient):
    """Who is asked or answered: "requested X from Y", each side of what is asked to stop, who made the criticism."""
    rep, _ = events(sentence)
    assert codes(rep, only(rep, kind).recipient) == recipient


@pytest.mark.parametrize("sentence, kind", [
    ("Thousands of farmers staged a protest in Lagos on Monday.", "PROTEST"),  # the small model lemmatizes "stag"
    ("The dockworkers' union organized a strike at the port of Durban.", "PROTEST"),  # a walkout, no air strike
    ("He warned that the army would respond with force.", "THREATEN"),
    ("She requested that the two presidents shake hands.", "REQUEST"),
])
def test_missing_triggers_of_protests_and_speech(sentence, kind):
    rep, _ = events(sentence)
    assert [e.type for e in rep.events] == [kind], [(e.type, e.text) for e in rep.events]


def test_the_one_urging_is_the_actor_of_the_urging():
    rep, _ = events("The summit in Tripoli was held at the urging of Malta and Italy.")
    assert codes(rep, only(rep, "REQUEST").actor) == {"MLT", "ITA"}


def test_a_plea_of_someone_no_one_names_is_still_no_event():
    rep, _ = events("A young girl pleaded with the gunman to spare her brother.")
    assert not [e for e in rep.events if e.type == "REQUEST"]


def test_a_promise_to_hold_back_force_is_a_concession_not_a_threat():
    rep, _ = events("Turkey promised not to attack Kurdish forces in Syria.")
    assert [e.type for e in rep.events] == ["CONCEDE"], [(e.type, e.text) for e in rep.events]
    rep, _ = events("Turkey promised to attack Kurdish forces in Syria.")
    assert [e.type for e in rep.events] == ["THREATEN"]


def test_a_charge_denied_in_a_relative_clause():
    """"…, a charge that Correa quickly denied": the denial of the charge, by its denier."""
    rep, _ = events("Colombia accused Ecuador of sheltering the rebels, a charge that Ecuador quickly denied.")
    assert codes(rep, only(rep, "REJECT").actor) == {"ECU"}


def test_taking_to_the_streets_is_a_protest_of_those_who_take_to_them():
    rep, _ = events("Thousands of Kenyans took to the streets of Nairobi on Tuesday.")
    assert codes(rep, only(rep, "PROTEST").actor) == {"KEN"}
    rep, _ = events("The Ukrainian brigade took heavy casualties near Bakhmut.")
    assert codes(rep, only(rep, "ASSAULT").recipient) == {"UKR"}  # what is taken is still suffered


def test_a_threat_is_aimed_at_the_place_it_names_not_at_its_condition():
    rep, _ = events("Israel threatened to expand the offensive into Rafah.")
    assert codes(rep, only(rep, "THREATEN").recipient) == {"PSE"}
    rep, _ = events("The Houthi spokesman vowed that operations would escalate until the war in Gaza ends.")
    assert codes(rep, only(rep, "THREATEN").recipient) != {"PSE"}


def test_what_a_party_failed_to_do_did_not_happen():
    rep, _ = events("Hamas said that Israel had failed to ease its blockade of Gaza.")
    assert all(e.modality == "negated" for e in rep.events if e.type == "CONCEDE")


def test_in_with_an_object_is_no_particle():
    rep, _ = events("The North Korean leader gave a speech on Sunday in the aftermath of the failed launch.")
    assert not [e for e in rep.events if e.type == "CONCEDE"]


def test_criticism_faced_is_criticism_of_the_one_facing_it():
    rep, _ = events("Pakistan faced criticism from India over the dam.")
    accusation = only(rep, "ACCUSE")
    assert codes(rep, accusation.actor) == {"IND"} and codes(rep, accusation.recipient) == {"PAK"}


@pytest.mark.parametrize("sentence, kind, actor, recipient", [
    ("Egypt was critical of the Ethiopian dam project.", "ACCUSE", "EGY", "ETH"),
    ("Poland remained supportive of the Ukrainian bid to join the bloc.", "SUPPORT", "POL", "UKR"),
    ("Beijing expressed impatience with Pyongyang over its weapons tests.", "ACCUSE", "CHN", "PRK"),
    ("Hanoi wants Beijing to withdraw its survey ship.", "REQUEST", "VNM", "CHN"),
])
def test_stances_held_or_wanted_are_speech_acts(sentence, kind, actor, recipient):
    """"was critical of" (a stance adjective), "expressed impatience with", "wants X to do" (a directive only
    with a subject of its own: "wants to negotiate" asks no one)."""
    rep, _ = events(sentence)
    event = only(rep, kind)
    assert codes(rep, event.actor) == {actor} and codes(rep, event.recipient) == {recipient}


@pytest.mark.parametrize("sentence", [
    "The situation in the camps was critical.",
    "Iran wants to expand its trade with India.",
])
def test_no_stance_without_its_preposition_or_addressee(sentence):
    rep, _ = events(sentence)
    assert not [e for e in rep.events if e.type in {"ACCUSE", "REQUEST"}], [(e.type, e.text) for e in rep.events]


@pytest.mark.parametrize("sentence, recipient", [
    ("A UN report says Sudanese forces shelled camps for displaced people.", "SDN"),
    ("The inquiry concluded that Serbian police had beaten the detainees.", "SRB"),
])
def test_a_finding_of_harm_is_an_accusation_of_the_doer(sentence, recipient):
    """What a report or inquiry says, concludes or finds someone did to others is its accusation of them; the
    act stays an event of its own."""
    rep, _ = events(sentence)
    assert codes(rep, only(rep, "ACCUSE").recipient) == {recipient}


@pytest.mark.parametrize("sentence", [
    "The report says the economy grew by three percent last year.",
    "Reports indicate that at least forty people were killed in the blast.",
])
def test_no_finding_without_a_doer_of_harm(sentence):
    rep, _ = events(sentence)
    assert "ACCUSE" not in [e.type for e in rep.events], [(e.type, e.text) for e in rep.events]


def test_a_verdict_read_in_the_as_phrase_of_the_object():
    """"described the deployment as "a threat"": the small model hangs the "as" phrase on the object."""
    rep, _ = events('The Kremlin described the Polish deployment as "a threat".')
    assert codes(rep, only(rep, "ACCUSE").actor) == {"RUS"}


def test_an_investigation_a_pronoun_announces_is_an_event():
    rep, _ = events("We are investigating the incident, the spokesman said.")
    assert [e.type for e in rep.events if e.modality in {"asserted", "reported"}] == ["ACCUSE"]


@pytest.mark.parametrize("sentence, kind", [
    ("Hamas is willing to negotiate with Egypt on a truce.", "AGREE"),
    ("The rebels said they were ready to attack the capital.", "THREATEN"),
    ("Washington assured Seoul that it would defend the island.", "AGREE"),
    ("The army will not use force against the protesters, the general said.", "CONCEDE"),
])
def test_offers_assurances_and_restraint(sentence, kind):
    """"ready/willing to" offers the act (AGREE; a hostile act offered is a threat); "assured X that" is a
    promise; "will not use force" a promise to hold back (CONCEDE)."""
    rep, _ = events(sentence)
    assert kind in [e.type for e in rep.events], [(e.type, e.text) for e in rep.events]


def test_a_readiness_to_accuse_is_the_accusation_not_an_offer():
    rep, _ = events("Tbilisi is ready to blame Moscow for every fire, the Russian minister said.")
    assert "AGREE" not in [e.type for e in rep.events], [(e.type, e.text) for e in rep.events]


def test_a_report_called_dishonest_is_rejected():
    rep, _ = events('The Israeli foreign ministry said the UN report was "dishonest".')
    assert "REJECT" in [e.type for e in rep.events], [(e.type, e.text) for e in rep.events]


@pytest.mark.parametrize("sentence, kind", [
    ("Seoul protested to Tokyo over the new textbooks.", "ACCUSE"),
    ("China lodged a formal protest with the United States.", "ACCUSE"),
    ("Thousands of Kenyans protested against the tax in Nairobi.", "PROTEST"),
])
def test_a_state_protest_is_an_accusation_a_crowd_protest_a_protest(sentence, kind):
    """PLOVER codes diplomatic protests ACCUSE disapprove; demonstrations are PROTEST."""
    rep, _ = events(sentence)
    assert [e.type for e in rep.events] == [kind], [(e.type, e.text) for e in rep.events]


@pytest.mark.parametrize("sentence, actor, recipient", [
    ("Hamas said Israel violated the truce.", "PSE", "ISR"),
    ("Kyiv said Moscow had failed to honour the grain deal.", "UKR", "RUS"),
])
def test_a_breach_a_speaker_tells_is_an_accusation(sentence, actor, recipient):
    """What a named speaker says someone did to a commitment (violated it, failed to do it, did not abide by it)
    is the speaker's accusation of that someone."""
    rep, _ = events(sentence)
    event = only(rep, "ACCUSE")
    assert codes(rep, event.recipient) == {recipient}


def test_no_breach_without_a_party_that_breaks():
    rep, _ = events("The minister said the talks failed to produce a deal.")
    assert "ACCUSE" not in [e.type for e in rep.events]


def test_assuring_is_a_promise_only_to_someone():
    rep, _ = events('"Our job now is assuring that both sides keep to the ceasefire terms," the envoy told reporters.')
    assert "AGREE" not in [e.type for e in rep.events if e.modality == "planned"], [(e.type, e.text) for e in rep.events]


@pytest.mark.parametrize("sentence, kind", [
    ("The administration has briefed Congress on the arms sale.", "CONSULT"),
    ("It was agreed at the summit in Vilnius last year.", "AGREE"),
])
def test_briefing_a_body_and_an_agreement_told_in_the_passive(sentence, kind):
    rep, _ = events(sentence)
    assert kind in [e.type for e in rep.events], [(e.type, e.text) for e in rep.events]


def test_briefing_reporters_is_no_consultation():
    rep, _ = events("Lavrov briefed reporters in Moscow.")
    assert "CONSULT" not in [e.type for e in rep.events]


def test_a_crime_a_named_speaker_charges_is_an_accusation():
    """"Kyiv said Russian forces had committed war crimes": the speaker's accusation of the doer."""
    rep, _ = events("Kyiv said Russian forces had committed war crimes in the town.")
    assert codes(rep, only(rep, "ACCUSE").recipient) == {"RUS"}


def test_talks_opened_and_a_refusal_to_open_them():
    rep, _ = events("The two sides opened talks in Doha on Monday.")
    assert [e.type for e in rep.events] == ["CONSULT"]
    rep, _ = events("Georgia will not open accession talks with the European Union.")
    assert [e.type for e in rep.events] == ["REJECT"], [(e.type, e.text) for e in rep.events]
