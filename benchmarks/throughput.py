"""Throughput of the whole ``extract_many`` path against raw spaCy ``nlp.pipe`` on the same texts.

    python benchmarks/throughput.py [--corpus synthetic|wikinews] [--articles 300] [--words 1200]
                                    [--processes 1 2] [--repeats 1] [--warm 4] [--stages 60] [--json]
    python benchmarks/throughput.py --corpus wikinews --articles 240 --repeats 2

Prints articles/s for both and their ratio (1.0 = sitreps adds nothing to the
parse), and the CPU seconds each spent, every worker process included, with
their ratio (raw / sitreps: the same 1.0, but steady on a shared machine).
Both runs parse the same articles (benchmarks/corpora.py: the synthetic
1,200-word articles, or the real Wikinews texts repeated to --articles) after a
warm-up (--warm articles through both; 4 by default, the whole corpus to leave
out what sitreps loads once per process on first use), with the same batch
size and process count. With --repeats N the two alternate N times and the
ratio is that of the summed times, so load from other processes on a shared
machine falls on both alike. The stage breakdown times sitreps' own
preparation, the parse and each extractor on one process.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import CORPORA, make_corpus  # noqa: E402

from sitreps import Settings, extract_many  # noqa: E402
from sitreps.nlp import get_nlp  # noqa: E402


def cpu_seconds() -> float:
    """CPU seconds of this process and of its children that have ended (spaCy's and sitreps' workers are
    waited for when a run ends): on a shared machine, far steadier than the wall clock."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def measure(articles: list[str], processes: int, repeats: int = 1, warm: int = 4) -> dict[str, float]:
    settings = dataclasses.replace(Settings.from_env(), n_process=processes)
    nlp = get_nlp(settings.model)
    list(nlp.pipe(articles[:warm]))  # warm-up: the model's and sitreps' data loaded before the clock
    list(extract_many(articles[:warm], settings=settings))
    raw_seconds = full_seconds = raw_cpu = full_cpu = 0.0
    for _ in range(repeats):
        start, cpu = time.perf_counter(), cpu_seconds()
        for _ in nlp.pipe(articles, batch_size=settings.batch_size, n_process=processes):
            pass
        raw_seconds += time.perf_counter() - start
        raw_cpu += cpu_seconds() - cpu
        start, cpu = time.perf_counter(), cpu_seconds()
        count = sum(1 for _ in extract_many(articles, settings=settings))
        full_seconds += time.perf_counter() - start
        full_cpu += cpu_seconds() - cpu
        assert count == len(articles)
    raw = repeats * len(articles) / raw_seconds
    full = repeats * len(articles) / full_seconds
    return {"processes": processes, "raw_articles_per_s": round(raw, 2), "sitreps_articles_per_s": round(full, 2),
            "ratio": round(full / raw, 3), "raw_cpu_s": round(raw_cpu, 1), "sitreps_cpu_s": round(full_cpu, 1),
            "cpu_ratio": round(raw_cpu / full_cpu, 3)}


def stage_shares(articles: list[str]) -> dict[str, float]:
    """Seconds per stage over the articles, one process: the parse, sitreps' preparation, each extractor."""
    from sitreps.extract import EXTRACTORS
    from sitreps.ingest import from_text
    from sitreps.pipeline import prepare
    from sitreps.types import Report, Sentence

    nlp = get_nlp(Settings.from_env().model)
    seconds: dict[str, float] = {"parse (spaCy)": 0.0, "ingest+clean+provenance+language": 0.0}
    for text in articles:
        start = time.perf_counter()
        prepared = prepare(from_text(text))
        seconds["ingest+clean+provenance+language"] += time.perf_counter() - start
        start = time.perf_counter()
        doc = nlp(prepared.article.text)
        seconds["parse (spaCy)"] += time.perf_counter() - start
        report = Report(article=prepared.article)
        report.sentences = [Sentence(s.start_char, s.start_char + len(s.text.rstrip())) for s in doc.sents]
        for extractor in EXTRACTORS:
            start = time.perf_counter()
            extractor(doc, report)
            name = extractor.__name__.removeprefix("extract_")
            seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - start
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", choices=CORPORA, default="synthetic")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--words", type=int, default=1200, help="words per synthetic article")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeats", type=int, default=1, help="alternate raw and sitreps runs N times")
    parser.add_argument("--warm", type=int, default=4, metavar="N",
                        help="articles run through both before the clock (the whole corpus: one-time loads, such "
                             "as a country's town index or dateparser's first use, left out)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--stages", type=int, default=60, metavar="N",
                        help="articles for the per-stage breakdown (0 to skip)")
    args = parser.parse_args()
    articles = make_corpus(args.corpus, args.articles, args.words)
    words = sum(len(a.split()) for a in articles) / len(articles)
    rows = [measure(articles, p, args.repeats, args.warm) for p in args.processes]
    stages = stage_shares(articles[: args.stages]) if args.stages else {}
    if args.json:
        print(json.dumps({"corpus": args.corpus, "articles": len(articles), "mean_words": round(words), "runs": rows,
                          "repeats": args.repeats, "warm": args.warm, "stages": {k: round(v, 3) for k, v in stages.items()},
                          "stage_articles": args.stages}))
        return 0
    print(f"{len(articles)} {args.corpus} articles, {words:.0f} words on average")
    print(f"{'processes':>9}  {'nlp.pipe art/s':>14}  {'extract_many art/s':>18}  {'ratio':>5}  "
          f"{'CPU s raw / sitreps':>19}  {'CPU ratio':>9}")
    for row in rows:
        print(f"{row['processes']:>9}  {row['raw_articles_per_s']:>14.2f}  {row['sitreps_articles_per_s']:>18.2f}  "
              f"{row['ratio']:>5.3f}  {row['raw_cpu_s']:>9.1f} / {row['sitreps_cpu_s']:<7.1f}  {row['cpu_ratio']:>9.3f}")
    if stages:
        parse = stages["parse (spaCy)"]
        print(f"\nper stage, one process, {args.stages} articles (share of the parse time):")
        for name, value in stages.items():
            print(f"  {name:<36} {value:7.2f} s  {100 * value / parse:6.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
