"""The workbench's API and pages through HTTP (httpx via Starlette's test client), on SQLite and PostgreSQL."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from sitreps.store import Store
from sitreps.web import create_app
from tests.web_support import HOSTILE_TITLE, PASSWORDS, fill

pytestmark = pytest.mark.slow


@pytest.fixture
def web(store_url):
    store = Store(store_url)
    ids = fill(store)
    with TestClient(create_app(store)) as client:
        yield client, ids, store


def sign_in(client: TestClient, name: str) -> str:
    """Sign in through the form, as a browser does; returns the CSRF token of later forms."""
    page = client.get("/login")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    done = client.post("/login", data={"csrf": token, "name": name, "password": PASSWORDS[name], "next": "/articles"},
                       follow_redirects=False)
    assert done.status_code == 303, done.text
    return re.search(r'name="csrf" value="([^"]+)"', client.get("/articles").text).group(1)


def test_lists_are_paginated_filtered_and_sorted(web):
    client, ids, _ = web
    first = client.get("/api/figures", params={"per_page": 3, "sort": "value", "order": "desc"}).json()
    assert first["per_page"] == 3 and len(first["items"]) == 3 and first["total"] > 3
    amounts = [row["amount"] for row in first["items"]]
    assert amounts == sorted(amounts, reverse=True)
    second = client.get("/api/figures", params={"per_page": 3, "page": 2, "sort": "value", "order": "desc"}).json()
    assert {r["id"] + r["article_id"] for r in first["items"]}.isdisjoint(r["id"] + r["article_id"] for r in second["items"])
    killed = client.get("/api/figures", params={"category": "killed"}).json()["items"]
    assert killed and {row["category"] for row in killed} == {"killed"}
    assert client.get("/api/figures", params={"per_page": 500}).status_code == 422
    events = client.get("/api/events", params={"type": "ASSAULT"}).json()["items"]
    assert events and all(row["type"] == "ASSAULT" for row in events)
    assert any("Russian" in name for row in events for name in row["actor_names"])


def test_full_text_search_finds_words_and_phrases_and_survives_syntax(web):
    client, ids, _ = web
    found = client.get("/api/articles", params={"q": "defaced websites"}).json()
    assert [row["id"] for row in found["items"]] == [ids["hostile"]]
    assert client.get("/api/articles", params={"q": '"glide bombs"'}).json()["total"] == 1
    assert client.get("/api/articles", params={"q": "glide hackers"}).json()["total"] == 0  # all words must match
    for nasty in ('"unbalanced', "NEAR(", "a AND OR", "*", "'; drop table articles; --"):
        answer = client.get("/api/articles", params={"q": nasty})
        assert answer.status_code == 200, (nasty, answer.text)
    assert client.get("/api/articles").json()["total"] == 2


def test_report_actor_and_place_endpoints(web):
    client, ids, _ = web
    report = client.get(f"/api/articles/{ids['wire']}").json()
    assert report["schema"] == "sitreps/1" and report["article"]["text"].startswith("KHARKIV")
    assert client.get("/api/articles/nope").status_code == 404
    actors = client.get("/api/actors").json()["items"]
    name = next(a["name"] for a in actors if a["country"] == "RUS")
    profile = client.get(f"/api/actors/{name}").json()
    assert profile["events"] and profile["articles"] >= 1
    points = client.get("/api/places/events").json()
    assert any(p["name"] == "Kharkiv" and abs(p["lat"] - 50.0) < 0.5 for p in points)
    spec = client.get("/api/openapi.json").json()
    assert {"/api/articles", "/api/figures", "/api/corrections"} <= set(spec["paths"])


def test_bad_parameters_get_a_clear_422(web):
    client, _, _ = web
    for params, words in (({"since": "yesterday"}, "since"), ({"sort": "colour"}, "sort"),
                          ({"type": "ASSAULT"}, "type"), ({"page": 0}, "page")):
        answer = client.get("/api/figures", params=params)
        assert answer.status_code == 422 and words in answer.json()["detail"], (params, answer.text)
    page = client.get("/figures", params={"since": "yesterday"})
    assert page.status_code == 422 and "since" in page.text and "Traceback" not in page.text


def test_corrections_need_a_user_and_a_csrf_token(web):
    client, ids, store = web
    body = {"article_id": ids["wire"], "choice": "wrong-figure", "start": 0, "end": 7, "field": "value",
            "value": "8"}
    assert client.post("/api/corrections", json=body).status_code == 401
    token_page = client.get(f"/articles/{ids['wire']}").text
    assert 'id="correction-form"' not in token_page and "Sign in to report a correction" in token_page
    csrf = sign_in(client, "bob")
    assert client.post("/api/corrections", json=body).status_code == 403  # a cookie session without CSRF token
    made = client.post("/api/corrections", json=body, headers={"X-CSRF-Token": csrf})
    assert made.status_code == 201, made.text
    stored = store.corrections()
    assert len(stored) == 1 and stored.iloc[0]["author"] == "bob" and stored.iloc[0]["text"] == "KHARKIV"
    assert stored.iloc[0]["value"] == 8 and stored.iloc[0]["status"] == "open"
    # an analyst cannot review; a reviewer can
    review = client.post(f"/api/corrections/{made.json()['id']}/review", json={"status": "accepted"},
                         headers={"X-CSRF-Token": csrf})
    assert review.status_code == 403


def test_api_tokens_let_scripts_report_and_review(web):
    from sitreps.store.accounts import Accounts

    client, ids, store = web
    token = Accounts(store).new_token("ana", label="test")
    headers = {"Authorization": f"Bearer {token}"}
    made = client.post("/api/corrections", headers=headers, json={
        "article_id": ids["wire"], "choice": "missing-figure", "start": 45, "end": 59, "text": "Russian forces"})
    assert made.status_code == 201, made.text
    reviewed = client.post(f"/api/corrections/{made.json()['id']}/review", headers=headers,
                           json={"status": "accepted"})
    assert reviewed.json() == {"id": made.json()["id"], "status": "accepted", "reviewer": "ana", "field": None,
                               "value": None}
    assert store.corrections().iloc[0]["reviewer"] == "ana"
    bad = {"Authorization": "Bearer srt_not-a-token"}
    assert client.post("/api/corrections", headers=bad, json={}).status_code == 401


def test_a_correction_that_does_not_fit_its_article_is_refused_and_nothing_is_stored(web):
    client, ids, store = web
    csrf = sign_in(client, "bob")
    headers = {"X-CSRF-Token": csrf}
    cases = [({"start": 5, "end": 999999}, "not inside"), ({"text": "something else"}, "does not match"),
             ({"choice": "wrong-colour"}, "unknown choice"), ({"field": "colour"}, "not a field"),
             ({"field": "value", "value": "many"}, "not a number"), ({"article_id": "nope"}, "no article")]
    for change, words in cases:
        body = {"article_id": ids["wire"], "choice": "wrong-figure", "start": 0, "end": 7, **change}
        answer = client.post("/api/corrections", json=body, headers=headers)
        assert answer.status_code in {404, 422} and words in answer.json()["detail"], (change, answer.text)
    assert store.corrections().empty


def test_article_text_and_metadata_are_escaped_and_headers_are_set(web):
    client, ids, _ = web
    page = client.get(f"/articles/{ids['hostile']}")
    assert page.status_code == 200
    assert "<script>document.title" not in page.text and "<img src=x" not in page.text
    assert "&lt;script&gt;document.title" in page.text and "&lt;img src=x onerror=" in page.text
    assert HOSTILE_TITLE not in page.text and "Meridian <b>Wire</b>" not in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY" and page.headers["x-content-type-options"] == "nosniff"
    listing = client.get("/articles", params={"q": "defaced"})
    assert "&lt;script&gt;" in listing.text and HOSTILE_TITLE not in listing.text


def test_reading_can_require_sign_in(store_url):
    store = Store(store_url)
    fill(store)
    with TestClient(create_app(store, open_reading=False)) as client:
        assert client.get("/api/articles").status_code == 401
        answer = client.get("/figures", follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
        sign_in(client, "bob")
        assert client.get("/api/articles").status_code == 200


def test_the_sign_in_form_rejects_wrong_passwords_and_foreign_redirects(web):
    client, _, _ = web
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text).group(1)
    wrong = client.post("/login", data={"csrf": token, "name": "bob", "password": "guess", "next": "/"})
    assert wrong.status_code == 401 and "Wrong name or password" in wrong.text
    stale = client.post("/login", data={"csrf": "forged", "name": "bob", "password": PASSWORDS["bob"]})
    assert stale.status_code == 403
    away = client.post("/login", data={"csrf": token, "name": "bob", "password": PASSWORDS["bob"],
                                       "next": "//evil.example/"}, follow_redirects=False)
    assert away.headers["location"] == "/articles"


def test_every_page_renders(web):
    client, ids, _ = web
    for path in ("/articles", "/articles?q=Kharkiv", f"/articles/{ids['wire']}", "/figures",
                 "/figures?category=killed", "/events", "/actors", "/places", "/corrections", "/login"):
        answer = client.get(path)
        assert answer.status_code == 200, (path, answer.text[:300])
    assert 'class="hl k-figure' in client.get(f"/articles/{ids['wire']}").text


def test_the_reader_page_of_a_long_article_is_fast(tmp_path):
    """The issue's budget is 200 ms of server time for a 1,500-word article; the floor leaves room for noise."""
    import hashlib
    import statistics

    from sitreps import __version__
    from sitreps.ingest import RawArticle
    from sitreps.pipeline import process
    from sitreps.resources import data_path

    sample = open(str(data_path("sample/wire-kharkiv.txt"))).read().strip()
    text = "\n\n".join([sample] * 4)
    assert len(text.split()) >= 1500
    store = Store(str(tmp_path / "long.db"))
    report = process(RawArticle(text=text, source="long"), published="2025-03-14").to_dict()
    store.save(report, source="long", raw_hash=hashlib.sha256(text.encode()).hexdigest(), version=__version__)
    with TestClient(create_app(store)) as client:
        path = f"/articles/{report['article']['id']}"
        client.get(path)
        times = [float(client.get(path).headers["server-timing"].split("dur=")[1]) for _ in range(5)]
    assert statistics.median(times) < 600, times


