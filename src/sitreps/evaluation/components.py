"""One scorer per component of the report: how gold items are matched to report items and compared.

Matching rules (docs/gold-format.md): span items (times, figures) by overlap
with the gold text's position; claims and events by the position of their
``text_contains``; actors and places by name or alias. Only fields the gold
gives are compared.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sitreps.evaluation.gold import Gold, locate
from sitreps.evaluation.lenient import loose_text, matches, normal
from sitreps.evaluation.scores import ComponentScore, Finding
from sitreps.types import Report

HAPPENED = {"asserted", "reported", "claimed"}
# Events the gold does not code (docs/annotation.md, "Modality"): acts that did not happen. An unmatched report
# event with one of these modalities is outside the gold's scope, not a false hit.
NOT_CODED = {"denied", "hypothetical", "prescriptive", "negated"}
Span = tuple[int, int]


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


class _Lookup:
    """Id -> name/country helpers over one report."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.actors = {a.id: a for a in report.actors}
        self.places = {p.id: p for p in report.places}
        self.figures = {f.id: f for f in report.figures}

    def source_name(self, ref: str | None) -> str | None:
        actor = self.actors.get(ref or "")
        return actor.name if actor else ref

    def source_matches(self, gold: Gold, wanted: Any, ref: str | None) -> bool:
        """Whether the report's source or speaker ``ref`` is the one the gold names.

        The gold names a speaker as the text does ("the spy agency", "security officials"); the report
        names its actor canonically. Either may stand for the other: the report actor's canonical name
        (whole-word containment) or one of its mentions (equal), against the gold's name or, when that
        name is a gold actor's, any of that actor's aliases.
        """
        if isinstance(wanted, dict) and "one_of" in wanted:
            return any(self.source_matches(gold, option, ref) for option in wanted["one_of"])
        actor = self.actors.get(ref or "")
        if actor is None or wanted is None:
            return _name_matches(wanted, [ref])
        mentions = {loose_text(m.text) for m in actor.mentions}
        return any(matches(option, actor.name, loose=True) or loose_text(option) in mentions
                   for option in _gold_aliases(gold, wanted))

    def country(self, ref: str | None) -> str | None:
        actor = self.actors.get(ref or "")
        return actor.country if actor else None

    def place_names(self, ref: str | None) -> list[str]:
        place = self.places.get(ref or "")
        return [] if place is None else [place.name, *(m.text for m in place.mentions)]


def _name_matches(gold: Any, names: Iterable[str | None]) -> bool:
    names = [n for n in names if n]
    if not names:
        return matches(gold, None)
    return any(matches(gold, name, loose=True) for name in names)


def _gold_aliases(gold: Gold, name: Any) -> list[Any]:
    """``name`` and, when it names one of the gold's actors, that actor's name and aliases."""
    key = loose_text(name)
    for entry in gold.items("actors"):
        names = [entry["name"], *(entry.get("aliases") or [])]
        if any(isinstance(n, str) and loose_text(n) == key for n in names):
            return [name, *(n for n in names if isinstance(n, str))]
    return [name]


def _codes(value: Any) -> Any:
    """Country-code lists compared as sets, inside lenient forms too."""
    if isinstance(value, dict) and "one_of" in value:
        return {"one_of": [_codes(option) for option in value["one_of"]]}
    if value is None:
        return None
    return ",".join(sorted({str(code).upper() for code in value}))


# --- article metadata and boilerplate ----------------------------------------------------------

def score_article(gold: Gold, report: Report) -> ComponentScore:
    score = ComponentScore()
    article, meta = report.article, gold.article
    for name, actual, loose in [("published", article.published, False), ("published_basis", article.published_basis, False),
                                ("genre", article.genre, False), ("title", article.title, True),
                                ("publisher", article.publisher, True)]:
        if name in meta:
            ok = matches(meta[name], actual, loose=loose)
            score.check(name, ok, Finding(gold.name, f"{name}: {actual!r}", f"gold {normal(meta[name])!r}"))
    if "authors" in meta:
        ok = sorted(map(loose_text, meta["authors"])) == sorted(map(loose_text, article.authors))
        score.check("authors", ok, Finding(gold.name, f"authors: {article.authors}", f"gold {meta['authors']}"))
    for repair in meta.get("repaired") or []:
        ok = repair["to"] in article.text and repair["from"] not in article.text
        score.check("repairs", ok, Finding(gold.name, repair["from"], f"not repaired to {repair['to']!r}"))
    return score


