"""The extraction's declared interface (issue 15): the article is dated before any extractor runs,
each step has a contract and replaceable backends, and a report round-trips through JSON as classes."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys

import pytest

import sitreps
from sitreps.config import Settings
from sitreps.errors import ConfigError, ModelNotFound
from sitreps.extract import EXTRACTORS, extract_events, extract_figures
from sitreps.extract.registry import STEPS, available_to, backends, pipeline, register
from sitreps.types import Event, Report

SHOIGU = ("MOSCOW, March 3, 2022 (Wire) - Russian forces pressed on toward Kyiv on Thursday, Sergei Shoigu said "
          "in a televised meeting, adding that 498 Russian soldiers had been killed.\n\n"
          "Shoigu said the operation was going to plan.")


def _role(report: Report, name: str) -> str | None:
    return next(a.role for a in report.actors if name in a.name)


def test_the_date_a_text_gives_itself_is_read_before_the_actors_need_it():
    """Shoigu was Defence Minister on 3 March 2022: the dateline's date must reach the actors extractor
    whether the user gave it or the text did (before stage 0 the inferred date came after the actors)."""
    undated = sitreps.extract(SHOIGU)
    given = sitreps.extract(SHOIGU, published="2022-03-03")
    assert undated.article.published == "2022-03-03" and undated.article.published_basis == "inferred"
    assert _role(undated, "Shoigu") == _role(given, "Shoigu")
    assert "Defence Minister" in (_role(undated, "Shoigu") or "")


def test_every_step_reads_only_what_earlier_steps_write():
    written = {"article", "sentences", "warnings"}
    for step in STEPS:
        assert set(step.reads) <= written, step
        written |= set(step.writes)
    assert [b.run for b in backends() if b.name == "rules"] == EXTRACTORS
    assert pipeline() == EXTRACTORS and pipeline("") == EXTRACTORS


def test_a_backend_that_reads_a_later_steps_output_is_refused():
    with pytest.raises(ConfigError, match="events"):
        register("actors", "reads-too-much", reads=("article", "events"))(lambda doc, report: None)
    assert "events" not in available_to("claims") and "claims" in available_to("events")


def test_another_backend_replaces_one_step_without_touching_the_pipeline():
    calls = []

    @register("events", "fixed-coder", reads=("sentences", "actors", "figures"), replace=True)
    def fixed_coder(doc, report):
        calls.append(len(report.figures))  # the earlier steps have run
        report.events.append(Event("E1", "CONSULT", doc.text[:5], 0, 5, 0, confidence=1.0))

    text = "KYIV, Nov 13 (Wire) - Ukraine's president met NATO officials in Kyiv on Tuesday, and 12 people died."
    settings = dataclasses.replace(Settings(), extractors="events=fixed-coder")
    report = sitreps.extract(text, published="2024-11-13", settings=settings)
    assert [e.type for e in report.events] == ["CONSULT"] and calls == [len(report.figures)] and report.figures
    assert pipeline("events=fixed-coder")[-1] is fixed_coder
    assert pipeline({"events": "fixed-coder"})[:-1] == EXTRACTORS[:-1]
    default = sitreps.extract(text, published="2024-11-13")
    assert default.events and default.figures == report.figures  # the other steps are the same backends


@pytest.mark.parametrize("choice, message", [
    ("events=nobody", "no backend called 'nobody'"),
    ("weather=rules", "no extraction step is called weather"),
    ("events", "is not STEP=BACKEND"),
])
def test_a_choice_that_names_nothing_is_a_clear_error(choice, message):
    with pytest.raises(ConfigError, match=message):
        pipeline(choice)


@pytest.mark.slow
def test_the_cli_names_a_bad_extractor_setting_without_a_traceback(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Ukraine said 12 people were killed in Kyiv on Tuesday.\n", encoding="utf-8")
    env = {**os.environ, "SITREPS_EXTRACTORS": "events=nobody"}
    done = subprocess.run([sys.executable, "-m", "sitreps.cli", "extract", str(article)], capture_output=True,
                          text=True, env=env, timeout=120)
    assert done.returncode == ConfigError.exit_code, done.stderr
    assert "no backend called 'nobody'" in done.stderr and "Traceback" not in done.stderr


def test_a_report_round_trips_through_json_as_classes():
    report = sitreps.extract(SHOIGU, published="2022-03-03")
    back = Report.from_json(report.to_json())
    assert back == report and back.to_json() == report.to_json()
    assert type(back.actors[0]).__name__ == "Actor" and type(back.article.removed) is list
    stored = json.loads(report.to_json())
    stored["a_field_of_a_later_version"] = 1
    assert Report.from_dict(stored) == report


@pytest.mark.parametrize("data, message", [
    ({"schema": "sitreps/0"}, "schema is 'sitreps/0'"),
    ({"schema": "sitreps/1"}, "'article' is missing"),
    ({"article": {"id": "x", "text": "t"}, "figures": [{"id": "F1"}]}, r"report.figures\[0\]: the field 'text'"),
    ([], "a JSON object"),
])
def test_a_report_that_is_not_one_is_named(data, message):
    with pytest.raises(ValueError, match=message):
        Report.from_dict(data)
    with pytest.raises(ValueError, match="not JSON"):
        Report.from_json("{")


@pytest.mark.slow
def test_the_process_pool_warms_the_configured_model_not_the_default():
    """Each worker loads the model it was configured with once; warming must not load the default beside it."""
    from sitreps.corpus.runner import ProcessEngine
    from sitreps.nlp import get_nlp, loaded_models

    name = get_nlp().meta["lang"] + "_" + get_nlp().meta["name"]
    engine = ProcessEngine(1, model=name)
    try:
        engine.warm()
        assert engine.pool.submit(loaded_models).result(timeout=120) == [name]
    finally:
        engine.close()


def test_the_shipped_functions_are_the_rules_backends():
    assert extract_figures in EXTRACTORS and EXTRACTORS[-1] is extract_events
    assert [s.name for s in STEPS] == ["actors", "places", "speakers", "times", "figures", "claims",
                                       "figure-sources", "events"]
