"""The report's vocabulary: the values a field of a report can take, read from the shipped data.

A correction's value and a list's filter are checked against the same words the
extractors write: the JSON Schema's enums (event types, modalities, kinds,
qualifiers …), the figure categories of ``data/figures.yaml``, the actor
sectors, and the country codes of ``data/countries.tsv`` (plus the IGO codes
of ``data/organisations.yaml``). Country names resolve to their code, so
``North Korea``, ``north korea`` and ``PRK`` mean the same.
"""

from __future__ import annotations

import re
from functools import cache

from sitreps.resources import load_json, load_tsv, load_yaml

# fields whose value is a country (or IGO) code
COUNTRY_FIELDS = frozenset({"country", "subject_country"})
# what an actor's sector can be (data/organisations.yaml's legend)
SECTORS = ("GOV", "MIL", "LEG", "JUD", "POL", "IGO", "NGO", "MED", "REB", "CVL", "BUS", "REL", "COP")
_SCHEMA_ENUMS = {  # field -> (report list, property) in report.schema.json
    ("figures", "qualifier"): ("figures", "qualifier"), ("figures", "per"): ("figures", "per"),
    ("figures", "attribution"): ("figures", "attribution"), ("events", "type"): ("events", "type"),
    ("events", "modality"): ("events", "modality"), ("claims", "kind"): ("claims", "kind"),
    ("actors", "kind"): ("actors", "kind"), ("places", "kind"): ("places", "kind"),
    ("times", "granularity"): ("times", "granularity"), ("times", "anchor"): ("times", "anchor"),
}


def categories() -> list[str]:
    """Figure categories the figures extractor gives (``data/figures.yaml``), plus those read from units."""
    words = load_yaml("figures.yaml")
    found = [*words.get("event_categories", {}), *words.get("noun_categories", {})]
    return sorted({*found, "money", "percent", "distance", "area", "other"})


@cache
def choices() -> dict[tuple[str, str], tuple[str, ...]]:
    """(component, field) -> the values it may take, for the fields with a closed vocabulary."""
    schema = load_json("schema/report.schema.json")["properties"]
    found: dict[tuple[str, str], tuple[str, ...]] = {}
    for key, (listed, name) in _SCHEMA_ENUMS.items():
        found[key] = tuple(v for v in schema[listed]["items"]["properties"][name]["enum"] if v is not None)
    found[("figures", "category")] = tuple(categories())
    found[("actors", "sector")] = SECTORS
    return found


@cache
def _countries() -> tuple[dict[str, str], dict[str, str]]:
    """code -> English name, and lower-cased name or alias -> code."""
    names: dict[str, str] = {}
    lookup: dict[str, str] = {}
    for code, name, aliases, *_ in load_tsv("countries.tsv", 3):
        names[code] = name
        for each in [name, *aliases.split("|")]:
            if each.strip():
                lookup[each.strip().lower()] = code
    for entry in load_yaml("organisations.yaml") or []:
        code = entry.get("country")
        if entry.get("sector") == "IGO" and code and re.fullmatch(r"[A-Z0-9]{2,8}", code):
            names.setdefault(code, entry["name"])
            lookup.setdefault(entry["name"].lower(), code)
    return names, lookup


def country_codes() -> dict[str, str]:
    """ISO 3166 alpha-3 and IGO codes, each with its English name."""
    return dict(_countries()[0])


def country_code(text: str) -> str | None:
    """The code of a country named by code or by name (any case): ``north korea`` and ``prk`` give PRK;
    None when it is neither."""
    value = " ".join(text.split())
    names, lookup = _countries()
    if value.upper() in names:
        return value.upper()
    found = lookup.get(value.lower())
    if found is None and value.lower().startswith("the "):
        found = lookup.get(value[4:].lower())
    return found


def country_name(code: str | None) -> str | None:
    return _countries()[0].get(code or "")


__all__ = ["COUNTRY_FIELDS", "SECTORS", "categories", "choices", "country_code", "country_codes", "country_name"]
