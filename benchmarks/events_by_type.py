"""Events and claims, type by type: precision, recall and F1 per PLOVER type, and role, modality and speaker accuracy.

    python benchmarks/events_by_type.py                      # the team's gold set (+ ../shared seed when present)
    python benchmarks/events_by_type.py tests/gold/*.yaml    # chosen gold files
    python benchmarks/events_by_type.py --sentences tests/events_sentences.yaml
    python benchmarks/events_by_type.py --json

Gold events are paired with report events the way ``sitreps evaluate`` pairs them
(``text_contains`` -> the same sentence, else the same type anywhere; the best
type and actor fit first). A pair counts for its type when the report's type is
one the gold accepts; every other report event is a false hit for its type and
every other gold event a miss for its (first) type. Macro F1 averages the types
that occur in the gold or the report. Actor, recipient and modality accuracy are
over pairs whose type is right; claim speaker accuracy over matched claims.

``--sentences`` scores a file of single annotated sentences instead (the
project's own set, written for this: every type, every modality, passives,
light verbs, nominal events and compound actors); each sentence is one article.
"""

from __future__ import annotations

import argparse
import glob
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sitreps import Settings, extract_many  # noqa: E402
from sitreps.evaluation import load_gold, run_gold_article, score_report  # noqa: E402
from sitreps.evaluation.gold import locate  # noqa: E402
from sitreps.evaluation.lenient import matches  # noqa: E402
from sitreps.types import Event, Report  # noqa: E402

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


class Tally:
    """Counts per type and per field."""

    def __init__(self) -> None:
        self.tp: Counter[str] = Counter()
        self.fp: Counter[str] = Counter()
        self.fn: Counter[str] = Counter()
        self.fields: dict[str, list[int]] = {}

    def field(self, name: str, ok: bool) -> None:
        self.fields.setdefault(name, [0, 0])
        self.fields[name][0] += int(ok)
        self.fields[name][1] += 1

    def rows(self) -> list[dict[str, Any]]:
        out = []
        for kind in TYPES:
            tp, fp, fn = self.tp[kind], self.fp[kind], self.fn[kind]
            if tp + fp + fn == 0:
                continue
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            out.append({"type": kind, "gold": tp + fn, "found": tp + fp, "tp": tp, "precision": p, "recall": r, "f1": f})
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
    """Gold entries paired with report events, as ``sitreps evaluate`` pairs them."""
    events = report.events
    used: set[int] = set()
    pairs: list[tuple[dict[str, Any], Event | None]] = []
    for entry in entries:
        candidates = [i for i in range(len(events)) if i not in used]
        if "text_contains" in entry:
            span = locate(report.article.text, entry["text_contains"])
            if span is None:
                continue  # only in the headline: not scored
            sentence = report.sentence_of(span[0])
            candidates = [i for i in candidates if events[i].sentence == sentence
                          or min(span[1], events[i].end) > max(span[0], events[i].start)]
        else:
            candidates = [i for i in candidates if matches(entry["type"], events[i].type)]
        if not candidates:
            pairs.append((entry, None))
            continue
        best = max(candidates, key=lambda i: (matches(entry["type"], events[i].type),
                                              "actor" in entry and matches(_gold_codes(entry["actor"]),
                                                                           _codes(report, events[i].actor))))
        used.add(best)
        pairs.append((entry, events[best]))
    for i, event in enumerate(events):
        if i not in used:
            pairs.append(({}, event))
    return pairs


def tally_report(tally: Tally, entries: list[dict[str, Any]], report: Report,
                 negatives: list[str] | None = None) -> None:
    for entry, event in pair_events(entries, report):
        if not entry:  # a report event no gold event took
            assert event is not None
            excused = any(s and min(s[1], event.end) > max(s[0], event.start)
                          for s in (locate(report.article.text, n) for n in negatives or []))
            if not (excused and event.modality not in {"asserted", "reported", "claimed"}):
                tally.fp[event.type] += 1
            continue
        if event is None or not matches(entry["type"], event.type):
            tally.fn[_first_type(entry["type"])] += 1
            if event is not None:
                tally.fp[event.type] += 1
            continue
        tally.tp[event.type] += 1
        for name in ("actor", "recipient"):
            if name in entry:
                tally.field(name, matches(_gold_codes(entry[name]), _codes(report, getattr(event, name))))
        if "modality" in entry:
            tally.field("modality", matches(entry["modality"], event.modality))


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


def run_sentences(path: str) -> Tally:
    items = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    settings = Settings.from_env()
    tally = Tally()
    texts = [item["text"] for item in items]
    for item, report in zip(items, extract_many(texts, settings=settings)):
        entries = [dict(e, text_contains=e["text_contains"]) if "text_contains" in e else dict(e)
                   for e in item.get("events", [])]
        tally_report(tally, entries, report, item.get("not_events"))
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", nargs="*", help="gold YAML files (default: ../shared/gold/seed.yaml + tests/gold)")
    parser.add_argument("--sentences", help="a YAML file of annotated single sentences instead of gold articles")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    claims: dict[str, Any] | None = None
    if args.sentences:
        tally = run_sentences(args.sentences)
    else:
        paths = args.gold or ([str(p) for p in [ROOT.parent / "shared" / "gold" / "seed.yaml"] if p.exists()]
                              + sorted(glob.glob(str(ROOT / "tests" / "gold" / "*.yaml"))))
        tally, claims = run_gold(paths)
    summary = tally.summary()
    if claims is not None:
        summary["claims"] = {
            "gold": claims["gold"], "matched": claims["matched"],
            "speaker": claims["speaker_ok"] / claims["speaker_n"] if claims["speaker_n"] else None,
            "kind": claims["kind_ok"] / claims["kind_n"] if claims["kind_n"] else None,
        }
    if args.json:
        print(json.dumps({"types": tally.rows(), **summary}, indent=2))
        return 0
    print(f"{'type':<10} {'gold':>5} {'found':>6} {'tp':>4} {'P':>6} {'R':>6} {'F1':>6}")
    for row in tally.rows():
        print(f"{row['type']:<10} {row['gold']:>5} {row['found']:>6} {row['tp']:>4} "
              f"{row['precision']:>6.2f} {row['recall']:>6.2f} {row['f1']:>6.2f}")
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
