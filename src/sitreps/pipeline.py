"""The orchestrator: one article in, one ``Report`` out. It reads like the algorithm.

    1. ingest     a file, page, URL or string becomes a RawArticle   (sitreps.ingest)
    2. clean      repairs, boilerplate out, title, byline, date line  (sitreps.clean)
    3. provenance authors, publisher, genre from the text's cues      (sitreps.provenance)
    4. language   a non-English article is reported, not mined        (sitreps.language)
    5. parse      spaCy, once per article; batched in extract_many    (sitreps.nlp)
    6. extract    stage 0 dates the article from its text if still undated; then each
                  step's backend reads the parse and earlier results  (sitreps.extract)
    7. report     the sitreps/1 object                                (sitreps.types)

The article is dated in steps 2-4, before any extractor runs: ``--published``
(given), else the page's metadata or URL, else its own date line ("Saturday,
August 30, 2008" under the title, "Published …" at the foot: inferred). Without
any of these, stage 0 of extraction infers the date from the body (dateline,
latest date mentioned) before the first extractor runs.

Steps 1-4 are cheap and run per article; step 5 is nearly all the cost, so
``extract_many`` prepares every article first and parses them with
``nlp.pipe`` in batches; on several processes each forked child does the
whole work for its chunk of articles (``sitreps.workers``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import gc
import hashlib
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from sitreps.clean import DateLine, clean
from sitreps.config import Settings
from sitreps.extract import EXTRACTORS, Extractor, pipeline
from sitreps.extract.times import date_article
from sitreps.ingest import RawArticle, from_text
from sitreps.language import detect_language
from sitreps.nlp import get_nlp, index_sentences, parse, span_text
from sitreps.provenance import read_provenance
from sitreps.resources import data_path
from sitreps.types import Article, PublishedBasis, Report, Sentence
from sitreps.workers import ChildTraceback, can_fork, ordered_map, portable

_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|$|[-_])")


@dataclass(slots=True)
class Prepared:
    """An article after steps 1-4, ready to parse."""

    article: Article
    warnings: list[str]

    @property
    def english(self) -> bool:
        return self.article.language == "en"


def prepare(raw: RawArticle, *, published: str | dt.date | None = None) -> Prepared:
    """Steps 2-4: clean the raw article and fill the article's metadata."""
    cleaned = clean(raw.text, detect_title=raw.title is None)
    provenance = read_provenance(cleaned.text.split("\n", 3), [r.text for r in cleaned.removed],
                                 byline=cleaned.byline)
    published_value, basis, note = _published(published, raw, cleaned.date_line)
    language, _ = detect_language(cleaned.text)
    article = Article(
        id=hashlib.sha256(cleaned.text.encode("utf-8")).hexdigest()[:16],
        text=cleaned.text,
        url=raw.url,
        title=raw.title or cleaned.title,
        authors=raw.authors or provenance.authors,
        publisher=raw.publisher or provenance.publisher,
        published=published_value,
        published_basis=basis,
        language=language,
        genre=raw.genre_hint or provenance.genre,  # type: ignore[arg-type]
        removed=cleaned.removed,
        repairs=cleaned.repairs,
    )
    warnings = list(raw.warnings) + ([note] if note else [])
    if not cleaned.text.strip():
        warnings.append("nothing but boilerplate: no article text left after cleaning")
    if language != "en":
        warnings.append(f"non-English text (detected language: {language}): extraction skipped")
    return Prepared(article, warnings)


def build_report(prepared: Prepared, doc: Doc | None, settings: Settings | None = None) -> Report:
    """Steps 6-7: date the article (stage 0), run the extractors over the parse and assemble the report.

    Stage 0 fixes the article's date before any extractor runs: every extractor reads it, none writes it.
    The extractors are the steps' chosen backends (``settings.extractors``; the shipped rules by default)."""
    report = Report(article=prepared.article, warnings=list(prepared.warnings))
    if doc is None:
        return report
    report.sentences = [Sentence(s.start_char, s.start_char + len(sentence.rstrip()))
                        for s in index_sentences(doc) if (sentence := span_text(s)).strip()]
    date_article(doc, report)
    for extractor in _extractors(settings):
        extractor(doc, report)
    return report


def _extractors(settings: Settings | None) -> list[Extractor]:
    choices = settings.extractors if settings is not None else ""
    return EXTRACTORS if not choices else pipeline(choices)


def process(raw: RawArticle, *, published: str | dt.date | None = None, settings: Settings | None = None) -> Report:
    """The whole pipeline for one article that ingest has read."""
    settings = settings or Settings.from_env()
    prepared = prepare(raw, published=published)
    doc = next(parse(get_nlp(settings.model), [prepared.article.text])) if prepared.english and prepared.article.text \
        else None
    return build_report(prepared, doc, settings)


def process_many(raws: Iterable[RawArticle], *, settings: Settings | None = None) -> Iterator[Report]:
    """Reports for many articles, parsed in batches; output order follows input order.

    The input is streamed: articles are read and prepared as ``nlp.pipe`` asks for text, so only the
    batches in flight (a few times ``batch_size`` per process) are held, whatever the input's length.
    With ``settings.n_process`` above 1, forked children prepare, parse and extract chunks of articles
    and send back finished reports (``sitreps.workers``); where fork is unsafe, spaCy's processes parse
    and this process extracts. An article that fails (or an input that cannot be read) ends the output
    with its error after the reports of every article before it, on any number of processes."""
    settings = settings or Settings.from_env()
    if settings.n_process > 1 and can_fork():
        yield from _process_forked(raws, settings)
    else:
        yield from _process_here(raws, settings)


