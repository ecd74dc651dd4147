"""Analysts' corrections: what can be reported, how a report is checked, and how accepted ones become gold.

The workbench stores a correction as the passage the analyst highlighted
(offsets and text, so it can be found again if offsets move), what is wrong
with it (a choice from ``data/corrections.yaml``), the field and corrected
value when given, and a note. Reviewers accept or reject it. Accepted
corrections are exported in the gold format (``docs/gold-format.md``), one
YAML file per article beside a copy of its text, marked ``partial: true``:
they say what is right about some items, not about all of them, so
``sitreps evaluate`` counts only their items and the ``not_*`` lists, not
every other item as a false hit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from sitreps.errors import BadParameter
from sitreps.resources import load_yaml

if TYPE_CHECKING:
    from sitreps.store import Store

STATUSES = ("open", "accepted", "rejected")
MAX_NOTE = 4000
MAX_PASSAGE = 5000


@dataclass(frozen=True, slots=True)
class Choice:
    key: str
    label: str
    component: str
    kind: str


@cache
def _lexicon() -> dict[str, Any]:
    return load_yaml("corrections.yaml")


def choices() -> dict[str, Choice]:
    return {key: Choice(key, **entry) for key, entry in _lexicon()["choices"].items()}


def fields(component: str) -> list[str]:
    return list(_lexicon()["fields"].get(component, []))


@dataclass(frozen=True, slots=True)
class NewCorrection:
    """A correction as checked against its article: ready for ``Store.add_correction``."""

    component: str
    kind: str
    start: int
    end: int
    text: str
    item_id: str | None
    field: str | None
    value: Any
    note: str | None


def check(article_text: str, *, choice: str, start: int, end: int, text: str | None = None,
          item_id: str | None = None, field: str | None = None, value: str | None = None,
          note: str | None = None) -> NewCorrection:
    """The correction, or ``BadParameter`` (a ``ValueError``) naming the first thing wrong with it (shown to
    the analyst as is; the workbench answers 422)."""
    known = choices()
    if choice not in known:
        raise BadParameter("choice", f"unknown choice {choice!r}: one of {', '.join(known)}")
    picked = known[choice]
    if not 0 <= start < end <= len(article_text):
        raise BadParameter("start", f"the passage {start}..{end} is not inside the article (0..{len(article_text)})")
    if end - start > MAX_PASSAGE:
        raise BadParameter("end", f"the passage is longer than {MAX_PASSAGE} characters: select less")
    passage = article_text[start:end]
    if text is not None and _squash(text) != _squash(passage):
        raise BadParameter("text", "the passage does not match the article's text at those offsets (reload the page)")
    field = (field or "").strip() or None
    if field is not None and field not in fields(picked.component):
        raise BadParameter("field", f"{field!r} is not a field of {picked.component}: one of "
                                    f"{', '.join(fields(picked.component))}")
    if picked.kind == "text":
        field = "text"
        if not (value or "").strip():
            raise BadParameter("value", "say what the text should read")
    parsed = parse_value(field, value) if field and field != "not_an_item" else None
    if note is not None and len(note) > MAX_NOTE:
        raise BadParameter("note", f"the comment is longer than {MAX_NOTE} characters")
    return NewCorrection(picked.component, picked.kind, start, end, passage, (item_id or "").strip() or None,
                         field, parsed, (note or "").strip() or None)


def parse_value(field: str | None, value: str | None) -> Any:
    """A corrected value in the type the gold format wants: numbers for amounts, lists of codes for actors."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if field in _lexicon()["numeric"]:
        try:
            number = float(value.replace(",", "").replace("\u202f", "").replace(" ", ""))
        except ValueError:
            raise BadParameter("value", f"{field}: {value!r} is not a number") from None
        return int(number) if number.is_integer() else number
    if field in _lexicon()["lists"]:
        return [part.strip().upper() for part in value.split(",") if part.strip()]
    return value


# -- gold export ---------------------------------------------------------------------------------------------

