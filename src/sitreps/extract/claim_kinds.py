"""What kind of claim a statement is: report, opinion, prescription, prediction or denial.

The claims reader (``claims.py``) asks two things of this module: the word lists
of ``data/claims.yaml`` (``words()``), and ``content_kind(tokens)``, the kind that
what is said has on its own, read from its main clause (docs/events.md, "Claims",
step 4). The cue decides first when it says ("denied", "urged", "vowed"); this
module decides when it does not ("said", "told", "according to").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Token

from sitreps.extract.attribution import cues
from sitreps.extract.tree import children_of, subtree_of
from sitreps.resources import load_yaml

FIRST_PERSON = {"we", "i", "us", "our"}
ASPECTUAL = {"continue", "remain", "begin", "start", "keep", "stay", "resume", "stop", "cease"}
JUDGING_VERBS = {"deserve", "seem", "hope", "regard", "criminalise", "criminalize", "welcome", "encourage",
                 "disappoint", "concern", "alarm", "outrage", "worry", "appal", "appall"}


@dataclass(frozen=True, slots=True)
class ClaimWords:
    verb_kind: dict[str, str]
    fixed_kind: frozenset[str]
    clause_only: frozenset[str]
    object_claims: frozenset[str]
    object_preps: frozenset[str]
    passive_cues: frozenset[str]
    as_verbs: frozenset[str]
    prescriptive_modals: frozenset[str]
    prescriptive_phrases: tuple[str, ...]
    predictive_modals: frozenset[str]
    predictive_words: frozenset[str]
    evaluative: frozenset[str]
    evaluative_phrases: tuple[str, ...]
    demonstratives: frozenset[str]
    author_genres: frozenset[str]
    first_person_opinion: frozenset[str]
    first_person_prescription: frozenset[str]
    stance_verbs: frozenset[str]
    asking_verbs: frozenset[str]
    only_with_as: frozenset[str]
    tolls: dict[str, frozenset[str]] = field(default_factory=dict)  # verb -> objects that make it a toll ("claimed
    # 12 lives"), not a claim


@lru_cache(maxsize=1)
def words() -> ClaimWords:
    data = load_yaml("claims.yaml")
    kind = {lemma: "denial" if cls == "denied" else "report" for lemma, cls in cues().verb_class.items()}
    fixed: set[str] = set()
    for name, lemmas in data["verbs"].items():
        for lemma in lemmas:
            kind[lemma] = "report" if name == "content" else name
            if name != "content":
                fixed.add(lemma)
    return ClaimWords(
        verb_kind=kind,
        fixed_kind=frozenset(fixed),
        clause_only=frozenset(data["clause_only"]),
        object_claims=frozenset(data["object_claims"]),
        object_preps=frozenset(data["object_preps"]),
        passive_cues=frozenset(data["passive_cues"]),
        as_verbs=frozenset(data["as_verbs"]),
        prescriptive_modals=frozenset(data["prescriptive_modals"]),
        prescriptive_phrases=tuple(data["prescriptive_phrases"]),
        predictive_modals=frozenset(data["predictive_modals"]),
        predictive_words=frozenset(data["predictive_words"]),
        evaluative=frozenset(data["evaluative"]),
        evaluative_phrases=tuple(data["evaluative_phrases"]),
        demonstratives=frozenset(data["demonstrative_subjects"]),
        author_genres=frozenset(data["author_genres"]),
        first_person_opinion=frozenset(data["first_person_opinion"]),
        first_person_prescription=frozenset(data["first_person_prescription"]),
        stance_verbs=frozenset(data["stance_verbs"]),
        asking_verbs=frozenset(data["asking_verbs"]),
        only_with_as=frozenset(data["opinion_only_with_as"]),
        tolls={verb: frozenset(objects) for verb, objects in (data.get("tolls") or {}).items()},
    )


def content_kind(tokens: list[Token], vocab: ClaimWords, *, spoken: bool = True) -> str | None:
    """prescription, prediction, opinion or denial from what is said; None for a plain report.

    In order: a question is an opinion ("why would anybody …?"); a modal of the past ("could have
    sent", "should have sent") judges what was, an opinion; must/should/need to prescribe, and so do
    "we call on", "we want"; will/would/could/may predict ("we hope we will" too); a stance in the
    first person ("I think", "we condemn"), a verb of stance in what is said ("the Commission
    regrets"), an evaluative word, a negated "is" judge (opinion); so, in what a speaker is quoted
    as saying (``spoken``), do a present-tense "X is Y" and a simple present that characterises ("they
    kill taxi drivers"), which in the writer's own sentences are mostly plain statements."""
    if not tokens:
        return None
    lowered = "".join(t.text_with_ws for t in tokens).lower()
    roots = _main_verbs(tokens)
    if lowered.rstrip(' "\'”’.').endswith("?"):
        return "opinion"
    if any(_past_modal(r) for r in roots):
        return "opinion"
    aux = {c.lower_ for r in roots for c in children_of(r) if c.dep_ in {"aux", "auxpass"} and not _inverted(c, r)}
    aux |= {r.lower_ for r in roots if r.tag_ == "MD"}
    first = [r for r in roots if _first_person(r)]
    if aux & vocab.prescriptive_modals or any(p in lowered for p in vocab.prescriptive_phrases) \
            or any(_obliged(r) for r in roots) \
            or any(r.lemma_.lower() in vocab.first_person_prescription for r in first) \
            or any(r.lemma_.lower() in vocab.asking_verbs or _calls_on(r) for r in roots if r.pos_ == "VERB"):
        return "prescription"
    perfect = any(c.lower_ == "had" for r in roots for c in children_of(r) if c.dep_ == "aux")
    if not perfect and (aux & vocab.predictive_modals
                        or any(c.lower_ in vocab.predictive_words for r in roots for c in children_of(r)
                               if c.dep_ in {"acomp", "advmod", "xcomp", "attr"})
                        or any(r.lower_ in vocab.predictive_words for r in roots)
                        or any(_hoped_future(r, vocab) for r in roots)):
        return "prediction"
    if any(r.lemma_.lower() in vocab.first_person_opinion and r.tag_ in {"VBP", "VBZ"} for r in first) \
            or any(r.lemma_.lower() in vocab.stance_verbs for r in roots if r.pos_ == "VERB"):
        return "opinion"
    if any(_evaluative(t, vocab) for t in tokens) or any(p in lowered for p in vocab.evaluative_phrases):
        return "opinion"
    if any(_rebuttal(r) for r in roots):
        return "denial"
    if any(_negated_state(r) for r in roots):
        return "opinion"
    if not spoken:
        return None
    if any(_judgement(r) for r in roots):
        return "opinion"
    if not any(t.like_num for t in tokens) and any(_generic_present(r) for r in roots):
        return "opinion"
    return None


def _generic_present(verb: Token) -> bool:
    """"They kill taxi drivers", "The Italians care very little", "it threatens regional stability": a simple
    present that characterises (reports of what happened are told in the past or the perfect)."""
    present = verb.tag_ in {"VBZ", "VBP"} or verb.tag_ == "VB" and any(
        c.dep_ == "aux" and c.lemma_ == "do" and c.tag_ in {"VBZ", "VBP"} for c in children_of(verb))
    if not present or verb.lemma_ in {"be", "have"} or verb.lemma_.lower() in ASPECTUAL:
        return False  # "the toll continues to rise" tells how things go on
    if any(c.dep_ == "nsubj" and c.lower_ in FIRST_PERSON for c in children_of(verb)):
        return False  # "I miss my mother": the speaker's own state (stances are step 4's)
    # "they kill taxi drivers", "he doesn't understand Russia" (a "do" of negation or stress is still simple)
    return not any(c.dep_ in {"aux", "auxpass"} and c.lemma_ != "do" for c in children_of(verb))


def _evaluative(token: Token, vocab: ClaimWords) -> bool:
    """A word of judgement: by its form, or by its lemma unless a verb shares the lemma of a judging noun
    ("surrendered" is not "a surrender")."""
    lemma = token.lemma_.lower()
    return token.lower_ in vocab.evaluative or lemma in vocab.evaluative and (token.pos_ != "VERB"
                                                                              or lemma in JUDGING_VERBS)


def _past_modal(verb: Token) -> bool:
    """"could have sent", "may have contributed", "should have sent": a modal about what was, not what will be."""
    children = [c for c in children_of(verb) if c.dep_ in {"aux", "auxpass"}]
    return verb.tag_ == "VBN" and any(c.tag_ == "MD" for c in children) and any(c.lower_ == "have" for c in children)


def _inverted(aux: Token, verb: Token) -> bool:
    """"should rebels be convicted, …": a conditional "should" before its subject is no prescription."""
    subject = next((c for c in children_of(verb) if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return aux.lower_ == "should" and subject is not None and aux.i < subject.i


def _first_person(verb: Token) -> bool:
    return any(c.dep_ == "nsubj" and c.lower_ in {"i", "we"} for c in children_of(verb))


def _calls_on(verb: Token) -> bool:
    """"calls upon the government to respond", "call on all parties to stop"."""
    return verb.lemma_.lower() == "call" and any(c.dep_ in {"prep", "prt"} and c.lower_ in {"on", "upon"}
                                                for c in children_of(verb))


def _hoped_future(verb: Token, vocab: ClaimWords) -> bool:
    """"We hope that … we will have the problem resolved": a hope about what is to come is a prediction."""
    if verb.lemma_.lower() not in {"hope", "expect", "believe", "think"}:
        return False
    return any(a.lower_ in vocab.predictive_modals for c in children_of(verb) if c.dep_ == "ccomp"
               for a in children_of(c) if a.dep_ == "aux")


def _judgement(verb: Token) -> bool:
    """"X is an attempt to silence the opposition", "France is my home": a present-tense "is" with a
    noun or adjective says what the speaker holds something to be (not "there is", not a number)."""
    present = verb.tag_ in {"VBZ", "VBP"} or any(c.dep_ == "aux" and c.tag_ in {"VBZ", "VBP"} for c in children_of(verb))
    if verb.lemma_ not in {"be", "become", "remain", "seem", "appear"} or not present:
        return False  # "is a regime change", "is becoming an endangered profession"
    if any(c.dep_ == "expl" for c in children_of(verb)):
        return False
    predicate = [c for c in children_of(verb) if c.dep_ in {"attr", "acomp"}]
    subject = [c for c in children_of(verb) if c.dep_ in {"nsubj", "nsubjpass"}]
    if any(t.like_num for s in subject for t in subtree_of(s)):
        return False  # "Pakistan's 1.9 million refugee population is the largest": a ranking of numbers
    return bool(predicate) and not any(p.like_num or any(c.dep_ == "nummod" for c in children_of(p))
                                       or p.pos_ in {"PROPN", "PRON"} or p.tag_ in {"JJS", "VBN"} for p in predicate)


def _obliged(verb: Token) -> bool:
    """"needs a new constitution", "has to leave" (present tense; "only need to" is sufficiency)."""
    if verb.lemma_ not in {"need", "have"} or verb.tag_ not in {"VBZ", "VBP"}:
        return False
    if any(c.lower_ == "only" for c in children_of(verb)) or any(c.dep_ == "aux" for c in children_of(verb)):
        return False
    if verb.lemma_ == "have":
        return any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in children_of(c)) for c in children_of(verb))
    return True


def _rebuttal(verb: Token) -> bool:
    """"These hands are not tainted with blood", "the investigation has no political aspects": a present
    negated passive or "has no" rebuts a charge (a denial)."""
    present = verb.tag_ in {"VBZ", "VBP"} or any(c.tag_ in {"VBZ", "VBP"} for c in children_of(verb)
                                                if c.dep_ in {"aux", "auxpass"})
    if not present:
        return False
    if any(c.dep_ == "auxpass" for c in children_of(verb)) and any(c.dep_ == "neg" for c in children_of(verb)):
        return True
    return verb.lemma_ == "have" and any(d.dep_ == "det" and d.lower_ == "no" for c in children_of(verb)
                                         if c.dep_ == "dobj" for d in children_of(c))


def _negated_state(verb: Token) -> bool:
    """"China is not the troublemaker", "It is not directed at any country": a present-tense stance."""
    present = verb.tag_ in {"VBZ", "VBP"} or any(c.tag_ in {"VBZ", "VBP"} for c in children_of(verb) if c.dep_ in {"aux", "auxpass"})
    stative = verb.lemma_ == "be" or any(c.dep_ == "auxpass" for c in children_of(verb))
    return present and stative and any(c.dep_ == "neg" for c in children_of(verb))


def _main_verbs(tokens: list[Token]) -> list[Token]:
    """The heads of what is said: tokens whose head lies outside it, with their verb conjuncts."""
    inside = {t.i for t in tokens}
    out: list[Token] = []
    for root in (t for t in tokens if t.head.i not in inside or t.head.i == t.i):
        out.append(root)
        out.extend(c for c in children_of(root) if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"})
        if root.pos_ not in {"VERB", "AUX"}:
            out.extend(c for c in children_of(root) if c.dep_ in {"relcl", "acl"})
    return out
