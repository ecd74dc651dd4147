"""How long it takes to start: ``sitreps --version``, ``import sitreps``, ``import sitreps.timeparse``.

    python benchmarks/imports.py [--repeat 5]

Each is run in a fresh interpreter, several times; the median wall time is printed with the heavy
libraries (spaCy, pandas, trafilatura, SQLAlchemy) each one loaded. Goals (docs/architecture.md):
``sitreps --version`` under 0.3 s, ``import sitreps.timeparse`` under 0.2 s, neither loading a heavy
library. Interpreter start-up itself is printed as the baseline.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

HEAVY = ("spacy", "pandas", "trafilatura", "sqlalchemy")
PROBE = ("import sys, json; {statement}; "
         "print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)))")
CASES = {
    "python (start-up only)": "pass",
    "import sitreps": "import sitreps",
    "import sitreps.timeparse": "import sitreps.timeparse",
    "sitreps --version": "from sitreps.cli import main; main(['--version'])",
}


def measure(statement: str, repeat: int) -> tuple[float, list[str]]:
    times, loaded = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", PROBE.format(statement=statement, heavy=HEAVY)],
                              capture_output=True, text=True, check=True)
        times.append(time.perf_counter() - start)
        loaded = json.loads(done.stdout.strip().splitlines()[-1])
    return statistics.median(times), loaded


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5, help="runs per case (the median is printed)")
    args = parser.parse_args()
    print("| what | median seconds | heavy libraries loaded |")
    print("|---|---|---|")
    for name, statement in CASES.items():
        seconds, loaded = measure(statement, args.repeat)
        print(f"| {name} | {seconds:.3f} | {', '.join(loaded) or 'none'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
