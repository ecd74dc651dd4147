"""The workbench cannot be exhausted by one client (issue 21, item 5), and accounts hold (item 6).

Every test runs the real app on a real SQLite store through HTTP (httpx via Starlette's test client); the
sign-out test also copies a cookie between two clients of a real ``sitreps serve`` process.
"""

from __future__ import annotations

import re
import time
from dataclasses import replace

import httpx
import pytest
from fastapi.testclient import TestClient

from sitreps.store import Store, queries
from sitreps.store.accounts import Accounts
from sitreps.web import create_app
from sitreps.web.limits import Budget, SignInLimits, load_limits
from tests.web_support import PASSWORDS, fill

pytestmark = pytest.mark.slow


@pytest.fixture
def store(tmp_path):
    found = Store(str(tmp_path / "limits.db"))
    fill(found)
    return found


def _csrf(client: TestClient | httpx.Client, path: str = "/login") -> str:
    return re.search(r'name="csrf" value="([^"]+)"', client.get(path).text).group(1)


def _sign_in(client, name: str, password: str | None = None):
    return client.post("/login", data={"csrf": _csrf(client), "name": name,
                                       "password": PASSWORDS[name] if password is None else password,
                                       "next": "/articles"}, follow_redirects=False)


# -- search and pages ------------------------------------------------------------------------------------------

def test_a_search_of_a_thousand_terms_is_refused_at_once_naming_the_limit(store):
    with TestClient(create_app(store)) as client:
        many = " ".join(f"word{i}" for i in range(1000))
        started = time.perf_counter()
        answer = client.get("/api/articles", params={"q": many})
        assert time.perf_counter() - started < 1.0
        assert answer.status_code == 422
        assert answer.json()["detail"] == f"q: at most {queries.MAX_QUERY_CHARACTERS} characters (this has 7889)"
        short = " ".join(["a"] * 100)  # short enough, but too many terms
        answer = client.get("/api/articles", params={"q": short})
        assert answer.json()["detail"] == f"q: at most {queries.MAX_QUERY_TERMS} words or phrases (this has 100)"
        page = client.get("/articles", params={"q": many})
        assert page.status_code == 422 and "at most" in page.text and "Traceback" not in page.text
        # the item lists' substring search is bounded too
        assert client.get("/api/figures", params={"q": "x" * 5000}).status_code == 422
        # a query at the limit still searches
        at_limit = " ".join(["Kharkiv"] * queries.MAX_QUERY_TERMS)
        assert client.get("/api/articles", params={"q": at_limit}).json()["total"] == 1


@pytest.mark.parametrize("path", ["/api/articles", "/api/figures", "/api/events", "/api/corrections",
                                  "/api/actors", "/api/fused-events", "/articles", "/figures", "/events"])
def test_a_huge_page_number_is_a_clear_422_never_a_500(store, path):
    with TestClient(create_app(store), raise_server_exceptions=False) as client:
        for number in (10**20, queries.MAX_PAGE + 1):
            answer = client.get(path, params={"page": number})
            assert answer.status_code == 422, (path, number, answer.text[:300])
            assert "page" in answer.text and str(queries.MAX_PAGE) in answer.text
        beyond = client.get(path, params={"page": queries.MAX_PAGE})
        assert beyond.status_code == 200, (path, beyond.text[:300])


# -- the request budget ------------------------------------------------------------------------------------------

def test_expensive_endpoints_have_a_per_client_budget_and_answer_429_with_retry_after(store):
    limits = replace(load_limits(), budget=Budget(rate=1.0, burst=3, endpoints=load_limits().budget.endpoints))
    # both servers started first: starting one takes time (migrations checked, statistics refreshed), and a
    # token comes back each second
    with TestClient(create_app(store, limits=limits)) as client, \
            TestClient(create_app(store, limits=limits), client=("192.0.2.7", 50000)) as other:
        answers = [client.get("/api/figures") for _ in range(3)]
        assert [a.status_code for a in answers] == [200, 200, 200]
        refused = client.get("/api/events")
        assert refused.status_code == 429
        assert 1 <= int(refused.headers["retry-after"]) <= 2
        assert "requests" in refused.json()["detail"]
        assert client.get("/api/articles", params={"q": "Kharkiv"}).status_code == 429  # search is budgeted
        page = client.get("/figures")
        assert page.status_code == 429 and "retry in" in page.text and page.headers["retry-after"]
        assert page.headers["x-frame-options"] == "DENY"  # the security headers are on refusals too
        # cheap reads are not budgeted, and another client has its own budget
        assert client.get("/api/articles").status_code == 200
        assert client.get("/api/me").status_code == 200
        assert other.get("/api/figures").status_code == 200
        for _ in range(4):  # spend what came back while the steps above ran (a busy machine takes seconds)
            if client.get("/api/figures").status_code == 429:
                break
        time.sleep(1.1)  # a token comes back each second
        assert client.get("/api/figures").status_code == 200
        assert client.get("/api/figures").status_code == 429


