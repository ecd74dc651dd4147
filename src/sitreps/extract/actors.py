"""Actors: every name, title, demonym group and metonym resolved to a canonical actor.

    1. names      spaCy entities corrected by the gazetteers        (sitreps.gazetteer_match)
    2. readings   each name read in its context: a person with the title around it, a
                  curated organisation, a state (or its capital or seat of power used as a
                  metonym: "Pyongyang said"), a group named by a demonym or a possessive
                  ("North Korean soldiers", "Sudan's army", "Kremlin forces"), or a place
                  ("in Seoul", "Vladivostok, Russia"), which the places extractor geocodes
    3. bodies     bare institution nouns of the article's home country ("police", "parliament")
    4. coref      partial names, "the agency", "the two dictators", "He said"  (extract/coref.py)

Functions later extractors call (figures, claims and events):

``actor_at(report, start, end)``
    the actor whose mention covers the character span best (the tightest mention that
    contains it, else the one overlapping it most), or None.
``actor_for_token(doc, report, token)``
    the actor a token stands for: the mention covering it, or for a pronoun its antecedent.
``resolve_name(text, date=None)``
    (re-exported from ``sitreps.gazetteer``) canonical actor fields for a demonym, country,
    capital, seat of power, organisation or person name, without a document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from sitreps.extract.mentions import entity_at
from sitreps.extract import coref
from sitreps.gazetteer import (Resolved, from_entry, gazetteer, military, metonym_candidates,
                               resolve_candidate, resolve_name, state, title_sector)
from sitreps.gazetteer_match import Name, find_names
from sitreps.extract.place_reading import POSSESSIVE, PlaceReading
from sitreps.gazetteer_places import PlaceEntry, admin1, lookup_place
from sitreps.types import Actor, Mention, Report

__all__ = ["actor_at", "actor_for_token", "extract_actors", "resolve_name"]

USER_DATA = "sitreps.names"
ORG_SECTORS = [  # keyword in an organisation's name -> sector (first hit wins)
    ({"ministry", "department", "government", "agency", "office", "authority", "service", "customs", "police",
      "cabinet", "presidency"}, "GOV"),
    ({"army", "forces", "force", "command", "corps", "brigade", "navy", "military", "guard", "battalion",
      "regiment", "division", "fleet"}, "MIL"),
    ({"party", "coalition"}, "POL"),
    ({"parliament", "assembly", "congress", "senate", "committee", "duma", "knesset", "legislature"}, "LEG"),
    ({"court", "tribunal", "prosecutor"}, "JUD"),
    ({"wire", "news", "newswire", "television", "tv", "radio", "post", "times", "broadcaster", "media"}, "MED"),
    ({"university", "institute", "foundation", "watch", "monitor", "monitors", "ngo", "charity", "group"}, "NGO"),
    ({"inc", "ltd", "corp", "company", "bank", "consultancy", "airlines", "lines", "shipping", "energy"}, "BUS"),
    ({"church", "patriarchate", "mosque"}, "REL"),
]


_WITH_THE = {"United States", "Netherlands", "Philippines", "United Kingdom", "Gambia", "Bahamas",
             "United Arab Emirates", "Czech Republic", "Dominican Republic", "Central African Republic"}
_ORG_WORDS = {w for keys, _ in ORG_SECTORS for w in keys} - {"group"}


@dataclass(slots=True)
class Found:
    """One resolved mention, in token offsets, before actors are numbered."""

    start: int
    end: int
    resolved: Resolved
    subject_like: bool = False


@dataclass(slots=True)
class Analysis:
    """What step 2 found in a document: actor mentions and place mentions (shared with places.py)."""

    actors: list[Found] = field(default_factory=list)
    places: list[tuple[int, int, PlaceEntry]] = field(default_factory=list)
    home: str | None = None
    countries: list[str] = field(default_factory=list)


# --- entry points ------------------------------------------------------------------------------

def extract_actors(doc: Doc, report: Report) -> None:
    """Step 1a: fill ``report.actors`` (and leave the place mentions for ``extract_places``)."""
    analysis = analyse(doc, report.article.published)
    report.actors = _number(doc, report, analysis.actors)
    _mark_the_outlet(report)


def _mark_the_outlet(report: Report) -> None:
    """The article's own outlet, named in its dateline ("(Harbour Post) -"), is the media that reports, never a
    party to what is reported: an organisation of that name is media, whatever words its name has."""
    outlet = (report.article.publisher or "").strip().lower()
    for actor in report.actors if outlet else ():
        if actor.kind == "organization" and actor.name.lower() == outlet:
            actor.kind, actor.sector = "media", "MED"


def analyse(doc: Doc, date: str | None = None) -> Analysis:
    """Names read in context, once per document (cached in ``doc.user_data``)."""
    if USER_DATA in doc.user_data:
        return doc.user_data[USER_DATA]
    names = find_names(doc)
    analysis = Analysis()
    analysis.countries, analysis.home = _countries(doc, names)
    reader = _Reader(doc, names, analysis, date)
    reader.read()
    coref.resolve(doc, analysis.actors, reader.covered)
    doc.user_data[USER_DATA] = analysis
    return analysis


def actor_at(report: Report, start: int, end: int) -> Actor | None:
    """The actor whose mention covers ``start:end`` most tightly, else overlaps it most."""
    return entity_at(report.actors, start, end)


def actor_for_token(doc: Doc, report: Report, token: Token) -> Actor | None:
    """The actor a token stands for: its covering mention, or a pronoun's antecedent."""
    found = actor_at(report, token.idx, token.idx + len(token.text))
    if found is not None or token.pos_ != "PRON":
        return found
    antecedent = coref.antecedent(doc, analyse(doc, report.article.published).actors, token)
    if antecedent is None:
        return None
    return actor_at(report, doc[antecedent.start].idx, doc[antecedent.end - 1].idx + len(doc[antecedent.end - 1]))


