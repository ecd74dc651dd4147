"""Described speakers as actors of their own kind (extract/speakers.py), and the ledger that follows them."""

from __future__ import annotations

import pytest

import sitreps
from sitreps.fuse import fuse_reports


def report(text: str, published: str = "2025-03-14") -> sitreps.Report:
    return sitreps.extract(text, published=published)


def source_of(rep: sitreps.Report, figure_text: str):
    figure = next(f for f in rep.figures if figure_text in f.text)
    return next((a for a in rep.actors if a.id == figure.source), figure.source)


@pytest.mark.parametrize("sentence, figure, name, kind, country, sector", [
    ("Security officials said two soldiers were killed in the ambush.", "two soldiers",
     "Security officials", "organization", None, "GOV"),
    ("Medical authorities put the death toll at 31.", "31", "Medical authorities", "organization", None, "GOV"),
    ("South Korea's spy agency estimated that 1,500 North Korean troops had been deployed.", "1,500",
     "South Korea's spy agency", "organization", "KOR", "GOV"),
    ("Kyiv's general staff said 1,300 Russian soldiers were killed or wounded in a day.", "1,300",
     "Kyiv's general staff", "organization", "UKR", "MIL"),
    ("Ukrainian prosecutors said 12 civilians were killed in the strike on the market.", "12 civilians",
     "Ukrainian prosecutors", "organization", "UKR", "JUD"),
    ("A Russian news agency reported that 40 drones were shot down over the border region.", "40 drones",
     "Russian news agency", "media", "RUS", "MED"),
    ("Iraqi officials said 40 people were wounded in the blast.", "40 people",
     "Iraqi officials", "organization", "IRQ", "GOV"),
])
def test_a_described_speaker_is_an_actor_of_its_own_kind_never_its_country(sentence, figure, name, kind, country,
                                                                            sector):
    actor = source_of(report(sentence), figure)
    assert not isinstance(actor, str), f"source is {actor!r}"
    assert (actor.name, actor.kind, actor.country, actor.sector) == (name, kind, country, sector)


def test_witnesses_elders_and_a_soldier():
    rep = report("According to witnesses, the gunmen fled on motorbikes. Local elders said the militants had "
                 'left the village. "We will hold the bridge," a soldier told reporters.')
    kinds = {a.name: a.kind for a in rep.actors}
    assert kinds["witnesses"] == "population" and kinds["Local elders"] == "population"
    assert kinds["soldier"] == "person"
    assert {c.speaker for c in rep.claims} & {"unnamed"} == set()


def test_a_bare_report_or_estimate_stays_unnamed_but_described_data_speaks():
    rep = report("According to recent reports, 300 families fled the district. "
                 "The official record shows that up to 900 people disappeared.")
    assert source_of(rep, "300 families") == "unnamed"
    assert source_of(rep, "900 people").name == "official record"


def test_a_document_speaks_for_its_owner_and_the_report_points_back():
    rep = report("A report by the UNHCR said 2 million people had fled the region. "
                 "The report said 600,000 of them were children.")
    assert source_of(rep, "2 million").name == "UNHCR"
    assert source_of(rep, "600,000").name == "UNHCR"


def test_a_bare_definite_noun_and_a_title_point_back_to_who_was_named():
    rep = report("The World Food Programme said rations would be cut in April. The agency said 300,000 people "
                 "depend on its deliveries.\n\nAmina Yusuf, a government spokeswoman, said the curfew would end "
                 "on Friday. The government spokeswoman said 12 people had been arrested.")
    assert source_of(rep, "300,000").name == "World Food Programme"
    assert source_of(rep, "12 people").name == "Amina Yusuf"


def test_the_same_description_is_one_actor_and_a_country_mention_is_cut_back():
    rep = report("Iraqi officials said 40 people were wounded. Iraqi officials later said 12 of them had died.")
    officials = [a for a in rep.actors if a.name == "Iraqi officials"]
    assert len(officials) == 1 and len(officials[0].mentions) == 2
    assert not any(a.kind == "state" and any(m.text == "Iraqi officials" for m in a.mentions) for a in rep.actors)


# --- the ledger follows --------------------------------------------------------------------------------

def _reports():
    spy = report("SEOUL, Dec 19 (Wire) - South Korea's spy agency said about 11,000 North Korean troops had "
                 "been sent to Russia.", published="2024-12-19").to_dict()
    ministry = report("SEOUL, Dec 20 (Post) - South Korea's defence ministry said about 12,000 North Korean "
                      "troops had been sent to Russia.", published="2024-12-20").to_dict()
    spy["article"]["publisher"], ministry["article"]["publisher"] = "Wire", "Post"
    return [spy, ministry]


def test_an_intelligence_service_and_a_ministry_are_two_sources_pooled_only_on_request():
    reports = _reports()
    troops = [q for q in fuse_reports(reports).ledger if q.category == "troops"]
    assert troops, "no troops quantity in the ledger"
    sources = {e.source for e in troops[0].latest}
    assert "South Korea's spy agency" in sources and len(sources) == 2
    pooled = [q for q in fuse_reports(reports, source_level="government").ledger if q.category == "troops"][0]
    assert {e.source for e in pooled.latest} == {"South Korea officials"}


def test_described_speakers_with_no_side_are_each_outlets_own():
    from sitreps.fuse.keys import source_key

    witnesses = {"name": "witnesses", "kind": "population", "country": None}
    assert source_key(witnesses, "A3", "Wire") != source_key(witnesses, "A3", "Post")
    officials = {"name": "Iraqi officials", "kind": "organization", "country": "IRQ", "sector": "GOV"}
    assert source_key(officials, "A3", "Wire") == source_key(officials, "A3", "Post")
