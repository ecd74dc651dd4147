"""Material events (ASSAULT, COERCE, MOBILIZE, SANCTION, AID, RETREAT, COOPERATE) on sentences written for these
tests in wire style: missing triggers, weapons tests, joint exercises, and who did it to whom."""

from __future__ import annotations

import pytest

import sitreps


def coded(text: str) -> list[tuple[str, str | None, str, set[str | None], set[str | None]]]:
    """(type, mode, modality, actor countries, recipient countries) of each event of ``text``."""
    rep = sitreps.extract(text, published="2025-03-14")
    country = {a.id: a.country for a in rep.actors}
    return [(e.type, e.mode, e.modality, {country.get(i) for i in e.actor}, {country.get(i) for i in e.recipient})
            for e in rep.events]


@pytest.mark.parametrize("sentence, kind, mode, actor, recipient", [
    ("Israeli bulldozers demolished four Palestinian homes near Hebron on Tuesday.", "ASSAULT", "destroy", None,
     {"PSE"}),
    ("Ecuadorian police fired tear gas at students outside the parliament in Quito.", "ASSAULT", "crowd-control",
     {"ECU"}, None),
    ("Moroccan troops opened fire on smugglers near the Algerian border.", "ASSAULT", "firearms", {"MAR"}, None),
    ("The Houthis executed three men in Sanaa on Sunday.", "ASSAULT", "targeted", None, None),
    ("Chad closed its border with Sudan on Monday.", "COERCE", "restrict", {"TCD"}, {"SDN"}),
    ("Pakistan blocked access to X after the election.", "COERCE", "censor", {"PAK"}, None),
    ("Washington slapped new sanctions on Venezuelan oil firms.", "SANCTION", None, {"USA"}, {"VEN"}),
    ("Niger revoked the visas of six French diplomats.", "SANCTION", None, {"NER"}, None),
    ("The Philippine navy dispatched three warships to Scarborough Shoal.", "MOBILIZE", "troops", {"PHL"}, None),
    ("Italy extradited a Serbian crime boss to Belgrade on Friday.", "COOPERATE", None, {"ITA"}, {"SRB"}),
    ("Rwanda and Burundi restored diplomatic relations in June.", "COOPERATE", None, {"RWA", "BDI"}, None),
    ("The Tanzanian government allocated $12 million to flood relief.", "AID", "economic", {"TZA"}, None),
    ("The British garrison turned the airbase over to Afghan forces.", "RETREAT", None, {"GBR"}, {"AFG"}),
])
def test_material_triggers_the_lexicon_lacked(sentence, kind, mode, actor, recipient):
    found = [e for e in coded(sentence) if e[0] == kind]
    assert found, coded(sentence)
    _, got_mode, modality, got_actor, got_recipient = found[0]
    assert modality in {"asserted", "reported"}
    assert mode is None or got_mode == mode
    assert actor is None or got_actor == actor
    assert recipient is None or got_recipient == recipient


def test_a_weapons_test_is_a_show_of_force_and_firing_at_a_target_an_attack():
    assert [e[:2] for e in coded("Iran test-fired a new cruise missile on Saturday.")] == [("MOBILIZE", "weapons")]
    assert [e[0] for e in coded("Pyongyang launched two ballistic missiles into the sea off its east coast.")] \
        == ["MOBILIZE"]
    assert [e[0] for e in coded("Russia fired twelve missiles at Odesa overnight.")] == ["ASSAULT"]


def test_joint_exercises_are_cooperation_and_one_army_drilling_is_a_mobilization():
    joint = coded("Kenya and Tanzania held joint naval exercises off Mombasa this week.")
    assert [(e[0], e[3]) for e in joint] == [("COOPERATE", {"KEN", "TZA"})]
    assert [e[0] for e in coded("Taiwan's army staged live-fire drills on Penghu on Monday.")] == ["MOBILIZE"]


def test_a_named_private_doer_is_not_the_state_where_it_acted_but_the_police_are():
    hijack = coded("Somali pirates hijacked a Greek-flagged tanker off the coast of Yemen.")
    assert [(e[0], e[3], e[4]) for e in hijack] == [("COERCE", {"SOM"}, {"GRC"})]
    arrest = coded("Police detained 40 people in Nairobi on Tuesday.")
    assert [(e[0], e[3]) for e in arrest] == [("COERCE", {"KEN"})]


