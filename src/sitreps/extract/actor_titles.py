"""People and their titles: a name read with the title around it ("Foreign Minister Sergei Lavrov",
"Ahmed Hassan, a police spokesman"), and the office a title names.

A mixin of the actors extractor's reader (``actors._Reader``): the reader finds names and calls
``read_person`` for each person; these methods read the title before the name, an appositive
after it, or the subject of "X is a ..." and resolve role, sector, country and organisation from
it. A title's words and sectors are data (``titles.yaml``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Span, Token

from sitreps.gazetteer import Resolved, from_entry, phoenix_person, resolve_name, title_sector
from sitreps.gazetteer_match import Name, token_texts, tokens
from sitreps.gazetteer_places import admin1, lookup_place
from sitreps.extract.place_reading import POSSESSIVE, PROPN_TAGS
from sitreps.extract.offsets import containing
from sitreps.extract.tree import children_of, subtree_of
from sitreps.nlp import indices_where


class TitleReading:
    """Person and title decisions of the actors reader; it provides doc, names, analysis, gaz, date, covered,
    persons, aliases, by_start and actor(), org_mention(), classify_org(), read_group_of()."""

    doc: Doc
    names: list[Name]
    analysis: Any
    gaz: Any
    date: str | None
    covered: list[bool]
    persons: list[Any]
    aliases: dict[str, Resolved]
    by_start: dict[int, Name]

    if TYPE_CHECKING:
        def actor(self, start: int, end: int, resolved: Resolved) -> Any: ...
        def org_mention(self, start: int, end: int, resolved: Resolved) -> None: ...
        def classify_org(self, start: int, end: int) -> Resolved: ...
        def read_group_of(self, start: int, end: int, iso3: str) -> None: ...

    def read_person(self, name: Name, curated: Resolved | None) -> None:
        doc = self.doc
        span = doc[name.start:name.end]
        resolved = curated or self.known_person(span.text) or phoenix_person(span.text, self.date)
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
        resolved.country = country or resolved.country or (org.country if org else None)
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
        if org is not None and org.kind != "state":
            self.analysis.employers.setdefault(resolved.key, org)
        if end < len(doc) and doc[end].text in POSSESSIVE and resolved.country:
            self.read_group_of(name.start, name.end, resolved.country)

    def read_unlabelled_people(self) -> None:
        """People the model saw no name in ("UN High Commissioner for Human Rights Navi Pillay stated", "Micheline
        Calmy-Rey of Switzerland"): a run of capitalised words whose end the Phoenix dictionaries know as a person's
        full name."""
        doc = self.doc
        listed = tokens(doc)[0]
        proper = set(indices_where(doc, "POS", PROPN_TAGS))  # read from the tags' array, not asked of every token
        i = 0
        while i < len(doc):
            if self.covered[i] or i not in proper or listed[i].ent_type_ or not listed[i].text[:1].isupper():
                i += 1
                continue
            end = i
            while end < len(doc) and not self.covered[end] and not doc[end].ent_type_ and (
                    doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() or
                    doc[end].text == "-" and not doc[end - 1].whitespace_ and end + 1 < len(doc)):
                end += 1
            for start in range(i, end - 1):
                resolved = phoenix_person(doc[start:end].text, self.date)
                if resolved is not None:
                    self.read_person(Name(start, end, "PERSON"), resolved)
                    break
            i = max(end, i + 1)

    def place_people(self) -> None:
        """People the text gives no country: the one country that the sentence around their first mention names (by
        a state, a demonym or a place; not inside what they are reported to say), else the paragraph's, else the
        country of the dateline the story was filed under, else none. Not the article's most named country: that
        guess would file one person under a different country in every article a store holds."""
        for found in self.persons:
            if found.resolved.country is None:
                sentence = self.doc[found.start].sent
                paragraph = _paragraph(self.doc, found.start)
                found.resolved.country = self.sole_country(sentence.start, sentence.end, reported=False) or \
                    self.sole_country(*paragraph) or self.analysis.dateline_country

    def sole_country(self, start: int, end: int, reported: bool = True) -> str | None:
        """The one country named between two tokens (outside what is reported, unless ``reported``), else None."""
        doc = self.doc
        inside = set(range(start, end)) if reported else \
            {t.i for t in doc[start:end] if not any(a.dep_ in ("ccomp", "xcomp") for a in t.ancestors)
             and t.dep_ not in ("ccomp", "xcomp")}
        found = {f.resolved.country for f in self.analysis.actors
                 if f.start in inside and f.resolved.kind in ("state", "population")}
        found |= {p[2].country for p in self.analysis.places if p[0] in inside and p[2] is not None}
        texts, adjectives = token_texts(doc), self.gaz.by_adjective
        found |= {adjectives[texts[i]].iso3 for i in inside if texts[i] in adjectives}
        found.discard(None)
        return found.pop() if len(found) == 1 else None

    def is_possessive_cue(self, i: int) -> bool:
        name = self.by_start.get(i)
        return name is not None and name.end < len(self.doc) and self.doc[name.end].text in POSSESSIVE

    def skip_cue(self, i: int) -> int:
        name = self.by_start.get(i)
        if name is not None and name.end < len(self.doc) and self.doc[name.end].text in POSSESSIVE:
            return name.end + 1
        return i + 1

    def known_person(self, text: str) -> Resolved | None:
        """An earlier person this name is part of ("Kim" after "Kim Jong Un", "Mr Mubarak" after "Hosni Mubarak"),
        or a curated one."""
        words = set(text.split()) - HONORIFICS or set(text.split())
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
            name = next((n for n in containing(self.names, i - 1, i) if n.readings or n.label in ("ORG", "GPE")), None)
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
            inside = {t.i for t in subtree_of(root)}
            tokens = [t for t in subtree_of(head) if t.i not in inside and (t.i < span.start) == (head.i < span.start)]
        else:
            for child in children_of(root):
                if child.dep_ == "appos" and child.i > span.end - 1 and not child.like_num:
                    tokens = list(subtree_of(child))
                    break
            if tokens and not title_sector([t.text for t in tokens])[2]:
                tokens = []  # "a 53-year-old former footballer": a description, not a title
            if not tokens and root.dep_ == "attr" and root.head.lemma_ == "be":
                subject = next((c for c in children_of(root.head) if c.dep_ == "nsubj"), None)
                if subject is not None and subject.pos_ == "NOUN":
                    tokens = list(subtree_of(subject))
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
                named = token.pos_ == "PROPN" and (admin1(token.text, self.analysis.countries)
                                                   or lookup_place(token.text, self.analysis.countries))
                if named and named.country:
                    country = named.country
                    break
        if not phrases and org is None:
            return None, None, country, None
        if sector is None and org is not None:
            sector = org.sector or ("GOV" if org.kind == "state" else None)
        if sector is None and phrases:
            sector = "GOV"
        return role, sector, country, org


HONORIFICS = {"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Sir", "Dame", "Lord", "Lady", "Prof", "Prof.",
              "Professor", "Sheikh", "Mullah", "Imam", "Ayatollah", "President", "King", "Queen", "Prince", "General"}


def _paragraph(doc: Doc, i: int) -> tuple[int, int]:
    """Token bounds of the paragraph (text between blank-line or newline breaks) around token ``i``."""
    start = i
    while start > 0 and "\n" not in doc[start - 1].text_with_ws:
        start -= 1
    end = i
    while end < len(doc) and "\n" not in doc[end].text_with_ws:
        end += 1
    return start, min(end + 1, len(doc))


class OfficeReading:
    """Offices named without a person: "the Foreign Secretary", "Thailand's foreign minister", "the Minister for the
    Middle East", "the prime minister" (a mixin of the actors reader, after every name is read).

    The office is resolved, in this order, to the person the article already named in it ("Prime Minister Nouri
    al-Maliki … the prime minister"), to its holder on the article's date when ``actors.yaml`` knows one (a 2016
    release's "the Foreign Secretary" is Boris Johnson), else to a person named as the article writes the office,
    of the country the words give ("Thailand's", "British") or the article's own. An indefinite office ("a
    minister") or a former holder ("the former prime minister") is not resolved; a bare lowercase office ("the
    president") only to a person the article or the table names."""

    doc: Doc
    analysis: Any
    gaz: Any
    date: str | None
    covered: list[bool]

    if TYPE_CHECKING:
        def actor(self, start: int, end: int, resolved: Resolved) -> Any: ...

    def read_offices(self) -> None:
        doc = self.doc
        offices = {tuple(o.split()) for o in self.gaz.lexicon.get("offices", ())}
        firsts = {o[0] for o in offices}
        lowers = tokens(doc)[1]
        i = 0
        while i < len(doc):
            size = next((n for n in (4, 3, 2, 1) if tuple(lowers[i:i + n]) in offices), 0) if lowers[i] in firsts else 0
            if not size or any(self.covered[i:i + size]):
                i += 1
                continue
            end = i + size
            if end < len(doc) and (doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() or
                                   lowers[end] in ("-", "–") or doc[end].lower_.endswith("s") and doc[end].pos_ == "NOUN"):
                i = end
                continue  # "Prime Minister Nouri al-Maliki" (a person's title), "minister-designate"
            end = self._portfolio(end)
            if end < len(doc) and (doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() or doc[end].lower_ == "to"):
                i = end
                continue  # "Minister for Defence Ignazio La Russa", "ambassador to the UN"
            if self._describes_a_person(i, end):
                i = end
                continue
            found = self._qualifier(i)
            if found is not None:
                start, country, definite = found
                role = doc[i:end].text
                resolved = self.office_holder(role, country, capitalised=doc[i].text[:1].isupper() or start < i)
                if resolved is not None:
                    mention = start - 1 if definite and resolved.key.startswith(("entry:", "person:")) else start
                    self.actor(mention, end, resolved)
            i = end

    def _describes_a_person(self, start: int, end: int) -> bool:
        """"John Kerry, the Secretary of State,", "Malaysia's Prime Minister, Najib Razak", "who has been Prime
        Minister": the office is said of a named person (an apposition or a predicate), not a mention of its own."""
        doc = self.doc
        root = doc[start:end].root
        if root.dep_ in ("appos", "attr", "oprd") or any(c.dep_ == "appos" for c in children_of(root)):
            return True
        if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].ent_type_ == "PERSON":
            return True
        before = start - 1
        while before > 0 and doc[before].lower_ in ("the", "'s", "’s") or before > 0 and doc[before].text in self.gaz.by_adjective:
            before -= 1
        return before >= 0 and doc[before].text == "," and before > 0 and doc[before - 1].ent_type_ == "PERSON"

    def _portfolio(self, end: int) -> int:
        """"Minister for the Middle East", "Minister of Foreign Affairs": the portfolio after the office."""
        doc = self.doc
        if end + 1 < len(doc) and doc[end].lower_ in ("for", "of") and doc[end - 1].text[:1].isupper():
            j = end + 1
            if doc[j].lower_ == "the":
                j += 1
            k = j
            words = set(self.gaz.lexicon.get("portfolios", ()))
            while k < len(doc) and (doc[k].text[:1].isupper() and doc[k].lower_ in words or
                                    doc[k].lower_ in ("and", "&") and k + 1 < len(doc) and doc[k + 1].text[:1].isupper()):
                k += 1
            if k > j:
                return k
        return end

    def _qualifier(self, i: int) -> tuple[int, str | None, bool] | None:
        """Where the office's mention starts, the country its words give, and whether it is definite ("the")."""
        doc, gaz = self.doc, self.gaz
        start, country = i, None
        while start > 0 and doc[start - 1].lower_ in ("new", "incoming", "current", "acting", "regional", "provincial",
                                                      "local", "federal", "top", "senior", "city"):
            start -= 1
        before = doc[start - 1] if start > 0 else None
        if before is not None and before.lower_ in ("former", "ex", "then", "late", "a", "an", "another", "one", "each",
                                                    "every", "any", "no", "deputy", "vice", "assistant", "junior"):
            return None
        if before is not None and (before.text in gaz.by_adjective or gaz.country(before.text)):
            country, start = (gaz.by_adjective.get(before.text) or gaz.country(before.text)).iso3, start - 1
        elif before is not None and before.text[:1].isupper() and before.lower_ != "the":
            return None  # "United Nations High Commissioner": inside a name
        elif before is not None and before.text in ("'s", "’s") and start >= 2:
            owner = resolve_name(doc[start - 2].text, self.date)
            if owner is None or owner.country is None:
                return None
            country, start = owner.country, start - 2
        definite = start > 0 and doc[start - 1].lower_ == "the"
        if not definite and start == i and not doc[i].text[:1].isupper():
            return None
        return start, country, definite

    def office_holder(self, role: str, country: str | None, capitalised: bool) -> Resolved | None:
        country = country or self.analysis.home
        for found in reversed(self.analysis.actors):
            r = found.resolved
            if r.kind == "person" and r.role and _compatible(role, r.role) and (r.country == country or country is None):
                return r
        for entry in self.gaz.by_entry_name.values():
            term = entry.term(self.date) if entry.kind == "person" and entry.country == country else None
            if term is not None and self.date and _compatible(role, term.role):
                return from_entry(entry, self.date)
        if not capitalised or country is None:
            return None
        sector, _, _ = title_sector(role.split())
        return Resolved(role, "person", country, sector or "GOV", role, key=f"office:{country}:{role.lower()}")


def _compatible(written: str, curated: str) -> bool:
    """The title in the text names the curated office ("Armenian Foreign Minister" ~ "Foreign Minister of Armenia")."""
    _, _, phrases = title_sector(written.split())
    curated_lower = curated.lower()
    return bool(phrases) and all(p in curated_lower for p in phrases)
