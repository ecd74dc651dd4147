"""Coreference that claims and events need, and no more (coreferee cannot be installed here).

Partial names ("Kim" after "Kim Jong Un") are joined where names are read (actors.py). This
module adds, after all names are read:

    1. plural descriptions  "the two dictators", "both leaders" -> the last two people named
    2. definite descriptions "the agency", "The spy agency", "the group", "the bloc"
                             -> the last actor whose head nouns include that noun
    3. pronoun speakers     "He describes…", "she said", "it said" -> the last person (for he,
                             she) or organisation (it, they) named, preferring one that was a
                             subject, within the three sentences before

Each adds a ``Found`` to the document's actor mentions, so ``actor_at`` sees it.
``antecedent(doc, found, token)`` resolves any pronoun on demand by the same rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from sitreps.gazetteer import gazetteer

if TYPE_CHECKING:
    from sitreps.extract.actors import Found

PERSONAL = {"he", "she", "him", "her", "his"}
NEUTER = {"it", "they", "its", "their"}
WINDOW = 3  # sentences back that a pronoun may reach


def resolve(doc: Doc, found: list[Found], covered: list[bool]) -> None:
    """Add plural, definite-description and pronoun mentions to ``found`` (in place)."""
    from sitreps.extract.actors import Found

    lexicon = gazetteer().lexicon
    plural = set(lexicon["plural_people"])
    reporting = set(lexicon["reporting_verbs"])
    added: list[Found] = []
    for token in doc:  # "Turner …, who sent": the antecedent of a subject "who" acts as a subject
        if token.lower_ == "who" and token.dep_ == "nsubj":
            before = [f for f in found if token.sent.start <= f.start < token.i and f.resolved.kind == "person"]
            if before:
                max(before, key=lambda f: f.start).subject_like = True
    for token in doc:
        if covered[token.i]:
            continue
        # 1. "the two dictators", "both leaders"
        if token.lower_ in plural and token.i >= 2:
            before = doc[token.i - 2:token.i]
            if [t.lower_ for t in before] == ["the", "two"] or before[-1].lower_ == "both":
                start = token.i - 2 if before[-1].lower_ == "two" else token.i - 1
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
    found.extend(added)


def antecedent(doc: Doc, found: list[Found], token: Token) -> Found | None:
    """The mention a pronoun refers to, by the rule of step 3."""
    return _antecedent(doc, found, token)


def _antecedent(doc: Doc, found: list[Found], token: Token) -> Found | None:
    personal = token.lower_ in PERSONAL
    sentence_start = _sentence_start(doc, token, WINDOW)
    candidates = [f for f in found
                  if sentence_start <= f.start < token.i and (f.resolved.kind == "person") == personal
                  and (personal or f.resolved.kind != "population")]
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
    for f in sorted(found, key=lambda f: -f.start):
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
    for f in sorted(found, key=lambda f: -f.start):
        if f.start >= before:
            continue
        r = f.resolved
        own = set(r.entry.heads) if r.entry is not None else set()
        if r.entry is None and r.kind != "person" and r.kind != "state":
            own.add(r.name.split()[-1].lower())
        if r.kind == "armed-group":
            own.add("group")
        if own & heads:
            return f
    return None
