"""A long property-based fuzzing run of ``sitreps.extract`` and the corpus readers (the suite runs the same
strategies on a short, fixed budget: tests/test_fuzz.py).

    python benchmarks/fuzz.py [--minutes 3] [--only extract|readers] [--seed N]

Each strategy (random, number-heavy, date-heavy and unicode-heavy text; JSONL, CSV, feed and WARC files)
gets an equal share of the time. Every exception other than a ``SitrepsError`` (an input error that the CLI
shows as one line) and every broken report property counts as a crash; the table gives the calls and the
crashes per strategy, and each kind of crash is printed once with the shortest input that caused it, ready
to become a regression test. Exit code 1 when anything crashed.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402

from tests import fuzz_strategies as fs  # noqa: E402
from tests.test_fuzz import extract_or_input_error, read_corpus_file  # noqa: E402


def run(name: str, strategy, check: Callable, seconds: float, rng_seed: int) -> tuple[int, dict[str, tuple]]:
    """Call ``check`` on examples of ``strategy`` for ``seconds`` (rounds of 50 examples, each round seeded
    from ``rng_seed``, so a run is repeatable); (calls, {crash kind: (shortest input, traceback)})."""
    crashes: dict[str, tuple] = {}
    calls = 0
    ends = time.monotonic() + seconds

    def probe(example) -> None:
        nonlocal calls
        if time.monotonic() > ends:
            return
        calls += 1
        try:
            check(example)
        except Exception as error:  # noqa: BLE001 - every crash is recorded, the run goes on
            frame = traceback.extract_tb(error.__traceback__)[-1]
            kind = f"{type(error).__name__} at {Path(frame.filename).name}:{frame.lineno}"
            if kind not in crashes or len(repr(example)) < len(repr(crashes[kind][0])):
                crashes[kind] = (example, "".join(traceback.format_exception(error))[-1500:])

    round_ = 0
    while time.monotonic() < ends:
        seed(rng_seed * 100_003 + round_)(settings(max_examples=50, deadline=None, database=None,
                                                   suppress_health_check=list(HealthCheck))(given(strategy)(probe)))()
        round_ += 1
    return calls, crashes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=3.0)
    parser.add_argument("--only", choices=["extract", "readers"])
    parser.add_argument("--seed", type=int, default=21)
    args = parser.parse_args(argv)
    plans = []
    if args.only in (None, "extract"):
        def extract_check(pair):
            extract_or_input_error(*pair)

        from hypothesis import strategies as st

        for name, strategy in (("random text", fs.random_text), ("number-heavy", fs.number_heavy),
                               ("date-heavy", fs.date_heavy), ("unicode-heavy", fs.unicode_heavy)):
            plans.append((f"extract: {name}", st.tuples(strategy, fs.published), extract_check))
    if args.only in (None, "readers"):
        for name, strategy, file_name in (("JSONL", fs.jsonl_files(), "wire.jsonl"), ("CSV", fs.csv_files(), "wire.csv"),
                                          ("feed", fs.feed_files(), "world.rss"), ("WARC", fs.warc_files(), "crawl.warc")):
            plans.append((f"reader: {name}", strategy, lambda data, file_name=file_name: read_corpus_file(data, file_name)))
    if plans and plans[0][0].startswith("extract"):
        import sitreps

        sitreps.extract("Warm-up: 3 people were hurt in Kharkiv on Monday, officials said.")
    share = args.minutes * 60 / len(plans)
    print("| strategy | calls | crashes |")
    print("|---|---|---|")
    found: dict[str, tuple] = {}
    for name, strategy, check in plans:
        calls, crashes = run(name, strategy, check, share, args.seed)
        print(f"| {name} | {calls:,} | {len(crashes)} |", flush=True)
        found.update({f"{name}: {kind}": value for kind, value in crashes.items()})
    for kind, (example, trace) in found.items():
        print(f"\n## {kind}\ninput: {example!r}\n{trace}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
