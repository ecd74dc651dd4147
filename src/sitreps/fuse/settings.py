"""The thresholds of fusion, shipped in ``sitreps/data/fusion.yaml`` and overridable by keyword.

One flat, frozen settings object is passed down to every step (as trafilatura
passes its options), so a test or a caller changes one threshold with
``FusionSettings.load(date_window_days=0)`` and sees exactly what it governs.
The YAML file groups the keys by step (events, ledger, contradictions); the
names are unique across groups, so the keywords need no prefix.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from sitreps.resources import load_yaml

SETTINGS_FILE = "fusion.yaml"
SOURCE_LEVELS = ("actor", "government")


@dataclass(frozen=True, slots=True)
class FusionSettings:
    """Every key of ``fusion.yaml``; docs/fusion.md says what each does."""

    # events
    modalities: tuple[str, ...] = ("asserted", "reported", "claimed", "denied", "negated")
    min_confidence: float = 0.0
    date_window_days: int = 2
    undated_lookback_days: int = 7
    place_km: float = 50.0
    allow_actor_conflict: bool = True
    undated_min_score: int = 3
    date_conflict_days: int = 1
    symmetric_types: tuple[str, ...] = ("CONSULT", "AGREE", "COOPERATE")
    # ledger
    skip_categories: tuple[str, ...] = ("other",)
    skip_attributions: tuple[str, ...] = ("denied", "hypothetical")
    what_in_key: tuple[str, ...] = ("money", "percent", "distance", "area")
    period_categories: tuple[str, ...] = ("killed", "wounded", "captured", "missing", "casualties")
    area_kinds: tuple[str, ...] = ("admin1", "admin2", "city", "facility")
    same_time_days: int = 7
    approx_tolerance: float = 0.1
    extra_subject_words: dict[str, str] = field(default_factory=dict)
    source_level: str = "actor"
    # contradictions
    anaphora_sentences: int = 5
    anaphora_determiners: tuple[str, ...] = ("the", "this", "that")
    locative_words: tuple[str, ...] = ("at", "in", "near", "on", "outside", "inside")
    locative_reach: int = 24

    @classmethod
    def load(cls, **overrides: Any) -> "FusionSettings":
        """The shipped settings with ``overrides`` applied; an unknown name is a ``TypeError``."""
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(overrides) - names)
        if unknown:
            raise TypeError(f"unknown fusion setting(s): {', '.join(unknown)} (see {SETTINGS_FILE})")
        values: dict[str, Any] = {}
        for section in (load_yaml(SETTINGS_FILE) or {}).values():
            values.update(section or {})
        values.update({k: v for k, v in overrides.items() if v is not None})
        for f in dataclasses.fields(cls):
            if f.name in values and isinstance(values[f.name], list):
                values[f.name] = tuple(values[f.name])
        settings = cls(**{k: v for k, v in values.items() if k in names})
        if settings.source_level not in SOURCE_LEVELS:
            raise ValueError(f"source_level: one of {', '.join(SOURCE_LEVELS)}, not {settings.source_level!r}")
        return settings

    def to_dict(self) -> dict[str, Any]:
        return {f.name: (list(v) if isinstance(v := getattr(self, f.name), tuple) else v)
                for f in dataclasses.fields(self)}


def resolve(settings: FusionSettings | None, overrides: dict[str, Any]) -> FusionSettings:
    """``settings`` with ``overrides`` on top; the shipped file when ``settings`` is None."""
    if settings is None:
        return FusionSettings.load(**overrides)
    return dataclasses.replace(settings, **overrides) if overrides else settings
