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

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import yaml

from sitreps.errors import BadParameter
from sitreps.resources import load_yaml
from sitreps.store import vocabulary as words
from sitreps.timeparse import notation

if TYPE_CHECKING:
    from sitreps.store import Store

STATUSES = ("open", "accepted", "rejected")
MAX_NOTE = 4000
MAX_PASSAGE = 5000
MAX_VALUE = 300  # a corrected value is a word, a code, a number or a short phrase


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
    the analyst as is; the workbench answers 422).

    A correction must say something a reviewer can accept: a wrong item names the field and its right value
    (or says it is not an item at all), or at least explains itself in the comment; a value must be one the
    report could hold (a category sitreps knows, a country code, a finite number, a date)."""
    known = choices()
    if choice not in known:
        raise BadParameter("choice", f"unknown choice {choice!r}: one of {', '.join(known)}")
    picked = known[choice]
    if not 0 <= start < end <= len(article_text):
        raise BadParameter("start", f"the passage {start}..{end} is not inside the article (0..{len(article_text)})")
    if end - start > MAX_PASSAGE:
        raise BadParameter("end", f"the passage is longer than {MAX_PASSAGE} characters: select less")
    passage = article_text[start:end]
    if not passage.strip():
        raise BadParameter("text", "the passage is blank: select the words the correction is about")
    if text is not None and _squash(text) != _squash(passage):
        raise BadParameter("text", "the passage does not match the article's text at those offsets (reload the page)")
    field = (field or "").strip() or None
    if field is not None and field not in fields(picked.component):
        raise BadParameter("field", f"{field!r} is not a field of {picked.component}: one of "
                                    f"{', '.join(fields(picked.component))}")
    if note is not None and len(note) > MAX_NOTE:
        raise BadParameter("note", f"the comment is longer than {MAX_NOTE} characters")
    note = (note or "").strip() or None
    given = (value or "").strip() or None
    if picked.kind == "text":
        field = "text"
        if given is None:
            raise BadParameter("value", "say what the text should read")
        if len(given) > MAX_PASSAGE:
            raise BadParameter("value", f"the corrected text is longer than {MAX_PASSAGE} characters")
    elif field == "not_an_item":
        given = None  # "this is not one at all" needs no value
    elif field is not None and given is None:
        raise BadParameter("value", f"give the correct {field.replace('_', ' ')} (or pick another field)")
    elif field is None and given is not None:
        raise BadParameter("field", f"say which field {given!r} is the correct value of")
    elif picked.kind == "wrong" and field is None and note is None:
        raise BadParameter("field", "say what is wrong: pick a field and give its correct value, pick "
                                    "'not an item', or explain in the comment")
    parsed = given if picked.kind == "text" else parse_value(field, given, component=picked.component)
    return NewCorrection(picked.component, picked.kind, start, end, passage, (item_id or "").strip() or None,
                         field, parsed, note)


class DuplicateCorrection(BadParameter):
    """The same fact is already reported (open or accepted): a second copy would count twice in the gold. The
    workbench answers 409 and names the earlier correction."""

    status = 409

    def __init__(self, earlier: dict[str, Any]) -> None:
        super().__init__("correction", f"the same correction is already reported as #{earlier['id']} "
                                       f"({earlier['status']}{', by ' + earlier['author'] if earlier.get('author') else ''})")
        self.earlier = earlier


def add(store: "Store", article_id: str, made: NewCorrection, *, author: str | None) -> int:
    """Store a checked correction unless the same fact is already reported (``DuplicateCorrection``); its id.
    Call it from the one writer thread, so that two identical reports sent at once cannot both pass."""
    from sitreps.store import queries

    row = {"article_id": article_id, "component": made.component, "kind": made.kind, "start": made.start,
           "end": made.end, "field": made.field, "item_id": made.item_id, "value": made.value}
    for earlier in queries.corrections_at(store, article_id, made.start, made.end):
        if same_fact(row, earlier):
            raise DuplicateCorrection(earlier)
    return store.add_correction(article_id, made.component, made.kind, start=made.start, end=made.end,
                                text=made.text, item_id=made.item_id, field=made.field, value=made.value,
                                note=made.note, author=author)


def revise(store: "Store", correction_id: int, *, field: str | None, value: str | None,
           note: str | None = None) -> dict[str, Any]:
    """A reviewer's edit of a correction before accepting it: the new field and value are checked as a new
    report's would be; the correction as it now stands (``KeyError`` when there is none)."""
    from sitreps.store import queries

    found = queries.correction(store, correction_id)
    if found is None:
        raise KeyError(correction_id)
    component = found["component"]
    field = (field or "").strip() or found.get("field")
    if field is not None and field not in fields(component):
        raise BadParameter("field", f"{field!r} is not a field of {component}: one of {', '.join(fields(component))}")
    if note is not None and len(note) > MAX_NOTE:
        raise BadParameter("note", f"the comment is longer than {MAX_NOTE} characters")
    if found["kind"] == "text":
        parsed: Any = (value or "").strip() or None
        if parsed is None:
            raise BadParameter("value", "say what the text should read")
    elif field == "not_an_item":
        parsed = None
    else:
        parsed = parse_value(field, value, component=component)
        if field is not None and parsed is None:
            raise BadParameter("value", f"give the correct {field.replace('_', ' ')}")
    store.revise_correction(correction_id, field=field, value=parsed, note=(note or "").strip() or None
                            if note is not None else None)
    return {**found, "field": field, "value": parsed}


