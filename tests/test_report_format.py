"""The published contract: ``report.schema.json`` is generated from the types with a description on every
field (``scripts/build_report_schema.py``), and ``docs/report-format.md`` documents every field it has."""

from __future__ import annotations

import copy
import importlib.util
import json
from pathlib import Path

import pytest

from sitreps.resources import load_json

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "build_report_schema.py"


def _builder():
    spec = importlib.util.spec_from_file_location("build_report_schema", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _properties(schema: dict, path: str = ""):
    """(path, property schema) of every property, at every depth."""
    for name, sub in schema.get("properties", {}).items():
        yield f"{path}.{name}".lstrip("."), sub
        yield from _properties(sub, f"{path}.{name}")
        if "items" in sub:
            yield from _properties(sub["items"], f"{path}.{name}[]")


def test_the_shipped_schema_is_what_the_types_and_their_descriptions_give():
    builder = _builder()
    assert (ROOT / "src/sitreps/data/schema/report.schema.json").read_text(encoding="utf-8") == \
        builder.render(builder.build()), "run python scripts/build_report_schema.py"
    assert builder.main(["--check"]) == 0


def test_every_field_and_object_of_the_schema_has_a_description():
    schema = load_json("schema/report.schema.json")
    fields = list(_properties(schema))
    assert len(fields) > 100  # every component's fields, nested ones included
    undescribed = [path for path, sub in fields if len(sub.get("description", "")) < 15]
    assert not undescribed, f"fields without a description: {undescribed}"
    objects = [sub["items"] for _, sub in fields if sub.get("items", {}).get("type") == "object"]
    assert objects and all(item.get("description") for item in objects)


def test_a_field_added_to_a_type_without_a_description_stops_the_build(monkeypatch):
    builder = _builder()
    notes = copy.deepcopy(builder._notes())
    del notes["Figure"]["what"]["description"]
    monkeypatch.setattr(builder, "_NOTES", notes)
    with pytest.raises(builder.SchemaError, match="Figure.what has no description"):
        builder.build()


def test_the_report_format_document_names_every_field_and_lives_in_the_repository():
    document = (ROOT / "docs" / "report-format.md").read_text(encoding="utf-8")
    schema = load_json("schema/report.schema.json")
    missing = [path for path, _ in _properties(schema) if f"`{path.rsplit('.', 1)[-1].rstrip('[]')}`" not in document]
    assert not missing, f"docs/report-format.md does not name {missing}"
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = path.read_text(encoding="utf-8")
        assert "CONTRACT.md" not in text, f"{path.name} points to the contract outside the repository"
    assert json.loads(json.dumps(schema))["properties"]["schema"]["const"] == "sitreps/1"
