"""A Dask cluster as users deploy it, on loopback: ``dask scheduler`` and ``dask worker`` processes.

    with LoopbackCluster(workers=2) as cluster:       # tcp://127.0.0.1:<free port>
        ingest([...], engine="dask", scheduler=cluster.address, db=...)
        cluster.kill("w1")                             # SIGKILL, the nanny and its worker

Each process is started in a process group of its own (the group's id is
the process's), with the parent-death signal set, so that it dies with the
test process even when that is killed; ``close()`` (called on exit, also
when a test fails) kills every group it started, by id. The groups stay in
the caller's session: Linux shares CPU between sessions (autogroups), and a
benchmark must not give the cluster a larger share than a local pool gets.
Workers are single-threaded (parsing holds the GIL), have no dashboard and
give up when the scheduler is gone for 30 s. ``env`` adds environment
variables (Dask settings such as ``DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED``).
The benchmarks use it too (benchmarks/ingest.py).
"""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

DASK = str(Path(sys.executable).with_name("dask"))
_PR_SET_PDEATHSIG = 1


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _die_with_parent() -> None:  # runs in the child between fork and exec
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except OSError:
        pass


class LoopbackCluster:
    """A scheduler and ``workers`` named w1, w2, … on 127.0.0.1; ``add`` and ``kill`` change them."""

    def __init__(self, workers: int = 2, *, log_dir: Path | None = None, timeout: float = 120.0,
                 worker_options: tuple[str, ...] = (), env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.address = f"tcp://127.0.0.1:{self.port}"
        self.timeout = timeout
        self.worker_options = worker_options
        self.env = {**os.environ, **(env or {})}
        self.log_dir = Path(log_dir) if log_dir else None
        if self.log_dir:
            self.log_dir.mkdir(parents=True, exist_ok=True)
        self.processes: dict[str, subprocess.Popen] = {}
        self._client = None
        try:
            self._start("scheduler", [DASK, "scheduler", "--host", "127.0.0.1", "--port", str(self.port),
                                      "--no-dashboard", "--idle-timeout", "3600"])
            for _ in range(workers):
                self.add(wait=False)
            self.wait_for(workers)
        except BaseException:
            self.close()
            raise

    def _start(self, name: str, command: list[str]) -> subprocess.Popen:
        log = open(self.log_dir / f"{name}.log", "wb") if self.log_dir else subprocess.DEVNULL  # noqa: SIM115
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, process_group=0, env=self.env,
                                   preexec_fn=_die_with_parent if sys.platform == "linux" else None)
        if log is not subprocess.DEVNULL:
            log.close()
        self.processes[name] = process
        return process

    @property
    def client(self):
        """A plain ``distributed.Client`` to the scheduler (to look at workers and tasks)."""
        if self._client is None:
            import distributed

            deadline = time.monotonic() + self.timeout
            while True:
                try:
                    self._client = distributed.Client(self.address, timeout=5)
                    break
                except (OSError, TimeoutError):
                    if time.monotonic() > deadline or self.processes["scheduler"].poll() is not None:
                        raise
                    time.sleep(0.5)
        return self._client

    def add(self, name: str | None = None, *, wait: bool = True) -> str:
        """Start one more worker (and its nanny); returns its name."""
        name = name or f"w{sum(n != 'scheduler' for n in self.processes) + 1}"
        self._start(name, [DASK, "worker", self.address, "--nthreads", "1", "--no-dashboard", "--name", name,
                           "--death-timeout", "30", *self.worker_options])
        if wait:
            self.wait_for(len(self.running()))
        return name

    def running(self) -> list[str]:
        return [n for n, p in self.processes.items() if n != "scheduler" and p.poll() is None]

    def wait_for(self, workers: int) -> None:
        self.client.wait_for_workers(workers, timeout=self.timeout)

    def address_of(self, name: str) -> str | None:
        """The worker's address at the scheduler (None when the scheduler does not know it)."""
        for address, info in self.client.scheduler_info(n_workers=-1)["workers"].items():
            if info.get("name") == name:
                return address
        return None

    def kill(self, name: str) -> None:
        """SIGKILL the worker's nanny and its worker process (the whole process group, by id)."""
        process = self.processes[name]
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=30)

    def close(self) -> None:
        """Kill every process group started here (by id): nothing of the cluster outlives its test."""
        if self._client is not None:
            try:
                self._client.close(timeout=2)
            except Exception:  # noqa: BLE001 - the scheduler may be gone already
                pass
            self._client = None
        for process in self.processes.values():
            if process.returncode is None:  # not reaped yet, so its id is still its own
                try:
                    os.killpg(process.pid, signal.SIGKILL)  # the group: a nanny's worker process too
                except ProcessLookupError:
                    pass
                process.wait(timeout=30)
        self.processes.clear()

    def __enter__(self) -> "LoopbackCluster":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
