"""Score the current extractor on the fusion corpus's expected figures (a script, not a test).

    .venv/bin/python tests/fusion/check_extractor.py [--verbose]

For every estimate in expected.yaml (and other_figures) it looks for the sitreps figure whose text is the
expected text (or contains it) and checks amount, qualifier, category and source; it prints the misses and
the share right, which README.md reports. The source counts as right when the figure's source actor has the
expected source_group's country and its name shares a word with the expected source or with the body in
source_group (any actor of the country for "government"); "unnamed" and "author" never match a named source.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

import sitreps

HERE = Path(__file__).parent
STOP = {"the", "of", "s", "'s", "south", "korea's", "ukraine's", "russia's", "agency"}
# What the short body names in source_group stand for; "government" is any actor of that country.
BODIES = {"NIS": "National Intelligence Service", "HUR": "Main Intelligence Directorate",
          "president": "Volodymyr Zelensky"}


def _words(s: str) -> set[str]:
    return {w.strip("'.,").lower() for w in s.replace("'s", " ").split()} - STOP


def main(verbose: bool = False) -> int:
    expected = yaml.safe_load(open(HERE / "expected.yaml", encoding="utf-8"))
    by_url = {json.loads(line)["url"]: json.loads(line) for line in open(HERE / "articles.jsonl", encoding="utf-8")}
    keys = expected["articles"]
    reports = {}
    for key, url in keys.items():
        art = by_url[url]
        reports[key] = sitreps.extract(art["text"], published=art["published"]).to_dict()
    wanted = [(q["category"], e) for q in expected["quantities"] for e in q["estimates"]]
    wanted += [(f["category"], f) for f in expected["other_figures"]]
    right = 0
    for category, e in wanted:
        report = reports[e["article"]]
        actors = {a["id"]: a for a in report["actors"]}
        figs = [f for f in report["figures"] if f["text"] == e["text"]] or \
               [f for f in report["figures"] if e["text"] in f["text"]]
        problems = []
        if not figs:
            problems.append("not extracted")
        else:
            f = figs[0]
            for k in ("value", "low", "high"):
                if e.get(k) != (f[k] if f[k] is None else int(f[k]) if f[k] == int(f[k]) else f[k]):
                    problems.append(f"{k} {f[k]} != {e.get(k)}")
            if "qualifier" in e and f["qualifier"] != e["qualifier"]:
                problems.append(f"qualifier {f['qualifier']}")
            if f["category"] != category:
                problems.append(f"category {f['category']}")
            src = actors.get(f["source"])
            group = e.get("source_group", "")
            country, _, body = group.partition(":")
            if src is None:
                problems.append(f"source {f['source']}")
            elif (country and src.get("country") not in (country, None)) or not (
                    body == "government" or
                    _words(src.get("name", "")) & (_words(e["source"]) | _words(BODIES.get(body, body)))):
                problems.append(f"source {src.get('name')}")
        ok = not problems
        right += ok
        if verbose or not ok:
            print(f"{'ok  ' if ok else 'MISS'} {e['article']} {e['text']!r}: {'; '.join(problems) or 'right'}")
    print(f"{right}/{len(wanted)} expected figures right ({100 * right / len(wanted):.0f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main("--verbose" in sys.argv))