def test_a_figurative_hijacking_and_joining_forces_with_troops_are_not_events():
    assert coded("The debate was hijacked by populists.") == []
    assert not [e for e in coded("The recruits joined 1,500 Ugandan forces in Mogadishu.") if e[0] == "COOPERATE"]


def test_an_operation_or_campaign_against_someone_is_an_attack_and_other_operations_are_not():
    assert [(e[0], e[3]) for e in coded("The Malian army began operations against jihadists near Gao.")] \
        == [("ASSAULT", {"MLI"})]
    assert [e[:2] for e in coded("Israel waged an air campaign against Hezbollah in southern Lebanon.")] \
        == [("ASSAULT", "aerial")]
    assert coded("Rescue operations resumed in the flooded districts of Sylhet on Monday.") == []


@pytest.mark.parametrize("sentence, kind, modality", [
    ("Thousands of farmers took to the streets of Warsaw to protest against grain imports.", "PROTEST", "asserted"),
    ("The Turkish foreign minister flew to Baghdad to hold talks with Iraqi leaders.", "CONSULT", "asserted"),
    ("The Turkish foreign minister will fly to Baghdad to hold talks with Iraqi leaders.", "CONSULT", "planned"),
    ("Ethiopia sent troops into Somalia to fight al-Shabaab.", "ASSAULT", "hypothetical"),
])
def test_what_a_trip_or_gathering_was_for_happened_but_what_troops_were_sent_for_may_not(sentence, kind, modality):
    assert (kind, modality) in [(e[0], e[2]) for e in coded(sentence)], coded(sentence)


@pytest.mark.parametrize("sentence, kind, actor, recipient", [
    # the people an act is done to are placed ("in", "from", "of"), not named
    ("Canada sent food aid to refugees in Chad on Monday.", "AID", {"CAN"}, {"TCD"}),
    ("Norway delivered medical supplies to displaced families in Sudan.", "AID", {"NOR"}, {"SDN"}),
    # "took control of" is the taker's act ("took casualties" is what the subject suffers)
    ("Russian soldiers took control of the Georgian port of Poti.", "COERCE", {"RUS"}, {"GEO"}),
    # a conjoined verb the parser tags as a participle is active when it has an object
    ("Ecuador and Venezuela had sent troops to their borders and severed ties with Colombia.", "SANCTION",
     {"ECU", "VEN"}, {"COL"}),
])
def test_recipients_of_material_events(sentence, kind, actor, recipient):
    found = [(e[3], e[4]) for e in coded(sentence) if e[0] == kind]
    assert (actor, recipient) in found, coded(sentence)


def test_a_place_in_a_meeting_or_a_destination_is_no_recipient():
    warned = [e for e in coded("At a summit in Abuja, ECOWAS leaders warned the juntas of Mali and Niger.")
              if e[0] == "THREATEN"]
    assert warned and all("NGA" not in e[4] for e in warned)


@pytest.mark.parametrize("sentence, kind", [
    ("The army deployed armoured vehicles in the capital overnight.", "MOBILIZE"),
    ("The junta banned all political parties.", "COERCE"),
    ("The rebels laid siege to the provincial capital.", "ASSAULT"),
])
def test_an_army_junta_or_rebel_force_acting_is_an_event_though_it_names_no_country(sentence, kind):
    assert [e[0] for e in coded(sentence)] == [kind]


def test_a_verbal_act_of_an_unnamed_body_is_coded_without_inventing_its_country():
    # the material rule (a force acting for its country) does not reach speech acts: "the committee" is a party
    # that speaks (an event, its actor left open), not a state
    assert coded("The committee welcomed the report.") == [("SUPPORT", None, "asserted", set(), set())]


def test_the_owner_of_what_was_attacked_is_the_recipient():
    hack = [e for e in coded("Chinese hackers hacked servers belonging to the Australian parliament.")
            if e[0] == "COERCE"]
    assert [(e[1], e[3], e[4]) for e in hack] == [("cyber", {"CHN"}, {"AUS"})]