def test_the_shipped_limits_are_data_and_a_file_can_override_them(tmp_path):
    shipped = load_limits()
    assert shipped.budget.rate > 0 and shipped.budget.burst >= 10
    assert {"/api/figures", "/api/events", "/api/export*"} <= {e.path for e in shipped.budget.endpoints}
    assert shipped.sign_in.free_failures == 5
    mine = tmp_path / "limits.yaml"
    mine.write_text("budget:\n  rate: 0\nsign_in:\n  first_delay: 7\n")
    changed = load_limits(mine)
    assert changed.budget.rate == 0 and changed.budget.burst == shipped.budget.burst
    assert changed.sign_in.first_delay == 7 and changed.sign_in.free_failures == 5
    bad = tmp_path / "bad.yaml"
    bad.write_text("budget:\n  rate: fast\n")
    with pytest.raises(Exception, match=r"bad.yaml.*budget.rate"):
        load_limits(bad)
    bad.write_text("budgte:\n  rate: 1\n")
    with pytest.raises(Exception, match=r"bad.yaml.*budgte"):
        load_limits(bad)


def test_a_budget_of_rate_zero_is_no_budget(store):
    limits = replace(load_limits(), budget=Budget(rate=0, burst=1, endpoints=load_limits().budget.endpoints))
    with TestClient(create_app(store, limits=limits)) as client:
        assert all(client.get("/api/figures").status_code == 200 for _ in range(5))


# -- the figures cache under a writing ingest ------------------------------------------------------------------

def test_the_figures_cache_is_not_dropped_by_every_stored_article(store, tmp_path):
    """Each stored article used to drop the cache: /figures fused the whole store again on every request
    while an ingest wrote. Now the store's version is re-read at most every few seconds."""
    import hashlib

    from sitreps import __version__
    from tests.web_support import reports

    limits = replace(load_limits(), store_version_seconds=60)
    app = create_app(store, limits=limits)
    fused = []
    cache = app.state.fusion_cache
    original = cache.compute

    def counting(*args, **kwargs):
        fused.append(1)
        return original(*args, **kwargs)

    cache.compute = counting
    with TestClient(app) as client:
        assert client.get("/figures").status_code == 200
        assert len(fused) == 1
        report = reports()[0]
        for number in range(5):  # an ingest writes five articles between requests
            copy = {**report, "article": {**report["article"], "id": f"copy{number}", "text":
                                          report["article"]["text"] + f" ({number})"}}
            store.save(copy, source=f"copy{number}", raw_hash=hashlib.sha256(str(number).encode()).hexdigest(),
                       version=__version__)
            assert client.get("/figures").status_code == 200
        assert len(fused) == 1  # within the refresh interval the fused ledger is reused
        cache.version.refresh_now()
        assert client.get("/figures").status_code == 200
        assert len(fused) == 2  # a new version is fused once


def test_while_one_request_fuses_a_new_version_the_others_get_the_previous_one(store):
    """One fusion per version: concurrent requests neither pile up fusing nor wait when an older one exists."""
    import threading

    from sitreps.store.queries import Filters
    from tests.web_support import reports

    app = create_app(store, limits=replace(load_limits(), store_version_seconds=0))
    cache = app.state.fusion_cache
    first = cache.get(store, Filters())
    release, started, calls = threading.Event(), threading.Event(), []
    original = cache.compute

    def slow(*args, **kwargs):
        calls.append(1)
        started.set()
        release.wait(10)
        return original(*args, **kwargs)

    cache.compute = slow
    report = reports()[1]
    store.save({**report, "article": {**report["article"], "id": "new-one", "text": report["article"]["text"] + "!"}},
               source="new-one", raw_hash="f" * 64, version="test")
    fresh: list = []
    making = threading.Thread(target=lambda: fresh.append(cache.get(store, Filters())))
    making.start()
    assert started.wait(10)
    others = [cache.get(store, Filters()) for _ in range(5)]  # answered at once, from the previous version
    assert all(found is first for found in others) and len(calls) == 1
    release.set()
    making.join(10)
    assert fresh and fresh[0] is not first and cache.get(store, Filters()) is fresh[0] and len(calls) == 1


def test_the_figures_page_shows_itself_while_a_long_fusion_is_made_and_its_chart_once_made(store):
    """Fusing a category of a 20,000-article store takes half a minute: the figures page no longer waits for
    its chart. Here the real fusion is held back until released, as a large store's would take its time."""
    import threading

    app = create_app(store)
    cache = app.state.fusion_cache
    release, calls = threading.Event(), []
    original = cache.compute

    def held(*args, **kwargs):
        calls.append(1)
        release.wait(20)
        return original(*args, **kwargs)

    cache.compute = held
    with TestClient(app) as client:
        started = time.monotonic()
        page = client.get("/figures")
        assert page.status_code == 200 and time.monotonic() - started < 10
        assert 'id="figures-chart-preparing"' in page.text and 'id="figures-chart"' not in page.text
        assert "figures-table" in page.text  # the list itself is all there
        client.get("/figures")  # asked again meanwhile: the fusion under way is not started twice
        assert len(calls) == 1
        release.set()
        deadline = time.monotonic() + 20
        while 'id="figures-chart"' not in (page := client.get("/figures")).text and time.monotonic() < deadline:
            time.sleep(0.1)
        assert 'id="figures-chart"' in page.text and "figures-chart-preparing" not in page.text
        assert len(calls) == 1


