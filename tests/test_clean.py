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
