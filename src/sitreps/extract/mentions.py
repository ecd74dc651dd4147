"""Which entity (actor or place) a stretch of text belongs to, through its mentions."""

from __future__ import annotations

from bisect import bisect_left
from operator import attrgetter
from collections.abc import Iterable
from typing import Any, Protocol, TypeVar

from sitreps.extract.list_memo import ListMemo
from sitreps.types import Mention


class _Mentioned(Protocol):
    mentions: list[Mention]


E = TypeVar("E", bound=_Mentioned)


def entity_at(entities: Iterable[E], start: int, end: int) -> E | None:
    """The entity whose mention covers ``start:end`` most tightly, else overlaps it most (on a tie, the
    first entity in order, then its first mention).

    A list of entities is indexed once (mentions sorted by start, cached while the list and its mentions
    keep their number), so the extractors' lookup per item costs O(log n), not a pass over every mention."""
    index = _index(entities if isinstance(entities, list) else list(entities))
    best: tuple[int, int, int, int] | None = None  # score, score, -rank: the best mention so far
    found: E | None = None
    starts, rows, longest = index
    for i in range(bisect_left(starts, start - longest), len(starts)):
        mention_start, mention_end, rank, entity = rows[i]
        if mention_start >= end:
            break
        overlap = min(end, mention_end) - max(start, mention_start)
        if overlap <= 0:
            continue
        contains = mention_start <= start and end <= mention_end
        key = (1 if contains else 0, -(mention_end - mention_start) if contains else overlap, -rank[0], -rank[1])
        if best is None or key > best:
            best, found = key, entity
    return found


_Index = tuple[list[int], list[tuple[int, int, tuple[int, int], Any]], int]  # Any: the caller's entity type
_MENTIONS = attrgetter("mentions")


def _build_index(entities: list[E]) -> _Index:
    rows = sorted(((m.start, m.end, (e_rank, m_rank), entity) for e_rank, entity in enumerate(entities)
                   for m_rank, m in enumerate(entity.mentions)), key=lambda row: (row[0], row[2]))
    return [row[0] for row in rows], rows, max((row[1] - row[0] for row in rows), default=0)


def _fingerprint(entities: list[E]) -> tuple[int, int]:
    """The list's length and its mentions' count (at C speed): an entity or a mention added since is seen."""
    return len(entities), sum(map(len, map(_MENTIONS, entities)))


_index: ListMemo[list, _Index] = ListMemo(_build_index, _fingerprint, keep=8)
