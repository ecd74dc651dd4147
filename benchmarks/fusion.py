"""How fusion's time grows with the number of records: 10,000 to 100,000 synthetic events and figures.

    .venv/bin/python benchmarks/fusion.py            # 10k, 20k, 50k, 100k events + as many figures
    .venv/bin/python benchmarks/fusion.py --sizes 1000 5000

Records are made directly (seeded, so runs compare): one event per record
drawn from 16 types, 40 sides, 300 towns and two years, reported by 1-6
outlets each (so about half the mentions are duplicates to merge); figures of
8 categories about those sides, by 30 sources. The report says the seconds at
each size and the growth factor against the size factor (1.0 per 1.0 is linear).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from sitreps.fuse import ArticleRecord, EventRecord, FigureRecord, PlaceRef, Records, fuse_records  # noqa: E402

TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
CATEGORIES = ["troops", "killed", "wounded", "casualties", "fighters", "munitions", "money", "refugees"]
START = 738_900  # a day number in 2024


def synthetic(size: int, seed: int = 7) -> Records:
    """``size`` event mentions and ``size`` figures."""
    rng = random.Random(seed)
    sides = [f"C{i:02d}" for i in range(40)]
    towns = [PlaceRef(f"C{i % 40:02d}:town{i}", f"Town {i}", f"C{i % 40:02d}", "city", rng.uniform(-60, 60),
                      rng.uniform(-180, 180), 1) for i in range(300)]
    outlets = [f"Outlet {i}" for i in range(50)]
    records = Records()
    made = 0
    article = 0
    while made < size:
        kind = rng.choice(TYPES)
        actor, recipient = rng.sample(sides, 2)
        day = START + rng.randrange(730)
        town = rng.choice(towns)
        for _ in range(min(size - made, rng.randint(1, 6))):
            article += 1
            aid = f"a{article}"
            outlet = rng.choice(outlets)
            records.articles[aid] = ArticleRecord(aid, publisher=outlet)
            shift = rng.choice((0, 0, 0, 1, -1))
            records.events.append(EventRecord(
                aid, "E1", kind, frozenset({actor}), frozenset({recipient} if rng.random() < 0.8 else ()),
                (actor,), (recipient,), None, day + shift, day + shift, town if rng.random() < 0.7 else None,
                modality=rng.choice(("asserted", "reported", "reported", "claimed")), source=outlet,
                source_label=outlet, published=day + 1, publisher=outlet, text=f"{kind} by {actor}"))
            made += 1
    for index in range(size):
        subject = rng.choice(sides)
        category = rng.choice(CATEGORIES)
        base = 1000 * (1 + sides.index(subject) % 7)
        value = round(base * rng.uniform(0.7, 1.4), -1)
        source = f"S{rng.randrange(30)}"
        records.figures.append(FigureRecord(
            f"a{rng.randrange(1, article + 1)}", f"F{index}", category, "USD" if category == "money" else "person",
            subject, scope=rng.choice(("", "", rng.choice(sides))), value=value,
            qualifier=rng.choice(("exact", "approx")), day=START + rng.randrange(730), dated=True, source=source,
            source_label=source, what_key="aid" if category == "money" else ""))
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 20_000, 50_000, 100_000])
    args = parser.parse_args()
    rows = []
    for size in args.sizes:
        records = synthetic(size)
        started = time.perf_counter()
        fusion = fuse_records(records)
        seconds = time.perf_counter() - started
        rows.append((size, seconds, fusion))
        print(f"{size:>8,} events + {size:,} figures: {seconds:6.2f} s   -> {len(fusion.events):,} events "
              f"({fusion.stats['duplicate_rate']:.0%} duplicate mentions), {len(fusion.ledger):,} quantities, "
              f"{len(fusion.contradictions):,} contradictions", flush=True)
    base_size, base_seconds, _ = rows[0]
    print("\nsize x    time x")
    for size, seconds, _ in rows[1:]:
        print(f"{size / base_size:6.1f}  {seconds / base_seconds:8.2f}")


if __name__ == "__main__":
    main()
