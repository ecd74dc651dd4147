"""Fusion on hand-built records: what merges, what stays apart, the ledger's flags, a within-article place."""

from __future__ import annotations

import datetime as dt

import pytest

from sitreps.fuse import (ArticleRecord, EventRecord, FigureRecord, FusionSettings, PlaceRef, Records,
                          fuse_records, fuse_reports)
from sitreps.fuse.keys import day_interval, head_word

DAY = dt.date(2024, 11, 12).toordinal()
KRYVYI = PlaceRef("UKR:kryvyi rih", "Kryvyi Rih", "UKR", "city", 47.91, 33.39, 1)
ODESA = PlaceRef("UKR:odesa", "Odesa", "UKR", "city", 46.48, 30.73, 1)


def event(article: str, day: int | None, *, actors=("RUS",), recipients=("UKR",), place=KRYVYI, kind="ASSAULT",
          modality="reported", item="E1") -> EventRecord:
    return EventRecord(article, item, kind, frozenset(actors), frozenset(recipients), tuple(actors),
                       tuple(recipients), None, day, day, place, modality=modality, published=DAY + 1,
                       publisher=f"Outlet {article}", text=f"{kind} in {article}")


def figure(article: str, source: str, day: int, *, value=None, low=None, high=None, qualifier="exact",
           category="killed", subject="UKR", scope="UKR:kryvyi rih", what="people") -> FigureRecord:
    return FigureRecord(article, f"F-{article}-{source}", category, "person", subject, scope=scope, value=value,
                        low=low, high=high, qualifier=qualifier, what=what, day=day, dated=True, source=source,
                        source_label=source, publisher=f"Outlet {article}")


def fuse(events=(), figures=(), articles=None, **overrides):
    records = Records(articles or {}, list(events), list(figures))
    return fuse_records(records, **overrides)


def test_reports_of_one_strike_merge_and_another_city_stays_apart():
    fusion = fuse([event("a", DAY), event("b", DAY + 1, actors=()), event("c", DAY, place=ODESA),
                   event("d", DAY + 30)])
    sizes = sorted(len(e.mentions) for e in fusion.events)
    assert sizes == [1, 1, 2]
    merged = next(e for e in fusion.events if len(e.mentions) == 2)
    assert merged.articles == ["a", "b"] and merged.place == "Kryvyi Rih" and merged.date == "2024-11-12/2024-11-13"
    assert merged.key == "ASSAULT:a:E1"
    assert fusion.stats["duplicate_mentions"] == 1 and fusion.stats["cross_article_events"] == 1


def test_date_window_is_a_setting_and_types_and_sides_must_agree():
    assert len(fuse([event("a", DAY), event("b", DAY + 2)]).events) == 1
    assert len(fuse([event("a", DAY), event("b", DAY + 2)], date_window_days=0).events) == 2
    assert len(fuse([event("a", DAY), event("b", DAY, kind="PROTEST")]).events) == 2
    assert len(fuse([event("a", DAY), event("b", DAY, recipients=("GEO",))]).events) == 2


def test_planned_and_hypothetical_events_are_not_in_the_timeline():
    fusion = fuse([event("a", DAY), event("b", DAY, modality="hypothetical")])
    assert len(fusion.events) == 1 and fusion.stats["not_factual"] == 1


def test_undated_mention_needs_more_than_one_side_in_common():
    lone = event("b", None, recipients=())
    assert len(fuse([event("a", DAY, place=None), lone]).events) == 2
    assert len(fuse([event("a", DAY), event("b", None)]).events) == 1  # actor, recipient and place agree


def test_meeting_reported_on_two_days_is_one_event_with_a_date_contradiction():
    meeting = dict(kind="CONSULT", actors=("RUS",), recipients=("PRK",), place=None)
    fusion = fuse([event("a", DAY, **meeting), event("b", DAY + 1, **{**meeting, "actors": ("PRK",),
                                                                      "recipients": ("RUS",)})])
    assert len(fusion.events) == 1  # symmetric: Kim met Belousov = Belousov met Kim
    (found,) = fusion.contradictions
    assert (found.kind, found.scope) == ("date", "across") and found.articles == ["a", "b"]


