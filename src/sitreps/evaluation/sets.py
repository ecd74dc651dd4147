"""Gold sets: several collections of gold files scored apart and shown side by side.

Accuracy on articles the team wrote is an upper bound, not a measure: the same rules score lower on
real text nobody here wrote. So the figures that matter are read beside each other — the team's
set, the seed, the real development split and the real test split — and a gain on one set that
costs another is visible at once. A set is a folder of gold files (every ``*.yaml`` in it) or a
single gold file; it is named by its path as given.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sitreps.config import Settings
from sitreps.errors import GoldFormatError
from sitreps.evaluation import COMPONENTS, Evaluation, evaluate


@dataclass(frozen=True, slots=True)
class GoldSet:
    name: str
    paths: tuple[Path, ...]


def gold_set(argument: str | Path, name: str | None = None) -> GoldSet:
    """The gold files a folder or a single file stands for."""
    path = Path(argument)
    if path.is_dir():
        paths = tuple(sorted(path.glob("*.yaml")))
        if not paths:
            raise GoldFormatError(str(path), "this folder holds no gold files (*.yaml)")
        return GoldSet(name or str(argument), paths)
    return GoldSet(name or str(argument), (path,))


def expand(arguments: Iterable[str | Path]) -> list[Path]:
    """Every gold file the arguments name, folders read as all the ``*.yaml`` files in them."""
    return [p for argument in arguments for p in gold_set(argument).paths]


def evaluate_sets(sets: Iterable[GoldSet], *, components: Iterable[str] = COMPONENTS,
                  settings: Settings | None = None) -> dict[str, Evaluation]:
    """One evaluation per set, in the order given."""
    settings = settings or Settings.from_env()
    components = tuple(components)
    return {s.name: evaluate(s.paths, components=components, settings=settings) for s in sets}


def side_by_side(evaluations: dict[str, Evaluation]) -> list[tuple[str, dict[str, float | None]]]:
    """Rows ``(metric, {set: value or None})`` over the union of every set's metrics, in component order."""
    per_set = {name: evaluation.metrics() for name, evaluation in evaluations.items()}
    order = {name: i for i, name in enumerate(COMPONENTS)}
    keys = sorted({key for metrics in per_set.values() for key in metrics},
                  key=lambda key: (order.get(key.split(".")[0], len(order)), _detection_first(key), key))
    return [(key, {name: metrics.get(key) for name, metrics in per_set.items()}) for key in keys]


def _detection_first(key: str) -> int:
    metric = key.split(".", 1)[1]
    return {"f1": 0, "precision": 1, "recall": 2}.get(metric, 3)
