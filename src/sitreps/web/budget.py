"""A request budget per client on the expensive endpoints: a token bucket keyed by the client's address.

Search, the item lists and fusion cost the server real work; without a budget
48 concurrent heavy searches from one client made a plain page wait 44 s. Each
client address has a bucket of ``burst`` tokens that refills at ``rate`` a
second; a budgeted request takes one, and a request that finds the bucket empty
is answered 429 with ``Retry-After`` (the seconds until a token is back)
without touching the store. Cheap reads (an article, the account, static
files) are not budgeted.

The buckets live in the server process: with ``--workers N`` each process
keeps its own. Behind a reverse proxy every request comes from the proxy's
address, so the budget is shared by all; there the proxy should limit per
client (``X-Forwarded-For`` is not trusted: any client can write it).
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections import OrderedDict
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Receive, Scope, Send

from sitreps.web.limits import Budget

MAX_CLIENTS = 10_000  # buckets kept; the least recently seen client is forgotten (a full bucket) beyond it


class TokenBuckets:
    """One bucket per key; ``take`` answers 0 when a token was taken, else the seconds until one is back."""

    def __init__(self, rate: float, burst: int, clock=time.monotonic) -> None:
        self.rate = rate
        self.burst = max(1, burst)
        self.clock = clock
        self.lock = threading.Lock()
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key -> (tokens, when)

    def take(self, key: str) -> float:
        now = self.clock()
        with self.lock:
            tokens, then = self.buckets.pop(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - then) * self.rate)
            wait = 0.0 if tokens >= 1 else (1 - tokens) / self.rate
            self.buckets[key] = (tokens - 1 if wait == 0 else tokens, now)
            while len(self.buckets) > MAX_CLIENTS:
                self.buckets.popitem(last=False)
        return wait


class RequestBudget:
    """ASGI middleware: budgeted requests beyond a client's bucket get 429 and ``Retry-After``."""

    def __init__(self, app: ASGIApp, *, budget: Budget) -> None:
        self.app = app
        self.budget = budget
        self.buckets = TokenBuckets(budget.rate, budget.burst)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.budget.rate > 0:
            query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
            if self.budget.covers(scope["path"], query):
                client = (scope.get("client") or ("unknown", 0))[0]
                wait = self.buckets.take(client)
                if wait > 0:
                    await _too_many(send, wait, self.budget, as_json=_wants_json(scope))
                    return
        await self.app(scope, receive, send)


def _wants_json(scope: Scope) -> bool:
    accept = dict(scope.get("headers") or []).get(b"accept", b"")
    return scope["path"].startswith("/api/") or b"application/json" in accept


async def _too_many(send: Send, wait: float, budget: Budget, *, as_json: bool) -> None:
    """429 with ``Retry-After``: JSON for the API, a line of text for a page (no template: the store and the
    page machinery are not touched for a refused request)."""
    retry = max(1, math.ceil(wait))
    detail = (f"too many requests: this client may make {budget.burst} requests at once to the search, list and "
              f"fusion endpoints and {budget.rate:g} a second after that; retry in {retry} s")
    body, kind = ((json.dumps({"detail": detail}).encode(), b"application/json") if as_json
                  else (f"{detail}\n".encode(), b"text/plain; charset=utf-8"))
    await send({"type": "http.response.start", "status": 429,
                "headers": [(b"content-type", kind), (b"retry-after", str(retry).encode()),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


__all__ = ["RequestBudget", "TokenBuckets"]
