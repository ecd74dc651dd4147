"""Where a name is a place, not an actor: regions as written, locatives, unlabelled towns.

A mixin of the actors extractor's reader (``actors._Reader``): the reader finds
names; these methods decide, from the words around a name, that it is a place
("in Russia", "the Kursk region", "the Lviv, Volyn and Rivne regions",
"district of Kyivskyi") and record it with the reader's ``place``.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Token

from sitreps.gazetteer_match import Name
from sitreps.gazetteer_places import PlaceEntry, admin1, lookup_place

POSSESSIVE = {"'s", "’s", "'", "’"}
LOCATIVE = {"in", "into", "inside", "within", "throughout", "across", "near", "outside", "from", "toward",
            "towards", "through", "around", "via", "to", "at", "onto", "off", "beyond", "over", "on"}
PLACE_NOUNS = {"airport", "streets", "outskirts", "centre", "center", "suburbs", "district", "port",
               "energy", "infrastructure", "city", "skies", "region"}
REGION_WORDS = {"region", "regions", "oblast", "oblasts", "province", "provinces", "krai", "state", "states"}
DIRECTIONS = {"eastern", "western", "northern", "southern", "central", "northeastern", "northwestern",
              "southeastern", "southwestern", "north", "south", "east", "west"}


class PlaceReading:
    """Place decisions of the actors reader; it provides doc, analysis, covered, gaz and place()."""

    doc: Doc
    analysis: Any
    covered: list[bool]
    gaz: Any

    if TYPE_CHECKING:
        def place(self, start: int, end: int, entry: PlaceEntry) -> None: ...

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
        for i in range(len(doc) - 2):
            if doc[i].lower_ == "region" and doc[i + 1].lower_ == "of" and doc[i + 2].pos_ == "PROPN":
                entry = admin1(doc[i + 2].text, self.analysis.countries)
                if entry is not None:
                    self.analysis.places = [p for p in self.analysis.places if p[0] != i + 2]
                    self.place(i + 2, i + 3, as_written(entry, doc[i + 2].text, doc[i]))
        for i, token in enumerate(doc):
            if token.lower_ in REGION_WORDS and i > 0 and doc[i - 1].pos_ == "PROPN" and not self.covered[i - 1]:
                entry = admin1(doc[i - 1].text, self.analysis.countries)
                if entry is not None:
                    self.place(i - 1, i + 1, as_written(entry, doc[i - 1].text, token))

    def read_unlabelled_places(self) -> None:
        """A proper noun the model left unlabelled after "in", "near", "district of": try the cities."""
        doc = self.doc
        for token in doc:
            if self.covered[token.i] or token.pos_ != "PROPN" or not token.is_title or token.dep_ != "pobj":
                continue
            prep = token.head
            if prep.lower_ not in LOCATIVE and not (prep.lower_ == "of" and prep.head.lower_ in PLACE_NOUNS):
                continue
            entry = lookup_place(token.text, self.analysis.countries)
            if entry is not None:
                self.place(token.i, token.i + 1, entry)

    # -- context ---------------------------------------------------------------------------------
    def locative(self, start: int, end: int, seat: bool = False) -> bool:
        """Is the name a place here ("in Russia", "Vladivostok, Russia") rather than an actor?"""
        doc = self.doc
        token = doc[start:end].root
        while token.dep_ == "conj" and token.head.i < token.i:
            token = token.head
        if start >= 2 and doc[start - 1].text == "," and any(p[1] == start - 1 for p in self.analysis.places):
            return True
        if end < len(doc) and doc[end].text in ("-", "–") and end + 1 < len(doc) and \
                doc[end + 1].lower_ in ("based", "flagged", "registered", "owned"):
            return True
        if token.dep_ != "pobj":
            return False
        prep = token.head
        word = prep.lower_
        if word not in LOCATIVE:
            return False
        if seat and word in ("at", "to", "on", "over"):
            return word == "to" and prep.head.pos_ == "VERB" and prep.head.lemma_ in ("go", "travel", "fly", "return", "move", "come")
        if word in ("to", "from", "on", "over") and prep.head.pos_ in ("NOUN", "PROPN"):
            return prep.head.lower_ in PLACE_NOUNS or word == "from" and prep.head.lower_ not in self.gaz.lexicon["groups"]
        if word == "to" and prep.head.lemma_ in ("say", "tell", "talk", "speak", "belong", "threat", "pose", "send", "give",
                                                  "link", "tie", "lend", "sell", "supply", "offer", "deliver"):
            return prep.head.lemma_ == "send"
        return True

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


def as_written(entry: PlaceEntry, stem: str, head: Token) -> PlaceEntry:
    """A first-level region named the way the article names it: "Kursk region" or "Kursk Oblast"."""
    if entry.kind != "admin1" or head.lower_ not in REGION_WORDS:
        return entry
    word = head.lower_.rstrip("s") if head.lower_ != "oblasts" else "oblast"
    word = {"oblast": "Oblast", "krai": "Krai", "province": "Province" if head.text[0].isupper() else "province"}.get(word, word)
    return dataclasses.replace(entry, name=f"{stem} {word}")
