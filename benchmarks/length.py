"""Time and peak memory of one article against its length: extraction must stay linear.

    python benchmarks/length.py [--lengths 25000 50000 100000 200000 400000 800000] [--stages] [--json]

Each length runs in a fresh process (so peak memory is that length's own): the
process loads the model, extracts a short article to warm every lexicon and
gazetteer, then builds one synthetic article of the wanted length from the
team's gold paragraphs (benchmarks/synthetic.py) and runs ``sitreps.extract``
on it once. The table gives the wall-clock and CPU seconds, CPU seconds per
100,000 characters (flat when time grows linearly; CPU time, because wall time
on a shared machine measures the neighbours too), the peak resident memory of
the process, and what the article added to it over the warmed-up process.
``--stages`` adds the CPU seconds of the parse and of each extractor (and then
times the stages one by one instead of calling ``extract``), to find the one
that grows faster than the text. Texts over ``sitreps.nlp.CHUNK_CHARS`` are parsed in pieces.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic import TAIL, paragraphs  # noqa: E402

LENGTHS = [25_000, 50_000, 100_000, 200_000, 400_000, 800_000]
WARM = ("KYIV, Oct 3 (Meridian Wire) - Russian forces fired 12 missiles at Kharkiv on Tuesday, killing three people, "
        "regional governor Oleh Syniehubov said. \"We will rebuild,\" the mayor said on Wednesday.")


def make_text(length: int, seed: int = 3) -> str:
    """About ``length`` characters of body paragraphs (gold texts, shuffled round after round), then the tail."""
    pool = paragraphs()
    rng = random.Random(seed)
    body: list[str] = []
    size = 0
    while size < length:
        order = pool[:]
        rng.shuffle(order)
        for paragraph in order:
            body.append(paragraph)
            size += len(paragraph) + 1
            if size >= length:
                break
    return "\n".join(body + TAIL)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def run_one(length: int, stages: bool) -> dict[str, float]:
    """In this process: warm up, then extract one article of ``length`` characters."""
    import sitreps
    from sitreps import pipeline
    from sitreps.extract import EXTRACTORS
    from sitreps.nlp import get_nlp, parse

    sitreps.extract(WARM, published="2024-10-03")
    text = make_text(length)
    warm_rss = _rss_mb()
    times: dict[str, float] = {}
    cpu_started, wall_started = time.process_time(), time.perf_counter()
    if stages:  # the same work as extract(), timed stage by stage
        from sitreps.ingest import from_text

        start = time.process_time()
        prepared = pipeline.prepare(from_text(text), published="2024-10-03")
        times["prepare"] = time.process_time() - start
        start = time.process_time()
        doc = next(parse(get_nlp(""), [prepared.article.text]))
        times["parse"] = time.process_time() - start
        report = sitreps.Report(article=prepared.article)
        report.sentences = [sitreps.types.Sentence(s.start_char, s.start_char + len(s.text.rstrip()))
                            for s in doc.sents if s.text.strip()]
        for extractor in EXTRACTORS:
            start = time.process_time()
            extractor(doc, report)
            times[extractor.__name__] = time.process_time() - start
        seconds = time.perf_counter() - wall_started
    else:
        start = time.perf_counter()
        report = sitreps.extract(text, published="2024-10-03")
        seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_started
    peak = _rss_mb()
    return {"characters": len(text), "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2),
            "peak_rss_mb": round(peak, 1),
            "added_mb": round(peak - warm_rss, 1), "sentences": len(report.sentences), "figures": len(report.figures),
            "events": len(report.events), **{f"s_{k}": round(v, 2) for k, v in times.items()}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lengths", type=int, nargs="+", default=LENGTHS)
    parser.add_argument("--stages", action="store_true", help="time the parse and each extractor")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child process's job
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.stages)))
        return 0
    rows = []
    for length in args.lengths:
        command = [sys.executable, __file__, "--one", str(length)] + (["--stages"] if args.stages else [])
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"  {length:,} characters: {rows[-1]['seconds']} s", file=sys.stderr)
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print("| characters | wall s | CPU s | CPU s per 100k chars | peak RSS MB | added MB | sentences | figures | events |")
    print("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        per = row["cpu_seconds"] / row["characters"] * 100_000
        print(f"| {row['characters']:,} | {row['seconds']:.1f} | {row['cpu_seconds']:.1f} | {per:.2f} | "
              f"{row['peak_rss_mb']:,.0f} | "
              f"{row['added_mb']:,.0f} | {row['sentences']:,} | {row['figures']:,} | {row['events']:,} |")
    if args.stages:
        names = [k for k in rows[0] if k.startswith("s_")]
        print()
        print("| characters | " + " | ".join(n[2:] for n in names) + " |")
        print("|---|" + "---|" * len(names))
        for row in rows:
            print(f"| {row['characters']:,} | " + " | ".join(f"{row[n]:.2f}" for n in names) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
