"""sitreps ledger / timeline / contradictions: tables, --json, --csv and one-line errors, on a store of
hand-made reports (no model needed)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from sitreps.cli import main
from sitreps.store import Store


def _report(article_id: str, publisher: str, published: str, text: str, value: float, source: str) -> dict:
    return {
        "schema": "sitreps/1",
        "article": {"id": article_id, "publisher": publisher, "published": published, "text": text, "title": text},
        "sentences": [{"start": 0, "end": len(text)}],
        "actors": [{"id": "A1", "name": "North Korea", "kind": "state", "country": "PRK"},
                   {"id": "A2", "name": "Russia", "kind": "state", "country": "RUS"},
                   {"id": "A3", "name": source, "kind": "organization", "country": "KOR"}],
        "places": [{"id": "P1", "name": "Russia", "kind": "country", "country": "RUS", "precision": 3,
                    "mentions": []}],
        "events": [{"id": "E1", "type": "MOBILIZE", "actor": ["A1"], "recipient": ["A2"], "date": published,
                    "place": "P1", "modality": "reported", "source": "A3", "figures": ["F1"], "text": text,
                    "start": 0, "end": len(text), "sentence": 0}],
        "figures": [{"id": "F1", "text": f"{value:,.0f} North Korean troops", "start": 0, "end": 5, "sentence": 0,
                     "value": value, "qualifier": "exact", "unit": "person", "category": "troops",
                     "what": "North Korean troops", "subject": "A1", "place": "P1", "time": published,
                     "source": "A3", "attribution": "reported"}],
    }


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "fuse.db")
    store = Store(path)
    for i, (publisher, day, value, source) in enumerate([("Wire", "2024-10-23", 3000, "Spy Agency"),
                                                          ("Post", "2024-10-24", 12000, "Military Intelligence"),
                                                          ("Wire", "2024-11-13", 11000, "Spy Agency")]):
        filler = ["Lawmakers met behind closed doors on Wednesday", "Satellite images showed new barracks near the coast",
                  "Officials in Kyiv gave their own count at a briefing"][i]
        text = f"{value:,} North Korean troops are in Russia, the {source} said. {filler}."
        store.save(_report(f"art{i}", publisher, day, text, value, source), source=f"t{i}", raw_hash=f"h{i}",
                   version="test")
    store.close()
    return path


def test_ledger_table_json_and_csv(db, capsys):
    assert main(["ledger", "--db", db, "--category", "troops", "--subject", "PRK"]) == 0
    table = capsys.readouterr().out
    assert "North Korea" in table and "disagreement" in table and "revision" in table
    assert main(["ledger", "--db", db, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (quantity,) = data["ledger"]
    assert {e["source"]: e["value"] for e in quantity["latest"]} == {"Spy Agency": 11000,
                                                                     "Military Intelligence": 12000}
    assert quantity["conservative"]["value"] == 11000 and quantity["highest"]["value"] == 12000
    assert main(["ledger", "--db", db, "--csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 3 and rows[0]["key"] == "troops|PRK|RUS|person|total"
    assert main(["ledger", "--db", db, "--key", "troops|PRK|RUS|person|total"]) == 0
    assert "Military Intelligence" in capsys.readouterr().out
    assert main(["ledger", "--db", db, "--category", "killed", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ledger"] == []


def test_timeline_and_contradictions(db, capsys):
    assert main(["timeline", "--db", db, "--min-mentions", "2", "--json"]) == 0
    (event,) = json.loads(capsys.readouterr().out)["events"]
    assert event["type"] == "MOBILIZE" and len(event["articles"]) == 2
    assert main(["timeline", "--db", db, "--csv"]) == 0
    assert capsys.readouterr().out.startswith("key,date,type")
    assert main(["timeline", "--db", db, "--type", "mobilize"]) == 0
    assert "MOBILIZE" in capsys.readouterr().out
    assert main(["contradictions", "--db", db, "--kind", "figure", "--json"]) == 0
    (found,) = json.loads(capsys.readouterr().out)["contradictions"]
    assert found["scope"] == "across" and [p["article_id"] for p in found["passages"]] == ["art0", "art1"]
    assert main(["contradictions", "--db", db, "--csv"]) == 0
    assert "12,000 North Korean troops" in capsys.readouterr().out
    assert main(["contradictions", "--db", db, "--scope", "within"]) == 0
    assert "Contradictions: 0" in capsys.readouterr().out


@pytest.mark.parametrize("args, option", [
    (["ledger", "--category", "tanks"], "--category"),
    (["timeline", "--since", "2024-13-01"], "--since"),
    (["timeline", "--type", "BOMB"], "--type"),
    (["contradictions", "--kind", "mood"], "--kind"),
    (["ledger", "--key", "no|such"], "--key"),
])
def test_bad_filters_are_one_line_and_exit_23(db, capsys, args, option):
    assert main([*args, "--db", db]) == 23
    err = capsys.readouterr().err
    assert err.startswith(f"sitreps: {option}: ") and err.count("\n") == 1


def test_missing_database_is_a_store_error(tmp_path, capsys):
    assert main(["ledger", "--db", str(tmp_path / "none.db")]) == 19
    assert "no such database" in capsys.readouterr().err
