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


def _export(store, what, fmt, filters=None, **options) -> bytes:
    out = io.BytesIO()
    export(store, what, fmt, out, filters, **options)
    return out.getvalue()


def test_jsonl_csv_and_parquet_hold_the_same_rows(store, tmp_path):
    lines = [json.loads(line) for line in _export(store, "figures", "jsonl").splitlines()]
    assert [row["category"] for row in lines] == ["wounded", "money"] and lines[0]["low"] is None
    events = pd.read_json(io.BytesIO(_export(store, "events", "jsonl")), lines=True)
    assert events["actor_names"].tolist() == [["Russia"], ["Russia"]] and events.loc[1, "novel_field"] == "kept"
    table = pd.read_csv(io.BytesIO(_export(store, "events", "csv")))
    assert table["type"].tolist() == ["ASSAULT", "SANCTION"] and json.loads(table.loc[0, "actor"]) == ["A1"]
    path = tmp_path / "events.parquet"
    path.write_bytes(_export(store, "events", "parquet"))
    frame = pd.read_parquet(path)
    assert frame["type"].tolist() == ["ASSAULT", "SANCTION"] and list(frame.loc[0, "actor"]) == ["A1"]


# RFC 7946, as far as these exports use it: a FeatureCollection of Point features, longitude first
GEOJSON = {
    "type": "object", "required": ["type", "features"],
    "properties": {"type": {"const": "FeatureCollection"}, "features": {"type": "array", "items": {
        "type": "object", "required": ["type", "geometry", "properties"],
        "properties": {"type": {"const": "Feature"}, "properties": {
            "type": "object", "required": ["precision", "point"],
            "properties": {"precision": {"enum": [1, 2, 3]}, "point": {"enum": ["place", "country"]}}},
            "geometry": {"type": "object", "required": ["type", "coordinates"], "properties": {
                "type": {"const": "Point"}, "coordinates": {"type": "array", "minItems": 2, "maxItems": 3,
                                                            "prefixItems": [{"type": "number", "minimum": -180,
                                                                             "maximum": 180},
                                                                            {"type": "number", "minimum": -90,
                                                                             "maximum": 90}]}}}}}}}}


def test_geojson_has_a_point_and_a_precision_on_every_feature(store):
    from jsonschema import Draft202012Validator

    collection = json.loads(_export(store, "events", "geojson"))
    Draft202012Validator(GEOJSON).validate(collection)
    assert len(collection["features"]) == 2
    point = collection["features"][0]
    assert point["geometry"] == {"type": "Point", "coordinates": [30.72, 46.48]}  # lon, lat
    assert point["properties"]["type"] == "ASSAULT" and "lat" not in point["properties"]
    assert (point["properties"]["precision"], point["properties"]["point"]) == (1, "place")
    assert point["properties"]["actor_names"] == ["Russia"]
    places = json.loads(_export(store, "places", "geojson"))
    Draft202012Validator(GEOJSON).validate(places)
    assert {f["properties"]["precision"] for f in places["features"]} == {1}
    with pytest.raises(ValueError, match="geojson needs coordinates"):
        _export(store, "claims", "geojson")


def test_geojson_puts_an_item_without_a_point_at_its_countrys_centroid(store_url):
    from jsonschema import Draft202012Validator

    store = Store(store_url)
    report = make_report(WIRE, publisher="Harbour Ledger")
    report["places"][0].update(lat=None, lon=None, precision=None)  # a place the gazetteer could not locate
    save(store, report)
    collection = json.loads(_export(store, "events", "geojson"))
    Draft202012Validator(GEOJSON).validate(collection)
    (feature,) = collection["features"]
    assert feature["properties"]["point"] == "country" and feature["properties"]["precision"] == 3
    assert feature["geometry"]["coordinates"] == [31.2, 48.4]  # Ukraine's centroid (countries.tsv)


def test_csv_for_excel_has_a_bom_and_never_runs_a_formula(store_url, tmp_path):
    store = Store(store_url)
    text = "=HYPERLINK(\"http://evil.example\") said €1.5 billion. Russia struck the port in Odesa on Tuesday."
    save(store, make_report(text, publisher="@Ledger", category="money"))
    raw = _export(store, "figures", "csv", excel=True)
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    table = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert table.loc[0, "publisher"] == "'@Ledger" and table.loc[0, "value"] == 4  # numbers stay numbers
    events = pd.read_csv(io.BytesIO(_export(store, "events", "csv", excel=True)), encoding="utf-8-sig")
    assert events.loc[0, "publisher"] == "'@Ledger"
    articles = pd.read_csv(io.BytesIO(_export(store, "articles", "csv", excel=True)), encoding="utf-8-sig")
    assert articles.loc[0, "text"].startswith("'=HYPERLINK") and "€1.5 billion" in articles.loc[0, "text"]
    plain = pd.read_csv(io.BytesIO(_export(store, "articles", "csv")))
    assert plain.loc[0, "text"].startswith("=HYPERLINK")  # without --excel, the text as it is


