"""A throw-away PostgreSQL server for the store tests, started from the Debian binaries on a free port.

The store must work the same on SQLite and PostgreSQL, so the store tests run
on both (the ``store_url`` fixture is parametrised). The server is started
once per test session in a temporary folder, listens on 127.0.0.1 only, runs
without fsync (the data is thrown away) and is stopped at the end. PostgreSQL
refuses to run as root, so as root (CI) it runs as the ``postgres`` user.

Where PostgreSQL cannot be had: on a laptop the PostgreSQL half of the tests
is skipped, loudly; in CI (``CI=true``) that is a failure, never a skip. In CI
the Debian package is installed when its binaries are missing. Set
``SITREPS_TEST_POSTGRES_URL`` to use a running server instead.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import IN_CI

PG_USER = "postgres"


def _bin_dir() -> Path | None:
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                      key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    return versions[-1].parent if versions else None


def _install() -> None:
    """CI only: the Debian package, as `make test` promises (root, no prompt)."""
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], env=env, check=False, capture_output=True, timeout=600)
    subprocess.run(["apt-get", "install", "-y", "-qq", "postgresql"], env=env, check=False, capture_output=True,
                   timeout=900)


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"PostgreSQL is needed in CI and could not be started: {reason}")
    pytest.skip(f"SKIPPED LOUDLY: PostgreSQL tests need a PostgreSQL server: {reason}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run(command: list[str], as_postgres: bool, **kwargs) -> subprocess.CompletedProcess[str]:
    if as_postgres:
        command = ["runuser", "-u", PG_USER, "--", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, **kwargs)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """Base URL (no database name) of a PostgreSQL server that lives as long as the test session."""
    given = os.environ.get("SITREPS_TEST_POSTGRES_URL")
    if given:
        yield given.rstrip("/") + "/"
        return
    bin_dir = _bin_dir()
    if bin_dir is None and IN_CI:
        _install()
        bin_dir = _bin_dir()
    if bin_dir is None:
        _unavailable("initdb and pg_ctl not found (install Debian's postgresql package)")
    as_root = os.geteuid() == 0
    if as_root:
        try:
            owner = pwd.getpwnam(PG_USER)
        except KeyError:
            _unavailable(f"running as root and there is no {PG_USER!r} user to run the server as")
    folder = Path(tempfile.mkdtemp(prefix="sitreps-pg-"))
    if as_root:
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    data, log, port = folder / "data", folder / "log", _free_port()
    done = _run([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", PG_USER, "-E", "UTF8",
                 "--locale=C", "--no-sync"], as_root)
    if done.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        _unavailable(f"initdb failed: {done.stderr.strip()[-500:]}")
    options = (f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
               "-c full_page_writes=off")
    done = _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log), "-w", "-t", "60", "start"],
                as_root)
    if done.returncode != 0:
        detail = log.read_text(errors="replace")[-800:] if log.exists() else done.stderr
        shutil.rmtree(folder, ignore_errors=True)
        _unavailable(f"pg_ctl start failed: {detail.strip()}")
    try:
        yield f"postgresql://{PG_USER}@127.0.0.1:{port}/"
    finally:
        _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], as_root)
        shutil.rmtree(folder, ignore_errors=True)


def new_database(server: str) -> str:
    """A fresh, empty database on ``server``; returns its URL."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server + "postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return server + name


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty store: a SQLite file, then a PostgreSQL database (every store test runs on both)."""
    if request.param == "sqlite":
        return str(tmp_path / "sitreps.db")
    return new_database(request.getfixturevalue("postgres_server"))
