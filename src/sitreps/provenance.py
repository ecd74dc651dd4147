"""Who wrote the article, who published it, and what genre it is, read from the text's own cues.

Scraped text has lost its page's metadata, but the words remain: a byline, a
copyright line naming the authors, a disclaimer naming the outlet ("not
necessarily those of Kyiv Post"), a wire dateline. Those lines are often
boilerplate that the cleaner removed, so this reads the removed lines too.
HTML metadata, when there was any, outranks everything here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitreps.resources import load_yaml

_NAME_SPLIT = re.compile(r"\s*(?:,\s*(?:and\s+)?|\band\b|&|;)\s*")
_WHERE_SUFFIX = re.compile(r"\s+(?:in|from)\s+[A-Z][\w.’' -]*$")  # "Jane Doe in Kyiv"
_PERSON_TOKEN = re.compile(r"^(?:[A-Z][a-zà-ÿ'’-]+|[A-Z]\.|[A-Z][a-z]*\.?-[A-Z][a-z]+|(?:de|van|von|der|al|bin|la|le|du)|Jr\.?|Sr\.?|I{1,3})$")


@dataclass(frozen=True, slots=True)
class _Cue:
    pattern: re.Pattern[str]
    persons_only: bool = False
    organisation_only: bool = False
    only_without_byline: bool = False


@dataclass(frozen=True, slots=True)
class ProvenanceRules:
    publisher: tuple[_Cue, ...]
    authors: tuple[_Cue, ...]
    organisation_words: frozenset[str]
    genre: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]


def _compile(entry: str | dict) -> _Cue:
    if isinstance(entry, str):
        entry = {"pattern": entry}
    flags = 0 if entry.get("case") == "sensitive" else re.IGNORECASE
    return _Cue(re.compile(entry["pattern"], flags), entry.get("persons_only", False),
                entry.get("organisation_only", False), entry.get("only_without_byline", False))


@lru_cache(maxsize=1)
def default_rules() -> ProvenanceRules:
    data = load_yaml("provenance.yaml")
    return ProvenanceRules(
        publisher=tuple(_compile(e) for e in data["publisher"]),
        authors=tuple(_compile(e) for e in data["authors"]),
        organisation_words=frozenset(data["organisation_words"]),
        genre=tuple((genre, tuple(_compile(e).pattern for e in cues)) for genre, cues in data["genre"].items()),
    )


@dataclass(slots=True)
class Provenance:
    authors: list[str]
    publisher: str | None
    genre: str


def read_provenance(body_lines: list[str], removed_lines: list[str], *, byline: str | None = None,
                    rules: ProvenanceRules | None = None) -> Provenance:
    """Authors, publisher and genre from the body's first lines and the removed boilerplate."""
    rules = rules or default_rules()
    lines = removed_lines + body_lines[:3]
    authors = split_person_names(byline, rules) if byline else []
    for cue in rules.authors:
        if byline and cue.only_without_byline:
            continue
        for line in lines:
            for match in cue.pattern.finditer(line):
                for name in split_person_names(match.group("names"), rules):
                    if name not in authors:
                        authors.append(name)
    publisher = None
    for cue in rules.publisher:
        for line in lines:
            named = cue.pattern.search(line)
            if named and (not cue.organisation_only or is_organisation(named.group("name"), rules)):
                publisher = named.group("name").strip(" .,")
                break
        if publisher:
            break
    genre = "unknown"
    for name, patterns in rules.genre:
        if any(p.search(line) for p in patterns for line in lines):
            genre = name
            break
    return Provenance(authors, publisher, genre)


def is_organisation(name: str, rules: ProvenanceRules) -> bool:
    words = {w.lower().strip(".,") for w in name.split()}
    return bool(words & rules.organisation_words)


def split_person_names(text: str, rules: ProvenanceRules) -> list[str]:
    """Person names in "Jane Doe, John Roe and Ann Poe, Meridian Wire"; organisations dropped."""
    names = []
    for part in _NAME_SPLIT.split(text.strip(" .")):
        part = _WHERE_SUFFIX.sub("", part.strip(" ."))
        tokens = part.split()
        if not 2 <= len(tokens) <= 5 or is_organisation(part, rules):
            continue
        if all(_PERSON_TOKEN.match(token) for token in tokens):
            names.append(part)
    return names