def test_overlapping_ranges_agree_and_disjoint_ones_disagree():
    agree = fuse(figures=[figure("a", "Ministry", DAY, value=12), figure("b", "Council", DAY, low=10, high=14)])
    (quantity,) = agree.ledger
    assert quantity.flags == [] and quantity.key == "killed|UKR|UKR:kryvyi-rih|person|total"
    clash = fuse(figures=[figure("a", "Ministry", DAY, value=12), figure("b", "Council", DAY + 1, low=15,
                                                                          qualifier="at-least")])
    (quantity,) = clash.ledger
    assert [f.kind for f in quantity.flags] == ["disagreement"]
    assert (quantity.conservative.source, quantity.highest.source) == ("Ministry", "Council")
    (contradiction,) = clash.contradictions
    assert contradiction.kind == "figure" and contradiction.quantity == quantity.key


def test_far_apart_in_time_is_not_a_disagreement_but_a_source_moving_is_a_revision():
    fusion = fuse(figures=[figure("a", "NIS", DAY, value=1500, qualifier="approx"),
                           figure("b", "HUR", DAY + 30, value=12000),
                           figure("c", "NIS", DAY + 5, value=3000, qualifier="approx"),
                           figure("d", "NIS", DAY + 40, value=11000, qualifier="approx")])
    (quantity,) = fusion.ledger
    kinds = [f.kind for f in quantity.flags]
    assert kinds.count("revision") == 2 and "disagreement" not in kinds
    assert {e.source: e.value for e in quantity.latest} == {"NIS": 11000, "HUR": 12000}
    assert quantity.conservative.value == 11000 and quantity.highest.value == 12000


def test_approx_tolerance_decides_whether_about_11000_and_nearly_12000_meet():
    figures = [figure("a", "NIS", DAY, value=11000, qualifier="approx"), figure("b", "HUR", DAY, value=12000)]
    assert fuse(figures=figures).ledger[0].flags == []
    assert fuse(figures=figures, approx_tolerance=0.05).ledger[0].flags[0].kind == "disagreement"


def test_unplaced_figure_joins_the_one_country_scoped_quantity():
    fusion = fuse(figures=[figure("a", "NIS", DAY, value=3000, category="troops", subject="PRK", scope="RUS"),
                           figure("b", "HUR", DAY, value=3000, category="troops", subject="PRK", scope="")])
    assert [q.key for q in fusion.ledger] == ["troops|PRK|RUS|person|total"]


def test_within_article_place_contradiction_from_a_reference_back():
    text = ("Kim met Belousov in Pyongyang on Friday. They spoke of the war. "
            "The talks at the Wonsan guest house lasted hours.")
    first, second = text.index("They"), text.index("The talks")
    wonsan = PlaceRef("PRK:wonsan", "Wonsan", "PRK", "city", 39.15, 127.44, 1)
    pyongyang = PlaceRef("PRK:pyongyang", "Pyongyang", "PRK", "city", 39.03, 125.75, 1)
    start = text.index("Wonsan")
    article = ArticleRecord("c1", "Kim meets Belousov", "Wire", "2024-11-30", None, text,
                            [(0, first - 1), (first, second - 1), (second, len(text))],
                            [(pyongyang, [(text.index("Pyongyang"), text.index("Pyongyang") + 9, 0)]),
                             (wonsan, [(start, start + 6, 2)])])
    meeting = event("c1", DAY, kind="CONSULT", actors=("PRK",), recipients=("RUS",), place=pyongyang)
    meeting.sentence, meeting.start, meeting.end = 0, 0, first - 2
    fusion = fuse([meeting], articles={"c1": article})
    (found,) = fusion.contradictions
    assert (found.kind, found.scope) == ("place", "within")
    assert [p.quote for p in found.passages][1] == "Wonsan"
    assert found.passages[1].text == text[second:]
    far = fuse([meeting], articles={"c1": article}, place_km=500)
    assert far.contradictions == []


def test_settings_come_from_the_data_file_and_refuse_unknown_names():
    assert FusionSettings.load().date_window_days == 2
    assert "on" in FusionSettings.load().locative_words  # YAML would read a bare `on` as true
    with pytest.raises(TypeError, match="unknown fusion setting"):
        FusionSettings.load(no_such_threshold=1)


