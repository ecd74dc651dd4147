"""What each CAMEO-derived trigger entry adds and breaks, measured on annotated text; writes the pruning list.

    python benchmarks/trigger_effects.py                  # measure; print the entries that fire and their effect
    python benchmarks/trigger_effects.py --write          # and write src/sitreps/data/plover_triggers_pruned.yaml
    python benchmarks/trigger_effects.py --json

The derived entries (``data/plover_triggers.yaml``, made by ``scripts/derive_plover_triggers.py``)
are measured one by one against the hand-made lexicon alone, on the annotated sets: the real dev
split (``tests/gold-real/dev``), the team set (``tests/gold``), the seed (``../shared/gold/seed.yaml``,
when present) and the project's annotated sentences (``tests/events_sentences.yaml``). The test
split is never read.

Each article is parsed once and its other extractors run once; only the events are extracted
again, once with the hand-made lexicon alone (the baseline) and once for each derived entry that
fires somewhere in the sets, with the baseline plus that entry. An entry's effect is the change,
over the articles where it fires, in correct events (a gold event paired with an event of an
accepted type) and in false hits (report events no gold event took, or of a wrong type), scored
as ``benchmarks/events_by_type.py`` scores them.

An entry is pruned when it adds false hits without adding more correct events than it adds false
hits, when it loses correct events, or when it adds none and gets fields of correct events wrong
(actor, recipient, modality, mode): ``pruned`` iff ``fp > 0 and tp <= fp`` or ``tp < 0`` or
``tp <= 0 and fields < 0``. Then,
where the kept entries together still add false hits, each kept entry firing there is measured
again as the difference between the kept set with and without it, and pruned by the same rule
(``together`` in the list). Entries
that never fire on the sets are judged by their root: the PLOVER type their CAMEO code maps to. When a
root's entries that fire add, summed, false hits without adding more correct events, its verb-alone
senses and bare particles stay only where measured to add correct events (an unmeasured or neutral one
of that root is expected to do as the root does), while its patterns that name their context (an object,
a subject, a preposition's noun, or two parts: ``Pattern.names_context``) stay unless measured to add
false hits: a root's record is mostly its bare verbs', and text nobody annotated holds many patterns
the annotated sets never fire. A root whose entries do not add false hits keeps all its entries. The pruning list records each pruned entry's and each root's numbers;
``sitreps.extract.plover`` leaves those entries out.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from events_by_type import Tally, gold_paths, sentence_entries, tally_report  # noqa: E402

from sitreps import Settings  # noqa: E402
from sitreps.evaluation import load_gold  # noqa: E402
from sitreps.evaluation.lenient import normal  # noqa: E402
from sitreps.extract import plover  # noqa: E402
from sitreps.extract.events import extract_events  # noqa: E402
from sitreps.extract.plover_patterns import context, matching  # noqa: E402
from sitreps.ingest import from_text, read_source  # noqa: E402
from sitreps.nlp import get_nlp  # noqa: E402
from sitreps.pipeline import build_report, prepare  # noqa: E402
from sitreps.resources import data_path  # noqa: E402
from sitreps.types import Report  # noqa: E402

SETS = {
    "dev": ROOT / "tests" / "gold-real" / "dev",
    "team": ROOT / "tests" / "gold",
    "seed": ROOT.parent / "shared" / "gold" / "seed.yaml",
    "sentences": ROOT / "tests" / "events_sentences.yaml",
}
OUT = data_path(plover.PRUNED)


@dataclass
class Article:
    """One annotated article, parsed once, with everything but its events extracted."""
    name: str
    set: str
    doc: Any
    report: Report
    entries: list[dict[str, Any]]
    negatives: list[str]
    all_unmatched: bool
    about: list[list[str]] = field(default_factory=list)

    def score(self) -> Tally:
        """Extract the events again with the lexicon in use and score them."""
        for claim, about in zip(self.report.claims, self.about):
            claim.about = list(about)
        self.report.events = []
        extract_events(self.doc, self.report)
        tally = Tally()
        tally_report(tally, self.entries, self.report, self.negatives, all_unmatched=self.all_unmatched)
        return tally


def load_articles(sets: list[str]) -> list[Article]:
    settings = Settings.from_env()
    nlp = get_nlp(settings.model)
    out: list[Article] = []
    for name in sets:
        path = SETS[name]
        if not path.exists():
            continue
        if name == "sentences":
            items = yaml.safe_load(path.read_text(encoding="utf-8"))
            for i, item in enumerate(items):
                prepared = prepare(from_text(item["text"]))
                doc = nlp(prepared.article.text)
                report = build_report(prepared, doc)
                out.append(Article(f"sentence {i + 1}", name, doc, report, sentence_entries(item),
                                   item.get("not_events") or [], True))
            continue
        for file in gold_paths([str(path)]):
            gold = load_gold(file)
            raw = read_source(str(gold.article_path), settings)
            meta = gold.article
            if meta.get("url") and not raw.url:
                raw.url = meta["url"]
            given = meta.get("given_published")
            prepared = prepare(raw, published=normal(given) if isinstance(given, (dt.date, str)) else None)
            doc = nlp(prepared.article.text)
            full = build_report(prepared, doc)  # sentences, then every extractor; the events are redone below
            full.events = []
            negatives = [n if isinstance(n, str) else n["text"] for n in gold.items("not_events")]
            out.append(Article(gold.name, name, doc, full, list(gold.items("events")), negatives, False))
    for article in out:
        event_ids = {e.id for e in article.report.events}
        article.about = [[ref for ref in claim.about if ref not in event_ids and not ref.startswith("E")]
                         for claim in article.report.claims]
    return out


def _everything() -> plover.Lexicon:
    global _ALL
    if _ALL is None:
        _ALL = plover.build_lexicon()
    return _ALL


_ALL: plover.Lexicon | None = None


def only(*keys: str) -> plover.Lexicon:
    """The hand-made lexicon with just these derived entries."""
    wanted = set(keys)
    return plover.restrict_derived(_everything(), lambda k, kind: k in wanted)


def without(keys: set[str]) -> plover.Lexicon:
    """The hand-made lexicon with every derived entry but these."""
    return plover.restrict_derived(_everything(), lambda k, kind: k not in keys)


def fired(articles: list[Article]) -> dict[str, set[int]]:
    """Derived entry key -> the articles where it could give a verb its sense: every pattern that matches there
    (not only the one that wins, since another may be pruned) and the verb alone (with every entry in)."""
    words = _everything()
    out: dict[str, set[int]] = defaultdict(set)
    plover.use_lexicon(words)
    for index, article in enumerate(articles):
        for token in article.doc:
            if token.pos_ != "VERB":
                continue
            entry = words.derived.get(plover.verb_lemma(token) or "")
            if entry is None:
                continue
            if entry.sense is not None:
                out[entry.key].add(index)
            for pattern in matching(entry, context(token), words.synsets_of):
                out[pattern.key].add(index)
    return out


def total(tallies: list[Tally]) -> tuple[int, int, int]:
    return (sum(sum(t.tp.values()) for t in tallies), sum(sum(t.fp.values()) for t in tallies),
            sum(sum(t.fn.values()) for t in tallies))


def right_fields(tally: Tally) -> int:
    """Actor, recipient, modality and mode values right on correctly typed events."""
    return sum(ok for ok, _ in tally.fields.values())


def prune(tp: int, fp: int, fields: int) -> bool:
    """The pruning rule (module docstring)."""
    return (fp > 0 and tp <= fp) or tp < 0 or (tp <= 0 and fields < 0)


def measure(articles: list[Article]) -> dict[str, Any]:
    baseline = only()
    keys = fired(articles)
    plover.use_lexicon(baseline)
    base = [a.score() for a in articles]
    effects: dict[str, dict[str, Any]] = {}
    for key, where in sorted(keys.items()):
        plover.use_lexicon(only(key))
        by_set: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        fields = 0
        for index in where:
            tally = articles[index].score()
            tp, fp, _ = total([tally])
            btp, bfp, _ = total([base[index]])
            by_set[articles[index].set][0] += tp - btp
            by_set[articles[index].set][1] += fp - bfp
            fields += right_fields(tally) - right_fields(base[index])
        tp = sum(v[0] for v in by_set.values())
        fp = sum(v[1] for v in by_set.values())
        effects[key] = {"tp": tp, "fp": fp, "fields": fields,
                        "sets": {k: {"tp": v[0], "fp": v[1]} for k, v in by_set.items()},
                        "articles": sorted(articles[i].name for i in where), "pruned": prune(tp, fp, fields)}
    roots = root_effects(effects)
    second_pass(articles, base, keys, effects)
    plover.use_lexicon(None)
    return {"baseline": _by_set(articles, base), "effects": effects, "roots": roots}


def kinds() -> dict[str, str | None]:
    """Derived entry key -> its PLOVER type (None: a pattern that says "no event")."""
    out: dict[str, str | None] = {}
    for entry in _everything().derived.values():
        if entry.sense is not None:
            out[entry.key] = entry.sense[0]
        for pattern in entry.patterns:
            out[pattern.key] = pattern.sense[0] if pattern.sense else None
    return out


def root_effects(effects: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per root (the PLOVER type the CAMEO codes map to): the summed effect of its entries that fire on the sets,
    each measured alone. A root whose firing entries add false hits without adding more correct events (the
    entry rule, summed) is pruned: its verb-alone entries that never fire on the sets, unmeasured, are left out
    too; its patterns that name their context are not (``plover._shipped``)."""
    kind_of = kinds()
    out: dict[str, dict[str, Any]] = {}
    for kind in sorted({k for k in kind_of.values() if k}):
        firing = [e for key, e in effects.items() if kind_of.get(key) == kind]
        tp, fp = sum(e["tp"] for e in firing), sum(e["fp"] for e in firing)
        out[kind] = {"tp": tp, "fp": fp, "firing": len(firing),
                     "entries": sum(1 for k in kind_of.values() if k == kind), "pruned": fp > 0 and tp <= fp}
    return out


