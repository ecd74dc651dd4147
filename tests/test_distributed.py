"""Scale-out: a 2-worker Dask LocalCluster and a 2-process local pool store what one process stores."""

from __future__ import annotations

import json

import pytest

from sitreps.corpus.load import load
from sitreps.corpus.runner import ProcessEngine, ingest
from sitreps.distributed import DaskEngine
from sitreps.errors import ClusterError
from sitreps.store import Store
from tests.test_corpus_ingest import distinct_articles

TEXTS = distinct_articles(6, offset=52)


@pytest.fixture(scope="module")
def cluster():
    engine = DaskEngine(workers=2, processes=True)
    engine.warm()
    yield engine
    engine.close()


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "corpus.jsonl"
    lines = [json.dumps({"text": text, "source": "Meridian Wire"}) for text in TEXTS] + ['{"broken']
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture(scope="module")
def expected(tmp_path_factory):
    """What one process stores: report per article id."""
    folder = tmp_path_factory.mktemp("one")
    path = folder / "corpus.jsonl"
    path.write_text("\n".join(json.dumps({"text": t, "source": "Meridian Wire"}) for t in TEXTS) + "\n")
    ingest([str(path)], db=str(folder / "one.db"))
    store = Store(str(folder / "one.db"))
    return {article_id: store.report(article_id) for article_id in store.articles()["id"]}


def _reports(db: str) -> dict:
    store = Store(db)
    return {article_id: store.report(article_id) for article_id in store.articles()["id"]}


def test_a_dask_cluster_stores_what_one_process_stores(cluster, corpus, store_url, expected):
    summary = ingest([str(corpus)], db=store_url, engine=cluster, partition_size=2)
    assert (summary.new, summary.failed) == (6, 1) and summary.engine == "dask:local:2"
    assert len(summary.peak_rss_mb) == 2 and all(0 < mb < 1024 for mb in summary.peak_rss_mb.values())
    assert _reports(store_url) == expected
    assert Store(store_url).failures()["key"].tolist() == [f"{corpus}:7"]
    again = ingest([str(corpus)], db=store_url, engine=cluster, partition_size=2)
    assert (again.new, again.duplicate) == (0, 6)


def test_parquet_partitions_from_the_cluster_load_into_a_store(cluster, corpus, tmp_path, expected):
    out = tmp_path / "parts"
    summary = ingest([str(corpus)], parquet_dir=str(out), engine=cluster, partition_size=3)
    assert (summary.parsed, summary.failed) == (6, 1) and len(list(out.glob("part-*.parquet"))) == 3
    assert not list(out.glob(".*"))  # no temporary files left
    db = str(tmp_path / "loaded.db")
    loaded = load([str(out)], db=db)
    assert (loaded.new, loaded.failed) == (6, 1)
    assert _reports(db) == expected
    assert load([str(out)], db=db).duplicate == 6


def test_two_local_processes_store_what_one_process_stores(corpus, tmp_path, expected):
    engine = ProcessEngine(2)
    try:
        summary = ingest([str(corpus)], db=str(tmp_path / "two.db"), engine=engine, partition_size=2)
    finally:
        engine.close()
    assert (summary.new, summary.failed, summary.engine) == (6, 1, "local:2")
    assert _reports(str(tmp_path / "two.db")) == expected


def test_an_unreachable_scheduler_is_one_clear_error():
    with pytest.raises(ClusterError, match="cannot reach the Dask scheduler"):
        DaskEngine("tcp://127.0.0.1:9", connect_timeout=1.0)
