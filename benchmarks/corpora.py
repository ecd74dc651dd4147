"""The two corpora of the speed benchmarks: synthetic 1,200-word articles and real Wikinews texts.

    synthetic   benchmarks/synthetic.py: gold paragraphs strung to ~1,200 words, with wire boilerplate
    wikinews    the 48 Wikinews conflict articles of the data root (../shared/datasets/wikinews-conflict/texts,
                or $SITREPS_DATA_ROOT/datasets/...), about 550 words each, read from there, never copied

Wikinews gives only 48 articles, so a longer corpus repeats them. Copy k > 0 of
article i is the article with one more paragraph before its last, taken from
article i + k (or the next one
that the article does not already hold): every copy has its own text (so none is skipped as already
stored) and does the work of a real article; an ingest stores most copies as
near-duplicates of the original, as it would syndicated copies of a wire story.
"""

from __future__ import annotations

import os
from pathlib import Path

from synthetic import make_articles

ROOT = Path(__file__).resolve().parent.parent
WIKINEWS = Path("datasets") / "wikinews-conflict" / "texts"
CORPORA = ("synthetic", "wikinews")


def wikinews_folder() -> Path:
    roots = [Path(os.environ["SITREPS_DATA_ROOT"])] if os.environ.get("SITREPS_DATA_ROOT") else []
    for root in [*roots, ROOT.parent / "shared"]:
        if (root / WIKINEWS).is_dir():
            return root / WIKINEWS
    raise SystemExit(f"the Wikinews texts are not under {ROOT.parent / 'shared' / WIKINEWS} "
                     "(set SITREPS_DATA_ROOT to the folder that holds datasets/)")


def wikinews_articles(count: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(wikinews_folder().glob("*.txt"))]
    extra = [max((p for p in t.split("\n\n") if len(p.split()) >= 25), key=len, default="") for t in texts]
    articles = []
    used: list[set[str]] = [set() for _ in texts]
    for n in range(count):
        copy, i = divmod(n, len(texts))
        j = (i + copy) % len(texts)
        # a paragraph the article does not hold yet (two versions of one story share some); after a full round
        # of them, a second one
        while copy and (extra[j] in texts[i] or extra[j] in used[i]) and len(used[i]) < len(texts) - 1:
            j = (j + 1) % len(texts)
        used[i].add(extra[j])
        tail = extra[j] if copy < len(texts) else extra[j] + "\n\n" + extra[(j + 1) % len(texts)]
        if copy == 0:
            articles.append(texts[i])
            continue
        head, _, last = texts[i].rstrip().rpartition("\n\n")  # before the last paragraph: the foot is where
        articles.append(f"{head}\n\n{tail}\n\n{last}")         # the cleaner looks for boilerplate
    return articles


def make_corpus(name: str, count: int, words: int = 1200) -> list[str]:
    if name == "synthetic":
        return make_articles(count, words)
    if name == "wikinews":
        return wikinews_articles(count)
    raise ValueError(f"corpus must be one of {', '.join(CORPORA)}, not {name!r}")