def second_pass(articles: list[Article], base: list[Tally], keys: dict[str, set[int]],
                effects: dict[str, dict[str, Any]]) -> None:
    """Entries kept one by one may still add false hits together (two patterns for one sentence, or a pattern
    that a pruned, more specific one hid). Where the kept entries together add false hits or lose correct
    events, each kept entry that fires there is taken out again, and pruned when the set does better without
    it (by the same rule, seen from the other side); until nothing changes."""
    pruned = {k for k, e in effects.items() if e["pruned"]}
    for _ in range(4):
        plover.use_lexicon(without(pruned))
        kept = [a.score() for a in articles]
        worse = {i for i, (k, b) in enumerate(zip(kept, base))
                 if total([k])[1] > total([b])[1] or total([k])[0] < total([b])[0]
                 or right_fields(k) < right_fields(b)}
        changed = False
        for key in sorted(k for k, where in keys.items() if k not in pruned and where & worse):
            plover.use_lexicon(without(pruned | {key}))
            tp = fp = fields = 0
            for index in keys[key]:
                tally = articles[index].score()
                with_tp, with_fp, _ = total([kept[index]])
                out_tp, out_fp, _ = total([tally])
                tp += with_tp - out_tp
                fp += with_fp - out_fp
                fields += right_fields(kept[index]) - right_fields(tally)
            if prune(tp, fp, fields):
                effects[key].update({"pruned": True, "together": {"tp": tp, "fp": fp}})
                pruned.add(key)
                changed = True
                plover.use_lexicon(without(pruned))  # the next entries are weighed against the set without it
                for index in keys[key]:
                    kept[index] = articles[index].score()
        if not changed:
            return