# --- numbering ---------------------------------------------------------------------------------

def _number(doc: Doc, report: Report, found: list[Found]) -> list[Actor]:
    actors: dict[str, Actor] = {}
    for item in sorted(found, key=lambda f: (f.start, f.end)):
        r = item.resolved
        actor = actors.get(r.key)
        if actor is None:
            actor = actors[r.key] = Actor(id="", name=r.name, kind=r.kind, country=r.country, sector=r.sector,
                                          role=r.role, wikidata=r.wikidata)
        else:
            actor.role = actor.role or r.role
            actor.sector = actor.sector or r.sector
            actor.country = actor.country or r.country
        span = doc[item.start:item.end]
        mention = Mention(span.start_char, span.end_char, span.text, report.sentence_of(span.start_char))
        if not any(m.start == mention.start and m.end == mention.end for m in actor.mentions):
            actor.mentions.append(mention)
    for index, actor in enumerate(actors.values(), start=1):
        actor.id = f"A{index}"
    return list(actors.values())


def _countries(doc: Doc, names: list[Name]) -> tuple[list[str], str | None]:
    """Countries the article names, most named first, and its home country (dateline first)."""
    gaz = gazetteer()
    counts: dict[str, int] = {}
    for name in names:
        text = doc[name.start:name.end].text
        country = gaz.country(text) or gaz.by_adjective.get(text) or gaz.by_seat.get(text) or gaz.by_people.get(text)
        if country is not None:
            counts[country.iso3] = counts.get(country.iso3, 0) + 1
    ranked = sorted(counts, key=lambda c: -counts[c])
    dateline = _dateline(doc)
    home = dateline[2].country if dateline else (ranked[0] if ranked else None)
    return ranked, home


def _dateline(doc: Doc) -> tuple[int, int, PlaceEntry] | None:
    """"KHARKIV, Ukraine, March 14 (Wire) -" or "HELSINKI —": the place the story was filed from."""
    end = 0
    while end < min(len(doc), 4) and doc[end].is_upper and doc[end].is_alpha:
        end += 1
    if end == 0 or end >= len(doc) or doc[end].text not in {",", "—", "-", "–"}:
        return None
    place = lookup_place(doc[:end].text.title())
    return (0, end, place) if place else None


def dateline_end(doc: Doc) -> int:
    """Where a dateline header ends ("KHARKIV, Ukraine, March 14 (Wire) - " -> the offset after the dash), else 0.
    The city there is where the story was filed, which is not always where things happened."""
    dateline = _dateline(doc)
    if dateline is None:
        return 0
    for token in doc[:40]:
        if token.text in {"-", "—", "–"} and token.i > 0:
            return token.idx + len(token.text)
    return doc[dateline[1]].idx


# --- the reader: step 2 ------------------------------------------------------------------------

