"""The published JSON Schema of ``sitreps/1`` and a validator for it.

Consumers in other languages validate against the same file
(``sitreps/data/schema/report.schema.json``); the test suite validates every
report the code produces, so the classes in ``types.py`` and the schema
cannot drift apart unnoticed.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jsonschema import Draft202012Validator

from sitreps.resources import load_json


@lru_cache(maxsize=None)
def validator(name: str = "report") -> Draft202012Validator:
    return Draft202012Validator(load_json(f"schema/{name}.schema.json"))


def schema_errors(data: Any, name: str = "report") -> list[str]:
    """Human-readable schema violations of ``data`` (empty when valid)."""
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
        for error in sorted(validator(name).iter_errors(data), key=lambda e: list(e.absolute_path))
    ]
