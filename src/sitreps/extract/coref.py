"""Coreference that claims and events need, and no more (coreferee cannot be installed here).

Partial names ("Kim" after "Kim Jong Un") are joined where names are read (actors.py). This
module adds, after all names are read:

    1. plural descriptions  "the two dictators", "both leaders" -> the last two people named
    2. definite descriptions "the agency", "The spy agency", "the group", "the bloc"
                             -> the last actor whose head nouns include that noun
    3. pronoun speakers     "He describes…", "she said", "it said" -> the last person (for he,
                             she) or organisation (it, they) named, preferring one that was a
                             subject, within the three sentences before
    4. first person plural  "we", "our", "us": inside a quote, the body of the person quoted
                             ("'We are concerned,' said UNHCR spokesman Mans Nyberg" -> UNHCR), or
                             the organisation or state quoted; outside quotes (a government's or an
                             agency's release: "We will continue to support our partners"), the
                             issuing body, the organisation or state that speaks in the text's
                             first reporting clause ("The Foreign Office announced today …")

Each adds a ``Found`` to the document's actor mentions, so ``actor_at`` sees it.
``antecedent(doc, found, token)`` resolves any pronoun on demand by the same rule.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

from spacy.tokens import Doc, Token

from sitreps.extract.list_memo import ListMemo
from sitreps.extract.offsets import starting_within
from sitreps.gazetteer import gazetteer, state
from sitreps.gazetteer_match import token_texts, tokens

if TYPE_CHECKING:
    from sitreps.extract.actors import Found
    from sitreps.gazetteer import Resolved

PERSONAL = {"he", "she", "him", "her", "his"}
FIRST_PLURAL = {"we", "our", "us", "ours"}
NEUTER = {"it", "they", "its", "their"}
WINDOW = 3  # sentences back that a pronoun may reach


def resolve(doc: Doc, found: list[Found], covered: list[bool], employers: dict | None = None) -> None:
    """Add plural, definite-description and pronoun mentions to ``found`` (in place)."""
    from sitreps.extract.actors import Found

    lexicon = gazetteer().lexicon
    plural = set(lexicon["plural_people"])
    reporting = set(lexicon["reporting_verbs"])
    added: list[Found] = []
    listed, lowers = tokens(doc)
    for token in (listed[i] for i, w in enumerate(lowers) if w == "who"):  # "Turner …, who sent": its antecedent acts
        if token.lower_ == "who" and token.dep_ == "nsubj":
            before = [f for f in starting_within(found, token.sent.start, token.i) if f.resolved.kind == "person"]
            if before:
                max(before, key=lambda f: f.start).subject_like = True
    wanted = plural | {"the"} | PERSONAL | NEUTER
    for token in (listed[i] for i, w in enumerate(lowers) if w in wanted):
        if covered[token.i]:
            continue
        # 1. "the two dictators", "both leaders"
        if token.lower_ in plural and token.i >= 2:
            words = doc[token.i - 2:token.i]
            if [t.lower_ for t in words] == ["the", "two"] or words[-1].lower_ == "both":
                start = token.i - 2 if words[-1].lower_ == "two" else token.i - 1
                people = _last_people(found, start, 2)
                if len(people) == 2:
                    added.extend(Found(start, token.i + 1, f.resolved) for f in people)
                    continue
        # 2. "the agency", "The spy agency"
        if token.lower_ in ("the",) and token.i + 1 < len(doc):
            description = _description(doc, token)
            if description is not None:
                end, heads = description
                target = _last_with_head(found, token.i, heads)
                if target is not None and not any(covered[token.i:end]):
                    added.append(Found(token.i, end, target.resolved))
                    for i in range(token.i, end):
                        covered[i] = True
                    continue
        # 3. "He describes…", "she said"
        if token.lower_ in PERSONAL | NEUTER and token.dep_ in ("nsubj", "nsubjpass") \
                and token.head.lemma_ in reporting:
            target = _antecedent(doc, found, token)
            if target is not None:
                added.append(Found(token.i, token.i + 1, target.resolved, True))
    added += _first_person_plural(doc, found, covered, employers or {})
    found.extend(added)


def _first_person_plural(doc: Doc, found: list[Found], covered: list[bool], employers: dict) -> list[Found]:
    """Step 4: "we", "our", "us" as the quoted speaker's body, or outside quotes the issuing body."""
    from sitreps.extract.actors import Found

    listed, lowers = tokens(doc)
    pronouns = [listed[i] for i, w in enumerate(lowers) if w in FIRST_PLURAL]
    if not pronouns:
        return []
    quoted = _quoted(doc)
    issuer: Resolved | None | Literal[False] = False  # False: not looked for yet
    out = []
    for token in pronouns:
        if token.pos_ != "PRON" or covered[token.i]:
            continue
        if quoted[token.i]:
            speaker = _quote_speaker(doc, found, token, quoted)
            if speaker is None:
                continue
            body = employers.get(speaker.resolved.key) if speaker.resolved.kind == "person" else speaker.resolved
            if body is not None:
                out.append(Found(token.i, token.i + 1, body, token.dep_ in ("nsubj", "nsubjpass")))
            continue
        if issuer is False:
            issuer = _issuer(doc, found, employers, pronouns[0].i)
        if issuer is not None:
            out.append(Found(token.i, token.i + 1, issuer, token.dep_ in ("nsubj", "nsubjpass")))
    return out


