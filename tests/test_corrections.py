"""Corrections: checked against their article, reviewed, and exported as partial gold that evaluate can score."""

from __future__ import annotations

import pytest
import yaml

from sitreps.corrections import check, gold_for, parse_value
from sitreps.evaluation import evaluate, load_gold
from sitreps.store import Store
from tests.test_cli import run_cli
from tests.web_support import fill

TEXT = "KYIV, May 3 - At least 14 websites were defaced on Friday, the agency said."


def test_a_correction_is_checked_against_its_article():
    made = check(TEXT, choice="wrong-figure", start=14, end=34, text="At least 14 websites", field="low",
                 value="15")
    assert (made.component, made.kind, made.field, made.value, made.text) == \
        ("figures", "wrong", "low", 15, "At least 14 websites")
    with pytest.raises(ValueError, match="not inside"):
        check(TEXT, choice="wrong-figure", start=10, end=500)
    with pytest.raises(ValueError, match="does not match"):
        check(TEXT, choice="wrong-figure", start=14, end=34, text="something else")
    with pytest.raises(ValueError, match="not a field of figures"):
        check(TEXT, choice="wrong-figure", start=14, end=34, field="speaker")
    with pytest.raises(ValueError, match="say what the text should read"):
        check(TEXT, choice="text-error", start=0, end=4)
    assert check(TEXT, choice="text-error", start=0, end=4, value="Kyiv").value == "Kyiv"


def test_values_take_the_type_the_gold_wants():
    assert parse_value("value", "3,000") == 3000 and parse_value("lat", "50.45") == 50.45
    assert parse_value("actor", "rus, prk") == ["RUS", "PRK"]
    assert parse_value("category", " killed ") == "killed" and parse_value("value", "") is None
    with pytest.raises(ValueError, match="not a number"):
        parse_value("value", "a few")


@pytest.mark.slow
def test_accepted_corrections_become_partial_gold_that_evaluate_scores(tmp_path):
    store = Store(str(tmp_path / "c.db"))
    ids = fill(store)
    report = store.report(ids["wire"])
    text = report["article"]["text"]
    figure = report["figures"][1]  # "seven people" in the shipped sample
    other = report["figures"][4]
    first = store.add_correction(ids["wire"], "figures", "wrong", start=figure["start"], end=figure["end"],
                                 text=figure["text"], item_id=figure["id"], field="value", value=9, author="bob")
    second = store.add_correction(ids["wire"], "figures", "wrong", start=other["start"], end=other["end"],
                                  text=other["text"], field="not_an_item", author="bob")
    rejected = store.add_correction(ids["wire"], "times", "missing", start=0, end=7, text=text[:7], author="bob")
    repair = text.index("Kharkiv", 10)
    fixed = store.add_correction(ids["wire"], "article", "text", start=repair, end=repair + 7, text="Kharkiv",
                                 field="text", value="Kharkiv", author="bob")
    assert store.review_correction(first, "accepted", reviewer="ana")
    assert store.review_correction(second, "accepted", reviewer="ana")
    assert store.review_correction(fixed, "accepted", reviewer="ana")
    assert store.review_correction(rejected, "rejected", reviewer="ana")
    assert not store.review_correction(999, "accepted")

    out = tmp_path / "gold"
    done = run_cli("corrections", "export", "--db", str(tmp_path / "c.db"), "--out", str(out))
    assert done.returncode == 0, done.stderr
    files = sorted(out.glob("*.yaml"))
    assert len(files) == 1 and "wrote 1 gold file" in done.stderr
    gold = yaml.safe_load(files[0].read_text())
    assert gold["article"]["partial"] is True and gold["article"]["given_published"] == "2025-03-14"
    assert gold["figures"] == [{"text": figure["text"], "value": 9}]
    assert gold["not_figures"] == [other["text"]]
    assert "times" not in gold  # the rejected one stays out
    load_gold(files[0])  # follows the gold schema

    scored = evaluate([files[0]], components=["figures"]).components["figures"]
    assert scored.true_positives == 1 and scored.false_negatives == 0
    assert scored.fields["amount"].correct == 0  # sitreps still says seven: the correction holds it to account
    assert [f.text for f in scored.false_hits] == [other["text"]]  # only the listed one, not every other figure


def test_gold_for_an_event_correction_keeps_the_events_type():
    report = {"article": {"id": "x", "text": TEXT, "published": "2024-05-03"}, "sentences": [],
              "events": [{"id": "E1", "type": "ASSAULT", "start": 14, "end": 58, "actor": [], "recipient": []}]}
    row = {"component": "events", "kind": "wrong", "field": "actor", "value": ["RUS"], "start": 14, "end": 58,
           "text": TEXT[14:58], "item_id": "E1"}
    assert gold_for(report, [row])["events"] == [{"text_contains": TEXT[14:58], "type": "ASSAULT", "actor": ["RUS"]}]


def test_values_are_checked_against_the_vocabulary_and_must_be_finite():
    from sitreps.corrections import vocabulary

    assert parse_value("category", "Killed", component="figures") == "killed"
    assert parse_value("type", "assault", component="events") == "ASSAULT"
    assert parse_value("subject_country", "the United Kingdom", component="figures") == "GBR"
    assert parse_value("value", "2024-10", component="times") == "2024-10"  # a time's value is a date
    for field, value, component, words in (("category", "injured-ish", "figures", "not one of"),
                                           ("value", "NaN", "figures", "finite"), ("lat", "91", "places", "latitude"),
                                           ("value", "yesterday", "times", "not a date"),
                                           ("qualifier", "roughly", "figures", "not one of")):
        with pytest.raises(ValueError, match=words):
            parse_value(field, value, component=component)
    assert "killed" in vocabulary()["figures"]["category"] and "approx" in vocabulary()["figures"]["qualifier"]
    with pytest.raises(ValueError, match="blank"):
        check(TEXT + "   ", choice="missing-figure", start=len(TEXT), end=len(TEXT) + 3)
