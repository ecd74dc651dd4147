"""Where a name is a place, not an actor: locatives, regions as written, towns the model left unlabelled.

A mixin of the actors extractor's reader (``actors._Reader``): the reader finds
names; these methods decide, from the words around a name, that it is a place
and record it with the reader's ``place``. The rules, each for a class of text:

- **locatives**: "in Russia", "fled Libya", "north of Tbilisi", "the town of Yeoncheon", "a visit
  to Tbilisi", "Suba, Migori and Bunyala are among the worst affected districts"; a name in a
  list shares its first member's role ("from Sudan and Tanzania");
- **a country is a place and an actor at once** when it is the place something moves into or
  onto ("troops invaded Georgia", "Merkel visited Poland"): the same mention serves both lists;
- **regions** as written: "the Kursk region", "the Lviv, Volyn and Rivne regions", "district of
  Kyivskyi";
- **towns with their region or country**: "Vermillion, S.D.", "Fort Campbell, Ky.", "Gori,
  Georgia": the town is looked up in that state or country, however small;
- **evidence for small towns**: a town under 15,000 people (``gazetteer_places.city``) counts
  only where the context says it is a place (the model's place label, a locative, a list of
  places) and only in a country the article names; a word that is part of a person's name in
  the article ("Holloway" after "Maj. Tom Holloway") is never a town.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

from spacy.tokens import Doc, Token

from sitreps.extract.tree import children_of
from sitreps.gazetteer_match import Name, tokens
from sitreps.nlp import indices_where, text_of
from sitreps.gazetteer_places import PlaceEntry, admin1, city, country_place, lookup_place, state_code

POSSESSIVE = {"'s", "’s", "'", "’"}
LOCATIVE = {"in", "into", "inside", "within", "throughout", "across", "near", "outside", "from", "toward",
            "towards", "through", "around", "via", "to", "at", "onto", "off", "beyond", "over", "on"}
PLACE_NOUNS = {"airport", "streets", "outskirts", "centre", "center", "suburbs", "district", "port",
               "energy", "infrastructure", "city", "skies", "region"}
# Nouns of movement whose "to X" / "from X" is a destination or origin ("a visit to Tbilisi").
MOVE_NOUNS = {"visit", "visits", "trip", "trips", "journey", "flight", "flights", "route", "road", "roads", "way",
              "march", "return", "deployment", "deportation", "move", "travel", "border", "crossing", "highway",
              "railway", "pipeline", "refugees", "migrants", "exodus", "withdrawal", "entry", "access", "mission"}
# Nouns whose "of X" is a place ("the capital of Iraq", "north of Tbilisi", "the village of Sadanpoini").
PLACE_OF = {"capital", "city", "cities", "town", "towns", "village", "villages", "nation", "nations", "country",
            "countries", "state", "states", "province", "provinces", "region", "regions", "district", "districts",
            "neighbourhood", "neighborhood", "neighbourhoods", "neighborhoods", "suburb", "suburbs", "area",
            "areas", "part", "parts", "rest", "heart", "centre", "center", "outskirts", "streets", "territory",
            "soil", "coast", "island", "islands", "port", "north", "south", "east", "west", "northeast",
            "northwest", "southeast", "southwest", "outside", "border", "borders", "interior", "governorate",
            "county", "municipality", "camp", "hosts", "host", "destinations", "destination", "members",
            "locations", "sites", "places", "communities", "settlement", "settlements"}
# Nouns of an event whose "of X" is where it happens ("the occupation of Iraq", "the fall of Mosul").
OF_EVENTS = {"occupation", "invasion", "liberation", "siege", "fall", "capture", "recapture", "bombing", "shelling",
             "blockade", "annexation", "partition", "evacuation", "reconstruction", "outskirts", "skies"}
# Verbs and nouns whose "between X and Y" are places ("lying between Poland and Lithuania").
BETWEEN_PLACES = {"lie", "sit", "locate", "situate", "border", "sandwich", "run", "stretch", "travel", "fly", "drive",
                  "road", "corridor", "border", "territory", "area", "zone", "region", "crossing", "route", "flight"}
# Verbs whose object is a place ("fled Libya", "crossed the border into Chad", "entered Syria").
MOTION_VERBS = {"flee", "leave", "enter", "reach", "cross", "return", "travel", "visit", "tour", "invade", "evacuate",
                "exit", "quit", "abandon", "overrun", "occupy", "bomb", "shell", "raid", "storm", "besiege", "encircle",
                "liberate", "recapture", "retake", "capture", "seize", "control", "hold", "surround", "fly", "sail",
                "patrol", "annex", "depart", "transit", "roam", "criss-cross"}
# Of those, the ones whose object is also an actor: the state whose land it is ("Russia invaded Georgia").
ALSO_ACTOR_VERBS = {"visit", "tour", "invade", "bomb", "shell", "raid", "occupy", "annex", "attack"}
# Nouns after a demonym that make the demonym the country as a place ("on Libyan soil", "the Libyan city of").
COUNTRY_PLACE_NOUNS = {"soil", "territory", "territories", "city", "cities", "town", "towns", "village", "villages",
                       "capital", "coast", "coastline", "waters", "airspace", "mainland", "province", "provinces",
                       "region", "regions", "port", "ports", "border", "frontier", "side", "countryside", "interior"}
# Verbs whose object is a polity, and nouns whose "of X" is its rulers ("recognised Abkhazia", "the regimes of X").
POLITY_VERBS = {"recognize", "recognise", "warn", "urge", "support", "back", "sanction", "threaten", "accuse",
                "condemn", "criticize", "criticise", "invite", "annex", "govern"}
POLITY_ACTS = {"join", "declare", "vote", "demand", "seek", "reject", "accept", "agree", "sign", "secede", "proclaim",
               "request", "ask", "appeal", "hold", "elect"}
POLITY_NOUNS = {"regime", "government", "leader", "leadership", "authority", "parliament", "president", "independence",
                "recognition", "sovereignty"}
# Nouns that say a name is a town or a part of one ("the village of X", "X and Y are districts").
TOWN_NOUNS = {"village", "town", "city", "hamlet", "settlement", "neighbourhood", "neighborhood", "district", "suburb",
              "quarter", "area", "locality", "municipality"}
PARTS = {"neighbourhood", "neighborhood", "district", "suburb", "quarter", "area"}
# Nouns of organisations and titles of works: a name beside them is not a town ("the newspaper Hürriyet").
ORG_NOUNS = {"newspaper", "daily", "paper", "magazine", "agency", "channel", "station", "network", "party", "group",
             "company", "firm", "film", "documentary", "movie", "book", "operation", "process", "class", "ship",
             "vessel", "corvette", "frigate", "destroyer", "carrier", "submarine", "brigade", "battalion", "website"}
PERSON_NOUNS = {"son", "daughter", "wife", "husband", "brother", "sister", "father", "mother", "cousin", "nephew", "niece",
                "uncle", "aunt", "widow", "leader", "aide", "spokesman", "spokeswoman", "friend", "colleague", "deputy"}
SHIP_PREFIXES = {"USS", "HMS", "ROKS", "INS", "HMAS", "HMCS", "MV", "RFS", "PNS", "TCG"}
REGION_WORDS = {"region", "regions", "oblast", "oblasts", "province", "provinces", "krai", "state", "states"}
DIRECTIONS = {"eastern", "western", "northern", "southern", "central", "northeastern", "northwestern",
              "southeastern", "southwestern", "north", "south", "east", "west"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
PROPN_TAGS = frozenset({"PROPN"})


def _person_entities(doc: Doc) -> list[tuple[set[str], int]]:
    """The words of each PERSON entity and their number, read once per document (``doc.ents`` builds every
    span on each call, which per name made a long article quadratic)."""
    found = doc.user_data.get(_PERSONS)
    if found is None:
        found = doc.user_data[_PERSONS] = [(set(words), len(words)) for e in doc.ents if e.label_ == "PERSON"
                                           for words in [_name_words(e.text)]]
    return found


_PERSONS = "sitreps.person_entities"


class PlaceReading:
    """Place decisions of the actors reader; it provides doc, analysis, covered, gaz, persons and place()."""

    doc: Doc
    analysis: Any
    covered: list[bool]
    gaz: Any
    persons: list[Any]
    aliases: dict[str, Any]
    org_words: set[str]   # last words that make a name an organisation's ("ministry", "army")
    country_place_nouns = COUNTRY_PLACE_NOUNS

    if TYPE_CHECKING:
        def place(self, start: int, end: int, entry: PlaceEntry | None) -> None: ...

    # -- regions: "the Kursk region", "the Lviv, Volyn and Rivne regions", "region of Odesa" -------
    def region_name(self, name: Name) -> bool:
        """A name followed by "region"/"Oblast" (or listed before "regions") is a first-level region."""
        doc = self.doc
        j = name.end
        while j < len(doc) and (doc[j].text in (",", "and") or doc[j].pos_ == "PROPN") and j - name.end < 8:
            j += 1
        if j >= len(doc) or doc[j].lower_ not in REGION_WORDS:
            return False
        if j > name.end and doc[j].lower_ in ("region", "oblast", "province", "krai", "state"):
            return False  # "Kursk, Bryansk region": only the last stem owns a singular head
        text = doc[name.start:name.end].text
        entry = admin1(text, self.analysis.countries)
        if entry is None:
            place = lookup_place(text, self.analysis.countries)
            if place is None or place.kind not in ("region", "admin1"):
                return False
            entry = place
        end = j + 1 if j == name.end and doc[j].lower_ in ("region", "oblast", "province", "krai", "state") else name.end
        self.place(name.start, end, as_written(entry, text, doc[j]))
        return True

    def read_regions(self) -> None:
        doc = self.doc
        listed, lowers = tokens(doc)
        for i in (i for i, w in enumerate(lowers[:-2]) if w == "region"):
            if lowers[i + 1] == "of" and listed[i + 2].pos_ == "PROPN":
                entry = admin1(doc[i + 2].text, self.analysis.countries)
                if entry is not None:
                    self.analysis.places = [p for p in self.analysis.places if p[0] != i + 2]
                    self.place(i + 2, i + 3, as_written(entry, doc[i + 2].text, doc[i]))
        for i in (i for i, w in enumerate(lowers) if w in REGION_WORDS and i > 0):
            token = listed[i]
            if listed[i - 1].pos_ == "PROPN" and not self.covered[i - 1]:
                entry = admin1(doc[i - 1].text, self.analysis.countries)
                if entry is not None:
                    self.place(i - 1, i + 1, as_written(entry, doc[i - 1].text, token))

    # -- towns ----------------------------------------------------------------------------------
    def read_unlabelled_places(self) -> None:
        """Proper nouns the model left unlabelled where a place must stand ("in Mtito Andei", "the village of
        Sadanpoini", "Busia, Kisumu and Voi" after a place): try the towns, however small, of the article's
        countries."""
        doc, listed = self.doc, tokens(self.doc)[0]
        for token in (listed[i] for i in indices_where(doc, "POS", PROPN_TAGS)):  # proper nouns only, from the array
            if self.covered[token.i] or not token.is_title:
                continue
            if token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN" and doc[token.i + 1].is_title:
                continue  # the run's last word carries the relation
            start = token.i
            while token.i - start < 4:
                if start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title and not self.covered[start - 1]:
                    start -= 1
                elif start > 1 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ and \
                        doc[start - 2].is_title and not self.covered[start - 2]:
                    start -= 2  # "Shefa-Amr"
                else:
                    break
            if not self.locative(start, token.i + 1) and not self.listed_with_places(token) \
                    or self.common_word(start, token.i + 1):
                continue
            for first in range(start, token.i + 1):  # the longest run that is a town: "Mtito Andei", then "Andei"
                text = doc[first:token.i + 1].text
                if self.person_word(text) or self.not_a_town(first, token.i + 1):
                    break
                entry = lookup_place(text, self.analysis.countries, small=True)
                if entry is not None:
                    self.place(first, token.i + 1, self.as_described(first, token.i + 1, entry))
                    break
            else:
                entry = self.unknown_town(start, token.i + 1)
                if entry is not None:
                    self.place(start, token.i + 1, entry)

    def unknown_town(self, start: int, end: int) -> PlaceEntry | None:
        """A place no gazetteer knows, where the text leaves no doubt that it is one: "in Masbah, central Baghdad"
        (a part of that town, at its point), "the village of Sadanpoini", "Suba and Nyando are among the worst
        affected districts" (a town or district of the article's country, with no point rather than a guessed one)."""
        doc = self.doc
        text = doc[start:end].text
        if self.person_word(text) or self.common_word(start, end) or self.not_a_town(start, end) or \
                not all(t.text[:1].isupper() or t.lower_ in ("al", "el", "-", "de", "la") for t in doc[start:end]):
            return None
        if end + 1 < len(doc) and doc[end].text == ",":
            town = next((p[2] for p in self.analysis.places if p[0] in (end + 1, end + 2) and p[2] is not None
                         and p[2].kind == "city"), None)
            if town is not None and self.locative(start, end):
                return PlaceEntry(text, "admin2", town.country, town.lat, town.lon, 2)
        noun = self.place_noun_of(start, end)
        if noun is None:
            return None
        kind, precision = ("admin2", 2) if noun in PARTS else ("city", 1)
        return PlaceEntry(text, kind, self.analysis.home, None, None, precision)

    def as_described(self, start: int, end: int, entry: PlaceEntry) -> PlaceEntry:
        """A town the text calls a district or area ("Migori, Rongo and Bondo are among the worst affected
        districts") is that district: admin2, precision 2, at the town's point."""
        if entry.kind == "city" and self.place_noun_of(start, end, of=False) in PARTS:
            return dataclasses.replace(entry, kind="admin2", precision=2)
        return entry

    def place_noun_of(self, start: int, end: int, of: bool = True) -> str | None:
        """The noun that says what kind of place a name is: "the village of X", "X and Y are districts" (``of``:
        count "the X of Y"; for a known town "a district of Kabul" is in it, not it)."""
        token = self.doc[start:end].root
        while token.dep_ == "conj" and token.head.i < token.i:
            token = token.head
        if of and token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_ in TOWN_NOUNS:
            return token.head.head.lemma_
        if token.dep_ == "appos" and token.head.lemma_ in TOWN_NOUNS:
            return token.head.lemma_
        if token.dep_ == "nsubj" and token.head.lemma_ == "be":
            for child in children_of(token.head):
                nouns = [child] if child.dep_ == "attr" else [g for g in children_of(child) if g.dep_ == "pobj"] \
                    if child.dep_ == "prep" and child.lower_ == "among" else []
                for noun in nouns:
                    if noun.lemma_ in TOWN_NOUNS:
                        return noun.lemma_
        return None

    def not_a_town(self, start: int, end: int) -> bool:
        """Names in places a town never stands: after a title ("President Obama"), beside a newspaper's or party's
        noun ("the newspaper Hürriyet"), a ship ("ROKS Cheonan", "a Pohang-class corvette")."""
        doc = self.doc
        before = doc[start - 1] if start > 0 else None
        if before is not None and (before.lower_ in self.gaz.titles or before.text in SHIP_PREFIXES):
            return True
        if end + 1 < len(doc) and doc[end].text in ("-", "–") and doc[end + 1].lower_ == "class":
            return True
        root = doc[start:end].root
        if root.dep_ == "appos" and root.head.lemma_ in PERSON_NOUNS:
            return True  # "Gaddafi's son, Hannibal"
        return root.dep_ in ("appos", "compound", "nmod") and root.head.lemma_ in ORG_NOUNS or \
            any(c.dep_ == "appos" and c.lemma_ in ORG_NOUNS for c in children_of(root))

    def listed_with_places(self, token: Token) -> bool:
        """A conjunct of a name already read as a place ("Busia, Kisumu and Voi")."""
        head = token
        while head.dep_ == "conj" and head.head.i < head.i:
            head = head.head
        if head is token:
            return False
        return any(p[0] <= head.i < p[1] for p in self.analysis.places)

    def town_with_region(self, name: Name) -> PlaceEntry | None:
        """"Vermillion, S.D.", "Fort Campbell, Ky.", "Gori, Georgia": the town in the state or country after the comma."""
        doc = self.doc
        j = name.end
        if j + 1 >= len(doc) or doc[j].text != ",":
            return None
        text = doc[name.start:name.end].text
        for size in (3, 2, 1):
            if j + 1 + size > len(doc):
                continue
            after = doc[j + 1:j + 1 + size].text
            code = state_code(after)
            found = city(text, ("USA",), small=True, region=code) if code else None
            if found is None and code and text.split()[0] in ("Fort", "Camp"):  # "Fort Campbell, Ky.": the post's town
                post = city(f"{text} North", ("USA",), small=True, region=code) or \
                    city(f"{text} South", ("USA",), small=True, region=code)
                found = dataclasses.replace(post, name=text, kind="facility") if post else None
            country = country_place(after)
            if found is None and country is not None:
                found = city(text, (cast(str, country.country),), small=True)  # a country's entry names it
            if found is not None:
                return found
        return None

    def unknown_place(self, name: Name) -> bool:
        """A town the model took for a person or organisation ("reached Adre", "Kharkiv", "of Allen, Texas")."""
        span = self.doc[name.start:name.end]
        town = self.town_with_region(name)
        if town is not None:
            self.place(name.start, name.end, town)
            return True
        if span[-1].lower_ in self.org_words or span.text in self.aliases or self.person_word(span.text):
            return False
        at_place = self.locative(name.start, name.end) and not self.common_word(name.start, name.end)
        # "Kryvyi Rih, a large industrial city, has been hit": the appositive says what it is
        at_place = at_place or any(child.dep_ == "appos" and child.lemma_.lower() in TOWN_NOUNS
                                   for child in children_of(span.root))
        if name.label == "PERSON" and span.root.dep_ in ("nsubj", "nsubjpass") and not at_place:
            return False
        entry = lookup_place(span.text, self.analysis.countries, small=at_place)
        if entry is None and self.place_noun_of(name.start, name.end) in TOWN_NOUNS - PARTS:
            entry = self.unknown_town(name.start, name.end)  # "the village of Qaryat Umm Sabah", taken for a person
        if entry is None:
            return False
        self.place(name.start, name.end, entry)
        return True

    def person_word(self, text: str) -> bool:
        """Part of a person's name read earlier, or of a name the model calls a person elsewhere ("Natan" of
        "Eden Natan-Zada")."""
        words = set(_name_words(text))
        if any(words <= _name_word_set(found.resolved.name) for found in self.persons):
            return True
        return any(words <= names and count > len(words) for names, count in _person_entities(self.doc))

    def place_evidence(self, name: Name) -> bool:
        """Does the context say that this name is a place (so a small town may be meant)? Not for a common word
        ("the West", "Republic"): a name after "the", or one the article also writes in lower case."""
        doc = self.doc
        token = doc[name.end - 1]
        if name.start > 0 and doc[name.start - 1].lower_ == "the" or self.common_word(name.start, name.end):
            return False
        return (name.label in PLACE_LABELS and token.pos_ == "PROPN") or self.locative(name.start, name.end) \
            or self.listed_with_places(doc[name.start:name.end].root)

    def common_word(self, start: int, end: int) -> bool:
        """A one-word name that the article also uses as an ordinary word ("West" beside "west of the city")."""
        if end - start != 1:
            return False
        lower_words = self.doc.user_data.get(_LOWER_WORDS)
        if lower_words is None:
            lower_words = self.doc.user_data[_LOWER_WORDS] = set(_LOWER_WORD.findall(text_of(self.doc)))
        return self.doc[start].is_stop or self.doc[start].lower_ in lower_words

    # -- context ---------------------------------------------------------------------------------
    def locative(self, start: int, end: int, seat: bool = False) -> bool:
        """Is the name a place here ("in Russia", "Vladivostok, Russia", "fled Libya") rather than an actor?"""
        doc = self.doc
        token = doc[start:end].root
        while token.dep_ in ("conj", "appos") and token.head.i < token.i and token.head.pos_ == "PROPN":
            token = token.head
        if start >= 2 and doc[start - 1].text == "," and any(p[1] == start - 1 for p in self.analysis.places):
            return True
        if end < len(doc) and doc[end].text in ("-", "–") and end + 1 < len(doc) and \
                doc[end + 1].lower_ in ("based", "flagged", "registered", "owned"):
            return True
        if token.dep_ == "dobj" and token.head.lemma_ in MOTION_VERBS:
            if token.head.is_sent_start and token.head.text[:1].isupper() and token.head.dep_ == "ROOT":
                return False  # "Enter North Korea.": a stage direction, not a move into it
            return not seat or token.head.lemma_ not in ("hold", "control")
        if token.dep_ in ("nsubj", "attr"):
            return self.described_as_place(token)
        if token.dep_ != "pobj":
            return False
        prep = token.head
        word = prep.lower_
        if word == "of":
            return _place_noun(prep.head) or prep.head.lower_ in OF_EVENTS
        if word == "between":  # "lying between Poland and Lithuania", not "talks between Israel and Hamas"
            return prep.head.lemma_ in BETWEEN_PLACES
        if word == "for":  # "fled Libya for Tunisia", "left for Cairo": a destination
            verb = prep.head.head if prep.head.dep_ == "dobj" else prep.head
            return verb.lemma_ in MOTION_VERBS | {"head", "depart", "set", "bind", "bound"}
        if word in ("as", "including", "like"):  # "areas such as Busia", "cities including Goma"
            return prep.head.lower_ in PLACE_OF or prep.head.head.lower_ in PLACE_OF
        if word not in LOCATIVE:
            return False
        if seat and word in ("at", "to", "on", "over"):
            return word == "to" and (prep.head.lower_ in MOVE_NOUNS or prep.head.pos_ == "VERB" and prep.head.lemma_ in
                                     ("go", "travel", "fly", "return", "move", "come", "arrive", "march", "head"))
        if word in ("to", "from", "on", "over") and prep.head.pos_ in ("NOUN", "PROPN"):
            groups = self.gaz.lexicon["groups"]
            return prep.head.lower_ in PLACE_NOUNS or prep.head.lower_ in MOVE_NOUNS or word == "from" and \
                (prep.head.lower_ not in groups or groups[prep.head.lower_].get("kind") == "population")
        if word == "to" and prep.head.lemma_ in ("say", "tell", "talk", "speak", "belong", "threat", "pose", "send", "give",
                                                  "link", "tie", "lend", "sell", "supply", "offer", "deliver"):
            return prep.head.lemma_ == "send"
        return True

    def described_as_place(self, token: Token) -> bool:
        """"Myanmar is mainly Buddhist", "host nations are Estonia, Latvia …", "Suba and Bunyala are among the
        worst affected districts": a name that a place noun describes. "The nations contributing forces are
        Canada, …" is not: nations are places only as hosts or neighbours."""
        verb = token.head
        if verb.lemma_ != "be":
            return False
        others = [c for c in children_of(verb) if c is not token]
        if token.dep_ == "attr":
            subject = next((c for c in others if c.dep_ == "nsubj"), None)
            return subject is not None and _place_noun(subject)
        for child in others:
            if child.dep_ == "attr" and (_place_noun(child) or child.lemma_ == "home"):
                return True
            if child.dep_ == "prep" and child.lower_ == "among":
                return any(_place_noun(g) for g in children_of(child))
        return False

    def acts(self, start: int, end: int) -> bool:
        """A region that acts or is acted on as a polity: "South Ossetia says", "Russia recognised Abkhazia", "the
        regimes of Abkhazia and South Ossetia", "Southern Sudan also reported". It is an actor too (a state in
        fact, or a region's government), beside the place."""
        token = self.doc[start:end].root
        while token.dep_ == "conj" and token.head.i < token.i:
            token = token.head
        head = token.head
        if token.dep_ == "nsubj" and (head.lemma_ in self.gaz.lexicon["reporting_verbs"] or head.lemma_ in POLITY_ACTS):
            return True
        if token.dep_ == "dobj" and head.lemma_ in POLITY_VERBS:
            return True
        return token.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_ in POLITY_NOUNS

    def also_actor(self, start: int, end: int) -> bool:
        """A place that is also the state whose land it is: the object of "invade", "visit" ("invaded Georgia")."""
        token = self.doc[start:end].root
        while token.dep_ == "conj" and token.head.i < token.i:
            token = token.head
        return token.dep_ == "dobj" and token.head.lemma_ in ALSO_ACTOR_VERBS

    def place_possessive(self, end: int) -> bool:
        doc = self.doc
        if end + 1 < len(doc) and doc[end].text in POSSESSIVE:
            head = doc[end + 1:end + 4]
            return any(t.lower_ in PLACE_NOUNS or t.ent_type_ in ("FAC",) for t in head)
        return False

    def with_the(self, start: int, end: int) -> tuple[int, int]:
        if start > 0 and self.doc[start - 1].lower_ == "the" and not self.covered[start - 1]:
            return start - 1, end
        return start, end

    def with_direction(self, start: int, end: int) -> tuple[int, int]:
        if start > 0 and self.doc[start - 1].lower_ in DIRECTIONS and self.doc[start - 1].is_lower:
            return start - 1, end
        return start, end

    def place_toward(self, start: int, end: int, entry: PlaceEntry | None) -> None:
        """A place, its mention with the side of it the text names ("eastern Chad", "central Baghdad" are Chad and
        Baghdad, as the gold sets read them)."""
        self.place(*self.with_direction(start, end), entry)


_LOWER_WORDS = "sitreps.lower_words"
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z]+(?![\w-])")


