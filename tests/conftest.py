"""Shared fixtures. Every report built while the tests run is validated against the JSON Schema."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import sitreps.pipeline
from sitreps.config import Settings
from sitreps.schema import schema_errors

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_f4608aac0cbd5e3d.txt"
SEED_GOLD = SHARED / "gold" / "seed.yaml"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# the PostgreSQL server and the store_url fixture (SQLite and PostgreSQL) of the store tests, started once
pytest_plugins = ["tests.pg_server", "tests.browser"]


def need_shared(path: Path) -> Path:
    """``path`` under ../shared; skipped loudly on a laptop without it, never in CI."""
    if not path.exists():
        if IN_CI:
            pytest.fail(f"{path} is missing: CI must have ../shared beside the clone")
        pytest.skip(f"SKIPPED LOUDLY: {path} not found (the shared folder sits beside the project in CI)")
    return path


@pytest.fixture(autouse=True, scope="session")
def _validate_every_report():
    """Wrap the one function that assembles reports so each one is checked against the schema."""
    original = sitreps.pipeline.build_report

    def checked(prepared, doc, settings=None):
        report = original(prepared, doc, settings)
        errors = schema_errors(report.to_dict())
        assert not errors, f"report violates report.schema.json: {errors[:5]}"
        return report

    sitreps.pipeline.build_report = checked
    yield
    sitreps.pipeline.build_report = original


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return need_shared(SEED)
