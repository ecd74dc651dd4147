"""The workbench's commands: serve (a real server process), users and tokens, corrections review."""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from sitreps.store import Store
from tests.test_cli import SITREPS, run_cli
from tests.web_support import fill, free_port

pytestmark = pytest.mark.slow


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "w.db"
    Store(str(path)).close()
    return str(path)


def test_users_are_added_listed_given_tokens_and_removed(db):
    assert run_cli("users", "add", "ana", "--reviewer", "--password", "long enough", "--db", db).returncode == 0
    again = run_cli("users", "add", "ana", "--password", "long enough", "--db", db)
    assert again.returncode == 24 and "exists already" in again.stderr and "Traceback" not in again.stderr
    short = run_cli("users", "add", "bob", "--password", "short", "--db", db)
    assert short.returncode == 24 and "shorter than 8" in short.stderr
    listed = json.loads(run_cli("users", "list", "--json", "--db", db).stdout)
    assert listed == [{"name": "ana", "role": "reviewer"}]
    token = run_cli("users", "token", "ana", "--db", db).stdout.strip()
    assert token.startswith("srt_") and len(token) > 30
    assert run_cli("users", "token", "nobody", "--db", db).returncode == 24
    assert run_cli("users", "password", "ana", "--password", "another long one", "--db", db).returncode == 0
    assert run_cli("users", "remove", "ana", "--db", db).returncode == 0
    assert json.loads(run_cli("users", "list", "--json", "--db", db).stdout) == []


def test_corrections_are_reviewed_from_the_terminal(tmp_path):
    path = str(tmp_path / "c.db")
    store = Store(path)
    ids = fill(store)
    made = store.add_correction(ids["wire"], "figures", "wrong", start=0, end=7, text="KHARKIV", author="bob")
    assert run_cli("corrections", "accept", str(made), "--reviewer", "ana", "--db", path).returncode == 0
    rows = json.loads(run_cli("corrections", "list", "--status", "accepted", "--json", "--db", path).stdout)
    assert [(r["id"], r["status"], r["reviewer"]) for r in rows] == [(made, "accepted", "ana")]
    missing = run_cli("corrections", "reject", "999", "--db", path)
    assert missing.returncode == 19 and "no correction 999" in missing.stderr
    assert "KHARKIV" in run_cli("corrections", "list", "--db", path).stdout


def test_serve_runs_a_real_server_and_refuses_a_missing_store(db, tmp_path):
    gone = run_cli("serve", "--db", str(tmp_path / "nope.db"))
    assert gone.returncode == 19 and "no such database" in gone.stderr
    with serving("--db", db) as (port, server):
        answer = httpx.get(f"http://127.0.0.1:{port}/api/me", timeout=2)
        me = answer.json()
        assert (me["user"], me["role"], me["reading_open"]) == (None, None, True) and me["csrf_token"]
        assert "server-timing" in answer.headers and "content-security-policy" in answer.headers
        # on loopback only localhost names are served: a page that rebinds its domain to 127.0.0.1 gets nothing
        rebound = httpx.get(f"http://127.0.0.1:{port}/api/articles", headers={"Host": "evil.example"}, timeout=5)
        assert rebound.status_code == 400
        assert httpx.get(f"http://localhost:{port}/api/articles", timeout=5).status_code == 200
    assert "serving" in server.stderr.read()


def test_serve_with_several_processes_on_postgresql(postgres_server, db):
    from tests.pg_server import new_database

    sqlite = run_cli("serve", "--db", db, "--workers", "2")
    assert sqlite.returncode == 2 and "needs a PostgreSQL store" in sqlite.stderr
    url = new_database(postgres_server)
    Store(url).close()
    with serving("--db", url, "--workers", "2") as (port, server):
        answer = httpx.get(f"http://127.0.0.1:{port}/api/articles", timeout=2)
        assert answer.status_code == 200 and answer.json()["total"] == 0
    assert "with 2 process(es)" in server.stderr.read()


def test_off_loopback_reading_needs_sign_in_unless_public(db):
    """The threat model: open reading on loopback only; an exposed server needs a user, --public opens it."""
    with serving("--db", db, "--host", "0.0.0.0") as (port, server):
        assert httpx.get(f"http://127.0.0.1:{port}/api/articles", timeout=5).status_code == 401
        assert httpx.get(f"http://127.0.0.1:{port}/figures", timeout=5).status_code == 303
    assert "reading needs sign-in" in server.stderr.read()
    with serving("--db", db, "--host", "0.0.0.0", "--public") as (port, _):
        assert httpx.get(f"http://127.0.0.1:{port}/api/articles", timeout=5).status_code == 200


def test_serve_reads_a_limits_file_and_refuses_a_bad_one(db, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("budget:\n  rate: fast\n")
    refused = run_cli("serve", "--db", db, "--limits", str(bad))
    assert refused.returncode == 25 and "budget.rate: a number of 0 or more, not 'fast'" in refused.stderr
    assert "Traceback" not in refused.stderr
    tight = tmp_path / "tight.yaml"
    tight.write_text("budget:\n  rate: 0.1\n  burst: 2\n")
    with serving("--db", db, "--limits", str(tight)) as (port, _):
        codes = [httpx.get(f"http://127.0.0.1:{port}/api/figures", timeout=5).status_code for _ in range(3)]
        assert codes == [200, 200, 429]
        assert httpx.get(f"http://127.0.0.1:{port}/api/articles", timeout=5).status_code == 200  # not budgeted


@contextmanager
def serving(*args: str) -> Iterator[tuple[int, subprocess.Popen]]:
    """`sitreps serve ARGS` on a free port, once it answers; stopped on the way out."""
    port = free_port()
    server = subprocess.Popen([*SITREPS, "serve", *args, "--port", str(port)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/api/me", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None and time.monotonic() < deadline, server.stderr.read()
                time.sleep(0.2)
        yield port, server
    finally:
        server.terminate()
        server.wait(timeout=20)
