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


# -- reporting without a mouse, and a form that survives a refusal (issue 19) ----------------------------------

def test_a_refused_correction_reopens_the_form_as_it_was_sent(chromium, site):
    base, ids, store = site
    figure = store.report(ids["wire"])["figures"][2]  # "52", wounded
    before = len(store.corrections())
    context = chromium.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    sign_in(page, base, "bob")
    page.goto(f"{base}/articles/{ids['wire']}")
    page.evaluate(SELECT_OFFSETS, [figure["start"], figure["end"]])
    page.click("#report-button")
    form = page.locator("#correction-form")
    form.wait_for(state="visible")
    form.locator("select[name=field]").select_option("value")
    form.locator("input[name=value]").fill("thirty-four")
    form.locator("textarea[name=note]").fill("the evening bulletin")
    form.locator("button[type=submit]").click()
    page.locator("#correction-error").wait_for(state="visible")
    assert "not a number" in page.locator("#correction-error").inner_text()
    assert page.evaluate("document.getElementById('correction-dialog').open")
    assert form.locator("select[name=choice]").input_value() == "wrong-figure"
    assert form.locator("select[name=item_id]").input_value() == figure["id"]
    assert form.locator("select[name=field]").input_value() == "value"
    assert form.locator("input[name=value]").input_value() == "thirty-four"
    assert form.locator("textarea[name=note]").input_value() == "the evening bulletin"
    assert form.locator("textarea[name=text]").input_value() == figure["text"]
    assert len(store.corrections()) == before
    form.locator("input[name=value]").fill("34")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#reported")
    row = store.corrections().iloc[-1]
    assert (row["value"], row["item_id"], row["note"]) == (34, figure["id"], "the evening bulletin")
    context.close()


def test_reporting_on_a_phone_by_tapping_a_sentence(chromium, site):
    base, ids, store = site
    report = store.report(ids["wire"])
    text = report["article"]["text"]
    context = chromium.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    sign_in(page, base, "bob")
    page.goto(f"{base}/articles/{ids['wire']}")
    button = page.locator("#report-button")
    box = button.bounding_box()
    assert button.is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= 390
    # Ctrl+Enter with nothing selected, or with a selection starting in the title, says why nothing happens
    page.keyboard.press("Control+Enter")
    assert "Nothing is selected" in page.locator("#report-feedback").inner_text()
    page.evaluate("""() => { const h = document.querySelector('h1').firstChild; const r = document.createRange();
        r.setStart(h, 0); r.setEnd(h, 5); getSelection().removeAllRanges(); getSelection().addRange(r); }""")
    page.keyboard.press("Control+Enter")
    assert "starts in the title" in page.locator("#report-feedback").inner_text()
    assert not page.evaluate("document.getElementById('correction-dialog').open")
    # a tap on the third sentence selects it whole
    sentence = report["sentences"][2]
    segment = page.locator(f"#article-text [data-s='{sentence['start']}']")
    segment.scroll_into_view_if_needed()
    segment.tap()
    wanted = text[sentence["start"]:sentence["end"]]
    assert page.evaluate("getSelection().toString()") == wanted
    button.tap()
    form = page.locator("#correction-form")
    form.wait_for(state="visible")
    assert form.locator("textarea[name=text]").input_value() == wanted
    dialog = page.locator("#correction-dialog").bounding_box()
    assert dialog["width"] <= 390 and dialog["y"] >= 0 and dialog["y"] + dialog["height"] <= 844  # it fits
    context.close()


def test_reporting_with_the_keyboard_alone(chromium, site):
    base, ids, store = site
    report = store.report(ids["wire"])
    sentence = report["sentences"][1]
    context = chromium.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    sign_in(page, base, "bob")
    page.goto(f"{base}/articles/{ids['wire']}")
    for _ in range(40):  # Tab to the Report button, as a keyboard user does
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "report-button":
            break
    assert page.evaluate("document.activeElement.id") == "report-button"
    page.keyboard.press("Enter")
    form = page.locator("#correction-form")
    form.wait_for(state="visible")
    picker = form.locator("select[name=sentence]")
    assert picker.is_visible() and page.evaluate("document.activeElement.name") == "sentence"
    picker.select_option(f"{sentence['start']}-{sentence['end']}")
    assert form.locator("input[name=start]").input_value() == str(sentence["start"])
    assert form.locator("textarea[name=text]").input_value() == report["article"]["text"][sentence["start"]:sentence["end"]]
    form.locator("select[name=choice]").select_option("missing-event")
    form.locator("textarea[name=note]").focus()
    page.keyboard.type("a strike on the power grid is not coded")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # Send
    page.wait_for_selector("#reported")
    row = store.corrections().iloc[-1]
    assert (row["start"], row["end"], row["component"], row["kind"]) == (sentence["start"], sentence["end"],
                                                                         "events", "missing")
    context.close()


