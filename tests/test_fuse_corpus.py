"""Fusion over the test corpus (tests/fusion/articles.jsonl, ingested with the real spaCy pipeline) against
the facts of tests/fusion/expected.yaml, and the seed article's within-article venue contradiction.

Facts the extractors cannot reach yet are not asserted here (see the report of issue #10): they are the
expected file's "miss:" estimates, the area-level quantities whose figure place is the dateline, and the
site-level place contradiction (apartment block against command post)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sitreps.cli import main
from sitreps.fuse import fuse_reports, fuse_store
from sitreps.store import Store

HERE = Path(__file__).parent / "fusion"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def expected() -> dict:
    return yaml.safe_load((HERE / "expected.yaml").read_text())


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("fuse") / "corpus.db"
    assert main(["ingest", str(HERE / "articles.jsonl"), "--db", str(db), "--no-progress"]) == 0
    return db


@pytest.fixture(scope="module")
def fusion(corpus_db):
    store = Store(str(corpus_db), create=False)
    yield fuse_store(store)
    store.close()


def test_filters_read_fewer_reports_and_give_what_filtering_everything_gives(corpus_db):
    from sitreps.store.queries import Filters, stored_reports

    store = Store(str(corpus_db), create=False)
    everything = list(stored_reports(store, Filters()))
    for wanted in ({"category": "troops"}, {"type": "ASSAULT"}, {"since": "2024-11-10", "until": "2024-11-20"},
                   {"category": "killed", "since": "2024-12-01"}):
        narrowed = fuse_store(store, **wanted)
        assert narrowed.stats["articles"] < len(everything), wanted
        whole = fuse_reports(everything, **wanted).to_dict()
        assert {k: narrowed.to_dict()[k] for k in ("ledger", "events", "contradictions")} == \
            {k: whole[k] for k in ("ledger", "events", "contradictions")}, wanted
    store.close()


def _event_with(fusion, *needles: str):
    for event in fusion.events:
        texts = [m.sentence_text or m.text for m in event.mentions]
        if all(any(needle in text for text in texts) for needle in needles):
            return event
    return None


def test_troops_in_russia_is_one_quantity_with_revisions_and_the_3000_12000_disagreement(fusion):
    quantity = fusion.quantity("troops|PRK|RUS|person|total")
    assert quantity is not None, [q.key for q in fusion.ledger]
    values = {e.value or e.low for e in quantity.estimates}
    assert {1500, 3000, 12000, 10000, 11000} <= values
    latest = {e.source: e for e in quantity.latest}
    assert latest["National Intelligence Service"].value == 11000
    assert latest["National Intelligence Service"].date == "2024-12-19"
    assert latest["Main Intelligence Directorate"].value == 12000
    assert quantity.highest.most == 12000
    revisions = [f for f in quantity.flags if f.kind == "revision"]
    assert any(f.estimates[0].value == 1500 and f.estimates[1].value == 3000 for f in revisions)
    assert any({e.value for e in f.estimates} == {3000, 12000} for f in quantity.flags if f.kind == "disagreement")
    figure_contradictions = [c for c in fusion.contradictions if c.quantity == quantity.key]
    assert any("Nearly 12,000 North Korean troops" in p.text for c in figure_contradictions for p in c.passages)


def test_kursk_figure_is_its_own_quantity_not_a_rival_of_the_russia_total(fusion):
    kursk = [q for q in fusion.ledger if q.key.startswith("troops|PRK|RUS:kursk")]
    assert kursk and kursk[0].estimates[0].value == 8000


def test_kryvyi_rih_tolls_form_one_series_with_the_council_disagreeing(fusion):
    quantity = next(q for q in fusion.ledger if q.key.startswith("killed|UKR|UKR:kryvy"))
    values = [e.value or e.low for e in quantity.estimates]
    assert {7, 12, 15} <= set(values)
    assert quantity.conservative.least <= 12 and quantity.highest.most == 15
    assert any(f.kind == "disagreement" and {e.least for e in f.estimates} >= {15} for f in quantity.flags)


def test_reports_of_one_event_merge_across_articles(fusion):
    strike = _event_with(fusion, "Kryvyi Rih late on Tuesday", "missile strike on a residential building")
    assert strike is not None and strike.type == "ASSAULT" and len(strike.articles) >= 3
    meeting = _event_with(fusion, "Belousov in Pyongyang on Friday", "Kim Jong Un in Pyongyang on Saturday")
    assert meeting is not None and meeting.type == "CONSULT" and len(meeting.articles) == 3
    assert meeting.place == "Pyongyang"
    assert fusion.stats["cross_article_events"] >= 3 and fusion.stats["duplicate_mentions"] > 0


def test_look_alike_events_stay_apart(fusion):
    strike = _event_with(fusion, "Kryvyi Rih late on Tuesday")
    odesa = _event_with(fusion, "Russian drones struck port facilities in Odesa")
    assert strike is not None and odesa is not None and strike is not odesa
    meeting = _event_with(fusion, "Belousov in Pyongyang on Friday")
    seoul = _event_with(fusion, "Rustem Umerov in Seoul on Wednesday")
    assert seoul is not None and seoul is not meeting


def test_the_meeting_dated_friday_and_saturday_is_a_date_contradiction(fusion):
    meeting = _event_with(fusion, "Belousov in Pyongyang on Friday", "Kim Jong Un in Pyongyang on Saturday")
    found = [c for c in fusion.contradictions if c.event == meeting.key and c.kind == "date"]
    assert found and found[0].scope == "across"
    assert any("Saturday" in p.text for p in found[0].passages)


def test_the_talks_at_wonsan_contradict_pyongyang_within_one_article(fusion):
    found = [c for c in fusion.contradictions if c.kind == "place" and c.scope == "within"]
    assert any("Wonsan" in (c.passages[1].text or "") and "Pyongyang" in c.passages[0].text for c in found), \
        [c.message for c in found]


def test_seed_venue_contradiction_vladivostok_against_vostochny(seed_path):
    from sitreps import extract

    report = extract(seed_path.read_text(encoding="utf-8"), published="2024-10-21")
    fusion = fuse_reports([report.to_dict()])
    (found,) = [c for c in fusion.contradictions if c.kind == "place"]
    assert found.scope == "within"
    assert "Vladivostok" in found.passages[0].text and found.passages[1].quote == "Vostochny Cosmodrome"
