"""Event actors and recipients as country codes, on single wire-style sentences read on their own (the way
short event sentences are scored): who acts and who is acted on when the sentence names a party without a
country, a country only as a place or an adjective, or a person the gazetteers do not know."""

from __future__ import annotations

import sitreps


def report(text: str) -> sitreps.Report:
    return sitreps.extract(text, published="2024-05-06")


def codes(rep: sitreps.Report, refs: list[str]) -> set[str | None]:
    country = {a.id: a.country for a in rep.actors}
    return {country.get(r) for r in refs}


def event(rep: sitreps.Report, kind: str) -> sitreps.types.Event:
    found = [e for e in rep.events if e.type == kind]
    assert found, [(e.type, e.text) for e in rep.events]
    return found[0]


# --- actors' countries -----------------------------------------------------------------------------------

def test_a_shared_adjective_goes_to_the_country_the_news_names_more():
    rep = report("Dominican president Luis Abinader met the visiting Haitian foreign minister on Monday.")
    assert "DOM" in codes(rep, event(rep, "CONSULT").actor)
    rep = report("Congolese troops shelled rebel positions near Goma on Tuesday.")
    assert codes(rep, event(rep, "ASSAULT").actor) == {"COD"}


def test_a_name_two_states_share_goes_to_the_one_the_file_lists_it_for():
    rep = report("Rebels in eastern Congo killed 12 villagers on Sunday.")
    attack = event(rep, "ASSAULT")
    assert codes(rep, attack.actor) == {"COD"} and codes(rep, attack.recipient) == {"COD"}


def test_a_ministry_of_no_known_country_is_named_without_one():
    rep = report("The Health Ministry asked donors for emergency supplies on Friday.")
    names = [a.name for a in rep.actors]
    assert "Health Ministry" in names and not any(n.startswith("None") for n in names)


# --- a party named without a country takes the sentence's (party_country.py) ----------------------------

def test_a_party_placed_in_its_own_phrase_acts_for_that_country():
    rep = report("Rebels in Darfur attacked an aid convoy on Tuesday.")
    assert codes(rep, event(rep, "ASSAULT").actor) == {"SDN"}


def test_a_party_with_no_country_acts_for_the_country_of_the_event_place():
    rep = report("Soldiers clashed with militants near Mosul on Monday.")
    attack = event(rep, "ASSAULT")
    assert codes(rep, attack.actor) == {"IRQ"} and codes(rep, attack.recipient) == {"IRQ"}
    rep = report("Thousands of protesters rallied in Lyon on Saturday against the pension reform.")
    assert codes(rep, event(rep, "PROTEST").actor) == {"FRA"}


def test_an_unknown_person_takes_the_one_country_the_sentence_names_and_keeps_their_identity():
    rep = report("Marta Tallqvist rejected the accusation, saying Peru had never hidden its records.")
    reject = event(rep, "REJECT")
    assert codes(rep, reject.actor) == {"PER"}
    assert [rep.name(a) for a in reject.actor] == ["Marta Tallqvist"]


def test_an_armed_group_placed_by_the_event_is_a_group_of_that_country_not_its_state():
    rep = report("Gunmen opened fire on worshippers at a mosque in Kano on Friday.")
    attack = event(rep, "ASSAULT")
    kinds = {a.id: (a.kind, a.country) for a in rep.actors}
    assert [kinds[a] for a in attack.actor] == [("organization", "NGA")]


def test_a_relative_clause_after_coordinated_names_is_about_all_of_them():
    rep = report("The Finnish foreign minister Ilkka Harjula and Kenyan envoy Otieno Wafula, who met in Geneva on "
                 "Tuesday, discussed the refugee crisis.")
    assert codes(rep, event(rep, "CONSULT").actor) == {"FIN", "KEN"}


def test_where_troops_came_from_or_a_border_is_no_ground_for_their_country():
    rep = report("Hundreds of villagers gathered near the Austrian border; the soldiers crossed in from Austria.")
    moved = [e for e in rep.events if e.type == "MOBILIZE"]
    assert all("AUT" not in codes(rep, e.actor) for e in moved)


def test_a_withdrawal_is_from_the_place_it_leaves():
    for text in ("Azerbaijani troops began their pullout from Armenia on Monday.",
                 "Azerbaijani troops withdrew from Armenia on Monday."):
        rep = report(text)
        withdrawal = event(rep, "RETREAT")
        assert codes(rep, withdrawal.actor) == {"AZE"} and codes(rep, withdrawal.recipient) == {"ARM"}


def test_a_well_known_city_the_parser_left_unread_still_names_the_target_state():
    rep = report("Russian forces launched a missile attack on Kharkiv overnight.")
    attack = event(rep, "ASSAULT")
    assert codes(rep, attack.actor) == {"RUS"} and codes(rep, attack.recipient) == {"UKR"}