def _by_set(articles: list[Article], tallies: list[Tally]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for name in dict.fromkeys(a.set for a in articles):
        tp, fp, fn = total([t for a, t in zip(articles, tallies) if a.set == name])
        out[name] = {"tp": tp, "fp": fp, "fn": fn}
    return out


def score_with(articles: list[Article], words: plover.Lexicon | None) -> dict[str, dict[str, int]]:
    plover.use_lexicon(words)
    try:
        return _by_set(articles, [a.score() for a in articles])
    finally:
        plover.use_lexicon(None)


def write(effects: dict[str, dict[str, Any]], roots: dict[str, dict[str, Any]], sets: list[str]) -> None:
    header = (
        "# Derived trigger entries (data/plover_triggers.yaml) left out because measurement showed them\n"
        "# adding false hits: written by  python benchmarks/trigger_effects.py --write  (do not edit by hand).\n"
        f"# Measured on: {', '.join(sets)}. Rule: pruned iff it adds false hits (fp > 0) without adding more\n"
        "# correct events than false hits (tp <= fp), loses correct events (tp < 0), or adds none and gets fields\n"
        "# of correct events wrong (tp <= 0 and fields < 0); tp, fp and fields are the changes\n"
        "# over the hand-made lexicon alone, on the articles where the entry fires (by set: correct/false hits);\n"
        "# together: the change it makes to the other kept entries, where it was pruned in the second pass.\n"
        "# roots: per PLOVER type, the summed effect of its entries that fire on the sets; a pruned root keeps its\n"
        "# verb-alone senses only where measured to add correct events (measured_kept) and its patterns that name\n"
        "# their context unless pruned below.\n"
        "roots:\n"
    )
    header += "".join(f"  {kind}: {yaml.safe_dump(v, default_flow_style=True, width=10_000).strip()}\n"
                      for kind, v in roots.items())
    kept = sorted(k for k, e in effects.items() if not e["pruned"] and e["tp"] > 0)
    header += "measured_kept:\n" + "".join(f"  - {yaml.safe_dump(k).strip().removesuffix(chr(10) + '...')}\n"
                                            for k in kept)
    header += "pruned:\n"
    lines = []
    for key, e in sorted(effects.items()):
        if not e["pruned"]:
            continue
        value: dict[str, Any] = {"tp": e["tp"], "fp": e["fp"], "fields": e["fields"],
                                 "sets": {k: f"{v['tp']:+d}/{v['fp']:+d}" for k, v in e["sets"].items()}}
        if "together" in e:
            value["together"] = f"{e['together']['tp']:+d}/{e['together']['fp']:+d}"
        flow = yaml.safe_dump(value, default_flow_style=True, width=10_000).strip()
        lines.append(f"  {yaml.safe_dump(key).strip().removesuffix(chr(10) + '...')}: {flow}\n")
    OUT.write_text(header + "".join(lines), encoding="utf-8")


def explain(articles: list[Article], keys: list[str]) -> None:
    """For each entry, the events it adds and removes where it fires, with the gold events of those sentences."""
    plover.use_lexicon(_everything())
    where = fired(articles)
    for key in keys:
        print(f"== {key}")
        for index in sorted(where.get(key, ())):
            article = articles[index]
            plover.use_lexicon(only())
            article.score()
            before = {(e.type, e.text) for e in article.report.events}
            plover.use_lexicon(only(key))
            article.score()
            after = {(e.type, e.text) for e in article.report.events}
            print(f"  {article.name}")
            for kind, text in sorted(after - before):
                print(f"    + {kind}: {text[:110]}")
            for kind, text in sorted(before - after):
                print(f"    - {kind}: {text[:110]}")
            sentences = {article.report.sentence_of(article.report.article.text.find(t)) for _, t in after ^ before}
            for entry in article.entries:
                found = article.report.article.text.find(entry.get("text_contains", "\0"))
                if found >= 0 and article.report.sentence_of(found) in sentences:
                    print(f"    gold {normal(entry['type'])}: {entry['text_contains']}")
    plover.use_lexicon(None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", nargs="*", default=list(SETS), choices=list(SETS))
    parser.add_argument("--write", action="store_true", help=f"write the pruning list ({OUT.name})")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--explain", nargs="*", metavar="KEY", help="show the events an entry adds and removes")
    args = parser.parse_args()
    start = time.perf_counter()
    articles = load_articles(args.sets)
    if args.explain:
        explain(articles, args.explain)
        return 0
    parsed = time.perf_counter() - start
    result = measure(articles)
    effects = result["effects"]
    kind_of = kinds()
    contextual = plover.contextual_keys(_everything())
    kept = without({k for k, e in effects.items() if e["pruned"]
                    or result["roots"].get(kind_of.get(k) or "", {}).get("pruned") and e["tp"] <= 0
                    and k not in contextual})
    result["all_derived"] = score_with(articles, _everything())
    result["kept_derived"] = score_with(articles, kept)
    if args.write:
        write(effects, result["roots"], args.sets)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{len(articles)} articles parsed in {parsed:.0f} s; {len(effects)} derived entries fire; "
          f"{sum(e['pruned'] for e in effects.values())} pruned")
    print(f"{'entry':<48} {'tp':>4} {'fp':>4} {'fld':>4}  verdict  sets")
    for key, e in sorted(effects.items(), key=lambda kv: (kv[1]["pruned"], -kv[1]["tp"] + kv[1]["fp"], kv[0])):
        sets = " ".join(f"{k}:{v['tp']:+d}/{v['fp']:+d}" for k, v in e["sets"].items() if v["tp"] or v["fp"])
        together = f"  together {e['together']['tp']:+d}/{e['together']['fp']:+d}" if "together" in e else ""
        print(f"{key[:48]:<48} {e['tp']:>+4d} {e['fp']:>+4d} {e['fields']:>+4d}  {'prune' if e['pruned'] else 'keep':<7}"
              f"  {sets}{together}")
    print("\nroots (PLOVER types): summed effect of the entries that fire; pruned roots keep measured verbs and patterns with context")
    for kind, v in result["roots"].items():
        print(f"  {kind:<10} tp {v['tp']:+d} fp {v['fp']:+d}  firing {v['firing']}/{v['entries']}"
              f"  {'pruned' if v['pruned'] else 'kept'}")
    print("\ncorrect / false hits / misses by set")
    for name in ("baseline", "all_derived", "kept_derived"):
        row = "  ".join(f"{k} {v['tp']}/{v['fp']}/{v['fn']}" for k, v in result[name].items())
        print(f"{name:<13} {row}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
