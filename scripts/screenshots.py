"""Screenshots of the workbench for the README (docs/img/), taken in a real headless Chromium.

    python scripts/screenshots.py [--db STORE] [--out docs/img]

Without --db it builds a store from the shipped sample and the fusion test
corpus (tests/fusion/articles.jsonl). Needs Chromium (/usr/bin/chromium, or
$SITREPS_CHROMIUM) and the dev extra (Playwright).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from playwright.sync_api import sync_playwright  # noqa: E402

from sitreps.store import Store  # noqa: E402
from sitreps.web import create_app  # noqa: E402
from tests.browser import ARGS  # noqa: E402
from tests.web_support import running  # noqa: E402

PAGES = {  # file -> (path, what to wait for)
    "reader.png": (None, "#article-text .hl"),
    "figures.png": ("/figures?category=killed", "#figures-chart svg"),
    "ledger.png": ("/ledger/quantity?key=" + quote("troops|PRK|RUS|person|total"), "#quantity-chart svg"),
    "contradictions.png": ("/contradictions", "section.contradiction-group"),
    "places.png": ("/places", "#events-map svg"),
    "corrections.png": ("/corrections?status=all", "#corrections-table blockquote.sentence"),
}
PHONE = {  # the same at 390 px: the reader with its Report button, the figures with their filters
    "phone-reader.png": (None, "#report-button"),
    "phone-figures.png": ("/figures", "#filters"),
}


def build(db: Path) -> None:
    sitreps = Path(sys.executable).parent / "sitreps"
    sources = [str(ROOT / "src/sitreps/data/sample/wire-kharkiv.txt"), str(ROOT / "tests/fusion/articles.jsonl")]
    subprocess.run([str(sitreps), "ingest", *sources, "--db", str(db), "--no-progress"], check=True,
                   stdout=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="an existing store (default: build one from the sample and the fusion corpus)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "img"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "shots.db"
        if not args.db:
            build(db)
        store = Store(str(db), create=False)
        sample = store.articles(source="Meridian Wire").iloc[0]["id"]
        figure = next((f for f in store.report(sample)["figures"] if f.get("value")), None)
        if figure is not None and store.corrections().empty:  # one correction for the reviewers' page
            store.add_correction(sample, "figures", "wrong", start=figure["start"], end=figure["end"],
                                 text=figure["text"], item_id=figure["id"], field="value", value=9,
                                 note="the governor revised the toll that evening", author="bob")
        executable = os.environ.get("SITREPS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
        with running(create_app(store)) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=ARGS)
            page = browser.new_context(viewport={"width": 1360, "height": 860}).new_page()
            phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                        has_touch=True).new_page()
            for shots, tab in ((PAGES, page), (PHONE, phone)):
                for name, (path, ready) in shots.items():
                    tab.goto(base + (path or f"/articles/{sample}#item-F2"))
                    tab.wait_for_selector(ready)
                    tab.screenshot(path=str(out / name))
                    print(out / name)
            browser.close()


if __name__ == "__main__":
    main()