def test_signing_in_from_the_dialog_keeps_the_selection(chromium, site):
    base, ids, store = site
    figure = store.report(ids["wire"])["figures"][3]
    context = chromium.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(f"{base}/articles/{ids['wire']}")
    page.evaluate(SELECT_OFFSETS, [figure["start"], figure["end"]])
    page.click("#report-button")
    page.locator("#sign-in-needed").wait_for(state="visible")
    page.click("#sign-in-link")
    page.fill("input[name=name]", "bob")
    page.fill("input[name=password]", PASSWORDS["bob"])
    page.click("#login-form button[type=submit]")
    form = page.locator("#correction-form")
    form.wait_for(state="visible")
    assert form.locator("input[name=start]").input_value() == str(figure["start"])
    assert form.locator("input[name=end]").input_value() == str(figure["end"])
    assert form.locator("select[name=item_id]").input_value() == figure["id"]
    assert "select=" not in page.url  # a reload does not reopen it
    context.close()


def test_filtering_by_facets_and_downloading_the_view(chromium, site):
    import csv
    import io

    base, ids, store = site
    context = chromium.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{base}/figures")
    option = page.locator("#facet-category option", has_text="wounded")
    assert option.inner_text().strip() == "wounded (2)"
    page.select_option("#facet-category", "wounded")
    page.fill("input[name=country]", "ukraine")
    page.fill("input[name=since]", "2025-01-01")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**category=wounded**")
    assert page.locator("#count").inner_text().startswith("1–2 of 2 figures")
    shown = page.locator("#figures-table tbody tr").count()
    with page.expect_download() as waiting:
        page.locator(".downloads a", has_text="CSV").click()
    body = open(waiting.value.path(), encoding="utf-8").read()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == shown == 2 and {r["category"] for r in rows} == {"wounded"}
    context.close()


def test_a_contradictions_passage_link_scrolls_to_its_passage(chromium, site):
    base, ids, store = site
    context = chromium.new_context(viewport={"width": 1200, "height": 600})
    page = context.new_page()
    page.goto(f"{base}/contradictions")
    link = page.locator("article.contradiction blockquote a").nth(1)  # a passage further down its article
    href = link.get_attribute("href")
    start, end = (int(n) for n in href.split("#at-")[1].split("-"))
    assert start > 300  # far enough down to need a scroll
    link.click()
    page.wait_for_url(f"**#at-{start}-{end}")
    flashed = page.locator("#article-text .flash").first
    flashed.wait_for()
    assert int(flashed.get_attribute("data-s")) <= start < end
    page.wait_for_function("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }",
                           arg=flashed.element_handle())
    context.close()


# -- phone layout and accessibility (issue 19) ---------------------------------------------------------------

def _axe():
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        from tests.conftest import IN_CI

        if IN_CI:
            pytest.fail("axe-playwright-python is needed in CI (pip install -e '.[dev]')")
        pytest.skip("SKIPPED LOUDLY: the accessibility check needs axe-playwright-python (pip install -e '.[dev]')")
    return Axe()


def _contrast(a: str, b: str) -> float:
    def luminance(rgb: str) -> float:
        parts = [int(p) / 255 for p in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
        channel = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in parts]
        return 0.2126 * channel[0] + 0.7152 * channel[1] + 0.0722 * channel[2]
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def store_key(store) -> str:
    """The key of a quantity of the ledger (the one with the most sources), URL-quoted."""
    from urllib.parse import quote

    from sitreps.fuse import fuse_store

    ledger = fuse_store(store).ledger
    return quote(max(ledger, key=lambda q: len(q.sources)).key)


