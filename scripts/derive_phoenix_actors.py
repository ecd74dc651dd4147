"""Regenerate ``src/sitreps/data/phoenix_actors.tsv`` from the Phoenix (PETRARCH2) actor dictionaries.

The Open Event Data Alliance's Phoenix dictionaries list, with CAMEO codes, the armed groups and
militias (``Phoenix.MilNonState.actors.txt``), international organisations, NGOs and companies
(``Phoenix.International.actors.txt``), and the office holders of every country with their dates
(``Phoenix.Countries.actors.txt``, from CountryInfo). sitreps reads a derived table of them: who a
name stands for (kind, country or organisation code, sector) and, for a person, the terms that the
codes' date ranges give. The dictionaries are MIT-licensed (Copyright (c) 2014 Open Event Data
Alliance); the notice is in the file's header and in ``src/sitreps/data/NOTICE.md``.

What the derivation does, and why:

* names: ``GEORGE_W._BUSH_`` becomes "George W. Bush" (words title-cased, acronyms kept:
  "UNHCR"); ``+`` lines are aliases; names of one or two letters and spelling-error variants the
  dictionaries carry for countries are left out (country names come from ``countries.tsv``);
* codes: the first three letters are the country (ISO 3166-1 alpha-3) or ``IGO``/``NGO``/``MNC``/
  ``INT``; the next three the sector (CAMEO: GOV, MIL, REB, OPP, COP, JUD, LEG, MED, SPY, ELI …),
  mapped to the report's sectors; ``REB``/``INS``/``SEP``/``UAF`` make an armed group, ``MED``
  media; an IGO's code names its organisation where sitreps has one (``IGOUNO`` -> UN, ``IGOEUR``
  -> EU, ``IGONAT`` -> NATO, ``IGOAFR`` -> AU);
* people (the CountryInfo entries): every dated code is a term ``SECTOR:YYYY-MM-DD:YYYY-MM-DD``
  (two-digit years of 30 and above are 19xx); the country is that of the latest term;
* entries coded only as a country (the country's own names, capitals) are skipped: they are states; so
  are a country's own name under a sector code, and the aliases of a country's bodies, which list its
  cities and leaders ("Basra" under Iraq's government);
* an alias that several entries share, or that is another entry's name, is ambiguous and left out.

Usage::

    .venv/bin/python scripts/derive_phoenix_actors.py [DICTIONARY_FOLDER]

(the folder defaults to the team's data root, ``shared/datasets/petrarch2-dictionaries``).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "sitreps" / "data" / "phoenix_actors.tsv"
DEFAULT_SOURCE = ROOT.parent / "shared" / "datasets" / "petrarch2-dictionaries"
FILES = ("Phoenix.MilNonState.actors.txt", "Phoenix.International.actors.txt", "Phoenix.Countries.actors.txt")

SECTORS = {"GOV": "GOV", "MIL": "MIL", "REB": "REB", "INS": "REB", "SEP": "REB", "UAF": "REB", "OPP": "POL",
           "PTY": "POL", "ELI": "POL", "COP": "COP", "JUD": "JUD", "LEG": "LEG", "MED": "MED", "SPY": "GOV",
           "NGO": "NGO", "HRI": "NGO", "IGO": "IGO", "BUS": "BUS", "MNC": "BUS", "REL": "REL", "CVL": "CVL",
           "EDU": "CVL", "LAB": "CVL", "REF": "CVL", "HLH": "NGO", "AGR": "CVL", "ENV": "NGO", "CRM": "REB"}
ARMED = {"REB", "INS", "SEP", "UAF"}
IGO_CODES = {"UNO": "UN", "EUR": "EU", "NAT": "NATO", "AFR": "AU", "ARL": None, "ASN": None}
HEADER = """\
# Actors from the Phoenix (PETRARCH2) dictionaries of the Open Event Data Alliance: armed groups and
# militias, international organisations, NGOs, companies, and office holders of every country with the
# dates of their offices. Derived by scripts/derive_phoenix_actors.py (do not edit by hand).
# Source: Phoenix.MilNonState.actors.txt, Phoenix.International.actors.txt, Phoenix.Countries.actors.txt
# (github.com/openeventdata/petrarch2). Licence: MIT, Copyright (c) 2014 Open Event Data Alliance; the
# full notice is in src/sitreps/data/NOTICE.md.
# Columns (tab-separated): name, aliases ("|"), kind (person | organization | armed-group | media | title: an
# office named without a holder, "American Vice President"),
# country (ISO 3166-1 alpha-3, an IGO code, or empty), sector, terms (people: SECTOR:from:to;...),
# source file (M military/non-state, I international, C countries).
"""


def words(raw: str) -> str:
    """``GEORGE_W._BUSH_`` -> "George W. Bush"; ``UNHCR_`` stays "UNHCR"; ``AL-QAEDA`` -> "Al-Qaeda"."""
    raw = raw.strip().rstrip("_").replace("_", " ")
    raw = re.sub(r"\s*\([^)]*\)?\s*$", "", raw).strip()  # "ANIMAL LIBERATION FRONT (ALF)": the code is an alias
    out = []
    for word in raw.split():
        if len(word) <= 5 and word.isalpha() and not re.search(r"[AEIOUY]", word) or word in ("UN", "US", "EU", "UK"):
            out.append(word)  # an acronym: "UNHCR", "PKK"
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
    text = " ".join(out)
    return re.sub(r"\b(Of|The|And|For|In|On|De|Al|El|Du|La|Bin|Ibn)\b", lambda m: m.group(1).lower(), text).strip()


ORG_WORDS = {"ministry", "army", "forces", "force", "party", "council", "government", "department", "front",
             "movement", "brigade", "brigades", "police", "guard", "guards", "committee", "union", "agency", "court",
             "assembly", "parliament", "bank", "company", "corporation", "organization", "organisation", "authority",
             "office", "service", "command", "regional", "group", "league", "congress", "senate", "cabinet", "militia",
             "administration", "republic", "state", "national", "kurdistan", "islamic", "people's", "democratic"}


def _looks_like_a_person(name: str) -> bool:
    """Two to five words, none an organisation's ("Barack Obama", not "Kurdistan Regional Government")."""
    parts = name.split()
    return 2 <= len(parts) <= 5 and not any(p.casefold() in ORG_WORDS for p in parts)