def test_dates_and_head_words():
    assert day_interval("2024-02") == (dt.date(2024, 2, 1).toordinal(), dt.date(2024, 2, 29).toordinal())
    assert day_interval("2024-10-08/2024-10-15")[1] - day_interval("2024-10-08")[0] == 7
    assert day_interval("soon") is None
    assert [head_word(w) for w in ("sign-up bonus", "monthly pay", "shells", "casualties")] == \
        ["bonus", "pay", "shell", "casualty"]


def test_fuse_reports_reads_plain_report_dicts_and_to_dict_is_json_ready():
    import json

    report = {"article": {"id": "x1", "publisher": "Wire", "published": "2024-11-13", "text": "A strike."},
              "sentences": [{"start": 0, "end": 9}],
              "actors": [{"id": "A1", "name": "Russia", "kind": "state", "country": "RUS"},
                         {"id": "A2", "name": "Interior Ministry", "kind": "organization", "country": "UKR"}],
              "places": [{"id": "P1", "name": "Kryvyi Rih", "kind": "city", "country": "UKR", "lat": 47.9,
                          "lon": 33.4, "precision": 1, "mentions": []}],
              "events": [{"id": "E1", "type": "ASSAULT", "actor": ["A1"], "recipient": [], "date": "2024-11-12",
                          "place": "P1", "modality": "asserted", "source": "author", "figures": ["F1"],
                          "text": "A strike", "start": 0, "end": 8, "sentence": 0}],
              "figures": [{"id": "F1", "text": "seven people", "start": 0, "end": 5, "sentence": 0, "value": 7,
                           "qualifier": "exact", "unit": "person", "category": "killed", "what": "people",
                           "subject": None, "place": "P1", "source": "A2", "attribution": "reported"}]}
    fusion = fuse_reports([report], category="killed")
    assert fusion.events == []  # a category filters figures only
    (quantity,) = fusion.ledger
    assert quantity.key == "killed|UKR|UKR:kryvyi-rih|person|total"
    assert quantity.estimates[0].source == "Interior Ministry" and quantity.estimates[0].sentence_text == "A strike."
    json.dumps(fusion.to_dict())
    assert len(fuse_reports([report]).events) == 1


def test_officials_of_one_state_can_be_pooled_as_its_government():
    def official(article, name, day, **amount):
        record = figure(article, name, day, category="troops", subject="PRK", scope="RUS", what="soldiers",
                        **amount)
        record.source_group, record.source_group_label = "government:USA", "United States officials"
        return record

    figures = [official("a", "John Kirby", DAY, low=3000, qualifier="at-least"),
               official("b", "Pentagon", DAY + 5, value=10000, qualifier="approx"),
               official("c", "Vedant Patel", DAY + 20, value=5000, qualifier="approx"),
               figure("d", "NIS", DAY + 20, value=11000, qualifier="approx", category="troops", subject="PRK",
                      scope="RUS", what="soldiers")]
    apart = fuse(figures=figures).ledger[0]
    assert len(apart.latest) == 4 and not [f for f in apart.flags if f.kind == "revision"]
    pooled = fuse(figures=figures, source_level="government").ledger[0]
    assert sorted(e.source for e in pooled.latest) == ["NIS", "United States officials"]
    usa = next(e for e in pooled.latest if e.source == "United States officials")
    assert (usa.value, usa.speaker) == (5000, "Vedant Patel")
    revisions = [f for f in pooled.flags if f.kind == "revision"]
    assert len(revisions) == 1 and "United States officials revised its figure down" in revisions[0].message
    with pytest.raises(ValueError, match="source_level"):
        FusionSettings.load(source_level="everyone")


def test_source_groups_are_states_and_their_organs_only():
    from sitreps.fuse.keys import source_group

    kirby = {"name": "John Kirby", "kind": "person", "country": "USA", "sector": "GOV"}
    assert source_group(kirby, "USA:john kirby", "John Kirby") == ("government:USA", "United States officials")
    army = {"name": "Korean People's Army", "kind": "organization", "country": "PRK", "sector": "MIL"}
    assert source_group(army, "k", "KPA")[0] == "government:PRK"
    monitor = {"name": "ISW", "kind": "organization", "country": "USA", "sector": "NGO"}
    assert source_group(monitor, "USA:isw", "ISW") == ("USA:isw", "ISW")
    assert source_group(None, "unnamed@wire", "Wire (unnamed source)") == ("unnamed@wire", "Wire (unnamed source)")


