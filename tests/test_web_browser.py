"""End to end in a real headless Chromium: the reader, Ctrl+Enter, sign-in, escaping, and the screenshots.

Screenshots of the reader and the figures page go to ``$SITREPS_SCREENSHOTS``
when it is set (``SITREPS_SCREENSHOTS=docs/img make test`` refreshes the
README's), else to a temporary folder; either way the test checks they were
written.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitreps.store import Store
from sitreps.web import create_app
from tests.web_support import PASSWORDS, fill, running

pytestmark = pytest.mark.slow

SELECT_OFFSETS = """([start, end]) => {
  const segments = Array.from(document.querySelectorAll('#article-text [data-s]'));
  function point(offset) {
    const seg = segments.filter(s => Number(s.dataset.s) <= offset).pop();
    return [seg.firstChild, offset - Number(seg.dataset.s)];
  }
  const range = document.createRange();
  range.setStart(...point(start));
  range.setEnd(...point(end));
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  return selection.toString();
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    store = Store(str(tmp_path_factory.mktemp("web") / "web.db"))
    ids = fill(store)
    with running(create_app(store)) as base:
        yield base, ids, store


def sign_in(page, base: str, name: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORDS[name])
    page.click("#login-form button[type=submit]")
    page.wait_for_url(f"{base}/articles")


def test_highlight_then_ctrl_enter_stores_a_correction(chromium, site):
    base, ids, store = site
    report = store.report(ids["wire"])
    figure = report["figures"][1]
    start, end = figure["start"], figure["end"] + 12  # across several highlighted segments
    context = chromium.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    sign_in(page, base, "bob")
    page.goto(f"{base}/articles/{ids['wire']}")
    assert page.locator("#article-text .hl.k-figure").count() >= len(report["figures"]) // 2
    selected = page.evaluate(SELECT_OFFSETS, [start, end])
    assert selected == report["article"]["text"][start:end]
    page.keyboard.press("Control+Enter")
    form = page.locator("#correction-form")
    form.wait_for(state="visible")
    assert form.locator("input[name=start]").input_value() == str(start)
    assert form.locator("input[name=end]").input_value() == str(end)
    assert form.locator("select[name=choice]").input_value() == "wrong-figure"
    assert form.locator("select[name=item_id]").input_value() == figure["id"]
    form.locator("select[name=field]").select_option("value")
    form.locator("input[name=value]").fill("9")
    form.locator("textarea[name=note]").fill("the governor revised the toll later that day")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#reported")
    stored = store.corrections()
    row = stored.iloc[-1]
    assert (row["start"], row["end"], row["text"]) == (start, end, selected)
    assert (row["component"], row["kind"], row["field"], row["value"], row["author"]) == \
        ("figures", "wrong", "value", 9, "bob")
    assert row["item_id"] == figure["id"]
    context.close()


def test_without_signing_in_ctrl_enter_asks_to_sign_in(chromium, site):
    base, ids, store = site
    before = len(store.corrections())
    context = chromium.new_context()
    page = context.new_page()
    page.goto(f"{base}/articles/{ids['wire']}")
    page.evaluate(SELECT_OFFSETS, [0, 7])
    page.keyboard.press("Meta+Enter")  # Cmd+Enter, as on a Mac
    page.locator("#sign-in-needed").wait_for(state="visible")
    assert page.locator("#correction-form").count() == 0
    assert len(store.corrections()) == before
    context.close()


def test_an_article_with_markup_renders_as_text(chromium, site):
    base, ids, _ = site
    context = chromium.new_context()
    page = context.new_page()
    page.goto(f"{base}/articles/{ids['hostile']}")
    assert page.title() != "pwned" and page.title().startswith("<script>")  # shown as text, never run
    assert page.locator("#article-text script, #article-text img").count() == 0
    assert '<script>document.title="pwned"</script>' in page.locator("#article-text").inner_text()
    assert page.locator("h1").inner_text().startswith("<script>")
    context.close()


def test_panel_and_text_point_at_each_other(chromium, site):
    base, ids, store = site
    report = store.report(ids["wire"])
    last = report["figures"][-1]["id"]
    context = chromium.new_context(viewport={"width": 1400, "height": 700})
    page = context.new_page()
    page.goto(f"{base}/articles/{ids['wire']}")
    page.click(f"#panel-{last} a.goto")
    flashed = page.locator("#article-text .flash")
    flashed.first.wait_for()
    assert last in flashed.first.get_attribute("data-items").split()
    page.wait_for_function("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }",
                           arg=flashed.first.element_handle())
    page.locator("#article-text .hl.k-actor").first.click()
    assert page.locator(".panel li.current").count() >= 1
    page.uncheck("input[data-kind=figure]")
    assert "hide-figure" in page.locator("#article-text").get_attribute("class")
    context.close()


def test_screenshots_of_the_reader_and_the_figures_page(chromium, site, tmp_path):
    base, ids, _ = site
    out = Path(os.environ.get("SITREPS_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    context = chromium.new_context(viewport={"width": 1360, "height": 860})
    page = context.new_page()
    page.goto(f"{base}/articles/{ids['wire']}")
    page.screenshot(path=str(out / "reader.png"))
    page.goto(f"{base}/figures")
    assert page.locator("#figures-chart svg").count() == 1
    page.screenshot(path=str(out / "figures.png"), full_page=False)
    context.close()
    for name in ("reader.png", "figures.png"):
        assert (out / name).stat().st_size > 10_000
