"""Step 2 of extraction: every temporal expression of the article, resolved, and the article's own date.

    1. find      rules of data/times.yaml over the text (sitreps.timeparse.grammar),
                 then spaCy DATE entities the rules missed, read by dateparser
    2. sift      years that are names ("Resolution 2024") or counts ("2000 troops")
    3. tense     each expression's clause: past, future or present (dates_anchor)
    4. date      the article's date inferred when neither the user nor metadata gave it
                 (dates_published): ``article.published``, ``published_basis = "inferred"``
    5. resolve   first what the article's date alone fixes ("Oct. 18", "last week"), then
                 what leans on a neighbour ("a week earlier", "the same day", "at 2:40 a.m.")
    6. report    ``report.times``: text, offsets, sentence, ISO value, granularity, anchor

Other extractors ask for the date that governs a span with
``date_for_span(report, start, end, doc) -> str | None`` (or ``time_for_span``
for the value and how it was found: governing expression in the parse, same
sentence, paragraph, or the article's date for present-tense reports); see
``sitreps.extract.dates_anchor``.

Conventions (weeks, intervals, vague expressions, how the date is inferred):
docs/times.md.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.attrs import ENT_IOB, ENT_TYPE
from spacy.tokens import Doc

from sitreps.extract.dates_anchor import TimeRef, clause_direction, date_for_span, time_for_span
from sitreps.extract.dates_published import find_dateline, infer_published, is_date_line
from sitreps.nlp import text_of
from sitreps.timeparse.calendar import Period, parse_value
from sitreps.timeparse.grammar import Expr, blocked_spans, find, vocab
from sitreps.timeparse.resolve import INDEPENDENT, Context, Resolution, resolve
from sitreps.types import Actor, Place, Report, TimeExpression

__all__ = ["TimeRef", "date_for_span", "extract_times", "time_for_span"]

_ENTITY_WORDS = re.compile(r"\b(?:(?:1[89]|20)\d\d|January|February|March|April|June|July|August|September|October|"
                           r"November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


_FOUND = "sitreps.times.found"  # doc.user_data key: the expressions found and their clause tense


def date_article(doc: Doc, report: Report, *, today: dt.date | None = None) -> None:
    """Stage 0: date the article from its text when neither the user, the page's metadata nor its date line
    did, before any extractor runs, so every extractor reads the same date ("MOSCOW, March 3, 2022 ..."
    gives Shoigu the office he held that day with or without ``--published``); none writes it later."""
    article = report.article
    if article.published is not None:
        return
    text = text_of(doc)
    exprs, directions, _ = _found(doc)
    inferred = infer_published(exprs, directions, text, [r.text for r in article.removed], today=today)
    if inferred is not None:
        article.published = inferred.date.isoformat()
        article.published_basis = "inferred"
        window = f" (the text allows {inferred.date} to {inferred.latest})" if inferred.latest > inferred.date else ""
        report.warnings.append(f"article date inferred from the text ({inferred.reason}): {inferred.date}{window}")


def _found(doc: Doc) -> tuple[list[Expr], list[str], list[tuple[int, int]]]:
    """The rules' expressions that are times, their clauses' tense and the blocked spans, once per parse."""
    if _FOUND not in doc.user_data:
        text = text_of(doc)
        blocked = blocked_spans(text)
        exprs = []
        for e in find(text, blocked=blocked):
            if _is_time(e, doc):
                exprs.append(e)
            else:
                blocked.append((e.start, e.end))     # and no second chance through the entity fallback
        directions = [clause_direction(doc, e.start, e.end) for e in exprs]
        doc.user_data[_FOUND] = (exprs, directions, blocked)
    exprs, directions, blocked = doc.user_data[_FOUND]
    return list(exprs), list(directions), list(blocked)


def extract_times(doc: Doc, report: Report, *, today: dt.date | None = None) -> None:
    """Fill ``report.times`` (the article is dated first if stage 0 has not run, as when called alone)."""
    text = text_of(doc)
    date_article(doc, report, today=today)
    exprs, directions, blocked = _found(doc)
    article = report.article
    dateline = find_dateline(text, exprs)
    published = _as_date(article.published)
    extra = _from_entities(doc, text, exprs, blocked, published)
    if extra:
        merged = sorted([*zip(exprs, directions), *((e, clause_direction(doc, e.start, e.end)) for e in extra)],
                        key=lambda pair: pair[0].start)
        exprs, directions = [p[0] for p in merged], [p[1] for p in merged]
    resolutions = _resolve_all(exprs, directions, report, published, dateline)
    report.times = [
        TimeExpression(text=e.text, start=e.start, end=e.end, sentence=report.sentence_of(e.start),
                       value=r.value, granularity=r.granularity, anchor=r.anchor)
        for e, r in zip(exprs, resolutions) if r is not None
    ]


def _as_date(value: str | None) -> dt.date | None:
    """The article's date as a date; a malformed one from metadata counts as none (and is left as it is)."""
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