def test_a_force_placed_in_a_country_acts_for_it_but_students_placed_there_are_not_its_state():
    freed = [e for e in coded("The junta in Burkina Faso freed four detained journalists on Friday.")
             if e[0] == "RETREAT"]
    assert [e[3] for e in freed] == [{"BFA"}]
    # students are coded by their country (docs/annotation.md) but stay people: Bangladeshis, not the state
    rep = sitreps.extract("Students in Dhaka marched to the presidential palace on Monday.", published="2025-03-14")
    kinds = {a.id: (a.kind, a.country) for a in rep.actors}
    marched = [e for e in rep.events if e.type == "PROTEST"]
    assert marched and all(kinds[a] == ("population", "BGD") for e in marched for a in e.actor)


@pytest.mark.parametrize("sentence, kind, mode", [
    ("Teachers in Kenya staged a nationwide strike over pay.", "PROTEST", "strike"),
    ("A strike by Nigerian oil workers halted production at two terminals.", "PROTEST", "strike"),
    ("Dock workers in Antwerp went on strike on Monday.", "PROTEST", "strike"),
    ("Hundreds of inmates went on hunger strike in Ankara.", "PROTEST", "hunger"),
    ("Jailed Kurdish activists in Turkey staged a hunger strike to demand a retrial.", "PROTEST", "hunger"),
    ("A Russian strike hit an apartment block in Dnipro.", "ASSAULT", "aerial"),
])
def test_a_strike_by_workers_or_a_hunger_strike_is_a_protest_and_an_air_strike_an_attack(sentence, kind, mode):
    found = coded(sentence)
    assert (kind, mode) in [e[:2] for e in found], found
    if kind == "PROTEST":
        assert "ASSAULT" not in [e[0] for e in found]


@pytest.mark.parametrize("sentence, kind, mode, actor, recipient", [
    ("Bolivia broke off diplomatic relations with Israel.", "SANCTION", "withdraw", {"BOL"}, {"ISR"}),
    ("Kuwait recalled its ambassador to Lebanon for consultations.", "SANCTION", "withdraw", {"KWT"}, {"LBN"}),
    ("India withdrew its high commissioner from Canada.", "SANCTION", "withdraw", {"IND"}, {"CAN"}),
    ("The EU added 12 Russian companies to its sanctions list.", "SANCTION", None, {"EU"}, {"RUS"}),
    ("Azerbaijan sentenced an Armenian soldier to 20 years in prison.", "SANCTION", "convict", {"AZE"}, {"ARM"}),
    ("Chinese authorities placed the activist under house arrest.", "COERCE", "arrest", {"CHN"}, None),
    ("Ethiopia imposed a state of emergency in the Amhara region.", "COERCE", "martial-law", {"ETH"}, None),
    ("Egyptian police raided the offices of an independent news website.", "COERCE", "seize", {"EGY"}, None),
    ("South Korea raised its military readiness level.", "MOBILIZE", None, {"KOR"}, None),
])
def test_sanctions_convictions_arrests_and_alerts_told_in_other_words(sentence, kind, mode, actor, recipient):
    found = [e for e in coded(sentence) if e[0] == kind]
    assert found, coded(sentence)
    assert mode is None or found[0][1] == mode
    assert found[0][3] == actor and (recipient is None or found[0][4] == recipient)


def test_emergency_as_a_modifier_is_no_state_of_emergency_and_a_raid_by_troops_stays_an_attack():
    assert coded("Emergency power cuts were imposed in three regions on Monday.") == []
    assert [e[0] for e in coded("Israeli troops raided the Jenin refugee camp.")] == ["ASSAULT"]


def test_an_event_whose_clause_names_no_place_is_set_in_the_one_place_its_sentence_names():
    rep = sitreps.extract("The residence was searched and weapons were seized, police in Mombasa said.",
                          published="2025-03-14")
    names = {p.id: p.name for p in rep.places}
    assert [names.get(e.place) for e in rep.events] == ["Mombasa"]


@pytest.mark.parametrize("sentence, actor, recipient", [
    ("The Kenyan government allocated KSh50 million for flood victims on Tuesday.", {"KEN"}, {"KEN"}),
    ("Pyongyang has shipped millions of rounds of ammunition to Russia, Seoul said.", {"PRK"}, {"RUS"}),
])
def test_aid_that_names_no_recipient_goes_where_it_is_given_and_a_destination_in_the_object_is_the_recipient(
        sentence, actor, recipient):
    aid = [e for e in coded(sentence) if e[0] == "AID"]
    assert [(e[3], e[4]) for e in aid] == [(actor, recipient)], coded(sentence)