TITLE_WORDS = {"president", "minister", "secretary", "spokesman", "spokeswoman", "ambassador", "general", "chief",
               "king", "queen", "prince", "premier", "chancellor", "leader", "head", "commander", "governor", "mayor",
               "envoy", "vice", "deputy", "chairman", "speaker", "senator", "emir", "sultan", "president-elect"}


def _is_a_title(name: str) -> bool:
    """"American Vice President", "UN Secretary General": an office, not a person's name."""
    return any(p.casefold().strip(".,") in TITLE_WORDS for p in name.replace("-", " ").split()) and \
        not entry_has_given_name(name)


def entry_has_given_name(name: str) -> bool:
    """A title followed by a name ("President Barack Obama") is a person's alias, not an office."""
    parts = name.split()
    return len(parts) >= 3 and parts[-1][:1].isupper() and parts[-1].casefold() not in TITLE_WORDS and \
        parts[-2].casefold() not in TITLE_WORDS and parts[0].casefold() in TITLE_WORDS


def acronym_in(raw: str) -> str | None:
    found = re.search(r"\(([A-Z][A-Z0-9\-]{1,9})\)", raw.replace("_", " "))
    return found.group(1) if found else None


def date(value: str) -> str:
    year = int(value[:2])
    return f"{1900 + year if year >= 30 else 2000 + year}-{value[2:4]}-{value[4:6]}"


def parse(path: Path, source: str) -> list[dict]:
    entries: list[dict] = []
    current: dict | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        text, _, comment = line.partition("#")
        codes = re.findall(r"\[([^\]]+)\]", text)
        name_part = re.sub(r"\[[^\]]*\]|\{[^}]*\}", "", text).strip()
        if line[0] in " \t":  # a code line under the current entry
            if current is not None:
                current["codes"] += codes
            continue
        if name_part.startswith("+"):
            if current is not None and name_part[1:].strip():
                current["aliases"].append(name_part[1:])
                if codes:
                    current["codes"] += codes
            continue
        current = {"raw": name_part, "aliases": [], "codes": list(codes), "source": source,
                   "person": "CountryInfo" in comment}
        entries.append(current)
    return entries


