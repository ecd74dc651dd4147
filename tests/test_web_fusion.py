"""The ledger, fused events and contradictions in the workbench, over the team's fusion corpus."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitreps.web import create_app
from tests.test_cli import run_cli

pytestmark = pytest.mark.slow
CORPUS = Path(__file__).parent / "fusion" / "articles.jsonl"
TROOPS = "troops|PRK|RUS|person|total"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = tmp_path_factory.mktemp("fusion") / "fusion.db"
    done = run_cli("ingest", str(CORPUS), "--db", str(db), "--no-progress")
    assert done.returncode == 0, done.stderr
    with TestClient(create_app(str(db))) as client:
        yield client


def test_the_ledger_lists_each_sources_latest_estimate_and_the_flags(client):
    ledger = client.get("/api/ledger", params={"category": "troops", "subject": "PRK"}).json()
    troops = next(q for q in ledger["items"] if q["key"] == TROOPS)
    assert len(troops["sources"]) >= 3
    assert {"disagreement", "revision"} <= {f["kind"] for f in troops["flags"]}
    assert troops["highest"]["value"] == 12000 or troops["highest"]["high"] == 12000
    assert all(q["category"] == "troops" for q in ledger["items"])
    flagged = client.get("/api/ledger", params={"flagged": "true"}).json()["items"]
    assert flagged and all(q["flags"] for q in flagged)


def test_a_quantity_page_charts_one_line_per_source(client):
    page = client.get("/ledger/quantity", params={"key": TROOPS})
    assert page.status_code == 200
    start = page.text.index("<svg", page.text.index('id="quantity-chart"'))
    svg = ET.fromstring(page.text[start:page.text.index("</svg>", start) + 6])
    series = {el.get("class") for el in svg.iter() if (el.get("class") or "").startswith("legend-item")}
    assert len(series) >= 3
    assert client.get("/ledger/quantity", params={"key": "no|such"}).status_code == 404
    assert client.get("/api/ledger/quantity", params={"key": TROOPS}).json()["key"] == TROOPS


def test_fused_events_and_contradictions_are_served(client):
    merged = client.get("/api/fused-events", params={"merged": "true", "type": "ASSAULT"}).json()
    assert any(len(e["articles"]) >= 3 for e in merged["items"])
    found = client.get("/api/contradictions", params={"kind": "place", "scope": "within"}).json()["items"]
    assert any("Pyongyang" in c["message"] for c in found)
    assert all(len(c["passages"]) >= 2 for c in found)
    for path in ("/ledger", "/ledger/events", "/contradictions", "/contradictions?kind=date"):
        assert client.get(path).status_code == 200, path
    assert client.get("/api/ledger", params={"since": "soon"}).status_code == 422


def test_sources_can_be_pooled_by_state(client):
    pooled = client.get("/api/ledger/quantity", params={"key": TROOPS, "sources": "government"}).json()
    assert "United States officials" in pooled["sources"]
    assert all(e["speaker"] for e in pooled["estimates"])
    assert client.get("/api/ledger", params={"sources": "everyone"}).status_code == 422
    page = client.get("/ledger/quantity", params={"key": TROOPS, "sources": "government"})
    assert page.status_code == 200 and "United States officials" in page.text
