"""Articles of realistic length for speed benchmarks, built from the team's own gold articles.

Each synthetic article strings paragraphs of the gold texts together (a
different rotation per article) until it reaches the wanted length, and ends
with the kind of boilerplate lines scraped pages carry, so every stage of the
pipeline has its usual work.
"""

from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "tests" / "gold").glob("*.txt")) + [ROOT / "src" / "sitreps" / "data" / "sample" / "wire-kharkiv.txt"]
TAIL = ["Reporting by Jane Roe in Kyiv; Editing by John Poe", "Copyright 2025 Meridian Wire. All rights reserved.",
        "Read more: Officials Weigh New Aid Package for the Front"]


def paragraphs() -> list[str]:
    found = []
    for path in SOURCES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if len(line.split()) >= 25:  # body paragraphs, not headlines or boilerplate
                found.append(line.strip())
    return found


def make_articles(count: int, words: int = 1200, seed: int = 7) -> list[str]:
    pool = paragraphs()
    rng = random.Random(seed)
    articles = []
    for _ in range(count):
        order = pool[:]
        rng.shuffle(order)
        body, size = [], 0
        for paragraph in order:
            body.append(paragraph)
            size += len(paragraph.split())
            if size >= words:
                break
        articles.append("\n".join(body + TAIL))
    return articles