def score_boilerplate(gold: Gold, report: Report) -> ComponentScore:
    score = ComponentScore()
    removed = list(report.article.removed)
    used: set[int] = set()
    reasons = gold.article.get("removed_reasons") or {}
    for line in gold.article.get("removed") or []:
        wanted = loose_text(line)
        index = next((i for i, r in enumerate(removed) if i not in used and wanted and
                      (wanted in loose_text(r.text) or loose_text(r.text) in wanted)), None)
        if index is None:
            in_text = locate(report.article.text, line) is not None
            score.miss(Finding(gold.name, line, "left in the text" if in_text else "not found"))
            continue
        used.add(index)
        score.hit()
        if line in reasons:
            score.check("reason", matches(reasons[line], removed[index].reason),
                        Finding(gold.name, line, f"reason {removed[index].reason!r}, gold {reasons[line]!r}"))
    for i, r in enumerate(removed):
        if i not in used:
            score.false_hit(Finding(gold.name, r.text, f"removed as {r.reason}"))
    return score


# --- span items: times and figures -------------------------------------------------------------

def _score_spans(gold: Gold, report: Report, key: str, items: list[Any],
                 compare: Callable[[dict[str, Any], Any, ComponentScore], None]) -> ComponentScore:
    score = ComponentScore()
    text = report.article.text
    used: set[int] = set()
    for entry in gold.items(key):
        span = locate(text, entry["text"], entry.get("context"))
        if span is None:
            if _in_title(report, entry["text"], entry.get("context")):
                continue  # annotated in the headline, which sitreps keeps as the title, not as text
            score.miss(Finding(gold.name, entry["text"], "gold text not found in article.text"))
            continue
        best, best_overlap = None, 0
        for i, item in enumerate(items):
            overlap = _overlap(span, (item.start, item.end))
            if i not in used and overlap > best_overlap:
                best, best_overlap = i, overlap
        if best is None:
            score.miss(Finding(gold.name, entry["text"], _context(text, span)))
            continue
        used.add(best)
        score.hit()
        compare(entry, items[best], score)
    negatives = [s for s in (locate(text, n) for n in gold.items(f"not_{key}")) if s]
    for i, item in enumerate(items):
        if i in used:
            continue
        listed = any(_overlap(s, (item.start, item.end)) for s in negatives)
        score.false_hit(Finding(gold.name, item.text, "listed as not_" + key if listed else _context(text, (item.start, item.end))))
    return score


def _in_title(report: Report, needle: str, context: str | None = None) -> bool:
    title = report.article.title or ""
    return bool(title) and locate(title, needle, context) is not None


def _context(text: str, span: Span, width: int = 40) -> str:
    start, end = max(0, span[0] - width), min(len(text), span[1] + width)
    return "…" + text[start:end].replace("\n", " ") + "…"


def score_times(gold: Gold, report: Report) -> ComponentScore:
    def compare(entry: dict[str, Any], item: Any, score: ComponentScore) -> None:
        if "value" in entry:
            wanted = entry["value"]
            options = wanted["one_of"] if isinstance(wanted, dict) and "one_of" in wanted else [wanted]
            ok = any(item.granularity == "vague" if option == "vague" else matches(option, item.value)
                     for option in options)
            score.check("value", ok, Finding(gold.name, entry["text"], f"value {item.value!r}, gold {normal(wanted)!r}"))
        for name in ("granularity", "anchor"):
            if name in entry:
                actual = getattr(item, name)
                score.check(name, matches(entry[name], actual),
                            Finding(gold.name, entry["text"], f"{name} {actual!r}, gold {entry[name]!r}"))
    return _score_spans(gold, report, "times", report.times, compare)


def score_figures(gold: Gold, report: Report) -> ComponentScore:
    lookup = _Lookup(report)

    def compare(entry: dict[str, Any], item: Any, score: ComponentScore) -> None:
        def check(name: str, ok: bool, actual: Any, wanted: Any) -> None:
            score.check(name, ok, Finding(gold.name, entry["text"], f"{name} {actual!r}, gold {normal(wanted)!r}"))

        if any(k in entry for k in ("value", "low", "high")):
            ok = all(matches(entry.get(k), getattr(item, k)) for k in ("value", "low", "high"))
            check("amount", ok, (item.value, item.low, item.high), tuple(entry.get(k) for k in ("value", "low", "high")))
        for name in ("qualifier", "unit", "category", "per", "attribution"):
            if name in entry:
                check(name, matches(entry[name], getattr(item, name)), getattr(item, name), entry[name])
        if "what" in entry:
            check("what", matches(entry["what"], item.what, loose=True), item.what, entry["what"])
        if "time" in entry:
            check("time", matches(entry["time"], item.time), item.time, entry["time"])
        if "subject_country" in entry:
            country = lookup.country(item.subject)
            check("subject", matches(entry["subject_country"], country), country, entry["subject_country"])
        if "place" in entry:
            names = lookup.place_names(item.place)
            check("place", _name_matches(entry["place"], names), names[:1], entry["place"])
        if "source" in entry:
            source_name = lookup.source_name(item.source)
            check("source", lookup.source_matches(gold, entry["source"], item.source), source_name, entry["source"])
    return _score_spans(gold, report, "figures", report.figures, compare)


