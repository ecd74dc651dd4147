"""The workbench's server-side SVG pictures: map, quantity chart, timeline."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from sitreps.web.basemap import MapPoint, countries, country_bounds, world_map
from sitreps.web.charts import (
    ChartPoint, TimelineItem, date_ticks, nice_ticks, parse_date, quantity_chart, safe_href, timeline,
)

NS = "{http://www.w3.org/2000/svg}"
EVIL = "<script>alert(1)</script>"
KYIV = MapPoint(50.45, 30.52, "Kyiv", 3, "/events/1")


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(str(svg))
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "group" and root.get("aria-label")  # a group may hold links; an image may not
    return root


def by_class(root: ET.Element, tag: str, css: str) -> list[ET.Element]:
    return [e for e in root.iter(f"{NS}{tag}") if css in (e.get("class") or "").split()]


def title_of(element: ET.Element) -> str:
    return element.find(f"{NS}title").text


def view_box(root: ET.Element) -> tuple[float, float, float, float]:
    return tuple(float(v) for v in root.get("viewBox").split())


def rings(path_data: str) -> list[list[tuple[float, float]]]:
    """Points of each subpath of a path written as ``M x y x y ... Z``."""
    out = []
    for ring in re.findall(r"M([^MZ]+)Z", path_data):
        numbers = [float(v) for v in ring.split()]
        out.append(list(zip(numbers[0::2], numbers[1::2])))
    return out


# ---------------------------------------------------------------- map


def test_basemap_data_has_countries_with_codes():
    by_iso = {c.iso3: c for c in countries()}
    assert len(countries()) > 170
    assert by_iso["UKR"].name == "Ukraine" and by_iso["UKR"].numeric == "804"
    west, south, east, north = country_bounds("Ukraine")
    assert 20 < west < 25 and 38 < east < 42 and 44 < south < 46 and 51 < north < 53
    assert country_bounds("804") == country_bounds("ukr")
    assert country_bounds("Atlantis") is None


def test_map_fits_to_points_and_shows_ukraine():
    root = parse(world_map([KYIV, MapPoint(49.99, 36.23, "Kharkiv", 10)], highlight=["UKR"]))
    _, _, width, height = view_box(root)
    kyiv = next(c for c in by_class(root, "circle", "point") if title_of(c).startswith("Kyiv"))
    assert 0 < float(kyiv.get("cx")) < width and 0 < float(kyiv.get("cy")) < height
    ukraine = [p for p in by_class(root, "path", "country") if p.get("data-iso3") == "UKR"]
    assert len(ukraine) == 1 and "highlight" in ukraine[0].get("class")
    drawn = {p.get("data-iso3") for p in by_class(root, "path", "country")}
    assert {"POL", "BLR", "MDA", "ROU"} <= drawn  # neighbours are in view
    assert "AUS" not in drawn and "BRA" not in drawn  # the rest of the world is culled
    kharkiv = next(c for c in by_class(root, "circle", "point") if title_of(c).startswith("Kharkiv"))
    assert float(kharkiv.get("r")) > float(kyiv.get("r"))  # sized by count


def test_map_without_fit_shows_world_and_antimeridian_countries_do_not_streak():
    root = parse(world_map([KYIV], fit=False))
    _, _, width, _ = view_box(root)
    group = next(g for g in root.iter(f"{NS}g") if g.get("class") == "countries")
    a, _, _, d, e, _ = (float(v) for v in re.findall(r"[-\d.]+", group.get("transform")))
    paths = {p.get("data-iso3"): p.get("d") for p in by_class(root, "path", "country")}
    assert len(paths) > 170
    for iso3 in ("RUS", "FJI", "USA", "ATA"):
        for ring in rings(paths[iso3]):
            xs = [a * lon + e for lon, _ in ring]
            assert all(abs(x1 - x0) < width / 2 for x0, x1 in zip(xs, xs[1:] + xs[:1])), iso3
    # Russia really spans the map: its Chukotka piece is drawn at the far left
    assert min(a * lon + e for ring in rings(paths["RUS"]) for lon, _ in ring) < 5


def test_map_fit_to_highlight_without_points_and_no_data():
    root = parse(world_map([], highlight=["Ukraine"]))
    assert [p.get("data-iso3") for p in by_class(root, "path", "highlight")] == ["UKR"]
    empty = parse(world_map([]))
    assert "no data" in ET.tostring(empty, encoding="unicode")


def test_map_escapes_labels_and_drops_unsafe_links():
    svg = str(world_map([MapPoint(50.45, 30.52, EVIL, 2, "javascript:alert(1)", kind=EVIL),
                         MapPoint(49.8, 24.0, "Lviv", 1, "https://example.org/a?b=1&c=2")]))
    assert "<script" not in svg and "javascript:" not in svg
    root = parse(svg)
    assert any(title_of(c).startswith(EVIL) for c in by_class(root, "circle", "point"))
    links = [a.get("href") for a in root.iter(f"{NS}a")]
    assert links == ["https://example.org/a?b=1&c=2"]


# ---------------------------------------------------------------- quantity chart


SERIES = {
    "UN OHCHR": [ChartPoint("2024-01", 1000, 900, 1200), ChartPoint("2024-02-15", 1500, 1300, 1800),
                 ChartPoint("2024-03-01", 2100, label="monthly update", href="/figures/3")],
    "Kyiv Independent": [ChartPoint("2024", 800), ChartPoint("2024-02-20", 1700, href="https://kyivindependent.com/x")],
    "Ministry": [ChartPoint("2024-02-01", None, 1200, 2400)],
}


def test_chart_draws_lines_points_bands_and_legend():
    root = parse(quantity_chart(SERIES, title="Civilian deaths", unit="people"))
    assert len(by_class(root, "path", "line")) == 3
    assert len(by_class(root, "circle", "point")) == 6
    bands = by_class(root, "path", "band")
    assert len(bands) == 2  # the OHCHR range run, the Ministry's lone range bar
    assert [title_of(g) for g in by_class(root, "g", "legend-item")] == list(SERIES)
    tick_texts = [t.text for g in by_class(root, "g", "y-axis") for t in g.iter(f"{NS}text")]
    assert "1,000" in tick_texts and tick_texts[0] == "0"
    tips = [title_of(c) for c in by_class(root, "circle", "point")]
    assert "UN OHCHR · 2024-01: 1,000 (range 900–1,200) people" in tips
    assert any("no single figure (range 1,200–2,400)" in t for t in tips)
    assert {a.get("href") for a in root.iter(f"{NS}a")} == {"/figures/3", "https://kyivindependent.com/x"}


def test_chart_places_partial_dates_at_period_start():
    root = parse(quantity_chart({"a": [ChartPoint("2024", 1), ChartPoint("2024-01-01", 2), ChartPoint("2024-06", 3)]},
                                title="t", unit=""))
    xs = [float(c.get("cx")) for c in by_class(root, "circle", "point")]
    assert xs[0] == xs[1] < xs[2]


@pytest.mark.parametrize("series", [
    {"one": [ChartPoint("2024-05-05", 7)]},
    {"flat": [ChartPoint("2024-05-05", 0), ChartPoint("2024-05-06", 0)]},
    {"same": [ChartPoint("2024-05-05", 42, 42, 42), ChartPoint("2024-05-05", 42)]},
    {"negative": [ChartPoint("2024-05-05", -3), ChartPoint("2025-05-05", -3)]},
])
def test_chart_degenerate_series_render(series):
    root = parse(quantity_chart(series, title="t", unit="u"))
    for circle in by_class(root, "circle", "point"):
        assert all(v == v for v in (float(circle.get("cx")), float(circle.get("cy"))))  # no NaN


def test_chart_escapes_and_empty_input():
    svg = str(quantity_chart({EVIL: [ChartPoint("2024-01-01", 5, label=EVIL, href="data:text/html,x")]},
                             title=EVIL, unit=EVIL))
    assert "<script" not in svg and "data:text" not in svg
    root = parse(svg)
    assert title_of(root).startswith(EVIL)
    assert EVIL in title_of(by_class(root, "circle", "point")[0])
    for empty in ({}, {"a": []}, {"a": [ChartPoint("not a date", 3), ChartPoint("2024-01-01")]}):
        assert "no data" in str(quantity_chart(empty, title="x", unit="y"))
        parse(quantity_chart(empty, title="x", unit="y"))


# ---------------------------------------------------------------- timeline


def test_timeline_rows_items_and_overflow():
    items = [TimelineItem("2024-02-24", "Invasion", "attack", "/events/1"),
             TimelineItem("2024-02-24", "Second strike", "attack"),
             TimelineItem("2024-03", "Talks", "diplomacy", end="2024-04-15"),
             TimelineItem("2024-05-02", EVIL, "protest", "javascript:x")]
    svg = str(timeline(items))
    assert "<script" not in svg and "javascript:" not in svg
    root = parse(svg)
    assert [title_of(g) for g in by_class(root, "g", "row")] == ["attack", "diplomacy", "protest"]
    dots = by_class(root, "circle", "item")
    assert len(dots) == 3 and len(by_class(root, "rect", "period")) == 1
    assert dots[0].get("cx") == dots[1].get("cx") and dots[0].get("cy") != dots[1].get("cy")  # same day spread
    assert [a.get("href") for a in root.iter(f"{NS}a")] == ["/events/1"]

    many = [TimelineItem(f"2024-01-{day:02d}", "e", f"type {day}") for day in range(1, 21)]
    rows = [title_of(g) for g in by_class(parse(timeline(many, max_rows=5)), "g", "row")]
    assert len(rows) == 5 and rows[-1] == "other (16 groups)"
    assert "no data" in str(timeline([]))


# ---------------------------------------------------------------- helpers


@pytest.mark.parametrize("url, ok", [
    ("/events/1", True), ("events/1?x=1", True), ("https://a.org/p", True), ("HTTP://a.org", True),
    ("javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False), (" java\nscript:x", False),
    ("data:text/html,x", False), ("//evil.org/x", False), ("/\\evil.org", False), ("http:///x", False),
    ("", False), (None, False),
])
def test_safe_href(url, ok):
    assert (safe_href(url) is not None) is ok


def test_parse_date_and_ticks():
    assert str(parse_date("2024")) == "2024-01-01" and str(parse_date("2024-03")) == "2024-03-01"
    assert parse_date("2024-02-30") is None and parse_date("soon") is None
    ticks, decimals = nice_ticks(0, 2345)
    assert ticks[0] == 0 and ticks[-1] >= 2345 and decimals == 0
    assert nice_ticks(5, 5)[0][-1] > 5  # all-equal values still get a range
    assert [label for _, label in date_ticks(parse_date("2020-03-04"), parse_date("2024-08-01"))] == \
        ["2021", "2022", "2023", "2024"]
    assert date_ticks(parse_date("2024-01-10"), parse_date("2024-05-01"))[0][1] == "Feb 2024"


def test_a_bound_alone_is_drawn_at_the_bound():
    series = {"ministry": [ChartPoint("2024-11-12", low=7, label="at least seven"),
                           ChartPoint("2024-11-13", value=9, label="nine"),
                           ChartPoint("2024-11-14", high=30, label="up to 30")]}
    root = parse(quantity_chart(series, title="killed", unit="people"))
    points = by_class(root, "circle", "point")
    assert [title_of(p).rsplit(" — ", 1)[-1] for p in points] == ["at least seven", "nine", "up to 30"]