def test_only_bad_parameters_answer_422_and_a_server_bug_answers_500(tmp_path, monkeypatch):
    from sitreps.store import queries

    def broken(_store):
        raise ValueError("a bug of the server, not of the request")

    monkeypatch.setattr(queries, "counts", broken)
    with TestClient(create_app(str(tmp_path / "bug.db")), raise_server_exceptions=False) as client:
        refused = client.get("/api/articles", params={"since": "soon"})
        assert refused.status_code == 422 and refused.json()["detail"].startswith("since: not a date")
        assert client.get("/articles").status_code == 500


# -- corrections as data that can be trusted (issue 19) ------------------------------------------------------

def _figure(store, ids, index=1):
    return store.report(ids["wire"])["figures"][index]  # F2: "seven people", killed


def test_correction_values_are_checked_against_the_report_vocabulary(web):
    client, ids, store = web
    headers = {"X-CSRF-Token": sign_in(client, "bob")}
    figure = _figure(store, ids)
    event = store.report(ids["wire"])["events"][0]
    base = {"article_id": ids["wire"], "choice": "wrong-figure", "start": figure["start"], "end": figure["end"],
            "text": figure["text"], "item_id": figure["id"]}
    refused = [({"field": "category", "value": "injured-ish"}, "not one of"),
               ({"field": "value", "value": "thirty-four"}, "not a number"),
               ({"field": "value", "value": "nan"}, "not a finite number"),
               ({"field": "value", "value": "inf"}, "not a finite number"),
               ({"field": "value", "value": "1e999"}, "not a finite number"),
               ({"field": "subject_country", "value": "Narnia"}, "not a country"),
               ({"field": "what", "value": "x" * 301}, "longer than 300"),
               ({"note": "n" * 4001}, "longer than 4000"),
               ({}, "say what is wrong"),  # an empty "wrong figure": no field, no value, no comment
               ({"field": "value"}, "give the correct value"),
               ({"value": "9"}, "say which field"),
               ({"choice": "wrong-event", "start": event["start"], "end": event["end"], "text": None,
                 "item_id": event["id"], "field": "type", "value": "BOMBING"}, "not one of"),
               ({"choice": "wrong-event", "start": event["start"], "end": event["end"], "text": None,
                 "item_id": event["id"], "field": "actor", "value": "RUS, Mordor"}, "'Mordor' is not a country"),
               ({"choice": "wrong-event", "start": event["start"], "end": event["end"], "text": None,
                 "item_id": event["id"], "field": "date", "value": "last Tuesday"}, "not a date")]
    for change, words in refused:
        answer = client.post("/api/corrections", json={**base, **change}, headers=headers)
        assert answer.status_code == 422 and words in answer.json()["detail"], (change, answer.text)
    assert store.corrections().empty  # nothing half-stored
    accepted = [({"field": "category", "value": "Killed", "note": "case does not matter"}, "killed"),
                ({"field": "subject_country", "value": "north korea"}, "PRK"),
                ({"field": "value", "value": "3,000"}, 3000),
                ({"choice": "wrong-event", "start": event["start"], "end": event["end"], "text": None,
                  "item_id": event["id"], "field": "actor", "value": "rus, Ukraine"}, ["RUS", "UKR"]),
                ({"choice": "wrong-event", "start": event["start"], "end": event["end"], "text": None,
                  "item_id": event["id"], "field": "type", "value": "coerce"}, "COERCE"),
                ({"note": "the toll is for two days, not one"}, None)]
    for change, stored in accepted:
        answer = client.post("/api/corrections", json={**base, **change}, headers=headers)
        assert answer.status_code == 201, (change, answer.text)
        assert store.corrections().iloc[-1]["value"] == stored, change
    offered = client.get("/api/choices").json()
    assert "killed" in offered["values"]["figures"]["category"] and "ASSAULT" in offered["values"]["events"]["type"]
    assert offered["countries"]["PRK"] == "North Korea" and offered["limits"]["value"] == 300