class _Reader(PlaceReading):
    def __init__(self, doc: Doc, names: list[Name], analysis: Analysis, date: str | None) -> None:
        self.doc, self.names, self.analysis, self.date = doc, names, analysis, date
        self.gaz = gazetteer()
        self.covered = [False] * len(doc)   # tokens inside an actor or place mention or a title
        self.by_start = {n.start: n for n in names}
        self.persons: list[Found] = []
        self.aliases: dict[str, Resolved] = {}

    # bookkeeping
    def actor(self, start: int, end: int, resolved: Resolved) -> Found:
        found = Found(start, end, resolved, _subject_like(self.doc[start:end]))
        self.analysis.actors.append(found)
        for i in range(start, end):
            self.covered[i] = True
        return found

    def place(self, start: int, end: int, entry: PlaceEntry) -> None:
        self.analysis.places.append((start, end, entry))
        for i in range(start, end):
            self.covered[i] = True

    def read(self) -> None:
        dateline = _dateline(self.doc)
        if dateline:
            self.place(*dateline)
        for name in self.names:
            if not self.covered[name.start]:
                self.read_name(name)
        self.read_regions()
        self.read_unlabelled_places()
        self.read_bodies()

    def read_name(self, name: Name) -> None:
        doc, gaz = self.doc, self.gaz
        span = doc[name.start:name.end]
        text = span.text
        r = name.readings
        if "ENTRY" in r:
            entry = gaz.entry(text)
            if entry.kind == "person":
                self.read_person(name, from_entry(entry, self.date))
            else:
                self.org_mention(name.start, name.end, from_entry(entry, self.date))
            return
        if "SEAT" in r:
            self.read_seat(name)
            return
        if "PLACE" in r:
            if not self.region_name(name):
                self.place(*self.with_direction(name.start, name.end), lookup_place(text))
            return
        if r & {"ADJ", "PEOPLE"} and self.read_demonym(name):
            return
        if "COUNTRY" in r:
            country = gaz.country(text)
            if self.locative(name.start, name.end):
                self.place(*self.with_direction(name.start, name.end), lookup_place(text))
            elif not self.read_group(name.start, name.end, country.iso3):
                self.actor(*(self.with_the(name.start, name.end) if text in _WITH_THE else (name.start, name.end)),
                           state(country))
            return
        if name.label in ("PERSON", "ORG") and self.unknown_place(name):
            return
        if name.label == "PERSON" and span[-1].lower_ not in _ORG_WORDS:
            self.read_person(name, None)
        elif name.label in ("ORG", "PERSON"):
            self.read_org(name)
        elif name.label in ("GPE", "LOC", "FAC", "PRODUCT"):
            if not self.region_name(name):
                entry = lookup_place(text, self.analysis.countries)
                if entry is not None and (entry.kind != "city" or name.label != "PRODUCT"
                                          or self.locative(name.start, name.end)):
                    self.place(*self.with_direction(name.start, name.end), entry)

    # -- states, seats, demonyms and groups --------------------------------------------------------
    def read_seat(self, name: Name) -> None:
        text = self.doc[name.start:name.end].text
        bare = text.removeprefix("the ").removeprefix("The ")
        is_capital = bare in self.gaz.capitals
        place = lookup_place(bare, self.analysis.countries)
        if place is not None and (self.locative(name.start, name.end, seat=True) or
                                  (is_capital and self.place_possessive(name.end))):
            self.place(*self.with_direction(name.start, name.end), place)
            return
        resolved = self.metonym(bare)
        if resolved is None:
            return
        if resolved.kind == "state" and self.read_group(name.start, name.end, resolved.country):
            return
        self.actor(name.start, name.end, resolved)

    def metonym(self, text: str) -> Resolved | None:
        candidates = metonym_candidates(text)
        if candidates:
            named = [c for c in candidates if self.named_in_doc(c)]
            return resolve_candidate((named or candidates)[0])
        country = self.gaz.by_seat.get(text)
        return state(country) if country else None

    def named_in_doc(self, candidate: str) -> bool:
        entry = self.gaz.by_entry_name.get(candidate)
        texts = (entry.name, *entry.aliases) if entry else self.gaz.countries[candidate].names
        return any(t in self.doc.text for t in texts if len(t) > 2)

    def read_demonym(self, name: Name) -> bool:
        doc, gaz = self.doc, self.gaz
        text = doc[name.start:name.end].text
        country = gaz.by_adjective.get(text) or gaz.by_people.get(text)
        if self.read_group(name.start, name.end, country.iso3):
            return True
        token = doc[name.end - 1]
        if "PEOPLE" in name.readings and token.dep_ not in ("amod", "compound") and token.pos_ in ("NOUN", "PROPN", "ADJ"):
            start = name.start
            while start > 0 and doc[start - 1].pos_ == "ADJ" and doc[start - 1].dep_ == "amod":
                start -= 1
            self.actor(start, name.end, Resolved(country.people[0] if country.people else text, "population",
                                                 country.iso3, "CVL", key=f"pop:{country.iso3}"))
            return True
        return "COUNTRY" not in name.readings

    def read_group(self, start: int, end: int, iso3: str | None) -> bool:
        """"<cue> soldiers / air force / officials / missile strike": a group of the cue's country."""
        if iso3 is None:
            return False
        found = self.group_after(end)
        if found is None:
            return False
        group_end, info, is_weapon = found
        lexicon = self.gaz.lexicon
        if is_weapon:
            self.actor(start, end, military(iso3))
            return True
        if info.get("ministry"):
            resolved = self.ministry(iso3, info["ministry"])
        elif info["kind"] == "state":
            resolved = state(self.gaz.countries[iso3]) if iso3 in self.gaz.countries else None
        elif info["kind"] == "population":
            country = self.gaz.countries.get(iso3)
            resolved = Resolved(country.people[0] if country and country.people else iso3, "population", iso3,
                                "CVL", key=f"pop:{iso3}")
        else:
            resolved = military(iso3, info.get("branch"), info["sector"], info["kind"])
            if info["sector"] == "MED":
                resolved = self.existing(lambda r: r.country == iso3 and r.sector == "MED") or resolved
        if resolved is None:
            return False
        del lexicon
        cue = self.doc[start:end].text
        if resolved.kind == "state" and cue in self.gaz.by_name and not (end < len(self.doc) and self.doc[end].text in POSSESSIVE):
            self.actor(start, end, resolved)
            for i in range(end, group_end):
                self.covered[i] = True
            return True
        self.actor(*self.with_the(start, group_end), resolved)
        return True

    def read_group_of(self, start: int, end: int, iso3: str) -> None:
        """"Putin's forces": the group of a person's country; the mention spans name and noun."""
        found = self.group_after(end)
        if found is not None and not found[2] and found[1].get("sector") == "MIL":
            self.actor(start, found[0], military(iso3))

    def group_after(self, end: int) -> tuple[int, dict, bool] | None:
        doc, lexicon = self.doc, self.gaz.lexicon
        groups, weapons = lexicon["groups"], set(lexicon["weapons"])
        j = end
        if j < len(doc) and doc[j].text in POSSESSIVE:
            j += 1
        sentence_end = doc[end - 1].sent.end
        for k in range(j, min(j + 5, sentence_end)):
            token = doc[k]
            if token.pos_ in ("ADP", "VERB", "AUX", "DET", "CCONJ", "PRON", "PUNCT", "PART", "SCONJ") and token.text != "-":
                break
            for size in (3, 2, 1):
                phrase = " ".join(t.lower_ for t in doc[k:k + size])
                if k + size <= sentence_end and phrase in groups:
                    if size == 1 and k + 1 < len(doc) and doc[k + 1].pos_ == "NOUN":
                        break  # "special military operation", "military satellite": a modifier, not the group
                    return k + size, groups[phrase], False
            if token.lower_ == "ministry":
                words = " ".join(t.lower_ for t in doc[j:k])
                return k + 1, {"ministry": words or "government", "kind": "organization"}, False
            if token.lower_ in weapons and (k + 1 >= len(doc) or doc[k + 1].pos_ not in ("NOUN",)):
                return k + 1, {}, True
        return None

    def ministry(self, iso3: str, words: str) -> Resolved:
        country = self.gaz.countries.get(iso3)
        adjective = country.adjective if country else iso3
        topic = words.replace("ministry of", "").strip().title() or "Government"
        sector = self.gaz.lexicon["ministries"].get(words.lower(), "GOV")
        name = f"{adjective} {topic} Ministry"
        entry = self.gaz.entry(name)
        if entry is not None:
            return from_entry(entry, self.date)
        return Resolved(name, "organization", iso3, sector, key=f"ministry:{iso3}:{topic.lower()}")

    def existing(self, test) -> Resolved | None:
        for found in reversed(self.analysis.actors):
            if test(found.resolved):
                return found.resolved
        return None

    # -- people ------------------------------------------------------------------------------
    def read_person(self, name: Name, curated: Resolved | None) -> None:
        doc = self.doc
        span = doc[name.start:name.end]
        resolved = curated or self.known_person(span.text)
        title_start = self.title_before(name.start)
        title_tokens = list(doc[title_start:name.start]) + self.appositive_title(span)
        role, sector, country, org = self.read_title(title_tokens)
        if resolved is None:
            resolved = Resolved(span.text, "person", None, None, key=f"person:{span.text}")
        resolved = Resolved(resolved.name, "person", resolved.country, resolved.sector, resolved.role,
                            resolved.wikidata, resolved.key, resolved.entry)
        if role and resolved.role and _compatible(role, resolved.role):
            role = resolved.role  # "Armenian Foreign Minister" is the curated "Foreign Minister of Armenia"
        resolved.role = role or resolved.role
        if org is not None and org.sector in ("IGO", "REB"):
            sector = org.sector
        resolved.sector = sector or resolved.sector or (org.sector if org else None) or ("CVL" if not role else "GOV")
        resolved.country = country or resolved.country or (org.country if org else None) or self.analysis.home
        start = title_start
        while start < name.start and (doc[start].lower_ in self.gaz.lexicon["modifiers"] or doc[start].text in POSSESSIVE
                                      or self.is_possessive_cue(start)):
            start = self.skip_cue(start)
        end = name.end
        if end < len(doc) and doc[end].lower_ == "administration":
            end += 1
        for i in range(title_start, name.start):
            self.covered[i] = True
        found = self.actor(start, end, resolved)
        self.persons.append(found)
        self.aliases[span.text] = resolved
        if end < len(doc) and doc[end].text in POSSESSIVE and resolved.country:
            self.read_group_of(name.start, name.end, resolved.country)

    def is_possessive_cue(self, i: int) -> bool:
        name = self.by_start.get(i)
        return name is not None and name.end < len(self.doc) and self.doc[name.end].text in POSSESSIVE

    def skip_cue(self, i: int) -> int:
        name = self.by_start.get(i)
        if name is not None and name.end < len(self.doc) and self.doc[name.end].text in POSSESSIVE:
            return name.end + 1
        return i + 1

    def known_person(self, text: str) -> Resolved | None:
        """An earlier person this name is part of ("Kim" after "Kim Jong Un"), or a curated one."""
        words = set(text.split())
        for found in reversed(self.persons):
            if words <= set(found.resolved.name.split()):
                return found.resolved
        return self.aliases.get(text)

    def title_before(self, start: int) -> int:
        doc, words = self.doc, self.gaz.title_words
        i = start
        while i > 0:
            token = doc[i - 1]
            if token.is_sent_end or token.sent.start != doc[start].sent.start:
                break
            name = next((n for n in self.names if n.start <= i - 1 < n.end and (n.readings or n.label in ("ORG", "GPE"))), None)
            if name is not None and "PEOPLE" not in name.readings:
                i = name.start
                continue
            if token.lower_ in words or (token.text in POSSESSIVE and i - 1 > 0):
                i -= 1
                continue
            if token.pos_ == "PROPN" and i < start and doc[i].lower_ in words and lookup_place(token.text):
                i -= 1  # "Belgorod Governor": a place the model left unlabelled
                continue
            if token.text == "." and i >= 2 and doc[i - 2].lower_ + "." in words:
                i -= 2  # "Maj" "." split by the tokenizer
                continue
            break
        while i < start and doc[i].lower_ in ("of", "for", "-", "'s", "’s", "&", "the", "a", "an"):
            i += 1
        return i

    def appositive_title(self, span: Span) -> list[Token]:
        root = span.root
        tokens: list[Token] = []
        if root.dep_ == "appos" and root.head.pos_ in ("NOUN", "PROPN"):
            head = root.head
            inside = {t.i for t in root.subtree}
            tokens = [t for t in head.subtree if t.i not in inside and (t.i < span.start) == (head.i < span.start)]
        else:
            for child in root.children:
                if child.dep_ == "appos" and child.i > span.end - 1 and not child.like_num:
                    tokens = list(child.subtree)
                    break
            if tokens and not title_sector([t.text for t in tokens])[2]:
                tokens = []  # "a 53-year-old former footballer": a description, not a title
            if not tokens and root.dep_ == "attr" and root.head.lemma_ == "be":
                subject = next((c for c in root.head.children if c.dep_ == "nsubj"), None)
                if subject is not None and subject.pos_ == "NOUN":
                    tokens = list(subject.subtree)
        tokens = [t for t in tokens if not t.is_punct or t.text == "-"]
        while tokens and tokens[0].lower_ in ("a", "an", "the"):
            tokens = tokens[1:]
        if tokens and all(t.like_num for t in tokens):
            return []
        return tokens

    def read_title(self, tokens: list[Token]) -> tuple[str | None, str | None, str | None, Resolved | None]:
        """Role text, sector, country and organisation that a title names."""
        if not tokens:
            return None, None, None, None
        words = [t.text for t in tokens if t.text not in POSSESSIVE]
        role = " ".join(words).replace(" - ", "-").replace(" .", ".") or None
        sector, rank, phrases = title_sector(words)
        country, org = None, None
        for name in self.names:
            if name.start < tokens[0].i or name.end > tokens[-1].i + 1:
                continue
            text = self.doc[name.start:name.end].text
            resolved = resolve_name(text, self.date)
            if resolved is None and name.label == "ORG":
                resolved = self.classify_org(name.start, name.end)
            if resolved is None:
                place = admin1(text, self.analysis.countries) or lookup_place(text, self.analysis.countries)
                if place is not None and place.country:
                    country = country or place.country
                continue
            if name.label == "ORG" or "ENTRY" in name.readings or "SEAT" in name.readings:
                org = org or resolved
                if "ENTRY" in name.readings or "SEAT" in name.readings:
                    self.org_mention(name.start, name.end, resolved)
            country = country or resolved.country
        if country is None:
            for token in tokens:
                place = token.pos_ == "PROPN" and (admin1(token.text, self.analysis.countries)
                                                   or lookup_place(token.text, self.analysis.countries))
                if place and place.country:
                    country = place.country
                    break
        if not phrases and org is None:
            return None, None, country, None
        if sector is None and org is not None:
            sector = org.sector or ("GOV" if org.kind == "state" else None)
        if sector is None and phrases:
            sector = "GOV"
        return role, sector, country, org

    def org_mention(self, start: int, end: int, resolved: Resolved) -> None:
        if resolved.kind == "state" and self.read_group(start, end, resolved.country):
            return
        if end < len(self.doc) and self.doc[end].lower_ in ("agencies", "governments", "officials", "leaders"):
            end += 1
        descriptor = start
        while descriptor > 0 and (self.doc[descriptor - 1].lower_ in ("grid", "operator", "state", "broadcaster")
                                  or self.doc[descriptor - 1].text in self.gaz.by_adjective) \
                and not self.covered[descriptor - 1]:
            descriptor -= 1
        if descriptor < start and self.doc[start - 1].lower_ in ("operator", "broadcaster"):
            start = descriptor
        if not any(f.start == start and f.end == end for f in self.analysis.actors):
            self.actor(start, end, resolved)
        self.aliases.setdefault(self.doc[start:end].text, resolved)

    def unknown_place(self, name: Name) -> bool:
        """A city the model took for a person or organisation ("reached Adre", "Kharkiv")."""
        span = self.doc[name.start:name.end]
        if span[-1].lower_ in _ORG_WORDS or span.text in self.aliases:
            return False
        entry = lookup_place(span.text, self.analysis.countries)
        if entry is None:
            return False
        if name.label == "PERSON" and span.root.dep_ in ("nsubj", "nsubjpass") and not self.locative(name.start, name.end):
            return False
        self.place(name.start, name.end, entry)
        return True

    # -- organisations the gazetteers do not know ------------------------------------------------
    def read_org(self, name: Name) -> None:
        text = self.doc[name.start:name.end].text
        resolved = self.aliases.get(text) or self.classify_org(name.start, name.end)
        self.org_mention(name.start, name.end, resolved)
        after = self.doc[name.end:name.end + 3]
        if len(after) == 3 and after[0].text == "(" and after[2].text == ")":
            self.aliases[after[1].text] = resolved
            self.actor(after[1].i, after[1].i + 1, resolved)

    def classify_org(self, start: int, end: int) -> Resolved:
        doc, gaz = self.doc, self.gaz
        tokens = doc[start:end]
        lowered = [t.lower_ for t in tokens]
        country = None
        for size in (3, 2, 1):
            for i in range(len(tokens) - size + 1):
                text = tokens[i:i + size].text
                found = gaz.country(text) or gaz.by_adjective.get(text)
                if found is not None and country is None:
                    country = found.iso3
        if country is None and start >= 2 and doc[start - 1].text in POSSESSIVE:
            cue = resolve_name(doc[start - 2].text)
            country = cue.country if cue else None
        if "ministry" in lowered:
            i = lowered.index("ministry")
            words = " ".join(w for w in lowered[:i] + lowered[i + 1:] if w not in ("of", "the"))
            for c in gaz.countries.values():
                for form in (*c.adjectives, *c.names):
                    words = words.replace(form.lower(), "").strip()
            return self.ministry(country or self.analysis.home, words)
        context = {t.lower_ for t in doc[max(0, start - 3):start]}
        sector = next((s for keys, s in ORG_SECTORS if keys & set(lowered)), None)
        sector = next((s for keys, s in ORG_SECTORS if keys & context and s == "BUS"), sector)
        kind = "media" if sector == "MED" else "organization"
        if country is None and sector in ("POL", "LEG", "GOV", "MIL"):
            country = self.analysis.home
        return Resolved(tokens.text, kind, country, sector, key=f"org:{tokens.text}")

    # -- bodies named by a bare noun: "police", "parliament", "the interior ministry" ------------
    def read_bodies(self) -> None:
        doc, institutions = self.doc, self.gaz.lexicon["institutions"]
        lowers = [token.lower_ for token in doc]  # slicing the Doc per token costs more than the whole lookup
        for i in range(len(doc)):
            if self.covered[i]:
                continue
            for size in (2, 1):
                phrase = " ".join(lowers[i:i + size])
                if phrase not in institutions or any(self.covered[i:i + size]):
                    continue
                if i + size < len(doc) and doc[i + size].pos_ in ("NOUN", "PROPN") and doc[i + size].lower_ != "ministry":
                    break  # "police orders", "parliament's committee" stay as they are
                if i > 0 and doc[i - 1].is_lower and doc[i - 1].pos_ == "ADJ" and phrase == "police":
                    break  # "military police": a kind of unit, not the police force
                info = institutions[phrase]
                resolved = None
                if i > 0 and doc[i - 1].lower_ in ("its", "their"):
                    owner = self.existing(lambda r: r.kind == "state")
                    if owner is not None and info["branch"].endswith("Ministry"):
                        resolved = self.ministry(owner.country, info["branch"].removesuffix(" Ministry").lower())
                resolved = resolved or self.institution(info)
                if resolved is not None:
                    self.actor(i, i + size, resolved)
                break

    def institution(self, info: dict) -> Resolved | None:
        branch = info["branch"]
        if branch == "military":
            return self.existing(lambda r: r.sector == "MIL" and (r.key.endswith(":military") or
                                                                   (r.entry is not None and r.entry.military_of))) \
                or (military(self.analysis.home) if self.analysis.home else None)
        same = self.existing(lambda r: r.key.endswith(":" + branch.lower()) or
                             (r.entry is not None and branch.lower() in r.entry.heads))
        if same is not None:
            return same
        if self.analysis.home is None:
            return None
        if branch.endswith("Ministry"):
            return self.ministry(self.analysis.home, branch.removesuffix(" Ministry").lower())
        if branch == "Parliament":
            country = self.gaz.countries[self.analysis.home]
            return Resolved(f"Parliament of {country.name}", "organization", country.iso3, "LEG",
                            key=f"group:{country.iso3}:parliament")
        if branch == "opposition":
            country = self.gaz.countries[self.analysis.home]
            return Resolved(f"{country.adjective} opposition", "organization", country.iso3, "POL",
                            key=f"group:{country.iso3}:opposition")
        return military(self.analysis.home, branch, info["sector"])

def _subject_like(span: Span) -> bool:
    """A subject, or the antecedent of a subject relative clause ("Turner …, who sent")."""
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass"):
        return True
    if root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass"):
        return True
    return any(c.dep_ == "relcl" and any(g.dep_ == "nsubj" and g.lower_ in ("who", "that") for g in c.children)
               for c in root.children)


def _compatible(written: str, curated: str) -> bool:
    """The title in the text names the curated office ("Armenian Foreign Minister" ~ "Foreign Minister of Armenia")."""
    _, _, phrases = title_sector(written.split())
    curated_lower = curated.lower()
    return bool(phrases) and all(p in curated_lower for p in phrases)