def vocabulary() -> dict[str, dict[str, list[str]]]:
    """component -> field -> the values it may take, for the fields with a closed vocabulary (what the
    workbench offers in its form and ``/api/choices`` lists; country fields take any code of
    ``vocabulary.country_codes()`` or a country's name)."""
    found: dict[str, dict[str, list[str]]] = {}
    for (component, name), values in words.choices().items():
        if name in fields(component):
            found.setdefault(component, {})[name] = list(values)
    return found


def parse_value(field: str | None, value: str | None, *, component: str | None = None) -> Any:
    """A corrected value in the type the gold format wants (numbers for amounts, lists of codes for actors),
    checked against the report's vocabulary; ``BadParameter`` naming the field when it cannot be one."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if field is None:
        return value
    if len(value) > MAX_VALUE:
        raise BadParameter("value", f"{field}: the value is longer than {MAX_VALUE} characters")
    if field == "value" and component in _lexicon()["dated_values"] or field in _lexicon()["dates"]:
        if notation.kind(value) is None:
            raise BadParameter("value", f"{field}: {value!r} is not a date: YYYY-MM-DD, YYYY-MM, YYYY, "
                                        "YYYY-Www or FIRST/LAST")
        return value
    if field in _lexicon()["numeric"]:
        return _number(field, value)
    if field in _lexicon()["lists"]:
        codes = []
        for part in (p.strip() for p in value.split(",")):
            if not part:
                continue
            code = words.country_code(part)
            if code is None:
                raise BadParameter("value", f"{field}: {part!r} is not a country or organisation code "
                                            "(ISO 3166 alpha-3 such as RUS, or NATO, EU, UN …)")
            if code not in codes:
                codes.append(code)
        if not codes:
            raise BadParameter("value", f"{field}: give one or more codes, separated by commas")
        return codes
    if field in words.COUNTRY_FIELDS:
        code = words.country_code(value)
        if code is None:
            raise BadParameter("value", f"{field}: {value!r} is not a country: give its name or ISO 3166 "
                                        "alpha-3 code (RUS, UKR …)")
        return code
    allowed = _allowed(component, field)
    if allowed:
        for option in allowed:
            if option.lower() == value.lower():
                return option
        raise BadParameter("value", f"{field}: {value!r} is not one of {', '.join(allowed)}")
    return value


def _allowed(component: str | None, field: str) -> tuple[str, ...]:
    known = words.choices()
    if component is not None:
        return known.get((component, field), ())
    # no component (an old caller): the field's vocabulary when every component that has it agrees
    found = {values for (_, name), values in known.items() if name == field}
    return next(iter(found)) if len(found) == 1 else ()


def _number(field: str, value: str) -> int | float:
    cleaned = value.replace(",", "").replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
    try:
        number = float(cleaned)
    except ValueError:
        raise BadParameter("value", f"{field}: {value!r} is not a number: write it in digits (34, 3000, "
                                    "2.5)") from None
    if not math.isfinite(number):
        raise BadParameter("value", f"{field}: {value!r} is not a finite number")
    if field == "lat" and not -90 <= number <= 90:
        raise BadParameter("value", f"lat: {value} is not a latitude (-90 to 90)")
    if field == "lon" and not -180 <= number <= 180:
        raise BadParameter("value", f"lon: {value} is not a longitude (-180 to 180)")
    if abs(number) >= 1e15:
        raise BadParameter("value", f"{field}: {value!r} is too large to be a reported figure")
    return int(number) if number.is_integer() else number


def same_fact(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two corrections say the same thing about the same passage (a second report of one fact)."""
    keys = ("article_id", "component", "kind", "start", "end", "field")
    return all(a.get(k) == b.get(k) for k in keys) and (a.get("item_id") or None) == (b.get("item_id") or None) \
        and _canonical(a.get("value")) == _canonical(b.get("value"))