@pytest.mark.parametrize("sentence, kinds", [
    ("Around 300 Kenyan police officers disembarked at Port-au-Prince on Tuesday.", ["MOBILIZE"]),
    ("Hundreds of NATO soldiers crossed into Poland from Germany.", ["MOBILIZE"]),
    ("The Chinese foreign minister arrived in Pretoria on Monday.", []),
    ("Refugees crossed the border into Chad.", []),
    ("The Kach movement was banned in 1994.", ["COERCE"]),
])
def test_forces_on_the_move_are_a_mobilization_and_a_movement_is_not(sentence, kinds):
    assert [e[0] for e in coded(sentence)] == kinds


def test_forces_moving_with_no_side_of_their_own_are_the_side_told_just_before():
    found = coded("Comoros invaded the island of Anjouan on Tuesday. Around 450 troops disembarked near Mutsamudu.")
    assert ("MOBILIZE", {"COM"}) in [(e[0], e[3]) for e in found], found


def test_sanctions_that_target_or_hit_something_are_sanctions_on_it_not_an_attack():
    found = coded("New US sanctions hit Iranian oil exports on Thursday.")
    assert [(e[0], e[3], e[4]) for e in found] == [("SANCTION", {"USA"}, {"IRN"})]
    assert [e[0] for e in coded("A Russian strike hit an apartment block in Dnipro.")] == ["ASSAULT"]


@pytest.mark.parametrize("sentence, kind, mode", [
    ("Gunmen gunned down a local councillor in Peshawar on Friday.", "ASSAULT", "firearms"),
    ("Protesters hurled stones at police in Srinagar.", "PROTEST", "riot"),  # a crowd that attacks riots
    ("Russia annexed four Ukrainian regions in September 2022.", "COERCE", "seize"),
    ("Jordanian aircraft airdropped food aid over Gaza.", "AID", "humanitarian"),
    ("Iran retaliated with missile strikes on Iraqi Kurdistan.", "ASSAULT", "aerial"),
])
def test_more_material_verbs(sentence, kind, mode):
    assert (kind, mode) in [e[:2] for e in coded(sentence)], coded(sentence)


def test_ordinary_uses_of_throw_and_set_are_no_events():
    assert coded("He threw the ball to his brother.") == []
    assert coded("The company set new targets for 2030.") == []


def test_forces_deployed_in_the_passive_are_a_mobilization_and_its_purpose_stays_hypothetical():
    found = coded("Troops were deployed to the border to prevent infiltration.")
    assert [(e[0], e[2]) for e in found] == [("MOBILIZE", "asserted")]


@pytest.mark.parametrize("sentence, kind, mode", [
    ("Thousands of protesters blocked roads in Lima on Monday.", "PROTEST", "obstruct"),
    ("Police blocked the road to the airport.", "COERCE", "restrict"),
    ("Russian authorities blocked access to the Telegram messaging service.", "COERCE", "censor"),
])
def test_a_crowd_blocking_a_road_protests_and_an_authority_blocking_one_restricts(sentence, kind, mode):
    assert [e[:2] for e in coded(sentence)] == [(kind, mode)]


@pytest.mark.parametrize("sentence, kind", [
    ("Soldiers fired on demonstrators near the border fence.", "ASSAULT"),
    ("Moscow cut gas exports to Moldova.", "SANCTION"),
])
def test_firing_on_a_target_and_cutting_trade(sentence, kind):
    """"fired on/at" a target is an attack; "cut exports/imports/trade/supplies" a sanction (PLOVER SANCTION
    discontinue)."""
    assert [e[0] for e in coded(sentence)] == [kind], coded(sentence)


def test_a_dated_verb_is_not_fired_on_its_date():
    assert not coded("The coach was fired on Monday.")


def test_a_mob_that_kills_attacks():
    """Rioters who storm a building riot (PROTEST); a mob that kills or beats someone attacks them."""
    assert [e[:2] for e in coded("A mob beat a man to death in the northern town.")][0][0] == "ASSAULT"
    assert [e[0] for e in coded("Protesters stormed the parliament building in the capital.")] == ["PROTEST"]


@pytest.mark.parametrize("sentence, kind", [
    ("Washington halted its food aid to the country.", "SANCTION"),
    ("Moscow suspended the talks with Chisinau.", "SANCTION"),
])
def test_what_is_halted_did_not_happen_as_well(sentence, kind):
    """"halted its food aid": the halt is the event; the aid is its object, not an aid event besides."""
    assert [e[0] for e in coded(sentence)] == [kind], coded(sentence)


