"""The accuracy gate: fail when any evaluation figure drops below its pinned floor.

    python benchmarks/eval_gate.py                 # check (run by `make test`)
    python benchmarks/eval_gate.py --update        # raise floors to the current figures
    python benchmarks/eval_gate.py --update --allow-regression   # also lower them (say why in the commit)

Floors live in benchmarks/eval_baseline.json and hold the real current figures of three sets:
the team's gold set (tests/gold, key prefix ``team.``), the shared seed (``seed.``) and the real
development split (tests/gold-real/dev, ``real.``: real Wikinews articles whose texts are read from
../shared/datasets). The last two need ../shared: without it they are skipped with a note, and
under CI=true the gate fails instead. The real test split (tests/gold-real/test) is never gated:
it is scored only to report, by benchmarks/results.py.
Evaluation is deterministic, so a floor is the figure itself, not a rounded-down one.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "benchmarks" / "eval_baseline.json"
SHARED = ROOT.parent / "shared"
TEAM_GOLD = sorted((ROOT / "tests" / "gold").glob("*.yaml"))
SEED_GOLD = [SHARED / "gold" / "seed.yaml"]
REAL_DEV_GOLD = sorted((ROOT / "tests" / "gold-real" / "dev").glob("*.yaml"))
EPSILON = 1e-9


def current_figures() -> dict[str, float]:
    from sitreps.evaluation import evaluate

    figures = {f"team.{k}": v for k, v in evaluate(TEAM_GOLD).metrics().items()}
    for prefix, paths, needs in (("seed", SEED_GOLD, SEED_GOLD[0]),
                                 ("real", REAL_DEV_GOLD, SHARED / "datasets" / "wikinews-conflict")):
        if needs.exists():
            figures.update({f"{prefix}.{k}": v for k, v in evaluate(paths).metrics().items()})
        elif os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            sys.exit(f"eval gate: {needs} is missing; CI must score the {prefix} set")
        else:
            print(f"eval gate: NOTE {needs} not found: the {prefix} figures are not checked", file=sys.stderr)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--update", action="store_true", help="write the current figures as the new floors")
    parser.add_argument("--allow-regression", action="store_true", help="with --update: allow lowering floors")
    args = parser.parse_args()

    floors: dict[str, float] = json.loads(BASELINE.read_text()) if BASELINE.exists() else {}
    figures = current_figures()
    below = {k: (floors[k], figures.get(k, 0.0)) for k in floors
             if (k.startswith("team.") or k in figures) and figures.get(k, 0.0) < floors[k] - EPSILON}
    raised = {k: v for k, v in figures.items() if v > floors.get(k, -1.0) + EPSILON}

    width = max(map(len, figures), default=10)
    for key in sorted(figures):
        floor = floors.get(key)
        mark = "BELOW" if key in below else ("new" if floor is None else ("up" if key in raised else ""))
        print(f"{key:<{width}}  {figures[key]:.4f}  floor {'—' if floor is None else f'{floor:.4f}'}  {mark}")

    if args.update:
        if below and not args.allow_regression:
            print(f"\neval gate: refusing to lower {len(below)} floor(s) without --allow-regression", file=sys.stderr)
            return 1
        kept = {k: v for k, v in floors.items() if k not in figures and not args.allow_regression}
        BASELINE.write_text(json.dumps(dict(sorted({**kept, **figures}.items())), indent=2) + "\n")
        note = " (lowered floors: give the reason in the commit message)" if below else ""
        print(f"\neval gate: floors written to {BASELINE.relative_to(ROOT)}{note}")
        return 0
    if below:
        print(f"\neval gate: FAILED, {len(below)} figure(s) below their floor:", file=sys.stderr)
        for key, (floor, value) in sorted(below.items()):
            print(f"  {key}: {value:.4f} < {floor:.4f}", file=sys.stderr)
        print("Fix the regression, or lower the floor with --update --allow-regression and say why in the commit.",
              file=sys.stderr)
        return 1
    print(f"\neval gate: passed ({len(floors)} floors held)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
