"""The real-text gold (tests/gold-real): its split, its files, and the evaluation of sets side by side.

The real articles (Wikinews, CC BY 2.5) are not in the project: their gold names them under the team's
data root, so these tests need ../shared and fail under CI without it.
"""

from __future__ import annotations

import csv
import random
import subprocess
import sys

import pytest
import yaml

from sitreps.cli import main
from sitreps.evaluation import evaluate
from sitreps.evaluation.gold import DATA_ROOT_VARIABLE, load_gold
from sitreps.evaluation.sets import gold_set, side_by_side
from tests.conftest import ROOT, SHARED, need_shared

REAL = ROOT / "tests" / "gold-real"
WIKINEWS = SHARED / "datasets" / "wikinews-conflict"


def _ids() -> list[str]:
    with open(need_shared(WIKINEWS / "index.csv"), encoding="utf-8") as handle:
        return sorted(row["id"] for row in csv.DictReader(handle))


def test_the_test_split_is_the_seeded_random_twelve_and_dev_is_the_rest():
    """The split is reproducible (random.Random(14).sample of the sorted ids) and the two never overlap."""
    ids = _ids()
    test = sorted(random.Random(14).sample(ids, 12))
    assert sorted(p.stem for p in (REAL / "test").glob("*.yaml")) == test
    dev = sorted(p.stem for p in (REAL / "dev").glob("*.yaml"))
    assert set(dev) == set(ids) - set(test) and len(dev) == 36


@pytest.mark.slow  # reads every gold file and its text: part of make test, not the quick loop
def test_every_real_gold_file_loads_its_shared_text_and_quotes_only_what_it_holds():
    need_shared(WIKINEWS)
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_gold.py"),
                           *map(str, sorted(REAL.glob("*/*.yaml")))], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


@pytest.mark.slow  # reads every gold file and its text: part of make test, not the quick loop
def test_real_gold_dates_are_the_index_dates():
    with open(need_shared(WIKINEWS / "index.csv"), encoding="utf-8") as handle:
        published = {row["id"]: row["published"] for row in csv.DictReader(handle)}
    for path in sorted(REAL.glob("*/*.yaml")):
        gold = load_gold(path)
        assert str(gold.article["published"]) == published[path.stem], path.name


def test_articles_are_found_under_the_data_root_variable(tmp_path, monkeypatch):
    root = tmp_path / "data"
    (root / "texts").mkdir(parents=True)
    (root / "texts" / "x.txt").write_text("Body.")
    gold = tmp_path / "gold" / "x.yaml"
    gold.parent.mkdir()
    gold.write_text(yaml.safe_dump({"article": {"file": "texts/x.txt"}}))
    monkeypatch.setenv(DATA_ROOT_VARIABLE, str(root))
    assert load_gold(gold).article_path == (root / "texts" / "x.txt").resolve()
    monkeypatch.delenv(DATA_ROOT_VARIABLE)
    with pytest.raises(Exception, match=DATA_ROOT_VARIABLE):
        load_gold(gold)


def test_sets_are_scored_apart_and_read_side_by_side(tmp_path):
    team = gold_set(ROOT / "tests" / "gold" / "sample-wire-kharkiv.yaml", "one")
    evaluations = {"one": evaluate(team.paths, components=["figures"]),
                   "both": evaluate(gold_set(ROOT / "tests" / "gold").paths[:2], components=["figures"])}
    rows = dict(side_by_side(evaluations))
    assert list(rows)[0] == "figures.f1"  # detection first, then fields
    assert rows["figures.f1"]["one"] == evaluations["one"].metrics()["figures.f1"]
    assert set(rows["figures.source"]) == {"one", "both"}
    with pytest.raises(Exception, match="no gold files"):
        gold_set(tmp_path)


def test_evaluate_by_set_prints_one_column_per_set(capsys):
    assert main(["evaluate", str(ROOT / "tests" / "gold" / "sample-wire-kharkiv.yaml"),
                 str(ROOT / "tests" / "gold" / "b-wire-protest-georgia.yaml"), "--by-set", "--component", "claims",
                 "--json"]) == 0
    import json
    payload = json.loads(capsys.readouterr().out)
    assert list(payload) == [str(ROOT / "tests" / "gold" / "sample-wire-kharkiv.yaml"),
                             str(ROOT / "tests" / "gold" / "b-wire-protest-georgia.yaml")]
    assert all("claims.f1" in entry["metrics"] for entry in payload.values())