def test_parquet_columns_are_typed_and_the_schema_is_fixed(store, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    full, empty = tmp_path / "full.parquet", tmp_path / "empty.parquet"
    full.write_bytes(_export(store, "events", "parquet"))
    empty.write_bytes(_export(store, "events", "parquet", Filters(country="ZZZ")))
    schema = pq.read_schema(full)
    assert schema.equals(pq.read_schema(empty)) and pq.read_table(empty).num_rows == 0
    assert schema.field("day").type == pa.date32() and schema.field("confidence").type == pa.float64()
    assert schema.field("start").type == pa.int64() and schema.field("actor").type == pa.list_(pa.string())
    assert pa.types.is_dictionary(schema.field("type").type)
    assert schema.field("extra").type == pa.string()  # empty in the second event, as text, never null-typed
    frame = pd.read_parquet(full)
    assert isinstance(frame["type"].dtype, pd.CategoricalDtype) and frame["type"].tolist() == ["ASSAULT", "SANCTION"]
    assert str(frame.loc[0, "day"]) == "2024-10-21" and list(frame.loc[0, "actor_names"]) == ["Russia"]
    assert json.loads(frame.loc[1, "extra"]) == {"novel_field": "kept"}
    articles = tmp_path / "articles.parquet"
    articles.write_bytes(_export(store, "articles", "parquet"))
    stamps = pq.read_schema(articles)
    assert stamps.field("first_seen").type == pa.timestamp("us", tz="UTC")
    assert stamps.field("published").type == pa.date32()


def test_plover_records_follow_the_manual_and_pass_its_schema(store):
    from sitreps.schema import schema_errors

    first, second = [json.loads(line) for line in _export(store, "events", "plover").splitlines()]
    for record in (first, second):
        assert schema_errors(record, "plover") == []
    assert first["id"].endswith("-E1") and first["date"] == "2024-10-21" and first["event"] == ["ASSAULT"]
    assert first["quad_code"] == 4 and second["quad_code"] == 4  # SANCTION is material conflict in the manual
    assert first["actor"] == [{"code": "RUS", "sector": "GOV", "entity_text": "KYIV", "name": "Russia",
                               "sitreps_id": "A1"}]  # entity_text: as the text writes it
    assert "source" not in first and "target" not in first and first["recipient"][0]["code"] == "UKR"
    assert first["mode"] == ["aerial"] and first["date_basis"] == "event" and second["date_basis"] == "published"
    assert first["event_loc"] == {"extracted_place": "Odesa", "resolved_place": "Odesa", "lat": 46.48, "lon": 30.72,
                                  "country_code": "UKR", "resolution": 4, "precision": 1, "sitreps_id": "P1"}
    assert first["text_info"] == {"sequence": 0, "start": 40, "end": 55}
    assert first["cite_info"]["url"] == "https://www.ledger.example/2024/10/22/port.html"
    assert first["cite_info"]["codebook"] == "plover-base-2.0" and first["coder"].startswith("sitreps ")
    assert first["reported_by"] == {"id": "A2", "name": "Ukraine"} and first["modality"] == "reported"
    with pytest.raises(ValueError, match="plover format is for events"):
        _export(store, "figures", "plover")


def _event_report(text: str, **event) -> dict:
    """A stored-ready report whose one event has the fields given (its date, actors …)."""
    report = make_report(text, published="2024-10-22", publisher="Meridian Wire", category="killed")
    report["events"][0].update(event)
    return report


@pytest.fixture
def dated(store_url) -> Store:
    """Events dated a year, a month, a week and an interval; one without an actor; casualty ranges."""
    store = Store(store_url)
    texts = ["Shelling hit Odesa. A grain terminal burned for hours while firefighters waited for the all-clear.",
             "Odesa again. Drones came in from the sea before dawn and the regional power grid failed twice.",
             "Odesa port. Dock workers counted losses on Monday as insurers raised premiums for Black Sea cargo.",
             "In Odesa, a week of strikes on warehouses ended, the mayor told reporters at a press briefing."]
    for n, (date, actor) in enumerate([("2015", []), ("2024-10", ["A1"]), ("2024-W42", ["A1"]),
                                       ("2024-10-08/2024-10-15", ["A1"])]):
        report = _event_report(texts[n], date=date, actor=actor)
        report["figures"][0].update(value=None, low=3 + n, high=9)  # "between 3 and 9 killed"
        save(store, report)
    return store


def test_plover_dates_keep_their_granularity_and_every_record_has_an_actor(dated):
    from sitreps.schema import schema_errors

    records = [json.loads(line) for line in _export(dated, "events", "plover").splitlines()]
    assert all(schema_errors(record, "plover") == [] for record in records)
    shapes = {r["date_granularity"]: (r["date"], r["enddate"]) for r in records}
    assert shapes == {"year": ("2015", None), "month": ("2024-10", None), "week": ("2024-10-14", "2024-10-20"),
                      "interval": ("2024-10-08", "2024-10-15")}
    unknown = next(r for r in records if r["date"] == "2015")
    assert unknown["actor"] == [{"sector": "UNK"}]  # the manual's unidentified actor
    assert sorted(r["size"]["dead"] for r in records) == [3, 4, 5, 6]  # the lowest bound of each range


def test_acled_table_has_acleds_columns_and_types(store):
    from sitreps.export.acled import ACLED_COLUMNS

    table = pd.read_csv(io.BytesIO(_export(store, "events", "acled")))
    assert list(table.columns[:len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    assert len(table) == 1  # the SANCTION has no ACLED type; the syndicated copy is left out
    row = table.iloc[0]
    assert (row["event_type"], row["sub_event_type"], row["disorder_type"]) == \
        ("Explosions/Remote violence", "Air/drone strike", "Political violence")
    assert (row["actor1"], row["inter1"], row["actor2"], row["inter2"], row["interaction"]) == \
        ("Russia", 1, "Ukraine", 1, 11)
    assert (row["event_date"], row["year"], row["time_precision"]) == ("2024-10-21", 2024, 1)
    assert (row["country"], row["iso"], row["location"], row["geo_precision"]) == ("Ukraine", 804, "Odesa", 1)
    assert (row["latitude"], row["longitude"], row["source"]) == (46.48, 30.72, "Harbour Ledger")
    assert row["fatalities"] == 0 and row["actor1_ids"] == "A1" and row["plover_mode"] == "aerial"
    with pytest.raises(ValueError, match="acled format is for events"):
        _export(store, "figures", "acled")


def test_acled_fatalities_are_the_most_conservative_estimate(dated):
    killed = pd.read_csv(io.BytesIO(_export(dated, "events", "acled")))
    assert sorted(killed["fatalities"]) == [3, 4, 5, 6]  # "between 3 and 9": 3
    assert sorted(killed["time_precision"]) == [2, 2, 3, 3]  # a week and an 8-day span: 2; a month, a year: 3
    assert "Unidentified Armed Group (Ukraine)" in set(killed["actor1"])  # the event without an actor


def test_acled_event_types_come_from_the_mapping_for_every_plover_type_and_mode():
    from sitreps.export.acled import acled_type
    from sitreps.resources import load_yaml

    modes = load_yaml("events.yaml")["modes"]
    mapping = load_yaml("acled.yaml")
    acled_types = set(mapping["disorder"])
    for plover_type, type_modes in modes.items():
        for mode in [None, *type_modes]:
            found = acled_type(plover_type, mode)
            assert found is None or found[0] in acled_types, (plover_type, mode, found)
    assert acled_type("PROTEST", "riot") == ("Riots", "Violent demonstration")
    assert acled_type("ASSAULT", "abduct") == ("Violence against civilians", "Abduction/forced disappearance")
    assert acled_type("CONSULT", "visit") is None and acled_type("ASSAULT", None) == ("Battles", "Armed clash")
    assert set(mapping["events"]) <= set(modes)  # no type the extractor never emits
    for plover_type, table in mapping["events"].items():
        assert set(table) - {"default"} <= set(modes[plover_type]), plover_type


def test_export_command(store, tmp_path, capsys):
    out = tmp_path / "killed.csv"
    assert main(["export", "--db", store.url, "--what", "figures", "--category", "wounded", "--format", "csv",
                 "-o", str(out)]) == 0
    assert "wrote 1 figures" in capsys.readouterr().err and pd.read_csv(out)["category"].tolist() == ["wounded"]
    assert main(["export", "--db", store.url, "--what", "figures", "--format", "plover"]) == 2
    assert "plover format is for events" in capsys.readouterr().err
    table = tmp_path / "acled.csv"
    assert main(["export", "--db", store.url, "--format", "acled", "--excel", "-o", str(table)]) == 0
    assert "wrote 1 events" in capsys.readouterr().err and table.read_bytes().startswith(b"\xef\xbb\xbf")
    assert pd.read_csv(table, encoding="utf-8-sig")["event_type"].tolist() == ["Explosions/Remote violence"]
    refused = tmp_path / "refused.parquet"
    assert main(["export", "--db", store.url, "--format", "parquet", "--excel", "-o", str(refused)]) == 2
    assert "--excel is for the CSV formats" in capsys.readouterr().err and not refused.exists()
    assert main(["export", "--db", store.url, "-o", str(tmp_path / "no-such-folder" / "e.csv")]) == 2
    assert "cannot write there" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".part") == []  # nothing half-written left
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


def test_names_stand_beside_the_local_ids_in_every_row(store):
    events = store.events()
    assert events.loc[0, "actor"] == ["A1"] and events.loc[0, "actor_names"] == ["Russia"]
    assert events.loc[0, "recipient_names"] == ["Ukraine"] and events.loc[0, "source_name"] == "Ukraine"
    figures = store.figures()
    assert (figures.loc[0, "source"], figures.loc[0, "source_name"]) == ("A2", "Ukraine")
    assert store.frame("claims").loc[0, "speaker_name"] == "Ukraine"
    table = pd.read_csv(io.BytesIO(_export(store, "events", "csv")))
    assert json.loads(table.loc[0, "actor_names"]) == ["Russia"] and json.loads(table.loc[0, "actor"]) == ["A1"]


def test_the_library_names_what_a_report_refers_to():
    from sitreps.types import UNNAMED, Actor, Article, Claim, Event, Figure, Place, Report

    data = make_report(WIRE, publisher="Harbour Ledger")
    report = Report(Article(**{k: v for k, v in data["article"].items() if k not in {"removed", "repairs"}}),
                    actors=[Actor(**a) for a in data["actors"]], places=[Place(**p) for p in data["places"]])
    figure = Figure(**data["figures"][0])
    event = Event(**data["events"][0])
    assert report.actor("A1").name == "Russia" and report.actor("A9") is None and report.place("P1").name == "Odesa"
    assert figure.source_name(report) == "Ukraine" and figure.subject_name(report) is None
    assert event.actor_names(report) == ["Russia"] and event.recipient_names(report) == ["Ukraine"]
    assert report.name("author") == "Harbour Ledger" and report.name("unnamed") == UNNAMED
    assert Claim(**data["claims"][0]).speaker_name(report) == "Ukraine"


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "geojson", "plover", "acled", "parquet"])
def test_a_chunk_at_a_time_writes_what_one_chunk_writes(store, fmt, tmp_path):
    """Exports stream (a chunk read, a chunk written): chunks of one row give the same file as one chunk."""
    from sitreps.store.queries import chunks

    assert [len(chunk) for chunk in chunks(store, "events", size=1)] == [1, 1]
    whole, pieces = io.BytesIO(), io.BytesIO()
    export(store, "events", fmt, whole)
    export(store, "events", fmt, pieces, chunk_size=1)
    if fmt == "parquet":
        import pyarrow.parquet as pq

        (tmp_path / "whole.parquet").write_bytes(whole.getvalue())
        (tmp_path / "pieces.parquet").write_bytes(pieces.getvalue())
        assert pq.ParquetFile(tmp_path / "pieces.parquet").num_row_groups == 2
        assert pq.read_table(tmp_path / "pieces.parquet").to_pylist() == \
            pq.read_table(tmp_path / "whole.parquet").to_pylist()  # each row group has its own dictionaries
    elif fmt == "acled":  # the same but for the time of export
        drop = ["timestamp"]
        assert pd.read_csv(io.BytesIO(pieces.getvalue())).drop(columns=drop).equals(
            pd.read_csv(io.BytesIO(whole.getvalue())).drop(columns=drop))
    else:
        assert pieces.getvalue() == whole.getvalue()


def test_organisations_get_the_manuals_codes(store_url):
    """sitreps codes the UN as UN and NATO as NATO; the manual has UNO, and IGO for other organisations."""
    from sitreps.schema import schema_errors

    store = Store(store_url)
    report = make_report(WIRE, publisher="Harbour Ledger")
    report["actors"][0].update(name="NATO", country="NATO", sector="IGO")
    report["actors"][1].update(name="United Nations", country="UN", sector="IGO")
    save(store, report)
    (record,) = [json.loads(line) for line in _export(store, "events", "plover").splitlines()]
    assert schema_errors(record, "plover") == []
    assert (record["actor"][0]["code"], record["actor"][0]["sitreps_code"]) == ("IGO", "NATO")
    assert record["recipient"][0]["code"] == "UNO" and "sitreps_code" not in record["actor"][1:]
    row = pd.read_csv(io.BytesIO(_export(store, "events", "acled"))).iloc[0]
    assert (row["inter1"], row["inter2"], row["interaction"]) == (8, 8, 88)
