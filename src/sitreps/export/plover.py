"""Events as PLOVER records (JSON, one per line), with the field names of the PLOVER manual's current draft
(2.0, chapter "Data Fields"), checked by ``data/schema/plover.schema.json``.

The manual's fields: ``id``, ``date`` and ``enddate``, ``actor`` and
``recipient`` (lists of entity objects: ``code``, ``sector``, ``entity_text``,
``identifier_id``, ``identifier_text``, ``office``; organisations under the
manual's codes, ``codes``), ``event``, ``mode`` and
``event_text`` (lists), ``event_loc`` (the location object: ``extracted_place``,
``resolved_place``, ``lat``, ``lon``, ``country_code``, ``resolution``),
``quad_code``, ``text_info`` (``sequence``, ``start``, ``end``), ``cite_info``
(``url``, ``title``, ``language``, ``publication``, ``coder``, ``codebook``),
``coder``, ``coded_date``; ``size`` holds the manual's size object (``dead``,
``injured``) from the event's killed and wounded figures.

Dates keep their granularity: a year stays ``"2015"`` and a month ``"2024-10"``
(ISO 8601 reduced precision), a week or an interval is ``date`` to
``enddate``; ``date_granularity`` says which, and ``date_basis`` whether the
date is the event's own (``event``) or its article's (``published``). An event
without an actor gets the manual's unidentified actor (sector ``UNK``), since
the manual requires one; an event without any date is not written. The manual
lets a provider add fields; sitreps adds ``modality``, ``reported_by`` (id and
name: who says so), ``confidence``, and ``sitreps_id`` beside every local id.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, BinaryIO

from sitreps import __version__
from sitreps.export.casualties import casualties
from sitreps.export.codes import entity_code
from sitreps.export.values import plain
from sitreps.resources import load_yaml
from sitreps.store import queries
from sitreps.timeparse.notation import bounds, first_day, kind

if TYPE_CHECKING:
    from sitreps.store import Store


def write_plover(out: BinaryIO, store: "Store", chunks: Iterable[list[dict[str, Any]]]) -> int:
    """Write one PLOVER record per dated event; returns how many were written."""
    count = 0
    for chunk in chunks:
        for record in plover_records(store, chunk):
            out.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
            count += 1
    return count


def plover_records(store: "Store", rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The PLOVER records of one chunk of event rows (undated events left out)."""
    spec = load_yaml("plover_export.yaml")
    ids = {row["article_id"] for row in rows}
    cast = queries.actors_by_local_id(store, ids)
    cites = queries.article_citations(store, ids)
    counts = casualties(store, rows)
    coder = f"sitreps {__version__}"
    today = dt.date.today().isoformat()
    found = []
    for row in rows:
        when = plover_date(row.get("date"), row.get("published"))
        if when is None:
            continue
        article = row["article_id"]
        actors = [_entity(cast.get((article, ref)), ref) for ref in row.get("actor") or []]
        cite = cites.get(article) or {}
        record: dict[str, Any] = {
            "id": f"{article}-{row['id']}",
            **when,
            "actor": actors or [dict(spec["unknown_actor"])],
            "recipient": [_entity(cast.get((article, ref)), ref) for ref in row.get("recipient") or []],
            "event": [row["type"]],
            "mode": [row["mode"]] if row.get("mode") else None,
            "event_loc": _location(row, spec),
            "event_text": [row["text"]] if row.get("text") else [],
            "quad_code": spec["quad"].get(row["type"]),
            "text_info": {"sequence": row.get("sentence"), "start": row.get("start"), "end": row.get("end")},
            "cite_info": {key: value for key, value in {
                "url": cite.get("url"), "title": cite.get("title"), "language": cite.get("language"),
                "publication": cite.get("publisher"), "coder": coder, "codebook": spec["codebook"]}.items()
                if value is not None},
            "coder": coder,
            "coded_date": today,
            "size": counts.get((article, row["id"])),
            "modality": row.get("modality"),
            "reported_by": {"id": row.get("source"), "name": row.get("source_name")} if row.get("source") else None,
            "confidence": plain(row.get("confidence")),
            "sitreps_id": {"article": article, "event": row["id"]},
        }
        found.append(record)
    return found


def plover_date(value: str | None, published: str | None) -> dict[str, Any] | None:
    """``date`` (and ``enddate``), ``date_granularity`` and ``date_basis`` for an event's date in the report's
    notation; the article's day when the event has none; None when neither gives a day."""
    shape = kind(value) if value else None
    if shape is None:
        day = first_day(published)
        if day is None:
            return None
        return {"date": day, "enddate": None, "date_granularity": "day", "date_basis": "published"}
    value = str(value).strip()
    if shape in {"day", "month", "year"}:
        date, enddate = (value[:10], None)
    else:  # a week, or an interval: first to last, each end at its own granularity (a week as days)
        first, _, last = value.partition("/") if shape == "interval" else (value, "", value)
        date, enddate = _end(first, 0), _end(last or first, 1)
    return {"date": date, "enddate": enddate, "date_granularity": shape, "date_basis": "event"}


def _end(value: str, which: int) -> str:
    """An interval's end as written, a week's as its Monday (start) or Sunday (end)."""
    if kind(value) == "week":
        found = bounds(value)
        return found[which].isoformat() if found else value
    return value[:10]


def _entity(actor: dict[str, Any] | None, ref: str) -> dict[str, Any]:
    """The manual's entity object for a stored actor (only the fields known), with sitreps' local id."""
    if actor is None:
        return {"sector": "UNK", "entity_text": ref, "sitreps_id": ref}
    mentions = actor.get("mentions") or []
    written = mentions[0].get("text") if mentions and isinstance(mentions[0], dict) else None
    code = entity_code(actor.get("country"))
    fields = {"code": code, "sector": actor.get("sector"), "entity_text": written or actor["name"],
              "identifier_id": actor.get("wikidata"), "identifier_text": actor["name"] if actor.get("wikidata") else None,
              "office": actor.get("role"), "name": actor["name"], "sitreps_id": ref,
              "sitreps_code": actor.get("country") if code != actor.get("country") else None}
    return {key: value for key, value in fields.items() if value is not None}


def _location(row: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any] | None:
    """The manual's location object: the event's place, else its country alone (resolution 1)."""
    if row.get("place_name"):
        fields = {"extracted_place": row["place_name"], "resolved_place": row["place_name"],
                  "lat": plain(row.get("lat")), "lon": plain(row.get("lon")), "country_code": row.get("country"),
                  "resolution": spec["resolution"].get(row.get("place_kind") or ""),
                  "precision": plain(row.get("place_precision")), "sitreps_id": row.get("place")}
        return {key: value for key, value in fields.items() if value is not None}
    if row.get("country"):
        return {"country_code": row["country"], "resolution": 1}
    return None


__all__ = ["plover_date", "plover_records", "write_plover"]