def export_gold(store: "Store", out_dir: str | Path, *, status: str = "accepted") -> list[Path]:
    """Write one partial gold file (and the article's text) per article with corrections of ``status``."""
    frame = store.corrections()
    if frame.empty:
        return []
    frame = frame[frame["status"] == status]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for article_id, rows in frame.groupby("article_id", sort=True):
        report = store.report(str(article_id))
        if report is None:
            continue  # the article was removed or reprocessed under another id: nothing to anchor to
        written.append(_write_gold(out, report, rows.to_dict("records")))
    return written


def gold_for(report: dict[str, Any], rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The gold document that a report's accepted corrections amount to."""
    article = report["article"]
    gold: dict[str, Any] = {"article": {"file": "", "partial": True}}
    if article.get("url"):
        gold["article"]["url"] = article["url"]
    if article.get("published"):
        gold["article"]["given_published"] = article["published"]
    text = article["text"]
    for row in rows:
        _add_entry(gold, report, text, row)
    return gold


def _write_gold(out: Path, report: dict[str, Any], rows: list[dict[str, Any]]) -> Path:
    article = report["article"]
    stem = _slug(article.get("title") or "") + "-" + str(article["id"])[:10]
    gold = gold_for(report, rows)
    gold["article"]["file"] = f"{stem}.txt"
    (out / f"{stem}.txt").write_text(article["text"], encoding="utf-8")
    path = out / f"{stem}.yaml"
    header = (f"# Partial gold from {len(rows)} correction(s) made in the sitreps workbench.\n"
              f"# Article: {_one_line(article.get('title') or '(untitled)')} ({_one_line(article.get('publisher') or '')}"
              f", id {article['id']}).\n")
    path.write_text(header + yaml.safe_dump(gold, sort_keys=False, allow_unicode=True, width=110), encoding="utf-8")
    return path


_GOLD_LIST = {"figures": "figures", "times": "times", "events": "events", "claims": "claims", "actors": "actors",
              "places": "places"}


def _add_entry(gold: dict[str, Any], report: dict[str, Any], text: str, row: dict[str, Any]) -> None:
    component, kind, field, value = row["component"], row["kind"], row.get("field"), row.get("value")
    passage = row.get("text") or text[row["start"]:row["end"]]
    if kind == "text":
        gold["article"].setdefault("repaired", []).append({"from": passage, "to": value})
        return
    if field == "not_an_item":
        entry: Any = passage
        gold.setdefault(f"not_{component}", []).append(entry)
        return
    item = _item_at(report.get(component, []), row)
    entry = _entry(component, passage, item)
    if field and value is not None:
        entry[field] = value
    if component in {"figures", "times"} and text.count(entry["text"]) > 1:
        entry["context"] = _sentence(report, text, int(row["start"]))
    if component == "events" and "type" not in entry:
        return  # an event needs a type: a "missing event" without one says too little to score
    gold.setdefault(_GOLD_LIST[component], []).append(entry)


def _entry(component: str, passage: str, item: dict[str, Any] | None) -> dict[str, Any]:
    if component in {"figures", "times"}:
        return {"text": item["text"] if item else passage}
    if component in {"actors", "places"}:
        return {"name": item["name"] if item else passage}
    if component == "claims":
        return {"text_contains": passage}
    entry: dict[str, Any] = {"text_contains": passage}
    if item:
        entry["type"] = item["type"]
    return entry


def _item_at(items: list[dict[str, Any]], row: dict[str, Any]) -> dict[str, Any] | None:
    """The report item the correction is about: the one named, else the one whose span overlaps most."""
    if row.get("item_id"):
        for item in items:
            if item.get("id") == row["item_id"]:
                return item
    start, end = int(row["start"]), int(row["end"])
    best, best_overlap = None, 0
    for item in items:
        spans = [(m["start"], m["end"]) for m in item.get("mentions", [])] or [(item.get("start"), item.get("end"))]
        for s, e in spans:
            if s is None or e is None:
                continue
            overlap = min(end, e) - max(start, s)
            if overlap > best_overlap:
                best, best_overlap = item, overlap
    return best


def _sentence(report: dict[str, Any], text: str, offset: int) -> str:
    for sentence in report.get("sentences", []):
        if sentence["start"] <= offset < sentence["end"]:
            return text[sentence["start"]:sentence["end"]]
    return text[max(0, offset - 80):offset + 80]


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:48] or "article"


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()[:120]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
