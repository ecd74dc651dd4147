"""Gold files: loaded, checked against ``gold.schema.json``, their article found on disk.

A malformed gold file is a ``GoldFormatError`` naming the file and the field,
so a contributor adding a case sees what to fix instead of a KeyError deep in
the scorer.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sitreps.errors import GoldFormatError
from sitreps.evaluation.lenient import same_length_normal
from sitreps.schema import schema_errors


@dataclass(slots=True)
class Gold:
    path: Path
    article_path: Path
    data: dict[str, Any]

    @property
    def name(self) -> str:
        return self.path.stem

    def items(self, key: str) -> list[Any]:
        return self.data.get(key) or []

    @property
    def article(self) -> dict[str, Any]:
        return self.data["article"]


def load_gold(path: str | Path) -> Gold:
    path = Path(path)
    if not path.is_file():
        raise GoldFormatError(str(path), "no such gold file")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise GoldFormatError(str(path), f"not valid YAML: {error}".splitlines()[0]) from None
    if not isinstance(data, dict):
        raise GoldFormatError(str(path), "a gold file is a YAML mapping with an `article` key")
    errors = schema_errors(_jsonable(data), "gold")
    if errors:
        raise GoldFormatError(str(path), f"does not follow docs/gold-format.md: {errors[0]}")
    file = data["article"]["file"]
    for base in _article_bases(path):
        candidate = (base / file).resolve()
        if candidate.is_file():
            return Gold(path, candidate, data)
    raise GoldFormatError(str(path), f"article file {file!r} not found beside the gold file, above it, "
                                     f"or under the data root (set {DATA_ROOT_VARIABLE})")


DATA_ROOT_VARIABLE = "SITREPS_DATA_ROOT"


def _article_bases(path: Path) -> list[Path]:
    """Where a gold file's ``article.file`` may be: beside it, the folder above it, or the data root.

    Third-party articles (real news we may score against but not redistribute) are not copied
    into the project: their gold names them relative to a data root, by default the team's
    ``shared`` folder beside the checkout, or the folder ``SITREPS_DATA_ROOT`` names.
    """
    bases = [path.parent, path.parent.parent]
    configured = os.environ.get(DATA_ROOT_VARIABLE)
    if configured:
        bases.append(Path(configured))
    bases.append(Path(__file__).resolve().parents[3].parent / "shared")
    return bases


def locate(text: str, needle: str, context: str | None = None) -> tuple[int, int] | None:
    """Span of ``needle`` in ``text`` at word boundaries, inside ``context`` when given."""
    haystack = same_length_normal(text)
    needle_n = same_length_normal(needle)
    offset = 0
    if context:
        found = _find(haystack, same_length_normal(context))
        if found is None:
            return None
        offset = found[0]
        haystack = haystack[found[0]:found[1]]
    found = _find(haystack, needle_n)
    return None if found is None else (found[0] + offset, found[1] + offset)


def _find(haystack: str, needle: str) -> tuple[int, int] | None:
    if not needle:
        return None
    pattern = (r"(?<!\w)" if needle[0].isalnum() else "") + re.escape(needle) + (r"(?!\w)" if needle[-1].isalnum() else "")
    match = re.search(pattern, haystack) or re.search(re.escape(needle), haystack)
    return None if match is None else (match.start(), match.end())


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value
