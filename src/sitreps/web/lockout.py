"""Back-off for wrong passwords, per account and per client address.

Without it 120 wrong passwords went through at 12 a second and the right one
was then accepted. After ``free_failures`` wrong passwords an account is
locked for ``first_delay`` seconds, doubling with each further failure up to
``max_delay``; a client address gets the same after ``client_free_failures``
failures over any names (one client guessing many accounts). While locked,
sign-in answers 429 with ``Retry-After`` and checks no password, the right one
included, so guessing cannot go on at full speed. A successful sign-in clears
the account's and the client's count.

The counts live in the server process (with ``--workers N`` each process
counts on its own) and are lost on restart; they are a brake on guessing, the
scrypt hashes are what make a guessed password expensive offline.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from sitreps.web.limits import SignInLimits

MAX_KEPT = 10_000  # accounts and clients remembered; the oldest is forgotten beyond it


@dataclass(slots=True)
class _Record:
    failures: int = 0
    locked_until: float = 0.0


class SignInGuard:
    """Who is locked out of signing in, and for how long."""

    def __init__(self, limits: SignInLimits, clock=time.monotonic) -> None:
        self.limits = limits
        self.clock = clock
        self.lock = threading.Lock()
        self.records: OrderedDict[tuple[str, str], _Record] = OrderedDict()

    def wait(self, name: str, client: str) -> float:
        """Seconds until ``name`` may be tried from ``client`` (0: now)."""
        now = self.clock()
        with self.lock:
            found = [self.records.get(key) for key in _keys(name, client)]
            return max([0.0, *(record.locked_until - now for record in found if record)])

    def failed(self, name: str, client: str) -> None:
        """Count a wrong password; past the free failures, lock with a doubling delay."""
        now = self.clock()
        with self.lock:
            for key, free in zip(_keys(name, client), (self.limits.free_failures, self.limits.client_free_failures)):
                record = self.records.pop(key, None) or _Record()
                record.failures += 1
                if record.failures >= free:
                    delay = self.limits.first_delay * 2 ** min(record.failures - free, 32)
                    record.locked_until = now + min(delay, self.limits.max_delay)
                self.records[key] = record
            while len(self.records) > MAX_KEPT:
                self.records.popitem(last=False)

    def succeeded(self, name: str, client: str) -> None:
        with self.lock:
            for key in _keys(name, client):
                self.records.pop(key, None)


def _keys(name: str, client: str) -> tuple[tuple[str, str], tuple[str, str]]:
    return ("account", name.strip().casefold()), ("client", client)


__all__ = ["SignInGuard"]