def _name_words(text: str) -> list[str]:
    return text.replace("-", " ").split()


@lru_cache(maxsize=65536)
def _name_word_set(text: str) -> frozenset[str]:
    """``_name_words`` as a set, kept: the same names are asked about once per name read."""
    return frozenset(_name_words(text))


_STATES = {"nation", "nations", "country", "countries", "state", "states", "members"}
_HOSTING = {"host", "hosts", "neighbouring", "neighboring", "destination", "transit", "border", "frontline", "front-line"}


def _place_noun(token: Token) -> bool:
    """A noun that names places ("districts", "towns"); "nations" and "countries" only as hosts or neighbours."""
    if token.lower_ not in PLACE_OF and token.lemma_ not in PLACE_OF:
        return False
    if token.lower_ in _STATES or token.lemma_ in _STATES:
        return any(c.lower_ in _HOSTING for c in children_of(token))
    return True


def as_written(entry: PlaceEntry, stem: str, head: Token) -> PlaceEntry:
    """A first-level region named the way the article names it: "Kursk region" or "Kursk Oblast"."""
    if entry.kind != "admin1" or head.lower_ not in REGION_WORDS:
        return entry
    word = head.lower_.rstrip("s") if head.lower_ != "oblasts" else "oblast"
    word = {"oblast": "Oblast", "krai": "Krai", "province": "Province" if head.text[0].isupper() else "province"}.get(word, word)
    return dataclasses.replace(entry, name=f"{stem} {word}")