# --- 2. sift ------------------------------------------------------------------------------------

def _is_time(e: Expr, doc: Doc) -> bool:
    """A year-like number is a count when its noun is plural ("nearly 2000 troops"), a name when a capitalised
    word precedes it ("Agenda 2030"). After a preposition it stays a year: news writes counts of that size
    with a comma, and "in 2023 protests erupted" is common."""
    if e.kind != "year" or e.mod or e.prep:
        return True
    token = next((t for t in doc.char_span(e.start, e.end, alignment_mode="expand") or []
                  if t.text == str(e.year)), None)
    if token is None:
        return True
    if token.dep_ == "nummod" and token.head.tag_ == "NNS" and token.head.i > token.i and token.ent_type_ != "DATE":
        return False                     # "2000 troops": a count (but "the 2024 Games", a DATE to spaCy too)
    if token.i > 0 and not token.is_sent_start:
        before = doc[token.i - 1]
        openers = {str(w).lower() for w in vocab()["year_openers"]}
        if before.is_alpha and before.text[0].isupper() and before.lower_ not in openers:
            return False                 # "Resolution 2024", "Vision 2030": a name
    return True


def _date_entities(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of spaCy's DATE entities (read from the token array: ``doc.ents`` builds every span)."""
    array = doc.to_array([ENT_IOB, ENT_TYPE])
    spans: list[list[int]] = []
    last = -2
    for i in (array[:, 1] == doc.vocab.strings["DATE"]).nonzero()[0].tolist():
        token = doc[i]
        if i == last + 1 and array[i, 0] == 1:      # I: the entity goes on
            spans[-1][1] = token.idx + len(token)
        else:
            spans.append([token.idx, token.idx + len(token)])
        last = i
    return [(a, b) for a, b in spans]


def _from_entities(doc: Doc, text: str, exprs: list[Expr], blocked: list[tuple[int, int]],
                   published: dt.date | None) -> list[Expr]:
    """DATE entities the rules did not cover, read by dateparser (English only, a clean span)."""
    if published is None:
        return []
    taken = [(e.start, e.end) for e in exprs]
    found = []
    for span in _date_entities(doc):
        ent_text = text[span[0]:span[1]]
        if not _ENTITY_WORDS.search(ent_text):
            continue
        if any(s < span[1] and span[0] < e for s, e in [*taken, *blocked]):
            continue
        if re.search(r"-(?:" + "|".join(vocab()["name_suffixes"]) + r")\b", text[span[1]:span[1] + 10]):
            continue
        parsed = _dateparser_read(ent_text, published, clause_direction(doc, *span))
        if parsed is not None:
            expr = Expr("parsed", span[0], span[1], ent_text, {"value": parsed[0], "unit": parsed[1]})
            expr.year = int(parsed[0][:4]) if re.search(r"\b(?:1[89]|20)\d\d\b", ent_text) else None
            found.append(expr)
    return found


def _dateparser_read(text: str, published: dt.date, direction: str) -> tuple[str, str] | None:
    from dateparser.date import DateDataParser  # imported here: only the rare leftover entity needs it

    settings = {"RELATIVE_BASE": dt.datetime.combine(published, dt.time()),
                "PREFER_DATES_FROM": "future" if direction in ("future", "present") else "past"}
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    if data is None or data.date_obj is None or data.period not in ("day", "month", "year"):
        return None
    day = data.date_obj.date()
    period = {"day": Period.day(day), "month": Period.month(day.year, day.month), "year": Period.year(day.year)}[data.period]
    return period.value, data.period


# --- 5. resolve -----------------------------------------------------------------------------------

def _resolve_all(exprs: list[Expr], directions: list[str], report: Report, published: dt.date | None,
                 dateline: Expr | None) -> list[Resolution | None]:
    sentences = [report.sentence_of(e.start) for e in exprs]
    base = Context(published=published, day_first=_day_first(exprs))
    out: list[Resolution | None] = [None] * len(exprs)
    for i, e in enumerate(exprs):
        if e.kind in INDEPENDENT or e.kind == "parsed":
            out[i] = _one(e, _context(base, directions[i], report, e, sentences[i]))
    event = _lead_day(exprs, out, sentences, dateline, report.article.text, published)
    for i, e in enumerate(exprs):
        if out[i] is not None or e.kind in INDEPENDENT:
            continue
        ctx = _context(base, directions[i], report, e, sentences[i])
        bases = [j for j in range(i - 1, -1, -1) if (found := out[j]) is not None and exprs[j].prep != "since"
                 and (not found.vague or found.recent)]
        ctx.previous = out[bases[0]] if bases else None
        ctx.sentence_before = next((out[j] for j in range(i - 1, -1, -1)
                                    if sentences[j] == sentences[i] and out[j] is not None), None)
        ctx.sentence_day = _sentence_day(i, exprs, out, sentences, report.article.text)
        ctx.event = event
        if e.kind == "nth_day" and not e.parts:
            ctx.count_start = _count_start(i, exprs, out, sentences, report)
        out[i] = _one(e, ctx)
    return out


def _one(e: Expr, ctx: Context) -> Resolution | None:
    if e.kind == "parsed":
        period = parse_value(e.groups["value"])
        return Resolution(period, "absolute" if e.year else "published") if period else None
    return resolve(e, ctx)


def _context(base: Context, direction: str, report: Report, e: Expr, sentence: int) -> Context:
    return Context(published=base.published, direction=direction, day_first=base.day_first,
                   fiscal_start=_fiscal_start(report, sentence) if e.kind in ("year_span", "fiscal") else base.fiscal_start)


_STARTED = re.compile(r"\b(?:began|begun|begins|started|starts|launched|erupted|broke\s+out|commenced|opened|beginning"
                      r"|start\s+of|began\s+on)\b[^.;\n]{0,40}$", re.IGNORECASE)


def _count_start(i: int, exprs: list[Expr], out: list[Resolution | None], sentences: list[int],
                 report: Report) -> Period | None:
    """The stated start that "the 99th day of the siege" counts from: a day named just after "began",
    "started", "launched" or "since", in the same sentence or in an earlier one that names the same thing
    ("the siege began on March 2"). None when the text states no start: the day then has no value, for a
    start guessed from another event would be a wrong date."""
    text = report.article.text
    what = exprs[i].groups.get("what", "").lower()

    def names_it(j: int) -> bool:
        if sentences[j] == sentences[i]:
            return True
        if not what or sentences[j] < 0:
            return False
        sentence = report.sentences[sentences[j]]
        return re.search(rf"\b{re.escape(what)}\b", text[sentence.start:sentence.end], re.IGNORECASE) is not None

    def start_of(j: int) -> Period | None:
        r, e = out[j], exprs[j]
        if r is None or r.period is None or r.vague or r.period.unit != "day" or r.period.span:
            return None
        line_start = max(0, e.start - 60)
        if e.prep == "since" or _STARTED.search(text, line_start, e.start):
            return r.period if names_it(j) else None
        return None

    for j in [*range(i - 1, -1, -1), *range(i + 1, len(exprs))]:
        if j > i and sentences[j] != sentences[i]:
            break
        found = start_of(j)
        if found is not None:
            return found
    return None


def _sentence_day(i: int, exprs: list[Expr], out: list[Resolution | None], sentences: list[int], text: str) -> Period | None:
    """The day another expression of the same sentence names ("12:26 p.m. … on Wednesday"); a day named
    just after a clock time counts too, for "a.m." often ends a sentence for the parser."""
    def near(j: int) -> bool:
        if sentences[j] == sentences[i]:
            return True
        return 0 <= exprs[j].start - exprs[i].end <= 40 and "\n" not in text[exprs[i].end:exprs[j].start]
    days = [(abs(exprs[j].start - exprs[i].start), period) for j in range(len(exprs))
            if j != i and near(j) and exprs[j].kind != "present" and (found := out[j]) is not None
            and (period := found.period) is not None and not found.vague and period.unit == "day" and not period.span]
    return min(days, key=lambda d: d[0])[1] if days else None


def _lead_day(exprs: list[Expr], out: list[Resolution | None], sentences: list[int], dateline: Expr | None,
              text: str, published: dt.date | None) -> Period | None:
    """The day of the story's lead event: the first day named in its opening sentences, the dateline and the
    page's date line aside (they give the day of publication, not of the event)."""
    opening = 2
    for e, r, s in zip(exprs, out, sentences):
        if s > opening:
            break
        if e is dateline or r is None or r.period is None or r.vague or e.kind == "present":
            continue          # "now" is the article's date, not the day of the event the story leads with
        if published is not None and r.period.start == published and is_date_line(text, e):
            opening = s + 3       # the date line is a sentence of its own: the opening sentences follow it
            continue
        if r.period.unit == "day" and not r.period.span:
            return r.period
    return None


def _day_first(exprs: list[Expr]) -> bool:
    """The publisher's order for numeric dates: day first when its written dates put the day first."""
    day_first = sum(1 for e in exprs if e.kind == "date" and e.text.lstrip()[:1].isdigit() and not e.groups.get("n1"))
    month_first = sum(1 for e in exprs if e.kind == "date" and not e.text.lstrip()[:1].isdigit())
    numeric = [e for e in exprs if e.groups.get("n1") and not e.groups.get("ambiguous")]
    day_first += sum(1 for e in numeric if int(e.groups["n1"]) > 12)
    month_first += sum(1 for e in numeric if int(e.groups["n2"]) > 12)
    return day_first > month_first


def _fiscal_start(report: Report, sentence: int) -> int:
    """The month a financial year starts in, by the country of the sentence's actors and places."""
    table = vocab()["fiscal_year_start"]
    entities: list[Actor | Place] = [*report.actors, *report.places]
    for entity in entities:
        if entity.country in table and any(m.sentence == sentence for m in entity.mentions):
            return int(table[entity.country])
    return int(table["default"])