# --- entities: actors and places -----------------------------------------------------------------

def _score_entities(gold: Gold, key: str, entities: list[Any],
                    compare: Callable[[dict[str, Any], Any, ComponentScore], None]) -> ComponentScore:
    score = ComponentScore()
    keys = [{loose_text(e.name), *(loose_text(m.text) for m in e.mentions)} for e in entities]
    matched: set[int] = set()
    for entry in gold.items(key):
        names = {loose_text(entry["name"]), *(loose_text(a) for a in entry.get("aliases") or [])}
        best = max(range(len(entities)), key=lambda i: len(keys[i] & names), default=None)
        if best is None or not keys[best] & names:
            score.miss(Finding(gold.name, entry["name"], "not found"))
            continue
        matched.add(best)
        score.hit()
        compare(entry, entities[best], score)
        for alias in entry.get("aliases") or []:
            score.check("aliases", loose_text(alias) in keys[best],
                        Finding(gold.name, alias, f"not resolved to {entities[best].name}"))
    for i, entity in enumerate(entities):
        if i not in matched:
            score.false_hit(Finding(gold.name, entity.name, f"{len(entity.mentions)} mention(s)"))
    return score


def score_actors(gold: Gold, report: Report) -> ComponentScore:
    def compare(entry: dict[str, Any], actor: Any, score: ComponentScore) -> None:
        for name in ("kind", "country", "sector", "wikidata"):
            if name in entry:
                actual = getattr(actor, name)
                score.check(name, matches(entry[name], actual),
                            Finding(gold.name, entry["name"], f"{name} {actual!r}, gold {entry[name]!r}"))
        if "role" in entry:
            score.check("role", matches(entry["role"], actor.role, loose=True),
                        Finding(gold.name, entry["name"], f"role {actor.role!r}, gold {entry['role']!r}"))
    return _score_entities(gold, "actors", report.actors, compare)


def score_places(gold: Gold, report: Report) -> ComponentScore:
    def compare(entry: dict[str, Any], place: Any, score: ComponentScore) -> None:
        for name in ("kind", "country", "precision"):
            if name in entry:
                actual = getattr(place, name)
                score.check(name, matches(entry[name], actual),
                            Finding(gold.name, entry["name"], f"{name} {actual!r}, gold {entry[name]!r}"))
        if "lat" in entry and "lon" in entry:
            ok = place.lat is not None and place.lon is not None and \
                abs(place.lat - float(entry["lat"])) <= 0.5 and abs(place.lon - float(entry["lon"])) <= 0.5
            score.check("coordinates", ok, Finding(gold.name, entry["name"],
                                                   f"at {place.lat}, {place.lon}; gold {entry['lat']}, {entry['lon']}"))
    return _score_entities(gold, "places", report.places, compare)


# --- events and claims ---------------------------------------------------------------------------

