"""Events type by type: precision, recall and F1 per PLOVER type, a confusion matrix, and actor, recipient and
modality accuracy per type.

    python benchmarks/events_by_type.py                      # the real dev split (tests/gold-real/dev)
    python benchmarks/events_by_type.py tests/gold           # the team's set (files or folders)
    python benchmarks/events_by_type.py tests/gold-real/dev tests/gold ../shared/gold/seed.yaml
    python benchmarks/events_by_type.py --sentences tests/events_sentences.yaml
    python benchmarks/events_by_type.py --json

Gold events are paired with report events as ``sitreps evaluate`` pairs them
(``text_contains`` -> the same sentence, else the same type anywhere; the best
type and actor fit first), except that type-matching pairs are made first for
all gold events of a sentence, so that one gold event cannot take the event
another gold event of the sentence matches. A pair counts for its type when the report's type is
one the gold accepts; every other report event is a false hit for its type and
every other gold event a miss for its (first) type. A report event left over
that did not happen (denied, hypothetical, prescriptive, negated) is outside the
gold's scope, as in ``sitreps evaluate``. Macro F1 averages the types that occur
in the gold or the report. Actor, recipient and modality accuracy are over pairs
whose type is right, overall and per type (and mode accuracy, where the gold gives one); claim speaker accuracy over matched
claims.

The confusion matrix has a row per gold type and a column per report type, plus
"miss" (no report event in the sentence) and, as its last row, "none" (report
events that no gold event took).

``--sentences`` scores a file of single annotated sentences instead (the
project's own set, written for this: every type, every modality, passives,
light verbs, nominal events and compound actors); each sentence is one article.

``--alone`` scores the chosen gold articles sentence by sentence, as a set of short
event sentences is scored: every sentence holding a gold event with ``text_contains``
is cut out of its article (the article's sentence split) and extracted on its own,
as a one-sentence article with the article's date and nothing else (no headline, no
sentences around it to resolve a pronoun or a "the talks" against); the gold events
of that sentence are paired and counted as above. Besides the per-type table it
prints the share of sentences that yield no event at all, and the share that yield
none that counts once hypothetical, prescriptive and negated events are set aside.
Actor and recipient are then compared as country codes over the type-right pairs,
as in article mode. Articles give more context than the hidden sentence sets do, so
this is the mode to read for "does a sentence on its own get its event".
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sitreps import Settings, extract_many  # noqa: E402
from sitreps.ingest.raw import RawArticle  # noqa: E402
from sitreps.evaluation import load_gold, run_gold_article, score_report  # noqa: E402
from sitreps.evaluation.gold import locate  # noqa: E402
from sitreps.evaluation.lenient import matches  # noqa: E402
from sitreps.types import Event, Report  # noqa: E402

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
HAPPENED = {"asserted", "reported", "claimed"}
NOT_CODED = {"denied", "hypothetical", "prescriptive", "negated"}
DEFAULT_GOLD = ROOT / "tests" / "gold-real" / "dev"
MISS, NONE = "miss", "none"


class Tally:
    """Counts per type, per field and per (gold type, report type)."""

    def __init__(self) -> None:
        self.tp: Counter[str] = Counter()
        self.fp: Counter[str] = Counter()
        self.fn: Counter[str] = Counter()
        self.fields: dict[str, list[int]] = {}
        self.by_type: dict[tuple[str, str], list[int]] = {}  # (type, field) -> [ok, n]
        self.confusion: Counter[tuple[str, str]] = Counter()

    def field(self, name: str, ok: bool, kind: str | None = None) -> None:
        self.fields.setdefault(name, [0, 0])
        self.fields[name][0] += int(ok)
        self.fields[name][1] += 1
        if kind is not None:
            cell = self.by_type.setdefault((kind, name), [0, 0])
            cell[0] += int(ok)
            cell[1] += 1

    def add(self, other: Tally) -> None:
        self.tp.update(other.tp)
        self.fp.update(other.fp)
        self.fn.update(other.fn)
        self.confusion.update(other.confusion)
        for name, (ok, n) in other.fields.items():
            cell = self.fields.setdefault(name, [0, 0])
            cell[0] += ok
            cell[1] += n
        for key, (ok, n) in other.by_type.items():
            cell = self.by_type.setdefault(key, [0, 0])
            cell[0] += ok
            cell[1] += n

    def rows(self) -> list[dict[str, Any]]:
        out = []
        for kind in TYPES:
            tp, fp, fn = self.tp[kind], self.fp[kind], self.fn[kind]
            if tp + fp + fn == 0:
                continue
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            row: dict[str, Any] = {"type": kind, "gold": tp + fn, "found": tp + fp, "tp": tp, "precision": p,
                                   "recall": r, "f1": f}
            for name in ("actor", "recipient", "modality", "mode"):
                ok, n = self.by_type.get((kind, name), [0, 0])
                row[name] = ok / n if n else None
                row[f"{name}_n"] = n
            out.append(row)
        return out

    def summary(self) -> dict[str, Any]:
        rows = self.rows()
        tp, fp, fn = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return {
            "micro": {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0},
            "macro_f1": sum(row["f1"] for row in rows) / len(rows) if rows else 0.0,
            "fields": {name: ok / n for name, (ok, n) in self.fields.items() if n},
            "field_counts": {name: f"{ok}/{n}" for name, (ok, n) in self.fields.items()},
            "confusion": {f"{g} -> {r}": n for (g, r), n in sorted(self.confusion.items())},
        }


def _codes(report: Report, refs: list[str]) -> str:
    country = {a.id: a.country for a in report.actors}
    return ",".join(sorted({(country.get(r) or "?").upper() for r in refs}))


def _gold_codes(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: [_gold_codes(v) for v in vs] for k, vs in value.items()}
    if isinstance(value, list):
        return ",".join(sorted({str(v).upper() for v in value}))
    return value


def _first_type(value: Any) -> str:
    return value["one_of"][0] if isinstance(value, dict) else value


def pair_events(entries: list[dict[str, Any]], report: Report) -> list[tuple[dict[str, Any], Event | None]]:
    """Gold entries paired with report events: in the entry's sentence (or, without ``text_contains``, of its
    type anywhere), events of an accepted type first, for every entry, then any event left in the sentence;
    among several, the one whose actor fits. (``sitreps evaluate`` takes the entries in order, so a gold
    event may take the event a later gold event of the same sentence would have matched.)"""
    events = report.events
    used: set[int] = set()
    places: list[list[int] | None] = []
    for entry in entries:
        if "text_contains" in entry:
            span = locate(report.article.text, entry["text_contains"])
            if span is None:
                places.append(None)  # only in the headline: not scored
                continue
            sentence = report.sentence_of(span[0])
            places.append([i for i in range(len(events)) if events[i].sentence == sentence
                           or min(span[1], events[i].end) > max(span[0], events[i].start)])
        else:
            places.append([i for i in range(len(events)) if matches(entry["type"], events[i].type)])

    def actor_fits(entry: dict[str, Any], i: int) -> bool:
        return "actor" in entry and matches(_gold_codes(entry["actor"]), _codes(report, events[i].actor))

    chosen: dict[int, int] = {}
    for typed in (True, False):
        for n, (entry, where) in enumerate(zip(entries, places)):
            if where is None or n in chosen:
                continue
            candidates = [i for i in where if i not in used and (not typed or matches(entry["type"], events[i].type))]
            if candidates:
                best = max(candidates, key=lambda i: actor_fits(entry, i))
                used.add(best)
                chosen[n] = best
    pairs: list[tuple[dict[str, Any], Event | None]] = [
        (entry, events[chosen[n]] if n in chosen else None)
        for n, (entry, where) in enumerate(zip(entries, places)) if where is not None]
    pairs += [({}, event) for i, event in enumerate(events) if i not in used]
    return pairs


def tally_report(tally: Tally, entries: list[dict[str, Any]], report: Report,
                 negatives: list[str] | None = None, *, all_unmatched: bool = False) -> None:
    """Add one report's events to ``tally``. A leftover report event that did not happen is not counted
    (as ``sitreps evaluate`` does) unless ``all_unmatched`` (the sentence set, which codes them)."""
    for entry, event in pair_events(entries, report):
        if not entry:  # a report event no gold event took
            assert event is not None
            excused = any(s and min(s[1], event.end) > max(s[0], event.start)
                          for s in (locate(report.article.text, n) for n in negatives or []))
            outside = event.modality in NOT_CODED and not all_unmatched
            if not outside and not (excused and event.modality not in HAPPENED):
                tally.fp[event.type] += 1
                tally.confusion[(NONE, event.type)] += 1
            continue
        gold_type = _first_type(entry["type"])
        if event is None or not matches(entry["type"], event.type):
            tally.fn[gold_type] += 1
            tally.confusion[(gold_type, event.type if event is not None else MISS)] += 1
            if event is not None:
                tally.fp[event.type] += 1
            continue
        tally.tp[event.type] += 1
        tally.confusion[(event.type, event.type)] += 1
        for name in ("actor", "recipient"):
            if name in entry:
                tally.field(name, matches(_gold_codes(entry[name]), _codes(report, getattr(event, name))), event.type)
        if "modality" in entry:
            tally.field("modality", matches(entry["modality"], event.modality), event.type)
        if "mode" in entry:
            tally.field("mode", matches(entry["mode"], event.mode), event.type)


def gold_paths(args: list[str]) -> list[str]:
    """Gold files from files and folders (a folder: its *.yaml)."""
    out: list[str] = []
    for arg in args or [str(DEFAULT_GOLD)]:
        path = Path(arg)
        out += [str(p) for p in sorted(path.glob("*.yaml"))] if path.is_dir() else [str(path)]
    return out


def run_gold(paths: list[str]) -> tuple[Tally, dict[str, Any]]:
    settings = Settings.from_env()
    tally = Tally()
    claims = {"matched": 0, "gold": 0, "speaker_ok": 0, "speaker_n": 0, "kind_ok": 0, "kind_n": 0}
    for path in paths:
        gold = load_gold(path)
        report = run_gold_article(gold, settings)
        negatives = [n if isinstance(n, str) else n["text"] for n in gold.items("not_events")]
        tally_report(tally, list(gold.items("events")), report, negatives)
        score = score_report(gold, report, ["claims"])["claims"]
        claims["gold"] += score.gold
        claims["matched"] += score.true_positives
        for name in ("speaker", "kind"):
            field = score.fields.get(name)
            claims[f"{name}_ok"] += field.correct if field else 0
            claims[f"{name}_n"] += field.compared if field else 0
    return tally, claims


def sentence_entries(item: dict[str, Any]) -> list[dict[str, Any]]:
    return [dict(e) for e in item.get("events", [])]


def run_sentences(path: str) -> Tally:
    items = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    settings = Settings.from_env()
    tally = Tally()
    texts = [item["text"] for item in items]
    for item, report in zip(items, extract_many(texts, settings=settings)):
        tally_report(tally, sentence_entries(item), report, item.get("not_events"), all_unmatched=True)
    return tally


UNCOUNTED = {"hypothetical", "prescriptive", "negated"}


def alone_sentences(paths: list[str], settings: Settings) -> list[tuple[str, str | None, list[dict[str, Any]]]]:
    """(sentence text, article date, its gold events) for every sentence of the articles that holds a gold
    event with ``text_contains``, in article order; the sentence split is the article report's own."""
    out: list[tuple[str, str | None, list[dict[str, Any]]]] = []
    for path in paths:
        gold = load_gold(path)
        report = run_gold_article(gold, settings)
        text = report.article.text
        by_sentence: dict[tuple[int, int], list[dict[str, Any]]] = {}
        for entry in gold.items("events"):
            span = locate(text, entry["text_contains"]) if "text_contains" in entry else None
            if span is None:
                continue  # no sentence of its own (headline only, or no text_contains)
            first, last = report.sentence_of(span[0]), report.sentence_of(max(span[0], span[1] - 1))
            if first < 0:
                continue
            last = last if last >= first else first
            key = (report.sentences[first].start, report.sentences[last].end)
            by_sentence.setdefault(key, []).append(dict(entry))
        for (start, end), entries in sorted(by_sentence.items()):
            out.append((text[start:end].strip(), report.article.published, entries))
    return out


