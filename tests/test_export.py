"""Queries and exports: filters, the five formats, PLOVER records, DataFrames; on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from sitreps.cli import main
from sitreps.export import export
from sitreps.store import Store
from sitreps.store.queries import Filters
from sitreps.store.queries import frame as query
from tests.test_store import OTHER, WIRE, make_report, save


@pytest.fixture
def store(store_url) -> Store:
    """Three articles from two outlets, one of them a syndicated copy, with events of two types."""
    store = Store(store_url)
    save(store, make_report(WIRE, published="2024-10-22", url="https://www.ledger.example/2024/10/22/port.html",
                            publisher="Harbour Ledger", event_date="2024-10-21", category="wounded"))
    save(store, make_report(OTHER, published="2024-10-23", publisher="Meridian Wire", event_type="SANCTION",
                            country="BEL", category="money", extra={"novel_field": "kept"}))
    save(store, make_report("By Jane Roe\n" + WIRE.replace("on Tuesday", "late on Tuesday"), published="2024-10-22",
                            publisher="Copy Desk"))
    return store


def test_filters(store):
    assert len(query(store, "events")) == 2  # the syndicated copy is left out
    assert len(query(store, "events", Filters(with_duplicates=True))) == 3
    assert query(store, "events", Filters(type="assault"))["type"].tolist() == ["ASSAULT"]
    assert query(store, "events", Filters(since="2024-10-22"))["type"].tolist() == ["SANCTION"]  # events dated 10-21
    assert query(store, "events", Filters(until="2024-10-21"))["day"].tolist() == ["2024-10-21"]
    assert query(store, "figures", Filters(category="money"))["country"].tolist() == ["BEL"]
    assert query(store, "places", Filters(country="bel"))["name"].tolist() == ["Odesa"]
    assert query(store, "actors", Filters(source="ledger.example"))["outlet"].unique().tolist() == ["ledger.example"]
    assert query(store, "articles", Filters(source="meridian wire"))["publisher"].tolist() == ["Meridian Wire"]
    assert query(store, "articles", Filters(type="SANCTION", country="BEL"))["published"].tolist() == ["2024-10-23"]
    assert query(store, "claims", Filters(country="UKR"))["speaker"].tolist() == ["A2"]
    with pytest.raises(ValueError, match="applies to events"):
        query(store, "figures", Filters(type="ASSAULT"))
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        Filters(since="22/10/2024")


def test_dataframes_carry_the_contract_fields_and_fields_added_later(store):
    events = store.events()
    assert {"article_id", "id", "type", "mode", "actor", "recipient", "date", "place", "modality", "source",
            "figures", "text", "start", "end", "sentence", "confidence", "published", "lat", "lon"} <= set(events.columns)
    assert isinstance(events, pd.DataFrame) and events.loc[1, "novel_field"] == "kept"
    assert events.loc[0, "place_name"] == "Odesa" and events.loc[0, "lat"] == pytest.approx(46.48)


def _export(store, what, fmt, filters=None) -> bytes:
    out = io.BytesIO()
    export(store, what, fmt, out, filters)
    return out.getvalue()


def test_jsonl_csv_and_parquet_hold_the_same_rows(store, tmp_path):
    lines = [json.loads(line) for line in _export(store, "figures", "jsonl").splitlines()]
    assert [row["category"] for row in lines] == ["wounded", "money"] and lines[0]["low"] is None
    table = pd.read_csv(io.BytesIO(_export(store, "events", "csv")))
    assert table["type"].tolist() == ["ASSAULT", "SANCTION"] and json.loads(table.loc[0, "actor"]) == ["A1"]
    path = tmp_path / "events.parquet"
    path.write_bytes(_export(store, "events", "parquet"))
    frame = pd.read_parquet(path)
    assert frame["type"].tolist() == ["ASSAULT", "SANCTION"] and list(frame.loc[0, "actor"]) == ["A1"]


def test_geojson_has_one_point_per_located_row(store):
    collection = json.loads(_export(store, "events", "geojson"))
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 2
    point = collection["features"][0]
    assert point["geometry"] == {"type": "Point", "coordinates": [30.72, 46.48]}  # lon, lat
    assert point["properties"]["type"] == "ASSAULT" and "lat" not in point["properties"]
    with pytest.raises(ValueError, match="geojson needs coordinates"):
        _export(store, "claims", "geojson")


def test_plover_records(store):
    first, second = [json.loads(line) for line in _export(store, "events", "plover").splitlines()]
    assert first["id"].endswith("-E1") and first["date"] == "2024-10-21" and first["event"] == ["ASSAULT"]
    assert first["quad_code"] == 4 and second["quad_code"] == 3
    assert first["source"] == [{"code": "RUS", "sector": "GOV", "actor_text": "Russia", "identifier_text": "Russia"}]
    assert first["recipient"][0]["code"] == "UKR" and first["mode"] == "aerial"
    assert first["event_loc"] == {"name": "Odesa", "latitude": 46.48, "longitude": 30.72, "cc3": "UKR"}
    assert first["text_info"] == {"sequence": 0, "start": 40, "end": 55}
    assert first["cite_info"]["url"] == "https://www.ledger.example/2024/10/22/port.html"
    assert first["coder"].startswith("sitreps ") and first["modality"] == "reported"
    with pytest.raises(ValueError, match="plover format is for events"):
        _export(store, "figures", "plover")


def test_export_command(store, tmp_path, capsys):
    out = tmp_path / "killed.csv"
    assert main(["export", "--db", store.url, "--what", "figures", "--category", "wounded", "--format", "csv",
                 "-o", str(out)]) == 0
    assert "wrote 1 figures" in capsys.readouterr().err and pd.read_csv(out)["category"].tolist() == ["wounded"]
    assert main(["export", "--db", store.url, "--what", "figures", "--format", "plover"]) == 2
    assert "plover format is for events" in capsys.readouterr().err
    assert main(["export", "--db", str(tmp_path / "none.db")]) == 19
    assert capsys.readouterr().err.count("\n") == 1


def test_one_filters_class_checks_every_field_and_refuses_what_a_table_cannot_use(store):
    from sitreps.errors import BadParameter

    wanted = Filters(country=" ukr", type="assault", category="Killed", subject="prk", since="2024-10-01T08:00")
    assert (wanted.country, wanted.type, wanted.category, wanted.subject, wanted.since) == \
        ("UKR", "ASSAULT", "killed", "PRK", "2024-10-01")
    assert Filters(subject="Vladimir Putin").subject == "vladimir putin"  # a name, as fusion keys actors
    with pytest.raises(BadParameter) as bad:
        Filters(until="soon")
    assert bad.value.parameter == "until" and str(bad.value) == "until: not a date in the form YYYY-MM-DD: 'soon'"
    with pytest.raises(BadParameter, match="applies to fusion") as refused:  # a side is fusion's, not a table's
        query(store, "figures", Filters(subject="PRK"))
    assert refused.value.parameter == "subject"
    with pytest.raises(BadParameter, match="failures take no filters"):
        query(store, "failures", Filters(country="UKR"))
    assert query(store, "figures", Filters(category="MONEY"))["country"].tolist() == ["BEL"]
