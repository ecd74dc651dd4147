"""The cross-article fusion corpus (tests/fusion/) is well formed and its expectations quote the articles exactly.

No spaCy here: these checks guard the data that the fusion tests rely on, so a typo in a passage or a
ledger summary that does not follow from its own estimates fails fast, before any model is loaded.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

FUSION = Path(__file__).parent / "fusion"
FIELDS = ("url", "title", "publisher", "published", "text")


def _articles() -> list[dict]:
    with open(FUSION / "articles.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _expected() -> dict:
    with open(FUSION / "expected.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f)


@pytest.fixture(scope="module")
def corpus() -> dict[str, dict]:
    """Article key (A1, B2 ...) -> article, through expected.yaml's key -> url map."""
    by_url = {a["url"]: a for a in _articles()}
    return {key: by_url[url] for key, url in _expected()["articles"].items()}


@pytest.fixture(scope="module")
def expected() -> dict:
    return _expected()


def _day(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def test_articles_are_well_formed():
    articles = _articles()
    assert len(articles) >= 15
    assert len({a["url"] for a in articles}) == len(articles), "urls must be unique"
    for a in articles:
        assert set(FIELDS) <= set(a), a.get("url")
        assert all(isinstance(a[k], str) and a[k].strip() for k in FIELDS), a["url"]
        assert a["url"].startswith("https://"), a["url"]
        dt.date.fromisoformat(a["published"])
        words = len(a["text"].split())
        assert 150 <= words <= 350, f"{a['url']}: {words} words"
        # Wire copy: a dateline naming the outlet opens the text.
        assert f"({a['publisher']})" in a["text"].split(" - ", 1)[0], a["url"]


def test_every_article_is_keyed_and_used(expected, corpus):
    assert set(expected["articles"].values()) == {a["url"] for a in _articles()}
    used = set()
    for q in expected["quantities"]:
        used |= {e["article"] for e in q["estimates"]}
    for e in expected["events"]:
        used |= set(e["articles"]) | set(e.get("mentioned_in", []))
    assert used == set(corpus), f"articles in no expectation: {set(corpus) - used}"


def _quoted(expected: dict) -> list[str]:
    """Every string expected.yaml quotes from an article."""
    out = [s for q in expected["quantities"] for e in q["estimates"] + q.get("hypothetical", [])
           for s in (e["text"], e["source"], e.get("passage", ""))]
    out += [p["text"] for e in expected["events"] for p in e["passages"]]
    out += [p for c in expected["contradictions"] for p in c["passages"]]
    return [s for s in out if s]


def test_quotes_stay_within_a_paragraph(expected):
    """Cleaning rewrites paragraph breaks, so a quote that spans one would not be found in report.article.text."""
    assert all("\n" not in s for s in _quoted(expected))


def test_estimate_texts_and_sources_are_quoted_exactly(expected, corpus):
    for q in expected["quantities"]:
        for e in q["estimates"] + q.get("hypothetical", []):
            text = corpus[e["article"]]["text"]
            assert e["text"] in text, (q["id"], e["article"], e["text"])
            assert e["source"] in text, (q["id"], e["article"], e["source"])
            if "passage" in e:
                assert e["passage"] in text and e["text"] in e["passage"], (q["id"], e["passage"])
    for f in expected["other_figures"]:
        text = corpus[f["article"]]["text"]
        assert f["text"] in text and f["source"] in text, f


def test_estimate_amounts_match_their_qualifier(expected):
    shapes = {"exact": {"value"}, "approx": {"value"}, "at-least": {"low"}, "at-most": {"high"},
              "range": {"low", "high"}}
    for q in expected["quantities"]:
        for e in q["estimates"]:
            amounts = {k for k in ("value", "low", "high") if k in e}
            assert amounts == shapes[e["qualifier"]], (q["id"], e["text"])


def _conservative(estimate: dict) -> float:
    return estimate["value"] if "value" in estimate else estimate.get("low", estimate.get("high"))


def _largest(estimate: dict) -> float:
    return estimate["value"] if "value" in estimate else estimate.get("high", estimate.get("low"))


def test_ledger_summaries_follow_from_the_estimates(expected):
    """latest_by_source, most_conservative and highest are what the estimates give, by the header's rules."""
    for q in expected["quantities"]:
        latest: dict[str, dict] = {}
        for e in sorted((e for e in q["estimates"] if not e.get("restates")), key=lambda e: _day(e["date"])):
            latest[e["source_group"]] = e
        assert set(latest) == set(q["latest_by_source"]), q["id"]
        for group, summary in q["latest_by_source"].items():
            got = latest[group]
            assert summary["article"] == got["article"], (q["id"], group)
            assert _day(summary["date"]) == _day(got["date"]), (q["id"], group)
            for k in ("value", "low", "high"):
                assert summary.get(k) == got.get(k), (q["id"], group, k)
        assert q["most_conservative"] == min(_conservative(e) for e in latest.values()), q["id"]
        assert q["highest"] == max(_largest(e) for e in latest.values()), q["id"]


def test_revision_flags_list_a_sources_estimates_in_order(expected):
    for q in expected["quantities"]:
        for flag in q["flags"]:
            assert flag["kind"] in {"revision", "disagreement"}, flag
            if flag["kind"] != "revision":
                assert len(flag["source_groups"]) == 2 and len(flag["articles"]) == 2, flag
                continue
            own = sorted((e for e in q["estimates"] if e["source_group"] == flag["source_group"]
                          and not e.get("restates")), key=lambda e: _day(e["date"]))
            assert [e["article"] for e in own] == flag["articles"], (q["id"], flag)
            assert [_day(d) for d in flag["dates"]] == [_day(e["date"]) for e in own], (q["id"], flag)


def test_event_passages_and_references(expected, corpus):
    ids = {e["id"] for e in expected["events"]}
    quantity_ids = {q["id"] for q in expected["quantities"]}
    for event in expected["events"]:
        assert event["type"].isupper() and len(event["actor"]) == 3, event["id"]
        assert set(event.get("quantities", [])) <= quantity_ids, event["id"]
        for p in event["passages"]:
            assert p["article"] in set(event["articles"]) | set(event.get("mentioned_in", [])), (event["id"], p)
            assert p["text"] in corpus[p["article"]]["text"], (event["id"], p["text"])
    for q in expected["quantities"]:
        assert q.get("event") is None or q["event"] in ids, q["id"]
    for pair in expected["not_merged"]:
        assert set(pair["events"]) <= ids, pair
        assert len(pair["events"]) == 2 or "with" in pair, pair
        if "with" in pair:
            assert pair["with"]["passage"] in corpus[pair["with"]["article"]]["text"], pair


def test_contradiction_passages_are_in_their_articles(expected, corpus):
    kinds = {"place", "date", "figure", "actor"}
    assert {c["kind"] for c in expected["contradictions"]} >= {"place", "date", "figure"}
    assert {c["scope"] for c in expected["contradictions"]} == {"within", "across"}
    for c in expected["contradictions"]:
        assert c["kind"] in kinds and c["scope"] in {"within", "across"}, c
        assert (len(c["articles"]) == 1) == (c["scope"] == "within"), c
        texts = [corpus[a]["text"] for a in c["articles"]]
        for i, passage in enumerate(c["passages"]):
            if len(c["passages"]) == len(c["articles"]):
                assert passage in texts[i], (c["kind"], c["articles"][i], passage)
            else:
                assert any(passage in t for t in texts), (c["kind"], passage)
