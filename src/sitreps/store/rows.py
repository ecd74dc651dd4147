"""A ``sitreps/1`` report (its JSON dict) to the rows of the store's tables.

Generic on purpose: every item list of the report goes to the table of the
same name, each item's keys that are columns fill those columns and the keys
that are not go to ``data``. An extractor that adds a field needs no change
here, and its field is in every query and export (``sitreps.export``) at once.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Table

from sitreps.store.schema import ITEM_TABLES
from sitreps.timeparse.notation import first_day

_RESERVED = {"pk", "article_id", "ord", "data"}


def host_of(url: str | None) -> str | None:
    """``www.example.org`` -> ``example.org``; None when there is no URL."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


def item_rows(report: dict[str, Any], article_id: str) -> dict[str, list[dict[str, Any]]]:
    """Rows for each item table; events, figures and claims get ``day`` and ``country``."""
    published = first_day(report["article"].get("published"))
    countries = {item.get("id"): item.get("country") for kind in ("actors", "places")
                 for item in report.get(kind) or [] if item.get("id")}
    rows: dict[str, list[dict[str, Any]]] = {}
    for kind, table in ITEM_TABLES.items():
        rows[kind] = []
        for ord_, item in enumerate(report.get(kind) or []):
            row = _columns(table, item)
            # the fields no column holds (added by an extractor after the schema); the rest is in the columns
            extra = {key: value for key, value in item.items() if key not in row and not (key == "id" and "item_id" in row)}
            row.update(article_id=article_id, ord=ord_, data=extra)
            if kind == "events":
                row["day"] = first_day(item.get("date")) or published
                row["country"] = countries.get(item.get("place")) or _first_country(item.get("actor"), countries)
            elif kind == "figures":
                row["day"] = first_day(item.get("time")) or published
                row["country"] = countries.get(item.get("place")) or countries.get(item.get("subject"))
            elif kind == "claims":
                row["day"] = first_day(item.get("date")) or published
                row["country"] = countries.get(item.get("speaker"))
            rows[kind].append(row)
    return rows


def _columns(table: Table, item: dict[str, Any]) -> dict[str, Any]:
    row = {}
    for column in table.columns:
        if column.name in _RESERVED:
            continue
        key = "id" if column.name == "item_id" else column.name  # "id" would clash with nothing, but reads as the row's
        if key in item:
            row[column.name] = item[key]
    return row


def _first_country(actor_ids: list[str] | None, countries: dict[str | None, str | None]) -> str | None:
    for actor_id in actor_ids or []:
        if countries.get(actor_id):
            return countries[actor_id]
    return None
