import pytest
import yaml

from sitreps.clean import clean
from tests.conftest import SEED_GOLD, need_shared


def test_seed_boilerplate_and_repairs_match_its_gold(seed_path):
    gold = yaml.safe_load(need_shared(SEED_GOLD).read_text())["article"]
    result = clean(seed_path.read_text(encoding="utf-8"))
    assert len(result.removed) == len(gold["removed"])
    for gold_line, removed in zip(gold["removed"], result.removed):
        assert gold_line in removed.text
    for repair in gold["repaired"]:
        assert repair["to"] in result.text
        assert repair["from"] not in result.text
    for line in gold["removed"]:
        assert line not in result.text


def test_each_removed_line_keeps_its_reason():
    text = "\n".join([
        "KYIV, March 3 (Meridian Wire) - Russia launched 40 drones overnight, the air force said.",
        "Related: Ukraine Braces for Another Winter of Blackouts",
        "The governor said two people were wounded.",
        "Share this article",
        "Sign up for our daily newsletter",
        "Reporting by Olena Petrenko; Editing by Mark Hale",
        "Copyright 2025 Meridian Wire. All rights reserved.",
    ])
    result = clean(text, detect_title=False)
    assert [(r.reason, r.text[:12]) for r in result.removed] == [
        ("related-link", "Related: Ukr"), ("site-chrome", "Share this a"), ("subscribe", "Sign up for "),
        ("credit", "Reporting by"), ("copyright", "Copyright 20")]
    assert result.text.count("\n") == 1


def test_headline_in_the_body_is_a_related_link_but_a_subhead_in_sentence_case_is_not():
    text = "\n".join([
        "Ministers met in Brussels on Monday to discuss the package.",
        "Germany Pledges New Air Defence Systems for Kyiv",
        "Mounting losses at the front",
        "The talks ended without agreement, officials said.",
    ])
    result = clean(text, detect_title=False)
    assert [r.text for r in result.removed] == ["Germany Pledges New Air Defence Systems for Kyiv"]
    assert "Mounting losses at the front" in result.text


def test_author_bio_is_removed_only_at_the_end():
    text = "\n".join([
        "Putin is a man who has staked everything on this war, the envoy said.",
        "The ministry said 12 people were detained.",
        "Jane Doe is a senior fellow at the Meridian Institute.",
    ])
    result = clean(text, detect_title=False)
    assert [r.reason for r in result.removed] == ["author-bio"]
    assert result.text.startswith("Putin is a man")


def test_title_and_byline_are_taken_from_the_top_of_plain_text():
    text = "Drones Hit Power Plant in Kharkiv Region\nBy Jane Doe and John Roe\nKHARKIV - Drones hit a plant, officials said.\nMore text follows here."
    result = clean(text)
    assert result.title == "Drones Hit Power Plant in Kharkiv Region"
    assert result.byline == "Jane Doe and John Roe"
    assert result.text.startswith("KHARKIV - Drones")
    assert [r.reason for r in result.removed] == ["byline"]


def test_character_repairs():
    result = clean("It said ˜special operation and amassing1,530 men, with\u00a0soft\u00adhyphen and ”quoted” words.",
                   detect_title=False)
    assert result.text == "It said special operation and amassing 1,530 men, with softhyphen and “quoted” words."
    assert {r.reason for r in result.repairs} == {"stray-spacing-modifier", "glued-number", "non-breaking-space",
                                                  "invisible-characters", "quote-direction"}


def test_mojibake_is_repaired_and_recorded():
    broken = "The minister said â€œno comment.â€\x9d"
    result = clean(broken, detect_title=False)
    assert result.text == "The minister said “no comment.”"
    assert result.repairs[0].reason == "encoding"


def test_calibres_and_model_numbers_are_not_split():
    text = "Russia fired 152mm shells and Su-27 jets flew 3rd sorties over 10km."
    assert clean(text, detect_title=False).text == text


# --- author bios: real endings and openings survive, real bios go -----------------------------------
# Written for these tests in the manner of government releases, wire copy and encyclopedic text.

MUST_SURVIVE_AT_THE_END = [
    # government releases
    "Combined Joint Task Force Northern Shield is the coalition command that coordinates partner operations "
    "against the insurgency in the river provinces.",
    "The Department of Civil Protection is committed to supporting every family affected by the floods.",
    "Operation Harbour Watch was launched in 2016 to secure the shipping lanes of the southern gulf.",
    "Coalition aircraft conducted 14 strikes near Tal Varesh, destroying three fighting positions and a vehicle.",
    "Minister Ellis was joined by the ambassadors of five partner countries at the signing ceremony.",
    "Secretary Moreau is travelling to the region next week to meet partners in the coalition.",
    # wire copy
    "The United Nations says more than 2,000 people have fled the district since the fighting began.",
    "Northern Alliance Forces were not immediately available for comment.",
    "Karim Haddad, a spokesman for the provincial council, said the road would reopen on Sunday.",
    "Leila Nasser is a nurse at the district hospital, where 40 wounded were brought overnight.",
    "Mosul Dam is the largest dam in the country and supplies power to more than a million people.",
    "General Ortiz is the commander of the eastern front and has led the offensive since March.",
    # encyclopedic
    "The Hamrin range is a low chain of hills that runs from the Diyala valley towards the Tigris.",
    "Abu Salem was the group's chief of operations until his death in an air strike in 2019.",
    "Red Valley Fever is a tick-borne illness first described in the highland districts.",
    "Northgate Motors was founded by two engineers in 1958.",
]

