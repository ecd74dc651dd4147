"""Scale-out: what one process stores, a Dask cluster and a local pool store too, and keep storing it right when
a worker, the client or the database goes away.

A 2-worker ``LocalCluster`` and a 2-process pool store what one process stores; then a cluster as users deploy
it (``dask scheduler`` and ``dask worker`` processes on loopback, tests/dask_cluster.py) with PostgreSQL: two
workers writing at once, a worker SIGKILLed mid-run, the client killed and run again, the database restarted
mid-run and gone for good. These are slow (a cluster, a server, the model in each worker: about a minute);
under CI they run, never skip.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import os
import pickle
import pwd
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from sitreps.config import Settings
from sitreps.corpus import work
from sitreps.corpus.load import load
from sitreps.corpus.runner import ProcessEngine, ingest
from sitreps.distributed import DaskEngine
from sitreps.errors import ClusterError, StoreError
from sitreps.ingest import from_text
from sitreps.pipeline import process_many
from sitreps.store import Store
from tests.dask_cluster import LoopbackCluster
from tests.pg_server import PG_USER, _bin_dir, _free_port, _run, _unavailable, new_database
from tests.test_corpus_ingest import distinct_articles

pytestmark = pytest.mark.slow  # starts worker processes, a Dask cluster or PostgreSQL

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


# -- a cluster as users deploy it, with PostgreSQL -------------------------------------------------------------

LONG = distinct_articles(12, offset=64, size=3)  # ~170 words each: a task lasts long enough to be cut part-way
TABLES = ("articles", "reports", "failures", "actors", "places", "times", "figures", "events", "claims")
SITREPS = str(Path(sys.executable).with_name("sitreps"))


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    """`dask scheduler` and two single-threaded `dask worker` processes on loopback, warm; every process is
    killed at the end of the module, also when a test fails (and with the test process, if it dies)."""
    with LoopbackCluster(2, log_dir=tmp_path_factory.mktemp("dask-logs")) as cluster:
        engine = DaskEngine(cluster.address)
        try:
            engine.warm()
        finally:
            engine.close()
        yield cluster


@pytest.fixture(scope="module")
def long_corpus(tmp_path_factory):
    """12 articles and a broken line, and what one process stores of them: reports and row counts."""
    folder = tmp_path_factory.mktemp("long")
    path = folder / "corpus.jsonl"
    lines = [json.dumps({"text": text, "source": "Meridian Wire"}) for text in LONG] + ['{"broken']
    path.write_text("\n".join(lines) + "\n")
    ingest([str(path)], db=str(folder / "one.db"))
    return path, _reports(str(folder / "one.db")), _counts(str(folder / "one.db"))


def _counts(db: str) -> dict[str, int]:
    store = Store(db)
    return {table: store.count(table) for table in TABLES}


def _stored_once(db: str, reports: dict, counts: dict[str, int]) -> None:
    """Every article stored, none twice, each whole: the same rows and reports as one process stores."""
    assert _counts(db) == counts
    assert _reports(db) == reports


class OwnPostgres:
    """A PostgreSQL server of the test's own (started as tests/pg_server.py starts the session's), to restart
    and to stop without disturbing the other tests."""

    def __init__(self) -> None:
        self.bin_dir = _bin_dir()
        if self.bin_dir is None:
            _unavailable("initdb and pg_ctl not found (install Debian's postgresql package)")
        self.as_root = os.geteuid() == 0
        self.folder = Path(tempfile.mkdtemp(prefix="sitreps-pg-own-"))
        if self.as_root:
            owner = pwd.getpwnam(PG_USER)
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
        self.data, self.port = self.folder / "data", _free_port()
        done = _run([str(self.bin_dir / "initdb"), "-D", str(self.data), "-A", "trust", "-U", PG_USER, "-E", "UTF8",
                     "--locale=C", "--no-sync"], self.as_root)
        if done.returncode != 0:
            shutil.rmtree(self.folder, ignore_errors=True)
            _unavailable(f"initdb failed: {done.stderr.strip()[-500:]}")
        self.url = f"postgresql://{PG_USER}@127.0.0.1:{self.port}/"
        self.start()

    def _ctl(self, *args: str) -> None:
        done = _run([str(self.bin_dir / "pg_ctl"), "-D", str(self.data), *args], self.as_root)
        assert done.returncode == 0, done.stderr + (self.folder / "log").read_text(errors="replace")[-800:]

    def start(self) -> None:
        self._ctl("-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off",
                  "-l", str(self.folder / "log"), "-w", "-t", "60", "start")

    def stop(self) -> None:
        self._ctl("-m", "fast", "-w", "-t", "60", "stop")

    def close(self) -> None:
        _run([str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"], self.as_root)
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def own_postgres():
    server = OwnPostgres()
    try:
        yield server
    finally:
        server.close()


@pytest.mark.slow
def test_two_deployed_workers_write_to_postgresql_at_once(deployed, postgres_server, long_corpus):
    path, reports, counts = long_corpus
    url = new_database(postgres_server)
    summary = ingest([str(path)], db=url, engine="dask", scheduler=deployed.address, partition_size=1)
    assert (summary.new, summary.failed, summary.engine) == (12, 1, f"dask:{deployed.address}")
    assert len(summary.peak_rss_mb) == 2 and all(0 < mb < 1536 for mb in summary.peak_rss_mb.values())
    _stored_once(url, reports, counts)


@pytest.mark.slow
def test_a_worker_killed_mid_run_loses_nothing_and_stores_nothing_twice(deployed, postgres_server, long_corpus):
    path, reports, counts = long_corpus
    url = new_database(postgres_server)
    victim = deployed.add()  # a third worker, SIGKILLed (nanny and worker) while it holds tasks
    engine = DaskEngine(deployed.address)
    busy_when_killed = []

    def progress(done: int, total: int | None) -> None:
        if done and not busy_when_killed:
            address = deployed.address_of(victim)
            deadline = time.monotonic() + 60
            while not engine.client.processing(workers=[address]).get(address) and time.monotonic() < deadline:
                time.sleep(0.05)
            busy_when_killed.append(bool(engine.client.processing(workers=[address]).get(address)))
            deployed.kill(victim)

    try:
        summary = ingest([str(path)], db=url, engine=engine, partition_size=1, progress=progress)
    finally:
        engine.close()
    assert busy_when_killed == [True]
    # what the victim committed before it died is found stored when its tasks run again elsewhere
    assert (summary.new + summary.duplicate, summary.failed) == (12, 1)
    _stored_once(url, reports, counts)


@pytest.mark.slow
def test_the_client_killed_mid_run_then_the_same_command_resumes(deployed, postgres_server, long_corpus):
    path, reports, counts = long_corpus
    url = new_database(postgres_server)
    store = Store(url)  # the schema, before the client and the test's own reads race to make it
    command = [SITREPS, "ingest", str(path), "--engine", "dask", "--scheduler", deployed.address, "--db", url,
               "--partition-size", "1", "--no-progress"]
    client = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 300
        while store.count("articles") < 1:
            assert client.poll() is None, f"the client ended before it could be killed: {client.stderr.read()[-2000:]}"
            assert time.monotonic() < deadline, "nothing stored in 300 s"
            time.sleep(0.02)
    finally:
        client.kill()  # SIGKILL: no clean-up of any kind
        client.wait()
    assert client.returncode == -9
    before = store.count("articles")
    assert 0 < before < 12
    summary = ingest([str(path)], db=url, engine="dask", scheduler=deployed.address, partition_size=1)
    # tasks the dead client left running may still finish: whatever they stored is skipped, not stored again
    assert (summary.new + summary.duplicate, summary.failed) == (12, 1) and summary.duplicate >= before
    _stored_once(url, reports, counts)


@pytest.mark.slow
def test_the_database_restarted_mid_run_is_waited_for(deployed, own_postgres, long_corpus):
    path, reports, counts = long_corpus
    url = new_database(own_postgres.url)
    Store(url)
    restarted = []

    def progress(done: int, total: int | None) -> None:
        if done and not restarted:  # the workers keep parsing and writing while the server goes down and up
            own_postgres.stop()
            time.sleep(1.0)
            own_postgres.start()
            restarted.append(done)

    summary = ingest([str(path)], db=url, engine="dask", scheduler=deployed.address, partition_size=1,
                     progress=progress)
    assert restarted and (summary.new + summary.duplicate, summary.failed) == (12, 1)
    _stored_once(url, reports, counts)


@pytest.mark.slow
def test_a_database_gone_for_good_is_one_clear_error_and_the_rerun_resumes(own_postgres, long_corpus, monkeypatch):
    path, reports, counts = long_corpus
    url = new_database(own_postgres.url)
    Store(url)
    monkeypatch.setattr(work, "RETRY_SECONDS", 1.0)
    stopped = []

    def progress(done: int, total: int | None) -> None:
        if done and not stopped:
            own_postgres.stop()
            stopped.append(done)

    with pytest.raises(StoreError, match="the database went away and did not come back within 1 s") as caught:
        ingest([str(path)], db=url, partition_size=4, progress=progress)
    assert "run the same command again to resume" in str(caught.value)
    own_postgres.start()
    before = Store(url).count("articles")
    assert before == 4  # the first partition, whole; nothing of the second
    again = ingest([str(path)], db=url, partition_size=4)
    assert (again.new, again.duplicate, again.failed) == (8, 4, 1)
    _stored_once(url, reports, counts)


def test_a_store_error_raised_on_a_worker_reaches_the_driver_whole():
    error = pickle.loads(pickle.dumps(StoreError("postgresql://db/x", "the database went away")))
    assert (type(error), error.source, error.problem, error.exit_code) == (StoreError, "postgresql://db/x",
                                                                           "the database went away", 19)


# -- memory ------------------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_process_many_streams_its_input_in_bounded_batches():
    pulled = itertools.count()

    def inputs():  # long, so that reading it all first would show (and would not hang)
        for i in range(2000):
            next(pulled)
            text = (f"Russian forces fired {i + 2} missiles at Kharkiv on Tuesday, the governor said."
                    if i % 5 else "Copyright 2024 Meridian Wire. All rights reserved.")
            yield from_text(text, source=f"<{i}>")

    settings = dataclasses.replace(Settings(), batch_size=4)
    reports = list(itertools.islice(process_many(inputs(), settings=settings), 10))
    assert next(pulled) <= 10 + 3 * settings.batch_size  # not the whole input first
    assert [r.article.text[:7] for r in reports] == ["" if i % 5 == 0 else "Russian" for i in range(10)]