def test_every_page_is_axe_clean_on_a_desktop_and_a_phone(chromium, site):
    from tests.web_support import add_polls

    axe = _axe()
    base, ids, store = site
    if not any("Harbour Post" == (a.get("publisher") or "") for a in store.frame("articles").to_dict("records")):
        add_polls(store)
    paths = ["/articles", f"/articles/{ids['wire']}", "/figures", "/events", "/actors", "/places", "/ledger",
             "/ledger/events", "/contradictions?noise=true", "/corrections?status=all", "/login", "/actors/Russia",
             "/ledger/quantity?key=" + store_key(store)]
    for width in (1300, 390):
        context = chromium.new_context(viewport={"width": width, "height": 844})
        page = context.new_page()
        sign_in(page, base, "ana")  # a reviewer sees every control there is
        for path in paths:
            page.goto(f"{base}{path}")
            found = axe.run(page).response["violations"]
            assert found == [], (width, path, [(v["id"], v["impact"], v["nodes"][0]["target"]) for v in found])
            if width == 390:
                assert page.evaluate("document.documentElement.scrollWidth") <= 390, path  # tables scroll in place
                assert page.evaluate("document.querySelector('header.top').getBoundingClientRect().height") <= 80
        context.close()


def test_on_a_phone_the_navigation_folds_and_the_skip_link_comes_first(chromium, site):
    base, ids, _ = site
    context = chromium.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{base}/figures")
    nav = page.locator("#site-nav")
    assert not nav.is_visible()
    page.locator(".menu-button").tap()
    assert nav.is_visible() and page.locator(".menu-button").get_attribute("aria-expanded") == "true"
    page.locator("#site-nav a", has_text="Events").tap()
    page.wait_for_url(f"{base}/events")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    context.close()


def test_highlight_kinds_differ_by_more_than_colour_and_their_lines_have_contrast(chromium, site):
    base, ids, _ = site
    context = chromium.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    page.goto(f"{base}/articles/{ids['wire']}")
    styles = page.evaluate("""() => Object.fromEntries(['figure', 'actor', 'place', 'time'].map(k => {
        // a mark of this kind alone, as the stylesheet draws it (in the text, kinds often overlap)
        const el = document.createElement('span');
        el.className = 'hl k-' + k;
        el.textContent = 'x';
        document.getElementById('article-text').appendChild(el);
        const s = getComputedStyle(el);
        return [k, {style: s.borderBottomStyle, line: s.borderBottomColor, tint: s.backgroundColor}];
    }))""")
    assert len({s["style"] for s in styles.values()}) == 4, styles  # solid, dashed, dotted, double
    for kind, s in styles.items():
        assert _contrast(s["line"], "rgb(255, 255, 255)") >= 3 and _contrast(s["line"], s["tint"]) >= 3, (kind, s)
    context.close()


def test_the_map_zooms_pans_and_a_place_opens_its_events(chromium, site):
    base, ids, _ = site
    context = chromium.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    page.goto(f"{base}/places")
    svg = page.locator("#events-map svg.map")
    before = [float(n) for n in svg.get_attribute("viewBox").split()]
    page.get_by_role("button", name="Zoom in").click()
    zoomed = [float(n) for n in svg.get_attribute("viewBox").split()]
    assert abs(zoomed[2] - before[2] / 2) < 1  # half as wide: twice as close
    page.get_by_role("button", name="Pan east").click()
    assert float(svg.get_attribute("viewBox").split()[0]) > zoomed[0]
    page.get_by_role("button", name="Show the whole map").click()
    assert [float(n) for n in svg.get_attribute("viewBox").split()] == before
    page.locator('#events-map a[href*="place=Kharkiv"]:not([href*="region"])').first.dispatch_event("click")
    page.wait_for_url("**/events?place=Kharkiv")
    places = page.locator("#events-table tbody tr td:nth-child(5)").all_inner_texts()
    assert places and set(places) == {"Kharkiv"}
    context.close()


def test_dragging_across_the_timeline_narrows_the_dates(chromium, site):
    base, ids, _ = site
    context = chromium.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    page.goto(f"{base}/events?type=ASSAULT")
    svg = page.locator("#events-timeline svg")
    box = svg.bounding_box()
    domain = page.locator("#events-timeline g.domain")
    left, right = float(domain.get_attribute("data-left")), float(domain.get_attribute("data-right"))
    width = float(svg.get_attribute("viewBox").split()[2])
    y = box["y"] + box["height"] - 8  # on the axis, below the dots
    page.mouse.move(box["x"] + box["width"] * (left + 0.1 * (right - left)) / width, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * (left + 0.9 * (right - left)) / width, y, steps=5)
    page.mouse.up()
    page.wait_for_url("**since=**")
    assert "type=ASSAULT" in page.url and "until=" in page.url
    since = page.locator("input[name=since]").input_value()
    until = page.locator("input[name=until]").input_value()
    assert domain.get_attribute("data-first") <= since < until
    context.close()
