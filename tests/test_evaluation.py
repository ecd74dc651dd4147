"""The scorer itself: matching rules, lenient values, and that bad gold files fail clearly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from sitreps.cli import main
from sitreps.errors import GoldFormatError
from sitreps.evaluation import evaluate, score_report
from sitreps.evaluation.gold import Gold, load_gold, locate
from sitreps.evaluation.lenient import matches
from sitreps.types import Actor, Article, Claim, Figure, Mention, Removed, Report, Sentence, TimeExpression
from tests.conftest import ROOT

TEXT = "Officials said six soldiers died on Oct. 3. Later, six more were wounded, the army said."


def test_lenient_forms():
    assert matches({"one_of": ["planned", "asserted"]}, "asserted")
    assert not matches({"one_of": ["planned", "asserted"]}, "hypothetical")
    assert matches({"between": [dt.date(2024, 10, 8), dt.date(2024, 10, 15)]}, "2024-10-11")
    assert not matches({"between": [dt.date(2024, 10, 8), dt.date(2024, 10, 15)]}, "2024-10")  # a month is wider
    assert matches({"between": ["2024-10-01", "2024-10-31"]}, "2024-10")
    assert matches(dt.date(2024, 10, 3), "2024-10-03")
    assert matches(11000, 11000.0) and not matches(11000, 12000)
    assert matches("North Korean soldiers", "the North Korean soldiers", loose=True)
    assert matches(None, None) and not matches(None, 3)


def test_locate_uses_word_boundaries_and_context():
    assert locate(TEXT, "six") == (15, 18)
    assert locate(TEXT, "six", context="six more were wounded") == (TEXT.index("six more"), TEXT.index("six more") + 3)
    assert locate("Officials said “twelve” died", 'said "twelve"') is not None  # curly and straight quotes agree
    assert locate("the sixth man and six others", "six") == (18, 21)  # a whole word wins over part of one


def _report() -> Report:
    report = Report(article=Article(id="0" * 16, text=TEXT, removed=[Removed("Copyright 2024 X.", "copyright")]))
    report.sentences = [Sentence(0, 43), Sentence(44, len(TEXT))]
    report.actors = [Actor("A1", "Ukraine Army", "organization", "UKR", "MIL",
                           mentions=[Mention(TEXT.index("the army"), TEXT.index("the army") + 8, "the army", 1)])]
    first = TEXT.index("six")
    report.figures = [
        Figure("F1", "six", first, first + 3, 0, value=6, unit="person", category="killed", source="unnamed",
               attribution="reported"),
        Figure("F2", "Oct. 3", TEXT.index("Oct. 3"), TEXT.index("Oct. 3") + 6, 0, value=3, category="other"),
    ]
    report.times = [TimeExpression("Oct. 3", TEXT.index("Oct. 3"), TEXT.index("Oct. 3") + 6, 0, "2024-10-03", "day",
                                   "absolute")]
    report.claims = [Claim("C1", TEXT[44:], 44, len(TEXT), 1, speaker="A1", cue="said", kind="report")]
    return report


def _gold(tmp_path: Path, data: dict) -> Gold:
    (tmp_path / "a.txt").write_text(TEXT)
    return Gold(tmp_path / "a.yaml", tmp_path / "a.txt", {"article": {"file": "a.txt"}, **data})


def test_span_matching_counts_hits_misses_false_hits_and_fields(tmp_path):
    gold = _gold(tmp_path, {
        "figures": [
            {"text": "six", "value": 6, "category": "killed", "source": "unnamed", "attribution": "claimed"},
            {"text": "six", "context": "six more were wounded", "value": 6, "category": "wounded"},
        ],
        "not_figures": ["Oct. 3"],
        "times": [{"text": "Oct. 3", "value": dt.date(2024, 10, 3), "granularity": "day"}],
    })
    scores = score_report(gold, _report(), ["figures", "times"])
    figures = scores["figures"]
    assert (figures.true_positives, figures.false_positives, figures.false_negatives) == (1, 1, 1)
    assert "not_figures" in figures.false_hits[0].detail
    assert figures.fields["amount"].accuracy == 1.0 and figures.fields["category"].accuracy == 1.0
    assert figures.fields["attribution"].accuracy == 0.0  # reported, gold says claimed
    assert scores["times"].f1 == 1.0 and scores["times"].fields["value"].accuracy == 1.0


def test_entities_claims_and_boilerplate(tmp_path):
    gold = _gold(tmp_path, {
        "article": {"file": "a.txt", "removed": ["Copyright 2024 X."], "removed_reasons": {"Copyright 2024 X.": "credit"}},
        "actors": [{"name": "Ukrainian Armed Forces", "aliases": ["the army"], "country": "UKR", "sector": "GOV"}],
        "claims": [{"text_contains": "six more were wounded", "speaker": "Ukraine Army", "kind": "report"}],
    })
    scores = score_report(gold, _report(), ["boilerplate", "actors", "claims"])
    assert scores["boilerplate"].f1 == 1.0 and scores["boilerplate"].fields["reason"].accuracy == 0.0
    actors = scores["actors"]
    assert actors.true_positives == 1 and actors.fields["country"].accuracy == 1.0
    assert actors.fields["sector"].accuracy == 0.0
    assert scores["claims"].fields["speaker"].accuracy == 1.0


def test_bad_gold_files_are_clear_errors(tmp_path, capsys):
    bad_yaml = tmp_path / "bad.yaml"
    bad_yaml.write_text("article: [unclosed")
    with pytest.raises(GoldFormatError, match="not valid YAML"):
        load_gold(bad_yaml)
    no_article = tmp_path / "schema.yaml"
    no_article.write_text(yaml.safe_dump({"article": {"file": "a.txt"}, "figures": [{"value": 3}]}))
    with pytest.raises(GoldFormatError, match="text"):
        load_gold(no_article)
    missing_file = tmp_path / "missing.yaml"
    missing_file.write_text(yaml.safe_dump({"article": {"file": "nowhere.txt"}}))
    with pytest.raises(GoldFormatError, match="not found"):
        load_gold(missing_file)
    assert main(["evaluate", str(missing_file)]) == 17
    assert "nowhere.txt" in capsys.readouterr().err


def test_every_gold_file_of_the_team_loads_and_its_strings_are_in_its_article():
    for path in sorted((ROOT / "tests" / "gold").glob("*.yaml")):
        gold = load_gold(path)
        text = gold.article_path.read_text(encoding="utf-8")
        for key in ("times", "figures"):
            for item in gold.items(key):
                assert item["text"] in text, f"{path.name}: {item['text']!r}"
        for item in gold.items("claims") + [e for e in gold.items("events") if "text_contains" in e]:
            assert item["text_contains"] in text, f"{path.name}: {item['text_contains']!r}"


def test_sample_article_boilerplate_is_fully_recovered():
    evaluation = evaluate([ROOT / "tests" / "gold" / "sample-wire-kharkiv.yaml"], components=["boilerplate", "article"])
    assert evaluation.components["boilerplate"].f1 == 1.0
    assert evaluation.components["article"].fields["authors"].accuracy == 1.0


def test_between_compares_months_by_their_first_and_last_days():
    assert matches({"between": ["2023-09", "2023-11"]}, "2023-09/2023-11")
    assert not matches({"between": ["2023-09", "2023-11"]}, "2023-09/2023-12")


def test_loose_names_compare_whole_words_and_plurals():
    assert matches("rials per dollar", "rial", loose=True)
    assert not matches("US", "Russia", loose=True)  # a name inside another word is not that name
    assert matches("police", "Iraqi police", loose=True)


def test_a_source_named_as_the_text_does_matches_the_actor_the_report_names_canonically(tmp_path):
    """The gold names a speaker as written; the report's actor may carry it as a mention or a gold alias."""
    gold = _gold(tmp_path, {
        "actors": [{"name": "Ukrainian Armed Forces", "aliases": ["Ukraine Army"]}],
        "figures": [{"text": "six", "context": "six more were wounded", "source": "the army"}],
        "claims": [{"text_contains": "six more were wounded", "speaker": "Ukrainian Armed Forces"}],
    })
    report = _report()
    later = TEXT.index("six more")
    report.figures[1] = Figure("F2", "six", later, later + 3, 1, value=6, unit="person", category="wounded",
                               source="A1", attribution="reported")
    scores = score_report(gold, report, ["figures", "claims"])
    assert scores["figures"].fields["source"].accuracy == 1.0  # the mention "the army"
    assert scores["claims"].fields["speaker"].accuracy == 1.0  # the gold actor's alias "Ukraine Army"
    report.actors[0].mentions = []
    report.actors[0].name = "Ministry of Defence"
    scores = score_report(gold, report, ["figures", "claims"])
    assert scores["figures"].fields["source"].accuracy == 0.0 and scores["claims"].fields["speaker"].accuracy == 0.0