def test_a_toll_is_dated_when_given_and_belongs_to_the_attacks_victims():
    def report(article: str, published: str, stated: str, amount: int) -> dict:
        return {"article": {"id": article, "publisher": "Wire", "published": published, "text": "A strike."},
                "sentences": [{"start": 0, "end": 9}],
                "actors": [{"id": "A1", "name": "Russia", "kind": "state", "country": "RUS"},
                           {"id": "A2", "name": "Ukraine", "kind": "state", "country": "UKR"},
                           {"id": "A3", "name": "Interior Ministry", "kind": "organization", "country": "UKR",
                            "sector": "GOV"}],
                "places": [{"id": "P1", "name": "Kryvyi Rih", "kind": "city", "country": "UKR", "lat": 47.9,
                            "lon": 33.4, "precision": 1, "mentions": []}],
                "events": [{"id": "E1", "type": "ASSAULT", "actor": ["A1"], "recipient": ["A2"],
                            "date": "2024-11-12", "place": "P1", "modality": "asserted", "source": "A3",
                            "figures": ["F1"], "text": "A strike", "start": 0, "end": 8, "sentence": 0}],
                "figures": [{"id": "F1", "text": str(amount), "start": 0, "end": 5, "sentence": 0, "value": amount,
                             "qualifier": "exact", "unit": "person", "category": "killed", "what": "people",
                             "subject": "A1", "place": "P1", "time": "2024-11-12", "source": "A3",
                             "attribution": "reported"}],
                "claims": [{"id": "C1", "speaker": "A3", "date": stated, "about": ["F1", "E1"], "text": "x",
                            "start": 0, "end": 8}]}

    fusion = fuse_reports([report("a", "2024-11-13", "2024-11-13", 7), report("b", "2024-11-14", "2024-11-14", 12)])
    (quantity,) = fusion.ledger
    assert quantity.subject == "UKR"  # the strike's victims, though the figure named the attacker
    assert [(e.value, e.date) for e in quantity.estimates] == [(7, "2024-11-13"), (12, "2024-11-14")]
    assert [f.kind for f in quantity.flags] == ["revision"]


def test_a_place_that_belongs_to_another_event_in_the_sentence_is_no_contradiction():
    kharkiv = PlaceRef("UKR:kharkiv", "Kharkiv", "UKR", "city", 49.99, 36.23, 1)
    jeddah = PlaceRef("SAU:jeddah", "Jeddah", "SAU", "city", 21.54, 39.17, 1)

    def contradictions(second_sentence: str) -> list:
        text = "Russian drones struck Kharkiv on Thursday. " + second_sentence
        second = text.index(second_sentence)
        at = text.index("Jeddah")
        article = ArticleRecord("w1", "Strike", "Wire", "2025-03-14", None, text,
                                [(0, second - 1), (second, len(text))],
                                [(kharkiv, [(text.index("Kharkiv"), text.index("Kharkiv") + 7, 0)]),
                                 (jeddah, [(at, at + 6, 1)])])
        strike = event("w1", DAY, place=kharkiv)
        strike.sentence, strike.start, strike.end = 0, 0, second - 2
        return fuse([strike], articles={"w1": article}).contradictions

    assert contradictions("The strike came two days after talks with U.S. officials in Jeddah.") == []
    (found,) = contradictions("The strike was a warning, as it was planned in Jeddah.")
    assert found.kind == "place" and found.passages[1].quote == "Jeddah"


def test_a_mention_with_neither_day_nor_town_joins_only_its_own_storys_event():
    strike = event("a", DAY)
    own = event("a", None, place=None, item="E2")  # "the missile hit an apartment building", same article
    other = event("b", None, place=None, item="E1")  # the same words in another outlet's story
    other.published = own.published = DAY + 1
    fusion = fuse([own, other, strike])
    merged = next(e for e in fusion.events if len(e.mentions) > 1)
    assert sorted((m.article_id, m.item_id) for m in merged.mentions) == [("a", "E1"), ("a", "E2")]
    assert len(fusion.events) == 2 and fusion.stats["cross_article_events"] == 0
