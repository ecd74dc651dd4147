"""Items of a report by character offset, without a pass over every item per lookup.

The extractors ask, once per item, for the times in a sentence, the figures in a claim, the places in a
paragraph. A list comprehension over the whole report per question makes a long article quadratic (issue
21: 400,000 characters took 181 s); ``starting_within`` answers from an index of the list's starts,
built once and kept while the list keeps its length.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Protocol, TypeVar

from sitreps.extract.list_memo import ListMemo


class _Starts(Protocol):
    @property  # read-only, so that frozen dataclasses qualify too
    def start(self) -> int: ...


class _Spans(Protocol):
    start: int
    end: int


T = TypeVar("T", bound=_Starts)
S = TypeVar("S", bound=_Spans)

_Index = tuple[list[int], list[int], int]  # starts in ascending order, the list position of each, longest span


def starting_within(items: list[T], lo: int, hi: int) -> list[T]:
    """The items whose ``start`` lies in ``[lo, hi)``, in their order in ``items``."""
    starts, positions, _ = _index(items)
    found = positions[bisect_left(starts, lo):bisect_left(starts, hi)]
    if len(found) > 1:
        found.sort()
    return [items[k] for k in found]


def containing(items: list[S], start: int, end: int) -> list[S]:
    """The items that contain ``[start, end)`` (``item.start <= start and end <= item.end``), in list order:
    only those starting within the longest item's length before ``start`` are looked at."""
    longest = _index(items)[2]
    return [item for item in starting_within(items, start - longest, start + 1) if end <= item.end]


def _build_index(items: list[T]) -> _Index:
    order = sorted(range(len(items)), key=lambda k: items[k].start)
    longest = max((getattr(item, "end", item.start) - item.start for item in items), default=0)
    return [items[k].start for k in order], order, longest


_index: ListMemo[list, _Index] = ListMemo(_build_index)