# -- signing in --------------------------------------------------------------------------------------------------

def test_wrong_passwords_lock_the_account_with_growing_delays(store):
    limits = replace(load_limits(), sign_in=SignInLimits(free_failures=5, first_delay=1, max_delay=60,
                                                         client_free_failures=50))
    with TestClient(create_app(store, limits=limits)) as client:
        for _ in range(5):
            assert _sign_in(client, "bob", "a wrong guess").status_code == 401
        locked = _sign_in(client, "bob", "another guess")
        assert locked.status_code == 429 and locked.headers["retry-after"] == "1"
        assert "Too many" in locked.text
        # while locked the right password is refused too: guessing cannot go on at full speed
        assert _sign_in(client, "bob").status_code == 429
        # other accounts are not locked by bob's failures
        assert _sign_in(client, "ana").status_code == 303
        time.sleep(1.1)
        assert _sign_in(client, "bob", "guess six").status_code == 401  # the sixth failure doubles the delay
        again = _sign_in(client, "bob")
        assert again.status_code == 429 and again.headers["retry-after"] == "2"
        time.sleep(2.1)
        assert _sign_in(client, "bob").status_code == 303  # the right password, once the delay is over
        for _ in range(5):  # and a success forgets the failures
            assert _sign_in(client, "bob", "a wrong guess").status_code == 401


def test_one_client_guessing_many_accounts_is_slowed_down(store):
    limits = replace(load_limits(), sign_in=SignInLimits(free_failures=5, first_delay=30, max_delay=60,
                                                         client_free_failures=3))
    with TestClient(create_app(store, limits=limits)) as client:
        for name in ("carl", "dora", "emil"):  # names that are not users count too
            answer = client.post("/login", data={"csrf": _csrf(client), "name": name, "password": "guess"})
            assert answer.status_code == 401
        refused = _sign_in(client, "ana")
        assert refused.status_code == 429 and 1 <= int(refused.headers["retry-after"]) <= 30
        with TestClient(create_app(store, limits=limits), client=("192.0.2.8", 50000)) as other:
            assert _sign_in(other, "ana").status_code == 303


def test_a_hundred_and_twenty_wrong_passwords_then_the_right_one_is_refused(store):
    """The issue's attack: 120 wrong passwords at full speed, then the right one accepted."""
    with TestClient(create_app(store)) as client:
        codes = [_sign_in(client, "bob", f"guess {i}").status_code for i in range(120)]
        # five free guesses, then the account is locked for 2 s, 4 s, 8 s …: a handful of passwords checked
        assert codes[:5] == [401] * 5 and codes[5] == 429 and codes.count(401) <= 7, codes
        assert _sign_in(client, "bob").status_code == 429


# -- sessions ----------------------------------------------------------------------------------------------------

def test_a_cookie_copied_before_sign_out_no_longer_works(store):
    with TestClient(create_app(store, open_reading=False)) as client:
        assert _sign_in(client, "bob").status_code == 303
        copied = client.cookies.get("sitreps_session")
        assert client.get("/api/me").json()["user"] == "bob"
        client.post("/logout", data={"csrf": _csrf(client, "/articles")}, follow_redirects=False)
        with TestClient(client.app) as thief:
            thief.cookies.set("sitreps_session", copied)
            assert thief.get("/api/articles").status_code == 401
        # signing in again gives a new session that works
        assert _sign_in(client, "bob").status_code == 303
        assert client.get("/api/me").json()["user"] == "bob"


def test_a_password_change_revokes_the_sessions_made_before_it(store):
    with TestClient(create_app(store, open_reading=False)) as client:
        assert _sign_in(client, "ana").status_code == 303
        assert client.get("/api/articles").status_code == 200
        Accounts(store).set_password("ana", "a brand new passphrase")
        assert client.get("/api/articles").status_code == 401
        assert _sign_in(client, "ana").status_code == 401  # the old password is gone
        assert _sign_in(client, "ana", "a brand new passphrase").status_code == 303
        assert client.get("/api/articles").status_code == 200


def test_sign_out_revokes_a_copied_cookie_on_a_real_server(tmp_path):
    from tests.test_workbench_cli import serving

    db = tmp_path / "served.db"
    fill(Store(str(db)))
    with serving("--db", str(db)) as (port, _):
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base) as browser, httpx.Client(base_url=base) as thief:
            assert _sign_in(browser, "bob").status_code == 303
            thief.cookies.set("sitreps_session", browser.cookies.get("sitreps_session"))
            assert thief.get("/api/me").json()["user"] == "bob"
            browser.post("/logout", data={"csrf": _csrf(browser, "/articles")}, follow_redirects=False)
            assert thief.get("/api/me").json()["user"] is None
            assert browser.get("/api/me").json()["user"] is None