def test_an_order_to_the_army_by_an_unnamed_commander_is_a_mobilization():
    """"I have ordered the army to …": a command to armed forces no other side is named to own is the
    commander's mobilization, not a request (frames.commands)."""
    assert [e[0] for e in coded('"I have ordered the army to retake the island," the president said.')
            if e[2] in {"asserted", "reported"}] == ["MOBILIZE"], coded("")


@pytest.mark.parametrize("sentence, kind", [
    ("At least forty people have died in the clashes, a hospital official said.", "ASSAULT"),
    ("Two car bombs were detonated near the central market.", "ASSAULT"),
    ("The former governor was convicted and sentenced to life imprisonment.", "SANCTION"),
    ("Moqtada al-Sadr broke from the prime minister in 2019.", "SANCTION"),
    ("Six Libyan officials have been denied Schengen visas.", "REJECT"),
])
def test_tolls_detonations_sentences_breaks_and_refused_visas(sentence, kind):
    """Deaths in a violent event are its toll (the dead its targets); a death alone is none."""
    assert kind in [e[0] for e in coded(sentence)], coded(sentence)


def test_a_death_alone_is_no_attack():
    assert not coded("The former president died in hospital on Monday.")


@pytest.mark.parametrize("sentence", [
    "North Korea said it would no longer honour the agreement with Washington.",
    "The rebels said they would not abide by the truce.",
])
def test_a_commitment_no_longer_kept_is_a_refusal(sentence):
    assert "REJECT" in [e[0] for e in coded(sentence)], coded(sentence)


@pytest.mark.parametrize("sentence, kind", [
    ("Six of the detainees were released without charge.", "RETREAT"),
    ("The rebels released him on Sunday.", "RETREAT"),
    ("The conscript was briefly imprisoned.", "COERCE"),
    ("The junta issued a ban on public gatherings.", "COERCE"),
    ("Ambulances evacuated the wounded to a hospital in Haifa.", "AID"),
    ("Jordan hosts more than a million refugees.", "AID"),
])
def test_people_released_or_jailed_bans_issued_and_people_sheltered(sentence, kind):
    """A person, a pronoun or a bare count is people ("released him", "six were released"); a ban is an event
    when a light verb tells it ("issued a ban"), not when talked about ("the ban remains")."""
    assert kind in [e[0] for e in coded(sentence)], coded(sentence)


@pytest.mark.parametrize("sentence", [
    "The government released a statement on Monday.",
    "The ban on gatherings remains in force.",
])
def test_no_release_of_things_and_no_ban_talked_about(sentence):
    assert not [e for e in coded(sentence) if e[0] in {"RETREAT", "COERCE"}], coded(sentence)


@pytest.mark.parametrize("sentence, kind", [
    ("Farmers blocked highways with their tractors.", "PROTEST"),
    ("The militia disarmed in March under the deal.", "RETREAT"),
    ("The junta released the former president on Friday.", "RETREAT"),
    ("Chilean security forces worked hand in hand with other military governments.", "COOPERATE"),
])
def test_crowds_that_block_roads_disarming_releases_and_working_together(sentence, kind):
    assert kind in [e[0] for e in coded(sentence)], coded(sentence)


def test_official_figures_are_no_people():
    assert not coded("The ministry released official figures on Monday.")


@pytest.mark.parametrize("sentence", [
    "Two peacekeepers suffered minor injuries in the shelling.",
    "Three police officers sustained gunshot wounds.",
    "The crowd began pummeling the suspect.",
])
def test_injuries_suffered_and_beatings_are_attacks(sentence):
    assert "ASSAULT" in [e[0] for e in coded(sentence)], coded(sentence)


def test_access_allowed_is_a_retreat_a_party_allowed_to_act_is_backed():
    """PLOVER RETREAT covers allowing the entry of observers, peacekeepers or aid; "allowed Israel to use" is SUPPORT."""
    assert [e[0] for e in coded("Israel allowed aid convoys into Gaza on Sunday.")] == ["RETREAT"]
    assert "SUPPORT" in [e[0] for e in coded("Washington allowed Israel to use American bombs in the operation.")]