MUST_SURVIVE_AT_THE_START = [
    "Jonas Berg is a correspondent, the prosecutor told the court on Tuesday, and must be released at once.",
    "Sara Quell, an analyst at the central bank, said inflation reached 9 percent in March.",
    "Peter Vance writes about the war in a new book that officials said would be banned.",
]

BIOS_THAT_GO = [
    "Jane Doe is a senior fellow at the Meridian Institute.",
    "Ingrid Solberg is Tidewater Review's maritime correspondent, based in Oslo.",
    "Daniel Hartwell is a senior fellow at the Calder Institute, where he directs its sanctions programme. "
    "He served at the Treasury from 2009 to 2017.",
    "Col. (Ret.) Jonathan Sweet served 30 years as an Army intelligence officer. Mark Toth writes on national "
    "security and foreign policy.",
    "Mara Quint writes about conflict and displacement in the Sahel.",
    "Dr. Amira Soltan is a professor of international relations at Eastgate University.",
    "About the author: Tomas Reyes covers defence for the Harbour Gazette.",
]

_BODY = [
    "BAGHDAD, March 3 (Meridian Wire) - Security forces retook two villages north of the city on Monday, "
    "the defence ministry said.",
    "The ministry said 12 militants were killed and four soldiers wounded in the fighting.",
    "Residents said the road to the provincial capital had been closed since Friday.",
]


@pytest.mark.parametrize("ending", MUST_SURVIVE_AT_THE_END)
def test_a_real_ending_is_never_taken_for_a_bio(ending):
    result = clean("\n".join([*_BODY, ending]), detect_title=False)
    assert result.removed == [] and result.text.endswith(ending)


@pytest.mark.parametrize("opening", MUST_SURVIVE_AT_THE_START)
def test_a_real_opening_is_never_taken_for_a_bio(opening):
    result = clean("\n".join([opening, *_BODY]), detect_title=False)
    assert result.removed == [] and result.text.startswith(opening)


@pytest.mark.parametrize("bio", BIOS_THAT_GO)
def test_a_real_bio_at_the_end_goes(bio):
    result = clean("\n".join([*_BODY, bio, "© 2025 Meridian Wire. All rights reserved."]), detect_title=False)
    assert [r.reason for r in result.removed] == ["author-bio", "copyright"]
    assert result.text.endswith(_BODY[-1])


def test_a_bio_above_the_story_goes_but_not_one_in_the_middle():
    bio = BIOS_THAT_GO[0]
    top = clean("\n".join([bio, *_BODY]), detect_title=False)
    assert [r.reason for r in top.removed] == ["author-bio"] and top.text.startswith("BAGHDAD")
    middle = clean("\n".join([*_BODY, bio, *_BODY, *_BODY]), detect_title=False)
    assert middle.removed == []


def test_bios_go_only_among_the_last_paragraphs():
    """A walk up from the end stops after a few paragraphs: a run of bio-shaped lines is reporting."""
    shaped = [f"Analyst{name} Smith is a senior fellow at the Institute." for name in ("A", "B", "C", "D", "E")]
    result = clean("\n".join([*_BODY, *shaped]), detect_title=False)
    assert [r.text for r in result.removed] == shaped[-3:]


def test_a_long_paragraph_is_never_a_bio():
    long_bio = "Jane Doe is a senior fellow at the Meridian Institute, " + "and a member of many boards, " * 15 + "too."
    result = clean("\n".join([*_BODY, long_bio]), detect_title=False)
    assert result.removed == []


def test_a_bio_shape_of_many_sentences_is_reporting_but_abbreviations_end_no_sentence():
    many = ("Jane Doe is a correspondent who has covered the war since 2014. Her convoy was stopped twice. "
            "Militiamen searched the cars. They let the group pass at dusk.")
    assert clean("\n".join([*_BODY, many]), detect_title=False).removed == []
    abbreviated = ("Dr. Amira Soltan is a senior fellow at the U.S. Institute for Gulf Studies. She served at the "
                   "U.N. mission in Geneva from 2010 to 2016.")
    assert [r.reason for r in clean("\n".join([*_BODY, abbreviated]), detect_title=False).removed] == ["author-bio"]
