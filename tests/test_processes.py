"""Issue 21 item 7: worker processes die with their driver, killed runs are marked interrupted, and ingests
that create a new database at the same moment both succeed (SQLite and PostgreSQL)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from sitreps.store import Store

pytestmark = pytest.mark.slow  # starts worker processes, a Dask cluster or PostgreSQL

ROOT = Path(__file__).resolve().parent.parent


def _python(code: str, *args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *args], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (dead, not yet reaped by its new parent) counts as gone
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return True


# --- workers die with their driver ------------------------------------------------------------------------

def test_workers_exit_when_their_driver_is_killed(tmp_path):
    """Before: kill -9 of `sitreps ingest --processes 2` left both workers running (and writing)."""
    script = tmp_path / "driver.py"
    script.write_text(textwrap.dedent("""
        import multiprocessing, os, sys, time
        from concurrent.futures import ProcessPoolExecutor
        from sitreps.corpus.runner import watch_parent

        def work(_):
            time.sleep(0.2)
            return os.getpid()

        def forever(_):
            time.sleep(120)  # a partition that takes long: the worker is busy when the driver dies

        if __name__ == "__main__":
            pool = ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn"), initializer=watch_parent)
            pids = sorted(set(pool.map(work, range(8))))
            for _ in pids:
                pool.submit(forever, None)
            print(" ".join(map(str, pids)), flush=True)
            time.sleep(120)
    """))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    driver = subprocess.Popen([sys.executable, str(script)], env=env, stdout=subprocess.PIPE, text=True)
    try:
        workers = [int(pid) for pid in driver.stdout.readline().split()]
        assert workers and all(_alive(pid) for pid in workers)
        driver.send_signal(signal.SIGKILL)
        driver.wait(10)
        ended = time.monotonic() + 10
        while time.monotonic() < ended and any(_alive(pid) for pid in workers):
            time.sleep(0.1)
        assert not any(_alive(pid) for pid in workers)
    finally:
        driver.kill()
        for pid in workers if "workers" in locals() else []:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


# --- runs killed or stopped are marked interrupted ------------------------------------------------------

def _runs(url: str) -> list[tuple[int, str]]:
    from sqlalchemy import select

    from sitreps.store.schema import ingest_runs

    store = Store(url)
    with store.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(select(ingest_runs.c.id, ingest_runs.c.status)
                                                         .order_by(ingest_runs.c.id))]


def test_a_run_killed_is_marked_interrupted_when_the_next_one_starts(store_url):
    """Before: a run whose driver was killed with SIGKILL stayed "running" for ever."""
    killed = _python("""
        import os, signal, sys
        from sitreps.store import Store
        Store(sys.argv[1]).start_run(engine="local:1", sources=["news/"], version="0.1.0")
        os.kill(os.getpid(), signal.SIGKILL)
    """, store_url)
    killed.wait(60)
    assert killed.returncode == -signal.SIGKILL, killed.stderr.read()
    assert _runs(store_url) == [(1, "running")]
    Store(store_url).start_run(engine="local:1", sources=["news/"], version="0.1.0")
    assert _runs(store_url) == [(1, "interrupted"), (2, "running")]


def test_a_running_run_of_a_live_process_is_left_alone(store_url):
    store = Store(store_url)
    store.start_run(engine="local:1", sources=["a/"], version="0.1.0")  # this very process: alive
    store.start_run(engine="local:1", sources=["b/"], version="0.1.0")
    assert _runs(store_url) == [(1, "running"), (2, "running")]


def test_sigterm_ends_an_ingest_as_interrupted(store_url):
    """Before: SIGTERM killed the ingest at once and its run stayed "running"."""
    stopped = _python("""
        import os, signal, sys, time
        from sitreps.corpus.runner import ingest
        from sitreps.corpus.work import PartitionResult

        class Stopped:
            name = "test"
            def map(self, partitions, plan):
                for _ in partitions:
                    pass
                yield PartitionResult([], [], 0.0, "test", 0.0)
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(5)
                yield PartitionResult([], [], 0.0, "test", 0.0)
            def close(self):
                pass

        summary = ingest([sys.argv[2]], db=sys.argv[1], engine=Stopped())
        print("interrupted" if summary.interrupted else "finished")
    """, store_url, str(ROOT / "src" / "sitreps" / "data" / "sample"))
    out, err = stopped.communicate(timeout=120)
    assert out.strip() == "interrupted", err
    assert _runs(store_url) == [(1, "interrupted")]


# --- two first ingests at once ------------------------------------------------------------------------

def _open(url: str, barrier) -> None:
    barrier.wait(30)
    Store(url)


@pytest.mark.parametrize("trial", range(3))
def test_two_processes_creating_a_database_at_once_both_succeed(store_url, trial):
    """Before: SQLite "database is locked" (2 of 3 trials), PostgreSQL IntegrityError in the migrations."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(3)
    workers = [context.Process(target=_open, args=(store_url, barrier)) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    assert [w.exitcode for w in workers] == [0, 0, 0]
    assert Store(store_url).count() == 0