def _process_here(raws: Iterable[RawArticle], settings: Settings) -> Iterator[Report]:
    """``process_many`` in this process (spaCy's ``n_process`` only parsing, when more than 1)."""
    nlp = get_nlp(settings.model)
    waiting: deque[Prepared] = deque()  # prepared, in input order, whose report is not yet out
    failed: list[Exception] = []  # an input that could not be read or prepared: raised after those before it

    def texts() -> Iterator[str]:
        try:
            for raw in raws:
                item = prepare(raw)
                waiting.append(item)
                if item.english and item.article.text:
                    yield item.article.text
        except Exception as error:
            failed.append(error)

    for doc in parse(nlp, texts(), batch_size=settings.batch_size, n_process=settings.n_process):
        while not (waiting[0].english and waiting[0].article.text):  # nothing to parse: reported as it is
            yield build_report(waiting.popleft(), None)
        report = build_report(waiting.popleft(), doc, settings)
        _settle()
        yield report
    while waiting:
        yield build_report(waiting.popleft(), None)
    if failed:
        raise failed[0]


_settled = False  # whether this process has frozen what it loaded for its first article


def _settle() -> None:
    """Once per process, after its first article is extracted: what that article loaded (the model, gazetteers,
    lexicons: some 300,000 objects the garbage collector tracks, kept for the life of the process) is moved out
    of the collector's sight (``gc.freeze``), so that a full collection, every 50 articles or so, no longer walks
    it (about 0.15 s each, 2-3% of a run). The young generations are collected first, so little garbage of
    that moment is kept for good. Forked children freeze what they inherit themselves (``sitreps.workers``)."""
    global _settled
    if not _settled:
        _settled = True
        gc.collect(1)
        gc.freeze()


CHILD_CHUNK = 8  # articles per task of a forked child: parsed as one batch (8 parse as fast as 32), small
#                  enough that the children finish together at the end of a short input


def _process_forked(raws: Iterable[RawArticle], settings: Settings) -> Iterator[Report]:
    """``process_many`` over ``settings.n_process`` forked children, each doing the whole work."""
    _warm(settings)
    failed: list[Exception] = []
    size = max(1, min(CHILD_CHUNK, settings.batch_size))

    def chunks() -> Iterator[list[RawArticle]]:
        chunk: list[RawArticle] = []
        try:
            for raw in raws:
                chunk.append(raw)
                if len(chunk) == size:
                    yield chunk
                    chunk = []
        except Exception as error:
            failed.append(error)
        if chunk:
            yield chunk

    child_settings = dataclasses.replace(settings, n_process=1)
    for reports, error in ordered_map(functools.partial(_reports_of, settings=child_settings), chunks(),
                                      processes=settings.n_process):
        yield from reports
        if error is not None:
            raise error[0] from ChildTraceback(error[1])
    if failed:
        raise failed[0]


def _reports_of(raws: list[RawArticle], settings: Settings) -> tuple[list[Report], tuple[Exception, str] | None]:
    """A forked child's task: the chunk's reports, and the error that stopped it (with its traceback)."""
    reports: list[Report] = []
    try:
        for report in _process_here(raws, settings):
            reports.append(report)
    except Exception as error:
        return reports, portable(error)
    return reports, None


def _warm(settings: Settings) -> None:
    """Load the model, data files and lexicons in this process before forking, so that every child
    inherits them (shared, copy-on-write) instead of loading its own copy: one sample article through
    the whole pipeline, once per process and choice of model and extractors."""
    _warm_once(settings.model, settings.extractors)


@functools.lru_cache(maxsize=4)
def _warm_once(model: str, extractors: str) -> None:
    settings = dataclasses.replace(Settings(), model=model, extractors=extractors)
    sample = from_text(data_path("sample/wire-kharkiv.txt").read_text(encoding="utf-8"), source="<sample>")
    try:
        list(_process_here([sample], settings))
    except Exception:  # noqa: S110 - a bad setting fails again, and is raised, on the first real article
        pass


def extract(text_or_html: str, *, url: str | None = None, published: str | dt.date | None = None,
            settings: Settings | None = None) -> Report:
    """Report for an article given as a string of text or HTML (the library's entry point)."""
    return process(from_text(text_or_html, url=url), published=published, settings=settings)


def extract_many(items: Iterable[str | RawArticle], *, settings: Settings | None = None) -> Iterator[Report]:
    """Reports for many articles (strings or ``RawArticle``), batched through ``nlp.pipe``."""
    raws = (item if isinstance(item, RawArticle) else from_text(item, source=f"<item {i}>")
            for i, item in enumerate(items))
    return process_many(raws, settings=settings)


def _published(given: str | dt.date | None, raw: RawArticle,
               date_line: DateLine | None) -> tuple[str | None, PublishedBasis, str | None]:
    """The article's date, its basis, and the note for ``warnings`` when it was read from the text.

    The user's date wins, then the page's metadata or URL, then the page's own date line; the
    times extractor infers one from the body only when none of these gave it."""
    if given:
        return parse_published(given), "given", None
    if raw.published:
        return raw.published[:10], "metadata", None
    match = _URL_DATE.search(raw.url or "")
    if match:
        try:
            return dt.date(*map(int, match.groups())).isoformat(), "metadata", None
        except ValueError:
            pass  # /2024/13/45/ is a path, not a date
    if date_line is not None:
        date = date_line.date.isoformat()
        kind = "an 'Updated' line: the article may be older" if date_line.label == "updated" else "date line"
        return date, "inferred", f"article date inferred from the text ({kind} {date_line.text!r}): {date}"
    return None, "unknown", None


def parse_published(value: str | dt.date) -> str:
    """An ISO date (YYYY-MM-DD) from a date or string; ``ValueError`` names what was wrong."""
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    try:
        return dt.date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        raise ValueError(f"not a date in the form YYYY-MM-DD: {value!r}") from None
