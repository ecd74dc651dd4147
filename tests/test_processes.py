"""Issue 21 item 7: worker processes die with their driver, killed runs are marked interrupted, and ingests
that create a new database at the same moment both succeed (SQLite and PostgreSQL). Issue 22: ``extract_many``
on several processes does the whole work in forked children, with the reports and errors of one process."""

from __future__ import annotations

import dataclasses
import itertools
import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import sitreps.pipeline
from sitreps import Settings, extract_many
from sitreps.errors import ConfigError, EmptyInput
from sitreps.ingest import from_text
from sitreps.pipeline import CHILD_CHUNK, process_many
from sitreps.store import Store
from sitreps.workers import ChildTraceback, can_fork
from tests.pages import ARTICLE_HTML, GERMAN_TEXT, SHORT_WIRE

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


# --- extract_many on several processes (issue 22) ---------------------------------------------------------

needs_fork = pytest.mark.skipif(not can_fork(), reason="forked workers only where fork is safe (not macOS, Windows)")
TWO = dataclasses.replace(Settings(), n_process=2)


def _articles(count: int) -> list[str]:
    """Articles of every kind, each its own text: English wire, German, an HTML page, boilerplate only."""
    kinds = [lambda i: SHORT_WIRE.replace("84", str(i + 84)), lambda i: GERMAN_TEXT,
             lambda i: ARTICLE_HTML.replace("31 of the 38", f"{i + 20} of the 60"),
             lambda i: f"Russian forces fired {i + 2} missiles at Kharkiv on Tuesday, the governor said.",
             lambda i: "Copyright 2024 Meridian Wire. All rights reserved."]
    return [kinds[i % len(kinds)](i) for i in range(count)]


def _until_error(reports) -> tuple[list[dict], BaseException | None]:
    out = []
    try:
        for report in reports:
            out.append(report.to_dict())
    except Exception as error:
        return out, error
    return out, None


@needs_fork
def test_two_processes_give_the_reports_of_one_in_input_order_built_in_the_children(tmp_path, monkeypatch):
    """Before: with n_process=2 the calling process built every report (spaCy's children only parsed)."""
    items = _articles(3 * CHILD_CHUNK + 3)  # several chunks per child, the last one short
    one = [r.to_dict() for r in extract_many(items)]
    built = sitreps.pipeline.build_report

    def recorded(prepared, doc, settings=None):  # which process built each report
        (tmp_path / str(os.getpid())).touch()
        return built(prepared, doc, settings)

    monkeypatch.setattr(sitreps.pipeline, "build_report", recorded)
    sitreps.pipeline._warm(TWO)  # the sample the parent reads before forking is not one of the reports
    for path in tmp_path.iterdir():
        path.unlink()
    two = [r.to_dict() for r in extract_many(items, settings=TWO)]
    assert two == one
    assert [r["article"]["language"] for r in two][:3] == ["en", "de", "en"]
    builders = {int(path.name) for path in tmp_path.iterdir()}
    assert builders and os.getpid() not in builders  # (one child may take every chunk on a busy machine)


@needs_fork
def test_an_unknown_extractor_raised_in_a_child_is_the_error_of_one_process():
    """The reports of the articles before the first English one, then the same ConfigError, on 1 and 2."""
    items = [GERMAN_TEXT] * (CHILD_CHUNK + 2) + [SHORT_WIRE, GERMAN_TEXT]
    bad = dataclasses.replace(Settings(), extractors="events=no-such-coder")
    one, error_one = _until_error(extract_many(items, settings=bad))
    two, error_two = _until_error(extract_many(items, settings=dataclasses.replace(bad, n_process=2)))
    assert type(error_two) is type(error_one) is ConfigError
    assert (error_two.source, error_two.problem) == (error_one.source, error_one.problem)
    assert two == one and len(one) == CHILD_CHUNK + 2
    assert isinstance(error_two.__cause__, ChildTraceback) and "registry.py" in str(error_two.__cause__)


@needs_fork
def test_an_article_that_fails_in_a_child_ends_the_output_after_those_before_it():
    raws = [from_text(text, source=f"<{i}>") for i, text in enumerate(_articles(CHILD_CHUNK + 3))]
    raws[CHILD_CHUNK + 1].text = None  # type: ignore[assignment]  # a caller's article without text
    one, error_one = _until_error(process_many(raws))
    two, error_two = _until_error(process_many(raws, settings=TWO))
    assert type(error_two) is type(error_one) and str(error_two) == str(error_one)
    assert isinstance(error_one, (TypeError, AttributeError))
    assert two == one and len(one) == CHILD_CHUNK + 1  # every article before the failing one


@pytest.mark.parametrize("n_process", [1, 2])
def test_an_input_that_cannot_be_read_comes_after_the_reports_before_it(n_process):
    """Before: on one process an empty string raised EmptyInput before the reports of its batch's earlier
    articles, so how many came out depended on the batch size."""
    items = [SHORT_WIRE, GERMAN_TEXT, "   ", SHORT_WIRE.replace("84", "85")]
    settings = dataclasses.replace(Settings(), n_process=n_process)
    reports, error = _until_error(extract_many(items, settings=settings))
    assert isinstance(error, EmptyInput) and error.source == "<item 2>"
    assert [r["article"]["language"] for r in reports] == ["en", "de"]


@needs_fork
def test_two_processes_stream_their_input():
    pulled = itertools.count()

    def inputs():
        for i, text in enumerate(_articles(2000)):
            next(pulled)
            yield from_text(text, source=f"<item {i}>")

    reports = [r.to_dict() for r in itertools.islice(process_many(inputs(), settings=TWO), 10)]
    assert next(pulled) <= 10 + (2 * TWO.n_process + 1) * CHILD_CHUNK  # the chunks in flight, not the input
    assert reports == [r.to_dict() for r in extract_many(_articles(10))]
