"""Values built from one of the report's lists (an index of starts, a sort), kept while the list is unchanged.

The extractors ask many questions of the same list while a report is built; rebuilding an index per
question makes a long article quadratic. Lists cannot be weakly referenced, so the memo keeps the list
itself beside its value and checks identity (``is``) and a fingerprint (its length by default) on every
call: an ``id`` reused by another list, or an item appended since, can never return a stale value. Only
the last few lists are kept, so older reports' lists are let go.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

L = TypeVar("L", bound=list)
V = TypeVar("V")


class ListMemo(Generic[L, V]):
    """``memo(items)`` is ``build(items)``, computed once while ``items`` keeps its identity and fingerprint."""

    def __init__(self, build: Callable[[L], V], fingerprint: Callable[[L], Hashable] = len, keep: int = 16) -> None:
        self._build = build
        self._fingerprint = fingerprint
        self._keep = keep
        self._kept: dict[int, tuple[L, Hashable, V]] = {}

    def __call__(self, items: L) -> V:
        mark = self._fingerprint(items)
        kept = self._kept.get(id(items))
        if kept is not None and kept[0] is items and kept[1] == mark:
            return kept[2]
        value = self._build(items)
        if len(self._kept) >= self._keep:
            self._kept.clear()
        self._kept[id(items)] = (items, mark, value)
        return value
