"""Which entity (actor or place) a stretch of text belongs to, through its mentions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

from sitreps.types import Mention


class _Mentioned(Protocol):
    mentions: list[Mention]


E = TypeVar("E", bound=_Mentioned)


def entity_at(entities: Iterable[E], start: int, end: int) -> E | None:
    """The entity whose mention covers ``start:end`` most tightly, else overlaps it most."""
    best: tuple[int, int, E] | None = None
    for entity in entities:
        for mention in entity.mentions:
            overlap = min(end, mention.end) - max(start, mention.start)
            if overlap <= 0:
                continue
            contains = mention.start <= start and end <= mention.end
            score = (1 if contains else 0, -(mention.end - mention.start) if contains else overlap)
            if best is None or score > best[:2]:
                best = (*score, entity)
    return best[2] if best else None