def _canonical(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return tuple(value)
    return value


# -- gold export ---------------------------------------------------------------------------------------------

def export_gold(store: "Store", out_dir: str | Path, *, status: str = "accepted") -> list[Path]:
    """Write one partial gold file (and the article's text) per article with corrections of ``status``."""
    frame = store.corrections()
    if frame.empty:
        return []
    frame = frame[(frame["status"] == status) & (frame["kind"] != "dismissed")]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for article_id, rows in frame.groupby("article_id", sort=True):
        report = store.report(str(article_id))
        if report is None:
            continue  # the article was removed or reprocessed under another id: nothing to anchor to
        written.append(_write_gold(out, report, cast(list[dict[str, Any]], rows.to_dict("records"))))  # str columns
    return written


def gold_for(report: dict[str, Any], rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The gold document that a report's accepted corrections amount to: each fact once, however many
    corrections say it (two analysts reporting the same wrong figure give one gold entry; two fields of one
    item give one entry with both; a later correction of the same field wins)."""
    article = report["article"]
    gold: dict[str, Any] = {"article": {"file": "", "partial": True}}
    if article.get("url"):
        gold["article"]["url"] = article["url"]
    if article.get("published"):
        gold["article"]["given_published"] = article["published"]
    text = article["text"]
    for row in sorted(rows, key=lambda r: (r.get("id") or 0)):
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
        _once(gold["article"].setdefault("repaired", []), {"from": passage, "to": value})
        return
    if field == "not_an_item":
        _once(gold.setdefault(f"not_{component}", []), passage)
        return
    item = _item_at(report.get(component, []), row)
    entry = _entry(component, passage, item)
    if field and value is not None:
        entry[field] = value
    if component in {"figures", "times"} and text.count(entry["text"]) > 1:
        entry["context"] = _sentence(report, text, int(row["start"]))
    if component == "events" and "type" not in entry:
        return  # an event needs a type: a "missing event" without one says too little to score
    listed = gold.setdefault(_GOLD_LIST[component], [])
    identity = {k: entry[k] for k in ("text", "name", "text_contains", "context") if k in entry}
    for earlier in listed:
        if {k: earlier.get(k) for k in identity} == identity and \
                all(k in identity for k in ("text", "name", "text_contains", "context") if k in earlier):
            if field and value is not None:
                earlier[field] = value  # the same item: one entry, the later correction's value wins
            return
    listed.append(entry)


def _once(listed: list[Any], entry: Any) -> None:
    if entry not in listed:
        listed.append(entry)


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


def in_context(report: dict[str, Any] | None, row: dict[str, Any]) -> dict[str, Any]:
    """What a reviewer needs beside a correction: the sentence its passage sits in (the passage marked by
    offsets into it), the item sitreps extracted there and that item's value of the corrected field."""
    if report is None:
        return {"sentence": None, "item": None, "extracted": None}
    text = report["article"]["text"]
    start, end = int(row["start"] or 0), int(row["end"] or 0)
    first = last = None
    for sentence in report.get("sentences", []):
        if sentence["start"] < end and sentence["end"] > start:
            first = sentence["start"] if first is None else first
            last = sentence["end"]
    if first is None:
        first, last = max(0, start - 80), min(len(text), end + 80)
    item = None if row.get("kind") in {"missing", "text"} else _item_at(report.get(cast(str, row.get("component")), []), row)
    extracted = None
    field = row.get("field")
    if item is not None and field and field != "not_an_item":
        extracted = item.get(field)
        if isinstance(extracted, list):
            names = {a["id"]: a.get("name") for a in report.get("actors", [])}
            extracted = ", ".join(str(names.get(v) or v) for v in extracted)
        elif isinstance(extracted, str) and field == "place":
            extracted = next((p.get("name") for p in report.get("places", []) if p["id"] == extracted), extracted)
    return {"sentence": {"before": text[first:start], "passage": text[start:end], "after": text[end:last]},
            "item": item, "extracted": extracted}


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
