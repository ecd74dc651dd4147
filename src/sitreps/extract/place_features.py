"""Named features and facilities no gazetteer lists: hotels, markets, embassies, bases, dams, bridges, lakes,
valleys and parts of towns ("the Shamo Hotel", "Ghazl market", "Kaspi railway bridge", "the Egyptian
embassy", "Camp Hurriya", "the New Baghdad area").

A mixin of the actors extractor's reader (``actors._Reader``), run after every name and town is read:

1. a feature is a run of capitalised words (or a demonym, before "embassy") ended by a head noun
   of ``features.yaml`` ("Shamo Hotel", "Justice Ministry building", "Ghazl pet market"), or a
   name after a word like "Hotel", "Camp", "Mount" ("Hotel Shamo", "Camp Hurriya");
2. it takes the point of the place it lies in, which fixes its coordinates and country: a town
   inside its name ("Tripoli International Airport"), before it ("Manama's Pearl Roundabout"),
   after it in the clause ("the Shamo Hotel in Mogadishu"), else the last town named before it,
   else the article's first town; with none, it keeps no point rather than a wrong one;
3. a part of a town ("the al-Shorja area", "Hananiyah neighborhood") is precision 2 at the town's
   point; a name that is itself a known place ("the Kursk area") stays that place;
4. the same feature written twice ("Shamo Hotel", "Hotel Shamo") is one place.

Curated features (``places.yaml``: Tabqa Dam, Camp Speicher, Tahrir Square) are read as names
before this runs; this catches the rest.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc

from sitreps.gazetteer import load_data
from sitreps.gazetteer_match import token_texts, tokens
from sitreps.gazetteer_places import PlaceEntry, lookup_place

_TOWN_KINDS = {"city", "admin2"}
_PARTICLES = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "de", "del", "da", "do", "dos", "la", "le", "du",
              "des", "di", "van", "von", "bin", "ibn", "abu"}


@lru_cache(maxsize=1)
def _words() -> dict[str, Any]:
    data = load_data("features.yaml")
    return {"heads": data["heads"], "before": data["before"], "demonym": set(data["demonym_heads"]),
            "organisations": set(data["organisations"]), "communities": set(data["communities"])}


def _countries_only(gaz: Any, text: str) -> bool:
    """"U.S.", "U.S.–Mexico": a country name, or country names joined by a dash."""
    parts = [p for p in text.replace("–", "-").replace("—", "-").split("-") if p]
    return bool(parts) and all(gaz.country(p) or p in gaz.by_adjective for p in parts)


class FeatureReading:
    """Feature decisions of the actors reader; it provides doc, analysis, covered, gaz and place()."""

    doc: Doc
    analysis: Any
    covered: list[bool]
    gaz: Any

    if TYPE_CHECKING:
        def place(self, start: int, end: int, entry: PlaceEntry | None) -> None: ...
        def locative(self, start: int, end: int, seat: bool = False) -> bool: ...

    def read_features(self) -> None:
        """Step 2c: features named by a head noun or a word before the name (see the module's docstring)."""
        self.read_feature_lists()
        doc, words = self.doc, _words()
        seen: dict[frozenset[str], PlaceEntry] = {}
        lowers, texts = tokens(doc)[1], token_texts(doc)
        heads = {h.split()[0] for h in words["heads"]}
        i = 0
        while i < len(doc):
            if lowers[i] not in heads and texts[i] not in words["before"]:
                i += 1
                continue
            found = self._head_feature(i, lowers, words) or self._before_feature(i, words)
            if found is None:
                i += 1
                continue
            start, end, info = found
            if self._known(start, end, info) or not self._sited(start, end, info, words):
                i = end
                continue
            key = frozenset(t.lower_ for t in doc[start:end] if t.lower_ != "the")
            entry = seen.get(key) or self._entry(start, end, info)
            seen[key] = entry
            self.analysis.places = [p for p in self.analysis.places if not (start <= p[0] and p[1] <= end)]
            self.place(start, end, entry)
            i = end

    # -- finding the name ------------------------------------------------------------------------
    def _head_feature(self, i: int, lowers: list[str], words: dict[str, Any]) -> tuple[int, int, dict] | None:
        """"Shamo Hotel", "Ghazl pet market", "al-Khilani Mosque", "the Egyptian embassy": capitalised words (with
        "al-", "de" and the like inside) before a head noun; a name that goes on ("the Western District of
        Texas") or a town's own object ("a Gaza City stadium") is not a feature."""
        doc = self.doc
        for size in (2, 1):
            head = " ".join(lowers[i:i + size])
            info = words["heads"].get(head)
            if info is None or i + size > len(doc):
                continue
            end = i + size
            if end < len(doc) and (doc[end].pos_ == "PROPN" and doc[end].is_title or lowers[end] in words["heads"]):
                return None  # "Hotel Shamo", "market area": the name or a longer head follows
            if end + 1 < len(doc) and lowers[end] == "of" and doc[end + 1].text[:1].isupper():
                return None  # "the Western District of Texas", "Center of Arana": a longer name
            start = i
            if start > 1 and doc[start - 1].is_lower and doc[start - 1].pos_ == "NOUN" and doc[start - 2].pos_ == "PROPN":
                start -= 1  # "Ghazl pet market", "Kaspi railway bridge": one common noun between name and head
            first = start
            while first > 0 and i - first < 7:
                before = doc[first - 1]
                if before.pos_ in ("PROPN", "ADJ") and before.text[:1].isupper() and not before.is_sent_start:
                    first -= 1
                elif before.lower_ in _PARTICLES and first - 1 > 0 and (doc[first].text[:1].isupper() or doc[first].text == "-"):
                    first -= 1  # "al-Khilani", "Pozo de Arana"
                elif before.text == "-" and first >= 2 and doc[first - 2].lower_ in _PARTICLES:
                    first -= 1
                else:
                    break
            if first > 0 and doc[first - 1].is_sent_start and doc[first - 1].pos_ == "PROPN":
                first -= 1
            while first < start and (doc[first].text == "-" or doc[first].lower_ in _PARTICLES and doc[first].is_lower
                                     and first + 1 < start and doc[first + 1].text != "-"):
                first += 1
            if first == start:
                return None
            names = [t for t in doc[first:start] if t.text != "-" and t.lower_ not in _PARTICLES]
            adjectives = [t for t in names if t.text in self.gaz.by_adjective]
            if adjectives and len(adjectives) == len(names):
                return (first, end, info) if head in words["demonym"] or info["kind"] == "region" else None
            while names and names[0].text in self.gaz.by_adjective:  # "Georgian Kaspi railway bridge"
                first = names.pop(0).i + 1
            if not any(t.pos_ == "PROPN" for t in names) or all(_countries_only(self.gaz, t.text) for t in names):
                return None  # "U.S.-Mexico border crossing": countries, not a name
            if any(t.ent_type_ == "NORP" or t.text in words["communities"] for t in names):
                return None  # "the Druze neighborhood", "the Shia mosque": a community, not a name
            if doc[i].is_lower and any(p[0] >= first and p[1] <= start for p in self.analysis.places):
                return None  # "a Gaza City stadium": the town is the place
            return first, end, info
        return None

    def read_feature_lists(self) -> None:
        """"the German and Syrian embassies": one feature per demonym before a plural head."""
        doc = self.doc
        listed, lowers = tokens(doc)
        for token in (listed[i] for i, w in enumerate(lowers) if w in ("embassies", "consulates")):
            if token.i < 3:
                continue
            demonyms = [t for t in doc[max(0, token.i - 6):token.i] if t.text in self.gaz.by_adjective]
            if len(demonyms) < 2 or any(self.covered[t.i] and any(p[0] <= t.i < p[1] for p in self.analysis.places)
                                        for t in demonyms):
                continue
            anchor = self._anchor(demonyms[0].i, token.i + 1)
            for t in demonyms:
                name = f"{t.text} embassy" if token.lower_ == "embassies" else f"{t.text} consulate"
                self.place(t.i, t.i + 1, self._at(name, "facility", 1, anchor))

    def _before_feature(self, i: int, words: dict[str, Any]) -> tuple[int, int, dict] | None:
        """"Hotel Shamo", "Camp Hurriya", "Mount Sinjar", "Kibbutz Re'im": a feature word, then the name."""
        doc = self.doc
        info = words["before"].get(doc[i].text)
        if info is None or i + 1 >= len(doc) or doc[i + 1].pos_ != "PROPN" or not doc[i + 1].text[:1].isupper():
            return None
        end = i + 1
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() and end - i < 4:
            end += 1
        return i, end, info

    # -- deciding ---------------------------------------------------------------------------------
    def _known(self, start: int, end: int, info: dict) -> bool:
        """Already a place as a whole, or (for a part of a town) a name that is itself a known place."""
        if any(p[0] <= start and end <= p[1] for p in self.analysis.places):
            return True
        if info["kind"] == "admin2":
            name = self.doc[start:end - 1]
            return any(p[0] == name.start and p[1] == name.end for p in self.analysis.places)
        return False

    def _sited(self, start: int, end: int, info: dict, words: dict[str, Any]) -> bool:
        """A head that also ends organisations' names ("Median Hospital said") counts only where the text
        places something at it, not where it speaks or acts; nor inside a person's title."""
        head = self.doc[end - 1]
        if any(f.start <= start and end <= f.end and f.resolved.kind == "person" for f in self.analysis.actors):
            return False
        if head.lower_ not in words["organisations"]:
            return True
        return head.dep_ not in ("nsubj", "nsubjpass") or self.locative(start, end)

    def _entry(self, start: int, end: int, info: dict) -> PlaceEntry:
        doc = self.doc
        name = doc[start:end].text
        if info["kind"] in ("city", "admin2") and doc[end - 1].is_lower:
            name = doc[start:end - 1].text  # "Al Muqsha village", "the al-Shorja area": the place is its name
        if info["kind"] == "city":
            entry = lookup_place(name, self.analysis.countries, small=True)
            if entry is not None:
                return entry
        names = [t for t in doc[start:end] if t.text[:1].isupper()]
        if names and all(t.text in self.gaz.by_adjective for t in names) and info["kind"] == "region":
            country = self.gaz.by_adjective[names[0].text]  # "the Colombian jungle": somewhere in that country
            return PlaceEntry(name, "region", country.iso3, None, None, 3)
        return self._at(name, info["kind"], info["precision"], self._anchor(start, end))

    def _at(self, name: str, kind: str, precision: int, anchor: PlaceEntry | None) -> PlaceEntry:
        """A feature at its anchor's point; precision 2 when the anchor is only a region or country."""
        country = anchor.country if anchor is not None else self.analysis.home
        lat, lon = (anchor.lat, anchor.lon) if anchor is not None else (None, None)
        exact = anchor is not None and anchor.kind in _TOWN_KINDS | {"facility"}
        return PlaceEntry(name, kind, country, lat, lon, precision if exact else max(precision, 2))

    def _anchor(self, start: int, end: int) -> PlaceEntry | None:
        """The place the feature lies in (see the module's docstring, step 2)."""
        doc, places = self.doc, self.analysis.places
        inside = [p for p in places if start <= p[0] and p[1] <= end and p[2] is not None]
        if inside:
            return inside[0][2]
        for i in range(start, end - 1):  # "Tripoli International Airport": a town the name begins with
            if doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper():
                town = lookup_place(doc[i].text, self.analysis.countries)
                if town is not None and town.kind in _TOWN_KINDS and town.country in self.analysis.countries:
                    return town
        if start >= 2 and doc[start - 1].text in ("'s", "’s") or start >= 3 and doc[start - 2].text in ("'s", "’s"):
            owner = start - 1 if doc[start - 1].text in ("'s", "’s") else start - 2
            found = [p for p in places if p[1] == owner and p[2] is not None]
            if found:
                return found[0][2]
        sentence = doc[start].sent
        after = [p for p in places if end <= p[0] < sentence.end and p[0] - end <= 6 and p[2] is not None
                 and p[2].kind in _TOWN_KINDS and doc[p[0] - 1].lower_ in ("in", "of", "near", "outside", ",")]
        if after:
            return after[0][2]
        home = set(self.analysis.countries[:3])
        before = [p for p in places if p[1] <= start and p[2] is not None and p[2].kind in _TOWN_KINDS
                  and (not home or p[2].country in home)]
        if before:
            return max(before, key=lambda p: p[0])[2]
        towns = [p for p in places if p[2] is not None and p[2].kind in _TOWN_KINDS and (not home or p[2].country in home)]
        return min(towns, key=lambda p: p[0])[2] if towns else None

