"""Data files shipped in ``sitreps/data``, loaded once per process.

Lexicons, gazetteers and rules are data, not code; this is the one way code
reaches them, so a test or a user can see exactly which file a rule comes from.
"""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml


def data_path(name: str) -> Path:
    """Filesystem path of a shipped data file, e.g. ``data_path("sample/wire-kharkiv.txt")``."""
    return Path(str(resources.files("sitreps") / "data" / name))


@lru_cache(maxsize=None)
def load_yaml(name: str) -> Any:
    with data_path(name).open(encoding="utf-8") as handle:
        # libyaml's loader is about five times faster than the pure-Python one, where it is built
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 (a safe loader)


@lru_cache(maxsize=None)
def load_json(name: str) -> Any:
    with data_path(name).open(encoding="utf-8") as handle:
        return json.load(handle)


@lru_cache(maxsize=None)
def load_tsv(name: str, width: int = 0) -> tuple[tuple[str, ...], ...]:
    """The rows of a tab-separated data file, comment (``#``) and blank lines left out.

    Cells are taken as written (no quoting: names hold apostrophes and quotes); a row shorter
    than ``width`` is padded with empty cells, so callers can unpack optional trailing columns.
    """
    with data_path(name).open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    rows = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple(tuple(row) + ("",) * (width - len(row)) for row in rows)
