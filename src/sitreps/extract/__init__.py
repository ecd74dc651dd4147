"""Extractors: each is a function ``(doc, report) -> None`` that fills one of the report's lists.

They run in the order of ``EXTRACTORS``, so a later one can use what an earlier
one found. The order is fixed by what each needs:

    1. actors and places   names resolved to who and where        (actors.py, places.py)
    2. times               every date, and the article's own date (times.py)
    3. figures             numbers with what, whose, when, where  (figures.py; uses 1-2)
    4. claims              who says what                          (claims.py; uses 1-3); then
                           figures inside a claim take its speaker (sources.py)
    5. events              who did what to whom                   (events.py; uses 1-4)

Each module adds its function below in that order.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from sitreps.extract.actors import extract_actors
from sitreps.extract.claims import extract_claims
from sitreps.extract.events import extract_events
from sitreps.extract.figures import extract_figures
from sitreps.extract.places import extract_places
from sitreps.extract.sources import figures_follow_claims
from sitreps.extract.times import extract_times
from sitreps.types import Report

Extractor = Callable[[Doc, Report], None]

EXTRACTORS: list[Extractor] = [
    extract_actors,
    extract_places,
    extract_times,
    extract_figures,
    extract_claims,
    figures_follow_claims,
    extract_events,
]
