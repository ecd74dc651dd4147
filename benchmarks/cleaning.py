"""How much of real articles the cleaner removes: documents that lose more than 20% of their characters.

    python benchmarks/cleaning.py [--shared ../shared] [--threshold 0.2] [--list]

The cleaner (``sitreps.clean``) must remove boilerplate, never reporting. On texts
nobody on the team wrote, a document that loses a fifth of its characters has
almost certainly lost paragraphs of reporting (a page's chrome is a few short
lines). Two sets from the team's data root:

- ``datasets/wikinews-conflict/texts``: 48 Wikinews articles on armed conflict,
  plain text (title, blank line, date line, body), CC BY 2.5;
- ``datasets/meantime-en``: 120 Wikinews articles of NewsReader MEANTIME (CC BY
  4.0), rebuilt from their tokens one sentence a line (the corpus keeps no
  paragraphs), so every sentence is a line the cleaner may judge on its own.

A document's loss is the characters of its removed lines over the characters of
all its non-empty lines; the title and the date line are kept by the cleaner
and do not count as lost. ``--list`` prints every removed line of the documents
over the threshold, with the rule's reason.
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sitreps.clean import clean  # noqa: E402


def wikinews(folder: Path) -> list[tuple[str, str]]:
    return [(path.stem, path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.txt"))]


def meantime(folder: Path) -> list[tuple[str, str]]:
    """Each article's text from its tokens, one sentence a line (title first, as the corpus has it)."""
    out = []
    for path in sorted(folder.glob("corpus_*/*.xml")):
        sentences: dict[str, list[str]] = {}
        for token in ET.parse(path).getroot().iter("token"):
            sentences.setdefault(token.get("sentence") or "", []).append(token.text or "")
        lines = [" ".join(words) for words in sentences.values()]
        out.append((path.stem[:48], "\n\n".join(lines)))
    return out


def loss(text: str) -> tuple[float, list[tuple[str, str]]]:
    """Share of characters removed, and the removed lines with their reasons."""
    total = sum(len(line.strip()) for line in text.splitlines() if line.strip())
    result = clean(text)
    removed = [(r.reason, r.text) for r in result.removed]
    return (sum(len(t) for _, t in removed) / total if total else 0.0), removed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--threshold", type=float, default=0.2, help="share of characters lost (default 0.2)")
    parser.add_argument("--list", action="store_true", help="print the removed lines of documents over the threshold")
    args = parser.parse_args()
    data = args.shared / "datasets"
    sets = {"wikinews-conflict": wikinews(data / "wikinews-conflict" / "texts"),
            "meantime-en": meantime(data / "meantime-en")}
    over_all = 0
    total_docs = 0
    for name, docs in sets.items():
        if not docs:
            print(f"{name}: not found under {data}")
            continue
        over = []
        reasons: Counter[str] = Counter()
        for doc_id, text in docs:
            share, removed = loss(text)
            reasons.update(reason for reason, _ in removed)
            if share > args.threshold:
                over.append((doc_id, share, removed))
        over_all += len(over)
        total_docs += len(docs)
        print(f"{name}: {len(over)} of {len(docs)} documents lose more than {args.threshold:.0%} of their characters; "
              f"removed lines by reason: {dict(reasons.most_common())}")
        for doc_id, share, removed in over:
            print(f"  {doc_id}: {share:.0%} removed")
            if args.list:
                for reason, line in removed:
                    print(f"      [{reason}] {line[:110]}")
    print(f"all: {over_all} of {total_docs} documents over {args.threshold:.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