def score_events(gold: Gold, report: Report) -> ComponentScore:
    lookup = _Lookup(report)
    text = report.article.text
    score = ComponentScore()
    used: set[int] = set()
    events = report.events

    def codes(refs: list[str]) -> str:
        return ",".join(sorted({(lookup.country(r) or "?").upper() for r in refs}))

    for entry in gold.items("events"):
        label = entry.get("text_contains") or entry.get("note") or entry["type"]
        candidates = [i for i in range(len(events)) if i not in used]
        if "text_contains" in entry:
            span = locate(text, entry["text_contains"])
            if span is None:
                if not _in_title(report, entry["text_contains"]):
                    score.miss(Finding(gold.name, label, "gold text_contains not found in article.text"))
                continue
            sentence = report.sentence_of(span[0])
            candidates = [i for i in candidates
                          if events[i].sentence == sentence or _overlap(span, (events[i].start, events[i].end))]
        else:
            candidates = [i for i in candidates if matches(entry["type"], events[i].type)]
        if not candidates:
            score.miss(Finding(gold.name, label, f"{normal(entry['type'])} not found"))
            continue

        def fit(i: int) -> tuple[int, int]:
            event = events[i]
            return (matches(entry["type"], event.type),
                    ("actor" in entry and matches(_codes(entry["actor"]), codes(event.actor))))
        best = max(candidates, key=fit)
        used.add(best)
        score.hit()
        event = events[best]
        finding = lambda detail: Finding(gold.name, label, detail)  # noqa: E731
        for name in ("type", "mode", "modality", "date"):
            if name in entry:
                actual = getattr(event, name)
                ok = actual == "vague" or (isinstance(actual, str) and "/" in actual) if entry[name] == "vague" \
                    else matches(entry[name], actual)
                score.check(name, ok, finding(f"{name} {actual!r}, gold {normal(entry[name])!r}"))
        for name in ("actor", "recipient"):
            if name in entry:
                actual = codes(getattr(event, name))
                score.check(name, matches(_codes(entry[name]), actual), finding(f"{name} {actual!r}, gold {entry[name]}"))
        if "place" in entry:
            names = lookup.place_names(event.place)
            score.check("place", _name_matches(entry["place"], names), finding(f"place {names[:1]}, gold {entry['place']}"))
        if "source" in entry:
            source_name = lookup.source_name(event.source)
            score.check("source", lookup.source_matches(gold, entry["source"], event.source), finding(f"source {source_name!r}, gold {entry['source']!r}"))
        if "figures" in entry:
            spans = [(f.start, f.end) for f in (lookup.figures.get(ref) for ref in event.figures) if f]
            wanted = [locate(text, t) for t in entry["figures"]]
            ok = all(w is not None and any(_overlap(w, s) for s in spans) for w in wanted)
            score.check("figures", ok, finding(f"figures {[text[s[0]:s[1]] for s in spans]}, gold {entry['figures']}"))
    negatives = [(locate(text, n if isinstance(n, str) else n["text"])) for n in gold.items("not_events")]
    for i, event in enumerate(events):
        if i in used:
            continue
        listed = any(s and _overlap(s, (event.start, event.end)) for s in negatives)
        if event.modality in NOT_CODED or (listed and event.modality not in HAPPENED):
            continue  # coded, rightly, as something that did not happen
        detail = f"{event.type} {event.modality}" + (" (listed in not_events)" if listed else "")
        score.false_hit(Finding(gold.name, event.text, detail))
    return score


def score_claims(gold: Gold, report: Report) -> ComponentScore:
    lookup = _Lookup(report)
    text = report.article.text
    score = ComponentScore()
    used: set[int] = set()
    for entry in gold.items("claims"):
        label = entry["text_contains"]
        span = locate(text, label)
        if span is None:
            if not _in_title(report, label):
                score.miss(Finding(gold.name, label, "gold text_contains not found in article.text"))
            continue
        best = next((i for i, c in enumerate(report.claims) if i not in used and c.start <= span[0] and span[1] <= c.end), None)
        if best is None:
            best = next((i for i, c in enumerate(report.claims) if i not in used and _overlap(span, (c.start, c.end))), None)
        if best is None:
            score.miss(Finding(gold.name, label, _context(text, span)))
            continue
        used.add(best)
        score.hit()
        claim = report.claims[best]
        if "speaker" in entry:
            name = lookup.source_name(claim.speaker)
            score.check("speaker", lookup.source_matches(gold, entry["speaker"], claim.speaker),
                        Finding(gold.name, label, f"speaker {name!r}, gold {entry['speaker']!r}"))
        if "cue" in entry:
            score.check("cue", matches(entry["cue"], claim.cue, loose=True),
                        Finding(gold.name, label, f"cue {claim.cue!r}, gold {entry['cue']!r}"))
        for name in ("kind", "date"):
            if name in entry:
                actual = getattr(claim, name)
                score.check(name, matches(entry[name], actual),
                            Finding(gold.name, label, f"{name} {actual!r}, gold {normal(entry[name])!r}"))
    for i, claim in enumerate(report.claims):
        if i not in used:
            score.false_hit(Finding(gold.name, claim.text, f"speaker {lookup.source_name(claim.speaker)}"))
    return score


SCORERS: dict[str, Callable[[Gold, Report], ComponentScore]] = {
    "article": score_article,
    "boilerplate": score_boilerplate,
    "times": score_times,
    "figures": score_figures,
    "actors": score_actors,
    "places": score_places,
    "events": score_events,
    "claims": score_claims,
}
# Components scored by fields only (no items to detect).
FIELDS_ONLY = {"article"}