def test_the_same_report_twice_is_refused_and_export_writes_each_fact_once(web, tmp_path):
    from sitreps.corrections import export_gold

    client, ids, store = web
    headers = {"X-CSRF-Token": sign_in(client, "bob")}
    figure = _figure(store, ids)
    body = {"article_id": ids["wire"], "choice": "wrong-figure", "start": figure["start"], "end": figure["end"],
            "text": figure["text"], "item_id": figure["id"], "field": "value", "value": "9"}
    first = client.post("/api/corrections", json=body, headers=headers)
    assert first.status_code == 201
    again = client.post("/api/corrections", json={**body, "value": "9.0", "note": "same again"}, headers=headers)
    assert again.status_code == 409 and f"#{first.json()['id']}" in again.json()["detail"], again.text
    other_field = client.post("/api/corrections", json={**body, "field": "category", "value": "wounded"},
                              headers=headers)
    assert other_field.status_code == 201  # another fact about the same figure is not a duplicate
    # an old store may hold duplicates made before this check: accepted twice, they still export once
    copy = store.add_correction(ids["wire"], "figures", "wrong", start=figure["start"], end=figure["end"],
                                text=figure["text"], item_id=figure["id"], field="value", value=9, author="eve")
    for made in (first.json()["id"], other_field.json()["id"], copy):
        assert store.review_correction(made, "accepted", reviewer="ana")
    # a rejected report does not block the same report made again
    store.review_correction(first.json()["id"], "rejected", reviewer="ana")
    assert client.post("/api/corrections", json=body, headers=headers).status_code == 409  # the copy is accepted
    files = export_gold(store, tmp_path / "gold")
    import yaml

    gold = yaml.safe_load(files[0].read_text())
    assert gold["figures"] == [{"text": figure["text"], "value": 9, "category": "wounded"}]