def resolve(entry: dict) -> dict | None:
    coded = [c.split()[0] for c in entry["codes"] if c and not c.startswith("~")]
    if not coded:
        return None
    terms = []
    for code in entry["codes"]:
        parts = code.split()
        role = parts[0]
        if len(role) < 6:
            continue
        span = parts[1] if len(parts) > 1 else ""
        if span.startswith(">"):
            span = span[1:] + "-"
        elif span.startswith("<"):
            span = "-" + span[1:]
        start, _, end = span.partition("-")
        start = date(start) if re.fullmatch(r"\d{6}", start) else ""
        end = date(end) if re.fullmatch(r"\d{6}", end) else ""
        terms.append((role[:3], SECTORS.get(role[3:6]), role[3:6], start, end))
    if not terms:
        return None  # coded only as a country: a state's own name, not an actor of its own
    last = max(terms, key=lambda t: t[3] or "0000")
    owner, sector, role = last[0], last[1], last[2]
    if owner in ("IGO", "NGO", "MNC", "INT"):
        sector = SECTORS.get(owner) if owner != "INT" else sector
        country = IGO_CODES.get(entry["codes"][0][3:6]) if owner == "IGO" else None
    else:
        country = owner if re.fullmatch(r"[A-Z]{3}", owner) else None
    name = words(entry["raw"])
    person = entry["person"] or entry["source"] == "C" and (any(t[3] for t in terms) or _looks_like_a_person(name))
    kind = "title" if _is_a_title(name) else "person" if person else "armed-group" if role in ARMED or \
        last[2] in ARMED else "media" if sector == "MED" else "organization"
    if len(name) < 3 or not re.search(r"[A-Za-z]{2}", name):
        return None
    aliases = [words(a) for a in entry["aliases"]]
    acronym = acronym_in(entry["raw"])
    if acronym:
        aliases.append(acronym)
    aliases = [a for a in dict.fromkeys(aliases) if a and a != name and len(a) >= 2]
    if entry["source"] == "C" and kind != "person":
        aliases = []  # a country's bodies list its cities and leaders as aliases ("Basra" under "Iraq"): not names
        if is_country(name):
            return None
    dated = ";".join(f"{t[1] or ''}:{t[3]}:{t[4]}" for t in terms if t[3] or t[4]) if kind == "person" else ""
    return {"name": name, "aliases": aliases, "kind": kind, "country": country or "", "sector": sector or "",
            "terms": dated, "source": entry["source"]}


def is_country(name: str) -> bool:
    import pycountry

    try:
        pycountry.countries.lookup(name)
    except LookupError:
        return False
    return True


def valid_country(code: str) -> str:
    """An ISO 3166-1 alpha-3 code or an IGO code sitreps uses; CAMEO's regions ("MEA", "AFR") are not countries."""
    import pycountry

    if code in ("UN", "EU", "NATO", "AU"):
        return code
    return code if code and pycountry.countries.get(alpha_3=code) is not None else ""


def shared_aliases(rows: list[dict]) -> set[str]:
    """Aliases that stand for several entries, or that are another entry's name or a person's: ambiguous, so left out
    ("Islamic Jihad" is listed under Hezbollah and stands alone too; a leader's name under his group)."""
    count: dict[str, int] = {}
    names = {r["name"].casefold() for r in rows}
    people = {a.casefold() for r in rows if r["kind"] == "person" for a in r["aliases"]}
    for row in rows:
        for alias in row["aliases"]:
            count[alias.casefold()] = count.get(alias.casefold(), 0) + 1
    return {a for a, n in count.items() if n > 1} | names | people


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    found_rows, seen = [], set()
    for file, tag in zip(FILES, "MIC"):
        path = args.source / file
        if not path.exists():
            print(f"missing {path}", file=sys.stderr)
            return 1
        for entry in parse(path, tag):
            found = resolve(entry)
            if found is None or (found["name"], found["country"]) in seen:
                continue
            seen.add((found["name"], found["country"]))
            found["country"] = valid_country(found["country"])
            found_rows.append(found)
    ambiguous = shared_aliases(found_rows)
    rows = ["\t".join([f["name"], "|".join(a for a in f["aliases"] if a.casefold() not in ambiguous), f["kind"],
                       f["country"], f["sector"], f["terms"], f["source"]]) for f in found_rows]
    args.out.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} actors -> {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
