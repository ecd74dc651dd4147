"""The whole ingest with the real pipeline: bad input, resume, reprocessing, a killed process, the CLI."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from benchmarks.synthetic import paragraphs
from sitreps.cli import main
from sitreps.corpus.runner import ingest
from sitreps.store import Store
from sitreps.store.schema import ITEM_TABLES, articles, reports
from tests.pages import GERMAN_TEXT



def distinct_articles(count: int, offset: int = 0, size: int = 2) -> list[str]:
    """Articles of ``size`` gold paragraphs each, no paragraph used twice (so none is a near-duplicate)."""
    pool = sorted(set(paragraphs()))[offset:]
    return ["\n".join(pool[size * i:size * (i + 1)]) for i in range(count)]


ARTICLES = distinct_articles(6)


def corpus(folder: Path, texts: list[str] = ARTICLES, broken: bool = True) -> Path:
    lines = [json.dumps({"text": text, "url": f"https://news.example.org/2024/10/{20 + i}/story-{i}.html",
                         "source": "Meridian Wire"}) for i, text in enumerate(texts)]
    if broken:
        lines += ['{"text": "cut off in the middle', json.dumps({"text": "   "}),
                  json.dumps({"html": "<html><head><title>Nothing</title></head><body></body></html>"}),
                  json.dumps({"text": GERMAN_TEXT})]
    path = folder / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_corpus_with_broken_articles_stores_the_rest_and_lists_every_failure(tmp_path, store_url, capsys):
    path = corpus(tmp_path)
    code = main(["ingest", str(path), "--db", store_url, "--no-progress", "--json"])
    summary = json.loads(capsys.readouterr().out)
    assert code == 22
    assert (summary["read"], summary["new"], summary["failed"], summary["not_english"]) == (10, 7, 3, 1)
    store = Store(store_url)
    assert store.count() == 7 and store.count("reports") == 7
    reasons = dict(zip(store.failures()["key"].str.rsplit(":", n=1).str[1], store.failures()["reason"]))
    assert reasons["7"].startswith("not valid JSON") and "no text" in reasons["8"] and "no article text" in reasons["9"]
    stored = store.articles()
    english = stored[stored["language"] == "en"]
    assert set(english["host"]) == {"news.example.org"} and set(english["publisher"]) == {"Meridian Wire"}
    assert "2024-10-20" in set(english["published"])  # from the URL's date
    german = stored[stored["language"] == "de"]
    assert len(german) == 1 and any("extraction skipped" in w for w in german.iloc[0]["warnings"])
    for article_id in stored["id"]:
        assert store.report(article_id)["article"]["id"] == article_id


def test_a_rerun_resumes_and_a_newer_version_reprocesses(tmp_path, store_url):
    path = corpus(tmp_path, broken=False)
    first = ingest([str(path)], db=store_url)
    assert first.new == 6 and first.failed == 0
    again = ingest([str(path)], db=store_url)
    assert (again.new, again.duplicate) == (0, 6)
    newer = ingest([str(path)], db=store_url, version="99.0")
    assert newer.reprocessed == 6
    older = ingest([str(path)], db=store_url, version="0.0.1")
    assert older.duplicate == 6  # an older sitreps never replaces a newer one's reports
    store = Store(store_url)
    assert set(store.articles()["sitreps_version"]) == {"99.0"} and store.count() == 6
    forced = ingest([str(path)], db=store_url, version="99.0", reprocess="all")
    assert forced.reprocessed == 6 and store.count("reports") == 6


def test_syndicated_copies_in_a_corpus_are_linked_to_the_original(tmp_path):
    copy = "By Jane Roe\n" + ARTICLES[0].replace(" said", " told reporters", 1)
    path = corpus(tmp_path, texts=[ARTICLES[0], ARTICLES[1], copy], broken=False)
    summary = ingest([str(path)], db=str(tmp_path / "s.db"))
    assert (summary.new, summary.near_duplicate) == (2, 1)
    store = Store(str(tmp_path / "s.db"))
    assert len(store.articles()) == 2 and len(store.articles(with_duplicates=True)) == 3


def _consistent(db: str) -> int:
    """Every stored article has its report and exactly the items its report lists; returns the count."""
    store = Store(db)
    with store.engine.connect() as connection:
        ids = connection.execute(select(articles.c.id)).scalars().all()
        assert connection.execute(select(func.count()).select_from(reports)).scalar_one() == len(ids)
        for article_id in ids:
            report = store.report(article_id)
            for kind, table in ITEM_TABLES.items():
                count = connection.execute(select(func.count()).select_from(table)
                                           .where(table.c.article_id == article_id)).scalar_one()
                assert count == len(report[kind]), (article_id, kind)
    return len(ids)


@pytest.mark.slow
def test_killing_the_ingest_loses_nothing_committed_and_a_rerun_resumes(tmp_path):
    texts = distinct_articles(10, offset=12, size=4)  # long enough to be caught part-way
    path = corpus(tmp_path, texts=texts, broken=False)
    db = str(tmp_path / "killed.db")
    env = {**os.environ}
    env.pop("SITREPS_DEBUG", None)
    process = subprocess.Popen([sys.executable, "-m", "sitreps.cli", "ingest", str(path), "--db", db,
                                "--partition-size", "1", "--no-progress"], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    stored = 0
    while time.time() < deadline and process.poll() is None and stored < 2:
        time.sleep(0.02)
        try:
            with sqlite3.connect(db, timeout=5) as connection:
                stored = connection.execute("SELECT count(*) FROM reports").fetchone()[0]
        except sqlite3.Error:  # not created yet
            stored = 0
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert 2 <= stored < 10, "the ingest should have been killed part-way"
    before = _consistent(db)
    summary = ingest([str(path)], db=db)
    assert summary.duplicate == before and summary.new == 10 - before
    assert _consistent(db) == 10


@pytest.mark.parametrize("args,code,message", [
    (["ingest", "nowhere/"], 3, "nowhere/: no such file or folder"),
    (["ingest", "x.jsonl", "--scheduler", "tcp://h:8786"], 2, "--engine dask"),
    (["ingest", "x.jsonl", "--parquet", "out", "--db", "x.db"], 2, "not both"),
    (["ingest", "x.jsonl", "--db", "mysql+nodriver://h/db"], 19, "no driver"),
    (["load", "nowhere/"], 3, "no such file or folder"),
])
def test_cli_errors_are_one_line_with_their_own_exit_code(tmp_path, monkeypatch, capsys, args, code, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.jsonl").write_text(json.dumps({"text": ARTICLES[0]}) + "\n")
    assert main(args) == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
