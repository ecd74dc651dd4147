"""Counters of an evaluation: detection counts, per-field accuracy, and the findings behind them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Finding:
    """One miss, false hit or wrong field, with enough text for a developer to find it."""

    article: str
    text: str
    detail: str = ""


@dataclass(slots=True)
class FieldScore:
    correct: int = 0
    compared: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.compared if self.compared else None


@dataclass(slots=True)
class ComponentScore:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    fields: dict[str, FieldScore] = field(default_factory=dict)
    misses: list[Finding] = field(default_factory=list)
    false_hits: list[Finding] = field(default_factory=list)
    wrong_fields: list[Finding] = field(default_factory=list)

    @property
    def gold(self) -> int:
        return self.true_positives + self.false_negatives

    @property
    def found(self) -> int:
        return self.true_positives + self.false_positives

    @property
    def precision(self) -> float:
        return self.true_positives / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def hit(self) -> None:
        self.true_positives += 1

    def miss(self, finding: Finding) -> None:
        self.false_negatives += 1
        self.misses.append(finding)

    def false_hit(self, finding: Finding) -> None:
        self.false_positives += 1
        self.false_hits.append(finding)

    def keep_listed_false_hits(self) -> None:
        """For partial gold (corrections): an unlisted report item is not known to be wrong, so only items the
        gold lists as ``not_*`` count as false hits."""
        self.false_hits = [f for f in self.false_hits if f.detail.startswith("listed as not_")
                           or "(listed in not_events)" in f.detail]
        self.false_positives = len(self.false_hits)

    def check(self, name: str, ok: bool, finding: Finding | None = None) -> None:
        score = self.fields.setdefault(name, FieldScore())
        score.compared += 1
        if ok:
            score.correct += 1
        elif finding is not None:
            self.wrong_fields.append(finding)

    def add(self, other: "ComponentScore") -> None:
        self.true_positives += other.true_positives
        self.false_positives += other.false_positives
        self.false_negatives += other.false_negatives
        for name, score in other.fields.items():
            mine = self.fields.setdefault(name, FieldScore())
            mine.correct += score.correct
            mine.compared += score.compared
        self.misses += other.misses
        self.false_hits += other.false_hits
        self.wrong_fields += other.wrong_fields

    def metrics(self, *, detection: bool = True) -> dict[str, float]:
        """Flat figures for the gate and for JSON output (fields never compared are left out)."""
        figures = {"precision": self.precision, "recall": self.recall, "f1": self.f1} if detection else {}
        for name, score in sorted(self.fields.items()):
            if score.accuracy is not None:
                figures[name] = score.accuracy
        return figures