def test_a_reviewer_sees_sentence_extracted_and_proposed_values_and_may_edit_before_accepting(web):
    client, ids, store = web
    figure = _figure(store, ids)
    made = store.add_correction(ids["wire"], "figures", "wrong", start=figure["start"], end=figure["end"],
                                text=figure["text"], item_id=figure["id"], field="value", value=9, author="bob")
    csrf = sign_in(client, "ana")
    page = client.get("/corrections").text
    row = page[page.index(f'id="correction-{made}"'):]
    row = row[:row.index("</tr>")]
    assert "killing <mark class=\"passage\">seven people</mark> and wounding 52" in row  # the sentence, marked
    assert '<td class="extracted">7<' in row and '<td class="proposed">9' in row  # sitreps' value and the proposed
    bad = client.post(f"/corrections/{made}/review", data={"csrf": csrf, "status": "accepted", "field": "value",
                                                           "value": "eight"}, follow_redirects=False)
    assert bad.status_code == 422 and "not a number" in bad.text
    assert store.corrections().iloc[0]["status"] == "open"  # a refused edit accepts nothing
    done = client.post(f"/corrections/{made}/review", data={"csrf": csrf, "status": "accepted", "field": "value",
                                                            "value": "8"}, follow_redirects=False)
    assert done.status_code == 303
    row = store.corrections().iloc[0]
    assert (row["status"], row["value"], row["reviewer"]) == ("accepted", 8, "ana")
    # by the API, a script may do the same
    token = __import__("sitreps.store.accounts", fromlist=["Accounts"]).Accounts(store).new_token("ana")
    edited = client.post(f"/api/corrections/{made}/review", json={"status": "accepted", "value": "10"},
                         headers={"Authorization": f"Bearer {token}"})
    assert edited.json()["value"] == 10