@lru_cache(maxsize=1)
def _reporting_verbs() -> frozenset[str]:
    """The gazetteer lexicon's reporting verbs, as a set made once (asked per pronoun)."""
    return frozenset(gazetteer().lexicon["reporting_verbs"])


def _quoted(doc: Doc) -> list[bool]:
    """Which tokens stand inside quotation marks: curly pairs, straight marks taken in turn; a quote left open
    ends with its paragraph (wire copy opens a quote again in the next one)."""
    inside, state = [False] * len(doc), False
    for i, word in enumerate(token_texts(doc)):  # a token's trailing whitespace is one space or none: spaCy
        if word == "“" or word == '"' and not state:  # makes a line break a token of its own
            state = True
        elif word == "”" or word == '"' and state:
            state = False
        else:
            inside[i] = state
        if "\n" in word:
            state = False
    return inside


def _quote_speaker(doc: Doc, found: list[Found], token: Token, quoted: list[bool]) -> Found | None:
    """The speaker of the quote a token stands in: the subject of a reporting verb outside the quote in the same
    sentence or paragraph, after the quote first ("…," said X), then before it (X said: "…")."""
    reporting = _reporting_verbs()
    sentence = token.sent
    start, end = sentence.start, sentence.end
    while end < len(doc) and "\n" not in doc[end - 1].text_with_ws and end - sentence.end < 60:
        end += 1
    candidates = [f for f in found if start <= f.start < end and not quoted[f.start] and f.subject_like
                  and f.resolved.kind != "population" and doc[f.start:f.end].root.head.lemma_ in reporting]
    after = [f for f in candidates if f.start > token.i]
    if after:
        return min(after, key=lambda f: f.start)
    before = [f for f in candidates if f.start < token.i]
    return max(before, key=lambda f: f.start) if before else None


def _issuer(doc: Doc, found: list[Found], employers: dict, first: int) -> Resolved | None:
    """The body that issues a text written in the first person: the organisation or state that speaks in its first
    reporting clause outside quotes; else the body of an official who speaks there ("We have deployed four
    aircraft, the Defence Secretary said": his ministry, else his state); else the first organisation named
    before the first pronoun ("We will strike ... alongside the Coalition": not the Coalition), else the first
    named after the pronoun's sentence; none named in that sentence after it, which is what "we" speak of."""
    reporting = _reporting_verbs()
    speakers = sorted((f for f in found if f.subject_like and doc[f.start:f.end].root.head.lemma_ in reporting),
                      key=lambda f: f.start)
    for f in speakers:
        if f.resolved.kind in ("organization", "state", "media"):
            return f.resolved
    for f in speakers:
        if f.resolved.kind == "person" and f.resolved.sector in ("GOV", "MIL", "JUD", "LEG"):
            body = employers.get(f.resolved.key)
            if body is not None:
                return body
            country = gazetteer().countries.get(f.resolved.country or "")
            if country is not None:
                return state(country)
    bodies = sorted((f for f in found if f.resolved.kind in ("organization", "state", "media")), key=lambda f: f.start)
    before = [f for f in bodies if f.start < first]
    sentence = doc[first].sent
    later = [f for f in bodies if f.start >= sentence.end]  # not what the pronoun's own sentence is about
    return (before or later)[0].resolved if before or later else None  # ("We support Russia": not Russia)


