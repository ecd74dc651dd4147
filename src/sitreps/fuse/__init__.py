"""Across articles: merge reports of one event, build the figures ledger, flag contradictions.

    >>> from sitreps.fuse import fuse_store, fuse_reports
    >>> fusion = fuse_store(Store("sitreps.db"), category="troops", subject="PRK")
    >>> for quantity in fusion.ledger:
    ...     print(quantity.key, [(e.source, e.value, e.low, e.high, e.date) for e in quantity.latest])
    >>> fusion = fuse_reports(report.to_dict() for report in extract_many(texts))   # no database

Modules, one concept each: ``records`` (reports to comparable records),
``keys`` (actor keys, days, distances), ``events`` (event fusion), ``ledger``
(quantities, estimates, flags), ``contradictions``, ``fusion`` (the steps
together, applying the filters), ``settings`` (the thresholds of
``data/fusion.yaml``). A store is read through the store's own queries
(``sitreps.store.queries``: ``Filters``, ``stored_reports``); the commands
are in ``sitreps.cli.fusion``. See docs/fusion.md.
"""

from sitreps.fuse.contradictions import Contradiction, Passage
from sitreps.fuse.events import EventMention, FusedEvent, fuse_events
from sitreps.fuse.fusion import Fusion, fuse_records, fuse_reports, fuse_store
from sitreps.fuse.ledger import Estimate, Flag, Quantity, build_ledger, quantity_key
from sitreps.fuse.records import ArticleRecord, EventRecord, FigureRecord, PlaceRef, Records, records_from_report
from sitreps.fuse.settings import FusionSettings
from sitreps.store.queries import Filters

FuseFilters = Filters  # the name before export and fusion shared the store's one Filters; kept for scripts

__all__ = ["ArticleRecord", "Contradiction", "Estimate", "EventMention", "EventRecord", "FigureRecord", "Filters",
           "Flag", "FuseFilters", "FusedEvent", "Fusion", "FusionSettings", "Passage", "PlaceRef", "Quantity",
           "Records", "build_ledger", "fuse_events", "fuse_records", "fuse_reports", "fuse_store", "quantity_key",
           "records_from_report"]