def test_a_refused_form_keeps_the_selection_and_the_comment(web):
    client, ids, store = web
    csrf = sign_in(client, "bob")
    figure = _figure(store, ids)
    answer = client.post(f"/articles/{ids['wire']}/corrections", data={
        "csrf": csrf, "choice": "wrong-figure", "start": figure["start"], "end": figure["end"],
        "text": figure["text"], "item_id": figure["id"], "field": "value", "value": "thirty-four",
        "note": "the later bulletin"}, follow_redirects=False)
    assert answer.status_code == 422
    page = answer.text
    assert 'id="correction-error"' in page and "not a number" in page and 'data-reopen="1"' in page
    assert 'value="thirty-four"' in page and ">the later bulletin</textarea>" in page
    assert f'<option value="wrong-figure" data-component="figures" selected>' in page
    assert f'data-selected="value"' in page and f'<option value="{figure["id"]}" selected>' in page
    assert f'name="start" value="{figure["start"]}"' in page and "Traceback" not in page
    assert store.corrections().empty


# -- filters, facets and downloads (issue 19) ----------------------------------------------------------------

def test_filters_read_countries_by_name_or_code_and_keep_outlet_and_speaker_apart(web):
    client, _, _ = web
    def total(**params):
        answer = client.get("/api/figures", params=params)
        assert answer.status_code == 200, (params, answer.text)
        return answer.json()["total"]

    assert total(country="Ukraine") == total(country="UKR") == total(country="ukr") > 0
    assert total(subject="russia") == total(subject="RUS") > 0 and total(subject="the Russian Federation") in {0, total(subject="RUS")}
    assert total(category="Killed") == total(category="killed") == 1
    refused = client.get("/api/figures", params={"country": "Narnia"})
    assert refused.status_code == 422 and "Narnia" in refused.json()["detail"]
    backwards = client.get("/api/figures", params={"since": "2025-05-01", "until": "2025-01-01"})
    assert backwards.status_code == 422 and "until" in backwards.json()["detail"]
    # the outlet (who published the article) and the speaker (who gives the figure) are separate filters
    said = client.get("/api/figures", params={"speaker": "oleh syniehubov"}).json()["items"]
    assert said and {row["source_name"] for row in said} == {"Oleh Syniehubov"}
    assert total(outlet="Meridian Wire") == total(source="meridian wire") == 14  # source: the old name
    assert total(outlet="Meridian Wire", speaker="Oleh Syniehubov") == len(said)
    assert total(speaker="Meridian Wire") == 0