def run_alone(paths: list[str]) -> tuple[Tally, dict[str, Any]]:
    """Each gold event's sentence extracted alone (``--alone``); also how many sentences gave no event."""
    settings = Settings.from_env()
    items = alone_sentences(paths, settings)
    raws = [RawArticle(text=sentence, source=f"<sentence {n}>", title="", published=date)
            for n, (sentence, date, _) in enumerate(items)]
    tally = Tally()
    empty = uncounted = 0
    for (_, _, entries), report in zip(items, extract_many(raws, settings=settings)):
        tally_report(tally, entries, report)
        empty += not report.events
        uncounted += not any(e.modality not in UNCOUNTED for e in report.events)
    n = len(items)
    return tally, {"sentences": n, "no_event": empty / n if n else 0.0,
                   "no_counted_event": uncounted / n if n else 0.0}


def print_confusion(tally: Tally) -> None:
    gold_rows = [t for t in TYPES if any(g == t for g, _ in tally.confusion)] + [NONE]
    columns = [t for t in TYPES if any(r == t for _, r in tally.confusion)] + [MISS]
    short = {t: t[:4] for t in columns}
    print("\nconfusion (rows: gold type, columns: report type)")
    print(f"{'':<9}" + "".join(f"{short[c]:>5}" for c in columns))
    for row in gold_rows:
        cells = [tally.confusion.get((row, c), 0) for c in columns]
        if not any(cells):
            continue
        print(f"{row:<9}" + "".join(f"{n if n else '.':>5}" for n in cells))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", nargs="*", help="gold YAML files or folders (default: tests/gold-real/dev)")
    parser.add_argument("--sentences", help="a YAML file of annotated single sentences instead of gold articles")
    parser.add_argument("--alone", action="store_true",
                        help="score each gold event's sentence extracted on its own (a one-sentence article)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    claims: dict[str, Any] | None = None
    alone: dict[str, Any] | None = None
    if args.sentences:
        tally = run_sentences(args.sentences)
    elif args.alone:
        tally, alone = run_alone(gold_paths(args.gold))
    else:
        tally, claims = run_gold(gold_paths(args.gold))
    summary = tally.summary()
    if claims is not None:
        summary["claims"] = {
            "gold": claims["gold"], "matched": claims["matched"],
            "speaker": claims["speaker_ok"] / claims["speaker_n"] if claims["speaker_n"] else None,
            "kind": claims["kind_ok"] / claims["kind_n"] if claims["kind_n"] else None,
        }
    if alone is not None:
        summary["alone"] = alone
    if args.json:
        print(json.dumps({"types": tally.rows(), **summary}, indent=2))
        return 0

    def share(value: float | None) -> str:
        return "    -" if value is None else f"{value:>5.2f}"

    print(f"{'type':<10} {'gold':>5} {'found':>6} {'tp':>4} {'P':>6} {'R':>6} {'F1':>6}  {'actor':>5} "
          f"{'recip':>5} {'modal':>5} {'mode':>5}")
    for row in tally.rows():
        print(f"{row['type']:<10} {row['gold']:>5} {row['found']:>6} {row['tp']:>4} "
              f"{row['precision']:>6.2f} {row['recall']:>6.2f} {row['f1']:>6.2f}  {share(row['actor'])} "
              f"{share(row['recipient'])} {share(row['modality'])} {share(row['mode'])}")
    micro = summary["micro"]
    print(f"{'overall':<10} {'':>5} {'':>6} {'':>4} {micro['precision']:>6.2f} {micro['recall']:>6.2f} "
          f"{micro['f1']:>6.2f}   macro F1 {summary['macro_f1']:.2f}")
    for name, value in summary["fields"].items():
        print(f"{name} accuracy: {value:.2f} ({summary['field_counts'][name]})")
    if claims is not None:
        c = summary["claims"]
        print(f"claims: {c['matched']}/{c['gold']} found; speaker accuracy "
              f"{c['speaker'] if c['speaker'] is None else round(c['speaker'], 2)}, kind accuracy "
              f"{c['kind'] if c['kind'] is None else round(c['kind'], 2)}")
    if alone is not None:
        print(f"sentences alone: {alone['sentences']}; no event {alone['no_event']:.2f}, "
              f"no counted event (hypothetical, prescriptive, negated set aside) {alone['no_counted_event']:.2f}")
    print_confusion(tally)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
