"""Answers that only change when the store's articles do (facet counts, how many items the store holds),
kept per question until an article is stored or reprocessed.

A list page asks the same counts again and again while an analyst pages and sorts; they are group-bys over
the whole filtered view, the slowest part of the page on a large store. Each answer is keyed by the
question and the store's ``articles_state`` (the number of articles and the latest update), as the fusion
cache is, so a new article makes every answer stale at once.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sitreps.store.queries import articles_state

T = TypeVar("T")
KEPT = 256


class Memo:
    """The latest answers, least recently used dropped first. An answer is computed once however many requests
    ask for it at the same moment: the others wait for it (on a large store the first count of a view takes a
    while, and eight clients computing it at once took eight times as long each)."""

    def __init__(self, kept: int = KEPT) -> None:
        self.kept = kept
        self.lock = threading.Lock()
        self.found: OrderedDict[tuple, Any] = OrderedDict()
        self.pending: dict[tuple, threading.Event] = {}

    def get(self, store: Any, key: Hashable, compute: Callable[[], T]) -> T:
        full = (key, articles_state(store))
        with self.lock:
            if full in self.found:
                self.found.move_to_end(full)
                return self.found[full]
            running = self.pending.get(full)
            if running is None:
                running = self.pending[full] = threading.Event()
                mine = True
            else:
                mine = False
        if not mine:
            running.wait()
            with self.lock:
                if full in self.found:
                    return self.found[full]
            return compute()  # the request computing it failed: this one tries for itself
        try:
            value = compute()
            with self.lock:
                self.found[full] = value
                while len(self.found) > self.kept:
                    self.found.popitem(last=False)
            return value
        finally:
            with self.lock:
                self.pending.pop(full, None)
            running.set()


__all__ = ["Memo"]