def test_facet_counts_say_what_each_choice_gives(web):
    client, _, _ = web
    facets = client.get("/api/facets/figures", params={"country": "Ukraine"}).json()
    everything = client.get("/api/figures", params={"country": "Ukraine"}).json()["total"]
    assert sum(n for _, n in facets["category"]) <= everything and facets["category"]
    for value, n in facets["category"]:
        assert client.get("/api/figures", params={"country": "Ukraine", "category": value}).json()["total"] == n
    # a facet's own filter is left out of its counts, the others are kept
    picked = client.get("/api/facets/figures", params={"country": "Ukraine", "category": "killed"}).json()
    assert picked["category"] == facets["category"] and picked["outlet"] == [["Meridian Wire", 1]]
    events = client.get("/api/facets/events").json()
    assert dict(events["type"])["ASSAULT"] == client.get("/api/events", params={"type": "ASSAULT"}).json()["total"]


def test_downloads_hold_exactly_the_filtered_view_over_every_page(web):
    import csv
    import io

    client, _, _ = web
    params = {"country": "Ukraine", "sort": "value", "order": "desc"}
    listed = client.get("/api/figures", params={**params, "per_page": 200}).json()
    assert listed["total"] > 3
    answer = client.get("/figures.csv", params={**params, "page": 2})  # the page on screen does not matter
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert [(r["article_id"], r["id"]) for r in rows] == [(r["article_id"], r["id"]) for r in listed["items"]]
    assert "None" not in answer.text
    killed = list(csv.DictReader(io.StringIO(client.get("/figures.csv", params={"category": "killed"}).text)))
    assert [r["text"] for r in killed] == ["seven people"] and killed[0]["value"] in {"7", "7.0"}
    events = client.get("/api/events", params={"per_page": 200}).json()["items"]
    geo = client.get("/events.geojson").json()
    assert geo["type"] == "FeatureCollection"
    # as `sitreps export --format geojson`: a placed item at its place, one with only a country at the
    # country's centroid, marked so (precision 3, point "country"), one with neither left out
    placed = {(e["article_id"], e["id"]) for e in events if e["lat"] is not None}
    countries = {(e["article_id"], e["id"]) for e in events if e["lat"] is None and e.get("country")}
    features = {(f["properties"]["article_id"], f["properties"]["id"]): f for f in geo["features"]}
    assert placed and set(features) == placed | countries
    assert all(features[key]["properties"]["point"] == "place" for key in placed)
    assert all(features[key]["properties"]["point"] == "country" and features[key]["properties"]["precision"] == 3
               for key in countries)
    assert all(f["geometry"]["type"] == "Point" and len(f["geometry"]["coordinates"]) == 2 for f in geo["features"])
    assert client.get("/figures.csv", params={"since": "soon"}).status_code == 422


def test_list_pages_say_n_of_m_and_handle_a_page_past_the_end(web):
    client, _, _ = web
    page = client.get("/figures", params={"category": "Killed", "country": "Ukraine"}).text
    assert re.search(r"1–1 of <strong>1</strong> figures <span class=\"muted\">\(of \d+ in the store\)", page)
    assert '<option value="killed" selected>killed (1)</option>' in page
    assert 'href="/figures.csv?category=Killed&amp;country=Ukraine"' in page
    past = client.get("/figures", params={"page": 99})
    assert past.status_code == 200 and "Page 99 is past the end" in past.text and "page 99 of" not in past.text


# -- less noise (issue 19) -----------------------------------------------------------------------------------

