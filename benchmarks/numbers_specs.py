"""Score the amount reader (sitreps.extract.numbers) on Microsoft Recognizers-Text English specs.

    python benchmarks/numbers_specs.py [--show-misses N]

Reads ../shared/datasets/recognizers-text-en/{Number,NumberRange,Percent,Currency}Model.json
(MIT licence, not copied into this project) and prints, per model, how many expected
amounts sitreps reads with the same value (and bounds, for ranges), and how many
amounts it reads that the spec does not expect. The specs include forms news rarely
uses ("10G", "192.168.1.2", fractions in words); cases marked NotSupported for Python
are scored separately, since they are hard for the reference implementation too.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from sitreps.extract.numbers import Quantity, find_amounts

SPECS = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets" / "recognizers-text-en"
_INTERVAL = re.compile(r"^([\[(])\s*([-\d.e+]*)\s*,\s*([-\d.e+]*)\s*([\])])$")


def _numbers(quantity: Quantity) -> set[float]:
    return {round(v, 6) for v in (quantity.value, quantity.low, quantity.high) if v is not None}


def _expected(model: str, result: dict) -> tuple[float | None, float | None] | float | None:
    value = str(result["Resolution"].get("value", ""))
    if model == "NumberRangeModel":
        match = _INTERVAL.match(value)
        if not match:
            return None
        low, high = match.group(2), match.group(3)
        return (float(low) if low else None, float(high) if high else None)
    value = value.rstrip("%")
    try:
        return float(value)
    except ValueError:
        return None


def _hit(model: str, expected: object, quantities: list[Quantity]) -> bool:
    if model == "NumberRangeModel":
        low, high = expected  # type: ignore[misc]
        return any((low is None or q.low == low or q.value == low) and (high is None or q.high == high)
                   for q in quantities)
    return any(round(float(expected), 6) in _numbers(q) for q in quantities)  # type: ignore[arg-type]


def score(model: str, show: int) -> dict[str, int]:
    cases = json.loads((SPECS / f"{model}.json").read_text())
    counts = {"cases": 0, "expected": 0, "found": 0, "extra": 0, "not_supported_expected": 0, "not_supported_found": 0}
    shown = 0
    for case in cases:
        unsupported = "python" in str(case.get("NotSupported", "")).lower()
        quantities = find_amounts(case["Input"])
        expected = [e for e in (_expected(model, r) for r in case.get("Results", [])) if e is not None]
        counts["cases"] += 1
        for item in expected:
            hit = _hit(model, item, quantities)
            key = "not_supported_" if unsupported else ""
            counts[f"{key}expected"] += 1
            counts[f"{key}found"] += hit
            if not hit and not unsupported and shown < show:
                shown += 1
                print(f"  miss [{model}] {case['Input'][:90]!r} -> expected {item}, read "
                      f"{[(q.value, q.low, q.high) for q in quantities]}")
        if not unsupported and model != "NumberRangeModel":
            wanted = {round(float(e), 6) for e in expected}  # type: ignore[arg-type]
            counts["extra"] += sum(1 for q in quantities if not _numbers(q) & wanted)
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show-misses", type=int, default=0)
    args = parser.parse_args()
    if not SPECS.exists():
        print(f"{SPECS} not found: the shared datasets sit beside the project", file=sys.stderr)
        return 1
    print(f"{'model':<18} {'cases':>5} {'expected':>8} {'read right':>10} {'recall':>7} {'extra':>6}   NotSupported (read/expected)")
    for model in ("NumberModel", "NumberRangeModel", "PercentModel", "CurrencyModel"):
        c = score(model, args.show_misses)
        recall = c["found"] / c["expected"] if c["expected"] else 0.0
        print(f"{model:<18} {c['cases']:>5} {c['expected']:>8} {c['found']:>10} {100 * recall:>6.1f}% {c['extra']:>6}"
              f"   {c['not_supported_found']}/{c['not_supported_expected']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
