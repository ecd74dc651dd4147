"""Extractors: each is a function ``(doc, report) -> None`` that fills one of the report's lists.

They run in the order of ``EXTRACTORS``, so a later one can use what an earlier
one found. The order is fixed by what each needs:

    1. actors and places   names resolved to who and where        (actors.py, places.py); then
                           speakers the text describes ("security officials") (speakers.py)
    2. times               every date, and the article's own date (times.py)
    3. figures             numbers with what, whose, when, where  (figures.py; uses 1-2)
    4. claims              who says what                          (claims.py; uses 1-3); then
                           figures inside a claim take its speaker (sources.py)
    5. events              who did what to whom                   (events.py; uses 1-4)

Each step is a contract (what it reads and writes) declared in ``registry.py``;
the functions below are registered there as the ``rules`` backend of their step,
and ``pipeline(choices)`` returns the functions to run, so another backend with
the same contract replaces a step without touching the pipeline.
"""

from __future__ import annotations

from sitreps.extract.actors import extract_actors
from sitreps.extract.claims import extract_claims
from sitreps.extract.events import extract_events
from sitreps.extract.figures import extract_figures
from sitreps.extract.places import extract_places
from sitreps.extract.registry import Extractor, pipeline, register
from sitreps.extract.sources import figures_follow_claims
from sitreps.extract.speakers import extract_speakers
from sitreps.extract.times import extract_times

# the shipped backends, one per step (``registry.STEPS`` holds the contracts and the order)
register("actors")(extract_actors)
register("places")(extract_places)
register("speakers")(extract_speakers)
register("times")(extract_times)
register("figures")(extract_figures)
register("claims")(extract_claims)
register("figure-sources")(figures_follow_claims)
register("events")(extract_events)

EXTRACTORS: list[Extractor] = pipeline()  # the default choice: every step's ``rules`` backend

__all__ = ["EXTRACTORS", "Extractor", "pipeline", "register"]
