"""Check gold files without running sitreps: the schema, the article file, and every quoted string.

    python scripts/check_gold.py tests/gold-real/dev/*.yaml

An annotator runs this while writing gold, before looking at what sitreps outputs, so that the
annotation is never shaped by the output. It checks that the file follows docs/gold-format.md,
that its article is found, and that every span it quotes (times, figures, their contexts,
claims' and events' ``text_contains``, events' figures, ``not_*`` strings) is in the article.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sitreps.errors import GoldFormatError
from sitreps.evaluation.gold import Gold, load_gold, locate


def problems(gold: Gold) -> list[str]:
    """Every quoted string of the gold that cannot be found in its article."""
    text = gold.article_path.read_text(encoding="utf-8")
    found: list[str] = []

    def need(needle: str, context: str | None = None, where: str = "") -> None:
        if context is not None and locate(text, context) is None:
            found.append(f"{where}: context {context!r} not in the article")
        elif locate(text, needle, context) is None:
            found.append(f"{where}: {needle!r} not in the article" + (f" (inside {context!r})" if context else ""))

    for key in ("times", "figures"):
        for item in gold.items(key):
            need(item["text"], item.get("context"), key)
        for item in gold.items(f"not_{key}"):
            need(item, where=f"not_{key}")
    for key in ("claims", "events"):
        for item in gold.items(key):
            if "text_contains" in item:
                need(item["text_contains"], where=key)
    for item in gold.items("events"):
        for figure in item.get("figures") or []:
            need(figure, where="events.figures")
    for item in gold.items("not_events"):
        need(item if isinstance(item, str) else item["text"], where="not_events")
    return found


def main(paths: list[str]) -> int:
    failed = 0
    for path in paths:
        try:
            found = problems(load_gold(path))
        except GoldFormatError as error:
            found = [str(error)]
        for line in found:
            print(f"{path}: {line}")
        failed += bool(found)
    print(f"{len(paths) - failed} of {len(paths)} gold files check out")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
