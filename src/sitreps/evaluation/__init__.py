"""Evaluation: run sitreps on gold articles and score every component against the gold.

    evaluation = evaluate(["tests/gold/sample-wire-kharkiv.yaml"])
    evaluation.components["figures"].f1

Detection is scored as precision/recall/F1 over matched items, and each field
the gold gives as accuracy over matched items. ``metrics()`` flattens both for
the CI gate (``benchmarks/eval_gate.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sitreps.config import Settings
from sitreps.evaluation.components import FIELDS_ONLY, SCORERS
from sitreps.evaluation.gold import Gold, load_gold
from sitreps.evaluation.lenient import normal
from sitreps.evaluation.scores import ComponentScore, Finding
from sitreps.ingest import read_source
from sitreps.pipeline import process
from sitreps.types import Report

COMPONENTS = tuple(SCORERS)

__all__ = ["COMPONENTS", "ComponentScore", "Evaluation", "Finding", "Gold", "evaluate", "load_gold", "score_report"]


@dataclass(slots=True)
class Evaluation:
    articles: list[str] = field(default_factory=list)
    components: dict[str, ComponentScore] = field(default_factory=dict)

    def metrics(self) -> dict[str, float]:
        """``{"figures.f1": 0.93, "figures.category": 0.88, …}`` for every component scored."""
        flat: dict[str, float] = {}
        for name, score in self.components.items():
            for metric, value in score.metrics(detection=name not in FIELDS_ONLY).items():
                flat[f"{name}.{metric}"] = round(value, 4)
        return flat

    def to_dict(self) -> dict[str, object]:
        def findings(items: list[Finding]) -> list[dict[str, str]]:
            return [{"article": f.article, "text": f.text, "detail": f.detail} for f in items]
        return {
            "articles": self.articles,
            "metrics": self.metrics(),
            "components": {
                name: {"gold": s.gold, "found": s.found, "true_positives": s.true_positives,
                       "misses": findings(s.misses), "false_hits": findings(s.false_hits),
                       "wrong_fields": findings(s.wrong_fields)}
                for name, s in self.components.items()
            },
        }


def score_report(gold: Gold, report: Report, components: Iterable[str] = COMPONENTS) -> dict[str, ComponentScore]:
    """Scores of one report against its gold, per component (``article.partial``: see docs/gold-format.md)."""
    scores = {name: SCORERS[name](gold, report) for name in components}
    if gold.article.get("partial"):
        for score in scores.values():
            score.keep_listed_false_hits()
    return scores


def run_gold_article(gold: Gold, settings: Settings) -> Report:
    """The report sitreps makes of a gold file's article, with the date and URL the gold gives it."""
    meta = gold.article
    raw = read_source(str(gold.article_path), settings)
    if meta.get("url") and not raw.url:
        raw.url = meta["url"]
    given = meta.get("given_published")
    published = normal(given) if isinstance(given, (dt.date, str)) else None
    return process(raw, published=published, settings=settings)


def evaluate(gold_paths: Iterable[str | Path], *, components: Iterable[str] = COMPONENTS,
             settings: Settings | None = None) -> Evaluation:
    """Run sitreps on every gold file's article and add up the scores."""
    settings = settings or Settings.from_env()
    components = tuple(components)
    evaluation = Evaluation(components={name: ComponentScore() for name in components})
    for path in gold_paths:
        gold = load_gold(path)
        report = run_gold_article(gold, settings)
        evaluation.articles.append(gold.name)
        for name, score in score_report(gold, report, components).items():
            evaluation.components[name].add(score)
    return evaluation