def test_contradictions_are_grouped_paged_dismissable_and_leave_percentages_out(web, tmp_path):
    from sitreps.corrections import export_gold
    from tests.web_support import add_polls

    client, ids, store = web
    add_polls(store)
    default = client.get("/api/contradictions/grouped").json()
    everything = client.get("/api/contradictions/grouped", params={"noise": "true"}).json()
    assert default["noise_left_out"] == 1 and everything["total"] == default["total"] + 1
    labels = [g["label"] for g in everything["items"]]
    assert any(label.startswith("percent") for label in labels)
    assert not any(g["label"].startswith("percent") for g in default["items"])
    assert all(g["contradictions"] for g in default["items"]) and default["pages"] == 1
    page = client.get("/contradictions").text
    assert "about percentages and other non-counts left out" in page and "None" not in page
    target = default["items"][0]["contradictions"][0]["id"]
    # an analyst may not dismiss; a reviewer may, and may restore
    csrf = sign_in(client, "bob")
    assert client.post(f"/contradictions/{target}/dismiss", data={"csrf": csrf}).status_code == 403
    client.post("/logout", data={"csrf": csrf})
    csrf = sign_in(client, "ana")
    page = client.get("/contradictions").text
    assert f'action="/contradictions/{target}/dismiss"' in page
    done = client.post(f"/contradictions/{target}/dismiss", data={"csrf": csrf, "note": "two mentions of one strike"},
                       follow_redirects=False)
    assert done.status_code == 303
    after = client.get("/api/contradictions/grouped").json()
    assert after["total"] == default["total"] - 1
    assert target not in {c["id"] for g in after["items"] for c in g["contradictions"]}
    shown = client.get("/contradictions", params={"show": "dismissed"}).text
    assert f'id="contradiction-{target}"' in shown and "dismissed by ana: two mentions of one strike" in shown
    # a dismissal is not a correction of an extraction: not listed there, never gold
    assert "two mentions" not in client.get("/corrections", params={"status": "all"}).text
    assert export_gold(store, tmp_path / "gold") == []
    client.post(f"/contradictions/{target}/dismiss", data={"csrf": csrf, "restore": "true"})
    assert client.get("/api/contradictions/grouped").json()["total"] == default["total"]
    assert client.post("/contradictions/nope/dismiss", data={"csrf": csrf}).status_code == 404


def test_the_default_chart_is_never_a_percentage_and_no_page_prints_none(web):
    from tests.web_support import add_polls

    client, ids, store = web
    add_polls(store)
    store.add_correction(ids["wire"], "times", "missing", start=0, end=7, text="KHARKIV", author=None)
    figures = client.get("/figures").text
    label = re.search(r'href="/ledger/quantity\?key=[^"]+">([^<]+)</a>', figures).group(1)
    assert not label.startswith("percent"), label
    asked = client.get("/figures", params={"category": "percent"}).text
    assert re.search(r'href="/ledger/quantity\?key=[^"]+">percent', asked)  # asked for, it is charted
    paths = ["/articles", f"/articles/{ids['wire']}", "/figures", "/events", "/actors", "/places", "/ledger",
             "/ledger/events", "/contradictions?noise=true", "/corrections?status=all", "/figures?category=percent"]
    for path in paths:
        html = client.get(path).text
        html = re.sub(r'<div id="article-text".*?</div>', "", html, flags=re.S)  # the article's own words
        text = re.sub(r"<[^>]+>", " ", html)
        assert not re.search(r"\bNone\b", text), (path, text[max(0, text.find("None") - 200):text.find("None") + 50])


# -- map and timeline (issue 19) -----------------------------------------------------------------------------

def test_map_places_link_to_their_events_and_areas_are_not_drawn_as_points(web):
    client, _, _ = web
    page = client.get("/places", params={"type": "ASSAULT"}).text
    links = dict((href, css) for href, css in re.findall(r'<a href="(/events[^"]*)"><circle class="([^"]*)"', page))
    assert "/events?type=ASSAULT&amp;place=Kharkiv" in links and "area" not in links["/events?type=ASSAULT&amp;place=Kharkiv"]
    assert "area" in links["/events?type=ASSAULT&amp;place=Kharkiv+region"]  # a region: a dashed ring
    assert 'stroke-dasharray="4 3"' in page and 'role="img"' not in page
    kharkiv = client.get("/api/events", params={"place": "kharkiv", "type": "ASSAULT"}).json()
    assert kharkiv["total"] >= 1 and {row["place_name"] for row in kharkiv["items"]} == {"Kharkiv"}
    assert client.get("/events", params={"place": "Kharkiv"}).status_code == 200
    assert client.get("/api/claims", params={"place": "Kharkiv"}).status_code == 422


def test_far_off_dates_do_not_stretch_the_timeline():
    from sitreps.web.charts import TimelineItem
    from sitreps.web.views import without_outliers

    items = [TimelineItem(f"2025-03-{day:02d}", "strike", "ASSAULT", None) for day in range(1, 21)]
    anniversary = TimelineItem("1909-03-14", "founded", "OTHER", None)
    kept, left_out = without_outliers([*items, anniversary])
    assert left_out == 1 and anniversary not in kept and len(kept) == 20
    assert without_outliers(items[:5] + [anniversary]) == (items[:5] + [anniversary], 0)  # too few to judge