def antecedent(doc: Doc, found: list[Found], token: Token) -> Found | None:
    """The mention a pronoun refers to, by the rule of step 3."""
    return _antecedent(doc, found, token)


def _antecedent(doc: Doc, found: list[Found], token: Token) -> Found | None:
    personal = token.lower_ in PERSONAL
    sentence_start = _sentence_start(doc, token, WINDOW)
    candidates = [f for f in starting_within(found, sentence_start, token.i)
                  if (f.resolved.kind == "person") == personal and (personal or f.resolved.kind != "population")]
    if not candidates:
        return None
    same_sentence = [f for f in candidates if f.start >= token.sent.start]
    subjects = [f for f in candidates if f.subject_like]
    pool = [f for f in same_sentence if f.subject_like] or subjects or candidates
    return max(pool, key=lambda f: f.start)


def _sentence_start(doc: Doc, token: Token, back: int) -> int:
    sentence = token.sent
    for _ in range(back):
        if sentence.start == 0:
            break
        sentence = doc[sentence.start - 1].sent
    return sentence.start


def _last_people(found: list[Found], before: int, count: int) -> list[Found]:
    people: list[Found] = []
    keys: set[str] = set()
    for f in _latest_first(found):
        if f.start < before and f.resolved.kind == "person" and f.resolved.key not in keys:
            people.append(f)
            keys.add(f.resolved.key)
            if len(people) == count:
                break
    return people


def _description(doc: Doc, the: Token) -> tuple[int, set[str]] | None:
    """"the (adjectives/nouns) HEAD" ending at a noun: its end and the head phrases it offers."""
    end = the.i + 1
    while end < len(doc) and end - the.i <= 3 and doc[end].pos_ in ("ADJ", "NOUN") and doc[end].is_lower:
        end += 1
    if end == the.i + 1 or doc[end - 1].pos_ != "NOUN":
        return None
    if end < len(doc) and doc[end].pos_ in ("NOUN", "PROPN"):
        return None
    words = [t.lower_ for t in doc[the.i + 1:end]]
    heads = {" ".join(words[i:]) for i in range(len(words))}
    return end, heads


def _last_with_head(found: list[Found], before: int, heads: set[str]) -> Found | None:
    """The latest mention starting before ``before`` that offers one of ``heads`` (on a tie of starts, the
    first in ``found``), from an index by head: not a walk back over every mention per description."""
    best: tuple[int, int] | None = None
    index = _by_head(found)
    for head in heads:
        keys = index.get(head)
        if keys:
            k = bisect_left(keys, (before, -len(found))) - 1  # the last (start, -position) with start < before
            if k >= 0 and (best is None or keys[k] > best):
                best = keys[k]
    return found[-best[1]] if best is not None else None


def _build_by_head(found: list[Found]) -> dict[str, list[tuple[int, int]]]:
    index: dict[str, list[tuple[int, int]]] = {}
    for position, f in enumerate(found):
        for head in _heads_of(f.resolved):
            index.setdefault(head, []).append((f.start, -position))
    for keys in index.values():
        keys.sort()
    return index


# head -> (start, -position) of the mentions that offer it, ascending; kept while the list keeps its length
_by_head: ListMemo[list, dict[str, list[tuple[int, int]]]] = ListMemo(_build_by_head, keep=8)
# ``found`` from the last mention back, sorted once while the list keeps its length
_latest_first: ListMemo[list, list] = ListMemo(lambda found: sorted(found, key=lambda f: -f.start), keep=8)


def _heads_of(r) -> set[str]:
    own = set(r.entry.heads) if r.entry is not None else set()
    if r.entry is None and r.kind != "person" and r.kind != "state":
        own.add(r.name.split()[-1].lower())
    if r.kind == "armed-group":
        own.add("group")
    return own
