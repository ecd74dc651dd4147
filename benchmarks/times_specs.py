"""Accuracy of the times extractor: our gold split by kind, and public specs nobody on the team wrote.

    python benchmarks/times_specs.py [--shared ../shared] [--json] [--failures]

Three measurements:

1. **Gold** (tests/gold/*.yaml and ../shared/gold/seed.yaml, as ``sitreps evaluate
   --component times`` scores them): exact value accuracy on matched expressions,
   split into *absolute* (the text carries its year: "September 2023", "Feb. 6,
   2025") and *relative* (resolved against the article's date or another
   expression: "last June", "on Friday", "a week earlier").
2. **Recognizers-Text** English ``DateParser`` and ``DatePeriodParser`` specs
   (Microsoft, MIT licence; ../shared/datasets/recognizers-text-en): each span is
   resolved by ``sitreps.timeparse.resolve_text`` against the spec's reference
   date, once as past and once as future, and compared with the spec's past and
   future resolutions (a date, or a start and end). Cases marked ``NotSupported``
   are skipped. "Attempted" counts the spans the resolver reads at all;
   accuracy is reported over attempted spans and over all.
3. **MEANTIME** (NewsReader, CC BY 4.0; ../shared/datasets/meantime-en): the
   whole extractor on 120 Wikinews articles, against their TIMEX3 DATE values
   with the document creation time given as the article's date: recall of the
   annotated dates that have a calendar value, and exact value accuracy on those found;
   then every TIMEX3 DATE (PRESENT_REF, seasons, quarters, fiscal years …), a value
   right when it says what the TimeML value says (``timeml_agrees``, docs/times.md).
   TempEval-3's platinum set is not in the data root; MEANTIME uses the same scheme.

Range conventions differ: Recognizers writes ranges with an exclusive end
("from 4 to 22" ends 22, "this week" Monday to the next Monday); sitreps writes
the last day included. A range counts as right when its start agrees and its
end is the spec's end or the day before.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sitreps.config import Settings  # noqa: E402
from sitreps.evaluation import load_gold  # noqa: E402
from sitreps.evaluation import run_gold_article  # noqa: E402
from sitreps.evaluation.gold import locate  # noqa: E402
from sitreps.evaluation.lenient import matches  # noqa: E402
from sitreps.timeparse import parse_value, resolve_text  # noqa: E402

_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


# --- 1. gold -------------------------------------------------------------------------------------

def gold_scores(shared: Path, failures: list[str]) -> dict[str, dict[str, int]]:
    settings = Settings.from_env()
    paths = sorted((ROOT / "tests" / "gold").glob("*.yaml"))
    seed = shared / "gold" / "seed.yaml"
    if seed.exists():
        paths.insert(0, seed)
    counts: dict[str, Counter[str]] = {"absolute": Counter(), "relative": Counter()}
    for path in paths:
        gold = load_gold(path)
        report = run_gold_article(gold, settings)
        text = report.article.text
        used: set[int] = set()
        for entry in gold.items("times"):
            kind = "absolute" if entry.get("anchor") == "absolute" or \
                ("anchor" not in entry and _YEAR.search(entry["text"])) else "relative"
            if "value" not in entry:
                continue
            counts[kind]["gold"] += 1
            span = locate(text, entry["text"], entry.get("context"))
            best = None
            if span:
                overlaps = [(min(span[1], t.end) - max(span[0], t.start), i) for i, t in enumerate(report.times)
                            if i not in used and min(span[1], t.end) > max(span[0], t.start)]
                best = max(overlaps)[1] if overlaps else None
            if best is None:
                failures.append(f"gold {gold.name}: {entry['text']!r} not found")
                continue
            used.add(best)
            counts[kind]["found"] += 1
            found = report.times[best]
            wanted = entry["value"]
            ok = found.granularity == "vague" if wanted == "vague" else matches(wanted, found.value)
            counts[kind]["right"] += ok
            if not ok:
                failures.append(f"gold {gold.name}: {entry['text']!r} -> {found.value!r}, gold {wanted!r}")
    return {kind: dict(c) for kind, c in counts.items()}


# --- 2. Recognizers-Text specs ----------------------------------------------------------------------

def _spec_span(resolution: dict, timex: str) -> tuple[dt.date, dt.date, bool] | None:
    """(start, end, range-with-exclusive-end) of a spec resolution; None when it gives none."""
    if "date" in resolution:
        day = dt.date.fromisoformat(resolution["date"][:10])
        return (day, day, False) if day.year > 1 else None
    if "startDate" in resolution and "endDate" in resolution:
        start = dt.date.fromisoformat(resolution["startDate"][:10])
        end = dt.date.fromisoformat(resolution["endDate"][:10])
        return start, end, True
    return None


def _agrees(value: str | None, expected: tuple[dt.date, dt.date, bool] | None) -> bool:
    if expected is None:
        return value is None
    period = parse_value(value) if value else None
    if period is None:
        return False
    start, end, exclusive = expected
    if not exclusive:
        return (period.start, period.end) == (start, end)
    return period.start == start and period.end in (end, end - dt.timedelta(days=1))


def spec_scores(folder: Path, failures: list[str]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for name in ("DateParser", "DatePeriodParser"):
        cases = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        counts: Counter[str] = Counter()
        for case in cases:
            if case.get("NotSupported") or "Context" not in case:
                counts["skipped"] += 1
                continue
            reference = case["Context"]["ReferenceDateTime"][:10]
            for result in case["Results"]:
                value = result.get("Value") or {}
                past = _spec_span(value.get("PastResolution") or {}, value.get("Timex", ""))
                future = _spec_span(value.get("FutureResolution") or {}, value.get("Timex", ""))
                if past is None and future is None and not value.get("PastResolution", {}).get("date"):
                    counts["no resolution in spec"] += 1
                    continue
                counts["spans"] += 1
                mine_past = resolve_text(result["Text"], reference, direction="past")
                mine_future = resolve_text(result["Text"], reference, direction="future")
                if mine_past is None or mine_past.value is None:
                    if past is None and future is None:     # an impossible date ("Feb 30"): right to refuse
                        counts["attempted"] += 1
                        counts["right"] += 1
                    continue
                counts["attempted"] += 1
                ok = _agrees(mine_past.value, past) and _agrees(mine_future.value, future)
                counts["right"] += ok
                if not ok:
                    failures.append(f"{name}: {result['Text']!r} @ {reference}: past {mine_past.value}, "
                                    f"future {mine_future.value}; spec {value.get('PastResolution')} / "
                                    f"{value.get('FutureResolution')}")
        out[name] = dict(counts)
    return out


# --- 3. MEANTIME ----------------------------------------------------------------------------------

_CALENDAR = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2})?$")


_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def timeml_agrees(gold: str, value: str | None, published: str) -> bool:
    """Whether sitreps' value says what a TimeML value says, where the two notations differ on purpose
    (docs/times.md, "TimeML"): PRESENT_REF is the article's date, PAST_REF/FUTURE_REF and unknown
    dates (XXXX) are vague (no value), a century "19" is 1900/1999, a decade "199" 1990/1999, a season
    "2008-SU" its months, a quarter "2009-Q1" its months, a weekend "2010-W04-WE" its Saturday and Sunday, a
    fiscal year "FY2009" twelve months ending in 2009. Other differences (a modifier such as END, a time of
    day, a duration) count as wrong."""
    if gold == "PRESENT_REF":
        return value == published[:10]
    if gold in ("PAST_REF", "FUTURE_REF") or gold.startswith("XXXX"):
        return value is None
    if value == gold:
        return True
    if value is None:
        return False
    if re.fullmatch(r"\d{2}", gold):
        return value == f"{gold}00/{gold}99"
    if re.fullmatch(r"\d{3}", gold):
        return value == f"{gold}0/{gold}9"
    season = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", gold)
    if season:
        year, (first, last) = int(season[1]), _SEASONS[season[2]]
        return value == f"{year}-{first:02d}/{year + (last < first)}-{last:02d}"
    quarter = re.fullmatch(r"(\d{4})-Q([1-4])", gold)
    if quarter:
        first = 3 * int(quarter[2]) - 2
        return value == f"{quarter[1]}-{first:02d}/{quarter[1]}-{first + 2:02d}"
    weekend = re.fullmatch(r"(\d{4})-W(\d{2})-WE", gold)
    if weekend:
        saturday = dt.date.fromisocalendar(int(weekend[1]), int(weekend[2]), 6)
        return value == f"{saturday}/{saturday + dt.timedelta(days=1)}"
    fiscal = re.fullmatch(r"FY(\d{4})", gold)
    if fiscal:
        period = parse_value(value)
        return period is not None and period.end.year == int(fiscal[1]) and 360 <= (period.end - period.start).days <= 370
    return False


def meantime_scores(folder: Path, failures: list[str]) -> dict[str, int]:
    from sitreps.extract.times import extract_times
    from sitreps.nlp import get_nlp
    from sitreps.types import Article, Report, Sentence

    nlp = get_nlp()
    counts: Counter[str] = Counter()
    for path in sorted(folder.glob("corpus_*/*.xml")):
        root = ET.parse(path).getroot()
        tokens = {t.get("t_id"): t for t in root.iter("token")}
        order = list(tokens)
        creation = None
        timexes = []
        for timex in root.iter("TIMEX3"):
            anchors = [a.get("t_id") for a in timex.iter("token_anchor")]
            if timex.get("functionInDocument") == "CREATION_TIME":
                creation = timex.get("value")
            elif anchors and timex.get("type") == "DATE" and timex.get("value"):
                timexes.append((anchors, timex.get("value")))
        if not creation or not timexes or not re.match(r"^\d{4}-\d{2}-\d{2}", creation):
            continue
        # the document text from its tokens, the creation date line (the first sentence) left out
        first_sentence = tokens[order[0]].get("sentence")
        offsets: dict[str, tuple[int, int]] = {}
        parts: list[str] = []
        position, sentence = 0, None
        for tid in order:
            token = tokens[tid]
            if token.get("sentence") == first_sentence:
                continue
            if parts:
                gap = "\n" if token.get("sentence") != sentence else " "
                parts.append(gap)
                position += 1
            sentence = token.get("sentence")
            word = token.text or ""
            offsets[tid] = (position, position + len(word))
            parts.append(word)
            position += len(word)
        text = "".join(parts)
        doc = nlp(text)
        report = Report(article=Article(id="0" * 16, text=text, published=creation[:10], published_basis="given"),
                        sentences=[Sentence(s.start_char, s.end_char) for s in doc.sents])
        extract_times(doc, report)
        for anchors, value in timexes:
            if not all(a in offsets for a in anchors):
                continue
            start, end = offsets[anchors[0]][0], offsets[anchors[-1]][1]
            calendar = bool(_CALENDAR.match(value))
            counts["all dates"] += 1
            counts["dates"] += calendar
            found = next((t for t in report.times if t.start < end and start < t.end), None)
            if found is None:
                failures.append(f"meantime {path.stem[:40]}: {text[start:end]!r} ({value}) not found")
                continue
            counts["all found"] += 1
            counts["found"] += calendar
            ok = timeml_agrees(value, found.value, creation)
            counts["all right"] += ok
            counts["right"] += calendar and ok
            if not ok:
                failures.append(f"meantime {path.stem[:40]}: {text[start:end]!r} -> {found.value!r}, gold {value!r}")
    return dict(counts)


# --- report ---------------------------------------------------------------------------------------

def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "  n/a"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--failures", action="store_true", help="list every wrong or missed case")
    parser.add_argument("--no-meantime", action="store_true", help="skip the MEANTIME run (it parses 120 articles)")
    args = parser.parse_args()
    failures: list[str] = []
    results: dict[str, object] = {"gold": gold_scores(args.shared, failures)}
    specs = args.shared / "datasets" / "recognizers-text-en"
    if specs.is_dir():
        results["recognizers"] = spec_scores(specs, failures)
    meantime = args.shared / "datasets" / "meantime-en"
    if meantime.is_dir() and not args.no_meantime:
        results["meantime"] = meantime_scores(meantime, failures)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print("Gold (exact value on matched expressions)")
        for kind, c in results["gold"].items():  # type: ignore[union-attr]
            print(f"  {kind:9} {c.get('right', 0):4} / {c.get('found', 0):4} right ({_pct(c.get('right', 0), c.get('found', 0))}),"
                  f" {c.get('found', 0)} of {c.get('gold', 0)} found")
        for name, c in (results.get("recognizers") or {}).items():  # type: ignore[union-attr]
            print(f"Recognizers-Text {name}: {c.get('spans', 0)} spans ({c.get('skipped', 0)} cases NotSupported, "
                  f"{c.get('no resolution in spec', 0)} without a resolution)")
            print(f"  attempted {c.get('attempted', 0)} ({_pct(c.get('attempted', 0), c.get('spans', 0))}), right "
                  f"{c.get('right', 0)}: {_pct(c.get('right', 0), c.get('attempted', 0))} of attempted, "
                  f"{_pct(c.get('right', 0), c.get('spans', 0))} of all")
        if "meantime" in results:
            c = results["meantime"]  # type: ignore[assignment]
            print(f"MEANTIME TIMEX3 dates with a calendar value: {c.get('dates', 0)}; found {c.get('found', 0)} "
                  f"({_pct(c.get('found', 0), c.get('dates', 0))}), value right {c.get('right', 0)} "
                  f"({_pct(c.get('right', 0), c.get('found', 0))} of found)")
            print(f"MEANTIME every TIMEX3 DATE (TimeML values: PRESENT_REF, seasons, centuries, FY …): "
                  f"{c.get('all dates', 0)}; found {c.get('all found', 0)} ({_pct(c.get('all found', 0), c.get('all dates', 0))}), "
                  f"value right {c.get('all right', 0)} ({_pct(c.get('all right', 0), c.get('all found', 0))} of found, "
                  f"{_pct(c.get('all right', 0), c.get('all dates', 0))} of all)")
    if args.failures:
        print("\n".join(["", "Failures:", *failures]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