def test_a_ship_that_sank_is_what_was_attacked_not_the_attacker():
    rep = report("A South Korean navy corvette sank near the disputed border after an explosion.")
    attack = event(rep, "ASSAULT")
    assert "KOR" not in codes(rep, attack.actor) and codes(rep, attack.recipient) == {"KOR"}


def test_a_surname_the_gazetteer_gives_one_country_for_names_that_country():
    rep = report("Prime Minister Nouri Maliki accused the militia of shelling a market on Tuesday.")
    assert codes(rep, event(rep, "ACCUSE").actor) == {"IRQ"}


def test_unrest_told_by_a_noun_alone_is_the_place_peoples():
    rep = report("There were protests in Alexandria and Suez on Friday.")
    assert codes(rep, event(rep, "PROTEST").actor) == {"EGY"}
    rep = report("Clashes in Mombasa left three people dead on Sunday.")
    clashes = event(rep, "ASSAULT")
    assert codes(rep, clashes.actor) == codes(rep, clashes.recipient) == {"KEN"}


def test_a_body_named_with_of_and_a_country_is_that_countrys():
    rep = report("The parliament of Georgia voted to sever diplomatic ties with Russia.")
    cut = event(rep, "SANCTION")
    assert codes(rep, cut.actor) == {"GEO"} and codes(rep, cut.recipient) == {"RUS"}


def test_a_group_read_as_a_person_takes_no_country_from_a_surname():
    from sitreps.gazetteer import surname_country
    assert surname_country("al-Shabab") is None
    assert surname_country("Nouri Maliki") == "IRQ"


def test_people_named_by_a_plural_act_as_people_of_the_place():
    rep = report("Fishermen rescued 40 migrants near Palermo on Friday.")
    rescue = event(rep, "AID")
    kinds = {a.id: (a.kind, a.country) for a in rep.actors}
    assert [kinds[a] for a in rescue.actor] == [("population", "ITA")]


# --- coordination ----------------------------------------------------------------------------------------

def test_coordinated_nationality_words_name_every_state():
    rep = report("French and German leaders met in Berlin on Monday.")
    assert codes(rep, event(rep, "CONSULT").actor) == {"FRA", "DEU"}
    rep = report("The US and Chinese governments held talks in Geneva.")
    assert codes(rep, event(rep, "CONSULT").actor) == {"USA", "CHN"}


def test_an_attack_on_a_camp_in_the_attackers_own_country_is_on_its_people():
    rep = report("Sudanese paramilitaries attacked a camp for displaced people in North Darfur.")
    assert codes(rep, event(rep, "ASSAULT").recipient) == {"SDN"}


# --- prepositional objects -------------------------------------------------------------------------------

def test_what_was_taken_is_taken_from_the_from_phrase():
    rep = report("Somali troops recaptured the town from al-Shabaab fighters.")
    assert codes(rep, event(rep, "ASSAULT").recipient) == {"SOM"}
    names = {a.id: a.name for a in rep.actors}
    assert [names[a] for a in event(rep, "ASSAULT").recipient] == ["al-Shabaab"]


def test_where_an_attack_was_fired_from_is_the_attackers_not_the_target():
    rep = report("Militants fired rockets from Gaza.")
    attack = event(rep, "ASSAULT")
    assert codes(rep, attack.actor) == {"PSE"} and "PSE" not in codes(rep, attack.recipient)


def test_an_organisation_named_of_a_country_is_that_countrys():
    rep = report("The Human Rights Commission of Pakistan has condemned the killings.")
    assert codes(rep, event(rep, "ACCUSE").actor) == {"PAK"}


def test_a_body_after_a_nationality_word_is_that_nations():
    rep = report("London said it would send the Syrian opposition 40 armoured vehicles and radios next month.")
    assert codes(rep, event(rep, "AID").recipient) == {"SYR"}


def test_a_bare_police_is_of_the_country_of_the_well_known_city_named():
    rep = report("Police arrested two men in Lyon on Sunday after the riot.")
    arrest = event(rep, "COERCE")
    names = {a.id: (a.name, a.country) for a in rep.actors}
    assert [names[a] for a in arrest.actor] == [("French Police", "FRA")]


def test_where_parties_meet_is_not_whose_they_are():
    rep = report("The two sides held talks in Doha on Sunday.")
    assert "QAT" not in codes(rep, event(rep, "CONSULT").actor)  # a venue, not the parties' home
    rep = report("Police in Doha arrested two men on Sunday.")
    assert codes(rep, event(rep, "COERCE").actor) == {"QAT"}  # where the police act is their country
