"""The reader's marked-up text: the article cut into segments, each knowing which extracted items cover it.

Items overlap (an actor inside a figure inside a claim), so the text is not
nested markup but a flat run of segments cut at every item boundary; each
segment lists the kinds and ids of the items over it and carries its own start
offset, which is how the browser turns a selection back into character
offsets of ``article.text`` (for Ctrl+Enter). Every segment is escaped by the
template: article text is untrusted input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from sitreps.web.render import amount as written_amount

# kind -> report list; the order is the side panel's
KINDS = {"figure": "figures", "event": "events", "claim": "claims", "actor": "actors", "place": "places",
         "time": "times"}


@dataclass(slots=True)
class Segment:
    start: int
    end: int
    text: str
    kinds: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)  # items whose first span starts here (scroll targets)


@dataclass(slots=True)
class PanelItem:
    kind: str
    id: str
    label: str
    detail: str
    start: int
    end: int


@dataclass(slots=True)
class Marked:
    segments: list[Segment]
    panel: dict[str, list[PanelItem]]


def item_spans(report: dict[str, Any]) -> list[tuple[str, str, int, int]]:
    """(kind, id, start, end) of every extracted item's span; actors and places have one per mention."""
    spans = []
    for kind, key in KINDS.items():
        for index, item in enumerate(report.get(key, [])):
            item_id = item.get("id") or f"T{index + 1}"
            mentions = item.get("mentions") or [item]
            for mention in mentions:
                if mention.get("start") is not None and mention.get("end") is not None:
                    spans.append((kind, item_id, int(mention["start"]), int(mention["end"])))
    return spans


def mark(report: dict[str, Any]) -> Marked:
    text = report["article"]["text"]
    spans = [s for s in item_spans(report) if 0 <= s[2] < s[3] <= len(text)]
    cuts = sorted({0, len(text), *(s[2] for s in spans), *(s[3] for s in spans)})
    starts: dict[int, list[tuple[str, str, int, int]]] = {}
    for span in spans:
        starts.setdefault(span[2], []).append(span)
    first_start: dict[str, int] = {}
    for _kind, item_id, start, _end in sorted(spans, key=lambda s: s[2]):
        first_start.setdefault(item_id, start)
    segments: list[Segment] = []
    active: list[tuple[str, str, int, int]] = []
    for left, right in zip(cuts, cuts[1:]):
        active = [s for s in active if s[3] > left] + starts.get(left, [])
        segment = Segment(left, right, text[left:right])
        for kind, item_id, _start, _end in active:
            if kind not in segment.kinds:
                segment.kinds.append(kind)
            if item_id not in segment.items:
                segment.items.append(item_id)
        segment.anchors = sorted({s[1] for s in starts.get(left, []) if first_start[s[1]] == left})
        segments.append(segment)
    return Marked(segments, _panel(report, first_start))


def _panel(report: dict[str, Any], first_start: dict[str, int]) -> dict[str, list[PanelItem]]:
    names = {a["id"]: a["name"] for a in report.get("actors", [])} | {"unnamed": "unnamed source",
                                                                    "author": "the author"}
    places = {p["id"]: p["name"] for p in report.get("places", [])}
    panel: dict[str, list[PanelItem]] = {}
    for kind, key in KINDS.items():
        for index, item in enumerate(report.get(key, [])):
            item_id = item.get("id") or f"T{index + 1}"
            if item_id not in first_start:
                continue
            label, detail = _describe(kind, item, names, places)
            start = first_start[item_id]
            end = item.get("end") if item.get("end") is not None else start
            panel.setdefault(kind, []).append(PanelItem(kind, item_id, label, detail, start, int(end)))
    return panel


def _describe(kind: str, item: dict[str, Any], names: dict[str, str], places: dict[str, str]) -> tuple[str, str]:
    # ``cast(str, item.get(...))``: a missing reference (None) is looked up too, and finds the default
    if kind == "figure":
        amount = written_amount(item)
        parts = [item.get("category") or "", f"of {names.get(cast(str, item.get('subject')), item.get('subject'))}"
                 if item.get("subject") else "", f"per {names.get(cast(str, item.get('source')), item.get('source'))}"
                 if item.get("source") else "", item.get("time") or ""]
        return f"{amount} {item.get('unit') or ''}".strip(), " · ".join(p for p in parts if p)
    if kind == "event":
        who = ", ".join(names.get(a, a) for a in item.get("actor", [])) or "?"
        whom = ", ".join(names.get(a, a) for a in item.get("recipient", []))
        where = places.get(cast(str, item.get("place")), "")
        detail = " · ".join(p for p in (f"{who} → {whom}" if whom else who, item.get("date") or "", where,
                                        item.get("modality") or "") if p)
        return item["type"], detail
    if kind == "claim":
        return names.get(cast(str, item.get("speaker")), item.get("speaker") or "?"), f"{item.get('kind')} · {item.get('cue')}"
    if kind in {"actor", "place"}:
        bits = [item.get("kind"), item.get("country"), item.get("sector")]
        return item["name"], " · ".join(b for b in bits if b)
    return item.get("text", ""), f"{item.get('value')} ({item.get('granularity')})"