def test_cached_counts_follow_the_store(web):
    from tests.web_support import add_polls

    client, _, store = web
    before = client.get("/api/figures", params={"per_page": 1}).json()["total"]
    facets = client.get("/api/facets/figures").json()
    add_polls(store)  # two more articles, each with a percentage
    after = client.get("/api/figures", params={"per_page": 1}).json()["total"]
    assert after == before + 2
    assert dict(client.get("/api/facets/figures").json()["category"]).get("percent", 0) == \
        dict(facets["category"]).get("percent", 0) + 2
    assert re.search(r"of <strong>\d+</strong> figures", client.get("/figures").text)


def test_a_download_never_hands_a_spreadsheet_a_formula(web):
    import copy
    import csv
    import hashlib
    import io

    from sitreps import __version__
    from sitreps.web.downloads import _cell
    from tests.web_support import reports

    assert [_cell(v) for v in ("=HYPERLINK(\"http://x\")", "+1", "@SUM(A1)", "-2+3", "plain", 12.5, -3.0, None)] == \
        ["'=HYPERLINK(\"http://x\")", "'+1", "'@SUM(A1)", "'-2+3", "plain", 12.5, -3.0, ""]
    client, _, store = web
    report = copy.deepcopy(reports()[0])  # the wire report stored again, from a publisher named by a formula
    report["article"]["publisher"] = '=HYPERLINK("http://x")'
    text = report["article"]["text"]
    store.save(report, source="wire", raw_hash=hashlib.sha256(text.encode()).hexdigest(), version=__version__,
               replace=True)
    rows = list(csv.DictReader(io.StringIO(client.get("/figures.csv").text)))
    assert {row["publisher"] for row in rows if row["article_id"] == report["article"]["id"]} == \
        {"'=HYPERLINK(\"http://x\")"}
    assert not any(str(v).startswith(("=", "+", "-", "@")) for row in rows for v in row.values()
                   if v and not _is_number(v))


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_the_articles_page_downloads_its_search(web):
    import csv
    import io

    client, ids, _ = web
    rows = list(csv.DictReader(io.StringIO(client.get("/articles.csv", params={"q": "defaced websites"}).text)))
    assert [r["id"] for r in rows] == [ids["hostile"]]
    assert len(list(csv.DictReader(io.StringIO(client.get("/articles.csv").text)))) == 2
    assert 'href="/articles.csv?q=Kharkiv"' in client.get("/articles", params={"q": "Kharkiv"}).text


def test_actors_are_one_row_a_name_and_sortable_and_the_ledger_pages_and_sorts(web):
    client, _, store = web
    actors = client.get("/api/actors", params={"per_page": 200}).json()["items"]
    names = [a["name"] for a in actors]
    assert len(names) == len(set(names))  # one row a name, whatever countries its mentions were given
    assert actors and all(a["country"] == (a["countries"][0]["country"] if a["countries"] else None) for a in actors)
    by_name = client.get("/api/actors", params={"sort": "name", "order": "asc", "per_page": 200}).json()["items"]
    assert [a["name"] for a in by_name] == sorted(names, key=lambda n: n) or \
        [a["name"].lower() for a in by_name] == sorted(n.lower() for n in names)
    assert client.get("/api/actors", params={"country": "russia"}).json()["total"] == \
        client.get("/api/actors", params={"country": "RUS"}).json()["total"] > 0
    page = client.get("/ledger", params={"sort": "quantity"}).text
    labels = re.findall(r'<td><a href="/ledger/quantity\?key=[^"]+">([^<]+)</a>', page)
    assert labels and labels == sorted(labels, key=str.casefold)
    assert re.search(r"1–\d+ of <strong>\d+</strong> quantities", page)
    assert "past the end" in client.get("/ledger", params={"page": 99}).text
    assert client.get("/ledger", params={"sort": "colour"}).status_code == 422
