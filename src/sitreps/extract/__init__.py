"""Extractors: each is a function ``(doc, report) -> None`` that fills one of the report's lists.

They run in the order of ``EXTRACTORS``, so a later one can use what an earlier
one found (events use actors, places, times and figures). The lists are filled
by the issues that build each extractor; until then they stay empty and the
report says so.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from sitreps.types import Report

Extractor = Callable[[Doc, Report], None]

EXTRACTORS: list[Extractor] = []
